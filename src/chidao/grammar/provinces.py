"""Provinces and centrally-run cities (loaded from ``provinces.tsv``).

>>> find_province("Ủy ban nhân dân tỉnh Quảng Trị").name
'Quảng Trị'
>>> find_province("TP. Hồ Chí Minh").name, find_province("Thừa Thiên Huế").name
('Hồ Chí Minh', 'Thừa Thiên Huế')
>>> province_named("thanh hoa").name
'Thanh Hóa'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from chidao.grammar.patterns import read_table, scan
from chidao.textutil import fold

__all__ = [
    "Province",
    "find_province",
    "name_ahead",
    "province_at",
    "province_mentions",
    "province_named",
    "provinces",
]


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    kind: str  # "tỉnh" | "thành phố"
    period: str  # "both" | "before" | "after"
    merged_into: str | None
    variants: tuple[str, ...]


@cache
def provinces() -> tuple[Province, ...]:
    out = []
    for row in read_table("provinces.tsv"):
        cells = [*row, "", "", "", ""]
        out.append(
            Province(
                name=cells[0],
                kind=cells[1] or "tỉnh",
                period=cells[2] or "both",
                merged_into=cells[3] or None,
                variants=tuple(v.strip() for v in cells[4].split("|") if v.strip()),
            )
        )
    return tuple(out)


def _key(s: str) -> str:
    return " ".join(fold(s).replace("-", " ").split())


@cache
def _forms() -> dict[str, Province]:
    """Folded name or variant -> province (the first row wins: "Thừa Thiên Huế" the province)."""
    out: dict[str, Province] = {}
    for p in provinces():
        for form in (p.name, *p.variants):
            out.setdefault(_key(form), p)
    # "Thừa Thiên Huế" names the province before 2025; as a variant of Huế it is a later spelling
    for p in provinces():
        out[_key(p.name)] = p
    return out


@cache
def _names() -> str:
    """Every name and variant as one alternation, factored into a tree of shared prefixes.

    Names are tried as a longest-first alternation would be (a word boundary must follow): a
    branch that goes on is tried before the name that ends there; siblings start with different
    characters, so at most one of them can match. The regex module tries a flat alternation of 77
    names one by one; the tree rejects most words at their first letter or two.
    """
    trie: dict[str, Any] = {}
    for form in _forms():
        node = trie
        for c in form:
            node = node.setdefault(r"[ \-]{1,3}" if c == " " else regex.escape(c), {})
        node[""] = {}  # a name ends here

    def emit(node: dict[str, Any]) -> str:
        alts = [atom + emit(child) for atom, child in node.items() if atom]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def name_ahead() -> str:
    """A lookahead (pattern source) for a province name at this point, followed by a word boundary."""
    return rf"(?={_names()}(?![\p{{L}}\p{{N}}]))"


@cache
def _pattern() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){_names()}(?![\p{{L}}\p{{N}}])")


def province_named(name: str) -> Province | None:
    """The province whose name or variant is exactly ``name`` (any case, with or without diacritics)."""
    if not isinstance(name, str):
        return None
    key = _key(name)
    hit = _forms().get(key)
    if hit is None:
        bare = _UNIT_PREFIX.sub("", key)
        hit = _forms().get(bare) if bare != key else None
    return hit


_UNIT_PREFIX = regex.compile(r"^(?:tinh|thanh pho|tp\.?)[ ]{0,3}")


def province_mentions(folded: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, Province]]:
    """Every province name in already-folded text (same offsets): ``(start, end, province)``."""
    end = len(folded) if endpos is None else endpos
    out = []
    for m in scan(_pattern(), folded, pos, end):
        p = _forms().get(" ".join(m.group(0).replace("-", " ").split()))
        if p is not None:
            out.append((m.start(), m.end(), p))
    return out


def province_at(folded: str, pos: int) -> tuple[int, Province] | None:
    """The province named exactly at ``pos`` of already-folded text: ``(end, province)``."""
    m = _pattern().match(folded, pos)
    if m is None:
        return None
    p = _forms().get(" ".join(m.group(0).replace("-", " ").split()))
    return (m.end(), p) if p is not None else None


def find_province(text: str) -> Province | None:
    """The first province named in ``text``."""
    hits = province_mentions(fold(text))
    return hits[0][2] if hits else None
