"""Peak memory of one batch, phase by phase, in one process (what `fazhi batch --jobs 1` does).

    .venv/bin/python benchmarks/batch_memory.py FOLDER

Prints one JSON object: the peak resident set (MB) after each phase — start (rules
loaded), scoring (every report scored, its HTML/JSON written, its history row
stored), view (the summary rows read back from the history) and outputs
(summary.csv/.xlsx and index.html) — so `run.py` can tell which phase grows with
the number of reports. Run in a fresh process: a peak never goes down.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
from pathlib import Path


def _peak_mb() -> float:
    # VmHWM is the peak of this process's own address space, which starts at exec.
    # ru_maxrss would also count the parent's memory copied by fork before the exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(folder: str) -> dict[str, float]:
    from scorer.batch import BatchOptions, run_batch
    from scorer.discover import REPORTS_DIR, discover
    from scorer.batch_outputs import batch_view, write_batch_outputs
    from scorer.rules import load_rules
    from scorer.store import DB_NAME, Store

    out = Path(tempfile.mkdtemp(prefix="fazhi-bench-mem-"))
    try:
        ruleset = load_rules([])
        items = discover([folder], out)
        (out / REPORTS_DIR).mkdir(parents=True)
        peaks = {"reports": len(items), "start": _peak_mb()}
        with Store(out / DB_NAME) as store:
            outcomes = run_batch(items, out, store, ruleset, BatchOptions(memo="never", jobs=1))
            peaks["scoring"] = _peak_mb()
            view = batch_view(outcomes, store, ruleset, memo="never")
            peaks["view"] = _peak_mb()
            write_batch_outputs(view, out)
            peaks["outputs"] = _peak_mb()
        return peaks
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
