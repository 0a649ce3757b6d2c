"""Scanned-report pages made from a report's text, for the OCR tests and benchmarks/ocr.py.

A page is laid out as a 公文 is printed: A4, a centred title, 3号 characters
(16 pt), 28 characters a line and 22 lines a page, each paragraph indented by two
characters, the 落款 (issuer and date) right-aligned at the end and a page number
"- n -" at the foot. Optionally a red 公章 is stamped over the 落款 — multiplied onto
the page as ink is, so the black text under it stays black — and a page is turned by
a degree or two, as a sheet fed askew into a scanner.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scorer.textnorm import normalize

A4_MM = (210, 297)
MARGIN_MM = (28, 37, 26, 35)  # left, top, right, bottom (GB/T 9704)
FONT_PT = 16  # 3号
LINE_PT = 28.9  # 22 lines on the 225 mm text area
SEAL_RED = (225, 35, 40)
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def cjk_font() -> tuple[str, int] | None:
    """(file, face index) of a regular Simplified Chinese font, serif (宋体-like, as 公文 are
    set) before sans; None when the machine has none. The face matters: a .ttc's first face
    is often the Japanese one, whose 门 PP-OCR reads as 內."""
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}|%{index}|%{family}|%{style}\n", ":lang=zh"],
                             capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    faces = []
    for line in out.splitlines():
        file, index, family, style = (line.split("|") + ["", "", ""])[:4]
        family = family.split(",")[0]
        if family.endswith(" SC") and "Mono" not in family and "Regular" in style:
            faces.append(("Serif" not in family, family, file, int(index or 0)))
    return min(faces)[2:] if faces else None


def report_lines(path: Path) -> list[str]:
    """The report's non-blank lines: the text a scan of it shows."""
    return [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def wrap(text: str, font, width: float) -> list[str]:
    """Rows that fill the measure, as a word processor breaks Chinese text (ASCII digits are narrow)."""
    rows = [""]
    for char in text:
        if rows[-1] and font.getlength(rows[-1] + char) > width:
            rows.append("")
        rows[-1] += char
    return rows


@dataclass(frozen=True)
class Scan:
    pages: list  # PIL images, one per page
    text: str  # what the pages show, page numbers left out


def render(lines: list[str], font: tuple[str, int], *, dpi: int = 200, seal: bool = False, angle: float = 0.0) -> Scan:
    """The report as scanned A4 pages. The first line is the title; when the last line is a
    date, it and the line before it are the 落款, under the seal when ``seal``."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4  # pixels per mm
    width, height = round(A4_MM[0] * px), round(A4_MM[1] * px)
    left, top, right, bottom = (round(m * px) for m in MARGIN_MM)
    size = round(FONT_PT / 72 * dpi)
    pitch = round(LINE_PT / 72 * dpi)
    face, index = font
    font = ImageFont.truetype(face, size, index=index)
    title_font = ImageFont.truetype(face, round(22 / 72 * dpi), index=index)  # 2号 title
    measure = width - left - right

    title, *body = lines
    signature: list[str] = []
    if len(body) >= 2 and DATE.match(body[-1]):
        body, signature = body[:-2], body[-2:]
    # (x, row text, font) per row, and where each page ends
    rows: list[tuple[float, str, object]] = []
    for part in wrap(title, title_font, measure):
        rows.append(((width - title_font.getlength(part)) / 2, part, title_font))
    rows.append((0, "", font))  # a blank row under the title
    for i, paragraph in enumerate(body):
        # the addressee (主送机关, "县政府：") sits at the margin; paragraphs are indented two characters
        addressee = i == 0 and len(paragraph) <= 20 and paragraph.endswith((":", "："))
        for row in wrap(paragraph if addressee else "\u3000\u3000" + paragraph, font, measure):
            rows.append((left, row, font))
    sign_at = len(rows) + 1
    if signature:
        rows.append((0, "", font))
        sign_x = width - right - 2 * size - max(font.getlength(s) for s in signature)
        rows.extend((sign_x, s, font) for s in signature)

    per_page = (height - top - bottom) // pitch
    pages = []
    for first in range(0, len(rows), per_page):
        page = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(page)
        for i, (x, text, row_font) in enumerate(rows[first:first + per_page]):
            draw.text((x, top + i * pitch), text, font=row_font, fill="black")
            if seal and signature and first + i == sign_at:
                page = _stamp(page, font, (x + font.getlength(signature[0]) / 2, top + (i + 1) * pitch), size)
                draw = ImageDraw.Draw(page)
        number = f"- {len(pages) + 1} -"
        draw.text(((width - font.getlength(number)) / 2, height - bottom + pitch / 2), number, font=font, fill="black")
        if angle:
            page = page.rotate(angle, resample=Image.BICUBIC, fillcolor="white")
        pages.append(page)
    return Scan(pages, "".join(text for _, text, _ in rows))


def render_two_columns(lines: list[str], font: tuple[str, int], *, dpi: int = 200, gutter_mm: float = 12) -> Scan:
    """One A4 page: the title across the top, then the paragraphs in two columns, the left
    filled first, as a bulletin prints a report. Only what fits is shown (``Scan.text``)."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    width, height = round(A4_MM[0] * px), round(A4_MM[1] * px)
    left, top, right, bottom = (round(m * px) for m in MARGIN_MM)
    size, pitch = round(FONT_PT / 72 * dpi), round(LINE_PT / 72 * dpi)
    face, index = font
    font_ = ImageFont.truetype(face, size, index=index)
    title_font = ImageFont.truetype(face, round(22 / 72 * dpi), index=index)
    gutter = round(gutter_mm * px)
    column = (width - left - right - gutter) // 2
    title, *body = lines
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    draw.text(((width - title_font.getlength(title)) / 2, top), title, font=title_font, fill="black")
    rows = [row for paragraph in body for row in wrap("\u3000\u3000" + paragraph, font_, column)]
    per_column = (height - top - bottom) // pitch - 2
    rows = rows[:2 * per_column]
    for i, row in enumerate(rows):
        x = left if i < per_column else left + column + gutter
        draw.text((x, top + (2 + i % per_column) * pitch), row, font=font_, fill="black")
    return Scan([page], title + "".join(rows))


def _stamp(page, font, centre: tuple[float, float], size: int):
    """A red seal — ring, issuer's words and a star — over the 落款, multiplied onto the page."""
    from PIL import Image, ImageChops, ImageDraw

    seal = Image.new("RGB", page.size, "white")
    ink = ImageDraw.Draw(seal)
    cx, cy = centre
    r = 4 * size
    ink.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL_RED, width=max(6, size // 4))
    ink.text((cx - 2 * size, cy - r + size), "科学技术", font=font, fill=SEAL_RED)
    ink.regular_polygon((cx, cy, size * 1.2), 5, fill=SEAL_RED)
    return ImageChops.multiply(page, seal)


def save_pdf(scan: Scan, path: Path, dpi: int = 200) -> Path:
    """The pages as an image-only PDF, as a scanner writes one."""
    first, *rest = scan.pages
    first.save(path, save_all=True, append_images=rest, resolution=dpi)
    return path


def squeeze(text: str) -> str:
    return "".join(text.split())


# Curly and straight quotes look alike in a scan; the matcher's rules do not tell them apart.
_QUOTES = str.maketrans("“”‘’", "\"\"''")


def comparable(text: str) -> str:
    """Text as the matcher compares it (full-width punctuation folded, as ``textnorm`` does),
    quotes straightened and whitespace dropped: a ',' read as '，' is not a misread."""
    return squeeze(normalize(text).translate(_QUOTES))


def char_accuracy(read: str, truth: str) -> float:
    """1 − character errors / characters of the truth, compared as ``comparable`` text. Errors
    are counted on difflib's alignment: a replaced run counts its longer side, an insertion
    or deletion its length."""
    a, b = comparable(truth), comparable(read)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return 1 - errors / max(1, len(a))
