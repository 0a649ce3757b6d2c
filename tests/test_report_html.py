"""The HTML gap report: opens clean in headless Chromium, gaps first, inert against hostile text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markupsafe import escape
from typer.testing import CliRunner

import hostile_report
from browser import PHONE, chromium_page, launch_chromium, open_in_chromium
from scorer.cli import app
from scorer.render import html_report
from scorer.segment import SENTENCE_MAX_CHARS
from scorer.render.html_report import Segment, highlight

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as b:
        yield b


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, ruleset):
    from scorer.pipeline import score_file

    path = hostile_report.write(tmp_path_factory.mktemp("hostile"))
    result = score_file(path, ruleset)
    out = path.with_suffix(".html")
    out.write_text(html_report.render(result), encoding="utf-8")
    return result, out


# ---- highlighting: offsets become segments, never markup ---------------------------------


def test_highlight_merges_overlaps_and_clamps_out_of_range():
    assert highlight("abcdefgh", ((6, 10), (1, 3), (2, 4), (-5, 0))) == (
        Segment("a", False),
        Segment("bcd", True),
        Segment("ef", False),
        Segment("gh", True),
    )


def test_highlight_without_spans_is_one_plain_segment():
    assert highlight("<b>x</b>", ()) == (Segment("<b>x</b>", False),)
    assert highlight("", ((0, 3),)) == (Segment("", False),)


def _as_the_template_loop_escaped_it(text, spans):
    """What the page's per-piece loop wrote before a sentence became one value (html_report.quoted)."""
    from scorer.render.jinja import shown

    return "".join(f"<mark>{escape(shown(s.text))}</mark>" if s.marked else str(escape(shown(s.text)))
                   for s in highlight(text, spans))


@pytest.mark.parametrize(("text", "spans"), [
    ('依法<b>"行政"</b> & \'决策\'', ((2, 5), (4, 9), (16, 18))),  # markup, quotes, overlapping marks
    ("执法\x00公示\x1b[2J制度\u202e全面\n推行\ud800", ((0, 2), (3, 5), (14, 16))),  # NUL, controls, bidi, a lone surrogate
    ("公开\x01<mark>\x02目录\x02清单\x01", ((0, 3), (11, 15))),  # the controls quoted puts where its <mark> tags go
    ("", ((0, 3),)),
    ("<script>alert(1)</script>", ()),
])
def test_a_quoted_sentence_is_escaped_piece_by_piece_as_the_template_did(text, spans):
    quoted = html_report.quoted(text, spans)
    assert quoted == _as_the_template_loop_escaped_it(text, spans)
    assert "<b>" not in quoted and "<script>" not in quoted
    assert not any(c in quoted for c in "\x00\x01\x02\x1b\u202e\ud800")


def test_a_cached_piece_escapes_the_report_text_it_is_given():
    labels = html_report.piece("evidence_labels", "<i>部分</i>", "met", "已落实", False, False, True, '由标题"<img src=x>"识别')
    assert "<img" not in labels and "<i>" not in labels and "&lt;img src=x&gt;" in labels and "&#34;" in labels
    assert 'class="pill s-deficient ocr-low"' in labels  # the macro's own markup is kept
    assert html_report.piece("evidence_labels", "<i>部分</i>", "met", "已落实", False, False, True, '由标题"<img src=x>"识别') is labels


# ---- every seed in a real browser --------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_report_opens_clean_with_gaps_first(seed, seed_results, browser, tmp_path):
    result = seed_results[seed.name]
    page_file = tmp_path / "report.html"
    page_file.write_text(html_report.render(result), encoding="utf-8")
    shot = tmp_path / "report.png"
    with chromium_page(page_file, browser=browser) as (page, errors):
        page.screenshot(path=str(shot))  # the first screen: header and the start of the gap list
        assert errors == []
        assert page.title().startswith("核查报告")
        assert page.locator("#gaps").is_visible()
        gap_ids = page.locator("#gaps li.gap").evaluate_all("els => els.map(e => e.dataset.rule)")
        assert gap_ids == [r.rule.id for r in result.gaps]
        for rule_id in gap_ids[:3]:
            assert page.locator(f'#gaps [data-rule="{rule_id}"]').is_visible()
        # Gaps come before the full list, and every requirement has its anchor.
        assert page.evaluate("document.querySelector('#gaps').compareDocumentPosition(document.querySelector('#requirements')) & 4")
        anchors = page.locator("article.req").evaluate_all("els => els.map(e => e.id)")
        assert anchors == [f"req-{r.rule.id}" for r in result.results]
        marked = sum(1 for r in result.results for e in r.evidence if e.matched)
        assert (page.locator("mark").count() > 0) == (marked > 0)
        assert page.locator("#structure .parts li").count() == len(result.segmented.parts)
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rules_outside_the_edition_show_as_not_applicable(seed_results, browser, tmp_path):
    result = next(r for r in seed_results.values() if any(not x.applies for x in r.results))
    page_file = tmp_path / "report.html"
    page_file.write_text(html_report.render(result), encoding="utf-8")
    with chromium_page(page_file, browser=browser) as (page, errors):
        for r in (x for x in result.results if not x.applies):
            badge = page.locator(f'[id="req-{r.rule.id}"] .req-head .pill')
            assert badge.inner_text() == "不适用"
        assert errors == []


def test_page_is_self_contained(seed_results):
    html = html_report.render(next(iter(seed_results.values())))
    lowered = html.lower()
    assert "<script" not in lowered
    assert "http://" not in lowered and "https://" not in lowered
    assert "<link" not in lowered and "@import" not in lowered
    assert "@page { size: a4" in lowered and "@media print" in lowered
    assert 'name="viewport"' in lowered


def test_header_shows_deadline_score_and_status_bar(seed_results):
    result = next(r for r in seed_results.values() if r.signed)
    view = html_report.view(result)
    html = html_report.render(result)
    assert view.deadline_status == result.result("meta.deadline").status
    assert result.signed.isoformat() in html
    assert f"{result.score:.1f}" in html and result.grade in html
    assert sum(c.count for c in view.counts) == sum(1 for r in result.results if r.applies)


# ---- hostile report ----------------------------------------------------------------------


def test_hostile_report_is_inert_and_intact(hostile, browser):
    result, page_file = hostile
    html = page_file.read_text(encoding="utf-8")
    assert html.count("<script") == 0
    # The 50,000-character line is cut into sentences of at most SENTENCE_MAX_CHARS; those the
    # popularisation rule cites (its head, with the count, among them) are on the page whole and
    # escaped, and <mark> is the only markup allowed inside them.
    cited = [e.text for r in result.results for e in r.evidence if e.text in hostile_report.long_line()]
    assert cited and all(len(t) <= SENTENCE_MAX_CHARS for t in cited)
    assert any(hostile_report.long_line().startswith(t) and len(t) > SENTENCE_MAX_CHARS // 2 for t in cited)
    unmarked = html.replace("<mark>", "").replace("</mark>", "")
    assert all(str(escape(t)) in unmarked for t in cited)
    with chromium_page(page_file, browser=browser) as (page, errors):
        text = page.inner_text("body")
        assert errors == []  # no console error, no page error, no alert dialog, no request
        assert page.locator("script, img, textarea, b").count() == 0
        for literal in hostile_report.HOSTILE:
            assert literal in text, literal
        assert next(t for t in cited if hostile_report.long_line().startswith(t)) in text
        assert f"公示执法信息20条{hostile_report.MUSTACHE}" in text  # not rendered as a template (49)
        assert page.locator("#gaps").is_visible()


def test_hostile_report_fits_a_phone_screen(hostile, browser):
    _, page_file = hostile
    with chromium_page(page_file, browser=browser, viewport=PHONE) as (page, errors):
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert errors == []


def test_open_in_chromium_convenience(hostile, browser, tmp_path):
    _, page_file = hostile
    check = open_in_chromium(page_file, tmp_path / "shot.png", browser=browser, count=("#gaps", "article.req"), full_page=False)
    assert check.ok and check.title.startswith("核查报告")
    assert check.counts == {"#gaps": 1, "article.req": len(hostile[0].results)}
    assert check.screenshot.stat().st_size > 0


# ---- the command -------------------------------------------------------------------------


def test_cli_report_writes_the_page(tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(app, ["report", str(SEEDS[0]), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == str(out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/r.pdf"], "fazhi: error: {tmp}/r.pdf: cannot write '.pdf' here; use .html"),
        (["-o", "{tmp}/r"], "fazhi: error: {tmp}/r: cannot write '(no suffix)' here; use .html"),
        (["-o", "{tmp}/missing/r.html"], "fazhi: error: {tmp}/missing/r.html: directory {tmp}/missing does not exist; create it first"),
        (["-o", "{tmp}/r.html", "--edition", "2019"], "fazhi: error: --edition: 2019 is not an Outline edition (use 2015 or 2021)"),
    ],
)
def test_cli_report_errors_are_one_line_exit_2(args, message, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = CliRunner().invoke(app, ["report", str(SEEDS[0]), *args])
    assert res.exit_code == 2
    assert res.stderr.strip() == message.replace("{tmp}", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_cli_report_on_a_missing_file_is_one_line(tmp_path):
    res = CliRunner().invoke(app, ["report", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith(f"fazhi: error: {tmp_path / 'nope.txt'}:")


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "r.html"
    out.write_text("OLD", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    res = CliRunner().invoke(app, ["report", str(SEEDS[0]), "-o", str(out)])
    monkeypatch.undo()
    assert res.exit_code != 0  # Click reports the interrupt as "Aborted!"
    assert out.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_writing_quality_signals_are_shown(tmp_path, ruleset):
    from scorer.pipeline import score_file
    from scorer.render.html_report import render

    page = render(score_file(SEEDS[1], ruleset))
    assert 'id="quality"' in page
    assert "每千字" in page and "只列现象，未说明原因" in page  # seed 001 lists shortcomings without causes
