"""The lexicon of actors, roles, verbs and task words, loaded once from the tables beside this module.

* ``agencies.tsv``: bodies with canonical names, abbreviations and variants; their fields
  ("Y tế" of "Sở Y tế") become fields for the heads Sở, Bộ, Ngành.
* ``actor_heads.tsv``: head nouns, titles, collectives, levels, modifiers, determiners.
* ``roles.tsv``: role cues; ``verbs.txt``: directive verbs; ``modality.tsv``; ``urgency.txt``;
  ``task_cues.tsv``: discourse words, openers, context words, adverbs, stop words.

Everything is matched on :class:`Tok` sequences: words are compared lower-cased with their
diacritics, and a word written without any diacritic matches its accented form too
("So Y te" is "Sở Y tế").

>>> toks = tokenize("UBND các huyện, thành phố")
>>> [t.low for t in toks]
['ubnd', 'các', 'huyện', ',', 'thành', 'phố']
>>> lexicon().longest(toks, 0, ("head",)).value
'Ủy ban nhân dân'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from chidao.grammar.patterns import read_table
from chidao.textutil import fold

__all__ = [
    "Entry",
    "Lexicon",
    "RoleCue",
    "Tok",
    "agency_names",
    "first_words",
    "lexicon",
    "read_lines",
    "role_cues",
    "tokenize",
]

_TOKEN = re.compile(r"\w+|[^\w\s]")


class Tok(NamedTuple):
    """A word or a punctuation mark with its offsets in the text it came from."""

    start: int
    end: int
    text: str
    low: str  # lower case, diacritics kept
    key: str  # lower case, diacritics removed
    plain: bool  # written without any diacritic (so it may stand for an accented word)
    word: bool  # a word (letters or digits), not punctuation
    cap: bool  # opens with a capital letter


def tokenize(text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> list[Tok]:
    """Words and punctuation of ``text[start:end]`` with absolute offsets.

    ``folded`` is ``fold(text)`` when the caller has it (``Document.folded``): same length, so
    the folded key of a token is a slice of it.
    """
    end = len(text) if end is None else end
    if folded is None or len(folded) != len(text):
        folded = " " * start + fold(text[start:end])
    lowered = text[start:end].lower()
    if len(lowered) != end - start:  # a character whose lower case is longer: word by word
        spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
        lows = [text[a:b].lower() for a, b in spans]
    else:
        spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
        lows = [lowered[a - start : b - start] for a, b in spans]
    texts = [text[a:b] for a, b in spans]
    keys = [folded[a:b] for a, b in spans]
    new = tuple.__new__
    return [
        new(Tok, (a, b, t, lo, k, k == lo, t[0].isalnum(), t[0].isupper()))
        for (a, b), t, lo, k in zip(spans, texts, lows, keys, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: its words, its category and what it stands for."""

    words: tuple[str, ...]  # lower case, with diacritics
    keys: tuple[str, ...]  # lower case, without diacritics
    cat: str
    value: str  # canonical text (agencies, abbreviations), else the phrase as written
    extra: str = ""

    def __len__(self) -> int:
        return len(self.words)


def _words(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    toks = tokenize(phrase)
    return tuple(t.low for t in toks), tuple(t.key for t in toks)


class _Node:
    __slots__ = ("children", "entries")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.entries: list[Entry] = []


class Lexicon:
    """Phrases in a trie keyed by folded words; :meth:`all_at` finds every match at a token."""

    def __init__(self) -> None:
        self.root = _Node()
        self.size = 0

    def add(self, phrase: str, cat: str, value: str | None = None, extra: str = "") -> None:
        words, keys = _words(phrase)
        if not words:
            return
        e = Entry(words, keys, cat, value if value is not None else phrase, extra)
        node = self.root
        for k in keys:
            nxt = node.children.get(k)
            if nxt is None:
                nxt = node.children[k] = _Node()
            node = nxt
        if e not in node.entries:
            node.entries.append(e)
            self.size += 1

    def entries(self) -> list[Entry]:
        out: list[Entry] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            out.extend(node.entries)
            stack.extend(node.children.values())
        return out

    def all_at(self, toks: list[Tok], i: int) -> tuple[Entry, ...]:
        """Every entry that matches at ``toks[i]``, longest first."""
        found: list[Entry] = []
        node = self.root
        n = len(toks)
        j = i
        while j < n:
            nxt = node.children.get(toks[j].key)
            if nxt is None:
                break
            node = nxt
            j += 1
            for e in node.entries:
                for k in range(i, j):
                    t = toks[k]
                    if t.low != e.words[k - i] and not t.plain:
                        break
                else:
                    found.append(e)
        found.reverse()
        return tuple(found)

    def matches(self, toks: list[Tok], i: int, cats: Iterable[str] | None = None) -> list[Entry]:
        """Entries (of the given categories) that match at ``toks[i]``, longest first."""
        if i >= len(toks):
            return []
        wanted = None if cats is None else set(cats)
        return [e for e in self.all_at(toks, i) if wanted is None or e.cat in wanted]

    def longest(self, toks: list[Tok], i: int, cats: Iterable[str]) -> Entry | None:
        found = self.matches(toks, i, cats)
        return found[0] if found else None


def _has_cat(node: _Node, cats: frozenset[str]) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if any(e.cat in cats for e in n.entries):
            return True
        stack.extend(n.children.values())
    return False


@cache
def first_words(cats: frozenset[str]) -> frozenset[str]:
    """Folded first words of the phrases of ``cats``: a word outside this set starts none of them.

    A scan for verbs or role cues tests each token against this set (one hash lookup) and
    walks the lexicon only where a phrase may start.
    """
    root = lexicon().root
    return frozenset(k for k, child in root.children.items() if _has_cat(child, cats))


@dataclass(frozen=True, slots=True)
class RoleCue:
    object_role: str
    subject_role: str  # lead | supervise | drop
    links: tuple[str, ...]
    gap: bool
    rule: str


@cache
def read_lines(filename: str) -> tuple[str, ...]:
    """Non-comment lines of a one-phrase-a-line table."""
    text = resources.files("chidao.grammar").joinpath(filename).read_text(encoding="utf-8")
    return tuple(s.strip() for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#"))


@cache
def role_cues() -> dict[str, RoleCue]:
    """Role cues by phrase (``roles.tsv``)."""
    out: dict[str, RoleCue] = {}
    for row in read_table("roles.tsv"):
        if len(row) < 3:
            continue
        cue, obj, subj = row[0], row[1], row[2]
        links_cell = row[3] if len(row) > 3 else ""
        rule = row[4] if len(row) > 4 and row[4] else f"cue_{fold(cue).replace(' ', '_')}"
        gap = links_cell.startswith("gap:")
        links = tuple(x.strip() for x in links_cell.removeprefix("gap:").split("|") if x.strip())
        out[" ".join(_words(cue)[0])] = RoleCue(obj, subj, links, gap, rule)
    return out


@cache
def agency_names() -> dict[str, tuple[str, str]]:
    """Canonical agency names by their folded form: ``{"so y te": ("Sở Y tế", "department")}``."""
    out: dict[str, tuple[str, str]] = {}
    for row in read_table("agencies.tsv"):
        if len(row) >= 2:
            out.setdefault(" ".join(_words(row[1])[1]), (row[1], row[0]))
    return out


_FIELD_HEADS = {"department": "Sở", "ministry": "Bộ"}


_ABBREVIATED = ("agency", "head", "title", "coll")


def _add_abbreviated(lx: Lexicon, abbrs: list[tuple[str, str]]) -> None:
    """Each name that contains an expansion also matches with its abbreviation ("UBND tỉnh")."""
    entries = [e for e in lx.entries() if e.cat in _ABBREVIATED]
    for abbr, expansion in abbrs:
        exp, _ = _words(expansion)
        ab, _ = _words(abbr)
        n = len(exp)
        for e in entries:
            w = e.words
            for k in range(len(w) - n + 1):
                if w[k : k + n] == exp:
                    phrase = " ".join(w[:k] + ab + w[k + n :])
                    lx.add(phrase, e.cat, e.value, e.extra)
                    break


@cache
def lexicon() -> Lexicon:
    """Every phrase of the actor, role, verb and task tables, in one index."""
    lx = Lexicon()
    for row in read_table("agencies.tsv"):
        if len(row) < 2:
            continue
        kind, canonical = row[0], row[1]
        lx.add(canonical, "agency", canonical, kind)
        for cell in row[2:4]:
            for variant in cell.split("|"):
                if variant.strip():
                    lx.add(variant.strip(), "agency", canonical, kind)
        head = _FIELD_HEADS.get(kind)
        if head and canonical.startswith(head + " "):
            fld = canonical[len(head) + 1 :]
            lx.add(fld, "field", fld)
            for variant in row[3].split("|") if len(row) > 3 else ():
                if variant.startswith(head + " "):
                    lx.add(variant[len(head) + 1 :], "field", fld)
    abbrs: list[tuple[str, str]] = []
    for row in read_table("actor_heads.tsv"):
        if len(row) < 2:
            continue
        kind, phrase = row[0], row[1]
        extra = row[2] if len(row) > 2 else ""
        if kind == "abbr":
            lx.add(phrase, "abbr", extra)
            abbrs.append((phrase, extra))
        else:
            lx.add(phrase, kind, phrase, extra)
    _add_abbreviated(lx, abbrs)
    for cue in role_cues():
        lx.add(cue, "cue")
    for verb in read_lines("verbs.txt"):
        lx.add(verb, "verb")
    for row in read_table("modality.tsv"):
        if len(row) >= 2:
            lx.add(row[1], "modality", row[0])
    for word in read_lines("urgency.txt"):
        lx.add(word, "urgency")
    for row in read_table("task_cues.tsv"):
        if len(row) >= 2:
            lx.add(row[1], row[0])
    for name in read_lines("surnames.txt"):
        lx.add(name, "surname")
    return lx
