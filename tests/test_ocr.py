"""OCR of scanned reports (the ``ocr`` extra): a seed excerpt rendered to a page image
with a red seal over the 落款 and date, read as a PNG and as a scanned PDF.

OCR costs seconds per page on two cores, so the page is rendered and read once per
module and every check looks at that one result.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.ingest import body_text, read_document
from scorer.pipeline import score_document
from scorer.readers import ocr
from test_ingest import error_of

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_b89d58ff3751d295.txt"
DATE = "2021年2月23日"
SIGNER = "秦安县科学技术局"

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="needs the ocr extra")


def _excerpt() -> list[str]:
    """Title, addressee, the first paragraph, the shortcomings paragraph and the 落款."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    shortcomings = next(line for line in lines if line.startswith("我局依法行政和法治政府建设工作虽然"))
    return [lines[0], lines[1], lines[2], shortcomings, SIGNER, DATE]


def _cjk_font() -> str:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    fonts = sorted(line.split(":")[0] for line in out.splitlines() if "CJK" in line and "Regular" in line)
    if not fonts:
        pytest.skip("no CJK font installed")
    return fonts[0]


def _wrap(text: str, font, width: float) -> list[str]:
    """Rows that fill the measure, as a word processor breaks Chinese text (ASCII digits are narrow)."""
    rows = [""]
    for char in text:
        if font.getlength(rows[-1] + char) > width:
            rows.append("")
        rows[-1] += char
    return rows


def _render_page(lines: list[str]):
    """An A4 page at 200 dpi, 公文-like: centred title, indented paragraphs, a red seal on the 落款."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    font_path = _cjk_font()
    width, height, margin, size = 1654, 2339, 150, 36
    font = ImageFont.truetype(font_path, size)
    title_font = ImageFont.truetype(font_path, 44)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    y = 200
    title, addressee, *paragraphs, signer, date = lines
    draw.text(((width - title_font.getlength(title)) / 2, y), title, font=title_font, fill="black")
    y += 110
    draw.text((margin, y), addressee, font=font, fill="black")
    y += 60
    for paragraph in paragraphs:
        for row in _wrap("\u3000\u3000" + paragraph, font, width - 2 * margin):  # two-character indent
            draw.text((margin, y), row, font=font, fill="black")
            y += 60
    y += 60
    sign_x = width - margin - font.getlength(date) - 40
    draw.text((sign_x, y), signer, font=font, fill="black")
    draw.text((sign_x, y + 60), date, font=font, fill="black")
    # The seal: a red ring, the issuer's name and a star, multiplied onto the page as
    # stamp ink is, so the black text under it stays black.
    seal = Image.new("RGB", page.size, "white")
    ink = ImageDraw.Draw(seal)
    cx, cy, r = sign_x + 150, y + 50, 150
    ink.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(225, 35, 40), width=10)
    ink.text((cx - 2 * size, cy - r + 40), "科学技术", font=font, fill=(225, 35, 40))
    ink.regular_polygon((cx, cy, 45), 5, fill=(225, 35, 40))
    return ImageChops.multiply(page, seal)


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    if not ocr.available():
        pytest.skip("needs the ocr extra")
    folder = tmp_path_factory.mktemp("scan")
    lines = _excerpt()
    image = _render_page(lines)
    png = folder / "report.png"
    image.save(png)
    pdf = folder / "scanned.pdf"
    image.convert("RGB").save(pdf, resolution=200)
    txt = folder / "report.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"lines": lines, "png": png, "pdf": pdf, "txt": txt,
            "png_doc": read_document(png), "pdf_doc": read_document(pdf)}


def _squeeze(text: str) -> str:
    return "".join(text.split())


@needs_ocr
@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_scan_text_is_recovered(scan, kind):
    doc = scan[f"{kind}_doc"]
    ratio = difflib.SequenceMatcher(None, _squeeze(body_text(doc)), _squeeze("".join(scan["lines"])),
                                    autojunk=False).ratio()
    assert ratio >= 0.9, body_text(doc)


@needs_ocr
@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_date_under_the_seal_is_read(scan, kind):
    kept = [_squeeze(line) for line in body_text(scan[f"{kind}_doc"]).split("\n")]
    assert DATE in kept
    assert SIGNER in kept


@needs_ocr
def test_paragraphs_are_rejoined(scan):
    kept = [line for line in body_text(scan["png_doc"]).split("\n") if line.strip()]
    # title, addressee, two paragraphs, signer, date: wrapped lines joined back
    assert len(kept) == len(scan["lines"]), kept


@needs_ocr
def test_source_format_and_notes(scan):
    assert scan["png_doc"].source_format == "image"
    assert ocr.OCR_NOTE in scan["png_doc"].notes
    assert scan["pdf_doc"].source_format == "pdf"
    assert any(note.startswith(ocr.OCR_NOTE) for note in scan["pdf_doc"].notes)


@needs_ocr
def test_statuses_match_the_txt(scan, ruleset):
    expected = {r.rule.id: r.status for r in score_document(read_document(scan["txt"]), ruleset).results}
    got = {r.rule.id: r.status for r in score_document(scan["png_doc"], ruleset).results}
    differ = {rule: (expected[rule], got[rule]) for rule in expected if expected[rule] != got[rule]}
    assert not differ


def test_without_the_extra_the_error_names_it(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as when not installed
    image = Image.new("RGB", (200, 280), "white")
    png = tmp_path / "report.png"
    image.save(png)
    pdf = tmp_path / "scanned.pdf"
    image.save(pdf, resolution=72)
    hint = "install fazhi[ocr] to read it (pip install 'fazhi[ocr]')"
    assert error_of(png) == f"{png}: scanned image: no text layer; {hint}"
    assert error_of(pdf) == f"{pdf}: scanned PDF: no text layer; {hint}"


def test_red_seal_ink_is_whitened_and_black_kept():
    from PIL import Image

    image = Image.new("RGB", (3, 1))
    image.putpixel((0, 0), (225, 35, 40))  # seal red
    image.putpixel((1, 0), (240, 170, 170))  # a light stamp's pink
    image.putpixel((2, 0), (20, 5, 5))  # black text under the ink
    out = ocr.suppress_red(image)
    assert out[0, 0].tolist() == [255, 255, 255]
    assert out[0, 1].tolist() == [255, 255, 255]
    assert out[0, 2].tolist() == [20, 5, 5]


def test_boxes_on_one_line_are_read_left_to_right():
    boxes = [(100, 140, 600, 900, "右边", 0.99), (102, 141, 100, 500, "左边", 0.7), (200, 240, 100, 500, "下一行", 0.95)]
    lines = ocr._reading_order(boxes, page=1, height=2000)
    assert [line.text for line in lines] == ["左边右边", "下一行"]
    assert lines[0].score == 0.7
    assert ocr.low_confidence_note(lines) == ["OCR识别：1行置信度低于0.8"]


def _text_pdf(path: Path, body: str) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.set_y(120)
    pdf.multi_cell(0, 10, body)
    pdf.output(str(path))
    return path


@needs_ocr
def test_mixed_pdf_ocrs_only_the_scanned_page(scan, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    text_page = _text_pdf(tmp_path / "text.pdf", "Report body text on a page with a text layer, long enough to count.")
    writer = pypdf.PdfWriter()
    for part in (text_page, scan["pdf"]):
        for page in pypdf.PdfReader(str(part)).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    writer.write(str(mixed))
    doc = read_document(mixed)
    assert "Report body text on a page with a text layer" in doc.text
    assert DATE in [_squeeze(line) for line in body_text(doc).split("\n")]
    assert f"{ocr.OCR_NOTE}（第2页）" in doc.notes


def test_a_text_pdf_is_never_ocrd(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a page with a text layer went to OCR")

    monkeypatch.setattr(ocr, "page_lines", refuse)
    path = _text_pdf(tmp_path / "text.pdf", "Report body text on a page with a text layer, long enough to count.")
    doc = read_document(path)
    assert "Report body text" in doc.text
    assert not any(note.startswith(ocr.OCR_NOTE) for note in doc.notes)


def test_ocr_stops_at_its_time_budget(monkeypatch, tmp_path):
    from PIL import Image

    from scorer.readers import ocr

    monkeypatch.setattr(ocr, "OCR_TIME_BUDGET_S", 0.0)  # every page is over a budget of nothing
    path = tmp_path / "scan.png"
    Image.new("RGB", (400, 300), "white").save(path)
    with pytest.raises(InputError, match=r"OCR took over 0 s \(stopped at page 1 of 1\)"):
        read_document(path)
