"""chidao: read Vietnamese government directive notices into typed objects.

>>> from chidao import parse_directive
>>> d = parse_directive("1. Sở Y tế chủ trì rà soát, báo cáo UBND tỉnh trước ngày 28/7/2020.")
>>> [c.label for c in d.clauses]
['1']
"""

from __future__ import annotations

from chidao.batch import parse_many
from chidao.io import InputError, UnsupportedInputError, parse_file
from chidao.models import (
    ActorRef,
    Citation,
    Clause,
    Deadline,
    Diagnostic,
    Directive,
    DocType,
    DocumentMeta,
    Part,
    Reference,
    Signer,
    Span,
    Task,
)
from chidao.pipeline import parse_directive

__all__ = [
    "ActorRef",
    "Citation",
    "Clause",
    "Deadline",
    "Diagnostic",
    "Directive",
    "DocType",
    "DocumentMeta",
    "InputError",
    "Part",
    "Reference",
    "Signer",
    "Span",
    "Task",
    "UnsupportedInputError",
    "parse_directive",
    "parse_file",
    "parse_many",
]
__version__ = "0.1.0"
