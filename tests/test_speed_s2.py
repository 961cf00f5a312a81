"""The per-clause fast paths of tasks (and layout) give what the plain ways give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chidao.extract.tasks import _MAX_CLAUSE_CHARS, _OPENING, _RUN_GAP, _RUN_MAX, _read_range, _Tokens
from chidao.grammar.actors import first_words, tokenize
from chidao.pipeline import parse_directive
from chidao.textutil import fold

WORDS = ["Sở", "Y", "tế", "chủ", "trì", "mục", "xyz", "12", ",", ";", ":", ".", "-", "(", ")"]


def _runs_plainly(ranges: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The runs as the first version of _Tokens made them."""
    runs: list[tuple[int, int, list[tuple[int, int]]]] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if runs and a <= runs[-1][1] + _RUN_GAP and max(b, runs[-1][1]) - runs[-1][0] <= _RUN_MAX:
            s, e, rs = runs[-1]
            runs[-1] = (s, max(e, b), [*rs, (a, b)])
        else:
            runs.append((a, b, [(a, b)]))
    return runs


@given(st.lists(st.tuples(st.integers(0, 300_000), st.integers(0, 2000)), max_size=40))
def test_runs_are_those_of_the_plain_merge(pairs: list[tuple[int, int]]) -> None:
    ranges = [(a, a + n) for a, n in pairs]
    tokens = _Tokens("", "", ranges, frozenset())
    assert [(r.start, r.end, r.ranges) for r in tokens.runs] == _runs_plainly(ranges)
    assert tokens.run_starts == [r.start for r in tokens.runs]


@given(st.lists(st.sampled_from([*WORDS, " ", "\n"]), max_size=60), st.data())
def test_read_is_none_only_where_no_word_can_open_and_else_the_tokens(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=16)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    openers = first_words(_OPENING)
    tokens = _Tokens(text, fold(text), spans, openers)
    for a, b in spans:
        alone = tokenize(text, a, b)
        got = tokens.read(a, b)
        if got is None:
            assert not any(t.key in openers for t in alone)
            assert tokens.slice(a, b).toks() == []
        elif got.toks() or any(t.key in openers for t in alone):
            assert got.toks() == alone, (text, a, b)


def test_read_range_is_the_own_words_after_the_marker_at_most_the_limit() -> None:
    long_item = "2. Sở Y tế " + "rà soát " * (_MAX_CLAUSE_CHARS // 8 + 10)
    text = f"1. Sở Y tế chủ trì:\n- mục một;\n+ Công an tỉnh phối hợp.\n{long_item}\nĐoạn văn cuối.\n"
    d = parse_directive(text)
    seen = 0
    for top in d.clauses:
        for c in top.iter_clauses():
            seen += 1
            start = c.span.start + len(c.marker) if c.marker and c.text.startswith(c.marker) else c.span.start
            assert _read_range(c) == (start, min(c.span.end, start + _MAX_CLAUSE_CHARS))
    assert seen >= 4
