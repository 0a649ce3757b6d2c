"""Word .docx: paragraphs, headings and tables in document order.

We read the XML parts directly (lxml) instead of through python-docx: it gives
text inside tracked insertions, content controls and text boxes, which
python-docx's ``Paragraph.text`` skips, and it lets us refuse a zip bomb before
anything is decompressed. Headers and footers (word/header*.xml) are page
furniture and are not read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO

from lxml import etree

from ..errors import InputError
from . import DOCX_XML_FACTOR, Extracted, looks_like_org, usable_title
from .docx_numbering import W, Numbering

_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "docProps/core.xml", "docProps/app.xml")
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
# Inline containers whose runs are part of the paragraph's visible text.
_INLINE = {W + n for n in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "sdtContent", "dir", "bdo")}
_SKIP = {W + n for n in ("del", "moveFrom", "rPr", "pPr")}


def read_docx(data: bytes, subject: str, max_bytes: int) -> Extracted:
    parts = _read_parts(data, subject, max_bytes * DOCX_XML_FACTOR)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(parts["word/document.xml"], parser)
        numbering = Numbering(parts.get("word/numbering.xml"), parts.get("word/styles.xml"), parser)
        metadata = _properties(parts, parser)
    except etree.XMLSyntaxError:
        raise InputError(subject, "corrupt .docx (its XML is not well-formed)")
    body = root.find(W + "body")
    lines: list[str] = []
    for child in body if body is not None else ():
        lines += _block(child, numbering)
    return Extracted(lines=lines, source_format="docx", metadata=metadata)


def _read_parts(data: bytes, subject: str, limit: int) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = {info.filename: info for info in zf.infolist()}
        # Sizes in the zip directory are what the parts claim to expand to; check
        # them before decompressing, then cap the actual reads as well in case they lie.
        declared = sum(infos[name].file_size for name in _PARTS if name in infos)
        if declared > limit:
            raise InputError(subject, "docx XML expands past the size limit (possible zip bomb)")
        parts, total = {}, 0
        for name in _PARTS:
            if name not in infos:
                continue
            if infos[name].flag_bits & 0x1:
                raise InputError(subject, "encrypted .docx: cannot read without the password")
            with zf.open(name) as fh:
                blob = fh.read(limit - total + 1)
            total += len(blob)
            if total > limit:
                raise InputError(subject, "docx XML expands past the size limit (possible zip bomb)")
            parts[name] = blob
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise InputError(subject, "corrupt .docx (not a valid zip)")
    if "word/document.xml" not in parts:
        raise InputError(subject, "corrupt .docx (no word/document.xml inside)")
    return parts


def _block(el, numbering: Numbering) -> list[str]:
    """Lines of one body-level element: a paragraph, a table, a content control."""
    if el.tag == W + "p":
        return _paragraph(el, numbering)
    if el.tag == W + "tbl":
        return _table(el, numbering)
    if el.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
        inner = el.find(W + "sdtContent") if el.tag == W + "sdt" else el
        return [line for child in (inner if inner is not None else ()) for line in _block(child, numbering)]
    return []


def _paragraph(p, numbering: Numbering) -> list[str]:
    pieces: list[str] = []
    boxes: list[str] = []
    _inline(p, pieces, boxes, numbering)
    text = numbering.label(p) + "".join(pieces)
    # A manual line break (Shift+Enter) splits the paragraph on screen; keep those as lines.
    return text.split("\n") + boxes


def _inline(el, pieces: list[str], boxes: list[str], numbering: Numbering) -> None:
    for child in el:
        tag = child.tag
        if tag == W + "r":
            _run(child, pieces, boxes, numbering)
        elif tag in _INLINE or tag == W + "sdt":
            _inline(child, pieces, boxes, numbering)


def _run(r, pieces: list[str], boxes: list[str], numbering: Numbering) -> None:
    vanish = r.find(f"{W}rPr/{W}vanish")
    if vanish is not None and vanish.get(W + "val", "true") not in ("0", "false"):
        return  # hidden text is not part of the report as printed
    for child in r:
        tag = child.tag
        if tag == W + "t":
            pieces.append(child.text or "")
        elif tag == W + "tab":
            pieces.append("\t")
        elif tag in (W + "br", W + "cr"):
            pieces.append("\n")
        elif tag == W + "noBreakHyphen":
            pieces.append("-")
        elif tag in (W + "drawing", W + "pict", MC + "AlternateContent"):
            # A text box: its paragraphs follow the paragraph that anchors it.
            # mc:Fallback repeats mc:Choice for old readers, so only one is read.
            scope = child.find(MC + "Choice") if tag == MC + "AlternateContent" else child
            for box in scope.iter(W + "txbxContent") if scope is not None else ():
                for inner in box:
                    boxes += _block(inner, numbering)


def _table(tbl, numbering: Numbering) -> list[str]:
    lines: list[str] = []
    for tr in tbl.findall(W + "tr"):
        cells = []
        for tc in tr.findall(W + "tc"):
            cell = [line for child in tc for line in _block(child, numbering)]
            cells.append([line for line in cell if line.strip()])
        if all(len(cell) <= 1 for cell in cells):
            # A form-like row ("主要负责人 | 张三"): keep its cells together on one line.
            row = "\t".join(cell[0].strip() for cell in cells if cell)
            if row:
                lines.append(row)
        else:
            # A cell holding paragraphs of prose (reports written into a form):
            # its paragraphs and headings stay lines of their own.
            lines += [line for cell in cells for line in cell]
    return lines


def _properties(parts: dict[str, bytes], parser) -> dict[str, str]:
    meta: dict[str, str] = {}

    def text(xml: bytes | None, path: str) -> str:
        if not xml:
            return ""
        found = etree.fromstring(xml, parser).find(path, _NS)
        return (found.text or "").strip() if found is not None else ""

    core, app = parts.get("docProps/core.xml"), parts.get("docProps/app.xml")
    title = text(core, "dc:title")
    if usable_title(title):
        meta["title"] = title
    for who in (text(core, "dc:creator"), text(app, "ep:Company")):
        if looks_like_org(who):
            meta["issuer"] = who
            break
    created = text(core, "dcterms:created")
    if re.match(r"\d{4}-\d{2}-\d{2}", created):
        meta["created"] = created[:10]
    return meta
