"""The lexicon's and the actor parser's short cuts give what the plain ways give.

* :meth:`Lexicon.lookup` remembers a walk that read at most two words by those two words:
  its answer is the one a walk of the trie from scratch finds, whatever came before;
* the parser's one-category question ``m``, its several-category ``m_any`` and ``has``, and
  ``det`` (the lookup inlined) answer as a plain reading of every entry at the token does.
"""

from __future__ import annotations

import random
from pathlib import Path

from chidao.extract.actors import _ENDS, _Parser
from chidao.grammar.actors import Entry, Tokens, lexicon, tokenize_columns
from chidao.textutil import fold

_ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    """Sentences of the actors corpus and paragraphs of the seed notices, some of them with
    their diacritics stripped, or in capitals, or with Greek words whose lower case depends on
    the place of a letter (a final sigma) mixed in."""
    out = []
    for name in ("actors_positive.tsv", "actors_negative.tsv"):
        for line in (_ROOT / "tests" / "corpus" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[0])
    for path in sorted((_ROOT / "fixtures" / "notices").glob("*.txt"))[:4]:
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 20]
    rng = random.Random(5)
    more = []
    for text in out:
        words = text.split(" ")
        for k in range(len(words)):
            r = rng.random()
            if r < 0.1:
                words[k] = fold(words[k])
            elif r < 0.15:
                words[k] = words[k].upper()
            elif r < 0.17:
                words[k] = rng.choice(["ΟΣ", "ος", "Σở", "İ"])
        more.append(" ".join(words))
    return out + more


def _plain(toks: Tokens, i: int) -> tuple[tuple[Entry, ...], dict[str, Entry]]:
    """Every entry at ``i`` from a walk of the trie, nothing remembered."""
    found = lexicon()._walk(toks, i, len(toks))
    best: dict[str, Entry] = {}
    for e in found:
        best.setdefault(e.cat, e)
    return found, best


def test_lookup_is_a_fresh_walk() -> None:
    lx = lexicon()
    checked = 0
    for text in _texts():
        toks = tokenize_columns(text)
        n = len(toks)
        for i in range(n):
            want = _plain(toks, i)
            assert lx.lookup(toks, i) == want, (text, i)
            # the same words at the end of a shorter list (a walk cut by the end)
            for end in (i + 1, i + 2, i + 3):
                if end <= n:
                    cut = toks.slice(i, end)
                    assert lx.lookup(cut, 0) == _plain(cut, 0), (text, i, end)
            checked += 1
    assert checked > 10_000


def test_parser_questions_are_plain_readings() -> None:
    cats = ("det", "abbr", "head", "title", "level", "discourse", "cue", "verb", "modality", *_ENDS)
    rng = random.Random(3)
    checked = 0
    for text in _texts()[::3]:
        toks = tokenize_columns(text)
        p = _Parser(toks)
        for i in range(-1, len(toks) + 1):
            entries = _plain(toks, i)[0] if 0 <= i < len(toks) else ()
            for c in cats:
                want = next((e for e in entries if e.cat == c), None)
                assert p.m(i, c) == want, (text, i, c)
            some = tuple(rng.sample(cats, 3))
            want_any = next((e for e in entries if e.cat in some), None)
            got = p.m_any(i, *some)
            assert (got is None) == (want_any is None), (text, i, some)
            if got is not None and want_any is not None:
                assert len(got.words) == len(want_any.words) and got.cat in some, (text, i, some)
            assert p.has(i, frozenset(some)) == (want_any is not None), (text, i, some)
            det = next((e for e in entries if e.cat == "det"), None)
            assert p.det(i) == (i + len(det.words) if det is not None else i), (text, i)
            checked += 1
    assert checked > 3000
