"""Score every report in a folder with a process pool, through fazhi's in-memory API.

    python examples/pool_score.py FOLDER [--jobs N] [--out records.jsonl] [--db fazhi.sqlite]

The pattern a distributed engine follows (docs/distributed.md): a task names a report, the
worker fetches its bytes (here from disk; on a cluster from object storage), scores them
with ``scorer.pipeline.score_bytes`` — no temporary file — and sends back the report's
ReportRecord, a small picklable record of statuses and scores. Each worker loads the shipped
rules once. The parent keeps a fixed number of reports in flight, so memory stays flat
however large the folder, and writes each record as it arrives: one JSON line, and with
--db a row of fazhi's history database (the schema `fazhi batch` and `fazhi history` use).

A file that is not a readable report prints one line on stderr and the run goes on; the
exit code is then 4, as for `fazhi batch`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

from scorer.discover import REPORT_SUFFIXES
from scorer.errors import FazhiError
from scorer.pipeline import score_bytes
from scorer.store import ReportRecord, Store

IN_FLIGHT_PER_JOB = 4  # reports submitted ahead per worker: enough to keep it busy, few enough to hold


def score_one(path: str) -> tuple[str, ReportRecord | None, str | None]:
    """In a worker: (path, record, None), or (path, None, the one-line error) for a bad file."""
    try:
        data = Path(path).read_bytes()
        return path, score_bytes(data, path), None  # the shipped rules, loaded once per worker
    except FazhiError as err:
        return path, None, str(err)
    except OSError as err:
        return path, None, f"{path}: cannot read file: {err.strerror or err}"


def reports_in(folder: Path) -> Iterator[str]:
    """The report files under ``folder``, in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(REPORT_SUFFIXES):
                yield os.path.join(root, name)


def score_folder(folder: Path, jobs: int) -> Iterator[tuple[str, ReportRecord | None, str | None]]:
    """Each report's outcome as it finishes, never more than jobs × IN_FLIGHT_PER_JOB in flight."""
    paths = reports_in(folder)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        running: set[Future] = set()
        for path in paths:
            running.add(pool.submit(score_one, path))
            if len(running) >= jobs * IN_FLIGHT_PER_JOB:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        for future in running:
            yield future.result()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, help="JSON Lines of the records (default: standard output)")
    ap.add_argument("--db", type=Path, help="also store the records in this fazhi history database")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"pool_score: error: {args.folder}: not a folder", file=sys.stderr)
        return 2
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    store = Store(args.db) if args.db else None
    failed = 0
    try:
        for path, record, error in score_folder(args.folder, max(1, args.jobs)):
            if record is None:
                print(f"pool_score: error: {error}", file=sys.stderr)
                failed += 1
                if store is not None:
                    store.record_failure(path, error)
                continue
            out.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
            if store is not None:
                store.save(record)
    finally:
        if store is not None:
            store.close()
        if args.out:
            out.close()
    return 4 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
