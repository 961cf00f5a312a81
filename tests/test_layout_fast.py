"""The layout's fast paths say exactly what the slower, plainer code they stand in front of says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chidao import structure
from chidao.grammar import markers
from chidao.grammar.markers import Marker, match_marker
from conftest import ALL_FIXTURES


def _reference_marker(line: str) -> Marker | None:
    """match_marker as it was before its prechecks: every pattern tried in turn."""
    if not line:
        return None
    c = line[0]
    if c.isdigit():
        if not line.strip("0123456789./)"):
            return None
        m = markers._NUMBERED.match(line)
        return Marker("numbered", m["label"] or m["label2"], m[0]) if m else None
    if c in "IVXLC":
        m = markers._ROMAN.match(line)
        if m and markers.roman_value(m["label"]):
            return Marker("roman", m["label"], m[0])
    if "A" <= c <= "U" or c == "Đ":
        m = markers._SECTION.match(line)
        return Marker("section", m["label"], m[0]) if m else None
    if c == "(":
        m = markers._PAREN.match(line)
        if m:
            return Marker("paren", m["label"], m[0], "", "num" if m["label"].isdigit() else "roman")
        m = markers._LETTERED.match(line)
        return Marker("lettered", m["label"] or m["label2"], m[0]) if m else None
    if "a" <= c <= "z" or c == "đ":
        m = markers._LETTERED.match(line)
        return Marker("lettered", m["label"] or m["label2"], m[0]) if m else None
    m = markers._BULLET.match(line)
    return Marker("bullet", c, m[0], c) if m else None


# digits (ASCII, another script's, a superscript), the marker punctuation, spaces regex's \s
# takes and does not (\x1c), capitals, quotes, letters, bullets
_MARKER_ALPHABET = list("0123456789٣²./)(:; \t\xa0\x1c\u2003\"'AĐIVXCaođx-•*Ủ")


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_MARKER_ALPHABET), min_size=1, max_size=24).map("".join))
def test_match_marker_is_the_patterns_tried_in_turn(s: str) -> None:
    line = s.strip()
    assert match_marker(line) == _reference_marker(line)


@given(
    st.lists(st.sampled_from(["1", "12", "123", ".", "1.", "/", ")"]), min_size=1, max_size=16),
    st.sampled_from([" X", " x", "X", "x", " ", "\t\tX", '"', "'", "٣. X", "Ủ", " Ủ", ":", "\u2003X", "\x1cX"]),
)
def test_match_marker_on_numbered_lines(parts: list[str], after: str) -> None:
    line = ("".join(parts) + after).strip()
    assert match_marker(line) == _reference_marker(line)


def test_match_marker_on_every_fixture_line() -> None:
    for _, text, _ in ALL_FIXTURES:
        for raw in text.splitlines():
            line = raw.strip()
            assert match_marker(line) == _reference_marker(line), line


def _heading(own: str, marker_text: str | None, has_children: bool) -> str | None:
    """The heading _to_clauses gives a node of text ``own``."""
    child = [structure._Node(len(own), len(own), None)] if has_children else []
    node = structure._Node(0, len(own), None, kind="bullet" if marker_text else "paragraph", marker_text=marker_text)
    node.children = child
    (clause,) = structure._to_clauses(own, [node], None, "", {})
    return clause.heading


_HEADING_ALPHABET = [*"ab Ủ:.;!?\t\xa0\x1c\n-x", "  ", "Sở Y tế", "mục 1", ": ", ":\n"]


@settings(max_examples=3000)
@given(
    st.lists(st.sampled_from(_HEADING_ALPHABET), max_size=30).map("".join),
    st.sampled_from([None, "", "- ", "1. ", "a) ", "Thứ nhất"]),
    st.booleans(),
)
def test_clause_headings_are_heading_of(body: str, marker_text: str | None, has_children: bool) -> None:
    own = (marker_text or "") + body
    assert _heading(own, marker_text, has_children) == structure._heading_of(own, marker_text, has_children)


@given(
    st.integers(0, 60).flatmap(lambda n: st.just(" ".join(["w"] * n))),
    st.sampled_from(["", "x" * 199, "x" * 200, "x" * 201]),
    st.sampled_from([":", ": a", ":\u2003a", ":\x1ca", ":  "]),
    st.sampled_from([None, "- "]),
)
def test_clause_headings_at_the_limits(words: str, long: str, tail: str, marker_text: str | None) -> None:
    own = (marker_text or "") + words + long + tail
    for has_children in (False, True):
        assert _heading(own, marker_text, has_children) == structure._heading_of(own, marker_text, has_children)


def test_clause_headings_on_every_fixture() -> None:
    from chidao.normalize import normalize

    for _, text, _ in ALL_FIXTURES:
        norm = normalize(text).text
        layout = structure.read_layout(norm)
        ls = structure._Lines.of(norm, layout.folded)
        _, b0, b1 = structure._find_layout_lines(norm, ls)
        nodes = structure._build_tree(norm, structure._build_units(norm, ls, b0, b1))
        stack = list(nodes)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            own = norm[node.start : node.end]
            for has_children in (False, True):
                fast = _heading(own, node.marker_text, has_children)
                assert fast == structure._heading_of(own, node.marker_text, has_children), own


def test_spaces_are_what_the_regex_module_calls_whitespace() -> None:
    import sys

    import regex

    from chidao.grammar.patterns import SPACES

    every = {chr(i) for i in range(sys.maxunicode + 1) if i < 0xD800 or i > 0xDFFF}
    assert {c for c in every if regex.match(r"\s", c)} == set(SPACES)
