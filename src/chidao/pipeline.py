"""The one place that composes the layers: normalize -> structure -> extract -> models.

    text ─normalize─▶ NormalizedText ─read_layout─▶ Document (parts, clause tree)
         ─find_meta─▶ DocumentMeta ─find_citations─▶ citations, references
         ─find_deadlines─▶ deadlines ─find_tasks─▶ tasks (actors, verbs, deadlines, citations)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from chidao.collector import collector_paused
from chidao.document import Context, Document
from chidao.extract.citations import find_citations
from chidao.extract.deadlines import find_deadlines
from chidao.extract.meta import find_meta
from chidao.extract.tasks import find_tasks
from chidao.grammar import patterns as _patterns
from chidao.models import Citation, Deadline, Diagnostic, Directive, DocumentMeta, Reference, Task
from chidao.normalize import normalize
from chidao.structure import read_layout

__all__ = ["build_document", "parse_directive"]


def build_document(source: str) -> Document:
    """Normalize ``source`` and read its layout and clause tree."""
    norm = normalize(source)
    layout = read_layout(norm.text)
    return Document(
        source=source,
        text=norm.text,
        folded=layout.folded,
        offsets=norm.offsets,
        parts=layout.parts,
        body=layout.body,
        clauses=layout.clauses,
        diagnostics=list(layout.diagnostics),
    )


T = TypeVar("T")


def _isolated(ctx: Context, name: str, step: Callable[[], T], fallback: T) -> T:
    """Run one extractor; if it fails, say so and let the others deliver what they found."""
    try:
        return step()
    except TimeoutError:  # a guarded scan (grammar.patterns.scan) ran out of time
        ctx.warn(
            "scan_timeout",
            f"a pattern scan of the {name} extractor ran longer than {_patterns.SCAN_TIMEOUT_S:g} s on this text "
            "and was stopped; its results are missing",
            severity="error",
        )
        return fallback
    except Exception as exc:  # one extractor's bug must not lose the whole notice
        ctx.warn(
            "extractor_failed",
            f"the {name} extractor failed ({type(exc).__name__}: {str(exc)[:200]}); its results are missing",
            severity="error",
        )
        return fallback


def _compose(source: str, reference_date: dt.date | None) -> Directive:
    doc = build_document(source)
    ctx = Context(reference_date=reference_date, diagnostics=list(doc.diagnostics))
    ctx.meta = _isolated(ctx, "metadata", lambda: find_meta(doc, ctx), DocumentMeta())
    no_citations: tuple[list[Citation], list[Reference]] = ([], [])
    citations, references = _isolated(ctx, "citation", lambda: find_citations(doc, ctx), no_citations)
    no_deadlines: list[Deadline] = []
    deadlines = _isolated(ctx, "deadline", lambda: find_deadlines(doc, ctx, citations), no_deadlines)
    no_tasks: list[Task] = []
    tasks = _isolated(ctx, "task", lambda: find_tasks(doc, ctx, citations, deadlines), no_tasks)
    return Directive(
        source=source,
        text=doc.text,
        meta=ctx.meta,
        clauses=doc.clauses,
        tasks=tasks,
        citations=citations,
        warnings=ctx.diagnostics,
        references=references,
        parts=doc.parts,
        offset_map=doc.offsets.segments,
    )


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _without_lone_surrogates(text: str) -> tuple[str, list[Diagnostic]]:
    """Lone surrogates cannot be written as UTF-8 (nor as JSON): replace them, and say so."""
    if _SURROGATE.search(text) is None:
        return text, []
    n = len(_SURROGATE.findall(text))
    message = f"{n} lone surrogate code point(s) (broken UTF-16) were replaced by U+FFFD"
    return _SURROGATE.sub("\ufffd", text), [Diagnostic(code="surrogates_replaced", message=message)]


def parse_directive(text: str | bytes, *, reference_date: dt.date | None = None) -> Directive:
    """Parse one notice. Never raises on ``str`` or ``bytes`` input; see CONTRACT.md."""
    from chidao.io import decode_input

    if isinstance(text, bytes | bytearray):
        source, diags = decode_input(bytes(text))
    elif isinstance(text, str):
        source, diags = _without_lone_surrogates(text)
    else:
        raise TypeError(f"parse_directive() takes str or bytes, not {type(text).__name__}")
    if reference_date is not None and (
        not isinstance(reference_date, dt.date) or isinstance(reference_date, dt.datetime)
    ):
        raise TypeError(f"reference_date must be a datetime.date, not {type(reference_date).__name__}")
    try:
        with collector_paused():
            d = _compose(source, reference_date)
    except Exception as exc:  # the contract: never raise on text; say what went wrong
        if isinstance(exc, TimeoutError):  # a guarded scan of normalization or layout
            code = "scan_timeout"
            message = (
                f"a pattern scan ran longer than {_patterns.SCAN_TIMEOUT_S:g} s while normalizing or splitting this "
                "text and was stopped; nothing was extracted"
            )
        else:
            code = "internal_error"
            message = f"the parser failed on this text ({type(exc).__name__}: {exc}); nothing was extracted"
        return Directive(
            source=source,
            text=source,
            warnings=[*diags, Diagnostic(code=code, message=message, severity="error")],
            offset_map=[(0, len(source), 0, len(source))] if source else [],
        )
    if diags:
        d = d.model_copy(update={"warnings": [*diags, *d.warnings]})
    return d
