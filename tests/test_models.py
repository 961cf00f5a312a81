"""The contract: frozen models, no stray fields, lossless JSON, a published schema, spans back to source."""

from __future__ import annotations

import pickle

import pydantic
import pytest

from chidao import Directive, DocType, Span, parse_directive
from chidao.grammar.patterns import read_table
from chidao.models import _Model
from conftest import ALL_FIXTURES


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES, ids=[n for n, _, _ in ALL_FIXTURES])
def test_fixture_directives_survive_a_json_round_trip(name: str, text: str, gold: dict) -> None:
    d = parse_directive(text)
    assert Directive.model_validate_json(d.model_dump_json()) == d


def test_models_are_frozen_and_forbid_unknown_fields() -> None:
    s = Span(start=1, end=2)
    with pytest.raises(pydantic.ValidationError):
        s.start = 3  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        Span(start=1, end=2, width=1)  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError):
        Span(start=5, end=2)


def test_directive_publishes_a_json_schema_with_the_contract_fields() -> None:
    schema = Directive.model_json_schema()
    for name in ("source", "text", "meta", "clauses", "tasks", "citations", "warnings"):
        assert name in schema["properties"]


def test_every_doc_type_has_a_row_in_the_grammar_table_and_back() -> None:
    names = {row[0] for row in read_table("doc_types.tsv")}
    assert {t.value for t in DocType} <= names
    assert names <= {t.value for t in DocType}, "a doc_types.tsv row has no DocType member"


def test_doc_type_code_comes_from_the_official_tables() -> None:
    assert DocType.CHI_THI.code == "CT"
    assert DocType.CONG_DIEN.code == "CĐ"
    assert DocType.THONG_BAO.code == "TB"
    assert DocType.KET_LUAN.code == "KL"


def test_spans_map_back_to_the_source_through_normalization() -> None:
    source = "1. **Sở Y te\u0302\u0301** rà soát, báo cáo Uỷ ban nhân dân tỉnh.\n"
    d = parse_directive(source)
    start = d.text.index("Sở Y tế")
    span = Span(start=start, end=start + len("Sở Y tế"))
    back = d.to_source(span)
    assert source[back.start : back.end] == "Sở Y te\u0302\u0301"
    start = d.text.index("Ủy ban")
    back = d.to_source(Span(start=start, end=start + 6))
    assert source[back.start : back.end] == "Uỷ ban"


def test_wrong_argument_types_raise_type_error() -> None:
    with pytest.raises(TypeError):
        parse_directive(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_directive("x", reference_date="2021-01-01")  # type: ignore[arg-type]


def test_trusted_construction_gives_the_same_model_as_validation() -> None:
    from chidao import Clause

    args = dict(id="1", path="1", label="1", kind="numbered", heading=None, text="1. Sở Y tế.",
                span=Span(start=0, end=11), children=[], marker="1.")
    fast = Clause.trusted(**args)
    slow = Clause(**args)
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert Clause.model_validate_json(fast.model_dump_json()) == slow


def test_a_failing_extractor_costs_only_its_own_results(monkeypatch: pytest.MonkeyPatch) -> None:
    import chidao.pipeline as pipeline

    def broken(*args: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "find_deadlines", broken)
    d = parse_directive("1. Sở Y tế rà soát theo Chỉ thị số 15/CT-TTg, báo cáo trước ngày 28/7/2020.\n")
    assert [c.number for c in d.citations] == ["15/CT-TTg"]
    assert d.tasks and not any(t.deadlines for t in d.tasks)
    assert [w.code for w in d.warnings if w.severity == "error"] == ["extractor_failed"]


def test_trusted_models_share_one_fields_set_and_a_copy_does_not_change_it() -> None:
    a = Span.trusted(start=0, end=1)
    b = Span.trusted(start=2, end=3)
    assert a.model_fields_set == {"start", "end"}
    assert a.model_fields_set is b.model_fields_set  # one set per class: cheaper to build and to collect
    c = a.model_copy(update={"end": 5})
    assert (c.start, c.end) == (0, 5) and (a.start, a.end) == (0, 1)
    assert a.model_fields_set == {"start", "end"} and c.model_fields_set is not a.model_fields_set
    assert Span.trusted(start=0).model_fields_set == {"start"}  # a partial build keeps its own set


@pytest.mark.parametrize(("name", "text", "gold"), ALL_FIXTURES[:3], ids=[n for n, _, _ in ALL_FIXTURES[:3]])
def test_fixture_directives_survive_pickling_with_their_fields_sets(name: str, text: str, gold: dict) -> None:
    d = parse_directive(text)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(d, protocol=protocol))
        assert back == d
        pairs = [(back, d), (back.meta, d.meta), *zip(back.clauses, d.clauses, strict=True)]
        pairs += list(zip(back.tasks, d.tasks, strict=True))
        for a, b in pairs:
            assert a.model_fields_set == b.model_fields_set


def test_a_model_built_with_defaults_pickles_with_its_own_fields_set() -> None:
    from chidao.models import Diagnostic

    d = Diagnostic(code="x", message="y")  # span and severity left to their defaults
    back = pickle.loads(pickle.dumps(d))
    assert back == d
    assert back.model_fields_set == {"code", "message"}
    assert back.model_dump() == d.model_dump()
    with pytest.raises(pydantic.ValidationError):
        back.code = "z"  # type: ignore[misc]  # still frozen


class _WithPrivate(_Model):
    a: int
    _note: str = "n"


def test_a_model_with_private_state_pickles_the_pydantic_way() -> None:
    x = _WithPrivate(a=1)
    assert x.__pydantic_private__  # the case __reduce__ hands back to pydantic
    back = pickle.loads(pickle.dumps(x))
    assert back == x and back._note == "n" and back.model_fields_set == {"a"}
