"""Actors: the bodies and persons a sentence names, and the role each one plays in it.

An actor's name is parsed by grammar, not looked up in a list of names (the tables are in
``grammar/actor_heads.tsv`` and ``grammar/agencies.tsv``)::

    actor      := person | organization | collective
    person     := honorific? (NAME ("," title body?)? | title (distributive | body | collective)? NAME?)
    organization := det? HEAD name tail*         "Sở Y tế", "Cục Quản lý thị trường tỉnh"
                 |  det? AGENCY tail*            "Văn phòng Chính phủ"
    distributive := det HEAD ":"? item ("," item)* ("và" item)?
                                                 "các Bộ: Quốc phòng, Công an" -> two bodies
    collective := det? (COLL | UNIT) ("," UNIT)* tail*   "các cơ quan, đơn vị liên quan"
    tail       := level ("," level)* place? | modifier | "trực thuộc" body | "-" body

A head decides what must follow it (a field for Sở/Bộ/Ngành, a capitalized proper name, a
level, another body for the Party organs, a topic for Ban Chỉ đạo); the name ends at a verb,
a role cue, an adverb, a preposition or a punctuation mark.

:func:`analyze` reads one sentence (or a part of one): the subject at its start (after
connectives and fronted adverbials), the actors after role cues ("chỉ đạo X", "phối hợp với X",
"báo cáo X"), and whether the sentence is context, a heading, or an imperative with no subject.

>>> from chidao.grammar.actors import tokenize
>>> a = analyze(tokenize("Sở Công Thương, Cục Quản lý thị trường tỉnh và các địa phương tăng cường kiểm tra"))
>>> [(f.mention.name, f.role) for f in a.found]
[('Sở Công Thương', 'lead'), ('Cục Quản lý thị trường tỉnh', 'lead'), ('các địa phương', 'lead')]
>>> a = analyze(tokenize("Ban Cán sự đảng UBND tỉnh chỉ đạo UBND tỉnh giao Sở Ngoại vụ chủ động rà soát"))
>>> [(f.mention.name, f.role) for f in a.found]  # doctest: +NORMALIZE_WHITESPACE
[('Ban cán sự đảng Ủy ban nhân dân tỉnh', 'supervise'), ('Ủy ban nhân dân tỉnh', 'supervise'),
 ('Sở Ngoại vụ', 'assignee')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, wraps
from itertools import compress, repeat
from typing import Any, TypeVar, cast

from chidao.grammar.actors import Entry, Lexicon, RoleCue, Tok, Tokens, agency_names, first_words, lexicon, role_cues

__all__ = ["Analysis", "Found", "Mention", "analyze", "parse_actor", "parse_actor_list"]

# categories that end a name (when not the first word after a head)
_ENDS = ("verb", "cue", "adverb", "stop", "modality", "urgency", "context_verb", "discourse")
_PREDICATE = ("verb", "cue", "adverb", "modality", "urgency")
_SCANNED = frozenset({"verb", "cue", "modality", "urgency"})
_FEATURES = frozenset({"verb", "modality", "urgency", "noun"})
_CUES = frozenset({"cue"})
_FUZZY_CUTOFF = 90  # rapidfuzz ratio (0-100) for a typo in a known Sở/Bộ name
_MAX_DEPTH = 24  # nesting of names inside names
_MAX_NAME = 10
_MAX_TOPIC = 16
_MAX_LIST = 24
_COMMA_PHRASES = ("phòng , chống", "phòng , tránh", "dịch , bệnh", "khám , chữa", "thông tấn , báo chí")
_PRIMARY = {"lead", "assignee", "requested", "supervise"}
_PASSIVE = {"được", "bị", "đã được"}  # "diện tích được giao cho X": no cue
# the categories a person, a body or a collective can open with (see _Parser.person, org, collective)
_ACTOR_OPENERS = frozenset({"honorific", "det", "surname", "title", "agency", "head", "coll", "unit", "embed"})
# sets of categories the parser asks "does one of them match here?" (``_Parser.has``)
_ENDS_SET = frozenset(_ENDS)
_PREDICATE_SET = frozenset(_PREDICATE)
_PLACE_STOPS = frozenset({*_ENDS, "head", "title", "level", "det"})
_PERSON_NAME_STOPS = frozenset({*_ENDS, "head", "title"})
_NAME_STOPS = frozenset({"head", "title", "det", "agency"})
_ITEM_STOPS = frozenset({"det", "title"})
_FIELD_ITEM_STOPS = frozenset({"det", "head", "title"})
_STRONG = frozenset({"adverb", "modality", "cue"})
_CUE_MODALITY = frozenset({"cue", "modality"})
_NO_BEST: dict[str, Entry] = {}  # (never modified)


# A token's tag, one byte: a bit for each category whose phrases may start at it (the ones the
# parser lists positions of) and a bit for each kind of punctuation the task finder cuts at.
# The tags of a token list come from one dictionary pass; the positions with some bits set
# then from ``bytes.translate`` and ``compress``, C-level, with no call per token.
_TAG_CATS = ("verb", "cue", "modality", "urgency", "noun")
MARKS_BIT = 1 << len(_TAG_CATS)  # ";", ":", "(", ")"
STOPS_BIT = MARKS_BIT << 1  # ".", "!", "?"


@cache
def _tags() -> dict[str, int]:
    """The tag of each folded word that has one (a word that is absent has none)."""
    out = dict.fromkeys(";:()", MARKS_BIT) | dict.fromkeys(".!?", STOPS_BIT)
    for key, cats in lexicon().first_cats().items():
        bits = sum(1 << b for b, c in enumerate(_TAG_CATS) if c in cats)
        if bits:
            out[key] = out.get(key, 0) | bits
    return out


@cache
def _tag_table(bits: int) -> bytes:
    """A ``bytes.translate`` table: 1 for the tags that have one of ``bits``, else 0."""
    return bytes(1 if t & bits else 0 for t in range(256))


@cache
def _cat_bits(cats: frozenset[str]) -> int | None:
    """The tag bits of ``cats`` (a token has one of them iff a phrase of ``cats`` may start at it,
    as :func:`first_words` says); ``None`` when some category has no bit."""
    if not cats.issubset(_TAG_CATS):
        return None
    return sum(1 << _TAG_CATS.index(c) for c in cats)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in the text: tokens ``[start, end)``, canonical name, kind."""

    start: int
    end: int
    name: str
    kind: str  # organization | person | group
    rule: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    mention: Mention
    role: str
    rule: str


@dataclass
class Analysis:
    """What one sentence (or part of one) says about actors."""

    found: list[Found] = field(default_factory=list)
    subject: list[Mention] = field(default_factory=list)
    subject_role: str = "lead"
    body_start: int = 0  # first token after connectives, openers and the subject
    context: bool = False  # praise, assessment, facts: no task
    heading: bool = False  # names actors and nothing else ("Sở Y tế:")
    imperative: bool = False  # opens with a verb, an adverb or a modal: a task with no subject
    issuer_voice: bool = False  # opens with "Giao X", "Đề nghị X": the issuer assigns, nobody to inherit
    directs: bool = False  # no subject, opens with "Chỉ đạo X ...": whoever it inherits supervises
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans of actors

    @property
    def primary(self) -> list[Found]:
        return [f for f in self.found if f.role in _PRIMARY]


_Result = tuple[int, list[Mention]] | None
_F = TypeVar("_F", bound=Callable[..., Any])


_MEMOIZED: list[str] = []  # the functions of ``_memo``, by their slot in ``_Parser._memo``


def _memo(fn: _F) -> _F:
    """Parse each position once: results are kept per parser, function and start token.

    Names nest (a body inside a title inside a list), but never deeper than ``_MAX_DEPTH``:
    past it a parse fails (a result of ``None``, or no progress), so hostile text such as
    "Sở Y tế, " repeated 10^5 times cannot exhaust the stack.
    """
    name = fn.__name__
    returns_int = name in ("place", "level", "tail", "title_tail")
    slot = len(_MEMOIZED)  # (a dictionary per function, keyed by the token alone)
    _MEMOIZED.append(name)

    @wraps(fn)
    def wrapper(self: _Parser, i: int) -> Any:
        memo = self._memo[slot]
        if i in memo:
            return memo[i]
        if self._depth >= _MAX_DEPTH:
            return i if returns_int else None
        self._depth += 1
        try:
            got = memo[i] = fn(self, i)
        finally:
            self._depth -= 1
        return got

    return wrapper  # type: ignore[return-value]


@cache
def _near_agency(key: str) -> tuple[str, str] | None:
    """The ministry or department whose folded name is within a typo of ``key`` (rapidfuzz)."""
    try:
        from rapidfuzz import fuzz, process
    except Exception:  # pragma: no cover - rapidfuzz is a dependency; be safe anyway
        return None
    names = agency_names()
    head = key.split(" ", 1)[0]
    choices = [k for k, (_, kind) in names.items() if kind in ("department", "ministry") and k.startswith(head + " ")]
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return names[best[0]] if best else None


@cache
def _segmenter() -> Callable[[str], list[str]] | None:
    """underthesea's word segmenter, loaded on first use (about a second), or ``None``."""
    try:
        from underthesea import word_tokenize
    except Exception:  # pragma: no cover - an optional speed-up of a rare case
        return None
    return cast(Callable[[str], list[str]], word_tokenize)


def _segment_field(toks: Tokens, j: int, k: int) -> int:
    """The end of an unknown field name ``toks[j:k]`` by word segmentation.

    "Sở Biển kế hoạch": is "kế" part of the name? Only a segmenter knows that "kế hoạch" is
    one word, so the name is "Biển". Used only for fields missing from ``agencies.tsv``.
    """
    seg = _segmenter()
    if seg is None:
        return k
    stop = min(len(toks), k + 2)
    try:
        words = seg(" ".join(toks.text[j:stop]))
    except Exception:  # pragma: no cover
        return k
    pos = j
    end = j
    for w in words:
        n = len(w.split())
        if pos >= k:
            break
        if w[:1].isupper() or w[:1].isdigit():
            end = pos + n
        elif w.lower() in ("và", "-", "&", ","):
            pass
        elif n == 1:  # a lone lower-case syllable: the second half of a name's word ("Cảng biển")
            end = pos + 1
        else:  # a lower-case word of its own ("kế hoạch"): the name ended before it
            break
        pos += n
    return min(max(end, j + 1), k)


class _Parser:
    """Recursive-descent parser of actor names over one token list."""

    def __init__(self, toks: Sequence[Tok] | Tokens, hits: dict[frozenset[str], list[int]] | None = None) -> None:
        self.t = t = Tokens.of(toks)
        self.n = n = len(t.key)
        self.keys = t.key  # the tokens' folded words
        self.low = t.low
        self.text = t.text
        self.word = t.word
        self.cap = t.cap
        self.start = t.start
        self.end = t.end
        self.lx: Lexicon = lexicon()
        self._lookup = self.lx.lookup
        self._at: list[tuple[Entry, ...] | None] = [None] * n
        self._best: list[dict[str, Entry] | None] = [None] * n
        self._hits: dict[frozenset[str], list[int]] = {} if hits is None else hits
        self._tags: bytes | None = None
        self._memo: list[dict[int, Any]] = [{} for _ in _MEMOIZED]
        self._subjects: dict[tuple[int, int], tuple[int, list[Mention], str]] = {}  # by (start, end)
        self._depth = 0

    def hits(self, cats: frozenset[str] = _SCANNED) -> list[int]:
        """Tokens where a phrase of ``cats`` (verbs, role cues, modals, urgency words) may start."""
        got = self._hits.get(cats)
        if got is None:
            bits = _cat_bits(cats)
            if bits is not None:
                got = self.tagged(bits)
            else:
                first = first_words(cats)
                got = list(compress(range(self.n), map(first.__contains__, self.keys)))
            self._hits[cats] = got
        return got

    def tagged(self, bits: int) -> list[int]:
        """Tokens whose tag has one of ``bits`` (categories of ``_TAG_CATS``, ``MARKS_BIT``, ``STOPS_BIT``)."""
        tags = self._tags
        if tags is None:
            tags = self._tags = bytes(map(_tags().get, self.keys, repeat(0)))
        return list(compress(range(self.n), tags.translate(_tag_table(bits))))

    def hits_between(self, i: int, end: int, cats: frozenset[str] = _SCANNED) -> list[int]:
        h = self.hits(cats)
        return h[bisect_left(h, i) : bisect_left(h, end)]

    def any_between(self, i: int, end: int, *cats: str) -> bool:
        """Whether a phrase of ``cats`` starts at a token of ``[i, end)``."""
        wanted = frozenset(cats)
        return any(self.has(x, wanted) for x in self.hits_between(i, end, wanted))

    # -- lexicon helpers ---------------------------------------------------------------------

    def _look(self, i: int) -> dict[str, Entry]:
        """Look token ``i`` up (``0 <= i < n``), remember both answers, return the best."""
        at, b = self._lookup(self.t, i)
        self._at[i] = at
        self._best[i] = b
        return b

    def look(self, i: int) -> tuple[tuple[Entry, ...], dict[str, Entry]]:
        """:meth:`at` and :meth:`best` together (computed once; shared: do not modify)."""
        at = self._at[i]
        b = self._best[i]
        if at is None or b is None:
            got = self._lookup(self.t, i)
            self._at[i], self._best[i] = got
            return got
        return at, b

    def at(self, i: int) -> tuple[Entry, ...]:
        """Every lexicon entry that matches at token ``i``, longest first (computed once)."""
        if not 0 <= i < self.n:
            return ()
        if self._best[i] is None:
            self._look(i)
        got = self._at[i]
        assert got is not None
        return got

    def best(self, i: int) -> dict[str, Entry]:
        """The longest entry of each category at token ``i`` (shared: do not modify); none
        past either end."""
        if not 0 <= i < self.n:
            return _NO_BEST
        b = self._best[i]
        return self._look(i) if b is None else b

    # The parser asks for one category at a time far more often than for several: ``m`` is
    # that question with no tuple of categories to pack and loop over (see ``m_any``).
    def m(self, i: int, cat: str) -> Entry | None:
        """The longest entry of category ``cat`` at token ``i``."""
        if not 0 <= i < self.n:
            return None
        b = self._best[i]
        if b is None:  # (:meth:`_look`, inlined: the parser's most frequent call)
            at, b = self._lookup(self.t, i)
            self._at[i] = at
            self._best[i] = b
        return b.get(cat)

    def m_any(self, i: int, *cats: str) -> Entry | None:
        """The longest entry of one of ``cats`` at token ``i`` (the first of ``cats`` in a tie)."""
        b = self.best(i)
        if not b:
            return None
        found = None
        for c in cats:
            e = b.get(c)
            if e is not None and (found is None or len(e.words) > len(found.words)):
                found = e
        return found

    def has(self, i: int, cats: frozenset[str]) -> bool:
        """Whether an entry of one of ``cats`` matches at token ``i`` (``m_any(i, *cats) is not None``)."""
        return not self.best(i).keys().isdisjoint(cats)

    def is_word(self, i: int) -> bool:
        """Whether token ``i`` exists and is a word."""
        return 0 <= i < self.n and self.word[i]

    def is_cap(self, i: int) -> bool:
        """Whether token ``i`` exists and opens with a capital letter."""
        return 0 <= i < self.n and self.cap[i]

    def low_at(self, i: int) -> str | None:
        """Token ``i`` in lower case, or ``None`` past either end."""
        return self.low[i] if 0 <= i < self.n else None

    def is_punct(self, i: int, chars: str = ",;:.()") -> bool:
        return 0 <= i < self.n and not self.word[i] and self.text[i] in chars

    def ends_name(self, i: int, first: bool = False) -> bool:
        if not (0 <= i < self.n and self.word[i]):
            return True
        if first and self.cap[i]:
            return False
        return self.has(i, _ENDS_SET)

    def comma_phrase(self, i: int) -> int:
        """End of a fixed phrase with a comma inside ("phòng, chống") at ``i``, else ``i``."""
        for p in _COMMA_PHRASES:
            words = p.split(" ")
            if i + len(words) <= self.n and all(self.low[i + k] == w for k, w in enumerate(words)):
                return i + len(words)
        return i

    def render(self, i: int, j: int) -> str:
        """The canonical text of tokens ``[i, j)``: abbreviations expanded, spacing kept."""
        parts: list[str] = []
        k = i
        prev_end: int | None = None
        best = self._best
        while k < j:
            b = best[k]
            e = (self._look(k) if b is None else b).get("abbr")
            if e is not None and k + len(e.words) <= j and (len(e.words) > 1 or self.text[k].isupper()):
                text, nxt = e.value, k + len(e.words)
            else:
                text, nxt = self.text[k], k + 1
            if prev_end is not None and self.start[k] > prev_end:
                parts.append(" ")
            parts.append(text)
            prev_end = self.end[nxt - 1]
            k = nxt
        return "".join(parts).strip()

    # -- pieces of names ---------------------------------------------------------------------

    def det(self, i: int) -> int:
        """After the determiner at ``i`` ("các", "những"), if any."""
        if not 0 <= i < self.n:
            return i
        b = self._best[i]
        e = (self._look(i) if b is None else b).get("det")
        return i if e is None else i + len(e.words)

    @_memo
    def place(self, i: int) -> int:
        """A capitalized place name ("Thái Nguyên", "Cồn Cỏ") of up to four words."""
        j = i
        while j < self.n and j - i < 4:
            if not (self.word[j] and self.cap[j]) or self.has(j, _PLACE_STOPS):
                break
            j += 1
        return j

    @_memo
    def level(self, i: int) -> int:
        """det? level ("," level)* place?  ("các huyện, thành phố, thị xã", "tỉnh Thái Nguyên")."""
        e = self.m(i, "level")
        j = i
        if e is None:
            j = self.det(i)
            e = self.m(j, "level")
            if e is None:
                return i
        j += len(e.words)
        for _ in range(_MAX_LIST):
            if self.is_punct(j, ","):
                e2 = self.m(j + 1, "level")
                body = self.m(j + 1, "agency")  # "Công an tỉnh, Trung ương Đoàn ...": a body, not a level
                if (
                    e2 is not None
                    and self.m(j + 1, "det") is None
                    and (body is None or len(body.words) <= len(e2.words))
                ):
                    j = j + 1 + len(e2.words)
                    continue
            break
        return self.place(j)

    @_memo
    def tail(self, i: int) -> int:
        """Levels, places and modifiers after a name."""
        j = i
        for _ in range(6):
            k = self.level(j)
            if k > j:
                j = k
                continue
            e = self.m(j, "mod")
            if e is not None:
                j += len(e.words)
                if e.words[-1] in ("trực thuộc", "thuộc") or e.value in ("trực thuộc", "thành viên"):
                    sub = self.org(j)
                    j = sub[0] if sub is not None else self.level(j)
                continue
            if self.is_punct(j, "-") and j + 1 < self.n:
                sub = self.org(j + 1)
                if sub is not None:
                    j = sub[0]
                    continue
            k = self.unit_after_comma(j)
            if k > j:
                j = k
                continue
            k = self.about(j)
            if k > j:
                j = k
                continue
            break
        return j

    def about(self, j: int) -> int:
        """ "về" + up to three plain words right before a verb: "cơ quan chuyên môn về đất đai | hướng dẫn"."""
        if self.low_at(j) != "về":
            return j
        k = j + 1
        while k < self.n and k - j <= 3 and self.word[k] and not self.cap[k] and not self.ends_name(k):
            k += 1
        if k > j + 1 and self.has(k, _PREDICATE_SET):
            return k
        return j

    def unit_after_comma(self, j: int) -> int:
        """ ", unit" that continues a list of the same body ("các cơ quan, đơn vị"); else ``j``."""
        if not self.is_punct(j, ","):
            return j
        if not self.is_word(j + 1):
            return j
        u = self.m(j + 1, "unit")
        if u is None or self.m(j + 1, "det") is not None:
            return j
        if self.cap[j + 1] and self.org(j + 1) is not None:  # ", Sở Y tế": a body of its own
            return j
        longer = self.m_any(j + 1, "coll", "head", "title", "embed", "nonactor")
        if longer is not None and len(longer.words) > len(u.words):
            return j
        return j + 1 + len(u.words)

    def name_run(self, i: int, limit: int = _MAX_NAME, lower_run: int = _MAX_NAME) -> int:
        """A proper name after a head: capitalized first word, then words up to a stop.

        ``lower_run`` bounds the lower-case syllables after each capitalized one: a field of
        administration capitalizes each of its parts ("Năng lượng và Khoáng sản"), so after
        "Sở" one lower-case syllable a part is a name and the next is the sentence.
        """
        if not self.is_word(i) or not (self.cap[i] or self.text[i][0].isdigit()):
            return i
        # a fixed phrase with a comma inside is one part of a name ("Cục Phòng, chống HIV/AIDS",
        # "Cục Quản lý Khám, chữa bệnh")
        j = self.comma_phrase(i) if self.is_punct(i + 1, ",") else i + 1
        j = max(j, i + 1)
        lower = 0
        while j < self.n and j - i < limit:
            if self.word[j]:
                k = self.comma_phrase(j) if self.is_punct(j + 1, ",") else j
                if k > j:
                    lower = 0
                    j = k
                    continue
                if self.m(j, "level") is not None and not self.cap[j]:
                    break
                if self.ends_name(j):
                    break
                lower = 0 if self.cap[j] else lower + 1
                if lower > lower_run:
                    break
                j += 1
            elif self.text[j] in "-&" and j + 1 < self.n and self.word[j + 1] and not self.ends_name(j + 1, first=True):
                j += 1
            elif self.text[j] == "/" and j + 1 < self.n and self.word[j + 1] and self.text[j + 1].isupper():
                j += 1  # an acronym pair ("HIV/AIDS")
            else:
                break
        # "và" + capitalized word continues a name ("Sở Năng lượng và Khoáng sản")
        if (
            j + 1 < self.n and self.low[j] == "và" and self.cap[j + 1] and not self.has(j + 1, _NAME_STOPS)
        ):  # a capital after "và" mid-sentence names a part, even "Đào tạo" (a verb in lower case)
            return self.name_run_continue(j + 1, i, limit, lower_run)
        return j

    def name_run_continue(self, j: int, i: int, limit: int, lower_run: int) -> int:
        k = j + 1
        lower = 0
        while k < self.n and k - i < limit and self.word[k] and not self.ends_name(k):
            if self.m(k, "level") is not None and not self.cap[k]:
                break
            lower = 0 if self.cap[k] else lower + 1
            if lower > lower_run:
                break
            k += 1
        return k

    def topic_run(self, i: int) -> int:
        """The topic of a steering committee ("phòng, chống dịch COVID-19", "về phòng, chống thiên tai")."""
        j = i
        while j < self.n and j - i < _MAX_TOPIC:
            k = self.comma_phrase(j)
            if k > j:
                j = k
                continue
            noun = self.m(j, "noun")  # a compound noun holds no verb ("các chương trình mục tiêu")
            if noun is not None:
                j += len(noun.words)
                continue
            if self.word[j]:
                if self.low[j] in ("về", "của") and j + 1 < self.n and self.word[j + 1]:
                    j += 1
                    continue
                if self.ends_name(j, first=(j == i)):
                    break
                j += 1
            elif self.text[j] == "-" and j + 1 < self.n and self.word[j + 1] and not self.ends_name(j + 1):
                j += 1
            else:
                break
        return j

    def person_name(self, i: int) -> int:
        """Two to four capitalized words opening with a family name ("Mai Sơn", "Trần Hồng Hà")."""
        if self.m(i, "surname") is None or not self.cap[i]:
            return i
        j = i + 1
        while j < self.n and j - i < 4:
            if not (self.word[j] and self.cap[j]) or self.has(j, _PERSON_NAME_STOPS):
                break
            j += 1
        return j if j - i >= 2 else i

    # -- actors ------------------------------------------------------------------------------

    @_memo
    def org(self, i: int) -> tuple[int, list[Mention]] | None:
        """An organization at ``i`` (with its determiner), or a distributive list of them."""
        j0 = self.det(i)
        has_det = j0 > i
        best: tuple[int, list[Mention]] | None = None
        ag = self.m(j0, "agency")
        if ag is not None:
            end = self.tail(j0 + len(ag.words))
            canon = ag.value if end == j0 + len(ag.words) else None
            best = (end, [self.mention(i, end, "organization", "agency_lexicon", canon)])
        h = self.m(j0, "head")
        if h is not None:
            got = self.headed(i, j0, h, has_det)
            # a known body is not stretched over the lower-case words after it
            # ("Ủy ban Dân tộc | kế hoạch"), only over capitalized names or distributions
            if got is not None and (best is None or (got[0] > best[0] and (len(got[1]) > 1 or self.is_cap(best[0])))):
                best = got
        return best

    def headed(self, i: int, j0: int, h: Entry, has_det: bool) -> tuple[int, list[Mention]] | None:
        cap0 = self.cap[j0]
        j = j0 + len(h.words)
        kind = h.extra
        if has_det and not (len(h.words) == 1 and kind in ("field", "name") and not cap0):
            dist = self.distributive(i, j0, j, h)
            if dist is not None:
                return dist
        if len(h.words) == 1 and kind in ("field", "name") and not cap0:
            # a lower-case "sở", "ban" is a collective, except "ngành y tế"
            f = self.m(j, "field")
            if not (kind == "field" and f is not None):
                return None
        if kind == "field":
            f = self.m(j, "field")
            if f is not None:
                end = self.tail(j + len(f.words))
                fld = f.value
                name = self.render(i, j0) + (" " if j0 > i else "") + h.value + " " + fld
                rest = self.render(j + len(f.words), end)
                return end, [Mention(i, end, (name + " " + rest).strip(), "organization", "head_field")]
            k = self.name_run(j, lower_run=1)
            if k == j:
                return None
            whole = self.mention(i, k, "organization", "head_field_name")
            if whole.name != self.render(i, k):  # a known body, misspelt: "Sở Giáo dực và Đào tạo"
                end = self.tail(k)
                return end, [Mention(i, end, (whole.name + " " + self.render(k, end)).strip(), whole.kind, whole.rule)]
            if any(self.word[x] and not self.cap[x] for x in range(j, k)):
                k = _segment_field(self.t, j, k)
            return self.tail(k), [self.mention(i, self.tail(k), "organization", "head_field_name")]
        if kind == "name":
            sub = self.org(j)
            if sub is not None and len(sub[1]) == 1:
                return self.tail(sub[0]), [self.mention(i, self.tail(sub[0]), "organization", "head_embedded")]
            k = self.name_run(j)
            if k == j:
                a = self.m(j, "abbr")
                if a is None:
                    return None
                k = j + len(a.words)
            end = self.tail(k)
            return end, [self.mention(i, end, "organization", "head_name")]
        if kind == "party":
            sub = self.org(j)
            if sub is not None and len(sub[1]) == 1:
                end = self.tail(sub[0])
            else:
                k = j
                pu = self.m(j, "party_unit")
                if pu is None and self.m(j, "det") is not None:
                    pu = self.m(self.det(j), "party_unit")
                    k = self.det(j)
                if pu is not None:
                    k += len(pu.words)
                    for _ in range(_MAX_LIST):
                        if self.is_punct(k, ",") and self.m(k + 1, "party_unit") is not None:
                            k += 1 + len(self.m(k + 1, "party_unit") or h)
                            continue
                        break
                    end = self.tail(k)
                else:
                    # "Đảng ủy Quân sự Trung ương", "Đảng ủy Khối các cơ quan tỉnh": a proper name
                    end = self.tail(self.name_run(j))
            return end, [self.mention(i, end, "organization", "head_party")]
        if kind == "topic":
            k = self.topic_run(j)
            end = self.tail(k)
            return end, [self.mention(i, end, "organization", "head_topic")]
        if kind == "level":
            end = self.tail(j)
            if end == j and not cap0 and not has_det:
                return None
            return end, [self.mention(i, end, "organization", "head_level")]
        # self ("Tỉnh ủy"; lower case in a list: "các huyện ủy, thành ủy")
        if not cap0:
            for _ in range(_MAX_LIST):
                pu = self.m(j + 1, "party_unit") if self.is_punct(j, ",") else None
                if pu is None:
                    break
                j += 1 + len(pu.words)
        end = self.tail(j)
        return end, [self.mention(i, end, "organization", "head_self")]

    def distributive(self, i: int, j0: int, j: int, h: Entry) -> tuple[int, list[Mention]] | None:
        """det HEAD ":"? item ("," item)+ : "Các đảng ủy Công an tỉnh, Quân sự tỉnh" -> each body."""
        k = j + 1 if self.is_punct(j, ":") else j
        items: list[tuple[int, int]] = []
        for _ in range(_MAX_LIST):
            if not (self.is_word(k) and self.cap[k]) or self.has(k, _ITEM_STOPS):
                break
            f = self.m(k, "field")
            end = k + len(f.words) if f is not None else self.name_run(k)
            if end == k:
                break
            end = self.tail(end)
            items.append((k, end))
            if self.is_punct(end, ",") or self.low_at(end) == "và":
                nxt_cap = self.is_cap(end + 1)
                # items of a Party committee are bodies ("Các đảng ủy Công an tỉnh, Bộ đội Biên
                # phòng tỉnh"); items of a Sở or a Bộ are fields ("các Bộ: Quốc phòng, Công an")
                stops = _ITEM_STOPS if h.extra == "party" else _FIELD_ITEM_STOPS
                if nxt_cap and not self.has(end + 1, stops):
                    k = end + 1
                    continue
                if nxt_cap and self.m(end + 1, "field") is not None:
                    k = end + 1
                    continue
            break
        if len(items) < 2:
            return None
        head = self.render(j0, j)
        head = head[:1].upper() + head[1:]
        out = []
        for s, e in items:
            f = self.m(s, "field")
            item = (
                f.value + (" " + self.render(s + len(f.words), e) if s + len(f.words) < e else "")
                if f is not None
                else self.render(s, e)
            )
            out.append(Mention(s, e, f"{head} {item}".strip(), "organization", "distributive"))
        return items[-1][1], out

    @_memo
    def collective(self, i: int) -> tuple[int, list[Mention]] | None:
        j = self.det(i)
        has_det = j > i
        c = self.m(j, "coll")
        u = self.m(j, "unit")
        emb = self.m(j, "embed")
        if emb is not None and (c is None or len(emb.words) >= len(c.words)):
            # "lực lượng Kiểm lâm", "lực lượng quân đội, công an", "các lực lượng khác"
            k = j + len(emb.words)
            sub = self.org(k) or self.collective(k)
            if sub is not None and len(sub[1]) == 1:
                k = sub[0]
            elif self.m(k, "mod") is None:
                k2 = self.name_run(k)
                if k2 == k:
                    # "lực lượng tham gia bảo vệ an ninh trật tự ở cơ sở | huy động"
                    k2 = _relative_clause(self, k, self.n)
                    if k2 == k:
                        return None
                k = k2
            end = self.tail(k)
            return end, [self.mention(i, end, "group", "collective_embed")]
        if c is None and (u is None or not has_det):
            return None
        best = c if c is not None and (u is None or len(c.words) >= len(u.words)) else u
        assert best is not None
        end = self.tail(j + len(best.words))
        return end, [self.mention(i, end, "group", "collective")]

    @_memo
    def person(self, i: int) -> tuple[int, list[Mention]] | None:
        j = i
        hon = self.m(j, "honorific")
        if hon is not None:
            j += len(hon.words)
        j = self.det(j)
        k = self.person_name(j)
        if k > j:  # đồng chí Mai Sơn, Phó Chủ tịch Thường trực UBND tỉnh
            name = self.render(j, k)
            end = k
            title = None
            nk = k + 1 if self.is_punct(k, ",") else k
            ti = self.m(nk, "title")
            if ti is not None:
                te = self.title_tail(nk + len(ti.words))
                title = self.render(nk, te)
                end = te
            if hon is None and title is None:
                return None
            return end, [Mention(i, end, name, "person", "person_name", title)]
        ti = self.m(j, "title")
        if ti is None:
            if hon is not None:
                # "các đồng chí Thường trực Tỉnh ủy", "đồng chí Ban Thường vụ": the persons who
                # make up a body; the body is the actor
                sub = self.org(j)
                if sub is not None and len(sub[1]) == 1:
                    m = sub[1][0]
                    return sub[0], [Mention(i, sub[0], m.name, m.kind, "honorific_body", m.title)]
            return None
        tj = j + len(ti.words)
        title_text = self.render(j, tj)
        # Bộ trưởng các Bộ: Quốc phòng, Công an -> Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an
        sub = self.org(tj)
        if sub is not None and len(sub[1]) > 1:
            return sub[0], [
                Mention(m.start, m.end, f"{title_text} {m.name}", "person", "person_distributive") for m in sub[1]
            ]
        end = self.title_tail(tj)
        if end == tj and self.is_cap(tj):
            # "Trưởng Ban Tuyên giáo Tỉnh ủy": the longest title ("Trưởng Ban") is followed by no
            # body but by a capital; a shorter one ("Trưởng") may head a name ("Ban Tuyên giáo
            # Tỉnh ủy"). ("Trưởng Ban chỉ đạo các sở": a verb follows the title)
            for e in self.at(j):
                if e.cat == "title" and len(e.words) < len(ti.words):
                    te = self.title_tail(j + len(e.words))
                    if te > tj:
                        ti, tj, end = e, j + len(e.words), te
                        break
        nk = self.person_name(end)
        if nk > end:  # Phó Thủ tướng Chính phủ Trần Hồng Hà
            return nk, [Mention(i, nk, self.render(end, nk), "person", "person_title_name", self.render(j, end))]
        if end == tj and len(ti.words) == 1 and not ti.words[0].startswith("thủ tướng"):
            return None
        if end == tj and ti.value.lower() in ("thành viên", "ủy viên", "người đứng đầu"):
            return None
        return end, [Mention(i, end, self.render(j, end), "person", "person_title", self.render(j, end))]

    @_memo
    def title_tail(self, k: int) -> int:
        """What follows a title: a body, a collective, or party committees ("tỉnh ủy, thành ủy")."""
        sub = self.org(k)
        if sub is not None and len(sub[1]) == 1:
            return sub[0]
        col = self.collective(k)
        if col is not None:
            return col[0]
        j = self.det(k)
        pu = self.m(j, "party_unit")
        if pu is not None:
            j += len(pu.words)
            for _ in range(_MAX_LIST):
                if self.is_punct(j, ","):
                    pu2 = self.m(j + 1, "party_unit")
                    if pu2 is not None:
                        j += 1 + len(pu2.words)
                        continue
                break
            return self.tail(j)
        return k

    def mention(self, i: int, j: int, kind: str, rule: str, canon: str | None = None) -> Mention:
        """A mention of tokens ``[i, j)``; its name is the lexicon's when the words (folded) or,
        for a Sở/Bộ/Ngành with an unknown field, a close spelling (a typo) name a known body."""
        if canon is None:
            text = self.render(i, j)
            text_, word = self.text, self.word
            key = " ".join([self.keys[x] for x in range(i, j) if word[x] or text_[x] in "-,&"])
            found = agency_names().get(key)
            if found is None and rule == "head_field_name":
                found = _near_agency(key)
            canon = found[0] if found else text
        return Mention(i, j, canon, kind, rule)

    @_memo
    def actor(self, i: int) -> tuple[int, list[Mention]] | None:
        """The longest actor at ``i``; a person wins a tie, then an organization."""
        if not 0 <= i < self.n or self.best(i).keys().isdisjoint(_ACTOR_OPENERS):
            return None  # (no person, body or collective opens with this word: the exact short cut)
        j = self.det(i)
        if self.m(j, "nonactor") is not None:
            return None
        best: tuple[int, list[Mention]] | None = None
        for fn in (self.person, self.org, self.collective):
            got = fn(i)
            if got is not None and got[1] and (best is None or got[0] > best[0]):
                best = got
        return best

    def actor_list(self, i: int, semicolons: bool = False) -> tuple[int, list[Mention]]:
        """Actors joined by ",", "và" (and ";" in a subject): ``(end, mentions)``; empty if none."""
        got = self.actor(i)
        if got is None:
            return i, []
        end, out = got[0], list(got[1])
        for _ in range(_MAX_LIST):
            low = self.low_at(end)
            if low is None:
                break
            seps = (",", "và", "cùng", "cùng với") + ((";",) if semicolons else ())
            nxt = end + 1
            if low == "," and self.low_at(nxt) == "và":
                nxt += 1
            if low in seps:
                more = self.actor(nxt)
                if more is not None:
                    end = more[0]
                    out.extend(more[1])
                    continue
            break
        return end, out


def parse_actor(toks: Sequence[Tok] | Tokens, i: int = 0) -> tuple[int, list[Mention]] | None:
    """The actor named at ``toks[i]``: ``(end token, mentions)``, or ``None``."""
    return _Parser(toks).actor(i)


def parse_actor_list(toks: Sequence[Tok] | Tokens, i: int = 0) -> tuple[int, list[Mention]]:
    """Actors listed from ``toks[i]`` (",", "và", ";"): ``(end token, mentions)``."""
    return _Parser(toks).actor_list(i, semicolons=True)


# -- sentences ---------------------------------------------------------------------------------


def _skip_discourse(p: _Parser, i: int, end: int) -> int:
    for _ in range(4):
        if not 0 <= i < p.n:
            break
        b = p._best[i]  # (``p.m(i, "discourse")``, inlined: a call for each piece and subject)
        e = (p._look(i) if b is None else b).get("discourse")
        if e is None or i + len(e.words) > end:
            break
        i += len(e.words)
        if p.is_punct(i, ",:"):
            i += 1
    return i


def _predicate_at(p: _Parser, i: int, end: int) -> str:
    """What follows a subject: "predicate", "context", "heading" (":" or the end), or "none"."""
    if p.is_punct(i, "("):  # a parenthesis after the subject: "Các chủ rừng là tổ chức (các Ban ...)"
        depth = 0
        for x in range(i, end):
            if not p.word[x] and p.text[x] in "()":
                depth += 1 if p.text[x] == "(" else -1
                if depth == 0:
                    i = x + 1
                    break
    if i >= end or p.is_punct(i, ":"):
        return "heading"
    if p.is_punct(i, ","):  # "Văn phòng Chính phủ, căn cứ ..." / "X, Y:" handled by the list
        i += 1
    if p.m(i, "modality") is not None:
        return "predicate"
    cv = p.m(i, "context_verb")
    pred = p.m_any(i, *_PREDICATE)
    if cv is not None and (pred is None or len(cv.words) >= len(pred.words)):
        return "context"
    if pred is not None:
        return "predicate"
    return "none"


def _strong_predicate(p: _Parser, k: int, end: int, limit: int) -> int | None:
    """The first adverb, modal or role cue within ``limit`` tokens (not past ``;:.``), else a verb."""
    verb = None
    for x in range(k, min(end, k + limit)):
        if not p.word[x]:
            if p.text[x] in ";:.(":
                break
            continue
        if p.has(x, _STRONG):
            return x
        if verb is None and p.m(x, "verb") is not None:
            verb = x
    return verb


def _subject(p: _Parser, i: int, end: int) -> tuple[int, list[Mention], str]:
    """The subject at ``i``: ``(end, mentions, what follows)``; no mentions when there is none.

    Between the subject and its verb may come filler ("nêu trên"), an apposition after a comma
    (", nhất là thành phố Hà Nội, ...") or a place ("tại khu vực dự báo xảy ra mưa, lũ").

    Remembered per parser and ``(i, end)``: a sentence's pieces are found by the subjects after
    its ";" and ":", then each piece is analyzed from the same start (a second parse, the same
    answer: the parser's results are remembered already; the mentions are never modified).
    """
    key = (i, end)
    got = p._subjects.get(key)
    if got is None:
        got = p._subjects[key] = _find_subject(p, i, end)
    return got


def _find_subject(p: _Parser, i: int, end: int) -> tuple[int, list[Mention], str]:
    k, ms = p.actor_list(i, semicolons=True)
    if not ms or k > end:
        return i, [], "none"
    f = p.m(k, "filler")
    if f is not None:
        k += len(f.words)
    what = _predicate_at(p, k, end)
    if what == "none":
        at = k + 1 if p.is_punct(k, ",") else k
        cue = p.m_any(at, "apposition", "locative")
        if cue is not None:
            x = _strong_predicate(p, at + 1, end, 24)
            if x is not None:
                if cue.cat == "locative" and at == k:  # the place is part of the name
                    last = ms[-1]
                    ms = [*ms[:-1], Mention(last.start, x, p.render(last.start, x), last.kind, last.rule, last.title)]
                return x, ms, "predicate"
    elif what == "context" and p.low_at(k) == "là":
        # "Sở Y tế là cơ quan thường trực, có trách nhiệm tổng hợp": a description, then a duty
        for x in range(k + 1, min(end, k + 24)):
            if not p.word[x] and p.text[x] in ";:.(":
                break
            if p.is_punct(x - 1, ",") and p.m(x, "modality") is not None:
                return x, ms, "predicate"
    return k, ms, what


_RELATIVE_MAX = 20  # tokens of a relative clause after a collective


def _relative_clause(p: _Parser, i: int, end: int) -> int:
    """The end of a relative clause at ``i`` after a collective ("có chức năng thanh tra, kiểm
    tra"), or ``i``. Verbs right after its opener or after a comma are its own ("thanh tra, kiểm
    tra"); a verb after a noun is the sentence's ("... thuế | tuân thủ")."""
    rel = p.m_any(i, "relative", "relative_verb")
    if rel is None:
        return i
    j = i + len(rel)
    own_verb = True  # a verb here belongs to the clause
    last = j
    while j < end and j - i < _RELATIVE_MAX:
        if not p.word[j]:
            if p.text[j] != ",":
                break
            own_verb = True
            j += 1
            continue
        e = p.m_any(j, *_PREDICATE)
        if e is not None and not own_verb:
            return last if last > i + len(rel) else i  # the sentence's verb follows the clause
        j += len(e) if e is not None else 1
        last = j
        own_verb = e is not None and own_verb
    if rel.cat == "relative_verb" or last == i + len(rel):
        return i  # no verb of the sentence after it: the collective's own verb, not a clause
    return last


def _cue_at(p: _Parser, i: int) -> tuple[int, RoleCue] | None:
    e = p.m(i, "cue")
    if e is None:
        return None
    cue = role_cues().get(" ".join(e.words))
    if cue is None:
        return None
    return i + len(e.words), cue


def _merge(first: RoleCue, last: RoleCue) -> RoleCue:
    """A run of cues ("chỉ đạo, hướng dẫn X", "quán triệt và giao nhiệm vụ đến X"): the role of
    the strongest cue, the links of the cue nearest the actor."""
    rank = {"assignee": 3, "requested": 3, "coordinate": 1, "report_to": 1, "beneficiary": 0}
    role_of = first if rank.get(first.object_role, 0) >= rank.get(last.object_role, 0) else last
    if last.object_role == "report_to":
        # "theo dõi, đôn đốc, báo cáo Chủ tịch UBND tỉnh": the one reported to is no one directed
        role_of = last
    return RoleCue(role_of.object_role, role_of.subject_role, last.links, last.gap, role_of.rule)


def _objects(p: _Parser, i: int, end: int, a: Analysis, subject_found: list[Found]) -> None:
    """Actors after role cues from token ``i`` to ``end`` (delegation chains included)."""
    covered: set[int] = set()
    for s, e in a.spans:
        covered.update(range(s, e))
    first_cue = True
    last_delegate: list[Found] = []
    k = i
    for h in p.hits_between(i, end, _CUES):
        if h < k or h in covered:
            continue
        if last_delegate and any(not p.word[x] and p.text[x] in ".;" for x in range(k, h)):
            last_delegate = []
        k = h
        got = _cue_at(p, k)
        if got is None or (k > 0 and p.low[k - 1] in _PASSIVE):
            continue
        j, cue = got
        for _ in range(3):
            if p.is_punct(j, ",") or (j < p.n and p.low[j] == "và"):
                nxt = _cue_at(p, j + 1)
                if nxt is not None:
                    cue = _merge(cue, nxt[1])
                    j = nxt[0]
                    continue
            break
        starts = [j]
        if cue.links:
            if cue.gap:
                for g in range(j, min(end, j + 12)):
                    if p.low[g] in cue.links:
                        starts = [g + 1]
                        break
                    if not p.word[g] and p.text[g] in ".;:":
                        break
            elif j < p.n and p.low[j] in cue.links:
                starts = [j + 1, j]
        hit: tuple[int, list[Mention]] | None = None
        issuer = cue.rule.startswith(("request_", "assign_"))  # "Yêu cầu A; B; C thực hiện"
        for st in starts:
            if st < end:
                e_, ms = p.actor_list(st, semicolons=issuer)
                if ms and e_ > end and issuer:  # a list past ";" that ends this part: its own names
                    ms = [m for m in ms if m.end <= end]
                    e_ = ms[-1].end if ms else e_
                if ms and e_ <= end:
                    hit = (e_, ms)
                    break
        if hit is None:
            first_cue = False
            k = j
            continue
        e_, ms = hit
        last = ms[-1]
        if last.kind == "group" and last.end == e_:
            k2 = _relative_clause(p, e_, end)
            if k2 > e_:  # "từng phòng, đội có chức năng thanh tra, kiểm tra"
                ms = [*ms[:-1], Mention(last.start, k2, p.render(last.start, k2), last.kind, last.rule, last.title)]
                e_ = k2
        delegation = cue.object_role == "assignee" and cue.subject_role == "supervise"
        if delegation and last_delegate:
            for f in last_delegate:  # A chỉ đạo B giao C: B supervises
                idx = a.found.index(f)
                a.found[idx] = Found(f.mention, "supervise", "delegation_chain")
        if first_cue and not subject_found and delegation and not cue.rule.startswith("assign_giao"):
            a.directs = True
        if first_cue and subject_found:
            if cue.subject_role == "supervise" and cue.object_role == "assignee":
                for f in subject_found:
                    idx = a.found.index(f)
                    a.found[idx] = Found(f.mention, "supervise", cue.rule)
            elif cue.subject_role == "drop":
                for f in subject_found:
                    a.found.remove(f)
                subject_found = []
        new = [Found(m, cue.object_role, cue.rule) for m in ms]
        a.found.extend(new)
        a.spans.append((ms[0].start, e_))
        last_delegate = new if delegation else []
        first_cue = False
        k = e_


def analyze(
    toks: Sequence[Tok] | Tokens, start: int = 0, end: int | None = None, *, parser: _Parser | None = None
) -> Analysis:
    """Actors and roles of the sentence ``toks[start:end]``."""
    end = len(toks) if end is None else end
    p = parser or _Parser(toks)
    a = Analysis()
    i = _skip_discourse(p, start, end)
    if i >= end:
        a.context = True
        return a
    if p.m(i, "context") is not None and not p.has(i, _CUE_MODALITY):
        a.context = True
        return a
    label = p.m(i, "cue")
    no_subject: tuple[int, list[Mention], str] = (i, [], "none")
    # "Cơ quan chủ trì: Sở Y tế": a label, then who does the work (no subject)
    sk, ms, what = no_subject if label is not None and label.words[-1] == ":" else _subject(p, i, end)
    fronted = False  # opens with a fronted adverbial after which no subject or verb was found
    if not ms and p.m(i, "opener") is not None:
        # a fronted adverbial: the subject or the verb may follow one of its commas
        fronted = True
        for c in range(i + 1, min(end, i + 60)):
            if p.is_punct(c, ","):
                c2 = _skip_discourse(p, c + 1, end)
                sk2, ms2, what2 = _subject(p, c2, end)
                if ms2 and what2 in ("predicate", "context"):
                    sk, ms, what, i = sk2, ms2, what2, c2
                    fronted = False
                    break
                if p.has(c2, _PREDICATE_SET) and p.m(c2, "context_verb") is None:
                    i = c2
                    fronted = False
                    break
            elif p.is_punct(c, ";:."):
                break
    if ms and what == "context":
        a.context = True
        return a
    subject_found: list[Found] = []
    if ms and what in ("predicate", "heading"):
        a.subject = ms
        subject_found = [Found(m, "lead", "subject") for m in ms]
        a.found.extend(subject_found)
        a.spans.append((ms[0].start, sk))
        a.body_start = sk
        a.heading = what == "heading" and not p.any_between(sk, end, "verb", "cue")
        _objects(p, sk, end, a, subject_found)
        named = set(ms)
        if a.primary and not any(f.mention in named for f in a.found):
            # the subject asked and was dropped ("Chủ tịch UBND tỉnh đề nghị X ..."): the issuer
            # speaks, as in "Đề nghị X ...", and those it names have nobody to inherit from
            a.issuer_voice = True
            a.heading = not p.any_between(a.spans[-1][1], end, "verb", "cue")
        elif len(a.found) == len(subject_found):
            got = _cue_at(p, sk)
            if got is not None and got[1].subject_role == "drop" and (got[0] >= end or p.is_punct(got[0], ":")):
                # "Chủ tịch UBND tỉnh yêu cầu:": the issuer speaks and names nobody yet; the items
                # below name who does the work, and the issuer is no lead to hand down to them
                a.found = [f for f in a.found if f not in subject_found]
                a.issuer_voice = True
    else:
        a.body_start = i
        # "Căn cứ Luật ...;" (the preamble): an opener that is an adverb is no verb of a task
        # ("Thực hiện Chỉ thị số 15" opens with a verb: an imperative still)
        first = p.m_any(i, *_PREDICATE)
        if fronted and first is not None and first.cat != "verb":
            first = None
        a.imperative = first is not None
        got = _cue_at(p, i)
        if got is not None and got[1].rule.startswith(("assign_", "request_")):
            a.issuer_voice = True
        _objects(p, i, end, a, [])
        if a.issuer_voice and a.primary:
            j = a.spans[0][1] if a.spans else i
            a.heading = not p.any_between(j, end, "verb", "cue")
    subject_mentions = {f.mention for f in subject_found}
    remaining = [f for f in a.found if f.mention in subject_mentions]
    a.subject = [f.mention for f in remaining]
    if a.subject:
        a.subject_role = remaining[0].role
    return a
