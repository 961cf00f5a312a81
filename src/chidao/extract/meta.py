"""Document metadata: type, number, issuer, place, dates, title, signer, addressees, recipients.

Where each field comes from, in order of trust (the rule that gave a field is kept in
``DocumentMeta.rules``):

* the notice's own header (Nghị định 30/2020/NĐ-CP Phụ lục I; Hướng dẫn 36-HD/VPTW): the issuer
  block, ``Số: 283-TB/TU`` / ``Số 283-TB/TU`` / a blank ``Số: /TB-UBND``, the place-date line
  (``Bắc Giang, ngày   tháng 8 năm 2021``: the place is kept, a blank day gives no date), the type
  heading (``THÔNG BÁO``, ``CHỈ THỊ``) and the trích yếu under it or the ``V/v`` line of a Công văn,
  the ``Kính gửi:`` block, and the ``THỦ TƯỚNG CHÍNH PHỦ điện:`` line of a Công điện;
* the lead line of a news repost (``Ngày 28/9, Tỉnh ủy Quảng Ninh ban hành Thông báo số
  370-TB/TU ...``), whose year comes from the page's own date line;
* the first paragraph of the body: the meeting date and who chaired it;
* the tail: the signature block (``T/M``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``, title, name) and the
  Nơi nhận list with each recipient's purpose;
* the page chrome of a legal database (``Số hiệu:``, ``Loại văn bản:``, ``Ngày ban hành:``,
  ``Người ký:``) only for what the notice itself does not say.

Every step is guarded: a failure becomes a Diagnostic and the other fields still come out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import NamedTuple

import regex

from chidao.document import Context, Document
from chidao.grammar.doc_types import doc_type_from_name
from chidao.grammar.issuers import issuer_name, issuers
from chidao.grammar.numbers import ParsedNumber, parse_number
from chidao.grammar.patterns import failure_code, scan
from chidao.grammar.provinces import Province, name_ahead, province_at, province_mentions, province_named
from chidao.grammar.signature import AUTHORITY_RE, authority_of, purpose_of, purposes_of, restore_surname, title_at_end
from chidao.models import DocType, DocumentMeta, Signer, Span
from chidao.textutil import fold

__all__ = ["find_meta"]


# --------------------------------------------------------------------------- patterns

_NAME_WORD = r"\p{Lu}\p{Ll}{0,7}"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{1,5}}"

# "Số: 283-TB/TU", "Số 283-TB/TU", "Số: /TB-UBND", "SỐ: 06/CT-UBND" at a line start or after a column gap
_SO = regex.compile(r"(?<![\p{L}\p{N}])(?:Số|SỐ|Sô|So|S6)[ ]{0,3}[:.]?[ ]{0,3}(?=[\d/._…-])")
_BLANK_SERIAL = regex.compile(r"^[ ._…]{0,20}(?=[/-])")

# ", ngày 25 tháng 11 năm 2025" on folded text; the day and month may be blank or OCR-damaged
_DATE_LINE = regex.compile(
    r"[ \n]{0,3},[ \n]{0,3}ngay[ \n]{0,3}(?P<d>[^\n,]{0,8}?)[ \n]{0,3}thang[ \n]{0,3}(?P<m>[^\n,]{0,8}?)"
    r"[ \n]{0,3}nam[ \n]{0,3}(?P<y>\d{4})(?!\d)"
)
_PLACE_UNITS = frozenset({"thanh", "thi", "tp", "tp.", "dac", "tinh", "huyen", "quan", "xa", "phuong"})
_PLACE_CONT = frozenset({"pho", "xa", "tran", "khu"})

_MOTTO = regex.compile(r"(?:cong hoa xa hoi|cong\s*$|dang cong san|dang cong\s*$|doc lap\b|^-{3,}|^\*{3,}|^_{3,})")
_MOTTO_INLINE = regex.compile(r"(?<=[ ])(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|ĐỘC LẬP|Độc Lập)")
_SEPARATOR = regex.compile(r"^[ \-_*=~.]{3,}$")
_VV = regex.compile(r"^[ ]{0,3}(?:V/v|V/V|v/v|Về việc|VỀ VIỆC)[ :.]{0,3}")
_KINH_GUI = regex.compile(r"(?<![\p{L}])(?:Kính gửi|Kính gởi|KÍNH GỬI|Kinh gui|Kính gưi)[ ]{0,3}:?[ ]{0,3}")
_DIEN = regex.compile(r"^[ ]{0,3}(?P<sender>[\p{Lu}][\p{Lu} ,]{2,80}?)[ ]{1,3}(?:điện|ĐIỆN)[ ]{0,3}:[ ]{0,3}$")
_BULLET = regex.compile(r"^[ ]{0,6}(?:[-+•*–][ ]{0,3}){1,2}")
_NOI_NHAN = regex.compile(r"^[ \W_]{0,4}n[oơ0]i[ ]{0,2}nh[aâậ]n[ ]{0,2}[:;]?", regex.IGNORECASE)

# lead line of a repost: "Ngày 28/9, Tỉnh ủy Quảng Ninh ban hành Thông báo số 370-TB/TU ..."
_LEAD = regex.compile(
    r"(?:[ ]{1,3}(?:đã|vừa))?[ ]{1,3}ban hành[ ]{1,3}"
    r"(?P<type>[\p{L}]{2,12}(?:[ ][\p{L}]{1,12}){0,4}?)[ ]{1,3}(?:số|Số)[ ]{1,3}(?P<num>[^\s,;]{2,40})"
    r"(?:[ ,]{1,3}ngày[ ]{1,3}(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})(?:[/.-](?P<y2>\d{4}))?)?"
)
# what precedes it in its sentence: "Ngày 28/9, Tỉnh ủy Quảng Ninh"
_LEAD_SUBJECT = regex.compile(
    r"\A(?:[Nn]gày[ ]{1,3}(?P<d>\d{1,2})[ ]{0,2}[/.-][ ]{0,2}(?P<m>\d{1,2})"
    r"(?:[ ]{0,2}[/.-][ ]{0,2}(?P<y>\d{4}|\d{2}))?(?!\d)[ ]{0,3},?[ ]{1,3})?(?P<issuer>[^\n,;.]{2,120})$"
)
# the page's own dateline: "Thứ bảy - 28/08/2021 14:43", "28/09/2021 16:45"
_PAGE_DATE = regex.compile(
    r"^[^\n\d]{0,30}?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?:[ ,-]{1,4}\d{1,2}[:h]\d{2}(?::\d{2})?)?"
    r"(?:[ ]{0,3}(?:GMT|\(GMT[^)]{0,8}\)|SA|CH|AM|PM)[+0-9:]{0,6})?[ ]{0,3}$",
    regex.MULTILINE,
)
# dates in running text (folded): "ngày 22/8/2021", "ngày 22 tháng 8 năm 2021"
_TEXT_DATE = regex.compile(
    r"(?<![\p{L}])ngay[ ]{0,2}(?P<d>\d{1,2})"
    r"(?:[ ]{0,2}[/.-][ ]{0,2}(?P<m>\d{1,2})(?:[ ]{0,2}[/.-][ ]{0,2}(?P<y>\d{4}))?"
    r"|[ ]{1,3}thang[ ]{1,3}(?P<m>\d{1,2})(?:[ ]{1,3}nam[ ]{1,3}(?P<y>\d{4}))?)(?!\d)"
)
_MEETING_CUE = regex.compile(
    r"(?<![\p{L}])(?:họp|hội nghị|cuộc họp|phiên họp|kỳ họp|buổi làm việc|làm việc|chủ trì|giao ban|"
    r"tọa đàm|hội thảo|kiểm tra|đi thăm|thăm và làm việc)(?![\p{L}])",
    regex.IGNORECASE,
)
_ISSUANCE_CUE = regex.compile(r"(?<![\p{L}])ban hành(?![\p{L}])", regex.IGNORECASE)
# a date right after a deadline's cue ("trình UBND tỉnh trước ngày 15/12/2027") is no meeting's
_DEADLINE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:trước|chậm nhất(?: là)?|muộn nhất|đến|hạn|hết)[ ]{1,3}(?:ngày[ ]{1,3})?$", regex.IGNORECASE
)
_CHAIR_COMRADE = regex.compile(
    rf"(?:[Đđ]ồng chí|[Đđ]/[Cc]|[Oo]ng|[Bb]à)[ ]{{1,3}}(?P<name>{_NAME})(?:[ ]{{0,2}},[^;.\n]{{0,300}}?)?[ ]{{1,3}}"
    r"(?:đã[ ]{1,3})?chủ[ ]trì"
)
_CHAIR_OF = regex.compile(
    rf"chủ[ ]trì[ ]của[ ]{{1,3}}(?:(?:[Đđ]ồng chí|[Đđ]/[Cc])[ ]{{1,3}})?(?P<name>{_NAME}|[^,;.\n]{{3,80}})"
)
_CHAIR_SUBJECT = regex.compile(
    r"(?:^|\n|[Nn]gày[ ][\d/.-]{3,10}[ ]{0,2},[ ]{1,3})(?:[Đđ]ồng chí[ ]{1,3})?"
    r"(?P<who>\p{Lu}[^,;.\n]{2,80}?)[ ]{1,3}(?:đã[ ]{1,3})?chủ[ ]trì"
)
# a legal-database page: "Số hiệu:", "Loại văn bản:", "Nơi ban hành:", "Người ký:", "Ngày ban hành:"
_CHROME_FIELD = regex.compile(
    r"(?<![\p{L}])(?P<label>Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành)[ ]{0,2}:"
    r"[ \n]{0,12}(?P<value>[^\n]{1,160})"
)
_CHROME_DATE = regex.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")
# "tỉnh X", "thành phố X", "Tỉnh ủy X", "TP. X" (folded): where a province is named in running text.
# One pattern per first word, so each scan runs on a literal (3 times faster than one alternation);
# the lookahead keeps only cues a province name follows ("tỉnh Quảng Trị", not "tình hình"), which
# province_at then reads on the whole text.
_PROVINCE_CUES = tuple(
    regex.compile(rf"(?<![\p{{L}}]){cue}[ ]{{1,3}}(?=\p{{L}}){name_ahead()}")
    for cue in (r"tinh(?: uy)?", r"thanh (?:uy|pho)", r"tp\.?")
)
_PROPER_WORDS = {
    "trung uong": "Trung ương",
    "dang": "Đảng",
    "chinh phu": "Chính phủ",
    "quoc hoi": "Quốc hội",
    "nha nuoc": "Nhà nước",
    "viet nam": "Việt Nam",
    "mat tran to quoc": "Mặt trận Tổ quốc",
    "thue": "Thuế",
}
_PROPER_RE = regex.compile(
    r"(?<![\p{L}])(?:"
    + "|".join(regex.escape(k) for k in sorted(_PROPER_WORDS, key=len, reverse=True))
    + r")(?![\p{L}])"
)
_BLANK_PART = regex.compile(r"[ ._…\-]{0,8}")
_WORD_BEFORE = regex.compile(r"(?P<w>[^\s,;:()|*]+)[ \n]{0,3}$")
_NOT_NAME_CHAR = regex.compile(r"[^\p{L}\s'\-]")
_OCR_DROPPINGS = regex.compile(r"[ ]{1,3}[=`~^À]{1,3}(?:[ ][^\n]{0,120})?$")
_OCR_CHAR = regex.compile(r"[=`~^À]")  # a line without one has no OCR droppings
_PLACE_PREFIX = regex.compile(r"^(?i:thành phố|tp\.?|tỉnh)\s*")


# --------------------------------------------------------------------------- helpers


@dataclass
class _Found:
    """What the steps learn, before it becomes a DocumentMeta."""

    doc_type: DocType | None = None
    number: ParsedNumber | None = None
    number_seen: bool = False
    issuer: str | None = None
    issuer_block: list[str] = field(default_factory=list)
    place: str | None = None
    issued_date: dt.date | None = None
    date_seen: bool = False
    meeting_date: dt.date | None = None
    title: str | None = None
    signer: Signer | None = None
    addressees: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    purposes: list[str | None] = field(default_factory=list)
    province: Province | None = None
    chair: str | None = None
    page_date: dt.date | None = None
    sender: str | None = None
    chrome_issuer: str | None = None
    rules: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: object, rule: str) -> None:
        if value is None or value == [] or getattr(self, name) not in (None, []):
            return
        setattr(self, name, value)
        self.rules[name] = rule


def _squash(s: str) -> str:
    return " ".join(s.split())


def _date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.strip()
    return int(s) if s.isdigit() and len(s) <= 4 else None


def _is_upper_line(s: str) -> bool:
    letters = list(filter(str.isalpha, s))
    if len(letters) < 2:
        return False
    return sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _name_case(s: str) -> str:
    """``ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ`` -> ``Ủy ban nhân dân tỉnh Quảng Trị``."""
    s = _squash(s)
    if not s:
        return s
    if not _is_upper_line(s):
        return s
    low = s.lower()
    folded = fold(low)
    chars = list(low)
    for start, end, p in province_mentions(folded):
        chars[start:end] = list(p.name if len(p.name) == end - start else low[start:end].title())
    out = "".join(chars)
    for m in scan(_PROPER_RE, fold(out)):
        proper = _PROPER_WORDS[m.group(0)]
        if m.end() - m.start() == len(proper):
            out = out[: m.start()] + proper + out[m.end() :]
    return out[:1].upper() + out[1:]


class _Line(NamedTuple):
    """A line of the text: where it starts and what it says (without its newline)."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(doc: Document, spans: list[Span]) -> list[_Line]:
    """The lines of each span, with absolute offsets (tuples: a notice's header and tail make many)."""
    out: list[_Line] = []
    for sp in spans:
        pos = sp.start
        for s in doc.text[sp.start : sp.end].split("\n"):
            out.append(_Line(pos, s))
            pos += len(s) + 1
    return out


def _header_spans(doc: Document) -> list[Span]:
    spans = doc.part_spans("header")
    if spans:
        return spans
    # no header part: what precedes the body, outside page chrome
    start = 0
    end = doc.body.start if doc.body.end > doc.body.start else min(len(doc.text), 2000)
    chrome = doc.part_spans("chrome")
    for c in chrome:
        if c.start <= start < c.end:
            start = c.end
    return [Span.trusted(start=start, end=max(start, end))] if end > start else []


_BLANK_LINE = regex.compile(r"\n[ ]*\n")


def _paragraph_ends(text: str, pos: int, endpos: int) -> Iterator[int]:
    """Where paragraphs of ``text[pos:endpos]`` end: before each blank line, then at the end (before
    a last newline too), as ``finditer`` of ``\n[ ]*\n|$`` gives them (the ``$`` branch, tried at
    every position, made that scan slow)."""
    endpos = min(endpos, len(text))
    after = pos
    for m in scan(_BLANK_LINE, text, pos, endpos):
        yield m.start()
        after = m.end()
    if endpos - 1 >= after and text[endpos - 1] == "\n":
        yield endpos - 1
    yield max(endpos, pos)


def _body_head(doc: Document, n_paragraphs: int = 2, limit: int = 1500) -> Span:
    """The first paragraphs of the body."""
    b = doc.body
    if b.end <= b.start:
        return Span.trusted(start=0, end=0)
    end = b.start
    seen = 0
    for end in _paragraph_ends(doc.text, b.start, min(b.end, b.start + limit)):
        # once the text since the body start holds a word, every later end closes a paragraph
        if seen or doc.text[b.start : end].strip():
            seen += 1
        if seen >= n_paragraphs:
            break
    return Span.trusted(start=b.start, end=max(b.start, min(end, b.end)))


def _guard(ctx: Context, name: str, step: Callable[[], None]) -> None:
    try:
        step()
    except Exception as exc:  # a bug in one step must not cost the other fields
        code = failure_code(exc, "meta_step_failed")
        ctx.warn(code, f"metadata step {name!r} failed ({type(exc).__name__}: {exc})", None, "error")


# --------------------------------------------------------------------------- header


def _find_number(doc: Document, lines: list[_Line], f: _Found, ctx: Context) -> None:
    for ln in lines:
        m = _SO.search(ln.text)
        if m is None:
            continue
        rest = ln.text[m.end() :]
        tokens = rest.split()
        for k in range(min(len(tokens), 5), 0, -1):
            raw = " ".join(tokens[:k]).rstrip(".,;")
            blank = _BLANK_SERIAL.match(raw)
            cand = raw[blank.end() :] if blank else raw
            parsed = parse_number(cand)
            if parsed is None:
                continue
            f.number_seen = True
            span = Span(start=ln.start + m.start(), end=ln.start + m.end() + len(rest) - len(rest.lstrip()) + len(raw))
            if parsed.number is None:
                ctx.warn(
                    "number_blank",
                    f"the notice leaves its number blank ({doc.text[span.start:span.end]!r}): number is None, "
                    f"symbol {parsed.symbol!r} kept",
                    span,
                    "info",
                )
            f.set("number", parsed, "header_so_line")
            return


def _parse_day_month(raw: str | None) -> tuple[int | None, str]:
    """A day or month as written: ``(value, "ok")``, ``(None, "blank")`` or ``(None, "unreadable")``."""
    if raw is None:
        return None, "blank"
    s = raw.strip()
    if not s or _BLANK_PART.fullmatch(s):
        return None, "blank"
    if s.isdigit():
        return int(s), "ok"
    return None, "unreadable"


def _place_before(doc: Document, end: int, line_start: int) -> tuple[str, Span] | None:
    """The place written just before ``end`` (", ngày"): capitalized words, walking back."""
    text = doc.text
    words: list[tuple[int, int]] = []
    pos = end
    while len(words) < 6:
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None or m.end() != pos:
            break
        w = m.group("w")
        fw = fold(w).rstrip(".")
        if not w[:1].isupper():
            if fw in _PLACE_CONT and words == []:
                break
            if fw in _PLACE_CONT:
                words.append((m.start("w"), m.end("w")))
                pos = m.start("w")
                # "phố" needs its "Thành" before it
                continue
            break
        column_code = w.isupper() and len(w) >= 2 and fw not in _PLACE_UNITS
        if words and column_code and not all(text[a:b].isupper() for a, b in words):
            break  # a code of the other column ("TTKT") is not part of the place
        if any(c.isdigit() for c in w):
            break
        newline_between = "\n" in text[m.end("w") : pos]
        if newline_between and words and fold(w).rstrip(".") not in _PLACE_UNITS:
            break
        words.append((m.start("w"), m.end("w")))
        pos = m.start("w")
    if not words:
        return None
    # the place must start with a capital word (not "phố" alone)
    while words and not text[words[-1][0]].isupper():
        words.pop()
    if not words:
        return None
    start, stop = words[-1][0], words[0][1]
    place = _squash(text[start:stop]).strip(" *_")
    if not place:
        return None
    return place, Span(start=start, end=stop)


def _find_place_date(doc: Document, spans: list[Span], f: _Found, ctx: Context) -> None:
    for sp in spans:
        for m in scan(_DATE_LINE, doc.folded, sp.start, sp.end):
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            got = _place_before(doc, m.start(), line_start)
            if got is None:
                continue
            place, _ = got
            f.set("place", place, "header_place_date")
            f.date_seen = True
            day, dstate = _parse_day_month(doc.text[m.start("d") : m.end("d")])
            month, mstate = _parse_day_month(doc.text[m.start("m") : m.end("m")])
            year = int(m.group("y"))
            span = Span(start=got[1].start, end=m.end())
            if dstate == "ok" and mstate == "ok":
                d = _date(year, month, day)
                if d is None:
                    line = _squash(doc.text[span.start : span.end])
                    ctx.warn("issued_date_invalid", f"the date line {line!r} is not a date", span)
                f.set("issued_date", d, "header_place_date")
            elif "blank" in (dstate, mstate) and "unreadable" not in (dstate, mstate):
                ctx.warn(
                    "issued_date_blank",
                    f"the date line leaves the {'day' if dstate == 'blank' else 'month'} blank "
                    f"({_squash(doc.text[span.start:span.end])!r}): place kept, no issued_date",
                    span,
                    "info",
                )
            else:
                ctx.warn(
                    "issued_date_unreadable",
                    f"the date line {_squash(doc.text[span.start : span.end])!r} cannot be read (OCR damage?): "
                    "no issued_date",
                    span,
                )
            return


def _find_heading_and_title(doc: Document, lines: list[_Line], f: _Found) -> None:
    heading_idx = None
    for i, ln in enumerate(lines):
        s = ln.text.strip(" *_#")
        if not s or len(s) > 80:
            continue
        t = doc_type_from_name(s)
        if t is None:
            continue
        name_len = len(fold(t.value))
        exact = " ".join(fold(s).split()) in (fold(t.value), fold(t.value) + " ket luan")
        if _is_upper_line(s[: max(name_len, 2)]) or exact:
            f.set("doc_type", t, "header_type_heading")
            heading_idx = i
            break
    if heading_idx is not None:
        parts = _title_lines(lines[heading_idx + 1 :], after_heading=True)
        rest_of_heading = lines[heading_idx].text.strip(" *_#")
        words_in_type = len(f.doc_type.value.split()) if f.doc_type else 0
        extra = " ".join(rest_of_heading.split()[words_in_type:])
        if extra and fold(extra) != "ket luan":
            parts.insert(0, extra)
        title = _squash(" ".join(parts))
        title = _VV.sub("", title) if _VV.match(title) else title
        f.set("title", title or None, "header_title")
        return
    for i, ln in enumerate(lines):
        if _VV.match(ln.text):
            parts = _title_lines(lines[i:], after_heading=False)
            title = _squash(" ".join(parts))
            f.set("title", _VV.sub("", title, count=1) or None, "header_vv_line")
            return


def _title_lines(lines: list[_Line], after_heading: bool) -> list[str]:
    out: list[str] = []
    for ln in lines:
        s = ln.text.strip(" *_")
        if not s:
            if out:
                break
            continue
        if _SEPARATOR.match(s) or _KINH_GUI.match(s) or _DIEN.match(s) or _SO.match(s):
            break
        if _MOTTO.match(fold(s)):  # the national motto of the right-hand column, read after the title
            break
        if "," in s and _DATE_LINE.search(fold(s)):  # a date line holds a comma (fold keeps it)
            break
        out.append(s)
        if len(out) >= 8:
            break
    return out


def _find_issuer_block(lines: list[_Line], f: _Found) -> None:
    block: list[str] = []
    for ln in lines:
        s = ln.text.strip(" *_#|")
        if not s:
            if block:
                continue
            continue
        fs = fold(s)
        if _MOTTO.match(fs) or _SEPARATOR.match(s) or _SO.match(s) or ("," in fs and _DATE_LINE.search(fs)):
            break
        cut = _MOTTO_INLINE.search(s)
        if cut is not None:
            s = s[: cut.start()].strip()  # the right column (the national motto) interleaved
            if s and _is_upper_line(s):
                block.append(s)
            break
        if not _is_upper_line(s) or doc_type_from_name(s) is not None:
            break
        block.append(s)
        if len(block) >= 5:
            break
    if block:
        f.issuer_block = block


_GENERIC_BODIES = frozenset({"van phong", "tinh uy", "thanh uy", "ban thuong vu", "thuong truc", "dang uy"})
_PLACE_STARTS = ("tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "trung uong")


def _issuer_from_block(block: list[str]) -> str | None:
    if not block:
        return None
    # lines that continue the one before ("ỦY" / "BAN NHÂN DÂN" / "TỈNH QUẢNG TRỊ") are one name
    groups: list[str] = []
    for s in block:
        fs = " ".join(fold(s).split())
        continues = fs.startswith(_PLACE_STARTS) or (groups and len(groups[-1].split()) == 1)
        if groups and (continues or fs.startswith("nhan dan")):
            groups[-1] = f"{groups[-1]} {s}"
        else:
            groups.append(s)
    last = groups[-1]
    fl = " ".join(fold(last).split())
    if fl in _GENERIC_BODIES and len(groups) > 1:
        return _name_case(f"{last} {' '.join(groups[:-1])}")
    return _name_case(last)


def _find_addressees(doc: Document, lines: list[_Line], f: _Found) -> None:
    for i, ln in enumerate(lines):
        m = _KINH_GUI.search(ln.text)
        d = _DIEN.match(ln.text.strip(" *_"))
        if m is None and d is None:
            continue
        if d is not None:
            f.sender = _name_case(d.group("sender"))
            first = ""
        else:
            assert m is not None
            first = ln.text[m.end() :].strip(" *_")
        items: list[str] = []
        if first:
            items.append(_BULLET.sub("", first))
        blank_run = 0
        for j in range(i + 1, len(lines)):
            s = lines[j].text.strip(" *_|")
            if not s:
                blank_run += 1
                if items and blank_run >= 1 and not _next_is_bullet(lines, j):
                    break
                continue
            blank_run = 0
            if _BULLET.match(s):
                items.append(_BULLET.sub("", s))
            elif items and (not first or len(items) > 1):
                items[-1] = f"{items[-1]} {s}"  # a wrapped item
            elif not items:
                items.append(s)
            else:
                break
        cleaned = [_squash(x).rstrip(" ;,.") for x in items]
        f.set("addressees", [x for x in cleaned if x], "header_kinh_gui" if d is None else "header_cong_dien")
        return


def _next_is_bullet(lines: list[_Line], after: int) -> bool:
    """Is the next line after ``lines[after]`` that holds a word a bullet?"""
    for ln in lines[after + 1 :]:
        s = ln.text.strip(" *_|")
        if s:
            return bool(_BULLET.match(s))
    return False


# --------------------------------------------------------------------------- repost lead line, page date


def _find_page_date(doc: Document, spans: list[Span], f: _Found) -> None:
    for sp in [*spans, *doc.part_spans("chrome")]:
        for m in scan(_PAGE_DATE, doc.text, sp.start, sp.end):
            d = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d is not None:
                f.page_date = d
                return


def _infer_year(day: int, month: int, f: _Found, ctx: Context, what: str, span: Span) -> dt.date | None:
    ref = ctx.reference_date or f.page_date or f.issued_date
    source = "reference_date" if ctx.reference_date else ("the page's date line" if f.page_date else "the issue date")
    if ref is None:
        return None
    year = ref.year
    if (month, day) > (ref.month, ref.day) and not ctx.reference_date:
        year -= 1  # a date before the page's own date
    d = _date(year, month, day)
    if d is not None:
        ctx.warn("year_inferred", f"{what} has no year; {year} was taken from {source}", span, "info")
    return d


_ISSUED = "ban hành"  # every match of _LEAD holds it, at most 9 characters after the match start
_LEAD_REACH = 9  # "[ ]{1,3}(?:đã|vừa)" and "[ ]{1,3}"


def _lead_matches(text: str, lo: int, hi: int) -> Iterator[regex.Match[str]]:
    """What ``_LEAD.finditer(text, lo, hi)`` gives, tried only just before each "ban hành" (a
    scan of _LEAD tries its leading spaces at every space of the text)."""
    last = lo
    p = text.find(_ISSUED, lo, hi)
    while p >= 0:
        for start in range(max(last, p - _LEAD_REACH), p):
            m = _LEAD.match(text, start, hi)
            if m is not None:
                yield m
                last = m.end()
                break
        p = text.find(_ISSUED, max(p + 1, last), hi)


def _find_lead(doc: Document, spans: list[Span], head: Span, f: _Found, ctx: Context) -> None:
    regions = [*spans, head]
    for sp in regions:
        for m in _lead_matches(doc.text, sp.start, sp.end):
            line_start = doc.text.rfind("\n", sp.start, m.start()) + 1
            sentence_start = max(line_start, sp.start, doc.text.rfind(". ", line_start, m.start()) + 2, m.start() - 160)
            subject = _LEAD_SUBJECT.search(doc.text[sentence_start : m.start()])
            t = doc_type_from_name(m.group("type"))
            parsed = parse_number(m.group("num").rstrip(".,;:"))
            if t is None and parsed is None:
                continue
            f.set("doc_type", t or (parsed.doc_type if parsed else None), "repost_lead")
            if parsed is not None:
                f.set("number", parsed, "repost_lead")
                f.number_seen = True
            issuer = _squash(subject.group("issuer")) if subject else ""
            if issuer and issuer[:1].isupper() and len(issuer.split()) <= 10:
                f.set("issuer", issuer, "repost_lead")
            parts = [
                (subject.group(k) if subject else None) or m.group(k + "2") for k in ("d", "m", "y")
            ]  # the date before the issuer ("Ngày 28/9, ...") or after the number ("... số X ngày 28/9")
            d, mo, y = _int(parts[0]), _int(parts[1]), (str(parts[2]) if parts[2] else None)
            if d is not None and mo is not None:
                span = Span(start=m.start(), end=m.end())
                if y:
                    yy = int(y) + (2000 if len(y) == 2 else 0)
                    f.set("issued_date", _date(yy, mo, d), "repost_lead")
                else:
                    f.set("issued_date", _infer_year(d, mo, f, ctx, "the lead line's issue date", span), "repost_lead")
                f.date_seen = True
            return


# --------------------------------------------------------------------------- meeting date, chair


def _sentence_around(text: str, start: int, lo: int, hi: int) -> tuple[int, int]:
    a = max(lo, text.rfind(". ", lo, start) + 1 if text.rfind(". ", lo, start) >= 0 else lo)
    b_dot = text.find(". ", start, hi)
    b_nl = text.find("\n\n", start, hi)
    ends = [x for x in (b_dot, b_nl) if x >= 0]
    return a, (min(ends) if ends else hi)


def _find_meeting(doc: Document, spans: list[Span], head: Span, f: _Found, ctx: Context) -> None:
    regions = [head, *spans]
    for k, sp in enumerate(regions):
        for m in scan(_TEXT_DATE, doc.folded, sp.start, sp.end):
            a, b = _sentence_around(doc.text, m.start(), sp.start, sp.end)
            sentence_before = doc.text[a : m.start()]
            after = doc.text[m.end() : min(b, m.end() + 260)]
            before_near = doc.text[max(a, m.start() - 120) : m.start()]
            starts_sentence = not sentence_before.strip(" \n(")
            cue_after = _MEETING_CUE.search(after)
            cue_before = _MEETING_CUE.search(before_near)
            if not ((starts_sentence and cue_after) or cue_before):
                continue
            if _DEADLINE_BEFORE.search(before_near):
                continue
            if starts_sentence and _ISSUANCE_CUE.search(after[: cue_after.start()] if cue_after else after):
                continue
            d, mo = _int(m.group("d")), _int(m.group("m"))
            if d is None or mo is None:
                continue
            span = Span(start=m.start(), end=m.end())
            if m.group("y"):
                date = _date(int(m.group("y")), mo, d)
            else:
                date = _infer_year(d, mo, f, ctx, "the meeting date", span)
            if date is not None:
                same_as_head = k == 0 or (sp.start, sp.end) == (head.start, head.end)
                f.set("meeting_date", date, "meeting_date_" + ("lead_in" if same_as_head else "header"))
                return


_CHAIRED = "chủ trì"  # every chair pattern holds it: a region without it is skipped


def _find_chair(doc: Document, spans: list[Span], head: Span, f: _Found) -> None:
    for sp in [*spans, head]:
        text = doc.text
        if text.find(_CHAIRED, sp.start, sp.end) < 0:
            continue
        for pat, rule in ((_CHAIR_COMRADE, "chair_comrade"), (_CHAIR_OF, "chair_of")):
            m = pat.search(text, sp.start, sp.end)
            if m is not None:
                f.set("chair", _squash(m.group("name")).rstrip(" ,"), rule)
                return
        m2 = _CHAIR_SUBJECT.search(text, sp.start, sp.end)
        if m2 is not None:
            who = _squash(m2.group("who"))
            if len(who.split()) <= 12:
                f.set("chair", who, "chair_subject")
                return


# --------------------------------------------------------------------------- tail: signature, Nơi nhận


def _clean_name(raw: str) -> tuple[str, bool] | None:
    """A person's name from a signature line, OCR junk removed; ``(name, repaired)`` or ``None``."""
    s = _NOT_NAME_CHAR.sub(" ", raw)
    words = s.split()
    if not 2 <= len(words) <= 7:
        return None
    caps = all(w.isupper() for w in words)
    if not caps and not all(w[:1].isupper() and (len(w) == 1 or not w[1:].isupper() or len(w) <= 2) for w in words):
        return None
    if caps:
        words = [w.capitalize() for w in words]
    repaired = s.split() != raw.split()
    if not any(ch in raw for ch in "àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵĐ") and len(raw) < 4:
        return None
    first = words[0]
    fixed = restore_surname(first)
    if fixed is not None and fixed != first:
        # restore only when the rest of the name shows the text keeps its diacritics
        rest = " ".join(words[1:])
        if fold(rest) != rest.lower() or repaired:
            words[0] = fixed
            repaired = True
    return " ".join(words), repaired


def _split_title(block: str, authority: str | None) -> tuple[str | None, str | None]:
    """The signer's title and whom they sign for, from the capital lines of the signature:
    ``"BAN THƯỜNG VỤ BÍ THƯ"`` (T/M) -> (``"Bí thư"``, ``"Ban thường vụ"``); ``"CHỦ TỊCH PHÓ CHỦ
    TỊCH"`` (KT.) -> (``"Phó Chủ tịch"``, ``"Chủ tịch"``); ``"CHỦ TỊCH"`` alone after KT. is only
    whom the signer signs for."""
    block = _squash(block)
    if not block:
        return None, None
    hit = title_at_end(block)
    if hit is None:
        return (_name_case(block), None) if authority is None else (None, _name_case(block))
    title, pos = hit
    before = block[:pos].strip(" ,")
    if not before and authority in ("KT.", "TL.", "TUQ.", "TM."):
        return None, title
    return title, (_name_case(before) if before else None)


def _find_tail(doc: Document, f: _Found, ctx: Context) -> None:
    spans = doc.part_spans("tail")
    if not spans:
        return
    lines = [ln for ln in _lines(doc, spans) if ln.text.strip()]
    if not lines:
        return
    # the Nơi nhận list
    nn = next((i for i, ln in enumerate(lines) if _NOI_NHAN.match(ln.text.strip(" *_"))), None)
    sig_start = None
    auth_line = None
    for i, ln in enumerate(lines):
        m = AUTHORITY_RE.search(ln.text)
        if m is None:
            continue
        at_line_start = not ln.text[: m.start()].strip(" -*_}|")
        beside_list = nn is not None and (i == nn or (i > nn and not _BULLET.match(ln.text)))
        if at_line_start or beside_list:
            sig_start, auth_line = i, (i, m)
            break
    if sig_start is None:
        # no authority: the first capital line (a title) after the Nơi nhận list, or in a tail without one
        for i, ln in enumerate(lines):
            s = ln.text.strip(" *_|")
            if (nn is not None and i <= nn) or _BULLET.match(s) or not _is_upper_line(s):
                continue
            if title_at_end(s) is not None or i > (nn if nn is not None else -1):
                sig_start = i
                break
    if nn is not None:
        _recipients(lines, nn, sig_start, auth_line, f)
    if sig_start is None:
        return
    authority = None
    block_parts: list[str] = []
    i = sig_start
    if auth_line is not None:
        _, m = auth_line
        authority = authority_of(m.group("auth"))
        block_parts.append(lines[i].text[m.end() :].strip(" *_|"))
        i += 1
    name = None
    caps_lines: list[int] = []
    while i < len(lines):
        s = lines[i].text.strip(" *_|")
        if _BULLET.match(s) or (nn is not None and i <= nn):
            i += 1
            continue
        if _is_upper_line(s):
            # a title line, or a line of one (a name in capitals is only a fallback)
            if len(block_parts) < 5:
                block_parts.append(s)
                caps_lines.append(len(block_parts) - 1)
            i += 1
            continue
        got = _clean_name(s)
        if got is None and i + 1 < len(lines):
            got = _clean_name(f"{s} {lines[i + 1].text.strip(' *_|')}")
        if got is not None:
            name, repaired = got
            if repaired:
                ctx.warn(
                    "signer_name_repaired",
                    f"the signer's name {_squash(s)!r} looks damaged (OCR?); read as {name!r}",
                    Span(start=lines[i].start, end=lines[i].end),
                    "info",
                )
            break
        i += 1
    if name is None and block_parts and title_at_end(block_parts[-1]) is None:
        got = _clean_name(block_parts[-1])
        if got is not None and restore_surname(got[0].split()[0]) == got[0].split()[0]:
            name = got[0]
            block_parts.pop()
    if name is None:
        return
    title, behalf = _split_title(" ".join(p for p in block_parts if p), authority)
    f.set("signer", Signer(name=name, title=title, authority=authority, on_behalf_of=behalf), "tail_signature")


def _recipients(
    lines: list[_Line], nn: int, sig_start: int | None, auth_line: tuple[int, regex.Match[str]] | None, f: _Found
) -> None:
    items: list[str] = []
    brace: str | None = None
    brace_at = 0
    first = _NOI_NHAN.sub("", lines[nn].text.strip(" *_"), count=1).strip(" }")
    if auth_line is not None and auth_line[0] == nn:
        first = first[: max(0, auth_line[1].start() - (len(lines[nn].text) - len(first)))].strip()
    if first and _BULLET.match(first):
        items.append(first)
    for j in range(nn + 1, len(lines)):
        if sig_start is not None and j >= sig_start and not _BULLET.match(lines[j].text):
            break
        s = lines[j].text.strip(" *_|")
        if auth_line is not None and auth_line[0] == j:
            s = lines[j].text[: auth_line[1].start()].strip(" *_|")
        if _BULLET.match(s):
            items.append(s)
        elif s.startswith("}") and items:
            # a brace that grouped lines above in the original layout: "} để báo cáo"; which lines it
            # spanned is lost, so it goes to every line above that states no purpose of its own
            brace = purpose_of(s.strip("} ,"))
            if brace:
                brace_at = len(items)
        elif items and not _is_upper_line(s):
            items[-1] = f"{items[-1]} {s}"
        else:
            break
    cleaned = []
    for it in items:
        c = _squash(_BULLET.sub("", it))
        if _OCR_CHAR.search(c) is not None:
            c = _OCR_DROPPINGS.sub("", c)  # OCR droppings
        c = c.rstrip(" ;,.")
        if c:
            cleaned.append(c)
    f.set("recipients", cleaned, "tail_noi_nhan")
    f.purposes = purposes_of(cleaned)
    if brace:
        f.purposes = [p if p is not None or k >= brace_at else brace for k, p in enumerate(f.purposes)]


# --------------------------------------------------------------------------- chrome, province


def _find_chrome_fields(doc: Document, f: _Found) -> None:
    for sp in doc.part_spans("chrome"):
        for m in scan(_CHROME_FIELD, doc.text, sp.start, sp.end):
            label, value = fold(m.group("label")), _squash(m.group("value")).strip(" *_|")
            if not value:
                continue
            if label == "so hieu":
                parsed = parse_number(value)
                if parsed is not None and not f.number_seen:
                    f.set("number", parsed, "chrome_so_hieu")
            elif label == "loai van ban":
                f.set("doc_type", doc_type_from_name(value), "chrome_loai_van_ban")
            elif label == "noi ban hanh":
                f.chrome_issuer = f.chrome_issuer or value
            elif label == "nguoi ky":
                if f.signer is None and _clean_name(value) is not None:
                    f.set("signer", Signer(name=value), "chrome_nguoi_ky")
            elif label == "ngay ban hanh":
                dm = _CHROME_DATE.match(value)
                if dm and not f.date_seen:
                    f.set("issued_date", _date(int(dm["y"]), int(dm["m"]), int(dm["d"])), "chrome_ngay_ban_hanh")


@cache
def _provincial_codes() -> frozenset[str]:
    return frozenset(e.code for e in issuers() if e.provincial)


# the local authorities (a Công điện they send is no central one) and the blocks of local bodies
_LOCAL_AUTHORITIES = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "tinh uy", "thanh uy", "huyen uy")
_LOCAL_BLOCK_STARTS = (*_LOCAL_AUTHORITIES, "dang bo tinh", "so ", "ban ")


def _find_province(doc: Document, header: list[Span], f: _Found) -> None:
    # 1. the issuer block or the issuer phrase of a repost names it
    for text in [" ".join(f.issuer_block), f.issuer or "", f.sender or ""]:
        if not text:
            continue
        ft = fold(text)
        hits = province_mentions(ft)
        if hits:
            f.set("province", hits[-1][2], "province_issuer")
            return
    code = f.number.issuer_code if f.number else None
    central = bool(f.issuer_block) and not any(
        fold(s).startswith(_LOCAL_BLOCK_STARTS) for s in f.issuer_block
    )
    if code is not None and code not in _provincial_codes() and f.issuer_block:
        central = True
    if f.sender and not any(w in fold(f.sender) for w in _LOCAL_AUTHORITIES):
        central = True  # "THỦ TƯỚNG CHÍNH PHỦ điện:", not "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:"
    if central:
        return
    # 2. the place of the place-date line
    if f.place:
        p = province_named(_PLACE_PREFIX.sub("", f.place))
        if p is not None:
            f.set("province", p, "province_place")
            return
    # 3. "tỉnh X" / "Tỉnh ủy X" in the header, the body and the page chrome, the most named
    counts: Counter[str] = Counter()
    by_name: dict[str, Province] = {}
    regions = [*header, doc.body, *doc.part_spans("chrome"), *doc.part_spans("tail")]
    for sp in regions:
        cues = sorted((m.start(), m.end()) for p in _PROVINCE_CUES for m in scan(p, doc.folded, sp.start, sp.end))
        for _, cue_end in cues:
            hit = province_at(doc.folded, cue_end)
            if hit is not None and hit[0] <= sp.end:
                counts[hit[1].name] += 1
                by_name[hit[1].name] = hit[1]
    if counts:
        name = counts.most_common(1)[0][0]
        f.set("province", by_name[name], "province_mentions")


# --------------------------------------------------------------------------- assembly


def _final_doc_type(f: _Found, header_text: str) -> None:
    if f.doc_type is None and f.number is not None:
        n = f.number
        if n.doc_type is not None:
            f.set("doc_type", n.doc_type, "number_type_code")
        elif n.style == "state" and n.type_code is None and n.year is None and n.issuer_code is not None:
            f.set("doc_type", DocType.CONG_VAN, "number_without_type_code")
    if f.doc_type is None and f.sender:
        f.set("doc_type", DocType.CONG_DIEN, "header_cong_dien")
    if f.doc_type is None and _VV.search(header_text):
        f.set("doc_type", DocType.CONG_VAN, "header_vv_line")


_BARE_ISSUERS = frozenset({"tinh uy", "thanh uy", "ubnd tinh", "uy ban nhan dan tinh", "ubnd thanh pho"})


def _final_issuer(f: _Found) -> None:
    if f.issuer is not None and f.rules.get("issuer") == "repost_lead":
        code = f.number.issuer_code if f.number else None
        if f.province and code and " ".join(fold(f.issuer).split()) in _BARE_ISSUERS:
            full = issuer_name(code, province=f.province.name)
            if full:
                f.issuer = full  # "Tỉnh ủy" + the page's province -> "Tỉnh ủy Kon Tum"
        return
    province = f.province.name if f.province else None
    code = f.number.issuer_code if f.number else None
    from_code = issuer_name(code, province=province) if code else None
    # a provincial code without its province ("UBND" alone) says less than the header's own block
    if from_code is not None and (code not in _provincial_codes() or province is not None):
        f.set("issuer", from_code, "number_issuer_code")
    f.set("issuer", _issuer_from_block(f.issuer_block), "header_issuer_block")
    f.set("issuer", f.sender, "header_cong_dien")
    f.set("issuer", f.chrome_issuer, "chrome_noi_ban_hanh")


def find_meta(doc: Document, ctx: Context) -> DocumentMeta:
    """Read the header, the lead line of a repost, the first paragraph and the signature block."""
    f = _Found()
    header = _header_spans(doc)
    lines = _lines(doc, header)
    header_text = "\n".join(ln.text for ln in lines)
    body_head = cache(partial(_body_head, doc))  # the lead, meeting and chair steps read it
    steps: list[tuple[str, Callable[[], None]]] = [
        ("page_date", lambda: _find_page_date(doc, header, f)),
        ("issuer_block", lambda: _find_issuer_block(lines, f)),
        ("number", lambda: _find_number(doc, lines, f, ctx)),
        ("place_date", lambda: _find_place_date(doc, header, f, ctx)),
        ("heading", lambda: _find_heading_and_title(doc, lines, f)),
        ("addressees", lambda: _find_addressees(doc, lines, f)),
        ("lead", lambda: _find_lead(doc, header, body_head(1, 800), f, ctx)),
        ("meeting", lambda: _find_meeting(doc, header, body_head(2, 1500), f, ctx)),
        ("chair", lambda: _find_chair(doc, header, body_head(2, 1500), f)),
        ("tail", lambda: _find_tail(doc, f, ctx)),
        ("doc_type", lambda: _final_doc_type(f, header_text)),
        ("chrome", lambda: _find_chrome_fields(doc, f)),
        ("doc_type_chrome", lambda: _final_doc_type(f, header_text)),
        ("province", lambda: _find_province(doc, header, f)),
        ("issuer", lambda: _final_issuer(f)),
    ]
    for name, step in steps:
        _guard(ctx, name, step)
    n = f.number
    return DocumentMeta.trusted(  # every field given, every value read and checked by the steps
        doc_type=f.doc_type,
        number=n.number if n else None,
        symbol=n.symbol if n else None,
        issuer=f.issuer,
        place=f.place,
        issued_date=f.issued_date,
        meeting_date=f.meeting_date,
        title=f.title,
        signer=f.signer,
        addressees=f.addressees,
        recipients=f.recipients,
        province=f.province.name if f.province else None,
        chair=f.chair,
        issuer_code=n.issuer_code if n else None,
        recipient_purposes=f.purposes,
        rules=f.rules,
    )
