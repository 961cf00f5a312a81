"""Load the named-pattern tables kept beside this module (``*.tsv``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import overload

import regex

__all__ = [
    "GUARDED_SCAN_CHARS",
    "SCAN_TIMEOUT_S",
    "SPACES",
    "NamedPattern",
    "combined",
    "failure_code",
    "patterns",
    "read_table",
    "scan",
]


# what the regex module's \s matches, one character each (Python's re and str.isspace also take
# \x1c-\x1f): for str.strip and for classes of the standard re that must agree with regex
SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


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


#: a scan of more characters than this runs under the regex module's ``timeout=``
GUARDED_SCAN_CHARS = 20_000
#: the longest such a scan may run, in seconds (the hostile-input budget for a whole parse is 2 s)
SCAN_TIMEOUT_S = 10.0


@overload
def scan(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]: ...


@overload
def scan(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]: ...


def scan(
    pattern: regex.Pattern[str] | re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]] | Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)``, guarded: over more than ``GUARDED_SCAN_CHARS``
    characters it runs under the regex module's timeout, and a scan that would run longer than
    ``SCAN_TIMEOUT_S`` raises ``TimeoutError`` (the extractor reports it in a Diagnostic; the
    others still deliver) instead of hanging.

    Every pattern is written to run in linear time, and tests/test_patterns_safe.py fails one that
    does not; the guard is the second line. Shorter scans go without it: the regex module's
    timeout costs about a microsecond per match, and a linear pattern cannot take seconds on
    twenty thousand characters. The stdlib ``re`` has no timeout: its patterns here (faster
    scans in normalization and folding) are character classes and literals that cannot
    backtrack, and run unguarded.
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    if isinstance(pattern, re.Pattern):
        return pattern.finditer(text, pos, end)
    matches: Iterator[regex.Match[str]]
    if end - pos > GUARDED_SCAN_CHARS:
        matches = pattern.finditer(text, pos, end, timeout=SCAN_TIMEOUT_S)
    else:
        matches = pattern.finditer(text, pos, end)
    return matches


def failure_code(exc: Exception, default: str) -> str:
    """The diagnostic code for an extractor step that raised ``exc``: ``scan_timeout`` when a
    guarded :func:`scan` ran out of time, else the step's own ``default``."""
    return "scan_timeout" if isinstance(exc, TimeoutError) else default
