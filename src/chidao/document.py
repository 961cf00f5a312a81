"""The normalized document every extractor reads: one text, its parts and its clause tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from chidao.models import Clause, Diagnostic, DocumentMeta, Part, Span
from chidao.normalize import OffsetMap

__all__ = ["Context", "Document"]


@dataclass(frozen=True)
class Document:
    """What the layers before the extractors produce (read-only for extractors).

    * ``text``: the normalized text; every span indexes it.
    * ``folded``: ``text`` lower-cased without diacritics, same length (offsets hold).
    * ``parts``: header, body, tail, appendix, footnotes, chrome.
    * ``body``: the span of the body; ``clauses``: its clause tree.
    """

    source: str
    text: str
    folded: str
    offsets: OffsetMap
    parts: list[Part]
    body: Span
    clauses: list[Clause]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def part_spans(self, kind: str) -> list[Span]:
        return [p.span for p in self.parts if p.kind == kind]

    def iter_clauses(self) -> list[Clause]:
        """Every clause, depth first in reading order (the same list each time: do not modify)."""
        return self._all_clauses

    @cached_property
    def _all_clauses(self) -> list[Clause]:
        out: list[Clause] = []

        def walk(clauses: list[Clause]) -> None:  # as deep as the clause tree, which read_layout built recursively
            for c in clauses:
                out.append(c)
                if c.children:
                    walk(c.children)

        walk(self.clauses)
        return out

    def in_chrome(self, pos: int) -> bool:
        return any(p.span.start <= pos < p.span.end for p in self.parts if p.kind == "chrome")


@dataclass
class Context:
    """What extractors learn from each other, in pipeline order (meta first).

    Extractors append to ``diagnostics``; they never mutate the :class:`Document`.
    """

    meta: DocumentMeta = field(default_factory=DocumentMeta)
    reference_date: dt.date | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, message: str, span: Span | None = None, severity: str = "warning") -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, span=span, severity=severity))  # type: ignore[arg-type]
