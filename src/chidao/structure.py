"""The layout of a notice: header, body, tail and page chrome; and the clause tree of the body.

``read_layout(text)`` takes normalized text and returns a :class:`Layout`. Line classes come
from ``grammar/layout.tsv`` (chrome, tail, closing cues) and ``grammar/markers.py`` (clause
numbering), so a new kind of page furniture or closing formula is a line of data.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from chidao.collector import collector_paused
from chidao.grammar.markers import (
    BULLET_SYMBOLS,
    Marker,
    enumeration_hints,
    find_inline_enumeration,
    match_marker,
    roman_value,
)
from chidao.grammar.patterns import SPACES, combined
from chidao.models import Clause, Diagnostic, Part, Span, trusted_model
from chidao.textutil import fold

__all__ = ["Layout", "read_layout"]

_CHROME = combined("layout.tsv", "chrome")
_TAIL = combined("layout.tsv", "tail")
_CLOSING = combined("layout.tsv", "closing")
_DOC_NUMBER = regex.compile(r"\bso \d+[-/]")
_RULE = regex.compile(r"(?<!_)_{5,}\s*$")
_APPENDIX = regex.compile(r"phu luc\b")

_TYPE_HEADING = combined("layout.tsv", "type_heading")
# The rules of a typed header. A line is tested against most of them, so each comes with a
# cheap test of what every match holds (a start, a word): the pattern runs only where it passes.
_MOTTO = regex.compile(
    r"(cong\s+hoa\s+xa\s+hoi|(xa\s+hoi\s+)?chu\s+nghia\s+viet\s+nam|doc\s+lap\s*-\s*tu\s+do|"
    r"dang\s+cong(\s+san)?|san\s+viet\s+nam$)"
)


def _has_motto(f: str) -> bool:
    """``_MOTTO.search(f)``, faster: a branch can match only where all its words are, and
    only at its first word (a match at "xa hoi chu nghia" implies one at "chu nghia")."""
    starts = []
    if "hoi" in f and "hoa" in f and "cong" in f:
        starts.append("cong")  # cong hoa xa hoi
    if "viet" in f and "nghia" in f:
        starts.append("chu")  # chu nghia viet nam
    if "viet" in f and "san" in f:
        starts.append("san")  # san viet nam
    if "lap" in f and "doc" in f:
        starts.append("doc")  # doc lap - tu do
    if "dang" in f and "cong" in f:
        starts.append("dang")  # dang cong
    for word in starts:
        i = f.find(word)
        while i >= 0:
            if _MOTTO.match(f, i):
                return True
            i = f.find(word, i + 1)
    return False


_NUMBER_LINE = regex.compile(r"so\s*:?\s*[0-9 ]*[-/]")  # starts with "so"
_PLACE_DATE = regex.compile(r"[\w .]{2,40}, ngay\b")  # holds ", ngay"
_VV = regex.compile(r"v/v\b|ve viec\b")
_VV_STARTS = ("v/v", "ve viec")
_ADDRESS = regex.compile(r"kinh gui\s*:?")  # starts with "kinh gui"
_CABLE = regex.compile(r".{2,80}\bdien\s*:\s*$")  # holds "dien"
_LEAD_LINE = regex.compile(
    r"(ngay \d{1,2}[/-]\d{1,2}([/-]\d{2,4})?,? )?.{0,80}\bban hanh\b.{0,40}\bso \d+", regex.DOTALL
)
_BYLINE = regex.compile(r"(\p{Lu}{1,6}|\p{Lu}[\p{L} .]{1,40}\((tong hop|bien tap|ctv)\))$")
_BODY_STARTERS = combined("layout.tsv", "body_start")
_SEPARATOR = regex.compile(r"(?<![-_=~.*])[-_=~.*]{3,}$")
_SIGNER_TITLES = combined("layout.tsv", "signer_title")


def _any_of(*patterns: regex.Pattern[str]) -> regex.Pattern[str]:
    """One pattern that matches where any of ``patterns`` matches: a line it rejects needs no other look."""
    return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), regex.V0)


# the line-start rules of a tail or chrome line
_END_LINE = _any_of(_TAIL, _CHROME, _SIGNER_TITLES)

_SENTENCE_ENDS = (".", ";", ":", "!", "?", "…", '"')


def _ends_sentence(s: str) -> bool:
    """Does ``s`` end with a full stop, a colon, "./." or a closing quote (spaces after it aside)?"""
    return s.rstrip(SPACES).endswith(_SENTENCE_ENDS)


@dataclass
class Layout:
    text: str
    folded: str
    parts: list[Part]
    body: Span
    clauses: list[Clause]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def part(self, kind: str) -> list[Span]:
        return [p.span for p in self.parts if p.kind == kind]


_LOWER = regex.compile(r"\p{Ll}")
_UPPER = regex.compile(r"\p{Lu}")


def _is_upper_line(s: str) -> bool:
    """Mostly capitals (OCR and two-column headers leave a few small letters)."""
    if s.isupper():
        return True
    if len(s) > 200:
        return False
    upper = len(_UPPER.findall(s))
    return upper > 0 and upper >= 4 * len(_LOWER.findall(s))


def _matches(table: regex.Pattern[str], folded_line: str) -> str | None:
    """The name of the layout rule that matches the start of the line, if any."""
    m = table.match(folded_line)
    return m.lastgroup if m else None


@dataclass(frozen=True, slots=True)
class _Lines:
    """The lines of a text as parallel lists: line ``i`` is ``text[start[i]:end[i]]``."""

    text: list[str]
    start: list[int]
    end: list[int]
    strip: list[str]  # text[i].strip(); "" for a blank line
    fstrip: list[str]  # the folded line, stripped
    markers: dict[int, Marker | None]  # match_marker(strip[i]) of the lines asked for so far

    @classmethod
    def of(cls, text: str, folded: str) -> _Lines:
        texts = text.split("\n")
        lengths = list(map(len, texts))
        # a line starts after the lines and newlines before it
        starts = list(map(operator.add, accumulate(lengths, initial=0), range(len(texts))))
        ends = list(map(operator.add, starts, lengths))
        fstrip = list(map(str.strip, folded.split("\n")))  # fold keeps every newline in place
        return cls(texts, starts, ends, list(map(str.strip, texts)), fstrip, {})

    def __len__(self) -> int:
        return len(self.text)

    def blank(self, i: int) -> bool:
        return not self.strip[i]

    def marker(self, i: int) -> Marker | None:
        """``match_marker(self.strip[i])``, computed once per line (the header rules and the
        clause units ask about the same lines)."""
        markers = self.markers
        if i in markers:
            return markers[i]
        m = markers[i] = match_marker(self.strip[i])
        return m


# --------------------------------------------------------------------------- parts


def _find_header_end(ls: _Lines, start: int, limit: int) -> tuple[int, int] | None:
    """Locate a typed header: return (first header line, first line after the header)."""
    anchors: list[int] = []
    type_line = None
    address_line = None
    for i in range(start, min(limit, len(ls))):
        f = ls.fstrip[i]
        if not f:
            continue
        cable = "dien" in f and _CABLE.match(f) is not None
        is_anchor = (
            _has_motto(f)
            or (f.startswith("so") and _NUMBER_LINE.match(f) is not None)
            or (f.startswith(_VV_STARTS) and _VV.match(f) is not None)
            or cable
        )
        if is_anchor or (", ngay" in f and _PLACE_DATE.match(f) and "ngay" in f[:60]):
            anchors.append(i)
        if type_line is None and _TYPE_HEADING.match(f) and _is_upper_line(ls.text[i]) and len(f) < 120:
            type_line = i
            anchors.append(i)
        if address_line is None and f.startswith("kinh gui"):  # _ADDRESS.match(f)
            address_line = i
            anchors.append(i)
        if cable and address_line is None:
            address_line = i
    if type_line is None and address_line is None and len(anchors) < 2:
        return None
    first = min(anchors)
    # the issuer block stands just before the first anchor
    j = first - 1
    gaps = 0
    while j >= start:
        t = ls.strip[j]
        if not t:
            gaps += 1
            if gaps > 1:
                break
            j -= 1
            continue
        if _is_upper_line(t) or _SEPARATOR.match(t):
            first = j
            gaps = 0
            j -= 1
            continue
        break
    end = max(anchors) + 1
    for i in anchors:
        f = ls.fstrip[i]
        if i == type_line or _VV.match(f):
            end = max(end, _skip_title(ls, i + 1, continuing=_VV.match(f) is not None))
        elif i == address_line:
            end = max(end, _skip_address(ls, i))
    # a Kính gửi block after the title
    k = end
    n = len(ls)
    while k < n and ls.blank(k):
        k += 1
    if k < n and (_ADDRESS.match(ls.fstrip[k]) or _CABLE.match(ls.fstrip[k])):
        end = _skip_address(ls, k)
    # the authority of a decision (Nghị định 30/2020, thẩm quyền ban hành: "CHỦ TỊCH ỦY BAN NHÂN
    # DÂN TỈNH"), an upper-case line between the title and the preamble ("Căn cứ ...")
    elif k < n and len(ls.strip[k]) <= 120 and _is_upper_line(ls.strip[k]):
        k2 = k + 1
        while k2 < n and ls.blank(k2):
            k2 += 1
        if k2 < n and ls.fstrip[k2].startswith("can cu "):
            end = k + 1
    return first, end


def _opens_sequence(m: Marker | None) -> bool:
    """A marker that opens a list ("I.", "1."): a title (trích yếu) never starts with one."""
    return m is not None and m.kind in ("roman", "numbered", "section") and m.label in ("I", "1", "A")


def _skip_title(ls: _Lines, i: int, continuing: bool = False) -> int:
    """Lines of the title (trích yếu) after the type heading; return the first line after it."""
    n = len(ls)
    if continuing and (i >= n or ls.blank(i)):
        return i
    while i < n and ls.blank(i):
        i += 1
    seen = 1 if continuing else 0
    upper_title = None
    while i < n:
        t = ls.strip[i]
        f = ls.fstrip[i]
        if not t:
            if seen:
                break
            i += 1
            continue
        if _SEPARATOR.match(t):
            i += 1
            if seen:
                break
            continue
        if seen and (ls.marker(i) is not None or _ADDRESS.match(f) or _CABLE.match(f)):
            break
        if not seen and _opens_sequence(ls.marker(i)):
            break  # no title: the body opens with its first section ("I. ĐÁNH GIÁ CHUNG", "1. ...")
        if seen and _BODY_STARTERS.match(f) and not _is_upper_line(t):
            break
        if upper_title is None:
            upper_title = _is_upper_line(t)
        elif (
            upper_title
            and not _is_upper_line(t)
            and not f.startswith(("ve ", "v/v"))
            and (_ends_sentence(ls.text[i - 1]) or _BODY_STARTERS.match(f))
        ):
            break  # an upper-case title ends where a sentence-case sentence begins
        seen += 1
        i += 1
        if seen >= 8:
            break
    return i


def _skip_address(ls: _Lines, i: int) -> int:
    """The Kính gửi block (or "X điện:"): its line and the addressee lines under it."""
    n = len(ls)
    first = ls.strip[i]
    i += 1
    # "Kính gửi: A, B." on one line, followed by a blank: done
    rest = first.split(":", 1)[1].strip() if ":" in first else ""
    if rest and _ends_sentence(first) and (i >= n or ls.blank(i)):
        return i
    while i < n and ls.blank(i):
        i += 1
    blank_run = 0
    while i < n:
        t = ls.strip[i]
        if not t:
            blank_run += 1
            i += 1
            continue
        if t.startswith(("-", "+", "•")) or (blank_run == 0 and not _ends_sentence(ls.text[i - 1])):
            blank_run = 0
            i += 1
            continue
        if blank_run == 0 and ls.text[i - 1].rstrip().endswith((";", ",")):
            i += 1
            continue
        break
    # step back over trailing blanks
    while i > 0 and ls.blank(i - 1):
        i -= 1
    return i


def _opens_item(prev: str, line: str, m: Marker | None) -> bool:
    """Does ``line`` (whose marker is ``m``) open a list item, given the text before it on the
    previous line?

    A wrapped line of prose may begin with "- phát hiện" or "-1.500": after an unfinished
    sentence a bullet or a letter opens an item only if it starts like a sentence.
    """
    if m is None:
        return False
    if m.kind in _SENTENCE_MARKERS and not _ends_sentence(prev):
        return line[len(m.text) :][:1].isupper()
    return True


def _repost_body_start(ls: _Lines, start: int, end: int) -> int:
    """Where the article text of a web repost begins (after its title, date and lead line)."""
    title = ls.fstrip[start] if start < end else ""
    i = start
    while i < end:
        t = ls.strip[i]
        if not t:
            i += 1
            continue
        # a block: this line and the non-blank lines that follow it (a hard-wrapped paragraph)
        j = i
        while j + 1 < end and ls.strip[j + 1] and not _opens_item(ls.text[j], ls.strip[j + 1], ls.marker(j + 1)):
            j += 1
        block = " ".join(ls.strip[i : j + 1])
        f = ls.fstrip[i]
        if ls.marker(i) is not None:
            return i
        if i > start and f == title:
            i = j + 1
            continue
        fb = " ".join(ls.fstrip[i : j + 1])
        if _LEAD_LINE.match(fb) and len(block) < 400 and _DOC_NUMBER.search(fb):
            i = j + 1
            continue  # the news lead line names the notice itself
        if _ends_sentence(block) or len(block) > 200:
            return i
        i = j + 1
    return start


def _chrome(ls: _Lines, a: int, b: int) -> Part:
    return Part(kind="chrome", span=Span(start=ls.start[a], end=ls.end[b]))


def _find_layout_lines(text: str, ls: _Lines) -> tuple[list[Part], int, int]:
    """Split lines into parts; return parts and the body's first and last+1 line indexes."""
    n = len(ls)
    parts: list[Part] = []
    begin = 0
    # YAML front matter left by converters
    if n > 2 and ls.strip[0] == "---":
        for j in range(1, min(n, 40)):
            if ls.strip[j] == "---":
                parts.append(_chrome(ls, 0, j))
                begin = j + 1
                break
    # skip leading chrome lines and blanks
    header = _find_header_end(ls, begin, min(n, begin + 120))
    if header is not None:
        h0, body_start = header
        if h0 > begin:
            parts.append(_chrome(ls, begin, h0 - 1))
        parts.append(Part(kind="header", span=Span(start=ls.start[h0], end=ls.end[max(h0, body_start - 1)])))
    else:
        body_start = _chrome_and_lead(ls, parts, begin, begin, n)
    while body_start < n and ls.blank(body_start):
        body_start += 1
    if header is None:
        body_start = _past_leading_chrome(ls, parts, body_start, n)
    # the end of the body: the first tail line or page chrome
    body_end = n
    tail_start = None
    chrome_start = None
    for i in range(body_start, n):
        f = ls.fstrip[i]
        if not f or f[0].isdigit() or f[0] in BULLET_SYMBOLS or not _END_LINE.match(f):
            continue  # no tail or chrome rule opens with a digit or a bullet: most body lines do
        if tail_start is None and (_matches(_TAIL, f) or _is_signature_title(ls, i)):
            tail_start = i
        rule = _matches(_CHROME, f)
        if rule == "signature_stamp" and tail_start is not None:
            continue  # a digital signature's stamp ("Ký bởi: ...") within the signature block
        if rule:
            chrome_start = i
            break
    if tail_start is not None:
        body_end = tail_start
    elif chrome_start is not None:
        body_end = chrome_start
    # a byline ("PV", "BBT") closing a repost belongs to the tail
    last = body_end - 1
    while last >= body_start and ls.blank(last):
        last -= 1
    byline_at = None
    if last > body_start and _BYLINE.match(ls.strip[last]) and len(ls.strip[last]) <= 40:
        prev = last - 1
        while prev >= body_start and ls.blank(prev):
            prev -= 1
        if prev >= body_start and _ends_sentence(ls.text[prev]):
            byline_at = last
            if tail_start is None:
                tail_start = last
            body_end = last
    if body_start >= n:
        body_start = n
    tail_end = chrome_start if chrome_start is not None else n
    if tail_start is not None and tail_start < tail_end:
        _tail_parts(parts, ls, tail_start, tail_end)
    elif byline_at is not None:
        parts.append(Part(kind="tail", span=Span(start=ls.start[byline_at], end=ls.end[byline_at])))
    if chrome_start is not None:
        parts.append(Part(kind="chrome", span=Span(start=ls.start[chrome_start], end=len(text))))
    return parts, body_start, body_end


def _chrome_and_lead(ls: _Lines, parts: list[Part], begin: int, i: int, n: int) -> int:
    """Page chrome from line ``begin`` (the lines from ``i`` on that are blank or chrome too),
    then a repost's lead as header; returns the first line of the body."""
    while i < n and (ls.blank(i) or _matches(_CHROME, ls.fstrip[i])):
        i += 1
    if i > begin:
        parts.append(_chrome(ls, begin, i - 1))
    # the last line of chrome or tail bounds the search for the lead
    body_start = _repost_body_start(ls, i, n)
    if body_start > i:
        parts.append(Part(kind="header", span=Span(start=ls.start[i], end=ls.end[body_start - 1])))
    return body_start


_LEAD_CHROME_LINES = 12  # lines at the top of a page searched for its menus, bars and counters


def _past_leading_chrome(ls: _Lines, parts: list[Part], body_start: int, n: int) -> int:
    """The body's first line after page chrome at the top of a repost that its first lines did not
    match ("Trang chủ > Tin tức" then "Đăng nhập | Đăng ký"): a chrome line before any sentence
    or clause is furniture above the notice, not the end of the body. The lines up to it are set
    aside as chrome."""
    while True:
        found = None
        for i in range(body_start, min(n, body_start + _LEAD_CHROME_LINES)):
            f = ls.fstrip[i]
            if not f:
                continue
            if ls.marker(i) is not None or _ends_sentence(ls.strip[i]) or len(ls.strip[i]) > 200:
                break  # content: chrome from here on ends the body (the scan below)
            if _matches(_CHROME, f):
                found = i
                break
        if found is None:
            return body_start
        nxt = _chrome_and_lead(ls, parts, body_start, found + 1, n)
        while nxt < n and ls.blank(nxt):
            nxt += 1
        body_start = nxt


def _is_signature_title(ls: _Lines, i: int) -> bool:
    t = ls.strip[i]
    if len(t) > 60 or not _is_upper_line(t):
        return False
    return bool(_SIGNER_TITLES.match(ls.fstrip[i]))  # the folded line: fold(t)


def _tail_parts(parts: list[Part], ls: _Lines, start: int, end: int) -> None:
    """Tail, footnotes and appendices after the body."""
    kinds: list[tuple[str, int]] = [("tail", start)]
    for i in range(start + 1, end):
        f = ls.fstrip[i]
        if _RULE.match(f):
            kinds.append(("footnotes", i))
        elif _APPENDIX.match(f) and _is_upper_line(ls.text[i]):
            kinds.append(("appendix", i))
    for (kind, a), nxt in zip(kinds, [*kinds[1:], ("", end)], strict=True):
        b = nxt[1] - 1
        while b > a and ls.blank(b):
            b -= 1
        parts.append(Part(kind=kind, span=Span(start=ls.start[a], end=ls.end[b])))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- units


@dataclass(slots=True)
class _Node:
    """A unit of the body (an item its marker opens, or a paragraph), then a node of the clause
    tree: ``_build_tree`` fills in what the marker makes of it and its children."""

    start: int
    end: int
    marker: Marker | None  # the marker that opened the unit; None for a paragraph
    kind: str = "paragraph"
    label: str | None = None
    marker_text: str | None = None
    container: bool = True
    inline: bool = False  # an enumerated part found inside a unit (see _split_inline)
    children: list[_Node] = field(default_factory=list)


_SENTENCE_MARKERS = ("bullet", "lettered", "paren")  # after an unfinished sentence: only before a capital
_COUNTED = ("numbered", "roman", "section")  # the markers _Numbering checks and counts
# the last character of a finished sentence (see _ends_sentence; a unit ends with a non-space)
_SENTENCE_END_CHARS = frozenset("".join(_SENTENCE_ENDS))
_STOP_CHARS = frozenset(".!?")


def _build_units(text: str, ls: _Lines, a: int, b: int) -> list[_Node]:
    """Group body lines into units: a numbered/bulleted item, or a paragraph.

    A unit ends with the last non-space of a line, so the rules that look at the end of the
    unit so far (a finished sentence, a colon) need only its last character, ``last``.
    """
    units: list[_Node] = []
    cur: _Node | None = None
    last = ""
    blank_before = True
    state = _Numbering()
    strips = ls.strip
    texts = ls.text
    starts = ls.start
    known = ls.markers
    for i in range(a, b):
        t = strips[i]
        if not t:
            blank_before = True
            continue
        m = known[i] if i in known else match_marker(t)
        boundary = blank_before or cur is None or last in _SENTENCE_END_CHARS
        counted: Marker | None = None  # m, when _Numbering counts it
        if m is not None:
            kind = m.kind
            if kind == "roman":
                m = state.resolve(m)
                kind = m.kind
            if kind in _COUNTED:
                if state.accept(m, boundary):
                    counted = m
                else:
                    m = None
            elif not boundary and kind in _SENTENCE_MARKERS and not t[len(m.text) :][:1].isupper():
                m = None  # "- phát hiện" wrapped from an unfinished sentence (see _opens_item)
        line = texts[i]
        # the unit ends with the last non-space of the line: the line's end when t ends it
        start = starts[i]
        end = start + len(line) if line[-1] == t[-1] else start + len(line.rstrip())
        if m is None and cur is not None:
            if not blank_before:
                # a hard-wrapped line continues the unit unless the unit ended with a colon,
                # or a closing formula starts after a finished sentence
                continues = last != ":"
                if continues and last in _STOP_CHARS and t[:1].isupper():
                    ahead = " ".join(texts[i : min(b, i + 3)])
                    continues = not _is_closing(ahead)
            else:
                # a blank line (page break) inside a sentence: the sentence goes on
                continues = last not in _SENTENCE_END_CHARS and t[:1].islower() and not t.startswith(("-", "+"))
            if continues:
                cur.end = end
                last = t[-1]
                blank_before = False
                continue
        if counted is not None:
            state.commit(counted)
        cur = _Node(start, end, m)
        units.append(cur)
        last = t[-1]
        blank_before = False
    return units


class _Numbering:
    """Plausibility of numbered markers, so that a wrapped line starting "2." in prose stays prose."""

    def __init__(self) -> None:
        self.top: int | None = None
        self.children: dict[str, int] = {}
        self.roman = 0
        self.section = 0

    def resolve(self, m: Marker) -> Marker:
        """ "C." after "A." and "B." is a section letter, not the roman numeral 100."""
        if m.kind == "roman" and len(m.label) == 1 and self.section and ord(m.label) == ord("A") + self.section:
            return Marker("section", m.label, m.text)
        return m

    def accept(self, m: Marker, boundary: bool) -> bool:
        if m.kind == "section":
            v = ord(m.label) - ord("A") + 1 if m.label != "Đ" else 0
            return v == self.section + 1 and boundary
        if m.kind == "roman":
            v = roman_value(m.label)
            return v == self.roman + 1 or (boundary and v > self.roman)
        if m.kind != "numbered":
            return True
        parent, dot, number = m.label.rpartition(".")
        n = int(number)
        if not dot:
            if self.top is None:
                return n == 1 or (n <= 3 and boundary)
            if n == self.top + 1:
                return True
            return boundary and self.top < n <= self.top + 3
        last = self.children.get(parent, 0)
        if n == last + 1:
            return True
        return boundary and (n == 1 or last < n <= last + 3)

    def commit(self, m: Marker) -> None:
        if m.kind == "section":
            self.section = ord(m.label) - ord("A") + 1
            self.roman = 0
            self.top = None
            self.children.clear()
        elif m.kind == "roman":
            self.roman = roman_value(m.label)
            self.top = None
            self.children.clear()
        elif m.kind == "numbered":
            parent, dot, number = m.label.rpartition(".")
            if dot:
                self.children[parent] = int(number)
            else:
                self.top = int(number)


# --------------------------------------------------------------------------- tree


# the level keys of bullets and numbered items, made once (see _level_key)
_BULLET_KEYS = {c: f"bullet{c}" for c in BULLET_SYMBOLS}
_NUMBERED_KEYS = tuple(f"numbered{k}" for k in range(6))  # a label has up to 5 dots


def _level_key(m: Marker | None) -> str:
    if m is None:
        return "paragraph"
    if m.kind == "numbered":
        dots = m.label.count(".")
        return _NUMBERED_KEYS[dots] if dots < 6 else f"numbered{dots}"
    if m.kind == "bullet":
        return _BULLET_KEYS.get(m.symbol) or f"bullet{m.symbol}"
    return m.kind if m.kind != "paren" else f"paren{m.style}"


def _build_tree(text: str, units: list[_Node]) -> list[_Node]:
    """Nest the units: fill in each one's kind, label and level, and the children lists.

    ``keys`` mirrors ``stack`` (the level key of each open node): a letter, a paren item or a
    bullet looks for an open node of its own level, and most often finds none.
    """
    root = _Node(0, 0, None, kind="root")
    stack: list[_Node] = [root]
    keys: list[str] = ["root"]
    # the last unit with a marker: looked for from the end (most often one of the last few)
    last_marker = next((i for i in range(len(units) - 1, -1, -1) if units[i].marker is not None), -1)
    closing = False
    for idx, node in enumerate(units):
        m = node.marker
        if m is None:
            if not closing and idx > last_marker and last_marker >= 0 and _is_closing(text[node.start : node.end]):
                closing = True
            node.container = text[node.end - 1] == ":"  # a unit ends with the last non-space of a line
            if closing or len(stack) == 1:
                del stack[1:], keys[1:]
                root.children.append(node)
                if node.container and not closing:
                    stack.append(node)
                    keys.append("paragraph")
                continue
            # attach to the nearest open item; bullets are single paragraphs, so a plain
            # paragraph after a bullet list belongs to the item that holds the list
            while len(stack) > 1 and stack[-1].kind == "bullet" and not stack[-1].container:
                stack.pop()
                keys.pop()
            while len(stack) > 1 and stack[-1].kind == "paragraph":
                stack.pop()
                keys.pop()
            stack[-1].children.append(node)
            if node.container:
                stack.append(node)
                keys.append("paragraph")
            continue
        mkind = m.kind
        key = _level_key(m)
        node.marker_text = m.text
        if mkind == "bullet":
            node.kind = "bullet"
        elif mkind == "paren":
            if m.style == "roman":
                node.kind = "roman"
                node.label = m.label
            # else a paragraph, without a label
        else:
            node.kind = "lettered" if mkind == "section" else mkind
            node.label = m.label
        if mkind == "numbered" and "." in m.label:
            parent_label = m.label.rsplit(".", 1)[0]
            k = len(stack) - 1
            found = False
            while k > 0:
                sk = stack[k]
                if sk.kind == "numbered" and sk.label is not None:
                    if sk.label == parent_label or m.label.startswith(sk.label + "."):
                        found = True  # its parent, or an ancestor when a level is skipped ("4" of "4.1.1")
                        break
                    if sk.label.rpartition(".")[0] == parent_label:
                        k -= 1  # a sibling whose parent is not written ("4.1.2" after "4.1.1")
                        found = True
                        break
                k -= 1
            if found:
                del stack[k + 1 :], keys[k + 1 :]
                stack[-1].children.append(node)
                stack.append(node)
                keys.append(key)
                continue
        if mkind in _COUNTED:
            # a numbered item never nests under a bullet, a letter or a paragraph
            while len(stack) > 1 and stack[-1].kind != "numbered" and keys[-1] not in ("roman", "section"):
                stack.pop()
                keys.pop()
            if mkind == "section":
                del stack[1:], keys[1:]
            elif mkind == "roman":
                while len(stack) > 1 and keys[-1] != "section":
                    stack.pop()
                    keys.pop()
            elif mkind == "numbered" and "." not in m.label:
                while len(stack) > 1 and keys[-1] not in ("roman", "section"):
                    stack.pop()
                    keys.pop()
            stack[-1].children.append(node)
            stack.append(node)
            keys.append(key)
            continue
        # letters, paren items and bullets: a sibling of an open item of the same kind, or a
        # child (an open item of the same kind is the only one of its key on the stack)
        if key in keys:
            k = len(keys) - 1
            while k > 0 and keys[k] != key:
                k -= 1
            if k > 0:
                del stack[k:], keys[k:]
        stack[-1].children.append(node)
        stack.append(node)
        keys.append(key)
    return root.children


def _is_closing(body: str) -> bool:
    """A paragraph that closes the notice: a closing formula, or the end mark "./."."""
    f = " ".join(fold(body).split())
    return f.endswith("./.") or bool(_matches(_CLOSING, f))


# --------------------------------------------------------------------------- inline enumerations


def _split_inline(text: str, node: _Node, hints: list[int]) -> None:
    """Turn "Thứ nhất là ... Thứ hai là ..." and "(i) ... (ii) ..." inside a unit into children.

    ``hints``: ``enumeration_hints`` of the body; a unit without one holds no enumeration.
    """
    for child in node.children:
        _split_inline(text, child, hints)
    if node.inline:
        return
    own_end = node.end
    k = bisect.bisect_left(hints, node.start)
    if k == len(hints) or hints[k] >= own_end:
        return
    enum = find_inline_enumeration(text, node.start, own_end)
    if not enum:
        return
    new_children: list[_Node] = []
    for s, e, label, kind, marker_text in enum:
        e = _rstrip(text, s, e)
        if e <= s:
            continue
        new_children.append(_Node(s, e, None, kind, label, marker_text, container=False, inline=True))
    if not new_children:
        return
    node.end = _rstrip(text, node.start, enum[0][0])
    node.children = new_children + node.children


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


# --------------------------------------------------------------------------- clauses

_SPACE_SET = frozenset(SPACES)
# What _heading_of finds in most items and lead-ins, matched in one step: a single-spaced
# heading, where " ".join(heading.split()) is the heading itself. In the standard re, whose \s
# is str.isspace (what str.strip and str.split remove) and \S what they keep. The quantifiers
# are possessive (a word ends where a space or a colon stands): a text that is no such heading
# fails in one pass, without backtracking.
# An item (matched after its marker): "Heading: ..." with 2 to 200 characters before its first
# colon, no .;!? among them, at most 25 words, and a space (regex's \s) or the end after it.
_SIMPLE_HEADING = re.compile(
    r"\s*+(?=[^:]{2,200}+:)([^\s:.;!?]{1,200}+(?: [^\s:.;!?]{1,200}+){0,24}+):(?:[" + re.escape(SPACES) + r"]|\s*+\Z)"
)
# A paragraph: a lead-in of at most 40 words; _to_clauses checks that it ends with a colon.
_SIMPLE_LEAD_IN = re.compile(r"\s*+(\S{1,200}+(?: \S{1,200}+){0,39}+)\s*+\Z")


def _at_most_words(s: str, n: int) -> bool:
    """``len(s.split()) <= n``, without splitting a long text."""
    return len(s.split(None, n)) <= n


def _heading_of(own: str, marker_text: str | None, has_children: bool) -> str | None:
    """The heading of a node whose text is ``own``."""
    if not marker_text:
        # a paragraph is a heading only when it is a lead-in that ends with a colon
        content = own.strip()
        if content.endswith(":") and _at_most_words(content, 40):
            return " ".join(content[:-1].split())
        return None
    content = own[len(marker_text) :].strip()
    # "Heading: ...": 2 to 200 characters before the first colon, none of them .;!? , and a
    # space or the end after the colon (the pattern ([^:.;!?]{2,200}?):(?=\s|$) at the start)
    colon = content.find(":", 0, 201)
    if colon >= 2 and (colon + 1 == len(content) or content[colon + 1] in _SPACE_SET):
        head = content[:colon]
        if "." not in head and ";" not in head and "!" not in head and "?" not in head:
            # " ".join(head.split()) is head when head is single-spaced (it starts with no space;
            # no space but " " is printable): the common case, without the split
            if head.isprintable() and "  " not in head and head[-1] != " ":
                if head.count(" ") < 25:
                    return head
            else:
                words = head.split()
                if len(words) <= 25:
                    return " ".join(words)
    if has_children and content and not _ends_sentence(content) and _at_most_words(content, 25):
        return " ".join(content.split())
    return None


def _to_clauses(
    text: str, nodes: list[_Node], parent_id: str | None, parent_path: str, used: dict[str, int]
) -> list[Clause]:
    """Clauses of the nodes; ``used`` maps each id of a labeled clause given so far to the next
    free suffix.

    The id of an unlabeled clause is its parent's id, "-" and a number, or "p" and a number at
    the top: unique as its parent's id is, and no labeled id looks like one (labels hold no "-",
    and none is "p" and digits), so ``used`` needs not hold it.
    """
    out: list[Clause] = []
    unlabeled = 0
    for node in nodes:
        label = node.label
        if label is None:
            path = parent_path
            unlabeled += 1
            cid = f"{parent_id}-{unlabeled}" if parent_id else f"p{unlabeled}"
        else:
            if node.kind == "numbered" and "." in label:
                # "4.1.1" under "4" (no "4.1" written) or "II.4": the path ends with a prefix of
                # the label, which the label replaces ("4.1.1", "II.4.1.1", not "4.4.1.1")
                path = f"{parent_path}.{label}" if parent_path else label
                prefix = label
                while "." in prefix:
                    prefix = prefix.rpartition(".")[0]
                    if parent_path == prefix or parent_path.endswith("." + prefix):
                        path = parent_path[: len(parent_path) - len(prefix)] + label
                        break
            else:
                path = f"{parent_path}.{label}" if parent_path else label
            cid = path
            if cid in used:
                k = used[cid]
                while f"{cid}~{k}" in used:
                    k += 1
                used[cid] = k + 1
                cid = f"{cid}~{k}"
            used[cid] = 2
        children = _to_clauses(text, node.children, cid, path, used) if node.children else []
        start = node.start
        end = node.end
        own = text[start:end]
        marker_text = node.marker_text
        # _heading_of(own, marker_text, bool(children)), in one match where the heading is simple
        if marker_text:
            k = len(marker_text)  # the pattern needs a colon, most often a few words after the marker
            simple = _SIMPLE_HEADING.match(own, k) if own.find(":", k, k + 202) >= 0 else None
            heading = simple[1] if simple else _heading_of(own, marker_text, bool(children))
        elif own.endswith(":") or own[-1:].isspace():
            simple = _SIMPLE_LEAD_IN.match(own)
            lead_in = simple[1] if simple else ""
            if lead_in.endswith(":") and not lead_in.endswith(" :"):
                heading = lead_in[:-1]
            else:
                heading = _heading_of(own, marker_text, False)
        else:
            heading = None  # a paragraph heads only as a lead-in, which ends with a colon
        # built from checked parts: construct without re-validating (the hot path of every parse)
        out.append(
            trusted_model(
                Clause,
                {
                    "id": cid,
                    "path": path,
                    "label": label,
                    "kind": node.kind,
                    "heading": heading,
                    "text": own,
                    "span": trusted_model(Span, {"start": start, "end": end}),
                    "children": children,
                    "marker": marker_text.strip() if marker_text else None,
                },
            )
        )
    return out


# --------------------------------------------------------------------------- entry point


def read_layout(text: str) -> Layout:
    """Find the parts of a normalized notice and build the clause tree of its body."""
    with collector_paused():
        return _read_layout(text)


def _read_layout(text: str) -> Layout:
    folded = fold(text)
    diagnostics: list[Diagnostic] = []
    if not text.strip():
        empty = Diagnostic(code="empty", message="the text is empty: nothing to parse")
        return Layout(text, folded, [], Span(start=0, end=0), [], [empty])
    ls = _Lines.of(text, folded)
    parts, b0, b1 = _find_layout_lines(text, ls)
    if b0 >= b1:
        body = Span(start=len(text), end=len(text))
        diagnostics.append(Diagnostic(code="no_body", message="no body text was found"))
        return Layout(text, folded, parts, body, [], diagnostics)
    last = b1 - 1
    while last > b0 and ls.blank(last):
        last -= 1
    body = Span(start=ls.start[b0], end=ls.end[last])
    parts.append(Part(kind="body", span=body))
    parts.sort(key=lambda p: p.span.start)
    for p in parts:
        if p.kind == "chrome":
            n_lines = text.count("\n", p.span.start, p.span.end) + 1
            diagnostics.append(
                Diagnostic(
                    code="chrome_set_aside",
                    message=f"set aside {n_lines} line(s) of page chrome (kept in source, not parsed)",
                    span=p.span,
                    severity="info",
                )
            )
    units = _build_units(text, ls, b0, last + 1)
    nodes = _build_tree(text, units)
    hints = enumeration_hints(text, body.start, body.end)
    if hints:  # a body without a hint holds no inline enumeration
        for nd in nodes:
            _split_inline(text, nd, hints)
    clauses = _to_clauses(text, nodes, None, "", {})
    return Layout(text, folded, parts, body, clauses, diagnostics)
