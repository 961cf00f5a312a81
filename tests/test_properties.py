"""Invariants that hold for any text: normalization, offsets, coverage, no crash; tree recovery."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chidao import Directive, parse_directive
from chidao.models import Clause, Span
from chidao.normalize import normalize
from chidao.textutil import fold
from strategies import Rendered, clause_trees, outline

# text that looks like notices: Vietnamese letters, combining marks, markdown, quotes, digits
NOTICE_ALPHABET = st.sampled_from(
    [
        'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'đ', 'A', 'Ă', 'Â', 'Đ', 'O', 'Ơ', 'Ư',
        'h', 'n', 't', 'g', 'c', 'm', 's', 'x', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '.',
        ',', ';', ':', '/', '-', '(', ')', '*', '_', '|', '#', '\n', '\t', '̀', '́', '̉', '̃', '̣', '\xa0',
        '\u200b', '“', '”', '’', '–', '—', '**', 'ƣ', 'uỷ', 'hoà', 'thuỷ', 'Quý', '1. ', '2.1. ', '- ', '+ ',
        'a) ', '\n\n', '\r\n',
    ]
)
notice_like = st.lists(NOTICE_ALPHABET, max_size=300).map("".join)


@given(st.one_of(st.text(max_size=400), notice_like))
@example("")
@example("   \n\n  \t ")
@example("Ho\u0300a  **binh**  uỷ ban")
def test_normalization_is_idempotent(source: str) -> None:
    once = normalize(source).text
    assert normalize(once).text == once


@given(st.one_of(st.text(max_size=300), notice_like))
@example("Cu\u0309a Uỷ ban “nhân dân” –  **tỉnh**")
def test_every_normalized_character_maps_back_to_the_source_it_came_from(source: str) -> None:
    n = normalize(source)
    prev_start = 0
    for i, ch in enumerate(n.text):
        span = n.source_span(Span(start=i, end=i + 1))
        assert 0 <= span.start <= span.end <= len(source)
        assert span.start >= prev_start  # monotone
        prev_start = span.start
        if ch.isalnum():
            piece = unicodedata.normalize("NFC", source[span.start : span.end])
            assert fold(ch) in fold(piece).replace("ƣ", "u"), (ch, piece)


@given(st.one_of(st.text(max_size=500), notice_like))
@settings(max_examples=80)
def test_parse_directive_never_raises_and_every_span_indexes_the_text(source: str) -> None:
    d = parse_directive(source)
    assert isinstance(d, Directive)
    _check_spans(d)


def _check_spans(d: Directive) -> None:
    assert not [w for w in d.warnings if w.code == "internal_error"], d.warnings
    for c in d.iter_clauses():
        assert d.text[c.span.start : c.span.end] == c.text
    for t in d.tasks:
        assert d.text[t.span.start : t.span.end] == t.text
        for a in t.actors:
            if a.span is not None:
                assert d.text[a.span.start : a.span.end] == a.text
        for dl in t.deadlines:
            assert d.text[dl.span.start : dl.span.end] == dl.text
    for c in d.citations:
        assert d.text[c.span.start : c.span.end] == c.text


def test_parse_directive_handles_empty_whitespace_and_one_megabyte_inputs() -> None:
    for text in ("", " ", "\n\n\t\n", "1. " * 10, ("Sở Y tế rà soát danh sách. " * 40 + "\n\n") * 900):
        d = parse_directive(text)
        assert isinstance(d, Directive)
        _check_spans(d)
    assert parse_directive("").warnings  # says that the text is empty


def _coverage_ok(d: Directive) -> None:
    body = next((p.span for p in d.parts if p.kind == "body"), None)
    if body is None:
        return
    covered = bytearray(len(d.text))
    for c in d.iter_clauses():
        for i in range(c.span.start, c.span.end):
            covered[i] += 1
    for i in range(body.start, body.end):
        if not d.text[i].isspace():
            assert covered[i] == 1, (i, d.text[max(0, i - 30) : i + 30])


@given(clause_trees())
def test_clause_spans_cover_the_body_exactly_once(r: Rendered) -> None:
    _coverage_ok(parse_directive(r.text))


def _parsed_outline(clauses: list[Clause], depth: int = 0) -> list[tuple[int, str, str | None]]:
    out: list[tuple[int, str, str | None]] = []
    for c in clauses:
        out.append((depth, c.kind, c.label))
        out.extend(_parsed_outline(c.children, depth + 1))
    return out


@given(clause_trees())
def test_generated_clause_trees_are_recovered_exactly(r: Rendered) -> None:
    d = parse_directive(r.text)
    _check_spans(d)
    assert _parsed_outline(d.clauses) == outline(r.tree), r.text


@given(clause_trees())
@settings(max_examples=30)
def test_json_round_trip_is_lossless(r: Rendered) -> None:
    d = parse_directive(r.text)
    assert Directive.model_validate_json(d.model_dump_json()) == d
