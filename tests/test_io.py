"""Inputs: every encoding an office really has, HTML pages, Word files, and bytes that are not text."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import chidao.io as cio
from chidao import Directive, InputError, UnsupportedInputError, parse_directive, parse_file
from chidao.io import decode_input, docx_to_text, html_to_text, repair_legacy_text
from conftest import FIXTURES

SEED = (FIXTURES / "notices" / "003_00ec71dc1eee2bbf.txt").read_text(encoding="utf-8")
SEED_BYTES = SEED.encode("utf-8")
INSIDE_A_CHARACTER = next(i for i in range(100, len(SEED_BYTES)) if SEED_BYTES[i] >= 0xC0) + 1
TONES = "\u0300\u0301\u0303\u0309\u0323"


# --------------------------------------------------------------------------- encoders (test side)


def _to_tcvn3(text: str) -> bytes:
    table = {v: k for k, v in cio._tcvn3_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif ch.lower() in table:  # capitals with a tone have no code: the .VnTimeH way
            out.append(table[ch.lower()])
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


def _to_vni(text: str) -> bytes:
    table = {v: k for k, v in cio._vni_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        out += table[ch].encode("latin-1") if ch in table else ch.encode("cp1252", errors="replace")
    return bytes(out)


def _to_cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out += base.encode("cp1258", errors="replace") + tone.encode("cp1258", errors="replace")
    return bytes(out)


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-8 NFD": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "windows-1258": _to_cp1258,
    "tcvn3": _to_tcvn3,
    "vni": _to_vni,
}


def _content(d: Directive) -> dict[str, Any]:
    """What a user reads from a parse, without offsets (which differ when whitespace differs)."""

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("span", "rules")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        if isinstance(x, str):
            return " ".join(x.split())
        return x

    return strip(
        {
            "clauses": [c.model_dump() for c in d.clauses],
            "tasks": [t.model_dump() for t in d.tasks],
            "citations": [c.model_dump() for c in d.citations],
            "meta": d.meta.model_dump(),
        }
    )


PLAIN = _content(parse_directive(SEED))


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_a_seed_notice_in_any_office_encoding_parses_like_the_plain_text(encoding: str) -> None:
    d = parse_directive(ENCODINGS[encoding](SEED))
    assert _content(d) == PLAIN
    assert d.meta.number is None and d.meta.symbol == "TB-UBND"


@pytest.mark.parametrize("encoding", ["windows-1258", "tcvn3", "vni"])
def test_a_legacy_encoding_is_named_in_a_diagnostic(encoding: str) -> None:
    d = parse_directive(ENCODINGS[encoding](SEED))
    assumed = [w for w in d.warnings if w.code == "encoding_assumed"]
    assert assumed and {"windows-1258": "1258", "tcvn3": "TCVN3", "vni": "VNI"}[encoding] in assumed[0].message


def _html_of(text: str) -> str:
    blocks = [b for b in text.split("\n\n") if b.strip()]
    paras = "".join("<p>" + "<br>".join(b.splitlines()) + "</p>\n" for b in blocks)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Thông báo</title>"
        "<script>var a = '1. Sở Y tế';</script><style>p{}</style></head><body>"
        "<header><nav><a href='/'>Trang chủ</a> | <a>Tin tức</a></nav></header>"
        "<div class='sidebar'>Văn bản mới: Chỉ thị số 99/CT-TTg ngày 01/01/2020</div>"
        f"<article>{paras}</article>"
        "<footer>© Cổng thông tin điện tử tỉnh. Giấy phép số 53/GP-TTĐT ngày 27/05/2015</footer>"
        "</body></html>"
    )


def test_a_seed_notice_as_an_html_page_parses_like_the_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "thong-bao.html"
    path.write_text(_html_of(SEED), encoding="utf-8")
    assert _content(parse_file(path)) == PLAIN


def test_html_page_chrome_is_removed() -> None:
    text = html_to_text(_html_of("1. Sở Y tế chủ trì.\n\n2. Sở Tài chính bố trí kinh phí."))
    assert text == "1. Sở Y tế chủ trì.\n\n2. Sở Tài chính bố trí kinh phí.\n"


def test_an_html_header_table_gives_one_cell_after_the_other() -> None:
    html = (
        "<table><tr><td><p>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG TRỊ</p></td>"
        "<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></td></tr></table><ol><li>Sở Y tế</li><li>Sở Tài chính</li></ol>"
    )
    assert html_to_text(html) == (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n1. Sở Y tế\n\n2. Sở Tài chính\n"
    )


def _docx_of(text: str) -> bytes:
    import docx

    document = docx.Document()
    for block in (b for b in text.split("\n\n") if b.strip()):
        para = document.add_paragraph()
        for i, line in enumerate(block.splitlines()):
            run = para.add_run(line)
            if i < len(block.splitlines()) - 1:
                run.add_break()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_a_seed_notice_as_a_word_file_parses_like_the_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "thong-bao.docx"
    path.write_bytes(_docx_of(SEED))
    assert _content(parse_file(path)) == PLAIN


def test_word_list_numbering_is_written_out_as_text() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Sở Y tế chủ trì.", style="List Number")
    document.add_paragraph("Sở Tài chính bố trí kinh phí.", style="List Number")
    document.add_paragraph("Các sở phối hợp.", style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    text = docx_to_text(buf.getvalue())
    assert text.splitlines()[0].startswith("1. Sở Y tế")
    assert "2. Sở Tài chính" in text
    assert "- Các sở phối hợp." in text


def test_docx_bytes_given_to_parse_directive_are_read_as_a_word_file() -> None:
    d = parse_directive(_docx_of(SEED))
    assert _content(d) == PLAIN


# --------------------------------------------------------------------------- what is not text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (bytes(range(256)) * 40, "binary_input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary_input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_input"),
        (b"PK\x03\x04not really a zip file at all", "binary_input"),
        (SEED.encode("utf-8")[:-1], "truncated_input"),
        (SEED_BYTES[:INSIDE_A_CHARACTER], "truncated_input"),
    ],
    ids=["random bytes", "pdf", "png", "broken zip", "last byte cut", "cut inside a character"],
)
def test_bytes_that_are_not_a_whole_text_give_a_directive_with_a_clear_diagnostic(data: bytes, code: str) -> None:
    d = parse_directive(data)
    assert isinstance(d, Directive)
    assert any(w.code == code for w in d.warnings), [w.code for w in d.warnings]


def test_a_truncated_notice_keeps_everything_before_the_cut() -> None:
    text, diags = decode_input(SEED_BYTES[:INSIDE_A_CHARACTER])
    assert SEED.startswith(text) and len(text) >= 80
    assert [d.code for d in diags] == ["truncated_input"]


@given(st.binary(max_size=3000))
def test_parse_directive_never_raises_on_any_bytes(data: bytes) -> None:
    assert isinstance(parse_directive(data), Directive)


@given(st.lists(st.sampled_from(["Sở", "Y", "tế", "chủ", "trì", "rà", "soát", "báo", "cáo", "Ủy", "1.", "ngày"])))
def test_utf8_vietnamese_is_never_reinterpreted(words: list[str]) -> None:
    text = " ".join(words)
    assert decode_input(text.encode("utf-8")) == (text, [])


def test_text_copied_from_a_tcvn3_document_is_repaired() -> None:
    fixed, diag = repair_legacy_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc")
    assert fixed == "Cộng hoà xã hội chủ nghĩa Việt Nam Độc lập - Tự do - Hạnh phúc"
    assert diag is not None and "TCVN3" in diag.message


def test_utf8_read_as_windows_1252_is_repaired() -> None:
    broken = "Sở Y tế chủ trì, phối hợp với Công an tỉnh".encode().decode("cp1252", errors="replace")
    assert repair_legacy_text(broken)[0] == "Sở Y tế chủ trì, phối hợp với Công an tỉnh"


# --------------------------------------------------------------------------- parse_file errors


@pytest.mark.parametrize("name", ["notice.pdf", "notice.doc", "scan.png", "notice.xyz"])
def test_parse_file_says_clearly_which_types_it_cannot_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 whatever")
    with pytest.raises(UnsupportedInputError, match=r"chidao"):
        parse_file(path)


def test_parse_file_says_clearly_when_a_word_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    with pytest.raises(InputError, match=r"notice\.docx.*not a readable \.docx"):
        parse_file(path)


def test_parse_file_on_a_text_file_of_garbage_gives_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(bytes(range(256)) * 10)
    d = parse_file(path)
    assert d.text == "" and any(w.code == "binary_input" and w.severity == "error" for w in d.warnings)


def test_parse_file_reads_a_legacy_encoded_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(_to_vni(SEED))
    assert _content(parse_file(path)) == PLAIN


def test_parse_file_rejects_what_is_not_a_path() -> None:
    with pytest.raises(TypeError):
        parse_file(123)  # type: ignore[arg-type]
