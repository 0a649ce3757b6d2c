"""Score a folder of reports in parallel, writing each report's outputs and its history row.

The parent process goes through the files in order, hashing each as a worker is about to
need it, skips what the history already holds (same content, same ruleset version, same
--edition, outputs present and written after any issuer or year a reviewer stated in
`fazhi serve`), and hands the rest to worker processes, with what was stated. Each worker loads the ruleset once, scores one report at a time,
writes its HTML gap report, JSON and memo (each file atomically) and returns a small
:class:`Outcome` — never the ReportResult. The parent alone writes the database, one
transaction per report, and keeps each file's outcome in a table on disk
(:class:`scorer.outcomes.Outcomes`), not in memory: its memory does not grow with the
number of reports.

Which files are read, and how hostile folders are met, is scorer/discover.py. A report that takes longer than ``file_timeout`` seconds has its
worker killed and replaced; a worker dies with the main process, however that ends.

A file that cannot be scored, for any reason, becomes a failed Outcome with a one-line
``Type: message`` error; the batch goes on. An output that cannot be written (disk full,
read-only) is not the file's fault: it stops the batch with an :class:`OutputError`.
Nothing here prints: the caller passes ``on_outcome`` to show progress.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterator

from scorer.atomic import write_bytes
from scorer.discover import REPORTS_DIR, BatchItem, content_hash, name_is_text
from scorer.errors import FazhiError
from scorer.models import Ruleset, StatedFacts
from scorer.outcomes import Outcome, Outcomes
from scorer.score import ScoringPolicy, with_policy
from scorer.store import Store, now, record_of

OUTPUT_SUFFIXES = (".html", ".json", ".docx")  # how BatchItem.outputs end: what a batch writes in REPORTS_DIR
# --memo: which reports get their 审查意见 memo (.docx). "always" by default: a supervisor
# answers every report sent in, a report with nothing to fix with a memo that says so.
MEMO_MODES = ("always", "gaps", "never")
# A worker's garbage collector runs when this many more objects were made than freed (Python's
# default is 700). Scoring and rendering a report makes and frees tens of thousands, nearly
# all freed by reference counting as soon as the report is done; at 700 the collector ran
# ~2.5 times a report (~0.6 ms, 5% of a worker's time) and found next to nothing. At this
# threshold it runs about once per hundreds of reports: what cycles a report leaves are
# still collected, and a worker's memory stays flat.
WORKER_GC_THRESHOLD = 10_000
STOP_GRACE_S = 3.0  # on Ctrl-C, how long running workers get to finish their report before they are killed
PARENT_POLL_S = 1.0  # how often a worker checks, where the OS cannot tell it, that the main process is alive


@dataclass(frozen=True)
class BatchOptions:
    rules_dirs: tuple[str, ...] = ()
    edition: int | None = None
    policy: ScoringPolicy = ScoringPolicy()
    memo: str = "always"  # one of MEMO_MODES
    force: bool = False
    jobs: int = 1
    # Seconds one report may take, in a worker process that is killed when it is over;
    # None: no limit, and with jobs=1 the reports are scored in this process.
    file_timeout: float | None = None
    # Megabytes of address space a worker may use (RLIMIT_AS); a report that needs more fails
    # with MemoryError and its worker is replaced. None: no limit. Only in worker processes.
    file_memory_mb: int | None = None


class OutputError(FazhiError):
    """An output or the history database cannot be written (disk full, read-only): no report's fault."""


_OS_PROBLEMS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
_SQLITE_PROBLEMS = {13: "disk full", 8: "read-only database", 10: "disk I/O error"}  # SQLITE_FULL, _READONLY, _IOERR


def os_problem(exc: OSError) -> str:
    """What a write error means to a user: ``disk full`` rather than ``[Errno 28] No space left on device``."""
    return _OS_PROBLEMS.get(exc.errno) or exc.strerror or str(exc)


def database_problem(exc: sqlite3.Error) -> str:
    return _SQLITE_PROBLEMS.get(getattr(exc, "sqlite_errorcode", None)) or str(exc)


def one_line(exc: BaseException, path: str | None = None) -> str:
    """``Type: message`` on one line; a FazhiError about this very file drops the repeated path."""
    message = exc.problem if isinstance(exc, FazhiError) and exc.subject == path else str(exc)
    return " ".join(f"{type(exc).__name__}: {message}".split())


def memo_wanted(mode: str, has_gaps: bool) -> bool:
    """Whether a report gets its memo under --memo ``mode`` (``has_gaps``: some applicable requirement not met)."""
    return mode == "always" or (mode == "gaps" and has_gaps)


# -- the worker side: module-level so a process can be started on it ---------------------

_worker: dict = {}


def _setup(ruleset: Ruleset, options: BatchOptions, out_dir: str) -> None:
    _worker.update(ruleset=ruleset, options=options, out_dir=out_dir)


def score_item(item: BatchItem, digest: str, stated: StatedFacts = StatedFacts()) -> Outcome:
    """Score one report and write its outputs; any exception becomes a failed Outcome.
    ``stated``: the issuer and year a reviewer stated for this content (Store.stated_facts).

    Everything is rendered before anything is written, so an OSError while writing is
    about OUT (disk full, read-only), never about the report: that is ``unwritable``.
    """
    ruleset, options, out_dir = _worker["ruleset"], _worker["options"], _worker["out_dir"]
    try:
        from scorer.pipeline import score_file
        from scorer.render import html_report, json_report, memo

        result = score_file(item.path, ruleset, edition=options.edition, policy=options.policy, stated=stated)
        with_memo = memo_wanted(options.memo, bool(result.gaps))
        paths = {kind: os.path.join(out_dir, p) for kind, p in item.outputs(with_memo).items()}
        html = html_report.render(result).encode("utf-8")
        data = (json_report.render(result) + "\n").encode("utf-8")
        docx = memo.memo_docx(result) if with_memo else None
    except MemoryError:
        limit = f"the {options.file_memory_mb} MB" if options.file_memory_mb else "the"
        return Outcome(item, "failed", digest, error=f"MemoryError: needs more than {limit} memory a worker may use (--file-memory)")
    except Exception as exc:  # one broken file must never stop the batch
        return Outcome(item, "failed", digest, error=one_line(exc, item.path))
    try:
        write_bytes(paths["html"], html)
        write_bytes(paths["json"], data)
        if docx is not None:
            write_bytes(paths["docx"], docx)
    except OSError as exc:
        return Outcome(item, "unwritable", digest, error=os_problem(exc))
    return Outcome(item, "scored", digest, record=record_of(result, digest, options.edition))


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def as_child_of(parent_pid: int) -> None:
    """Set up a process the batch started (a worker, the workbook writer): Ctrl-C goes to
    the whole process group, but the parent decides how its children stop, and a SIGTERM
    handler inherited from the parent must not turn a terminate() into a traceback; and it
    ends with the parent (``_die_with_parent``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    """End this worker when the batch's main process ends, however it ends (kill -9 too).

    Otherwise it would wait for work forever. Linux sends us SIGKILL when the parent dies
    (prctl PR_SET_PDEATHSIG; strictly, when the thread that started us ends — the main
    thread, which lives as long as the process); a thread watching the parent's pid covers
    other systems and anything that slips past the signal.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # it died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="fazhi-parent-watch", daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _limit_memory(megabytes: int | None) -> None:
    """Cap this worker's address space: a report that would take the machine's memory
    raises MemoryError in its own worker instead (where RLIMIT_AS exists: not on Windows)."""
    if not megabytes:
        return
    try:
        import resource
    except ImportError:
        return
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(
    conn: multiprocessing.connection.Connection, options: BatchOptions, out_dir: str, parent_pid: int
) -> None:
    """A worker process: load the rules, say "ready", then score each (item, digest, stated) it is sent until None."""
    as_child_of(parent_pid)
    _limit_memory(options.file_memory_mb)
    try:
        from scorer.rules import load_rules

        _setup(with_policy(load_rules(list(options.rules_dirs)), options.policy), options, out_dir)
    except Exception as exc:
        conn.send(("broken", one_line(exc)))
        return
    # The rules and modules live as long as the worker: out of the collector's sight (gc.freeze),
    # which then runs rarely (WORKER_GC_THRESHOLD).
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD)
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(("done", score_item(*task)))


# -- the parent side ------------------------------------------------------------------


def _files_in(folder: str) -> frozenset[str]:
    """The names of the regular files in ``folder`` (none when it cannot be listed).

    Read once per batch: a rerun asks whether each report's outputs are there, and one
    listing of OUT/reports answers that for a thousand reports in a few milliseconds where
    three thousand stat calls took some thirty."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(e.name for e in entries if e.is_file())
    except OSError:
        return frozenset()


def _outputs_exist(item: BatchItem, files: frozenset[str], memo: str, has_gaps: Callable[[], bool]) -> bool:
    """Whether every output the report needs under --memo ``memo`` is among ``files`` (the
    names in OUT/reports before the batch). ``has_gaps`` reads the stored record: asked only
    with --memo gaps when the memo is not there."""
    wanted = item.outputs(memo != "never")
    present = {kind: p.rpartition("/")[2] in files for kind, p in wanted.items()}
    if not (present["html"] and present["json"]):
        return False
    return present.get("docx", True) or (memo == "gaps" and not has_gaps())


def _written_before(when: str | None, out_dir: str, item: BatchItem) -> bool:
    """Whether the report's outputs were written before a reviewer stated its issuer or year
    (``when``, from Store.restated_at): they show the facts as read, and are written again."""
    if when is None:
        return False
    try:
        written = os.path.getmtime(os.path.join(out_dir, item.outputs(False)["html"]))
        return written < dt.datetime.fromisoformat(when).timestamp()
    except (OSError, ValueError):
        return True


def _stored_gaps(store: Store, digest: str, ruleset_version: str) -> bool:
    record = store.get(digest, ruleset_version)
    return record is None or record.has_gaps


def mp_context() -> multiprocessing.context.BaseContext:
    # fork where there is one: a worker (and a replaced one) starts in milliseconds. The
    # output lock is a POSIX record lock, which a forked child never holds.
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


# A report to score: its item, content hash, the facts a reviewer stated, its position in the batch.
Task = tuple[BatchItem, str, StatedFacts, int]


class _Pending:
    """The reports still to score, made as they are asked for (``bool``, ``popleft``, iteration).

    ``tasks`` hashes each file and settles one already scored as it goes, so a file is
    looked at only when a worker is about to need it: the parent never holds a list of
    every report to do. ``ahead(n)`` looks up to ``n`` reports ahead.
    """

    def __init__(self, tasks: Iterator[Task]):
        self._tasks = tasks
        self._ahead: deque[Task] = deque()

    def ahead(self, n: int) -> int:
        while len(self._ahead) < n and (task := next(self._tasks, None)) is not None:
            self._ahead.append(task)
        return len(self._ahead)

    def __bool__(self) -> bool:
        return self.ahead(1) > 0

    def popleft(self) -> Task:
        self.ahead(1)
        return self._ahead.popleft()

    def put_back(self, tasks: deque[Task]) -> None:
        """Reports taken but not begun (a worker queued them, then died): they come next again, in order."""
        self._ahead.extendleft(reversed(tasks))

    def __iter__(self) -> Iterator[Task]:
        while self:
            yield self.popleft()


# Reports a worker holds at a time: the one it scores and the next, already in its pipe, so
# that it starts the next as soon as it sends an outcome instead of waiting for this process
# to take the outcome and answer (on two cores shared with this process, a worker spent ~7 %
# of the scoring phase waiting so). A killed batch loses at most these.
WORKER_QUEUE = 2
# Reports a worker scores before it is retired and a fresh one forked in its place. Its
# caches are bounded, but what they and each report free leaves the allocator's memory
# fragmented: a worker grew ~0.8 MB per thousand reports after its caches were full, for
# ever. Retiring it bounds a worker's memory whatever the batch's size, for the price of a
# fresh worker's first report (~0.2 s: it compiles the rules and the templates; ~1.5 % of
# the life below). Making them in this process before forking would spare that, but made
# this process the largest of the batch (51 MB, +8). Where workers are spawned (Windows,
# macOS), a fresh one imports everything again (~0.5 s): it lives SPAWNED_LIFE times longer.
WORKER_REPORTS = 1_000
SPAWNED_LIFE = 4


class _Worker:
    """One worker process, its end of the pipe, and the reports given to it and not yet
    answered, in the order it scores them (``tasks``: the first is the one it is scoring)."""

    def __init__(self, ctx, options: BatchOptions, out_dir: str):
        self.conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child_conn, options, out_dir, os.getpid()), name="fazhi-worker", daemon=True
        )
        self.process.start()
        child_conn.close()
        self.ready = False
        self.tasks: deque[Task] = deque()
        self.started = 0.0  # when it began the first of ``tasks``
        self.given = 0  # reports given to it in its life: at ``life`` it gets no more
        self.life = WORKER_REPORTS * (1 if ctx.get_start_method() == "fork" else SPAWNED_LIFE)

    @property
    def takes(self) -> bool:
        """Whether it may be given another report now."""
        return self.ready and len(self.tasks) < WORKER_QUEUE and self.given < self.life

    @property
    def spent(self) -> bool:
        """It has scored every report it will ever be given: time to retire it."""
        return self.given >= self.life and not self.tasks

    @property
    def task(self) -> Task | None:
        """The report it is scoring, if any."""
        return self.tasks[0] if self.tasks else None

    def give(self, task: Task) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        self.given += 1
        try:
            self.conn.send(task[:3])  # (item, digest, stated): what score_item takes
        except OSError:  # it has just died: the next poll() finds out and fails the report
            pass

    def finished(self) -> Task:
        """Its first report is answered: the next one (if given) starts now."""
        self.started = time.monotonic()
        return self.tasks.popleft()

    def poll(self, ready: list) -> tuple[str, object]:
        """("ready" | "done" | "broken", value) when the worker said something, ("died", None), or ("", None).

        ``ready``: what ``multiprocessing.connection.wait`` just returned: whether its pipe
        has something or its process has ended, without asking the OS again for each."""
        if self.conn in ready:
            try:
                return self.conn.recv()
            except (EOFError, OSError):
                return "died", None
        if self.process.sentinel in ready and not self.process.is_alive():
            return "died", None
        return "", None

    def over(self, budget: float | None) -> bool:
        return bool(self.tasks and budget and time.monotonic() - self.started > budget)

    def how_it_ended(self) -> str:
        self.process.join(timeout=STOP_GRACE_S)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"was killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"

    def retire(self) -> None:
        """Tell it to stop (it has nothing left to score) and wait for it to end."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=STOP_GRACE_S)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=STOP_GRACE_S)
        self.conn.close()


def _in_workers(pending: _Pending, options: BatchOptions, out_dir: str) -> Iterator[tuple[int, Outcome]]:
    """Score the ``pending`` reports in worker processes, each holding up to WORKER_QUEUE of
    them; yield each one's (position, Outcome) as it comes.

    A worker over ``options.file_timeout`` on one report, or one that dies, is replaced,
    and that report fails with the reason. One that has scored its life's reports
    (WORKER_REPORTS) is retired and replaced, which keeps a worker's memory the same in a
    batch of any size. On any exception (Ctrl-C, an unwritable output, the caller closing
    this generator) the running reports get STOP_GRACE_S to finish, then every worker is
    stopped.
    """
    ctx = mp_context()
    budget = options.file_timeout
    workers: list[_Worker | None] = [_Worker(ctx, options, out_dir) for _ in range(pending.ahead(options.jobs))]
    try:
        while pending or any(w.task for w in workers):
            for w in workers:
                while w.takes and pending:
                    w.give(pending.popleft())
            deadlines = [w.started + budget for w in workers if w.task] if budget else []
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = multiprocessing.connection.wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout)
            for i, w in enumerate(workers):
                kind, value = w.poll(ready)
                if kind == "ready":
                    w.ready = True
                elif kind == "done":
                    at = w.finished()[3]
                    if w.takes and pending:  # its next report first: in its pipe while the parent stores this one
                        w.give(pending.popleft())
                    elif w.spent:
                        w.retire()
                        workers[i] = _Worker(ctx, options, out_dir) if _unclaimed(pending, workers, w) else None
                    yield at, value
                elif kind == "broken":
                    raise FazhiError("worker process", f"cannot load the rules: {value}")
                elif kind == "died" and not w.ready:
                    raise FazhiError("worker process", f"{w.how_it_ended()} while starting")
                elif kind == "died" or w.over(budget):
                    why = (
                        f"WorkerError: the worker process scoring it {w.how_it_ended()}" if kind == "died"
                        else f"TimeoutError: took longer than {budget:g} s (--file-timeout)"
                    )
                    w.kill()
                    lost = w.tasks.popleft() if w.tasks else None
                    pending.put_back(w.tasks)  # given to it but never begun: the next worker's
                    workers[i] = _Worker(ctx, options, out_dir) if pending else None
                    if lost is not None:
                        item, digest, _, at = lost
                        yield at, Outcome(item, "failed", digest, error=why)
            workers = [w for w in workers if w is not None]
    except BaseException:
        _stop_workers(workers)
        raise
    for w in workers:
        try:
            w.conn.send(None)
        except OSError:
            pass
    for w in workers:
        w.process.join(timeout=STOP_GRACE_S)
        w.kill()


def _unclaimed(pending: _Pending, workers: list[_Worker | None], retiring: _Worker) -> bool:
    """Whether reports are left that the workers still starting will not take: only then is
    a retired worker replaced. (Two retiring at once while one report was left, each forked
    a replacement, and one of them started only to be stopped: on a slow machine a batch
    made more processes than its reports needed.)"""
    room = sum(min(WORKER_QUEUE, w.life - w.given) for w in workers
               if w is not None and w is not retiring and not w.ready)
    return pending.ahead(room + 1) > room


def _stop_workers(workers: list[_Worker | None]) -> None:
    """Give running reports a moment to finish writing, then kill every worker."""
    workers = [w for w in workers if w is not None]
    busy = {w.conn: w for w in workers if w.task}
    deadline = time.monotonic() + STOP_GRACE_S
    while busy and time.monotonic() < deadline:
        for ready in multiprocessing.connection.wait(list(busy), deadline - time.monotonic()):
            busy.pop(ready, None)
    for w in workers:
        if w.process.is_alive():
            w.process.terminate()
    for w in workers:
        w.kill()


def run_batch(
    items: list[BatchItem],
    out_dir: str | os.PathLike,
    store: Store,
    ruleset: Ruleset,
    options: BatchOptions,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> Outcomes:
    """Score every item not already done; returns one Outcome per item, in item order, kept
    on disk (:class:`Outcomes`: the caller closes it).

    Raises OutputError when a report's outputs or the database cannot be written; what
    was stored before stays consistent, and running again finishes the rest.
    """
    out_dir = str(out_dir)
    reports_dir = os.path.join(out_dir, REPORTS_DIR)
    try:
        os.makedirs(reports_dir, exist_ok=True)
    except OSError as exc:
        raise OutputError(reports_dir, f"cannot create the folder: {os_problem(exc)}") from None
    done = Outcomes()
    started_at = now()  # every report this batch stores was scored "now" (history.timelines)

    def settle(outcome: Outcome, at: int) -> None:
        if outcome.state == "unwritable":
            raise OutputError(reports_dir, f"cannot write the reports: {outcome.error}")
        try:
            if outcome.record is not None:
                store.save(outcome.record, started_at)
            elif outcome.state == "failed":
                shown = os.fsencode(outcome.item.path).decode("utf-8", "backslashreplace")  # SQLite takes only UTF-8
                store.record_failure(shown, outcome.error or "", outcome.content_hash)
        except sqlite3.Error as exc:  # each write is one transaction: what is stored stays whole
            raise OutputError(str(store.path), f"cannot write the history database: {database_problem(exc)}") from None
        on_outcome(outcome)
        done.add(at, outcome)  # (without its record: the database has it now)

    def to_score() -> Iterator[Task]:
        """The reports that need scoring, in file order; the others are settled on the way."""
        files = _files_in(reports_dir) if not options.force else frozenset()
        restated = store.restated_at() if not options.force else {}
        for at, item in enumerate(items):
            if not name_is_text(item.path):
                settle(Outcome(item, "failed", error="InputError: the file name is not valid UTF-8; rename the file"), at)
                continue
            try:
                digest = content_hash(item.path)
            except FazhiError as exc:
                settle(Outcome(item, "failed", error=one_line(exc, item.path)), at)
                continue
            except OSError as exc:
                settle(Outcome(item, "failed", error=f"InputError: cannot read file: {exc.strerror or exc}"), at)
                continue
            if (
                not options.force
                and store.has(digest, ruleset.version, options.edition)
                and _outputs_exist(item, files, options.memo, lambda: _stored_gaps(store, digest, ruleset.version))
                and not _written_before(restated.get(digest), out_dir, item)
            ):
                settle(Outcome(item, "skipped", digest), at)
            else:
                yield item, digest, store.stated_facts(digest), at

    try:
        pending = _Pending(to_score())
        if options.file_timeout or (options.jobs > 1 and pending.ahead(2) > 1):
            outcomes: Iterator[tuple[int, Outcome]] = _in_workers(pending, options, out_dir)
        else:
            _setup(ruleset, options, out_dir)  # in this process: no pool, no second ruleset load
            outcomes = ((at, score_item(item, digest, stated)) for item, digest, stated, at in pending)
        try:
            for at, outcome in outcomes:
                settle(outcome, at)
        finally:
            outcomes.close()  # on Ctrl-C or an unwritable output: stops the workers now
    except BaseException:
        done.close()
        raise
    return done
