"""Sentences that describe the meeting or the issuing of the notice assign nothing."""

from __future__ import annotations

import pytest

from chidao import parse_directive


@pytest.mark.parametrize(
    "lead",
    [
        "Ngày 12/6/2024, đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh chủ trì cuộc họp về công tác phòng, chống hạn.",
        "Ngày 22/8/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban trực tuyến về công tác phòng, chống dịch.",
        "Ngày 24/11/2025, đồng chí Tổng Bí thư đã có buổi làm việc với Đảng ủy Bộ Y tế.",
        "Ngày 27/9/2021, Thường trực Tỉnh ủy tổ chức hội nghị trực tuyến với Ban Chỉ đạo cấp huyện.",
    ],
)
def test_a_sentence_about_the_meeting_makes_no_task(lead: str) -> None:
    d = parse_directive(lead + "\n\n1. Sở Y tế rà soát danh sách, báo cáo trước ngày 30/6/2024.\n")
    lead_tasks = [t for t in d.tasks if t.clause_label is None and t.actors]
    assert lead_tasks == []
    assert [a.name for t in d.tasks if t.clause_label == "1" for a in t.actors] == ["Sở Y tế"]


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("1. Sở Xây dựng kiểm tra an toàn các công trình thủy lợi.", "trình"),
        ("1. Sở Y tế theo dõi quá trình điều trị, báo cáo kết quả.", "trình"),
        ("1. Sở Tài chính bố trí kinh phí theo Quyết định số 1234/QĐ-UBND của UBND tỉnh.", "quyết định"),
        ("1. Cục Y tế dự phòng tổng hợp, báo cáo Lãnh đạo Bộ.", "lãnh đạo"),
    ],
)
def test_no_verb_is_read_inside_a_compound_noun(sentence: str, absent: str) -> None:
    d = parse_directive(sentence + "\n")
    verbs = [v.lower() for t in d.tasks for v in t.verbs]
    assert verbs and absent not in verbs


def test_a_section_title_in_capitals_makes_no_task() -> None:
    d = parse_directive("I. ĐÁNH GIÁ CHUNG\n\nII. NHIỆM VỤ\n\n1. Sở Y tế rà soát danh sách.\n")
    assert [t.text for t in d.tasks] == ["Sở Y tế rà soát danh sách."]


@pytest.mark.parametrize(
    "sentence",
    [
        "2. Thống nhất với đề xuất của Sở Tài chính về phương án phân bổ vốn.",
        "2. Cơ bản đồng ý với báo cáo của Ban cán sự đảng UBND tỉnh.",
    ],
)
def test_agreeing_with_a_proposal_makes_no_task(sentence: str) -> None:
    d = parse_directive(sentence + "\n")
    assert d.tasks == []
