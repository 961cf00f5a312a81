"""Tasks: who must do what, by when: clauses split into tasks with actors, verbs, deadlines.

A task is one sentence of a clause, or the part of a sentence that starts at ";" or ":" with
a new subject ("...; Sở Tài chính bố trí kinh phí ..."). Its actors come from
:func:`chidao.extract.actors.analyze`; a task that names no subject inherits one, nearest first:

1. the previous task of the same clause text ("Tăng cường ..." after "Công an tỉnh phối hợp ...");
2. the clause above: its heading ("2.3. Sở Y tế:"), its lead-in ("Đề nghị X chỉ đạo:",
   "..., yêu cầu A, B ... thực hiện tốt các nhiệm vụ sau:") or its last subject;
3. for a top-level clause, the lead-in paragraph before it ("Ban Thường vụ Tỉnh ủy yêu cầu
   các cấp ủy, ... thực hiện tốt một số nhiệm vụ sau:").

Praise, assessment and context ("Biểu dương ...", "Tuy nhiên, ...", "Đến nay, ...") make no
task. Deadlines and citations go to the task whose span holds them; a deadline outside every
task goes to a task of its own clause (made for it if the clause has none): none is lost.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from typing import Any

from chidao.document import Context, Document
from chidao.extract.actors import (
    _FEATURES,
    MARKS_BIT,
    STOPS_BIT,
    Analysis,
    Found,
    _Parser,
    _skip_discourse,
    _subject,
    analyze,
)
from chidao.extract.verbs import scan
from chidao.grammar.actors import Tokens, first_words, role_cues, tokenize_columns
from chidao.models import ActorRef, Citation, Clause, Deadline, Span, Task
from chidao.textutil import fold

__all__ = ["find_tasks"]

_PRIMARY = {"lead", "assignee", "requested", "supervise"}
# the words that can open an actor or a task: a clause with none of them has no task
_OPENING = frozenset(
    {
        "head",
        "title",
        "coll",
        "unit",
        "det",
        "agency",
        "embed",
        "honorific",
        "verb",
        "cue",
        "adverb",
        "modality",
        "urgency",
    }
)
_VERBS = frozenset({"verb"})
_MAX_CLAUSE_CHARS = 50_000  # the longest clause text read for tasks (hostile input)
_TITLE_MAX = 16  # tokens of a title before ":" ("Trong lĩnh vực sản xuất:")
_RUN_GAP = 256  # clauses closer than this (characters) are tokenized in one run
_RUN_MAX = 1 << 16  # characters of a run at most (memory)
_PROBE = 512  # characters searched for an opening word before all words of a run are listed
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Carried:
    """An actor handed down to tasks that name none."""

    ref: ActorRef
    source: str  # clause id


@dataclass
class _Piece:
    start: int  # token index
    end: int
    analysis: Analysis


@dataclass(slots=True)
class _ClauseTasks:
    clause: Clause
    label: str | None
    path: str | None
    tasks: list[dict[str, Any]] = field(default_factory=list)  # Task fields, deadlines and citations to come


@dataclass
class _Run:
    """A stretch of the body holding the read ranges of consecutive clauses, tokenized once."""

    start: int
    end: int
    ranges: list[tuple[int, int]]
    toks: Tokens | None = None
    opens: bool | None = None  # whether a word of it can open an actor or a task


class _Tokens:
    """The body's tokens, made run by run (one tokenizer pass for many clauses) on first use.

    Runs are tokenized in reading order and only the one in use is kept (bounded memory); a run
    in which no word can open an actor or a task (checked on ``folded``) is never tokenized.
    """

    def __init__(self, text: str, folded: str, ranges: list[tuple[int, int]], openers: frozenset[str]) -> None:
        self.text = text
        self.folded = folded if len(folded) == len(text) else fold(text)
        self.openers = openers
        self.runs: list[_Run] = []
        self.current: _Run | None = None
        # the run being grown, in locals (a loop over every clause: a text may have 100,000)
        run_start = run_end = 0
        run_ranges: list[tuple[int, int]] | None = None
        for r in sorted([r for r in ranges if r[1] > r[0]]):
            a, b = r
            far = b if b > run_end else run_end
            if run_ranges is not None and a <= run_end + _RUN_GAP and far - run_start <= _RUN_MAX:
                run_end = far
                run_ranges.append(r)
            else:
                if run_ranges is not None:
                    self.runs.append(_Run(run_start, run_end, run_ranges))
                run_start, run_end, run_ranges = a, b, [r]
        if run_ranges is not None:
            self.runs.append(_Run(run_start, run_end, run_ranges))
        self.run_starts = [r.start for r in self.runs]

    def _opens(self, run: _Run) -> bool:
        """Whether some word of the run's ranges may open an actor or a task (exact when it says no)."""
        f = self.folded
        if not self.openers.isdisjoint(_WORD.findall(f, run.start, min(run.end, run.start + _PROBE))):
            return True  # (perhaps in a gap between ranges, or a word cut: the clauses then say no)
        # the words of each range, as the tokenizer cuts them at its edges
        return not self.openers.isdisjoint(_WORD.findall(" ".join([f[a:b] for a, b in run.ranges])))

    def _load(self, run: _Run) -> Tokens:
        if run.toks is None:
            if self.current is not None and self.current is not run:
                self.current.toks = None  # reading has moved on: free it
            run.toks = tokenize_columns(self.text, run.start, run.end)
            self.current = run
        return run.toks

    def slice(self, start: int, end: int) -> Tokens:
        """The tokens of ``text[start:end]`` (as ``tokenize_columns`` gives them); none when no
        word of the range can open an actor or a task."""
        got = self.read(start, end)
        return Tokens.empty() if got is None else got

    def read(self, start: int, end: int) -> Tokens | None:
        """:meth:`slice`, but ``None`` (no object made) when no word of the run of the range can
        open an actor or a task: what most clauses of a text without tasks get."""
        r = bisect_right(self.run_starts, start) - 1
        if r < 0 or end > self.runs[r].end:
            return tokenize_columns(self.text, start, end)
        run = self.runs[r]
        opens = run.opens
        if opens is None:
            opens = run.opens = self._opens(run)
        if not opens:
            return None
        toks = self._load(run)
        starts, ends = toks.start, toks.end
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        head = lo > 0 and ends[lo - 1] > start  # a word cut by the start
        tail = hi > lo and ends[hi - 1] > end  # a word cut by the end
        if not head and not tail:
            return toks.slice(lo, hi)
        parts = [tokenize_columns(self.text, start, min(ends[lo - 1], end))] if head else []
        if hi > lo:
            parts.append(toks.slice(lo, hi - 1) if tail else toks.slice(lo, hi))
            if tail:
                parts.append(tokenize_columns(self.text, starts[hi - 1], end))
        return Tokens.join(parts)


@cache
def _issuer_words() -> frozenset[str]:
    """The cues by which the issuer asks or assigns ("yêu cầu", "giao"): not the task's verbs."""
    return frozenset(cue for cue, rc in role_cues().items() if rc.rule.startswith(("request_", "assign_")))


def _as_supervisor(r: ActorRef) -> ActorRef:
    return r.model_copy(update={"role": "supervise"}) if r.role == "lead" else r


def _sentences(toks: Tokens, stops: list[int]) -> list[tuple[int, int]]:
    """Token ranges of sentences: a full stop before a capital letter, a quote or the end
    (``stops``: where ".!?" are)."""
    out = []
    s = 0
    n = len(toks)
    word, cap, text = toks.word, toks.cap, toks.text
    for k in stops:
        if k + 1 >= n or (word[k + 1] and cap[k + 1]) or text[k + 1] in '"(':
            if k + 1 > s:
                out.append((s, k + 1))
            s = k + 1
    if s < n:
        out.append((s, n))
    return out


def _label_ends_at(p: _Parser, start: int, end: int) -> bool:
    """Whether a role cue that ends with its colon ("Cơ quan chủ trì:") opens ``[start, end)``."""
    i = _skip_discourse(p, start, end)
    lab = p.m(i, "cue")
    return lab is not None and i + len(lab) == end


def _pieces(p: _Parser, toks: Tokens, s: int, e: int, marks: list[int]) -> list[_Piece]:
    """A sentence cut where ";" or ":" is followed by a new subject (``marks``: where ";:()" are)."""
    cuts = [s]
    first_end, first, _ = _subject(p, _skip_discourse(p, s, e), e)
    depth = 0
    verbs: list[int] | None = None
    text = toks.text
    for k in marks[bisect_left(marks, s) : bisect_left(marks, e - 1)]:
        mark = text[k]
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(0, depth - 1)
        if mark not in ";:" or depth or (first and k < first_end):
            continue
        if mark == ":" and _label_ends_at(p, cuts[-1], k + 1):
            continue  # "Cơ quan chủ trì: Sở Tài chính": the colon is the label's
        j = _skip_discourse(p, k + 1, e)
        _, ms, what = _subject(p, j, e)
        if ms and what in ("predicate", "context"):
            if mark == ":":
                cuts.append(k + 1)
                continue
            # "Yêu cầu A; B; C thực hiện": no verb yet, so the list goes on past ";" (the verbs
            # are listed only when a ";" may cut: most sentences never need them)
            if verbs is None:
                hits = p.hits_between(s, e, _VERBS)
                verbs = [x for x in hits if p.m(x, "verb") is not None and p.m(x, "cue") is None]
            if bisect_left(verbs, k) > bisect_left(verbs, cuts[-1]):
                cuts.append(k + 1)
                continue
        elif mark == ":" and k - cuts[-1] <= _TITLE_MAX:
            cuts.append(k + 1)  # "Trong lĩnh vực sản xuất: ..." a title, then the task
    cuts.append(e)
    return [_Piece(a, b, analyze(toks, a, b, parser=p)) for a, b in pairwise(cuts) if b > a]


def _read_range(c: Clause) -> tuple[int, int]:
    """The characters of ``c`` read for tasks: its own words (after its marker), at most
    ``_MAX_CLAUSE_CHARS``. (Called for every clause: one call, no ``min``.)"""
    span = c.span
    start = span.start
    marker = c.marker
    if marker and c.text.startswith(marker):
        start += len(marker)
    end = span.end
    limit = start + _MAX_CLAUSE_CHARS
    return start, end if end < limit else limit


class _Builder:
    def __init__(self, doc: Document, ctx: Context, quoted: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.ctx = ctx
        # the spans of citations and deadlines, in order: no task verb inside them ("ngày làm
        # việc", "Kế hoạch số 12/KH-UBND về tiêm chủng")
        self.quoted = sorted(quoted or [])
        self.quoted_starts = [a for a, _ in self.quoted]
        self.by_clause: list[_ClauseTasks] = []
        self.openers = first_words(_OPENING)
        # the read range of each clause, in the order the walk visits them (depth first)
        self.ranges = list(map(_read_range, doc.iter_clauses()))
        self.visited = 0
        self.tokens = _Tokens(doc.text, doc.folded, self.ranges, self.openers)

    # -- actor references -----------------------------------------------------------------

    def ref(self, toks: Tokens, f: Found) -> ActorRef:
        m = f.mention
        start, end = toks.start[m.start], toks.end[m.end - 1]
        return ActorRef.trusted(
            name=m.name,
            text=self.doc.text[start:end],
            span=Span.trusted(start=start, end=end),
            kind=m.kind,
            role=f.role,
            inherited_from=None,
            rule=f.rule,
            title=m.title,
        )

    @staticmethod
    def inherit(carried: list[_Carried], how: str) -> list[ActorRef]:
        return [c.ref.model_copy(update={"span": None, "inherited_from": c.source, "rule": how}) for c in carried]

    # -- clauses ------------------------------------------------------------------------------

    def clause(self, c: Clause, anchor: Clause | None, carry: list[_Carried]) -> list[_Carried]:
        """Tasks of ``c`` (not its children); returns what its children inherit."""
        ct = _ClauseTasks(c, None, None) if anchor is None else _ClauseTasks(c, anchor.label, anchor.path)
        self.by_clause.append(ct)
        k = self.visited
        self.visited = k + 1
        ranges = self.ranges
        start, end = ranges[k] if k < len(ranges) else _read_range(c)
        if c.span.end > end:  # no real clause is this long: read its beginning only
            self.ctx.warn(
                "tasks_clause_truncated",
                f"clause {c.id} is {c.span.end - start} characters long; tasks were read in its first "
                f"{_MAX_CLAUSE_CHARS} only",
                Span(start=start, end=c.span.end),
            )
        toks = self.tokens.read(start, end)
        if toks is None or self.openers.isdisjoint(toks.key):
            return carry  # no word can open an actor or a task
        p = _Parser(toks)
        marks = p.tagged(MARKS_BIT)  # ";:()"
        stops = p.tagged(STOPS_BIT)  # ".!?"
        prev: list[_Carried] = []
        request: list[_Carried] = []  # objects of the last "yêu cầu/đề nghị/giao X"
        heading: list[_Carried] = []
        last_own_subject = False
        pieces = [pc for s, e in _sentences(toks, stops) for pc in _pieces(p, toks, s, e, marks)]
        text = toks.text
        ends_with_colon = text[-1] == ":"
        for idx, pc in enumerate(pieces):
            a = pc.analysis
            last = idx == len(pieces) - 1
            if a.context:
                continue
            own = [self.ref(toks, f) for f in a.found]
            own_primary = [_Carried(r, c.id) for r in own if r.role in _PRIMARY]
            requested = [x for x in own_primary if x.ref.rule and x.ref.rule.startswith(("request_", "assign_"))]
            if requested:
                request = requested
            title = text[pc.end - 1] == ":" and not last
            if a.heading:
                heading = own_primary
                prev = own_primary
                last_own_subject = True
                if c.children or not last:
                    continue
            elif title and not own_primary:
                continue
            if a.subject or a.issuer_voice:
                actors = own
                last_own_subject = bool(a.subject)
            elif a.imperative or own:
                source = prev or carry
                how = "inherit_previous" if prev else "inherit_clause"
                if text[pc.end - 1] == ":" and request:
                    source, how = request, "inherit_lead_in"
                inherited = self.inherit(source, how)
                if a.directs:  # "- Chỉ đạo các cơ sở y tế ...": the inherited body directs them
                    inherited = [_as_supervisor(r) for r in inherited]
                actors = inherited + own
                last_own_subject = False
            else:
                continue
            primary = [_Carried(r, r.inherited_from or c.id) for r in actors if r.role in _PRIMARY]
            if primary:
                prev = primary
            self.add_task(ct, toks, pc, actors, p)
        if heading:
            return heading
        if ends_with_colon and not last_own_subject and request:
            return request
        return prev or carry

    def add_task(self, ct: _ClauseTasks, toks: Tokens, pc: _Piece, actors: list[ActorRef], p: _Parser) -> None:
        a = pc.analysis
        s, e = toks.start[pc.start], toks.end[pc.end - 1]
        if ct.clause.kind in ("roman", "lettered", "paragraph") and not actors and self.doc.text[s:e].isupper():
            return  # a section title in capitals ("I. ĐÁNH GIÁ CHUNG", "QUYẾT ĐỊNH:") assigns nothing
        hits = p.hits_between(pc.start, pc.end, _FEATURES)
        skip = a.spans + self.quoted_tokens(toks, pc.start, pc.end, s, e) if self.quoted else a.spans
        verbs, modality, urgency = scan(toks, pc.start, pc.end, skip, p.look, hits)
        verbs = [v for v in verbs if v not in _issuer_words()]  # "yêu cầu", "giao": the issuer's
        seen: set[tuple[str, str]] = set()
        uniq = []
        for r in actors:
            k = (r.name, r.role)
            if k not in seen:
                seen.add(k)
                uniq.append(r)
        ct.tasks.append(
            {
                "clause_id": ct.clause.id,
                "clause_label": ct.label,
                "clause_path": ct.path,
                "text": self.doc.text[s:e],
                "span": Span.trusted(start=s, end=e),
                "actors": uniq,
                "verbs": verbs,
                "urgency": urgency,
                "modality": modality,
            }
        )

    def quoted_tokens(self, toks: Tokens, lo: int, hi: int, s: int, e: int) -> list[tuple[int, int]]:
        """Token spans within ``toks[lo:hi]`` (characters ``[s, e)``) of the citations and deadlines."""
        out = []
        starts = toks.start
        k = max(0, bisect_left(self.quoted_starts, s) - 1)  # one may start before s and reach in
        for a, b in self.quoted[k:]:
            if a >= e:
                break
            if b <= s:
                continue
            i = bisect_left(starts, a, lo, hi)
            j = bisect_left(starts, b, i, hi)
            if j > i:
                out.append((i, j))
        return out

    def walk(self, clauses: list[Clause], anchor: Clause | None, carry: list[_Carried], top: bool = True) -> None:
        """Tasks of ``clauses`` and their children; ``anchor``: the nearest numbered clause above."""
        doc_carry = carry
        clause, walk = self.clause, self.walk  # (a text may have 100,000 clauses)
        for c in clauses:
            kind = c.kind
            here = c if kind == "numbered" else anchor
            children = c.children
            if top and kind == "paragraph":
                got = clause(c, here, [])
                if c.text.rstrip().endswith(":"):
                    doc_carry = got
                if children:
                    walk(children, here, got, top=False)
                continue
            got = clause(c, here, doc_carry)
            if children:
                walk(children, here, got, top=False)


class _ByStart:
    """Deadlines or citations sorted by where they start: those inside a span in ``log n``."""

    def __init__(self, items: list[Deadline] | list[Citation]) -> None:
        self.order = sorted(range(len(items)), key=lambda k: items[k].span.start)
        self.starts = [items[k].span.start for k in self.order]
        self.ends = [items[k].span.end for k in range(len(items))]

    def inside(self, span: Span) -> list[int]:
        """Indices (in the original order) of the items within ``span``."""
        lo = bisect_left(self.starts, span.start)
        hi = bisect_right(self.starts, span.end, lo)
        ends = self.ends
        return sorted(k for k in self.order[lo:hi] if ends[k] <= span.end)


class _Homes:
    """The clause a deadline outside every task belongs to: the first clause whose span holds
    it, else the last clause that starts before it, else the first clause."""

    def __init__(self, ct: list[_ClauseTasks]) -> None:
        self.spans = [(x.clause.span.start, x.clause.span.end) for x in ct]
        self.order = sorted(range(len(ct)), key=lambda i: self.spans[i][0])
        self.starts = [self.spans[i][0] for i in self.order]
        self.max_end = list(accumulate((self.spans[i][1] for i in self.order), max))
        self.max_index = list(accumulate(self.order, max))

    def home(self, span: Span) -> int | None:
        pos = bisect_right(self.starts, span.start)  # clauses that start at or before it
        best: int | None = None
        k = pos - 1
        while k >= 0 and self.max_end[k] >= span.end:
            i = self.order[k]
            if self.spans[i][1] >= span.end and (best is None or i < best):
                best = i
            k -= 1
        if best is not None:
            return best
        if pos > 0:
            return self.max_index[pos - 1]
        return 0 if self.spans else None


def _nearest(tasks: list[dict[str, Any]], start: int) -> int:
    """The task whose start is nearest ``start`` (the first of equals)."""
    starts = [t["span"].start for t in tasks]
    if all(a < b for a, b in pairwise(starts)):
        pos = bisect_left(starts, start)
        if pos == 0:
            return 0
        if pos == len(starts) or start - starts[pos - 1] <= starts[pos] - start:
            return pos - 1
        return pos
    return min(range(len(tasks)), key=lambda k: abs(starts[k] - start))


def _attach(ct: list[_ClauseTasks], deadlines: list[Deadline], citations: list[Citation]) -> list[Task]:
    """Deadlines and citations to the tasks that hold them; no deadline is lost."""
    dl_index = _ByStart(deadlines)
    cit_index = _ByStart(citations)
    placed = [False] * len(deadlines)
    for x in ct:
        for t in x.tasks:
            inside = dl_index.inside(t["span"])
            for k in inside:
                placed[k] = True
            t["deadlines"] = [deadlines[k] for k in inside]
            t["citations"] = [citations[k] for k in cit_index.inside(t["span"])]
    # deadlines outside every task: to a task of the clause whose own span holds them
    homes: _Homes | None = None
    extra: dict[int, list[Deadline]] = {}  # id of a task -> deadlines added to it
    for k, d in enumerate(deadlines):
        if placed[k]:
            continue
        homes = homes or _Homes(ct)
        home = homes.home(d.span)
        if home is None:
            continue
        x = ct[home]
        if x.tasks:
            t = x.tasks[_nearest(x.tasks, d.span.start)]
            extra.setdefault(id(t), []).append(d)
        else:
            own = Span.trusted(start=x.clause.span.start, end=x.clause.span.end)
            x.tasks.append(
                {
                    "clause_id": x.clause.id,
                    "clause_label": x.label,
                    "clause_path": x.path,
                    "text": x.clause.text,
                    "span": own,
                    "actors": [],
                    "verbs": [],
                    "urgency": [],
                    "modality": None,
                    "deadlines": [d],
                    "citations": [citations[i] for i in cit_index.inside(own)],
                }
            )
    out = []
    for x in ct:
        for t in x.tasks:
            more = extra.get(id(t))
            if more:
                t["deadlines"] = sorted([*t["deadlines"], *more], key=lambda z: z.span.start)
            out.append(Task.trusted(**t))
    return out


def find_tasks(doc: Document, ctx: Context, citations: list[Citation], deadlines: list[Deadline]) -> list[Task]:
    """Tasks in document order, with actors, verbs, modality, urgency, deadlines and citations."""
    quoted = [(x.span.start, x.span.end) for x in citations] + [(x.span.start, x.span.end) for x in deadlines]
    b = _Builder(doc, ctx, quoted)
    b.walk(doc.clauses, None, [])
    return _attach(b.by_clause, deadlines, citations)
