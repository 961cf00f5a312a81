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
