"""Deadlines as an iCalendar file: one event per deadline, importable in Google Calendar and
Outlook (RFC 5545, with the VTIMEZONE of Asia/Ho_Chi_Minh).

* A deadline with a date and a time is an event of ``EVENT_MINUTES`` at that time; with a
  date only, an all-day event (over ``end_date`` too, for a range).
* A recurring deadline carries its ``RRULE``; when it has no date of its own it starts on
  the notice's date (issued, else meeting, else ``start_date``), at the RRULE's BYHOUR/BYMINUTE
  when it has them.
* A deadline that several tasks share (one sentence, one deadline) is one event listing them.
* A deadline with neither a date nor a recurrence ("trong thời gian sớm nhất") is left out
  and counted in :attr:`CalendarBuild.skipped`, with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur

from chidao.export.common import ROLE_LABELS, clause_markers, notice_date, notice_name, task_body
from chidao.models import Deadline, Directive, Task

__all__ = ["EVENT_MINUTES", "TIMEZONE", "CalendarBuild", "build_calendar", "write_ics"]

TIMEZONE = "Asia/Ho_Chi_Minh"
EVENT_MINUTES = 30
_SUMMARY_CHARS = 90
_PRODID = "-//chidao//Vietnamese directive deadlines//VI"


@dataclass
class CalendarBuild:
    calendar: Calendar
    events: int = 0
    skipped: list[str] = field(default_factory=list)  # one line per deadline left out


def _uid(file: str, dl: Deadline) -> str:
    key = f"{file}\x00{dl.span.start}:{dl.span.end}\x00{dl.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@chidao"


def _short(text: str, limit: int = _SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:") + "…"


def _summary(task: Task, body: str, more: int = 0) -> str:
    """``"Sở Y tế: rà soát ..."``; the task alone when it already names who does it."""
    doers = [a for a in task.actors if a.role in ("lead", "assignee", "requested")]
    what = _short(body) + (f" (+{more})" if more else "")
    if not doers or any(a.text and a.text in body[:120] for a in doers):
        return what
    return f"{', '.join(dict.fromkeys(a.name for a in doers))}: {what}"


def _task_lines(task: Task, body: str) -> list[str]:
    lines = [body]
    if task.clause_path or task.clause_label:
        lines.append(f"Mục: {task.clause_path or task.clause_label}")
    if task.actors:
        who = "; ".join(f"{a.name} ({ROLE_LABELS.get(a.role, a.role)})" for a in task.actors)
        lines.append(f"Thực hiện: {who}")
    if task.citations:
        lines.append("Dẫn chiếu: " + "; ".join(c.number or c.text for c in task.citations))
    return lines


def _description(d: Directive, file: str, tasks: list[tuple[Task, str]], dl: Deadline) -> str:
    lines: list[str] = []
    for i, (task, body) in enumerate(tasks):
        if i:
            lines.append("")
        lines.extend(_task_lines(task, body))
    lines += ["", f"Thời hạn: {dl.text}"]
    if dl.condition:
        lines.append(f"Điều kiện: {dl.condition}")
    lines.append(f"Văn bản: {notice_name(d, fallback=file)}")
    if d.meta.issuer:
        lines.append(f"Cơ quan ban hành: {d.meta.issuer}")
    lines.append(f"Tệp: {file}")
    return "\n".join(lines)


def _rrule(recurrence: str, start: dt.date | dt.datetime) -> vRecur | None:
    """The RRULE as icalendar's vRecur, or None when dateutil cannot read it."""
    body = recurrence.removeprefix("RRULE:")
    try:
        anchor = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
        rrulestr(f"RRULE:{body}", dtstart=anchor.replace(tzinfo=None))
        rule: vRecur = vRecur.from_ical(body)
        return rule
    except (ValueError, TypeError):
        return None


def _at(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, time.replace(tzinfo=None), tzinfo=tz)


def _rule_time(recurrence: str) -> dt.time | None:
    parts = dict(p.split("=", 1) for p in recurrence.split(";") if "=" in p)
    try:
        hour = int(parts["BYHOUR"].split(",")[0])
        minute = int(parts.get("BYMINUTE", "0").split(",")[0])
        return dt.time(hour, minute)
    except (KeyError, ValueError):
        return None


def _event(
    d: Directive,
    file: str,
    tasks: list[tuple[Task, str]],
    dl: Deadline,
    tz: ZoneInfo,
    stamp: dt.datetime,
    start_date: dt.date | None,
) -> Event | str:
    """The event for one deadline (of one or more tasks), or the reason it has none."""
    day = dl.date
    time = dl.time
    if day is None and dl.recurrence:
        day = notice_date(d) or start_date
        if day is None:
            return (
                f'{file}: "{_short(dl.text, 60)}" recurs but the notice has no date to start from '
                "(give one with --reference-date)"
            )
        time = time or _rule_time(dl.recurrence)
    if day is None:
        return f'{file}: "{_short(dl.text, 60)}" has no date'
    first, body = tasks[0]
    summary = _summary(first, body, more=len(tasks) - 1)
    ev = Event()
    ev.add("uid", _uid(file, dl))
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("description", _description(d, file, tasks, dl))
    ev.add("categories", ["chidao", dl.kind])
    start: dt.date | dt.datetime
    if time is not None:
        start = _at(day, time, tz)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
    else:
        start = day
        last = dl.end_date if dl.end_date and dl.end_date >= day else day
        ev.add("dtstart", day)
        ev.add("dtend", last + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    if dl.recurrence:
        rule = _rrule(dl.recurrence, start)
        if rule is None:
            return f'{file}: "{_short(dl.text, 60)}" has a recurrence that is not an RRULE ({dl.recurrence})'
        if dl.end_date and "UNTIL" not in rule and "COUNT" not in rule:
            # RFC 5545: UNTIL is in UTC when DTSTART has a time zone
            until = _at(dl.end_date, dt.time(23, 59), tz).astimezone(dt.UTC) if time is not None else None
            rule["UNTIL"] = until or dl.end_date
        ev.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(days=-1) if time is None else dt.timedelta(hours=-2))
    ev.add_component(alarm)
    return ev


def _by_deadline(d: Directive) -> dict[tuple[int, int, str], tuple[Deadline, list[tuple[Task, str]]]]:
    """Deadlines in order, each with the tasks it constrains (one deadline can hold several)."""
    markers = clause_markers(d)
    groups: dict[tuple[int, int, str], tuple[Deadline, list[tuple[Task, str]]]] = {}
    for task in d.tasks:
        body = task_body(task, markers)
        for dl in task.deadlines:
            key = (dl.span.start, dl.span.end, dl.text)
            if key not in groups:
                groups[key] = (dl, [])
            groups[key][1].append((task, body))
    return groups


def build_calendar(
    directives: Iterable[tuple[str, Directive]],
    *,
    name: str = "Thời hạn nhiệm vụ",
    stamp: dt.datetime | None = None,
    start_date: dt.date | None = None,
) -> CalendarBuild:
    """One VEVENT per deadline of ``(file name, directive)`` pairs.

    A deadline shared by several tasks is one event that lists them all. ``start_date``
    starts recurring deadlines of notices that have no date of their own; ``stamp`` is the
    DTSTAMP of every event (now, in UTC, by default).
    """
    tz = ZoneInfo(TIMEZONE)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIMEZONE)
    build = CalendarBuild(cal)
    for file, d in directives:
        for dl, tasks in _by_deadline(d).values():
            ev = _event(d, file, tasks, dl, tz, stamp, start_date)
            if isinstance(ev, str):
                build.skipped.append(ev)
                continue
            cal.add_component(ev)
            build.events += 1
    cal.add_missing_timezones()
    return build


def write_ics(build: CalendarBuild, path: str | Path) -> None:
    """Write the calendar (CRLF line endings and folding, as RFC 5545 wants)."""
    Path(path).write_bytes(build.calendar.to_ical())
