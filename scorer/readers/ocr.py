"""OCR: text from page images — scanned PDF pages and photographed or scanned reports.

Needs the optional extra ``fazhi[ocr]`` (rapidocr-onnxruntime, whose wheel carries the
PP-OCR Chinese detection and recognition models: nothing is downloaded at run time).
Without it, a scanned file gets a one-line error naming the extra.

A page image goes through three steps:

1. Red seal ink is turned white. A 公章 is stamped over the 落款 and the date; left red,
   its ring and characters are read as text and the black text under it is lost.
   Black text under red ink stays dark, so whitening only the red pixels uncovers it.
2. RapidOCR finds text boxes and reads them, each with a confidence score.
3. Boxes are put in reading order — grouped into lines by vertical overlap, each line
   left to right, lines top to bottom — and handed to the PDF reader's layout code,
   so page headers, page numbers and paragraph joining work as they do for a text PDF.

Each line keeps its lowest box score; lines below ``LOW_CONFIDENCE`` are counted in a
note, so a supervisor knows where evidence may be misread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from io import BytesIO

from ..errors import InputError
from . import MAX_PDF_PAGES, PDF_TIME_BUDGET_S, Extracted
from .pdf import _drop_running_lines, _Line, _paragraphs

INSTALL_HINT = "install fazhi[ocr] to read it (pip install 'fazhi[ocr]')"
LOW_CONFIDENCE = 0.8
# 200 dpi: a 3号/小四 body character is ~40–45 px high, which PP-OCR reads well;
# higher resolutions cost time without gaining accuracy.
RENDER_DPI = 200
# Larger images are scaled down before OCR: a 600 dpi A4 scan is 5000×7000 px, slow
# to read and no more accurate than 200 dpi.
MAX_SIDE_PX = 2400
# A page image bigger than this many pixels (decompressed) is refused: a small file
# can declare a huge bitmap.
MAX_PIXELS = 60_000_000
OCR_NOTE = "经OCR识别"
# OCR costs seconds a page on a laptop: a long scan stops at the PDF reader's time budget
# with one line, rather than holding `fazhi score` for minutes.
OCR_TIME_BUDGET_S = PDF_TIME_BUDGET_S


def within_budget(started: float, subject: str, page: int, pages: int) -> None:
    """Raise the one-line error once OCR has run past its time budget."""
    if time.monotonic() - started >= OCR_TIME_BUDGET_S:
        raise InputError(subject, f"OCR took over {OCR_TIME_BUDGET_S:g} s (stopped at page {page} of {pages})")

_engine = None


@dataclass
class OcrLine(_Line):
    """One recognised text line: the PDF reader's line (its layout code reads these) plus
    the lowest recognition score among the line's boxes."""

    score: float


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _ocr():
    global _engine
    if _engine is None:
        # Loading the models takes about half a second; one engine serves every page.
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR()
    return _engine


def suppress_red(image):
    """The page as an RGB array with seal-red pixels made white."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # Red dominates clearly: seal ink, from full red to the pale pink of a light stamp.
    # Dark pixels (black text under the ink) fail the r > 100 test and stay as they are.
    red = (r > 100) & (r - g > 40) & (r - b > 40)
    out = rgb.astype(np.uint8)
    out[red] = 255
    return out


def page_lines(image, page: int, scale: float = 1.0) -> list[OcrLine]:
    """The text lines of one page image, in reading order; positions in pixels times ``scale``."""
    if image.width * image.height > MAX_PIXELS:
        raise ValueError("image too large")
    shrink = min(1.0, MAX_SIDE_PX / max(image.width, image.height))
    if shrink < 1.0:
        image = image.resize((round(image.width * shrink), round(image.height * shrink)))
        scale /= shrink
    pixels = suppress_red(image)
    # RapidOCR takes OpenCV's BGR order. No per-line angle classifier: on upright scans it
    # turned a whole full-width line upside down now and then and the line was lost.
    result, _ = _ocr()(pixels[..., ::-1].copy(), use_cls=False)
    boxes = []
    for points, text, score in result or []:
        text = "".join(text.split()) if _mostly_cjk(text) else text.strip()
        if not text:
            continue
        xs = [p[0] * scale for p in points]
        ys = [p[1] * scale for p in points]
        boxes.append((min(ys), max(ys), min(xs), max(xs), text, float(score)))
    return _reading_order(boxes, page, image.height * scale)


def _mostly_cjk(text: str) -> bool:
    # OCR puts spaces between CJK characters that have wide tracking; Latin words need theirs.
    cjk = sum(1 for c in text if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return cjk * 2 >= len(text.replace(" ", ""))


def _reading_order(boxes, page: int, height: float) -> list[OcrLine]:
    """Boxes that overlap vertically by over half the lower one's height form one line."""
    lines: list[list[tuple]] = []
    for box in sorted(boxes):
        top, bottom = box[0], box[1]
        if lines:
            line_top = min(b[0] for b in lines[-1])
            line_bottom = max(b[1] for b in lines[-1])
            overlap = min(bottom, line_bottom) - max(top, line_top)
            if overlap > 0.5 * min(bottom - top, line_bottom - line_top):
                lines[-1].append(box)
                continue
        lines.append([box])
    out = []
    for line in lines:
        line.sort(key=lambda b: b[2])
        out.append(OcrLine(
            text="".join(b[4] for b in line),
            x0=line[0][2],
            x1=max(b[3] for b in line),
            top=min(b[0] for b in line),
            bottom=max(b[1] for b in line),
            page=page,
            height=height,
            score=min(b[5] for b in line),
        ))
    return out


def low_confidence_note(lines: list[OcrLine]) -> list[str]:
    low = sum(1 for line in lines if line.score < LOW_CONFIDENCE)
    return [f"OCR识别：{low}行置信度低于{LOW_CONFIDENCE:g}"] if low else []


def render_pdf_pages(data: bytes, password: str | None, numbers: list[int]):
    """(page number, PIL image) for the given 1-based page numbers, rendered at ``RENDER_DPI``."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data, password=password)
    try:
        for number in numbers:
            page = pdf[number - 1]
            try:
                yield number, page.render(scale=RENDER_DPI / 72).to_pil()
            finally:
                page.close()
    finally:
        pdf.close()


def image_pages(data: bytes, password: str | None, numbers: list[int], min_share: float = 0.3) -> list[int]:
    """Those of ``numbers`` whose page is mostly an image: scans, not blank or logo-only pages."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    found = []
    pdf = pypdfium2.PdfDocument(data, password=password)
    try:
        for number in numbers:
            page = pdf[number - 1]
            area = page.get_width() * page.get_height() or 1.0
            covered = 0.0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                left, bottom, right, top = obj.get_bounds()
                covered += max(0.0, right - left) * max(0.0, top - bottom)
            if covered >= min_share * area:
                found.append(number)
            page.close()
    finally:
        pdf.close()
    return found


def read_image(data: bytes, subject: str) -> Extracted:
    """A report given as an image file: PNG, JPEG or TIFF (every frame of a multi-page TIFF)."""
    from PIL import Image, ImageSequence

    # Pillow's own bomb guard warns at 89 MP; ours refuses below it, with our one-line error.
    try:
        with Image.open(BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InputError(subject, f"image is {image.width}×{image.height} pixels, too large to read")
            frames = [frame.copy() for _, frame in zip(range(MAX_PDF_PAGES + 1), ImageSequence.Iterator(image))]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for a damaged image
        raise InputError(subject, f"not a text report: binary content (unreadable image: {type(exc).__name__})")
    if len(frames) > MAX_PDF_PAGES:
        raise InputError(subject, f"image has over {MAX_PDF_PAGES} pages, over the limit for one report")
    # Decoded first: a broken file is "binary content" whether or not OCR is installed.
    if not available():
        raise InputError(subject, f"scanned image: no text layer; {INSTALL_HINT}")
    started = time.monotonic()
    pages = []
    for number, frame in enumerate(frames, start=1):
        within_budget(started, subject, number, len(frames))
        pages.append(page_lines(frame, number))
    body, removed = _drop_running_lines(pages)
    notes = [OCR_NOTE, *low_confidence_note([line for page in pages for line in page])]
    if removed:
        notes.append(f"删除页眉页脚和页码 {removed} 行")
    return Extracted(lines=_paragraphs(body), source_format="image", notes=notes)
