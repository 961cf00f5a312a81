"""Diacritic folding that keeps offsets, shared by the layers."""

from __future__ import annotations

import re
import unicodedata

from chidao.grammar.patterns import scan

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


def _folds_by_decomposition(c: str) -> bool:
    """Is ``c`` a letter that NFD splits into an ASCII letter and marks, which fold keeps?"""
    d = unicodedata.normalize("NFD", c)
    marks = all("\u0300" <= m <= "\u036f" for m in d[1:])
    return len(d) > 1 and d[0].isascii() and marks and _FOLD_TABLE.get(ord(c)) == d[0].lower()


# str.translate maps one character at a time, slowly; for runs of ASCII and Vietnamese
# letters, NFD and an ASCII encoding that drops the marks do the same in C
_LETTERS = "".join(sorted(c for c in map(chr, _FOLD_TABLE) if not c.isascii() and _folds_by_decomposition(c)))
_NOT_LETTER = re.compile(f"[^\\x00-\\x7f{_LETTERS}đĐ]")  # no "+": it would slow the scan


# up to this length one translate is faster than the scan for letter runs (same result: a test)
_SHORT = 96


def _fold_letters(s: str) -> str:
    """``fold(s)`` for ``s`` of ASCII characters and ``_LETTERS``, đ and Đ only."""
    plain = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return plain.encode("ascii", "ignore").lower().decode("ascii")


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics, keeping the length (so offsets still hold).

    >>> fold("Ủy ban nhân dân Đà Nẵng")
    'uy ban nhan dan da nang'
    """
    if len(text) <= _SHORT:
        return text.translate(_FOLD_SEQ)
    pieces: list[str] = []
    pos = 0
    for m in scan(_NOT_LETTER, text):
        if len(pieces) > 64:
            return text.translate(_FOLD_SEQ)  # another script: one character at a time
        pieces.append(_fold_letters(text[pos : m.start()]))
        pieces.append(m.group().translate(_FOLD_SEQ))
        pos = m.end()
    pieces.append(_fold_letters(text[pos:]))
    return "".join(pieces)


def fold_char(c: str) -> str:
    return c.translate(_FOLD_TABLE)
