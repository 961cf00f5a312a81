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

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from chidao.document import Context, Document
from chidao.extract.actors import _FEATURES, Analysis, Found, _Parser, analyze
from chidao.extract.verbs import scan
from chidao.grammar.actors import Tok, first_words, role_cues, tokenize
from chidao.models import ActorRef, Citation, Clause, Deadline, Span, Task

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


@dataclass
class _ClauseTasks:
    clause: Clause
    label: str | None
    path: str | None
    tasks: list[Task] = field(default_factory=list)


@cache
def _issuer_words() -> frozenset[str]:
    """The cues by which the issuer asks or assigns ("yêu cầu", "giao"): not the task's verbs."""
    return frozenset(cue for cue, rc in role_cues().items() if rc.rule.startswith(("request_", "assign_giao")))


def _as_supervisor(r: ActorRef) -> ActorRef:
    return r.model_copy(update={"role": "supervise"}) if r.role == "lead" else r


def _own_start(c: Clause) -> int:
    """Where the clause's own words begin: after its marker."""
    if c.marker and c.text.startswith(c.marker):
        return c.span.start + len(c.marker)
    return c.span.start


def _sentences(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token ranges of sentences: a full stop before a capital letter, a quote or the end."""
    out = []
    s = 0
    n = len(toks)
    for k, t in enumerate(toks):
        if t.text in ".!?" and not t.word:
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is None or (nxt.word and nxt.cap) or nxt.text in '"(':
                if k + 1 > s:
                    out.append((s, k + 1))
                s = k + 1
    if s < n:
        out.append((s, n))
    return out


def _pieces(p: _Parser, toks: list[Tok], s: int, e: int) -> list[_Piece]:
    """A sentence cut where ";" or ":" is followed by a new subject."""
    from chidao.extract.actors import _skip_discourse, _subject

    cuts = [s]
    first_end, first, _ = _subject(p, _skip_discourse(p, s, e), e)
    depth = 0
    verbs: list[int] | None = None
    for k in range(s, e - 1):
        t = toks[k]
        if t.word:
            continue
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if t.text not in ";:" or depth or (first and k < first_end):
            continue
        j = _skip_discourse(p, k + 1, e)
        _, ms, what = _subject(p, j, e)
        # "Yêu cầu A; B; C thực hiện": no verb yet, so the list goes on past ";"
        if verbs is None:
            verbs = [x for x in p.hits(_VERBS) if p.m(x, "verb") is not None and p.m(x, "cue") is None]
        has_verb = bisect_left(verbs, k) > bisect_left(verbs, cuts[-1])
        if ms and what in ("predicate", "context") and (has_verb or t.text == ":"):
            cuts.append(k + 1)
        elif t.text == ":" and k - cuts[-1] <= _TITLE_MAX:
            cuts.append(k + 1)  # "Trong lĩnh vực sản xuất: ..." a title, then the task
    cuts.append(e)
    return [_Piece(a, b, analyze(toks, a, b, parser=p)) for a, b in pairwise(cuts) if b > a]


class _Builder:
    def __init__(self, doc: Document, ctx: Context) -> None:
        self.doc = doc
        self.ctx = ctx
        self.by_clause: list[_ClauseTasks] = []

    # -- actor references -----------------------------------------------------------------

    def ref(self, toks: list[Tok], f: Found) -> ActorRef:
        m = f.mention
        start, end = toks[m.start].start, toks[m.end - 1].end
        return ActorRef(
            name=m.name,
            text=self.doc.text[start:end],
            span=Span(start=start, end=end),
            kind=m.kind,  # type: ignore[arg-type]
            role=f.role,  # type: ignore[arg-type]
            rule=f.rule,
            title=m.title,
        )

    @staticmethod
    def inherit(carried: list[_Carried], how: str) -> list[ActorRef]:
        return [c.ref.model_copy(update={"span": None, "inherited_from": c.source, "rule": how}) for c in carried]

    # -- clauses ------------------------------------------------------------------------------

    def clause(self, c: Clause, anchor: Clause | None, carry: list[_Carried]) -> list[_Carried]:
        """Tasks of ``c`` (not its children); returns what its children inherit."""
        ct = _ClauseTasks(c, anchor.label if anchor else None, anchor.path if anchor else None)
        self.by_clause.append(ct)
        start = _own_start(c)
        end = c.span.end
        if end - start > _MAX_CLAUSE_CHARS:  # no real clause is this long: read its beginning only
            end = start + _MAX_CLAUSE_CHARS
            self.ctx.warn(
                "tasks_clause_truncated",
                f"clause {c.id} is {c.span.end - start} characters long; tasks were read in its first "
                f"{_MAX_CLAUSE_CHARS} only",
                Span(start=start, end=c.span.end),
            )
        toks = tokenize(self.doc.text, start, end, self.doc.folded)
        openers = first_words(_OPENING)
        if not any(t.key in openers for t in toks):  # no word can open an actor or a task
            return carry
        p = _Parser(toks)
        prev: list[_Carried] = []
        request: list[_Carried] = []  # objects of the last "yêu cầu/đề nghị/giao X"
        heading: list[_Carried] = []
        last_own_subject = False
        pieces = [pc for s, e in _sentences(toks) for pc in _pieces(p, toks, s, e)]
        ends_with_colon = toks[-1].text == ":"
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
            title = toks[pc.end - 1].text == ":" and not last
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
                if toks[pc.end - 1].text == ":" and request:
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

    def add_task(self, ct: _ClauseTasks, toks: list[Tok], pc: _Piece, actors: list[ActorRef], p: _Parser) -> None:
        a = pc.analysis
        s, e = toks[pc.start].start, toks[pc.end - 1].end
        hits = p.hits_between(pc.start, pc.end, _FEATURES)
        verbs, modality, urgency = scan(toks, pc.start, pc.end, a.spans, p.at, hits)
        verbs = [v for v in verbs if v not in _issuer_words()]  # "yêu cầu", "giao": the issuer's
        seen: set[tuple[str, str]] = set()
        uniq = []
        for r in actors:
            k = (r.name, r.role)
            if k not in seen:
                seen.add(k)
                uniq.append(r)
        ct.tasks.append(
            Task(
                clause_id=ct.clause.id,
                clause_label=ct.label,
                clause_path=ct.path,
                text=self.doc.text[s:e],
                span=Span(start=s, end=e),
                actors=uniq,
                verbs=verbs,
                urgency=urgency,
                modality=modality,
            )
        )

    def walk(self, clauses: list[Clause], anchor: Clause | None, carry: list[_Carried], top: bool = True) -> None:
        """Tasks of ``clauses`` and their children; ``anchor``: the nearest numbered clause above."""
        doc_carry = carry
        for c in clauses:
            here = c if c.kind == "numbered" else anchor
            if top and c.kind == "paragraph":
                got = self.clause(c, here, [])
                if c.text.rstrip().endswith(":"):
                    doc_carry = got
                self.walk(c.children, here, got, top=False)
                continue
            got = self.clause(c, here, doc_carry)
            self.walk(c.children, here, got, top=False)


def _attach(ct: list[_ClauseTasks], deadlines: list[Deadline], citations: list[Citation]) -> list[Task]:
    """Deadlines and citations to the tasks that hold them; no deadline is lost."""
    out_by_clause: list[list[Task]] = []
    placed: set[int] = set()
    for x in ct:
        tasks = []
        for t in x.tasks:
            dls = [d for d in deadlines if t.span.contains(d.span)]
            placed.update(id(d) for d in dls)
            cits = [c for c in citations if t.span.contains(c.span)]
            tasks.append(t.model_copy(update={"deadlines": dls, "citations": cits}))
        out_by_clause.append(tasks)
    # deadlines outside every task: to a task of the clause whose own span holds them
    for d in deadlines:
        if id(d) in placed:
            continue
        home = None
        for i, x in enumerate(ct):
            if x.clause.span.contains(d.span):
                home = i
                break
        if home is None:
            # outside the clause spans too: the nearest clause before it
            before = [i for i, x in enumerate(ct) if x.clause.span.start <= d.span.start]
            home = before[-1] if before else (0 if ct else None)
        if home is None:
            continue
        x = ct[home]
        tasks = out_by_clause[home]
        if tasks:
            best = min(range(len(tasks)), key=lambda k: abs(tasks[k].span.start - d.span.start))
            t = tasks[best]
            tasks[best] = t.model_copy(update={"deadlines": sorted([*t.deadlines, d], key=lambda z: z.span.start)})
        else:
            own = Span(start=x.clause.span.start, end=x.clause.span.end)
            tasks.append(
                Task(
                    clause_id=x.clause.id,
                    clause_label=x.label,
                    clause_path=x.path,
                    text=x.clause.text,
                    span=own,
                    deadlines=[d],
                    citations=[c for c in citations if own.contains(c.span)],
                )
            )
    return [t for tasks in out_by_clause for t in tasks]


def find_tasks(doc: Document, ctx: Context, citations: list[Citation], deadlines: list[Deadline]) -> list[Task]:
    """Tasks in document order, with actors, verbs, modality, urgency, deadlines and citations."""
    b = _Builder(doc, ctx)
    b.walk(doc.clauses, None, [])
    return _attach(b.by_clause, deadlines, citations)
