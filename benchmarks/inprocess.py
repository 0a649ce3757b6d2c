"""Measurements made inside this Python process: the stages one by one, a process
pool scoring without rendering, a bare jieba.cut, the size ladder and accuracy.

Each stage is timed by calling its function directly, so a figure here is the
stage's own cost, without the CLI, the history database or file writes.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

STAGES = ("ingest", "segment", "match", "score", "render_html", "render_json", "render_docx")
SCORING = ("ingest", "segment", "match", "score")  # "scoring without rendering"
JIEBA_REPORTS = 100  # jieba is slow; the ratio is taken over the first reports of the batch


@dataclass
class StageTimes:
    """Seconds per stage, one entry per report, in corpus order."""

    files: list[Path]
    chars: list[int] = field(default_factory=list)
    seconds: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STAGES})

    def total(self, stages: tuple[str, ...], n: int | None = None) -> float:
        return sum(sum(self.seconds[s][:n]) for s in stages)

    def per_report_ms(self, stage: str) -> float:
        return 1000 * statistics.fmean(self.seconds[stage])


def time_stages(files: list[Path], ruleset, warmup: int = 5) -> StageTimes:
    """Every stage on every file, one core, the ruleset loaded and compiled beforehand."""
    from scorer.ingest import read_document
    from scorer.match import match_report
    from scorer.render import html_report, json_report, memo
    from scorer.rules import editions_for_year
    from scorer.score import score_report
    from scorer.segment import segment

    def run(path: Path, out: StageTimes | None) -> None:
        clock = [time.perf_counter()]

        def lap(stage: str) -> None:
            clock.append(time.perf_counter())
            if out is not None:
                out.seconds[stage].append(clock[-1] - clock[-2])

        doc = read_document(path)
        lap("ingest")
        seg = segment(doc)
        lap("segment")
        matches, warnings = match_report(seg, ruleset)
        lap("match")
        # What scorer.pipeline.score_document does after matching.
        result = score_report(seg, matches, ruleset, editions_for_year(seg.year), notes=warnings)
        lap("score")
        html_report.render(result)
        lap("render_html")
        json_report.render(result)
        lap("render_json")
        memo.memo_docx(result)  # fazhi batch writes it by default
        lap("render_docx")
        if out is not None:
            out.chars.append(len(doc.text))

    for path in files[:warmup]:  # compiled regexes, template and schema caches
        run(path, None)
    times = StageTimes(files)
    for path in files:
        run(path, times)
    return times


# -- a pool of workers scoring without rendering: `fazhi batch` minus its outputs ----------

_ruleset = None


def _init_worker() -> None:
    global _ruleset
    from scorer.rules import load_rules

    _ruleset = load_rules([])


def _score_only(path: str) -> float:
    from scorer.pipeline import score_file

    return score_file(path, _ruleset).score


def pool_throughput(files: list[Path], jobs: int, repeats: int = 3) -> tuple[float, float, tuple[float, ...]]:
    """(reports per second, wall seconds) of ``jobs`` processes scoring without rendering, the
    median of ``repeats`` passes over the files, and every pass's reports per second.

    The workers start and load the rules before the clock starts, as they do once per batch.
    (The median, not one pass: on a shared 2-core host one pass of ~3 s ranged 97–143 reports/s
    over three runs of the same code.)
    """
    paths = [str(p) for p in files]
    walls = []
    with cf.ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        list(pool.map(_score_only, paths[: 4 * jobs]))  # start every worker, warm its caches
        for _ in range(repeats):
            start = time.perf_counter()
            list(pool.map(_score_only, paths, chunksize=8))
            walls.append(time.perf_counter() - start)
    wall = statistics.median(walls)
    return len(paths) / wall, wall, tuple(len(paths) / w for w in walls)


# -- jieba, the yardstick -------------------------------------------------------------------


def jieba_seconds(texts: list[str]) -> float:
    """A bare ``list(jieba.cut(text))`` over the texts, jieba initialised beforehand."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    list(jieba.cut(texts[0]))
    start = time.perf_counter()
    for text in texts:
        list(jieba.cut(text))
    return time.perf_counter() - start


def rjieba_seconds(texts: list[str], repeats: int = 3) -> float | None:
    """A bare ``rjieba.cut(text)`` (jieba's dictionary and algorithm in Rust) over the texts,
    best of ``repeats`` passes (one pass takes well under a second: a single pass would be
    mostly noise); None when rjieba is not installed (`pip install -e '.[bench]'`)."""
    try:
        import rjieba
    except ImportError:
        return None
    rjieba.cut(texts[0])  # loads its dictionary
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            rjieba.cut(text)
        best = min(best, time.perf_counter() - start)
    return best


# -- the size ladder --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rung:
    path: Path
    chars: int
    seconds: float  # best of the repeats: ingest + segment + match + score
    repeats: int

    @property
    def us_per_char(self) -> float:
        return 1e6 * self.seconds / self.chars


def ladder(files: list[Path], ruleset, budget_s: float = 1.0) -> list[Rung]:
    """Scoring time per character for each size; the best of several runs (the least disturbed)."""
    from scorer.pipeline import score_file

    rungs = []
    for path in files:
        chars = len(path.read_text(encoding="utf-8"))
        start = time.perf_counter()
        score_file(path, ruleset)
        first = time.perf_counter() - start
        repeats = max(3, min(50, int(budget_s / max(first, 1e-4))))
        best = first
        for _ in range(repeats - 1):
            start = time.perf_counter()
            score_file(path, ruleset)
            best = min(best, time.perf_counter() - start)
        rungs.append(Rung(path, chars, best, repeats))
    return rungs


# -- accuracy ---------------------------------------------------------------------------------


def accuracy(gold: Path, texts: Path, ruleset) -> list[tuple[str, float, float, float, float, int]]:
    """(variant, precision, recall, F1, five-status accuracy, labels) as `fazhi eval` prints them."""
    from scorer.evaluate import evaluate

    rows = []
    for rep in evaluate(gold, texts, ruleset):
        o = rep.overall
        rows.append((rep.name, o.precision, o.recall, o.f1, o.accuracy, o.total))
    return rows


def model_load(runs: int = 5) -> tuple[int, float]:
    """The shipped sentence model's size in bytes and the median time (ms) `load_model()`
    takes in a fresh process (the import of the module itself not counted)."""
    import subprocess
    import sys

    from scorer.learn.model import MODEL_FILE

    code = ("import time\nfrom scorer.learn.model import load_model\nt = time.perf_counter()\nload_model()\n"
            "print((time.perf_counter() - t) * 1000)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(runs)]
    return MODEL_FILE.stat().st_size, statistics.median(times)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
