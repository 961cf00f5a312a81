"""Hypothesis generators of notice text with known truth.

``clause_trees()`` draws an outline (numbered items at any depth, letters, bullets "-" and "+",
headings ending with ":", continuation paragraphs, roman sections with numbering that restarts)
and renders it in one of the layouts found in the wild: a paragraph a line with blank lines
between (web reposts, typed originals), or hard-wrapped PDF text with or without blank lines.
The expected tree comes with it, so a test can check the parser recovers it exactly.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from hypothesis import strategies as st

WORDS = [
    "tăng", "cường", "công", "tác", "phòng", "chống", "dịch", "bệnh", "trên", "địa", "bàn", "tỉnh", "kiểm",
    "tra", "giám", "sát", "chặt", "chẽ", "các", "trường", "hợp", "nhập", "cảnh", "triển", "khai", "thực",
    "hiện", "nghiêm", "túc", "kế", "hoạch", "rà", "soát", "danh", "sách", "hộ", "dân", "bảo", "đảm", "an",
    "toàn", "tuyệt", "đối", "cho", "người", "lao", "động", "tổ", "chức", "tuyên", "truyền", "sâu", "rộng",
    "xử", "lý", "nghiêm", "vi", "phạm", "đầu", "tư", "cơ", "sở", "vật", "chất", "nâng", "cao", "năng", "lực",
    "y", "tế", "cơ", "sở", "phối", "hợp", "chặt", "chẽ", "với", "lực", "lượng", "chức", "năng",
]
# prose with numbers that must never open a clause, wherever a line wrap puts them
NUMBER_PHRASES = [
    "tại 13/13 địa phương",
    "khoảng 1.200 -1.500 người",
    "phương châm 4 tại chỗ",
    "dịch Covid - 19",
    "năm 2020 đã được phê duyệt",
    "từ 07 giờ ngày 16 đến 13 giờ ngày 17/11/2025",
    "đạt 15.000 mẫu đơn/ngày",
]
AGENCIES = [
    "Sở Y tế",
    "Sở Tài chính",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Sở Giáo dục và Đào tạo",
    "Ủy ban nhân dân các huyện, thành phố",
]


@dataclass
class Node:
    kind: str  # numbered | lettered | roman | bullet | paragraph
    label: str | None
    marker: str | None
    text: str
    children: list[Node] = field(default_factory=list)


@dataclass
class Rendered:
    text: str
    tree: list[Node]
    layout: str


@st.composite
def sentences(draw: st.DrawFn, *, end: str = ".") -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=28))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(NUMBER_PHRASES)))
    s = " ".join(words)
    return s[0].upper() + s[1:] + end


@st.composite
def _bullets(draw: st.DrawFn, symbol: str, depth: int) -> list[Node]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        kids: list[Node] = []
        text = draw(sentences(end=";" if draw(st.booleans()) else "."))
        if symbol == "-" and depth < 4 and draw(st.integers(0, 4)) == 0:
            text = text[:-1] + ":"
            kids = draw(_bullets("+", depth + 1))
        out.append(Node("bullet", None, symbol, text, kids))
    return out


@st.composite
def _items(draw: st.DrawFn, prefix: str, depth: int, paragraphs: bool) -> list[Node]:
    """Numbered items under ``prefix`` ("" for the top level, "2" for 2.1, 2.2 ...)."""
    out = []
    for k in range(1, draw(st.integers(1, 4 if depth else 5)) + 1):
        label = f"{prefix}.{k}" if prefix else str(k)
        choice = draw(st.integers(0, 5)) if depth < 3 else 0
        children: list[Node] = []
        if choice == 1:
            text = draw(st.sampled_from(AGENCIES)) + ":"
            children = draw(_bullets("-", depth + 1))
        elif choice == 2:
            text = draw(sentences(end=":"))
            children = draw(_items(label, depth + 1, paragraphs))
        elif choice == 3:
            text = draw(sentences(end=":"))
            children = [
                Node("lettered", c, f"{c})", draw(sentences()))
                for c in "abcdđeg"[: draw(st.integers(1, 4))]
            ]
        else:
            text = draw(sentences())
        if paragraphs and choice in (0, 4) and draw(st.booleans()):
            children = [Node("paragraph", None, None, draw(sentences())) for _ in range(draw(st.integers(1, 2)))]
        out.append(Node("numbered", label, f"{label}.", text, children))
    return out


@st.composite
def clause_trees(draw: st.DrawFn) -> Rendered:
    layout = draw(st.sampled_from(["paragraph_lines", "wrapped_blank", "wrapped_compact"]))
    paragraphs = layout != "wrapped_compact"
    tree: list[Node] = []
    if draw(st.booleans()):
        tree.append(Node("paragraph", None, None, draw(sentences(end=":"))))
    top = draw(st.integers(0, 5))
    if top == 0:
        romans = ["I", "II", "III"][: draw(st.integers(1, 3))]
        for r in romans:
            tree.append(Node("roman", r, f"{r}.", draw(sentences(end="")), draw(_items("", 1, paragraphs))))
    elif top == 1:
        for letter in "ABC"[: draw(st.integers(1, 3))]:
            heading = draw(sentences(end="")).upper()
            tree.append(Node("lettered", letter, f"{letter}.", heading, draw(_items("", 1, paragraphs))))
    else:
        tree.extend(draw(_items("", 0, paragraphs)))
    width = draw(st.integers(45, 90))
    lines: list[str] = []

    def emit(node: Node) -> None:
        head = f"{node.marker} {node.text}" if node.marker else node.text
        if layout == "paragraph_lines":
            chunk = [head]
        else:
            chunk = textwrap.wrap(head, width=width, break_long_words=False, break_on_hyphens=False)
        if layout != "wrapped_compact" and lines:
            lines.append("")
        lines.extend(chunk)
        for c in node.children:
            emit(c)

    for n in tree:
        emit(n)
    return Rendered("\n".join(lines) + "\n", tree, layout)


def outline(nodes: list[Node], depth: int = 0) -> list[tuple[int, str, str | None]]:
    """(depth, kind, label) in document order: the shape a parser must recover."""
    out: list[tuple[int, str, str | None]] = []
    for n in nodes:
        out.append((depth, n.kind, n.label))
        out.extend(outline(n.children, depth + 1))
    return out
