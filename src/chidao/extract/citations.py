"""Cited documents: every document the body cites, as typed Citation objects."""

from __future__ import annotations

from chidao.document import Context, Document
from chidao.models import Citation, Reference

__all__ = ["find_citations"]


def find_citations(doc: Document, ctx: Context) -> tuple[list[Citation], list[Reference]]:
    """Citations in the body (document order) and the short references resolved against them."""
    return [], []
