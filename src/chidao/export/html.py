"""One self-contained HTML page for a parsed notice, the way displaCy shows entities.

The notice's text is shown as written (normalized), with nested highlights: the parts
(header, tail, page chrome), clause markers and headings, tasks, and inside them citations,
deadlines, actors (coloured by role) and verbs. A side panel lists the metadata, the tasks,
the clause outline, the citations and the parser's warnings; each entry links to its place in
the text. Every string is escaped; CSS and JS are inline and the page's Content-Security-
Policy forbids loading anything from elsewhere.

Spans that cross one another cannot nest in HTML: the outer layer wins and the crossing span
is shown in the side panel only.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from chidao.export.common import ROLE_LABELS, deadline_iso, notice_name
from chidao.models import Clause, Directive, Span, Task

__all__ = ["render_html"]

# Layers from outermost to innermost; equal spans nest in this order.
_PART, _CLAUSE, _MARKER, _TASK, _CITE, _DEADLINE, _ACTOR, _VERB = range(8)

_DEADLINE_LABELS = {
    "before": "trước",
    "by": "hạn",
    "on": "ngày",
    "from": "từ",
    "until": "đến",
    "within": "trong",
    "recurring": "định kỳ",
}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    layer: int
    open: str
    close: str


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _ent(span: Span, layer: int, kind: str, label: str, title: str, extra: str = "") -> _Mark:
    cls = f"ent {kind}{' ' + extra if extra else ''}"
    return _Mark(
        span.start,
        span.end,
        layer,
        f'<mark class="{_attr(cls)}" data-label="{_attr(label)}" title="{_attr(title)}">',
        "</mark>",
    )


def _word_spans(text: str, task: Task, words: list[str]) -> list[Span]:
    """Where the task's verbs (or urgency words) are, searched in order inside the task's span."""
    spans: list[Span] = []
    pos = task.span.start
    segment_end = task.span.end
    for verb in words:
        if not verb:
            continue
        at = text.find(verb, pos, segment_end)
        if at < 0:
            at = text.lower().find(verb.lower(), task.span.start, segment_end)
        if at < 0:
            continue
        spans.append(Span(start=at, end=at + len(verb)))
        pos = at + len(verb)
    return spans


def _clause_marks(d: Directive, clause_ids: dict[str, str]) -> list[_Mark]:
    marks: list[_Mark] = []
    text = d.text
    for c in d.iter_clauses():
        cid = clause_ids[c.id]
        marks.append(
            _Mark(
                c.span.start,
                c.span.end,
                _CLAUSE,
                f'<span class="clause k-{_attr(c.kind)}" id="{cid}" data-path="{_attr(c.path)}">',
                "</span>",
            )
        )
        start = c.span.start
        end = start
        if c.marker and text.startswith(c.marker, start):
            end = start + len(c.marker)
        if c.heading:
            at = text.find(c.heading, start, c.span.end)
            if at >= 0 and text[end:at].strip() == "":
                end = at + len(c.heading)
        if end > start:
            marks.append(_Mark(start, end, _MARKER, '<span class="lead">', "</span>"))
    return marks


def _marks(d: Directive, clause_ids: dict[str, str]) -> list[_Mark]:
    marks: list[_Mark] = []
    for p in d.parts:
        if p.kind != "body":
            marks.append(_Mark(p.span.start, p.span.end, _PART, f'<span class="part p-{_attr(p.kind)}">', "</span>"))
    marks.extend(_clause_marks(d, clause_ids))
    for i, t in enumerate(d.tasks):
        marks.append(
            _Mark(t.span.start, t.span.end, _TASK, f'<span class="task" id="t{i}" data-task="{i}">', "</span>")
        )
        for a in t.actors:
            if a.span is not None:
                role = ROLE_LABELS.get(a.role, a.role)
                marks.append(_ent(a.span, _ACTOR, "actor", role, f"{a.name} ({role})", f"r-{a.role}"))
        for v in _word_spans(d.text, t, t.verbs):
            marks.append(_ent(v, _VERB, "verb", "", "động từ"))
        for u in _word_spans(d.text, t, t.urgency):
            marks.append(_ent(u, _VERB, "urgent", "khẩn", "mức độ khẩn"))
    seen_deadlines: set[tuple[int, int]] = set()
    for t in d.tasks:
        for dl in t.deadlines:
            key = (dl.span.start, dl.span.end)
            if key in seen_deadlines:
                continue
            seen_deadlines.add(key)
            when = deadline_iso(dl) or (dl.recurrence or "")
            marks.append(
                _ent(
                    dl.span, _DEADLINE, "deadline", _DEADLINE_LABELS.get(dl.kind, dl.kind), f"{dl.kind} {when}".strip()
                )
            )
    for c in d.citations:
        kind = str(c.doc_type) if c.doc_type else "văn bản"
        label = (c.doc_type.code or kind) if c.doc_type else "VB"
        marks.append(_ent(c.span, _CITE, "cite", label, f"{kind} {c.number or ''}".strip()))
    return marks


def _markup(text: str, marks: list[_Mark]) -> str:
    """The text, escaped, with properly nested marks; a mark crossing an open one is dropped."""
    n = len(text)
    ordered = sorted((m for m in marks if 0 <= m.start < m.end <= n), key=lambda m: (m.start, -m.end, m.layer))
    out: list[str] = []
    stack: list[_Mark] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(escape(text[pos : top.end], quote=False))
            out.append(top.close)
            pos = top.end

    for m in ordered:
        close_until(m.start)
        if stack and m.end > stack[-1].end:
            continue  # crosses the open mark: cannot nest
        out.append(escape(text[pos : m.start], quote=False))
        out.append(m.open)
        pos = m.start
        stack.append(m)
    close_until(n)
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def _row(label: str, value: object) -> str:
    if value in (None, "", []):
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value))}</td></tr>"


def _meta_table(d: Directive) -> str:
    m = d.meta
    signer = None
    if m.signer:
        signer = " ".join(x for x in (m.signer.authority, m.signer.title, m.signer.name) if x)
    rows = [
        _row("Loại", str(m.doc_type) if m.doc_type else None),
        _row("Số", m.number),
        _row("Ký hiệu", m.symbol),
        _row("Cơ quan", m.issuer),
        _row("Nơi ban hành", m.place),
        _row("Ngày ban hành", m.issued_date.isoformat() if m.issued_date else None),
        _row("Ngày họp", m.meeting_date.isoformat() if m.meeting_date else None),
        _row("Trích yếu", m.title),
        _row("Người ký", signer),
        _row("Kính gửi", m.addressees),
        _row("Nơi nhận", m.recipients),
    ]
    body = "".join(rows) or '<tr><td class="none">Không nhận ra thông tin văn bản.</td></tr>'
    return f'<table class="meta">{body}</table>'


def _task_item(i: int, t: Task) -> str:
    where = escape(t.clause_path or t.clause_label or "mở đầu")
    who = (
        "".join(
            f'<span class="chip r-{_attr(a.role)}" title="{_attr(a.text)}">{escape(a.name)}'
            f"<small>{escape(ROLE_LABELS.get(a.role, a.role))}</small></span>"
            for a in t.actors
        )
        or '<span class="none">chưa rõ ai thực hiện</span>'
    )
    parts = [f'<a class="go" href="#t{i}">§ {where}</a> {who}']
    if t.verbs:
        parts.append('<div class="verbs">' + ", ".join(escape(v) for v in t.verbs) + "</div>")
    for dl in t.deadlines:
        when = deadline_iso(dl) or (dl.recurrence or "")
        parts.append(
            f'<div class="due"><b>{escape(_DEADLINE_LABELS.get(dl.kind, dl.kind))}</b> '
            f"{escape(when)} <q>{escape(dl.text)}</q></div>"
        )
    if t.citations:
        parts.append('<div class="cites">' + "; ".join(escape(c.number or c.text) for c in t.citations) + "</div>")
    snippet = " ".join(t.text.split())
    snippet = snippet if len(snippet) <= 160 else snippet[:159] + "…"
    parts.append(f'<div class="snippet">{escape(snippet)}</div>')
    return f'<li class="task-item" data-task="{i}">{"".join(parts)}</li>'


def _outline(clauses: list[Clause], clause_ids: dict[str, str]) -> str:
    if not clauses:
        return ""
    items = []
    for c in clauses:
        if c.kind == "paragraph" and not c.children:
            continue
        name = c.heading or " ".join(c.text.split())[:70]
        label = c.label or (c.marker or "•")
        items.append(
            f'<li><a href="#{clause_ids[c.id]}"><b>{escape(label)}</b> {escape(name)}</a>'
            f"{_outline(c.children, clause_ids)}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else ""


_CSS = """
:root{--actor:#ffd59e;--verb:#c8e6c9;--deadline:#ffcdd2;--cite:#bbdefb;--ink:#1d2430;--muted:#6b7480}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#f4f5f7}
header.top{padding:14px 24px;background:#1f4e78;color:#fff}header.top h1{margin:0;font-size:19px}
header.top p{margin:4px 0 0;opacity:.85;font-size:13px}
.wrap{display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:18px;padding:18px 24px}
@media (max-width:1000px){.wrap{grid-template-columns:1fr}}
#notice{background:#fff;border-radius:8px;padding:20px 26px;white-space:pre-wrap;line-height:2;
 box-shadow:0 1px 3px #0002}
aside{position:sticky;top:10px;align-self:start;max-height:calc(100vh - 20px);overflow:auto}
aside section{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:14px;box-shadow:0 1px 3px #0002}
aside h2{font-size:15px;margin:0 0 8px}
.meta th{text-align:left;color:var(--muted);font-weight:500;padding-right:10px;vertical-align:top;white-space:nowrap}
.part{color:var(--muted)}.p-chrome,.p-footnotes{opacity:.6}
.lead{font-weight:700}
.task{border-bottom:2px dotted #9aa5b1}.task:target,.task.hl{background:#fff7cc;outline:2px solid #f2c200}
mark.ent{padding:1px 3px;border-radius:4px;color:inherit}
mark.ent::after{content:attr(data-label);font-size:10px;font-weight:700;text-transform:uppercase;margin-left:4px;
 padding:0 3px;border-radius:3px;background:#fff9;vertical-align:middle;line-height:1}
mark.ent[data-label=""]::after{display:none}
mark.actor{background:var(--actor)}mark.verb{background:var(--verb)}mark.deadline{background:var(--deadline)}
mark.cite{background:var(--cite)}mark.urgent{background:none;border:2px solid #e53935}
mark.r-coordinate,.chip.r-coordinate{background:#e1d5f5}mark.r-report_to,.chip.r-report_to{background:#d7ecef}
mark.r-supervise,.chip.r-supervise{background:#ffe0b2}mark.r-beneficiary,.chip.r-beneficiary{background:#eceff1}
body.no-actor mark.actor,body.no-verb mark.verb,body.no-deadline mark.deadline,body.no-cite mark.cite{background:none}
body.no-actor mark.actor::after,body.no-verb mark.verb::after,body.no-deadline mark.deadline::after,
body.no-cite mark.cite::after{display:none}
.legend label{display:inline-flex;align-items:center;gap:4px;margin-right:10px;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:3px}
ol.tasks{padding-left:20px;margin:0}.task-item{margin-bottom:10px}.task-item:hover{background:#fff7cc}
.chip{display:inline-block;background:var(--actor);border-radius:10px;padding:0 8px;margin:2px 3px 2px 0;font-size:13px}
.chip small{margin-left:4px;color:#555}.go{font-weight:700;text-decoration:none;color:#1f4e78}
.due{font-size:13px;color:#b71c1c}.cites{font-size:13px;color:#0d47a1}.verbs{font-size:13px;color:#2e7d32}
.snippet{font-size:12px;color:var(--muted)}.none{color:var(--muted);font-style:italic}
.outline ul{padding-left:16px;margin:2px 0}.outline a{text-decoration:none;color:inherit;font-size:13px}
.warn li{font-size:13px}.warn code{color:#b71c1c}
"""

_JS = """
document.querySelectorAll('.legend input').forEach(function(box){
  box.addEventListener('change',function(){document.body.classList.toggle('no-'+box.value,!box.checked);});
});
document.querySelectorAll('.task-item').forEach(function(item){
  var t=document.getElementById('t'+item.dataset.task);
  if(!t){return;}
  item.addEventListener('mouseenter',function(){t.classList.add('hl');});
  item.addEventListener('mouseleave',function(){t.classList.remove('hl');});
});
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def render_html(d: Directive, *, file: str = "") -> str:
    """The page for one directive, as a string (UTF-8 when written)."""
    clause_ids = {c.id: f"c{n}" for n, c in enumerate(d.iter_clauses())}
    title = notice_name(d, fallback=file or "Văn bản")
    body = _markup(d.text, _marks(d, clause_ids))
    tasks = "".join(_task_item(i, t) for i, t in enumerate(d.tasks))
    cites = "".join(
        f"<li>{escape(str(c.doc_type) if c.doc_type else '')} <b>{escape(c.number or c.text)}</b>"
        f"{escape(' ngày ' + c.date.strftime('%d/%m/%Y')) if c.date else ''}"
        f"{escape(' (' + c.issuer + ')') if c.issuer else ''}</li>"
        for c in d.citations
    )
    warns = "".join(f"<li><code>{escape(w.code)}</code> {escape(w.message)}</li>" for w in d.warnings)
    n_deadlines = sum(len(t.deadlines) for t in d.tasks)
    summary = (
        f"{len(d.tasks)} nhiệm vụ · {n_deadlines} thời hạn · {len(d.citations)} văn bản dẫn chiếu"
        f" · {sum(1 for _ in d.iter_clauses())} đoạn"
    )
    legend = "".join(
        f'<label><input type="checkbox" value="{k}" checked><i style="background:var(--{k})"></i>{escape(v)}</label>'
        for k, v in (("actor", "chủ thể"), ("verb", "động từ"), ("deadline", "thời hạn"), ("cite", "dẫn chiếu"))
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="chidao">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="top"><h1>{escape(title)}</h1><p>{escape(file)}{" · " if file else ""}{escape(summary)}</p></header>
<div class="wrap">
<main><div class="legend">{legend}</div><article id="notice">{body}</article></main>
<aside>
<section id="meta"><h2>Văn bản</h2>{_meta_table(d)}</section>
<section id="tasks"><h2>Nhiệm vụ ({len(d.tasks)})</h2><ol class="tasks">{tasks}</ol></section>
<section id="outline" class="outline"><h2>Bố cục</h2>{_outline(d.clauses, clause_ids)}</section>
<section id="citations"><h2>Văn bản dẫn chiếu ({len(d.citations)})</h2><ul>{cites}</ul></section>
<section id="warnings" class="warn"><h2>Ghi chú của bộ phân tích ({len(d.warnings)})</h2><ul>{warns}</ul></section>
</aside>
</div>
<script>{_JS}</script>
</body>
</html>
"""
