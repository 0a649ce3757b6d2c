"""OFD (GB/T 33190-2016), the national format for electronic official documents.

An OFD file is a zip package of XML. OFD.xml names the document's root
(DocBody → DocRoot → Document.xml), which lists the pages in order (Pages/Page
BaseLoc → Content.xml); a page's layers hold TextObjects whose TextCodes place
characters at X/Y (millimetres, origin top left, Y the baseline) inside the
object's Boundary, advancing by DeltaX. Like a PDF it stores positioned glyphs,
not paragraphs, so lines are rebuilt from positions (grouped by baseline, ordered
by X) and then go through the PDF reader's clean-up: running headers, footers and
page numbers dropped, lines joined into paragraphs.

Not read, as Word headers are not read for .docx: template pages (the 版头 and
页眉 a producer repeats on every page), annotations, signatures (seal pictures).

Guards as for .docx: the declared and the actual size of the XML read are capped
(zip bomb), a part with a DTD is refused (entity expansion, external entities),
nothing is fetched. Element names are matched without their namespace: producers
do not all use the standard's URI.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

from lxml import etree

from ..errors import InputError
from . import DOCX_XML_FACTOR, MAX_PDF_PAGES, Extracted, looks_like_org, usable_title
from .pdf import _SPACE_IN_CJK, _drop_running_lines, _Line, _paragraphs

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_A4_HEIGHT = 297.0  # mm, when neither the page nor the document gives a PhysicalBox
_DEFAULT_SIZE = 3.5  # mm (about 10 pt), for a TextObject without a Size
_ASCENT = 0.88  # share of the font size above the baseline, as in common CJK fonts
# Ingest refuses a report of over 1,000,000 characters (ingest.MAX_CHARS); past that, stop
# building glyphs (100 MB of XML could otherwise hold tens of millions of them).
MAX_GLYPHS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a line of the text holds no newline or tab
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


@dataclass(slots=True)
class _Glyph:
    char: str
    x: float
    y: float  # baseline
    size: float
    end: float  # x where the glyph's advance ends


def read_ofd(data: bytes, subject: str, max_bytes: int) -> Extracted:
    package = _Package(data, subject, max_bytes * DOCX_XML_FACTOR)
    ofd = package.xml("OFD.xml")
    body = _child(ofd, "DocBody")
    root_loc = _text(_child(body, "DocRoot")) if body is not None else ""
    if not root_loc:
        raise InputError(subject, "corrupt OFD (OFD.xml names no document: no DocBody/DocRoot)")
    doc_path = package.resolve("", root_loc)
    document = package.xml(doc_path)
    doc_dir = posixpath.dirname(doc_path)
    default_box = _box(_child(_child(document, "CommonData"), "PageArea"), subject, doc_path)
    page_refs = _children(_child(document, "Pages"), "Page")
    if len(page_refs) > MAX_PDF_PAGES:
        raise InputError(subject, f"OFD has {len(page_refs)} pages, over the {MAX_PDF_PAGES}-page limit for one report")
    pages: list[list[_Line]] = []
    images = glyph_count = 0
    for number, ref in enumerate(page_refs, start=1):
        loc = ref.get("BaseLoc", "")
        if not loc:
            raise InputError(subject, f"corrupt OFD (page {number} has no BaseLoc in {doc_path})")
        path = package.resolve(doc_dir, loc)
        page = package.xml(path)
        content = _child(page, "Content")
        height = (_box(_child(page, "Area"), subject, path) or default_box or (0, 0, 0, _A4_HEIGHT))[3]
        glyphs = [g for obj in _descendants(content, "TextObject") for g in _glyphs(obj, subject, path)]
        glyph_count += len(glyphs)
        if glyph_count > MAX_GLYPHS:
            raise InputError(subject, f"OFD text is over {MAX_GLYPHS:,} characters: is this one report?")
        images += sum(1 for _ in _descendants(content, "ImageObject"))
        pages.append(_lines(glyphs, number, height))
    if not any(line.text for page in pages for line in page):
        if images:
            raise InputError(subject, "scanned OFD: no text layer, needs OCR first")
        raise InputError(subject, "OFD has no text")
    lines, removed = _drop_running_lines(pages)
    notes = [f"删除页眉页脚和页码 {removed} 行"] if removed else []
    metadata = _properties(_child(body, "DocInfo"))
    return Extracted(lines=_paragraphs(lines), source_format="ofd", metadata=metadata, notes=notes)


class _Package:
    """The zip's parts, read with one budget for all the XML decompressed."""

    def __init__(self, data: bytes, subject: str, limit: int):
        self.subject = subject
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except _UNREADABLE:
            raise InputError(subject, "corrupt OFD (not a valid zip)")
        self.infos = {info.filename.lstrip("/"): info for info in infos}
        # Sizes in the zip directory are what the parts claim to expand to: refuse a bomb
        # before decompressing anything, then cap the actual reads in case they lie.
        declared = sum(info.file_size for name, info in self.infos.items() if name.lower().endswith(".xml"))
        if declared > limit:
            raise InputError(subject, "OFD XML expands past the size limit (possible zip bomb)")
        self.budget = limit

    def resolve(self, base_dir: str, loc: str) -> str:
        """A part's name from a reference: absolute ("/Doc_0/…") or relative to the referring part."""
        loc = loc.strip().replace("\\", "/")
        path = posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))
        if path not in self.infos and posixpath.normpath(loc.lstrip("/")) in self.infos:
            # Some producers write root-relative paths without the leading slash.
            return posixpath.normpath(loc.lstrip("/"))
        return path

    def xml(self, name: str):
        info = self.infos.get(name)
        if info is None:
            raise InputError(self.subject, f"corrupt OFD (no {name} inside)")
        if info.flag_bits & 0x1:
            raise InputError(self.subject, "encrypted OFD: cannot read without the password")
        try:
            with self.zip.open(info) as fh:
                blob = fh.read(self.budget + 1)
        except _UNREADABLE:
            raise InputError(self.subject, f"corrupt OFD (cannot unpack {name})")
        self.budget -= len(blob)
        if self.budget < 0:
            raise InputError(self.subject, "OFD XML expands past the size limit (possible zip bomb)")
        try:
            root = etree.fromstring(blob, _PARSER)
        except etree.XMLSyntaxError:
            raise InputError(self.subject, f"corrupt OFD ({name} is not well-formed XML)")
        if root.getroottree().docinfo.doctype:
            # OFD never needs a DTD; one here can only declare entities (billion laughs, XXE).
            raise InputError(self.subject, f"OFD part {name} declares a DTD: XML entities are refused")
        return root


def _glyphs(obj, subject: str, part: str) -> list[_Glyph]:
    """Characters of one TextObject with their positions on the page."""
    if obj.get("Visible", "true").lower() == "false":
        return []
    try:
        left, top = _numbers(obj.get("Boundary", "0 0 0 0"))[:2]
        # One producer (easyofd) writes the required Size attribute in lower case.
        size = float(obj.get("Size") or obj.get("size") or _DEFAULT_SIZE)
        a, b, c, d, e, f = _numbers(obj.get("CTM")) if obj.get("CTM") else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        glyphs: list[_Glyph] = []
        x = y = None
        for code in _children(obj, "TextCode"):
            # A TextCode without X or Y continues from the previous one's.
            x = float(code.get("X")) if code.get("X") is not None else x
            y = float(code.get("Y")) if code.get("Y") is not None else y
            text = code.text or ""
            if x is None or y is None or not text:
                continue
            dx = _deltas(code.get("DeltaX"), len(text))
            dy = _deltas(code.get("DeltaY"), len(text))
            cx, cy = x, y
            for i, char in enumerate(text):
                advance = dx[i] if i < len(dx) else _advance(char, size)
                px, py = a * cx + c * cy + e + left, b * cx + d * cy + f + top
                glyphs.append(_Glyph(char, px, py, size * scale, px + advance * scale))
                cx += advance
                cy += dy[i] if i < len(dy) else 0.0
    except (ValueError, TypeError):
        raise InputError(subject, f"corrupt OFD (a number in {part} cannot be read)")
    return glyphs


def _lines(glyphs: list[_Glyph], page: int, height: float) -> list[_Line]:
    """Glyphs grouped into lines by baseline, each line read left to right, lines top to bottom."""
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.y):
        row = rows[-1] if rows else None
        if row and glyph.y - row[0].y <= 0.4 * max(row[0].size, glyph.size):
            row.append(glyph)
        else:
            rows.append([glyph])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        pieces = [row[0].char]
        for prev, glyph in zip(row, row[1:]):
            # A gap of half a character or more is a space in the text (words, table cells).
            if glyph.x - prev.end >= 0.5 * glyph.size and not prev.char.isspace():
                pieces.append(" ")
            pieces.append(glyph.char)
        text = _SPACE_IN_CJK.sub("", _CONTROL.sub(" ", "".join(pieces))).strip()
        ink = [g for g in row if not g.char.isspace()]
        if text and ink:
            top = min(g.y - _ASCENT * g.size for g in row)
            bottom = max(g.y + (1 - _ASCENT) * g.size for g in row)
            lines.append(_Line(text, ink[0].x, max(g.end for g in ink), top, bottom, page, height))
    return lines


def _advance(char: str, size: float) -> float:
    # Without DeltaX a glyph advances by its own width: CJK are square, Latin about half.
    return size if ord(char) >= 0x2E80 else size / 2


def _deltas(spec: str | None, count: int) -> list[float]:
    """DeltaX/DeltaY values, "g N V" expanded to N times V; never more than ``count`` (a bomb)."""
    values: list[float] = []
    tokens = iter((spec or "").split())
    for token in tokens:
        if len(values) >= count:
            break
        if token == "g":
            repeat, value = int(next(tokens, "")), float(next(tokens, ""))
            values += [value] * max(0, min(repeat, count - len(values)))
        else:
            values.append(float(token))
    return values


def _numbers(spec: str | None) -> list[float]:
    values = [float(v) for v in (spec or "").split()]
    if not all(math.isfinite(v) for v in values):
        raise ValueError(spec)
    return values


def _box(area, subject: str, part: str) -> tuple[float, float, float, float] | None:
    box = _child(area, "PhysicalBox")
    if box is None:
        return None
    try:
        values = _numbers(_text(box))
    except ValueError:
        values = []
    if len(values) != 4 or values[3] <= 0:
        raise InputError(subject, f"corrupt OFD (bad PhysicalBox in {part})")
    return values[0], values[1], values[2], values[3]


def _properties(info) -> dict[str, str]:
    meta: dict[str, str] = {}
    if info is None:
        return meta
    title = _text(_child(info, "Title"))
    if usable_title(title):
        meta["title"] = title
    # Author is who wrote it; Creator is usually the producing application ("Suwell OFD"),
    # which looks_like_org turns away.
    for who in (_text(_child(info, "Author")), _text(_child(info, "Creator"))):
        if looks_like_org(who):
            meta["issuer"] = who
            break
    created = _text(_child(info, "CreationDate"))
    if re.match(r"\d{4}-\d{2}-\d{2}", created):
        meta["created"] = created[:10]
    return meta


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments have no name


def _children(el, name: str) -> list:
    return [c for c in el if _local(c) == name] if el is not None else []


def _child(el, name: str):
    found = _children(el, name)
    return found[0] if found else None


def _descendants(el, name: str):
    return (c for c in el.iter() if _local(c) == name) if el is not None else ()


def _text(el) -> str:
    return (el.text or "").strip() if el is not None else ""
