"""OCR: text from page images — scanned PDF pages and photographed or scanned reports.

Needs the optional extra ``fazhi[ocr]`` (rapidocr-onnxruntime, whose wheel carries the
PP-OCR Chinese detection and recognition models: nothing is downloaded at run time).
Without it, a scanned file gets a one-line error naming the extra.

A page image goes through three steps:

1. Red seal ink is turned white. A 公章 is stamped over the 落款 and the date; left red,
   its ring and characters are read as text and the black text under it is lost.
   Black text under red ink stays dark, so whitening only the red pixels uncovers it.
2. RapidOCR finds text boxes and reads them, each with a confidence score.
3. A page turned a degree or two has its boxes levelled (the tilt is read from the boxes).
   A two-column page is read column by column (a blank strip down the middle that no row
   crosses). Boxes are put in reading order — grouped into lines by vertical overlap, each
   line left to right, lines top to bottom — and handed to the PDF reader's layout code,
   so page headers, page numbers and paragraph joining work as they do for a text PDF.

Each line keeps its lowest box score; lines below ``LOW_CONFIDENCE`` are counted in a
note and handed on as spans of the text (``Extracted.low_confidence``), so evidence read
from them is marked in the outputs and a supervisor knows where it may be misread.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from io import BytesIO

from ..errors import InputError
from . import MAX_PDF_PAGES, Extracted
from .pdf import _drop_running_lines, _join, _joined, _Line, _paragraph_lines

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
# Tilt corrected from the detector's boxes: below 0.2° a line drifts under a third of a
# character across the page; past 10° the page is not a skewed scan but a photo or a
# rotated page, which this correction does not pretend to handle.
MIN_SKEW_DEG, MAX_SKEW_DEG = 0.2, 10.0
# A page is read as two columns only with this many boxes on each side of the gutter.
MIN_COLUMN_LINES = 5
# OCR costs seconds a page on a laptop, and tens of seconds on a busy one: a scan stops with
# one line once it has taken this long for each of its pages, rather than holding `fazhi
# score` for ever — a budget for the whole file would refuse every long scan on a loaded
# machine (a 14-page report ran out of 120 s at page 13).
OCR_PAGE_BUDGET_S = 60.0


def within_budget(started: float, subject: str, page: int, pages: int) -> None:
    """Raise the one-line error once OCR has run past its budget for this many pages."""
    limit = OCR_PAGE_BUDGET_S * pages
    if time.monotonic() - started >= limit:
        raise InputError(subject, f"OCR took over {limit:g} s ({OCR_PAGE_BUDGET_S:g} s a page; "
                                   f"stopped at page {page} of {pages})")


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
    result = result or []
    # A sheet fed askew: turn the boxes (not the image — no second OCR pass) back level
    # about the page centre, so lines group, indents line up and margins are where they are.
    turn = _skew([points for points, _, _ in result])
    cx, cy = image.width / 2, image.height / 2
    cos, sin = math.cos(turn), math.sin(turn)
    boxes = []
    for points, text, score in result:
        text = "".join(text.split()) if _mostly_cjk(text) else text.strip()
        if not text:
            continue
        level = [(cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos) for x, y in points]
        xs = [x * scale for x, _ in level]
        ys = [y * scale for _, y in level]
        boxes.append((min(ys), max(ys), min(xs), max(xs), text, float(score)))
    return [line for group in _column_groups(boxes) for line in _reading_order(group, page, image.height * scale)]


def _gutter(boxes) -> tuple[float, float] | None:
    """The blank vertical strip between two text columns, as (left, right) x, or None.

    A strip in the middle of the text block (30–70 % of its width), at least a character
    wide, that almost no box crosses — a heading or title over both columns may — with
    at least ``MIN_COLUMN_LINES`` boxes on each side, the two sides of similar width.
    A one-column page has its full rows across the middle: no strip is found.
    """
    if len(boxes) < 2 * MIN_COLUMN_LINES:
        return None
    char = statistics.median(b[1] - b[0] for b in boxes)
    left, right = min(b[2] for b in boxes), max(b[3] for b in boxes)
    width = right - left
    allowed = max(1, len(boxes) // 10)  # boxes that may cross: headings over both columns
    step = max(1.0, char / 4)
    best: tuple[float, float] | None = None
    x, run_start = left + 0.3 * width, None
    while x <= left + 0.7 * width + step:
        crossing = sum(1 for b in boxes if b[2] < x < b[3]) if x <= left + 0.7 * width else allowed + 1
        if crossing <= allowed:
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            if x - run_start >= char and (best is None or x - run_start > best[1] - best[0]):
                best = (run_start, x)
            run_start = None
        x += step
    if best is None:
        return None
    lo, hi = best
    west = [b for b in boxes if b[3] <= hi]
    east = [b for b in boxes if b[2] >= lo]
    if min(len(west), len(east)) < MIN_COLUMN_LINES:
        return None
    west_width = max(b[3] for b in west) - min(b[2] for b in west)
    east_width = max(b[3] for b in east) - min(b[2] for b in east)
    return best if min(west_width, east_width) >= 0.6 * max(west_width, east_width) else None


def _column_groups(boxes) -> list[list[tuple]]:
    """The page's boxes in groups to read one after another: the left column, then the
    right, each band between headings that cross both read so. The right column's boxes are
    moved left onto the left column's, so the paragraph code sees one column's margins
    and indents (it compares positions, not which column a line came from)."""
    gutter = _gutter(boxes)
    if gutter is None:
        return [boxes]
    lo, hi = gutter
    west = [b for b in boxes if b[3] <= hi]
    east = [b for b in boxes if b[2] >= lo and b[3] > hi]
    shift = min(b[2] for b in east) - min(b[2] for b in west)
    groups: list[list[tuple]] = []
    band_west: list[tuple] = []
    band_east: list[tuple] = []
    for box in sorted(boxes):
        if box[2] < lo and box[3] > hi:  # crosses the gutter: a heading over both columns
            groups += [g for g in (band_west, band_east) if g]
            groups.append([box])
            band_west, band_east = [], []
        elif box[3] <= hi:
            band_west.append(box)
        else:
            band_east.append((box[0], box[1], box[2] - shift, box[3] - shift, *box[4:]))
    groups += [g for g in (band_west, band_east) if g]
    return groups


def _skew(quads) -> float:
    """The page's tilt in radians (positive: lines run down to the right), from the slope of
    the detector's boxes: the median over boxes at least three times as wide as they are high
    (a short box's slope is noise). 0 for a page that is level to within ``MIN_SKEW_DEG``."""
    slopes = []
    for quad in quads:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad[:4]
        width, height = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if width >= 3 * height > 0:
            # top and bottom edges; the detector orders the corners clockwise from top-left
            slopes += [math.atan2(y1 - y0, x1 - x0), math.atan2(y2 - y3, x2 - x3)]
    if not slopes:
        return 0.0
    angle = statistics.median(slopes)
    return angle if math.radians(MIN_SKEW_DEG) <= abs(angle) <= math.radians(MAX_SKEW_DEG) else 0.0


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


def low_confidence_spans(paragraphs) -> list[tuple[int, int, int]]:
    """(paragraph index, start, end) of each low-confidence OCR line within its paragraph's
    text, the paragraphs as the PDF reader groups and joins them (text-layer lines have no score)."""
    spans = []
    for index, group in enumerate(paragraphs):
        text = ""
        for line in group:
            text = _join(text, line.text) if text else line.text
            if getattr(line, "score", 1.0) < LOW_CONFIDENCE:
                spans.append((index, len(text) - len(line.text), len(text)))
    return spans


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
    paragraphs = _paragraph_lines(body)
    return Extracted(lines=[_joined(group) for group in paragraphs], source_format="image", notes=notes,
                     ocr=True, low_confidence=low_confidence_spans(paragraphs))
