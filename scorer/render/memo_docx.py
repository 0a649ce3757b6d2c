"""The memo as a Word document: real Title/Heading 1/Heading 2 styles and a real table.

Laid out the way a 公文-style memo looks (A4, 仿宋 body, 黑体 section headings, 楷体
sub-headings and quotes) so it opens cleanly in Word and LibreOffice. python-docx escapes
text itself; characters XML cannot hold (stray control bytes in a report) are dropped.

Speed (a batch writes one memo per report): python-docx's per-element API is slow — each
property set searches the element's children, each style set by name searches every style
in the template, and ``row.cells`` walks the whole table. So the 逐项核查表 lays out its
first requirement row through the API and copies that row's XML for the others, only
replacing the text; headings take the style id found once. And opening python-docx's
template (parsing a dozen XML parts) and styling it is done once per thread: each memo
empties that document's body and starts again from the styled, empty page.
"""

from __future__ import annotations

import io
import re
import threading
from copy import deepcopy

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scorer.render.memo import Memo

BODY_FONT, HEADING_FONT, SUB_FONT, TITLE_FONT = "仿宋", "黑体", "楷体", "宋体"
LATIN_FONT = "Times New Roman"
COLUMN_WIDTHS_CM = (1.3, 5.1, 4.6, 1.3, 1.9, 1.4)  # 序号 要求 编号 级别 核查结果 得分 = A4 text width
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_W_T, _XML_SPACE = qn("w:t"), qn("xml:space")
_base = threading.local()  # the styled empty document, one per thread (a document is not thread-safe)


def _safe(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _fonts(target, east_asian: str, size: float, bold: bool | None = None) -> None:
    """Set Latin and East Asian fonts on a style or run; theme fonts would override them, so drop those."""
    font = target.font
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _styles(doc) -> dict[str, str]:
    """Set the memo's fonts and spacing on the template's styles; return the style ids by name."""
    styles = doc.styles
    _fonts(styles["Normal"], BODY_FONT, 14)
    styles["Normal"].paragraph_format.line_spacing = 1.5
    styles["Normal"].paragraph_format.space_after = Pt(0)
    title = styles["Title"]
    _fonts(title, TITLE_FONT, 20, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:  # the default template underlines titles; a memo does not
        title.element.pPr.remove(borders)
    for name, face, size, bold in (("Heading 1", HEADING_FONT, 15, False), ("Heading 2", SUB_FONT, 14, True)):
        style = styles[name]
        _fonts(style, face, size, bold=bold)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    return {name: styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Table Grid")}


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.2), Cm(3.0)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


def _para(doc, text: str, *, indent: bool = True, align=None, font: str | None = None):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(28)  # two characters, as Chinese prose is set
    if align is not None:
        p.alignment = align
    run = p.add_run(_safe(text))
    if font:
        _fonts(run, font, 14)
    return p


def _heading(doc, style_ids: dict[str, str], text: str, style: str):
    """``doc.add_heading``/``add_paragraph(style=…)`` without their two searches of the style table."""
    p = doc.add_paragraph()
    if text:
        p.add_run(text)
    p._p.style = style_ids[style]
    return p


def _fill_row(cells, texts) -> None:
    for i, (cell, text) in enumerate(zip(cells, texts)):
        cell.text = ""
        p = cell.paragraphs[0]
        p.paragraph_format.line_spacing = 1.15
        if i in (0, 3, 4, 5):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(_safe(text))
        _fonts(run, BODY_FONT, 9 if i == 2 else 10.5)


def _set_run_text(run, text: str) -> None:
    """``run.text = text`` for a copied run that holds one w:t, without python-docx's searches.

    Text with a tab or line break (w:tab / w:br in Word) goes through python-docx.
    """
    t = run[-1]
    if len(run) != 2 or t.tag != _W_T or not text or any(c in text for c in "\t\n\r"):  # not w:rPr + one w:t
        run.text = text
        return
    t.text = text
    if text != text.strip():  # what python-docx does: keep leading/trailing spaces
        t.set(_XML_SPACE, "preserve")
    else:
        t.attrib.pop(_XML_SPACE, None)


def _table(doc, style_ids: dict[str, str], memo: Memo) -> None:
    table = doc.add_table(rows=1, cols=len(memo.table_header))
    table._tbl.tblPr.style = style_ids["Table Grid"]  # table.style = "Table Grid", without the searches
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Word reads the cell widths, LibreOffice the table grid: set both, and a fixed layout.
    # The grid first: every row added after it takes its cell widths from the grid.
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS_CM):
        column.width = Cm(width)
    header = table.rows[0]
    header_props = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page of a long table
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for cell, text, width in zip(header.cells, memo.table_header, COLUMN_WIDTHS_CM):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        _fonts(run, HEADING_FONT, 10.5, bold=False)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), "E7E9EC")
        cell._tc.get_or_add_tcPr().append(shade)
        cell.width = Cm(width)
    if not memo.rows:
        return
    first = table.add_row()
    _fill_row(first.cells, memo.rows[0].cells)
    tbl = table._tbl
    for row in memo.rows[1:]:  # same layout as the first row: copy its XML, put this row's text in
        tr = deepcopy(first._tr)
        for tc, text in zip(tr.iterchildren(qn("w:tc")), row.cells):
            _set_run_text(tc[-1][-1], _safe(text))  # the cell's paragraph, its last run: the one with the text
        tbl.append(tr)


def _document():
    """The styled, empty A4 document of this thread, its body emptied; and its heading style ids."""
    if getattr(_base, "doc", None) is None:
        doc = Document()
        _base.style_ids = _styles(doc)
        _page(doc)
        _base.body = [deepcopy(child) for child in doc.element.body]  # just the page setup (w:sectPr)
        _base.doc = doc
    doc = _base.doc
    body = doc.element.body  # emptied in place: python-docx keeps a proxy of this element
    body.clear()  # w:body has no attributes, only children
    body.extend(deepcopy(child) for child in _base.body)
    return doc, _base.style_ids


def docx_bytes(memo: Memo) -> bytes:
    doc, style_ids = _document()
    doc.core_properties.title = _safe(memo.title)
    doc.core_properties.author = "fazhi"
    _heading(doc, style_ids, _safe(memo.title), "Title")
    _para(doc, memo.addressee, indent=False)
    _para(doc, memo.opening)
    _heading(doc, style_ids, memo.sections[0], "Heading 1")
    for text in memo.assessment:
        _para(doc, text)
    _heading(doc, style_ids, memo.sections[1], "Heading 1")
    for problem in memo.problems:
        _heading(doc, style_ids, _safe(problem.heading), "Heading 2")
        _para(doc, problem.missing)
        if problem.quote:
            _para(doc, f"报告原文（{problem.quote_part}）：“{problem.quote}”", font=SUB_FONT)
        _para(doc, f"依据：{problem.source}")
        _para(doc, f"整改建议：{problem.suggestion}")
    if not memo.problems:
        _para(doc, memo.no_problems)
    _heading(doc, style_ids, memo.sections[2], "Heading 1")
    for i, text in enumerate(memo.requirements, 1):
        _para(doc, f"{i}. {text}")
    doc.add_paragraph()
    _para(doc, memo.signer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, memo.date_line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(doc, style_ids, memo.sections[3], "Heading 1")
    _table(doc, style_ids, memo)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
