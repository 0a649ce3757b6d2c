"""The report list of `fazhi serve` at 10,000 reports (not a timed test).

    .venv/bin/python benchmarks/serve_list.py [--reports 10000]

Fills a fresh history database with ``--reports`` copies of one scored seed (each its own
content hash, issuer, year and score; every 50th marked reviewed), then asks the desk for
the list page with the filters, sorts and pages a supervisor uses, in process (Starlette's
TestClient: the figure is the server's own work, page rendering included), and prints the
median of five requests for each.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import warnings
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("", "?page=150", "?sort=score&order=asc&page=100", "?sort=gaps", "?year=2020&grade=合格",
           "?issuer=9", "?reviewed=yes&sort=issuer", "?sort=reviewed&page=199")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from scorer.pipeline import score_file
    from scorer.rules import load_rules
    from scorer.store import Review, Store, record_of
    from scorer.web.app import guarded_app
    from scorer.web.desk import ServeConfig

    ruleset = load_rules()
    base = record_of(score_file(ROOT / "seeds" / "000_37099fbd818ace80.txt", ruleset), "0" * 64)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fazhi.sqlite"
        with Store(db) as store:
            for i in range(args.reports):
                store.save(replace(base, content_hash=f"{i:064x}", issuer=f"某市{i % 97}局", year=2015 + i % 10,
                                   score=float(i % 100), grade="合格" if i % 100 >= 60 else "不合格"))
                if i % 50 == 0:
                    store.add_review(Review(f"{i:064x}", None, "done", None, None, "done", "ok", "张"))
        with TestClient(guarded_app(ServeConfig(db=db, ruleset=ruleset)), base_url="http://127.0.0.1") as client:
            client.get("/reports")
            print(f"report list at {args.reports} reports (median of 5, ms)")
            for query in QUERIES:
                times = []
                for _ in range(5):
                    start = time.perf_counter()
                    assert client.get("/reports" + query).status_code == 200
                    times.append(time.perf_counter() - start)
                print(f"  /reports{query:38s} {1000 * statistics.median(times):6.1f}")


if __name__ == "__main__":
    main()
