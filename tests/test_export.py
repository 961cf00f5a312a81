"""Exports: the task tracker (CSV, xlsx), the calendar (.ics) and the HTML page."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

import handmade
from chidao import parse_directive
from chidao.export.calendar import build_calendar
from chidao.export.html import _Mark, _markup, render_html
from chidao.export.tracker import COLUMNS, task_rows, write_csv, write_xlsx
from conftest import ALL_FIXTURES

NOTICE = handmade.notice()
HOSTILE = handmade.hostile()
STAMP = dt.datetime(2021, 8, 27, 1, 0, tzinfo=dt.UTC)

# --------------------------------------------------------------------------- tracker


def test_the_tracker_has_one_row_per_task_and_actor_so_a_body_can_filter_its_work() -> None:
    rows = list(task_rows([("tb.txt", NOTICE)]))
    assert len(rows) == sum(max(1, len(t.actors)) for t in NOTICE.tasks) == 6
    first = rows[0]
    assert first["notice_number"] == "283/TB-UBND" and first["notice_date"] == "2021-08-27"
    assert (first["clause"], first["actor"], first["role"]) == ("1", "Sở Y tế", "lead")
    assert first["task"].startswith("Sở Y tế chủ trì")  # the clause marker "1." is in its column
    assert first["verbs"] == "rà soát; báo cáo"
    assert first["deadline"] == "2021-08-28T17:00" and first["deadline_kind"] == "before"
    assert [r["role"] for r in rows[:3]] == ["lead", "coordinate", "report_to"]
    daily = rows[3]
    assert daily["deadline"] == "" and daily["recurrence"] == "FREQ=DAILY;BYHOUR=16;BYMINUTE=0"
    assert daily["citations"] == "167/CV-BCĐ"
    assert rows[4]["deadline"] == "2021-09-30" and rows[4]["urgency"] == "khẩn trương"


def test_per_task_puts_every_actor_of_a_task_in_one_cell() -> None:
    rows = list(task_rows([("tb.txt", NOTICE)], per="task"))
    assert len(rows) == len(NOTICE.tasks)
    assert rows[0]["actor"] == "Sở Y tế (lead); Sở Tài chính (coordinate); Ủy ban nhân dân tỉnh (report_to)"


def test_csv_cells_never_start_a_formula() -> None:
    out = io.StringIO()
    n = write_csv(task_rows([("h.txt", HOSTILE)]), out)
    back = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(back) == n == 2
    assert back[1]["actor"].startswith("'=HYPERLINK")
    assert list(back[0]) == [c.key for c in COLUMNS]
    assert back[0]["actor"] == HOSTILE.tasks[0].actors[0].name  # everything else is kept as it is


def test_the_xlsx_tracker_has_a_frozen_filtered_header_widths_and_real_dates(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "tasks.xlsx"
    n = write_xlsx(task_rows([("tb.txt", NOTICE), ("h.txt", HOSTILE)]), path)
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == [c.label for c in COLUMNS]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:P{n + 1}"
    task_col = [c.key for c in COLUMNS].index("task") + 1
    assert ws.column_dimensions["I"].width == COLUMNS[task_col - 1].width >= 60
    by_key = {c.key: i for i, c in enumerate(COLUMNS)}
    row2 = [c.value for c in ws[2]]
    assert row2[by_key["deadline"]] == dt.datetime(2021, 8, 28, 17, 0)
    assert row2[by_key["notice_date"]] == dt.datetime(2021, 8, 27)
    assert row2[by_key["role"]] == "chủ trì"
    hostile_actor = ws.cell(row=n + 1, column=by_key["actor"] + 1)
    assert hostile_actor.data_type == "s" and hostile_actor.value.startswith("=HYPERLINK")


def test_the_tracker_runs_on_every_fixture() -> None:
    pairs = [(name, parse_directive(text)) for name, text, _ in ALL_FIXTURES]
    rows = list(task_rows(pairs))
    assert len(rows) >= sum(len(d.tasks) for _, d in pairs)
    assert {r["file"] for r in rows} <= {name for name, _, _ in ALL_FIXTURES}


# --------------------------------------------------------------------------- calendar


def _events(build_cal: Calendar) -> list[object]:
    return list(Calendar.from_ical(build_cal.to_ical()).walk("VEVENT"))


def test_each_deadline_with_a_date_or_a_recurrence_is_one_event_read_back_by_icalendar() -> None:
    build = build_calendar([("tb.txt", NOTICE)], stamp=STAMP)
    assert build.events == 3
    assert len(build.skipped) == 1 and "trong thời gian sớm nhất" in build.skipped[0]
    cal = Calendar.from_ical(build.calendar.to_ical())
    assert cal["VERSION"] == "2.0" and cal.get("PRODID")
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    timed, daily, month = cal.walk("VEVENT")
    start = timed.decoded("DTSTART")
    assert start.replace(tzinfo=None) == dt.datetime(2021, 8, 28, 17, 0)
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert "Sở Y tế" in str(timed["SUMMARY"]) and "283/TB-UBND" in str(timed["DESCRIPTION"])
    assert daily["RRULE"]["FREQ"] == ["DAILY"] and daily["RRULE"]["BYHOUR"] == [16]
    assert daily.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2021, 8, 27, 16, 0)  # from the notice date
    assert month.decoded("DTSTART") == dt.date(2021, 9, 30)
    assert month.decoded("DTEND") == dt.date(2021, 10, 1)
    uids = [str(e["UID"]) for e in (timed, daily, month)]
    assert len(set(uids)) == 3


def test_event_ids_are_stable_from_one_run_to_the_next() -> None:
    a = [str(e["UID"]) for e in _events(build_calendar([("tb.txt", NOTICE)]).calendar)]  # type: ignore[index]
    b = [str(e["UID"]) for e in _events(build_calendar([("tb.txt", NOTICE)]).calendar)]  # type: ignore[index]
    assert a == b


def test_a_recurrence_that_is_not_an_rrule_is_left_out_with_its_reason() -> None:
    task = NOTICE.tasks[1]
    broken = task.deadlines[0].model_copy(update={"recurrence": "FREQ=SOMETIMES"})
    d = NOTICE.model_copy(update={"tasks": [task.model_copy(update={"deadlines": [broken]})]})
    build = build_calendar([("tb.txt", d)])
    assert build.events == 0 and "not an RRULE" in build.skipped[0]


def test_a_range_is_one_all_day_event_over_its_days() -> None:
    task = NOTICE.tasks[2]
    ranged = task.deadlines[0].model_copy(
        update={"kind": "from", "date": dt.date(2021, 9, 1), "end_date": dt.date(2021, 9, 15), "precision": "day"}
    )
    d = NOTICE.model_copy(update={"tasks": [task.model_copy(update={"deadlines": [ranged]})]})
    (event,) = _events(build_calendar([("tb.txt", d)]).calendar)
    assert event.decoded("DTSTART") == dt.date(2021, 9, 1)  # type: ignore[attr-defined]
    assert event.decoded("DTEND") == dt.date(2021, 9, 16)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- html


def _soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


class _TextOf(HTMLParser):
    """The exact text inside the element with ``id`` (BeautifulSoup folds blank runs between tags)."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or dict(attrs).get("id") == self.element_id:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _text_of(page: str, element_id: str = "notice") -> str:
    parser = _TextOf(element_id)
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def test_the_page_shows_the_notice_text_exactly_with_its_highlights() -> None:
    page = render_html(NOTICE, file="tb.txt")
    soup = _soup(page)
    assert _text_of(page) == NOTICE.text
    actors = [m.get_text() for m in soup.select("mark.actor")]
    assert actors == [a.text for t in NOTICE.tasks for a in t.actors if a.span]
    assert [m.get_text() for m in soup.select("mark.deadline")] == [dl.text for t in NOTICE.tasks for dl in t.deadlines]
    assert [m.get_text() for m in soup.select("mark.verb")] == [v for t in NOTICE.tasks for v in t.verbs]
    assert [m.get_text() for m in soup.select("mark.cite")] == [c.text for c in NOTICE.citations]
    assert [m.get_text() for m in soup.select("mark.urgent")] == ["khẩn trương"]
    assert len(soup.select("#tasks li.task-item")) == len(NOTICE.tasks)
    assert len(soup.select(".clause")) == sum(1 for _ in NOTICE.iter_clauses())
    for link in soup.select("a.go"):
        assert soup.find(id=link["href"][1:]) is not None


def test_the_page_escapes_everything_and_loads_nothing_from_elsewhere() -> None:
    page = render_html(HOSTILE, file='<img src=x onerror="alert(1)">.txt')
    soup = _soup(page)
    assert len(soup.find_all("script")) == 1  # its own, inline
    assert soup.find("img") is None and soup.find("b", string="đặc biệt") is None
    assert _text_of(page) == HOSTILE.text
    for tag in soup.find_all(True):
        for attr in ("src", "href"):
            value = tag.get(attr)
            assert value is None or str(value).startswith("#")
    assert "default-src 'none'" in page


def test_the_page_renders_every_fixture_with_its_text_intact() -> None:
    for name, text, _ in ALL_FIXTURES:
        d = parse_directive(text)
        assert _text_of(render_html(d, file=name)) == d.text, name


_TEXT = "Sở Y tế chủ trì, phối hợp với Sở Tài chính <rà soát> & báo cáo trước ngày 28/7/2020."


@st.composite
def _marks(draw: st.DrawFn) -> list[_Mark]:
    n = len(_TEXT)
    out = []
    for i in range(draw(st.integers(0, 12))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n))
        layer = draw(st.integers(0, 7))
        out.append(_Mark(min(a, b), max(a, b), layer, f'<i data-n="{i}">', "</i>"))
    return out


@given(_marks())
def test_any_marks_even_crossing_ones_keep_the_text_and_nest_properly(marks: list[_Mark]) -> None:
    html = _markup(_TEXT, marks)
    assert _text_of(f'<div id="t">{html}</div>', "t") == _TEXT
    soup = _soup(html)
    kept = soup.find_all("i")
    for tag in kept:
        m = marks[int(tag["data-n"])]
        assert tag.get_text() == _TEXT[m.start : m.end]
    nonempty = [m for m in marks if m.start < m.end]
    if nonempty:
        assert kept  # the first mark always opens


@pytest.mark.parametrize("directive", [NOTICE, HOSTILE], ids=["notice", "hostile"])
def test_html_export_is_utf8_and_one_document(directive: object) -> None:
    page = render_html(directive, file="x")  # type: ignore[arg-type]
    page.encode("utf-8")
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")


def test_a_deadline_shared_by_two_tasks_is_one_event_that_lists_both() -> None:
    first, second = NOTICE.tasks[0], NOTICE.tasks[2]
    shared = second.model_copy(update={"deadlines": first.deadlines})
    d = NOTICE.model_copy(update={"tasks": [first, shared]})
    (event,) = _events(build_calendar([("tb.txt", d)]).calendar)
    text = str(event["DESCRIPTION"])  # type: ignore[index]
    assert "Sở Y tế chủ trì" in text and "Sở Thông tin và Truyền thông khẩn trương" in text
    assert str(event["SUMMARY"]).endswith("(+1)")  # type: ignore[index]


def test_a_recurring_deadline_of_an_undated_notice_starts_on_the_date_given() -> None:
    undated = NOTICE.model_copy(update={"meta": NOTICE.meta.model_copy(update={"issued_date": None})})
    assert build_calendar([("tb.txt", undated)]).events == 2  # the daily one cannot start
    build = build_calendar([("tb.txt", undated)], start_date=dt.date(2021, 9, 6))
    daily = [e for e in _events(build.calendar) if "RRULE" in e]  # type: ignore[operator]
    assert daily[0].decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2021, 9, 6, 16, 0)  # type: ignore[attr-defined]
