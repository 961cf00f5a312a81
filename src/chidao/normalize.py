"""Text normalization with an exact map back to the source.

``normalize(source)`` returns a :class:`NormalizedText`: the cleaned text every span of a
:class:`~chidao.models.Directive` indexes into, and an :class:`OffsetMap` that maps any span
of it back to the characters of the source it came from.

What it does, in order (each step is a named pass; see ``PASSES``):

* ``controls``: drops NUL and other control characters, the BOM, zero-width and soft-hyphen
  characters; turns ``\\r\\n``, ``\\r``, form feeds and Unicode line separators into ``\\n``.
* ``pdf_letters``: letters that PDF copies substitute (``ƣ`` for ``ư``), spaces that PDF copies
  put before a combining mark.
* ``pdf_pages``: page-break marks left by converters (``--- PAGE BREAK ---``) and page numbers
  standing alone between paragraphs (``- 2 -``, ``Trang 2/5``).
* ``nfc``: Unicode NFC (NFD input comes from macOS and PDF copies).
* ``tone_style``: one tone-mark style. Syllables that end in ``oa``, ``oe`` or ``uy`` carry the
  mark on the first vowel: ``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, ``thuỷ`` → ``thủy``,
  ``Uỷ`` → ``Ủy``. This is the style of the contract's canonical names (``Ủy ban nhân dân``).
  ``qu`` + ``y`` (``quý``) and syllables with a final consonant (``hoàng``) are left alone.
* ``punctuation``: curly quotes to ``"`` and ``'`` (so ``17h00’`` stays parseable), en/em dashes
  and minus signs to ``-``, exotic spaces (NBSP, thin, ideographic) and tabs to a space.
* ``markdown``: residue of converters: ``**bold**``, ``*italic*``, ``__x__``, leading ``#``,
  table borders ``|``, backslash escapes.
* ``whitespace``: runs of spaces collapsed, spaces trimmed at line ends, at most one blank line.

Normalization is idempotent: ``normalize(normalize(x).text).text == normalize(x).text``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from chidao.models import Span

__all__ = ["NormalizedText", "OffsetMap", "normalize"]

# A segment maps text[t0:t1] to source[s0:s1]. Equal lengths: character by character.
# Unequal lengths: the whole block maps to the whole source range.
Segment = tuple[int, int, int, int]


class OffsetMap:
    """Maps offsets of normalized text back to the source.

    >>> n = normalize("Ho\\u0300a  **binh**")
    >>> n.text
    'Hòa binh'
    >>> n.offsets.source_span(Span(start=4, end=8))
    Span(start=8, end=12)
    """

    __slots__ = ("_segments", "_starts", "source_len", "text_len")

    def __init__(self, segments: Sequence[Sequence[int]], text_len: int, source_len: int) -> None:
        self._segments: list[Segment] = [(a, b, c, d) for a, b, c, d in segments]
        self._starts = [s[0] for s in self._segments]
        self.text_len = text_len
        self.source_len = source_len

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls([(0, n, 0, n)] if n else [], n, n)

    @property
    def segments(self) -> list[Segment]:
        return list(self._segments)

    def _segment_at(self, t: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, t) - 1
        while 0 <= i < len(self._segments):
            seg = self._segments[i]
            if seg[0] <= t < seg[1]:
                return seg
            if seg[0] > t:
                return None
            i += 1
        return None

    def source_start(self, t: int) -> int:
        """Source offset where the text character at ``t`` begins (``t == len(text)``: the end)."""
        if t >= self.text_len:
            return self.source_len
        seg = self._segment_at(max(t, 0))
        if seg is None:
            return self.source_len
        t0, t1, s0, s1 = seg
        return s0 + (t - t0) if t1 - t0 == s1 - s0 else s0

    def source_end(self, t: int) -> int:
        """Source offset just after the text character at ``t - 1``."""
        if t <= 0:
            return self.source_start(0)
        seg = self._segment_at(min(t, self.text_len) - 1)
        if seg is None:
            return self.source_len
        t0, t1, s0, s1 = seg
        return s0 + (t - t0) if t1 - t0 == s1 - s0 else s1

    def source_span(self, span: Span) -> Span:
        start = self.source_start(span.start)
        if span.end <= span.start:
            return Span(start=start, end=start)
        return Span(start=start, end=max(start, self.source_end(span.end)))

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """``self`` maps text2 -> text1 and ``inner`` maps text1 -> source: return text2 -> source."""
        out: list[Segment] = []
        for t0, t1, a, b in self._segments:
            if t1 - t0 == b - a:
                # linear: translate piece by piece through the inner segments
                pos = a
                while pos < b:
                    seg = inner._segment_at(pos)
                    if seg is None:
                        break
                    i0, i1, j0, j1 = seg
                    end = min(b, i1)
                    p0 = t0 + (pos - a)
                    p1 = t0 + (end - a)
                    if i1 - i0 == j1 - j0:
                        _append(out, (p0, p1, j0 + (pos - i0), j0 + (end - i0)))
                    else:
                        _append(out, (p0, p1, j0, j1))
                    pos = end
            else:
                s0 = inner.source_start(a)
                s1 = inner.source_end(b) if b > a else s0
                _append(out, (t0, t1, s0, max(s0, s1)))
        return OffsetMap(out, self.text_len, inner.source_len)


def _append(out: list[Segment], seg: Segment) -> None:
    if seg[0] == seg[1]:
        return
    if out:
        p = out[-1]
        linear_prev = p[1] - p[0] == p[3] - p[2]
        linear_new = seg[1] - seg[0] == seg[3] - seg[2]
        if linear_prev and linear_new and p[1] == seg[0] and p[3] == seg[2]:
            out[-1] = (p[0], seg[1], p[2], seg[3])
            return
    out.append(seg)


@dataclass(frozen=True)
class NormalizedText:
    source: str
    text: str
    offsets: OffsetMap

    def source_span(self, span: Span) -> Span:
        return self.offsets.source_span(span)


# --------------------------------------------------------------------------- passes

Edit = tuple[int, int, str]  # replace text[a:b] with the string


def _apply(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping, sorted edits; return the new text and its map to ``text``."""
    pieces: list[str] = []
    segs: list[Segment] = []
    pos = 0
    out_len = 0
    for a, b, repl in edits:
        if a < pos:
            continue
        if a > pos:
            pieces.append(text[pos:a])
            _append(segs, (out_len, out_len + a - pos, pos, a))
            out_len += a - pos
        if repl:
            pieces.append(repl)
            _append(segs, (out_len, out_len + len(repl), a, b))
            out_len += len(repl)
        pos = b
    if pos < len(text):
        pieces.append(text[pos:])
        _append(segs, (out_len, out_len + len(text) - pos, pos, len(text)))
        out_len += len(text) - pos
    return "".join(pieces), OffsetMap(segs, out_len, len(text))


def _merged(edits: list[Edit]) -> list[Edit]:
    """Edits of several patterns in text order; where two overlap, the first one wins."""
    edits.sort()
    out: list[Edit] = []
    for e in edits:
        if out and e[0] < out[-1][1]:
            continue
        out.append(e)
    return out


def _sub_edits(pattern: Any, repl: str | Callable[[Any], str], text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        r = repl(m) if callable(repl) else m.expand(repl)
        if r != m.group(0):
            edits.append((m.start(), m.end(), r))
    return edits


# controls ------------------------------------------------------------------------
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_DROP = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe]+")


def _controls(text: str) -> list[Edit]:
    return _merged(_sub_edits(_NEWLINES, "\n", text) + _sub_edits(_DROP, "", text))


# PDF letters --------------------------------------------------------------------
_PDF_LETTERS = re.compile(r"[ƣƢ]|(?<! ) +(?=[\u0300-\u036f])")
_PDF_MAP = {"ƣ": "ư", "Ƣ": "Ư"}


def _pdf_letters(text: str) -> list[Edit]:
    return _sub_edits(_PDF_LETTERS, lambda m: _PDF_MAP.get(m.group(0), ""), text)


# page furniture of PDF conversions ------------------------------------------------
_PAGE_BREAK = re.compile(
    r"^[ ]*(?:-{2,}[ ]*page[ ]+break[ ]*-{2,}|<!--[ ]*page[ ]*break[ ]*-->|\f)[ ]*$\n?",
    flags=re.MULTILINE | re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"\n\n[ ]*(?:-[ ]*\d{1,3}[ ]*-|[Tt]rang[ ]+\d{1,3}(?:/\d{1,3})?)[ ]*\n(?=\n)")


def _any_page_furniture(t: str) -> bool:
    marks = "\f" in t or "<!--" in t or "BREAK" in t or "break" in t or "Break" in t
    return marks or _PAGE_NUMBER.search(t) is not None


def _pdf_pages(text: str) -> list[Edit]:
    edits = _sub_edits(_PAGE_NUMBER, "\n\n", text)
    if "\f" in text or "<!--" in text or "break" in text.lower():
        edits = _merged(edits + _sub_edits(_PAGE_BREAK, "", text))
    return edits


# NFC ------------------------------------------------------------------------------
_COMBINING_RUN = regex.compile(r"\P{M}?\p{M}+")


def _nfc(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits = _sub_edits(_COMBINING_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)), text)
    if edits:
        fixed, _ = _apply(text, edits)
        if unicodedata.is_normalized("NFC", fixed):
            return edits
    # singletons (e.g. U+212B ANGSTROM SIGN): rare, fall back to a char scan
    for i, c in enumerate(text):
        n = unicodedata.normalize("NFC", c)
        if n != c:
            edits.append((i, i + 1, n))
    return _merged(edits)


# tone style -----------------------------------------------------------------------
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def _build_tone_table() -> dict[str, str]:
    """Map 'oà' -> 'òa' etc. for the clusters oa, oe, uy (both cases)."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for tone in _TONES:
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    table[old] = new
    return table


_TONE_TABLE = _build_tone_table()
_ANY_TONE_CLUSTER = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]")
_LETTER = re.compile(r"[^\W\d_]")
_TONE_CONSONANTS = frozenset("bcdđghklmnprstvxBCDĐGHKLMNPRSTVX")


def _tone_style(text: str) -> list[Edit]:
    """Move the mark of a final oa/oe/uy to its first vowel (candidates are rare: check each)."""
    edits: list[Edit] = []
    for m in _ANY_TONE_CLUSTER.finditer(text):
        a, b = m.start(), m.end()
        cluster = m.group(0)
        if cluster not in _TONE_TABLE:
            continue
        if b < len(text) and _LETTER.match(text, b):
            continue  # a final consonant or vowel follows: "hoàng", "ngoài"
        if a > 0:
            prev = text[a - 1]
            if _LETTER.match(prev) and prev not in _TONE_CONSONANTS:
                continue  # "quý", or part of a longer vowel cluster
        edits.append((a, b, _TONE_TABLE[cluster]))
    return edits


# punctuation ------------------------------------------------------------------------
_PUNCT_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00b4": "'", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2010": "-",
    "\u2011": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-", "\u00a0": " ", "\t": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ",
    "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\u2000": " ", "\u2001": " ", "\uff1a": ":", "\u2022": "•",
}
_PUNCT_RE = re.compile("[" + re.escape("".join(k for k in _PUNCT_MAP if k != "\u2022")) + "]")


def _punctuation(text: str) -> list[Edit]:
    return _sub_edits(_PUNCT_RE, lambda m: _PUNCT_MAP[m.group(0)], text)


# markdown -----------------------------------------------------------------------------
_MD_EMPHASIS = regex.compile(
    r"\*{2,}"  # bold and bold-italic markers
    r"|(?<!\()\*(?!\))(?!\s)(?<=(?:^|[\s\p{P}\p{S}])\*)"  # opening *italic (not "(*)")
    r"|(?<=\S)(?<!\()\*(?!\))(?=$|[\s\p{P}\p{S}])"  # closing italic* (not "(*)")
    r"|(?<![\w_])__(?=[^\s_])|(?<=[^\s_])__(?![\w_])",  # __underline__ (a rule of ___ stays)
    flags=regex.MULTILINE,
)
_MD_HEADING = re.compile(r"^[ ]*#{1,6}(?:[ ]+|$)", flags=re.MULTILINE)
_MD_PIPES = re.compile(r"\|[ |]*")


def _table_borders(text: str) -> list[Edit]:
    """Pipes that open or close a line (table borders); a pipe between words stays."""
    edits: list[Edit] = []
    n = len(text)
    for m in _MD_PIPES.finditer(text):
        a, b = m.start(), m.end()
        while a > 0 and text[a - 1] == " ":
            a -= 1
        at_start = a == 0 or text[a - 1] == "\n"
        at_end = b == n or text[b] == "\n"
        if at_start or at_end:
            edits.append((a, b, ""))
    return edits


_MD_ESCAPE = regex.compile(r"\\(?=[.\-*_#|()\[\]+!`])")


def _markdown(text: str) -> list[Edit]:
    edits: list[Edit] = []
    if "*" in text or "__" in text:
        edits += _sub_edits(_MD_EMPHASIS, "", text)
    if "#" in text:
        edits += _sub_edits(_MD_HEADING, "", text)
    if "|" in text:
        edits += _table_borders(text)
    if "\\" in text:
        edits += _sub_edits(_MD_ESCAPE, "", text)
    return _merged(edits)


# whitespace -----------------------------------------------------------------------------
_WS = re.compile(r"[ \n]{2,}")
_WS_EDGE = re.compile(r"\A[ \n]+| \Z")


def _whitespace(text: str) -> list[Edit]:
    """Runs of spaces become one space; no space at a line's ends; at most one blank line."""
    edits: list[Edit] = []
    n = len(text)
    matches = list(_WS.finditer(text))
    if text[:1] in (" ", "\n") or text.endswith(" "):
        matches += list(_WS_EDGE.finditer(text))
        matches.sort(key=lambda m: m.start())
    last_end = 0
    for m in matches:
        if m.start() < last_end:
            continue
        last_end = m.end()
        run = m.group(0)
        a, b = m.start(), m.end()
        k = run.count("\n")
        if a == 0:
            repl = ""
        elif k == 0:
            repl = "" if b == n else " "
        else:
            repl = "\n\n" if k >= 2 else "\n"
        if repl != run:
            edits.append((a, b, repl))
    return edits


_SPACE_MARK = re.compile(r" [\u0300-\u036f]")
_ANY_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2028\u2029\u2060\ufeff\ufffe]")


def _any_markdown(t: str) -> bool:
    return "*" in t or "__" in t or "|" in t or "#" in t or "\\" in t


def _any_whitespace(t: str) -> bool:
    return "  " in t or " \n" in t or "\n " in t or "\n\n\n" in t or t[:1] in (" ", "\n") or t.endswith(" ")


def _has(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: pattern.search(text) is not None


# name, a cheap test whether the pass can change anything, the pass
PASSES: list[tuple[str, Callable[[str], bool], Callable[[str], list[Edit]]]] = [
    ("controls", _has(_ANY_CONTROL), _controls),
    ("pdf_letters", lambda t: "ƣ" in t or "Ƣ" in t or _SPACE_MARK.search(t) is not None, _pdf_letters),
    ("pdf_pages", _any_page_furniture, _pdf_pages),
    ("nfc", lambda t: not unicodedata.is_normalized("NFC", t), _nfc),
    ("tone_style", _has(_ANY_TONE_CLUSTER), _tone_style),
    ("punctuation", _has(_PUNCT_RE), _punctuation),
    ("markdown", _any_markdown, _markdown),
    ("whitespace", _any_whitespace, _whitespace),
]


def normalize(source: str) -> NormalizedText:
    """Normalize ``source``; see the module docstring for what changes."""
    text = source
    offsets = OffsetMap.identity(len(source))
    for _round in range(4):  # repeat until a fixpoint: normalization is idempotent
        changed = False
        for _name, needed, find_edits in PASSES:
            if not needed(text):
                continue
            edits = find_edits(text)
            if not edits:
                continue
            new_text, step = _apply(text, edits)
            if new_text == text:
                continue
            offsets = step.compose(offsets)
            text = new_text
            changed = True
        if not changed:
            break
    return NormalizedText(source=source, text=text, offsets=offsets)
