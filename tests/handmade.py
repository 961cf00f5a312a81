"""Directives built by hand, with known actors, verbs, deadlines and citations, for the export
and CLI tests: they do not depend on what today's extractors find.

The text is parsed for its clause tree; tasks, meta and citations are then set from spans
found in the text, so every span indexes ``Directive.text`` as the contract says.
"""

from __future__ import annotations

import datetime as dt

from chidao import ActorRef, Citation, Deadline, Directive, DocType, DocumentMeta, Span, Task, parse_directive

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG

Số: 283/TB-UBND

Bắc Giang, ngày 27 tháng 8 năm 2021

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về phòng, chống dịch

1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo UBND tỉnh trước 17h00 ngày 28/8/2021.

2. Các huyện, thành phố báo cáo kết quả trước 16h00 hằng ngày theo Công văn số 167/CV-BCĐ ngày 26/7/2020.

3. Sở Thông tin và Truyền thông khẩn trương triển khai phần mềm trong tháng 9 năm 2021.

4. Công an tỉnh tăng cường tuần tra trong thời gian sớm nhất.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Ánh Dương
"""

HOSTILE = """1. Ban <script>alert("x")</script> & "Tổ" <b>đặc biệt</b> thực hiện ngay trước ngày 01/9/2021.

2. =HYPERLINK("http://evil.example") cmd|' /C calc'!A0 tổ chức kiểm tra\x0b.
"""


def _span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(start=at, end=at + len(needle))


def _actor(text: str, name: str, surface: str, role: str, within: Span) -> ActorRef:
    return ActorRef(name=name, text=surface, span=_span(text, surface, within.start), role=role)  # type: ignore[arg-type]


def _task(text: str, label: str, sentence: str) -> tuple[Span, str]:
    span = _span(text, sentence)
    return span, label


def notice() -> Directive:
    """Four tasks: a dated deadline with a time, a daily one, a month-level one, none."""
    d = parse_directive(NOTICE)
    text = d.text
    s1 = _span(text, "1. Sở Y tế chủ trì")
    s1 = Span(start=s1.start, end=text.index("\n", s1.start))
    s2 = _span(text, "2. Các huyện")
    s2 = Span(start=s2.start, end=text.index("\n", s2.start))
    s3 = _span(text, "3. Sở Thông tin")
    s3 = Span(start=s3.start, end=text.index("\n", s3.start))
    s4 = _span(text, "4. Công an tỉnh")
    s4 = Span(start=s4.start, end=text.index("\n", s4.start))
    cv = _span(text, "Công văn số 167/CV-BCĐ ngày 26/7/2020")
    citation = Citation(
        text=text[cv.start : cv.end],
        span=cv,
        doc_type=DocType.CONG_VAN,
        number="167/CV-BCĐ",
        date=dt.date(2020, 7, 26),
    )

    def dl(surface: str, within: Span, **kw: object) -> Deadline:
        return Deadline(text=surface, span=_span(text, surface, within.start), **kw)  # type: ignore[arg-type]

    tasks = [
        Task(
            clause_id="1",
            clause_label="1",
            clause_path="1",
            text=text[s1.start : s1.end],
            span=s1,
            actors=[
                _actor(text, "Sở Y tế", "Sở Y tế", "lead", s1),
                _actor(text, "Sở Tài chính", "Sở Tài chính", "coordinate", s1),
                _actor(text, "Ủy ban nhân dân tỉnh", "UBND tỉnh", "report_to", s1),
            ],
            verbs=["rà soát", "báo cáo"],
            deadlines=[
                dl("trước 17h00 ngày 28/8/2021", s1, kind="before", date=dt.date(2021, 8, 28), time=dt.time(17, 0))
            ],
        ),
        Task(
            clause_id="2",
            clause_label="2",
            clause_path="2",
            text=text[s2.start : s2.end],
            span=s2,
            actors=[_actor(text, "Ủy ban nhân dân các huyện, thành phố", "Các huyện, thành phố", "lead", s2)],
            verbs=["báo cáo"],
            deadlines=[
                dl(
                    "trước 16h00 hằng ngày",
                    s2,
                    kind="recurring",
                    time=dt.time(16, 0),
                    recurrence="FREQ=DAILY;BYHOUR=16;BYMINUTE=0",
                )
            ],
            citations=[citation],
        ),
        Task(
            clause_id="3",
            clause_label="3",
            clause_path="3",
            text=text[s3.start : s3.end],
            span=s3,
            actors=[_actor(text, "Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "lead", s3)],
            verbs=["triển khai"],
            deadlines=[dl("trong tháng 9 năm 2021", s3, kind="by", date=dt.date(2021, 9, 30), precision="month")],
            urgency=["khẩn trương"],
        ),
        Task(
            clause_id="4",
            clause_label="4",
            clause_path="4",
            text=text[s4.start : s4.end],
            span=s4,
            actors=[_actor(text, "Công an tỉnh", "Công an tỉnh", "lead", s4)],
            verbs=["tăng cường"],
            deadlines=[dl("trong thời gian sớm nhất", s4, kind="within")],
        ),
    ]
    meta = DocumentMeta(
        doc_type=DocType.THONG_BAO,
        number="283/TB-UBND",
        symbol="TB-UBND",
        issuer="Ủy ban nhân dân tỉnh Bắc Giang",
        place="Bắc Giang",
        issued_date=dt.date(2021, 8, 27),
        title="Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về phòng, chống dịch",
    )
    return d.model_copy(update={"tasks": tasks, "citations": [citation], "meta": meta})


def hostile() -> Directive:
    """Markup, quotes, formulas and a control character in the text, actors and task."""
    d = parse_directive(HOSTILE)
    text = d.text
    s1 = _span(text, "1. Ban")
    s1 = Span(start=s1.start, end=text.index("\n", s1.start))
    s2 = _span(text, "2. =HYPERLINK")
    s2 = Span(start=s2.start, end=len(text.rstrip()))
    surface = text[_span(text, "Ban <script>").start : _span(text, "</b>").end]
    tasks = [
        Task(
            clause_id="1",
            clause_label="1",
            text=text[s1.start : s1.end],
            span=s1,
            actors=[_actor(text, surface, surface, "lead", s1)],
            verbs=["thực hiện"],
            deadlines=[
                Deadline(
                    text="trước ngày 01/9/2021",
                    span=_span(text, "trước ngày 01/9/2021"),
                    kind="before",
                    date=dt.date(2021, 9, 1),
                )
            ],
            urgency=["ngay"],
        ),
        Task(
            clause_id="2",
            clause_label="2",
            text=text[s2.start : s2.end],
            span=s2,
            actors=[ActorRef(name='=HYPERLINK("http://evil.example")', text="=HYPERLINK", span=None)],
        ),
    ]
    return d.model_copy(update={"tasks": tasks})
