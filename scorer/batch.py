"""Score a folder of reports in parallel, writing each report's outputs and its history row.

The parent process finds the files, hashes them, skips what the history already holds
(same content, same ruleset version, same --edition, outputs present), and hands the rest
to a ProcessPoolExecutor. Each worker loads the ruleset once, scores one report, writes
its HTML gap report, JSON and memo (each file atomically) and returns a small
:class:`Outcome` — never the ReportResult — so the parent's memory does not grow with
the number of reports. The parent alone writes the database, one transaction per report.

A file that cannot be scored, for any reason, becomes a failed Outcome with a one-line
``Type: message`` error; the batch goes on. Nothing here prints: the caller passes
``on_outcome`` to show progress.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import os
import re
import signal
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from scorer.atomic import write_bytes, write_text
from scorer.errors import FazhiError
from scorer.models import Ruleset
from scorer.score import ScoringPolicy, with_policy
from scorer.store import ReportRecord, Store, record_of

# Every format ingest reads (it sniffs the content; the extension only picks the files).
REPORT_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".rtf", ".pdf", ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")
REPORTS_DIR = "reports"  # per-report outputs, inside OUT
STOP_GRACE_S = 3.0  # on Ctrl-C, how long running workers get to finish their report before they are killed


@dataclass(frozen=True)
class BatchItem:
    path: str  # as the user would write it (the input argument joined with rel): shown in outputs
    rel: str  # relative to the batch root, "/"-separated: the file column of the summary
    name: str  # output base name, unique in the batch, safe for any file system

    def outputs(self, memo: bool) -> dict[str, str]:
        """Output paths relative to OUT, by kind."""
        base = f"{REPORTS_DIR}/{self.name}"
        kinds = {"html": f"{base}.html", "json": f"{base}.json"}
        if memo:
            kinds["docx"] = f"{base}.docx"
        return kinds


@dataclass(frozen=True)
class BatchOptions:
    rules_dirs: tuple[str, ...] = ()
    edition: int | None = None
    policy: ScoringPolicy = ScoringPolicy()
    memo: bool = True
    force: bool = False
    jobs: int = 1


@dataclass(frozen=True)
class Outcome:
    item: BatchItem
    state: str  # scored | skipped | failed
    content_hash: str | None = None
    error: str | None = None  # failed: "Type: message", one line
    record: ReportRecord | None = None  # scored: what goes into the history (dropped once stored)


_UNSAFE = re.compile(r"[^\w.\-]")  # \w keeps Chinese file names readable
_MAX_NAME_BYTES = 180  # leaves room for ".html" and the temp-file decoration under 255 bytes


def output_name(rel: str) -> str:
    """``a/b.txt`` → ``a__b.txt``. Names that needed more than that get ``~`` + a hash of ``rel``.

    Unsuffixed names are reversible (no ``__`` in ``rel``, no unsafe characters) and never
    contain ``~``; suffixed ones differ by hash — so names are unique within a batch.
    """
    joined = rel.replace("/", "__")
    safe = _UNSAFE.sub("_", joined)
    lossy = safe != joined or "__" in rel or safe.startswith(".") or len(safe.encode()) > _MAX_NAME_BYTES
    if not lossy:
        return safe
    digest = hashlib.sha1(rel.encode()).hexdigest()[:8]
    safe = safe.lstrip(".")
    while len(safe.encode()) > _MAX_NAME_BYTES:
        safe = safe[:-1]
    return f"{safe}~{digest}"


def _is_report(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES


def discover(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike) -> list[BatchItem]:
    """Every report under the given directories (recursively) plus the given files, sorted.

    Hidden directories and files are skipped, and so is the output directory itself.
    Files named explicitly are taken whatever their extension.
    """
    out_abs = os.path.abspath(out_dir)
    found: dict[str, str] = {}  # absolute path → path as the user would write it
    roots = []
    for arg in map(str, inputs):
        if os.path.isdir(arg):
            roots.append(os.path.abspath(arg))
            for dirpath, dirnames, filenames in os.walk(arg):
                dirnames[:] = sorted(
                    d for d in dirnames
                    if not d.startswith(".") and os.path.abspath(os.path.join(dirpath, d)) != out_abs
                )
                if os.path.abspath(dirpath) == out_abs:
                    dirnames[:] = []
                    continue
                for f in filenames:
                    if _is_report(f):
                        found.setdefault(os.path.abspath(os.path.join(dirpath, f)), os.path.join(dirpath, f))
        elif os.path.exists(arg):
            roots.append(os.path.dirname(os.path.abspath(arg)))
            found.setdefault(os.path.abspath(arg), arg)
        else:
            raise FazhiError(arg, "no such file or directory")
    if not found:
        where = ", ".join(map(str, inputs))
        raise FazhiError(where, f"no report files found (looked for {' '.join(REPORT_SUFFIXES)})")
    base = os.path.commonpath(roots)
    items = []
    for abs_path, shown in found.items():
        rel = os.path.relpath(abs_path, base).replace(os.sep, "/")
        items.append(BatchItem(path=shown, rel=rel, name=output_name(rel)))
    return sorted(items, key=lambda i: i.rel)


def content_hash(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def one_line(exc: BaseException, path: str | None = None) -> str:
    """``Type: message`` on one line; a FazhiError about this very file drops the repeated path."""
    message = exc.problem if isinstance(exc, FazhiError) and exc.subject == path else str(exc)
    return " ".join(f"{type(exc).__name__}: {message}".split())


# -- the worker side: module-level so the pool can pickle it ----------------------------

_worker: dict = {}


def _setup(ruleset: Ruleset, options: BatchOptions, out_dir: str) -> None:
    _worker.update(ruleset=ruleset, options=options, out_dir=out_dir)


def _init_pool_worker(options: BatchOptions, out_dir: str) -> None:
    # Ctrl-C goes to the whole process group; the parent decides how workers stop
    # (and a SIGTERM handler inherited from the parent must not turn its terminate() into a traceback).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from scorer.rules import load_rules

    _setup(with_policy(load_rules(list(options.rules_dirs)), options.policy), options, out_dir)


def score_item(item: BatchItem, digest: str) -> Outcome:
    """Score one report and write its outputs; any exception becomes a failed Outcome."""
    ruleset, options, out_dir = _worker["ruleset"], _worker["options"], _worker["out_dir"]
    try:
        from scorer.pipeline import score_file
        from scorer.render import html_report, json_report, memo

        result = score_file(item.path, ruleset, edition=options.edition, policy=options.policy)
        paths = {kind: os.path.join(out_dir, p) for kind, p in item.outputs(options.memo).items()}
        write_text(paths["html"], html_report.render(result))
        write_text(paths["json"], json_report.render(result) + "\n")
        if options.memo:
            write_bytes(paths["docx"], memo.memo_docx(result))
        return Outcome(item, "scored", digest, record=record_of(result, digest, options.edition))
    except Exception as exc:  # one broken file must never stop the batch
        return Outcome(item, "failed", digest, error=one_line(exc, item.path))


# -- the parent side ------------------------------------------------------------------


def _outputs_exist(item: BatchItem, out_dir: str, memo: bool) -> bool:
    return all(os.path.isfile(os.path.join(out_dir, p)) for p in item.outputs(memo).values())


def _stop_pool(pool: cf.ProcessPoolExecutor, futures: Iterable[cf.Future]) -> None:
    """Cancel what has not started, give running reports a moment, then kill the workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public handle before 3.14
    for f in futures:
        f.cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    cf.wait([f for f in futures if not f.done()], timeout=STOP_GRACE_S)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=STOP_GRACE_S)


def _in_pool(todo: list[tuple[BatchItem, str]], options: BatchOptions, out_dir: str) -> Iterator[Outcome]:
    pool = cf.ProcessPoolExecutor(
        max_workers=min(options.jobs, len(todo)), initializer=_init_pool_worker, initargs=(options, out_dir)
    )
    futures = {pool.submit(score_item, item, digest): (item, digest) for item, digest in todo}
    try:
        for future in cf.as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory, …)
                item, digest = futures[future]
                yield Outcome(item, "failed", digest, error=one_line(exc))
    except BaseException:
        _stop_pool(pool, futures)
        raise
    pool.shutdown(wait=True)


def run_batch(
    items: list[BatchItem],
    out_dir: str | os.PathLike,
    store: Store,
    ruleset: Ruleset,
    options: BatchOptions,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Score every item not already done; returns one small Outcome per item, in item order."""
    out_dir = str(out_dir)
    os.makedirs(os.path.join(out_dir, REPORTS_DIR), exist_ok=True)
    done: dict[str, Outcome] = {}

    def settle(outcome: Outcome) -> None:
        if outcome.record is not None:
            store.save(outcome.record)
        elif outcome.state == "failed":
            store.record_failure(outcome.item.path, outcome.error or "", outcome.content_hash)
        on_outcome(outcome)
        done[outcome.item.rel] = replace(outcome, record=None)  # the database has it now

    todo = []
    for item in items:
        try:
            digest = content_hash(item.path)
        except OSError as exc:
            settle(Outcome(item, "failed", error=f"InputError: cannot read file: {exc.strerror or exc}"))
            continue
        if (
            not options.force
            and store.has(digest, ruleset.version, options.edition)
            and _outputs_exist(item, out_dir, options.memo)
        ):
            settle(Outcome(item, "skipped", digest))
        else:
            todo.append((item, digest))

    if options.jobs <= 1 or len(todo) <= 1:
        _setup(ruleset, options, out_dir)  # in this process: no pool, no second ruleset load
        outcomes: Iterator[Outcome] = (score_item(item, digest) for item, digest in todo)
    else:
        outcomes = _in_pool(todo, options, out_dir)
    try:
        for outcome in outcomes:
            settle(outcome)
    finally:
        outcomes.close()  # on Ctrl-C: stops the pool now, not when the traceback is freed
    return [done[item.rel] for item in items]
