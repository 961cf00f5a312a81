"""The quick tokenizer and lexicon lookup find what plain, token-by-token ways find."""

from __future__ import annotations

import random
import re
from pathlib import Path

from chidao.grammar.actors import _BATCH, Tok, Tokens, lexicon, tokenize, tokenize_columns
from chidao.pipeline import build_document
from chidao.textutil import fold

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(rf"\w+|[{_MARKS}]+|[^\w\s]")


def _slow(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """One token at a time, each field computed from the token itself."""
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        s = m.group()
        low, key = s.lower(), fold(s)
        out.append(Tok(m.start(), m.end(), s, low, key, key == low, s[0].isalnum(), s[0].isupper()))
    return out


# pieces of text: Vietnamese words in both cases, ASCII, digits and underscores, punctuation,
# every kind of whitespace, combining marks (alone and in runs), other scripts, and letters
# whose lower case is longer ("İ"), title case ("ǅ"), or that are not in the fold table
_PIECES = [
    "Ủy ban",
    "nhân dân",
    "UBND",
    "Sở Y tế",
    "So Y te",
    "ĐÀ NẴNG",
    "đường",
    "các huyện, thành phố",
    "01/2024/NĐ-CP",
    "a_b",
    "_x",
    "__",
    "x1",
    "²½",
    "...",
    ",",
    "(",
    "”",
    "–",
    "•",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\x85",
    "\xa0",
    "\u1680",
    "\u2003",
    "\u2028",
    "\u202f",
    "\u3000",
    "\u200b",
    "\u0301",
    "\u0323\u0309",
    "\u1ab0",
    "\u1dc0\u20d0\ufe20",
    "e\u0302\u0301",
    "İstanbul",
    "ǅ",
    "ß",
    "ΣΑΣ",
    "Москва",
    "中华人民共和国",
    "مرحبا",
    "हिन्दी",
    "ภาษาไทย",
    "😀",
    "\ud800",
    "\x00",
    "Ⅻ",
    "ﬁ",
]


def _texts(n: int, seed: int, most: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, most))) for _ in range(n)]


def test_tokens_as_one_at_a_time_on_random_text() -> None:
    rng = random.Random(7)
    for text in _texts(3000, seed=1):
        assert tokenize(text) == _slow(text), text
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text) + 2)
        cols = tokenize_columns(text, start, end)
        toks = cols.toks()
        assert toks == _slow(text, start, end), (text, start, end)
        assert [cols.tok(i) for i in range(len(cols))] == toks
        assert Tokens.of(toks).toks() == toks
        assert tokenize(text, start, end) == toks
        folded = fold(text)
        assert cols.key == [folded[t.start : t.end] for t in toks]  # what slicing ``folded`` gives
        lo = rng.randint(0, len(cols))
        hi = rng.randint(lo, len(cols))
        assert cols.slice(lo, hi).toks() == toks[lo:hi]
        assert Tokens.join([cols.slice(0, lo), cols.slice(lo, hi), cols.slice(hi, len(cols))]).toks() == toks


def test_tokens_across_matches_as_one_at_a_time() -> None:
    """A match reads ``_BATCH`` tokens: every count of tokens around its multiples, the text
    ending in a token or in spaces, cut anywhere, finds what one token at a time finds."""
    rng = random.Random(11)
    for n in range(3 * _BATCH + 3):
        for _ in range(6):
            words = [rng.choice(_PIECES).strip() or "x" for _ in range(n)]
            text = rng.choice(["", " ", "\n"]).join(words) + rng.choice(["", " ", "\n\n", ","])
            assert tokenize(text) == _slow(text), text
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert tokenize(text, start, end) == _slow(text, start, end), (text, start, end)
    many = " ".join(["một"] * (5 * _BATCH))
    assert [t.text for t in tokenize(many)] == ["một"] * (5 * _BATCH)
    assert tokenize(many, 4) == _slow(many, 4)


def test_tokens_are_tok_tuples_with_every_field() -> None:
    toks = tokenize("  Sở Y tế, So\u0301 UBND_x (ǅ)")
    assert all(type(t) is Tok for t in toks)
    assert [tuple(t) for t in toks] == [
        (2, 4, "Sở", "sở", "so", False, True, True),
        (5, 6, "Y", "y", "y", True, True, True),
        (7, 9, "tế", "tế", "te", False, True, False),
        (9, 10, ",", ",", ",", True, False, False),
        (11, 13, "So", "so", "so", True, True, True),
        (13, 14, "\u0301", "\u0301", "\u0301", True, False, False),
        (15, 21, "UBND_x", "ubnd_x", "ubnd_x", True, True, True),
        (22, 23, "(", "(", "(", True, False, False),
        (23, 24, "ǅ", "ǆ", "ǆ", True, True, False),
        (24, 25, ")", ")", ")", True, False, False),
    ]
    assert tokenize("") == tokenize("   \n") == tokenize("abc", 2, 1) == []
    assert len(tokenize_columns("abc", 3)) == 0
    assert tokenize_columns("abc", 3).toks() == []


def test_tokens_of_the_seed_notices_as_one_at_a_time() -> None:
    for path in sorted(Path(__file__).parent.parent.joinpath("fixtures", "notices").glob("*.txt")):
        doc = build_document(path.read_text(encoding="utf-8"))
        assert tokenize(doc.text, 0, len(doc.text)) == _slow(doc.text)
        assert tokenize(doc.text, 17, len(doc.text) - 9) == _slow(doc.text, 17, len(doc.text) - 9)


# lexicon lookup ---------------------------------------------------------------------------


def test_lookup_finds_what_a_fresh_walk_finds() -> None:
    lx = lexicon()
    rng = random.Random(3)
    phrases = [" ".join(e.words) for e in rng.sample(lx.entries(), 400)]
    plain = [fold(p) for p in phrases[:100]]  # written without diacritics
    words = ["của", "và", "các", ",", "Tỉnh", "UBND", "so", "y", "te"]
    for _ in range(400):
        text = " ".join(rng.choice([*phrases, *plain, *words]) for _ in range(rng.randint(1, 8)))
        toks = tokenize(text)
        cols = tokenize_columns(text)
        for i in range(len(toks) + 1):
            found = lx._walk(cols, i, len(toks))
            best: dict[str, object] = {}
            for e in found:
                best.setdefault(e.cat, e)
            for got in (lx.lookup(cols, i), (lx.all_at(toks, i), lx.best_at(toks, i)), lx.lookup(cols, i)):
                assert got[0] == found, (text, i)
                assert got[1] == best, (text, i)
