"""Dates, times and periods of Vietnamese notices: the pattern fragments and small named rules.

The vocabulary lives in ``time_words.tsv``; this module builds regex fragments over FOLDED text
(see :func:`chidao.textutil.fold`) and turns what they capture into values:

* dates: ``28/7/2020``, ``28-7-2020``, ``ngày 28/7``, ``ngày 28 tháng 7 năm 2020``;
* times: ``17h00'``, ``17h``, ``17 giờ 00``, ``16 giờ 30 phút``, ``8h30``, ``14 giờ chiều``;
* periods: ``tháng 8/2021``, ``tháng 10 năm 2021``, ``Quý IV năm 2021``, ``năm 2022``,
  ``6 tháng đầu năm 2022``;
* recurrences: RFC 5545 RRULE bodies (``FREQ=DAILY;BYHOUR=16;BYMINUTE=0``).

Every date and time is a wall-clock value in Vietnam's time zone, ``Asia/Ho_Chi_Minh`` (UTC+7, no
daylight saving). To turn a recurrence into instants::

    from zoneinfo import ZoneInfo
    from dateutil.rrule import rrulestr
    start = datetime.datetime(2021, 8, 27, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    rrulestr(deadline.recurrence, dtstart=start)

Year inference (:class:`YearGuesser`) is a list of named rules: a year written in the expression
wins; then the other end of a range; then ``reference_date``; then the notice's issue date, its
meeting date, and the other full dates of the notice. Only the first is not a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex

from chidao.grammar.patterns import read_table

__all__ = [
    "TIME_ZONE",
    "Period",
    "YearGuess",
    "YearGuesser",
    "add_business_days",
    "add_duration",
    "daypart_hour",
    "fragments",
    "make_date",
    "make_time",
    "number_value",
    "period_end",
    "period_start",
    "quarter_number",
    "recurrence_of",
    "unit_code",
    "weekday_codes",
]

TIME_ZONE = "Asia/Ho_Chi_Minh"

S = r"\s{1,3}"  # between words (a hard-wrapped line break counts)
S0 = r"\s{0,3}"


def _rows(kind: str) -> list[tuple[str, ...]]:
    return [r for r in read_table("time_words.tsv") if r and r[0] == kind]


def _alt(kind: str) -> str:
    """One alternation of all patterns of ``kind``, longest first (so "iv" is tried before "i")."""
    pats = sorted((r[-1] for r in _rows(kind)), key=len, reverse=True)
    return "(?:" + "|".join(f"(?:{p})" for p in pats) + ")"


@cache
def _compiled(kind: str) -> tuple[tuple[str, regex.Pattern[str], tuple[str, ...]], ...]:
    return tuple((r[1], regex.compile(r"(?:" + r[-1] + r")\Z"), r) for r in _rows(kind))


def _lookup(kind: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    t = " ".join(text.split())
    for value, pat, row in _compiled(kind):
        if pat.match(t):
            return value, row
    return None


# ---------------------------------------------------------------------------------------------
# Fragments. Each takes a suffix so one pattern can hold two dates (a range) with distinct groups.
# Group names: d m y (date), dn ("ngày" written), hh mi pt (time, part of day), pp (part of day
# before a date), wd (weekday), mo my (month), q qy (quarter), hf hy (half year), yr (year).
# ---------------------------------------------------------------------------------------------


def _date(s: str) -> str:
    num = (
        rf"(?<![\d.,/:-])(?P<d{s}>\d{{1,2}})\s?(?P<sp{s}>[/.-])\s?(?P<m{s}>\d{{1,2}})"
        rf"(?:\s?[/.-]\s?(?P<y{s}>\d{{4}})|{S}nam{S}(?P<y{s}>\d{{4}}))?(?!\d|\s?/\s?\d|[.-]\d)"
    )  # "30/9/2027", "30/9 năm 2027"
    words = (
        rf"(?<![\d.,/:-])(?P<d{s}>\d{{1,2}}){S}thang{S}(?P<m{s}>\d{{1,2}})"
        rf"(?:\s{{0,2}},?{S}nam{S}(?P<y{s}>\d{{4}}))?(?!\d|\s?[/.-]\s?\d)"
    )
    return rf"(?:(?P<dn{s}>ngay){S})?(?:{words}|{num})"


def _time(s: str) -> str:
    # "tối" (evening) folds like "tới" (until): read it as a part of the day only when no number follows.
    parts = _alt("daypart")
    return (
        rf"(?<![\d/.,:])(?P<hh{s}>\d{{1,2}})\s?(?:h|gio|g(?=\d)|:(?=\d\d))(?![a-z])"
        rf"(?:\s?(?P<mi{s}>\d{{2}})(?!\d|\s?[/.-]\s?\d)(?:\s?(?:'{{1,2}}|phut(?![a-z])|p(?![a-z])))?)?"
        rf"(?:{S}(?P<pt{s}>(?!toi{S}\d){parts})(?![a-z]))?"
    )


def _weekday(s: str) -> str:
    return rf"(?P<wd{s}>{_alt('weekday')})(?![a-z])"


def _prepart(s: str) -> str:
    # before a date, "tối" is left out: "tới ngày 17/11" (until) and "tối ngày 17/11" fold alike.
    return r"(?P<pp" + s + r">sang|trua|chieu|dem|khuya)"


def _when(s: str) -> str:
    """A day, a time, or both: "17h00' ngày 28/7/2020", "ngày 28/7", "sáng thứ Hai, ngày 6/9"."""
    wd = rf"(?:{_weekday(s)}\s{{0,2}}[,-]?{S0})"
    date = _date(s)
    t = _time(s)
    return (
        rf"(?:{t}(?:\s{{0,2}},?{S0}(?:{_prepart(s)}{S})?{wd}?{date})?"
        rf"|(?:{_prepart(s)}{S})?{wd}?{date}(?:\s{{0,2}},?{S0}(?:(?:vao{S})?luc{S})?{t})?)"
    )


def _dayonly(s: str) -> str:
    return rf"ngay{S}(?P<d{s}>\d{{1,2}})(?![\d/-]|\.\d|{S}thang)"  # "ngày 20." ends a sentence


def _period(s: str) -> str:
    """A month, quarter, half year or year: "tháng 8/2021", "Quý IV năm 2021", "năm 2022"."""
    def yr(g: str) -> str:
        return rf"(?:\s?[/-]\s?(?P<{g}>\d{{4}})|\s{{0,2}},?{S}nam{S}(?P<{g}>\d{{4}}))"

    return (
        rf"(?:(?P<hf{s}>{_alt('half')}){S}nam(?:{S}(?P<hy{s}>\d{{4}}))?"
        rf"|thang{S}(?P<mo{s}>\d{{1,2}})(?!\d){yr('my' + s)}?(?!\d|\s?[/.-]\s?\d)"
        rf"|quy{S}(?P<q{s}>{_alt('quarter')})(?![a-z\d]){yr('qy' + s)}?(?!\d)"
        rf"|nam{S}(?P<yr{s}>(?:19|20)\d\d)(?![\d/]))"
    )


def _weekdays() -> str:
    one = _alt("weekday")
    return rf"(?P<wds>{one}(?:\s{{0,2}}(?:,|va|-){S0}{one}){{0,4}})(?![a-z])"


def _number() -> str:
    return rf"(?:\d{{1,3}}|{_alt('number')})"


@dataclass(frozen=True)
class Fragments:
    date_full: str
    date_anchor: str
    when: str
    when2: str
    dayonly: str
    dayonly2: str
    period: str
    period2: str
    time: str
    weekdays: str
    every: str
    period_unit: str
    duration_unit: str
    number: str


@cache
def fragments() -> Fragments:
    """The pattern fragments the deadline grammar is assembled from (compiled by the caller)."""
    return Fragments(
        date_full=_date("f"),
        date_anchor=_date("a"),
        when=_when("1"),
        when2=_when("2"),
        dayonly=_dayonly("1"),
        dayonly2=_dayonly("2"),
        period=_period("1"),
        period2=_period("2"),
        time=_time("1"),
        weekdays=_weekdays(),
        every=_alt("every"),
        period_unit=_alt("period"),
        duration_unit=_alt("unit"),
        number=_number(),
    )


# ---------------------------------------------------------------------------------------------
# Values.
# ---------------------------------------------------------------------------------------------


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or ``None`` when it does not exist ("31/2/2021")."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def make_time(hour: int, minute: int) -> tuple[dt.time | None, int]:
    """The time and a day shift: "24 giờ" is 00:00 of the next day. ``None`` when impossible."""
    if hour == 24 and minute == 0:
        return dt.time(0, 0), 1
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return dt.time(hour, minute), 0
    return None, 0


def daypart_hour(hour: int, part: str | None) -> int:
    """Rule ``daypart``: "4 giờ chiều" is 16:00, "10 giờ đêm" is 22:00, "8 giờ sáng" stays 8:00."""
    if not part:
        return hour
    hit = _lookup("daypart", part)
    if hit is None:
        return hour
    row = hit[1]
    first, last = int(row[2]), int(row[3])
    return hour + 12 if first <= hour <= last else hour


def weekday_codes(text: str) -> list[str]:
    """BYDAY codes of the weekdays named in ``text`` (folded), in order: "thu hai va thu nam" -> MO, TH."""
    out: list[str] = []
    for m in regex.finditer(_alt("weekday") + r"(?![a-z])", text):
        hit = _lookup("weekday", m.group(0))
        if hit and hit[0] not in out:
            out.append(hit[0])
    return out


def number_value(text: str) -> int | None:
    t = text.strip()
    if t.isdigit():
        return int(t)
    hit = _lookup("number", t)
    return int(hit[0]) if hit else None


def quarter_number(text: str) -> int | None:
    hit = _lookup("quarter", text)
    return int(hit[0]) if hit else None


def unit_code(text: str) -> str | None:
    """ISO 8601 letter of a duration unit ("ngay" -> "D"; "ngay lam viec" -> "BD", business days)."""
    hit = _lookup("unit", text)
    return hit[0] if hit else None


def _period_rule(text: str) -> str | None:
    hit = _lookup("period", text)
    return hit[0] if hit else None


@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter, half year or year: ``kind`` in month | quarter | half | year."""

    kind: str
    year: int
    index: int  # month 1-12, quarter 1-4, half 1-2, or 0 for a year


def period_start(p: Period) -> dt.date:
    if p.kind == "month":
        return dt.date(p.year, p.index, 1)
    if p.kind == "quarter":
        return dt.date(p.year, 3 * p.index - 2, 1)
    if p.kind == "half":
        return dt.date(p.year, 6 * p.index - 5, 1)
    return dt.date(p.year, 1, 1)


def period_end(p: Period) -> dt.date:
    """Last day of the period (the contract's convention for month-level deadlines)."""
    if p.kind == "month":
        last_month = p.index
    elif p.kind == "quarter":
        last_month = 3 * p.index
    elif p.kind == "half":
        last_month = 6 * p.index
    else:
        last_month = 12
    return dt.date(p.year, last_month, calendar.monthrange(p.year, last_month)[1])


def precision_of(p: Period) -> str:
    # a half year is two quarters: its end is a quarter's end
    return {"month": "month", "quarter": "quarter", "half": "quarter", "year": "year"}[p.kind]


def recurrence_of(
    unit: str,
    *,
    interval: int = 1,
    weekdays: list[str] | None = None,
    month: int | None = None,
    monthday: int | None = None,
    time: dt.time | None = None,
) -> str | None:
    """Rule ``recurrence``: an RRULE body from the unit word ("ngay", "tuan", "quy" ...).

    >>> recurrence_of("ngay", time=dt.time(16, 0))
    'FREQ=DAILY;BYHOUR=16;BYMINUTE=0'
    >>> recurrence_of("quy")
    'FREQ=MONTHLY;INTERVAL=3'
    """
    base = _period_rule(unit)
    if base is None:
        return None
    parts = dict(p.split("=", 1) for p in base.split(";"))
    if interval > 1:
        parts["INTERVAL"] = str(int(parts.get("INTERVAL", "1")) * interval)
    freq = parts["FREQ"]
    if weekdays and freq in ("WEEKLY", "DAILY"):
        if freq == "DAILY":
            parts["FREQ"] = "WEEKLY"
        parts["BYDAY"] = ",".join(weekdays)
    if freq == "YEARLY" and month and monthday:
        parts["BYMONTH"] = str(month)
        parts["BYMONTHDAY"] = str(monthday)
    elif freq == "MONTHLY" and monthday:
        parts["BYMONTHDAY"] = str(monthday)
    if time is not None:
        parts["BYHOUR"] = str(time.hour)
        parts["BYMINUTE"] = str(time.minute)
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYHOUR", "BYMINUTE"]
    return ";".join(f"{k}={parts[k]}" for k in order if k in parts)


def add_business_days(start: dt.date, n: int) -> dt.date:
    """``n`` working days after ``start`` (Saturdays and Sundays skipped; public holidays are not)."""
    d = start
    left = n
    while left > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def add_duration(start: dt.date, n: int, unit: str) -> dt.date | None:
    """``start`` plus ``n`` units (D, BD, W, M, Y); ``None`` for hours or an overflow."""
    try:
        if unit == "D":
            return start + dt.timedelta(days=n)
        if unit == "BD":
            return add_business_days(start, min(n, 10_000))
        if unit == "W":
            return start + dt.timedelta(weeks=n)
        if unit in ("M", "Y"):
            months = n if unit == "M" else 12 * n
            y, m = divmod(start.month - 1 + months, 12)
            year, month = start.year + y, m + 1
            return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    except (OverflowError, ValueError):
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Year inference.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearGuess:
    year: int | None
    rule: str  # the named rule that gave it
    guessed: bool  # True when the year is not written in the text nor given by reference_date
    source: str = ""  # what it was inferred from, for the diagnostic


class YearGuesser:
    """Rules that give a year to a date written without one ("ngày 28/7", "tháng 10").

    Anchor, in order: ``reference_date`` (rule ``year_from_reference``, not a guess), the issue
    date (``year_from_issue_date``), the meeting date (``year_from_meeting_date``), the latest
    other full date of the notice (``year_from_document_dates``). The year is the anchor's, moved
    by one when that puts the date more than half a year away from the anchor (a notice of
    28/12/2021 that says "trước ngày 5/1" means 2022).
    """

    def __init__(
        self,
        reference: dt.date | None,
        issued: dt.date | None,
        meeting: dt.date | None,
        document_dates: list[dt.date] | Callable[[], list[dt.date]],
    ) -> None:
        """``document_dates`` may be a function: it is called only when a year is needed and no
        earlier anchor exists (finding them means a pass over the whole notice)."""
        anchors: list[tuple[dt.date, str, bool, str]] = []
        if reference is not None:
            anchors.append((reference, "year_from_reference", False, "reference_date"))
        if issued is not None:
            anchors.append((issued, "year_from_issue_date", True, f"the issue date {issued.isoformat()}"))
        if meeting is not None:
            anchors.append((meeting, "year_from_meeting_date", True, f"the meeting date {meeting.isoformat()}"))
        self._anchors = anchors
        self._document_dates = document_dates
        self._resolved = False
        self._anchor: tuple[dt.date, str, bool, str] | None = None

    @property
    def anchor(self) -> tuple[dt.date, str, bool, str] | None:
        if not self._resolved:
            self._resolved = True
            if self._anchors:
                self._anchor = self._anchors[0]
            else:
                dates = self._document_dates() if callable(self._document_dates) else self._document_dates
                if dates:
                    latest = max(dates)
                    source = f"the latest full date of the notice, {latest.isoformat()}"
                    self._anchor = (latest, "year_from_document_dates", True, source)
        return self._anchor

    @property
    def anchor_date(self) -> dt.date | None:
        return self.anchor[0] if self.anchor else None

    def year_for(self, month: int, day: int | None = None) -> YearGuess:
        """The year of day/month (``day`` None: the month's last day counts)."""
        if self.anchor is None:
            return YearGuess(None, "year_unknown", True)
        a, rule, guessed, source = self.anchor
        y = a.year
        probe = _probe(y, month, day)
        if probe is None:
            return YearGuess(y, rule, guessed, source)
        if probe < a - dt.timedelta(days=183):
            y += 1
        elif probe > a + dt.timedelta(days=183):
            y -= 1
        return YearGuess(y, rule, guessed, source)

    def next_occurrence(self, month: int, day: int) -> YearGuess:
        """The first year on or after the anchor when day/month falls (yearly recurrences)."""
        if self.anchor is None:
            return YearGuess(None, "year_unknown", True)
        a, rule, guessed, source = self.anchor
        probe = _probe(a.year, month, day)
        y = a.year + 1 if probe is not None and probe < a else a.year
        return YearGuess(y, rule, guessed, source)


def _probe(year: int, month: int, day: int | None) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day and day >= 1 else last)
