"""Shared test setup: hypothesis profiles and the fixture notices."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def _pairs(notices: Path, expected: Path) -> list[tuple[str, str, dict[str, object]]]:
    out = []
    for gold_path in sorted(expected.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (notices / gold["doc"]).read_text(encoding="utf-8")
        out.append((gold["doc"], text, gold))
    return out


CORPUS = ROOT / "tests" / "corpus"


def corpus_rows(name: str) -> list[list[str]]:
    """Rows of a Duckling-style corpus in tests/corpus/ (tab-separated; "#" comments; "\\n" is a line break)."""
    rows = []
    for raw in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            rows.append([cell.replace("\\n", "\n") for cell in raw.split("\t")])
    return rows


SEEDS = _pairs(FIXTURES / "notices", FIXTURES / "expected")
DEV = _pairs(FIXTURES / "dev" / "notices", FIXTURES / "dev" / "expected")
ALL_FIXTURES = SEEDS + DEV


@pytest.fixture(params=[name for name, _, _ in ALL_FIXTURES])
def fixture_notice(request: pytest.FixtureRequest) -> tuple[str, str, dict[str, object]]:
    for item in ALL_FIXTURES:
        if item[0] == request.param:
            return item
    raise LookupError(request.param)
