"""Small text helpers shared by the layers: diacritic folding that keeps offsets, line splitting."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

__all__ = ["Line", "fold", "fold_char", "split_lines"]


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


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics, keeping the length (so offsets still hold).

    >>> fold("Ủy ban nhân dân Đà Nẵng")
    'uy ban nhan dan da nang'
    """
    return text.translate(_FOLD_SEQ)


def fold_char(c: str) -> str:
    return c.translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_LINE = regex.compile(r"[^\n]*")


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Lines of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    i = 0
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(i, pos, stop, text[pos:stop]))
        i += 1
        if nl < 0:
            break
        pos = nl + 1
    return out
