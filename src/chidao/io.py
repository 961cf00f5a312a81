"""Inputs: bytes in the encodings Vietnamese offices use, and files (.txt, .html, .docx)."""

from __future__ import annotations

from chidao.models import Diagnostic

__all__ = ["decode_input"]


def decode_input(data: bytes) -> tuple[str, list[Diagnostic]]:
    """Decode bytes to text; say in Diagnostics what was guessed or replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, [Diagnostic(code="decode_replaced", message="bytes that are not UTF-8 were replaced")]
