"""The task tracker an office keeps: one row per task and responsible body, as CSV or xlsx.

Columns (``COLUMNS``): the notice (file, type, number, date, issuer), the clause, the actor
and its role, the task, its verbs, its deadline (ISO date/time, kind, as written), recurrence
(RRULE), urgency words and the documents it cites. ``per="task"`` gives one row per task
with every actor in one cell instead.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from chidao.export.common import (
    ROLE_LABELS,
    clause_markers,
    deadline_iso,
    first_dated,
    notice_date,
    notice_number,
    task_body,
)
from chidao.models import ActorRef, Directive, Task

__all__ = ["COLUMNS", "Column", "task_rows", "write_csv", "write_xlsx"]

Per = Literal["actor", "task"]


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header and the row dict key
    label: str  # the xlsx header (Vietnamese, as an office reads it)
    width: float  # xlsx column width, in characters
    wrap: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("file", "Tệp", 18),
    Column("notice_type", "Loại văn bản", 12),
    Column("notice_number", "Số, ký hiệu", 16),
    Column("notice_date", "Ngày văn bản", 12),
    Column("issuer", "Cơ quan ban hành", 22, wrap=True),
    Column("clause", "Mục", 8),
    Column("actor", "Cơ quan, người thực hiện", 30, wrap=True),
    Column("role", "Vai trò", 12),
    Column("task", "Nhiệm vụ", 70, wrap=True),
    Column("verbs", "Động từ", 20, wrap=True),
    Column("deadline", "Thời hạn", 16),
    Column("deadline_kind", "Loại thời hạn", 10),
    Column("deadline_text", "Thời hạn (nguyên văn)", 28, wrap=True),
    Column("recurrence", "Định kỳ (RRULE)", 24),
    Column("urgency", "Mức độ khẩn", 14),
    Column("citations", "Văn bản dẫn chiếu", 28, wrap=True),
)
_KEYS = tuple(c.key for c in COLUMNS)


def _actor_cell(actors: list[ActorRef]) -> str:
    return "; ".join(f"{a.name} ({a.role})" for a in actors)


def _task_cells(d: Directive, task: Task, markers: dict[str, str], file: str) -> dict[str, str]:
    main = first_dated(task.deadlines)
    day = notice_date(d)
    return {
        "file": file,
        "notice_type": str(d.meta.doc_type) if d.meta.doc_type else "",
        "notice_number": notice_number(d),
        "notice_date": day.isoformat() if day else "",
        "issuer": d.meta.issuer or "",
        "clause": task.clause_path or task.clause_label or "",
        "task": task_body(task, markers),
        "verbs": "; ".join(task.verbs),
        "deadline": deadline_iso(main) if main else "",
        "deadline_kind": main.kind if main else "",
        "deadline_text": "; ".join(dl.text for dl in task.deadlines),
        "recurrence": next((dl.recurrence for dl in task.deadlines if dl.recurrence), ""),
        "urgency": ", ".join(task.urgency),
        "citations": "; ".join(c.number or c.text for c in task.citations),
    }


def task_rows(directives: Iterable[tuple[str, Directive]], *, per: Per = "actor") -> Iterator[dict[str, str]]:
    """Rows of the tracker, keyed by ``Column.key``, all values strings ("" when absent).

    ``directives`` are ``(file name, directive)`` pairs. With ``per="actor"`` (the default),
    a task with three actors gives three rows, so filtering on one body lists its work; a
    task without actors gives one row with an empty actor.
    """
    for file, d in directives:
        markers = clause_markers(d)
        for task in d.tasks:
            cells = _task_cells(d, task, markers, file)
            if per == "task" or not task.actors:
                yield {**cells, "actor": _actor_cell(task.actors), "role": ""}
                continue
            for actor in task.actors:
                yield {**cells, "actor": actor.name, "role": actor.role}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(rows: Iterable[dict[str, str]], out: IO[str]) -> int:
    """Write the rows as CSV with a header of column keys; returns the number of rows.

    Open ``out`` with ``newline=""`` (and ``encoding="utf-8-sig"`` so Excel reads the
    Vietnamese right).
    """
    writer = csv.DictWriter(out, fieldnames=_KEYS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_safe(row.get(k, "")) for k in _KEYS})
        n += 1
    return n


def _cell_value(key: str, value: str) -> Any:
    """Dates as real dates so the sheet sorts and filters them; text as text."""
    if not value:
        return None
    if key == "notice_date":
        return dt.date.fromisoformat(value)
    if key == "deadline":
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if key == "role":
        return ROLE_LABELS.get(value, value)
    return value


def write_xlsx(rows: Iterable[dict[str, str]], path: str | Path, *, title: str = "Nhiệm vụ") -> int:
    """Write the rows as an xlsx workbook: a bold, frozen header row with filters, column
    widths that fit, wrapped long text, dates as dates. Returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([c.label for c in COLUMNS])
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    n = 0
    for r, row in enumerate(rows, start=2):
        n += 1
        for col, column in enumerate(COLUMNS, start=1):
            value = _cell_value(column.key, row.get(column.key, ""))
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrap if column.wrap else top
    for col, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, n + 1)}"
    ws.freeze_panes = "A2"
    wb.properties.title = "chidao: nhiệm vụ"
    wb.properties.creator = "chidao"
    wb.save(str(path))
    return n
