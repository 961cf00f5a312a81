"""Document types and their official codes (loaded from ``doc_types.tsv``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chidao.models import DocType


def code_of(doc_type: DocType) -> str | None:
    return None
