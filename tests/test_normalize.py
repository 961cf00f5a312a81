"""Normalization: one text every span indexes, cleaned of what copies and converters add."""

from __future__ import annotations

import unicodedata

import pytest

from chidao.normalize import normalize


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh"), "Ủy ban nhân dân tỉnh"),
        ("Uỷ ban, thuỷ lợi, hoà bình, sức khoẻ", "Ủy ban, thủy lợi, hòa bình, sức khỏe"),
        ("quý, hoàng, ngoài, thuyền", "quý, hoàng, ngoài, thuyền"),
        ("trước 17h00’ ngày 28/7", "trước 17h00' ngày 28/7"),
        ("“chống dịch như chống giặc”", '"chống dịch như chống giặc"'),
        ("Sở Giao thông – Vận tải — Covid−19", "Sở Giao thông - Vận tải - Covid-19"),
        ("Sở\u00a0Y\u200btế", "Sở Ytế"),
        ("**1. ***Giảm tối đa:* Đây", "1. Giảm tối đa: Đây"),
        ("__Nơi nhận__:", "Nơi nhận:"),
        ("**___________________**", "___________________"),
        ("|\n| Số: 06/CT-UBND |\n|", "Số: 06/CT-UBND\n"),
        ("## Văn bản liên quan", "Văn bản liên quan"),
        ("a    b  \n\n\n\n c", "a b\n\nc"),
        ("line\r\nnext\rlast", "line\nnext\nlast"),
        ("trước ngày\n\n--- PAGE BREAK ---\n\n25/12", "trước ngày\n\n25/12"),
        ("ngƣời dân", "người dân"),
        ("ghi chú (*) giữ nguyên", "ghi chú (*) giữ nguyên"),
    ],
)
def test_normalization_examples(source: str, expected: str) -> None:
    assert normalize(source).text == expected


def test_normalization_of_normalized_text_changes_nothing() -> None:
    text = "1. Sở Y tế chủ trì, phối hợp với Công an tỉnh.\n\n- Rà soát.\n"
    n = normalize(text)
    assert n.text == text
    assert n.offsets.segments == [(0, len(text), 0, len(text))]
