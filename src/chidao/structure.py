"""The layout of a notice: header, body, tail and page chrome; and the clause tree of the body.

``read_layout(text)`` takes normalized text and returns a :class:`Layout`. Line classes come
from ``grammar/layout.tsv`` (chrome, tail, closing cues) and ``grammar/markers.py`` (clause
numbering), so a new kind of page furniture or closing formula is a line of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from chidao.grammar.markers import Marker, find_inline_enumeration, match_marker, roman_value
from chidao.grammar.patterns import combined
from chidao.models import Clause, Diagnostic, Part, Span
from chidao.textutil import Line, fold, split_lines

__all__ = ["Layout", "read_layout"]

_CHROME = combined("layout.tsv", "chrome")
_TAIL = combined("layout.tsv", "tail")
_CLOSING = combined("layout.tsv", "closing")
_DOC_NUMBER = regex.compile(r"\bso \d+[-/]")
_RULE = regex.compile(r"(?<!_)_{5,}\s*$")
_APPENDIX = regex.compile(r"phu luc\b")

_TYPE_HEADING = combined("layout.tsv", "type_heading")
_MOTTO = regex.compile(
    r"(cong\s+hoa\s+xa\s+hoi|(xa\s+hoi\s+)?chu\s+nghia\s+viet\s+nam|doc\s+lap\s*-\s*tu\s+do|"
    r"dang\s+cong(\s+san)?|san\s+viet\s+nam$)"
)
_NUMBER_LINE = regex.compile(r"so\s*:?\s*[0-9 ]*[-/]")
_PLACE_DATE = regex.compile(r"[\w .]{2,40}, ngay\b")
_VV = regex.compile(r"v/v\b|ve viec\b")
_ADDRESS = regex.compile(r"kinh gui\s*:?")
_CABLE = regex.compile(r".{2,80}\bdien\s*:\s*$")
_LEAD_LINE = regex.compile(
    r"(ngay \d{1,2}[/-]\d{1,2}([/-]\d{2,4})?,? )?.{0,80}\bban hanh\b.{0,40}\bso \d+", regex.DOTALL
)
_BYLINE = regex.compile(r"(\p{Lu}{1,6}|\p{Lu}[\p{L} .]{1,40}\((tong hop|bien tap|ctv)\))$")
_BODY_STARTERS = combined("layout.tsv", "body_start")
_TERMINAL = regex.compile(r"(\./\.|[.;:!?…]|\.\"|\")\s*$")
_SEPARATOR = regex.compile(r"(?<![-_=~.*])[-_=~.*]{3,}$")


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


# --------------------------------------------------------------------------- parts


def _find_header_end(lines: list[Line], folded: list[str], start: int, limit: int) -> tuple[int, int] | None:
    """Locate a typed header: return (first header line, first line after the header)."""
    anchors: list[int] = []
    type_line = None
    address_line = None
    for i in range(start, min(limit, len(lines))):
        f = folded[i].strip()
        if not f:
            continue
        is_anchor = _MOTTO.search(f) or _NUMBER_LINE.match(f) or _VV.match(f) or _CABLE.match(f)
        if is_anchor or (_PLACE_DATE.match(f) and "ngay" in f[:60]):
            anchors.append(i)
        if type_line is None and _TYPE_HEADING.match(f) and _is_upper_line(lines[i].text) and len(f) < 120:
            type_line = i
            anchors.append(i)
        if address_line is None and _ADDRESS.match(f):
            address_line = i
            anchors.append(i)
        if _CABLE.match(f) and address_line is None:
            address_line = i
    if type_line is None and address_line is None and len(anchors) < 2:
        return None
    first = min(anchors)
    # the issuer block stands just before the first anchor
    j = first - 1
    gaps = 0
    while j >= start:
        t = lines[j].text.strip()
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
        f = folded[i].strip()
        if i == type_line or _VV.match(f):
            end = max(end, _skip_title(lines, folded, i + 1, continuing=_VV.match(f) is not None))
        elif i == address_line:
            end = max(end, _skip_address(lines, folded, i))
    # a Kính gửi block after the title
    k = end
    while k < len(lines) and lines[k].blank:
        k += 1
    if k < len(lines) and (_ADDRESS.match(folded[k].strip()) or _CABLE.match(folded[k].strip())):
        end = _skip_address(lines, folded, k)
    return first, end


def _skip_title(lines: list[Line], folded: list[str], i: int, continuing: bool = False) -> int:
    """Lines of the title (trích yếu) after the type heading; return the first line after it."""
    n = len(lines)
    if continuing and (i >= n or lines[i].blank):
        return i
    while i < n and lines[i].blank:
        i += 1
    seen = 1 if continuing else 0
    upper_title = None
    while i < n:
        t = lines[i].text.strip()
        f = folded[i].strip()
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
        if seen and (match_marker(t) is not None or _ADDRESS.match(f) or _CABLE.match(f)):
            break
        if seen and _BODY_STARTERS.match(f) and not _is_upper_line(t):
            break
        if upper_title is None:
            upper_title = _is_upper_line(t)
        elif (
            upper_title
            and not _is_upper_line(t)
            and not f.startswith(("ve ", "v/v"))
            and (_TERMINAL.search(lines[i - 1].text) or _BODY_STARTERS.match(f))
        ):
            break  # an upper-case title ends where a sentence-case sentence begins
        seen += 1
        i += 1
        if seen >= 8:
            break
    return i


def _skip_address(lines: list[Line], folded: list[str], i: int) -> int:
    """The Kính gửi block (or "X điện:"): its line and the addressee lines under it."""
    n = len(lines)
    first = lines[i].text.strip()
    i += 1
    # "Kính gửi: A, B." on one line, followed by a blank: done
    rest = first.split(":", 1)[1].strip() if ":" in first else ""
    if rest and _TERMINAL.search(first) and (i >= n or lines[i].blank):
        return i
    while i < n and lines[i].blank:
        i += 1
    blank_run = 0
    while i < n:
        t = lines[i].text.strip()
        if not t:
            blank_run += 1
            i += 1
            continue
        if t.startswith(("-", "+", "•")) or (blank_run == 0 and not _TERMINAL.search(lines[i - 1].text)):
            blank_run = 0
            i += 1
            continue
        if blank_run == 0 and lines[i - 1].text.rstrip().endswith((";", ",")):
            i += 1
            continue
        break
    # step back over trailing blanks
    while i > 0 and lines[i - 1].blank:
        i -= 1
    return i


def _opens_item(prev: str, line: str) -> bool:
    """Does ``line`` open a list item, given the text before it on the previous line?

    A wrapped line of prose may begin with "- phát hiện" or "-1.500": after an unfinished
    sentence a bullet or a letter opens an item only if it starts like a sentence.
    """
    m = match_marker(line)
    if m is None:
        return False
    if m.kind in ("bullet", "lettered", "paren") and not _TERMINAL.search(prev):
        return line[len(m.text) :][:1].isupper()
    return True


def _repost_body_start(lines: list[Line], folded: list[str], start: int, end: int) -> int:
    """Where the article text of a web repost begins (after its title, date and lead line)."""
    title = folded[start].strip() if start < end else ""
    i = start
    while i < end:
        t = lines[i].text.strip()
        if not t:
            i += 1
            continue
        # a block: this line and the non-blank lines that follow it (a hard-wrapped paragraph)
        j = i
        while j + 1 < end and not lines[j + 1].blank and not _opens_item(lines[j].text, lines[j + 1].text.strip()):
            j += 1
        block = " ".join(lines[k].text.strip() for k in range(i, j + 1))
        f = folded[i].strip()
        if match_marker(t) is not None:
            return i
        if i > start and f == title:
            i = j + 1
            continue
        fb = " ".join(folded[k].strip() for k in range(i, j + 1))
        if _LEAD_LINE.match(fb) and len(block) < 400 and _DOC_NUMBER.search(fb):
            i = j + 1
            continue  # the news lead line names the notice itself
        if _TERMINAL.search(block) or len(block) > 200:
            return i
        i = j + 1
    return start


def _find_layout_lines(text: str, lines: list[Line], folded: list[str]) -> tuple[list[Part], int, int]:
    """Split lines into parts; return parts and the body's first and last+1 line indexes."""
    n = len(lines)
    parts: list[Part] = []
    begin = 0
    # YAML front matter left by converters
    if n > 2 and lines[0].text.strip() == "---":
        for j in range(1, min(n, 40)):
            if lines[j].text.strip() == "---":
                parts.append(Part(kind="chrome", span=Span(start=lines[0].start, end=lines[j].end)))
                begin = j + 1
                break
    # skip leading chrome lines and blanks
    header = _find_header_end(lines, folded, begin, min(n, begin + 120))
    if header is not None:
        h0, body_start = header
        if h0 > begin:
            parts.append(Part(kind="chrome", span=Span(start=lines[begin].start, end=lines[h0 - 1].end)))
        parts.append(Part(kind="header", span=Span(start=lines[h0].start, end=lines[max(h0, body_start - 1)].end)))
    else:
        i = begin
        while i < n and (lines[i].blank or _matches(_CHROME, folded[i].strip())):
            i += 1
        if i > begin:
            parts.append(Part(kind="chrome", span=Span(start=lines[begin].start, end=lines[i - 1].end)))
        # the last line of chrome or tail bounds the search for the lead
        body_start = _repost_body_start(lines, folded, i, n)
        if body_start > i:
            parts.append(Part(kind="header", span=Span(start=lines[i].start, end=lines[body_start - 1].end)))
    while body_start < n and lines[body_start].blank:
        body_start += 1
    # the end of the body: the first tail line or page chrome
    body_end = n
    tail_start = None
    chrome_start = None
    for i in range(body_start, n):
        f = folded[i].strip()
        if not f or f[0].isdigit() or f[0] in "-+•":
            continue  # no tail or chrome rule opens with a digit or a bullet: most body lines do
        if tail_start is None and (_matches(_TAIL, f) or _is_signature_title(lines, i)):
            tail_start = i
        if _matches(_CHROME, f):
            chrome_start = i
            break
    if tail_start is not None:
        body_end = tail_start
    elif chrome_start is not None:
        body_end = chrome_start
    # a byline ("PV", "BBT") closing a repost belongs to the tail
    last = body_end - 1
    while last >= body_start and lines[last].blank:
        last -= 1
    byline_at = None
    if last > body_start and _BYLINE.match(lines[last].text.strip()) and len(lines[last].text.strip()) <= 40:
        prev = last - 1
        while prev >= body_start and lines[prev].blank:
            prev -= 1
        if prev >= body_start and _TERMINAL.search(lines[prev].text):
            byline_at = last
            if tail_start is None:
                tail_start = last
            body_end = last
    if body_start >= n:
        body_start = n
    tail_end = chrome_start if chrome_start is not None else n
    if tail_start is not None and tail_start < tail_end:
        _tail_parts(parts, lines, folded, tail_start, tail_end)
    elif byline_at is not None:
        parts.append(Part(kind="tail", span=Span(start=lines[byline_at].start, end=lines[byline_at].end)))
    if chrome_start is not None:
        parts.append(Part(kind="chrome", span=Span(start=lines[chrome_start].start, end=len(text))))
    return parts, body_start, body_end


_SIGNER_TITLES = combined("layout.tsv", "signer_title")


def _is_signature_title(lines: list[Line], i: int) -> bool:
    t = lines[i].text.strip()
    if len(t) > 60 or not _is_upper_line(t):
        return False
    return bool(_SIGNER_TITLES.match(fold(t)))


def _tail_parts(parts: list[Part], lines: list[Line], folded: list[str], start: int, end: int) -> None:
    """Tail, footnotes and appendices after the body."""
    kinds: list[tuple[str, int]] = [("tail", start)]
    for i in range(start + 1, end):
        f = folded[i].strip()
        if _RULE.match(f):
            kinds.append(("footnotes", i))
        elif _APPENDIX.match(f) and _is_upper_line(lines[i].text):
            kinds.append(("appendix", i))
    for (kind, a), nxt in zip(kinds, [*kinds[1:], ("", end)], strict=True):
        b = nxt[1] - 1
        while b > a and lines[b].blank:
            b -= 1
        parts.append(Part(kind=kind, span=Span(start=lines[a].start, end=lines[b].end)))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- units


@dataclass
class _Unit:
    start: int
    end: int
    marker: Marker | None
    first_line: int
    ends_with_colon: bool = False
    closing: bool = False


def _build_units(text: str, lines: list[Line], folded: list[str], a: int, b: int) -> list[_Unit]:
    """Group body lines into units: a numbered/bulleted item, or a paragraph."""
    units: list[_Unit] = []
    cur: _Unit | None = None
    blank_before = True
    state = _Numbering()
    for i in range(a, b):
        line = lines[i]
        t = line.text.strip()
        if not t:
            blank_before = True
            continue
        # the end of the unit so far is all the rules look at (a unit can be a megabyte long)
        prev_text = text[max(cur.start, cur.end - 16) : cur.end] if cur is not None else ""
        m = match_marker(t)
        if m is not None:
            m = state.resolve(m)
        boundary = blank_before or not prev_text or bool(_TERMINAL.search(prev_text))
        if m is not None and not state.accept(m, boundary):
            m = None
        if m is not None and not boundary and not _opens_item(prev_text, t):
            m = None
        continues = False
        if cur is not None and m is None:
            if not blank_before:
                # a hard-wrapped line continues the unit unless the unit ended with a colon,
                # or a closing formula starts after a finished sentence
                continues = not prev_text.rstrip().endswith(":")
                if continues and t[:1].isupper() and prev_text.rstrip().endswith((".", "!", "?")):
                    ahead = " ".join(lines[k].text for k in range(i, min(b, i + 3)))
                    continues = not _is_closing(ahead)
            else:
                # a blank line (page break) inside a sentence: the sentence goes on
                continues = (
                    not _TERMINAL.search(prev_text) and t[:1].islower() and not t.startswith(("-", "+"))
                )
        if continues and cur is not None:
            cur.end = line.start + len(line.text.rstrip())
        else:
            if m is not None:
                state.commit(m)
            cur = _Unit(start=line.start, end=line.start + len(line.text.rstrip()), marker=m, first_line=i)
            units.append(cur)
        blank_before = False
    for u in units:
        u.ends_with_colon = text[u.start : u.end].rstrip().endswith(":")
    return units


class _Numbering:
    """Plausibility of numbered markers, so that a wrapped line starting "2." in prose stays prose."""

    def __init__(self) -> None:
        self.top: int | None = None
        self.children: dict[str, int] = {}
        self.roman = 0
        self.section = 0

    def resolve(self, m: Marker) -> Marker:
        """"C." after "A." and "B." is a section letter, not the roman numeral 100."""
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
        parts = m.label.split(".")
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            n = nums[0]
            if self.top is None:
                return n == 1 or (n <= 3 and boundary)
            if n == self.top + 1:
                return True
            return boundary and self.top < n <= self.top + 3
        parent = ".".join(parts[:-1])
        last = self.children.get(parent, 0)
        if nums[-1] == last + 1:
            return True
        return boundary and (nums[-1] == 1 or last < nums[-1] <= last + 3)

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
            parts = m.label.split(".")
            if len(parts) == 1:
                self.top = int(parts[0])
            else:
                self.children[".".join(parts[:-1])] = int(parts[-1])


# --------------------------------------------------------------------------- tree


@dataclass
class _Node:
    unit: _Unit | None
    kind: str
    label: str | None
    marker_text: str | None
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)
    level_key: str = ""
    container: bool = True
    heading: str | None = None


def _level_key(m: Marker | None) -> str:
    if m is None:
        return "paragraph"
    if m.kind == "numbered":
        return f"numbered{m.label.count('.')}"
    if m.kind == "bullet":
        return f"bullet{m.symbol}"
    return m.kind if m.kind != "paren" else f"paren{m.style}"


def _build_tree(text: str, units: list[_Unit]) -> list[_Node]:
    root = _Node(None, "root", None, None, 0, 0, level_key="root")
    stack: list[_Node] = [root]
    last_marker = max((i for i, u in enumerate(units) if u.marker is not None), default=-1)
    closing = False
    for idx, u in enumerate(units):
        m = u.marker
        if m is None:
            body = text[u.start : u.end]
            if not closing and idx > last_marker and last_marker >= 0 and _is_closing(body):
                closing = True
            node = _Node(u, "paragraph", None, None, u.start, u.end, level_key="paragraph", container=u.ends_with_colon)
            if closing or len(stack) == 1:
                stack[1:] = []
                root.children.append(node)
                if node.container and not closing:
                    stack.append(node)
                continue
            # attach to the nearest open item; bullets are single paragraphs, so a plain
            # paragraph after a bullet list belongs to the item that holds the list
            while len(stack) > 1 and stack[-1].kind in ("bullet",) and not stack[-1].container:
                stack.pop()
            while len(stack) > 1 and stack[-1].kind == "paragraph":
                stack.pop()
            parent = stack[-1]
            parent.children.append(node)
            if node.container:
                stack.append(node)
            continue
        key = _level_key(m)
        label = None if m.kind == "bullet" else m.label
        kind = {"paren": "roman" if m.style == "roman" else "paragraph", "section": "lettered"}.get(m.kind, m.kind)
        node = _Node(u, kind, label if kind != "paragraph" else None, m.text, u.start, u.end, level_key=key)
        if m.kind == "bullet":
            node.kind = "bullet"
        if m.kind == "numbered" and "." in m.label:
            parent_label = m.label.rsplit(".", 1)[0]
            k = len(stack) - 1
            while k > 0 and not (stack[k].kind == "numbered" and stack[k].label == parent_label):
                k -= 1
            if k > 0:
                del stack[k + 1 :]
                stack[-1].children.append(node)
                stack.append(node)
                continue
        if m.kind in ("numbered", "roman", "section"):
            # a numbered item never nests under a bullet, a letter or a paragraph
            while len(stack) > 1 and stack[-1].kind != "numbered" and stack[-1].level_key not in ("roman", "section"):
                stack.pop()
            if m.kind == "section":
                stack[1:] = []
            elif m.kind == "roman":
                while len(stack) > 1 and stack[-1].level_key != "section":
                    stack.pop()
            elif m.kind == "numbered" and "." not in m.label:
                while len(stack) > 1 and stack[-1].level_key not in ("roman", "section"):
                    stack.pop()
            root_or_parent = stack[-1]
            root_or_parent.children.append(node)
            stack.append(node)
            continue
        # letters, paren items and bullets: a sibling of an open item of the same kind, or a child
        k = len(stack) - 1
        while k > 0 and stack[k].level_key != key:
            k -= 1
        if k > 0:
            del stack[k:]
        stack[-1].children.append(node)
        stack.append(node)
    return root.children


def _is_closing(body: str) -> bool:
    """A paragraph that closes the notice: a closing formula, or the end mark "./."."""
    f = " ".join(fold(body).split())
    return f.endswith("./.") or bool(_matches(_CLOSING, f))


# --------------------------------------------------------------------------- inline enumerations


def _split_inline(text: str, node: _Node) -> None:
    """Turn "Thứ nhất là ... Thứ hai là ..." and "(i) ... (ii) ..." inside a unit into children."""
    for child in node.children:
        _split_inline(text, child)
    if node.unit is None:
        return
    own_end = node.end
    enum = find_inline_enumeration(text, node.start, own_end)
    if not enum:
        return
    new_children: list[_Node] = []
    for k, (s, e, label, kind, marker_text) in enumerate(enum):
        e = _rstrip(text, s, e)
        if e <= s:
            continue
        new_children.append(
            _Node(None, kind, label, marker_text, s, e, level_key=f"inline{k}", container=False)
        )
    if not new_children:
        return
    node.end = _rstrip(text, node.start, enum[0][0])
    node.children = new_children + node.children


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


# --------------------------------------------------------------------------- clauses

_HEADING_COLON = regex.compile(r"([^:.;!?]{2,200}?):(?=\s|$)")


def _heading_of(text: str, node: _Node) -> str | None:
    own = text[node.start : node.end]
    content = own[len(node.marker_text or "") :].strip() if node.marker_text else own.strip()
    if not content:
        return None
    if not node.marker_text:
        # a paragraph is a heading only when it is a lead-in that ends with a colon
        if content.endswith(":") and len(content.split()) <= 40:
            return " ".join(content[:-1].split())
        return None
    m = _HEADING_COLON.match(content)
    if m and len(m.group(1).split()) <= 25:
        return " ".join(m.group(1).split())
    if node.children and not _TERMINAL.search(content) and len(content.split()) <= 25:
        return " ".join(content.split())
    return None


def _to_clauses(
    text: str, nodes: list[_Node], parent_id: str | None, parent_path: str, used: dict[str, int]
) -> list[Clause]:
    """Clauses of the nodes; ``used`` maps each id given so far to the next free suffix."""
    out: list[Clause] = []
    unlabeled = 0
    for node in nodes:
        label = node.label
        if label is not None:
            if node.kind == "numbered" and "." in label and parent_path.endswith(label.rsplit(".", 1)[0]):
                path = parent_path[: len(parent_path) - len(label.rsplit(".", 1)[0])] + label
            else:
                path = f"{parent_path}.{label}" if parent_path else label
            cid = path
        else:
            path = parent_path
            unlabeled += 1
            cid = f"{parent_id}-{unlabeled}" if parent_id else f"p{unlabeled}"
        base = cid
        if base in used:
            k = used[base]
            while f"{base}~{k}" in used:
                k += 1
            used[base] = k + 1
            cid = f"{base}~{k}"
        used[cid] = 2
        children = _to_clauses(text, node.children, cid, path, used)
        # built from checked parts: construct without re-validating (the hot path of every parse)
        out.append(
            Clause.trusted(
                id=cid,
                path=path,
                label=label,
                kind=node.kind,
                heading=_heading_of(text, node),
                text=text[node.start : node.end],
                span=Span.trusted(start=node.start, end=node.end),
                children=children,
                marker=node.marker_text.strip() if node.marker_text else None,
            )
        )
    return out


# --------------------------------------------------------------------------- entry point


def read_layout(text: str) -> Layout:
    """Find the parts of a normalized notice and build the clause tree of its body."""
    lines = split_lines(text)
    folded_text = fold(text)
    folded = [folded_text[ln.start : ln.end] for ln in lines]
    diagnostics: list[Diagnostic] = []
    if not text.strip():
        empty = Diagnostic(code="empty", message="the text is empty: nothing to parse")
        return Layout(text, folded_text, [], Span(start=0, end=0), [], [empty])
    parts, b0, b1 = _find_layout_lines(text, lines, folded)
    if b0 >= b1:
        body = Span(start=len(text), end=len(text))
        diagnostics.append(Diagnostic(code="no_body", message="no body text was found"))
        return Layout(text, folded_text, parts, body, [], diagnostics)
    last = b1 - 1
    while last > b0 and lines[last].blank:
        last -= 1
    body = Span(start=lines[b0].start, end=lines[last].end)
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
    units = _build_units(text, lines, folded, b0, last + 1)
    nodes = _build_tree(text, units)
    for nd in nodes:
        _split_inline(text, nd)
    clauses = _to_clauses(text, nodes, None, "", {})
    return Layout(text, folded_text, parts, body, clauses, diagnostics)
