"""Load the named-pattern tables kept beside this module (``*.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

__all__ = ["NamedPattern", "combined", "patterns", "read_table"]


@dataclass(frozen=True, slots=True)
class NamedPattern:
    kind: str
    name: str
    pattern: regex.Pattern[str]


@cache
def read_table(filename: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated grammar table; ``#`` lines and blank lines are skipped."""
    text = resources.files("chidao.grammar").joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in raw.split("\t")))
    return tuple(rows)


@cache
def patterns(filename: str, kind: str) -> tuple[NamedPattern, ...]:
    """Compiled patterns of one kind from a ``kind<TAB>name<TAB>pattern`` table."""
    out = []
    for row in read_table(filename):
        if len(row) >= 3 and row[0] == kind:
            out.append(NamedPattern(row[0], row[1], regex.compile(row[2], regex.V0)))
    return tuple(out)


@cache
def combined(filename: str, kind: str) -> regex.Pattern[str]:
    """All patterns of one kind as one alternation; ``match.lastgroup`` names the rule that matched."""
    alts = []
    for row in read_table(filename):
        if len(row) >= 3 and row[0] == kind:
            alts.append(f"(?P<{row[1]}>{row[2]})")
    return regex.compile("|".join(alts) if alts else r"(?!)", regex.V0)
