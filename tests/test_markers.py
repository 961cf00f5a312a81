"""Clause markers as data: a positive corpus (what opens an item) and a negative one (what never does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chidao.grammar.markers import match_marker

CORPUS = Path(__file__).parent / "corpus"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for raw in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            rows.append(raw.split("\t"))
    return rows


@pytest.mark.parametrize("row", _rows("markers_positive.tsv"), ids=lambda r: r[0][:30])
def test_marker_corpus_line_opens_the_expected_item(row: list[str]) -> None:
    line, kind, label = row
    m = match_marker(line)
    assert m is not None, line
    assert (m.kind, m.label) == (kind, label)


@pytest.mark.parametrize("row", _rows("markers_negative.tsv"), ids=lambda r: r[0][:30])
def test_negative_corpus_line_opens_nothing(row: list[str]) -> None:
    assert match_marker(row[0]) is None, row[0]
