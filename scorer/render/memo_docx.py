"""A 公文 as a Word document, in the layout of 党政机关公文格式 (GB/T 9704-2012).

``docx_bytes(Gongwen)`` sets any document of that shape: title, 主送, body blocks
(一、 headings and paragraphs, a paragraph may open with a run-in （一） heading), the
附件 line, 落款 and date, then the 附件 on a page of its own with its table. It knows
nothing of reports or rules: ``scorer.render.memo`` builds the Gongwen, so data flows one
way, from the memo's content down to its layout.

What GB/T 9704 asks and how it is set here:
- A4, margins 上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm: a 156 × 225 mm text block;
- 22 lines of 28 characters a page: every paragraph at a fixed 28-point line on a line
  grid (w:docGrid) of that pitch, and the 三号 (16 pt) characters set a quarter point
  closer so that 28 fit on the 156 mm line;
- title 二号 (22 pt) 方正小标宋简体, centred; body 三号 仿宋_GB2312, first lines indented
  two characters; 一、 headings 黑体, （一） headings 楷体; 落款 and date on the right;
- page numbers 四号 (14 pt) 宋体 as “— 1 —” 7 mm under the text block, odd pages on the
  right and even pages on the left, each one character in from the edge;
- the 附件 on a new page: “附件” in 黑体 at the top left, its title centred on the third line.
The official fonts are often not installed. Each run names its East Asian font in
w:rFonts w:eastAsia, and the document's font table gives each official font the common
font Word and LibreOffice fall back to when it is missing (w:altName: 方正小标宋简体 →
宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), with the GB2312 character set and the
fallback's PANOSE class so the substitute is a Chinese face of the same kind.

Speed (a batch writes one memo per report): python-docx's per-element API is slow — each
property set searches the element's children, each style set by name searches every style
in the template, and ``row.cells`` walks the whole table. So the table lays out its first
row through the API and copies that row's XML for the others, only replacing the text;
paragraphs take the style id found once and inherit their fonts from it. Opening
python-docx's template and styling it is done once per thread: each document empties
that one's body and starts again from the styled, empty page.
"""

from __future__ import annotations

import io
import math
import re
import threading
from copy import deepcopy
from dataclasses import dataclass

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run
from lxml import etree

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"  # 一、
SUB_FONT = "楷体_GB2312"  # （一）
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# (font, the font used when it is missing, PANOSE of that fallback). 黑体 and 宋体 ship with
# every Chinese Windows, the three official fonts often do not; 黑体 is listed with its
# English name for a system whose font list has only that.
FONT_FALLBACKS = (
    (TITLE_FONT, "宋体", "02010600030101010101"),
    (BODY_FONT, "仿宋", "02010609060101010101"),
    (SUB_FONT, "楷体", "02010609060101010101"),
    (HEADING_FONT, "SimHei", "02010609060101010101"),
)
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, TABLE_PT = 22, 16, 14, 10.5  # 二号, 三号, 四号, 五号
LINE_PT = 28  # 22 lines on the 225 mm text block
TABLE_LINE_PT = 14  # the 附件 table's rows: a requirement per line, the 33 of them on one page
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_PT = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72
CHARS_PER_LINE = 28
# 28 三号 characters are 448 pt, 156 mm is 442 pt: each character is set a quarter point
# closer (w:spacing, in twentieths of a point) so that 28 fit. A character grid
# (w:docGrid linesAndChars) would say the same to Word, but LibreOffice gives each
# character wider than the grid's pitch two cells, 14 to the line.
CONDENSE_TWIPS = -math.ceil((BODY_PT - TEXT_WIDTH_PT / CHARS_PER_LINE) * 20)
# The page number's 一字线 sits 7 mm under the text block: the footer's bottom edge is
# the bottom margin less those 7 mm and the number's own line (about 6 mm at 14 pt).
FOOTER_DISTANCE_MM = MARGINS_MM["bottom"] - 7 - 6
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_W_T, _XML_SPACE = qn("w:t"), qn("xml:space")
TABLE_STYLE = "表格文字"
# What may follow w:spacing in a w:rPr, and w:snapToGrid in a w:pPr: Word refuses a file
# whose properties are out of order.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                  "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                  "w:oMath")
_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                       "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                       "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_base = threading.local()  # the styled empty document, one per thread (a document is not thread-safe)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading": a 一、 heading in 黑体 | "paragraph": body text in 仿宋
    text: str
    lead: str = ""  # a paragraph's run-in second-level heading in 楷体: （一）行政执法。


@dataclass(frozen=True)
class Annex:
    label: str  # 附件
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]  # adding up to the 156 mm text width
    centered: frozenset[int] = frozenset()  # columns set centred (numbers, short labels)


@dataclass(frozen=True)
class Gongwen:
    title: str
    addressee: str  # 主送机关, with its full-width colon
    body: tuple[Block, ...]
    attachment: str  # the 附件说明 line (附件：…); "" when there is no annex
    signer: str
    date: str
    annex: Annex | None = None


def _safe(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _fonts(target, east_asian: str, size: float, bold: bool | None = None) -> None:
    """Latin and East Asian fonts on a style or run; theme fonts would override them, so drop those."""
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


def _letter_spacing(style, twips: int) -> None:
    """Set (or replace) the style's character spacing, w:spacing in twentieths of a point."""
    rpr = style.element.get_or_add_rPr()
    found = rpr.find(qn("w:spacing"))
    if found is not None:
        rpr.remove(found)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)


def _grid_line(fmt, *, indent_chars: int = 0) -> None:
    """A paragraph format on the 28-point line: fixed spacing, nothing before or after, optional first-line indent."""
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(BODY_PT * indent_chars)


def _indent_chars(ppr, **sides: int) -> None:
    """Indents in hundredths of a character (w:firstLineChars…), which Word measures on the character grid."""
    ind = ppr.get_or_add_ind()
    for side, hundredths in sides.items():
        ind.set(qn(f"w:{side}Chars"), str(hundredths))


def _off_grid(ppr) -> None:
    """Keep a paragraph off the document grid: a 22-point title or a 10.5-point table row would snap to 28-point lines."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _styles(doc) -> dict[str, str]:
    """The 公文 fonts and line grid on the template's styles; the style ids by name."""
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_PT)
    _grid_line(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Chinese line breaking and punctuation (the template says en-US for East Asian text too)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.rPr.append(lang)  # w:lang comes after w:sz, the last property set above
    _letter_spacing(normal, CONDENSE_TWIPS)
    title = styles["Title"]
    _fonts(title, TITLE_FONT, TITLE_PT, bold=False)
    _grid_line(title.paragraph_format)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the default template underlines titles and spaces their letters; a 公文 does neither
    for parent, tag in ((title.element.pPr, "w:pBdr"), (title.element.rPr, "w:kern")):
        found = parent.find(qn(tag))
        if found is not None:
            parent.remove(found)
    _letter_spacing(title, 0)
    _off_grid(title.element.pPr)
    heading = styles["Heading 1"]
    _fonts(heading, HEADING_FONT, BODY_PT, bold=False)
    heading.font.italic = False
    _grid_line(heading.paragraph_format, indent_chars=2)
    _indent_chars(heading.element.pPr, firstLine=200)
    heading.paragraph_format.keep_with_next = True
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = "TableText"  # the name is for the reader; ids stay ASCII as Word's own are
    table_text.base_style = normal
    _fonts(table_text, BODY_FONT, TABLE_PT)
    _letter_spacing(table_text, 0)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    table_text.paragraph_format.line_spacing = Pt(TABLE_LINE_PT)
    table_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _off_grid(table_text.element.get_or_add_pPr())
    return {name: styles[name].style_id for name in ("Title", "Heading 1", "Table Grid", TABLE_STYLE)}


def _font_table(doc) -> None:
    """Name each official font's fallback in word/fontTable.xml (w:altName), the list Word substitutes from."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    for name, fallback, panose in FONT_FALLBACKS:
        fonts.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/>'
            f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/><w:family w:val="auto"/>'
            '<w:pitch w:val="variable"/></w:font>'
        ))
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))  # the template's, last in w:sectPr where it belongs
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PT * 20))
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        if side == "right":
            p.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            p.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        _off_grid(p._p.get_or_add_pPr())
        _fonts(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        p._p.append(field)
        _fonts(Run(field[0], p), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        _fonts(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _paragraph(doc, text: str = "", *, style: str | None = None):
    """``doc.add_paragraph`` without its search of the style table; text in one run."""
    p = doc.add_paragraph()
    if style:
        p._p.style = style
    if text:
        p.add_run(_safe(text))
    return p


def _body_paragraph(doc, block: Block):
    p = _paragraph(doc)
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(BODY_PT * 2)  # two characters, as Chinese prose is set
    _indent_chars(p._p.get_or_add_pPr(), firstLine=200)
    if block.lead:
        _fonts(p.add_run(_safe(block.lead)), SUB_FONT, BODY_PT)
    p.add_run(_safe(block.text))
    return p


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


def _fill_cells(cells, texts, style_id: str, centered: frozenset[int], font: str | None = None) -> None:
    for i, (cell, text) in enumerate(zip(cells, texts)):
        p = cell.paragraphs[0]  # a new cell's one empty paragraph
        p._p.style = style_id
        if i in centered:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(_safe(text))
        if font:
            _fonts(run, font, TABLE_PT)
        else:  # the font comes from the style; an empty w:rPr gives the run the shape _set_run_text refills
            run._r.get_or_add_rPr()


def _table(doc, style_ids: dict[str, str], annex: Annex) -> None:
    table = doc.add_table(rows=1, cols=len(annex.header))
    table._tbl.tblPr.style = style_ids["Table Grid"]  # table.style = "Table Grid", without the searches
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Word reads the cell widths, LibreOffice the table grid: set both, and a fixed layout.
    # The grid first: every row added after it takes its cell widths from the grid.
    table.autofit = False
    for column, width in zip(table.columns, annex.widths_mm):
        column.width = Mm(width)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page of a long table
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    _fill_cells(header.cells, annex.header, style_ids[TABLE_STYLE], frozenset(range(len(annex.header))), HEADING_FONT)
    for cell, width in zip(header.cells, annex.widths_mm):
        cell.width = Mm(width)
    if not annex.rows:
        return
    first = table.add_row()
    _fill_cells(first.cells, annex.rows[0], style_ids[TABLE_STYLE], annex.centered)
    tbl = table._tbl
    for row in annex.rows[1:]:  # same layout as the first row: copy its XML, put this row's text in
        tr = deepcopy(first._tr)
        for tc, text in zip(tr.iterchildren(qn("w:tc")), row):
            _set_run_text(tc[-1][-1], _safe(text))  # the cell's paragraph, its last run: the one with the text
        tbl.append(tr)


def _document():
    """The styled, empty A4 document of this thread, its body emptied; and its style ids."""
    if getattr(_base, "doc", None) is None:
        doc = Document()
        _base.style_ids = _styles(doc)
        _font_table(doc)
        _page(doc)
        _base.body = [deepcopy(child) for child in doc.element.body]  # just the page setup (w:sectPr)
        _base.doc = doc
    doc = _base.doc
    body = doc.element.body  # emptied in place: python-docx keeps a proxy of this element
    body.clear()  # w:body has no attributes, only children
    body.extend(deepcopy(child) for child in _base.body)
    return doc, _base.style_ids


def docx_bytes(gongwen: Gongwen) -> bytes:
    doc, style_ids = _document()
    doc.core_properties.title = _safe(gongwen.title)
    doc.core_properties.author = "fazhi"
    _paragraph(doc, gongwen.title, style=style_ids["Title"])
    _paragraph(doc)  # 主送 one line under the title
    _paragraph(doc, gongwen.addressee)
    for block in gongwen.body:
        if block.kind == "heading":
            _paragraph(doc, block.text, style=style_ids["Heading 1"])
        else:
            _body_paragraph(doc, block)
    if gongwen.attachment:
        _paragraph(doc)  # the 附件说明 one line under the body, two characters in
        _body_paragraph(doc, Block("paragraph", gongwen.attachment))
    _paragraph(doc)
    # 落款: the date four characters in from the right, the signer centred over it (in
    # hundredths of a character; the placeholders are full-width, a character each)
    date_right = 400
    signer_right = max(0, date_right + (len(gongwen.date) - len(gongwen.signer)) * 50)
    for text, right_chars in ((gongwen.signer, signer_right), (gongwen.date, date_right)):
        p = _paragraph(doc, text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * right_chars / 100)
        _indent_chars(p._p.get_or_add_pPr(), right=right_chars)
    if gongwen.annex:
        label = _paragraph(doc)
        label.paragraph_format.page_break_before = True  # 附件 starts a page of its own
        _fonts(label.add_run(_safe(gongwen.annex.label)), HEADING_FONT, BODY_PT)
        _paragraph(doc)
        _paragraph(doc, gongwen.annex.title, style=style_ids["Title"])  # on the third line
        _table(doc, style_ids, gongwen.annex)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
