"""Long scans run under the regex module's timeout: a scan that would run away stops with a
Diagnostic instead of hanging the parse (the second line behind tests/test_patterns_safe.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import regex

import chidao
from chidao import parse_directive
from chidao.grammar import patterns
from chidao.grammar.patterns import GUARDED_SCAN_CHARS, failure_code, scan

SRC = Path(chidao.__file__).resolve().parent


def test_a_short_scan_finds_what_finditer_finds() -> None:
    p = regex.compile(r"\d+/\d+")
    text = "Công văn số 167/CV-BCĐ ngày 26/7/2020"
    assert [m.span() for m in scan(p, text)] == [m.span() for m in p.finditer(text)]
    assert [m.span() for m in scan(p, text, 5, 30)] == [m.span() for m in p.finditer(text, 5, 30)]


def test_a_long_scan_finds_what_finditer_finds() -> None:
    p = regex.compile(r"\d+/\d+")
    text = "số 1/2 và " * (GUARDED_SCAN_CHARS // 5)
    assert [m.span() for m in scan(p, text)] == [m.span() for m in p.finditer(text)]


def test_a_long_scan_that_runs_out_of_time_raises_timeout_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT_S", 0.001)
    with pytest.raises(TimeoutError):
        for _ in scan(regex.compile(r"a"), "a" * 3_000_000):
            pass


def test_a_short_scan_is_not_timed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT_S", 1e-9)
    assert len(list(scan(regex.compile(r"a"), "a" * GUARDED_SCAN_CHARS))) == GUARDED_SCAN_CHARS


def test_a_parse_whose_scans_run_out_of_time_says_so_and_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    clause = "1. Sở Y tế phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 28/7/2020 theo Công văn số 167/CV-BCĐ.\n"
    text = clause * (3 * GUARDED_SCAN_CHARS // len(clause))
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT_S", 1e-9)
    d = parse_directive(text)
    timeouts = [w for w in d.warnings if w.code == "scan_timeout"]
    assert timeouts and all(w.severity == "error" for w in timeouts)
    assert all("TimeoutError" in w.message or "longer than" in w.message for w in timeouts)
    assert not any(w.code == "internal_error" for w in d.warnings)


def _finditer_calls(path: Path) -> list[int]:
    """Lines where ``<pattern>.finditer(...)`` is called (the module function ``regex.finditer`` aside)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "finditer":
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in ("regex", "re")):
                lines.append(node.lineno)
    return lines


def test_every_pattern_scan_in_the_package_goes_through_the_guard() -> None:
    unguarded = {
        str(p.relative_to(SRC)): found
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "patterns.py" and (found := _finditer_calls(p))
    }
    assert unguarded == {}, f"use chidao.grammar.patterns.scan(pattern, text, pos, endpos) instead: {unguarded}"


def test_a_timed_out_scan_is_reported_as_scan_timeout_and_other_failures_by_their_step() -> None:
    assert failure_code(TimeoutError("regex timed out"), "citations_failed") == "scan_timeout"
    assert failure_code(ValueError("bug"), "citations_failed") == "citations_failed"
