"""The signature block and the Nơi nhận list (loaded from ``signature.tsv`` and ``surnames.txt``).

>>> authority_of("T/M"), authority_of("k/t"), authority_of("Thừa lệnh")
('TM.', 'KT.', 'TL.')
>>> title_at_end("CHỦ TỊCH PHÓ CHỦ TỊCH")
('Phó Chủ tịch', 9)
>>> purpose_of("Bộ Y tế (b/c);"), purpose_of("Lưu: VT, KGVX.")
('báo cáo', 'lưu')
>>> restore_surname("Dang"), restore_surname("Nguyen"), restore_surname("Xyzt")
('Đặng', 'Nguyễn', None)
"""

from __future__ import annotations

from functools import cache

import regex

from chidao.grammar.patterns import read_table
from chidao.textutil import fold

__all__ = [
    "AUTHORITY_RE",
    "authority_of",
    "is_surname",
    "purpose_of",
    "purposes_of",
    "restore_surname",
    "surnames",
    "title_at_end",
    "titles",
]


def _rows(kind: str) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for row in read_table("signature.tsv"):
        if row[0] == kind and len(row) > 1:
            variants = tuple(v.strip() for v in (row[2] if len(row) > 2 else "").split("|") if v.strip())
            out.append((row[1], variants))
    return out


def _squash(s: str) -> str:
    return " ".join(fold(s).split())


@cache
def _authorities() -> dict[str, str]:
    out: dict[str, str] = {}
    for canon, variants in _rows("authority"):
        for v in (canon, *variants):
            out[_squash(v)] = canon
    return out


def _authority_pattern() -> regex.Pattern[str]:
    forms = sorted({f for canon, vs in _rows("authority") for f in (canon, *vs)}, key=len, reverse=True)
    alts = []
    for f in forms:
        esc = regex.escape(f).replace(r"\ ", " ")
        if f.isalpha() and f.isupper():  # bare letters ("TM", "Q") only before a capital word
            esc += r"\.?(?=[ ]{0,3}\p{Lu}\p{Lu})"
        alts.append(esc)
    # every form starts with one of a few capitals: the lookahead turns most places away at once,
    # where the alternation alone tried each form there
    firsts = regex.escape("".join(sorted({f[0] for f in forms})))
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}/.])(?=[{firsts}])(?P<auth>{'|'.join(alts)})(?![\p{{Ll}}])[ ]{{0,3}}"
    )


AUTHORITY_RE = _authority_pattern()
"""Finds a signature authority (``T/M``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``) written before a capital word."""


def authority_of(text: str) -> str | None:
    """The canonical authority (``"TM."``) for a prefix as written (``"T/M"``, ``"Thay mặt"``)."""
    return _authorities().get(_squash(text).rstrip(" "))


@cache
def titles() -> tuple[str, ...]:
    """Signer titles as canonically written, longest first."""
    return tuple(sorted((c for c, _ in _rows("title")), key=len, reverse=True))


@cache
def _title_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for canon, variants in _rows("title"):
        for v in (canon, *variants):
            out.setdefault(_squash(v), canon)
    return out


@cache
def _title_end_pattern() -> regex.Pattern[str]:
    forms = sorted(_title_forms(), key=len, reverse=True)
    alt = "|".join(regex.escape(f).replace(r"\ ", " ") for f in forms)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})$")


def title_at_end(block: str) -> tuple[str, int] | None:
    """The longest known title ending ``block`` (words in any case): ``(canonical title, start offset)``."""
    key = " ".join(fold(block).split())
    if not key:
        return None
    forms = _title_forms()
    start = 0  # each word start in turn: the earliest that leaves a known title is the longest title
    while (canon := forms.get(key[start:])) is None:
        start = key.find(" ", start) + 1
        if start == 0:
            return None
    # map the offset in the squashed key back to ``block``
    words_before = key[:start].count(" ")
    pos = 0
    for _ in range(words_before):
        m = _WORD_AND_SPACE.match(block, pos)
        if m is None:
            break
        pos = m.end()
    return canon, pos + len(block[pos:]) - len(block[pos:].lstrip())


_WORD_AND_SPACE = regex.compile(r"\S{1,200}\s{1,20}")


@cache
def _purpose_patterns() -> tuple[tuple[regex.Pattern[str], ...], dict[str, str]]:
    """A purpose opening the line, one in parentheses, "để ..." closing it; and the forms' canon.

    Three patterns, not one alternation searched: each search starts at its literal ("(", "de "),
    where a search of the alternation tried all three at every character.
    """
    forms: dict[str, str] = {}
    for canon, variants in _rows("purpose"):
        for v in (canon, *variants):
            forms.setdefault(_squash(v), canon)
    alt = "|".join(regex.escape(f).replace(r"\ ", " ") for f in sorted(forms, key=len, reverse=True))
    lead = regex.compile(rf"(?P<v>{alt})(?=[: ]|$)")  # matched at the start of the line
    paren = regex.compile(rf"\((?P<v>{alt})\)")
    tail = regex.compile(r"(?<=[ ,;}])(?P<v>de [^\s()]{0,12}(?: [^\s()]{1,12}){0,3})[ ,.;]*$")
    return (lead, paren, tail), forms


def purpose_of(line: str) -> str | None:
    """Why a Nơi nhận line's recipient receives the notice (``"(b/c)"`` -> ``"báo cáo"``), or ``None``."""
    return _purpose_of_folded(fold(line))


def purposes_of(lines: list[str]) -> list[str | None]:
    """``[purpose_of(s) for s in lines]`` for lines without a newline, folded at once."""
    if not lines:
        return []
    folded = fold("\n".join(lines)).split("\n")  # fold maps each character alone
    return [_purpose_of_folded(f) for f in folded]


def _purpose_of_folded(folded: str) -> str | None:
    key = " ".join(folded.split()).strip(" -+•;.,")
    (lead, paren, tail), forms = _purpose_patterns()
    m = lead.match(key)
    if m is None:  # the leftmost of the other two (they cannot start at one place)
        # each needs its literal: "(" or "de " (the searches cost more than these tests)
        p = paren.search(key) if "(" in key else None
        t = tail.search(key) if "de " in key else None
        m = t if p is None else p if t is None or p.start() <= t.start() else t
    v = m.group("v") if m is not None else None
    return (forms.get(v) or forms.get(v.strip(" ,.;"))) if v else None


@cache
def surnames() -> tuple[str, ...]:
    """Family names, the most common first."""
    return tuple(row[0] for row in read_table("surnames.txt"))


@cache
def _surname_set() -> frozenset[str]:
    return frozenset(surnames())


@cache
def _folded_surnames() -> dict[str, str]:
    out: dict[str, str] = {}
    for s in surnames():
        out.setdefault(fold(s), s)  # the most common of names that fold alike
    return out


def is_surname(word: str) -> bool:
    return word in _surname_set() or word.capitalize() in _surname_set()


def restore_surname(word: str) -> str | None:
    """A family name damaged by OCR or stripped of its marks, restored from the lexicon: a word
    without marks by its folded form, else the closest within one edit; a word with marks only
    when it is long and differs in its marks alone. ``None`` when nothing is close."""
    w = "".join(c for c in word if c.isalpha())
    if not w:
        return None
    if w in _surname_set():
        return w
    f = fold(w)
    hit = _folded_surnames().get(f)
    marked = f != w.lower()
    if marked:
        # a word with its marks is trusted unless it is long and only its marks differ ("Nguyẽn")
        return hit if hit is not None and len(f) >= 5 else None
    if hit is not None:
        return hit
    if len(f) < 4:
        return None
    from rapidfuzz.distance import Levenshtein

    best: tuple[int, str] | None = None
    for key, name in _folded_surnames().items():
        if abs(len(key) - len(f)) > 1:
            continue
        d = Levenshtein.distance(key, f, score_cutoff=1)
        if d <= 1 and (best is None or d < best[0]):
            best = (d, name)
    return best[1] if best else None
