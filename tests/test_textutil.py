"""Folding: the two ways ``fold`` computes its result agree, and lengths are kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chidao.textutil import _FOLD_SEQ, fold

_ALPHABET = st.sampled_from(
    [
        *"aàáảãạăằắẳẵặâầấẩẫậđĐAÀÁẢÃẠ bcdefghiklmnopqrstuvxy ƠỚỜỞỠỢƯỨỪỬỮỰ.,;:0123 \n",
        *("\u0301", "\u0300", "Ω", "П", "я", "中", "😀", "ﬁ", "İ", "\u212a", "\x00", "\ufeff"),
    ]
)


@given(st.lists(_ALPHABET, max_size=400).map("".join))
def test_fold_is_one_translate_at_any_length(text: str) -> None:
    folded = fold(text)
    assert folded == text.translate(_FOLD_SEQ)
    assert len(folded) == len(text)


def test_fold_strips_vietnamese_diacritics() -> None:
    assert fold("Ủy ban nhân dân Đà Nẵng") == "uy ban nhan dan da nang"
    long = "Ủy ban nhân dân tỉnh Quảng Trị yêu cầu các sở, ban, ngành " * 10
    assert fold(long) == "uy ban nhan dan tinh quang tri yeu cau cac so, ban, nganh " * 10
