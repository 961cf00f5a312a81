"""Deterministic test texts for the benchmark and the robustness tests.

* :func:`generate_notice` / :func:`generated_corpus`: realistic directive notices of a chosen
  size (1 KB to 1 MB and beyond): a typed header (issuer, motto, number, place and date, type,
  title), a lead-in citing documents, roman sections with numbered clauses, sub-clauses,
  lettered items and bullets that assign tasks to agencies with deadlines, a closing paragraph
  and a signature block with its Nơi nhận. Seeded RNG, no network: the same arguments give the
  same text on every machine.
* :data:`HOSTILE`: inputs built to hang or crash a parser (1 MB of ``1.1.1.1.``, 100,000 nested
  bullets, a 1 MB line without spaces, ...), as named builders.

Sizes are UTF-8 bytes (the MB of MB/s).
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = [
    "HOSTILE",
    "corpus_sizes",
    "generate_notice",
    "generated_corpus",
    "seed_like_corpus",
]

# --------------------------------------------------------------------------- lexicon

_PROVINCES = [
    "Thái Nguyên", "Bắc Giang", "Quảng Trị", "Hà Tĩnh", "Đà Nẵng", "Cần Thơ", "Lào Cai",
    "Nghệ An", "Thừa Thiên Huế", "Bình Định", "Đắk Lắk", "Long An", "Quảng Ninh", "Hải Dương",
]
_ISSUERS = [
    ("ỦY BAN NHÂN DÂN\nTỈNH {P}", "UBND", "Chủ tịch UBND tỉnh"),
    ("TỈNH ỦY {P}", "TU", "Ban Thường vụ Tỉnh ủy"),
    ("BỘ Y TẾ", "BYT", "Bộ trưởng Bộ Y tế"),
    ("VĂN PHÒNG CHÍNH PHỦ", "VPCP", "Thủ tướng Chính phủ"),
    ("UBND TỈNH {P}\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SNNMT", "Giám đốc Sở"),
]
_TYPES = [
    ("THÔNG BÁO", "TB", "Kết luận của {who} tại cuộc họp về công tác {topic}"),
    ("CHỈ THỊ", "CT", "Về việc tăng cường công tác {topic}"),
    ("CÔNG ĐIỆN", "CĐ", "Về việc tập trung chỉ đạo công tác {topic}"),
    ("KẾ HOẠCH", "KH", "Triển khai thực hiện công tác {topic} năm {Y}"),
]
_TOPICS = [
    "phòng, chống dịch COVID-19", "quản lý, bảo vệ rừng", "phòng, chống thiên tai",
    "cải cách hành chính", "chuyển đổi số", "giải ngân vốn đầu tư công", "bảo đảm trật tự an toàn giao thông",
    "phòng cháy, chữa cháy", "xây dựng nông thôn mới", "bảo vệ môi trường",
]
_AGENCIES = [
    "Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Công Thương",
    "Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh", "Báo {P}",
    "Ủy ban nhân dân các huyện, thành phố", "UBND các xã, phường, thị trấn", "Văn phòng UBND tỉnh",
    "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh", "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh",
    "Thanh tra tỉnh", "Sở Nông nghiệp và Môi trường", "Hội Liên hiệp Phụ nữ tỉnh",
]
_VERBS = [
    "chủ trì, phối hợp với {A2} rà soát", "khẩn trương xây dựng", "tổ chức triển khai thực hiện",
    "tham mưu cho UBND tỉnh ban hành", "hướng dẫn, đôn đốc, kiểm tra việc thực hiện",
    "tăng cường công tác tuyên truyền về", "bố trí kinh phí để thực hiện", "tổng hợp, báo cáo kết quả",
    "chỉ đạo các đơn vị trực thuộc thực hiện nghiêm", "phối hợp chặt chẽ với {A2} trong việc triển khai",
]
_OBJECTS = [
    "kế hoạch phòng, chống dịch trên địa bàn", "phương án ứng phó với mưa lũ", "danh sách các hộ dân bị ảnh hưởng",
    "các quy định về quản lý, sử dụng đất lâm nghiệp", "hồ sơ, thủ tục hành chính thuộc thẩm quyền",
    "các nhiệm vụ trọng tâm được giao", "số liệu giải ngân vốn đầu tư công",
    "các điểm nóng về trật tự an toàn giao thông",
]
_CITE_TYPES = [
    ("Chỉ thị", "{n}/CT-TTg", "của Thủ tướng Chính phủ"), ("Nghị quyết", "{n}/NQ-CP", "của Chính phủ"),
    ("Quyết định", "{n}/QĐ-UBND", "của UBND tỉnh"), ("Kết luận", "{n}-KL/TW", "của Bộ Chính trị"),
    ("Công văn", "{n}/BYT-MT", "của Bộ Y tế"), ("Nghị định", "{n}/{Y}/NĐ-CP", "của Chính phủ"),
    ("Thông báo", "{n}/TB-VPCP", "của Văn phòng Chính phủ"), ("Kế hoạch", "{n}-KH/TU", "của Ban Thường vụ Tỉnh ủy"),
]
_DEADLINES = [
    "trước ngày {d}/{m}/{Y}", "trước 17h00 ngày {d}/{m}/{Y}", "trong tháng {m}/{Y}", "hoàn thành trong quý {q} năm {Y}",
    "báo cáo định kỳ hằng tháng (trước ngày 20 hằng tháng)", "trước 16h00 hằng ngày", "định kỳ 3 ngày/lần",
    "trong thời hạn 10 ngày làm việc kể từ ngày nhận được văn bản này", "chậm nhất ngày {d} tháng {m} năm {Y}",
    "từ ngày {d}/{m}/{Y} cho đến khi có thông báo mới",
]
_BULLETS = ["-", "-", "+", "•"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _roman(n: int) -> str:
    out = []
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


class _Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.province = rng.choice(_PROVINCES)
        self.year = rng.randint(2019, 2025)

    def pick(self, xs: list[str]) -> str:
        return self.rng.choice(xs)

    def fill(self, s: str) -> str:
        r = self.rng
        return s.format(
            P=self.province, Y=self.year, A2=self.agency(), d=r.randint(1, 28), m=r.randint(1, 12),
            q=r.choice(["I", "II", "III", "IV"]), n=r.randint(1, 2999), who="Chủ tịch UBND tỉnh",
            topic=self.pick(_TOPICS),
        )

    def agency(self) -> str:
        return self.rng.choice(_AGENCIES).format(P=self.province)

    def citation(self) -> str:
        t, num, by = self.rng.choice(_CITE_TYPES)
        r = self.rng
        return (
            f"{t} số {num.format(n=r.randint(1, 2999), Y=self.year - 1)} ngày "
            f"{r.randint(1, 28)}/{r.randint(1, 12)}/{self.year - r.randint(0, 3)} {by}"
        )

    def sentence(self, with_actor: bool = True) -> str:
        r = self.rng
        parts = []
        if with_actor:
            parts.append(self.agency())
        parts.append(self.fill(self.pick(_VERBS)))
        parts.append(self.pick(_OBJECTS))
        if r.random() < 0.35:
            parts.append(f"theo đúng tinh thần {self.citation()}")
        if r.random() < 0.5:
            parts.append(self.fill(self.pick(_DEADLINES)))
        s = " ".join(parts)
        return s[0].upper() + s[1:]

    def header(self, type_idx: int) -> tuple[str, str]:
        r = self.rng
        issuer, code, who = _ISSUERS[r.randrange(len(_ISSUERS))]
        tname, tcode, title = _TYPES[type_idx]
        party = code == "TU"
        number = f"Số {r.randint(1, 999)}-{tcode}/TU" if party else f"Số: {r.randint(1, 999)}/{tcode}-{code}"
        motto = (
            "ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        )
        date = f"{self.province}, ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} năm {self.year}"
        head = (
            f"{issuer.format(P=self.province.upper())}\n{motto}\n\n{number}\n{date}\n\n"
            f"{tname}\n{title.format(who=who, topic=self.pick(_TOPICS), Y=self.year)}\n\n"
        )
        return head, who

    def tail(self, who: str) -> str:
        r = self.rng
        recips = "\n".join(f"- {self.agency()};" for _ in range(r.randint(2, 5)))
        return (
            f"\n\nNơi nhận:\n{recips}\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
            f"{self.pick(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Quang Minh', 'Hoàng Nam'])}\n"
        )


def _wrap(text: str, width: int) -> str:
    """Hard-wrap a paragraph as a PDF copy does."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return "\n".join(out)


def generate_notice(size: int, seed: int = 0, wrapped: bool | None = None) -> str:
    """A notice of about ``size`` UTF-8 bytes (at least the header and the tail)."""
    rng = random.Random(f"chidao-notice-{size}-{seed}")
    g = _Gen(rng)
    head, who = g.header(rng.randrange(len(_TYPES)))
    tail = g.tail(who)
    budget = size - len((head + tail).encode("utf-8"))
    wrap = rng.random() < 0.3 if wrapped is None else wrapped
    blocks: list[str] = []
    lead = f"Thực hiện {g.citation()}; {g.citation()}, {who} kết luận như sau:"
    blocks.append(lead)
    used = len(lead.encode("utf-8")) + 2
    # one section holds up to 99 numbered items (two-digit labels), a notice up to ~38 sections
    items_per_section = max(3, min(60, budget // (38 * 1000) + 3))
    section = 0
    item = items_per_section
    while used < budget:
        if item >= items_per_section and budget > 6000:
            section += 1
            item = 0
            heading = f"{_roman(section)}. {g.pick(['NHIỆM VỤ', 'GIẢI PHÁP', 'TỔ CHỨC THỰC HIỆN'])} {section}"
            blocks.append(heading)
            used += len(heading) + 2
        item += 1
        shape = rng.random()
        if shape < 0.3:  # "2. Sở Y tế:" with bullets
            parts = [f"{item}. {g.agency()}:"]
            sym = rng.choice(_BULLETS)
            parts += [f"{sym} {g.sentence(with_actor=False)}." for _ in range(rng.randint(1, 4))]
        elif shape < 0.55:  # numbered with numbered children and lettered items
            parts = [f"{item}. {g.pick(_TOPICS).capitalize()}"]
            for k in range(1, rng.randint(2, 4)):
                parts.append(f"{item}.{k}. {g.sentence()}.")
                if rng.random() < 0.4:
                    parts += [f"{c}) {g.sentence()};" for c in "abc"[: rng.randint(1, 3)]]
        else:  # a plain numbered task, maybe two sentences
            body = f"{g.sentence()}."
            if rng.random() < 0.5:
                body += f" {g.sentence()}."
            parts = [f"{item}. {body}"]
        block = "\n\n".join(parts)
        if wrap:
            block = _wrap(block, rng.randint(70, 95))
        blocks.append(block)
        used += len(block.encode("utf-8")) + 2
        if budget <= 6000 and item >= 99:
            item = 0
    closing = "Yêu cầu Thủ trưởng các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện Thông báo này./."
    blocks.append(closing)
    return head + "\n\n".join(blocks) + tail


def corpus_sizes(n: int, lo: int = 1024, hi: int = 1 << 20) -> list[int]:
    """``n`` sizes spaced evenly on a log scale from ``lo`` to ``hi`` bytes."""
    if n == 1:
        return [lo]
    ratio = (hi / lo) ** (1 / (n - 1))
    return [round(lo * ratio**i) for i in range(n)]


def generated_corpus(n: int = 300, lo: int = 1024, hi: int = 1 << 20, seed: int = 0) -> list[str]:
    """``n`` notices from ``lo`` to ``hi`` bytes, log-spaced (as many small as large ones)."""
    return [generate_notice(size, seed=seed * 100_000 + i) for i, size in enumerate(corpus_sizes(n, lo, hi))]


def seed_like_corpus(n: int = 500, seed: int = 1) -> list[str]:
    """``n`` notices of 5 to 15 KB, the size of real ones (for the batch benchmark)."""
    rng = random.Random(f"chidao-seed-like-{seed}")
    return [generate_notice(rng.randint(5_000, 15_000), seed=seed * 1_000_000 + i) for i in range(n)]


# --------------------------------------------------------------------------- hostile inputs

MB = 1 << 20


def _nested_bullets(n: int = 100_000) -> str:
    """``n`` bullet lines, each nested under the previous one (indent, new symbol) in cycles."""
    syms = "-+•·▪●○◦■□➢➤✓*"
    lines = []
    for i in range(n):
        depth = i % len(syms)
        lines.append(" " * depth + f"{syms[depth]} mục {i}:")
    return "\n".join(lines)


def _nested_numbering(n: int = 40_000) -> str:
    """Numbered clauses ever deeper: ``1.``, ``1.1.``, ``1.1.1.`` ... cycling to depth 12."""
    lines = []
    for i in range(n):
        depth = i % 12 + 1
        lines.append(".".join(["1"] * depth) + f". Nội dung {i}:")
    return "\n".join(lines)


def _mixed_scripts(size: int = MB) -> str:
    rng = random.Random("chidao-hostile-mixed")
    pieces = [
        "Ủy ban", "Привет", "中华人民共和国", "العربية", "😀👍🏽", "ℌ𝔢𝔩𝔩𝔬", "a\u0301\u0323\u0300", "e" + "\u0301" * 50,
        "\x00", "\x07", "\x1b[31m", "\r\n", "\r", "\u2028", "\ufeff", "\u200b", "\u00ad", "\ud800", "\udfff",
        "\x85", "\f", "\t", "\u202e", "\u0000\u0000", "Số: 12/TB-UBND", "1.", "- ", "ngày 1/1/2020", "\x0b",
        "Ω", "ﬁ", "Å", "\u212b", "\uffff", "\U0010ffff", "\u0300" * 200,
    ]
    out: list[str] = []
    n = 0
    while n < size:
        p = rng.choice(pieces)
        out.append(p)
        n += len(p)
    return "".join(out)


def _nested_quotes(depth: int = 50_000) -> str:
    opens = "\"“‘«(['"
    closes = "\"”’»)]'"
    left = "".join(opens[i % len(opens)] for i in range(depth))
    right = "".join(closes[i % len(closes)] for i in reversed(range(depth)))
    return "1. Sở Y tế thực hiện " + left + "Chỉ thị số 05/CT-TTg" + right + " trước ngày 1/1/2020."


def _long_upper_lines(n: int = 8_000) -> str:
    return "\n".join(f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM {i} " * 3 for i in range(n))


HOSTILE: dict[str, Callable[[], str]] = {
    # the issue's list
    "dots_1MB_one_line": lambda: "1.1.1.1." * (MB // 8),
    "dots_1MB_lines": lambda: "1.1.1.1.\n" * (MB // 9),
    "nested_bullets_100k": _nested_bullets,
    "no_space_line_1MB": lambda: "Sởytếchủtrìràsoát" * (MB // 17),
    "no_space_line_ascii_1MB": lambda: "a" * MB,
    "so_1_slash_100k": lambda: "số 1/" * 100_000,
    "so_1_slash_spaced_100k": lambda: "Số 1/ " * 100_000,
    "chi_thi_so_100k": lambda: "Chỉ thị số " * 100_000,
    "chi_thi_so_lines_100k": lambda: "Chỉ thị số\n" * 100_000,
    "mixed_scripts_controls_1MB": _mixed_scripts,
    "nested_quotes_50k": _nested_quotes,
    # more that a parser of this kind meets or fears
    "nested_numbering_40k": _nested_numbering,
    "quotes_1MB": lambda: '"' * MB,
    "newlines_1MB": lambda: "\n" * MB,
    "spaces_1MB": lambda: " " * MB,
    "stars_1MB": lambda: "*" * MB,
    "pipes_1MB": lambda: "| " * (MB // 2),
    "combining_marks_100k": lambda: "a" + "\u0301" * 100_000,
    "dates_70k": lambda: "ngày 1/1/2020, " * 70_000,
    "dates_70k_one_cue": lambda: "ngày 1/1/2020, " * 70_000 + "trước ngày 2/2/2020",
    "deadline_words_100k": lambda: "trước ngày " * 100_000,
    "inline_paren_enum_100k": lambda: "".join(f"({i % 99 + 1}) việc " for i in range(100_000)),
    "thu_nhat_100k": lambda: "Thứ nhất là " * 100_000,
    "colons_100k": lambda: "Sở Y tế:" * 100_000,
    "kinh_gui_lines_50k": lambda: "Kính gửi: Sở Y tế;\n" * 50_000,
    "upper_lines_8k": _long_upper_lines,
    "numbers_1MB": lambda: "1234567890" * (MB // 10),
    "symbols_1MB": lambda: "12/TB-UBND " * (MB // 11),
    "empty": lambda: "",
    "one_char": lambda: "1",
}
