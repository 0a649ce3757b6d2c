"""Ingest: turn a report file of any supported format into a ``Document``.

The first pipeline stage. It checks the file, picks a reader by the content's
signature (the extension only breaks ties — government sites serve HTML named
.doc and PDFs named .htm), and then applies the clean-up every format needs:
web-page furniture and a second copy of the body are dropped. Dropping never
edits ``Document.text`` — offsets into it are what evidence points at — it only
leaves lines out of ``Document.keep``. The edits inside lines come before the text
is fixed: pinyin a mirror site wrote after characters (建設(shè)) is taken out
(``readers.pinyin``), so ``Document.text`` is the report as written, and a run of spaces
longer than ``MAX_SPACE_RUN`` is shortened to that length (see there why).

Every problem with the file is one ``InputError`` with a one-line message.
A report held in memory (an upload, a blob from object storage) is read the same way by
``read_bytes``, and text already decoded by ``read_text``: no temporary file.
"""

from __future__ import annotations

import os
import re
import stat
from io import BytesIO
from pathlib import Path

from . import regex_cache
from .errors import InputError
from .models import Document
from .readers import Extracted, furniture, pinyin, repeats, split_lines
from .readers.sniff import looks_like_html, looks_like_mhtml
from .readers.txt import read_txt

# The PDF, HTML and Word readers are imported where a file needs them: pdfplumber/pypdf,
# BeautifulSoup and lxml cost about 0.25 s of imports, most of the cold start of
# `fazhi score` on a .txt report, which needs none of them.

MAX_BYTES = 20_000_000
# The longest real reports run to some 100,000 characters; matching is linear but not free, so
# text past this is refused rather than scored for minutes. Its cost is per sentence (100–150 µs
# and 3–4 KB each while a report is matched), so the worst text is one of many short lines: at
# 3,000,000 characters (the limit until the thirty-fourth session) 140,000 of them took 24 s
# and 580 MB; at this limit such a file takes about 8 s and 220 MB (`make bench-hostile`).
MAX_CHARS = 1_000_000

# The longest run of spaces (of any kind) left inside a line. The rules' patterns allow spaces
# between the pieces of what they read (12 件, 2023 年), several optional pieces apart, and
# `re` tries every way of sharing a run among them: a figure followed by 1,000 spaces cost one
# count pattern 30 s, a 30 KB file of such lines ten minutes. No meaning rides on a longer run
# (the 2,904 labelled texts hold four, the longest 46: layout copied from a page or a PDF).
MAX_SPACE_RUN = 20
_LONG_SPACE_RUN = regex_cache.compile(rf"[^\S\n]{{{MAX_SPACE_RUN + 1},}}")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, and password-protected .docx
_ZIP = b"PK\x03\x04"
_RTF = b"{\\rtf"
# A scanned or photographed report: PNG, JPEG, TIFF (little- and big-endian). Read by OCR.
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# Signatures of common non-report files, so the error can say what the file is.
_BINARY_KINDS = (
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "program"),
    (b"MZ", "program"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)
_NO_TEXT = {
    "txt": "file is empty",
    "html": "HTML page has no text",
    "docx": "Word document has no text",
    "pdf": "PDF has no text",
    "ofd": "OFD has no text",
    "image": "OCR found no text in the image",
}


def read_document(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one report file. Raises InputError for anything that is not a readable report."""
    subject = str(path)
    data = _read_bytes(Path(path), subject, max_bytes)
    extracted = _extract(data, Path(path).suffix.lower(), subject, max_bytes)
    return _assemble(subject, extracted)


def read_bytes(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """A report's bytes, read as ``read_document`` reads a file called ``name``: the content
    picks the reader, the extension only breaks ties, and every InputError names ``name``.
    Readers that need a file on disk (LibreOffice for .doc/.wps) make a temporary one themselves."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"read_bytes takes bytes, not {type(data).__name__} (text goes to read_text)")
    data = bytes(data)
    if len(data) > max_bytes:
        raise InputError(name, f"file is {_size(len(data))}, over the {_size(max_bytes, exact=True)} limit")
    if not data:
        raise InputError(name, "file is empty")
    return _assemble(name, _extract(data, Path(name).suffix.lower(), name, max_bytes))


def read_text(text: str, name: str) -> Document:
    """A report already decoded to text, read as a UTF-8 .txt file holding it would be."""
    lines = split_lines(text.removeprefix("\ufeff"))  # a BOM decoded along with the text
    return _assemble(name, Extracted(lines=lines, source_format="txt", encoding=None))


def body_text(doc: Document) -> str:
    """The report body as one string: the kept spans joined by newlines."""
    return "\n".join(doc.text[start:end] for start, end in doc.keep)


def _read_bytes(path: Path, subject: str, max_bytes: int) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(subject, "no such file")
    except OSError as exc:
        raise InputError(subject, f"cannot open file: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        raise InputError(subject, "is a directory, not a report file")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or device would block or never end.
        raise InputError(subject, "not a regular file")
    if st.st_size > max_bytes:
        raise InputError(subject, f"file is {_size(st.st_size)}, over the {_size(max_bytes, exact=True)} limit")
    if st.st_size == 0:
        raise InputError(subject, "file is empty")
    try:
        # Non-blocking, and checked again once open: the file may have been swapped for a
        # FIFO since stat(), and opening a FIFO for reading blocks until a writer comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(subject, "not a regular file")
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(subject, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        raise InputError(subject, f"file is over the {_size(max_bytes, exact=True)} limit")
    return data


def _extract(data: bytes, ext: str, subject: str, max_bytes: int) -> Extracted:
    head = data[:1024]
    if b"%PDF-" in head:
        from .readers.pdf import read_pdf

        return read_pdf(data, subject)
    if data.startswith(_ZIP):
        return _read_zip(data, ext, subject, max_bytes)
    if data.startswith(_OLE2) or data.startswith(_RTF):
        from .readers.docx import read_docx
        from .readers.office import convert_and_read

        return convert_and_read(data, ext, subject, lambda converted: read_docx(converted, subject, max_bytes))
    if looks_like_mhtml(head) or looks_like_html(head):
        from .readers.html import read_html

        return read_html(data, subject)
    if data.startswith(_IMAGES):
        from .readers.ocr import read_image

        return read_image(data, subject)
    for magic, kind in _BINARY_KINDS:
        if data.startswith(magic):
            raise InputError(subject, f"not a text report: binary content ({kind})")
    # No signature: the extension decides, so a broken .docx/.pdf says so.
    if ext == ".docx":
        raise InputError(subject, "corrupt .docx (not a valid zip)")
    if ext == ".pdf":
        raise InputError(subject, "corrupt PDF (no %PDF header)")
    if ext == ".ofd":
        raise InputError(subject, "corrupt OFD (not a valid zip)")
    if ext in (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml"):
        from .readers.html import read_html

        return read_html(data, subject)
    return read_txt(data, subject)


def _read_zip(data: bytes, ext: str, subject: str, max_bytes: int) -> Extracted:
    import zipfile  # (only for a zip: ~1.5 ms of every start otherwise)

    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        if ext == ".docx":
            raise InputError(subject, "corrupt .docx (not a valid zip)")
        if ext == ".ofd":
            raise InputError(subject, "corrupt OFD (not a valid zip)")
        raise InputError(subject, "not a text report: broken zip archive")
    if "word/document.xml" in names:
        from .readers.docx import read_docx

        return read_docx(data, subject, max_bytes)
    if "OFD.xml" in names or ext == ".ofd":
        # The OFD reader names what is missing from a package that calls itself .ofd.
        from .readers.ofd import read_ofd

        return read_ofd(data, subject, max_bytes)
    if ext == ".docx":
        raise InputError(subject, "corrupt .docx (no word/document.xml inside)")
    kind = "an Excel workbook" if "xl/workbook.xml" in names else "a zip archive"
    raise InputError(subject, f"not a report: {kind}; give the report as .docx, .pdf, .html or .txt")


def _assemble(subject: str, ex: Extracted) -> Document:
    lines = ex.lines
    if not any(line.strip() for line in lines):
        raise InputError(subject, _NO_TEXT[ex.source_format])
    notes = list(ex.notes)
    if not ex.low_confidence:  # (OCR's spans are offsets into its lines as read)
        lines, annotated = pinyin.strip_pinyin(lines)
        if annotated:
            notes.append(f"删除网页添加的拼音注音 {annotated} 处")
        lines, squeezed = _squeeze_spaces(lines)
        if squeezed:
            notes.append(f"过长的连续空白 {squeezed} 处已缩短为 {MAX_SPACE_RUN} 个字符")
    dropped, meta = furniture.find_furniture(lines)
    web = len(dropped - ex.furniture)
    dropped |= ex.furniture
    if ex.furniture:
        notes.append(f"删除网页导航链接 {len(ex.furniture)} 行")
    if web:
        notes.append(f"删除网页附加信息 {web} 行")
    repeated = repeats.find_repeats(lines, dropped)
    if repeated:
        notes.append(f"正文在页面中重复出现，已按一份计（删除重复的 {len(repeated)} 行）")
        dropped |= repeated
    keep = _keep_spans(lines, dropped)
    if not keep:
        raise InputError(subject, "no report text: every line is web-page furniture (menus, dates, share buttons)")
    chars = sum(end - start for start, end in keep)
    if chars > MAX_CHARS:
        raise InputError(subject, f"report text is {chars:,} characters, over the {MAX_CHARS:,} limit: "
                                  "is this one report?")
    # What the page or report visibly says beats file properties (often a template's).
    metadata = {**ex.metadata, **meta}
    return Document(
        path=subject,
        text="\n".join(lines),
        keep=keep,
        source_format=ex.source_format,
        encoding=ex.encoding,
        metadata=metadata,
        notes=tuple(notes),
        ocr=ex.ocr,
        low_confidence=_text_spans(lines, ex.low_confidence),
    )


def _squeeze_spaces(lines: list[str]) -> tuple[list[str], int]:
    """The lines with every run of spaces longer than MAX_SPACE_RUN cut to its first
    MAX_SPACE_RUN characters, and how many runs were cut."""
    count = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return m.group(0)[:MAX_SPACE_RUN]

    return [_LONG_SPACE_RUN.sub(cut, line) if len(line) > MAX_SPACE_RUN else line for line in lines], count


def _text_spans(lines: list[str], spans: list[tuple[int, int, int]]) -> tuple[tuple[int, int], ...]:
    """(line, start, end) spans as offsets into ``"\n".join(lines)``."""
    if not spans:
        return ()
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return tuple((starts[i] + start, starts[i] + end) for i, start, end in spans)


def _keep_spans(lines: list[str], dropped: set[int]) -> tuple[tuple[int, int], ...]:
    """Whole-line spans of the kept lines; kept lines separated only by blank lines share a span."""
    spans: list[list[int]] = []
    offset = 0
    gap_is_blank = False  # only blank lines since the last kept line
    for i, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        if i in dropped:
            gap_is_blank = False
            continue
        if spans and gap_is_blank:
            spans[-1][1] = end
        else:
            spans.append([start, end])
        gap_is_blank = True
    return tuple((s, e) for s, e in spans)


def _size(n: int, exact: bool = False) -> str:
    """Sizes the way the user sees them; the limit is shown without rounding it away."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= scale:
            return f"{n / scale:g} {unit}" if exact else f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
