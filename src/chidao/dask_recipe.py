"""Collections that outgrow one machine: chidao over a Dask cluster (``pip install 'chidao[dask]'``).

    from dask.distributed import Client
    from chidao.batch import expand_paths
    from chidao.dask_recipe import parse_bag, write_jsonl, write_tasks_parquet

    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    paths, missing = expand_paths(["/data/notices/**/*.txt"])
    bag = parse_bag(paths, npartitions=200)          # one record per file, parsed on the workers
    written, errors = write_jsonl(bag, "/data/parsed")   # /data/parsed/part-0.jsonl ...
    write_tasks_parquet(bag, "/data/tasks.parquet")  # pandas and pyarrow come with chidao[dask]

Records are those of ``chidao parse`` (``{"file": path, **directive}``); a file that fails
gives ``{"file": path, "error": "one line"}`` instead, so one bad file never sinks a
partition. The paths must be readable by the workers (a shared disk, or a mounted bucket).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from chidao.batch import FileResult, parse_path, to_record
from chidao.export.tracker import task_rows
from chidao.models import Directive

__all__ = ["parse_bag", "parse_record", "result_of", "task_records", "write_jsonl", "write_tasks_parquet"]


def parse_record(path: str, reference_date: dt.date | None = None) -> dict[str, Any]:
    """The record of one file: the parsed directive, or the error (never raises)."""
    r = parse_path(path, reference_date)
    if r.directive is None:
        return {"file": r.path, "error": r.error}
    return to_record(r)


def parse_bag(paths: Sequence[str], *, npartitions: int | None = None, reference_date: dt.date | None = None) -> Any:
    """A ``dask.bag.Bag`` of records, one per path, parsed lazily on the cluster's workers."""
    db: Any = importlib.import_module("dask.bag")  # the optional extra, loaded on use
    n = npartitions or max(1, min(len(paths), 100))
    return db.from_sequence(list(paths), npartitions=n).map(parse_record, reference_date=reference_date)


def _ok(record: dict[str, Any]) -> bool:
    return "error" not in record


def _failed(record: dict[str, Any]) -> bool:
    return "error" in record


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(bag: Any, out_dir: str | Path) -> tuple[list[str], list[str]]:
    """Write the parsed records as JSON Lines, one file per partition, in one pass.

    Returns ``(files written, error lines)``; files that failed are not written, their
    errors are returned. The output reads back with :func:`chidao.batch.read_jsonl`.
    """
    dask: Any = importlib.import_module("dask")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pattern = str(out / "part-*.jsonl")
    writes = bag.filter(_ok).map(_dumps).to_textfiles(pattern, compute=False, encoding="utf-8")
    errors = bag.filter(_failed).pluck("error")
    _, error_lines = dask.compute(writes, errors)
    files = sorted(str(p) for p in out.glob("part-*.jsonl"))
    return files, [str(e) for e in error_lines]


def task_records(records: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """The task tracker rows (``chidao tasks``) of a partition of records."""
    pairs: list[tuple[str, Directive]] = []
    for rec in records:
        if "error" in rec:
            continue
        data = dict(rec)
        name = str(data.pop("file", ""))
        pairs.append((name, Directive.model_validate(data)))
    return list(task_rows(pairs))


def write_tasks_parquet(bag: Any, path: str | Path) -> None:
    """Write the task tracker table as Parquet (a flat table, one row per task and actor).

    Needs ``dask[dataframe]`` and ``pyarrow``, which ``chidao[dask]`` installs.
    """
    missing = [m for m in ("pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        raise ImportError(
            f"Parquet output needs dask[dataframe] and pyarrow ({', '.join(missing)} not installed): "
            "pip install 'dask[dataframe]' pyarrow"
        )
    import pandas as pd

    from chidao.export.tracker import COLUMNS

    meta = pd.DataFrame({c.key: pd.Series(dtype="string") for c in COLUMNS})
    bag.map_partitions(task_records).to_dataframe(meta=meta).to_parquet(str(path), write_index=False)


def result_of(record: dict[str, Any]) -> FileResult:
    """A record back as a :class:`~chidao.batch.FileResult`."""
    data = dict(record)
    name = str(data.pop("file", ""))
    if "error" in data:
        return FileResult(name, error=str(data["error"]))
    return FileResult(name, directive=Directive.model_validate(data))
