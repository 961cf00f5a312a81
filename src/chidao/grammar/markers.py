"""Clause numbering: the markers that open an item of a notice, and inline enumerations.

Markers (at the start of a line):

* ``numbered``: ``1.``, ``2.1.``, ``4.3.``, ``2.10.``, ``1/``, ``1)``; ``2.1`` without the final dot
  when a capital letter follows. Components have one or two digits, so ``1.200 -1.500 người``,
  ``13/13 địa phương`` and ``2020 đã`` open nothing.
* ``lettered``: ``a)``, ``đ)``, ``(a)``, ``a.`` before a capital letter.
* ``roman``: ``I.``, ``II.``, ``IV)``.
* ``section``: ``A.``, ``B.`` before a capital letter (parts of a notice, numbering restarts under them).
* ``paren``: ``(1)``, ``(i)``.
* ``bullet``: ``-``, ``+``, ``•``, ``*``, ``▪``, ``●``, ``○``, ``◦``, ``■``, ``➢``.

Inline enumerations (inside one paragraph): ``Thứ nhất là ... Thứ hai là ...``,
``Một là, ... Hai là, ...``, ``(i) ... (ii) ...``, ``(1) ... (2) ...``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple, cast

import regex

from chidao.grammar.patterns import SPACES, scan

__all__ = ["BULLET_SYMBOLS", "Marker", "enumeration_hints", "find_inline_enumeration", "match_marker", "roman_value"]


class Marker(NamedTuple):  # a tuple: faster to build than a frozen dataclass, as immutable
    kind: str  # numbered | lettered | roman | paren | bullet
    label: str  # normalized: "2.1", "a", "II", "i", "-"
    text: str  # the marker as written, with the whitespace after it
    symbol: str = ""
    style: str = ""


_ROMAN = regex.compile(r"(?P<label>[IVXLC]{1,7})\s*[.)](?:\s+|(?=\p{Lu}))(?=\S)")
_NUMBERED = regex.compile(
    r"(?P<label>\d{1,2}(?:\.\d{1,2}){0,5})(?P<term>\.|/|\))(?:\s+|(?=[\p{Lu}\"']))(?=\S)"
    r"|(?P<label2>\d{1,2}(?:\.\d{1,2}){1,5})\s+(?=\p{Lu})"
)
_LETTERED = regex.compile(
    r"\(?(?P<label>[a-zđ])\)\s*(?=\S)|(?P<label2>[a-zđ])[./]\s+(?=\p{Lu})"  # a) (a) a. a/
)
_SECTION = regex.compile(r"(?P<label>[A-HK-UĐ])\.\s+(?=\p{Lu})")
_PAREN = regex.compile(r"(?<![\p{L}\d])\((?P<label>i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})\)\s")  # also inline
# r"(?P<sym>[-+•·▪●○◦■□➢➤✓*])\s*(?=[^\s\-_=*.])" in the standard re: it needs no Unicode
# property, and re matches a short line several times faster than regex (every body line)
_BULLET = re.compile(f"(?P<sym>[-+•·▪●○◦■□➢➤✓*])[{SPACES}]*(?=[^{SPACES}\\-_=*.])")

# Marker(...) without the Python-level __new__ of a NamedTuple (all five fields given)
_new_marker = cast(Callable[[type[Marker], tuple[str, str, str, str, str]], Marker], tuple.__new__)

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    """Value of an upper- or lower-case roman numeral; 0 when it is not a well-formed one."""
    s = s.upper()
    total = 0
    prev = 0
    for ch in reversed(s):
        v = _ROMAN_VALUES.get(ch, 0)
        if v == 0:
            return 0
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return total if _to_roman(total) == s else 0


def _to_roman(n: int) -> str:
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


# the groups match_marker reads, by number (a group name costs a lookup in every call)
_NUMBERED_LABEL = _NUMBERED.groupindex["label"]
_NUMBERED_LABEL2 = _NUMBERED.groupindex["label2"]
_LETTERED_LABEL = _LETTERED.groupindex["label"]
_LETTERED_LABEL2 = _LETTERED.groupindex["label2"]
_ROMAN_LABEL = _ROMAN.groupindex["label"]
_SECTION_LABEL = _SECTION.groupindex["label"]
_PAREN_LABEL = _PAREN.groupindex["label"]


# the first characters of a bullet (_BULLET): none is a digit or a letter, so a line that opens
# with one is read by _BULLET alone
BULLET_SYMBOLS = frozenset("-+•·▪●○◦■□➢➤✓*")
# the ASCII characters that may follow a numbered marker (_NUMBERED): a space, a capital, a quote
_AFTER_NUMBER = frozenset(" \t\n\x0b\x0c\r\"'ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def match_marker(line: str) -> Marker | None:
    """The clause marker that opens ``line`` (already stripped), or ``None``."""
    if not line:
        return None
    c = line[0]
    if c in BULLET_SYMBOLS:
        m = _BULLET.match(line)
        if m:
            return _new_marker(Marker, ("bullet", c, m[0], c, ""))  # the symbol is the first character
        return None
    if c.isdigit():
        rest = line.lstrip("0123456789./)")
        if not rest:
            return None  # a number opens an item before a space or a capital: here there is none
        # _NUMBERED ends its label (and terminator) where the run of ASCII digits, dots, slashes
        # and parentheses ends, unless a digit of another script goes on; what follows must be a
        # space, a capital or a quote; and the label has at most 6 components (7 dots with the
        # terminator): the pattern needs not run where these say no
        if (rest[0] < "\x80" and rest[0] not in _AFTER_NUMBER) or line.count(".", 0, len(line) - len(rest)) > 6:
            return None
        m = _NUMBERED.match(line)
        if m:
            return _new_marker(Marker, ("numbered", m[_NUMBERED_LABEL] or m[_NUMBERED_LABEL2], m[0], "", ""))
        return None
    if c in "IVXLC":
        m = _ROMAN.match(line)
        if m and roman_value(m[_ROMAN_LABEL]):
            return _new_marker(Marker, ("roman", m[_ROMAN_LABEL], m[0], "", ""))
    if "A" <= c <= "U" or c == "Đ":
        m = _SECTION.match(line)
        if m:
            return _new_marker(Marker, ("section", m[_SECTION_LABEL], m[0], "", ""))
        return None
    if c == "(":
        m = _PAREN.match(line)
        if m:
            lab = m[_PAREN_LABEL]
            return _new_marker(Marker, ("paren", lab, m[0], "", "num" if lab.isdigit() else "roman"))
        m = _LETTERED.match(line)
        if m:
            return _new_marker(Marker, ("lettered", m[_LETTERED_LABEL] or m[_LETTERED_LABEL2], m[0], "", ""))
        return None
    if "a" <= c <= "z" or c == "đ":
        m = _LETTERED.match(line)
        if m:
            return _new_marker(Marker, ("lettered", m[_LETTERED_LABEL] or m[_LETTERED_LABEL2], m[0], "", ""))
        return None
    return None  # a bullet opens with one of BULLET_SYMBOLS


_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
_COUNTS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
_THU = regex.compile(
    r"(?<![\p{L}])(?:[Tt]hứ (?P<ord>" + "|".join(_ORDINALS) + r")(?![\p{L}])"
    r"|(?P<count>" + "|".join(c.capitalize() for c in _COUNTS) + r") là(?![\p{L}]))"
)
_COUNT_CAPS = tuple(c.capitalize() for c in _COUNTS)
_COUNT_WORDS = tuple(f"{c} là" for c in _COUNT_CAPS)

Segment = tuple[int, int, str | None, str, str]


def enumeration_hints(text: str, start: int, end: int) -> list[int]:
    """Sorted offsets in ``text[start:end]`` near which an inline enumeration may stand.

    ``find_inline_enumeration(text, a, b)`` finds nothing unless ``[a, b)`` holds one of them:
    the start of "hứ " (Thứ nhất), of "(i)" or "(1)", or a " là" after a counting word (Một là).
    """
    found: list[int] = []
    for needle in ("hứ ", "(i)", "(1)", " là"):
        i = text.find(needle, start, end)
        while i >= 0:
            if needle != " là" or text.endswith(_COUNT_CAPS, start, i):
                found.append(i)
            i = text.find(needle, i + 1, end)
    return sorted(found)


def find_inline_enumeration(text: str, start: int, end: int) -> list[Segment]:
    """Enumerated parts inside ``text[start:end]``: (start, end, label, kind, marker)."""
    segment = text[start:end]
    words = "hứ " in segment or any(w in segment for w in _COUNT_WORDS)  # _THU needs one
    parens = "(i)" in segment or "(1)" in segment
    if not (words or parens):
        return []
    found: list[tuple[int, str | None, str, str]] = []
    expect = 0
    style = ""
    for m in scan(_THU, text, start, end) if words else ():
        this_style = "ord" if m.group("ord") else "count"
        k = _ORDINALS.index(m.group("ord")) if m.group("ord") else _COUNTS.index(m.group("count").lower())
        if k == expect and (not style or style == this_style):
            style = this_style
            found.append((m.start(), None, "paragraph", m.group(0)))
            expect += 1
    if len(found) < 2:
        found = []
        expect_roman, expect_num = 1, 1
        for m in scan(_PAREN, text, start, end) if parens else ():  # found[0] is (1) or (i)
            lab = m.group("label")
            if lab.isdigit():
                if int(lab) == expect_num and (not found or found[0][2] == "paren_num"):
                    found.append((m.start(), lab, "paren_num", m.group(0)))
                    expect_num += 1
            elif roman_value(lab) == expect_roman and (not found or found[0][2] == "roman"):
                found.append((m.start(), lab, "roman", m.group(0)))
                expect_roman += 1
        if len(found) < 2:
            return []
    out: list[Segment] = []
    for k, (s, label, kind, marker) in enumerate(found):
        e = found[k + 1][0] if k + 1 < len(found) else end
        if kind == "paren_num":
            out.append((s, e, None, "paragraph", marker))
        else:
            out.append((s, e, label, kind, marker))
    return out
