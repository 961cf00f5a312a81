"""Pausing Python's cyclic garbage collector around work that builds many acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (as Mercurial's ``nogc``), then put it
    back as it was.

    A parse allocates tens of thousands of short-lived, acyclic objects (tokens, spans, models)
    that reference counting frees; each 700 allocations would otherwise start a collection that
    walks every young object, again and again as a clause tree or a batch of results grows.
    When the collector is on again it collects whatever cycle the block left. Nested pauses
    are free: an inner one finds the collector off and leaves it alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
