"""Verbs, modality and urgency of a task, from the lexicons in ``grammar/``.

* verbs: the directive verbs of ``verbs.txt`` (longest match), as written, outside the actors'
  names ("Sở Tài chính xây dựng phương án, bố trí kinh phí" -> ["xây dựng", "bố trí"]);
* modality: the first cue of ``modality.tsv`` ("phải", "cần", "tuyệt đối không", "nghiêm cấm");
* urgency: the words of ``urgency.txt`` ("khẩn trương", "kịp thời", "ngay").

>>> from chidao.grammar.actors import tokenize
>>> toks = tokenize("Sở Tài chính phải khẩn trương xây dựng phương án, bố trí kinh phí")
>>> find_verbs(toks), find_modality(toks), find_urgency(toks)
(['xây dựng', 'bố trí'], 'phải', ['khẩn trương'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chidao.grammar.actors import Entry, Tok, Tokens, lexicon

# every entry at a token (longest first) and the longest of each category (see Lexicon.lookup)
LookFn = Callable[[int], tuple[tuple[Entry, ...], dict[str, Entry]]]

__all__ = ["find_modality", "find_urgency", "find_verbs", "scan"]

_MAX_VERBS = 12
# phrases that contain a modal or urgency word without being one ("cần thiết", "ngay cả")
_NOT_CUES = {("cần", "thiết"), ("ngay", "cả"), ("ngay", "từ"), ("ngay", "sau"), ("phải", "chăng")}
_REPORTED = frozenset({"verb", "modality", "urgency"})  # the categories the scan reports
_SCANNED = _REPORTED | {"noun"}  # and the one that hides them


def scan(
    toks: Sequence[Tok] | Tokens,
    start: int = 0,
    end: int | None = None,
    spans: list[tuple[int, int]] | None = None,
    look: LookFn | None = None,
    hits: list[int] | None = None,
) -> tuple[list[str], str | None, list[str]]:
    """Verbs, modality and urgency of ``toks[start:end]`` outside ``spans`` (actor names), in one pass.

    ``look``: the lexicon's entries at a token (a parser's remembered ones), when known.
    ``hits``: the only token positions worth testing (from a regex prefilter), when known.
    """
    cols = Tokens.of(toks)
    lx = lexicon()
    find = look or (lambda k: lx.lookup(cols, k))
    word, lows, text = cols.word, cols.low, cols.text
    end = len(cols) if end is None else end
    covered: set[int] = set()
    for a, b in spans or ():
        covered.update(range(a, b))
    verbs: list[str] = []
    seen: set[str] = set()
    modality: str | None = None
    urgency: list[str] = []
    positions = range(start, end) if hits is None else hits
    nxt = start  # the first token not read yet (a noun or a verb may span several)
    for k in positions:  # (in increasing order: a position skipped needs no step)
        if k < nxt or not word[k] or k in covered:
            continue
        entries, best = find(k)
        if best.keys().isdisjoint(_SCANNED):
            continue  # (only these categories change anything below)
        # the longest noun is the first noun of ``entries`` (longest first): when it fits, it is
        # the first that fits; else a shorter one may
        e = best.get("noun")
        if e is not None:
            noun = len(e.words)
            if k + noun > end:
                noun = 0
                for e in entries:
                    if e.cat == "noun" and k + len(e.words) <= end:
                        noun = len(e.words)
                        break
            if noun:  # "quá trình", "Quyết định số ...": no verb inside a compound noun
                nxt = k + noun
                continue
            if best.keys().isdisjoint(_REPORTED):
                continue
        step = 1
        for e in entries:
            n = len(e.words)
            if k + n > end:
                continue
            if n == 1 and k + 1 < end and (lows[k], lows[k + 1]) in _NOT_CUES:
                continue
            if e.cat == "verb" and step == 1:
                surface = " ".join(text[k : k + n])
                low = surface.lower()
                if low not in seen and len(verbs) < _MAX_VERBS:
                    seen.add(low)
                    verbs.append(low if not surface.isupper() else surface)
                step = n
            elif e.cat == "modality" and modality is None:
                modality = e.value
                step = max(step, n)
            elif e.cat == "urgency" and e.value not in urgency:
                urgency.append(e.value)
                step = max(step, n)
        nxt = k + step
    return verbs, modality, urgency


def find_verbs(
    toks: Sequence[Tok] | Tokens,
    start: int = 0,
    end: int | None = None,
    spans: list[tuple[int, int]] | None = None,
    look: LookFn | None = None,
) -> list[str]:
    """The directive verbs of ``toks[start:end]`` outside ``spans``, as written, each once."""
    return scan(toks, start, end, spans, look)[0]


def find_modality(
    toks: Sequence[Tok] | Tokens,
    start: int = 0,
    end: int | None = None,
    spans: list[tuple[int, int]] | None = None,
    look: LookFn | None = None,
) -> str | None:
    """The modality of the task: the first modal cue's name ("phải", "tuyệt đối không"...)."""
    return scan(toks, start, end, spans, look)[1]


def find_urgency(
    toks: Sequence[Tok] | Tokens,
    start: int = 0,
    end: int | None = None,
    spans: list[tuple[int, int]] | None = None,
    look: LookFn | None = None,
) -> list[str]:
    """Urgency words of the task, lower case, each once."""
    return scan(toks, start, end, spans, look)[2]
