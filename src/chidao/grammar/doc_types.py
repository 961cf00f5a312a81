"""Document types and their official codes (loaded from ``doc_types.tsv``).

* :func:`code_of` gives a type's official abbreviation (used by ``DocType.code``).
* :func:`doc_type_from_name` reads a type named in words, in any case, with or without
  diacritics (``"CHỈ THỊ"``, ``"chi thi"``, ``"Thông báo kết luận"``).
* :func:`doc_type_from_code` reads a code as it appears in a số ký hiệu (``"CT"``, ``"CD"``,
  ``"QĐi"``), state style (Nghị định 30/2020/NĐ-CP) or Party style (Hướng dẫn 36-HD/VPTW).

>>> doc_type_from_code("CD").value, doc_type_from_code("TT", style="party").value
('Công điện', 'Thông tri')
>>> doc_type_from_name("chi thi so").value
'Chỉ thị'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from chidao.grammar.patterns import read_table
from chidao.textutil import fold

if TYPE_CHECKING:
    from chidao.models import DocType

__all__ = [
    "TypeEntry",
    "all_codes",
    "code_of",
    "doc_type_from_code",
    "doc_type_from_name",
    "entries",
    "name_forms",
    "self_names",
]

Style = Literal["state", "party"]


@dataclass(frozen=True, slots=True)
class TypeEntry:
    name: str
    state_code: str | None
    party_code: str | None
    codes_in_use: tuple[str, ...]
    variants: tuple[str, ...]
    self_names: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        out: list[str] = []
        for c in (self.state_code, self.party_code, *self.codes_in_use):
            if c and c not in out:
                out.append(c)
        return tuple(out)


def _cell(row: tuple[str, ...], i: int) -> str:
    return row[i] if len(row) > i else ""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


@cache
def entries() -> tuple[TypeEntry, ...]:
    """The rows of ``doc_types.tsv``, in table order."""
    out = []
    for row in read_table("doc_types.tsv"):
        out.append(
            TypeEntry(
                name=row[0],
                state_code=_cell(row, 1) or None,
                party_code=_cell(row, 2) or None,
                codes_in_use=_split(_cell(row, 3)),
                variants=_split(_cell(row, 4)),
                self_names=_split(_cell(row, 5)),
            )
        )
    return tuple(out)


def _doc_type(name: str) -> DocType | None:
    from chidao.models import DocType

    try:
        return DocType(name)
    except ValueError:
        return None


def _squash(text: str) -> str:
    return " ".join(fold(text).split())


@cache
def _by_name() -> dict[str, str]:
    """Folded name or variant -> type name."""
    out: dict[str, str] = {}
    for e in entries():
        for form in (e.name, *e.variants):
            out.setdefault(_squash(form), e.name)
    return out


@cache
def _name_prefix() -> regex.Pattern[str]:
    forms = sorted(_by_name(), key=len, reverse=True)
    alt = "|".join(regex.escape(f) for f in forms)
    return regex.compile(rf"(?:{alt})(?![\p{{L}}\p{{N}}])")


def name_forms() -> tuple[tuple[str, str], ...]:
    """Every (folded name or variant, type name), longest first: the cue words of a citation."""
    return tuple(sorted(_by_name().items(), key=lambda kv: len(kv[0]), reverse=True))


@lru_cache(maxsize=4096)
def doc_type_from_name(text: str) -> DocType | None:
    """The type named at the start of ``text`` (longest name wins), in any case, with or without diacritics.

    >>> doc_type_from_name("Thông báo kết luận").value
    'Thông báo'
    >>> doc_type_from_name("THÔNG TƯ LIÊN TỊCH").value
    'Thông tư liên tịch'
    >>> doc_type_from_name("kế hoạch") is not None, doc_type_from_name("kế toán")
    (True, None)
    """
    if not isinstance(text, str):
        return None
    key = _squash(text)
    if not key:
        return None
    hit = _by_name().get(key)
    if hit is None:
        m = _name_prefix().match(key)
        if m is None:
            return None
        hit = _by_name()[m.group(0)]
    return _doc_type(hit)


@cache
def _codes() -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, list[tuple[str, str, str]]]]:
    """Exact code -> [(code, type name, style)], and folded code -> the same."""
    exact: dict[str, list[tuple[str, str, str]]] = {}
    folded: dict[str, list[tuple[str, str, str]]] = {}
    for e in entries():
        rows = []
        if e.state_code:
            rows.append((e.state_code, e.name, "state"))
        if e.party_code:
            rows.append((e.party_code, e.name, "party"))
        rows.extend((c, e.name, "any") for c in e.codes_in_use)
        for row in rows:
            exact.setdefault(row[0], []).append(row)
            folded.setdefault(fold(row[0]), []).append(row)
    return exact, folded


def _pick(rows: Iterable[tuple[str, str, str]], style: Style | None) -> tuple[str, str] | None:
    rows = list(rows)
    if not rows:
        return None
    if style is not None:
        styled = [r for r in rows if r[2] in (style, "any")]
        if styled:
            rows = styled
    else:
        state = [r for r in rows if r[2] in ("state", "any")]
        if state:
            rows = state
    names = {r[1] for r in rows}
    if len(names) != 1:
        return None
    return rows[0][0], rows[0][1]


@lru_cache(maxsize=4096)
def canonical_type_code(code: str, style: Style | None = None) -> tuple[str, str] | None:
    """``(canonical code, type name)`` for a code as written; ``None`` when unknown or ambiguous.

    Exact spelling wins (``"HD"`` is Hướng dẫn, ``"HĐ"`` Hợp đồng); then case-insensitive;
    then without diacritics, when that leaves one code (``"CD"`` -> ``"CĐ"``, ``"qdi"`` -> ``"QĐi"``).
    """
    if not isinstance(code, str) or not code:
        return None
    exact, folded = _codes()
    if code in exact:
        return _pick(exact[code], style)
    f = fold(code)
    rows = folded.get(f, [])
    same_case = [r for r in rows if r[0].casefold() == code.casefold()]
    if same_case:
        return _pick(same_case, style)
    distinct = {r[0] for r in rows}
    if len(distinct) > 1:
        # "HD" written for HĐ or HD: prefer the code without Đ unless the style settles it
        plain = [r for r in rows if r[0].isascii()]
        return _pick(plain or rows, style)
    return _pick(rows, style)


def doc_type_from_code(code: str, style: Style | None = None) -> DocType | None:
    """The type of a code in a số ký hiệu; ``style`` settles codes the two systems share (``TT``).

    >>> doc_type_from_code("QĐi").value, doc_type_from_code("qd").value
    ('Quy định', 'Quyết định')
    >>> doc_type_from_code("TT").value
    'Thông tư'
    """
    hit = canonical_type_code(code, style)
    return _doc_type(hit[1]) if hit else None


@cache
def _code_table() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in entries():
        code = e.state_code or e.party_code
        if code:
            out[e.name] = code
    return out


def code_of(doc_type: DocType) -> str | None:
    """The official abbreviation of a type (state code first, else the Party code)."""
    return _code_table().get(str(doc_type.value) if hasattr(doc_type, "value") else str(doc_type))


def all_codes() -> tuple[str, ...]:
    """Every type code of the table (state, Party and in use), longest first."""
    codes = {c for e in entries() for c in e.codes}
    return tuple(sorted(codes, key=lambda c: (-len(c), c)))


def self_names(doc_type: DocType | None) -> tuple[str, ...]:
    """Names a notice of this type gives itself: its own name and the ``self names`` column."""
    if doc_type is None:
        return ()
    for e in entries():
        if e.name == doc_type.value:
            return (e.name, *e.self_names)
    return (doc_type.value,)
