"""Every pattern the package compiles is safe against catastrophic backtracking.

The patterns are found, not listed: every chidao module is imported and walked for compiled
``regex``/``re`` patterns at module level (also inside tuples, dicts and grammar objects, and
behind zero-argument cached builders such as ``_grammar()``), and the source is read for
literal patterns passed straight to ``regex.search(...)`` and friends. Each one scans
adversarial texts built for backtracking (long runs of the characters and words the pattern
itself uses, then a character that makes the match fail) under the ``regex`` module's
``timeout=``. A pattern fails when a scan times out, or when its time grows faster than the text
(4x the text taking more than 10x the time: quadratic, not linear), or is slow already.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import regex

import chidao

SMALL = 4_000  # characters of the first scan (every adversarial text)
BIG = 16_000  # characters of the second scan (4x), for the texts the pattern was slowest on
TIMEOUT_S = 1.0
MAX_GROWTH = 10.0  # 4x the text: linear is ~4x the time, quadratic ~16x
MIN_TIME_FOR_GROWTH_S = 0.05  # below this, timings are too noisy to judge growth
#: a first scan faster than this cannot reach MIN_TIME_FOR_GROWTH_S even when quadratic
GATE_S = MIN_TIME_FOR_GROWTH_S / 16
SLOWEST = 3  # how many of the slowest texts get the second scan
#: slower than this on SMALL characters is too slow however it grows (two minutes for 1 MB)
MAX_SMALL_S = 0.5

Compiled = Any  # regex.Pattern[str] | re.Pattern[str]


# --------------------------------------------------------------------------- finding the patterns


def _modules() -> tuple[list[Any], list[str]]:
    mods, errors = [], []
    for info in pkgutil.walk_packages(chidao.__path__, "chidao."):
        try:
            mods.append(importlib.import_module(info.name))
        except Exception as exc:
            errors.append(f"{info.name}: {type(exc).__name__}: {exc}")
    return mods, errors


def _walk(obj: Any, path: str, depth: int, seen: set[int]) -> Iterator[tuple[str, Compiled]]:
    if id(obj) in seen or depth > 5:
        return
    seen.add(id(obj))
    if isinstance(obj, regex.Pattern | re.Pattern):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in list(obj.items())[:5000]:
            yield from _walk(v, f"{path}[{k!r}]", depth + 1, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for i, v in enumerate(list(obj)[:5000]):
            yield from _walk(v, f"{path}[{i}]", depth + 1, seen)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name, None), f"{path}.{f.name}", depth + 1, seen)
    elif type(obj).__module__.startswith("chidao") and not inspect.isroutine(obj) and not isinstance(obj, type):
        names = list(getattr(obj, "__dict__", {})) + list(getattr(type(obj), "__slots__", ()))
        for name in names:
            yield from _walk(getattr(obj, name, None), f"{path}.{name}", depth + 1, seen)


def _cached_builder_results(mod: Any) -> Iterator[tuple[str, Any]]:
    """Results of zero-argument cached builders (``@cache def _grammar()``): compiled on first use."""
    for name, fn in vars(mod).items():
        if not (callable(fn) and hasattr(fn, "cache_info") and getattr(fn, "__module__", "") == mod.__name__):
            continue
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            continue
        if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               for p in sig.parameters.values()):
            continue
        try:
            yield f"{name}()", fn()
        except Exception:
            continue


_REGEX_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def _inline_literals(mod: Any) -> Iterator[tuple[str, Compiled]]:
    """Literal patterns handed straight to ``regex.search(r"...", s)`` etc. inside functions."""
    try:
        src = inspect.getsource(mod)
    except (OSError, TypeError):
        return
    for node in ast.walk(ast.parse(src)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id in ("regex", "re") and node.func.attr in _REGEX_FUNCS):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
            continue
        try:
            yield f"line {node.lineno}", regex.compile(node.args[0].value)
        except Exception:
            continue


@functools.cache
def collect() -> tuple[list[tuple[str, Compiled]], list[str]]:
    mods, errors = _modules()
    found: dict[tuple[str, int], tuple[str, Compiled]] = {}
    seen: set[int] = set()
    for mod in mods:
        for name, value in list(vars(mod).items()):
            if isinstance(value, type(mod)):
                continue
            for path, p in _walk(value, f"{mod.__name__}.{name}", 0, seen):
                found.setdefault((p.pattern, p.flags), (path, p))
        for name, value in _cached_builder_results(mod):
            for path, p in _walk(value, f"{mod.__name__}.{name}", 0, seen):
                found.setdefault((p.pattern, p.flags), (path, p))
        for where, p in _inline_literals(mod):
            found.setdefault((p.pattern, p.flags), (f"{mod.__name__} ({where})", p))
    return sorted(found.values(), key=lambda x: x[0]), errors


# --------------------------------------------------------------------------- adversarial texts

_GENERIC_UNITS = [
    "a", "A", "đ", "1", " ", "\n", " \n", ".", ",", ":", "/", "-", "_", "*", "|", '"', "(", ")", "1.", "1.1.",
    "1/", "1 ", "a ", "A ", "ab ", "AB ", "a.", "I.", "(1) ", "a)", "- ", "x\n", "số ", "so ", "Số: ", "ngày ",
    "1/1/", "12/TB-", "TB-UBND ", "ab:", "Ủy ban ", "\u0301", "1 thang ",
]
_ESCAPES = regex.compile(r"\\[pPN]\{[^}]*\}|\\[xu][0-9a-fA-F{]+\}?|\\.")
_WORDS = regex.compile(r"[^\W\d_]{2,}")


def _units(p: Compiled) -> list[str]:
    """Generic units, and the words the pattern itself is built from (what its alternations expect)."""
    words = _WORDS.findall(_ESCAPES.sub(" ", p.pattern))
    words = list(dict.fromkeys(words))[:25]
    derived = [w + " " for w in words] + ["1 " + w + " " for w in words[:5]]
    if words:
        derived.append(" ".join(words) + " ")
        derived.append(" ".join(words) + " 1/1/2020 ")
    return _GENERIC_UNITS + derived


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n] + "\x00!"


def _regex_version(p: Compiled) -> Any:
    if isinstance(p, regex.Pattern):
        return p
    return regex.compile(p.pattern, p.flags & (re.I | re.M | re.S | re.X | re.A))


def _scan(p: Any, text: str, timeout: float) -> float:
    t0 = time.perf_counter()
    for _ in p.finditer(text, timeout=timeout):
        pass
    return time.perf_counter() - t0


def blow_ups(p: Compiled, timeout: float = TIMEOUT_S) -> list[str]:
    """Why ``p`` is unsafe: the first adversarial text it times out on, or grows faster than linearly on.

    Every text is scanned at SMALL characters (exponential patterns time out here); the few
    the pattern was slowest on are scanned again at BIG (4x): a quadratic pattern takes ~16x.
    """
    rp = _regex_version(p)
    for _ in rp.finditer("a b 1. 1/1 ", timeout=timeout):  # warm-up
        pass
    timed: list[tuple[float, str]] = []
    for unit in _units(p):
        try:
            small = _scan(rp, _text(unit, SMALL), timeout)
        except TimeoutError:
            return [f"{unit!r} repeated to {SMALL} chars: timed out after {timeout} s"]
        if small > MAX_SMALL_S:
            return [f"{unit!r} repeated to {SMALL} chars: {small * 1000:.0f} ms (minutes for 1 MB)"]
        timed.append((small, unit))
    for small, unit in sorted(timed, reverse=True)[:SLOWEST]:
        if small < GATE_S:
            break
        try:
            big = _scan(rp, _text(unit, BIG), timeout)
            if big > MIN_TIME_FOR_GROWTH_S and big > MAX_GROWTH * small:
                # measure again before calling it quadratic (a pause of the machine is not a pattern)
                small = min(small, _scan(rp, _text(unit, SMALL), timeout))
                big = min(big, _scan(rp, _text(unit, BIG), timeout))
        except TimeoutError:
            return [f"{unit!r} repeated to {BIG} chars: timed out after {timeout} s ({small * 1000:.0f} ms at {SMALL})"]
        if big > MIN_TIME_FOR_GROWTH_S and big > MAX_GROWTH * small:
            return [f"{unit!r}: {small * 1000:.1f} ms at {SMALL} chars, {big * 1000:.0f} ms at {BIG} "
                    f"(x{big / small:.0f} for 4x the text)"]
    return []


# --------------------------------------------------------------------------- tests

PATTERNS, IMPORT_ERRORS = collect()


def test_every_chidao_module_imports_so_its_patterns_can_be_checked() -> None:
    assert not IMPORT_ERRORS


def test_the_scan_finds_the_patterns_of_the_grammar_modules() -> None:
    modules = {path.split(".")[1] for path, _ in PATTERNS}
    assert len(PATTERNS) >= 30
    assert {"normalize", "structure", "grammar"} <= modules


@pytest.mark.parametrize(("path", "pattern"), PATTERNS, ids=[path for path, _ in PATTERNS])
def test_pattern_is_safe_against_catastrophic_backtracking(path: str, pattern: Compiled) -> None:
    bad = blow_ups(pattern)
    assert not bad, f"{path} blows up on: " + "; ".join(bad[:5]) + f"\npattern: {pattern.pattern[:500]}"


@pytest.mark.parametrize(
    "source",
    [r"(a|aa)+$", r"(?:\d+\.)+\d+ thang", r"(?:\w+\s?)+\d", r"[a-z ]*[a-z ]*[0-9]$"],
)
def test_the_check_catches_a_pattern_that_blows_up(source: str) -> None:
    assert blow_ups(regex.compile(source), timeout=0.5)
