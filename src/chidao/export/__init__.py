"""Exports of parsed notices for the tools offices use: task trackers (CSV, xlsx),
calendars (iCalendar) and a readable HTML page."""

from __future__ import annotations

from chidao.export.calendar import build_calendar, write_ics
from chidao.export.html import render_html
from chidao.export.tracker import COLUMNS, task_rows, write_csv, write_xlsx

__all__ = ["COLUMNS", "build_calendar", "render_html", "task_rows", "write_csv", "write_ics", "write_xlsx"]
