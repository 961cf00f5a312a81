"""Many notices at once: files, folders and globs, process pools, JSON Lines.

* :func:`parse_many` parses a list of texts on ``processes`` worker processes; results come
  back in input order, one :class:`~chidao.models.Directive` per text.
* :func:`expand_paths` turns command-line arguments (files, folders, globs, ``-`` for stdin)
  into a sorted list of files, and says which arguments matched nothing.
* :func:`parse_paths` parses files (on a pool when ``jobs > 1``) and yields one
  :class:`FileResult` per file, in order, as soon as it and those before it are done. A file
  that cannot be read gives a result with ``error`` set; it never stops the run.
* :func:`write_jsonl` / :func:`read_jsonl`: one JSON record a line, ``{"file": ..., **directive}``.
"""

from __future__ import annotations

import datetime as dt
import gc
import glob
import json
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import IO, Any, TypeVar

from pydantic import ValidationError

from chidao.collector import collector_paused
from chidao.io import InputError, parse_file
from chidao.models import Directive
from chidao.pipeline import parse_directive

__all__ = [
    "NOTICE_SUFFIXES",
    "STDIN",
    "FileResult",
    "expand_paths",
    "load_directives",
    "parse_bytes",
    "parse_many",
    "parse_path",
    "parse_paths",
    "read_jsonl",
    "to_record",
    "write_jsonl",
]

STDIN = "-"
#: Files a folder is searched for (recursively). Files named explicitly may have any suffix.
NOTICE_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".html", ".htm", ".docx")
#: Outputs of ``chidao parse`` that the other commands read back instead of parsing again.
PARSED_SUFFIXES: tuple[str, ...] = (".jsonl", ".json")
_GLOB_CHARS = frozenset("*?[")

_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input file: a directive, or an error message (one line)."""

    path: str
    directive: Directive | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.directive is not None


# ---------------------------------------------------------------------------------------------
# Finding files


def _is_glob(spec: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in spec)


def _walk(folder: Path, suffixes: Sequence[str]) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if Path(f).suffix.lower() in suffixes)
    return found


def expand_paths(specs: Iterable[str], suffixes: Sequence[str] = NOTICE_SUFFIXES) -> tuple[list[str], list[str]]:
    """Files named by ``specs`` (files, folders searched recursively, globs, ``-``), and errors.

    Order follows the arguments; within a folder or a glob, paths are sorted. A file named
    twice is parsed once. Each error is one line naming the argument that matched nothing.
    """
    paths: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = p if p == STDIN else os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            paths.append(p)

    for spec in specs:
        if spec == STDIN:
            add(STDIN)
            continue
        p = Path(spec)
        if p.is_dir():
            hits = _walk(p, suffixes)
            if not hits:
                errors.append(f"{spec}: no notice files ({', '.join(suffixes)}) in this folder")
            for h in hits:
                add(h)
        elif p.exists():
            add(spec)
        elif _is_glob(spec):
            hits = sorted(h for h in glob.glob(spec, recursive=True) if Path(h).is_file())
            if not hits:
                errors.append(f"{spec}: no file matches this pattern")
            for h in hits:
                add(h)
        else:
            errors.append(f"{spec}: no such file or folder")
    return paths, errors


# ---------------------------------------------------------------------------------------------
# Reading one file


def _os_error_line(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _refused(name: str, d: Directive) -> FileResult:
    """A directive, unless the input was not text at all (then the decoder's reason, as an error)."""
    for w in d.warnings:
        if w.code == "binary_input" and w.severity == "error":
            return FileResult(name, error=f"{name}: {w.message}")
    return FileResult(name, directive=d)


def parse_bytes(name: str, data: bytes, reference_date: dt.date | None = None) -> FileResult:
    """Parse the bytes of one input; binary data (a PDF, an image) is refused with a one-line error."""
    try:
        d = parse_directive(data, reference_date=reference_date)
    except Exception as exc:  # parse_directive does not raise on bytes; belt and braces
        return FileResult(name, error=f"{name}: the parser failed ({type(exc).__name__}: {exc})")
    return _refused(name, d)


def parse_path(path: str, reference_date: dt.date | None = None) -> FileResult:
    """Read and parse one file (.txt, .html, .docx; ``-`` is stdin). Never raises."""
    if path == STDIN:
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            return FileResult(path, error=f"{path}: cannot read standard input ({exc})")
        return parse_bytes("<stdin>", data, reference_date)
    try:
        d = parse_file(path, reference_date=reference_date)
    except IsADirectoryError:
        return FileResult(path, error=f"{path}: is a folder, not a file")
    except OSError as exc:
        return FileResult(path, error=f"{path}: cannot read ({_os_error_line(exc)})")
    except InputError as exc:
        msg = str(exc).removeprefix(f"{Path(path).name}: ")
        return FileResult(path, error=f"{path}: {msg}")
    except Exception as exc:  # the contract: a failed file never stops the run
        return FileResult(path, error=f"{path}: the parser failed ({type(exc).__name__}: {exc})")
    return _refused(path, d)


# ---------------------------------------------------------------------------------------------
# Pools


def _context() -> BaseContext:
    """``fork`` when it is safe (no other threads): workers start in milliseconds.

    With threads about (a Dask client, a progress-bar monitor), forking can deadlock, so
    ``forkserver`` (or ``spawn`` where there is no fork) is used instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["chidao.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


def _chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _default_chunksize(n: int, workers: int) -> int:
    return max(1, min(32, -(-n // (workers * 8))))


def _ordered(
    items: Sequence[_T],
    one: Callable[[_T], _R],
    many: Callable[[Sequence[_T]], list[_R]],
    workers: int,
    chunksize: int | None,
) -> Iterator[_R]:
    """``one(item)`` for every item, in order, on ``workers`` processes (``many`` runs a chunk).

    At most ``4 * workers`` chunks are in flight, so memory stays bounded on long runs. A
    chunk whose worker died (the pool breaks) is redone here, item by item: nothing is lost.
    """
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield one(item)
        return
    size = chunksize or _default_chunksize(len(items), workers)
    chunks = _chunks(items, size)
    workers = min(workers, len(chunks))
    pending: deque[tuple[Sequence[_T], Future[list[_R]] | None]] = deque()
    todo = iter(chunks)
    ctx = _context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    broken = False

    def submit() -> None:
        chunk = next(todo, None)
        if chunk is None:
            return
        fut: Future[list[_R]] | None = None
        if not broken:
            try:
                fut = pool.submit(many, chunk)
            except Exception:  # BrokenProcessPool, RuntimeError after shutdown
                fut = None
        pending.append((chunk, fut))

    try:
        # Forked workers start at the first submit. Frozen objects are left out of the
        # children's garbage collections, which would otherwise touch (and so copy) every page
        # they inherit: the children would each run about a third slower.
        frozen = ctx.get_start_method() == "fork"
        if frozen:
            gc.freeze()
        try:
            for _ in range(workers * 4):
                submit()
        finally:
            if frozen:
                gc.unfreeze()
        while pending:
            chunk, fut = pending.popleft()
            try:
                if fut is None:
                    raise RuntimeError("no pool")
                results = fut.result()
            except Exception:
                broken = True
                results = [one(item) for item in chunk]
            yield from results
            submit()
    finally:
        # also when the consumer stops early (a closed pipe): drop the chunks not started
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# Texts


def _parse_text(item: tuple[str | bytes, dt.date | None]) -> Directive:
    text, reference_date = item
    return parse_directive(text, reference_date=reference_date)


def _parse_texts(chunk: Sequence[tuple[str | bytes, dt.date | None]]) -> list[Directive]:
    return [_parse_text(item) for item in chunk]


def parse_many(
    texts: Iterable[str | bytes],
    processes: int | None = 1,
    *,
    reference_date: dt.date | None = None,
    chunksize: int | None = None,
) -> list[Directive]:
    """Parse many notices; ``result[i]`` is ``parse_directive(texts[i])``.

    ``processes`` worker processes share the work (``None``: one per CPU; ``1``: here, in
    this process). Texts are sent in chunks of ``chunksize`` (default: about eight chunks a
    worker, at most 32 texts a chunk). Like :func:`parse_directive`, it never raises on text:
    a notice the parser chokes on gives a Directive with an error Diagnostic.

    >>> [len(d.clauses) for d in parse_many(["1. Một.\\n2. Hai.", "Không có mục nào"])]
    [2, 1]
    """
    items = [(t, reference_date) for t in texts]
    for t, _ in items:
        if not isinstance(t, str | bytes | bytearray):
            raise TypeError(f"parse_many() takes str or bytes texts, not {type(t).__name__}")
    workers = (os.cpu_count() or 1) if processes is None else max(1, processes)
    if workers <= 1:
        return [_parse_text(item) for item in items]
    with collector_paused():
        return list(_ordered(items, _parse_text, _parse_texts, workers, chunksize))


# ---------------------------------------------------------------------------------------------
# Files


def _parse_path_item(item: tuple[str, dt.date | None]) -> FileResult:
    return parse_path(*item)


def _parse_path_chunk(chunk: Sequence[tuple[str, dt.date | None]]) -> list[FileResult]:
    return [parse_path(*item) for item in chunk]


def parse_paths(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    reference_date: dt.date | None = None,
    chunksize: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """One :class:`FileResult` per path, in order, parsed on ``jobs`` processes.

    ``-`` (stdin) is read here, in this process. ``on_result`` is called as each result is
    yielded (a progress bar's ``update``).
    """
    items = [(p, reference_date) for p in paths if p != STDIN]
    stdin_result = parse_path(STDIN, reference_date) if STDIN in paths else None
    results = _ordered(items, _parse_path_item, _parse_path_chunk, jobs, chunksize)
    for p in paths:
        r = stdin_result if p == STDIN and stdin_result is not None else next(results)
        if on_result is not None:
            on_result(r)
        yield r


# ---------------------------------------------------------------------------------------------
# JSON Lines


def to_record(result: FileResult) -> dict[str, Any]:
    """The JSON Lines record of a parsed file: ``{"file": path, **directive}``."""
    if result.directive is None:
        raise ValueError(f"{result.path} was not parsed: {result.error}")
    return {"file": result.path, **result.directive.model_dump(mode="json")}


def write_jsonl(results: Iterable[FileResult], out: IO[str], errors: IO[str] | None = None) -> tuple[int, int]:
    """Write one line per parsed file, flushing each; report failures to ``errors``.

    Returns ``(written, failed)``.
    """
    written = failed = 0
    for r in results:
        if r.directive is None:
            failed += 1
            if errors is not None:
                print(f"chidao: {r.error}", file=errors, flush=True)
            continue
        out.write(json.dumps(to_record(r), ensure_ascii=False))
        out.write("\n")
        out.flush()
        written += 1
    return written, failed


def read_jsonl(path: str | Path) -> Iterator[FileResult]:
    """Read back what :func:`write_jsonl` wrote; a bad line gives a result with ``error``."""
    name = str(path)
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{name}:{n}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                source = str(record.pop("file", where))
                if "error" in record and len(record) == 1:  # a failure recorded by the Dask recipe
                    yield FileResult(source, error=f"{source}: {record['error']}")
                    continue
                yield FileResult(source, directive=Directive.model_validate(record))
            except (ValueError, ValidationError) as exc:
                yield FileResult(where, error=f"{where}: not a parsed notice ({_first_line(exc)})")


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _read_json(path: str) -> Iterator[FileResult]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        yield FileResult(path, error=f"{path}: not a parsed notice ({_first_line(exc)})")
        return
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        name = path if len(items) == 1 else f"{path}[{i}]"
        try:
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
            item = dict(item)
            name = str(item.pop("file", name))
            yield FileResult(name, directive=Directive.model_validate(item))
        except (ValueError, ValidationError) as exc:
            yield FileResult(name, error=f"{name}: not a parsed notice ({_first_line(exc)})")


def load_directives(
    paths: Sequence[str], *, jobs: int = 1, reference_date: dt.date | None = None
) -> Iterator[FileResult]:
    """Directives for ``paths``: notices are parsed; ``.jsonl``/``.json`` outputs of
    ``chidao parse`` are read back as they are. In order; failures give ``error``."""
    notices = [p for p in paths if Path(p).suffix.lower() not in PARSED_SUFFIXES or p == STDIN]
    parsed = parse_paths(notices, jobs=jobs, reference_date=reference_date)
    for p in paths:
        suffix = Path(p).suffix.lower()
        if p != STDIN and suffix == ".jsonl":
            try:
                yield from read_jsonl(p)
            except OSError as exc:
                yield FileResult(p, error=f"{p}: cannot read ({_os_error_line(exc)})")
        elif p != STDIN and suffix == ".json":
            yield from _read_json(p)
        else:
            yield next(parsed)
