"""What the exports share: how a task, a deadline, a notice are named in a table or a calendar."""

from __future__ import annotations

import datetime as dt

from chidao.models import Clause, Deadline, Directive, Task

__all__ = [
    "ROLE_LABELS",
    "clause_markers",
    "clause_of",
    "deadline_iso",
    "first_dated",
    "notice_date",
    "notice_name",
    "notice_number",
    "task_body",
]

#: How a role reads in an office's tracker (Vietnamese), by the contract's role names.
ROLE_LABELS: dict[str, str] = {
    "lead": "chủ trì",
    "assignee": "được giao",
    "requested": "đề nghị",
    "coordinate": "phối hợp",
    "report_to": "nhận báo cáo",
    "supervise": "chỉ đạo",
    "beneficiary": "được hỗ trợ",
}


def notice_number(d: Directive) -> str:
    """``"283-TB/TU"``; the symbol alone (``"/TB-UBND"``) when the number was left blank."""
    if d.meta.number:
        return d.meta.number
    if d.meta.symbol:
        return f"/{d.meta.symbol}"
    return ""


def notice_date(d: Directive) -> dt.date | None:
    """The issue date, or the meeting date when the notice leaves the issue date blank."""
    return d.meta.issued_date or d.meta.meeting_date


def notice_name(d: Directive, fallback: str = "") -> str:
    """``"Thông báo 283-TB/TU ngày 27/08/2021"``: as a person would name the notice (with the
    meeting date, ``"(họp ngày 22/08/2021)"``, when the issue date is blank)."""
    parts = [str(d.meta.doc_type) if d.meta.doc_type else "", notice_number(d)]
    if d.meta.issued_date:
        parts.append(f"ngày {d.meta.issued_date:%d/%m/%Y}")
    elif d.meta.meeting_date:
        parts.append(f"(họp ngày {d.meta.meeting_date:%d/%m/%Y})")
    name = " ".join(p for p in parts if p)
    return name or fallback


def clause_markers(d: Directive) -> dict[str, str]:
    """Clause id -> the marker as written (``"2.3."``, ``"-"``), for clauses that have one."""
    return {c.id: c.marker for c in d.iter_clauses() if c.marker}


def _strip_marker(text: str, marker: str | None) -> str:
    if marker and text.startswith(marker):
        return text[len(marker) :].lstrip()
    return text


def task_body(task: Task, markers: dict[str, str]) -> str:
    """The task's text without its clause marker (``"- "``, ``"2.3."``): the column says where."""
    return _strip_marker(task.text, markers.get(task.clause_id)).strip()


def deadline_iso(dl: Deadline) -> str:
    """``"2021-08-23"``, or ``"2021-08-23T16:00"`` with a time; ``""`` without a date."""
    if dl.date is None:
        return ""
    if dl.time is None:
        return dl.date.isoformat()
    return f"{dl.date.isoformat()}T{dl.time:%H:%M}"


def first_dated(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline a tracker sorts by: the first with a date, else the first recurring one."""
    for dl in deadlines:
        if dl.date is not None:
            return dl
    for dl in deadlines:
        if dl.recurrence:
            return dl
    return deadlines[0] if deadlines else None


def clause_of(d: Directive) -> dict[str, Clause]:
    return {c.id: c for c in d.iter_clauses()}
