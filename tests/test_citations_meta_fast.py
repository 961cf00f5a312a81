"""The fast paths of the citation extractor give what the plain scans they replace give.

* ``_numbers``: NUMBER_SCAN tried only where NUMBER_START matches == ``scan(NUMBER_SCAN, ...)``;
* ``_short_words``: one ``str.find`` pass per anchor word == one scan per short-reference word;
* ``_name_before``: the last-word precheck turns away only windows the full lookup turns away.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from chidao.extract.citations import _name_before, _numbers, _short_words
from chidao.grammar import citations as g
from chidao.grammar.numbers import NUMBER_SCAN
from chidao.grammar.patterns import scan
from chidao.textutil import fold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import HOSTILE, generated_corpus  # noqa: E402

_EDGES = [
    "a12/ 2020/ND-CP 12/ 2020/ND x12/2020/NĐ-CP, 1-TB/2020/ND x 12-TB/2020/ND-CP",
    "5/Day 12 /TB-TU, 3 - KL/TW 4/2021/NĐ-CP; 283-TB/TU 1234/UBND-KGVX 12345678/TB 15/CT-TTg.",
    "số 1/số 1/ Số 1/ 1/1/2020 12/TB-UBND:12/TB-UBND/12/TB 7/QĐ & 8/BNN&MT 9/QLN& TTBĐS",
    "trên  trên đây nêu   trên  kể\ntrên vừa nêu đã nêu đã dẫn dẫn trên nói trên này đã  đã dẫn trênx xtrên",
    "Công văn nêu trên, Kết luận này; văn bản trên.\nChỉ thị\tnói\u00a0trên) Nghị quyết đã  nêu (Công điện này)",
]


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "notices").glob("*.txt"))]
    hostile = [build()[:60_000] for build in HOSTILE.values()]
    return seeds + hostile + generated_corpus(12, hi=60_000) + _EDGES


TEXTS = _texts()


def _folded(text: str) -> str:
    f = fold(text)
    return f if len(f) == len(text) else text.lower()


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_numbers_as_the_scan(k: int) -> None:
    text = TEXTS[k]
    for lo, hi in [(0, len(text)), (3, len(text) - 2)]:
        want = [(m.span(), m.group(0)) for m in scan(NUMBER_SCAN, text, lo, hi)]
        assert [(m.span(), m.group(0)) for m in _numbers(text, lo, hi)] == want


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_short_words_as_the_scans(k: int) -> None:
    folded = _folded(TEXTS[k])
    scans = [(p, False) for p in g.SHORT_WORDS] + [(p, True) for p in g.SHORT_END_WORDS]
    for lo, hi in [(0, len(folded)), (3, len(folded) - 2)]:
        want = sorted((m.span(), m.group(0), end) for p, end in scans for m in scan(p, folded, lo, hi))
        got = sorted((m.span(), m.group(0), end) for m, end in _short_words(folded, lo, hi))
        assert got == want


def test_every_short_word_has_an_anchor() -> None:
    anchored = {m.pattern.pattern for a in g.SHORT_ANCHORS for m in a.members}
    assert anchored == {p.pattern for p in (*g.SHORT_WORDS, *g.SHORT_END_WORDS)}


_WORD = regex.compile(r"\S+")


def _name_before_full(folded: str, pos: int, lo: int) -> tuple[int, str] | None:
    """``_name_before`` without its precheck."""
    w0 = max(lo, pos - 48)
    window = folded[w0:pos]
    if not window or not window[-1].isspace():
        return None
    spans = [(w.start(), w.group(0)) for w in _WORD.finditer(window)][-5:]
    for k in range(len(spans), 0, -1):
        first = spans[-k][0]
        cand = " ".join(w for _, w in spans[-k:])
        stripped = cand.lstrip("(\"'[,;:.-")
        if stripped in g.all_names():
            return w0 + first + (len(cand) - len(stripped)), stripped
    return None


@pytest.mark.parametrize("k", range(5))
def test_name_before_precheck(k: int) -> None:
    folded = _folded(TEXTS[k] + " " + _EDGES[4])
    for pos in range(1, len(folded)):
        if folded[pos - 1].isspace():
            assert _name_before(folded, pos, 0) == _name_before_full(folded, pos, 0)
