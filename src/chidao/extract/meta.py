"""Document metadata: type, number, issuer, place, dates, title, signer, addressees, recipients."""

from __future__ import annotations

from chidao.document import Context, Document
from chidao.models import DocumentMeta

__all__ = ["find_meta"]


def find_meta(doc: Document, ctx: Context) -> DocumentMeta:
    """Read the header, the lead line of a repost and the signature block."""
    return DocumentMeta()
