"""The 审查意见 memo: DOCX parses back with headings and one table row per requirement, its
problems are the engine's gaps grouped by area, and hostile report text stays inert in every
format. (Its 公文 layout, page count and citations per edition: test_memo_gongwen.py, test_sources.py.)"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import hostile_report
from browser import chromium_page, launch_chromium
from scorer.cli import app
from scorer.errors import FazhiError
from scorer.render import memo
from scorer.render import review
from scorer.render.review import status_zh

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SECOND_LEVEL = re.compile(r"^（[一二三四五六七八九十]+）")


def markdown_to_html(text: str) -> str:
    # html=True: raw HTML in the Markdown would pass through, so escaping is what keeps it out.
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def docx_outline(data: bytes):
    document = docx.Document(io.BytesIO(data))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    return document, by_style


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, ruleset):
    """The hostile report, its issuer and title (the report text a memo repeats) made of every hostile string."""
    from dataclasses import replace

    from scorer.pipeline import score_file

    result = score_file(hostile_report.write(tmp_path_factory.mktemp("hostile")), ruleset)
    return replace(result, issuer="某区科学技术局" + hostile_report.SCRIPT + hostile_report.IMG,
                   title="".join(hostile_report.HOSTILE) + "报告")


def problems_text(m) -> str:
    return "".join(f.lead + f.text for f in m.findings)


def assert_gaps_reported(result, text: str) -> None:
    """Every gap of a core or required rule is named in 主要问题; the recommended ones are counted there."""
    for r in result.gaps:
        if r.rule.kind == "deadline":  # said in the engine's own sentence, with its reason
            assert review.missing(r).rstrip("。") in text
        elif r.rule.level != "recommended":
            assert f"“{r.rule.title}”" in text, r.rule.id
    recommended = [r for r in result.gaps if r.rule.level == "recommended"]
    if len(recommended) > 1:
        assert f"“{recommended[0].rule.title}”等{len(recommended)}项建议性要求" in text


# ---- DOCX ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_docx_parses_back_with_headings_table_and_the_engines_gaps(seed, seed_results):
    result = seed_results[seed.name]
    document, by_style = docx_outline(memo.memo_docx(result))
    m = memo.build(result)
    assert by_style["Title"] == [f"关于{result.issuer or '（报告单位）'}{result.year}年度法治政府建设年度报告的审查意见", "逐项核查表"]
    assert by_style["Heading 1"] == ["一、总体评价", "二、主要问题", "三、整改要求"]
    assert "Heading 2" not in by_style  # second-level headings run into their paragraph
    body = "\n".join(p.text for p in document.paragraphs)
    assert [f.lead + f.text for f in m.findings] == [p for p in by_style["Normal"] if SECOND_LEVEL.match(p)]
    assert_gaps_reported(result, problems_text(m))
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert len(rows) == len(result.results) + 1
    assert [c.text for c in rows[0].cells] == list(memo.TABLE_HEADER)
    assert [row.cells[1].text for row in rows[1:]] == [r.rule.title for r in result.results]
    assert [row.cells[3].text for row in rows[1:]] == [status_zh(r) for r in result.results]
    assert "请于　　年　月　日前" in body
    assert f"报告得分{result.score:.1f}分" in body and result.grade in body


def test_core_gaps_come_first_and_unstarred(seed_results):
    # ★ means nothing to the department: core gaps are named first, and counted in 总体评价.
    result = next(r for r in seed_results.values() if any(g.rule.level == "core" for g in r.gaps))
    m = memo.build(result)
    first = m.findings[0].lead + m.findings[0].text
    assert f"“{result.gaps[0].rule.title}”" in first and result.gaps[0].rule.level == "core"
    assert "★" not in memo.memo_markdown(result) + memo.memo_html(result)
    core = sum(1 for g in result.gaps if g.rule.level == "core")
    assert f"其中核心要求{core}项" in m.assessment[-1] or f"其中核心要求{core}项" in "".join(m.assessment)


def test_assessment_counts_add_up(seed_results):
    result = seed_results[SEEDS[3].name]
    m = memo.build(result)
    applicable = [r for r in result.results if r.applies]
    met = sum(1 for r in applicable if r.status in ("substantiated", "asserted", "met"))
    counts = next(p for p in m.assessment if p.startswith("报告得分"))
    assert f"适用的{len(applicable)}项要求中，报告反映已落实{met}项" in counts
    assert f"需补充完善{len(result.gaps)}项" in counts
    assert met + len(result.gaps) == len(applicable)


def test_xml_unsafe_characters_are_dropped_not_fatal(seed_results):
    result = seed_results[SEEDS[0].name]
    from dataclasses import replace

    dirty = replace(result, issuer="某局\x00\x0b\x1f")
    _, by_style = docx_outline(memo.memo_docx(dirty))
    assert by_style["Title"][0].startswith("关于某局2020")


# ---- Markdown and HTML -------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.name[:3])
def test_markdown_has_the_gaps_and_a_row_per_requirement(seed, seed_results):
    result = seed_results[seed.name]
    soup = BeautifulSoup(markdown_to_html(memo.memo_markdown(result)), "html.parser")
    assert [s.get_text() for s in soup.find_all("strong")] == [f.heading for f in memo.build(result).findings]
    assert_gaps_reported(result, soup.get_text())
    rows = soup.find("table").find_all("tr")
    assert len(rows) == len(result.results) + 1
    assert all(len(r.find_all(["td", "th"])) == len(memo.TABLE_HEADER) for r in rows)


def test_markdown_escaping_keeps_table_cells_and_text_literal():
    cell = memo.md_escape("a | b <i>x</i> *y* `z` [l](u) & \\")
    html = markdown_to_html(f"| h |\n|---|\n| {cell} |\n")
    soup = BeautifulSoup(html, "html.parser")
    assert [td.get_text() for td in soup.find_all("td")] == ["a | b <i>x</i> *y* `z` [l](u) & \\"]
    assert soup.find("i") is None and soup.find("em") is None and soup.find("a") is None
    for opener in ("# 标题", "- 列表", "1. 列表", "> 引用", "+ x", "2) y"):
        rendered = BeautifulSoup(markdown_to_html(memo.md_paragraph(opener)), "html.parser")
        assert rendered.find("p") is not None and rendered.get_text().strip() == opener


# ---- hostile text ------------------------------------------------------------------------


def test_hostile_memo_docx_keeps_the_text_literally(hostile):
    document, by_style = docx_outline(memo.memo_docx(hostile))
    text = "\n".join(p.text for p in document.paragraphs)
    for literal in hostile_report.HOSTILE:
        assert literal in text, literal
    assert f"《{hostile.title}》" in text  # not rendered as a template (49)
    assert by_style["Title"][0] == memo.build(hostile).title


def test_hostile_memo_markdown_renders_inert(hostile):
    source = memo.memo_markdown(hostile)
    assert "<" not in source and ">" not in source
    soup = BeautifulSoup(markdown_to_html(source), "html.parser")
    assert soup.find_all(["script", "img", "textarea", "b"]) == []
    text = soup.get_text()
    for literal in hostile_report.HOSTILE:
        assert literal in text, literal


def test_hostile_memo_html_in_chromium(hostile, tmp_path):
    page_file = tmp_path / "memo.html"
    page_file.write_text(memo.memo_html(hostile), encoding="utf-8")
    assert "<script" not in page_file.read_text(encoding="utf-8")
    with launch_chromium() as browser, chromium_page(page_file, browser=browser) as (page, errors):
        text = page.inner_text("body")
        assert page.locator("script, img, textarea, b").count() == 0
        for literal in hostile_report.HOSTILE:
            assert literal in text, literal
        leads = page.locator("#problems .lead").evaluate_all("els => els.map(e => e.textContent)")
        assert leads == [f.lead for f in memo.build(hostile).findings]
        assert page.locator("#annex tbody tr").count() == len(hostile.results)
        page.screenshot(path=str(tmp_path / "memo.png"))
        assert errors == []
    assert (tmp_path / "memo.png").stat().st_size > 0


# ---- writing files -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_cli_memo_writes_by_suffix(suffix, tmp_path):
    out = tmp_path / f"memo{suffix}"
    res = CliRunner().invoke(app, ["memo", str(SEEDS[1]), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == str(out)
    data = out.read_bytes()
    assert data[:2] == b"PK" if suffix == ".docx" else "审查意见" in data.decode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_cli_memo_bad_suffix_is_one_line_exit_2(tmp_path):
    res = CliRunner().invoke(app, ["memo", str(SEEDS[1]), "-o", str(tmp_path / "memo.pdf")])
    assert res.exit_code == 2
    assert res.stderr == f"fazhi: error: {tmp_path / 'memo.pdf'}: cannot write '.pdf' here; use .docx, .md or .html\n"
    assert list(tmp_path.iterdir()) == []


def test_write_memo_refuses_unknown_suffix(seed_results, tmp_path):
    with pytest.raises(FazhiError, match=r"use \.docx, \.md or \.html"):
        memo.write_memo(seed_results[SEEDS[0].name], tmp_path / "memo.rtf")
    assert list(tmp_path.iterdir()) == []


def test_a_report_without_gaps_says_so_everywhere(seed_results):
    from dataclasses import replace

    from scorer.render import html_report

    result = seed_results[SEEDS[1].name]
    clean = replace(result, results=tuple(replace(r, status="met" if r.rule.kind != "element" else "substantiated") for r in result.results))
    assert clean.gaps == ()
    _, by_style = docx_outline(memo.memo_docx(clean))
    assert "Heading 2" not in by_style
    assert "未发现需要补充的内容。" in "".join(by_style["Normal"])
    assert "未发现需要补充的内容。" in memo.memo_markdown(clean)
    assert "未发现需要补充的内容。" in memo.memo_html(clean)
    assert "全部适用要求均已落实" in html_report.render(clean)


def test_docx_memos_rendered_in_turn_each_stand_alone(seed_results):
    # One styled document is reused per thread: nothing of one memo may leak into the next.
    import zipfile

    def document_xml(result) -> bytes:
        return zipfile.ZipFile(io.BytesIO(memo.memo_docx(result))).read("word/document.xml")

    first, second = seed_results[SEEDS[0].name], seed_results[SEEDS[2].name]
    before = document_xml(first)
    document, by_style = docx_outline(memo.memo_docx(second))
    assert len(document.tables) == 1 and len(document.tables[0].rows) == len(second.results) + 1
    assert by_style["Title"] == [memo.build(second).title, memo.ANNEX_TITLE]
    assert document_xml(first) == before


def test_docx_table_rows_keep_the_layout_and_any_text(seed_results):
    from dataclasses import replace

    from docx.shared import Mm, Pt

    from scorer.render.memo_docx import TABLE_STYLE, docx_bytes

    m = memo.build(seed_results[SEEDS[0].name])
    odd = (" 前后有空格 ", "有\t制表符", "换\n行", "")
    rows = (*m.rows[:-len(odd)], *(replace(r, title=t) for r, t in zip(m.rows[-len(odd):], odd)))
    document = docx.Document(io.BytesIO(docx_bytes(memo.as_gongwen(replace(m, rows=rows)))))
    table_rows = document.tables[0].rows[1:]
    assert [r.cells[1].text for r in table_rows] == [r.title for r in rows]
    for row in table_rows:
        assert [c.width.twips for c in row.cells] == [Mm(w).twips for w in memo.TABLE_WIDTHS_MM]
        assert {c.paragraphs[0].style.name for c in row.cells} == {TABLE_STYLE}
    assert document.styles[TABLE_STYLE].font.size == Pt(10.5)
