"""Hostile and unlucky report files (issue 11): nothing hangs, nothing crashes, nothing leaks.

Each test reproduces one reported case and asserts the documented behaviour: one
``fazhi: error:`` line and exit 2 for a file we refuse, bounded work for long input,
no escape sequence from a file name on the terminal.
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scorer.match as match
from scorer import ingest, segment
from scorer.cli import app
from scorer.errors import InputError
from scorer.ingest import read_document
from scorer.models import Sentence
from scorer.rules import load_rules

from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
SEED = SEEDS / "002_270951ed5cca0aaf.txt"
runner = CliRunner()


def fazhi(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real CLI in a child process: what a user's terminal gets, stderr included."""
    return subprocess.run([sys.executable, "-m", "scorer", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_negation_looks_at_each_clause_once_however_many_matches_it_holds(monkeypatch):
    # A line without punctuation full of matches made this quadratic: 2 MB took 296 s.
    calls = []
    real = match.NEGATION_AT_STARTS

    class Counting:
        def search(self, text):
            calls.append(len(text))
            return real.search(text)

    monkeypatch.setattr(match, "NEGATION_AT_STARTS", Counting())
    clause = "全面推行行政执法公示制度" * 2000  # 2,000 matches in one clause
    view = match._view(Sentence(0, 0, len(clause), clause, clause, 0, 0), "achievements", match.MatchOptions())
    spans = [(m.start(), m.end()) for m in re.finditer("行政执法公示", clause)]
    assert match._negated(view, spans) is None
    assert len(calls) == 1
    # a second rule matching the same clause asks the sentence, which has already looked
    assert match._negated(view, spans[:5]) is None
    assert len(calls) == 1


def test_a_long_line_full_of_matches_is_scored(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("2023年法治政府建设情况报告\n" + "全面推行行政执法公示制度" * 20000 + "\n", encoding="utf-8")
    result = __import__("scorer.pipeline", fromlist=["score_file"]).score_file(path, load_rules())
    assert result.result("enforcement.publicity").status == "asserted"


@pytest.mark.parametrize("space", [" ", "\u3000", "\t", "\u00a0"])
def test_a_long_run_of_spaces_is_cut_and_what_it_separated_is_still_read(tmp_path, space):
    # A figure followed by 1,000 spaces cost one count pattern 30 s (it tries every way of
    # sharing the run among its optional spaces); a 30 KB file of such lines took ten minutes.
    path = tmp_path / "spaces.txt"
    line = "全年在门户网站公示行政处罚决定12" + space * 5000 + "件。"
    path.write_text("2023年法治政府建设情况报告\n" + line + "\n", encoding="utf-8")
    doc = read_document(path)
    assert "12" + space * ingest.MAX_SPACE_RUN + "件" in doc.text
    assert space * (ingest.MAX_SPACE_RUN + 1) not in doc.text
    assert any("连续空白 1 处" in note for note in doc.notes)
    result = __import__("scorer.pipeline", fromlist=["score_document"]).score_document(doc, load_rules())
    publicity = result.result("enforcement.publicity")
    assert publicity.status == "substantiated"  # the count across the run is read
    assert any(e.reason.startswith("有可核查细节：12") for e in publicity.evidence)


def test_runs_of_spaces_within_the_bound_are_left_as_they_are(tmp_path):
    path = tmp_path / "layout.txt"
    line = "牡政呈〔2021〕6号" + " " * ingest.MAX_SPACE_RUN + "签发人:王文力"
    path.write_text("某市2023年度法治政府建设情况报告\n" + line + "\n" + "\u3000\u3000全年办理案件12件。\n", encoding="utf-8")
    doc = read_document(path)
    assert line in doc.text and "\u3000\u3000全年" in doc.text
    assert not any("连续空白" in note for note in doc.notes)


def test_an_html_page_over_the_element_budget_is_refused_before_parsing(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 120_000 + "行政执法公示" + "</div>" * 120_000
                    + "<p>x</p>" * 90_000 + "</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"HTML page has 210,00\d elements, over the 200,000 limit"):
        read_document(page)


def test_text_over_the_character_budget_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_CHARS", 2_000)  # the real limit is 1,000,000: same check, less text
    with pytest.raises(InputError, match=r"report text is [\d,]+ characters, over the 2,000 limit"):
        read_document(SEED)


def test_a_text_of_too_many_sentences_is_refused_in_one_line(tmp_path):
    # 述法。 330,000 times is within the character limit and took 27 s and 1.2 GB to score
    path = tmp_path / "tiny.txt"
    path.write_text("2023年法治政府建设情况报告\n" + "述法。" * (segment.MAX_SENTENCES + 10) + "\n", encoding="utf-8")
    done = fazhi("score", path, SEED)
    assert done.returncode == 2
    errors = done.stderr.strip().splitlines()
    assert errors == [f"fazhi: error: {path}: report text has {segment.MAX_SENTENCES + 11:,} sentences, "
                      f"over the {segment.MAX_SENTENCES:,} limit: is this one report?"]
    assert SEED.name in done.stdout and "发文单位 昆明市科技局" in done.stdout  # the other is still scored


def test_the_sentence_limit_counts_every_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(segment, "MAX_SENTENCES", 100)  # the real limit is 50,000: same check, less text
    doc = ingest.read_text("2023年法治政府建设情况报告\n" + "全年办理案件。" * 99 + "\n", "ok.txt")
    assert len(segment.segment(doc).sentences) == 100
    with pytest.raises(InputError, match=r"^.*report text has 101 sentences, over the 100 limit"):
        segment.segment(ingest.read_text("2023年法治政府建设情况报告\n" + "全年办理案件。" * 100 + "\n", "no.txt"))


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_a_corrupt_pdf_gets_one_line_and_no_library_chatter(tmp_path, damage):
    from test_readers import make_pdf

    good = make_pdf(["2023年度法治政府建设情况报告", "一、主要举措和成效", "全面推行行政执法公示制度。"] * 3,
                    tmp_path / "good.pdf").read_bytes()
    rnd = random.Random(3)
    bad = good[: len(good) // 2] if damage == "truncated" else bytes(
        b if rnd.random() > 0.01 else rnd.randrange(256) for b in good)
    path = tmp_path / f"{damage}.pdf"
    path.write_bytes(bad)
    proc = fazhi("score", path)
    if proc.returncode == 0:
        pytest.skip("this damage left the PDF readable")  # the random flips may miss every structure
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [proc.stderr.strip()] and proc.stderr.startswith(f"fazhi: error: {path}:")


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(tmp_path):
    hostile = tmp_path / "x\x1b]0;pwned\x07\x1b[2Jy.txt"
    hostile.write_bytes(SEED.read_bytes())
    proc = fazhi("score", hostile)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "x\\x1b]0;pwned\\x07\\x1b[2Jy.txt" in proc.stdout  # shown, not executed


def test_an_unreadable_file_among_several_is_one_line_and_the_others_are_scored(tmp_path, monkeypatch):
    # (as root every file is readable, so the refusal is simulated where the file is opened)
    locked = tmp_path / "locked.txt"
    locked.write_bytes(SEED.read_bytes())
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    res = runner.invoke(app, ["score", str(locked), str(SEED), "--format", "json"])
    assert res.exit_code == 2
    errors = [line for line in res.stderr.splitlines() if line.startswith("fazhi: error:")]
    assert errors == [f"fazhi: error: {locked}: cannot read file: Permission denied"]
    assert '"enforcement.publicity"' in res.stdout  # the readable report is scored all the same


def test_random_bytes_that_libreoffice_converts_are_refused(tmp_path, monkeypatch):
    docx = pytest.importorskip("docx")
    # A stand-in for soffice that "converts" by writing what LibreOffice makes of random
    # bytes: a document of mojibake. Only the conversion is replaced; the check is ours.
    rnd = random.Random(5)
    noise = bytes(rnd.randrange(256) for _ in range(4000)).decode("cp1252", "replace")
    converted = tmp_path / "noise.docx"
    document = docx.Document()
    document.add_paragraph("".join(ch for ch in noise if ch.isprintable()))
    document.save(converted)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text(f'#!/bin/sh\nfor a; do out="$prev"; prev="$a"; done\n'
                       f'outdir=$(dirname "$a")\ncp "{converted}" "$outdir/input.docx"\n', encoding="utf-8")
    soffice.chmod(soffice.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    junk = tmp_path / "junk.doc"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rnd.randbytes(8000))
    with pytest.raises(InputError, match="converts to unreadable characters"):
        read_document(junk)


def test_the_dashboard_runs_only_its_own_script():
    from scorer.render import dashboard

    script = dashboard._sort_script()
    digest = base64.b64encode(hashlib.sha256(script["sort_script"].encode()).digest()).decode()
    assert script["sort_script_hash"] == f"sha256-{digest}"
    head = (ROOT / "templates" / "dashboard_head.html.j2").read_text(encoding="utf-8")
    assert "script-src '{{ sort_script_hash }}'" in head and "default-src 'none'" in head
    for page in ("dashboard.html.j2", "dashboard_page.html.j2"):  # index.html and a large batch's pages
        template = (ROOT / "templates" / page).read_text(encoding="utf-8")
        assert '{% include "dashboard_head.html.j2" %}' in template
        assert "<script>{{ sort_script|safe }}</script>" in template  # the hash covers exactly what is inserted


def test_control_characters_in_report_text_are_shown_not_passed_into_html():
    from scorer.pipeline import score_document
    from scorer.models import Document
    from scorer.render import html_report

    text = "某局2023年度法治政府建设情况报告\x1b]0;pwned\x07\u202e\n一、主要举措和成效\n全面推行行政执法公示制度\x1b[2J，公示处罚决定12件。\n"
    html = html_report.render(score_document(Document(path="t\x1b.txt", text=text, keep=((0, len(text)),),
                                                      source_format="txt"), load_rules()))
    assert "\x1b" not in html and "\x07" not in html and "\u202e" not in html
    assert "\\x1b[2J" in html  # shown, so a reader sees what the file holds
