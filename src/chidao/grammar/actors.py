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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, chain, repeat
from operator import eq as _eq
from operator import itemgetter
from typing import NamedTuple

from chidao.grammar.patterns import read_table
from chidao.textutil import fold

__all__ = [
    "Entry",
    "Lexicon",
    "RoleCue",
    "Tok",
    "Tokens",
    "agency_names",
    "first_words",
    "lexicon",
    "read_lines",
    "role_cues",
    "tokenize",
    "tokenize_columns",
]

# a token: a word, a run of combining marks (one token, however many) or a punctuation mark
_TOKEN = r"\w++|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]++|[^\w\s]"
# tokens read per match: sre spends more on starting a match (it allocates and frees its stack
# each time) than on a group, so findall of one token a match spent most of its time there
_BATCH = 16
# _BATCH tokens, each as two groups: the spaces before it (so that the groups' lengths add up to
# the offsets) and the token; where the text has ended, a token group matches nothing (every
# other character opens a token, so an empty token is the end). Possessive, as a token never
# gives back a character.
_PIECE = re.compile(rf"(\s*+)({_TOKEN}|)")
_PIECES = re.compile(_PIECE.pattern * _BATCH)
# up to this length, one token a match: in a short text (a lexicon phrase) the groups past its
# end would cost more than the matches they save
_SHORT = 32
_new = tuple.__new__
_first = itemgetter(0)


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


class Tokens:
    """Tokens as parallel lists, one per field of :class:`Tok` (``plain`` is ``key == low``).

    What the parsers read: the tokenizer fills the lists with a few C-level calls and makes no
    object per token (a :class:`Tok` each costs more than the lists together). ``tok(i)`` and
    ``toks()`` give :class:`Tok` objects when one is wanted.
    """

    __slots__ = ("cap", "end", "key", "low", "start", "text", "word")

    def __init__(
        self,
        start: list[int],
        end: list[int],
        text: list[str],
        low: list[str],
        key: list[str],
        word: list[bool],
        cap: list[bool],
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low  # lower case, diacritics kept
        self.key = key  # lower case, diacritics removed
        self.word = word  # a word (letters or digits), not punctuation
        self.cap = cap  # opens with a capital letter

    def __len__(self) -> int:
        return len(self.key)

    def __repr__(self) -> str:
        return f"Tokens({self.text!r})"

    def tok(self, i: int) -> Tok:
        """Token ``i`` as a :class:`Tok`."""
        key, low = self.key[i], self.low[i]
        return Tok(self.start[i], self.end[i], self.text[i], low, key, key == low, self.word[i], self.cap[i])

    def toks(self) -> list[Tok]:
        """Every token as a :class:`Tok`."""
        return list(
            map(
                _new,
                repeat(Tok),
                zip(
                    self.start,
                    self.end,
                    self.text,
                    self.low,
                    self.key,
                    map(_eq, self.key, self.low),
                    self.word,
                    self.cap,
                    strict=True,
                ),
            )
        )

    def slice(self, lo: int, hi: int) -> Tokens:
        """Tokens ``[lo, hi)``."""
        return Tokens(
            self.start[lo:hi],
            self.end[lo:hi],
            self.text[lo:hi],
            self.low[lo:hi],
            self.key[lo:hi],
            self.word[lo:hi],
            self.cap[lo:hi],
        )

    @staticmethod
    def of(toks: Sequence[Tok] | Tokens) -> Tokens:
        """``toks`` as :class:`Tokens` (itself when it is one)."""
        if isinstance(toks, Tokens):
            return toks
        return Tokens(
            [t.start for t in toks],
            [t.end for t in toks],
            [t.text for t in toks],
            [t.low for t in toks],
            [t.key for t in toks],
            [t.word for t in toks],
            [t.cap for t in toks],
        )

    @staticmethod
    def empty() -> Tokens:
        return Tokens([], [], [], [], [], [], [])

    @staticmethod
    def join(parts: Sequence[Tokens]) -> Tokens:
        """The tokens of ``parts``, one after another."""
        out = Tokens.empty()
        for p in parts:
            out.start += p.start
            out.end += p.end
            out.text += p.text
            out.low += p.low
            out.key += p.key
            out.word += p.word
            out.cap += p.cap
        return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Words and punctuation of ``text[start:end]`` with absolute offsets, as :class:`Tok`.

    A run of combining marks (left over after NFC) is one token, not one per mark.
    """
    return tokenize_columns(text, start, end).toks()


def tokenize_columns(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """:func:`tokenize`, as :class:`Tokens` (the parsers' form).

    One regex pass and C-level maps, no Python work per token: a match reads many tokens, the
    spaces before each and each token come as groups, their lengths add up to the offsets; a
    token never holds a space, so the tokens joined by spaces are lower-cased and folded, then
    split, in one call each. (Folding the joined tokens costs less than slicing
    ``Document.folded`` once per token.)
    """
    end = len(text) if end is None else end
    if start >= end:
        return Tokens.empty()
    pieces, batch = (_PIECES, _BATCH) if end - start > _SHORT else (_PIECE, 1)
    groups = list(chain.from_iterable(pieces.findall(text, start, end)))  # spaces, token, ...
    texts = groups[1::2]
    # the first empty token is the end of the text: it is in the last two matches (findall
    # ends with the empty match at the end of the text; the sentinel, should it not)
    texts.append("")
    n = texts.index("", max(len(texts) - 2 * batch - 1, 0))
    if not n:
        return Tokens.empty()
    del texts[n:]
    del groups[2 * n :]
    bounds = list(accumulate(map(len, groups), initial=start))  # where each group starts and ends
    # ``\s`` is ``str.isspace``, and neither ``str.lower`` nor ``fold`` makes a space of anything
    spaced = " ".join(texts)
    firsts = list(map(_first, texts))
    return Tokens(
        bounds[1::2],
        bounds[2::2],
        texts,
        spaced.lower().split(),
        fold(spaced).split(),
        list(map(str.isalnum, firsts)),
        list(map(str.isupper, firsts)),
    )


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
    toks = tokenize_columns(phrase)
    return tuple(toks.low), tuple(toks.key)


class _Node:
    __slots__ = ("children", "entries", "memo")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.entries: list[Entry] = []
        # matches found by walks that stopped at this node, by the lower-case words walked
        self.memo: dict[object, tuple[tuple[Entry, ...], dict[str, Entry]]] = {}


_NOTHING: tuple[tuple[Entry, ...], dict[str, Entry]] = ((), {})
_MEMO_MAX = 4096  # remembered walks per trie node (hostile text cannot grow them further)
_PAIRS_MAX = 1 << 16  # walks remembered by their first two words


class Lexicon:
    """Phrases in a trie keyed by folded words; :meth:`all_at` finds every match at a token.

    A walk depends only on the words it reads, so its result is remembered on the node where
    it stopped, keyed by those words as written in lower case: the same words in the next
    sentence (or the next notice) cost one walk over dictionary keys and one lookup.
    """

    def __init__(self) -> None:
        self.root = _Node()
        self.size = 0
        self.depth = 0  # words of the longest phrase
        self._below: dict[str, frozenset[str]] | None = None
        # answers of walks that read at most two words, by those words (see ``lookup``)
        self._pairs: dict[object, tuple[tuple[Entry, ...], dict[str, Entry]]] = {}
        self._remembers = False

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
            self.depth = max(self.depth, len(keys))
            self._below = None
            if self._remembers:  # a new phrase changes what earlier walks found
                _clear_memos(self.root)
                self._pairs.clear()
                self._remembers = False

    def entries(self) -> list[Entry]:
        out: list[Entry] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            out.extend(node.entries)
            stack.extend(node.children.values())
        return out

    def first_cats(self) -> dict[str, frozenset[str]]:
        """The categories of the phrases that start with each folded first word."""
        if self._below is None:
            below: dict[str, set[str]] = {}
            for e in self.entries():
                below.setdefault(e.keys[0], set()).add(e.cat)
            self._below = {k: frozenset(v) for k, v in below.items()}
        return self._below

    def all_at(self, toks: Sequence[Tok] | Tokens, i: int) -> tuple[Entry, ...]:
        """Every entry that matches at token ``i``, longest first."""
        return self.lookup(Tokens.of(toks), i)[0]

    def best_at(self, toks: Sequence[Tok] | Tokens, i: int) -> dict[str, Entry]:
        """The longest entry of each category that matches at token ``i`` (do not modify)."""
        return self.lookup(Tokens.of(toks), i)[1]

    def lookup(self, toks: Tokens, i: int) -> tuple[tuple[Entry, ...], dict[str, Entry]]:
        """:meth:`all_at` and :meth:`best_at` together, remembered on the trie.

        Most walks stop within the first two words: their answer depends on those two words
        alone (their folded forms walk the trie, their lower-case forms are matched), so it is
        remembered by that pair (by the one word at the end of the tokens) and found with one
        dictionary lookup.
        """
        low = toks.low
        n = len(low)
        if not 0 <= i < n:
            return _NOTHING
        keys = toks.key
        pair: object = (low[i], low[i + 1], keys[i], keys[i + 1]) if i + 1 < n else (low[i], keys[i])
        got = self._pairs.get(pair)
        if got is None:
            got = self._lookup(toks, i, pair)
        return got

    def _lookup(self, toks: Tokens, i: int, pair: object) -> tuple[tuple[Entry, ...], dict[str, Entry]]:
        keys = toks.key
        n = len(keys)
        node = self.root.children.get(keys[i])
        got = _NOTHING
        if node is not None:
            j = i + 1
            while j < n:
                nxt = node.children.get(keys[j])
                if nxt is None:
                    break
                node = nxt
                j += 1
            key: object  # (most walks read one word or two)
            low = toks.low
            if j == i + 1:
                key = low[i]
            elif j == i + 2:
                key = (low[i], low[i + 1])
            else:
                key = tuple(low[i:j])
            memo = node.memo
            walked = memo.get(key)
            if walked is None:
                found = self._walk(toks, i, j)
                best: dict[str, Entry] = {}
                for e in found:
                    if e.cat not in best:
                        best[e.cat] = e
                walked = (found, best)
                if len(memo) >= _MEMO_MAX:
                    memo.clear()
                memo[key] = walked
                self._remembers = True
            got = walked
            # the walk read no word past the pair when it failed at the first or the second
            # word, or matched both and no phrase goes on from them
            if j > i + 2 or (j == i + 2 and node.children):
                return got
        pairs = self._pairs
        if len(pairs) >= _PAIRS_MAX:
            pairs.clear()
        pairs[pair] = got
        self._remembers = True
        return got

    def _walk(self, toks: Tokens, i: int, n: int) -> tuple[Entry, ...]:
        found: list[Entry] = []
        node = self.root
        keys, low = toks.key, toks.low
        j = i
        while j < n:
            nxt = node.children.get(keys[j])
            if nxt is None:
                break
            node = nxt
            j += 1
            for e in node.entries:
                for k in range(i, j):
                    # a word written without any diacritic may stand for the accented one
                    if low[k] != e.words[k - i] and keys[k] != low[k]:
                        break
                else:
                    found.append(e)
        found.reverse()
        return tuple(found)

    def matches(self, toks: Sequence[Tok] | Tokens, i: int, cats: Iterable[str] | None = None) -> list[Entry]:
        """Entries (of the given categories) that match at token ``i``, longest first."""
        if i >= len(toks):
            return []
        wanted = None if cats is None else set(cats)
        return [e for e in self.all_at(toks, i) if wanted is None or e.cat in wanted]

    def longest(self, toks: Sequence[Tok] | Tokens, i: int, cats: Iterable[str]) -> Entry | None:
        found = self.matches(toks, i, cats)
        return found[0] if found else None


def _clear_memos(root: _Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.memo:
            node.memo.clear()
        stack.extend(node.children.values())


@cache
def first_words(cats: frozenset[str]) -> frozenset[str]:
    """Folded first words of the phrases of ``cats``: a word outside this set starts none of them.

    A scan for verbs or role cues tests each token against this set (one hash lookup) and
    walks the lexicon only where a phrase may start.
    """
    return frozenset(k for k, below in lexicon().first_cats().items() if not below.isdisjoint(cats))


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
