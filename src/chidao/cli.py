"""The ``chidao`` command: parse notices, and turn them into trackers, calendars and pages.

    chidao parse FILE|FOLDER|GLOB|- ... [--format jsonl|json|summary] [-o OUT] [--jobs N]
    chidao parse --sample --format summary
    chidao tasks FILE... --format csv|xlsx -o tasks.xlsx
    chidao calendar FILE... -o deadlines.ics
    chidao show FILE -o notice.html
    chidao schema

Every command that takes notices also takes the JSON Lines (or JSON) that ``chidao parse``
wrote, so a collection is parsed once. Errors are one line on stderr and a non-zero exit:
1 when some input failed (the others are still written), 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, NoReturn, Protocol, cast

from chidao import __version__
from chidao.batch import FileResult, expand_paths, load_directives, parse_bytes
from chidao.export.common import clause_markers, deadline_iso, notice_name, task_body
from chidao.models import Clause, Directive

__all__ = ["main"]

SAMPLE_NAME = "sample.txt"
_PROGRESS_MIN = 20  # files: fewer than this and no progress bar is shown


class _Bar(Protocol):
    def update(self, n: int = 1) -> object: ...
    def close(self) -> None: ...


class CliError(Exception):
    """A problem to report as one line, with an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line is one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# ---------------------------------------------------------------------------------------------
# Inputs


def sample_bytes() -> bytes:
    """The bundled sample notice (a Thông báo kết luận of a provincial People's Committee)."""
    return resources.files("chidao").joinpath("data", SAMPLE_NAME).read_bytes()


def _reference_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _inputs(args: argparse.Namespace, err: IO[str]) -> tuple[list[str], int]:
    """The files to read, after reporting arguments that match nothing; and the failure count."""
    specs: list[str] = list(args.files)
    if not specs and not args.sample:
        raise CliError("no input: give files, folders, globs, - for stdin, or --sample", 2)
    paths, errors = expand_paths(specs)
    for e in errors:
        print(f"chidao: {e}", file=err)
    return paths, len(errors)


def _results(
    args: argparse.Namespace, paths: list[str], *, jobs: int = 1, progress: bool = False
) -> Iterator[FileResult]:
    if args.sample:
        yield parse_bytes(f"chidao:{SAMPLE_NAME}", sample_bytes(), args.reference_date)
    if not paths:
        return
    bar = _progress(len(paths), progress)
    try:
        yield from _tap(load_directives(paths, jobs=jobs, reference_date=args.reference_date), bar)
    finally:
        if bar is not None:
            bar.close()


def _tap(results: Iterator[FileResult], bar: _Bar | None) -> Iterator[FileResult]:
    for r in results:
        if bar is not None:
            bar.update(1)
        yield r


def _progress(total: int, wanted: bool) -> _Bar | None:
    """A tqdm bar on stderr for long runs, when stderr is a terminal (or ``--progress``)."""
    if not wanted or total < _PROGRESS_MIN:
        return None
    from tqdm import tqdm

    # no monitor thread: with no other thread about, worker processes can be forked (fast)
    tqdm.monitor_interval = 0
    return cast(_Bar, tqdm(total=total, unit="notice", file=sys.stderr, dynamic_ncols=True, mininterval=0.2))


@contextlib.contextmanager
def _output(path: str | None, out: IO[str]) -> Iterator[IO[str]]:
    """``out`` for no path or ``-``; else the file, opened for writing (one-line error if it cannot be)."""
    if path in (None, "-"):
        yield out
        return
    assert path is not None
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None
    with fh:
        yield fh


def _check_writable(path: str) -> None:
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise CliError(f"{path}: cannot write (no such folder: {parent})")
    if Path(path).is_dir():
        raise CliError(f"{path}: is a folder; give a file name")


def _status(failed: int, written: int) -> int:
    """1 when an input failed or nothing came out, else 0."""
    return 1 if failed or not written else 0


# ---------------------------------------------------------------------------------------------
# chidao parse


def _wrap(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip(" ,;:") + "…"


def _outline(clauses: list[Clause], width: int, depth: int = 0) -> Iterator[str]:
    """The numbered skeleton: roman, numbered and lettered clauses; bullets are counted."""
    for c in clauses:
        if c.kind in ("bullet", "paragraph"):
            continue
        minor = sum(1 for k in c.children if k.kind in ("bullet", "paragraph"))
        extra = f"  (+{minor} {'item' if minor == 1 else 'items'})" if minor else ""
        name = c.heading or c.text.removeprefix(c.marker or "").strip()
        pad = "  " * (depth + 1)
        label = c.label or c.marker or "•"
        yield f"{pad}{label}  {_wrap(name, width - len(pad) - len(label) - len(extra) - 2)}{extra}"
        yield from _outline(c.children, width, depth + 1)


def summary(d: Directive, name: str = "", width: int | None = None) -> str:
    """A human-readable account of a parsed notice: meta, outline, tasks, deadlines, citations."""
    width = width or max(60, min(110, shutil.get_terminal_size((100, 24)).columns))
    m = d.meta
    lines: list[str] = []
    head = notice_name(d) or "(type and number not found)"
    lines.append(f"{name}: {head}" if name else head)
    facts = [
        ("issuer", m.issuer),
        ("place", m.place),
        ("issued", m.issued_date.isoformat() if m.issued_date else None),
        ("meeting", m.meeting_date.isoformat() if m.meeting_date else None),
    ]
    fact_line = " · ".join(f"{k} {v}" for k, v in facts if v)
    if fact_line:
        lines.append(f"  {fact_line}")
    if m.title:
        lines.append(f"  title: {_wrap(m.title, width - 9)}")
    if m.signer:
        who = " ".join(x for x in (m.signer.authority, m.signer.title, m.signer.name) if x)
        lines.append(f"  signed: {_wrap(who, width - 10)}")
    if m.addressees:
        lines.append(f"  to: {_wrap('; '.join(m.addressees), width - 6)}")
    n_clauses = sum(1 for _ in d.iter_clauses())
    outline = list(_outline(d.clauses, width))
    lines.append("")
    lines.append(f"Clauses: {len(outline)} numbered of {n_clauses} in all")
    lines.extend(outline or ["  (no numbered clauses)"])

    lines.append("")
    lines.append(f"Tasks: {len(d.tasks)}")
    markers = clause_markers(d)
    for t in d.tasks:
        where = t.clause_path or t.clause_label or "-"
        pad = " " * 8
        lines.append(f"  {where:<5} {_wrap(task_body(t, markers), width - 8)}")
        if t.actors:
            who = "; ".join(f"{a.name} ({a.role})" for a in t.actors)
            lines.append(f"{pad}who: {_wrap(who, width - 13)}")
        if t.verbs:
            lines.append(f"{pad}verbs: {_wrap(', '.join(t.verbs), width - 15)}")
        for dl in t.deadlines:
            when = " ".join(x for x in (deadline_iso(dl), dl.recurrence) if x) or "no date"
            lines.append(f"{pad}due: {dl.kind} {when} ({_wrap(dl.text, max(20, width - 30 - len(when)))})")
        if t.citations:
            lines.append(f"{pad}cites: {_wrap('; '.join(c.number or c.text for c in t.citations), width - 15)}")
        if t.urgency:
            lines.append(f"{pad}urgency: {', '.join(t.urgency)}")

    deadlines = [(t, dl) for t in d.tasks for dl in t.deadlines]
    lines.append("")
    lines.append(f"Deadlines: {len(deadlines)}")
    for t, dl in deadlines:
        when = deadline_iso(dl) or ("recurring" if dl.recurrence else "no date")
        where = t.clause_path or t.clause_label or "-"
        rule = f"  [{dl.recurrence}]" if dl.recurrence else ""
        lines.append(f"  {when:<16} {dl.kind:<9} {where:<5} {_wrap(dl.text, width - 35 - len(rule))}{rule}")

    lines.append("")
    lines.append(f"Citations: {len(d.citations)}")
    for c in d.citations:
        kind = str(c.doc_type) if c.doc_type else "?"
        date = f" of {c.date.isoformat()}" if c.date else ""
        issuer = f" ({c.issuer})" if c.issuer else ""
        lines.append(f"  {kind} {c.number or c.text}{date}{issuer}")

    if d.warnings:
        lines.append("")
        lines.append(f"Warnings: {len(d.warnings)}")
        for w in d.warnings:
            lines.append(f"  {w.severity}: {w.code}: {_wrap(w.message, width - len(w.code) - 14)}")
    return "\n".join(lines) + "\n"


def cmd_parse(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    if args.output not in (None, "-"):
        _check_writable(args.output)
    docs = _Tally(args, err)
    single = len(docs.paths) + int(args.sample) == 1
    with _output(args.output, out) as fh:
        # every format is streamed: each notice is written (and flushed) as soon as it is parsed
        for i, (name, d) in enumerate(docs):
            if args.format == "summary":
                fh.write(("\n" + "─" * 40 + "\n\n" if i else "") + summary(d, name))
            else:
                record = {"file": name, **d.model_dump(mode="json")}
                if args.format == "jsonl":
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:  # json: one object for one input, else a list
                    text = json.dumps(record, ensure_ascii=False, indent=2)
                    fh.write(text if single else ("[\n" if i == 0 else ",\n") + text)
            fh.flush()
        if args.format == "json" and (docs.ok or not single):
            fh.write("[]\n" if not docs.ok else "\n" if single else "\n]\n")
    return docs.status


# ---------------------------------------------------------------------------------------------
# chidao tasks / calendar / show / schema


class _Tally:
    """Directives streamed from results, counting what failed (reported as it happens)."""

    def __init__(self, args: argparse.Namespace, err: IO[str]) -> None:
        self.paths, self.failed = _inputs(args, err)
        self.ok = 0
        wanted = getattr(args, "progress", None)  # --progress / --no-progress; else when on a terminal
        progress = err.isatty() if wanted is None else bool(wanted)
        self._results = _results(args, self.paths, jobs=args.jobs, progress=progress)
        self._err = err

    def __iter__(self) -> Iterator[tuple[str, Directive]]:
        for r in self._results:
            if r.directive is None:
                self.failed += 1
                print(f"chidao: {r.error}", file=self._err, flush=True)
            else:
                self.ok += 1
                yield r.path, r.directive

    @property
    def status(self) -> int:
        return _status(self.failed, self.ok)


def cmd_tasks(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from chidao.export.tracker import task_rows, write_csv, write_xlsx

    fmt = args.format or ("xlsx" if args.output and args.output.lower().endswith(".xlsx") else "csv")
    if fmt == "xlsx" and args.output in (None, "-"):
        raise CliError("--format xlsx needs -o FILE.xlsx (a workbook is not written to a terminal)", 2)
    if args.output not in (None, "-"):
        _check_writable(args.output)
    docs = _Tally(args, err)
    rows = task_rows(docs, per=args.per)  # streamed: a row at a time, never every Directive at once
    if fmt == "xlsx":
        n = write_xlsx(rows, args.output)
    elif args.output in (None, "-"):
        n = write_csv(rows, out)
    else:
        with open(args.output, "w", encoding="utf-8-sig", newline="") as fh:
            n = write_csv(rows, fh)
    if args.output not in (None, "-"):
        print(f"chidao: wrote {n} rows from {docs.ok} notices to {args.output}", file=err)
    return docs.status


def cmd_calendar(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from chidao.export.calendar import build_calendar

    if args.output not in (None, "-"):
        _check_writable(args.output)
    docs = _Tally(args, err)
    build = build_calendar(docs, name=args.name, start_date=args.reference_date)
    for line in build.skipped:
        print(f"chidao: left out: {line}", file=err)
    data = build.calendar.to_ical()
    if args.output in (None, "-"):
        out.write(data.decode("utf-8"))
    else:
        Path(args.output).write_bytes(data)
        left = f" ({len(build.skipped)} deadlines without a date left out)" if build.skipped else ""
        print(f"chidao: wrote {build.events} events to {args.output}{left}", file=err)
    return docs.status


def cmd_show(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from chidao.export.html import render_html

    if args.file is None and not args.sample:
        raise CliError("no input: give one notice file, - for stdin, or --sample", 2)
    args.files = [args.file] if args.file is not None else []
    if args.output not in (None, "-"):
        _check_writable(args.output)
    args.jobs = 1
    docs = _Tally(args, err)
    first = next(iter(docs), None)
    if first is None:
        return 1
    name, d = first
    page = render_html(d, file=name)
    if args.output in (None, "-"):
        out.write(page)
    else:
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"chidao: wrote {args.output} ({len(d.tasks)} tasks, {len(d.citations)} citations)", file=err)
    return docs.status


def cmd_schema(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    schema = Directive.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    with _output(args.output, out) as fh:
        json.dump(schema, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return 0


# ---------------------------------------------------------------------------------------------
# The command line


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n if n else (os.cpu_count() or 1)


def _add_inputs(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    if many:
        p.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help="notice files (.txt, .html, .docx), folders (searched recursively), globs "
            "('notices/**/*.txt'), - for stdin, or .jsonl/.json written by chidao parse",
        )
        p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (0: one per CPU)")
    p.add_argument("--sample", action="store_true", help="also read the bundled sample notice")
    p.add_argument(
        "--reference-date",
        type=_reference_date,
        metavar="YYYY-MM-DD",
        help="the date that resolves dates written without a year",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chidao",
        description="Read Vietnamese government directive notices: who must do what, by when, citing what.",
    )
    parser.add_argument("--version", action="version", version=f"chidao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("parse", help="parse notices into JSON Lines, JSON or a readable summary")
    _add_inputs(p)
    p.add_argument(
        "-f",
        "--format",
        choices=("jsonl", "json", "summary"),
        default="jsonl",
        help="jsonl: one Directive a line with its file (default); json: indented; summary: for people",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: when stderr is a terminal and there are many files)",
    )
    p.set_defaults(run=cmd_parse)

    p = sub.add_parser("tasks", help="the task tracker table (CSV or xlsx)")
    _add_inputs(p)
    p.add_argument("-f", "--format", choices=("csv", "xlsx"), help="default: from -o's suffix, else csv")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (xlsx needs it)")
    p.add_argument(
        "--per",
        choices=("actor", "task"),
        default="actor",
        help="one row per task and actor (default, filterable by body) or per task",
    )
    p.set_defaults(run=cmd_tasks)

    p = sub.add_parser("calendar", help="deadlines as an iCalendar (.ics) file")
    _add_inputs(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--name", default="Thời hạn nhiệm vụ", help="the calendar's name")
    p.set_defaults(run=cmd_calendar)

    p = sub.add_parser("show", help="one self-contained HTML page with the notice highlighted")
    p.add_argument("file", nargs="?", metavar="FILE", help="one notice file, - for stdin, or a .json from parse")
    _add_inputs(p, many=False)
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("schema", help="the JSON Schema of Directive")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 some input failed, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a wrong command line (already reported)
        return exc.code if isinstance(exc.code, int) else 2
    if getattr(args, "command", None) is None:
        parser.print_help(sys.stderr)
        return 2
    out, err = sys.stdout, sys.stderr
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")
    try:
        code: int = args.run(args, out, err)
        out.flush()
        return code
    except CliError as exc:
        print(f"chidao: {exc}", file=err)
        return exc.code
    except KeyboardInterrupt:
        print("chidao: interrupted", file=err)
        return 130
    except BrokenPipeError:
        # the reader went away (chidao parse ... | head): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:  # never a traceback; CHIDAO_DEBUG=1 shows it
        if os.environ.get("CHIDAO_DEBUG"):
            raise
        print(f"chidao: internal error ({type(exc).__name__}: {exc}); set CHIDAO_DEBUG=1 for details", file=err)
        return 1


if __name__ == "__main__":
    sys.exit(main())
