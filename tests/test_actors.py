"""Actors: names parsed by grammar, canonical names, roles from cue words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chidao.extract.actors import analyze, parse_actor
from chidao.grammar.actors import Tokens, lexicon, tokenize
from chidao.grammar.patterns import read_table
from chidao.normalize import normalize
from conftest import corpus_rows

PRIMARY = {"lead", "assignee", "requested", "supervise"}



def found(sentence: str) -> list[str]:
    text = normalize(sentence).text
    return [f"{f.role}:{f.mention.name}" for f in analyze(tokenize(text)).found]


POSITIVE = corpus_rows("actors_positive.tsv")
NEGATIVE = corpus_rows("actors_negative.tsv")


@pytest.mark.parametrize(("sentence", "expected"), POSITIVE, ids=[r[0][:40] for r in POSITIVE])
def test_corpus_sentence_names_exactly_its_actors_in_their_roles(sentence: str, expected: str) -> None:
    assert found(sentence) == expected.split("|")


@pytest.mark.parametrize("sentence", [r[0] for r in NEGATIVE], ids=[r[0][:40] for r in NEGATIVE])
def test_corpus_context_sentence_charges_nobody(sentence: str) -> None:
    assert [f for f in found(sentence) if f.split(":")[0] in PRIMARY] == []


def _name(text: str) -> str:
    got = parse_actor(tokenize(normalize(text).text))
    assert got is not None, text
    return got[1][0].name


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("So Tai chinh", "Sở Tài chính"),
        ("BCĐ tỉnh", "Ban Chỉ đạo tỉnh"),
        ("Bộ NN&MT", "Bộ Nông nghiệp và Môi trường"),
        ("Ban Cán sự đảng UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
        ("Ngành Lao động, Thương binh và Xã hội tỉnh", "Ngành Lao động - Thương binh và Xã hội tỉnh"),
        ("Sở Tài chíhn", "Sở Tài chính"),
        ("Sở Giáo dực và Đào tạo", "Sở Giáo dục và Đào tạo"),
    ],
)
def test_canonical_name_expands_abbreviations_and_restores_tone_marks(surface: str, canonical: str) -> None:
    assert _name(surface) == canonical


def test_person_is_named_by_name_and_keeps_the_title_apart() -> None:
    got = parse_actor(tokenize("đồng chí Mai Sơn, Phó Chủ tịch Thường trực UBND tỉnh chỉ đạo"))
    assert got is not None
    m = got[1][0]
    assert (m.name, m.kind, m.title) == ("Mai Sơn", "person", "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh")


def test_distributive_title_expands_to_one_person_per_ministry() -> None:
    got = parse_actor(tokenize("Bộ trưởng các Bộ: Quốc phòng, Công an, Giáo dục và Đào tạo và các Bộ, ngành"))
    assert got is not None
    assert [m.name for m in got[1]] == [
        "Bộ trưởng Bộ Quốc phòng",
        "Bộ trưởng Bộ Công an",
        "Bộ trưởng Bộ Giáo dục và Đào tạo",
    ]


def test_plural_units_after_a_head_stay_one_actor() -> None:
    assert _name("Ủy ban nhân dân các huyện, thành phố, thị xã") == "Ủy ban nhân dân các huyện, thành phố, thị xã"
    assert _name("Ban thường vụ các huyện ủy, thành ủy") == "Ban thường vụ các huyện ủy, thành ủy"


def test_people_and_things_addressed_are_never_actors() -> None:
    for text in ("người dân", "các doanh nghiệp", "Nhân dân", "huy động lực lượng cụ thể"):
        assert parse_actor(tokenize(text)) is None


def test_passive_giao_cho_is_not_an_assignment() -> None:
    assert found("Diện tích được giao cho các đơn vị chủ rừng quản lý.") == []


AGENCIES = [row[1] for row in read_table("agencies.tsv") if len(row) > 1]


@pytest.mark.parametrize("name", AGENCIES)
def test_every_agency_of_the_lexicon_is_recovered_as_subject_and_as_assignee(name: str) -> None:
    assert found(f"{name} khẩn trương triển khai thực hiện kế hoạch.")[0] == f"lead:{name}"
    assert f"assignee:{name}" in found(f"Giao {name} chủ trì rà soát.")


def test_every_head_noun_of_the_grammar_is_in_the_lexicon() -> None:
    lx = lexicon()
    heads = [row[1] for row in read_table("actor_heads.tsv") if row[0] == "head"]
    for h in heads:
        toks = tokenize(h)
        assert lx.longest(toks, 0, ("head",)) is not None, h


# -- generated names ------------------------------------------------------------------------------

FIELD_WORDS = [
    "Năng lượng",
    "Hàng hải",
    "Thủy lợi",
    "Khoáng sản",
    "Đô thị",
    "Cảng biển",
    "Lâm nghiệp",
    "Hải đảo",
    "Biển",
]
PREDICATES = [
    "rà soát danh sách các hộ dân",
    "xây dựng kế hoạch cụ thể",
    "tăng cường kiểm tra, giám sát",
    "khẩn trương triển khai thực hiện",
    "phải báo cáo kết quả",
    "chủ động bố trí kinh phí",
]
BODY_KINDS = ("department", "ministry", "provincial", "mass")
LEXICON_BODIES = [row[1] for row in read_table("agencies.tsv") if len(row) > 1 and row[0] in BODY_KINDS]


@st.composite
def generated_body(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(LEXICON_BODIES))
    words = draw(st.lists(st.sampled_from(FIELD_WORDS), min_size=1, max_size=2, unique=True))
    return "Sở " + " và ".join(words)


@given(
    st.lists(generated_body(), min_size=1, max_size=3, unique=True),
    st.sampled_from(PREDICATES),
    st.sampled_from([", ", " và "]),
)
def test_generated_subjects_are_recovered_exactly(bodies: list[str], predicate: str, joiner: str) -> None:
    generated_with_va = [b for b in bodies if " và " in b and b not in LEXICON_BODIES]
    if len(bodies) > 1 and joiner == " và " and generated_with_va:
        bodies = bodies[:1]  # "Sở A và B và Sở C": ambiguous even to a reader
    sentence = joiner.join(bodies) + " " + predicate + "."
    assert found(sentence) == [f"lead:{b}" for b in bodies]


ROLE_CUES = [
    ("phối hợp với {}", "coordinate"),
    ("báo cáo {}", "report_to"),
    ("gửi {}", "report_to"),
    ("hỗ trợ {}", "beneficiary"),
    ("chỉ đạo {} thực hiện", "assignee"),
    ("đôn đốc {} thực hiện", "assignee"),
]


@given(generated_body(), generated_body(), st.sampled_from(ROLE_CUES))
def test_every_role_cue_gives_its_actor_the_role(subject: str, other: str, cue: tuple[str, str]) -> None:
    if subject == other:
        return
    template, role = cue
    got = found(f"{subject} chủ trì, {template.format(other)} kế hoạch.")
    subject_role = "supervise" if role == "assignee" and template.startswith("chỉ đạo") else "lead"
    assert got[0] == f"{subject_role}:{subject}" or got[0] == f"lead:{subject}"
    assert f"{role}:{other}" in got


# -- tokens and lexicon lookups --------------------------------------------------------------------

TEXT_PIECES = [
    "Sở",
    "Y",
    "tế",
    "UBND",
    "tỉnh",
    "các",
    "huyện",
    "So",
    "y",
    "te",
    "ủy",
    "ban",
    "Ủy",
    "2021",
    "xã",
    "chủ",
    "trì",
    "chu",
    "tri",
    "phối",
    "hợp",
    "với",
    ",",
    ";",
    ":",
    ".",
    "(",
    ")",
    "-",
    "/",
    "\u0301",
    "\u0300\u0300",
    "_x",
    "Đà",
    "Nẵng",
    "ΑΣ",
    "中国",
    " ",
    "  ",
    "\n",
    "\t",
]


@given(st.lists(st.sampled_from(TEXT_PIECES), max_size=40), st.integers(0, 5), st.integers(0, 5))
def test_tokens_index_the_text_and_carry_its_lower_case_and_folded_forms(pieces: list[str], a: int, b: int) -> None:
    from chidao.textutil import fold

    text = "".join(pieces)
    start, end = min(a, len(text)), max(min(a, len(text)), len(text) - b)
    toks = tokenize(text, start, end)
    pos = start
    for t in toks:
        assert pos <= t.start < t.end <= end
        assert text[t.start : t.end] == t.text and not any(ch.isspace() for ch in t.text)
        assert text[pos : t.start].strip() == ""
        assert (t.low, t.key, t.plain) == (t.text.lower(), fold(t.text), fold(t.text) == t.text.lower())
        assert t.word == t.text[0].isalnum() and t.cap == t.text[0].isupper()
        pos = t.end
    assert text[pos:end].strip() == ""


LEXICON_WORDS = sorted({w for e in lexicon().entries() for w in e.words})
PHRASES = sorted({e.words for e in lexicon().entries() if len(e.words) > 1})


def _same_key() -> dict[str, list[str]]:
    from chidao.textutil import fold

    out: dict[str, list[str]] = {}
    for w in LEXICON_WORDS:
        out.setdefault(fold(w), []).append(w)
    return out


SAME_KEY = _same_key()


@st.composite
def phrase_spellings(draw: st.DrawFn) -> list[str]:
    """Spellings of a lexicon phrase: each word as written, without accents, capitalized, or
    with the accents of another word of the same folded form ("tế" for "tê")."""
    from chidao.textutil import fold

    words = draw(st.sampled_from(PHRASES))
    out = []
    for _ in range(3):
        spelt = []
        for w in words:
            how = draw(st.integers(0, 3))
            spelt.append(
                fold(w) if how == 1 else w.capitalize() if how == 2 else draw(st.sampled_from(SAME_KEY[fold(w)]))
            )
        tail = draw(st.sampled_from(["", " ,", " và", " " + draw(st.sampled_from(LEXICON_WORDS))]))
        out.append(" ".join(spelt) + tail)
    return out


@given(phrase_spellings())
def test_remembered_lexicon_lookups_equal_a_fresh_walk_of_the_trie(texts: list[str]) -> None:
    lx = lexicon()
    for text in texts:  # the same phrase spelt three ways, one after another: memory must not mix them
        toks = tokenize(text)
        for i in range(len(toks)):
            fresh = lx._walk(Tokens.of(toks), i, len(toks))
            assert lx.all_at(toks, i) == fresh, (text, i)
            best = lx.best_at(toks, i)
            assert best == {e.cat: e for e in reversed(fresh)}, (text, i)
