"""parse_directive pauses the cyclic garbage collector while it parses, and gives it back as it was."""

from __future__ import annotations

import gc

import pytest

from chidao import parse_directive

TEXT = "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 28/7/2020."


def test_the_collector_is_on_after_a_parse_when_it_was_on_before() -> None:
    assert gc.isenabled()
    d = parse_directive(TEXT)
    assert d.tasks and gc.isenabled()


def test_the_collector_stays_off_after_a_parse_when_the_caller_had_turned_it_off() -> None:
    gc.disable()
    try:
        parse_directive(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_on_again_after_a_parse_that_fails_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    import chidao.pipeline as pipeline

    def broken(source: str, reference_date: object) -> None:
        assert not gc.isenabled()  # paused during the parse
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_compose", broken)
    d = parse_directive(TEXT)
    assert any(w.code == "internal_error" for w in d.warnings)
    assert gc.isenabled()
