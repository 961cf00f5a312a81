"""The clause tree: labels, nesting, parts, coverage of the body."""

from __future__ import annotations

import pytest

from chidao import parse_directive
from chidao.structure import read_layout
from conftest import ALL_FIXTURES


def _numbered(text: str) -> list[str]:
    d = parse_directive(text)
    return [c.label for c in d.iter_clauses() if c.kind == "numbered" and c.label]


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES, ids=[n for n, _, _ in ALL_FIXTURES])
def test_fixture_numbered_labels_are_exactly_the_expected_ones(name: str, text: str, gold: dict) -> None:
    assert _numbered(text) == gold["clauses"]


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES, ids=[n for n, _, _ in ALL_FIXTURES])
def test_clause_spans_cover_every_body_character_exactly_once(name: str, text: str, gold: dict) -> None:
    d = parse_directive(text)
    assert not [w for w in d.warnings if w.code == "internal_error"]
    body = next(p.span for p in d.parts if p.kind == "body")
    covered = [0] * len(d.text)
    for c in d.iter_clauses():
        assert d.text[c.span.start : c.span.end] == c.text
        for i in range(c.span.start, c.span.end):
            covered[i] += 1
    for i in range(body.start, body.end):
        if not d.text[i].isspace():
            assert covered[i] == 1, (i, d.text[max(0, i - 40) : i + 40])


def test_heading_ending_with_colon_owns_the_bullets_under_it() -> None:
    d = parse_directive("1. Mở đầu.\n\n2. Sở Y tế:\n\n- Rà soát danh sách.\n\n- Báo cáo kết quả.\n")
    two = d.clauses[1]
    assert two.heading == "Sở Y tế"
    assert [c.kind for c in two.children] == ["bullet", "bullet"]
    assert [c.id for c in two.children] == ["2-1", "2-2"]


def test_prose_that_contains_numbers_starts_no_clause() -> None:
    text = (
        "1. Thực hiện phương châm 4 tại chỗ.\n"
        "Tăng cường năng lực tại 13/13 địa phương, quy mô khoảng\n"
        "1.200 -1.500 người, phòng chống dịch\n"
        "Covid - 19 hiệu quả, từ 07 giờ ngày 16 đến\n"
        "13 giờ ngày 17/11/2025.\n"
        "2. Sở Tài chính bố trí kinh phí.\n"
    )
    assert _numbered(text) == ["1", "2"]


def test_numbering_restarting_under_roman_sections_stays_addressable() -> None:
    text = (
        "I. Đánh giá\n\n1. Kết quả.\n\n2. Hạn chế.\n\n"
        "II. Nhiệm vụ\n\n1. Sở Y tế rà soát.\n\n2. Sở Tài chính bố trí.\n"
    )
    d = parse_directive(text)
    paths = [c.path for c in d.iter_clauses()]
    assert paths == ["I", "I.1", "I.2", "II", "II.1", "II.2"]
    assert len({c.id for c in d.iter_clauses()}) == 6


def test_inline_enumeration_becomes_child_clauses() -> None:
    text = "5. Có 2 vấn đề: Thứ nhất là tiến độ chậm. Thứ hai là chưa rõ nguồn kinh phí.\n"
    d = parse_directive(text)
    five = d.clauses[0]
    assert [c.marker for c in five.children] == ["Thứ nhất", "Thứ hai"]


def test_markdown_residue_around_numbers_does_not_break_a_clause() -> None:
    text = "**1. ***Giảm tối đa số trẻ bị bỏ rơi: *Đây là nhiệm vụ.\n**2. ***Bảo đảm an toàn.*\n"
    assert _numbered(text) == ["1", "2"]


def test_page_chrome_is_set_aside_with_a_diagnostic() -> None:
    _name, text, _ = next(x for x in ALL_FIXTURES if x[0].startswith("001"))
    d = parse_directive(text)
    chrome = [p for p in d.parts if p.kind == "chrome"]
    assert chrome and "Tổng số điểm" in d.text[chrome[0].span.start : chrome[0].span.end]
    assert any(w.code == "chrome_set_aside" for w in d.warnings)
    assert all("Lượt xem" not in c.text for c in d.iter_clauses())


def test_layout_of_empty_text_is_empty() -> None:
    assert read_layout("").clauses == []


def test_section_letters_restart_the_numbering_under_them() -> None:
    text = "A. ĐÁNH GIÁ\n\n1. Kết quả tốt.\n\nB. NHIỆM VỤ\n\n1. Sở Y tế rà soát.\n\n2. Sở Tài chính bố trí.\n"
    d = parse_directive(text)
    assert [c.path for c in d.iter_clauses()] == ["A", "A.1", "B", "B.1", "B.2"]


def test_mot_la_hai_la_enumeration_becomes_child_clauses() -> None:
    d = parse_directive("3. Cần lưu ý: Một là, rà soát danh sách. Hai là, báo cáo kết quả.\n")
    assert [c.marker for c in d.clauses[0].children] == ["Một là", "Hai là"]


def test_footnotes_after_the_signature_are_their_own_part() -> None:
    text = (
        "1. Sở Y tế rà soát.\n\nNơi nhận:\n- Lưu VT.\n\nCHỦ TỊCH\nNguyễn Văn A\n\n"
        "**___________________**\n[1] Gồm các đồng chí Ủy viên Trung ương Đảng.\n"
    )
    d = parse_directive(text)
    foot = [p for p in d.parts if p.kind == "footnotes"]
    assert foot and d.text[foot[0].span.start : foot[0].span.end].endswith("Trung ương Đảng.")
    assert all("[1]" not in c.text for c in d.iter_clauses())


@pytest.mark.parametrize("first", ["I. ĐÁNH GIÁ CHUNG", "1. Tình hình triển khai"])
def test_a_type_heading_with_no_title_before_the_first_section_leaves_the_section_in_the_body(first: str) -> None:
    text = (
        "THÔNG BÁO\n\n"
        f"{first}\nNăm 2027, tỉnh đạt nhiều kết quả. Toàn tỉnh có\n15 xã đạt chuẩn, tăng\n3. xã so với năm trước.\n"
        "II. NHIỆM VỤ\n1) Sở Tài chính bố trí kinh phí.\n"
    )
    d = parse_directive(text)
    assert d.meta.title is None
    assert d.clauses[0].text.startswith(first)
    assert "3" not in [c.label for c in d.clauses]  # "3." of a wrapped line opens no clause


def test_page_chrome_at_the_top_of_a_repost_is_set_aside_and_the_notice_is_read() -> None:
    # a breadcrumb and a login bar above the notice: chrome before any sentence is furniture above
    # the notice, not the end of its body (the whole notice was set aside as chrome)
    text = (
        "Trang chủ > Tin tức > Chỉ đạo điều hành\n"
        "Đăng nhập | Đăng ký\n"
        "Kết luận của Thường trực Tỉnh ủy về công tác chuyển đổi số\n"
        "Theo đó, Thường trực Tỉnh ủy yêu cầu các cấp ủy tiếp tục quán triệt Nghị quyết số 57-NQ/TW.\n"
        "1. Sở Khoa học và Công nghệ chủ trì xây dựng kế hoạch, trình UBND tỉnh trước ngày 15/12/2027.\n"
        "2. Ban Tổ chức Tỉnh ủy hướng dẫn triển khai phần mềm quản lý đảng viên.\n"
        "Chia sẻ: Facebook Zalo\n"
        "Tin liên quan\n"
        "- Thông báo số 850-TB/TU về công tác cán bộ\n"
    )
    d = parse_directive(text)
    assert [c.label for c in d.clauses if c.kind == "numbered"] == ["1", "2"]
    assert d.clauses[-1].text.endswith("quản lý đảng viên.")
    assert [c.number for c in d.citations] == ["57-NQ/TW"]
    assert d.meta.meeting_date is None  # "chủ trì ... trước ngày 15/12/2027" is a deadline, no meeting
    chrome = [d.text[p.span.start : p.span.end] for p in d.parts if p.kind == "chrome"]
    assert chrome[0].startswith("Trang chủ") and chrome[-1].startswith("Chia sẻ")


def test_a_deeper_label_under_a_parent_that_skips_a_level_keeps_its_own_path() -> None:
    d = parse_directive(
        "1. Sở Công Thương:\n1.1.1. Kiểm tra thị trường.\n1.1.2. Báo cáo kết quả.\n2. Sở Y tế:\n2.1. Kiểm tra.\n"
    )
    first, second = d.clauses
    # siblings, not "1.1.1.2" under "1.1.1"
    assert [(c.id, c.label) for c in first.children] == [("1.1.1", "1.1.1"), ("1.1.2", "1.1.2")]
    assert [c.id for c in second.children] == ["2.1"]
