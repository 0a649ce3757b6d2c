"""The batch's own outputs: summary.csv, summary.xlsx and the index.html dashboard.

They are built after the reports are scored, from the history database (not from
ReportResults kept in memory), so a re-run that skipped already-scored reports still
lists every report of the batch. One :class:`SummaryRow` per input file, in file order;
broken files are rows with an error and no score. The shapes (``SummaryRow``,
``BatchView``) live in :mod:`scorer.render.batch_view`, below this module and the
renderers alike.

Whether a file is one whole annual report is in the history database (``not_whole``),
but a record stored before it was says nothing there: for a report not scored in this
run that the history calls whole, the reasons are read back from its own JSON, which
the worker wrote from the ReportResult, when the summary is written.

Memory stays flat in the number of reports: the stored records are read back one at a
time, each made a compact row (its statuses, not its RuleRecords) and put in a temporary
table on disk (:mod:`scorer.summary_table`) that every output reads back in the order it
needs; the year-over-year timelines keep only what the dashboard shows, and every output
is written to disk as it is produced rather than built in memory first.

With ``--jobs`` > 1 two processes write them: summary.xlsx, the slowest, in a process of
its own (``_WorkbookProcess``, given each row through a pipe) while this one writes
summary.csv and the dashboard.

File names and errors come from the file system: a row shows them with control
characters escaped (``\x1b``, ``\n``), so no output gets a terminal escape, a broken
line or a character its format cannot hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from scorer import atomic
from scorer.atomic import open_atomic, write_chunks
from scorer.batch import OUTPUT_SUFFIXES, OutputError, as_child_of, memo_wanted, mp_context, os_problem
from scorer.discover import REPORTS_DIR
from scorer.history import Timeline, changes_between, timelines
from scorer.models import Ruleset
from scorer.outcomes import Outcome
from scorer.render.batch_view import BatchView, SummaryRow
from scorer.sanitize import one_line
from scorer.store import ReportRecord, Store
from scorer.summary_table import SummaryTable
from scorer.vocabulary import NOT_APPLICABLE

__all__ = ["BATCH_FILES", "BatchView", "SummaryRow", "batch_view", "statuses_of", "write_batch_outputs"]


BATCH_FILES = {"csv": "summary.csv", "xlsx": "summary.xlsx", "index": "index.html"}  # in OUT
SUMMARY_STAMP = ".fazhi-summary.json"  # in OUT: what the summary outputs were last written from


def statuses_of(record: ReportRecord, ruleset: Ruleset) -> tuple[str | None, ...]:
    """The record's statuses in ruleset order (interned: 33 pointers per row, not 33 strings)."""
    return _statuses(((r.rule_id, r.status, r.applies) for r in record.results), ruleset)


def _statuses(results: Iterable[tuple[str, str, bool]], ruleset: Ruleset) -> tuple[str | None, ...]:
    """Statuses in ruleset order from (rule ID, status, applies) results: "n/a" where the rule
    does not apply, None for a rule without a result."""
    by_rule = {rule_id: sys.intern(status if applies else NOT_APPLICABLE) for rule_id, status, applies in results}
    return tuple(by_rule.get(rule.id) for rule in ruleset.rules)


def summary_rows(outcomes: Iterable[Outcome], store: Store, ruleset: Ruleset, memo: str,
                 out_dir: str | os.PathLike | None = None) -> Iterator[SummaryRow]:
    """One row per outcome, in outcome order, each read from the history when it is needed.

    ``out_dir``: the batch's OUT, where a report skipped as already scored, whose record says
    it is whole, has its JSON read for the reasons (as ``with_not_whole`` does): the record
    may predate the history's reasons. A report scored in this run was stored with them.
    None: the rows keep what the history says, and ``with_not_whole`` completes them.
    """
    for o in outcomes:
        record = store.summary(o.content_hash, ruleset.version) if o.state != "failed" and o.content_hash else None
        if record is None:
            error = one_line(o.error or "not in the history database")
            yield SummaryRow(one_line(o.item.rel), one_line(o.item.path), {}, error=error)
            continue
        links = o.item.outputs(memo_wanted(memo, record.has_gaps))
        not_whole = record.not_whole
        if out_dir is not None and not not_whole and o.state != "scored" and "json" in links:
            not_whole = _not_whole_from_json(Path(out_dir) / links["json"])
        yield SummaryRow(
            file=one_line(o.item.rel),
            path=one_line(o.item.path),
            links=links,
            issuer=_shared(record.issuer),  # issuers, dates and grades repeat: one copy each
            year=record.year,
            edition=record.edition,
            date=record.date,  # (not interned: nearly every report has its own date)
            score=record.score,
            grade=_shared(record.grade),
            core_score=record.core_score,
            statuses=_statuses(record.results, ruleset),
            # The history stores the reasons; a report stored before it did says none there,
            # and its JSON is read for them (above, or by with_not_whole).
            not_whole=not_whole,
            ocr=record.ocr,
        )


def _shared(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


def _shown_timelines(store: Store, issuer: str) -> list[Timeline]:
    """The issuer's timelines of two years or more, cut to what the dashboard shows: scores by
    year (records without results), and the changes into the latest year.

    Read so: the issuer's records without their results (``timelines`` keeps the latest
    scored of each year), then the results of the last two years' alone — a province's
    issuers have a dozen reports each, and making every stored report's 33 results was
    most of this."""
    shown = []
    for t in timelines(store.history(issuer, contains=False, with_results=False)):
        if len(t.years) < 2:
            continue
        older, newer = (store.get(r.content_hash, r.ruleset_version) for r in t.reports[-2:])
        changes = changes_between(older, newer) if older and newer else []
        shown.append(Timeline(t.issuer, t.reports, tuple(changes)))
    return shown


def batch_view(outcomes: Iterable[Outcome], store: Store, ruleset: Ruleset, memo: str,
               copy_to: _WorkbookProcess | None = None, out_dir: str | os.PathLike | None = None) -> BatchView:
    """The batch's view, its rows in a temporary table (``SummaryTable``) read back for each
    output rather than held; ``close_view`` removes the table. ``copy_to`` (the workbook
    process) is given each row as it is made, then told that was all. ``out_dir``: the
    not-whole reasons are read as the rows are made (``summary_rows``)."""
    made = summary_rows(outcomes, store, ruleset, memo, out_dir)
    rows = SummaryTable(made if copy_to is None else _copied(made, copy_to))
    if copy_to is not None:
        copy_to.end()  # it can write the workbook now: what follows is the dashboard's
    multi_year = []
    for issuer in sorted({r.issuer for r in rows if r.issuer}):  # one issuer's records in memory at a time
        multi_year += _shown_timelines(store, issuer)
    return BatchView(rows, ruleset, tuple(multi_year))


def _copied(rows: Iterable[SummaryRow], to: _WorkbookProcess) -> Iterator[SummaryRow]:
    for row in rows:
        to.add(row)
        yield row


def close_view(view: BatchView) -> None:
    """Remove the temporary table a view from ``batch_view`` reads its rows from."""
    if isinstance(view.rows, SummaryTable):
        view.rows.close()


def _not_whole_from_json(json_path: Path) -> tuple[str, ...]:
    """The reasons the report's JSON gives for not being one whole annual report; () when none.

    A JSON that cannot be read (removed by hand since it was written) says nothing: the
    row is shown as a whole report rather than the summary failing.
    """
    try:
        data = json_path.read_bytes()
        if _WHOLE in data:  # nearly every report: its 60 KB of JSON need not be parsed to say so
            return ()
        reasons = json.loads(data).get("not_whole") or ()
    except (OSError, ValueError, AttributeError):
        return ()
    return tuple(one_line(str(r)) for r in reasons)


# How the report's JSON (json_report.render) says a report is whole. Only the top level has a
# "not_whole" key, and report text cannot forge it: a quote inside a JSON string is written \".
_WHOLE = b'"not_whole": [],'


def with_not_whole(view: BatchView, out_dir: str | os.PathLike) -> BatchView:
    """``view`` with each scored row's ``not_whole`` read from its JSON in ``out_dir``, where
    the row says none: for a view built without ``out_dir`` (``write_batch_outputs`` given
    rows made elsewhere), whose records may predate the history's stored reasons.
    ``update_batch_outputs`` reads them as the rows are made instead (``summary_rows``).
    """
    out = Path(out_dir)

    def reasons(row: SummaryRow) -> tuple[str, ...]:
        if row.ok and not row.not_whole and "json" in row.links:
            return _not_whole_from_json(out / row.links["json"])
        return ()

    if isinstance(view.rows, SummaryTable):  # the rows stay on disk: only those with reasons are rewritten
        found = {i: r for i, r in enumerate(map(reasons, view.rows)) if r}
        view.rows.replace_not_whole(found)
        return view
    # a whole report keeps its row: no second copy of every row
    return replace(view, rows=tuple(replace(row, not_whole=r) if (r := reasons(row)) else row for row in view.rows))


def write_batch_outputs(view: BatchView, out_dir: str | os.PathLike, jobs: int = 1) -> dict[str, Path]:
    """Write summary.csv, summary.xlsx and the dashboard (each file atomically, streamed); return their paths.

    The dashboard is index.html, and for an edition too large for one page its ranking
    and heatmap in OUT/dashboard/ (``dashboard.pages``), keyed ``page:<name>`` here. Pages
    a previous, larger batch left there are removed. Raises OutputError when a file
    cannot be written (disk full, read-only).

    With ``jobs`` > 1 the workbook, the slowest of them, is written by a second process
    (:class:`_WorkbookProcess`) while this one writes the CSV and the dashboard: the
    batch's workers are done by then, and a core would otherwise wait.
    """
    out = Path(out_dir)
    workbook = None
    if jobs > 1:
        workbook = _WorkbookProcess(view.ruleset, out)
        try:
            for row in view.rows:
                workbook.add(row)
            workbook.end()
        except BaseException:
            workbook.stop()
            raise
    return _write_outputs(view, out, workbook)


def _write_outputs(view: BatchView, out: Path, workbook: _WorkbookProcess | None,
                   reasons_read: bool = False) -> dict[str, Path]:
    """write_batch_outputs, the workbook written by ``workbook`` (given every row already) or, when None, here.
    ``reasons_read``: the rows have their not-whole reasons already (``batch_view`` with ``out_dir``)."""
    from scorer.render import dashboard, summary

    paths = {kind: out / name for kind, name in BATCH_FILES.items()}
    try:
        if not reasons_read:
            view = with_not_whole(view, out)
        with open_atomic(paths["csv"], "w", encoding="utf-8-sig", newline="") as f:
            summary.write_csv(view, f)
        if workbook is None:
            _write_workbook(view, out)
        for name, chunks in dashboard.pages(view):
            if name != dashboard.INDEX:
                (out / dashboard.PAGES_DIR).mkdir(exist_ok=True)
                paths[f"page:{name}"] = out / name
            write_chunks(out / name, chunks)
        _remove_old_pages(out / dashboard.PAGES_DIR, {p.name for p in paths.values()})
        if workbook is not None:
            workbook.finish(view)
    except OSError as exc:
        raise OutputError(str(out), f"cannot write the summary and dashboard: {os_problem(exc)}") from None
    finally:
        if workbook is not None:
            workbook.stop()
    return paths


def _write_workbook(view: BatchView, out: Path) -> None:
    """summary.xlsx in ``out`` (``view`` with its rows' not-whole reasons, ``with_not_whole``)."""
    from scorer.render import summary

    with open_atomic(out / BATCH_FILES["xlsx"]) as f:
        summary.write_xlsx(view, f)


_ROWS_PER_MESSAGE = 200  # summary rows sent to the workbook process at a time


class _WorkbookProcess:
    """summary.xlsx written by a child process from the summary rows, sent to it through a pipe.

    Started before the rows are read back from the history, it imports what writes a
    workbook (XlsxWriter, ~40 ms) meanwhile, and keeps each row as it comes (``add``) in a
    table of its own (:class:`SummaryTable`), sharing no database connection with this
    process. After ``end`` it reads the not-whole reasons from the reports' JSON, as this
    process does, unless the rows came with them (``reasons_read``), and writes the workbook: the same bytes as :func:`_write_workbook` here.
    ``finish`` waits for it and raises the OSError it met (disk full…); should it die for
    another reason, the workbook is written here instead. ``stop`` ends it if it is still
    running (this process failed or was interrupted: the temporary file it leaves is
    removed with the others a batch leaves).
    """

    def __init__(self, ruleset: Ruleset, out: Path, reasons_read: bool = False):
        """``reasons_read``: the rows it is given have their not-whole reasons (``batch_view`` with ``out_dir``)."""
        ctx = mp_context()
        self._out = out
        self._chunk: list[SummaryRow] = []
        self._conn, child_conn = ctx.Pipe()
        self._process = ctx.Process(target=_workbook_main, args=(child_conn, ruleset, str(out), os.getpid(), reasons_read),
                                    name="fazhi-workbook", daemon=True)
        self._process.start()
        child_conn.close()

    def _send(self, message) -> None:
        try:
            self._conn.send(message)
        except OSError:  # it died: finish() finds out and writes the workbook here
            pass

    def add(self, row: SummaryRow) -> None:
        """The next row, in file order."""
        self._chunk.append(row)
        if len(self._chunk) == _ROWS_PER_MESSAGE:
            self._send(self._chunk)
            self._chunk = []

    def end(self) -> None:
        """That was every row: write the workbook."""
        self._send(self._chunk)
        self._chunk = []
        self._send(None)

    def finish(self, view: BatchView) -> None:
        """Wait for the workbook; ``view``: what to write it from here if the process could not."""
        try:
            kind, code = self._conn.recv()
        except (EOFError, OSError):
            kind, code = "died", None
        self._process.join()
        if kind == "oserror":
            raise OSError(code, os.strerror(code) if code else "cannot write the workbook")
        if kind != "done":  # killed, out of memory, a bug: the workbook is still owed
            self._remove_its_temp_file()
            _write_workbook(view, self._out)

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
            self._remove_its_temp_file()
        self._process.join()
        self._conn.close()

    def _remove_its_temp_file(self) -> None:
        """What a process that did not finish leaves: its summary.xlsx half written (``open_atomic``)."""
        atomic.remove_temp_files(self._out, BATCH_FILES["xlsx"].__eq__)


def _workbook_main(conn, ruleset: Ruleset, out: str, parent_pid: int, reasons_read: bool = False) -> None:
    """The workbook process: import the writer, take the rows until None, write summary.xlsx, say how it went."""
    as_child_of(parent_pid)

    def received() -> Iterator[SummaryRow]:
        while (chunk := conn.recv()) is not None:
            yield from chunk

    try:
        import xlsxwriter  # noqa: F401  (imported while the parent reads the rows back)

        from scorer.render import summary  # noqa: F401

        table = SummaryTable(received())
        try:
            view = BatchView(table, ruleset, ())
            _write_workbook(view if reasons_read else with_not_whole(view, out), Path(out))
        finally:
            table.close()
        said = ("done", None)
    except OSError as exc:
        said = ("oserror", exc.errno)
    except BaseException:  # (nothing printed: the parent writes the workbook itself, and meets the error if it is one)
        said = ("error", None)
    try:
        conn.send(said)
    except OSError:  # the parent is gone
        pass


_PAGE_NAME = re.compile(r"(ranking|heatmap)-\d+-\d+\.html")  # dashboard._page_name


def _remove_old_pages(pages_dir: Path, keep: set[str]) -> None:
    if not pages_dir.is_dir():
        return
    for page in pages_dir.iterdir():
        if _PAGE_NAME.fullmatch(page.name) and page.name not in keep:
            page.unlink()


def summary_key(outcomes: Iterable[Outcome], store: Store, ruleset: Ruleset, memo: str) -> str:
    """A digest of everything the summary outputs are made from: each file of the batch
    (its name, content hash and error), the rules, --memo, the history database and the
    code and templates that write them. Equal keys: the outputs would come out the same."""
    from scorer import __version__

    digest = hashlib.sha256()
    head = [__version__, ruleset.version, memo, store.fingerprint(), [_stat(p) for p in _rendering_code()]]
    digest.update(json.dumps(head, default=str).encode("utf-8"))
    for o in outcomes:
        line = [o.item.rel, o.item.path, o.item.name, o.state == "failed", o.content_hash, o.error]
        digest.update(json.dumps(line).encode("ascii"))  # \u escapes: any file name, even undecodable
    return digest.hexdigest()


def _rendering_code() -> list[str]:
    """The files that decide what the summary outputs look like: the modules that write
    them and the dashboard's templates (found without importing them: a rerun with nothing
    new does not need them)."""
    from importlib.util import find_spec

    from scorer.render.jinja import TEMPLATES_DIR  # (jinja2 itself is imported only to render)

    modules = [find_spec(f"scorer.render.{name}").origin for name in ("batch_view", "charts", "dashboard", "grouping", "summary")]
    return [__file__, *modules, *(str(p) for p in sorted(TEMPLATES_DIR.glob("dashboard*")))]


def _stat(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _up_to_date(out: Path, key: str) -> dict[str, Path] | None:
    """The summary outputs' paths when OUT's stamp says they were written from ``key`` and
    none of them was changed or removed since; otherwise None."""
    try:
        stamp = json.loads((out / SUMMARY_STAMP).read_text(encoding="utf-8"))
        if stamp["key"] != key:
            return None
        for name, seen in stamp["files"].items():
            if list(_stat(out / name) or ()) != seen:
                return None
        return {kind: out / name for kind, name in stamp["paths"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def update_batch_outputs(outcomes: Iterable[Outcome], store: Store, ruleset: Ruleset, memo: str,
                         out_dir: str | os.PathLike, jobs: int = 1) -> dict[str, Path]:
    """Write summary.csv, summary.xlsx and the dashboard unless they are up to date; return their paths.

    A rerun that scored nothing new and finds the history as it left it rewrites nothing:
    OUT/.fazhi-summary.json keeps the key the outputs were written from (``summary_key``)
    and each file's size and modification time. ``jobs`` > 1: two processes write them
    (``write_batch_outputs``).
    """
    out = Path(out_dir)
    key = summary_key(outcomes, store, ruleset, memo)
    paths = _up_to_date(out, key)
    if paths is not None:
        return paths
    # (started first: it gets ready, and takes each row, while the rows are read back)
    workbook = _WorkbookProcess(ruleset, out, reasons_read=True) if jobs > 1 else None
    try:
        view = batch_view(outcomes, store, ruleset, memo, copy_to=workbook, out_dir=out)
    except BaseException:
        if workbook is not None:
            workbook.stop()
        raise
    try:
        paths = _write_outputs(view, out, workbook, reasons_read=True)
    finally:
        close_view(view)
    files = {str(p.relative_to(out)): list(_stat(p) or ()) for p in paths.values()}
    stamp = {"key": key, "paths": {kind: str(p.relative_to(out)) for kind, p in paths.items()}, "files": files}
    try:
        atomic.write_text(out / SUMMARY_STAMP, json.dumps(stamp, ensure_ascii=False, indent=1))
    except OSError as exc:
        raise OutputError(str(out), f"cannot write the summary and dashboard: {os_problem(exc)}") from None
    return paths


def read_by_ocr(outcomes: Iterable[Outcome], store: Store, ruleset: Ruleset) -> int:
    """How many of the batch's scored files were read (wholly or partly) by OCR."""
    return sum(1 for o in outcomes if o.state != "failed" and o.content_hash
               and store.read_by_ocr(o.content_hash, ruleset.version))  # (not store.get: no results read)


def remove_stale_temp_files(out_dir: str | os.PathLike) -> int:
    """Delete the temporary files a killed batch left in OUT and OUT/reports; return how many.

    Only those a batch writes (``.summary.csv.<random>.tmp``, ``reports/.<name>.html.<random>.tmp``):
    OUT may be a folder other programs keep their own ``.*.tmp`` files in.
    """
    from scorer.render.dashboard import PAGES_DIR

    out = Path(out_dir)
    ours = set(BATCH_FILES.values()) | {SUMMARY_STAMP}
    removed = atomic.remove_temp_files(out, ours.__contains__) + atomic.remove_temp_files(
        out / REPORTS_DIR, lambda target: target.endswith(OUTPUT_SUFFIXES)
    )
    if (out / PAGES_DIR).is_dir():
        removed += atomic.remove_temp_files(out / PAGES_DIR, lambda target: bool(_PAGE_NAME.fullmatch(target)))
    return removed
