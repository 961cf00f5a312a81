"""Issuer codes of số ký hiệu and their full names (loaded from ``issuers.tsv``).

>>> issuer_name("TTg")
'Thủ tướng Chính phủ'
>>> issuer_name("UBND", province="Bắc Giang"), issuer_name("TU", province="Hà Nội")
('Ủy ban nhân dân tỉnh Bắc Giang', 'Thành ủy Hà Nội')
>>> issuer_name("QH14"), issuer_name("bcd")
('Quốc hội', 'Ban Chỉ đạo')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from chidao.grammar.patterns import read_table
from chidao.textutil import fold

__all__ = ["IssuerEntry", "all_issuer_codes", "canonical_issuer_code", "issuer_name", "issuers"]


@dataclass(frozen=True, slots=True)
class IssuerEntry:
    code: str
    name: str
    provincial: str | None
    system: str = "state"  # "state" or "party"


@cache
def issuers() -> tuple[IssuerEntry, ...]:
    out = []
    for row in read_table("issuers.tsv"):
        if row[0].startswith("@") or len(row) < 2:
            continue
        provincial = row[2] if len(row) > 2 and row[2] else None
        system = row[3] if len(row) > 3 and row[3] else "state"
        out.append(IssuerEntry(row[0], row[1], provincial, system))
    return tuple(out)


@cache
def _cities() -> frozenset[str]:
    return frozenset(fold(row[1]) for row in read_table("issuers.tsv") if row[0] == "@city" and len(row) > 1)


@cache
def _tables() -> tuple[dict[str, IssuerEntry], dict[str, list[IssuerEntry]]]:
    exact: dict[str, IssuerEntry] = {}
    folded: dict[str, list[IssuerEntry]] = {}
    for e in issuers():
        exact.setdefault(e.code, e)
        folded.setdefault(fold(e.code), []).append(e)
    return exact, folded


_TERM = regex.compile(r"^(?P<code>.*?\D)(?P<term>\d{1,2})$")


def _lookup(code: str) -> IssuerEntry | None:
    exact, folded = _tables()
    if code in exact:
        return exact[code]
    rows = folded.get(fold(code), [])
    same_case = [e for e in rows if e.code.casefold() == code.casefold()]
    if same_case:
        return same_case[0]
    if len({e.code for e in rows}) == 1:
        return rows[0]
    return None


@lru_cache(maxsize=4096)
def canonical_issuer_code(code: str) -> str | None:
    """The code as the table spells it (``"bcd"`` -> ``"BCĐ"``, ``"qh14"`` -> ``"QH14"``); ``None`` if unknown."""
    if not isinstance(code, str) or not code:
        return None
    e = _lookup(code)
    if e is not None:
        return e.code
    m = _TERM.match(code)
    if m:
        e = _lookup(m.group("code"))
        if e is not None:
            return f"{e.code}{m.group('term')}"
    return None


def _province_forms(province: str) -> tuple[str, str]:
    """("tỉnh Bắc Giang", "Tỉnh ủy Bắc Giang") or ("thành phố Hà Nội", "Thành ủy Hà Nội")."""
    p = " ".join(province.split())
    f = fold(p)
    for prefix in ("thanh pho ", "tp. ", "tp "):
        if f.startswith(prefix):
            rest = p[len(prefix) :].strip()
            return f"thành phố {rest}", f"Thành ủy {rest}"
    if f.startswith("tinh "):
        rest = p[5:].strip()
        return f"tỉnh {rest}", f"Tỉnh ủy {rest}"
    if f in _cities():
        return f"thành phố {p}", f"Thành ủy {p}"
    return f"tỉnh {p}", f"Tỉnh ủy {p}"


def issuer_name(code: str, province: str | None = None) -> str | None:
    """The full name behind an issuer code; provincial bodies (UBND, TU) take ``province`` when given."""
    canon = canonical_issuer_code(code)
    if canon is None:
        return None
    e = _lookup(canon)
    if e is None:
        m = _TERM.match(canon)
        e = _lookup(m.group("code")) if m else None
    if e is None:
        return None
    if province and province.strip() and e.provincial:
        tinh, tinh_uy = _province_forms(province)
        return e.provincial.replace("{tỉnh}", tinh).replace("{Tỉnh ủy}", tinh_uy)
    return e.name


def all_issuer_codes() -> tuple[str, ...]:
    """Every issuer code of the table, longest first."""
    return tuple(sorted({e.code for e in issuers()}, key=lambda c: (-len(c), c)))
