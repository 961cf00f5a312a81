"""Deadlines: time constraints on tasks, resolved to dates, times and RRULEs."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

import gold_score
from chidao import parse_directive
from chidao.document import Context
from chidao.extract import deadlines as extractor
from chidao.extract.deadlines import find_deadlines
from chidao.models import Deadline, Directive, DocumentMeta
from chidao.pipeline import build_document
from conftest import ALL_FIXTURES, DEV, SEEDS, corpus_rows

REFERENCE = dt.date(2021, 8, 27)


def _deadlines(d: Directive) -> list[Deadline]:
    seen: dict[tuple[int, int], Deadline] = {}
    for task in d.tasks:
        for x in task.deadlines:
            seen.setdefault((x.span.start, x.span.end), x)
    return sorted(seen.values(), key=lambda x: x.span.start)



def _opt(cell: str) -> str | None:
    return None if cell == "-" else cell


def _hhmm(t: dt.time | None) -> str | None:
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


# ---------------------------------------------------------------------------------------------
# The fixtures and the gold.
# ---------------------------------------------------------------------------------------------


def _f1(pairs: list[tuple[str, str, dict[str, object]]]) -> float:
    tally = gold_score.Tally()
    for _, text, gold in pairs:
        gold_score.score_deadlines(parse_directive(text), gold, tally, [])
    return tally.f1()


def test_seed_deadlines_score_at_least_095() -> None:
    assert _f1(SEEDS) >= 0.95


def test_dev_deadlines_score_at_least_090() -> None:
    assert _f1(DEV) >= 0.90


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES, ids=[n for n, _, _ in ALL_FIXTURES])
def test_every_deadline_span_indexes_the_text_and_every_rrule_parses(name: str, text: str, gold: dict) -> None:
    d = parse_directive(text)
    for x in _deadlines(d):
        assert d.text[x.span.start : x.span.end] == x.text
        assert x.rule
        if x.recurrence:
            rrulestr(x.recurrence, dtstart=dt.datetime(2021, 1, 1))


def test_report_before_a_time_on_a_date_is_a_before_deadline_with_both() -> None:
    d = parse_directive(SEEDS[0][1])
    found = [(x.kind, x.date, _hhmm(x.time)) for x in _deadlines(d)]
    assert ("before", dt.date(2020, 7, 28), "17:00") in found
    assert ("before", dt.date(2020, 7, 29), "17:00") in found


def test_daily_report_regime_and_its_hour_make_one_recurring_deadline() -> None:
    d = parse_directive(SEEDS[0][1])
    daily = [x for x in _deadlines(d) if x.kind == "recurring"]
    assert [(x.recurrence, x.text) for x in daily] == [("FREQ=DAILY;BYHOUR=16;BYMINUTE=0", "trước 16h00' hằng ngày")]


def test_end_condition_is_attached_to_the_recurring_deadline_it_follows() -> None:
    text = (
        "1. Gửi báo cáo về Thường trực Tỉnh ủy trước 16h hằng ngày"
        " cho đến khi dịch bệnh Covid - 19 được khống chế.\n"
    )
    (x,) = _deadlines(parse_directive(text, reference_date=REFERENCE))
    assert x.kind == "recurring"
    assert x.recurrence == "FREQ=DAILY;BYHOUR=16;BYMINUTE=0"
    assert x.condition == "dịch bệnh Covid - 19 được khống chế"
    assert x.text.endswith("được khống chế")


# ---------------------------------------------------------------------------------------------
# The corpus: examples as data.
# ---------------------------------------------------------------------------------------------

POSITIVE = corpus_rows("deadlines_positive.tsv")
NEGATIVE = corpus_rows("deadlines_negative.tsv")


@pytest.mark.parametrize("row", POSITIVE, ids=[r[0][:50] for r in POSITIVE])
def test_corpus_sentence_gives_its_one_deadline(row: list[str]) -> None:
    sentence, kind, date, hhmm, rec, precision, end = row
    d = parse_directive(f"1. {sentence}\n", reference_date=REFERENCE)
    found = _deadlines(d)
    assert len(found) == 1, [(x.text, x.kind) for x in found]
    (x,) = found
    assert x.kind == kind
    assert (str(x.date) if x.date else None) == _opt(date)
    assert _hhmm(x.time) == _opt(hhmm)
    assert x.recurrence == _opt(rec)
    assert x.precision == _opt(precision)
    assert (str(x.end_date) if x.end_date else None) == _opt(end)
    assert x.text in sentence.replace("’", "'")


@pytest.mark.parametrize("row", NEGATIVE, ids=[r[0][:50] for r in NEGATIVE])
def test_corpus_sentence_gives_no_deadline(row: list[str]) -> None:
    d = parse_directive(f"1. {row[0]}\n", reference_date=REFERENCE)
    assert [(x.text, x.kind, x.rule) for x in _deadlines(d)] == []


# ---------------------------------------------------------------------------------------------
# Years, impossible dates, durations, time zone.
# ---------------------------------------------------------------------------------------------


def test_year_of_a_partial_date_is_inferred_from_the_notice_with_a_warning() -> None:
    text = "Ngày 20/8/2021, Ban Chỉ đạo tỉnh kết luận:\n\n1. Sở Y tế báo cáo trước ngày 5/9.\n"
    d = parse_directive(text)
    (x,) = _deadlines(d)
    assert x.date == dt.date(2021, 9, 5)
    assert x.year_inferred
    assert any(w.code == "deadline_year_inferred" and w.span == x.span for w in d.warnings)


def test_reference_date_overrides_year_inference_and_is_not_a_guess() -> None:
    text = "Ngày 20/8/2021, Ban Chỉ đạo tỉnh kết luận:\n\n1. Sở Y tế báo cáo trước ngày 5/9.\n"
    d = parse_directive(text, reference_date=dt.date(2023, 8, 1))
    (x,) = _deadlines(d)
    assert x.date == dt.date(2023, 9, 5)
    assert not x.year_inferred
    assert not any(w.code == "deadline_year_inferred" for w in d.warnings)


def test_a_date_early_in_the_year_after_a_december_notice_falls_in_the_next_year() -> None:
    d = parse_directive("1. Báo cáo trước ngày 10/01.\n", reference_date=dt.date(2021, 12, 20))
    assert [x.date for x in _deadlines(d)] == [dt.date(2022, 1, 10)]


def test_impossible_date_gives_a_diagnostic_and_no_date() -> None:
    d = parse_directive("1. Sở Y tế báo cáo trước ngày 31/2/2021.\n")
    (x,) = _deadlines(d)
    assert x.date is None
    assert x.kind == "before"
    assert any(w.code == "deadline_impossible_date" for w in d.warnings)


def test_impossible_time_gives_a_diagnostic_and_no_time() -> None:
    d = parse_directive("1. Sở Y tế báo cáo trước 27h00 ngày 5/9/2021.\n")
    (x,) = _deadlines(d)
    assert x.time is None
    assert x.date == dt.date(2021, 9, 5)
    assert any(w.code == "deadline_impossible_time" for w in d.warnings)


def test_business_days_from_signature_resolve_from_the_issue_date() -> None:
    doc = build_document("1. Gửi báo cáo trong 03 ngày làm việc kể từ ngày ký.\n")
    ctx = Context(meta=DocumentMeta(issued_date=dt.date(2021, 8, 27)))  # a Friday
    (x,) = find_deadlines(doc, ctx, [])
    assert (x.kind, x.duration, x.business_days, x.anchor) == ("within", "P3D", True, "kể từ ngày ký")
    assert x.date == dt.date(2021, 9, 1)


def test_within_days_without_a_known_anchor_keeps_the_duration_and_no_date() -> None:
    (x,) = _deadlines(parse_directive("1. Các đơn vị báo cáo trong vòng 07 ngày.\n"))
    assert (x.kind, x.duration, x.date) == ("within", "P7D", None)


def test_deadlines_before_the_notice_own_date_are_history() -> None:
    doc = build_document("1. Các tỉnh đã hoàn thành trước ngày 15/8/2021 việc tiêm vắc xin.\n")
    ctx = Context(meta=DocumentMeta(issued_date=dt.date(2021, 8, 27)))
    assert find_deadlines(doc, ctx, []) == []


def test_recurrence_read_in_vietnam_time_gives_the_local_hour() -> None:
    (x,) = _deadlines(parse_directive("1. Gửi báo cáo trước 16h00 hằng ngày.\n"))
    assert x.recurrence is not None
    start = dt.datetime(2021, 8, 27, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    first = rrulestr(x.recurrence, dtstart=start)[0]
    assert (first.hour, first.minute, first.utcoffset()) == (16, 0, dt.timedelta(hours=7))


# ---------------------------------------------------------------------------------------------
# Robustness and speed.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1. " + "trước ngày 1/1/2021 " * 5_000,
        "1. " + "1/" * 100_000,
        "1. " + "hằng ngày " * 10_000,
        "1. " + "ngày " * 100_000 + "5",
        "1. " + "9" * 1_000_000,
        "1. trước " + " " * 100_000 + "17h",
        "1. cho đến khi " + "a" * 1_000_000,
        "1. từ ngày 99/99/9999 đến ngày 00/00/0000, trước 99h99 ngày 0/13, Quý IX năm 0000.",
    ],
    ids=["many-deadlines", "slashes", "many-daily", "many-ngay", "digits", "spaces", "condition", "nonsense"],
)
def test_hostile_text_never_raises_and_stays_linear(text: str) -> None:
    doc = build_document(text)
    ctx = Context()
    start = time.perf_counter()
    found = find_deadlines(doc, ctx, [])
    assert time.perf_counter() - start < 15  # 5 000 deadlines take ~1 s: linear, not quadratic
    assert not any(w.code == "deadlines_failed" for w in ctx.diagnostics)
    for x in found:
        assert doc.text[x.span.start : x.span.end] == x.text


def test_fast_scan_finds_what_a_full_scan_finds_on_every_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(g: extractor._Grammar, folded: str, lo: int, hi: int, triggers: object) -> list:  # type: ignore[type-arg]
        out, pos = [], lo
        while pos < hi:  # what finditer over one alternation of the shapes gives
            m = extractor._match(g, folded, pos, hi)
            if m is None:
                pos += 1
            else:
                out.append(m)
                pos = max(m.end(), pos + 1)
        return out

    def everywhere(g: extractor._Grammar, folded: str, lo: int, hi: int, *_: object) -> extractor._Triggers:
        return extractor._Triggers(list(range(lo, hi)), set(), set())  # every clause is scanned

    for _, text, _ in ALL_FIXTURES:
        fast = [(x.span, x.kind, x.date, x.recurrence) for x in _deadlines(parse_directive(text))]
        monkeypatch.setattr(extractor, "_scan", full)
        monkeypatch.setattr(extractor, "_triggers", everywhere)
        monkeypatch.setattr(extractor, "_clause_triggers", everywhere)
        slow = [(x.span, x.kind, x.date, x.recurrence) for x in _deadlines(parse_directive(text))]
        monkeypatch.undo()
        assert fast == slow


# ---------------------------------------------------------------------------------------------
# Round trip: generated deadline phrases come back exactly; citation and meeting dates do not.
# ---------------------------------------------------------------------------------------------

MEETING = dt.date(2021, 8, 20)
DATES = st.dates(min_value=dt.date(2021, 9, 1), max_value=dt.date(2024, 12, 31))
WEEKDAYS = [("Hai", "MO"), ("Ba", "TU"), ("Tư", "WE"), ("Năm", "TH"), ("Sáu", "FR"), ("Bảy", "SA")]


@st.composite
def date_phrase(draw: st.DrawFn, d: dt.date) -> str:
    """A written date: "28/7/2020", "28/07/2020", "28-7-2020", "ngày 28 tháng 7 năm 2020"."""
    style = draw(st.sampled_from(["slash", "slash0", "dash", "words"]))
    if style == "slash":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "slash0":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dash":
        return f"{d.day}-{d.month}-{d.year}"
    return f"{d.day} tháng {d.month} năm {d.year}"


@st.composite
def time_phrase(draw: st.DrawFn) -> tuple[str, dt.time]:
    h = draw(st.integers(0, 23))
    mi = draw(st.sampled_from([0, 0, 15, 30, 45]))
    style = draw(st.sampled_from(["h00’", "h00'", "h", "gio", "gio phut", "h 00", "compact"]))
    if style == "h" and mi == 0:
        return f"{h}h", dt.time(h, 0)
    if style == "gio":
        return f"{h} giờ {mi:02d}", dt.time(h, mi)
    if style == "gio phut":
        return f"{h} giờ {mi:02d} phút", dt.time(h, mi)
    if style == "h 00":
        return f"{h} h {mi:02d}", dt.time(h, mi)
    if style == "h00’":
        return f"{h:02d}h{mi:02d}’", dt.time(h, mi)
    return f"{h}h{mi:02d}", dt.time(h, mi)


Expected = tuple[str, dt.date | None, dt.time | None, str | None]


@st.composite
def deadline_phrase(draw: st.DrawFn) -> tuple[str, Expected]:
    kind = draw(st.sampled_from(["before", "before_time", "by", "on", "from", "until", "within", "recurring"]))
    d = draw(DATES)
    ngay = draw(st.sampled_from(["ngày ", ""]))
    if kind == "before":
        cue = draw(st.sampled_from(["trước", "chậm nhất", "chậm nhất là"]))
        if draw(st.booleans()):  # no year: within five months of reference_date, so its year
            near = REFERENCE + dt.timedelta(days=draw(st.integers(1, 150)))
            return f"{cue} ngày {near.day}/{near.month}", ("before", near, None, None)
        return f"{cue} ngày {draw(date_phrase(d))}", ("before", d, None, None)
    if kind == "before_time":
        tp, t = draw(time_phrase())
        dp = draw(date_phrase(d))
        if "tháng" in dp:
            ngay = "ngày "
        return f"trước {tp} {ngay}{dp}", ("before", d, t, None)
    if kind == "by":
        month_style = draw(st.sampled_from(["words", "slash"]))
        when = f"tháng {d.month} năm {d.year}" if month_style == "words" else f"tháng {d.month}/{d.year}"
        end = dt.date(d.year, d.month, 28) + dt.timedelta(days=4)
        end -= dt.timedelta(days=end.day)
        return f"hoàn thành trong {when}", ("by", end, None, None)
    if kind == "on":
        return f"vào ngày {draw(date_phrase(d))}", ("on", d, None, None)
    if kind == "from":
        cue = draw(st.sampled_from(["bắt đầu từ", "kể từ", "từ"]))
        return f"{cue} ngày {draw(date_phrase(d))}", ("from", d, None, None)
    if kind == "until":
        return f"đến hết ngày {draw(date_phrase(d))}", ("until", d, None, None)
    if kind == "within":
        n = draw(st.integers(1, 30))
        cue = draw(st.sampled_from(["trong vòng", "trong thời hạn"]))
        return f"{cue} {n:02d} ngày", ("within", None, None, None)
    each = draw(st.sampled_from(["hằng", "hàng"]))
    shape = draw(st.sampled_from(["daily", "weekly", "weekday", "monthly", "interval", "daily_at"]))
    if shape == "daily":
        return f"{each} ngày", ("recurring", None, None, "FREQ=DAILY")
    if shape == "weekly":
        return f"{each} tuần", ("recurring", None, None, "FREQ=WEEKLY")
    if shape == "weekday":
        name, code = draw(st.sampled_from(WEEKDAYS))
        return f"vào thứ {name} {each} tuần", ("recurring", None, None, f"FREQ=WEEKLY;BYDAY={code}")
    if shape == "monthly":
        return f"{each} tháng", ("recurring", None, None, "FREQ=MONTHLY")
    if shape == "interval":
        n = draw(st.integers(2, 9))
        return f"định kỳ {n} ngày/lần", ("recurring", None, None, f"FREQ=DAILY;INTERVAL={n}")
    tp, t = draw(time_phrase())
    rec = f"FREQ=DAILY;BYHOUR={t.hour};BYMINUTE={t.minute}"
    return f"trước {tp} {each} ngày", ("recurring", None, t, rec)


ACTORS = ["Sở Y tế", "Công an tỉnh", "Ủy ban nhân dân các huyện, thành phố", "Sở Tài chính"]
VERBS = ["báo cáo kết quả", "tổ chức thực hiện", "rà soát, tổng hợp danh sách", "gửi báo cáo Ủy ban nhân dân tỉnh"]


@st.composite
def citation(draw: st.DrawFn) -> str:
    d = draw(st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2021, 8, 19)))
    n = draw(st.integers(1, 999))
    kind = draw(st.sampled_from(["Công văn số {n}/UBND-VX", "Kế hoạch số {n}/KH-UBND", "Thông báo số {n}-TB/TU"]))
    return f"theo {kind.format(n=n)} ngày {d.day}/{d.month}/{d.year}"


@st.composite
def notice(draw: st.DrawFn) -> tuple[str, list[Expected]]:
    lines = [f"Ngày {MEETING.day}/{MEETING.month}/{MEETING.year}, Ban Chỉ đạo tỉnh họp và kết luận như sau:", ""]
    expected: list[Expected] = []
    for i in range(1, draw(st.integers(1, 4)) + 1):
        phrase, exp = draw(deadline_phrase())
        actor, verb = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(VERBS))
        meeting = f"như đã thống nhất tại cuộc họp ngày {MEETING.day}/{MEETING.month}/{MEETING.year}"
        cite = draw(st.one_of(st.just(""), citation(), st.just(meeting)))
        if cite and draw(st.booleans()):
            body = f"{actor} {verb} {cite}, {phrase}."
        elif cite:
            body = f"{actor} {verb} {phrase}, {cite}."
        else:
            body = f"{actor} {verb} {phrase}."
        lines += [f"{i}. {body}", ""]
        expected.append(exp)
    return "\n".join(lines), expected


@given(notice())
def test_generated_deadlines_come_back_exactly_and_citation_dates_do_not(case: tuple[str, list[Expected]]) -> None:
    text, expected = case
    d = parse_directive(text, reference_date=REFERENCE)
    got = [(x.kind, x.date, x.time, x.recurrence) for x in _deadlines(d)]
    assert got == expected, text
    for x in _deadlines(d):
        if x.recurrence:
            rrulestr(x.recurrence, dtstart=dt.datetime(2021, 9, 1))


def test_trigger_heads_are_the_words_every_match_starts_with_or_none() -> None:
    assert extractor._heads(r"(?:hang|moi)\s{1,3}tuan") == ("hang", "moi")
    assert extractor._heads(r"truoc\s{1,3}ngay") == ("truoc",)
    assert extractor._heads(r"cho\s{1,3}den|den\s{1,3}khi") is None  # two starts: no one head
    assert extractor._heads(r"(?:cho|den)[|]x") == ("cho", "den")  # a "|" in a class or a group is no alternation
