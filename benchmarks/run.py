"""The benchmark: speed and accuracy side by side, written to benchmarks/results.md.

    .venv/bin/python benchmarks/run.py [--out benchmarks/results.md]     (or: make bench)

Builds the synthetic corpus (benchmarks/corpus/, git-ignored), then measures, in
this order so the cheap, sensitive figures come before the machine heats up:
the cold start of `fazhi score`; every pipeline stage in this process; a pool of
workers scoring without rendering; a bare jieba.cut and rjieba.cut of the same texts; time per
character from 2,000 to 200,000 characters; `fazhi batch` end to end (--jobs 1 vs
2, 50 vs 300 reports for memory, with and without the .docx memo) and its memory
phase by phase; accuracy on the gold labels beside the keyword baseline. Timings
are wall-clock and depend on what else the machine runs: the load average is
recorded next to them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import external  # noqa: E402
import inprocess  # noqa: E402
import scale  # noqa: E402
from report import Figures, write_results  # noqa: E402

ROOT = corpus.ROOT
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"
COLD_START_REPORT = ROOT / "seeds" / "002_270951ed5cca0aaf.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md")
    ap.add_argument("--corpus", type=Path, default=corpus.DEFAULT_OUT)
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)

    # The user cache a fresh install builds on its first run, not the developer's own: that
    # one holds every rule version and pattern tried on this machine (a 6.8 MB regex table
    # once, 40 ms of every start). The cold start's untimed first run fills it.
    cache = tempfile.mkdtemp(prefix="fazhi-bench-cache-")
    external.discard_later(Path(cache))
    os.environ["FAZHI_CACHE_DIR"] = cache
    try:
        return _measure(args)
    finally:
        external.empty_trash()


def _measure(args: argparse.Namespace) -> int:
    started = time.time()
    fig = Figures(load_before=os.getloadavg())
    step = _Steps()

    with step("corpus"):
        sets = corpus.build_corpus(args.corpus)
        fig.corpus = {name: [len(p.read_text(encoding="utf-8")) for p in files] for name, files in sets.items()}

    with step("cold start of `fazhi score`"):
        rel = COLD_START_REPORT.relative_to(ROOT)
        fig.cold_cmd = f"fazhi score {rel}"
        cmd = [external.FAZHI, "score", str(rel)]
        # Taken in turn with issue 14's yardstick, a Chinese NLP tool's own start, so that
        # their ratio compares runs under the same load.
        fig.cold, fig.jieba_cold = external.cold_starts(
            [cmd, [sys.executable, "-c", "import jieba; jieba.initialize()"]], cwd=ROOT, env=external.user_env())
        fig.cold_no_bytecode = external.cold_start(cmd, cwd=ROOT, env=external.user_env(bytecode=False))
        fig.python_start = external.cold_start([sys.executable, "-c", "pass"], env=external.user_env())

    with step("learned model: file size and load time"):
        fig.model_bytes, fig.model_load_ms = inprocess.model_load()

    from scorer.rules import load_rules

    ruleset = load_rules([])
    batch = sets["batch300"]
    with step("stages, one core"):
        fig.stages = inprocess.time_stages(batch, ruleset)
    with step("process pool, scoring only"):
        fig.pool = {jobs: inprocess.pool_throughput(batch, jobs) for jobs in (1, 2)}
    with step("jieba.cut"):
        texts = [p.read_text(encoding="utf-8") for p in batch[: inprocess.JIEBA_REPORTS]]
        fig.jieba_s = inprocess.jieba_seconds(texts)
    with step("rjieba.cut"):
        fig.rjieba_s = inprocess.rjieba_seconds(texts)
        if fig.rjieba_s is None:
            print("  rjieba is not installed (pip install -e '.[bench]'); its ratio left out", file=sys.stderr)
    with step("size ladder"):
        fig.ladder = inprocess.ladder(sets["ladder"], ruleset)

    with step("fazhi batch"):
        folder = args.corpus
        fig.batches = [
            external.fazhi_batch(folder / "batch300", 300, jobs=2),
            external.fazhi_batch(folder / "batch50", 50, jobs=2),
            external.fazhi_batch(folder / "batch200", 200, jobs=1),
            external.fazhi_batch(folder / "batch200", 200, jobs=2),
            external.fazhi_batch(folder / "batch50", 50, jobs=2, memo=True),
        ]
    with step("batch memory by phase"):
        fig.memory_phases = [external.batch_memory_phases(folder / name) for name in ("batch50", "batch300")]

    with step("province scale (issue 14): memory 200 → 5,000, outputs vs scoring, no-op rerun, 100,000-report dashboard"):
        fig.scale = scale.measure(args.corpus)

    with step("accuracy"):
        if args.gold.is_file():
            fig.accuracy = inprocess.accuracy(args.gold, ROOT / "seeds", ruleset)
        else:
            print(f"  no gold labels at {args.gold}; accuracy left out", file=sys.stderr)

    fig.load_after = os.getloadavg()
    fig.seconds = time.time() - started
    text = write_results(fig, args.out)
    print(text)
    print(f"wrote {args.out} in {fig.seconds:.0f} s", file=sys.stderr)
    return 0


class _Steps:
    """Prints each step and its duration on stderr, so a slow run shows where it is."""

    def __call__(self, name: str):
        self.name = name
        return self

    def __enter__(self):
        print(f"bench: {self.name} …", file=sys.stderr, flush=True)
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        if exc[0] is None:
            print(f"bench: {self.name}: {time.perf_counter() - self.start:.1f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
