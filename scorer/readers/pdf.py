"""PDF: the text layer, without page furniture, re-joined into paragraphs.

A PDF stores lines, not paragraphs, and repeats a header, a footer and a page
number on every page. Left in, those split sentences mid-way and put the page
header between a heading and its text. So: read lines with their positions
(pdfplumber), drop the lines that recur at the top or bottom of most pages and
page numbers, then join a line to the next when it runs to the right margin
without ending a sentence and the next line neither is indented nor starts a
heading. Headers and footers are left out of the text, as Word headers are for
.docx; a note counts them.

Bounds: a yearly report is a few dozen pages; more than ``MAX_PDF_PAGES`` is
refused before any page is parsed, and reading stops at a time budget.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

import pdfplumber
import pypdf
from pypdf import PasswordType

from ..errors import InputError
from . import MAX_PDF_PAGES, PDF_TIME_BUDGET_S, Extracted, looks_like_org, usable_title

# pypdf and pdfminer log their repairs of a damaged file ("EOF marker not found") as
# warnings, which Python's last-resort handler prints to stderr ahead of fazhi's own one
# line. The reader's verdict is what the user gets; their chatter is not.
for _name in ("pypdf", "pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_SPACE_IN_CJK = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")
# Page numbers as 公文 and office tools print them; only looked for at a page's top or bottom.
PAGE_NUMBER = re.compile(
    r"^[-—–－~\s]*\d{1,4}[-—–－~\s]*$"  # 3, - 3 -, —3—
    r"|^第\s*\d+\s*页(\s*[/,，、]?\s*共\s*\d+\s*页)?$"  # 第 3 页, 第3页 共9页
    r"|^共\s*\d+\s*页\s*[/,，、]?\s*第\s*\d+\s*页$"  # 共9页 第3页
    r"|^\d+\s*/\s*\d+$"  # 3/9
    r"|^(page|p\.)\s*\d+(\s*(of|/)\s*\d+)?$",  # Page 3 of 9
    re.IGNORECASE,
)
# Sentence ends: a line ending with one of these closes its paragraph.
_TERMINAL = "。；：！？;:!?…"
_CLOSERS = "”’」』）)》】 "
# A line starting like a 公文 heading starts a paragraph even after a full line.
_HEADING = re.compile(
    r"^\s*([一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[)）]"
    r"|第[一二三四五六七八九十]+[部分章节条]|[①-⑳])"
)
_EDGE_ZONE = 0.15  # top/bottom share of the page height where headers and footers sit
_EDGE_LINES = 2
_MIN_CHARS_PER_PAGE = 20  # fewer on average: the pages are images (a scan), at most with a stray label


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    height: float  # page height


def read_pdf(data: bytes, subject: str, *, max_pages: int = MAX_PDF_PAGES,
             time_budget: float = PDF_TIME_BUDGET_S) -> Extracted:
    reader, password = _open(data, subject)
    try:
        n_pages = len(reader.pages)
    except Exception:  # noqa: BLE001 - any parser failure means the file is broken
        raise InputError(subject, "corrupt PDF (cannot read its page tree)")
    if n_pages == 0:
        raise InputError(subject, "PDF has no pages")
    if n_pages > max_pages:
        raise InputError(subject, f"PDF has {n_pages} pages, over the {max_pages}-page limit for one report; "
                                  "extract the report's pages first")
    pages = _read_pages(data, subject, password, n_pages, time_budget)
    text_chars = sum(len("".join(line.text.split())) for page in pages for line in page)
    scanned = text_chars < _MIN_CHARS_PER_PAGE * n_pages
    ocr_notes = _ocr_pages(data, subject, password, pages, scanned)
    if ocr_notes:  # the unmapped-glyph share below is of all the text, OCR'd pages included
        text_chars = sum(len("".join(line.text.split())) for page in pages for line in page)
    # pdfminer writes "(cid:123)" for glyphs it cannot map to a character.
    unmapped = sum(line.text.count("(cid:") for page in pages for line in page) * len("(cid:123)")
    if unmapped > 0.3 * text_chars:
        raise InputError(subject, "PDF text layer is unreadable (fonts without a Unicode map); needs OCR first")
    body, removed = _drop_running_lines(pages)
    notes = ocr_notes + ([f"删除页眉页脚和页码 {removed} 行"] if removed else [])
    paragraphs = _paragraph_lines(body)
    extracted = Extracted(lines=[_joined(group) for group in paragraphs], source_format="pdf",
                          metadata=_properties(reader), notes=notes)
    if ocr_notes:
        from .ocr import low_confidence_spans

        extracted.ocr = True
        extracted.low_confidence = low_confidence_spans(paragraphs)
    return extracted


def _ocr_pages(data: bytes, subject: str, password: str | None, pages: list[list[_Line]], scanned: bool) -> list[str]:
    """OCR the pages without a text layer, in place; the notes to add. A text page is never OCR'd.

    A whole scan (``scanned``) has every near-empty page read. In a PDF with a text layer,
    a near-empty page is read only when an image covers most of it — a scanned page
    inserted among text pages — so a blank page or a logo-only cover costs nothing.
    """
    from . import ocr

    sparse = [n for n, page in enumerate(pages, start=1)
              if sum(len("".join(line.text.split())) for line in page) < _MIN_CHARS_PER_PAGE]
    if not sparse:
        return []
    if not ocr.available():
        if scanned:
            raise InputError(subject, f"scanned PDF: no text layer; {ocr.INSTALL_HINT}")
        return []
    try:
        wanted = sparse if scanned else ocr.image_pages(data, password, sparse)
        read = []
        started = time.monotonic()
        for number, image in ocr.render_pdf_pages(data, password, wanted):
            ocr.within_budget(started, subject, number, len(pages))
            # In PDF points, like the text pages': paragraph joining compares positions across pages.
            pages[number - 1] = ocr.page_lines(image, number, scale=72 / ocr.RENDER_DPI)
            read.extend(pages[number - 1])
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium and onnxruntime raise many types on damaged pages
        raise InputError(subject, f"cannot OCR the scanned PDF pages ({type(exc).__name__})")
    if scanned and not read:
        raise InputError(subject, "scanned PDF: no text layer, and OCR found no text on its pages")
    if not wanted:
        return []
    return [f"{ocr.OCR_NOTE}（第{_page_list(wanted)}页）", *ocr.low_confidence_note(read)]


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


def _open(data: bytes, subject: str) -> tuple[pypdf.PdfReader, str | None]:
    try:
        reader = pypdf.PdfReader(BytesIO(data))
    except Exception:  # noqa: BLE001 - pypdf raises many types for a damaged file
        raise InputError(subject, "corrupt PDF (cannot parse the file)")
    if not reader.is_encrypted:
        return reader, None
    try:
        # Many PDFs are "encrypted" only to forbid printing: the empty user password opens them.
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # noqa: BLE001 - unsupported cipher and the like
        opened = False
    if not opened:
        raise InputError(subject, "encrypted PDF: cannot read without the password")
    return reader, ""


def _read_pages(data: bytes, subject: str, password: str | None, n_pages: int, budget: float) -> list[list[_Line]]:
    started = time.monotonic()
    pages: list[list[_Line]] = []
    try:
        with pdfplumber.open(BytesIO(data), password=password) as pdf:
            for number, page in enumerate(pdf.pages[:n_pages], start=1):
                if time.monotonic() - started >= budget:
                    raise InputError(subject, f"PDF took over {budget:g} s to read (stopped at page {number} of {n_pages})")
                lines = []
                for raw in page.extract_text_lines(return_chars=True):
                    text = _SPACE_IN_CJK.sub("", raw["text"]).strip()
                    # Indentation typed as spaces is still indentation: measure from the first ink.
                    ink = [c for c in raw["chars"] if c["text"].strip()]
                    if text and ink:
                        x0 = ink[0]["x0"]
                        lines.append(_Line(text, x0, raw["x1"], raw["top"], raw["bottom"], number, float(page.height)))
                pages.append(lines)
                page.close()  # frees the page's parsed objects; long PDFs otherwise grow memory
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on damaged content
        raise InputError(subject, f"corrupt PDF (cannot read page text: {type(exc).__name__})")
    return pages


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    top = [l for l in lines[:_EDGE_LINES] if l.top < l.height * _EDGE_ZONE]
    bottom = [l for l in lines[-_EDGE_LINES:] if l.bottom > l.height * (1 - _EDGE_ZONE)]
    return top + [l for l in bottom if l not in top]


def _running_key(text: str) -> str:
    # Page numbers inside a header ("XX局文件 - 3 -") change from page to page.
    return re.sub(r"\d+", "#", "".join(text.split()))


def _drop_running_lines(pages: list[list[_Line]]) -> tuple[list[_Line], int]:
    n = len(pages)
    seen = Counter(key for page in pages for key in {_running_key(l.text) for l in _edge_lines(page)})
    running = {key for key, count in seen.items() if n >= 2 and count >= max(2, math.ceil(n / 2))}
    body: list[_Line] = []
    removed = 0
    for page in pages:
        edges = {id(l) for l in _edge_lines(page)}
        for line in page:
            if id(line) in edges and (_running_key(line.text) in running or PAGE_NUMBER.match(line.text)):
                removed += 1
            else:
                body.append(line)
    return body, removed


def _paragraphs(lines: list[_Line]) -> list[str]:
    return [_joined(group) for group in _paragraph_lines(lines)]


def _joined(group: list[_Line]) -> str:
    text = group[0].text
    for line in group[1:]:
        text = _join(text, line.text)
    return text


def _paragraph_lines(lines: list[_Line]) -> list[list[_Line]]:
    """The lines grouped into paragraphs, in order."""
    if not lines:
        return []
    char = _percentile([l.bottom - l.top for l in lines], 0.5) or 10.0  # CJK glyphs are square
    left = _percentile([l.x0 for l in lines], 0.1)
    right = _percentile([l.x1 for l in lines], 0.9)
    # 公文 indent each paragraph's first line by two characters. Where a document
    # does, indentation marks paragraph starts better than punctuation: a
    # sentence may end exactly at the margin in the middle of a paragraph.
    indents = sum(1 for l in lines if left + 1.2 * char < l.x0 < left + 2.8 * char)
    uses_indent = indents >= max(3, len(lines) // 20)
    paragraphs = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _continues(prev, line, left, right, char, uses_indent):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _continues(prev: _Line, line: _Line, left: float, right: float, char: float, uses_indent: bool) -> bool:
    # Line-breaking rules (no 。 at a line start, numbers kept whole) can leave a
    # full line up to two characters short of the margin.
    full_width = prev.x1 >= right - 2.5 * char
    ended = prev.text.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))
    indented = line.x0 > left + 0.8 * char
    near = line.page != prev.page or line.top - prev.bottom < 1.2 * char
    if not (full_width and near) or indented or _HEADING.match(line.text):
        return False
    return uses_indent or not ended


def _join(a: str, b: str) -> str:
    # Latin words wrapped across lines need their space back; Chinese does not
    # use one, and a number broken across lines ("20" / "15年") must not get one.
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return f"{a} {b}"
    return a + b


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


def _properties(reader: pypdf.PdfReader) -> dict[str, str]:
    meta: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is None:
            return meta
        title = (info.title or "").strip()
        author = (info.author or "").strip()
        created = info.creation_date
    except Exception:  # noqa: BLE001 - malformed Info dictionaries are common and harmless
        return meta
    if usable_title(title):
        meta["title"] = title
    if looks_like_org(author):
        meta["issuer"] = author
    if created is not None:
        meta["created"] = created.date().isoformat()
    return meta
