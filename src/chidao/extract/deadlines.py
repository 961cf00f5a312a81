"""Deadlines: every time constraint in the body, resolved to dates, times and RRULEs."""

from __future__ import annotations

from chidao.document import Context, Document
from chidao.models import Citation, Deadline

__all__ = ["find_deadlines"]


def find_deadlines(doc: Document, ctx: Context, citations: list[Citation]) -> list[Deadline]:
    """Time constraints in the body, in document order (citation dates excluded)."""
    return []
