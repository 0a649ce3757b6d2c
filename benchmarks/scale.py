"""Province scale (issue 14): `fazhi batch` memory from 200 to 5,000 reports, all outputs vs
scoring only, a no-op rerun of 1,000 reports, and the dashboard of 100,000.

    .venv/bin/python benchmarks/scale.py [CORPUS_DIR]     (run.py calls measure())

Prints one JSON object with the figures ``report.py`` puts beside their goals:
- ``memory``: peak RSS of the whole `fazhi batch --jobs 2` run (its largest process) on 200
  and on 5,000 reports of ~5,000 characters, every output written;
- ``outputs``: reports/s of `fazhi batch --jobs 2` with every output (gap report, JSON,
  memo, summary, dashboard) on 1,000 reports, beside a pool of 2 processes scoring the
  same files without rendering (the batch's work minus its outputs): three pairs taken in
  turn, the median ratio reported;
- ``rerun``: the same `fazhi batch` again, nothing new: the whole command (wall and CPU
  time: the machine is shared), and the part after start-up (finding, hashing and checking the files, deciding the summary is up to date);
- ``dashboard``: the files `dashboard.pages` writes for a synthetic summary of 100,000
  reports: how many, the largest, the total, and the time.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import external  # noqa: E402
import inprocess  # noqa: E402

SIZES = {"scale200": 200, "scale1000": 1_000, "scale5000": 5_000}
OUTPUT_PAIRS = 3  # scoring-only and full-batch runs of the 1,000 reports, taken in turn
DASHBOARD_ROWS = 100_000
SCALE_SEED = 20241114  # not corpus.SEED: these reports differ from batch300's


def build(out: Path) -> dict[str, Path]:
    """5,000 reports of 4,500–5,600 characters in ``out``/scale5000, and its first 200 and 1,000 in their own folders."""
    pools = corpus.load_pools()
    rng = random.Random(SCALE_SEED)
    big = out / "scale5000"
    if big.is_dir() and len(list(big.iterdir())) == SIZES["scale5000"]:
        files = sorted(big.iterdir())
    else:
        shutil.rmtree(big, ignore_errors=True)
        files = [corpus._write(big / f"report_{i:04d}.txt", corpus.build_report(pools, rng.randint(*corpus.BATCH_CHARS), 20_000 + i))
                 for i in range(SIZES["scale5000"])]
    folders = {"scale5000": big}
    for name in ("scale200", "scale1000"):
        folder = out / name
        wanted = files[: SIZES[name]]
        # Rewritten only when it differs: deleting and re-creating 1,200 files just before the
        # outputs run would slow that run's own file creation (see external.discard_later).
        if not _copy_of(folder, wanted):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for p in wanted:
                (folder / p.name).write_bytes(p.read_bytes())
        folders[name] = folder
    return folders


def _copy_of(folder: Path, files: list[Path]) -> bool:
    """Whether ``folder`` holds exactly ``files``, byte for byte."""
    if not folder.is_dir() or sorted(p.name for p in folder.iterdir()) != [p.name for p in files]:
        return False
    return all((folder / p.name).read_bytes() == p.read_bytes() for p in files)


def _batch(folder: Path, out: Path, *extra: str) -> external.Run:
    cmd = [external.FAZHI, "batch", str(folder), "-o", str(out), "--jobs", "2", "-q", *extra]
    run = external.run_measured(cmd, env=external.user_env())
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr.strip()[-500:]}")
    return run


def _rerun_in_process(folder: Path, out: Path) -> float:
    """Seconds of a rerun after start-up: what `fazhi batch` does once its modules are imported."""
    from scorer.batch import BatchOptions, run_batch
    from scorer.batch_outputs import update_batch_outputs
    from scorer.discover import find_reports
    from scorer.rules import load_rules
    from scorer.store import DB_NAME, Store

    ruleset = load_rules([])
    start = time.perf_counter()
    items = find_reports([folder], out).items
    with Store(out / DB_NAME) as store:
        outcomes = run_batch(items, out, store, ruleset, BatchOptions(jobs=2, file_timeout=120.0))
        update_batch_outputs(outcomes, store, ruleset, "always", out)
    seconds = time.perf_counter() - start
    if any(o.state != "skipped" for o in outcomes):
        raise RuntimeError("the rerun scored something: it was not a no-op")
    return seconds


def synthetic_view(n: int, ruleset):
    """A summary of ``n`` whole reports with random statuses, issuers, years and Outline editions."""
    from scorer.render.batch_view import BatchView, SummaryRow

    rng = random.Random(SCALE_SEED)
    statuses = ("substantiated", "asserted", "deficient", "planned", "absent")
    issuers = [c + d for c in corpus.CITIES for d in corpus.DEPARTMENTS]
    rows = []
    for i in range(n):
        edition = 2021 if rng.random() < 0.8 else 2015
        name = f"{rng.choice(corpus.CITIES)}/report_{i:06d}.txt"
        rows.append(SummaryRow(
            file=name, path=f"reports-in/{name}",
            links={"html": f"reports/report_{i:06d}.txt.html", "json": f"reports/report_{i:06d}.txt.json",
                   "docx": f"reports/report_{i:06d}.txt.docx"},
            issuer=rng.choice(issuers), year=rng.randint(2016, 2024), edition=edition, date="2024-03-01",
            score=round(rng.uniform(10, 98), 1), grade="合格", core_score=round(rng.uniform(10, 98), 1),
            statuses=tuple(sys.intern(rng.choice(statuses)) if edition in r.editions else "n/a" for r in ruleset.rules),
        ))
    return BatchView(tuple(rows), ruleset, ())


def dashboard_at(n: int) -> dict:
    from scorer.atomic import write_chunks
    from scorer.render import dashboard
    from scorer.rules import load_rules

    view = synthetic_view(n, load_rules([]))
    out = Path(tempfile.mkdtemp(prefix="fazhi-bench-dash-"))
    try:
        (out / dashboard.PAGES_DIR).mkdir()
        start = time.perf_counter()
        sizes = {}
        for name, chunks in dashboard.pages(view):
            write_chunks(out / name, chunks)
            sizes[name] = (out / name).stat().st_size
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    largest = max(sizes, key=sizes.get)
    return {"reports": n, "files": len(sizes), "largest": largest, "largest_bytes": sizes[largest],
            "index_bytes": sizes[dashboard.INDEX], "total_bytes": sum(sizes.values()), "seconds": seconds}


def measure(corpus_dir: Path) -> dict:
    folders = build(corpus_dir / "scale")
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-scale-"))
    try:
        figures: dict = {"memory": {}}
        # The outputs run first, and nothing is deleted before the benchmark ends
        # (external.discard_later): right after thousands of files are deleted, ext4 spends
        # seconds of kernel time in its inode allocator for every new file (perf), which times
        # the file system's aftermath, not fazhi.
        files = sorted(folders["scale1000"].iterdir())
        # The two sides taken in turn, OUTPUT_PAIRS times, each batch into a new folder; the
        # pair with the median ratio is reported (the machine is shared: one pair can
        # land on a busy moment).
        pairs, outs = [], [work / f"scale1000-{i}" for i in range(OUTPUT_PAIRS)]
        for out in outs:
            _, pool_s, _ = inprocess.pool_throughput(files, 2, repeats=1)  # one pass: the pair is the unit here
            batch = _batch(folders["scale1000"], out)
            pairs.append((pool_s / batch.seconds, batch.seconds, pool_s))
        _, batch_s, pool_s = sorted(pairs)[len(pairs) // 2]
        figures["outputs"] = {"reports": len(files), "batch_seconds": batch_s, "batch_per_s": len(files) / batch_s,
                              "pool_seconds": pool_s, "pool_per_s": len(files) / pool_s,
                              "ratios": [round(p[0], 3) for p in pairs]}
        again = _batch(folders["scale1000"], outs[-1])  # the last batch's folder, scored: nothing new
        figures["rerun"] = {"reports": len(files), "command_seconds": again.seconds, "command_cpu_seconds": again.cpu_seconds,
                            "after_startup_seconds": _rerun_in_process(folders["scale1000"], outs[-1])}
        for name in ("scale200", "scale5000"):
            run = _batch(folders[name], work / name)
            figures["memory"][SIZES[name]] = {"peak_rss_mb": run.peak_rss_mb, "seconds": run.seconds}
        figures["dashboard"] = dashboard_at(DASHBOARD_ROWS)
        return figures
    finally:
        external.discard_later(work)


if __name__ == "__main__":
    try:
        print(json.dumps(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else corpus.DEFAULT_OUT), indent=1, ensure_ascii=False))
    finally:
        external.empty_trash()
