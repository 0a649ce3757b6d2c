"""A memo a supervisor can sign (issue 12, item 3): the .docx in 党政机关公文 layout (GB/T 9704-2012)
read back with python-docx — page, fonts, sizes, line grid, page numbers, 主送, 落款 — at most
three pages for every seed (two of body, one of 附件), and no rule ID, ★ or English status word
in any format. Pages are estimated from the document (22 lines of 28 characters a page, as it
declares), and counted in LibreOffice's rendering too when soffice is installed."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from scorer.render import memo
from scorer.render.memo_docx import TABLE_STYLE, docx_bytes

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
RULE_ID = re.compile(r"[a-z_]+\.[a-z_]+")
ENGLISH_STATUS = re.compile(r"substantiated|asserted|deficient|planned|absent", re.IGNORECASE)
LINES_PER_PAGE, CHARS_PER_LINE, LINE_PT = 22, 28, 28
TEXT_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72
TEXT_HEIGHT_PT = (297 - 37 - 35) / 25.4 * 72
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def documents(seed_results):
    """Every seed's memo as .docx bytes and parsed back: {seed name: (bytes, Document)}."""
    out = {}
    for seed in SEEDS:
        data = memo.memo_docx(seed_results[seed.name])
        out[seed.name] = (data, docx.Document(io.BytesIO(data)))
    return out


def east_asian_font(style_or_run) -> str | None:
    rpr = style_or_run.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def body_paragraphs(document):
    """The memo's own paragraphs, up to the 附件 page."""
    out = []
    for p in document.paragraphs:
        if p.paragraph_format.page_break_before:
            break
        out.append(p)
    return out


# ---- the page ------------------------------------------------------------------------------


def test_a4_with_the_standards_margins_and_line_grid(documents):
    _, document = next(iter(documents.values()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # stored in twips
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and int(grid.get(qn("w:linePitch"))) == LINE_PT * 20
    assert math.floor(TEXT_HEIGHT_PT / LINE_PT) == LINES_PER_PAGE
    # 三号 characters set closer by the body's letter spacing: exactly 28 fit on the 156 mm line
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert math.floor(TEXT_WIDTH_PT / pitch) == CHARS_PER_LINE


def test_fonts_sizes_and_the_28_point_line(documents):
    _, document = next(iter(documents.values()))
    normal, title, heading = (document.styles[n] for n in ("Normal", "Title", "Heading 1"))
    assert (east_asian_font(normal), normal.font.size) == ("仿宋_GB2312", Pt(16))  # 三号仿宋
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert normal.paragraph_format.space_before == normal.paragraph_format.space_after == Pt(0)
    assert (east_asian_font(title), title.font.size, title.font.bold) == ("方正小标宋简体", Pt(22), False)  # 二号小标宋
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (east_asian_font(heading), heading.font.size, heading.font.bold) == ("黑体", Pt(16), False)
    assert heading.paragraph_format.line_spacing == Pt(28)
    for style in (normal, title, heading):  # theme fonts would override the named ones
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    # second-level headings: 楷体 runs opening their paragraph
    leads = [p.runs[0] for p in document.paragraphs if re.match(r"^（[一二三四五六七八九十]+）", p.text) and len(p.runs) > 1]
    assert leads
    for run in leads:
        assert east_asian_font(run) == "楷体_GB2312" and run.font.size == Pt(16)
        assert run.text.endswith("。")


def test_official_fonts_fall_back_to_common_ones(documents):
    data, _ = next(iter(documents.values()))
    fonts = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode("utf-8")
    for name, fallback in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert re.search(rf'<w:font w:name="{name}"><w:altName w:val="{fallback}"/>.*?<w:charset w:val="86"/>', fonts), name


def test_page_numbers_in_the_footer_odd_right_even_left(documents):
    data, document = next(iter(documents.values()))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        field = p._p.find(qn("w:fldSimple"))
        assert field.get(qn("w:instr")).strip() == "PAGE"
        text = "".join(t.text for t in p._p.iter(f"{W}t"))
        assert text == "— 1 —"  # 一字线 each side of the number
        for run in p._p.iter(f"{W}r"):
            assert run.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "28"  # 四号
    # the number's line sits about 7 mm under the text block
    assert 20 <= section.footer_distance.mm <= 24


# ---- the document's parts --------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_title_addressee_sections_attachment_and_signature(seed, seed_results, documents):
    result = seed_results[seed.name]
    _, document = documents[seed.name]
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]
    assert paragraphs[0].style.name == "Title"
    assert texts[1] == ""  # 主送 one line under the title
    assert texts[2] == f"{result.issuer}："
    assert paragraphs[2].paragraph_format.first_line_indent is None  # 主送 flush left
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体评价", "二、主要问题", "三、整改要求"]
    assert "附件：逐项核查表" in texts
    assert texts[-2:] == ["（审查单位）", "　　年　月　日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in paragraphs[-2:])
    assert texts[texts.index("附件：逐项核查表") - 1] == ""  # 附件说明 one line under the body


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_checklist_is_the_annex_on_a_page_of_its_own(seed, seed_results, documents):
    _, document = documents[seed.name]
    body = list(document.element.body.iterchildren())
    table_at = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl"))
    label_at = next(i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}pageBreakBefore") is not None)
    assert label_at < table_at
    assert "".join(t.text for t in body[label_at].iter(f"{W}t")) == "附件"
    assert "".join(t.text for t in body[label_at + 2].iter(f"{W}t")) == "逐项核查表"  # on the third line
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert len(rows) == len(seed_results[seed.name].results) + 1
    assert rows[1].cells[0].paragraphs[0].style.name == TABLE_STYLE


def test_problems_are_grouped_by_area_in_a_few_paragraphs(seed_results):
    for seed in SEEDS:
        result = seed_results[seed.name]
        m = memo.build(result)
        areas = {r.rule.area for r in result.gaps}
        assert len(m.findings) <= min(len(areas), 6)
        if len(result.gaps) > 6:
            assert len(m.findings) < len(result.gaps)


def test_wording_says_what_the_report_shows(seed_results):
    for seed in SEEDS:
        m = memo.build(seed_results[seed.name])
        text = "".join((m.opening, *m.assessment, *(f.text for f in m.findings), *m.requirements))
        assert "报告反映已落实" in text
        assert not re.search(r"(?<!反映)已落实\d", text)  # never 已落实14项 as if it were the department's deed


def test_a_file_that_is_not_a_whole_report_says_so_in_the_memo(seed_results):
    from dataclasses import replace

    result = replace(seed_results[SEEDS[1].name], not_whole=("只有800字，不像完整的年度报告",))
    assert "（只有800字，不像完整的年度报告）" in memo.build(result).assessment[0]
    assert "只有800字" in memo.memo_markdown(result) and "只有800字" in memo.memo_html(result)


# ---- nothing a supervisor's reader cannot read -----------------------------------------------


def _all_text(data: bytes, document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            parts += ["".join(t.text for t in footer._element.iter(f"{W}t"))]
    return "\n".join(parts)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_rule_id_star_or_english_status_in_any_format(seed, seed_results, documents):
    result = seed_results[seed.name]
    data, document = documents[seed.name]
    html = BeautifulSoup(memo.memo_html(result), "html.parser")
    for style in html.find_all("style"):
        style.decompose()
    texts = {"docx": _all_text(data, document), "md": memo.memo_markdown(result).replace("\\_", "_"), "html": html.get_text()}
    for kind, text in texts.items():
        assert not RULE_ID.search(text), (kind, RULE_ID.search(text))
        assert not ENGLISH_STATUS.search(text), (kind, ENGLISH_STATUS.search(text))
        assert "★" not in text, kind
    assert not any(r.rule.id in memo.memo_html(result) for r in result.results)  # nor in the page's markup


# ---- length: at most three pages ------------------------------------------------------------


def _units(text: str) -> float:
    """Width in 三号 characters: CJK and full-width punctuation one, Latin letters and digits half."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—“”‘’…" else 1 for c in text)


def _paragraph_lines(p) -> int:
    size = p.style.font.size.pt if p.style.font.size else 16
    per_line = CHARS_PER_LINE if size == 16 else math.floor(TEXT_WIDTH_PT / size)
    indent = 2 if (p.paragraph_format.first_line_indent or p.style.paragraph_format.first_line_indent) else 0
    return max(1, math.ceil((_units(p.text) + indent) / per_line))


def _row_height_pt(row) -> float:
    height = 0.0
    for cell in row.cells:
        style = cell.paragraphs[0].style
        per_line = max(1, math.floor((cell.width.pt - 2 * 5.4) / style.font.size.pt))  # less the cell margins
        height = max(height, math.ceil(_units(cell.text) / per_line) * style.paragraph_format.line_spacing.pt + 1)
    return height


def estimate_pages(document) -> tuple[int, int]:
    """(pages, body lines): the body on the 22 × 28 grid, then the 附件 from a page of its own, its table by row height."""
    body_lines, annex_pt, in_annex = 0, 0.0, False
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            p = Paragraph(el, document)
            in_annex = in_annex or bool(p.paragraph_format.page_break_before)
            if in_annex:
                annex_pt += _paragraph_lines(p) * LINE_PT
            else:
                body_lines += _paragraph_lines(p)
        elif el.tag == qn("w:tbl"):
            height = sum(_row_height_pt(row) for row in Table(el, document).rows)
            if in_annex:
                annex_pt += height
            else:
                body_lines += math.ceil(height / LINE_PT)
    pages = math.ceil(body_lines / LINES_PER_PAGE) + (math.ceil(annex_pt / TEXT_HEIGHT_PT) if in_annex else 0)
    return pages, body_lines


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_memo_is_at_most_three_pages(seed, documents):
    _, document = documents[seed.name]
    pages, body_lines = estimate_pages(document)
    assert body_lines <= 2 * LINES_PER_PAGE, body_lines  # two pages of body, the checklist on the third
    assert pages <= 3, (pages, body_lines)


def test_the_estimate_counts_a_long_memo_as_long(seed_results):
    # The page estimate is no tautology: the old one-heading-per-gap layout would not fit.
    from dataclasses import replace

    m = memo.build(seed_results[SEEDS[3].name])
    long = replace(m, findings=m.findings * 4)
    document = docx.Document(io.BytesIO(docx_bytes(memo.as_gongwen(long))))
    assert estimate_pages(document)[0] > 3


def test_data_flows_one_way_from_the_memo_to_its_layout():
    # memo_docx lays out any 公文 and knows nothing of reports: it imports nothing of fazhi's,
    # so memo → memo_docx is the only edge between the two.
    import ast

    source = (Path(memo.__file__).with_name("memo_docx.py")).read_text(encoding="utf-8")
    imported = {n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m.startswith("scorer") for m in imported), imported


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed: the page estimate above stands in")
def test_every_seed_memo_renders_in_at_most_three_pages_in_libreoffice(seed_results, tmp_path):
    from pypdf import PdfReader

    for seed in SEEDS:
        (tmp_path / f"{seed.name[:3]}.docx").write_bytes(memo.memo_docx(seed_results[seed.name]))
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: another soffice may be running
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   check=True, capture_output=True, timeout=100)
    pages = {pdf.stem: len(PdfReader(pdf).pages) for pdf in tmp_path.glob("*.pdf")}
    assert sorted(pages) == sorted(seed.name[:3] for seed in SEEDS)
    assert all(n <= 3 for n in pages.values()), pages


# -- the styled empty page, kept between runs (issue 14: a batch worker's first memo) ------------


def test_twips_are_what_python_docx_computes():
    from scorer.render.memo_docx import _mm_twips, _points_twips

    for value in [x / 4 for x in range(0, 400)] + [16 * 2, 16 * 400 / 100, 10.5, 22]:
        assert _points_twips(value) == Pt(value).twips, value
    for value in [x / 10 for x in range(0, 2000)]:
        assert _mm_twips(value) == docx.shared.Mm(value).twips, value


def test_a_page_kept_from_an_earlier_run_makes_the_same_memo_without_python_docx(seed_results, tmp_path):
    import hashlib
    import json
    import os
    import sys

    result = seed_results[SEEDS[0].name]
    built = zipfile.ZipFile(io.BytesIO(memo.memo_docx(result)))
    code = (
        "import hashlib, io, json, sys, zipfile\n"
        "from scorer.pipeline import score_file\n"
        "from scorer.rules import load_rules\n"
        "from scorer.render import memo\n"
        f"data = memo.memo_docx(score_file({str(SEEDS[0])!r}, load_rules()))\n"
        "z = zipfile.ZipFile(io.BytesIO(data))\n"
        "print(json.dumps({'docx': 'docx' in sys.modules, 'lxml': 'lxml' in sys.modules,\n"
        "                  'parts': [[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))\n"
    )
    env = {**os.environ, "FAZHI_CACHE_DIR": str(tmp_path / "cache")}
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                                      env=env, check=True).stdout) for _ in range(2)]
    assert runs[0]["docx"]  # the first run builds the page with python-docx and keeps it…
    assert list((tmp_path / "cache").glob("memo-page-*"))
    assert not runs[1]["docx"] and not runs[1]["lxml"]  # …the next one takes it from the cache
    expected = [[i.filename, hashlib.sha256(built.read(i)).hexdigest()] for i in built.infolist()]
    assert runs[0]["parts"] == runs[1]["parts"] == expected  # every part, in order, as built here


def test_a_page_that_is_not_one_is_refused():
    from scorer.render import memo_docx

    kept = memo_docx.page()
    for bad in (None, b"", (), kept[:4], (kept[0].decode("latin-1"), *kept[1:]), (*kept[:4], "ids")):
        assert memo_docx.use_page(bad) is False
    assert memo_docx.page() == kept
    assert memo_docx.use_page(kept) is True and memo_docx.page() == kept
