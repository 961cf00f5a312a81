"""The chidao command, end to end on the fixtures and on hand-made directives."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

import handmade
from chidao import Directive, parse_directive
from chidao.cli import main
from conftest import FIXTURES

NOTICES = FIXTURES / "notices"
NOTICE_FILES = sorted(str(p) for p in NOTICES.glob("*.txt"))
CHIDAO = Path(sys.executable).with_name("chidao")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def handmade_json(tmp_path: Path) -> Path:
    """The hand-made notice as ``chidao parse --format json`` would write it."""
    path = tmp_path / "handmade.json"
    record = {"file": "tb-283.txt", **handmade.notice().model_dump(mode="json")}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- parse


def test_parse_sample_summary_shows_the_outline_tasks_and_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", "--sample", "--format", "summary"], capsys)
    assert code == 0 and err == ""
    for section in ("Clauses:", "Tasks:", "Deadlines:", "Citations:"):
        assert f"\n{section}" in out
    assert "Đối với ổ dịch tại huyện Lục Ngạn và thành phố Bắc Giang" in out  # clause 1's heading


def test_the_summary_lists_actors_roles_deadlines_and_citations(
    handmade_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["parse", str(handmade_json), "--format", "summary"], capsys)
    assert code == 0
    assert out.startswith("tb-283.txt: Thông báo 283/TB-UBND ngày 27/08/2021")
    assert "who: Sở Y tế (lead); Sở Tài chính (coordinate)" in out
    assert "due: before 2021-08-28T17:00 (trước 17h00 ngày 28/8/2021)" in out
    assert "FREQ=DAILY;BYHOUR=16;BYMINUTE=0" in out
    assert "Công văn 167/CV-BCĐ of 2020-07-26" in out


def test_parse_a_folder_writes_one_json_line_per_notice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", str(NOTICES)], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(NOTICE_FILES)
    for line, path in zip(lines, NOTICE_FILES, strict=True):
        record = json.loads(line)
        assert record.pop("file") == path
        d = Directive.model_validate(record)
        assert d.model_dump() == parse_directive(Path(path).read_text(encoding="utf-8")).model_dump()


def test_parse_with_two_jobs_writes_what_one_job_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(["parse", str(NOTICES / "*.txt"), "-o", str(one)], capsys)[0] == 0
    assert run(["parse", str(NOTICES / "*.txt"), "-o", str(two), "--jobs", "2", "--progress"], capsys)[0] == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert len(one.read_text(encoding="utf-8").splitlines()) == len(NOTICE_FILES)


def test_a_long_run_shows_a_progress_bar_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(20):
        (tmp_path / f"{i:02}.txt").write_text(f"{i + 1}. Sở Y tế rà soát.", encoding="utf-8")
    code, out, err = run(["parse", str(tmp_path), "--progress", "--jobs", "2"], capsys)
    assert code == 0 and len(out.splitlines()) == 20
    assert "20/20" in err and "notice" in err


def test_a_missing_file_is_one_line_on_stderr_and_the_others_are_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["parse", NOTICE_FILES[0], str(tmp_path / "missing.txt"), NOTICE_FILES[1]], capsys)
    assert code == 1
    assert len(out.splitlines()) == 2
    assert err.count("\n") == 1 and "missing.txt" in err and err.startswith("chidao: ")


def test_unreadable_bytes_are_one_line_and_a_non_zero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "scan.pdf.txt"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 20)
    code, out, err = run(["parse", str(pdf)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and str(pdf) in err


def test_stdin_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(NOTICE_FILES[0]).read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    code, out, _ = run(["parse", "-", "--format", "json"], capsys)
    assert code == 0
    record = json.loads(out)
    assert record["file"] == "<stdin>" and record["text"] == parse_directive(text).text


def test_json_format_is_one_object_for_one_file_and_a_list_for_several(capsys: pytest.CaptureFixture[str]) -> None:
    _, one, _ = run(["parse", NOTICE_FILES[0], "--format", "json"], capsys)
    _, many, _ = run(["parse", *NOTICE_FILES[:2], "--format", "json"], capsys)
    assert isinstance(json.loads(one), dict)
    assert [r["file"] for r in json.loads(many)] == NOTICE_FILES[:2]


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "--sample", "--format", "yaml"],
        ["parse"],
        ["tasks", "--sample", "--format", "xlsx"],
        ["parse", "--sample", "--reference-date", "27/8/2021"],
        ["frobnicate"],
    ],
    ids=["unknown-format", "no-input", "xlsx-to-terminal", "bad-date", "unknown-command"],
)
def test_a_wrong_command_line_is_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_output_in_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["parse", "--sample", "-o", str(tmp_path / "no" / "such" / "out.jsonl")], capsys)
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err


def test_the_console_script_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    if not CHIDAO.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    done = subprocess.run(
        [str(CHIDAO), "parse", str(tmp_path / "nope.txt")], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"chidao: {tmp_path / 'nope.txt'}: no such file or folder"
    demo = subprocess.run(
        [str(CHIDAO), "parse", "--sample", "--format", "summary"], capture_output=True, timeout=60, check=False
    )
    assert demo.returncode == 0 and "Tasks:" in demo.stdout.decode("utf-8")


# --------------------------------------------------------------------------- tasks


def test_tasks_csv_on_the_fixtures_has_the_tracker_header_and_a_row_per_task(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["tasks", str(NOTICES), "--format", "csv"], capsys)
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    n_tasks = sum(len(parse_directive(Path(p).read_text(encoding="utf-8")).tasks) for p in NOTICE_FILES)
    assert len(rows) >= n_tasks
    assert {"notice_number", "clause", "actor", "role", "task", "deadline", "recurrence"} <= set(
        reader.fieldnames or []
    )
    assert {r["file"] for r in rows} <= set(NOTICE_FILES)


def test_tasks_xlsx_from_parsed_json_has_one_row_per_actor(
    handmade_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "tasks.xlsx"
    code, _, err = run(["tasks", str(handmade_json), "-o", str(target)], capsys)
    assert code == 0 and "wrote 6 rows from 1 notices" in err
    ws = load_workbook(target).active
    assert ws.max_row == 7 and ws.auto_filter.ref == "A1:P7" and ws.freeze_panes == "A2"
    actors = [ws.cell(row=r, column=7).value for r in range(2, 8)]
    assert actors[:3] == ["Sở Y tế", "Sở Tài chính", "Ủy ban nhân dân tỉnh"]


def test_tasks_csv_file_opens_in_excel_as_utf8(
    handmade_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tasks.csv"
    assert run(["tasks", str(handmade_json), "-o", str(target)], capsys)[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert "Sở Thông tin và Truyền thông" in raw.decode("utf-8-sig")


# --------------------------------------------------------------------------- calendar


def test_calendar_writes_one_event_per_dated_deadline_and_says_what_it_left_out(
    handmade_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deadlines.ics"
    code, _, err = run(["calendar", str(handmade_json), "-o", str(target)], capsys)
    assert code == 0
    assert "wrote 3 events" in err and "trong thời gian sớm nhất" in err
    cal = Calendar.from_ical(target.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 3
    assert [e.get("RRULE") is not None for e in events] == [False, True, False]
    assert events[0]["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"


def test_calendar_on_the_fixtures_is_a_valid_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "fixtures.ics"
    code, _, _ = run(["calendar", str(NOTICES), "-o", str(target)], capsys)
    assert code == 0
    cal = Calendar.from_ical(target.read_bytes())
    n_dated = sum(
        1
        for p in NOTICE_FILES
        for t in parse_directive(Path(p).read_text(encoding="utf-8")).tasks
        for dl in t.deadlines
        if dl.date is not None
    )
    assert len(cal.walk("VEVENT")) >= n_dated


# --------------------------------------------------------------------------- show, schema


def test_show_writes_one_page_with_the_highlights(
    handmade_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notice.html"
    code, _, err = run(["show", str(handmade_json), "-o", str(target)], capsys)
    assert code == 0 and "4 tasks" in err
    page = target.read_text(encoding="utf-8")
    assert page.count('class="ent actor') == 6 and page.count('class="ent deadline') == 4
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", page)  # nothing loaded or linked from elsewhere


def test_show_on_a_fixture_notice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", NOTICE_FILES[0]], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and 'id="notice"' in out


def test_schema_is_the_json_schema_of_directive(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0
    schema = json.loads(out)
    assert schema.pop("$schema").startswith("https://json-schema.org/")
    assert schema == Directive.model_json_schema()
    assert {"source", "text", "meta", "clauses", "tasks", "citations", "warnings"} <= set(schema["properties"])
