"""Deadlines: the fast paths of the extractor give what the exact slow ones give."""

from __future__ import annotations

from dataclasses import replace

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
