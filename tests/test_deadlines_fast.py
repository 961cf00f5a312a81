"""Deadlines: the fast paths of the extractor give what the exact slow ones give."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.document import Context
from chidao.extract import deadlines as extractor
from chidao.extract.deadlines import find_deadlines
from chidao.models import Deadline
from chidao.pipeline import build_document
from conftest import ALL_FIXTURES


def _found(text: str) -> tuple[list[Deadline], list[tuple[str, str]]]:
    doc = build_document(text)
    ctx = Context()
    out = find_deadlines(doc, ctx, [])
    return out, [(d.code, d.message) for d in ctx.diagnostics]


# ---------------------------------------------------------------------------------------------
# _required: the strings a pattern cannot match without.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", {"abc"}),
        ("a?b", {"b"}),
        (r"(?:ke\s{1,3})?tu|den\s{1,3}(?:khi|luc)", {"tu", "den"}),
        (r"(?:cham|muon)\s{1,3}nhat(?:\s{1,3}la)?", {"nhat"}),
        (r"(?P<x>ab)c{2}", {"ab"}),
        (r"[a-z]{1,8}x", {"x"}),
        (r"[]a]bc", {"bc"}),
        (r"a(?=b)c", {"a"}),
        (r"(?<!x)ab|(?:cd)+", {"ab", "cd"}),
        (r"(?:ab)*c", {"c"}),
        (r"\d+", None),  # nothing literal
        (r"(?:a|)", None),  # a branch that holds nothing
        (r"ab|\d", None),
        (r"\p{L}a", None),  # beyond what it reads
        ("a{", None),
        ("(?i)ab", None),
        ("ab)", None),
    ],
)
def test_required_reads_the_strings_every_match_holds(pattern: str, expected: set[str] | None) -> None:
    assert extractor._required(pattern) == (None if expected is None else frozenset(expected))


def test_the_grammar_knows_the_words_a_deadline_needs() -> None:
    needs = extractor._grammar().needs
    assert needs is not None  # a table row beyond what _required reads would turn the prefilter off
    assert needs.search("ngay 1/1/2020, ngay 2/2/2021, 1.1. noi dung") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "c", "d", "(?:", ")", "|", "?", "{1,2}", r"\s", "[xy]", "*", "+"]), max_size=8))
def test_required_strings_are_in_every_match(parts: list[str]) -> None:
    pattern = "".join(parts)
    try:
        p = regex.compile(pattern)
    except regex.error:
        return
    req = extractor._required(pattern)
    if req is None:
        return
    for text in ["", "ab", "abc", "cd", "abcd", "c d", "ababcdcd", "xy", "a b c d", "dcba", "abab", "ccdd"]:
        for m in p.finditer(text):
            assert any(s in m.group() for s in req), (pattern, text, m.group())


# ---------------------------------------------------------------------------------------------
# Clauses without a word a deadline needs are not scanned.
# ---------------------------------------------------------------------------------------------


def _without_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = replace(extractor._grammar(), needs=None)
    monkeypatch.setattr(extractor, "_grammar", lambda: slow)


def test_the_needs_prefilter_changes_no_deadline_of_a_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [_found(text) for _, text, _ in ALL_FIXTURES]
    _without_needs(monkeypatch)
    slow = [_found(text) for _, text, _ in ALL_FIXTURES]
    assert fast == slow


_PIECES = [
    "ngày ", "1/1/2020", "28/7", "17h00", " ", ", ", ".\n", "\n\n", "1. ", "2.1. ", "trước ", "chậm nhất ",
    "từ ", "đến ", "đến hết ", "đến khi ", "hằng ngày", "hằng tháng", "tháng 8/2021", "quý IV", "năm 2022",
    "trong vòng ", "07 ngày", "3 ngày/lần", "1 lần/tuần", "định kỳ ", "giai đoạn 2022 - 2023", "vào ",
    "lúc ", "thứ Hai ", "sáng ", "kể từ ngày ký", "báo cáo", "số 12/TB-UBND ", "Nội dung ", "6 tháng đầu năm",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
def test_the_needs_prefilter_changes_no_deadline_of_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast = _found(text)
    with pytest.MonkeyPatch.context() as mp:
        _without_needs(mp)
        slow = _found(text)
    assert fast == slow


def test_dates_without_cues_repeated_are_read_fast() -> None:
    text = "ngày 1/1/2020, " * 20_000
    doc = build_document(text)
    g = extractor._grammar()
    assert extractor._clause_matches(g, doc) == []  # the one clause holds no word a deadline needs
    assert find_deadlines(doc, Context(), []) == []


# ---------------------------------------------------------------------------------------------
# _widest: the most characters a match of a pattern spans.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", 3),
        ("a?b", 2),
        (r"(?<![a-z])ab(?=c)", 2),
        (r"(?:ab|c){1,3}\s{0,2}", 8),
        (r"(?P<x>[^.;]{1,80})\n", 81),
        (r"[]a]\d{2}|x{,4}", 4),
        (r"a(?:b|cd)?\b", 3),
        (r"a+", None),
        (r"a*", None),
        (r"a{2,}", None),
        (r"\p{L}", None),
        ("(?i)ab", None),
        ("ab)", None),
    ],
)
def test_widest_reads_how_wide_a_match_may_be(pattern: str, expected: int | None) -> None:
    assert extractor._widest(pattern) == expected


_WIDEST_PIECES = ["ab", "c", "d", "(?:", ")", "|", "?", "{1,2}", "{2}", r"\s", "[xy]", "(?=c)", "{,3}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WIDEST_PIECES), max_size=9))
def test_no_match_is_wider_than_widest_says(parts: list[str]) -> None:
    pattern = "".join(parts)
    try:
        p = regex.compile(pattern)
    except regex.error:
        return
    widest = extractor._widest(pattern)
    if widest is None:
        return
    for text in ["ab", "abc", "cd", "abcd", "c d", "ababcdcd", "xy", "a b c d", "ccdd", "abababab  cdcd"]:
        for pos in range(len(text) + 1):
            m = p.match(text, pos)
            assert m is None or m.end() - m.start() <= widest, (pattern, text, m.group())


def test_the_grammar_knows_how_wide_a_match_is() -> None:
    g = extractor._grammar()
    assert g.reach is not None  # a construct beyond what _widest reads would turn the skipping off
    assert g.reach < 1000
    long_ones = "trong vòng 03 ngày kể từ " + "khi có " * 30 + ". Cho đến khi " + "dịch bệnh " * 30
    for text in [long_ones, *(text for _, text, _ in ALL_FIXTURES)]:
        assert all(b - a <= g.reach for a, b in _spans(text))


# ---------------------------------------------------------------------------------------------
# Long runs of triggers far from every word a deadline needs are skipped.
# ---------------------------------------------------------------------------------------------


def _without_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = replace(extractor._grammar(), reach=None)
    monkeypatch.setattr(extractor, "_grammar", lambda: slow)


def _spans(text: str) -> list[tuple[int, int]]:
    doc = build_document(text)
    return [m.span() for m, _ in extractor._clause_matches(extractor._grammar(), doc)]


def _skipping_changes_nothing(text: str) -> None:
    """The same deadlines and diagnostics as a scan of every trigger; the matches it leaves out hold
    no word a deadline needs."""
    fast, fast_spans = _found(text), _spans(text)
    with pytest.MonkeyPatch.context() as mp:
        _without_windows(mp)
        slow, slow_spans = _found(text), _spans(text)
        folded = build_document(text).folded
    assert fast == slow
    assert set(fast_spans) <= set(slow_spans)
    needs = extractor._grammar().needs
    assert needs is not None
    for a, b in set(slow_spans) - set(fast_spans):
        assert needs.search(folded[a:b]) is None, folded[a:b]


def _resumed(text: str) -> list[tuple[int, int] | None]:
    """What _resume answered for each run of dead triggers it was asked about."""
    out: list[tuple[int, int] | None] = []
    resume = extractor._resume

    def spy(*args: Any) -> tuple[int, int] | None:
        out.append(resume(*args))
        return out[-1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extractor, "_resume", spy)
        _found(text)
    return out


def test_one_cue_after_many_bare_dates_is_found_without_reading_them() -> None:
    text = "ngày 1/1/2020, " * 3_000 + "trước ngày 2/2/2020"
    found, _ = _found(text)
    assert [d.text for d in found] == ["trước ngày 2/2/2020"]
    resumed = _resumed(text)
    assert len(resumed) == 1 and resumed[0] is not None  # one run, skipped
    assert len(_spans(text)) < 30  # the triggers within reach of the cue
    _skipping_changes_nothing(text)


def test_a_run_read_two_ways_is_not_skipped() -> None:
    # "17h00 ngày 28/7, 17h00 ..." reads as "17h00 ngày 28/7" or as "ngày 28/7, 17h00" depending on
    # where the scan started: no trigger of the run tells where it stands without reading it all
    text = "17h00 ngày 28/7, " * 500 + "hằng tháng " + "ngày 1/1/2020, " * 200 + "trước ngày 2/2/2020"
    assert _resumed(text)[0] is None
    assert all(_resumed(text)[1:])
    _skipping_changes_nothing(text)


_DEAD = [  # no word a deadline needs
    "ngày 1/1/2020, ", "17h00 ngày 28/7, ", "sáng thứ Hai, ngày 6/9 ", "8:30 ", "2.3 ", "ngày 5, ",
    "1.1.1. ", "28-7-2021 ", "12 giờ ", "15 ngày ", "3/3 ", "số 12/TB-UBND ", "và ", "2020, ",
]
_LIVE = [
    "trước ngày 2/2/2020", "đến hết ngày 15/9", "hằng ngày", "tháng 8/2021", "trong vòng 07 ngày",
    "cho đến khi xong", "từ ngày 1/9 đến ngày 15/9/2021", "chậm nhất 17h ngày 3/3", "thứ Sáu hằng tuần",
    "năm 2022", "quý IV", "3 ngày/lần", "vào ", "lúc ",
]


@st.composite
def _long_clause(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        dead = draw(st.lists(st.sampled_from(_DEAD), min_size=1, max_size=3))
        parts.append("".join(dead) * draw(st.integers(1, 60)))
        parts.append(draw(st.sampled_from(_LIVE)) + draw(st.sampled_from([" ", ", ", ""])))
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(_long_clause())
def test_skipping_dead_triggers_changes_no_deadline(text: str) -> None:
    _skipping_changes_nothing(text)
