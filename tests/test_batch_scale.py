"""A batch at province scale (issue 14): memos on demand, a rerun that rewrites nothing, a
dashboard on pages, a summary spread over sheets.

The thresholds are shrunk here (a page of a few reports, a sheet of a few rows) to stay
fast; the 100,000-report dashboard and the timings are benchmarks/scale.py's.
"""

from __future__ import annotations

import csv
import io
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from scorer.batch import BatchOptions, memo_wanted, run_batch
from scorer.batch_outputs import SUMMARY_STAMP, batch_view, update_batch_outputs, write_batch_outputs
from scorer.discover import BatchItem, content_hash, discover
from scorer.models import ReportResult
from scorer.outcomes import Outcome, Outcomes
from scorer.render import dashboard, summary
from scorer.render.batch_view import BatchView, SummaryRow
from scorer.store import ReportRecord, Store, StoredSummary, record_of

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FAZHI = str(Path(sys.executable).parent / "fazhi")
HOSTILE = "<img src=x onerror=alert(1)>.txt"


def synthetic_view(ruleset, n: int, edition: int = 2021, seed: int = 7) -> BatchView:
    """``n`` whole reports judged under ``edition`` with varied scores and statuses; one has a hostile name."""
    rng = random.Random(seed)
    statuses = ("substantiated", "asserted", "deficient", "planned", "absent")
    rows = []
    for i in range(n):
        name = HOSTILE if i == 3 else f"r{i:05d}.txt"
        rows.append(SummaryRow(
            file=name, path=f"in/{name}", links={"html": f"reports/{name}.html", "json": f"reports/{name}.json"},
            issuer=rng.choice(("合肥市司法局", "阳江市教育局", "秦安县科学技术局")), year=rng.choice((2022, 2023)),
            edition=edition, date="2024-03-01", score=round(rng.uniform(20, 95), 1), grade="合格",
            core_score=50.0, statuses=tuple(rng.choice(statuses) if edition in r.editions else "n/a" for r in ruleset.rules),
        ))
    return BatchView(tuple(rows), ruleset, ())


# -- --memo never | always | gaps ---------------------------------------------------------


def test_has_gaps_agrees_with_the_result(seed_results):
    for result in seed_results.values():
        record = record_of(result, "x")
        assert record.has_gaps == bool(result.gaps)
        met = replace(record, results=tuple(replace(r, status="substantiated") for r in record.results))
        assert not met.has_gaps
    assert [memo_wanted(m, g) for m in ("always", "gaps", "never") for g in (True, False)] == [
        True, True, True, False, False, False]


def _pretend_gapless(monkeypatch, name: str) -> None:
    """The seed ``name`` meets every requirement, as far as the memo is concerned (the seeds all have gaps)."""
    gaps = ReportResult.gaps.fget
    monkeypatch.setattr(ReportResult, "gaps", property(lambda r: () if r.path.endswith(name) else gaps(r)))
    for stored in (ReportRecord, StoredSummary):  # as the batch reads it back: whole, or for its summary
        has_gaps = stored.has_gaps.fget
        monkeypatch.setattr(stored, "has_gaps", property(lambda r, has_gaps=has_gaps: False if r.path.endswith(name) else has_gaps(r)))


@pytest.mark.parametrize("mode", ["always", "gaps", "never"])
def test_memo_modes_write_link_and_skip_alike(mode, ruleset, tmp_path, monkeypatch):
    gapless = SEEDS[0].name
    _pretend_gapless(monkeypatch, gapless)
    out = tmp_path / "out"
    items = discover([str(p) for p in SEEDS], out)
    options = BatchOptions(memo=mode, jobs=1)  # in this process: the patch holds
    with Store(tmp_path / "h.sqlite") as store:
        outcomes = run_batch(items, out, store, ruleset, options)
        assert {o.state for o in outcomes} == {"scored"}
        memos = {p.name for p in (out / "reports").glob("*.docx")}
        expected = {"always": {i.name for i in items}, "gaps": {i.name for i in items if i.rel != gapless}, "never": set()}
        assert memos == {f"{name}.docx" for name in expected[mode]}
        view = batch_view(outcomes, store, ruleset, mode)
        linked = {Path(r.links["docx"]).name for r in view.rows if "docx" in r.links}
        assert linked == memos  # the summary links exactly the memos there are
        again = run_batch(items, out, store, ruleset, options)
        assert {o.state for o in again} == {"skipped"}  # a gapless report without its memo is done too
        if mode != "always":  # asking for more memos later writes the missing ones
            more = run_batch(items, out, store, ruleset, replace(options, memo="always"))
            assert {o.item.rel for o in more if o.state == "scored"} == {i.rel for i in items if f"{i.name}.docx" not in memos}
            assert len(list((out / "reports").glob("*.docx"))) == len(items)


def test_a_rerun_scores_again_exactly_the_reports_whose_outputs_are_gone(ruleset, tmp_path):
    # A rerun lists OUT/reports once instead of asking for each output: a report whose gap
    # report or JSON was deleted is scored again; the others are skipped.
    out = tmp_path / "out"
    items = discover([str(p) for p in SEEDS[:3]], out)
    options = BatchOptions(memo="never", jobs=1)
    with Store(tmp_path / "h.sqlite") as store:
        assert {o.state for o in run_batch(items, out, store, ruleset, options)} == {"scored"}
        (out / "reports" / f"{items[0].name}.html").unlink()
        (out / "reports" / f"{items[1].name}.json").unlink()
        again = run_batch(items, out, store, ruleset, options)
        assert {o.item.name: o.state for o in again} == {
            items[0].name: "scored", items[1].name: "scored", items[2].name: "skipped"}


def test_no_memo_is_memo_never(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([FAZHI, "batch", str(SEEDS[1]), "-o", str(out), "--no-memo", "-q", "--jobs", "1"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert not list((out / "reports").glob("*.docx")) and list((out / "reports").glob("*.html"))
    bad = subprocess.run([FAZHI, "batch", str(SEEDS[1]), "-o", str(out), "--memo", "sometimes"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "sometimes" in bad.stderr


# -- a rerun that finds nothing new --------------------------------------------------------


def _summary_times(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in ("summary.csv", "summary.xlsx", "index.html")}


def test_rerun_with_nothing_new_rewrites_nothing_and_anything_new_rewrites_all(ruleset, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for seed in SEEDS[:3]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "broken.txt").write_bytes(b"")  # failed again on every run: still nothing new
    out = tmp_path / "out"

    def batch(memo: str = "never"):
        with Store(out / "fazhi.sqlite") as store:
            outcomes = run_batch(discover([str(corpus)], out), out, store, ruleset, BatchOptions(memo=memo, jobs=1))
            return outcomes, update_batch_outputs(outcomes, store, ruleset, memo, out)

    out.mkdir()
    batch()
    first = _summary_times(out)
    outcomes, paths = batch()
    assert sorted(o.state for o in outcomes) == ["failed", "skipped", "skipped", "skipped"]
    assert _summary_times(out) == first  # not one summary file written again
    assert paths["index"] == out / "index.html" and (out / SUMMARY_STAMP).is_file()

    (out / "index.html").unlink()  # an output removed by hand: written again
    batch()
    assert (out / "index.html").is_file()
    (out / "summary.csv").write_text("edited", encoding="utf-8-sig")  # or edited by hand
    batch()
    assert (out / "summary.csv").read_text(encoding="utf-8-sig").startswith("file,")

    before = _summary_times(out)
    (corpus / SEEDS[3].name).write_bytes(SEEDS[3].read_bytes())  # a new report: every summary file again
    batch()
    after = _summary_times(out)
    assert all(after[name] != before[name] for name in before)
    assert len(list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))) == 5

    again = _summary_times(out)
    batch(memo="always")  # other links in the summary: written again
    assert _summary_times(out)["index.html"] != again["index.html"]
    assert "意见书" in (out / "index.html").read_text(encoding="utf-8")


# -- the dashboard on pages ------------------------------------------------------------


def _rows_of(html: str, table: str) -> list[str]:
    """The file names of a ranking's or heatmap's rows, in page order."""
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="\.\./reports/[^"]*\.html">([^<]*)</a>', body)


def test_a_large_edition_is_paged_and_every_page_stands_alone(ruleset, tmp_path, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_ROWS", 20)
    monkeypatch.setattr(dashboard, "SINGLE_PAGE_MAX", 30)
    big = synthetic_view(ruleset, 45)
    small = tuple(replace(r, file=f"s{i}.txt", links={"html": f"reports/s{i}.html", "json": f"reports/s{i}.json"})
                  for i, r in enumerate(synthetic_view(ruleset, 12, edition=2015, seed=8).rows))
    view = replace(big, rows=big.rows + small)
    paths = write_batch_outputs(view, tmp_path)

    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'id="ranking-2021"' not in index and 'id="heatmap-2021"' not in index  # the large edition: on pages
    assert 'id="ranking-2015"' in index and 'id="heatmap-2015"' in index  # the small one: here, as before
    pages = {name for name in paths if name.startswith("page:")}
    assert pages == {f"page:dashboard/{kind}-2021-{n:03d}.html" for kind in ("ranking", "heatmap") for n in (1, 2, 3)}
    for key in pages:
        assert f'href="{key[5:]}"' in index
    ranked = [r.file for r in view.ranked(2021)]
    for kind, table in (("ranking", "ranking-2021"), ("heatmap", "heatmap-2021")):
        shown = []
        for n in (1, 2, 3):
            html = (tmp_path / f"dashboard/{kind}-2021-{n:03d}.html").read_text(encoding="utf-8")
            assert "<img src=x" not in html
            assert 'href="../index.html"' in html and "<style>" in html and "Content-Security-Policy" in html
            rows = _rows_of(html, table)
            assert 0 < len(rows) <= 20
            shown += rows
        assert [name.replace("&lt;", "<").replace("&gt;", ">") for name in shown] == ranked  # every report once, in rank order

    fewer = replace(view, rows=view.rows[:25] + view.rows[45:])  # a smaller batch into the same OUT
    write_batch_outputs(fewer, tmp_path)
    assert not (tmp_path / "dashboard/ranking-2021-001.html").exists()  # the edition fits on index.html again
    assert 'id="ranking-2021"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_page_in_chromium_sorts_and_filters_its_own_rows(ruleset, tmp_path, monkeypatch):
    from browser import chromium_page

    monkeypatch.setattr(dashboard, "PAGE_ROWS", 20)
    monkeypatch.setattr(dashboard, "SINGLE_PAGE_MAX", 30)
    write_batch_outputs(synthetic_view(ruleset, 45), tmp_path)
    with chromium_page(tmp_path / "dashboard/ranking-2021-002.html") as (page, errors):
        ranks = page.locator("#ranking-2021 tbody td:nth-child(1)").all_inner_texts()
        assert ranks == [str(n) for n in range(21, 41)]
        page.click("#ranking-2021 th:nth-child(1)")
        page.click("#ranking-2021 th:nth-child(1)")
        assert page.locator("#ranking-2021 tbody td:nth-child(1)").first.inner_text() == "40"
        assert page.locator("#filters").is_visible()
        page.select_option("select[data-filter=kind]", index=1)
        shown = page.locator("#ranking-2021 tbody tr:not([hidden])").count()
        assert 0 < shown < 20
        assert errors == []
    with chromium_page(tmp_path / "dashboard/heatmap-2021-003.html") as (page, errors):
        assert page.locator("#heatmap-2021 tbody tr").count() == 5
        assert page.locator("#heatmap-2021 tbody tr").first.locator("td.cell").count() == 33
        assert errors == []


# -- summary.xlsx over several sheets ----------------------------------------------------


def test_an_edition_larger_than_a_sheet_goes_on_over_further_sheets(ruleset, tmp_path):
    from openpyxl import load_workbook

    view = synthetic_view(ruleset, 25)
    with open(tmp_path / "s.xlsx", "wb") as f:
        summary.write_xlsx(view, f, sheet_rows=10)
    wb = load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["2021年版纲要", "2021年版纲要 (2)", "2021年版纲要 (3)", "要求一览", "图例"]
    files = []
    for name in wb.sheetnames[:3]:
        ws = wb[name]
        assert ws.cell(1, 1).value == "文件" and ws.cell(1, 1).font.bold
        assert ws.freeze_panes == "B2" and ws.auto_filter.ref == ws.dimensions
        files += [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [ws.max_row - 1 for ws in (wb[n] for n in wb.sheetnames[:3])] == [10, 10, 5]
    assert files == [r.file for r in view.rows]
    ranks = view.ranks()
    assert [wb.worksheets[2].cell(r, 10).value for r in range(2, 7)] == [ranks[f] for f in files[20:]]


def test_workbook_links_are_spooled_to_disk_not_held_by_the_writer(ruleset, tmp_path, monkeypatch):
    """XlsxWriter would keep every link of a sheet until the workbook is closed; they are put into the saved
    file instead, where a reader finds each file cell linked to its gap report (a hostile name's link escaped)."""
    from openpyxl import load_workbook
    from xlsxwriter.worksheet import Worksheet

    held = []
    write_hyperlinks = Worksheet._write_hyperlinks

    def counting(self):
        held.append(sum(len(cells) for cells in self.hyperlinks.values()))
        write_hyperlinks(self)

    monkeypatch.setattr(Worksheet, "_write_hyperlinks", counting)
    view = synthetic_view(ruleset, 25)
    with open(tmp_path / "s.xlsx", "wb") as f:
        summary.write_xlsx(view, f, sheet_rows=10)
    assert held and set(held) == {0}  # every sheet closed holding no link
    wb = load_workbook(tmp_path / "s.xlsx")
    linked = []
    for name in wb.sheetnames[:3]:
        for (cell,) in wb[name].iter_rows(min_row=2, max_col=1):
            linked.append((cell.value, cell.hyperlink.target if cell.hyperlink else None))
    assert linked == [(r.file, r.links["html"]) for r in view.rows]
    assert wb[wb.sheetnames[0]].cell(1, 1).hyperlink is None  # the header links nowhere


def test_a_rerun_with_nothing_new_imports_no_renderer_nor_tokenizer(tmp_path):
    """What keeps the no-op rerun of a large folder in a blink: the workbook, templates, memo,
    progress bar and tokenizer libraries are imported only when something is to be written,
    and the matcher (its cues, its automaton) only where a report is scored."""
    out = tmp_path / "out"
    args = ["batch", str(SEEDS[0]), "-o", str(out), "-q", "--jobs", "1"]
    first = subprocess.run([FAZHI, *args], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    heavy = ("openpyxl", "xlsxwriter", "jinja2", "docx", "rich", "jieba", "lxml",
             "scorer.match", "scorer.cues", "ahocorasick_rs")
    code = ("import sys\nfrom scorer.cli.app import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    again = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert "0 scored, 1 already scored" in again.stdout, again.stderr
    assert again.stdout.splitlines()[-1] == "[]"


# -- the summary rows on disk ------------------------------------------------------------


def _mixed_rows(ruleset) -> tuple[SummaryRow, ...]:
    """Two editions (one paged), tied scores, a file that is not a whole report and one that failed."""
    big = list(synthetic_view(ruleset, 45).rows)
    for i in (5, 9, 30):  # tied: ranked by file name
        big[i] = replace(big[i], score=50.0)
    big[12] = replace(big[12], not_whole=("只有部分章节",))
    big[14] = replace(big[14], ocr=True)
    small = [replace(r, file=f"s{i}.txt", links={"html": f"reports/s{i}.html", "json": f"reports/s{i}.json"})
             for i, r in enumerate(synthetic_view(ruleset, 12, edition=2015, seed=8).rows)]
    failed = SummaryRow(file="bad.txt", path="in/bad.txt", links={}, error="InputError: cannot read file")
    return (*big[:20], failed, *big[20:], *small)


def test_rows_on_disk_give_the_outputs_of_rows_in_memory(ruleset, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from scorer.summary_table import SummaryTable

    monkeypatch.setattr(dashboard, "PAGE_ROWS", 20)
    monkeypatch.setattr(dashboard, "SINGLE_PAGE_MAX", 30)
    rows = _mixed_rows(ruleset)
    in_memory = BatchView(rows, ruleset, ())
    table = SummaryTable(rows)
    on_disk = BatchView(table, ruleset, ())
    assert list(table) == list(rows) and len(table) == len(rows)
    for subset in ("scored", "failed", "whole", "not_whole", "ocr"):  # counted in SQL, the same rows
        disk, memory = getattr(on_disk, subset), getattr(in_memory, subset)
        assert (list(disk), len(disk), bool(disk)) == (list(memory), len(memory), bool(memory)), subset
        assert len(memory) > 0, subset
    for edition in (2021, 2015):
        assert list(on_disk.ranked(edition)) == list(in_memory.ranked(edition))
        assert on_disk.ranked(edition)[20:40] == in_memory.ranked(edition)[20:40]
        assert list(on_disk.with_ranks(edition)) == list(in_memory.with_ranks(edition))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_batch_outputs(in_memory, tmp_path / "a")
    b = write_batch_outputs(on_disk, tmp_path / "b")
    assert sorted(k for k in a) == sorted(k for k in b) and any(k.startswith("page:") for k in a)
    for kind, path in a.items():
        if kind != "xlsx":
            assert path.read_bytes() == b[kind].read_bytes(), kind
    wa, wb = load_workbook(a["xlsx"]), load_workbook(b["xlsx"])
    assert wa.sheetnames == wb.sheetnames
    for name in wa.sheetnames:
        cells = lambda ws: [[(c.value, c.hyperlink.target if c.hyperlink else None) for c in r] for r in ws.iter_rows()]
        assert cells(wa[name]) == cells(wb[name]), name
    table.close()


def test_a_batch_reads_its_summary_rows_back_from_disk_for_each_output(ruleset, tmp_path, monkeypatch):
    """The mechanism that keeps the parent flat: the view's rows are not held, each pass reads them again."""
    from scorer import summary_table
    from scorer.batch_outputs import close_view

    out = tmp_path / "out"
    items = discover([str(p) for p in SEEDS[:3]], out)
    with Store(tmp_path / "h.sqlite") as store:
        outcomes = run_batch(items, out, store, ruleset, BatchOptions(memo="never", jobs=1))
        view = batch_view(outcomes, store, ruleset, "never")
    assert isinstance(view.rows, summary_table.SummaryTable)
    made = []
    row = summary_table._row
    monkeypatch.setattr(summary_table, "_row", lambda values: made.append(values[0]) or row(values))
    first, second = [r.file for r in view.rows], [r.file for r in view.rows]
    assert first == second == [i.rel for i in items]
    assert made == first + second  # every pass made its rows anew from the table
    close_view(view)


def test_a_batch_keeps_its_outcomes_on_disk_in_file_order(ruleset, tmp_path):
    """The parent holds no list of outcomes: run_batch returns a table on disk, in file order
    whatever order the workers finished in, made anew on every pass, records left to the history."""
    out = tmp_path / "out"
    items = discover([str(p) for p in SEEDS[:3]], out)
    with Store(tmp_path / "h.sqlite") as store:
        with run_batch(items, out, store, ruleset, BatchOptions(memo="never", jobs=2, file_timeout=120.0)) as outcomes:
            assert isinstance(outcomes, Outcomes)
            first, second = list(outcomes), list(outcomes)
            assert [o.item for o in first] == items
            assert [o.state for o in first] == ["scored"] * 3 and all(o.record is None for o in first)
            assert [o.content_hash for o in first] == [content_hash(i.path) for i in items]
            assert first == second and first[0] is not second[0]
            assert (len(outcomes), outcomes.count("scored"), outcomes.count("failed")) == (3, 3, 0)
            for o in first:
                assert store.has(o.content_hash, ruleset.version, None)


@pytest.mark.parametrize("start, workers", [("fork", 4), ("spawn", 2)])
def test_a_worker_is_retired_after_its_share_and_a_fresh_one_scores_the_rest(start, workers, ruleset, tmp_path, monkeypatch):
    """Bounded memory in a batch of any size: a worker that has scored WORKER_REPORTS is
    replaced; every report is still scored once, with the same record as in one process.
    A spawned worker, slow to start, lives SPAWNED_LIFE times longer."""
    import multiprocessing

    import scorer.batch as batch

    monkeypatch.setattr(batch, "mp_context", lambda: multiprocessing.get_context(start))

    started = []
    original = batch._Worker.__init__

    def counted(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(self.process.pid)

    monkeypatch.setattr(batch, "WORKER_REPORTS", 2)
    monkeypatch.setattr(batch._Worker, "__init__", counted)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(7):  # seven different contents: none is a copy the history would skip
        (corpus / f"r{i}.txt").write_text(SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\n附：第{i}号", encoding="utf-8")
    records = {}
    for jobs, out in ((2, tmp_path / "pool"), (1, tmp_path / "alone")):
        items = discover([str(corpus)], out)
        with Store(out.parent / f"{out.name}.sqlite") as store:
            with run_batch(items, out, store, ruleset, BatchOptions(memo="never", jobs=jobs, file_timeout=120.0 if jobs > 1 else None)) as outcomes:
                assert [o.state for o in outcomes] == ["scored"] * 7
                records[jobs] = [(r.score, r.results) for r in (store.get(o.content_hash, ruleset.version) for o in outcomes)]
    assert records[2] == records[1]
    # forked, 7 reports, 2 a worker: two workers, each retired after 2 and replaced (3 left),
    # then one of the fresh ones retired with nothing left to do: four processes, none reused,
    # however the machine times them (a replacement only for reports no starting worker takes).
    # Spawned, 8 a worker: the first two score all 7.
    assert len(started) == workers and len(set(started)) == workers


def test_outcomes_come_back_in_file_order_with_names_as_they_were():
    odd = BatchItem(path="in/bad\udcff.txt", rel="bad\udcff.txt", name="bad_.txt~0123abcd")  # not UTF-8: a surrogate
    fine = BatchItem(path="in/a.txt", rel="a.txt", name="a.txt")
    error = "InputError: the file name is not valid UTF-8; rename the file"
    with Outcomes() as table:
        table.add(1, Outcome(odd, "failed", error=error))  # the second file settles first
        table.add(0, Outcome(fine, "scored", "ab" * 32))
        assert list(table) == [Outcome(fine, "scored", "ab" * 32), Outcome(odd, "failed", error=error)]
        assert [o.item for o in table.with_state("failed")] == [odd]
        assert (len(table), table.count("scored"), table.count("skipped")) == (2, 1, 0)


def test_the_summary_table_keeps_every_field_of_a_row():
    from dataclasses import fields

    from scorer.summary_table import _FIELDS, SummaryTable

    assert _FIELDS == tuple(f.name for f in fields(SummaryRow))  # a new field must be stored too
    row = SummaryRow(file="a/b.txt", path="in/a/b.txt", links={"html": "reports/a__b.txt.html"}, issuer="合肥市司法局",
                     year=2023, edition=2021, date="2024-03-01", score=61.5, grade="合格", core_score=40.0,
                     statuses=("absent", None, "n/a"), error=None, not_whole=("缺少章节",), ocr=True)
    failed = SummaryRow(file="c.txt", path="in/c.txt", links={}, error="InputError: x")
    table = SummaryTable([row, failed])
    assert list(table) == [row, failed]
    table.close()


def test_a_whole_reports_json_is_not_parsed_and_report_text_cannot_pretend_to_be_whole(seed_results, tmp_path, monkeypatch):
    """The summary reads each report's not_whole reasons from its JSON: a whole one says so in
    a line it need not parse; a report whose own text holds that line is still read in full."""
    import json as json_module

    from scorer.batch_outputs import _not_whole_from_json
    from scorer.render import json_report

    result = replace(next(iter(seed_results.values())), not_whole=())
    forged = replace(result, title='"not_whole": [],', not_whole=("正文只有11字",))  # the line, as report text
    whole, broken = tmp_path / "whole.json", tmp_path / "broken.json"
    whole.write_text(json_report.render(result) + "\n", encoding="utf-8")
    broken.write_text(json_report.render(forged) + "\n", encoding="utf-8")
    assert _not_whole_from_json(broken) == ("正文只有11字",)
    monkeypatch.setattr(json_module, "loads", lambda *a, **k: pytest.fail("a whole report's JSON was parsed"))
    assert _not_whole_from_json(whole) == ()
