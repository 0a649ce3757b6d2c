"""Measurements of the installed command, as a user runs it: `fazhi batch` end to end
and the cold start of `fazhi score`.

Peak memory comes from ``os.wait4``: the kernel reports the largest resident set of
the process and of every descendant it waited for (the batch's worker processes),
so the figure is the biggest single process of the run, not a sum. The command is
started by a small wrapper process, because Linux counts a child's memory from
before its exec: forked straight from this (large) process, every command would
seem to need as much memory as the benchmark itself.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

FAZHI = str(Path(sys.executable).parent / "fazhi")

# Output folders deleted at the end of the whole benchmark, not after each run. On ext4
# without a journal (this machine's), creating a file skips every inode freed in the last
# 60–360 s, one buffer-cache lookup each (``recently_deleted`` in fs/ext4/ialloc.c): a batch
# run right after another run's ~3,000 files were deleted spent 2.9 s of kernel time on
# 1,000 reports instead of 0.4–0.95 s (perf). That timed the benchmark's own clean-up, not fazhi.
_TRASH: list[Path] = []


def discard_later(path: Path) -> None:
    """Have ``path`` deleted by ``empty_trash()`` when the benchmark ends."""
    _TRASH.append(path)


def empty_trash() -> None:
    while _TRASH:
        shutil.rmtree(_TRASH.pop(), ignore_errors=True)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system time of the command and its children (the machine is shared)


# Runs argv[1:] with its output discarded; prints "seconds peak_rss_kb exit_code".
_WRAPPER = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = code = os.waitstatus_to_exitcode(status)
print(time.perf_counter() - start, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)
"""


def run_measured(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Wall time, peak RSS and CPU time of one command and its children."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0 or len(done.stdout.split()) != 4:
        raise RuntimeError(f"measuring {' '.join(cmd)} failed: {done.stderr.strip()[-500:]}")
    seconds, rss_kb, code, cpu = done.stdout.split()
    return Run(float(seconds), int(rss_kb) / 1024, int(code), done.stderr, float(cpu))


@dataclass(frozen=True)
class BatchRun:
    reports: int
    jobs: int
    memo: bool
    run: Run

    @property
    def per_second(self) -> float:
        return self.reports / self.run.seconds


def fazhi_batch(folder: Path, reports: int, jobs: int, memo: bool = False) -> BatchRun:
    """`fazhi batch FOLDER -o OUT --jobs N -q` into a fresh output folder (nothing skipped)."""
    out = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    try:
        cmd = [FAZHI, "batch", str(folder), "-o", str(out / "out"), "--jobs", str(jobs), "-q"]
        if not memo:
            cmd.append("--no-memo")
        run = run_measured(cmd, env=user_env())
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr.strip()[-500:]}")
        return BatchRun(reports, jobs, memo, run)
    finally:
        discard_later(out)


def batch_memory_phases(folder: Path) -> dict[str, float]:
    """Peak RSS (MB) after each phase of a one-process batch: see benchmarks/batch_memory.py."""
    import json

    script = Path(__file__).resolve().parent / "batch_memory.py"
    done = subprocess.run([sys.executable, str(script), str(folder)], env=user_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} {folder} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


@dataclass(frozen=True)
class ColdStart:
    seconds: list[float]  # each run, in order

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)


def cold_starts(cmds: list[list[str]], runs: int = 7, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> list[ColdStart]:
    """Cold starts of several commands taken in turn (a, b, a, b, …) after one untimed run of
    each, so that a ratio between them compares runs under the same load."""
    for cmd in cmds:
        subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, seconds in zip(cmds, times):
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            seconds.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return [ColdStart(seconds) for seconds in times]


def user_env(bytecode: bool = True) -> dict[str, str]:
    """The environment a user's shell gives: Python caches bytecode unless told not to.

    (This sandbox sets PYTHONDONTWRITEBYTECODE=1, which makes every start compile
    fazhi's own modules again: a cost no installed copy pays.)
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def cold_start(cmd: list[str], runs: int = 5, cwd: Path | None = None, env: dict[str, str] | None = None) -> ColdStart:
    """Wall time of a fresh process, ``runs`` times after one untimed run (file and bytecode caches warm)."""
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1 = below the threshold, still a full run
            raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return ColdStart(times)
