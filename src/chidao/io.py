"""Inputs: bytes in the encodings Vietnamese offices use, and files (.txt, .html, .docx).

``decode_input(data)`` turns bytes into text. It reads byte-order marks (UTF-8, UTF-16,
UTF-32), BOM-less UTF-16, UTF-8, and the legacy single-byte encodings still found in
provincial offices: Windows-1258, TCVN3 (ABC, the ``.VnTime`` fonts) and VNI Windows (the
``VNI-Times`` fonts). When the bytes are not UTF-8 the encoding is a scored guess: every
candidate decoding is read as Vietnamese, and the one with the most valid syllables wins; a
Diagnostic says which encoding was assumed. Text that is valid UTF-8 but carries legacy
mojibake (``Céng hoµ x· héi``, ``Coäng hoøa``, ``Viá»‡t``) is repaired the same way.

``parse_file(path)`` reads ``.txt``, ``.html``/``.htm`` (page chrome removed with
BeautifulSoup) and ``.docx`` (python-docx, Word list numbering restored) and parses the
notice. Other file types raise :class:`UnsupportedInputError` with a message that says what
to do; unreadable files of a supported type raise :class:`InputError`.

>>> decode_input("Céng hoµ x· héi".encode("cp1252"))[0]
'Cộng hoà xã hội'
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io as _io
import os
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from chidao.grammar.patterns import read_table, scan
from chidao.models import Diagnostic

if TYPE_CHECKING:
    from chidao.models import Directive

__all__ = [
    "InputError",
    "UnsupportedInputError",
    "decode_input",
    "docx_to_text",
    "html_to_text",
    "parse_file",
    "read_file_text",
    "repair_legacy_text",
    "vietnamese_score",
]


class InputError(ValueError):
    """A file of a supported type that cannot be read (corrupt, empty archive, ...)."""


class UnsupportedInputError(InputError):
    """A file type chidao does not read (PDF, legacy .doc, images, spreadsheets ...)."""


# --------------------------------------------------------------------------- legacy tables


@cache
def _tcvn3_table() -> dict[int, str]:
    """Byte -> Unicode for TCVN3; bytes not in the table keep their Windows-1252 meaning."""
    table: dict[int, str] = {}
    for row in read_table("enc_tcvn3.tsv"):
        table[int(row[0], 16)] = row[1]
    return table


@cache
def _tcvn3_translate() -> dict[int, str]:
    """A str.translate table over latin-1-decoded bytes."""
    out: dict[int, str] = {}
    for b in range(0x80, 0x100):
        if b in _tcvn3_table():
            out[b] = _tcvn3_table()[b]
        else:
            try:
                out[b] = bytes([b]).decode("cp1252")
            except UnicodeDecodeError:
                out[b] = "\ufffd"
    return out


@cache
def _vni_table() -> dict[str, str]:
    """VNI byte sequences (as latin-1 characters) -> Unicode letters."""
    table: dict[str, str] = {}
    for row in read_table("enc_vni.tsv"):
        seq = bytes(int(h, 16) for h in row[0].split()).decode("latin-1")
        table[seq] = row[1]
    return table


@cache
def _vni_pattern() -> regex.Pattern[str]:
    keys = sorted(_vni_table(), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(k) for k in keys))


@cache
def _cp1252_to_latin1() -> dict[int, int]:
    """Characters Windows-1252 puts in 0x80-0x9F -> their byte (to re-read mojibake as bytes)."""
    out: dict[int, int] = {}
    for b in range(0x80, 0xA0):
        try:
            out[ord(bytes([b]).decode("cp1252"))] = b
        except UnicodeDecodeError:
            continue
    return out


_CAPS_WORD = regex.compile(r"\p{L}*\p{Lu}\p{L}*\p{Lu}\p{L}*|\p{L}*\p{Ll}\p{L}*")


def _tcvn3_caps(m: regex.Match[str]) -> str:
    """TCVN3 has no capitals with a tone: in a word of capitals, its lower-case letters are capitals."""
    w = m.group(0)
    if sum(1 for c in w if c.isupper()) < 2 or any(c.islower() and c.isascii() for c in w):
        return str(w)
    return str(w.upper())


def _decode_tcvn3(data: bytes) -> str:
    text = data.decode("latin-1").translate(_tcvn3_translate())
    return str(_CAPS_WORD.sub(_tcvn3_caps, text))


def _decode_vni(data: bytes) -> str:
    text = data.decode("latin-1")
    table = _vni_table()
    text = str(_vni_pattern().sub(lambda m: table[m.group(0)], text))
    return text.translate(_c1_as_cp1252())  # the remaining high bytes keep their Windows-1252 meaning


@cache
def _c1_as_cp1252() -> dict[int, str]:
    return {b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xA0)}


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def _decode_cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="replace")


_LEGACY: dict[str, Callable[[bytes], str]] = {
    "Windows-1258": _decode_cp1258,
    "TCVN3 (ABC)": _decode_tcvn3,
    "VNI Windows": _decode_vni,
    "Windows-1252": _decode_cp1252,
}


# --------------------------------------------------------------------------- scoring

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEUS = (
    r"(?:uyê|uya|uyu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    r"[aăâeêioôơuưy])"
)
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = regex.compile(rf"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD = regex.compile(r"\p{L}{1,12}")
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_ODD_SYMBOLS = regex.compile(
    r"[\u00a1-\u00bf\u00d7\u00f7\u0080-\u009f\u2020-\u2030\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u0192\u02c6\u02dc\ufffd]"
)
_SAMPLE = 50_000


@cache
def _is_syllable(word: str) -> bool:
    low = word.lower()
    nfd = unicodedata.normalize("NFD", low)
    stripped = nfd.translate(_TONES)
    if len(nfd) - len(stripped) > 1:
        return False
    base = unicodedata.normalize("NFC", stripped)
    if any(c not in "abcdđeghiklmnopqrstuvxyăâêôơư" for c in base):
        return False
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """How much ``text`` reads as Vietnamese: +1 per valid syllable with a diacritic, minus
    invalid non-ASCII words and stray symbols (what a wrong decoding leaves behind).

    >>> vietnamese_score("Cộng hòa xã hội") > vietnamese_score("Céng hoµ x· héi")
    True
    """
    sample = text[:_SAMPLE]
    score = 0.0
    for m in scan(_WORD, sample):
        w = m.group(0)
        if w.isascii():
            continue
        score += 1.0 if _is_syllable(w) else -1.5
    score -= len(_ODD_SYMBOLS.findall(sample))
    return score


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# (magic bytes, what it is, what to do)
_CONTAINERS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF file", "extract its text first (e.g. pdftotext -layout, or copy the text)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel file (.doc/.xls)", "save it as .docx or plain text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "run OCR on it first"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it first"),
    (b"GIF8", "a GIF image", "run OCR on it first"),
    (b"II*\x00", "a TIFF image", "run OCR on it first"),
    (b"MM\x00*", "a TIFF image", "run OCR on it first"),
    (b"{\\rtf", "an RTF file", "save it as .docx or plain text"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"Rar!", "a RAR archive", "extract it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it first"),
)


def _diag(code: str, message: str, severity: str = "warning") -> Diagnostic:
    return Diagnostic(code=code, message=message, severity=severity)  # type: ignore[arg-type]


def _looks_binary(text: str) -> bool:
    """Mostly control characters or replacement characters: not a text."""
    if not text:
        return False
    sample = text[:_SAMPLE]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f\v") or c == "\ufffd" or "\x7f" <= c <= "\x9f")
    return bad > max(8, len(sample) // 10)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte NUL in ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > half * 0.3 and even_nul < half * 0.05:
        enc = "utf-16-le"
    elif even_nul > half * 0.3 and odd_nul < half * 0.05:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def _legacy_candidates(data: bytes) -> Iterator[tuple[str, str]]:
    for name, fn in _LEGACY.items():
        yield name, fn(data)


def _best_legacy(data: bytes) -> tuple[str, str, float]:
    best = ("", "", float("-inf"))
    for name, text in _legacy_candidates(data):
        s = vietnamese_score(text)
        if s > best[2]:
            best = (name, text, s)
    return best


# Latin-1 and Windows-1252 characters that are not Vietnamese letters: what legacy mojibake is made of
_MOJIBAKE_HINT = regex.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db-\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb-\u00fc\u00fe-\u00ff"
    r"\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020-\u2030]"
)


def repair_legacy_text(text: str) -> tuple[str, Diagnostic | None]:
    """Repair text that was decoded with the wrong code page (TCVN3, VNI, Windows-1258 or
    UTF-8 bytes read as Windows-1252), when the repair reads clearly better as Vietnamese.

    >>> repair_legacy_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")[0]
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    >>> repair_legacy_text("Cộng hòa xã hội")[1] is None
    True
    """
    hints = len(_MOJIBAKE_HINT.findall(text[:_SAMPLE]))
    if hints < 3:
        return text, None
    # back to the bytes the wrong decoding came from; give up on characters outside cp1252
    table = _cp1252_to_latin1()
    raw = bytearray()
    for c in text:
        o = ord(c)
        if o < 0x100:
            raw.append(o)
        elif o in table:
            raw.append(table[o])
        else:
            return text, None
    data = bytes(raw)
    current = vietnamese_score(text)
    candidates: list[tuple[str, str]] = []
    with contextlib.suppress(UnicodeDecodeError):
        candidates.append(("UTF-8", data.decode("utf-8")))
    candidates.extend(_legacy_candidates(data))
    best_name, best_text, best_score = "", text, current
    for name, cand in candidates:
        if name == "Windows-1252":
            continue
        s = vietnamese_score(cand)
        if s > best_score + max(3.0, abs(current) * 0.2):
            best_name, best_text, best_score = name, cand, s
    if not best_name:
        return text, None
    return best_text, _diag(
        "encoding_repaired",
        f"the text looked like {best_name} read with the wrong code page; it was converted to Unicode",
        "info",
    )


def decode_input(data: bytes) -> tuple[str, list[Diagnostic]]:
    """Decode bytes to text; say in Diagnostics what was guessed or replaced.

    Never raises. Binary data (a PDF, an image, random bytes) gives ``""`` and an error
    Diagnostic that says what the bytes look like.
    """
    if not data:
        return "", []
    for magic, what, todo in _CONTAINERS:
        if data.startswith(magic):
            return "", [_diag("binary_input", f"the input is {what}, not text: {todo}", "error")]
    if data.startswith(b"PK\x03\x04"):
        try:
            return docx_to_text(data), [_diag("read_docx", "the input is a .docx file; its text was extracted", "info")]
        except InputError as exc:
            return "", [_diag("binary_input", f"the input is a ZIP archive, not text ({exc})", "error")]
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(codec), []
            except UnicodeDecodeError as exc:
                text = body.decode(codec, errors="replace")
                return _finish(text, [_damaged(name, exc, len(body))])
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _finish(utf16, [_diag("encoding_assumed", "the input has no byte-order mark; read as UTF-16", "info")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_not_utf8(data, exc)
    repaired, diag = repair_legacy_text(text)
    return _finish(repaired, [diag] if diag else [])


def _damaged(name: str, exc: UnicodeDecodeError, n: int) -> Diagnostic:
    if exc.start >= n - 4 and "end of data" in str(exc.reason):
        return _diag("truncated_input", f"the {name} input ends inside a character (truncated); that part was dropped")
    return _diag("decode_replaced", f"some bytes are not valid {name} and were replaced with U+FFFD")


def _decode_not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, list[Diagnostic]]:
    # Valid UTF-8 cut short, or with a few damaged bytes: still UTF-8.
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd")
    n_multi = sum(1 for c in replaced if c >= "\u0080" and c != "\ufffd")
    if exc.start >= len(data) - 3 and n_bad <= 1:
        text = data[: exc.start].decode("utf-8", errors="replace")
        return _finish(text, [_damaged("UTF-8", exc, len(data))])
    utf8_score = vietnamese_score(replaced)
    name, legacy, legacy_score = _best_legacy(data)
    if n_multi >= 4 * n_bad and utf8_score >= legacy_score:
        return _finish(replaced, [_diag("decode_replaced", f"{n_bad} byte sequences are not UTF-8; replaced")])
    message = f"the input is not UTF-8; it reads best as {name} and was converted from it"
    return _finish(legacy, [_diag("encoding_assumed", message, "info")])


def _finish(text: str, diags: list[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    if _looks_binary(text):
        message = "the input looks like binary data, not a text in any known encoding"
        return "", [_diag("binary_input", message, "error")]
    return text, diags


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea", "head", "menu",
)  # fmt: skip
_CHROME_ATTR = regex.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|banner|ads?|advert\w{0,10}|"
    r"social|share|sharing|comments?|related|login|search|cookie|popup|modal)(?:$|[\s_-])",
    regex.IGNORECASE,
)
_BLOCK_TAGS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "blockquote", "pre",
    "address", "center", "dl", "dt", "dd", "figure", "figcaption", "table", "thead", "tbody", "tfoot",
    "caption", "ul", "ol", "hr",
))  # fmt: skip
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _list_label(fmt: str, n: int) -> str:
    if fmt in ("decimal", "1", "decimalZero"):
        return str(n)
    if fmt in ("lowerLetter", "a"):
        return chr(ord("a") + (n - 1) % 26)
    if fmt in ("upperLetter", "A"):
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "i"):
        return _roman(n)
    if fmt in ("upperRoman", "I"):
        return _roman(n).upper()
    return ""


class _HtmlText:
    """Collects text from a BeautifulSoup tree: blocks separated by blank lines, <br> as a newline."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def block(self) -> None:
        self.parts.append("\n\n")

    def line(self) -> None:
        self.parts.append("\n")

    def text(self, s: str) -> None:
        s = regex.sub(r"[ \t\r\n\f]+", " ", s)
        if s:
            self.parts.append(s)

    def result(self) -> str:
        text = "".join(self.parts)
        text = str(regex.sub(r"[ ]*\n[ ]*", "\n", text))
        text = str(regex.sub(r"\n{3,}", "\n\n", text))
        return text.strip() + "\n"


def _walk_html(node: Any, out: _HtmlText) -> None:
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    for child in node.children:
        if isinstance(child, Comment | Declaration | Doctype | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name == "br":
            out.line()
            continue
        if name in ("td", "th"):
            out.block()
            _walk_html(child, out)
            out.block()
            continue
        if name == "tr":
            out.block()
            _walk_html(child, out)
            out.block()
            continue
        if name in ("ul", "ol"):
            out.block()
            start = child.get("start")
            n = int(start) if isinstance(start, str) and start.isdigit() else 1
            fmt = child.get("type") if name == "ol" else None
            for li in child.find_all("li", recursive=False):
                out.block()
                if name == "ol":
                    out.text(_list_label(fmt if isinstance(fmt, str) else "1", n) + ". ")
                    n += 1
                elif not li.get_text(" ", strip=True).startswith(("-", "+", "•", "*")):
                    out.text("- ")
                _walk_html(li, out)
            out.block()
            continue
        if name == "li":
            out.block()
            _walk_html(child, out)
            out.block()
            continue
        if name in _BLOCK_TAGS:
            out.block()
            _walk_html(child, out)
            out.block()
            continue
        _walk_html(child, out)


def html_to_text(html: str) -> str:
    """The text of an HTML page, page chrome removed (scripts, menus, headers, footers, sidebars).

    >>> html_to_text("<html><body><nav>Trang chủ</nav><article><p>1. Sở Y tế</p></article></body></html>")
    '1. Sở Y tế\\n'
    """
    from bs4 import BeautifulSoup, Tag

    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # lxml missing or refusing the input
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None or tag.name in ("html", "body"):
            continue
        attr = " ".join(
            [*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")]
        )
        if attr.strip() and _CHROME_ATTR.search(attr):
            tag.decompose()
    root: Any = soup.body or soup
    total = len(root.get_text(" ", strip=True))
    best = None
    candidates = [*soup.find_all(["article", "main"]), *soup.find_all(itemprop="articleBody")]
    for cand in candidates:
        n = len(cand.get_text(" ", strip=True))
        if total and n >= 0.5 * total and (best is None or n < best[0]):
            best = (n, cand)
    if best is not None:
        root = best[1]
    out = _HtmlText()
    _walk_html(root, out)
    return out.result()


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Numbering:
    """Word list numbering: numId -> abstract levels, with running counters."""

    levels: dict[str, dict[int, tuple[str, str, int]]]  # numId -> ilvl -> (numFmt, lvlText, start)
    counters: dict[str, list[int]]
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl) of a list style

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= len(counts):
            return ""
        counts[ilvl] += 1
        fmt, text, start = levels[ilvl]
        if counts[ilvl] == 1 and start > 1:
            counts[ilvl] = start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        if fmt == "bullet" or fmt == "none":
            return "-" if fmt == "bullet" else ""

        def sub(m: regex.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            if lvl not in levels:
                return ""
            n = counts[lvl] if counts[lvl] else levels[lvl][2]
            return _list_label(levels[lvl][0], n)

        return str(regex.sub(r"%([1-9])", sub, text))


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None
    nid_el = num_pr.find(_W + "numId")
    ilvl_el = num_pr.find(_W + "ilvl")
    nid = nid_el.get(_W + "val") if nid_el is not None else None
    ilvl = int(ilvl_el.get(_W + "val") or 0) if ilvl_el is not None else 0
    return (nid, ilvl) if nid else None


def _list_styles(doc: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs ("List Number"), with their basedOn chain resolved."""
    raw: dict[str, tuple[tuple[str, int] | None, str | None]] = {}
    try:
        root = doc.styles.element
    except (KeyError, AttributeError):
        return {}
    for st in root.iter(_W + "style"):
        sid = st.get(_W + "styleId")
        based = st.find(_W + "basedOn")
        if sid:
            raw[sid] = (_num_pr(st.find(_W + "pPr")), based.get(_W + "val") if based is not None else None)
    out: dict[str, tuple[str, int]] = {}
    for sid in raw:
        cur: str | None = sid
        for _ in range(10):
            if cur is None or cur not in raw:
                break
            num, cur = raw[cur]
            if num is not None:
                out[sid] = num
                break
    return out


def _read_numbering(doc: Any) -> _Numbering:
    levels: dict[str, dict[int, tuple[str, str, int]]] = {}
    try:
        part = doc.part.numbering_part
    except (KeyError, NotImplementedError, AttributeError):
        return _Numbering({}, {})
    root = part.element
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for an in root.iter(_W + "abstractNum"):
        aid = an.get(_W + "abstractNumId")
        lv: dict[int, tuple[str, str, int]] = {}
        for lvl in an.iter(_W + "lvl"):
            ilvl = int(lvl.get(_W + "ilvl") or 0)
            fmt_el = lvl.find(_W + "numFmt")
            txt_el = lvl.find(_W + "lvlText")
            start_el = lvl.find(_W + "start")
            fmt = fmt_el.get(_W + "val") if fmt_el is not None else "decimal"
            txt = txt_el.get(_W + "val") if txt_el is not None else ""
            start = int(start_el.get(_W + "val") or 1) if start_el is not None else 1
            lv[ilvl] = (fmt or "decimal", txt or "", start)
        if aid is not None:
            abstract[aid] = lv
    for num in root.iter(_W + "num"):
        nid = num.get(_W + "numId")
        ref = num.find(_W + "abstractNumId")
        if nid is not None and ref is not None and ref.get(_W + "val") in abstract:
            levels[nid] = abstract[ref.get(_W + "val")]
    return _Numbering(levels, {}, _list_styles(doc))


def _paragraph_text(p: Any, numbering: _Numbering) -> str:
    from docx.text.paragraph import Paragraph

    para = Paragraph(p, None)  # type: ignore[arg-type]  # .text needs no parent
    text: str = para.text
    ppr = p.find(_W + "pPr")
    num = _num_pr(ppr)
    if num is None and ppr is not None:
        style = ppr.find(_W + "pStyle")
        if style is not None:
            num = numbering.styles.get(style.get(_W + "val") or "")
    if num is not None and num[0] != "0" and text.strip():
        label = numbering.label(num[0], num[1])
        if label:
            text = f"{label} {text}"
    return text


def _docx_blocks(parent: Any, numbering: _Numbering, out: list[str]) -> None:
    seen: set[int] = set()
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            out.append(_paragraph_text(child, numbering))
        elif tag == _W + "tbl":
            for tr in child.iter(_W + "tr"):
                for tc in tr.iterchildren(_W + "tc"):
                    if id(tc) in seen:
                        continue
                    seen.add(id(tc))
                    out.append("")
                    _docx_blocks(tc, numbering, out)
                    out.append("")
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _docx_blocks(content, numbering, out)


def docx_to_text(data: bytes) -> str:
    """The text of a .docx file in document order: paragraphs (Word list numbers restored as
    text, ``1.``, ``a)``), table cells one after another. Raises :class:`InputError`."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        document = docx.Document(_io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # python-docx raises its own errors on odd packages
        raise InputError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    numbering = _read_numbering(document)
    blocks: list[str] = []
    _docx_blocks(document.element.body, numbering, blocks)
    text = "\n\n".join(b for b in blocks)
    text = regex.sub(r"\n{3,}", "\n\n", text).strip()
    return text + "\n" if text else ""


# --------------------------------------------------------------------------- files

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_UNSUPPORTED = {
    ".pdf": "PDF: extract its text first (pdftotext -layout, or copy the text) and pass the .txt",
    ".doc": "legacy Word .doc: save it as .docx or plain text",
    ".rtf": "RTF: save it as .docx or plain text",
    ".odt": "OpenDocument: save it as .docx or plain text",
    ".xls": "a spreadsheet: chidao reads notices, not tables",
    ".xlsx": "a spreadsheet: chidao reads notices, not tables",
    ".png": "an image: run OCR on it first",
    ".jpg": "an image: run OCR on it first",
    ".jpeg": "an image: run OCR on it first",
    ".tif": "an image: run OCR on it first",
    ".tiff": "an image: run OCR on it first",
}
_HTML_SNIFF = regex.compile(
    r"\A\s{0,200}(?:<!doctype\s{1,5}html|<html|<head|<body|<meta|<div|<p[\s>])", regex.IGNORECASE
)


def read_file_text(path: str | os.PathLike[str]) -> tuple[str, list[Diagnostic]]:
    """Read a notice file as text (.txt, .html/.htm, .docx) with Diagnostics.

    Raises :class:`UnsupportedInputError` for other types and :class:`InputError` (or
    ``FileNotFoundError``/``PermissionError``) when the file cannot be read.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise UnsupportedInputError(f"{p.name}: chidao cannot read {_UNSUPPORTED[suffix]}")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a notice file")
    data = p.read_bytes()
    if suffix == ".docx" or (suffix not in _HTML_SUFFIXES and data.startswith(b"PK\x03\x04")):
        try:
            return docx_to_text(data), []
        except InputError as exc:
            raise InputError(f"{p.name}: {exc}") from exc
    sniffed_html = suffix in _TEXT_SUFFIXES and _HTML_SNIFF.match(data[:1024].decode("latin-1")) is not None
    if suffix in _HTML_SUFFIXES or sniffed_html:
        text, diags = decode_input(data)
        if not text:
            return text, diags
        body = html_to_text(text)
        repaired, diag = repair_legacy_text(body)
        return repaired, [*diags, *([diag] if diag else [])]
    if suffix in _TEXT_SUFFIXES:
        return decode_input(data)
    raise UnsupportedInputError(
        f"{p.name}: chidao reads .txt, .html/.htm and .docx files, not {suffix!r} files; "
        "convert it to one of those (or pass its text to parse_directive)"
    )


def parse_file(path: str | os.PathLike[str], *, reference_date: dt.date | None = None) -> Directive:
    """Parse the notice in a .txt, .html/.htm or .docx file.

    Raises :class:`UnsupportedInputError` for other file types and :class:`InputError` for an
    unreadable file; bad bytes inside a readable file give Diagnostics, never an exception.
    """
    from chidao.pipeline import parse_directive

    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"parse_file() takes a path, not {type(path).__name__}")
    text, diags = read_file_text(path)
    d = parse_directive(text, reference_date=reference_date)
    if diags:
        d = d.model_copy(update={"warnings": [*diags, *d.warnings]})
    return d
