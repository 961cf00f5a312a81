"""The task finder's short cuts give what the plain ways give.

* a subject is parsed once per parser and ``(start, end)``: the remembered answer is the one a
  fresh parser finds;
* the verb scan reads the longest noun and the categories at a token from the parser's
  remembered lookups: it finds what a scan of every token with every entry finds;
* the parser lists where phrases of some categories may start, and where ";:()" and ".!?" are,
  from one byte per token: the tokens whose folded word is in :func:`first_words` or the marks.
"""

from __future__ import annotations

import random
from itertools import chain, combinations
from pathlib import Path

from chidao.extract.actors import (
    _FEATURES,
    _TAG_CATS,
    MARKS_BIT,
    STOPS_BIT,
    _find_subject,
    _Parser,
    _subject,
    analyze,
)
from chidao.extract.verbs import _MAX_VERBS, _NOT_CUES, scan
from chidao.grammar.actors import Tokens, first_words, lexicon, tokenize_columns

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


def _plain_scan(
    toks: Tokens, start: int, end: int, spans: list[tuple[int, int]]
) -> tuple[list[str], str | None, list[str]]:
    """The verb scan as it was: every token, every entry (longest first)."""
    lx = lexicon()
    covered = {x for a, b in spans for x in range(a, b)}
    verbs: list[str] = []
    seen: set[str] = set()
    modality: str | None = None
    urgency: list[str] = []
    k = start
    while k < end:
        if not toks.word[k] or k in covered:
            k += 1
            continue
        step = 1
        entries = lx.all_at(toks, k)
        noun = 0
        for e in entries:
            if e.cat == "noun" and k + len(e.words) <= end:
                noun = len(e.words)
                break
        if noun:
            k += noun
            continue
        for e in entries:
            n = len(e.words)
            if k + n > end:
                continue
            if n == 1 and k + 1 < end and (toks.low[k], toks.low[k + 1]) in _NOT_CUES:
                continue
            if e.cat == "verb" and step == 1:
                surface = " ".join(toks.text[k : k + n])
                low = surface.lower()
                if low not in seen and len(verbs) < _MAX_VERBS:
                    seen.add(low)
                    verbs.append(low if not surface.isupper() else surface)
                step = n
            elif e.cat == "modality" and modality is None:
                modality = e.value
                step = max(step, n)
            elif e.cat == "urgency" and e.value not in urgency:
                urgency.append(e.value)
                step = max(step, n)
        k += step
    return verbs, modality, urgency


def test_scan_is_the_plain_scan() -> None:
    rng = random.Random(11)
    checked = 0
    for text in _texts():
        toks = tokenize_columns(text)
        if not len(toks):
            continue
        p = _Parser(toks)
        for s, e in _spans(toks, rng):
            spans = []
            if e > s and rng.random() < 0.5:
                a = rng.randrange(s, e)
                spans.append((a, rng.randint(a, e)))
            hits = p.hits_between(s, e, _FEATURES)
            assert scan(toks, s, e, spans, p.look, hits) == _plain_scan(toks, s, e, spans), (text, s, e)
            assert scan(toks, s, e, spans) == _plain_scan(toks, s, e, spans), (text, s, e)
            checked += 1
    assert checked > 1000


def test_tagged_positions_are_first_words() -> None:
    rng = random.Random(5)
    subsets = [frozenset(c) for c in chain.from_iterable(combinations(_TAG_CATS, k) for k in range(1, 4))]
    subsets += [frozenset({"verb", "head"}), frozenset({"cue", "agency", "det"})]  # (no tag bits: the plain way)
    words = [w for t in _texts()[:400] for w in t.split()] + list(";:().!?,-") + ["Sở", "phải", "khẩn trương", "(1)"]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 60)))
        toks = tokenize_columns(text)
        p = _Parser(toks)
        keys = toks.key
        for cats in subsets:
            first = first_words(cats)
            assert p.hits(cats) == [k for k, w in enumerate(keys) if w in first], (text, cats)
        assert p.tagged(MARKS_BIT) == [k for k, w in enumerate(keys) if w in (";", ":", "(", ")")], text
        assert p.tagged(STOPS_BIT) == [k for k, w in enumerate(keys) if w in (".", "!", "?")], text
