"""The số ký hiệu grammar: ``15/CT-TTg``, ``30/2020/NĐ-CP``, ``1234/UBND-KGVX``, ``283-TB/TU``.

Two forms:

* state (Nghị định 30/2020/NĐ-CP): ``serial[/year]/TYPE-ISSUER[-UNIT]``; a Công văn has no
  type code (``1234/UBND-KGVX``), a law or a Quốc hội resolution neither (``86/2019/QH14``);
* Party (Hướng dẫn 36-HD/VPTW): ``serial-TYPE/ISSUER[-UNIT]`` (``283-TB/TU``, ``10-TB/VPTW``).

Real-world deviations are read too: a leading ``số``/``Số:``, stray spaces (``1206 /QĐ-UBND``,
``42/QD- TCT``), en dashes, ASCII ``CD/QD/ND/BCD`` (restored to ``CĐ/QĐ/NĐ/BCĐ``), a missing
hyphen (``283TB/TU``, ``15/CTTTg``), lower case (``15/ct-ttg``).

>>> parse_number("Số: 283-TB/TU").number
'283-TB/TU'
>>> p = parse_number("121/CD-TTg"); p.number, p.symbol, p.doc_type.value, p.issuer_code
('121/CĐ-TTg', 'CĐ-TTg', 'Công điện', 'TTg')
>>> p = parse_number("Số: /TB-UBND"); p.number, p.symbol
(None, 'TB-UBND')
>>> parse_number("30/2020/nd-cp").number
'30/2020/NĐ-CP'
>>> parse_number("13/13") is None, parse_number("26/7/2020") is None
(True, True)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from chidao.grammar.doc_types import all_codes, canonical_type_code, doc_type_from_code
from chidao.grammar.issuers import canonical_issuer_code

if TYPE_CHECKING:
    from chidao.models import DocType

__all__ = ["NUMBER_SCAN", "ParsedNumber", "number_from_match", "number_key", "parse_number"]

Style = Literal["state", "party"]

# one segment of a symbol: letters (ASCII or Đ), digits after the first letter, "&" joining two
# parts ("BNN&MT", "QLN& TTBĐS"); validated in Python (see _segment)
_SEG = r"[A-Za-zĐđƯư][A-Za-zĐđƯư0-9]{0,15}(?:[ ]?&[ ]?[A-Za-zĐđƯư0-9]{1,15})?(?![\p{L}\p{N}])"
_SEP = r"[ \t]{0,2}[-–—‐‑][ \t]{0,2}"
_SLASH = r"[ \t]{0,2}/[ \t]{0,2}"
_BEFORE = r"(?<![\p{L}\p{N}/.,:&_-])"


# a serial: digits; OCR reads a 0 between digits as the letter O ("1O2/UBND-VX"), restored in
# _serial (no other letter: "l" and "I" stand for too many real symbols)
_SERIAL = r"\d(?:[\dO]{0,5}\d)?"


def _serial(text: str | None) -> str | None:
    return text.replace("O", "0") if text else text


def _number_pattern(serial_required: bool) -> str:
    opt = "" if serial_required else "?"
    state = (
        rf"(?P<serial>{_SERIAL}){opt}{_SLASH}"
        rf"(?:(?P<year>(?:19|20)\d\d){_SLASH})?"
        rf"(?P<seg>{_SEG})(?:{_SEP}(?P<seg>{_SEG})){{0,5}}"
    )
    party = (
        rf"(?P<pserial>{_SERIAL}){opt}[ \t]{{0,2}}[-–—‐‑]?[ \t]{{0,2}}"
        rf"(?P<ptype>[A-Za-zĐđ]{{1,4}}){_SLASH}"
        rf"(?P<pseg>{_SEG})(?:{_SEP}(?P<pseg>{_SEG})){{0,3}}"
    )
    return rf"{_BEFORE}(?:{party}|{state})"


NUMBER_SCAN = regex.compile(_number_pattern(serial_required=True))
"""Finds candidate numbers in running text (a serial is required); check them with :func:`number_from_match`."""

_NUMBER_FULL = regex.compile(
    r"(?:(?i:s[ốôo])[ \t]{0,3}[:.]?[ \t]{0,3})?" + _number_pattern(serial_required=False) + r"[.,;:]?"
)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A số ký hiệu read into its parts; ``number`` is canonical (CONTRACT.md)."""

    number: str | None  # None when the serial is blank ("Số: /TB-UBND")
    serial: int | None
    year: int | None
    symbol: str | None  # "CT-TTg", "NĐ-CP", "UBND-KGVX", "TB/TU"
    type_code: str | None
    doc_type: DocType | None
    issuer_code: str | None
    unit: str | None = None  # what follows the issuer ("KGVX" in "1234/UBND-KGVX")
    style: Style = "state"
    serial_text: str | None = None  # the serial as written ("05")
    rule: str = ""


def _is_upper_code(seg: str) -> bool:
    letters = [c for c in seg if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(seg) >= 2


def _split_concatenated(seg: str) -> tuple[str, str] | None:
    """``CTTTg`` -> (``CT``, ``TTg``): a type code glued to an issuer code (missing hyphen)."""
    for code in all_codes():
        if len(code) < len(seg) and _fold(seg[: len(code)]) == _fold(code):
            t = canonical_type_code(seg[: len(code)], "state")
            i = canonical_issuer_code(seg[len(code) :])
            if t is not None and i is not None:
                return t[0], i
    return None


def _fold(s: str) -> str:
    from chidao.textutil import fold

    return fold(s)


def _canon_segment(seg: str, lower_ok: bool) -> str | None:
    """A non-type segment as canonically spelled, or ``None`` when it is not code-like."""
    seg = "".join(seg.split())
    known = canonical_issuer_code(seg)
    if known is not None:
        return known
    t = canonical_type_code(seg)
    if t is not None:
        return t[0]
    if _is_upper_code(seg) or (seg[:1].isupper() and any(c.isdigit() for c in seg)):
        return seg
    if lower_ok and seg == seg.lower() and len(seg) >= 2:
        return seg.upper()
    return None


def number_from_match(m: regex.Match[str]) -> ParsedNumber | None:
    """Read a match of :data:`NUMBER_SCAN`; ``None`` when its parts are not codes (``5/Day``)."""
    return _parse_written(m.group(0))


@lru_cache(maxsize=8192)
def _parse_written(written: str) -> ParsedNumber | None:
    m = _NUMBER_FULL.fullmatch(written)
    if m is None:
        return None
    if m.group("ptype") is not None:
        return _party(m)
    return _state(m)


def _int(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return int(s)
    except ValueError:
        return None


def _party(m: regex.Match[str]) -> ParsedNumber | None:
    t = canonical_type_code(m.group("ptype"), "party")
    if t is None:
        return None
    segs = m.captures("pseg")
    canon = []
    for i, s in enumerate(segs):
        c = _canon_segment(s, lower_ok=True)
        if c is None:
            if i == 0:
                return None
            break
        canon.append(c)
    serial_text = _serial(m.group("pserial"))
    symbol = f"{t[0]}/{'-'.join(canon)}"
    return ParsedNumber(
        number=f"{serial_text}-{symbol}" if serial_text else None,
        serial=_int(serial_text),
        year=None,
        symbol=symbol,
        type_code=t[0],
        doc_type=doc_type_from_code(t[0], "party"),
        issuer_code=canon[0],
        unit="-".join(canon[1:]) or None,
        style="party",
        serial_text=serial_text,
        rule="number_party",
    )


def _state(m: regex.Match[str]) -> ParsedNumber | None:
    segs = ["".join(s.split()) for s in m.captures("seg")]
    if not segs:
        return None
    type_code: str | None = None
    rest = segs
    first = segs[0]
    t = canonical_type_code(first, "state")
    rule = "number_state"
    if t is not None and (canonical_issuer_code(first) is None or len(segs) > 1):
        type_code = t[0]
        rest = segs[1:]
    elif canonical_issuer_code(first) is None:
        split = _split_concatenated(first)
        if split is None and not _is_upper_code(first):
            return None
        if split is not None:
            type_code = split[0]
            rest = [split[1], *segs[1:]]
            rule = "number_state_glued"
    canon: list[str] = []
    for i, s in enumerate(rest):
        c = _canon_segment(s, lower_ok=type_code is not None or i > 0)
        if c is None:
            if i == 0 and type_code is None:
                return None
            break
        canon.append(c)
    if type_code is None and not canon:
        return None
    parts = ([type_code] if type_code else []) + canon
    symbol = "-".join(parts)
    serial_text = _serial(m.group("serial"))
    year_text = m.group("year")
    number = None
    if serial_text:
        number = f"{serial_text}/{year_text}/{symbol}" if year_text else f"{serial_text}/{symbol}"
    return ParsedNumber(
        number=number,
        serial=_int(serial_text),
        year=_int(year_text),
        symbol=symbol,
        type_code=type_code,
        doc_type=doc_type_from_code(type_code, "state") if type_code else None,
        issuer_code=canon[0] if canon else None,
        unit="-".join(canon[1:]) or None,
        style="state",
        serial_text=serial_text,
        rule=rule,
    )


def parse_number(raw: str) -> ParsedNumber | None:
    """Read a whole số ký hiệu (``"Số: 283-TB/TU"``, ``"1206 /QĐ-UBND"``); ``None`` if ``raw`` is not one."""
    if not isinstance(raw, str) or len(raw) > 200:
        return None
    return _parse_written(unicodedata.normalize("NFC", raw).strip())


@lru_cache(maxsize=8192)
def number_key(number: str | None) -> str:
    """A comparison key: no diacritics, no case, no spaces (how the scorer matches numbers)."""
    if not number:
        return ""
    return "".join(_fold(number).upper().split()).replace("–", "-")

