"""Deadlines: every time constraint in the body, resolved to dates, times and RRULEs.

``find_deadlines(doc, ctx, citations)`` reads the body clause by clause (a constraint never
crosses a clause) over the folded text, with one pattern assembled from the grammar data:

* ``grammar/time_words.tsv``: weekdays, parts of the day, periods, units, numbers in words;
* ``grammar/deadline_cues.tsv``: the cues that make a date a constraint ("trước", "chậm nhất",
  "trong", "vào", "từ", "đến hết" ...), and the contexts that make it something else;
* ``grammar/dates.py``: the fragments of dates, times and periods, and year inference.

Shapes, each a named rule (``Deadline.rule``):

* ``<cue>_day``: a cue before a day and/or time: "trước 17h00' ngày 28/7/2020" (before),
  "vào ngày 5/9" (on), "kể từ ngày 23/8/2021" (from), "đến hết ngày 15/9" (until);
* ``<cue>_period`` and ``bare_period``: a month, quarter, half year or year: "trong tháng 10 năm
  2021" (by, the month's last day, ``precision="month"``); a month or quarter with its year and no
  cue in a task ("trình Hội nghị tháng 8/2021") is a "by" too. A bare year is not ("năm 2020");
  for ``from`` the period's first day is the date;
* ``range`` and ``era``: "từ ngày 01/9 đến ngày 15/9/2021", "giai đoạn 2022 - 2023": kind
  ``from`` with ``date`` the start and ``end_date`` the end;
* ``within``: "trong vòng 07 ngày", "trong 03 ngày làm việc kể từ ngày ký": ``duration`` in ISO
  8601; ``date`` when the anchor is known (the notice's issue date for "ngày ký");
* ``recurring_*``: "hằng ngày"/"hàng ngày", "thứ Sáu hằng tuần", "trước 16h00 hằng ngày",
  "trước ngày 25/12 hàng năm", "định kỳ 3 ngày/lần": an RRULE body in ``recurrence``;
* ``+condition``: "trước 16h hằng ngày cho đến khi dịch bệnh được khống chế": an end condition
  in words, attached to the constraint it follows (``condition``). Alone, it only bounds how long
  a measure lasts ("tạm dừng ... cho đến khi dịch bệnh được kiểm soát") and is not a deadline.

What is not a deadline: a date without a cue (the meeting or issue date, a citation's date),
a date inside a citation or right after a document number, history (a sentence that reports
what already happened, a date before the notice's own dates), durations of quarantine, "24/24
giờ", rates ("15.000 mẫu/ngày"), and "hằng ngày" describing a noun ("sinh hoạt hàng ngày").

Dates are wall-clock dates in Asia/Ho_Chi_Minh (UTC+7); RRULE bodies are meant to be read with
a ``dtstart`` in that zone (see :mod:`chidao.grammar.dates`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, get_args

import regex

from chidao.document import Context, Document
from chidao.grammar import dates as D
from chidao.grammar.patterns import failure_code, read_table, scan
from chidao.models import Citation, Clause, Deadline, DeadlineKind, Span

__all__ = ["find_deadlines"]

S = r"\s{1,3}"
S0 = r"\s{0,3}"


# ---------------------------------------------------------------------------------------------
# Grammar data.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    name: str
    day_kind: str
    period_kind: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class _Grammar:
    cues: tuple[_Cue, ...]
    within: tuple[tuple[str, bool, regex.Pattern[str]], ...]
    issued: regex.Pattern[str]
    vetoes: tuple[tuple[str, regex.Pattern[str]], ...]
    stop_recurring: regex.Pattern[str]
    stop_period: regex.Pattern[str]
    stop_era: regex.Pattern[str]
    history_tail: regex.Pattern[str]
    duration_of: regex.Pattern[str]
    past: regex.Pattern[str]
    modal: regex.Pattern[str]
    report: regex.Pattern[str]
    shapes: regex.Pattern[str]  # the grammar: the shapes as one ordered alternation, matched at a position
    full_date: regex.Pattern[str]
    triggers: regex.Pattern[str]
    digit_triggers: regex.Pattern[str]  # the digits worth a closer look a match may reach
    digit_dead: regex.Pattern[str]  # the others
    trigger_heads: tuple[str, ...] | None  # literal starts of every trigger word; None: unknown
    lead: regex.Pattern[str]
    # one of these strings is in every match that is read into a deadline; None: not known
    needs: re.Pattern[str] | None
    reach: int | None  # the most characters a match of ``shapes`` spans; None: not known


def _rows(kind: str) -> list[tuple[str, ...]]:
    return [r for r in read_table("deadline_cues.tsv") if r and r[0] == kind]


def _alt(pats: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in sorted(pats, key=len, reverse=True)) + ")"


def _end_anchored(kind: str) -> regex.Pattern[str]:
    return regex.compile(_alt([r[-1] for r in _rows(kind)]) + r"\Z")


_HEAD_GROUP = regex.compile(r"\(\?:(?P<words>[a-z]+(?:\|[a-z]+)*)\)(?![?*{])")
_HEAD_WORD = regex.compile(r"[a-z]+")


def _has_top_level_alternative(pattern: str) -> bool:
    """Whether ``pattern`` is an alternation at its top level ("a|b", not "(?:a|b)c" nor "[|]")."""
    depth = 0
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _heads(pattern: str) -> tuple[str, ...] | None:
    """Literal words one of which starts every match of ``pattern`` ("(?:hang|moi)\\s..." -> hang,
    moi), or None when the pattern does not start with one (a letter before a quantifier is left
    out) and for an alternation at the top level, which has no one start:

    >>> _heads(r"(?:hang|moi)\\s{1,3}tuan"), _heads(r"cho\\s{1,3}den|den\\s{1,3}khi")
    (('hang', 'moi'), None)
    """
    if _has_top_level_alternative(pattern):
        return None
    m = _HEAD_GROUP.match(pattern)
    if m is not None:
        return tuple(m.group("words").split("|"))
    w = _HEAD_WORD.match(pattern)
    if w is None:
        return None
    word = w.group(0)
    if pattern[w.end() : w.end() + 1] in ("?", "*", "{"):
        word = word[:-1]
    return (word,) if word else None


def _trigger_heads(rows: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    out: set[str] = set()
    for r in rows:
        heads = _heads(r[-1])
        if heads is None:
            return None
        out.update(heads)
    return tuple(sorted(out))


class _Unreadable(ValueError):
    """A pattern construct :func:`_required` does not read."""


_QUANTIFIER = regex.compile(r"(?:[?*+]|\{(?P<min>\d*)(?P<upto>,(?P<max>\d*))?\})[?+]?")
_ESCAPES_NOT_LITERAL = frozenset("sdwSDWbBAZ")  # a class or a zero-width test, one letter long


def _item(p: str, i: int, alt: Callable[[str, int], tuple[Any, int]]) -> tuple[str, Any, int]:
    """One item of a pattern at ``p[i]`` (not its quantifier), as :func:`_required` and
    :func:`_widest` read it: its kind ("group", "look", "class", "escape", "anchor" or "char"),
    what it holds (a group: what ``alt`` read of its branches; an escape: its letter; a plain
    character or "." : itself) and where it ends."""
    c = p[i]
    if c == "(":
        kind, value = "group", None
        if p.startswith("(?:", i):
            value, i = alt(p, i + 3)
        elif p.startswith("(?P<", i):
            value, i = alt(p, p.index(">", i) + 1)
        elif p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):  # zero-width: holds nothing
            kind = "look"
            _, i = alt(p, i + (4 if p[i + 2] == "<" else 3))
        else:
            raise _Unreadable(p[i : i + 4])
        if p[i] != ")":
            raise _Unreadable(p[i:])
        return kind, value, i + 1
    if c == "[":
        i += 2 if p[i + 1] != "^" else 3  # a "]" right after the opening is a member
        while p[i] != "]":
            i += 2 if p[i] == "\\" else 1
        return "class", None, i + 1
    if c == "\\":
        return "escape", p[i + 1], i + 2
    if c in "^$":
        return "anchor", None, i + 1
    if c in "?*+{}":
        raise _Unreadable(p[i:])
    return "char", c, i + 1


def _required(pattern: str) -> frozenset[str] | None:
    """Literal strings such that every match of ``pattern`` holds one of them, or None when a match
    may hold none or the pattern goes beyond what this reads: plain characters, groups ``(?:...)``
    and ``(?P<name>...)``, lookarounds, classes ``[...]``, the escapes ``\\s \\d \\w \\b`` and the
    like, ``.``, alternation and quantifiers. Used to skip text no deadline can be read from:

    >>> sorted(_required(r"(?:ke\\s{1,3})?tu|den\\s{1,3}(?:khi|luc)") or ())
    ['den', 'tu']
    """
    try:
        found, i = _required_alt(pattern, 0)
    except (_Unreadable, IndexError):
        return None
    return found if i == len(pattern) else None


def _required_alt(p: str, i: int) -> tuple[frozenset[str] | None, int]:
    """The branches from ``p[i]`` to the ``)`` or the end that closes them: each must hold one."""
    found: set[str] = set()
    known = True
    while True:
        branch, i = _required_seq(p, i)
        if branch is None:
            known = False
        else:
            found |= branch
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return (frozenset(found) if known else None), i


def _required_seq(p: str, i: int) -> tuple[frozenset[str] | None, int]:
    """One branch: of what it must hold (runs of plain characters, groups it cannot skip), the
    most telling (the longest shortest string)."""
    best: frozenset[str] | None = None
    run = ""

    def offer(strings: frozenset[str] | None) -> None:
        nonlocal best
        if strings and "" not in strings and (best is None or _telling(strings) > _telling(best)):
            best = strings

    while i < len(p) and p[i] not in "|)":
        kind, value, i = _item(p, i, _required_alt)
        if kind == "escape" and value not in _ESCAPES_NOT_LITERAL and value.isalnum():
            raise _Unreadable("\\" + value)  # \p{..}, \x.., a back reference ...
        literal = value if kind == "char" and value != "." else ""
        inner: frozenset[str] | None = value if kind == "group" else None
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            i = q.end()
            least = 0 if q[0][0] in "?*" else 1 if q[0][0] == "+" else int(q["min"] or 0)
        else:
            least = 1
        if literal and q is None:
            run += literal
            continue
        offer(frozenset([run]))
        run = ""
        if least >= 1:
            offer(frozenset([literal]) if literal else inner)
    offer(frozenset([run]))
    return best, i


def _telling(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _widest(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` spans (lookarounds span none), or None when it has
    no bound (``*``, ``+``, ``{2,}``) or goes beyond what :func:`_required` reads:

    >>> _widest(r"(?<![a-z])ab(?:c|de){1,3}\\s?"), _widest(r"a\\d+")
    (9, None)
    """
    try:
        width, i = _widest_alt(pattern, 0)
    except (_Unreadable, IndexError):
        return None
    return width if i == len(pattern) else None


def _widest_alt(p: str, i: int) -> tuple[int, int]:
    """The widest of the branches from ``p[i]`` to the ``)`` or the end that closes them."""
    most = 0
    while True:
        width, i = _widest_seq(p, i)
        most = max(most, width)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return most, i


def _widest_seq(p: str, i: int) -> tuple[int, int]:
    """One branch: the sum of its items, each as wide as it is at most, times its most repeats."""
    total = 0
    while i < len(p) and p[i] not in "|)":
        kind, value, i = _item(p, i, _widest_alt)
        if kind == "escape" and value not in _ESCAPES_NOT_LITERAL and value not in "ntrfv" and value.isalnum():
            raise _Unreadable("\\" + value)  # \p{..}, \x.., a back reference ...
        if kind == "group":
            width = value
        elif kind in ("look", "anchor") or (kind == "escape" and value in "bBAZ"):
            width = 0
        else:
            width = 1  # a plain character, ".", a class or an escape of one character
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            i = q.end()
            if q[0][0] in "*+" or (q["upto"] is not None and not q["max"]):
                raise _Unreadable(q[0])  # no bound
            width *= 1 if q[0][0] == "?" else int(q["max"] or q["min"])
        total += width
    return total, i


def _suffix_tree(words: list[str]) -> str:
    """Plain words as one alternation factored by shared endings ("ngay|nay" -> "(?:ng|n)ay"), for
    the reverse search of the words before a trigger: the regex module tries a flat alternation
    word by word, the tree rejects most at their last letter. Each word is whole where it is used
    (a separator or a word start must follow and precede it), so the order of the words does not
    matter."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for c in reversed(w):
            node = node.setdefault(c, {})
        node[""] = {}  # a word starts here

    def emit(node: dict[str, Any]) -> str:
        alts = [emit(child) + regex.escape(c) for c, child in node.items() if c]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


@cache
def _grammar() -> _Grammar:
    f = D.fragments()
    cue_rows = _rows("cue")
    kinds = set(get_args(DeadlineKind))
    bad = [r[1] for r in cue_rows if r[2] not in kinds or r[3] not in kinds]
    if bad:  # the Deadline models are built without validation: a cue's kinds are checked here
        raise ValueError(f"deadline_cues.tsv: cue(s) {bad} name a kind not in {sorted(kinds)}")
    cues = tuple(_Cue(r[1], r[2], r[3], regex.compile(f"(?:{r[-1]})")) for r in cue_rows)
    cue_alt = _alt([r[-1] for r in cue_rows])
    from_alt = _alt([r[-1] for r in cue_rows if r[2] == "from"])
    to_alt = _alt([r[-1] for r in _rows("range_to")])
    within_rows = _rows("within")
    within_alt = _alt([r[-1] for r in within_rows])
    anchor_alt = _alt([r[-1] for r in _rows("anchor")])
    issued_alt = _alt([r[-1] for r in _rows("issued")])
    cond_alt = _alt([r[-1] for r in _rows("condition")])
    B = r"(?<![a-z0-9/&.\-])"  # a cue is a word: "TB/TU" folds to "tb/tu", which is not "từ"
    each = rf"(?P<each>{f.every}){S}(?P<fu>{f.period_unit})(?![a-z])"
    wds = rf"(?:(?:vao{S})?(?:cac{S})?(?:ngay{S})?{f.weekdays}{S})"
    num = rf"(?<![\d.,/])(?P<n>{f.number})"

    rng = (
        rf"(?P<range>{B}(?P<cue>{from_alt}){S}"
        rf"(?:{f.when}|{f.time}{S}{f.dayonly}|{f.dayonly}|{f.period})"
        rf"\s{{0,2}},?{S}(?P<rto>{to_alt}){S}(?:{f.when2}|{f.period2}))"
    )
    era = rf"(?P<era>giai{S}doan{S}(?P<ya>(?:19|20)\d\d)\s{{0,2}}(?:-|den|toi)\s{{0,2}}(?P<yb>(?:19|20)\d\d)(?!\d))"
    within = (
        rf"(?P<within>{B}(?P<wcue>{within_alt}){S}{num}\s{{0,2}}(?P<unit>{f.duration_unit})(?![a-z])"
        rf"(?!{S}(?:dau|cuoi|dau|nay|toi|truoc)(?![a-z]))"
        rf"(?:\s{{0,2}},?{S0}(?P<anc>(?:{anchor_alt}){S}(?:(?P<aiss>{issued_alt})(?![a-z])"
        rf"|{f.date_anchor}|(?P<atext>[^.;,\n()]{{1,80}}))))?)"
    )
    cond = rf"(?P<cond>{B}(?P<ccue>{cond_alt}){S}(?P<ctext>(?:[^.;,()\n]|\n(?!\n)){{3,150}}))"
    # the period first, then when in it: "hằng tháng trước ngày 20", "hằng ngày, trước 16 giờ",
    # "hằng năm trước ngày 15/12" (a day and month without a year, in a year only: "hằng ngày,
    # trước ngày 30/6" is a date of its own). A time or a day followed by a date is left alone.
    at_cue = _alt([r[-1] for r in cue_rows if r[2] in ("before", "on")])
    then = rf"\s{{0,2}}[,(]?{S0}(?P<cue>{at_cue}){S}"
    pre = rf"(?:(?P<pre>dinh{S}ky|thuong{S}xuyen){S})?"
    each_first = (
        rf"(?:{pre}{each}{then}(?:{f.time}|{f.dayonly})(?!\s{{0,2}},?{S0}(?:ngay|\d))"
        rf"|{pre}(?P<each>{f.every}){S}(?P<fu>nam)(?![a-z]){then}(?:ngay{S})?"
        rf"(?<![\d.,/:-])(?P<d1>\d{{1,2}})\s?/\s?(?P<m1>\d{{1,2}})(?!\d|\s?[/.-]\s?\d))"
        rf"(?:(?<=\([^()\n]{{1,40}})\))?"  # the ")" of a "(" it opened
    )
    single = (
        rf"(?P<single>(?:{B}(?P<cue>{cue_alt}){S})?"
        rf"(?:{f.when}|{f.period}|{f.dayonly}(?={S}{f.every}{S}thang))"
        rf"(?:{S}{wds}?{each})?|{each_first})"
    )
    # a recurrence: "hằng tuần", "3 ngày/lần", "1 lần/tuần", "định kỳ 3 tháng"
    every_period = (
        rf"(?:{B}(?P<cue>{cue_alt}){S})?{wds}?(?:(?P<pre>dinh{S}ky|thuong{S}xuyen){S})?{each}"
        rf"(?:\s{{0,2}},?{S}vao{S}(?:cac{S})?(?:(?:buoi{S})?(?:sang|trua|chieu|toi){S})?(?:ngay{S})?{f.weekdays})?"
    )
    periods_a_time = (
        rf"(?:dinh{S}ky{S})?{num}\s{{0,2}}(?P<iu>{f.period_unit})\s{{0,2}}(?:/|{S}(?:mot|1|01){S})\s{{0,2}}"
        rf"(?:(?:mot|1|01){S})?lan(?![a-z])"
    )
    once_a_period = (
        rf"(?:dinh{S}ky{S})?(?<![\d.,/])(?:0?1|mot){S}lan\s{{0,2}}(?:/|{S}(?:moi|mot|trong){S}(?:(?:mot|1){S})?)"
        rf"\s{{0,2}}(?P<iu1>{f.period_unit})(?![a-z])"
    )
    every_n = rf"dinh{S}ky{S}{num}{S}(?P<iu>{f.period_unit})(?![a-z])(?!{S}(?:dau|cuoi))"
    recur = rf"(?P<recur>{every_period}|{periods_a_time}|{once_a_period}|{every_n})"
    body = "|".join([rng, era, within, cond, single, recur])
    # what a match read into a deadline cannot do without (see _Reader.read): a cue (single, range),
    # a duration's or an end condition's cue, "giai đoạn", "hằng"/"mỗi" (a recurrence by period),
    # a period (a month, quarter, half year or year), or a recurrence by count
    needs = [cue_alt, within_alt, cond_alt, era, f.every, f.period, periods_a_time, once_a_period, every_n]
    required = [_required(p) for p in needs]
    words = None if None in required else frozenset().union(*(r for r in required if r is not None))
    # the words a match can start with before its first digit or trigger word: every literal word
    # of the grammar (read off the assembled pattern, so a new cue in the tables is one automatically)
    literal = regex.sub(r"\(\?P<[^>]*>|\\[a-zA-Z]", "", body)
    vocab = sorted(set(regex.findall(r"[a-z]{2,}", literal)), key=len, reverse=True)
    # every match starts at a digit or a first word: the guard makes a naive scan cheap. One that
    # starts with a digit starts with a number before a time's letter or colon ("17h", "17 giờ",
    # "8:30"), "tháng" (a date in words, a half year: "5 tháng 9", "6 tháng đầu"), a period or "lần"
    # (a count: "3 ngày/lần", "1 lần/tuần"), or with a date in figures ("28/7"), which a number of
    # dotted parts is not (_DOTTED: "1.1.1.")
    digit_led = rf"(?!{_DOTTED})(?:\d{{1,3}}\s{{0,3}}(?:[hg:]|lan|{f.period_unit})|\d{{1,2}}\s?[/.-]\s?\d)"
    guard = rf"(?<![a-z0-9])(?={digit_led}|{_alt([r[-1] for r in _rows('first')])}(?![a-z]))"
    # the shapes in order, one alternation behind one guard: only ever matched at a chosen position
    # (half the cost of trying six patterns there); never scanned with finditer, which the regex
    # module does superlinearly for a big alternation like this one
    shapes = regex.compile(f"{guard}(?:{body})")
    word = rf"(?:{_suffix_tree(vocab)}|\d{{1,2}})(?:\s{{1,3}}[,:\-]?|[,:\-])\s{{0,3}}"
    lead = regex.compile(rf"(?r)(?<![a-z0-9])(?:{word}){{1,8}}\Z")
    # the digits worth a closer look: a digit that starts a number and something (_CORE_DIGIT).
    # digit_triggers: those a match may start at (``lastindex`` 1: the guard's digit_led holds) or
    # words may lead to (2: a word and a separator end right before it, the last word of
    # ``lead``); digit_dead: the others ("1.1.1.1." after "1.1.1.1.\n")
    lead_end = r"[a-z\d](?:\s{1,3}[,:\-]?|[,:\-])\s{0,3}"
    core = rf"(?<![\d.,/:\-])(?=\d)(?={_CORE_DIGIT.pattern})"  # with (?=\d) the regex module skips fast to one
    digit_triggers = regex.compile(rf"{core}(?:(?={digit_led})(?P<start>)|(?<={lead_end})(?P<lead>))\d")
    digit_dead = regex.compile(rf"{core}(?!{digit_led})(?<!{lead_end})\d")
    triggers = regex.compile(rf"(?<![a-z])(?:{_alt([r[-1] for r in _rows('trigger')])})(?![a-z])")
    return _Grammar(
        cues=cues,
        within=tuple((r[1], r[2] == "yes", regex.compile(f"(?:{r[-1]})")) for r in within_rows),
        issued=regex.compile(rf"(?:ngay{S})?(?:{issued_alt})"),
        vetoes=tuple((r[1], regex.compile(f"(?:{r[-1]})")) for r in _rows("veto")),
        stop_recurring=_end_anchored("stop_recurring"),
        stop_period=_end_anchored("stop_period"),
        stop_era=_end_anchored("stop_era"),
        history_tail=regex.compile(_alt([r[-1] for r in _rows("history_tail")])),
        duration_of=_end_anchored("duration_of"),
        past=regex.compile(_alt([r[-1] for r in _rows("past")])),
        modal=regex.compile(_alt([r[-1] for r in _rows("modal")])),
        report=regex.compile(_alt([r[-1] for r in _rows("report")])),
        shapes=shapes,
        full_date=regex.compile(f.date_full),
        triggers=triggers,
        digit_triggers=digit_triggers,
        digit_dead=digit_dead,
        trigger_heads=_trigger_heads(_rows("trigger")),
        lead=lead,
        needs=None if words is None else re.compile("|".join(re.escape(w) for w in sorted(words))),
        reach=_widest(shapes.pattern),
    )


# ---------------------------------------------------------------------------------------------
# Candidates.
# ---------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    rule: str
    clause: Clause
    date: dt.date | None = None
    time: dt.time | None = None
    precision: str | None = None
    recurrence: str | None = None
    condition: str | None = None
    end_date: dt.date | None = None
    end_time: dt.time | None = None
    duration: str | None = None
    business_days: bool = False
    anchor: str | None = None
    bare: bool = False  # a recurrence with nothing but its period ("báo cáo hằng ngày")
    year_inferred: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)  # diagnostics, kept only if the candidate is


@dataclass
class _Day:
    date: dt.date | None
    time: dt.time | None
    has_date: bool
    year_written: bool
    month: int | None = None
    day: int | None = None


class _Reader:
    """Turns one match into a candidate. Holds what the whole notice tells: anchors, meta dates."""

    def __init__(self, doc: Document, ctx: Context, guesser: D.YearGuesser) -> None:
        self.doc = doc
        self.ctx = ctx
        self.g = _grammar()
        self.guesser = guesser

    # -- pieces --------------------------------------------------------------------------------

    def cue(self, text: str | None) -> _Cue | None:
        if not text:
            return None
        t = " ".join(text.split())
        for c in self.g.cues:
            if c.pattern.fullmatch(t):
                return c
        return None

    def day(
        self,
        m: regex.Match[str],
        s: str,
        cand: _Cand,
        borrow: _Day | None = None,
        yearly: bool = False,
    ) -> _Day | None:
        """The day and time of a ``when`` fragment with suffix ``s``; None when it is not one."""
        d_txt, m_txt, y_txt = _group(m, "d" + s), _group(m, "m" + s), _group(m, "y" + s)
        hh = _group(m, "hh" + s)
        date: dt.date | None = None
        year_written = False
        month: int | None = None
        day: int | None = None
        has_date = d_txt is not None
        if has_date:
            assert d_txt is not None
            day = int(d_txt)
            if _group(m, "sp" + s) == "." and y_txt is None:
                return None  # "2.3" without a year is a number, not a date
            if m_txt is not None:
                month = int(m_txt)
            elif borrow is not None and borrow.month is not None:
                month = borrow.month
                if borrow.day is not None and day > borrow.day:
                    month = month - 1 or 12
            written = _group(m, "dn" + s) is not None or y_txt is not None
            if month is None:
                return None
            if y_txt is not None:
                year: int | None = int(y_txt)
                year_written = True
            elif borrow is not None and borrow.date is not None:
                year = borrow.date.year
                if (month, day) > (borrow.date.month, borrow.date.day):
                    year -= 1
                year_written = borrow.year_written
            elif yearly:
                guess = self.guesser.next_occurrence(month, day)
                year = guess.year
            else:
                guess = self.guesser.year_for(month, day)
                year = guess.year
                if year is not None and guess.guessed:
                    cand.year_inferred = True
                    cand.notes.append(
                        (
                            "deadline_year_inferred",
                            f"no year written; {year} inferred from {guess.source} (rule {guess.rule})",
                        )
                    )
            if year is None:
                cand.notes.append(("deadline_year_unknown", "no year written and none to infer it from"))
            else:
                date = D.make_date(year, month, day)
                if date is None:
                    if not written:
                        return None
                    cand.notes.append(
                        ("deadline_impossible_date", f"{day}/{month}/{year} is not a date; no date given")
                    )
        time: dt.time | None = None
        if hh is not None:
            part = _group(m, "pt" + s) or _group(m, "pp" + s)
            if part is not None and _group(m, "pt" + s) is not None:
                start = m.start("pt" + s)
                if self.doc.text[start : start + 3].lower() == "tới":
                    part = None
            hour = D.daypart_hour(int(hh), part)
            minute = int(_group(m, "mi" + s) or 0)
            time, shift = D.make_time(hour, minute)
            if time is None:
                cand.notes.append(("deadline_impossible_time", f"{hh}:{minute:02d} is not a time of day"))
            elif shift and date is not None:
                date += dt.timedelta(days=shift)
        if not has_date and hh is None:
            return None
        return _Day(date, time, has_date, year_written, month, day)

    def period(self, m: regex.Match[str], s: str, cand: _Cand) -> D.Period | None:
        kind, index, y_txt = "", 0, None
        if _group(m, "hf" + s):
            half = _lookup_half(_group(m, "hf" + s) or "")
            kind, index, y_txt = "half", half, _group(m, "hy" + s)
        elif _group(m, "mo" + s):
            kind, index, y_txt = "month", int(_group(m, "mo" + s) or 0), _group(m, "my" + s)
        elif _group(m, "q" + s):
            kind, index, y_txt = "quarter", D.quarter_number(_group(m, "q" + s) or "") or 0, _group(m, "qy" + s)
        elif _group(m, "yr" + s):
            kind, index, y_txt = "year", 0, _group(m, "yr" + s)
        else:
            return None
        limits = {"month": 12, "quarter": 4, "half": 2, "year": 0}
        if kind != "year" and not 1 <= index <= limits[kind]:
            if y_txt is not None:
                cand.notes.append(("deadline_impossible_date", f"{kind} {index} does not exist; no date given"))
            return None
        if y_txt is not None:
            return D.Period(kind, int(y_txt), index)
        last_month = {"month": index, "quarter": 3 * index, "half": 6 * index}[kind] if kind != "year" else 12
        guess = self.guesser.year_for(last_month, None)
        if guess.year is None:
            cand.notes.append(("deadline_year_unknown", "no year written and none to infer it from"))
            return None
        if guess.guessed:
            cand.year_inferred = True
            cand.notes.append(
                (
                    "deadline_year_inferred",
                    f"no year written; {guess.year} inferred from {guess.source} (rule {guess.rule})",
                )
            )
        return D.Period(kind, guess.year, index)

    # -- shapes --------------------------------------------------------------------------------

    def read(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        shape = _shape(m)
        if shape == "range":
            return self.read_range(m, clause)
        if shape == "era":
            return self.read_era(m, clause)
        if shape == "within":
            return self.read_within(m, clause)
        if shape == "cond":
            return self.read_condition(m, clause)
        if shape == "single":
            return self.read_single(m, clause)
        return self.read_recurring(m, clause)

    def read_single(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        cue_text, each, month, quarter, half, year = _groups(m, "cue", "each", "mo1", "q1", "hf1", "yr1")
        cue = self.cue(cue_text)
        if each is not None:
            return self.read_recurring(m, clause, _Cand(m.start(), m.end(), "by", "", clause), cue)
        if not (month or quarter or half or year) and cue is None:
            return None  # a date without a cue: a meeting, an issue or a citation date
        cand = _Cand(m.start(), m.end(), "by", "", clause)
        if month or quarter or half or year:
            written_year = any(_groups(m, "my1", "qy1", "hy1"))
            if cue is None:
                if year or not written_year:
                    return None  # "năm 2020", "tháng 10": a bare year or a bare month is not a constraint
                if self.g.stop_period.search(self._left(m.start(), clause, 60)):
                    return None
            p = self.period(m, "1", cand)
            if p is None:
                return cand if cand.notes and cue is not None else None
            cand.kind = cue.period_kind if cue else "by"
            cand.rule = f"{cue.name}_period" if cue else "bare_period"
            cand.date = D.period_start(p) if cand.kind == "from" else D.period_end(p)
            cand.precision = D.precision_of(p)
            return cand
        assert cue is not None
        d = self.day(m, "1", cand)
        if d is None:
            return None
        cand.kind = cue.day_kind
        cand.rule = f"{cue.name}_day"
        cand.date, cand.time = d.date, d.time
        cand.precision = "day" if d.has_date else None
        return cand

    def read_recurring(
        self, m: regex.Match[str], clause: Clause, cand: _Cand | None = None, cue: _Cue | None = None
    ) -> _Cand | None:
        if cand is None:
            cand = _Cand(m.start(), m.end(), "recurring", "", clause)
            cue = self.cue(_group(m, "cue"))
        cand.kind = "recurring"
        unit = _group(m, "fu") or _group(m, "iu") or _group(m, "iu1")
        if unit is None:
            return None
        interval = 1
        if _group(m, "n") is not None:
            interval = D.number_value(_req(m, "n")) or 0
            if interval < 1 or interval > 999:
                return None
        weekdays = D.weekday_codes(_req(m, "wds")) if _group(m, "wds") else []
        time: dt.time | None = None
        month = monthday = None
        single = _group(m, "single") is not None
        if single:
            freq = D.recurrence_of(unit) or ""
            yearly = freq.startswith("FREQ=YEARLY")
            if _group(m, "d1") and not _group(m, "m1") and freq.startswith("FREQ=MONTHLY"):
                monthday = int(_req(m, "d1"))  # "ngày 25 hằng tháng"
                if not 1 <= monthday <= 31:
                    return None
            d = self.day(m, "1", cand, yearly=yearly) if _group(m, "m1") or _group(m, "hh1") else None
            if d is not None:
                time = d.time
                if freq.startswith(("FREQ=YEARLY", "FREQ=MONTHLY")) and d.day is not None:
                    monthday = d.day
                    month = d.month if yearly else None
                    if yearly:
                        cand.date = d.date
                        cand.precision = "day" if d.date else None
        rec = D.recurrence_of(unit, interval=interval, weekdays=weekdays, month=month, monthday=monthday, time=time)
        if rec is None:
            return None
        cand.recurrence = rec
        cand.time = time
        has_more = bool(cue or weekdays or time or monthday or _group(m, "n") or _group(m, "pre") or _group(m, "iu1"))
        cand.bare = not has_more
        if cand.bare and self.g.stop_recurring.search(self._left(m.start(), clause, 40)):
            return None
        shape = "at" if time else ("interval" if interval > 1 or _group(m, "iu1") else "each")
        cand.rule = f"recurring_{shape}"
        return cand

    def read_range(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        cand = _Cand(m.start(), m.end(), "from", "range", clause)
        # the end first: the start borrows its month and year from it
        end_p = self.period(m, "2", cand) if _group(m, "mo2") or _group(m, "q2") or _group(m, "hf2") or _group(
            m, "yr2"
        ) else None
        end_d = None if end_p else self.day(m, "2", cand)
        if end_p is None and end_d is None:
            return None
        if _group(m, "mo1") or _group(m, "q1") or _group(m, "hf1") or _group(m, "yr1"):
            start_p = self.period(m, "1", cand)
            if start_p is None:
                return None
            cand.date, cand.precision = D.period_start(start_p), D.precision_of(start_p)
        else:
            borrow = end_d
            if end_p is not None:
                pe = D.period_end(end_p)
                borrow = _Day(pe, None, True, True, pe.month, None)
            start_d = self.day(m, "1", cand, borrow=borrow)
            if start_d is None:
                return None
            cand.date, cand.time = start_d.date, start_d.time
            cand.precision = "day" if start_d.has_date else None
        if end_p is not None:
            cand.end_date = D.period_end(end_p)
        elif end_d is not None:
            cand.end_date, cand.end_time = end_d.date, end_d.time
        return cand

    def read_era(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        a, b = int(_req(m, "ya")), int(_req(m, "yb"))
        if b < a:
            return None
        if self.g.stop_era.search(self._left(m.start(), clause, 100)):
            return None  # "Kế hoạch chuyển đổi số giai đoạn 2028-2030": the plan's period
        return _Cand(
            m.start(), m.end(), "from", "era", clause,
            date=dt.date(a, 1, 1), end_date=dt.date(b, 12, 31), precision="year",
        )

    def read_within(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        n = D.number_value(_req(m, "n"))
        unit = D.unit_code(" ".join(_req(m, "unit").split()))
        if not n or unit is None or n > 3650:
            return None
        wcue = " ".join(_req(m, "wcue").split())
        needs_anchor = next((need for _, need, p in self.g.within if p.fullmatch(wcue)), True)
        anchored = _group(m, "anc") is not None
        if needs_anchor and not anchored and unit != "BD":
            return None
        after = self.doc.folded[m.end() : min(m.end() + 30, clause.span.end)]
        if self.g.history_tail.match(after):
            return None
        if self.g.duration_of.search(self._left(m.start(), clause, 60)):
            return None
        cand = _Cand(m.start(), m.end(), "within", "within", clause)
        letter = "D" if unit == "BD" else unit
        cand.duration = f"PT{n}H" if unit == "H" else f"P{n}{letter}"
        cand.business_days = unit == "BD"
        start: dt.date | None = None
        if anchored:
            cand.anchor = " ".join(self.doc.text[m.start("anc") : m.end("anc")].split())
            if _group(m, "aiss") is not None:
                start = self.ctx.meta.issued_date
                cand.rule = "within_from_issue"
            elif _group(m, "da") is not None:
                d = self.day(m, "a", cand)
                start = d.date if d else None
                cand.rule = "within_from_date"
            else:
                cand.rule = "within_from_event"
        if start is not None and unit != "H":
            cand.date = D.add_duration(start, n, unit)
            cand.precision = "day" if cand.date else None
        return cand

    def read_condition(self, m: regex.Match[str], clause: Clause) -> _Cand | None:
        text = self.doc.text[m.start("ctext") : m.end("ctext")]
        stripped = text.rstrip()
        if len(stripped) < 3:
            return None
        end = m.start("ctext") + len(stripped)
        cand = _Cand(m.start(), end, "until", "condition", clause)
        cand.condition = " ".join(stripped.split())
        return cand

    def _left(self, pos: int, clause: Clause, width: int) -> str:
        return self.doc.folded[max(clause.span.start, pos - width) : pos]


@cache
def _group_index(p: regex.Pattern[str]) -> dict[str, int]:
    return dict(p.groupindex)


def _group(m: regex.Match[str], name: str) -> str | None:
    """The text of group ``name``, or None when it did not take part (or the pattern has none)."""
    i = _group_index(m.re).get(name)  # by number: a lookup by name is several times slower
    if i is None:
        return None
    g = m[i]
    return g if isinstance(g, str) else None


@cache
def _indices(p: regex.Pattern[str], names: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(p.groupindex[n] for n in names)


def _groups(m: regex.Match[str], *names: str) -> tuple[str | None, ...]:
    """Two or more groups of the match in one call (each name must be a group of the pattern)."""
    return tuple(m.group(*_indices(m.re, names)))


_SHAPES = ("range", "era", "within", "cond", "single", "recur")  # the outer group of each shape


def _shape(m: regex.Match[str]) -> str:
    """Which shape of the grammar matched: the one whose outer group took part."""
    return next((name for name, v in zip(_SHAPES, _groups(m, *_SHAPES), strict=True) if v is not None), "recur")


def _req(m: regex.Match[str], name: str) -> str:
    """A group the shape always fills when it matches."""
    g = _group(m, name)
    if g is None:
        raise LookupError(f"group {name} is empty")  # a grammar bug; find_deadlines reports it
    return g


def _lookup_half(text: str) -> int:
    t = " ".join(text.split())
    for row in read_table("time_words.tsv"):
        if row and row[0] == "half" and regex.fullmatch(f"(?:{row[-1]})", t):
            return int(row[1])
    return 0


# ---------------------------------------------------------------------------------------------
# Filters and merges.
# ---------------------------------------------------------------------------------------------

_DIGITS = regex.compile(r"(?<![\d.,/:\-])\d")  # a digit after one of these continues a number
# what a digit must start to be worth a closer look (a superset of the grammar's digit-led pieces);
# "COVID-19" and "1.200 người" start nothing
_CORE_DIGIT = regex.compile(
    r"\d{1,2}\s?[/.-]\s?\d|\d{1,2}\s?(?:h|gio|g(?=\d)|:\d\d)(?![a-z])"
    r"|\d{1,3}\s{0,2}(?:ngay|tuan|thang|quy|nam|gio|lan)(?![a-z])|(?:19|20)\d\d(?!\d)"
    r"|(?<=(?:ngay|thang|quy|nam|doan)\s{1,3})\d"
)
# a number of dotted parts ("1.1.1.", "2.3.4 "), not a date: no date in figures of the grammar
# (dates.py: "d.m" or "d.m.yyyy", and no digit, "/" or "." and a digit right after) starts there
_DOTTED = r"\d{1,2}\.\d{1,2}\.\d{1,3}(?!\d)"
# how far after a digit the guard's digit_led reads (at most 11 characters: "1.1.123" and a look
# past it; "123   thang"): whether it holds there does not depend on a clause end further away
_GUARD_REACH = 24
# where a clause end may cut what digit_led reads: inside a number of dotted parts, which is no
# longer whole there (a digit on either side of the end, maybe across a dot: "1.1|.1")
_CUT = regex.compile(r"(?<=\d[./\-\s]{0,3})(?=[./\-\s]{0,3}\d)")
_CUT_SEPARATORS = "./-\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_CUT_CHARS = frozenset("0123456789" + _CUT_SEPARATORS)  # the ASCII _CUT may see before an end (or any other)
_WORD = regex.compile(r"(?<![a-z0-9])[a-z0-9]")
_LEAD_REACH = 80  # how far before a trigger the words leading to it are looked for
_SKIP_RUN = 32  # a run of dead triggers this long is skipped (finding where to go on costs about as much)
_RESUME_TRIES = 8  # how many of the last triggers of such a run _resume may start from
_NEEDS_CHARS_PER_TRIGGER = 100  # a clause longer than this per trigger is scanned without a search for _Grammar.needs
_BOUNDARY = regex.compile(r"[.;!?](?=\s)|\n\s*\n")


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most 400 characters either side."""
    s = max(lo, start - 400)
    for b in scan(_BOUNDARY, text, s, start):
        s = b.end()
    b2 = _BOUNDARY.search(text, end, min(hi, end + 400))
    return s, (b2.start() if b2 else min(hi, end + 400))


def _is_history(doc: Document, g: _Grammar, c: _Cand) -> bool:
    """A sentence that reports what already happened: a past marker right after the date (before
    any comma), or "Theo báo cáo ..." before it, and no word of a directive."""
    lo, hi = c.clause.span.start, c.clause.span.end
    s, e = _sentence(doc.text, c.start, c.end, lo, hi)
    before = doc.text[s : c.start].lower()
    after = doc.text[c.end : e].lower()
    if g.modal.search(before) or g.modal.search(after):
        return False
    # the past marker must belong to the date's own phrase: "... ngày 17/11/2025 đã có mưa", not
    # "trước ngày 1/9/2021, như đã thống nhất"
    own = after.split(",", 1)[0]
    return bool(g.past.search(own) or g.report.search(before))


def _vetoed(doc: Document, g: _Grammar, c: _Cand, cited: list[tuple[int, int]]) -> bool:
    """Inside a citation ("Công văn số 167/CV-BCĐ ngày 26/7/2020"), or after a veto context."""
    i = bisect.bisect_left(cited, (c.end, -1)) - 1
    if i >= 0 and cited[i][0] < c.end and c.start < cited[i][1]:
        return True
    left = doc.folded[max(c.clause.span.start, c.start - 60) : c.start]
    return any(p.search(left) for _, p in g.vetoes)


def _floor(ctx: Context) -> dt.date | None:
    """The notice's own earliest date: a constraint ending before it is history."""
    ds = [d for d in (ctx.meta.issued_date, ctx.meta.meeting_date) if d is not None]
    return min(ds) if ds else None


def _merge_conditions(cands: list[_Cand], text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for c in cands:
        if c.rule == "condition" and out:
            prev = out[-1]
            gap = text[prev.end : c.start]
            if prev.clause is c.clause and prev.condition is None and len(gap) <= 4 and not gap.strip(" \n,"):
                out[-1] = replace(prev, end=c.end, condition=c.condition, rule=prev.rule + "+condition")
                continue
        if c.rule != "condition":
            # an end condition alone bounds how long a measure lasts ("tạm dừng ... cho đến khi
            # dịch bệnh được kiểm soát"): not a "by when"; it is kept as the end of a constraint
            out.append(c)
    return out


def _freq_key(rec: str | None) -> tuple[str, str]:
    parts = dict(p.split("=", 1) for p in (rec or "").split(";") if "=" in p)
    return parts.get("FREQ", ""), parts.get("INTERVAL", "1")


def _merge_recurrences(cands: list[_Cand]) -> list[_Cand]:
    """A bare "hằng ngày" of a clause that also says "trước 16h00 hằng ngày" is the same duty; so is
    a second bare "hằng ngày" of the same clause."""
    richer: set[tuple[int, tuple[str, str]]] = set()
    for c in cands:
        if c.kind == "recurring" and not c.bare:
            richer.add((id(c.clause), _freq_key(c.recurrence)))
    seen: set[tuple[int, tuple[str, str]]] = set()
    keep: list[_Cand] = []
    for c in cands:
        if c.kind == "recurring" and c.bare:
            key = (id(c.clause), _freq_key(c.recurrence))
            if key in richer or key in seen:
                continue
            seen.add(key)
        keep.append(c)
    return keep


# ---------------------------------------------------------------------------------------------
# The extractor.
# ---------------------------------------------------------------------------------------------


def _match(g: _Grammar, folded: str, pos: int, hi: int) -> regex.Match[str] | None:
    """The first shape that matches at ``pos``."""
    return g.shapes.match(folded, pos, hi)


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _trigger_words(g: _Grammar, folded: str, lo: int, hi: int) -> list[int]:
    """Starts of the trigger words in ``folded[lo:hi]``, as ``finditer`` gives them (no overlaps),
    found fast: a substring search for each word a trigger starts with, then a match there."""
    if g.trigger_heads is None:
        return [m.start() for m in scan(g.triggers, folded, lo, hi)]
    hits: list[tuple[int, int]] = []
    for head in g.trigger_heads:
        i = folded.find(head, lo, hi)
        while i >= 0:
            # the pattern's own (?<![a-z]) first: "hang" in "thang" is no trigger
            m = g.triggers.match(folded, i, hi) if i == 0 or folded[i - 1] not in _LOWER else None
            if m is not None:
                hits.append((i, m.end()))
            i = folded.find(head, i + 1, hi)
    hits.sort()
    out: list[int] = []
    end = lo
    for start, stop in hits:
        if start >= end:
            out.append(start)
            end = stop
    return out


@dataclass(frozen=True)
class _Triggers:
    """Where a constraint may be (``at``, sorted): digits that start a date, time or duration, and
    trigger words. Of the digits, those the guard's digit_led fails at (``no_start``: no match
    starts there, unless its clause ends within _GUARD_REACH) and, of those, the ones no words can
    lead to either (``no_lead``: no word and separator right before them). "1.1.1.1." is both."""

    at: list[int]
    no_start: set[int]
    no_lead: set[int]


def _triggers(g: _Grammar, folded: str, lo: int, hi: int) -> _Triggers:
    """Every trigger of ``folded[lo:hi]``."""
    digits = [(m.start(), m.lastindex) for m in scan(g.digit_triggers, folded, lo, hi)]
    dead = [m.start() for m in scan(g.digit_dead, folded, lo, hi)]
    at = [t for t, _ in digits] + dead
    at.extend(_trigger_words(g, folded, lo, hi))  # letters: never a digit's position
    at.sort()
    return _Triggers(at, {t for t, k in digits if k == 2}.union(dead), set(dead))


def _clause_triggers(g: _Grammar, folded: str, lo: int, hi: int, starts: list[int], ends: list[int]) -> _Triggers:
    """The triggers of ``folded[lo:hi]`` a match may reach in the clauses (``starts``, ``ends``:
    disjoint, in order). A digit neither a match may start at nor words may lead to (digit_dead) is
    one only where its clause ends within _GUARD_REACH and cuts what the guard reads (_CUT): those
    tails are read again. A digit no match starts at is none at the start of its clause either."""
    digits = [(m.start(), m.lastindex) for m in scan(g.digit_triggers, folded, lo, hi)]
    no_start = {t for t, k in digits if k == 2}
    no_lead: set[int] = set()
    for k, e in enumerate(ends):
        if lo < e < hi and (folded[e - 1] in _CUT_CHARS or folded[e - 1] > "\x7f") and _cut(folded, e):
            tail = scan(_DIGITS, folded, max(lo, starts[k], e - _GUARD_REACH), e)  # read as in the whole text
            dead = [d.start() for d in tail if g.digit_dead.match(folded, d.start(), hi)]
            digits.extend((t, None) for t in dead)
            no_start.update(dead)
            no_lead.update(dead)
    # a digit no match starts at, at the start of its clause, far from its end: no words lead to it
    end_of = dict(zip(starts, ends, strict=True)) if no_start else {}
    idle = {t for t in no_start if t + _GUARD_REACH <= end_of.get(t, -1)}
    at = [t for t, _ in digits if t not in idle] if idle else [t for t, _ in digits]
    at.extend(_trigger_words(g, folded, lo, hi))  # letters: never a digit's position
    at.sort()
    return _Triggers(at, no_start, no_lead)


def _cut(folded: str, e: int) -> bool:
    """Whether a clause end at ``e`` may cut a number of dotted parts (_CUT), read fast."""
    tail = folded[max(0, e - 4) : e].rstrip(_CUT_SEPARATORS)
    return bool(tail) and (tail[-1] in _CUT_CHARS or tail[-1] > "\x7f") and _CUT.match(folded, e) is not None


def _starts(folded: str, s0: int, t: int) -> Iterator[int]:
    """Where a match that reaches the trigger at ``t`` may start, in order: the start of the words
    leading to it, each later word, the trigger itself (the words are found only if needed)."""
    yield s0
    last = s0
    for w in scan(_WORD, folded, s0 + 1, t):
        last = w.start()
        yield last
    if last != t:
        yield t


def _scan(g: _Grammar, folded: str, lo: int, hi: int, triggers: _Triggers) -> list[regex.Match[str]]:
    """The grammar's matches in ``folded[lo:hi]``, like ``finditer`` but fast: a match holds a digit
    or a trigger word ("hằng ngày", "quý IV", "đến khi" ...), so only the words leading to one are
    tried (``triggers``: those of the whole text).

    A match that reaches a trigger lies within _LEAD_REACH before it and ``g.reach`` after: with no
    word of ``g.needs`` there, the trigger is dead (no match found there is read into a deadline)
    and its match is left out. In a clause of many triggers (one cue after 70,000 bare dates), a
    long run of dead ones is skipped up to a trigger where the scan is known to stand as if it had
    read them (_resume)."""
    out: list[regex.Match[str]] = []
    last = lo
    at, no_start, no_lead = triggers.at, triggers.no_start, triggers.no_lead
    # the match at a start does not depend on the trigger: try each start once (dense triggers,
    # as in "ngày 1/1/2020, " repeated, would otherwise retry the same words again and again)
    tried: dict[int, regex.Match[str] | None] = {}
    i, end = bisect.bisect_left(at, lo), bisect.bisect_left(at, hi)
    needs, reach = g.needs, g.reach
    windows = needs is not None and reach is not None and end - i >= _SKIP_RUN  # worth the searches
    live_to = dead_to = -1  # the triggers up to this position are live; before this index dead
    while i < end:
        t = at[i]
        i += 1
        if t < last:
            continue
        dead = i <= dead_to
        if windows and not dead and t > live_to:
            assert needs is not None and reach is not None
            h = needs.search(folded, max(lo, t - _LEAD_REACH), hi)  # the first needed word in reach, if any
            if h is not None and h.start() < t + reach:
                live_to = h.start() + _LEAD_REACH  # so are the triggers up to here: h is in their reach
            else:
                dead_to = bisect.bisect_right(at, h.start() - reach if h is not None else hi, i, end)
                dead = True
                if dead_to - (i - 1) >= _SKIP_RUN:
                    resumed = _resume(g, folded, lo, hi, triggers, i - 1, dead_to, tried)
                    if resumed is not None:
                        i, last = resumed
                        continue
        if t in no_start and t + _GUARD_REACH <= hi:
            tried[t] = None  # the guard fails at t: no match starts there
        w0 = max(last, t - _LEAD_REACH)
        lead = g.lead.search(folded, w0, t) if w0 < t and t not in no_lead else None
        for s in _starts(folded, lead.start(), t) if lead is not None else (t,):
            if s in tried:
                m = tried[s]
            else:
                m = tried[s] = g.shapes.match(folded, s, hi)
            if m is not None and m.end() > t:
                if not dead:
                    out.append(m)
                last = m.end()
                break
    return out


def _resume(
    g: _Grammar,
    folded: str,
    lo: int,
    hi: int,
    triggers: _Triggers,
    first: int,
    stop: int,
    tried: dict[int, regex.Match[str] | None],
) -> tuple[int, int] | None:
    """Where :func:`_scan` may go on after skipping dead triggers of ``at[first:stop]``: the index
    of the next trigger to read and the scan's ``last`` there, or None when it is not known.

    The scan at a trigger t depends on what it read before only through ``last``, the end of its
    latest match: t is passed over when ``last > t``, and the words leading to t are looked for
    from ``max(last, t - _LEAD_REACH)``. Read from ``max(lo, t - _LEAD_REACH)``, the words start at
    q (q = t without words), and reading from any later point up to q finds the same words (a
    narrower search finds no other). So before t, ``last`` is q or less (then the scan at t finds
    what it finds from scratch), or the end of a match that starts at a word after q - reach (a
    match is as wide as ``g.reach`` at most) and not after the trigger before t (a match starts at
    or before its trigger). The scan is followed from each of these on the next triggers until
    they all stand at the same ``last``."""
    at = triggers.at
    reach = g.reach
    assert reach is not None
    for r in range(max(first + 1, stop - _RESUME_TRIES), stop):
        t = at[r]
        q, found = _first_match(g, folded, t, max(lo, t - _LEAD_REACH), hi, triggers, tried)
        if found is None:
            continue
        states = {found.end()}
        for w in scan(_WORD, folded, max(lo, q - reach + 1), min(t, at[r - 1] + 1)):  # a match starts at a word
            s = w.start()
            m = tried[s] if s in tried else tried.setdefault(s, g.shapes.match(folded, s, hi))
            if m is not None and m.end() > q:
                states.add(_step(g, folded, t, m.end(), hi, triggers, tried))
        while len(states) > 1 and r + 1 < stop:
            r += 1
            states = {_step(g, folded, at[r], last, hi, triggers, tried) for last in states}
        if len(states) == 1:
            return r + 1, states.pop()
    return None


def _step(
    g: _Grammar,
    folded: str,
    t: int,
    last: int,
    hi: int,
    triggers: _Triggers,
    tried: dict[int, regex.Match[str] | None],
) -> int:
    """The ``last`` of :func:`_scan` after the trigger ``t``, from ``last`` before it."""
    if t < last:
        return last
    m = _first_match(g, folded, t, max(last, t - _LEAD_REACH), hi, triggers, tried)[1]
    return last if m is None else m.end()


def _first_match(
    g: _Grammar,
    folded: str,
    t: int,
    w0: int,
    hi: int,
    triggers: _Triggers,
    tried: dict[int, regex.Match[str] | None],
) -> tuple[int, regex.Match[str] | None]:
    """What :func:`_scan` finds at the trigger ``t`` when it looks for the words leading to it from
    ``w0``: where they start (``t`` without words) and the first match that reaches ``t``."""
    if t in triggers.no_start and t + _GUARD_REACH <= hi:
        tried[t] = None  # the guard fails at t: no match starts there
    lead = g.lead.search(folded, w0, t) if w0 < t and t not in triggers.no_lead else None
    q = lead.start() if lead is not None else t
    for s in _starts(folded, q, t) if lead is not None else (t,):
        m = tried[s] if s in tried else tried.setdefault(s, g.shapes.match(folded, s, hi))
        if m is not None and m.end() > t:
            return q, m
    return q, None


def _clause_matches(g: _Grammar, doc: Document) -> list[tuple[regex.Match[str], Clause]]:
    """The grammar's matches in every clause, in reading order. The clauses are disjoint and in
    order (the layout's contract): only those that hold a trigger worth trying are scanned (a
    notice of 100,000 one-line clauses has a few hundred)."""
    folded = doc.folded
    clauses = doc.iter_clauses()
    out: list[tuple[regex.Match[str], Clause]] = []
    starts = [c.span.start for c in clauses]
    ends = [c.span.end for c in clauses]
    if not all(e <= s for e, s in zip(ends, starts[1:], strict=False)):  # not as the contract says
        triggers = _triggers(g, folded, doc.body.start, doc.body.end)
        for c in clauses:
            out.extend((m, c) for m in _scan(g, folded, c.span.start, c.span.end, triggers))
        return out
    triggers = _clause_triggers(g, folded, doc.body.start, doc.body.end, starts, ends)
    at = triggers.at
    j = 0
    while j < len(at):
        k = bisect.bisect_right(starts, at[j]) - 1  # the clause that holds the trigger, if any
        if k < 0 or at[j] >= ends[k]:
            j += 1
            continue
        lo, hi = starts[k], ends[k]
        j_end = bisect.bisect_left(at, hi, j)
        # a clause without one word a deadline needs ("ngày 1/1/2020, " repeated, "1.1. Nội dung")
        # has only matches the reader drops: it is not scanned. Searched where the search is cheap
        # beside the scan it may save: a short clause or one of many triggers
        if (
            g.needs is None
            or hi - lo > _NEEDS_CHARS_PER_TRIGGER * (j_end - j)
            or g.needs.search(folded, lo, hi) is not None
        ):
            out.extend((m, clauses[k]) for m in _scan(g, folded, lo, hi, triggers))
        j = j_end
    return out


def _document_dates(doc: Document, g: _Grammar, skip: list[tuple[int, int]]) -> list[dt.date]:
    """Full dates of the notice outside page chrome and cue-led constraints (the year anchor)."""
    out: list[dt.date] = []
    excluded = [p.span for p in doc.parts if p.kind in ("chrome", "tail", "footnotes")]
    folded = doc.folded
    for t in scan(_DIGITS, folded):
        m = g.full_date.match(folded, t.start())
        if m is None or _group(m, "yf") is None:
            continue
        if any(s.start <= m.start() < s.end for s in excluded):
            continue
        i = bisect.bisect_right(skip, (m.start(), len(folded))) - 1
        if i >= 0 and skip[i][0] <= m.start() < skip[i][1]:
            continue
        d = D.make_date(int(_req(m, "yf")), int(_req(m, "mf")), int(_req(m, "df")))
        if d is not None:
            out.append(d)
    return out


def _extract(doc: Document, ctx: Context, citations: list[Citation]) -> list[Deadline]:
    g = _grammar()
    folded = doc.folded
    raw = _clause_matches(g, doc)
    meta = ctx.meta

    def others() -> list[dt.date]:
        """The notice's other full dates: read only when a year is missing and nothing else anchors it
        (no reference, issue or meeting date), as finding them is a pass over the whole notice."""
        cued = sorted((m.start(), m.end()) for m, _ in raw if any(_groups(m, "cue", "within", "range")))
        return _document_dates(doc, g, cued)

    guesser = D.YearGuesser(ctx.reference_date, meta.issued_date, meta.meeting_date, others)
    reader = _Reader(doc, ctx, guesser)
    floor = _floor(ctx)
    cited = sorted((x.span.start, x.span.end) for x in citations)
    cands: list[_Cand] = []
    for m, clause in raw:
        c = reader.read(m, clause)
        kept = c is not None and not _vetoed(doc, g, c, cited)
        if not kept and _group(m, "range") is not None:
            # a range whose start is not a constraint ("... ngày 1/1/2019, đến hết ngày 1/9/2021")
            # may still end with one
            m2 = _match(g, folded, m.start("rto"), clause.span.end)
            c = reader.read(m2, clause) if m2 is not None else None
            kept = c is not None and not _vetoed(doc, g, c, cited)
        if c is None or not kept:
            continue
        if c.kind != "recurring" and c.rule != "condition":
            last = c.end_date or c.date
            if floor is not None and last is not None and last < floor:
                continue
            if c.kind == "on" and c.date is not None and c.date == meta.meeting_date:
                continue
        if _is_history(doc, g, c):
            continue
        cands.append(c)
    cands.sort(key=lambda c: c.start)
    cands = _merge_recurrences(_merge_conditions(cands, doc.text))
    out: list[Deadline] = []
    for c in cands:
        c.end = c.start + len(doc.text[c.start : c.end].rstrip(" \n,"))
        span = Span.trusted(start=c.start, end=c.end)
        for code, msg in c.notes:
            ctx.warn(code, f"{msg}: {doc.text[c.start:c.end]!r}", span)
        out.append(  # every value is checked already (kinds and precisions come from the grammar)
            Deadline.trusted(
                text=doc.text[c.start : c.end],
                span=span,
                kind=c.kind,
                date=c.date,
                time=c.time,
                precision=c.precision,
                recurrence=c.recurrence,
                condition=c.condition,
                end_date=c.end_date,
                rule=c.rule,
                end_time=c.end_time,
                duration=c.duration,
                business_days=c.business_days,
                anchor=c.anchor,
                year_inferred=c.year_inferred,
            )
        )
    return out


def find_deadlines(doc: Document, ctx: Context, citations: list[Citation]) -> list[Deadline]:
    """Time constraints in the body, in document order (citation dates excluded)."""
    try:
        return _extract(doc, ctx, citations)
    except Exception as exc:  # never raise on text: say what went wrong
        code = failure_code(exc, "deadlines_failed")
        ctx.warn(code, f"deadlines could not be read ({type(exc).__name__}: {exc})", None, "error")
        return []
