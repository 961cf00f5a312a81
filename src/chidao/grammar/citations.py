"""Pattern builders for citations, compiled once from the tables.

The words come from ``doc_types.tsv`` (type names and variants), ``citation_words.tsv`` (the
words around a citation) and the số ký hiệu grammar of :mod:`chidao.grammar.numbers`.
The patterns run on the *folded* text (lower case, no diacritics, same offsets), so
``"CHỈ THỊ SỐ"``, ``"Chỉ thị số"`` and ``"chi thi so"`` read alike; :data:`ISSUER_STOP` and
:data:`TITLE_END` run on the text itself, where case and diacritics matter ("Đảng" is no
"đang"). Patterns are bounded (``{0,N}``), with no nested unbounded repetition.

Patterns:

* :func:`all_names`, :func:`qualifier_tokens`, :func:`number_words`, :func:`law_words` — the
  words looked up before a number (a type's name, "khẩn", "số", "Luật ..."), word by word.
* :data:`NUMBER_START` — where a number of :data:`~chidao.grammar.numbers.NUMBER_SCAN` may start.
* :data:`LIST_GAP` — what may stand between two numbers that share one type.
* :data:`DATE` — the date after a number ("ngày 26/7/2020", ", ngày 23 tháng 8 năm 2021").
* :data:`ISSUER_START` — "của" opening the issuer named after a number.
* :data:`TITLE_START` — "về việc", "V/v", a quoted "về ...".
* :data:`SHORT_WORDS` — "nêu trên", "này" of "Công điện nêu trên", "Kết luận này".
* :data:`SERIAL_ONLY` — "Nghị quyết số 128" (a number without a symbol).
* :data:`NAMED_LAW` — "Luật Phòng, chống bệnh truyền nhiễm", "Hiến pháp năm 2013".

Scans over the whole body start with one literal (``regex`` finds a literal fast, but tries an
alternation of many words at every position), so the scans for short references and laws are
one pattern per word.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from chidao.grammar.doc_types import name_forms
from chidao.grammar.issuers import issuers
from chidao.grammar.patterns import read_table
from chidao.textutil import fold

__all__ = [
    "DATE",
    "ISSUER_NAME",
    "ISSUER_START",
    "ISSUER_STOP",
    "LAW_WORDS",
    "LIST_GAP",
    "NAMED_LAW",
    "NAME_BEFORE_SO",
    "NUMBER_START",
    "SERIAL_ONLY",
    "SHORT_ANCHORS",
    "SHORT_END_AFTER",
    "SHORT_END_WORDS",
    "SHORT_WORDS",
    "TITLE_START",
    "all_names",
    "generic_words",
    "law_words",
    "name_ends",
    "number_words",
    "qualifier_tokens",
    "words",
    "written_words",
]


@cache
def words(kind: str) -> tuple[str, ...]:
    """Folded words of one kind in ``citation_words.tsv``, longest first."""
    out: set[str] = set()
    for row in read_table("citation_words.tsv"):
        if row[0] == kind and len(row) >= 3:
            out.update(" ".join(fold(w).split()) for w in row[2].split("|") if w.strip())
    return tuple(sorted(out, key=len, reverse=True))


@cache
def written_words(kind: str) -> tuple[str, ...]:
    """Words of one kind as written (NFC, with diacritics), longest first."""
    out: set[str] = set()
    for row in read_table("citation_words.tsv"):
        if row[0] == kind and len(row) >= 3:
            out.update(" ".join(unicodedata.normalize("NFC", w).split()) for w in row[2].split("|") if w.strip())
    return tuple(sorted(out, key=len, reverse=True))


@cache
def all_names() -> frozenset[str]:
    """Every folded type name, variant and generic word ("cong dien", "thong bao ket luan", "van ban")."""
    return frozenset([form for form, _ in name_forms()] + list(words("generic")))


@cache
def name_ends() -> tuple[str, ...]:
    """The last words of :func:`all_names` ("dien", "van", "ban"): a name ends with one of them."""
    return tuple(sorted({name.split(" ")[-1] for name in all_names()}))


@cache
def number_words() -> frozenset[str]:
    return frozenset(words("number"))


@cache
def qualifier_tokens() -> tuple[tuple[str, ...], ...]:
    """Qualifiers as word tuples, longest first (``("hoa", "toc")``)."""
    return tuple(tuple(q.split()) for q in words("qualifier"))


@cache
def law_words() -> frozenset[str]:
    return frozenset(words("law"))


def generic_words() -> frozenset[str]:
    return frozenset(words("generic"))


def _alt(items: tuple[str, ...] | list[str]) -> str:
    """An alternation, longest first, where a space also matches a line break."""
    parts = sorted(set(items), key=len, reverse=True)
    return "|".join(r"\s{1,3}".join(regex.escape(w) for w in p.split(" ")) for p in parts)


_B = r"(?<![\p{L}\p{N}])"  # a word starts here
_E = r"(?![\p{L}\p{N}])"  # a word ends here

_TYPE_NAMES = _alt([form for form, _ in name_forms()])
_QUALS = _alt(words("qualifier"))
_SO = _alt(words("number"))

LIST_GAP = regex.compile(
    rf"\s{{0,3}}(?:(?:{_alt(words('list'))})\s{{0,3}}){{1,2}}(?:(?:{_SO}){_E}\s{{0,2}}[:.]?\s{{0,3}})?\Z"
)

_DATE_WORDS = _alt(words("date"))
DATE = regex.compile(
    rf"\s{{0,3}}(?:,\s{{0,3}})?(?P<paren>\(\s{{0,2}})?(?:{_DATE_WORDS}){_E}\s{{0,3}}"
    r"(?:(?P<d>\d{1,2})[ \t]{0,2}[/.-][ \t]{0,2}(?P<m>\d{1,2})"
    r"(?:[ \t]{0,2}[/.-][ \t]{0,2}(?P<y>\d{4})|\s{1,3}nam\s{1,3}(?P<y>\d{4}))?"  # "30/9/2024", "30/9 năm 2024"
    r"|(?P<d2>\d{1,2})\s{1,3}thang\s{1,3}(?P<m2>\d{1,2})(?:\s{0,3},?\s{0,3}nam\s{1,3}(?P<y2>\d{4}))?)"
    r"(?![\d/])(?(paren)(?:\s{0,2}\))?|)"
)

ISSUER_START = regex.compile(rf"\s{{0,3}}(?:,\s{{0,3}})?(?:{_alt(words('issuer'))}){_E}\s{{1,3}}(?=\S)")
ISSUER_NAME = regex.compile(rf"(?:{_alt([fold(e.name) for e in issuers()])}){_E}")
"""A full name of the issuer table ("bo ngoai giao"): read whole, whatever stop words it holds."""

ISSUER_STOP = regex.compile(rf"{_B}(?:{_alt(written_words('issuer_stop'))}){_E}|[,;.:()\[\]\"!?]")
"""Where an issuer's name ends (searched in the text, not the folded text: "Đảng" is no "đang",
and only a lower-case "chỉ đạo" ends "Ban Chỉ đạo ...")."""

TITLE_START = regex.compile(
    rf"\s{{0,3}}[,:]?\s{{0,3}}(?P<q>\")?\s{{0,2}}(?P<cue>{_alt(words('title'))})(?![\p{{L}}\p{{N}}])\s{{0,3}}"
)
TITLE_END = regex.compile(
    r"[;\"()\[\]]|\.(?!\d)|:\s|,\s{1,3}(?=\p{Lu})|\n\s{0,3}(?:[-+•*]|\d{1,2}[./)]|[a-zđ]\))"
)
"""Where an unquoted title ends (searched in the text from its first word)."""

def _literal_scans(items: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """One pattern per word (a literal start keeps each scan fast); the caller checks the start boundary."""
    return tuple(regex.compile(r"\s{1,3}".join(regex.escape(w) for w in item.split()) + _E) for item in items)


SHORT_WORDS = _literal_scans(words("short"))
"""Scans for the words of a short reference ("nêu trên", "này"); the type's name is looked up before them."""
SHORT_END_WORDS = _literal_scans(words("short_end"))
"""Scans for "trên", a short reference only when punctuation or a line end follows."""


@dataclass(frozen=True, slots=True)
class ShortWord:
    """A short-reference word ("nêu trên") as found from its anchor, one of its words ("trên")."""

    pattern: regex.Pattern[str]  # the whole word, as its scan in SHORT_WORDS / SHORT_END_WORDS
    needs_end: bool  # a SHORT_END_WORDS word
    lead: regex.Pattern[str] | None  # the words before the anchor and their spaces, up to it (None: none)
    reach: int  # the most characters those words and spaces take
    last_lead: str  # the word just before the anchor ("" when none)
    next_word: str  # the word just after the anchor ("" when none)


@dataclass(frozen=True, slots=True)
class ShortAnchor:
    """A word that every one of ``members`` holds: one ``str.find`` pass over the text finds them
    all (instead of one scan per word: a pass costs as much as the notice is long)."""

    word: str
    members: tuple[ShortWord, ...]
    reach: int  # the longest reach of a member
    last_leads: tuple[str, ...]  # the words just before the anchor in the members


def _short_anchors() -> tuple[ShortAnchor, ...]:
    """The short-reference words grouped under as few anchor words as possible (greedily: the word
    most of them hold, the longer word on a tie, since a longer word occurs less often)."""
    todo = [(w.split(), pat, False) for w, pat in zip(words("short"), SHORT_WORDS, strict=True)]
    todo += [(w.split(), pat, True) for w, pat in zip(words("short_end"), SHORT_END_WORDS, strict=True)]
    out: list[ShortAnchor] = []
    while todo:
        tokens = {t for toks, _, _ in todo for t in toks}
        anchor = max(sorted(tokens), key=lambda t: (sum(t in toks for toks, _, _ in todo), len(t)))
        members = []
        for toks, pat, needs_end in [x for x in todo if anchor in x[0]]:
            j = toks.index(anchor)
            lead = None
            if j:
                lead = regex.compile(r"\s{1,3}".join(regex.escape(t) for t in toks[:j]) + r"\s{1,3}\Z")
            reach = sum(map(len, toks[:j])) + 3 * j
            nxt = toks[j + 1] if j + 1 < len(toks) else ""
            members.append(ShortWord(pat, needs_end, lead, reach, toks[j - 1] if j else "", nxt))
        leads = tuple(sorted({m.last_lead for m in members if m.lead is not None}))
        out.append(ShortAnchor(anchor, tuple(members), max(m.reach for m in members), leads))
        todo = [x for x in todo if anchor not in x[0]]
    return tuple(out)


SHORT_ANCHORS = _short_anchors()
"""The words of :data:`SHORT_WORDS` and :data:`SHORT_END_WORDS` by anchor ("trên": "nêu trên",
"trên đây", "trên"; "nêu": "đã nêu", "vừa nêu"; ...)."""
SHORT_END_AFTER = regex.compile(r"\s{0,3}(?:[,.;:)!?\"\n]|\Z)")

SERIAL_ONLY = regex.compile(
    rf"(?:{_SO})\s{{0,2}}[:.]?\s{{0,3}}(?P<serial>\d{{1,5}})(?![\p{{L}}\p{{N}}]|\s{{0,2}}[/\-–]|[.,]\d)"
)
"""A bare serial after "số" ("Nghị quyết số 128"); the type's name is checked with :data:`NAME_BEFORE_SO`."""
NAME_BEFORE_SO = regex.compile(rf"{_B}(?P<name>{_TYPE_NAMES})(?:\s{{1,3}}(?:{_QUALS}){_E}){{0,2}}\s{{1,3}}\Z")

LAW_WORDS = _literal_scans(tuple(w for w in words("law") if not w.startswith("bo ")))
"""Scans for "luật", "pháp lệnh", "hiến pháp" ("Bộ luật" is "luật" with "Bộ" before it)."""

_LAW_STOP = _alt(words("law_stop"))
_NAME_COMMA = "|".join(regex.escape(w.split(", ", 1)[1]) for w in words("name_comma"))
NAMED_LAW = regex.compile(
    rf"(?P<law>{_alt(words('law'))})"
    rf"(?:\s{{1,3}}(?P<name>(?!(?:{_LAW_STOP}){_E})[^\W\d][\w&-]{{0,20}}"
    rf"(?:(?:\s{{1,3}}|,\s(?=(?:{_NAME_COMMA}){_E}))(?!(?:{_LAW_STOP}){_E})[\w&-]{{1,20}}){{0,11}}))?"
    rf"(?:\s{{1,3}}nam\s{{1,3}}(?P<year>(?:19|20)\d\d)(?!\d))?"
)

# The start of every match of NUMBER_SCAN, whose two branches (party "283-TB/TU", state
# "15/2020/NĐ-CP") share their serial: here they are one branch, up to the first code after the
# slash. A scan of this is 4-6 times faster than one of NUMBER_SCAN (which the regex module tries
# branch by branch at every digit); NUMBER_SCAN is then tried only where this matches.
_CODE = r"[A-Za-zĐđƯư][A-Za-zĐđƯư0-9]{0,15}(?:[ ]?&[ ]?[A-Za-zĐđƯư0-9]{1,15})?(?![\p{L}\p{N}])"
NUMBER_START = regex.compile(
    r"(?<![\p{L}\p{N}/.,:&_-])\d(?:[\dO]{0,5}\d)?[ \t]{0,2}(?:[-–—‐‑]?[ \t]{0,2}[A-Za-zĐđ]{1,4}[ \t]{0,2})?/[ \t]{0,2}"
    rf"(?:(?:19|20)\d\d[ \t]{{0,2}}/[ \t]{{0,2}})?{_CODE}"
)
"""Where a number may start: wherever :data:`NUMBER_SCAN` matches, this matches too (the test
compares the scans); see :func:`chidao.extract.citations._numbers`."""
