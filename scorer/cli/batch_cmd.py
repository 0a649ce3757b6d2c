"""`fazhi batch DIR|FILES... -o OUT` and `fazhi history ISSUER`: a folder of reports, and their years.

Exit codes of `fazhi batch` (docs/batch.md):
  0    every file was scored (or was already scored and skipped);
  4    partial: some files could not be scored — every output was still written, the
       broken files are listed in summary.csv/xlsx, the dashboard and on stderr;
  2    usage error, nothing scored (bad option, no report files, unreadable database);
       or an output that cannot be written (disk full, read-only): the database is
       consistent, run again to finish;
  130  interrupted (Ctrl-C or SIGTERM): the database is consistent; run again to finish.

File names and report text are untrusted: every line printed here about them goes
through ``one_line``, so a name holding ESC or a newline prints as ``\x1b`` / ``\n``.
"""

import errno
import json
import os
import signal
import sys
from contextlib import ExitStack, contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from scorer.cli.app import EXIT_OK, app, error_line, fail, scoring_settings
from scorer.errors import FazhiError

EXIT_PARTIAL = 4
EXIT_INTERRUPTED = 130
DEFAULT_HISTORY_DB = Path("out") / "fazhi.sqlite"
DEFAULT_FILE_TIMEOUT_S = 120.0
# Address space one worker may use: a real report needs a few hundred MB at most (PDFs the
# most); past this it fails alone instead of taking the machine.
DEFAULT_FILE_MEMORY_MB = 2048
# The history database's page cache in a batch (SQLite's default is 2 MB): each report's
# row is read once or twice, so a large cache only grows the batch with the database.
BATCH_DB_CACHE_KB = 256


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One batch per output directory at a time: it cleans temp files another run would be writing.

    On POSIX a record lock (lockf), not flock: it belongs to this process only, so a worker
    forked from it does not hold it and cannot keep the next run out. Where there is no
    fcntl (Windows, where most supervisors work) the `filelock` library's lock; fcntl is
    imported here, not at start-up, so the CLI starts there at all.
    """
    from scorer.batch import os_problem

    busy = f"{out}: another fazhi batch is writing here; wait for it or choose another -o"
    try:
        import fcntl
    except ImportError:
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(out / ".fazhi.lock"), timeout=0):
                yield
        except Timeout:
            fail(busy)
        return
    try:
        lock = open(out / ".fazhi.lock", "w")  # close-on-exec, as Python opens every file
    except OSError as err:
        fail(f"{out}: cannot write here: {os_problem(err)}")
    with lock:
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EACCES, errno.EAGAIN):
                fail(f"{out}: cannot lock {lock.name}: {os_problem(err)}")
            fail(busy)
        yield


def _sigterm_as_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class MemoMode(str, Enum):  # scorer.batch.MEMO_MODES
    always = "always"
    gaps = "gaps"
    never = "never"


class _Progress:
    """A rich bar on a terminal; otherwise one plain line per file on stderr (or nothing with -q)."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("评分"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                TextColumn("{task.fields[file]}", markup=False),
                console=Console(stderr=True), transient=True,
            )
            self.task = self.bar.add_task("batch", total=total, file="")

    def __enter__(self) -> "_Progress":
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def __call__(self, outcome) -> None:
        from scorer.sanitize import one_line

        self.done += 1
        if self.bar:
            self.bar.update(self.task, advance=1, file=one_line(outcome.item.rel))
        elif not self.quiet:
            detail = f" {outcome.record.score:.1f} {outcome.record.grade}" if outcome.record else ""
            line = f"fazhi: [{self.done}/{self.total}] {outcome.state} {outcome.item.path}{detail}"
            typer.echo(one_line(line), err=True)


@app.command(
    "batch",
    epilog="Exit codes: 0 all scored; 4 partial (some files failed, outputs still written); "
    "2 usage error, nothing scored, or an output cannot be written (disk full); "
    "130 interrupted (run again to finish). See docs/batch.md.",
)
def batch(
    inputs: list[Path] = typer.Argument(..., help="directories (searched recursively) and/or report files"),
    out: Path = typer.Option(..., "--out", "-o", help="output directory: reports/, summary.csv/.xlsx, index.html, fazhi.sqlite"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="worker processes (default: CPU count; 1 with --file-timeout 0 = in this process)"),
    db: Optional[Path] = typer.Option(None, "--db", help="history database (default: OUT/fazhi.sqlite)"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory; adds or overrides rules by id"),
    edition: Optional[int] = typer.Option(None, "--edition", help="judge every report by the 2015 or 2021 Outline"),
    force: bool = typer.Option(False, "--force", help="score again even what the history already holds"),
    memo: MemoMode = typer.Option(
        MemoMode.always, "--memo",
        help="which reports get their 审查意见 memo (.docx): always (default: a supervisor answers every report), "
        "gaps (only reports with something to fix), never",
    ),
    no_memo: bool = typer.Option(False, "--no-memo", hidden=True, help="the same as --memo never"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress output"),
    config: Optional[Path] = typer.Option(None, "--config", help="project config (default: .fazhi.yaml here or in a parent): rules, edition, scoring"),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="also read symlinks that lead out of an input folder (skipped by default)"),
    file_timeout: float = typer.Option(
        DEFAULT_FILE_TIMEOUT_S, "--file-timeout", min=0,
        help="seconds one report may take; a slower one fails and the batch goes on (0: no limit). "
        "With a limit every report is scored in a worker process, --jobs 1 too",
    ),
    file_memory: int = typer.Option(
        DEFAULT_FILE_MEMORY_MB, "--file-memory", min=0,
        help="megabytes of memory one worker may use; a report needing more fails and the batch goes on (0: no limit)",
    ),
) -> None:
    """Score every report in a folder: per-report outputs, summary.csv/.xlsx, index.html and the history."""
    from scorer.batch import BatchOptions, OutputError, run_batch
    from scorer.discover import REPORTS_DIR, find_reports
    from scorer.batch_outputs import read_by_ocr, remove_stale_temp_files, update_batch_outputs
    from scorer.sanitize import one_line
    from scorer.store import DB_NAME, Store

    settings = scoring_settings(config, rules, edition)
    ruleset, edition = settings.ruleset, settings.edition
    if out.exists() and not out.is_dir():
        fail(f"{out}: is a file; -o takes a directory")
    try:
        found = find_reports(inputs, out, follow_symlinks=follow_symlinks)
        out.mkdir(parents=True, exist_ok=True)
        (out / REPORTS_DIR).mkdir(exist_ok=True)
    except FazhiError as err:
        fail(one_line(str(err)))
    except OSError as err:
        fail(f"{out}: cannot create the output directory: {err.strerror or err}")
    # The items go into run_batch's table of outcomes, on disk: the summary phase, this
    # process's largest moment, must not hold them as well (found and items are let go).
    items, not_read, total = found.items, found.skipped, len(found.items)
    del found
    options = BatchOptions(
        rules_dirs=tuple(map(str, settings.rules_dirs)), edition=edition, policy=settings.policy,
        memo=MemoMode.never.value if no_memo else memo.value, force=force,
        jobs=jobs or os.cpu_count() or 1,
        file_timeout=file_timeout or None,
        file_memory_mb=file_memory or None,
    )
    progress = _Progress(total, quiet)
    with ExitStack() as keep:  # the table of outcomes, open until the failures are printed
        previous = signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
        try:
            with _exclusive(out):
                remove_stale_temp_files(out)  # left by a run that was killed
                try:
                    store = Store(db or out / DB_NAME, cache_kb=BATCH_DB_CACHE_KB)
                except FazhiError as err:
                    fail(err)
                try:
                    with store, progress:
                        outcomes = keep.enter_context(run_batch(items, out, store, ruleset, options, on_outcome=progress))
                        del items  # in the table now: not held through the summary
                        paths = update_batch_outputs(outcomes, store, ruleset, options.memo, out, options.jobs)
                        ocr_read = read_by_ocr(outcomes, store, ruleset)
                except KeyboardInterrupt:
                    remove_stale_temp_files(out)
                    typer.echo(
                        f"fazhi: interrupted after {progress.done} of {total} files; "
                        "run the same command again to finish the rest",
                        err=True,
                    )
                    raise typer.Exit(EXIT_INTERRUPTED)
                except FazhiError as err:  # an output or the database cannot be written: no input file's fault
                    remove_stale_temp_files(out)
                    resume = "; what was scored is kept, run the same command again to finish the rest"
                    fail(one_line(f"{err}{resume if isinstance(err, OutputError) else ''}"))
                remove_stale_temp_files(out)  # a worker killed over --file-timeout may have been writing
        finally:
            signal.signal(signal.SIGTERM, previous)
        for skip in not_read:
            typer.echo(one_line(f"fazhi: warning: {skip.path}: skipped: {skip.reason}"), err=True)
        for o in outcomes.with_state("failed"):
            typer.echo(one_line(error_line(f"{o.item.path}: {o.error}")), err=True)
        scored, skipped, failed = (outcomes.count(state) for state in ("scored", "skipped", "failed"))
    summary = f"{total} files: {scored} scored, {skipped} already scored, {failed} failed"
    if ocr_read:
        summary += f"; {ocr_read} read by OCR (scans: check their evidence against the page)"
    if not_read:
        summary += f"; {len(not_read)} not read (see the warnings)"
    typer.echo(summary)
    typer.echo(f"each report's gap report, JSON and memo: {out / REPORTS_DIR}{os.sep}")
    typer.echo(str(paths["index"]))  # last line: the dashboard, for scripts
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


@app.command("history")
def history(
    issuer: str = typer.Argument(..., help="发文单位: exact name, or part of it (科技局 finds 合肥市科技局)"),
    db: Path = typer.Option(DEFAULT_HISTORY_DB, "--db", help="history database written by `fazhi batch`"),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or JSON (schema fazhi.history/1)"),
) -> None:
    """An issuer's reports across years: scores, and which requirements improved or regressed."""
    from scorer.history import timelines
    from scorer.sanitize import one_line
    from scorer.store import Store

    if not db.is_file():
        fail(f"{db}: no history database; run `fazhi batch DIR -o OUT` first, or pass --db OUT/fazhi.sqlite")
    try:
        with Store(db) as store:
            records = store.history(issuer)
            known = store.issuers()
    except FazhiError as err:
        fail(err)
    found = timelines(records)
    from scorer.rules import load_rules
    from scorer.vocabulary import status_zh

    titles = {rule.id: rule for rule in load_rules().rules}  # the built-in titles: enough to name a change
    if not found:
        some = "、".join(known[:8]) + ("…" if len(known) > 8 else "")
        fail(one_line(f"{issuer}: no reports of this issuer in {db}" + (f" (issuers there: {some})" if known else "")))
    if format is TextOrJson.json:
        typer.echo(json.dumps(_history_json(issuer, db, found), ensure_ascii=False, indent=2))
        return
    for t in found:  # issuers and paths come from the reports: visible, never a terminal escape
        typer.echo(one_line(f"{t.issuer}：{len(t.reports)} 个年度"))
        for r in t.reports:
            typer.echo(one_line(f"  {r.year}  得分 {r.score:5.1f}  {r.grade}  核心项 {r.core_score:5.1f}  {r.path}"))
        for a, b in zip(t.reports, t.reports[1:]):
            changes = [c for c in t.changes if c.to_year == b.year]
            up = [c for c in changes if c.direction == "improved"]
            typer.echo(f"  {a.year} → {b.year}：改善 {len(up)} 项，退步 {len(changes) - len(up)} 项")
            for c in changes:
                mark = "+" if c.direction == "improved" else "-"
                rule = titles.get(c.rule_id)
                # a supervisor reads the requirement and the status words; the ID stays in --format json
                name = one_line(rule.title) if rule else c.rule_id
                kind = rule.kind if rule else "element"
                typer.echo(f"    {mark} {name}：{status_zh(c.before, kind)} → {status_zh(c.after, kind)}")


def _history_json(query: str, db: Path, found) -> dict:
    return {
        "schema": "fazhi.history/1",
        "query": query,
        "db": str(db),
        "issuers": [
            {
                "issuer": t.issuer,
                "reports": [
                    {
                        "year": r.year, "score": r.score, "grade": r.grade, "core_score": r.core_score,
                        "edition": r.edition, "date": r.date, "path": r.path, "content_hash": r.content_hash,
                        "ruleset_version": r.ruleset_version, "scored_at": r.scored_at,
                        "results": {x.rule_id: x.status for x in r.results},
                    }
                    for r in t.reports
                ],
                "changes": [
                    {"rule": c.rule_id, "from_year": c.from_year, "to_year": c.to_year,
                     "before": c.before, "after": c.after, "direction": c.direction}
                    for c in t.changes
                ],
            }
            for t in found
        ],
    }
