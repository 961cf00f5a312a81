"""The quick ways of normalization and folding find what the plain ways find."""

from __future__ import annotations

import random
import re

from chidao.grammar.patterns import scan
from chidao.normalize import (
    _MD_EMPHASIS,
    _MOST_EMPHASIS_TRIES,
    _PAGE_NUMBER,
    _RUN_KINDS,
    _TONE_CLUSTERS,
    _TONE_TABLE,
    _all_run_edits,
    _any_page_furniture,
    _emphasis,
    _first_emphasis,
    _pdf_pages,
    _run_around,
    _sub_edits,
    _tone_style,
    _whitespace,
    normalize,
)
from chidao.textutil import _BYTE_CHARS, _CHUNK, _FOLD_SEQ, _MOST_RUNS, fold


def _texts(pieces: list[str], n: int, seed: int, most: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, most))) for _ in range(n)]


# fold ------------------------------------------------------------------------------------


def test_every_byte_character_folds_as_the_translation_does() -> None:
    assert fold(_BYTE_CHARS * 2) == (_BYTE_CHARS * 2).translate(_FOLD_SEQ)
    for c in _BYTE_CHARS:
        assert fold(c * 100) == (c * 100).translate(_FOLD_SEQ)


def test_fold_with_other_characters_in_chunks_and_runs() -> None:
    rng = random.Random(1)
    base = "Ủy ban nhân dân tỉnh Quảng Trị yêu cầu các sở, ban, ngành. " * (_CHUNK // 20)
    others = ["中", "Ω", "П", "\ud800", "😀", "ﬁ", "\u0301", "\u212a", "İ", "\x07", "中华" * 700]
    for _ in range(200):
        chars = list(base)
        for _ in range(rng.choice([1, 3, _MOST_RUNS - 1, _MOST_RUNS, 3 * _MOST_RUNS])):
            chars[rng.randrange(len(chars))] = rng.choice(others)
        text = "".join(chars)
        assert fold(text) == text.translate(_FOLD_SEQ)
    for text in ("中" * 3 * _CHUNK, "a" * _CHUNK + "中", "中" + "a" * _CHUNK, "", "x", "\u0301" * 200):
        assert fold(text) == text.translate(_FOLD_SEQ)


# tone style --------------------------------------------------------------------------------


def test_tone_clusters_are_what_one_scan_of_all_first_vowels_finds() -> None:
    one = re.compile("|".join(p.pattern for p in _TONE_CLUSTERS))
    pieces = ["o", "O", "u", "U", "q", "th", "ng", "hoà", "thuỷ", "Uỷ", "quý", " ", ".", "à", "ý", "ẻ", "1", "_"]
    for text in _texts(pieces, 5000, 2):
        expected = [(m.start(), m.end(), _TONE_TABLE[m.group()]) for m in one.finditer(text)]
        assert _tone_style(text) == expected, text


# markdown ---------------------------------------------------------------------------------


def test_emphasis_star_by_star_is_what_the_scan_finds() -> None:
    pieces = ["*", "**", "_", "__", "(*)", "(", ")", " ", "\n", "x", "ư", ".", "“", "***", "a_b"]
    texts = _texts(pieces, 4000, 3)
    texts += _texts(pieces, 200, 4, most=3 * _MOST_EMPHASIS_TRIES)  # past the tries: the scan
    for text in texts:
        first = _first_emphasis(text)
        if first >= 0:
            assert _emphasis(text, first) == _sub_edits(_MD_EMPHASIS, "", text, first), text


# page furniture ------------------------------------------------------------------------------


def _page_furniture_before(t: str) -> bool:
    """The precheck as it was: the words of a page break looked for in every text."""
    marks = "\f" in t or "<!--" in t or "BREAK" in t or "break" in t or "Break" in t
    return marks or _PAGE_NUMBER.search(t) is not None


def test_the_page_precheck_skips_only_texts_the_pass_left_alone() -> None:
    pieces = ["--", "-", "<!--", "-->", "page", "PAGE", "break", "BREAK", "Break", "bReAk", " ", "\n", "\n\n", "2", "x"]
    for text in _texts(pieces, 5000, 5):
        if _page_furniture_before(text) and not _any_page_furniture(text):
            assert _pdf_pages(text) == [], text


# whitespace ----------------------------------------------------------------------------------


def _whitespace_by_runs(text: str) -> list[tuple[int, int, str]]:
    """Every run of spaces and newlines, found one by one and counted."""
    n = len(text)
    edits = []
    for m in re.finditer(r"[ \n]+", text):
        a, b = m.span()
        k = text.count("\n", a, b)
        if a == 0:
            repl = ""
        elif k == 0:
            repl = "" if b == n else " "
        else:
            repl = "\n\n" if k >= 2 else "\n"
        if repl != m.group():
            edits.append((a, b, repl))
    return edits


def test_whitespace_edits_by_triggers_and_by_one_scan_are_the_runs_that_change() -> None:
    pieces = [" ", "\n", "x", "  ", "\n\n", "ab", "\n  ", " \n", "\n\n\n"]
    texts = _texts(pieces, 20000, 6, most=25) + _texts(pieces, 300, 7, most=400)  # the long: many runs
    for text in texts:
        expected = _whitespace_by_runs(text)
        assert _whitespace(text) == expected, text
        n = len(text)
        lead = _run_around(text, 0)[1] if text[:1] in (" ", "\n") else 0
        trail = _run_around(text, n - 1)[0] if text.endswith(" ") else n
        assert _all_run_edits(text, lead, trail) == expected, text


def test_the_run_scan_never_starts_inside_a_run() -> None:
    for text in _texts([" ", "\n", "x"], 3000, 8, most=30):
        for m in scan(_RUN_KINDS, text):
            assert m.start() == 0 or text[m.start() - 1] not in " \n"
            assert m.end() == len(text) or text[m.end()] not in " \n"


def test_normalization_of_many_runs_is_idempotent() -> None:
    text = "\n".join(" " * (i % 7) + f"- mục {i}:  " for i in range(3000))
    once = normalize(text).text
    assert normalize(once).text == once
