"""Diacritic folding that keeps offsets, shared by the layers."""

from __future__ import annotations

import codecs
import unicodedata

__all__ = ["fold", "fold_char"]


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    for cp in ranges:
        c = chr(cp)
        base = unicodedata.normalize("NFD", c)[0]
        if c in "đĐ":
            base = "d"
        low = base.lower()
        if len(low) == 1 and low != c and (low.isascii() or unicodedata.category(low).startswith("L")):
            table[cp] = low
    return table


_FOLD_TABLE = _build_fold_table()
# a sequence indexed by code point translates faster than a dict; beyond it, characters stay
_FOLD_SEQ: list[str] = [chr(i) for i in range(0x1F00)]
for _cp, _to in _FOLD_TABLE.items():
    _FOLD_SEQ[_cp] = _to


def _byte_chars() -> str:
    """The 256 characters of nearly every notice, one per byte: ASCII (without most control
    characters), the letters of the Vietnamese alphabet in both cases, bullets and a few signs."""
    vowels = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none and the five tones
    letters = (unicodedata.normalize("NFC", v + m) for v in vowels + vowels.upper() for m in marks)
    chars = "".join(
        [
            "\x00\t\n\r",  # byte 0 must stand for "\x00" (else codecs builds a slow dict)
            *map(chr, range(0x20, 0x7F)),
            *(c for c in letters if not c.isascii()),
            "đĐ",
            "•·▪●○◦■□➢➤✓…©§°€×²³½→≤≥",
        ]
    )
    assert len(chars) == len(set(chars)) == 256, len(chars)
    return chars


# str.translate maps one character at a time, slowly; a charmap codec does it in C: it encodes
# the text one byte per character (the characters of _BYTE_CHARS only) and decodes each byte
# to the character's fold
_BYTE_CHARS = _byte_chars()
_TO_BYTES = codecs.charmap_build(_BYTE_CHARS)
_FOLDED_BYTES = _BYTE_CHARS.translate(_FOLD_SEQ)  # byte -> the fold of its character
_encode = codecs.charmap_encode
_decode = codecs.charmap_decode


def _fold_mapped(s: str) -> str:
    """``fold(s)``; raises ``UnicodeEncodeError`` (its start and end: the first run of them) where
    ``s`` holds characters beyond ``_BYTE_CHARS``."""
    return _decode(_encode(s, "strict", _TO_BYTES)[0], "strict", _FOLDED_BYTES)[0]


# up to this length, a text with characters beyond _BYTE_CHARS is translated at once
_SHORT = 96
_CHUNK = 1 << 14  # what one encoding looks at (a notice at once; slices of it are copied)
# where characters beyond _BYTE_CHARS are many (another script), the rest is translated at once
_MOST_RUNS = 64
_MOST_BEYOND = 1024


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics, keeping the length (so offsets still hold).

    >>> fold("Ủy ban nhân dân Đà Nẵng")
    'uy ban nhan dan da nang'
    """
    if len(text) <= _SHORT:
        try:
            return _fold_mapped(text)
        except UnicodeEncodeError:
            return text.translate(_FOLD_SEQ)
    pieces: list[str] = []
    pos = 0
    runs = beyond = 0
    while pos < len(text):
        chunk = text[pos : pos + _CHUNK]
        try:
            pieces.append(_fold_mapped(chunk))
            pos += len(chunk)
            continue
        except UnicodeEncodeError as e:
            a, b = e.start, e.end  # a run of characters beyond _BYTE_CHARS
        pieces.append(_fold_mapped(chunk[:a]))
        pieces.append(chunk[a:b].translate(_FOLD_SEQ))
        pos += b
        runs += 1
        beyond += b - a
        if runs == _MOST_RUNS or beyond >= _MOST_BEYOND:
            pieces.append(text[pos:].translate(_FOLD_SEQ))
            break
    return pieces[0] if len(pieces) == 1 else "".join(pieces)


def fold_char(c: str) -> str:
    return c.translate(_FOLD_TABLE)
