"""The shortcuts inside normalization find what the plain ways find."""

from __future__ import annotations

import random
import unicodedata

import regex

from chidao.normalize import (
    _NFC_NO,
    _RARE,
    _RARE_CHUNK,
    PASSES,
    OffsetMap,
    _apply,
    _rare_chars,
    _run_edits,
    _Scan,
    normalize,
)

_ALPHABET = [
    "a", "o", "u", "y", "Ủy", " ", "\n", "\r\n", "\x00", "\u2028", "\ufeff", "\u00ad", "\ud800", "\t",
    "\u0300", "\u0301", "\u0323", "\u0340", "\u0344", "\u212b", "Å", "ﬁ", "\u1100", "\u1161", "\u11a8", "가",
    "\u0958", "\u0f73", "ƣ", "“", "–", "\u00a0", "*", "|", "#", "hoà", "thuỷ", "\u0301" * 7, " \u0300",
]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def test_the_nfc_no_class_is_what_nfc_changes_alone() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(_NFC_NO.findall(every)) == {c for c in every if unicodedata.normalize("NFC", c) != c}


def test_mark_runs_are_what_a_scan_for_a_character_and_its_marks_finds() -> None:
    with_base = regex.compile(r"\P{M}?\p{M}+")
    for text in _random_texts(2000, 1):
        expected = [
            (m.start(), m.end(), n)
            for m in with_base.finditer(text)
            if (n := unicodedata.normalize("NFC", m.group())) != m.group()
        ]
        assert _run_edits(text) == expected, text


def test_rare_characters_are_found_in_sparse_and_dense_chunks() -> None:
    rng = random.Random(2)
    dense = "".join(rng.choice(_ALPHABET) for _ in range(3 * _RARE_CHUNK // 4))
    sparse = "Sở Y tế chủ trì. " * (_RARE_CHUNK // 16)
    for text in (dense + sparse + dense, sparse + dense + "\u2028", "", "x", sparse + "\u0300"):
        assert sorted(_rare_chars(text)) == sorted(set(_RARE.findall(text)))


def _compose_by_pieces(outer: OffsetMap, inner: OffsetMap) -> list[tuple[int, int, int, int]]:
    plain = OffsetMap(outer.segments, outer.text_len, outer.source_len)  # not canonical: the slow way
    return plain.compose(OffsetMap(inner.segments, inner.text_len, inner.source_len)).segments


def test_composing_canonical_maps_gives_what_composing_piece_by_piece_gives() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 30)))
        maps = []
        for _ in range(3):
            edits = []
            pos = 0
            while pos < len(text):
                a = pos + rng.randint(0, 4)
                b = a + rng.randint(0, 3)
                if b > len(text):
                    break
                edits.append((a, b, rng.choice(["", "x", "xy", "xyz", text[a:b]])))
                pos = b + rng.randint(0, 2)
            text, step = _apply(text, edits)
            maps.append(step)
        inner = maps[0]
        for outer in maps[1:]:
            fast = outer.compose(inner)
            assert fast.segments == _compose_by_pieces(outer, inner)
            inner = fast


def test_normalization_of_random_pieces_is_idempotent_and_maps_every_character() -> None:
    for text in _random_texts(1000, 4):
        n = normalize(text)
        assert normalize(n.text).text == n.text
        segs = n.offsets.segments
        assert [s[0] for s in segs[1:]] == [s[1] for s in segs[:-1]]
        assert (segs[0][0] if segs else 0) == 0 and (segs[-1][1] if segs else 0) == len(n.text)


_PAGE_PIECES = [
    "\n\n- 2 -\n\n", "– 2 –", "Trang 3/5", "--- PAGE BREAK ---", "**", "(*)", "## ", "hoà", "thuỷ", " \u0300",
    "Sở Y tế", ".", ",", " ", "\n", "\n\n", "\\*", "ƣ", "\r\n", "\u00ad", "“",
]


def _every_pass_every_round(text: str) -> str:
    """Normalization without the feeds table: every pass, on a fresh scan, in every round."""
    for _ in range(4):
        before = text
        for p in PASSES:
            scan = _Scan(text)
            if p.needed(scan):
                edits = p.find_edits(scan)
                if edits:
                    text = _apply(text, edits)[0]
        if text == before:
            break
    return text


def test_the_feeds_table_skips_only_passes_with_nothing_to_do() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(_PAGE_PIECES + _ALPHABET) for _ in range(rng.randint(0, 40)))
        assert normalize(text).text == _every_pass_every_round(text), repr(text)


def test_composing_any_map_with_the_identity_is_what_the_general_composition_gives() -> None:
    built = OffsetMap([(0, 1, 0, 1), (2, 3, 5, 6)], 3, 6)  # from outside: not known canonical
    once = built.compose(OffsetMap.identity(6))
    assert once.segments == built._compose_any(OffsetMap.identity(6)).segments
    assert once.compose(OffsetMap.identity(6)).segments == once._compose_any(OffsetMap.identity(6)).segments
