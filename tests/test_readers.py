"""Word, PDF and web-page readers: the same report in every format reads the same.

The builders below (make_docx, make_pdf, make_html, report_lines) make those
versions of a seed inside the test run; the full-pipeline "same statuses" test
can import them from here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from scorer.errors import InputError
from scorer.ingest import body_text, read_document
from scorer.readers.docx_numbering import Numbering, chinese
from scorer.readers.pdf import PAGE_NUMBER, read_pdf
from test_ingest import error_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def report_lines(seed: Path) -> list[str]:
    """The body of a seed as ingest sees it, one paragraph a line."""
    return [line.strip() for line in body_text(read_document(seed)).split("\n") if line.strip()]


def sentences(text: str) -> set[str]:
    """Long sentences with spacing removed: what must survive any format."""
    pieces = re.split(r"[。；！？\n]", "".join(text.split(" ")))
    return {"".join(p.split()) for p in pieces if len("".join(p.split())) >= 12}


# --- builders -----------------------------------------------------------------


def make_docx(lines: list[str], path: Path) -> Path:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.core_properties.title = lines[0]
    doc.core_properties.author = "杭州市临安区科学技术局"
    doc.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            doc.add_heading(line, level=1)
        else:
            doc.add_paragraph(line)
    doc.save(str(path))
    return path


def make_html(lines: list[str], path: Path, encoding: str = "gbk") -> Path:
    body = "\n".join(f"<p>&nbsp;&nbsp;{line}</p>" for line in lines[1:])
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{lines[0]}_临安区人民政府</title><meta name="PubDate" content="2023-03-31 23:50">
<script>var note = "法治政府建设 依法行政 这段脚本不是正文";</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/xxgk">政府信息公开目录</a></li></ul></nav>
<div class="wrap">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>
  <div class="article">
    <h1>{lines[0]}</h1>
    <div class="info">发布时间：2023-03-31 来源：区科技局 浏览次数：<span>123</span></div>
    <div id="zoom">{body}</div>
    <div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
  </div>
  <div class="print-copy" style="display:none">{body}</div>
  <div class="related"><h3>相关文章</h3><ul>
    <li><a href="/a/1">临安区司法局2022年度法治政府建设情况报告</a></li>
    <li><a href="/a/2">临安区教育局2022年度法治政府建设情况报告</a></li></ul></div>
</div>
<footer>主办单位：杭州市临安区人民政府办公室 版权所有 浙ICP备05012345号 依法行政 法治政府</footer>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, int] | None:
    """A CJK font file and the index of its Simplified-Chinese face, if the machine has one."""
    from fontTools.ttLib import TTCollection, TTFont

    paths = [p for p in _FONT_CANDIDATES if Path(p).exists()]
    if not paths and shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        paths = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    for path in paths:
        try:
            if path.lower().endswith(".ttc"):
                faces = TTCollection(path, lazy=True).fonts
                names = [face["name"].getDebugName(4) or "" for face in faces]
                index = next((i for i, n in enumerate(names) if " SC" in n and "Mono" not in n), 0)
                font = faces[index]
            else:
                index, font = 0, TTFont(path, lazy=True)
            if ord("法") in font.getBestCmap():
                return path, index
        except Exception:  # noqa: BLE001 - an unreadable font file is just not a candidate
            continue
    return None


_FONT_DIR = tempfile.TemporaryDirectory(prefix="fazhi-test-fonts-")
# Characters of every seed plus ASCII and common punctuation: one small font
# subset serves all the seed PDFs (loading a whole CJK collection per PDF is slow).
_BASE_CHARS = frozenset(
    "".join(p.read_text(encoding="utf-8") for p in SEED_FILES)
    + "".join(map(chr, range(32, 127)))
    + "　、。，：；！？“”‘’（）《》〔〕【】—…·％－"
    + "杭州市临安区科学技术局文件第页共"  # make_pdf's default running header and page footers
)


@lru_cache(maxsize=4)
def _font_subset(chars: frozenset[str]) -> tuple[str, int]:
    from fontTools import subset

    found = cjk_font()
    if found is None:
        pytest.skip("no CJK font on this machine (install fonts-noto-cjk or fonts-wqy-zenhei)")
    options = subset.Options()
    options.font_number = found[1]
    font = subset.load_font(found[0], options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, chars)))
    subsetter.subset(font)
    font.recalcBBoxes = False  # see make_pdf: slow for CFF, irrelevant to text extraction
    out = str(Path(_FONT_DIR.name) / f"cjk-{len(chars)}-{hash(chars) & 0xFFFF}.otf")
    font.save(out)
    return out, 0


def make_pdf(lines: list[str], path: Path, *, header: str = "杭州市临安区科学技术局文件") -> Path:
    """A 公文-style PDF: title, indented paragraphs, a running header and '- n -' page numbers."""
    fpdf = pytest.importorskip("fpdf")
    needed = set("".join(lines) + header)
    font_path, index = _font_subset(_BASE_CHARS if needed <= _BASE_CHARS else _BASE_CHARS | needed)

    class Report(fpdf.FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(0, 6, header, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Report()
    pdf.add_font("cjk", fname=font_path, collection_font_number=index)
    for font in pdf.fonts.values():
        # fpdf2 re-subsets on output; recomputing every CFF glyph's bounds there
        # costs over a second a PDF and changes nothing a text reader sees.
        if getattr(font, "ttfont", None) is not None:
            font.ttfont.recalcBBoxes = False
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    title = lines[0] if len(lines[0]) <= 40 else None  # some reports start straight with prose
    if title:
        pdf.set_font("cjk", size=16)
        pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=12)
    for line in lines[1:] if title else lines:
        pdf.multi_cell(0, 8, "\u3000\u3000" + line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_title(lines[0])
    pdf.output(str(path))
    _fix_cff_fonts(path, font_path, index)
    return path


def _fix_cff_fonts(path: Path, font_path: str, index: int) -> None:
    """Make fpdf2's embedding of a CFF (OpenType/.otf-style) font readable by other tools.

    fpdf2 2.8 writes CFF-flavoured CJK fonts (Noto CJK) with a CMap stream as
    /Encoding and a /W width table keyed by the wrong glyph ids; viewers cope,
    pdfminer reads no text and wrong positions. Real PDFs (Word, WPS) use
    /Identity-H with correct widths, so we rewrite those two entries to match.
    """
    import pypdf
    from fontTools.ttLib import TTFont
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    font = TTFont(font_path, fontNumber=index, lazy=True)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(path)))
    fixed = set()
    for page in writer.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            type0 = ref.get_object()
            descendant = type0.get("/DescendantFonts", [None])[0]
            if descendant is None or id(type0) in fixed:
                continue
            fixed.add(id(type0))
            descendant = descendant.get_object()
            if descendant.get("/Subtype") != "/CIDFontType0":
                continue  # TrueType-outline fonts come out right
            to_unicode = type0["/ToUnicode"].get_object().get_data().decode("latin-1")
            widths = ArrayObject()
            for cid, uni in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>", to_unicode):
                glyph = cmap.get(int(uni, 16))
                if glyph:
                    width = round(hmtx[glyph][0] * 1000 / upem)
                    widths += [NumberObject(int(cid, 16)), ArrayObject([NumberObject(width)])]
            type0[NameObject("/Encoding")] = NameObject("/Identity-H")
            descendant[NameObject("/W")] = widths
    writer.write(str(path))


def make_plain_pdf(path: Path, pages: int, text: str | None = "Page {n}") -> Path:
    """Many pages fast, with a core font (no CJK needed): for the page-limit tests."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=12)
    for n in range(1, pages + 1):
        pdf.add_page()
        if text:
            pdf.set_y(120)  # mid-page: a line at the top of every page would be a running header
            pdf.cell(0, 10, text.format(n=n))
        else:
            pdf.rect(20, 20, 100, 150, style="F")  # ink but no text: a scan, as far as a reader can tell
    pdf.output(str(path))
    return path


# --- the same report in every format --------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_every_format_reads_like_the_txt(tmp_path, seed, fmt):
    lines = report_lines(seed)
    maker = {"docx": make_docx, "pdf": make_pdf, "html": make_html}[fmt]
    doc = read_document(maker(lines, tmp_path / f"report.{fmt}"))
    assert doc.source_format == fmt
    assert sentences(body_text(doc)) == sentences("\n".join(lines))


# --- docx ------------------------------------------------------------------------


def test_docx_paragraphs_headings_tables_and_properties(tmp_path):
    docx = pytest.importorskip("docx")
    lines = report_lines(SEED_FILES[4])
    path = make_docx(lines, tmp_path / "report.docx")
    document = docx.Document(str(path))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "主要负责人", "张三"
    table.cell(1, 0).text, table.cell(1, 1).text = "报送日期", "2023年2月27日"
    document.save(str(path))
    doc = read_document(path)
    text_lines = doc.text.split("\n")
    assert doc.source_format == "docx" and doc.encoding is None
    assert "一、2022年度法治政府建设工作情况" in text_lines  # a heading is a line of its own
    assert text_lines[-2:] == ["主要负责人\t张三", "报送日期\t2023年2月27日"]
    assert doc.metadata["title"] == lines[0]
    assert doc.metadata["issuer"] == "杭州市临安区科学技术局"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.metadata["created"])


def test_docx_author_that_is_a_person_is_not_the_issuer(tmp_path):
    docx = pytest.importorskip("docx")
    path = make_docx(report_lines(SEED_FILES[3]), tmp_path / "report.docx")
    document = docx.Document(str(path))
    document.core_properties.author = "Administrator"
    document.save(str(path))
    assert "issuer" not in read_document(path).metadata


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _raw_docx(path: Path, body: str, numbering: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document {_W_NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            zf.writestr("word/numbering.xml", f"<w:numbering {_W_NS}>{numbering}</w:numbering>")
    return path


def _p(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_automatic_numbering_is_rendered(tmp_path):
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = "".join([
        _p("工作情况", (1, 0)), _p("加强领导", (1, 1)), _p("学习", (1, 2)), _p("培训", (1, 2)),
        _p("依法决策", (1, 1)), _p("存在的不足", (1, 0)), _p("基层力量薄弱", (1, 1)), _p("正文没有编号。"),
    ])
    doc = read_document(_raw_docx(tmp_path / "numbered.docx", body, numbering))
    assert doc.text.split("\n") == [
        "一、工作情况", "（一）加强领导", "1.学习", "2.培训", "（二）依法决策",
        "二、存在的不足", "（一）基层力量薄弱", "正文没有编号。",
    ]


def test_chinese_numerals():
    assert [chinese(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十",
    ]


def test_numbering_ignores_bullets_and_unknown_lists():
    numbering = (
        b'<w:numbering ' + _W_NS.encode() + b'><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0">'
        b'<w:numFmt w:val="bullet"/><w:lvlText w:val="\xef\x82\xb7"/></w:lvl></w:abstractNum>'
        b'<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>'
    )
    parser = etree.XMLParser(resolve_entities=False)
    numbers = Numbering(numbering, None, parser)
    para = etree.fromstring(f"<w:p {_W_NS}>" + _p("x", (7, 0))[5:], parser)
    assert numbers.label(para) == ""
    para = etree.fromstring(f"<w:p {_W_NS}>" + _p("x", (99, 0))[5:], parser)
    assert numbers.label(para) == ""


def test_docx_tracked_changes_text_boxes_and_hidden_text(tmp_path):
    body = (
        "<w:p><w:r><w:t>全年办理复议案件</w:t></w:r>"
        "<w:ins><w:r><w:t>12件</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>10件</w:delText></w:r></w:del>"
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏批注</w:t></w:r>'
        "<w:r><w:t>。</w:t></w:r>"
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框里的落款</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的落款</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    doc = read_document(_raw_docx(tmp_path / "tracked.docx", body))
    assert doc.text == "全年办理复议案件12件。\n文本框里的落款"


def test_docx_corrupt_zip(tmp_path):
    path = make_docx(report_lines(SEED_FILES[3]), tmp_path / "report.docx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert error_of(path) == f"{path}: corrupt .docx (not a valid zip)"


def test_docx_without_document_part(tmp_path):
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert error_of(path).endswith(": corrupt .docx (no word/document.xml inside)")


def _bomb(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f"<w:document {_W_NS}><w:body>".encode())
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def test_docx_zip_bomb_is_refused_before_decompressing(tmp_path):
    path = _bomb(tmp_path / "bomb.docx", 101)  # 101 MB of XML in a ~100 KB file
    assert path.stat().st_size < 1_000_000
    started = time.monotonic()
    assert error_of(path) == f"{path}: docx XML expands past the size limit (possible zip bomb)"
    assert time.monotonic() - started < 1


def test_docx_xml_limit_follows_the_size_limit(tmp_path):
    path = _bomb(tmp_path / "bomb.docx", 2)
    assert error_of(path, max_bytes=100_000).endswith("(possible zip bomb)")


def test_excel_file_is_not_a_report(tmp_path):
    path = tmp_path / "table.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a report: an Excel workbook" in error_of(path)


# --- .doc / OLE2 -------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_doc_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "report.doc"
    path.write_bytes(_OLE2 + b"WordDocument" + bytes(2000))
    assert error_of(path) == (
        f"{path}: .doc needs LibreOffice (soffice) to convert; save it as .docx or install libreoffice"
    )


def test_password_protected_docx_says_encrypted(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_OLE2 + "EncryptedPackage".encode("utf-16-le") + bytes(2000))
    assert error_of(path).endswith(": encrypted Word document: cannot read without the password")


# --- pdf ---------------------------------------------------------------------------


def test_pdf_running_header_and_page_numbers_removed(tmp_path):
    lines = report_lines(SEED_FILES[1])
    doc = read_document(make_pdf(lines, tmp_path / "report.pdf"))
    assert "科学技术局文件" not in doc.text
    assert not re.search(r"^- \d+ -$", doc.text, re.MULTILINE)
    assert any("页眉页脚" in note for note in doc.notes)
    # Lines are joined back into paragraphs: headings stay lines of their own.
    text_lines = doc.text.split("\n")
    assert "一、推进法治政府建设的主要举措和成效" in text_lines
    assert "(一)依法全面履行政府职能情况" in text_lines
    assert len(text_lines) < 2 * len(lines)
    assert doc.metadata["title"] == lines[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.metadata["created"])


def test_pdf_encrypted(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    plain = make_plain_pdf(tmp_path / "plain.pdf", 2)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(plain)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(str(path))
    assert error_of(path) == f"{path}: encrypted PDF: cannot read without the password"


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    plain = make_plain_pdf(tmp_path / "plain.pdf", 2, "Report body text on page {n}, long enough to count.")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(plain)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "no-print.pdf"
    writer.write(str(path))
    assert "Report body text on page 2" in read_document(path).text


def test_pdf_scanned(tmp_path):
    path = make_plain_pdf(tmp_path / "scan.pdf", 3, text=None)
    from scorer.readers import ocr

    # Ink but no text and no image: OCR, when installed, reads the pages and finds nothing.
    problem = "and OCR found no text on its pages" if ocr.available() else ocr.INSTALL_HINT
    assert error_of(path) == f"{path}: scanned PDF: no text layer{',' if ocr.available() else ';'} {problem}"


def test_pdf_with_2000_pages_is_bounded(tmp_path):
    path = make_plain_pdf(tmp_path / "huge.pdf", 2000)
    started = time.monotonic()
    message = error_of(path)
    assert time.monotonic() - started < 10
    assert message == (
        f"{path}: PDF has 2000 pages, over the 500-page limit for one report; extract the report's pages first"
    )


def test_pdf_time_budget(tmp_path):
    path = make_plain_pdf(tmp_path / "slow.pdf", 3)
    with pytest.raises(InputError, match=r"PDF took over 0 s to read \(stopped at page 1 of 3\)"):
        read_pdf(path.read_bytes(), str(path), time_budget=0)


def test_pdf_corrupt(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert error_of(path).startswith(f"{path}: corrupt PDF")


# --- html --------------------------------------------------------------------------


def test_html_gbk_page_main_text_only(tmp_path):
    lines = report_lines(SEED_FILES[4])
    doc = read_document(make_html(lines, tmp_path / "report.html"))
    body = body_text(doc)
    assert doc.encoding == "gb18030"
    assert doc.metadata["title"] == f"{lines[0]}_临安区人民政府"
    assert doc.metadata["published"] == "2023-03-31"
    assert doc.metadata["issuer"] == "区科技局"
    for gone in ("脚本", "互动交流", "当前位置", "发布时间", "打印本页", "相关文章", "司法局", "版权所有", "ICP"):
        assert gone not in body, gone
    assert body.split("\n")[0] == lines[0]  # the article's <h1> is kept
    assert body.count(lines[2]) == 1  # the hidden print copy is not read


def test_html_that_lies_about_its_charset(tmp_path):
    lines = report_lines(SEED_FILES[2])
    path = make_html(lines, tmp_path / "report.htm")
    path.write_bytes(path.read_bytes().replace(b"charset=gbk", b"charset=utf-8"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert sentences(body_text(doc)) == sentences("\n".join(lines))


def test_html_utf8_with_meta_charset(tmp_path):
    lines = report_lines(SEED_FILES[0])
    doc = read_document(make_html(lines, tmp_path / "report.html", encoding="utf-8"))
    assert doc.encoding == "utf-8"
    assert sentences(body_text(doc)) == sentences("\n".join(lines))


def test_html_body_shown_twice_counts_once(tmp_path):
    lines = report_lines(SEED_FILES[3])
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    page = f"<html><body><div>{paragraphs}</div><div class='print'>{paragraphs}</div></body></html>"
    path = tmp_path / "twice.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert body_text(doc).count(lines[1]) == 1
    assert any("重复" in note for note in doc.notes)


def test_html_table_rows_become_lines(tmp_path):
    page = (
        "<html><body><table><tr><td>指标</td><td>完成情况</td></tr>"
        "<tr><td>行政复议案件</td><td>办结12件，纠错率8.3%</td></tr></table>"
        "<p>全年共办理行政复议案件12件，全部在法定期限内办结。</p></body></html>"
    )
    path = tmp_path / "table.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).text.split("\n") == [
        "指标\t完成情况", "行政复议案件\t办结12件，纠错率8.3%", "全年共办理行政复议案件12件，全部在法定期限内办结。",
    ]


def test_html_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><head><title>空页面</title><script>var a=1;</script></head>"
                    "<body><div><img src='a.png'></div></body></html>", encoding="utf-8")
    assert error_of(path) == f"{path}: HTML page has no text"


def test_mhtml_web_archive(tmp_path):
    lines = report_lines(SEED_FILES[2])
    html = make_html(lines, tmp_path / "page.html", encoding="gbk").read_bytes().decode("gbk")
    archive = MIMEMultipart("related")
    archive.attach(MIMEText(html, "html", "gbk"))
    path = tmp_path / "page.mht"
    path.write_bytes(b"From: <Saved by Blink>\n" + archive.as_bytes())
    doc = read_document(path)
    assert doc.source_format == "html"
    assert sentences(body_text(doc)) == sentences("\n".join(lines))


def test_html_nested_thousands_deep_is_bounded(tmp_path):
    depth = 5000
    page = "<html><body>" + "<div>" * depth + "<p>全年共办理行政复议案件12件，全部在法定期限内办结。</p>" + "</div>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    started = time.monotonic()
    assert read_document(path).text == "全年共办理行政复议案件12件，全部在法定期限内办结。"
    assert time.monotonic() - started < 3


def test_docx_without_text(tmp_path):
    path = _raw_docx(tmp_path / "blank.docx", "<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>")
    assert error_of(path) == f"{path}: Word document has no text"


@pytest.mark.parametrize("line", ["3", "- 3 -", "—12—", "第 3 页", "第3页 共9页", "共9页 第3页", "3/9", "Page 3 of 9"])
def test_page_number_forms(line):
    assert PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2023年2月27日", "一、工作情况", "/", "12件", "第三部分"])
def test_not_page_numbers(line):
    assert not PAGE_NUMBER.match(line)
