"""Scoring off the event loop: worker processes run the pipeline, the server only waits.

Uploaded files and reports opened for review are scored by :func:`scorer.pipeline.score_file`
in a small process pool, so a 100-page PDF never stalls a page another reviewer is reading.
Each worker loads the ruleset once. A job returns the ReportResult (the page needs its
evidence and text) or a one-line error naming what is wrong with the file; a crashed
worker (out of memory, killed) becomes that file's error and the pool is replaced.

Upload jobs are kept in memory for the status page (``Job``); what lasts is written to the
history database by the app: the scored record, or the failure.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from scorer.errors import FazhiError
from scorer.models import StatedFacts
from scorer.score import ScoringPolicy

_worker: dict = {}


def _setup(rules_dirs: tuple[str, ...], policy: ScoringPolicy) -> None:
    from scorer.rules import load_rules
    from scorer.score import with_policy

    _worker["ruleset"] = with_policy(load_rules(list(rules_dirs)), policy)
    _worker["policy"] = policy


def _score(path: str, edition: int | None, stated: StatedFacts):
    """In a worker: ("scored", ReportResult) or ("failed", problem) — never an exception."""
    from scorer.pipeline import score_file

    try:
        return "scored", score_file(path, _worker["ruleset"], edition=edition, policy=_worker["policy"], stated=stated)
    except FazhiError as err:
        return "failed", err.problem if err.subject == path else str(err)
    except MemoryError:
        return "failed", "文件过大，评分时内存不足"
    except Exception as exc:  # a reader bug on one odd file must not take the server down
        return "failed", " ".join(f"{type(exc).__name__}: {exc}".split())


@dataclass
class Job:
    """One uploaded file on the status page."""

    id: str
    name: str  # the uploaded file name: shown, never used as a path
    content_hash: str | None = None
    state: str = "queued"  # queued | scoring | scored | failed
    error: str | None = None
    score: float | None = None
    grade: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("scored", "failed")


@dataclass
class Jobs:
    """The process pool and the recent upload jobs (the last ``keep`` of them)."""

    rules_dirs: tuple[str, ...]
    policy: ScoringPolicy
    workers: int = 1
    keep: int = 2000
    # Two lanes: uploads queue in one pool; a report opened for reading is scored in another,
    # so a page never waits behind a queue of uploads.
    _pools: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    jobs: OrderedDict = field(default_factory=OrderedDict)

    def _executor(self, lane: str) -> ProcessPoolExecutor:
        with self._lock:
            if lane not in self._pools:
                # forkserver: workers start from a clean process, not a copy of the server's threads
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                self._pools[lane] = ProcessPoolExecutor(
                    max_workers=self.workers if lane == "upload" else 1, mp_context=multiprocessing.get_context(method),
                    initializer=_setup, initargs=(self.rules_dirs, self.policy),
                )
            return self._pools[lane]

    async def score(self, path: str | os.PathLike, edition: int | None = None, lane: str = "upload",
                    stated: StatedFacts = StatedFacts()):
        """("scored", ReportResult) or ("failed", problem), scored in a worker process of the lane
        (with the issuer and year a reviewer stated, if any)."""
        loop = asyncio.get_running_loop()
        pool = self._executor(lane)
        try:
            return await loop.run_in_executor(pool, _score, str(path), edition, stated)
        except BrokenProcessPool:
            with self._lock:  # the next job gets a fresh pool
                if self._pools.get(lane) is pool:
                    del self._pools[lane]
            return "failed", "评分进程意外退出（文件可能过大或已损坏）"

    def add(self, job: Job) -> Job:
        self.jobs[job.id] = job
        while len(self.jobs) > self.keep:
            self.jobs.popitem(last=False)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def close(self) -> None:
        with self._lock:
            for pool in self._pools.values():
                pool.shutdown(wait=False, cancel_futures=True)
            self._pools.clear()
