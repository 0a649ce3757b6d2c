"""Reports per second on one core through the in-memory API: the figure docs/distributed.md scales up.

    .venv/bin/python benchmarks/per_core.py [--rounds 3]

One process, the shipped rules loaded and every pattern compiled before the clock starts
(as in a long-lived worker); each report's bytes are in memory, so the time is
``score_bytes`` alone — reading, segmenting, matching, scoring, the record — with no
rendering and no I/O. The sets: the generated batch300 corpus (~5,000 characters a
report, benchmarks/corpus.py), the real seeds, and the seeds as .docx and as PDF (made by
the test suite's builders in tests/test_readers.py, which need the `test` extra). The load average is printed beside the
rate: on a shared machine other processes take part of the core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def rate(blobs: list[tuple[str, bytes]], rounds: int) -> tuple[float, list[float]]:
    """Median reports per second over ``rounds`` passes, and each pass's rate."""
    from scorer.pipeline import score_bytes
    from scorer.rules import builtin_rules

    ruleset = builtin_rules()
    score_bytes(blobs[0][1], blobs[0][0], ruleset)  # warm: rules compiled, readers imported
    rates = []
    for _ in range(rounds):
        start = time.process_time()  # this process's CPU: what one core of a cluster gives
        for name, data in blobs:
            score_bytes(data, name, ruleset)
        rates.append(len(blobs) / (time.process_time() - start))
    return statistics.median(rates), rates


def _converted_seeds() -> dict[str, list[Path]]:
    """The seeds as .docx and PDF, in a scratch folder; none when the test builders cannot run."""
    import tempfile

    sys.path.insert(0, str(corpus.ROOT / "tests"))
    try:
        from test_readers import SEED_FILES, make_docx, make_pdf, report_lines
    except ImportError:
        return {}
    scratch = Path(tempfile.mkdtemp(prefix="fazhi-per-core-"))
    return {f"seeds as {ext} ({build.__name__})": [build(report_lines(s), scratch / f"{s.stem}.{ext}") for s in SEED_FILES]
            for build, ext in ((make_docx, "docx"), (make_pdf, "pdf"))}


def _text(path: Path) -> str:
    from scorer.ingest import body_text, read_document

    return body_text(read_document(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    sets = corpus.build_corpus(corpus.DEFAULT_OUT)
    named = {"batch300 (generated, ~5,000 chars)": sets["batch300"],
             "seeds (real, 3,000-8,000 chars)": sorted((corpus.ROOT / "seeds").glob("*.txt"))}
    named.update(_converted_seeds())
    for label, files in named.items():
        blobs = [(p.name, p.read_bytes()) for p in files]
        chars = sum(len(_text(p)) for p in files) / len(blobs)
        median, rates = rate(blobs, args.rounds)
        print(f"{label}: {median:.1f} reports/s per core (CPU time; passes {', '.join(f'{r:.1f}' for r in rates)}), "
              f"{len(blobs)} reports of {chars:,.0f} characters on average; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
