"""summary.xlsx written by a second process (``jobs`` > 1) while the batch's main process
writes summary.csv and the dashboard: the same files as one process writes, the same
one-line error when the disk is full, and the workbook still written when that process dies.
"""

from __future__ import annotations

import errno
import json
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from scorer.batch import BatchOptions, OutputError, run_batch
from scorer.batch_outputs import update_batch_outputs, write_batch_outputs
from scorer.discover import discover
from scorer.render import summary
from scorer.render.batch_view import BatchView, SummaryRow
from scorer.store import Store
from test_batch_scale import _mixed_rows

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _files(out: Path) -> dict[str, bytes]:
    """Every output file's bytes; a workbook part by part, but for docProps/core.xml (its timestamps)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name.startswith("fazhi.sqlite") or path.name == ".fazhi-summary.json":
            continue
        name = str(path.relative_to(out))
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as z:
                found.update({f"{name}:{part}": z.read(part) for part in z.namelist() if part != "docProps/core.xml"})
        else:
            found[name] = path.read_bytes()
    return found


def _view_with_a_report_json(ruleset, out: Path) -> BatchView:
    """Mixed rows, one of which is not whole by what its report's JSON says (read from OUT by both processes)."""
    rows = list(_mixed_rows(ruleset))
    rows[7] = replace(rows[7], not_whole=())
    (out / "reports").mkdir(parents=True)
    (out / rows[7].links["json"]).write_text(json.dumps({"not_whole": ["只是一份通知"]}, ensure_ascii=False), encoding="utf-8")
    return BatchView(tuple(rows), ruleset, ())


def _workbook_only_in_another_process(monkeypatch) -> None:
    """From here on the main process may not write summary.xlsx itself (its fallback would hide a broken workbook process)."""
    from scorer import batch_outputs

    main, write = os.getpid(), batch_outputs._write_workbook

    def elsewhere(view, out):
        assert os.getpid() != main, "the main process wrote the workbook"
        write(view, out)

    monkeypatch.setattr(batch_outputs, "_write_workbook", elsewhere)


def test_two_processes_write_the_files_one_process_writes(ruleset, tmp_path, monkeypatch):
    one, two = tmp_path / "one", tmp_path / "two"
    write_batch_outputs(_view_with_a_report_json(ruleset, one), one, jobs=1)
    _workbook_only_in_another_process(monkeypatch)
    paths = write_batch_outputs(_view_with_a_report_json(ruleset, two), two, jobs=2)
    assert _files(one) == _files(two)
    assert any(name.startswith("summary.xlsx:xl/worksheets/") for name in _files(two))
    assert set(paths) >= {"csv", "xlsx", "index"}
    assert not list(two.rglob("*.tmp"))
    from openpyxl import load_workbook

    sheet = load_workbook(two / "summary.xlsx")["2021年版纲要"]
    flagged = {row[0]: row[10:12] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert flagged["r00007.txt"] == ("否", "只是一份通知")  # the workbook process read the JSON too


def test_a_batch_writes_the_same_summary_with_two_jobs(ruleset, tmp_path, monkeypatch):
    """Through update_batch_outputs, where the workbook process takes each row as it is read back."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for seed in SEEDS:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")  # a failed file: a row with an error
    written = {}
    for jobs in (1, 2):
        if jobs == 2:
            _workbook_only_in_another_process(monkeypatch)
        out = tmp_path / f"out{jobs}"
        out.mkdir()
        items = discover([str(corpus)], out)
        with Store(out / "fazhi.sqlite") as store, run_batch(items, out, store, ruleset, BatchOptions(jobs=1)) as outcomes:
            update_batch_outputs(outcomes, store, ruleset, "always", out, jobs=jobs)
        written[jobs] = _files(out)
    assert written[1] == written[2]
    assert "summary.xlsx:xl/worksheets/sheet1.xml" in written[2]


def test_disk_full_in_the_workbook_process_is_the_one_summary_error(ruleset, tmp_path, monkeypatch):
    main = os.getpid()
    write_xlsx = summary.write_xlsx

    def full_there(view, f, *args):  # only in the workbook process (forked: it has this patch too)
        if os.getpid() != main:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_xlsx(view, f, *args)

    monkeypatch.setattr(summary, "write_xlsx", full_there)
    with pytest.raises(OutputError) as raised:
        write_batch_outputs(BatchView(_mixed_rows(ruleset), ruleset, ()), tmp_path, jobs=2)
    assert str(raised.value) == f"{tmp_path}: cannot write the summary and dashboard: disk full"
    assert not list(tmp_path.rglob("*.tmp")) and not (tmp_path / "summary.xlsx").exists()


def test_when_the_workbook_process_dies_the_main_process_writes_the_workbook(ruleset, tmp_path, monkeypatch):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    write_batch_outputs(BatchView(_mixed_rows(ruleset), ruleset, ()), one, jobs=1)
    main = os.getpid()
    write_xlsx = summary.write_xlsx

    def dies_there(view, f, *args):
        if os.getpid() != main:
            os._exit(3)
        write_xlsx(view, f, *args)

    monkeypatch.setattr(summary, "write_xlsx", dies_there)
    write_batch_outputs(BatchView(_mixed_rows(ruleset), ruleset, ()), two, jobs=2)
    assert _files(one) == _files(two)
    assert not list(two.rglob("*.tmp"))


def test_summary_rows_survive_the_trip_to_the_workbook_process(ruleset):
    """Rows go to the workbook process pickled: every field comes back equal (hostile names too)."""
    import pickle

    rows = _mixed_rows(ruleset) + (SummaryRow(file="\x1b]0;x\x07.txt", path="in/\udcff.txt", links={}, error="E: \n"),)
    assert pickle.loads(pickle.dumps(list(rows))) == list(rows)


def test_the_workbook_process_also_starts_where_processes_are_spawned(ruleset, tmp_path, monkeypatch):
    """Where there is no fork (Windows), the workbook process is a fresh interpreter given the rules pickled."""
    import multiprocessing

    from scorer import batch_outputs

    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    write_batch_outputs(BatchView(_mixed_rows(ruleset), ruleset, ()), one, jobs=1)
    _workbook_only_in_another_process(monkeypatch)  # (not inherited by a spawned process: it writes it)
    monkeypatch.setattr(batch_outputs, "mp_context", lambda: multiprocessing.get_context("spawn"))
    started = []
    start = multiprocessing.context.SpawnProcess.start
    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", lambda self: started.append(self) or start(self))
    write_batch_outputs(BatchView(_mixed_rows(ruleset), ruleset, ()), two, jobs=2)
    assert len(started) == 1 and started[0].exitcode == 0
    assert _files(one) == _files(two)
