"""chidao: read Vietnamese government directive notices into typed objects.

>>> from chidao import parse_directive
>>> d = parse_directive("1. Sở Y tế chủ trì rà soát, báo cáo UBND tỉnh trước ngày 28/7/2020.")
>>> [c.label for c in d.clauses]
['1']
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from chidao.batch import parse_many
    from chidao.io import InputError, UnsupportedInputError, parse_file



def parse_directive(text: str | bytes, *, reference_date: datetime.date | None = None) -> Directive:
    """Parse one notice into a :class:`Directive`; never raises on ``str`` or ``bytes`` input.

    ``reference_date`` resolves dates written without a year. See ``chidao.pipeline``.
    The pipeline (and every grammar it compiles, once) is loaded on the first call, so that
    ``import chidao`` stays fast for code that only reads parsed output.
    """
    from chidao.pipeline import parse_directive as parse

    return parse(text, reference_date=reference_date)


# batch runs and file readers pull in multiprocessing, zipfile, HTML and Word parsers: load them
# on first use so that `import chidao` stays fast (PEP 562)
_LAZY = {
    "parse_many": "chidao.batch",
    "parse_file": "chidao.io",
    "InputError": "chidao.io",
    "UnsupportedInputError": "chidao.io",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'chidao' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

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
