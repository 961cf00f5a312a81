"""Cited documents: every document the body cites, as typed Citation objects.

Like eyecite, in three steps over the body (one scan per pattern family):

1. *find*: numbers of the số ký hiệu grammar (``15/CT-TTg``, ``283-TB/TU``); for each, the cue
   before it (a type's name, "văn bản", a named law, or a list it continues) and what follows
   it (the date, the issuer after "của", the title after "về việc"); then citations without a
   number: a type with a bare serial ("Nghị quyết số 128") and named laws
   ("Luật Phòng, chống bệnh truyền nhiễm");
2. *filter*: not the notice's own number, not page chrome, not code-less lower-case tokens
   ("3/ca"), not dates, ratios or quantities (the grammar never reads those);
3. *resolve*: short references ("Công điện nêu trên", "Kết luận này", "Nghị quyết số 128"
   after "Nghị quyết số 128/NQ-CP") point at a full citation or at the notice itself; they are
   :class:`Reference` objects, not new documents. Mentions of one number share what any of
   them says (date, issuer, title).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from chidao.document import Context, Document
from chidao.grammar import citations as g
from chidao.grammar.doc_types import doc_type_from_code, doc_type_from_name, self_names
from chidao.grammar.issuers import canonical_issuer_code, issuer_name
from chidao.grammar.numbers import NUMBER_SCAN, ParsedNumber, number_from_match, number_key, parse_number
from chidao.grammar.patterns import GUARDED_SCAN_CHARS, SCAN_TIMEOUT_S, failure_code, scan
from chidao.models import Citation, DocType, Reference, Span

__all__ = ["find_citations"]

_WINDOW = 90  # characters looked at before a number for its cue
_ISSUER_MAX = 80  # characters of an issuer's name after "của"
_TITLE_MAX = 300  # characters of a title after "về việc"
_MAX_FOUND = 2000  # citations of one kind read from one notice; past that the text is not a notice
_WS = regex.compile(r"\s+")
_AND = regex.compile(r"(?<![\p{L}\p{N}])va(?![\p{L}\p{N}])\s{1,3}")


@dataclass
class _Found:
    """A citation being built (mutable until it becomes a :class:`Citation`)."""

    start: int
    end: int
    num_start: int
    parsed: ParsedNumber | None
    doc_type: DocType | None
    rule: str
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    year: int | None = None
    serial: int | None = None


def find_citations(doc: Document, ctx: Context) -> tuple[list[Citation], list[Reference]]:
    """Citations in the body (document order) and the short references resolved against them."""
    try:
        return _find(doc, ctx)
    except Exception as exc:  # never raise on text: say what went wrong
        code = failure_code(exc, "citations_failed")
        ctx.warn(code, f"citations were not read ({type(exc).__name__}: {exc})", None, "error")
        return [], []


# -- the pipeline of this extractor ---------------------------------------------------------


def _find(doc: Document, ctx: Context) -> tuple[list[Citation], list[Reference]]:
    text = doc.text
    lo, hi = doc.body.start, min(doc.body.end, len(text))
    if hi <= lo:
        return [], []
    bounds = _ClauseEnds(doc)
    own = _own_keys(ctx)
    ref_date = ctx.reference_date or ctx.meta.issued_date

    found = _numbered(doc, lo, hi, bounds, own, ref_date)
    if len(found) >= _MAX_FOUND:
        ctx.warn("citations_capped", f"more than {_MAX_FOUND} cited numbers: the rest were not read")
    taken = [(f.start, f.end) for f in found]

    found.extend(_serial_only(doc, lo, hi, taken))
    found.extend(_named_laws(doc, lo, hi, taken))
    found = [f for f in found if not doc.in_chrome(f.start)]
    found.sort(key=lambda f: f.start)

    _end_titles(text, found)
    citations, serial_refs = _resolve_serials(found)
    _share_mentions(citations)
    province = ctx.meta.province
    out = [_to_model(text, f, province) for f in citations]
    refs = [_serial_reference(text, f, i) for f, i in serial_refs] + _short_refs(doc, lo, hi, out, ctx)
    refs.sort(key=lambda r: r.span.start)
    return out, refs


class _ClauseEnds:
    """The end of the clause around a position; the clauses are read at the first question (a
    notice of 100,000 clauses and no citation asks none)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._bounds: tuple[list[int], list[int]] | None = None

    def end(self, pos: int, default: int) -> int:
        if self._bounds is None:
            spans = sorted((c.span.start, c.span.end) for c in self._doc.iter_clauses())
            self._bounds = [s for s, _ in spans], [e for _, e in spans]
        starts, ends = self._bounds
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and starts[i] <= pos < ends[i]:
            return ends[i]
        return default


def _own_keys(ctx: Context) -> set[str]:
    keys = set()
    if ctx.meta.number:
        keys.add(number_key(ctx.meta.number))
        p = parse_number(ctx.meta.number)
        if p is not None and p.number:
            keys.add(number_key(p.number))
    return keys


# -- 1. numbers and what surrounds them ------------------------------------------------------


def _numbered(
    doc: Document,
    lo: int,
    hi: int,
    bounds: _ClauseEnds,
    own: set[str],
    ref_date: dt.date | None,
) -> list[_Found]:
    text, folded = doc.text, doc.folded
    out: list[_Found] = []
    prev: _Found | None = None
    if text.find("/", lo, hi) < 0:  # every number holds a slash ("15/CT-TTg", "283-TB/TU")
        return out
    for m in _numbers(text, lo, hi):
        p = number_from_match(m)
        if p is None or p.number is None:
            continue
        start = m.start()
        window_lo = max(lo, start - _WINDOW, prev.end if prev is not None else lo)
        toks = _tokens_before(folded, window_lo, start)
        cue = _cue_before(toks)
        law = None if cue else _law_before(doc, toks)
        in_list = (
            prev is not None
            and cue is None
            and law is None
            and prev.end <= start
            and g.LIST_GAP.match(folded, prev.end, start) is not None
        )
        if cue is None and law is None and not in_list and not _stands_alone(p, m.group(0)):
            continue
        if number_key(p.number) in own:
            prev = None
            continue
        f = _Found(start=start, end=m.end(), num_start=start, parsed=p, doc_type=None, rule="")
        if cue is not None:
            f.start, named = cue
            if named in g.generic_words():
                f.doc_type, f.rule = _type_from_number(p), "citation_generic"
            else:
                f.doc_type, f.rule = doc_type_from_name(named), "citation_named"
        elif law is not None:
            f.start, law_name, t0, t1 = law
            f.doc_type, f.rule = doc_type_from_name(law_name), "citation_law_number"
            f.title = _squash(doc.text[t0:t1])
        elif in_list and prev is not None:
            coded = doc_type_from_code(p.type_code, p.style) if p.type_code else None
            f.doc_type = coded if coded is not None and coded != prev.doc_type else prev.doc_type
            f.rule = "citation_list"
        else:
            f.doc_type, f.rule = _type_from_number(p), "citation_number"
        _follow(doc, f, bounds, hi, ref_date)
        out.append(f)
        if len(out) >= _MAX_FOUND:
            break
        prev = f
    return out


def _numbers(text: str, lo: int, hi: int) -> Iterator[regex.Match[str]]:
    """The matches of ``scan(NUMBER_SCAN, text, lo, hi)``, with NUMBER_SCAN tried only where
    :data:`~chidao.grammar.citations.NUMBER_START` finds the start of one (a faster scan)."""
    guard = hi - lo > GUARDED_SCAN_CHARS
    pos = lo
    while pos < hi:
        c = g.NUMBER_START.search(text, pos, hi, timeout=SCAN_TIMEOUT_S if guard else None)
        if c is None:
            return
        m = NUMBER_SCAN.match(text, c.start(), hi)
        if m is None:  # the lookbehind holds, the rest of a number does not: try past this start
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


_Tok = tuple[int, str]
_PUNCT = "(\"'[,;:.-"


def _tokens_before(folded: str, lo: int, pos: int) -> list[_Tok]:
    """The words before ``pos`` (back to ``lo``), without the "số" (or "số:") that opens the number."""
    window = folded[max(lo, pos - 90) : pos]
    words = window.split()[-12:]
    toks: list[_Tok] = []
    at = len(window)
    for w in reversed(words):
        at = window.rfind(w, 0, at)
        toks.append((pos - len(window) + at, w))
    toks.reverse()
    while toks and toks[-1][1] in (":", "."):
        toks.pop()
    if toks and toks[-1][1].rstrip(":.") in g.number_words():
        toks.pop()
    return toks


def _cue_before(toks: list[_Tok]) -> tuple[int, str] | None:
    """(start, folded name) of the type's name (or "văn bản") ending the words, past qualifiers ("khẩn")."""
    i = len(toks)
    names = g.all_names()
    for _ in range(3):
        for k in range(min(5, i), 0, -1):
            cand = " ".join(w for _, w in toks[i - k : i])
            stripped = cand.lstrip(_PUNCT)
            if stripped in names:
                return toks[i - k][0] + len(cand) - len(stripped), stripped
        tail = tuple(w for _, w in toks[max(0, i - 3) : i])
        q = next((q for q in g.qualifier_tokens() if len(q) < i and tail[-len(q) :] == q), None)
        if q is None:
            return None
        i -= len(q)
    return None


def _law_before(doc: Document, toks: list[_Tok]) -> tuple[int, str, int, int] | None:
    """A named law before its number: (start, law word, title start, title end) of "Luật Đất đai số"."""
    text = doc.text
    for j in range(len(toks) - 2, max(-1, len(toks) - 12), -1):
        pos, word = toks[j]
        if word.endswith((";", ".", ":", ")")):
            return None
        law = " ".join(w for _, w in toks[max(0, j - 1) : j + 1])
        if law not in g.law_words():
            law = word
            if law not in g.law_words():
                continue
        else:
            pos = toks[j - 1][0]
        title_start = toks[j + 1][0]
        if not (text[pos].isupper() and text[title_start].isupper()):
            return None
        last_pos, last = toks[-1]
        return pos, law, title_start, last_pos + len(last)
    return None


def _stands_alone(p: ParsedNumber, written: str) -> bool:
    """A number with no cue before it is a citation only when its codes are known and written as codes."""
    if not any(c.isupper() for c in written):
        return False
    if p.type_code is not None:
        return True
    return p.issuer_code is not None and canonical_issuer_code(p.issuer_code) is not None


def _type_from_number(p: ParsedNumber) -> DocType | None:
    if p.doc_type is not None:
        return p.doc_type
    if p.style == "state" and p.year is None and p.type_code is None and p.issuer_code:
        # Nghị định 30/2020/NĐ-CP: a Công văn's number has no type code ("1234/UBND-KGVX")
        return DocType.CONG_VAN
    return None


def _follow(doc: Document, f: _Found, bounds: _ClauseEnds, hi: int, ref_date: dt.date | None) -> None:
    """Read the date, the issuer and the title after a number (in either order of date and issuer)."""
    folded = doc.folded
    limit = min(hi, bounds.end(f.num_start, hi))
    pos = f.end
    date_m = g.DATE.match(folded, pos, limit)
    if date_m is not None:
        f.date = _date(date_m, ref_date)
        pos = f.end = date_m.end()
    issuer = _issuer(doc, pos, limit)
    if issuer is not None:
        f.issuer, pos = issuer
        f.end = pos
        if date_m is None:
            date_m = g.DATE.match(folded, pos, limit)
            if date_m is not None:
                f.date = _date(date_m, ref_date)
                pos = f.end = date_m.end()
    title = _title(doc, pos, limit)
    if title is not None:
        f.title, f.title_span = title[0], (title[1], title[2])


def _date(m: regex.Match[str], ref_date: dt.date | None) -> dt.date | None:
    d = m.group("d") or m.group("d2")
    mo = m.group("m") or m.group("m2")
    y = m.group("y") or m.group("y2")
    try:
        day, month = int(d), int(mo)
        if y:
            return dt.date(int(y), month, day)
        if ref_date is None:
            return None
        guess = dt.date(ref_date.year, month, day)
        if guess > ref_date:  # a cited document is older than the notice
            guess = dt.date(ref_date.year - 1, month, day)
        return guess
    except (TypeError, ValueError):
        return None


def _issuer(doc: Document, pos: int, limit: int) -> tuple[str, int] | None:
    m = g.ISSUER_START.match(doc.folded, pos, limit)
    if m is None:
        return None
    start = m.end()
    known = g.ISSUER_NAME.match(doc.folded, start, limit)
    scan_from = known.end() if known is not None else start
    stop_at = min(limit, max(start + _ISSUER_MAX, scan_from))
    end = stop_at
    for s in scan(g.ISSUER_STOP, doc.text, scan_from, stop_at):
        if s.group(0) == "," and _comma_idiom(doc.folded, s.start()):
            continue
        end = s.start()
        break
    # "và" joins two issuers only before a capital word that does not name a document type
    for v in scan(_AND, doc.folded, scan_from, end):
        nxt = v.end()
        if not doc.text[nxt : nxt + 1].isupper() or doc_type_from_name(doc.folded[nxt : nxt + 30]) is not None:
            end = v.start()
            break
    name = _squash(doc.text[start:end])
    if not name or not name[0].isupper():
        return None
    end = start + len(doc.text[start:end].rstrip())
    return name, end


def _comma_idiom(folded: str, comma: int) -> bool:
    for idiom in g.words("name_comma"):
        head, _, _ = idiom.partition(",")
        if folded.startswith(idiom, comma - len(head)):
            return True
    return False


def _title(doc: Document, pos: int, limit: int) -> tuple[str, int, int] | None:
    m = g.TITLE_START.match(doc.folded, pos, limit)
    if m is None:
        return None
    start = m.start("cue")
    stop_at = min(limit, m.end() + _TITLE_MAX)
    if m.group("q"):
        close = doc.text.find('"', m.end(), stop_at)
        end = close if close >= 0 else stop_at
    else:
        e = g.TITLE_END.search(doc.text, m.end(), stop_at)
        end = e.start() if e is not None else stop_at
    raw = doc.text[start:end].rstrip(" ,;\n\t")
    if len(raw) <= len(m.group("cue")):
        return None
    return _squash(raw), start, start + len(raw)


def _end_titles(text: str, found: list[_Found]) -> None:
    """A title ends where the next citation starts ("về giao dự toán ... và Thông tư số 88/...")."""
    for f, nxt in itertools.pairwise(found):
        if f.title_span is None or nxt.start >= f.title_span[1]:
            continue
        head = text[f.title_span[0] : nxt.start]
        cut = _trim_tail(head)
        f.title_span = (f.title_span[0], f.title_span[0] + len(cut))
        f.title = _squash(cut) or None


def _trim_tail(head: str) -> str:
    """``head`` without the punctuation and joining words it ends with ("..., và", "... theo")."""
    tails = g.written_words("title_tail")
    for _ in range(12):
        head = head.rstrip(" \t\n,;")
        word = next((w for w in tails if head.endswith(w) and not head[-len(w) - 1 : -len(w)].isalpha()), None)
        if word is None:
            break
        head = head[: -len(word)]
    return head


def _squash(s: str) -> str:
    return str(_WS.sub(" ", s)).strip()


# -- citations without a number -------------------------------------------------------------


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of ``taken`` (sorted, non-overlapping spans)."""
    j = bisect.bisect_right(taken, (start, 1 << 62)) - 1
    return any(0 <= k < len(taken) and taken[k][0] < end and start < taken[k][1] for k in (j, j + 1))


def _word_start(folded: str, pos: int) -> bool:
    return pos == 0 or not folded[pos - 1].isalnum()


def _serial_only(doc: Document, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[_Found]:
    out = []
    folded = doc.folded
    for m in scan(g.SERIAL_ONLY, folded, lo, hi):
        if not _word_start(folded, m.start()) or _overlaps(taken, m.start(), m.end()):
            continue
        w0 = max(lo, m.start() - _WINDOW)
        named = g.NAME_BEFORE_SO.search(folded, w0, m.start())
        if named is None:
            continue
        f = _Found(named.start(), m.end(), m.start("serial"), None, doc_type_from_name(named.group("name")), "")
        f.rule = "citation_serial_only"
        f.serial = int(m.group("serial"))
        out.append(f)
        if len(out) >= _MAX_FOUND:
            break
    return out


def _named_laws(doc: Document, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[_Found]:
    out = []
    folded, text = doc.folded, doc.text
    starts = sorted(m.start() for p in g.LAW_WORDS for m in scan(p, folded, lo, hi))
    for word_at in starts:
        if not _word_start(folded, word_at):
            continue
        bo = word_at - 3  # "Bộ luật" is "luật" with "Bộ " before it
        pos = bo if bo >= lo and folded[bo:word_at] == "bo " and _word_start(folded, bo) else word_at
        m = g.NAMED_LAW.match(folded, pos, hi)
        if m is None or not text[m.start()].isupper() or _overlaps(taken, m.start(), m.end()):
            continue
        has_name = m.group("name") is not None and text[m.start("name")].isupper()
        if not has_name and m.group("year") is None:
            continue
        f = _Found(m.start(), m.end(), m.start(), None, doc_type_from_name(m.group("law")), "citation_named_law")
        if has_name:
            f.title = _squash(text[m.start("name") : m.end("name")])
        if m.group("year"):
            f.year = int(m.group("year"))
        out.append(f)
        if len(out) >= _MAX_FOUND:
            break
    return out


def _name_before(folded: str, pos: int, lo: int) -> tuple[int, str] | None:
    """The type's name (or "văn bản") that ends just before ``pos``, up to five words long."""
    w0 = max(lo, pos - 48)
    window = folded[w0:pos]
    if not window or not window[-1].isspace():
        return None
    if not window.rstrip().endswith(g.name_ends()):  # the last word must end a name (most do not)
        return None
    spans = [(w.start(), w.group(0)) for w in scan(_WORD, window)][-5:]
    names = g.all_names()
    for k in range(len(spans), 0, -1):
        first = spans[-k][0]
        cand = " ".join(w for _, w in spans[-k:])
        stripped = cand.lstrip("(\"'[,;:.-")
        if stripped in names:
            return w0 + first + (len(cand) - len(stripped)), stripped
    return None


_WORD = regex.compile(r"\S+")


# -- 3. resolution ---------------------------------------------------------------------------


def _resolve_serials(found: list[_Found]) -> tuple[list[_Found], list[tuple[_Found, int]]]:
    """Bare serials ("Nghị quyết số 128") that a full citation explains become references to it."""
    full: dict[tuple[DocType | None, int | None], _Found] = {}
    for f in found:
        if f.parsed is not None:
            full.setdefault((f.doc_type, f.parsed.serial), f)
    kept: list[_Found] = []
    pending: list[tuple[_Found, _Found]] = []
    for f in found:
        target = full.get((f.doc_type, f.serial)) if f.rule == "citation_serial_only" else None
        if target is not None:
            pending.append((f, target))
        else:
            kept.append(f)
    index = {id(f): i for i, f in enumerate(kept)}
    return kept, [(f, index[id(t)]) for f, t in pending]


def _share_mentions(found: list[_Found]) -> None:
    """Mentions of one number share their date, issuer and title (eyecite's resolution to one resource)."""
    by_key: dict[str, list[_Found]] = {}
    for f in found:
        if f.parsed is not None and f.parsed.number:
            by_key.setdefault(number_key(f.parsed.number), []).append(f)
    for group in by_key.values():
        if len(group) < 2:
            continue
        date = next((f.date for f in group if f.date is not None), None)
        issuer = next((f.issuer for f in group if f.issuer), None)
        title = next((f.title for f in group if f.title), None)
        for f in group:
            f.date = f.date or date
            f.issuer = f.issuer or issuer
            f.title = f.title or title


def _to_model(text: str, f: _Found, province: str | None) -> Citation:
    p = f.parsed
    issuer = f.issuer
    if issuer is None and p is not None and p.issuer_code:
        issuer = issuer_name(p.issuer_code, province)
    end = f.end
    while end > f.start and text[end - 1] in " \t\n,":
        end -= 1
    return Citation.trusted(  # every value is read and checked already
        text=text[f.start : end],
        span=Span.trusted(start=f.start, end=end),
        doc_type=f.doc_type,
        number=p.number if p is not None else None,
        serial=p.serial if p is not None else f.serial,
        year=(p.year if p is not None else None) or f.year,
        symbol=p.symbol if p is not None else None,
        issuer_code=p.issuer_code if p is not None else None,
        issuer=issuer,
        date=f.date,
        title=f.title,
        rule=f.rule,
        title_span=Span.trusted(start=f.title_span[0], end=f.title_span[1]) if f.title_span and f.title else None,
        unit=p.unit if p is not None else None,
    )


def _short_refs(doc: Document, lo: int, hi: int, citations: list[Citation], ctx: Context) -> list[Reference]:
    own_type = ctx.meta.doc_type
    if own_type is None and ctx.meta.number:
        p = parse_number(ctx.meta.number)
        own_type = p.doc_type if p is not None else None
    own_names = set(self_names(own_type))
    taken = [(c.span.start, c.span.end) for c in citations]
    out: list[Reference] = []
    last_of: dict[DocType | None, int] = {}  # the latest citation of each type before the reference
    last_any: int | None = None
    k = 0
    for ref_start, ref_end, named, short in _short_mentions(doc, lo, hi):
        while k < len(citations) and citations[k].span.end <= ref_start:
            last_of[citations[k].doc_type] = k
            last_any = k
            k += 1
        if _overlaps(taken, ref_start, ref_end) or doc.in_chrome(ref_start):
            continue
        generic = named in g.generic_words()
        dtype = None if generic else doc_type_from_name(named)
        prior = last_any if generic else last_of.get(dtype)
        is_self = dtype is not None and dtype.value in own_names
        this = short == "nay"
        target: int | None = None
        to_self = False
        if this and (is_self or own_type is None or prior is None):
            # "X này" is the notice itself unless the notice is of another type and cites an X
            to_self = is_self or own_type is None
        elif prior is not None:
            target = prior
        elif is_self:
            to_self = True
        span = Span.trusted(start=ref_start, end=ref_end)
        rule = "reference_this" if this else "reference_above"
        out.append(
            Reference.trusted(
                text=doc.text[span.start : span.end],
                span=span,
                target=target,
                to_self=to_self,
                doc_type=dtype,
                rule=rule,
            )
        )
    return out


def _short_mentions(doc: Document, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
    """(start, end, folded type name, folded short word) of "Công điện nêu trên", "Kết luận này"."""
    folded = doc.folded
    hits: dict[int, tuple[int, int, str]] = {}  # by end: the longest short word ending there
    for m, needs_end in _short_words(folded, lo, hi):
        if not _word_start(folded, m.start()):
            continue
        if needs_end and g.SHORT_END_AFTER.match(folded, m.end(), hi) is None:
            continue
        old = hits.get(m.end())
        if old is None or m.start() < old[0]:
            hits[m.end()] = (m.start(), m.end(), " ".join(m.group(0).split()))
    out = []
    for start, end, short in sorted(hits.values()):
        named = _name_before(folded, start, lo)
        if named is not None:
            out.append((named[0], end, named[1], short))
            if len(out) >= _MAX_FOUND:
                break
    return out


def _short_words(folded: str, lo: int, hi: int) -> list[tuple[regex.Match[str], bool]]:
    """The matches of every scan of ``g.SHORT_WORDS`` and ``g.SHORT_END_WORDS`` over ``folded[lo:hi]``
    (with whether the word is one of SHORT_END_WORDS), found from one pass per anchor word: each
    word is tried only where its anchor is, its first words found backwards from there."""
    out: list[tuple[regex.Match[str], bool]] = []
    for anchor in g.SHORT_ANCHORS:
        word = anchor.word
        found: list[list[regex.Match[str]]] = [[] for _ in anchor.members]
        after = len(word)
        at = folded.find(word, lo, hi)
        while at >= 0:
            # the words before the anchor end just before it, the word after it starts just after
            # it (past spaces): cheap tests that skip most anchors before a pattern is tried
            before = folded[max(lo, at - anchor.reach) : at].rstrip() if anchor.last_leads else ""
            led = before.endswith(anchor.last_leads) if before else False
            for k, w in enumerate(anchor.members):
                start = at
                if w.next_word and not folded[at + after : at + after + 3 + len(w.next_word)].lstrip().startswith(
                    w.next_word
                ):
                    continue
                if w.lead is not None:
                    if not (led and before.endswith(w.last_lead)):
                        continue
                    b = w.lead.search(folded, max(lo, at - w.reach), at)
                    if b is None:
                        continue
                    start = b.start()
                m = w.pattern.match(folded, start, hi)
                if m is not None:
                    found[k].append(m)
            at = folded.find(word, at + 1, hi)
        for w, matches in zip(anchor.members, found, strict=True):
            matches.sort(key=lambda m: m.start())
            end = lo
            for m in matches:  # as a scan gives them: from the left, none overlapping the one before
                if m.start() >= end:
                    out.append((m, w.needs_end))
                    end = m.end()
    return out


def _serial_reference(text: str, f: _Found, target: int) -> Reference:
    span = Span.trusted(start=f.start, end=f.end)
    return Reference.trusted(
        text=text[f.start : f.end],
        span=span,
        target=target,
        to_self=False,
        doc_type=f.doc_type,
        rule="reference_serial",
    )

