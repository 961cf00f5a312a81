"""Document metadata: header, repost lead line, meeting, signature, Nơi nhận, province."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidao import DocType, parse_directive
from chidao.grammar.provinces import province_named, provinces
from chidao.grammar.signature import restore_surname, surnames
from chidao.models import DocumentMeta
from chidao.textutil import fold
from conftest import ALL_FIXTURES, corpus_rows


def _meta_field(meta: DocumentMeta, name: str) -> Any:
    if name == "signer":
        return meta.signer.name if meta.signer else None
    if name == "signer_title":
        return meta.signer.title if meta.signer else None
    if name == "authority":
        return meta.signer.authority if meta.signer else None
    if name == "addressees":
        return " | ".join(meta.addressees) or None
    value = getattr(meta, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DocType):
        return value.value
    return value


# --------------------------------------------------------------------------- the fixtures' gold

WITH_META = [(n, t, g) for n, t, g in ALL_FIXTURES if g.get("meta")]


@pytest.mark.parametrize(("name", "text", "gold"), WITH_META, ids=[n for n, _, _ in WITH_META])
def test_fixture_meta_matches_the_gold_field_by_field(name: str, text: str, gold: dict[str, Any]) -> None:
    meta = parse_directive(text).meta
    for field, want in gold["meta"].items():
        got = _meta_field(meta, field)
        if want is None:
            assert got is None, field
        else:
            assert fold(str(got)) == fold(str(want)), field


# --------------------------------------------------------------------------- the corpus



@pytest.mark.parametrize("row", corpus_rows("meta_positive.tsv"), ids=lambda r: f"{r[0]}={r[1]}")
def test_corpus_meta_fields_are_read(row: list[str]) -> None:
    field, want, text = row
    meta = parse_directive(text.replace("\\n", "\n")).meta
    assert _meta_field(meta, field) == want


@pytest.mark.parametrize("row", corpus_rows("meta_negative.tsv"), ids=lambda r: r[0])
def test_corpus_meta_fields_that_the_notice_does_not_give_stay_none(row: list[str]) -> None:
    field, text = row
    meta = parse_directive(text.replace("\\n", "\n")).meta
    assert _meta_field(meta, field) is None


# --------------------------------------------------------------------------- named behaviours


def test_a_blank_number_keeps_the_symbol_and_says_so() -> None:
    d = parse_directive("Số: /TB-UBND\n\nBắc Giang, ngày tháng 8 năm 2021\n\nTHÔNG BÁO\n\n1. Sở Y tế chủ trì.")
    assert (d.meta.number, d.meta.symbol, d.meta.place, d.meta.issued_date) == (None, "TB-UBND", "Bắc Giang", None)
    codes = {w.code for w in d.warnings}
    assert {"number_blank", "issued_date_blank"} <= codes


def test_a_repost_without_a_year_takes_reference_date_over_the_page() -> None:
    text = "Tin\n\nNgày 27/8, Tỉnh ủy ban hành Thông báo số 283-TB/TU về kết luận.\n\n1. Các cấp thực hiện."
    d = parse_directive(text, reference_date=dt.date(2022, 1, 5))
    assert d.meta.issued_date == dt.date(2022, 8, 27)
    assert any(w.code == "year_inferred" for w in d.warnings)


def test_a_repost_date_after_the_page_date_is_of_the_year_before() -> None:
    text = "Tin tức\n\n05/01/2021 08:00\n\nNgày 30/12, UBND tỉnh ban hành Chỉ thị số 20/CT-UBND.\n\n1. Các sở làm."
    assert parse_directive(text).meta.issued_date == dt.date(2020, 12, 30)


def test_nơi_nhận_lines_carry_their_purposes() -> None:
    text = (
        "THÔNG BÁO\n\n1. Sở Y tế chủ trì.\n\nNơi nhận:\n- Bộ Y tế (b/c);\n- TT Tỉnh ủy (để báo cáo);\n"
        "- Các sở (t/h);\n- Lưu: VT, KGVX.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Tuấn Phú"
    )
    meta = parse_directive(text).meta
    assert meta.recipients == ["Bộ Y tế (b/c)", "TT Tỉnh ủy (để báo cáo)", "Các sở (t/h)", "Lưu: VT, KGVX"]
    assert meta.recipient_purposes == ["báo cáo", "báo cáo", "thực hiện", "lưu"]
    assert meta.signer is not None
    signer = (meta.signer.authority, meta.signer.on_behalf_of, meta.signer.title)
    assert signer == ("TL.", "Chủ tịch", "Chánh Văn phòng")


def test_an_ocr_damaged_family_name_is_restored_from_the_lexicon() -> None:
    assert restore_surname("Dang!") == "Đặng"
    assert restore_surname("Nguyen") == "Nguyễn"
    assert restore_surname("Nguyẽn") == "Nguyễn"  # one mark wrong
    assert restore_surname("Xyzw") is None  # not close to any family name
    assert restore_surname("Lỗ") is None  # a word with its marks is trusted


def test_every_one_word_family_name_is_its_own_restoration() -> None:
    for name in surnames():
        if " " not in name:
            assert restore_surname(name) == name


def test_the_province_table_holds_the_63_before_and_the_34_after_the_merger() -> None:
    rows = provinces()
    assert sum(1 for p in rows if p.period in ("both", "before")) == 63
    assert sum(1 for p in rows if p.period in ("both", "after")) == 34
    for p in rows:
        if p.merged_into:
            merged = province_named(p.merged_into)
            assert merged is not None and merged.period in ("both", "after")


@pytest.mark.parametrize(
    ("written", "name"),
    [("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Thừa Thiên - Huế", "Thừa Thiên Huế"), ("Thanh Hoá", "Thanh Hóa"),
     ("dak lak", "Đắk Lắk"), ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu")],
)  # fmt: skip
def test_province_variants_are_known(written: str, name: str) -> None:
    p = province_named(written)
    assert p is not None and p.name == name


def test_meta_never_raises_on_hostile_text() -> None:
    for text in ["Số: " * 20000, "ngày " * 30000 + "tháng 8 năm 2021", "Nơi nhận:\n" + "- a\n" * 20000,
                 "KT. " * 20000, "Đồng chí " * 20000 + "chủ trì", ", ngày" * 50000]:  # fmt: skip
        d = parse_directive(text)
        assert not [w for w in d.warnings if w.code in ("meta_step_failed", "internal_error")]


# --------------------------------------------------------------------------- generated notices

TYPES = [("THÔNG BÁO", DocType.THONG_BAO, "TB"), ("CHỈ THỊ", DocType.CHI_THI, "CT"),
         ("KẾ HOẠCH", DocType.KE_HOACH, "KH"), ("QUYẾT ĐỊNH", DocType.QUYET_DINH, "QĐ")]  # fmt: skip
SIGNATURES = [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM.", "Chủ tịch"),
              ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT.", "Phó Chủ tịch"),
              ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TL.", "Chánh Văn phòng"), ("CHỦ TỊCH", None, "Chủ tịch"),
              ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ", "TUQ.", None)]  # fmt: skip
GIVEN = ["Văn", "Thị", "Minh", "Hồng", "Tuấn", "Ngọc", "Xuân", "Thanh", "Quốc", "Đức", "Lan", "Hùng", "Phú", "Nam"]
PROVINCES = [p for p in provinces() if p.kind == "tỉnh" and p.name.replace(" ", "").isalpha()]


@st.composite
def typed_notices(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    heading, doc_type, code = draw(st.sampled_from(TYPES))
    province = draw(st.sampled_from(PROVINCES))
    serial = draw(st.none() | st.integers(1, 9999))
    day = draw(st.none() | st.integers(1, 28))
    month, year = draw(st.integers(1, 12)), draw(st.integers(2015, 2026))
    block, authority, title = draw(st.sampled_from(SIGNATURES))
    given_names = draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2))
    name = " ".join([draw(st.sampled_from(surnames()[:30])), *given_names])
    so = f"Số: {serial}/{code}-UBND" if serial else f"Số: /{code}-UBND"
    date = f"ngày {day:02d}" if day else "ngày"
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.name.upper()}\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"Độc lập - Tự do - Hạnh phúc\n---------------\n\n{so}\n\n{province.name}, {date} tháng {month} năm {year}\n\n"
        f"{heading}\nVề việc tăng cường công tác phòng, chống dịch\n\n"
        "Để thực hiện tốt nhiệm vụ, Ủy ban nhân dân tỉnh yêu cầu:\n\n1. Sở Y tế chủ trì, phối hợp thực hiện.\n\n"
        f"2. Sở Tài chính bố trí kinh phí./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{block}\n\n{name}"
    )
    truth = {
        "doc_type": doc_type,
        "number": f"{serial}/{code}-UBND" if serial else None,
        "symbol": f"{code}-UBND",
        "place": province.name,
        "province": province.name,
        "issued_date": dt.date(year, month, day) if day else None,
        "signer": name,
        "authority": authority,
        "title": title,
        "issuer": f"Ủy ban nhân dân tỉnh {province.name}",
    }
    return text, truth


@given(typed_notices())
def test_a_generated_typed_notice_gives_back_its_header_and_signature(case: tuple[str, dict[str, Any]]) -> None:
    text, truth = case
    meta = parse_directive(unicodedata.normalize("NFC", text)).meta
    assert meta.doc_type == truth["doc_type"]
    assert meta.number == truth["number"] and meta.symbol == truth["symbol"]
    assert meta.place == truth["place"] and meta.province == truth["province"]
    assert meta.issued_date == truth["issued_date"]
    assert meta.issuer == truth["issuer"]
    assert meta.signer is not None and meta.signer.name == truth["signer"]
    assert meta.signer.authority == truth["authority"]
    if truth["title"]:
        assert meta.signer.title == truth["title"]
