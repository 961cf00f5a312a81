"""Clause markers as data: a positive corpus (what opens an item) and a negative one (what never does)."""

from __future__ import annotations

import pytest

from chidao.grammar.markers import match_marker
from conftest import corpus_rows


@pytest.mark.parametrize("row", corpus_rows("markers_positive.tsv"), ids=lambda r: r[0][:30])
def test_marker_corpus_line_opens_the_expected_item(row: list[str]) -> None:
    line, kind, label = row
    m = match_marker(line)
    assert m is not None, line
    assert (m.kind, m.label) == (kind, label)


@pytest.mark.parametrize("row", corpus_rows("markers_negative.tsv"), ids=lambda r: r[0][:30])
def test_negative_corpus_line_opens_nothing(row: list[str]) -> None:
    assert match_marker(row[0]) is None, row[0]


def test_the_bullet_pattern_in_re_matches_what_the_regex_pattern_matches() -> None:
    """_BULLET is written for the standard re with regex's \\s spelled out: same matches, any character."""
    import regex

    from chidao.grammar.markers import _BULLET

    reference = regex.compile(r"(?P<sym>[-+•·▪●○◦■□➢➤✓*])\s*(?=[^\s\-_=*.])")
    symbols = "-+•·▪●○◦■□➢➤✓*"
    for cp in range(0x3100):  # every space character regex knows lies below U+3100
        c = chr(cp)
        sym = symbols[cp % len(symbols)]
        for line in (sym + c, sym + c + "x", sym + " " + c, sym + c + c + "-"):
            ours, theirs = _BULLET.match(line), reference.match(line)
            assert (ours and ours[0]) == (theirs and theirs[0]), repr(line)


def test_a_line_of_digits_and_dots_opens_nothing() -> None:
    for line in ("1.1.1.1.", "1.", "2020", "1/2/3", "12)", "1.2.3.4.5.6.7.8.9"):
        assert match_marker(line) is None, line
    assert match_marker("1.1.1.1. Nội dung") is not None
