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

Speed (a batch writes one memo per report): python-docx's per-element API is slow (each
property set searches the element's children), and saving serialises and compresses every
part again, styles.xml and stylesWithEffects.xml alone 800 KB. So python-docx builds the
styled empty page once per process (``_package``: styles, font table, footers, page
setup), whose fixed parts are compressed once into a zip — or a caller gives it the page
an earlier run built (``page``, ``use_page``: plain data), and python-docx is not imported
at all; each memo's body is joined as WordprocessingML text from the pieces python-docx
would write for it, and added to a copy of that zip with its title. Every part is byte
for byte what python-docx writes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
# (html.escape, not xml.sax.saxutils.escape: the same &, < and > for text, and that module
# imports urllib.request, http.client and email, ~20 ms of a batch worker's start)
from html import escape
from functools import lru_cache

# python-docx (and lxml) are imported by the functions that build the page with them, not
# here: a page kept from an earlier run (``use_page``) spares a process their import.

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
_RUN_BREAKS = re.compile(r"([\t\n\r])")  # what python-docx turns into w:tab and w:br
TABLE_STYLE = "表格文字"
# What may follow w:spacing in a w:rPr, and w:snapToGrid in a w:pPr: Word refuses a file
# whose properties are out of order.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                  "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                  "w:oMath")
_AFTER_SNAP_TO_GRID = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                       "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                       "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    found = rpr.find(qn("w:spacing"))
    if found is not None:
        rpr.remove(found)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)


def _grid_line(fmt, *, indent_chars: int = 0) -> None:
    """A paragraph format on the 28-point line: fixed spacing, nothing before or after, optional first-line indent."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(BODY_PT * indent_chars)


def _indent_chars(ppr, **sides: int) -> None:
    """Indents in hundredths of a character (w:firstLineChars…), which Word measures on the character grid."""
    from docx.oxml.ns import qn

    ind = ppr.get_or_add_ind()
    for side, hundredths in sides.items():
        ind.set(qn(f"w:{side}Chars"), str(hundredths))


def _off_grid(ppr) -> None:
    """Keep a paragraph off the document grid: a 22-point title or a 10.5-point table row would snap to 28-point lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _styles(doc) -> dict[str, str]:
    """The 公文 fonts and line grid on the template's styles; the style ids by name."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

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
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

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
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt
    from docx.text.run import Run

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


# -- the body, written as WordprocessingML text ------------------------------------------
# Each piece below is the XML python-docx writes for the same call (add_paragraph,
# add_run, paragraph_format, add_table…), fixed once here: the body is joined from
# strings instead of being built element by element, which was most of a memo's time.


def _run_content(text: str) -> str:
    """A run's inner content as python-docx's ``run.text = text`` writes it: a tab is a
    w:tab, a line break a w:br, each stretch of other characters one w:t (its spaces kept
    when it starts or ends with whitespace)."""
    out = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{escape(piece, quote=False)}</w:t>")
    return "".join(out)


def _run(text: str, rpr: str = "") -> str:
    content = rpr + _run_content(text)
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


def _rpr(east_asian: str, size: float) -> str:
    """What :func:`_fonts` sets on a run: Latin and East Asian font, black, the size in half-points."""
    return (f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{east_asian}"/>'
            f'<w:color w:val="000000"/><w:sz w:val="{round(size * 2)}"/></w:rPr>')


def _p(ppr: str = "", runs: str = "") -> str:
    inner = (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + runs
    return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


def _paragraph(text: str = "", *, style: str | None = None) -> str:
    """One paragraph, its text in one run (none when there is no text)."""
    return _p(f'<w:pStyle w:val="{style}"/>' if style else "", _run(_safe(text)) if text else "")


def _points_twips(points: float) -> int:
    """``docx.shared.Pt(points).twips``: a length in EMU (a whole number), then in twips, rounded."""
    return int(round(int(points * 12700) / 635.0))


def _mm_twips(mm: float) -> int:
    """``docx.shared.Mm(mm).twips``."""
    return int(round(int(mm * 36000) / 635.0))


_INDENT_TWO = f'<w:ind w:firstLine="{_points_twips(BODY_PT * 2)}" w:firstLineChars="200"/>'  # two characters, as Chinese prose is set


def _body_paragraph(block: Block) -> str:
    lead = _run(_safe(block.lead), _rpr(SUB_FONT, BODY_PT)) if block.lead else ""
    return _p(_INDENT_TWO, lead + _run(_safe(block.text)))


def _right_paragraph(text: str, right_chars: int) -> str:
    """落款 and date: set right, ``right_chars`` hundredths of a character in from the edge."""
    ind = f'<w:ind w:right="{_points_twips(BODY_PT * right_chars / 100)}" w:rightChars="{right_chars}"/>'
    return _p(ind + '<w:jc w:val="right"/>', _run(_safe(text)) if text else "")


def _table(style_ids: dict[str, str], annex: Annex) -> str:
    """The 附件 table: a header row repeated on every page, then a row per requirement.

    Word reads the cell widths, LibreOffice the table grid: both are set, and a fixed layout.
    """
    widths = [_mm_twips(w) for w in annex.widths_mm]
    text_style = f'<w:pStyle w:val="{style_ids[TABLE_STYLE]}"/>'

    def cell(width: int, text: str, centred: bool, rpr: str) -> str:
        return _cell(text_style, width, text, centred, rpr)

    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_ids["Table Grid"]}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        '</w:tblGrid><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>',
        *(cell(w, text, True, _rpr(HEADING_FONT, TABLE_PT)) for w, text in zip(widths, annex.header)),
        "</w:tr>",
    ]
    widths_key = tuple(widths)
    out += [_row(text_style, widths_key, row, annex.centered) for row in annex.rows]
    out.append("</w:tbl>")
    return "".join(out)


@lru_cache(maxsize=2048)
def _row(text_style: str, widths: tuple[int, ...], row: tuple[str, ...], centered: frozenset[int]) -> str:
    """One row of the table. Cached: the rows — a requirement's number, title, level, status
    and points — come back in memo after memo of a batch; the font comes from the style, so
    each run has an empty w:rPr."""
    cells = (_cell(text_style, w, text, i in centered, "<w:rPr/>") for i, (w, text) in enumerate(zip(widths, row)))
    return "<w:tr>" + "".join(cells) + "</w:tr>"


@lru_cache(maxsize=4096)
def _cell(text_style: str, width: int, text: str, centred: bool, rpr: str) -> str:
    """One table cell. Cached: a memo's table is mostly the same few hundred cells — the
    requirements' titles, levels, statuses and points — in every memo of a batch."""
    p = _p(text_style + ('<w:jc w:val="center"/>' if centred else ""), f"<w:r>{rpr}{_run_content(_safe(text))}</w:r>")
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{p}</w:tc>'


# -- the package: every part but the body and the title built once ----------------------

_DOCUMENT_PART, _CORE_PART = "word/document.xml", "docProps/core.xml"
MEMO_COMPRESSLEVEL = 1  # for the two parts each memo adds (the fixed ones are compressed once, at the default)
_TITLE_SLOT = "FAZHI-MEMO-TITLE"  # where each memo's title goes in docProps/core.xml


@dataclass(frozen=True)
class _Package:
    """The styled empty A4 document, serialised once: a zip of its fixed parts (styles,
    fonts, footers, settings…, compressed once), and the text around each memo's body
    and title."""

    fixed_parts: bytes  # a complete zip without word/document.xml and docProps/core.xml
    document_head: str  # the XML declaration, w:document and its namespaces, <w:body>
    document_tail: str  # the page setup (w:sectPr), </w:body></w:document>
    core: str  # docProps/core.xml with _TITLE_SLOT for the title
    style_ids: dict[str, str]


_PAGE: list[_Package] = []  # the page this process uses, once built or given (``use_page``)


def _package() -> _Package:
    if not _PAGE:
        _PAGE.append(_build_package())
    return _PAGE[0]


def page() -> tuple[bytes, str, str, str, dict[str, str]]:
    """The styled empty page as plain data, for a caller to keep between runs (``use_page``)."""
    p = _package()
    return p.fixed_parts, p.document_head, p.document_tail, p.core, dict(p.style_ids)


def use_page(data: object) -> bool:
    """Use a page ``page`` gave in an earlier run instead of building it (python-docx is then
    not imported); False, and nothing changed, when ``data`` is not such a page. Whoever
    keeps it names it after this module and python-docx's files: another version of
    either may build another page."""
    if not (isinstance(data, tuple) and len(data) == 5 and isinstance(data[0], bytes)
            and all(isinstance(x, str) for x in data[1:4]) and isinstance(data[4], dict)):
        return False
    _PAGE[:] = [_Package(*data)]
    return True


def _build_package() -> _Package:
    from docx import Document

    doc = Document()
    style_ids = _styles(doc)
    _font_table(doc)
    _page(doc)
    doc.core_properties.title = _TITLE_SLOT
    doc.core_properties.author = "fazhi"
    saved = io.BytesIO()
    doc.save(saved)
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        parts = {info.filename: src.read(info) for info in src.infolist()}
        for name, blob in parts.items():
            if name not in (_DOCUMENT_PART, _CORE_PART):
                dst.writestr(name, blob)
    document = parts[_DOCUMENT_PART].decode("utf-8")
    head, _, rest = document.partition("<w:body>")
    return _Package(
        fixed_parts=fixed.getvalue(),
        document_head=head + "<w:body>",
        document_tail=rest,  # the empty body holds only the w:sectPr
        core=parts[_CORE_PART].decode("utf-8"),
        style_ids=style_ids,
    )


def _body(gongwen: Gongwen, style_ids: dict[str, str]) -> str:
    out = [
        _paragraph(gongwen.title, style=style_ids["Title"]),
        _paragraph(),  # 主送 one line under the title
        _paragraph(gongwen.addressee),
    ]
    for block in gongwen.body:
        out.append(_paragraph(block.text, style=style_ids["Heading 1"]) if block.kind == "heading" else _body_paragraph(block))
    if gongwen.attachment:
        out.append(_paragraph())  # the 附件说明 one line under the body, two characters in
        out.append(_body_paragraph(Block("paragraph", gongwen.attachment)))
    out.append(_paragraph())
    # 落款: the date four characters in from the right, the signer centred over it (in
    # hundredths of a character; the placeholders are full-width, a character each)
    date_right = 400
    signer_right = max(0, date_right + (len(gongwen.date) - len(gongwen.signer)) * 50)
    out.append(_right_paragraph(gongwen.signer, signer_right))
    out.append(_right_paragraph(gongwen.date, date_right))
    if gongwen.annex:
        # 附件 starts a page of its own; its title on the third line
        out.append(_p("<w:pageBreakBefore/>", _run(_safe(gongwen.annex.label), _rpr(HEADING_FONT, BODY_PT))))
        out.append(_paragraph())
        out.append(_paragraph(gongwen.annex.title, style=style_ids["Title"]))
        out.append(_table(style_ids, gongwen.annex))
    return "".join(out)


def docx_bytes(gongwen: Gongwen) -> bytes:
    """The memo as a .docx: the fixed parts as they were compressed once, then this memo's
    body and title added to the zip."""
    package = _package()
    document = package.document_head + _body(gongwen, package.style_ids) + package.document_tail
    core = package.core.replace(_TITLE_SLOT, escape(_safe(gongwen.title), quote=False).replace("\r", "&#13;"))  # as lxml writes it
    out = io.BytesIO(package.fixed_parts)
    # appends after the fixed parts and rewrites the directory; deflate's fastest level: a
    # memo's body is ~35 KB of repetitive XML, ~3.5 KB at level 1 and ~3.2 KB at the default
    # 6, which takes three times as long (~0.13 ms a memo)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=MEMO_COMPRESSLEVEL) as z:
        z.writestr(_DOCUMENT_PART, document)
        z.writestr(_CORE_PART, core)
    return out.getvalue()
