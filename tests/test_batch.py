"""Many notices at once: parse_many, file walking, JSON Lines, and the Dask recipe."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from chidao import Directive, parse_directive, parse_many
from chidao.batch import (
    _ordered,
    expand_paths,
    load_directives,
    parse_path,
    parse_paths,
    read_jsonl,
    write_jsonl,
)
from conftest import ALL_FIXTURES, FIXTURES

NOTICE_FILES = sorted(str(p) for p in (FIXTURES / "notices").glob("*.txt"))
TEXTS = [text for _, text, _ in ALL_FIXTURES]


def _same(a: Directive, b: Directive) -> bool:
    return a.model_dump() == b.model_dump()


# --------------------------------------------------------------------------- parse_many


def test_parse_many_on_two_processes_gives_what_parse_directive_gives_in_input_order() -> None:
    texts = [*TEXTS, *reversed(TEXTS)]
    results = parse_many(texts, processes=2, chunksize=3)
    assert len(results) == len(texts)
    for text, got in zip(texts, results, strict=True):
        assert _same(got, parse_directive(text))


def test_parse_many_in_one_process_takes_bytes_and_strings_alike() -> None:
    text = TEXTS[0]
    a, b = parse_many([text, text.encode("utf-8")])
    assert a.text == b.text
    assert [c.id for c in a.iter_clauses()] == [c.id for c in b.iter_clauses()]


def test_parse_many_never_raises_on_hostile_text_and_keeps_every_result() -> None:
    texts = ["", "\x00" * 1000, "1." * 5000, "\ud800 lone surrogate", TEXTS[1]]
    results = parse_many(texts, processes=2, chunksize=1)
    # lone surrogates cannot be written as UTF-8: the parser replaces them, and says so
    assert [r.source for r in results] == [t.replace("\ud800", "\ufffd") for t in texts]
    assert any(w.code == "surrogates_replaced" for w in results[3].warnings)


def test_parse_many_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError):
        parse_many(["ok", 42])  # type: ignore[list-item]


def _square(x: int) -> int:
    return x * x


def _square_chunk_or_die(chunk: Sequence[int]) -> list[int]:
    if 13 in chunk:  # the worker dies hard, as on a segfault or the OOM killer
        os._exit(1)
    return [x * x for x in chunk]


def test_a_chunk_whose_worker_dies_is_redone_and_no_result_is_lost() -> None:
    items = list(range(40))
    got = list(_ordered(items, _square, _square_chunk_or_die, workers=2, chunksize=4))
    assert got == [x * x for x in items]


# --------------------------------------------------------------------------- files


def test_folders_are_walked_globs_expanded_and_duplicates_parsed_once(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.txt", "a/b/skip.png", "three.md"):
        (tmp_path / name).write_text("1. Một.", encoding="utf-8")
    paths, errors = expand_paths(
        [str(tmp_path / "a"), str(tmp_path / "**" / "*.md"), str(tmp_path / "a" / "one.txt"), "-"]
    )
    assert errors == []
    assert [Path(p).name for p in paths if p != "-"] == ["one.txt", "two.txt", "three.md"]
    assert paths[-1] == "-"


def test_arguments_that_match_nothing_are_each_one_line_of_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    paths, errors = expand_paths([str(tmp_path / "missing.txt"), str(tmp_path / "*.nothing"), str(tmp_path / "empty")])
    assert paths == []
    assert len(errors) == 3
    assert all("\n" not in e for e in errors)
    assert "no such file" in errors[0] and "no file matches" in errors[1] and "no notice files" in errors[2]


def test_a_binary_file_is_refused_with_one_line_and_a_folder_is_not_a_file(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    r = parse_path(str(pdf))
    assert r.directive is None and r.error is not None and "\n" not in r.error
    assert str(pdf) in r.error
    assert parse_path(str(tmp_path)).error is not None
    missing = parse_path(str(tmp_path / "nope.txt"))
    assert missing.error is not None and "cannot read" in missing.error


def test_a_failed_file_in_the_middle_of_a_pooled_run_loses_nothing_else(tmp_path: Path) -> None:
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    paths = [*NOTICE_FILES[:2], str(bad), *NOTICE_FILES[2:]]
    results = list(parse_paths(paths, jobs=2, chunksize=1))
    assert [r.path for r in results] == paths
    assert [r.ok for r in results] == [p != str(bad) for p in paths]
    for r in results:
        if r.directive is not None:
            assert _same(r.directive, parse_directive(Path(r.path).read_text(encoding="utf-8")))


def test_stdin_is_read_once_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    data = TEXTS[0].encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    results = list(parse_paths([NOTICE_FILES[0], "-"], jobs=2))
    assert results[1].path == "<stdin>" and results[1].directive is not None
    assert results[1].directive.text == parse_directive(TEXTS[0]).text


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines_read_back_to_the_same_directives_and_name_their_files(tmp_path: Path) -> None:
    out = io.StringIO()
    err = io.StringIO()
    written, failed = write_jsonl(parse_paths([*NOTICE_FILES, str(tmp_path / "gone.txt")]), out, err)
    assert (written, failed) == (len(NOTICE_FILES), 1)
    assert err.getvalue().count("\n") == 1 and "gone.txt" in err.getvalue()
    target = tmp_path / "parsed.jsonl"
    target.write_text(out.getvalue(), encoding="utf-8")
    back = list(read_jsonl(target))
    assert [r.path for r in back] == NOTICE_FILES
    for r in back:
        assert r.directive is not None
        assert _same(r.directive, parse_directive(Path(r.path).read_text(encoding="utf-8")))


def test_a_bad_json_line_is_an_error_for_that_line_only(tmp_path: Path) -> None:
    good = json.dumps({"file": "x.txt", **parse_directive("1. Một.").model_dump(mode="json")}, ensure_ascii=False)
    target = tmp_path / "mixed.jsonl"
    target.write_text(f"{good}\n{{not json\n\n[1, 2]\n{good}\n", encoding="utf-8")
    results = list(read_jsonl(target))
    assert [r.ok for r in results] == [True, False, False, True]
    assert results[1].error is not None and results[1].error.startswith(f"{target}:2:")


def test_load_directives_reads_parsed_output_back_instead_of_parsing_it(tmp_path: Path) -> None:
    d = parse_directive(TEXTS[0])
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps({"file": "orig.txt", **d.model_dump(mode="json")}) + "\n", encoding="utf-8")
    single = tmp_path / "one.json"
    single.write_text(json.dumps(d.model_dump(mode="json")), encoding="utf-8")
    results = list(load_directives([str(jsonl), NOTICE_FILES[0], str(single)]))
    assert [r.path for r in results] == ["orig.txt", NOTICE_FILES[0], str(single)]
    assert all(r.ok for r in results)
    assert results[0].directive is not None and _same(results[0].directive, d)


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_client():  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None, silence_logs=40
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_the_dask_recipe_writes_json_lines_that_read_back_like_chidao_parse(
    dask_client: object, tmp_path: Path
) -> None:
    from chidao.dask_recipe import parse_bag, write_jsonl

    bad = tmp_path / "missing.txt"
    paths = [*NOTICE_FILES, str(bad)]
    files, errors = write_jsonl(parse_bag(paths, npartitions=3), tmp_path / "out")
    assert len(files) == 3
    assert len(errors) == 1 and "missing.txt" in errors[0]
    back = [r for f in files for r in read_jsonl(f)]
    assert sorted(r.path for r in back) == NOTICE_FILES
    for r in back:
        assert r.directive is not None
        assert _same(r.directive, parse_directive(Path(r.path).read_text(encoding="utf-8")))


def test_the_dask_recipe_writes_the_task_table_as_parquet(dask_client: object, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from chidao.dask_recipe import parse_bag, write_tasks_parquet

    out = tmp_path / "tasks.parquet"
    write_tasks_parquet(parse_bag(NOTICE_FILES, npartitions=2), out)
    table = pq.read_table(str(out))
    expected = sum(len(parse_directive(Path(p).read_text(encoding="utf-8")).tasks) for p in NOTICE_FILES)
    assert table.num_rows >= expected > 0
