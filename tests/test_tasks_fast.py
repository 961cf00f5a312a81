"""The task finder's short cuts give what the plain ways give.

* a subject is parsed once per parser and ``(start, end)``: the remembered answer is the one a
  fresh parser finds;
"""

from __future__ import annotations

import random
from pathlib import Path

from chidao.extract.actors import _find_subject, _Parser, _subject, analyze
from chidao.grammar.actors import Tokens, tokenize_columns

_ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    """Sentences of the actors corpus and paragraphs of the seed notices."""
    out = []
    for name in ("actors_positive.tsv", "actors_negative.tsv"):
        for line in (_ROOT / "tests" / "corpus" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[0])
    for path in sorted((_ROOT / "fixtures" / "notices").glob("*.txt"))[:6]:
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 20]
    return out


def _spans(toks: Tokens, rng: random.Random) -> list[tuple[int, int]]:
    n = len(toks)
    out = [(0, n)]
    for _ in range(4):
        i = rng.randrange(n)
        out.append((i, rng.randint(i, n)))
    return out


def test_remembered_subjects_are_fresh_ones() -> None:
    rng = random.Random(7)
    checked = 0
    for text in _texts():
        toks = tokenize_columns(text)
        if not len(toks):
            continue
        p = _Parser(toks)
        spans = _spans(toks, rng)
        for s, e in spans:  # the parser's memo filled in another order first
            analyze(toks, s, e, parser=p)
        for s, e in spans:
            for i in range(s, min(e, s + 3)):
                assert _subject(p, i, e) == _find_subject(_Parser(toks), i, e), (text, i, e)
                checked += 1
        for (i, e), got in p._subjects.items():
            assert got == _find_subject(_Parser(toks), i, e), (text, i, e)
    assert checked > 1000
