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
from typing import Any, NamedTuple

import regex

from chidao.grammar.patterns import scan
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

    __slots__ = ("_canonical", "_segments", "_starts_list", "source_len", "text_len")

    def __init__(self, segments: Sequence[Sequence[int]], text_len: int, source_len: int) -> None:
        self._segments: list[Segment] = [(a, b, c, d) for a, b, c, d in segments]
        self._starts_list: list[int] | None = None
        self.text_len = text_len
        self.source_len = source_len
        # canonical: the segments cover the text from 0 to text_len without a gap, and no two
        # neighbours could be one linear segment (what _append keeps); the maps of the passes
        # are, and compose() relies on it (a map from elsewhere takes the slow way)
        self._canonical = False

    @classmethod
    def _built(cls, segments: list[Segment], text_len: int, source_len: int) -> OffsetMap:
        """A canonical map from segments built here (taken as they are, not copied)."""
        m = cls.__new__(cls)
        m._segments = segments
        m._starts_list = None
        m.text_len = text_len
        m.source_len = source_len
        m._canonical = True
        return m

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls._built([(0, n, 0, n)] if n else [], n, n)

    @property
    def _starts(self) -> list[int]:
        """Where each segment starts in the text (for bisect), listed on first use: the map of
        a pass is composed and dropped without it."""
        if self._starts_list is None:
            self._starts_list = [s[0] for s in self._segments]
        return self._starts_list

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
        identity = inner._segments == [(0, inner.text_len, 0, inner.source_len)] and inner.text_len == inner.source_len
        if identity and self._canonical:
            return OffsetMap._built(self._segments, self.text_len, inner.source_len)
        if not (self._canonical and inner._canonical and self.source_len == inner.text_len):
            return self._compose_any(inner)
        out: list[Segment] = []
        inner_segs = inner._segments
        starts = inner._starts
        for t0, t1, a, b in self._segments:
            if t1 - t0 != b - a:
                s0 = inner.source_start(a)
                s1 = inner.source_end(b) if b > a else s0
                _append(out, (t0, t1, s0, max(s0, s1)))
                continue
            # linear: the inner segments that hold text1[a:b], shifted by d; the first and the
            # last may hold only part of it, those between are whole (and, as the inner map
            # is canonical, cannot merge with each other: one extend copies them)
            d = t0 - a
            first = bisect.bisect_right(starts, a) - 1
            last = bisect.bisect_left(starts, b, first + 1) - 1
            i0, i1, j0, j1 = inner_segs[first]
            end = min(b, i1)
            if i1 - i0 == j1 - j0:
                _append(out, (a + d, end + d, j0 + (a - i0), j0 + (end - i0)))
            else:
                _append(out, (a + d, end + d, j0, j1))
            if last == first:
                continue
            if last > first + 1:
                i0, i1, j0, j1 = inner_segs[first + 1]
                _append(out, (i0 + d, i1 + d, j0, j1))
                out.extend([(i0 + d, i1 + d, j0, j1) for i0, i1, j0, j1 in inner_segs[first + 2 : last]])
            i0, i1, j0, j1 = inner_segs[last]
            end = min(b, i1)
            if i1 - i0 == j1 - j0:
                _append(out, (i0 + d, end + d, j0, j0 + (end - i0)))
            else:
                _append(out, (i0 + d, end + d, j0, j1))
        return OffsetMap._built(out, self.text_len, inner.source_len)

    def _compose_any(self, inner: OffsetMap) -> OffsetMap:
        """``compose`` for maps of any shape: piece by piece."""
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
    segs: list[Segment] = []  # as _append builds them (inlined: a notice can have 10^5 edits)
    pos = 0
    out_len = 0
    go_on = -1  # where the last segment ends in ``text`` when it is linear (a linear one can go on)
    for a, b, repl in edits:
        if a < pos:
            continue
        if a > pos:
            pieces.append(text[pos:a])
            if go_on == pos:
                segs[-1] = (segs[-1][0], out_len + a - pos, segs[-1][2], a)
            else:
                segs.append((out_len, out_len + a - pos, pos, a))
            out_len += a - pos
            go_on = a
        if repl:
            n = len(repl)
            pieces.append(repl)
            if n != b - a:
                segs.append((out_len, out_len + n, a, b))
                go_on = -1
            else:
                if go_on == a:
                    segs[-1] = (segs[-1][0], out_len + n, segs[-1][2], b)
                else:
                    segs.append((out_len, out_len + n, a, b))
                go_on = b
            out_len += n
        pos = b
    if pos < len(text):
        pieces.append(text[pos:])
        if go_on == pos:
            segs[-1] = (segs[-1][0], out_len + len(text) - pos, segs[-1][2], len(text))
        else:
            segs.append((out_len, out_len + len(text) - pos, pos, len(text)))
        out_len += len(text) - pos
    return "".join(pieces), OffsetMap._built(segs, out_len, len(text))


def _rewrite(text: str, edits: list[Edit]) -> str:
    """``_apply(text, edits)[0]``, for edits that keep the length (the map stays as it was)."""
    pieces: list[str] = []
    pos = 0
    for a, b, repl in edits:
        if a < pos:
            continue
        pieces.append(text[pos:a])
        pieces.append(repl)
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _merged(edits: list[Edit]) -> list[Edit]:
    """Edits of several patterns in text order; where two overlap, the first one wins."""
    edits.sort()
    out: list[Edit] = []
    for e in edits:
        if out and e[0] < out[-1][1]:
            continue
        out.append(e)
    return out


def _sub_edits(pattern: Any, repl: str, text: str, pos: int = 0) -> list[Edit]:
    """Edits of ``pattern.sub(repl, text)`` for a plain ``repl``; ``pos``: no match starts before it."""
    return [(m.start(), m.end(), repl) for m in scan(pattern, text, pos) if m.group() != repl]


# controls ------------------------------------------------------------------------
_NEWLINE_CHARS = r"\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"  # regex class contents
_DROP_CHARS = r"\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe"
_NEWLINES = re.compile(rf"\r\n|[{_NEWLINE_CHARS}]")
_DROP = re.compile(rf"[{_DROP_CHARS}]+")


def _controls(text: str) -> list[Edit]:
    # no character is in both classes: the matches of the two scans cannot overlap
    edits = _sub_edits(_NEWLINES, "\n", text) + _sub_edits(_DROP, "", text)
    edits.sort()
    return edits


# PDF letters --------------------------------------------------------------------
_PDF_LETTERS = re.compile(r"[ƣƢ]")
# a run of spaces before a mark, from its first space (the lookbehind: the space before it is
# none); a pattern that starts with the space lets the scan skip to the next one
_SPACES_BEFORE_MARK = re.compile(r" (?<!  ) *(?=[\u0300-\u036f])")
_PDF_MAP = {"ƣ": "ư", "Ƣ": "Ư"}


def _pdf_letters(text: str) -> list[Edit]:
    edits = [(m.start(), m.end(), _PDF_MAP[m.group()]) for m in scan(_PDF_LETTERS, text)]
    edits += [(m.start(), m.end(), "") for m in scan(_SPACES_BEFORE_MARK, text)]
    edits.sort()
    return edits


# page furniture of PDF conversions ------------------------------------------------
_PAGE_BREAK = re.compile(
    r"^[ ]*(?:-{2,}[ ]*page[ ]+break[ ]*-{2,}|<!--[ ]*page[ ]*break[ ]*-->|\f)[ ]*$\n?",
    flags=re.MULTILINE | re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"\n\n[ ]*(?:-[ ]*\d{1,3}[ ]*-|[Tt]rang[ ]+\d{1,3}(?:/\d{1,3})?)[ ]*\n(?=\n)")


def _any_page_furniture(t: str) -> bool:
    # a page break holds "\f" or "--" (so does "<!--"); without them, the words need no look:
    # _PAGE_BREAK cannot match (the pass may run for a page number; it finds the same then)
    marks = "\f" in t or ("--" in t and ("<!--" in t or "BREAK" in t or "break" in t or "Break" in t))
    return marks or _PAGE_NUMBER.search(t) is not None


def _pdf_pages(text: str) -> list[Edit]:
    edits = _sub_edits(_PAGE_NUMBER, "\n\n", text)
    if "\f" in text or "<!--" in text or "break" in text.lower():
        edits = _merged(edits + _sub_edits(_PAGE_BREAK, "", text))
    return edits


# NFC ------------------------------------------------------------------------------
_MARK_RUN = regex.compile(r"\p{M}+")
# the characters that NFC changes wherever they stand (NFC_Quick_Check=No: singletons such as
# U+212B ANGSTROM SIGN, and composition exclusions); a test checks the class against unicodedata
_NFC_NO = regex.compile(r"\p{NFC_QC=N}")


def _run_edits(text: str) -> list[Edit]:
    """Each run of combining marks, with the character before it, in NFC (where that changes it).

    The runs are what a scan of ``\\P{M}?\\p{M}+`` finds: a maximal run of marks and the
    character before it (no mark). Texts of marks repeat their runs: each distinct run is
    normalized once.
    """
    spans = [m.span() for m in scan(_MARK_RUN, text)]
    runs = [text[max(a - 1, 0) : b] for a, b in spans]
    nfc = {run: unicodedata.normalize("NFC", run) for run in set(runs)}
    return [(max(a - 1, 0), b, nfc[run]) for (a, b), run in zip(spans, runs, strict=True) if nfc[run] != run]


def _nfc(s: _Scan) -> list[Edit]:
    """NFC, run by run of combining marks; characters that NFC changes alone, where that is not enough.

    A run's NFC is canonically equivalent to the run, so the text with every run normalized has
    the NFC of the text: it is normalized when it equals that (one normalization of the text
    answers both questions).
    """
    text = s.text
    nfc = unicodedata.normalize("NFC", text)
    if nfc == text:
        return []
    edits = _run_edits(text)
    if edits and _rewrite(text, edits) == nfc:
        s.nfc_after_edits = True
        return edits
    # singletons (e.g. U+212B ANGSTROM SIGN) and what the runs miss: each character alone
    for m in scan(_NFC_NO, text):
        c = m.group()
        n = unicodedata.normalize("NFC", c)
        if n != c:
            edits.append((m.start(), m.end(), n))
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
_LETTER = r"[^\W\d_]"
_TONE_CONSONANTS = "bcdđghklmnprstvxBCDĐGHKLMNPRSTVX"


def _tone_cluster_patterns() -> list[re.Pattern[str]]:
    """Clusters of ``_TONE_TABLE`` that end a syllable and do not follow a vowel or ``q``: one
    pattern per first vowel.

    Each pattern reads the cluster (its literal first vowel lets the scan skip to the next one,
    several times faster than a scan for a class of first vowels; the second vowel at once: most
    first vowels fail there), then looks back past it: the character before the cluster is no
    letter ("Uỷ") or a consonant ("thuỷ"), so "quý" and "ngoài" stay.
    """
    seconds: dict[str, str] = {}
    for cluster in sorted(_TONE_TABLE):
        seconds[cluster[0]] = seconds.get(cluster[0], "") + cluster[1]
    before = rf"(?:(?<!{_LETTER}..)|(?<=[{_TONE_CONSONANTS}]..))"
    return [re.compile(f"{re.escape(first)}[{second}]{before}(?!{_LETTER})") for first, second in seconds.items()]


_TONE_CLUSTERS = _tone_cluster_patterns()


def _tone_style(text: str) -> list[Edit]:
    """Move the mark of a final oa/oe/uy to its first vowel: "hoà" -> "hòa", "thuỷ" -> "thủy"."""
    # the clusters of different first vowels cannot overlap (no second vowel is a first one)
    edits = [(m.start(), m.end(), _TONE_TABLE[m.group(0)]) for p in _TONE_CLUSTERS for m in scan(p, text)]
    edits.sort()
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
_PUNCT_CHARS = re.escape("".join(k for k in _PUNCT_MAP if k != "\u2022"))  # regex class contents
_PUNCT_RE = re.compile(f"[{_PUNCT_CHARS}]")


def _punctuation(text: str, present: str) -> list[Edit]:
    """``present``: the characters of ``_PUNCT_RE`` the text may hold (one scan found them)."""
    edits: list[Edit] = []
    for c in present:
        if _PUNCT_RE.match(c):
            i = text.find(c)
            while i >= 0:
                edits.append((i, i + 1, _PUNCT_MAP[c]))
                i = text.find(c, i + 1)
    edits.sort()
    return edits


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
    for m in scan(_MD_PIPES, text):
        a, b = m.start(), m.end()
        while a > 0 and text[a - 1] == " ":
            a -= 1
        at_start = a == 0 or text[a - 1] == "\n"
        at_end = b == n or text[b] == "\n"
        if at_start or at_end:
            edits.append((a, b, ""))
    return edits


_MD_ESCAPE = regex.compile(r"\\(?=[.\-*_#|()\[\]+!`])")


def _first_emphasis(text: str) -> int:
    """A lower bound of where ``_MD_EMPHASIS`` first matches (-1: nowhere).

    Every match starts at "__", at "**" or at a star that is not a note mark "(*)"; stars are
    rare and scanning for them is cheap, the pattern is not.
    """
    underline = text.find("__")
    i = text.find("*")
    while i >= 0 and (underline < 0 or i < underline):
        after = text[i + 1 : i + 2]
        if after == "*" or (after != ")" and text[i - 1 : i] != "("):
            return i
        i = text.find("*", i + 1)
    return underline


# up to this many stars and underscores, each is tried alone; beyond, one scan does better
_MOST_EMPHASIS_TRIES = 64


def _emphasis(text: str, first: int) -> list[Edit]:
    """``_sub_edits(_MD_EMPHASIS, "", text, first)``: the pattern tried at each star and underscore
    (every match starts at one) instead of a scan of the whole text; where there are many, the scan.
    """
    edits: list[Edit] = []
    n = len(text)
    star = text.find("*", first)
    under = text.find("_", first)
    i = first
    for _ in range(_MOST_EMPHASIS_TRIES):
        if star < 0 and under < 0:
            return edits
        i = star if under < 0 or 0 <= star < under else under
        m = _MD_EMPHASIS.match(text, i)
        if m is None:
            i += 1
        else:
            edits.append((i, m.end(), ""))
            i = m.end()
        if i >= n:
            return edits
        if 0 <= star < i:
            star = text.find("*", i)
        if 0 <= under < i:
            under = text.find("_", i)
    return edits + _sub_edits(_MD_EMPHASIS, "", text, i)


def _markdown(text: str) -> list[Edit]:
    edits: list[Edit] = []
    first = _first_emphasis(text)
    if first >= 0:
        edits += _emphasis(text, first)
    if "#" in text:
        edits += _sub_edits(_MD_HEADING, "", text)
    if "|" in text:
        edits += _table_borders(text)
    if "\\" in text:
        edits += _sub_edits(_MD_ESCAPE, "", text)
    return _merged(edits)


# whitespace -----------------------------------------------------------------------------
_RUN_AFTER = re.compile(r"[ \n]*")
_RUN_BEFORE = regex.compile(r"[ \n]*", flags=regex.REVERSE)  # .match(text, 0, i): the run ending at i
# a run of spaces and newlines changes when it holds one of these (or opens the text, or is
# a space that ends it); the only run of two that stays is a blank line, "\n\n"
# (each with the side it is looked for from: str.find checks its last character first, str.rfind
# its first one, and a newline, rarer than a space, lets either skip ahead faster)
_RUN_TRIGGERS = (("  ", False), (" \n", False), ("\n ", True), ("\n\n\n", True))
# every run of two or more that changes, read whole (possessive: an alternative fails at once,
# and a scan never starts inside a run) by what it becomes: the group that matched says which
# (_KIND_REPL); a blank line alone stays
_RUN_KINDS = re.compile(
    r" (?:( ++)(?!\n)|( *+\n *+)(?![ \n])|( *+\n[ \n]++))"  # from a space: spaces only, one newline, more
    r"|\n(?:( ++)(?![ \n])|(?!\n(?![ \n]))([ \n]++))"  # from a newline: one newline, more
)
_KIND_REPL = ("", " ", "\n", "\n\n", "\n", "\n\n")  # by group number


def _run_around(text: str, i: int) -> tuple[int, int]:
    """Start and end of the run of spaces and newlines that holds ``text[i]``."""
    before = _RUN_BEFORE.match(text, 0, i)
    after = _RUN_AFTER.match(text, i)
    assert before is not None and after is not None  # both match the empty string
    return before.start(), after.end()


def _find_runs(text: str, runs: dict[int, int], most: int = 64) -> bool:
    """Add to ``runs`` the runs of spaces and newlines that change, found by their triggers.

    False: there are more than ``most`` (``runs`` holds some of them), a scan of all runs does better.
    """
    n = len(text)
    found = 0
    for trigger, backward in _RUN_TRIGGERS:
        i = text.rfind(trigger) if backward else text.find(trigger)
        while i >= 0:
            found += 1
            if found > most:
                return False
            # the run around the trigger (mostly the trigger alone: regex calls only when longer)
            a, b = i, i + len(trigger)
            if a > 0 and text[a - 1] in " \n":
                a = _run_around(text, a)[0]
            if b < n and text[b] in " \n":
                b = _run_around(text, b)[1]
            runs[a] = b
            i = text.rfind(trigger, 0, a) if backward else text.find(trigger, b)
    return True


def _whitespace(text: str) -> list[Edit]:
    """Runs of spaces become one space; no space at a line's ends; at most one blank line."""
    n = len(text)
    runs: dict[int, int] = {}  # start -> end of each run that changes
    lead = _run_around(text, 0)[1] if text[:1] in (" ", "\n") else 0  # the end of a run that opens the text
    trail = _run_around(text, n - 1)[0] if text.endswith(" ") else n  # the start of one that ends it
    if lead:
        runs[0] = lead
    if trail < n:
        runs[trail] = n
    if not _find_runs(text, runs):
        return _all_run_edits(text, lead, trail)
    edits: list[Edit] = []
    for a in sorted(runs):
        b = runs[a]
        k = text.count("\n", a, b)
        if a == 0:
            repl = ""
        elif k == 0:
            repl = "" if b == n else " "
        else:
            repl = "\n\n" if k >= 2 else "\n"
        edits.append((a, b, repl))
    return edits


def _all_run_edits(text: str, lead: int, trail: int) -> list[Edit]:
    """The edits of ``_whitespace`` from one scan of all runs (a text with many: an indented list).

    The runs at the ends of the text change where they would not elsewhere: the run that opens it
    (``text[:lead]``) goes, and so does one of spaces that ends it (``text[trail:]``).
    """
    n = len(text)
    edits = [(m.start(), m.end(), _KIND_REPL[m.lastindex or 0]) for m in scan(_RUN_KINDS, text)]
    if lead:
        if edits and edits[0][0] == 0:
            edits[0] = (0, lead, "")
        else:
            edits.insert(0, (0, lead, ""))  # a lone space or newline, or a blank line
    if 0 < trail < n:
        if edits and edits[-1][1] == n:
            if edits[-1][2] == " ":
                edits[-1] = (trail, n, "")
        else:
            edits.append((trail, n, ""))  # a lone space
    return edits


# the characters some pass rewrites wherever they stand: one scan finds which of them occur
_CONTROL_CHARS = _NEWLINE_CHARS + _DROP_CHARS
_MARKS = r"\u0300-\u036f"
_RARE_CLASS = f"[{_CONTROL_CHARS}ƣƢ{_MARKS}{_PUNCT_CHARS}]"
_RARE = re.compile(_RARE_CLASS)  # no "+": it would slow the scan 3x
_IS_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_IS_MARK = re.compile(f"[{_MARKS}]")
_SPACE_MARK = re.compile(f" [{_MARKS}]")


_RARE_RUN = re.compile(_RARE_CLASS + "+")
_RARE_CHUNK = 1 << 16


def _rare_chars(text: str) -> str:
    """The characters of ``_RARE`` in ``text``, each once, in no order.

    Where they are few, one findall of single characters is the fastest scan; where they are
    many (a text of marks and controls), each match costs more than the scan, and a findall of
    runs makes fewer. Chunk by chunk, how many the last chunk held picks the scan.
    """
    found: set[str] = set()
    dense = False
    for start in range(0, len(text), _RARE_CHUNK):
        end = start + _RARE_CHUNK
        if dense:
            runs = _RARE_RUN.findall(text, start, end)
            found.update("".join(set(runs)))
            dense = len(runs) > _RARE_CHUNK // 128
        else:
            chars = _RARE.findall(text, start, end)
            found.update(chars)
            dense = len(chars) > _RARE_CHUNK // 128
    return "".join(found)


class _Scan:
    """What the prechecks know of one text: the rare characters in it, found on first use.

    ``rare`` may hold more than the text does (after a pass, the rare characters of the text
    before it and of what the pass wrote still serve): a precheck then lets a pass look in vain.
    ``is_nfc``: the text is known to be in NFC (the nfc pass made it so and checked).
    """

    __slots__ = ("_rare", "is_nfc", "nfc_after_edits", "text")

    def __init__(self, text: str, rare: str | None = None, is_nfc: bool = False) -> None:
        self.text = text
        self._rare = rare
        self.is_nfc = is_nfc
        self.nfc_after_edits = False  # set by the nfc pass: its edits give a text in NFC

    @property
    def rare(self) -> str:
        if self._rare is None:
            self._rare = _rare_chars(self.text)
        return self._rare

    def after(self, text: str, edits: list[Edit]) -> _Scan:
        """The scan of ``text``, what ``edits`` made of this scan's text."""
        rare = self._rare
        if rare is not None:
            written = _RARE.findall("".join({repl for _, _, repl in edits}))  # each replacement once
            if written:
                rare = "".join(set(rare).union(written))
        return _Scan(text, rare, self.nfc_after_edits)


def _any_pdf_letters(scan: _Scan) -> bool:
    rare = scan.rare
    if "ƣ" in rare or "Ƣ" in rare:
        return True
    return _IS_MARK.search(rare) is not None and _SPACE_MARK.search(scan.text) is not None


def _any_markdown(t: str) -> bool:
    return "*" in t or "|" in t or "#" in t or "\\" in t or ("_" in t and "__" in t)  # one character is a quicker test


class _Pass(NamedTuple):
    name: str
    needed: Callable[[_Scan], bool]  # a cheap test whether the pass can change anything
    find_edits: Callable[[_Scan], list[Edit]]
    # passes that may find work after this one changed the text; a pass left out must be
    # unable to find any (see below); when in doubt, list it
    feeds: frozenset[str]


_ALL = frozenset(["controls", "pdf_letters", "pdf_pages", "nfc", "tone_style", "punctuation", "markdown", "whitespace"])

# Why some passes are left out of ``feeds``:
# * controls and punctuation: they look for characters that no other pass writes (except nfc,
#   whose singletons such as U+2000 can become a space of ``_PUNCT_MAP``).
# * tone_style swaps letters for letters, NFC ones: only a mark after the cluster can compose.
# * punctuation swaps non-letters for non-letters that compose with nothing; a space it writes
#   can stand before a mark (pdf_letters) or in a page number (pdf_pages).
# * whitespace shortens runs of spaces and newlines to runs that stay runs, except at the ends
#   of the text: the blank lines around a page number (pdf_pages) can appear, and a star can
#   end the text (markdown).
PASSES: list[_Pass] = [
    _Pass(
        "controls", lambda s: _IS_CONTROL.search(s.rare) is not None, lambda s: _controls(s.text), _ALL - {"controls"}
    ),
    _Pass("pdf_letters", _any_pdf_letters, lambda s: _pdf_letters(s.text), _ALL - {"controls", "punctuation"}),
    _Pass(
        "pdf_pages",
        lambda s: _any_page_furniture(s.text),
        lambda s: _pdf_pages(s.text),
        _ALL - {"controls", "punctuation"},
    ),
    _Pass("nfc", lambda s: not s.is_nfc, _nfc, _ALL - {"controls"}),  # the normalization is the test
    _Pass("tone_style", lambda s: True, lambda s: _tone_style(s.text), frozenset(["nfc"])),  # the scan is the test
    _Pass(
        "punctuation",
        lambda s: _PUNCT_RE.search(s.rare) is not None,
        lambda s: _punctuation(s.text, s.rare),
        frozenset(["pdf_letters", "pdf_pages", "markdown", "whitespace"]),
    ),
    _Pass("markdown", lambda s: _any_markdown(s.text), lambda s: _markdown(s.text), _ALL - {"controls", "punctuation"}),
    _Pass(
        "whitespace", lambda s: True, lambda s: _whitespace(s.text), frozenset(["pdf_pages", "markdown"])
    ),  # the scan is the test
]


def normalize(source: str) -> NormalizedText:
    """Normalize ``source``; see the module docstring for what changes."""
    text = source
    offsets = OffsetMap.identity(len(source))
    scan = _Scan(text)
    # The passes run in turn, round after round, until a fixpoint (normalization is
    # idempotent), for at most 4 rounds. A pass looks at the text only when it may find
    # work: at first, and after a change by a pass that feeds it.
    pending = set(_ALL)
    for step in range(4 * len(PASSES)):
        if not pending:
            break
        p = PASSES[step % len(PASSES)]
        if p.name not in pending:
            continue
        pending.discard(p.name)
        if not p.needed(scan):
            continue
        edits = p.find_edits(scan)
        if not edits:
            continue
        step_map = None
        if all(b - a == len(repl) for a, b, repl in edits):
            new_text = _rewrite(text, edits)  # the same length everywhere: the map holds
        else:
            new_text, step_map = _apply(text, edits)
        if new_text == text:
            continue
        if step_map is not None:
            offsets = step_map.compose(offsets)
        text = new_text
        scan = scan.after(text, edits)
        pending |= p.feeds
    return NormalizedText(source=source, text=text, offsets=offsets)
