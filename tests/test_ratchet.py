"""Precision and recall of every extractor on the fixture notices never drop below the last level reached."""

from __future__ import annotations

import pytest

from ratchet import current_scores, load_floors


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return current_scores()


@pytest.mark.parametrize("dataset", ["seeds", "dev"])
def test_no_extractor_score_drops_below_its_floor(scores: dict[str, dict[str, float]], dataset: str) -> None:
    floors = load_floors().get(dataset, {})
    assert floors, "tests/ratchet.json has no floors: run `python tests/ratchet.py --update`"
    drops = {
        key: (scores[dataset].get(key, 0.0), floor)
        for key, floor in floors.items()
        if scores[dataset].get(key, 0.0) < floor - 1e-9
    }
    assert not drops, f"scores dropped below the ratchet (now, floor): {drops}"
