"""`fazhi batch`: every output over seeds + broken files, resuming after a kill, Ctrl-C, the dashboard in Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scorer.discover import discover, output_name

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FAZHI = str(Path(sys.executable).parent / "fazhi")
HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"
BROKEN = ("broken/binary.pdf", "broken/empty.txt", "broken/undecodable.txt")
EXIT_PARTIAL, EXIT_INTERRUPTED = 4, 130


def fazhi(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([FAZHI, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


def tmp_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.tmp")]


def varied_corpus(directory: Path, n: int) -> Path:
    """n copies of the seeds, each with a unique last line so every content hash differs."""
    directory.mkdir(parents=True)
    for i in range(n):
        seed = SEEDS[i % len(SEEDS)]
        (directory / f"r{i:03d}.txt").write_text(seed.read_text(encoding="utf-8") + f"\n附：第{i}份副本。\n", encoding="utf-8")
    return directory


def db_count(db: Path, table: str = "reports") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def check_consistent(db: Path, rules: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT COUNT(*) FROM results WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        assert orphans == 0
        partial = conn.execute(
            "SELECT COUNT(*) FROM (SELECT report_id FROM results GROUP BY report_id HAVING COUNT(*) != ?)", (rules,)
        ).fetchone()[0]
        assert partial == 0
        empty = conn.execute("SELECT COUNT(*) FROM reports WHERE id NOT IN (SELECT report_id FROM results)").fetchone()[0]
        assert empty == 0


# -- one batch over the seeds plus broken files -------------------------------------------


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    corpus = base / "in"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    (corpus / "nested" / "2021").mkdir(parents=True)
    shutil.copy(SEEDS[3], corpus / "nested" / "2021" / HOSTILE_NAME)
    (corpus / ".hidden").mkdir()
    shutil.copy(SEEDS[0], corpus / ".hidden" / "draft.txt")
    (corpus / "notes.xlsx").write_bytes(b"not a report extension")
    (corpus / "broken").mkdir()
    (corpus / "broken" / "empty.txt").write_bytes(b"")
    (corpus / "broken" / "binary.pdf").write_bytes(random.Random(5).randbytes(4000))
    (corpus / "broken" / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 50)
    out = base / "out"
    run = fazhi("batch", corpus, "-o", out, "--jobs", 2)
    return corpus, out, run


def scored_names() -> list[str]:
    return [s.name for s in SEEDS] + [output_name(f"nested/2021/{HOSTILE_NAME}")]


def test_batch_exit_code_and_stderr_name_the_broken_files(batch_run):
    corpus, out, run = batch_run
    assert run.returncode == EXIT_PARTIAL, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("fazhi: error: ")]
    assert len(errors) == 3
    assert any(str(corpus / "broken" / "empty.txt") in e and "InputError: file is empty" in e for e in errors)
    assert any("binary.pdf" in e and "InputError: corrupt PDF" in e for e in errors)
    assert any("undecodable.txt" in e and "cannot decode" in e for e in errors)
    lines = run.stdout.strip().splitlines()
    assert lines[-3] == "9 files: 6 scored, 0 already scored, 3 failed"
    assert lines[-2].endswith(f"{os.sep}reports{os.sep}")
    assert lines[-1] == str(out / "index.html")


def test_every_report_gets_html_json_and_memo(batch_run):
    import jsonschema

    from scorer.render.json_report import REPORT_SCHEMA

    corpus, out, _ = batch_run
    reports = out / "reports"
    for name in scored_names():
        html = (reports / f"{name}.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")
        data = json.loads((reports / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, REPORT_SCHEMA)
        assert "word/document.xml" in zipfile.ZipFile(reports / f"{name}.docx").namelist()
    assert len(list(reports.iterdir())) == 3 * 6  # nothing for broken, hidden or non-report files
    assert "/" not in output_name(f"nested/2021/{HOSTILE_NAME}") and "<" not in output_name(f"nested/2021/{HOSTILE_NAME}")
    assert tmp_files(out) == []


def test_summary_csv_has_a_row_per_file_with_errors_for_broken_ones(batch_run):
    _, out, _ = batch_run
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_file = {r["file"]: r for r in rows}
    assert sorted(by_file) == sorted([s.name for s in SEEDS] + [f"nested/2021/{HOSTILE_NAME}", *BROKEN])
    assert by_file["broken/empty.txt"]["error"] == "InputError: file is empty"
    assert by_file["broken/empty.txt"]["score"] == ""
    seed = by_file[SEEDS[1].name]
    assert seed["error"] == "" and float(seed["score"]) > 0 and seed["issuer"]
    allowed = {"substantiated", "asserted", "deficient", "planned", "absent", "met", "late", "n/a"}
    assert seed["structure.achievements"] in allowed and seed["meta.deadline"] in allowed


def test_summary_xlsx_header_bold_frozen_filtered_and_coloured(batch_run):
    from openpyxl import load_workbook

    _, out, _ = batch_run
    wb = load_workbook(out / "summary.xlsx")
    # The seeds were judged under both Outline editions: a sheet each, then the failed files.
    assert wb.sheetnames == ["2021年版纲要", "2015年版纲要", "无法读取的文件", "要求一览", "图例"]
    rows = {name: wb[name].max_row - 1 for name in wb.sheetnames[:3]}
    assert rows == {"2021年版纲要": 2, "2015年版纲要": 4, "无法读取的文件": 3}
    ws = wb["2015年版纲要"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["文件", "发文单位", "部门类别", "地区"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == ws.dimensions
    col = header.index("主要举措和成效") + 1
    statuses = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    assert {c.value for c in statuses} <= {"具备", "未提及"}
    assert all(c.fill.fgColor.rgb.endswith(("43A047", "E57373")) for c in statuses)


def test_dashboard_lists_broken_files_and_escapes_file_names(batch_run):
    _, out, _ = batch_run
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    failed = html[html.index('id="failed"'):html.index('id="history"')]
    for name in BROKEN:
        assert name in failed
    assert "InputError: file is empty" in failed
    assert "http://" not in html and "https://" not in html  # no CDN: opens offline


def test_history_database_holds_each_content_once_and_the_failures(batch_run):
    _, out, _ = batch_run
    db = out / "fazhi.sqlite"
    assert db_count(db) == 5  # the nested file is a copy of a seed: same content, one row
    assert db_count(db, "failures") == 3
    with sqlite3.connect(db) as conn:  # one batch, one time: the workers' order decides nothing
        assert conn.execute("SELECT COUNT(DISTINCT scored_at) FROM reports").fetchone()[0] == 1
    check_consistent(db, rules=33)


def test_rerun_skips_what_is_already_scored(batch_run):
    corpus, out, _ = batch_run
    html = out / "reports" / f"{SEEDS[0].name}.html"
    before = html.stat().st_mtime_ns
    run = fazhi("batch", corpus, "-o", out, "--jobs", 1, "-q")
    assert run.returncode == EXIT_PARTIAL
    assert "9 files: 0 scored, 6 already scored, 3 failed" in run.stdout
    assert html.stat().st_mtime_ns == before
    assert db_count(out / "fazhi.sqlite") == 5


def test_history_command_shows_an_issuer_across_years(tmp_path):
    # One department, two years: seed 003 (2020) and the same bureau's next report, which
    # drops the shortcomings paragraph and moves every date on by a year.
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    seed = SEEDS[3].read_text(encoding="utf-8")
    shutil.copy(SEEDS[3], corpus / "2020.txt")
    later = seed.replace("2021", "2022").replace("2020", "2021")
    later = "\n".join(line for line in later.splitlines() if "存在一些问题和不足" not in line)
    (corpus / "2021.txt").write_text(later, encoding="utf-8")
    assert fazhi("batch", corpus, "-o", out, "--jobs", 1, "--no-memo", "-q").returncode == 0
    db = out / "fazhi.sqlite"
    text = fazhi("history", "秦安县科学技术局", "--db", db)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("秦安县科学技术局：2 个年度")
    assert "2020 → 2021：" in text.stdout
    # the change in words a supervisor reads: the part's Chinese title and status words, no ID
    assert "    - 存在的不足和原因：具备 → 未提及" in text.stdout.splitlines()
    assert "structure.shortcomings" not in text.stdout
    data = json.loads(fazhi("history", "秦安县", "--db", db, "--format", "json").stdout)
    assert data["schema"] == "fazhi.history/1"
    (issuer,) = data["issuers"]
    assert [r["year"] for r in issuer["reports"]] == [2020, 2021]
    assert issuer["changes"] and {c["direction"] for c in issuer["changes"]} <= {"improved", "regressed"}
    assert any(c["rule"] == "structure.shortcomings" and c["direction"] == "regressed" for c in issuer["changes"])
    missing = fazhi("history", "教育局", "--db", db)
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"fazhi: error: 教育局: no reports of this issuer in {db}")
    nodb = fazhi("history", "秦安县科学技术局", "--db", out / "nope.sqlite")
    assert nodb.returncode == 2 and "no history database" in nodb.stderr


def test_dashboard_in_chromium_heatmap_rows_and_sorting(batch_run):
    from browser import chromium_page

    _, out, _ = batch_run
    whole = [r for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig")))
             if not r["error"] and not r["not_whole"]]
    by_edition = {e: sum(1 for r in whole if r["edition"] == e) for e in ("2015", "2021")}
    with chromium_page(out / "index.html") as (page, errors):
        for edition, n in by_edition.items():
            assert page.locator(f"#heatmap-{edition} tbody tr").count() == n
            assert page.locator(f"#ranking-{edition} tbody tr").count() == n
        assert page.locator("#heatmap-2021 thead th.rule").count() == 33
        assert page.locator("#heatmap-2015 thead th.rule").count() == 30  # three rules are the 2021 Outline's only
        assert page.locator("#heatmap-2021 tbody tr").first.locator("td.cell").count() == 33
        assert page.locator("#failed + ul li").count() == 3

        def scores() -> list[float]:
            return [float(v) for v in page.locator("#ranking-2015 tbody td:nth-child(7)").evaluate_all("els => els.map(e => e.dataset.value)")]

        initial = scores()
        assert len(initial) >= 2 and initial == sorted(initial, reverse=True)
        page.click("#ranking-2015 th:nth-child(7)")
        assert scores() == sorted(initial)
        assert page.get_attribute("#ranking-2015 th:nth-child(7)", "aria-sort") == "ascending"
        page.click("#ranking-2015 th:nth-child(7)")
        assert scores() == sorted(initial, reverse=True)
        page.click("#ranking-2015 th:nth-child(2)")  # text column
        files = page.locator("#ranking-2015 tbody td:nth-child(2)").all_inner_texts()
        assert files != [] and page.get_attribute("#ranking-2015 th:nth-child(2)", "aria-sort") == "ascending"
        assert errors == []


# -- usage errors ---------------------------------------------------------------------


def test_no_report_files_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    run = fazhi("batch", tmp_path / "in", "-o", tmp_path / "out")
    assert run.returncode == 2
    assert run.stderr.startswith(f"fazhi: error: {tmp_path / 'in'}: no report files found (looked for .txt")


def test_out_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "out").write_text("x")
    run = fazhi("batch", SEEDS[0], "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr == f"fazhi: error: {tmp_path / 'out'}: is a file; -o takes a directory\n"


# -- interrupted batches --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus30(tmp_path_factory):
    return varied_corpus(tmp_path_factory.mktemp("c30") / "in", 30)


def start_and_wait_for(corpus: Path, out: Path, jobs: int, rows: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [FAZHI, "batch", str(corpus), "-o", str(out), "--jobs", str(jobs), "--no-memo", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    while db_count(out / "fazhi.sqlite") < rows:
        assert proc.poll() is None, proc.stderr.read()
    return proc


def test_killed_batch_leaves_a_consistent_database_and_a_rerun_finishes_it(corpus30, tmp_path):
    out = tmp_path / "out"
    proc = start_and_wait_for(corpus30, out, jobs=1, rows=3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = db_count(out / "fazhi.sqlite")
    assert 3 <= done < 30
    check_consistent(out / "fazhi.sqlite", rules=33)
    stale = out / "reports" / ".r999.txt.html.abc123.tmp"  # what a kill mid-write leaves
    stale.write_text("half")

    run = fazhi("batch", corpus30, "-o", out, "--jobs", 2, "--no-memo", "-q")
    assert run.returncode == 0, run.stderr
    assert f"30 files: {30 - done} scored, {done} already scored, 0 failed" in run.stdout
    check_consistent(out / "fazhi.sqlite", rules=33)
    with sqlite3.connect(out / "fazhi.sqlite") as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM reports").fetchone() == (30, 30)
    assert tmp_files(out) == []
    assert len(list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))) == 31


def test_ctrl_c_stops_the_pool_and_exits_130(corpus30, tmp_path):
    out = tmp_path / "out"
    proc = start_and_wait_for(corpus30, out, jobs=2, rows=2)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED
    assert "fazhi: interrupted after" in stderr and "Traceback" not in stderr
    check_consistent(out / "fazhi.sqlite", rules=33)
    assert tmp_files(out) == []
    assert not (out / "index.html").exists()


# -- units ----------------------------------------------------------------------------


def test_output_names_are_unique_and_safe():
    rels = ["a/b.txt", "a__b.txt", "a b.txt", "a_b.txt", "报告/2021年.txt", ".x.txt", "x" * 300 + ".txt", "a/b.pdf"]
    names = [output_name(r) for r in rels]
    assert len(set(names)) == len(names)
    assert output_name("报告/2021年.txt") == "报告__2021年.txt"
    assert output_name("a_b.txt") == "a_b.txt"
    for name in names:
        assert "/" not in name and " " not in name and not name.startswith(".")
        assert len(name.encode()) < 200


def test_discover_skips_hidden_dirs_and_the_output_dir(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".git").mkdir()
    (corpus / "out" / "reports").mkdir(parents=True)
    for p in ("a.txt", "sub/b.DOCX", ".git/c.txt", "out/reports/d.html", "e.gif", ".f.txt"):
        (corpus / p).write_text("x")
    items = discover([corpus], corpus / "out")
    assert [i.rel for i in items] == ["a.txt", "sub/b.DOCX"]
    assert items[0].path == str(corpus / "a.txt")
    two = discover([corpus / "a.txt", corpus / "sub"], tmp_path / "elsewhere")
    assert [i.rel for i in two] == ["a.txt", "sub/b.DOCX"]  # relative to the inputs' common parent


def test_summary_and_dashboard_neutralise_hostile_report_text(ruleset, tmp_path):
    from openpyxl import load_workbook

    from scorer.batch_outputs import BatchView, SummaryRow
    from scorer.render import dashboard, summary

    row = SummaryRow(
        file="=cmd|' /C calc'!A0.txt", path="in/x.txt", links={"html": "reports/x.html", "json": "reports/x.json"},
        issuer="<script>alert(1)</script>", year=2020, edition=2015, date=None, score=10.0, grade="不合格",
        core_score=0.0, statuses=("absent",) * len(ruleset.rules),
    )
    bad = SummaryRow(file="b.txt", path="in/b.txt", links={}, error="InputError: <b>bold</b>")
    view = BatchView((row, bad), ruleset, ())
    text = summary.to_csv(view).decode("utf-8-sig")
    assert "\r\n'=cmd|" in text
    (tmp_path / "s.xlsx").write_bytes(summary.to_xlsx(view))
    cell = load_workbook(tmp_path / "s.xlsx")["2015年版纲要"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=cmd")
    html = dashboard.render(view)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
