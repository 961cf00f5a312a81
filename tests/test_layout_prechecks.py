"""The layout's cheap prechecks say exactly what the patterns they stand in front of say."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chidao import structure
from chidao.textutil import fold
from conftest import ALL_FIXTURES

_MOTTO_WORDS = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam", "doc", "lap", "-", "tu", "do", "dang", "san"]


@given(st.lists(st.sampled_from([*_MOTTO_WORDS, "x", "  ", "\n"]), max_size=14).map(" ".join))
def test_the_motto_precheck_is_the_motto_pattern(line: str) -> None:
    assert structure._has_motto(line) == bool(structure._MOTTO.search(line))


def test_the_motto_precheck_on_every_fixture_line() -> None:
    for _, text, _ in ALL_FIXTURES:
        for line in fold(text).splitlines():
            assert structure._has_motto(line) == bool(structure._MOTTO.search(line)), line
