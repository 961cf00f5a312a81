"""The public contract of chidao (see CONTRACT.md): typed, frozen Pydantic models.

Every model that has ``text`` and ``span`` satisfies
``directive.text[span.start:span.end] == item.text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ActorKind",
    "ActorRef",
    "ActorRole",
    "Citation",
    "Clause",
    "ClauseKind",
    "Deadline",
    "DeadlineKind",
    "Diagnostic",
    "Directive",
    "DocType",
    "DocumentMeta",
    "Part",
    "Precision",
    "Reference",
    "Signer",
    "Span",
    "Task",
]


# The slot setters of BaseModel, called directly: faster than object.__setattr__ by name
# (see trusted_model).
_new_object = object.__new__
_set_dict = vars(BaseModel)["__dict__"].__set__
_set_fields_set = vars(BaseModel)["__pydantic_fields_set__"].__set__
_set_extra = vars(BaseModel)["__pydantic_extra__"].__set__
_set_private = vars(BaseModel)["__pydantic_private__"].__set__
# per model class, the set of all its field names: the fields set of every trusted instance
_ALL_FIELDS: dict[type, set[str]] = {}

M = TypeVar("M", bound="_Model")


def trusted_model(cls: type[M], values: dict[str, Any]) -> M:
    """``cls.trusted(**values)`` for a dict that the model may keep as its ``__dict__``.

    For the hot loops that build a model per clause or per task.
    """
    obj = _new_object(cls)
    _set_dict(obj, values)
    fields = _ALL_FIELDS.get(cls)
    if fields is None or len(fields) != len(values):
        fields = set(values)
        if fields == cls.__pydantic_fields__.keys():
            _ALL_FIELDS[cls] = fields
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


def _unpickle(cls: type[M], values: dict[str, Any], fields_set: set[str] | None) -> M:
    """A model from what :meth:`_Model.__reduce__` saved (``None``: every field was set)."""
    obj = trusted_model(cls, values)
    if fields_set is not None:
        _set_fields_set(obj, fields_set)
    return obj


def _unpickle_state(cls: type[M], state: dict[Any, Any]) -> M:
    """A model from pydantic's own pickled state."""
    obj = _new_object(cls)
    obj.__setstate__(state)
    return obj


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the field values (and the fields set, when not all): ``parse_many`` sends
        every result between processes, and pydantic's default state (four entries, a set per
        model, ``__setstate__`` in Python) costs about twice as much to load."""
        values = self.__dict__
        fields_set = self.__pydantic_fields_set__
        if self.__pydantic_private__ or self.__pydantic_extra__:  # (none of ours has either)
            return (_unpickle_state, (type(self), self.__getstate__()))  # pydantic's own state
        every = len(fields_set) == len(values) and fields_set == values.keys()
        return (_unpickle, (type(self), values, None if every else fields_set))

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """Build from values the parser has already checked, skipping validation (the hot path).

        Every field must be given (defaults are not filled in); use the normal constructor for
        anything that comes from outside.

        All trusted instances of a class share one ``model_fields_set`` (every field is set):
        a set per instance would cost an allocation, and the cyclic garbage collector would
        walk each one. Models are frozen and pydantic copies that set before it changes it
        (``model_copy``); do not change it in place.
        """
        return trusted_model(cls, values)


class Span(_Model):
    """Half-open character offsets ``[start, end)`` into ``Directive.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} < start {self.start}")
        return self

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Diagnostic(_Model):
    """Something the parser noticed, guessed or set aside."""

    code: str
    message: str
    span: Span | None = None
    severity: Literal["info", "warning", "error"] = "warning"


class DocType(StrEnum):
    """Document types, valued by their Vietnamese names; ``.code`` is the official abbreviation.

    The codes live in ``grammar/doc_types.tsv`` (Nghị định 30/2020/NĐ-CP Phụ lục III and
    Hướng dẫn 36-HD/VPTW); a test keeps this enum and that table in step.
    """

    THONG_BAO = "Thông báo"
    KET_LUAN = "Kết luận"
    CHI_THI = "Chỉ thị"
    CONG_DIEN = "Công điện"
    CONG_VAN = "Công văn"
    NGHI_QUYET = "Nghị quyết"
    NGHI_DINH = "Nghị định"
    QUYET_DINH = "Quyết định"
    KE_HOACH = "Kế hoạch"
    BAO_CAO = "Báo cáo"
    HUONG_DAN = "Hướng dẫn"
    THONG_TU = "Thông tư"
    THONG_TU_LIEN_TICH = "Thông tư liên tịch"
    NGHI_QUYET_LIEN_TICH = "Nghị quyết liên tịch"
    TO_TRINH = "Tờ trình"
    QUY_DINH = "Quy định"
    QUY_CHE = "Quy chế"
    LUAT = "Luật"
    BO_LUAT = "Bộ luật"
    HIEN_PHAP = "Hiến pháp"
    PHAP_LENH = "Pháp lệnh"
    LENH = "Lệnh"
    THONG_TRI = "Thông tri"
    THONG_CAO = "Thông cáo"
    CHUONG_TRINH = "Chương trình"
    PHUONG_AN = "Phương án"
    DE_AN = "Đề án"
    DU_AN = "Dự án"
    BIEN_BAN = "Biên bản"
    HOP_DONG = "Hợp đồng"
    BAN_GHI_NHO = "Bản ghi nhớ"
    BAN_THOA_THUAN = "Bản thỏa thuận"
    GIAY_UY_QUYEN = "Giấy ủy quyền"
    GIAY_MOI = "Giấy mời"
    GIAY_GIOI_THIEU = "Giấy giới thiệu"
    GIAY_NGHI_PHEP = "Giấy nghỉ phép"
    PHIEU_GUI = "Phiếu gửi"
    PHIEU_CHUYEN = "Phiếu chuyển"
    PHIEU_BAO = "Phiếu báo"
    DIEU_LE = "Điều lệ"
    CHIEN_LUOC = "Chiến lược"
    QUY_HOACH = "Quy hoạch"
    VAN_BAN_HOP_NHAT = "Văn bản hợp nhất"

    @property
    def code(self) -> str | None:
        """The official abbreviation (``"TB"``, ``"CĐ"``); ``None`` for types without one."""
        from chidao.grammar.doc_types import code_of

        return code_of(self)


class Part(_Model):
    """A part of the notice: where the header, body, tail and page chrome lie."""

    kind: Literal["header", "body", "tail", "appendix", "footnotes", "chrome"]
    span: Span


class Signer(_Model):
    name: str
    title: str | None = None
    authority: str | None = None  # "TM.", "KT.", "TL.", "TUQ.", "Q." or None
    # additions beyond the contract
    on_behalf_of: str | None = None  # "Ban Thường vụ" in "T/M BAN THƯỜNG VỤ / BÍ THƯ", "Chủ tịch" in "KT. CHỦ TỊCH"


class DocumentMeta(_Model):
    doc_type: DocType | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: dt.date | None = None
    meeting_date: dt.date | None = None
    title: str | None = None
    signer: Signer | None = None
    addressees: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    # additions beyond the contract
    province: str | None = None
    chair: str | None = None
    issuer_code: str | None = None
    recipient_purposes: list[str | None] = Field(
        default_factory=list,
        description="parallel to recipients: why each receives the notice (\"báo cáo\", \"biết\", \"lưu\", ...)",
    )
    rules: dict[str, str] = Field(default_factory=dict, description="field name -> the rule that filled it")


ClauseKind = Literal["numbered", "lettered", "roman", "bullet", "paragraph"]


class Clause(_Model):
    id: str
    path: str
    label: str | None
    kind: ClauseKind
    heading: str | None = None
    text: str
    span: Span
    children: list[Clause] = Field(default_factory=list)
    # additions beyond the contract
    marker: str | None = None  # the numbering or bullet as written ("2.3.", "a)", "-", "Thứ nhất")

    def iter_clauses(self) -> Iterator[Clause]:
        """This clause and its descendants, depth-first, in document order."""
        yield self
        for child in self.children:
            yield from child.iter_clauses()


ActorKind = Literal["organization", "person", "group"]
ActorRole = Literal["lead", "assignee", "requested", "coordinate", "report_to", "supervise", "beneficiary"]


class ActorRef(_Model):
    name: str
    text: str
    span: Span | None = None
    kind: ActorKind = "organization"
    role: ActorRole = "lead"
    # additions beyond the contract
    inherited_from: str | None = None  # clause id of the heading or lead-in it came from
    rule: str | None = None  # the named rule that produced it
    title: str | None = None  # a person's title ("Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh")


DeadlineKind = Literal["before", "by", "on", "from", "until", "within", "recurring"]
Precision = Literal["day", "month", "quarter", "year"]


class Deadline(_Model):
    text: str
    span: Span
    kind: DeadlineKind
    date: dt.date | None = None
    time: dt.time | None = None
    precision: Precision | None = None
    recurrence: str | None = None
    condition: str | None = None
    # additions beyond the contract
    end_date: dt.date | None = None  # the end of a range ("từ ngày 01/9 đến ngày 15/9/2021")
    rule: str | None = None
    # Dates and times are wall-clock values in Asia/Ho_Chi_Minh (UTC+7); so is a recurrence.
    end_time: dt.time | None = None  # the time of a range's end ("... đến 13 giờ ngày 17/11/2025")
    duration: str | None = None  # ISO 8601 duration of a "within" ("trong vòng 07 ngày" -> "P7D")
    business_days: bool = False  # the duration counts working days ("03 ngày làm việc")
    anchor: str | None = None  # what a duration counts from, as written ("kể từ ngày ký")
    year_inferred: bool = False  # a year was not written and had to be guessed (see warnings)


class Citation(_Model):
    text: str
    span: Span
    doc_type: DocType | None = None
    number: str | None = None
    serial: int | None = None
    year: int | None = None
    symbol: str | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    title: str | None = None
    # additions beyond the contract
    rule: str | None = None
    title_span: Span | None = None  # where the title ("về việc ...") lies; dates inside it are not deadlines
    unit: str | None = None  # what follows the issuer code in the number ("KGVX" in "1234/UBND-KGVX")


class Reference(_Model):
    """A short reference ("Công điện nêu trên", "Kết luận này") resolved like eyecite's short forms.

    ``target`` is the index of the cited document in ``Directive.citations``, or ``None``
    when it refers to the notice itself (``to_self``) or could not be resolved.
    """

    text: str
    span: Span
    target: int | None = None
    to_self: bool = False
    # additions beyond the contract
    doc_type: DocType | None = None  # the type the reference names ("Công điện" in "Công điện nêu trên")
    rule: str | None = None


class Task(_Model):
    clause_id: str
    clause_label: str | None = None
    clause_path: str | None = None
    text: str
    span: Span
    actors: list[ActorRef] = Field(default_factory=list)
    verbs: list[str] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    # additions beyond the contract
    urgency: list[str] = Field(default_factory=list)  # "khẩn trương", "ngay", "kịp thời"
    modality: str | None = None  # "phải", "cần", "tuyệt đối không", "nghiêm cấm", ...


class Directive(_Model):
    source: str
    text: str
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    clauses: list[Clause] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[Diagnostic] = Field(default_factory=list)
    # additions beyond the contract
    references: list[Reference] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)
    offset_map: list[tuple[int, int, int, int]] = Field(
        default_factory=list,
        description="Map from text to source: (text_start, text_end, source_start, source_end) "
        "segments, character by character where the lengths agree; use Directive.to_source().",
    )

    def iter_clauses(self) -> Iterator[Clause]:
        """Every clause, depth-first, in document order."""
        for clause in self.clauses:
            yield from clause.iter_clauses()

    def to_source(self, span: Span) -> Span:
        """Map a span of ``text`` back to the ``source`` characters it came from."""
        from chidao.normalize import OffsetMap

        m = OffsetMap(self.offset_map, len(self.text), len(self.source))
        return m.source_span(span)


Clause.model_rebuild()
