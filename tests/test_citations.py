"""Cited documents: the số ký hiệu grammar, the type and issuer tables, and find_citations."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chidao import parse_directive
from chidao.document import Context, Document
from chidao.extract.citations import find_citations
from chidao.grammar.doc_types import (
    canonical_type_code,
    code_of,
    doc_type_from_code,
    doc_type_from_name,
    entries,
)
from chidao.grammar.issuers import canonical_issuer_code, issuer_name, issuers
from chidao.grammar.numbers import number_key, parse_number
from chidao.models import Citation, DocType, DocumentMeta, Part, Reference, Span
from chidao.normalize import normalize
from chidao.pipeline import build_document
from chidao.textutil import fold
from conftest import ALL_FIXTURES, corpus_rows

# -- helpers ---------------------------------------------------------------------------------


def _doc(text: str, chrome: str = "") -> Document:
    """A document whose body is all of ``text`` (normalized), followed by page chrome when given."""
    whole = build_document(text + ("\n\n" + chrome if chrome else ""))
    body_end = len(normalize(text).text)
    parts = [Part(kind="body", span=Span(start=0, end=body_end))]
    if chrome:
        parts.append(Part(kind="chrome", span=Span(start=min(body_end + 2, len(whole.text)), end=len(whole.text))))
    return replace(whole, parts=parts, body=Span(start=0, end=body_end), clauses=[])


def cite(text: str, chrome: str = "", meta: DocumentMeta | None = None) -> tuple[list[Citation], list[Reference]]:
    doc = _doc(text, chrome)
    ctx = Context(meta=meta or DocumentMeta())
    found, refs = find_citations(doc, ctx)
    for c in found:
        assert doc.text[c.span.start : c.span.end] == c.text
    for r in refs:
        assert doc.text[r.span.start : r.span.end] == r.text
    return found, refs


def triples(found: list[Citation]) -> list[tuple[str | None, str | None, dt.date | None]]:
    return [(c.doc_type.value if c.doc_type else None, c.number, c.date) for c in found if c.number]



def _expected(cell: str) -> list[tuple[str | None, str | None, dt.date | None]]:
    out = []
    for item in cell.split(" | "):
        t, n, d = item.split(";")
        out.append((t or None, n or None, dt.date.fromisoformat(d) if d else None))
    return out


# -- the tables ------------------------------------------------------------------------------


def test_every_doc_type_of_the_enum_is_a_line_of_the_table_and_back() -> None:
    assert {e.name for e in entries()} == {t.value for t in DocType}


def test_doc_type_code_comes_from_the_table() -> None:
    assert DocType.CONG_DIEN.code == "CĐ"
    assert DocType.KET_LUAN.code == "KL"
    assert DocType.QUY_DINH.code == "QyĐ"
    assert code_of(DocType.CONG_VAN) == "CV"
    assert DocType.LUAT.code is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CHỈ THỊ", DocType.CHI_THI),
        ("chi thi", DocType.CHI_THI),
        ("Thông báo kết luận", DocType.THONG_BAO),
        ("thong tu lien tich", DocType.THONG_TU_LIEN_TICH),
        ("Luật Phòng, chống bệnh truyền nhiễm", DocType.LUAT),
        ("Kế toán", None),
        ("", None),
    ],
)
def test_a_type_named_in_words_is_read_in_any_case_with_or_without_diacritics(
    name: str, expected: DocType | None
) -> None:
    assert doc_type_from_name(name) == expected


@pytest.mark.parametrize(
    ("code", "style", "expected"),
    [
        ("CT", None, DocType.CHI_THI),
        ("CD", None, DocType.CONG_DIEN),
        ("CĐ", None, DocType.CONG_DIEN),
        ("QĐi", "party", DocType.QUY_DINH),
        ("QyĐ", None, DocType.QUY_DINH),
        ("TT", None, DocType.THONG_TU),
        ("TT", "party", DocType.THONG_TRI),
        ("HD", None, DocType.HUONG_DAN),
        ("HĐ", None, DocType.HOP_DONG),
        ("KL", "party", DocType.KET_LUAN),
        ("XYZ", None, None),
    ],
)
def test_a_type_code_is_read_in_its_state_or_party_meaning(
    code: str, style: str | None, expected: DocType | None
) -> None:
    assert doc_type_from_code(code, style) == expected  # type: ignore[arg-type]


def test_no_issuer_code_is_also_a_type_code() -> None:
    clashes = [e.code for e in issuers() if canonical_type_code(e.code) is not None]
    assert clashes == []


@pytest.mark.parametrize(
    ("code", "province", "expected"),
    [
        ("TTg", None, "Thủ tướng Chính phủ"),
        ("BYT", None, "Bộ Y tế"),
        ("VPTW", None, "Văn phòng Trung ương Đảng"),
        ("bcd", None, "Ban Chỉ đạo"),
        ("QH14", None, "Quốc hội"),
        ("UBND", "Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Giang"),
        ("UBND", "Thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
        ("TU", "Quảng Ninh", "Tỉnh ủy Quảng Ninh"),
        ("TU", "Hà Nội", "Thành ủy Hà Nội"),
        ("TTg", "Bắc Giang", "Thủ tướng Chính phủ"),
        ("ZZZ", None, None),
    ],
)
def test_issuer_codes_give_full_names_and_provincial_bodies_take_the_province(
    code: str, province: str | None, expected: str | None
) -> None:
    assert issuer_name(code, province) == expected


# -- the số ký hiệu grammar ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number", "symbol", "doc_type", "issuer"),
    [
        ("15/CT-TTg", "15/CT-TTg", "CT-TTg", DocType.CHI_THI, "TTg"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ-CP", DocType.NGHI_DINH, "CP"),
        ("1234/UBND-KGVX", "1234/UBND-KGVX", "UBND-KGVX", None, "UBND"),
        ("283-TB/TU", "283-TB/TU", "TB/TU", DocType.THONG_BAO, "TU"),
        ("Số: 283-TB/TU", "283-TB/TU", "TB/TU", DocType.THONG_BAO, "TU"),
        ("số 1206 /QĐ-UBND", "1206/QĐ-UBND", "QĐ-UBND", DocType.QUYET_DINH, "UBND"),
        ("42/QD- TCT", "42/QĐ-TCT", "QĐ-TCT", DocType.QUYET_DINH, "TCT"),
        ("121/CD–TTg", "121/CĐ-TTg", "CĐ-TTg", DocType.CONG_DIEN, "TTg"),
        ("167/CV-BCD", "167/CV-BCĐ", "CV-BCĐ", DocType.CONG_VAN, "BCĐ"),
        ("15/ct-ttg", "15/CT-TTg", "CT-TTg", DocType.CHI_THI, "TTg"),
        ("283TB/TU", "283-TB/TU", "TB/TU", DocType.THONG_BAO, "TU"),
        ("15/CTTTg", "15/CT-TTg", "CT-TTg", DocType.CHI_THI, "TTg"),
        ("86/2019/QH14", "86/2019/QH14", "QH14", None, "QH14"),
        ("15972/SXD-QLN& TTBĐS", "15972/SXD-QLN&TTBĐS", "SXD-QLN&TTBĐS", None, "SXD"),
        ("08-QĐi/TW", "08-QĐi/TW", "QĐi/TW", DocType.QUY_DINH, "TW"),
        ("18-TT/TW", "18-TT/TW", "TT/TW", DocType.THONG_TRI, "TW"),
    ],
)
def test_a_number_is_read_into_its_canonical_parts(
    raw: str, number: str, symbol: str, doc_type: DocType | None, issuer: str
) -> None:
    p = parse_number(raw)
    assert p is not None
    assert (p.number, p.symbol, p.doc_type, p.issuer_code) == (number, symbol, doc_type, issuer)


def test_a_blank_serial_keeps_its_symbol_and_has_no_number() -> None:
    p = parse_number("Số: /TB-UBND")
    assert p is not None
    assert (p.number, p.symbol, p.serial, p.doc_type) == (None, "TB-UBND", None, DocType.THONG_BAO)


@pytest.mark.parametrize("raw", ["13/13", "26/7/2020", "5/ngày", "3/ Day", "", "Chỉ thị", "x" * 500])
def test_what_is_not_a_number_is_not_read_as_one(raw: str) -> None:
    assert parse_number(raw) is None


# -- the corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), corpus_rows("citations_positive.tsv"))
def test_corpus_citations_are_found_with_type_number_and_date(text: str, expected: str) -> None:
    found, _ = cite(text)
    assert triples(found) == _expected(expected)


@pytest.mark.parametrize("row", corpus_rows("citations_negative.tsv"))
def test_corpus_non_citations_yield_nothing(row: list[str]) -> None:
    found, _ = cite(row[0])
    assert triples(found) == []


# -- behaviour -------------------------------------------------------------------------------


def test_a_cited_document_carries_its_issuer_and_title() -> None:
    found, _ = cite(
        'Thực hiện Công điện số 1102/CĐ-TTg, ngày 23/8/2021 của Thủ tướng Chính phủ "về việc tăng cường '
        'các biện pháp phòng, chống dịch Covid-19", các sở triển khai.'
    )
    c = found[0]
    assert c.issuer == "Thủ tướng Chính phủ"
    assert c.title == "về việc tăng cường các biện pháp phòng, chống dịch Covid-19"
    assert (c.serial, c.symbol, c.issuer_code) == (1102, "CĐ-TTg", "TTg")


def test_the_title_span_holds_the_title_outside_the_citation_span() -> None:
    text = "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 về việc tinh gọn bộ máy đến năm 2030; các sở thực hiện."
    doc = _doc(text)
    found, _ = find_citations(doc, Context())
    c = found[0]
    assert c.title_span is not None and c.title == "về việc tinh gọn bộ máy đến năm 2030"
    assert doc.text[c.title_span.start : c.title_span.end] == c.title
    assert c.span.end <= c.title_span.start


def test_a_title_ends_where_the_next_citation_starts() -> None:
    found, _ = cite("Quyết định số 2503/QĐ-BTC ngày 29/11/2019 về giao dự toán năm 2020 và Thông tư số 88/2019/TT-BTC.")
    assert found[0].title == "về giao dự toán năm 2020"


def test_issuer_named_in_words_keeps_capitalized_names_whole() -> None:
    found, _ = cite("Theo Công văn số 79-CV/TW, ngày 29/01/2020 của Ban Bí thư Trung ương Đảng; các cấp ủy thực hiện.")
    assert found[0].issuer == "Ban Bí thư Trung ương Đảng"
    found, _ = cite("Theo Công văn số 167/CV-BCĐ ngày 26/7/2020 của Ban Chỉ đạo phòng, chống dịch tỉnh.")
    assert found[0].issuer == "Ban Chỉ đạo phòng, chống dịch tỉnh"


def test_provincial_issuer_codes_take_the_province_of_the_notice() -> None:
    found, _ = cite("Thực hiện Kế hoạch số 94/KH-UBND.", meta=DocumentMeta(province="Bắc Giang"))
    assert found[0].issuer == "Ủy ban nhân dân tỉnh Bắc Giang"


def test_type_named_in_words_wins_over_the_code() -> None:
    found, _ = cite("Thực hiện Chỉ thị số 29-CV/TU ngày 24/01/2020.")
    assert found[0].doc_type == DocType.CHI_THI


def test_a_list_item_with_its_own_code_takes_the_type_of_its_code() -> None:
    found, _ = cite("Thực hiện Chỉ thị số 15/CT-TTg, 1102/CĐ-TTg.")
    assert [c.doc_type for c in found] == [DocType.CHI_THI, DocType.CONG_DIEN]


def test_the_notices_own_number_is_not_a_citation() -> None:
    meta = DocumentMeta(number="283-TB/TU")
    found, _ = cite("Tỉnh ủy ban hành Thông báo số 283-TB/TU và Công văn số 12-CV/TU.", meta=meta)
    assert [c.number for c in found] == ["12-CV/TU"]


def test_page_chrome_cites_nothing() -> None:
    found, _ = cite(
        "Các sở thực hiện nghiêm.",
        chrome="Giấy phép số 01/GP-TTĐT, ngày 28 tháng 8 năm 2020\nCông văn 4085/UBND-ĐT ngày 25/11/2025 rà soát",
    )
    assert found == []


def test_named_laws_are_citations_without_a_number() -> None:
    found, _ = cite("Thực hiện Luật Phòng, chống bệnh truyền nhiễm năm 2007 và Hiến pháp năm 2013 theo pháp luật.")
    assert [(c.doc_type, c.title, c.year, c.number) for c in found] == [
        (DocType.LUAT, "Phòng, chống bệnh truyền nhiễm", 2007, None),
        (DocType.HIEN_PHAP, None, 2013, None),
    ]


def test_a_law_named_before_its_number_keeps_the_name_as_title() -> None:
    found, _ = cite("Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18/01/2024.")
    assert [(c.doc_type, c.number, c.title) for c in found] == [(DocType.LUAT, "31/2024/QH15", "Đất đai")]


def test_a_bare_serial_resolves_to_the_full_citation_it_abbreviates() -> None:
    found, refs = cite("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2020. Nghị quyết số 128 yêu cầu các địa phương.")
    assert [c.number for c in found] == ["128/NQ-CP"]
    assert [(r.text, r.target) for r in refs] == [("Nghị quyết số 128", 0)]


def test_a_bare_serial_without_its_full_citation_is_a_citation_without_number() -> None:
    found, refs = cite("Thực hiện Nghị quyết số 128 của Chính phủ.")
    assert [(c.doc_type, c.serial, c.number) for c in found] == [(DocType.NGHI_QUYET, 128, None)]
    assert refs == []


def test_short_references_point_at_the_full_citation_or_at_the_notice() -> None:
    meta = DocumentMeta(doc_type=DocType.THONG_BAO)
    found, refs = cite(
        "Thực hiện Công điện số 12/CĐ-UBND. Các đơn vị thực hiện nghiêm Công điện nêu trên. "
        "Kết luận này và Thông báo này gửi các sở.",
        meta=meta,
    )
    assert len(found) == 1
    assert [r.doc_type for r in refs] == [DocType.CONG_DIEN, DocType.KET_LUAN, DocType.THONG_BAO]
    assert [(r.text, r.target, r.to_self) for r in refs] == [
        ("Công điện nêu trên", 0, False),
        ("Kết luận này", None, True),
        ("Thông báo này", None, True),
    ]


def test_this_directive_in_a_directive_is_the_notice_itself() -> None:
    meta = DocumentMeta(doc_type=DocType.CHI_THI)
    _, refs = cite("Thực hiện Chỉ thị số 05/CT-TTg. Chỉ thị này được phổ biến.", meta=meta)
    assert [(r.target, r.to_self) for r in refs] == [(None, True)]


def test_on_the_ground_is_not_a_short_reference() -> None:
    _, refs = cite("Thực hiện Chỉ thị số 05/CT-TTg. Triển khai Chỉ thị trên địa bàn tỉnh.")
    assert refs == []


def test_a_year_less_date_takes_the_year_before_the_reference_date() -> None:
    doc = _doc("Thực hiện Công văn số 12/UBND-VX ngày 27/12 của UBND tỉnh.")
    found, _ = find_citations(doc, Context(reference_date=dt.date(2021, 1, 5)))
    assert found[0].date == dt.date(2020, 12, 27)


def test_hostile_input_is_read_quickly_and_without_error() -> None:
    texts = [
        "Chỉ thị số 15/CT-TTg, " * 20000,
        "1/A-B-C-D-E-F-G-H " * 20000,
        "Luật Phòng, chống " * 20000,
        "Công điện nêu trên " * 20000,
        "9" * 1_000_000,
        "Nghị quyết số 128 " * 20000,
    ]
    for text in texts:
        t0 = time.perf_counter()
        cite(text)
        assert time.perf_counter() - t0 < 8, text[:40]
    assert len(cite("Chỉ thị số 15/CT-TTg, " * 1000)[0]) == 1000


def test_past_two_thousand_numbers_the_rest_is_set_aside_with_a_warning() -> None:
    ctx = Context()
    found, _ = find_citations(_doc("12/TB-UBND " * 5000), ctx)
    assert len(found) == 2000
    assert [d.code for d in ctx.diagnostics] == ["citations_capped"]


# -- the fixtures ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES, ids=[n for n, _, _ in ALL_FIXTURES])
def test_fixture_citations_are_exactly_the_expected_ones(name: str, text: str, gold: dict) -> None:
    d = parse_directive(text)
    own = number_key(d.meta.number)
    got = {number_key(c.number): c for c in d.citations if c.number and number_key(c.number) != own}
    want = {number_key(g["number"]): g for g in gold.get("citations", [])}
    assert set(got) == set(want)
    for key, g in want.items():
        c = got[key]
        assert c.doc_type is not None and fold(c.doc_type.value) == fold(g["doc_type"]), key
        if g.get("date"):
            assert str(c.date) == g["date"], key


# -- properties ------------------------------------------------------------------------------

_STATE_ISSUERS = [e.code for e in issuers() if e.system == "state"]
_PARTY_ISSUERS = [e.code for e in issuers() if e.system == "party"]
_ALL_CODES = {fold(c) for c in _STATE_ISSUERS + _PARTY_ISSUERS} | {fold(c) for e in entries() for c in e.codes}
_TITLES = ["tăng cường phòng, chống dịch", "quản lý bảo vệ rừng", "giao dự toán ngân sách", "công tác văn thư"]
_PREFIXES = ["Thực hiện", "Căn cứ", "Theo", "Triển khai", "Tiếp theo", "Ngày 5/9, thực hiện"]
_SUFFIXES = [".", ", các sở, ngành triển khai thực hiện.", "; đề nghị các địa phương khẩn trương thực hiện."]


def _ascii_ok(code: str) -> bool:
    """Writing Đ as D leaves no doubt which code is meant."""
    folded = fold(code)
    same = {c for e in entries() for c in e.codes if fold(c) == folded}
    same |= {c for c in _STATE_ISSUERS + _PARTY_ISSUERS if fold(c) == folded}
    return len(same) == 1


def _glue_ok(type_code: str, issuer: str) -> bool:
    """Only one way to cut the glued code into a type code and an issuer code."""
    glued = type_code + issuer
    if canonical_issuer_code(glued) is not None or canonical_type_code(glued) is not None:
        return False
    cuts = [
        i
        for i in range(1, len(glued))
        if canonical_type_code(glued[:i]) is not None and canonical_issuer_code(glued[i:]) is not None
    ]
    return cuts == [len(type_code)]


@st.composite
def _unit(draw: st.DrawFn) -> str:
    u = draw(st.text(alphabet="ABCDEGHKLMNPQRSTVXĐ", min_size=2, max_size=5))
    assume(fold(u) not in _ALL_CODES)
    return u


@st.composite
def _date(draw: st.DrawFn) -> tuple[str, dt.date] | None:
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    d = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    form = draw(st.integers(0, 6))
    dd, mm = (f"{d.day:02d}", f"{d.month:02d}") if draw(st.booleans()) else (str(d.day), str(d.month))
    text = [
        f" ngày {dd}/{mm}/{d.year}",
        f", ngày {dd}/{mm}/{d.year}",
        f" ngày {d.day} tháng {d.month} năm {d.year}",
        f" ngày\n{dd}/{mm}/{d.year}",
        f" ngày {dd}-{mm}-{d.year}",
        f" ngày {dd}.{mm}.{d.year}",
        f" (ngày {dd}/{mm}/{d.year})",
    ][form]
    return text, d


@st.composite
def _number(draw: st.DrawFn, entry_name: str, style: str) -> tuple[str, str]:
    """(the number as written, with deviations; its canonical form)."""
    entry = next(e for e in entries() if e.name == entry_name)
    serial = draw(st.integers(1, 99999))
    serial_text = f"0{serial}" if serial < 10 and draw(st.booleans()) else str(serial)
    unit = draw(_unit()) if draw(st.booleans()) else None
    hyphen = draw(st.sampled_from(["-", "-", "–", "- ", " - "]))
    slash = draw(st.sampled_from(["/", "/", " /"]))
    ascii_d = draw(st.booleans())
    lower = draw(st.integers(0, 4)) == 0
    glue = draw(st.integers(0, 4)) == 0

    def dee(code: str) -> str:
        return code.replace("Đ", "D") if ascii_d and _ascii_ok(code) else code

    if style == "party":
        code = entry.party_code or ""
        issuer = draw(st.sampled_from(_PARTY_ISSUERS))
        tail = issuer + (f"-{unit}" if unit else "")
        canonical = f"{serial_text}-{code}/{tail}"
        sep = "" if glue else draw(st.sampled_from(["-", "-", "–", " - "]))
        written = f"{serial_text}{sep}{dee(code)}{slash}{dee(issuer)}" + (f"{hyphen}{unit}" if unit else "")
    elif style == "law":
        year = draw(st.integers(1992, 2030))
        term = draw(st.sampled_from(["QH13", "QH14", "QH15"]))
        canonical = written = f"{serial_text}/{year}/{term}"
    else:
        code = entry.state_code if style == "state" else None
        issuer = draw(st.sampled_from(_STATE_ISSUERS))
        year = draw(st.integers(1990, 2030)) if code and draw(st.booleans()) else None
        head = f"{serial_text}{slash}" + (f"{year}/" if year else "")
        parts = [p for p in (code, issuer, unit) if p]
        canonical = f"{serial_text}/" + (f"{year}/" if year else "") + "-".join(parts)
        if code and glue and _glue_ok(code, issuer):
            written = head + dee(code) + dee(issuer) + (f"{hyphen}{unit}" if unit else "")
        else:
            written = head + hyphen.join([dee(p) if p != unit else p for p in parts])
    if lower:
        written = written.lower()
    return written, canonical


_CODED = [e.name for e in entries() if e.state_code or e.party_code]


@st.composite
def _citation_sentence(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, dt.date | None]]]:
    """A sentence citing one to three documents, each named or sharing the type of a list."""
    pieces: list[str] = []
    expected: list[tuple[str, str, dt.date | None]] = []
    for i in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from([*_CODED, "Công văn", "Luật"]))
        entry = next(e for e in entries() if e.name == name)
        styles = [s for s, ok in (("state", entry.state_code), ("party", entry.party_code)) if ok]
        style = "law" if name == "Luật" else ("cv" if name == "Công văn" else draw(st.sampled_from(styles)))
        written_name = draw(st.sampled_from([entry.name, *entry.variants]))
        cases = [written_name, written_name.upper(), written_name.lower(), fold(written_name)]
        written_name = draw(st.sampled_from(cases))
        so = draw(st.sampled_from(["số ", "số: ", "", "Số "]))
        lead = draw(st.sampled_from(["", "các "])) if i == 0 else draw(st.sampled_from([", ", "; ", " và "]))
        members = draw(st.integers(1, 3))
        chunk = f"{lead}{written_name} {so}"
        for j in range(members):
            written, canonical = draw(_number(name, style))
            if j:
                chunk += draw(st.sampled_from([", ", " và ", " và số ", ", số "]))
            chunk += written
            date = draw(_date())
            issuer_code = parse_number(canonical)
            of = ""
            if draw(st.booleans()) and issuer_code is not None and issuer_code.issuer_code:
                of = f" của {issuer_name(issuer_code.issuer_code)}"
            if date is not None and of and draw(st.booleans()):
                chunk += of + date[0]
            else:
                chunk += (date[0] if date else "") + of
            expected.append((name, canonical, date[1] if date else None))
        if draw(st.booleans()):
            chunk += f" về việc {draw(st.sampled_from(_TITLES))}"
        pieces.append(chunk)
    numbers = [n for _, n, _ in expected]
    assume(len({number_key(n) for n in numbers}) == len(numbers))  # one mention of each document
    sentence = f"{draw(st.sampled_from(_PREFIXES))} {''.join(pieces)}{draw(st.sampled_from(_SUFFIXES))}"
    return sentence, expected


@given(_citation_sentence())
def test_generated_citations_are_recovered_with_type_number_and_date(
    case: tuple[str, list[tuple[str, str, dt.date | None]]],
) -> None:
    text, expected = case
    found, _ = cite(text)
    assert triples(found) == expected, text


@st.composite
def _non_citation(draw: st.DrawFn) -> str:
    d = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    a, b = draw(st.integers(0, 999)), draw(st.integers(1, 999))
    n = draw(st.integers(1000, 10_000_000))
    return draw(
        st.sampled_from(
            [
                f"ngày {d.day}/{d.month}/{d.year}",
                f"ngày {d.day} tháng {d.month} năm {d.year}",
                f"ngày {d.day}/{d.month}",
                f"tháng {d.month}/{d.year}",
                f"{a}/{b} địa phương",
                f"{a}/{b} xã, phường",
                f"{n:,} mẫu".replace(",", "."),
                f"{n:,} đồng/người/tháng".replace(",", "."),
                f"{a} ca/ngày",
                f"{a} lần/ca",
                f"0{draw(st.integers(100, 999))}.{draw(st.integers(1000, 9999))}.{draw(st.integers(100, 999))}",
                f"({draw(st.integers(100, 999))}) {draw(st.integers(1000, 9999))} {draw(st.integers(1000, 9999))}",
                f"1900-{draw(st.integers(1000, 9999))}",
                f"{draw(st.integers(1, 23))}h{draw(st.integers(0, 59)):02d}/ngày",
                f"{a}/ {draw(st.sampled_from(['Tổ chức', 'Day mạnh', 'BAN CHỈ ĐẠO', 'Quán triệt']))}",
                f"{a}-{b}/tuần",
            ]
        )
    )


@given(st.lists(_non_citation(), min_size=1, max_size=6), st.integers(1, 999), st.dates())
def test_generated_non_citations_yield_none(items: list[str], serial: int, day: dt.date) -> None:
    text = "Kết quả: " + "; ".join(items) + "."
    licence = (
        f"Giấy phép số {serial:02d}/GP-TTĐT, ngày {day.day} tháng {day.month} năm {day.year}\n"
        f"Quyết định số {serial}/QĐ-UBND ngày {day.day}/{day.month}/{day.year} về việc ban hành\n"
        f"Công văn {serial}/UBND-ĐT năm {day.year}"
    )
    found, _ = cite(text, chrome=licence)
    assert triples(found) == [], text


@given(_citation_sentence())
def test_every_generated_number_parses_alone_to_its_canonical_form(
    case: tuple[str, list[tuple[str, str, dt.date | None]]],
) -> None:
    _, expected = case
    for _, canonical, _ in expected:
        p = parse_number(canonical)
        assert p is not None and p.number == canonical
        assert parse_number(canonical.lower()) is not None
