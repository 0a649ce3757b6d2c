"""The memo as a Word document: real Title/Heading 1/Heading 2 styles and a real table.

Laid out the way a 公文-style memo looks (A4, 仿宋 body, 黑体 section headings, 楷体
sub-headings and quotes) so it opens cleanly in Word and LibreOffice. python-docx escapes
text itself; characters XML cannot hold (stray control bytes in a report) are dropped.
"""

from __future__ import annotations

import io
import re

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


def _styles(doc) -> None:
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


def _table(doc, memo: Memo) -> None:
    table = doc.add_table(rows=1, cols=len(memo.table_header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    header_props = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page of a long table
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for cell, text in zip(header.cells, memo.table_header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        _fonts(run, HEADING_FONT, 10.5, bold=False)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), "E7E9EC")
        cell._tc.get_or_add_tcPr().append(shade)
    for row in memo.rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row.cells)):
            cell.text = ""
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing = 1.15
            if i in (0, 3, 4, 5):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(_safe(text))
            _fonts(run, BODY_FONT, 9 if i == 2 else 10.5)
    # Word reads the cell widths, LibreOffice the table grid: set both, and a fixed layout.
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS_CM):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, COLUMN_WIDTHS_CM):
            cell.width = Cm(width)


def docx_bytes(memo: Memo) -> bytes:
    doc = Document()
    _styles(doc)
    _page(doc)
    doc.core_properties.title = _safe(memo.title)
    doc.core_properties.author = "fazhi"
    doc.add_paragraph(_safe(memo.title), style="Title")
    _para(doc, memo.addressee, indent=False)
    _para(doc, memo.opening)
    doc.add_heading(memo.sections[0], level=1)
    for text in memo.assessment:
        _para(doc, text)
    doc.add_heading(memo.sections[1], level=1)
    for problem in memo.problems:
        doc.add_heading(_safe(problem.heading), level=2)
        _para(doc, problem.missing)
        if problem.quote:
            _para(doc, f"报告原文（{problem.quote_part}）：“{problem.quote}”", font=SUB_FONT)
        _para(doc, f"依据：{problem.source}")
        _para(doc, f"整改建议：{problem.suggestion}")
    if not memo.problems:
        _para(doc, memo.no_problems)
    doc.add_heading(memo.sections[2], level=1)
    for i, text in enumerate(memo.requirements, 1):
        _para(doc, f"{i}. {text}")
    doc.add_paragraph()
    _para(doc, memo.signer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, memo.date_line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(memo.sections[3], level=1)
    _table(doc, memo)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
