"""Tasks: who must do what, by when: clauses split into tasks with actors, verbs, deadlines."""

from __future__ import annotations

from chidao.document import Context, Document
from chidao.models import Citation, Deadline, Task

__all__ = ["find_tasks"]


def find_tasks(doc: Document, ctx: Context, citations: list[Citation], deadlines: list[Deadline]) -> list[Task]:
    """Tasks in document order; deadlines and citations are attached by span containment."""
    return []
