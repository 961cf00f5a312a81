"""Tasks: who must do what, by when: clauses split into tasks with actors, verbs, deadlines.

PLACEHOLDER (replaced by the task extractor): one task per clause of the body, with the
deadlines and citations whose spans it contains.
"""

from __future__ import annotations

from chidao.document import Context, Document
from chidao.models import Citation, Clause, Deadline, Task

__all__ = ["find_tasks"]


def _numbered_ancestor(chain: list[Clause]) -> Clause | None:
    for c in reversed(chain):
        if c.kind == "numbered":
            return c
    return None


def find_tasks(doc: Document, ctx: Context, citations: list[Citation], deadlines: list[Deadline]) -> list[Task]:
    """Tasks in document order; deadlines and citations are attached by span containment."""
    tasks: list[Task] = []

    def walk(clauses: list[Clause], chain: list[Clause]) -> None:
        for c in clauses:
            here = [*chain, c]
            anchor = _numbered_ancestor(here)
            tasks.append(
                Task(
                    clause_id=c.id,
                    clause_label=anchor.label if anchor else None,
                    clause_path=anchor.path if anchor else None,
                    text=c.text,
                    span=c.span,
                    deadlines=[d for d in deadlines if c.span.contains(d.span)],
                    citations=[x for x in citations if c.span.contains(x.span)],
                )
            )
            walk(c.children, here)

    walk(doc.clauses, [])
    return tasks
