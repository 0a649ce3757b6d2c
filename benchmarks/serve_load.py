"""Load on `fazhi serve`: 20 concurrent reviewers uploading and reading for 60 s (not a timed test).

    .venv/bin/python benchmarks/serve_load.py [--clients 20] [--seconds 60] [--workers 1]

Starts `fazhi serve` on a free port with a fresh database, then runs ``--clients`` threads,
each acting like a reviewer for ``--seconds``: upload one report (a seed with a unique
line added, so every upload is new content and really scored), wait on the status page
until it is scored, open the list (sorted, filtered, a later page), the report itself, its
memo, and the .docx. Then it checks that every upload is in the database (no lost upload)
and that no request failed, and prints requests, errors and page times (median, p95,
max) per kind of page, and the load average. Exit 1 on any error or lost upload.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from sections import MARKERS, write_section

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HASH = re.compile(r'/report/([0-9a-f]{64})')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.uploaded: set[str] = set()  # content hashes the server said it scored

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def get(client: httpx.Client, tally: Tally, kind: str, url: str, **kw) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        res = client.get(url, **kw)
    except httpx.HTTPError as exc:
        tally.error(f"{kind} {url}: {exc!r}")
        return None
    tally.add(kind, time.perf_counter() - start)
    if res.status_code != 200:
        tally.error(f"{kind} {url}: HTTP {res.status_code}")
        return None
    return res


def reviewer(n: int, base: str, until: float, tally: Tally) -> None:
    rng = random.Random(n)
    with httpx.Client(base_url=base, timeout=120) as client:
        get(client, tally, "upload page", "/")
        round_ = 0
        while time.monotonic() < until:
            round_ += 1
            seed = rng.choice(SEEDS)
            data = seed.read_bytes() + f"\n（压力测试 {n}-{round_}-{time.time_ns()}）\n".encode()
            start = time.perf_counter()
            try:
                res = client.post("/upload", data={"csrf": client.cookies.get("fazhi_csrf")},
                                  files=[("files", (f"{n}-{round_}-{seed.name}", data, "text/plain"))],
                                  follow_redirects=False)
            except httpx.HTTPError as exc:
                tally.error(f"upload: {exc!r}")
                continue
            tally.add("upload (POST)", time.perf_counter() - start)
            if res.status_code != 303:
                tally.error(f"upload: HTTP {res.status_code}")
                continue
            status_url = res.headers["location"]
            content_hash = None
            while True:  # as the status page's refresh does, every second
                page = get(client, tally, "upload status", status_url)
                if page is None:
                    break
                if "job-failed" in page.text:
                    tally.error(f"upload {seed.name}: scoring failed")
                    break
                if "job-scored" in page.text:
                    content_hash = HASH.search(page.text).group(1)
                    with tally.lock:
                        tally.uploaded.add(content_hash)
                    break
                time.sleep(1.0)
            get(client, tally, "report list", "/reports")
            get(client, tally, "report list", "/reports", params={"sort": "score", "order": "asc", "page": 2})
            get(client, tally, "report list", "/reports", params={"year": 2020, "issuer": "科"})
            if content_hash:
                get(client, tally, "report page", f"/report/{content_hash}")
                get(client, tally, "memo page", f"/report/{content_hash}/memo")
                get(client, tally, "memo .docx", f"/report/{content_hash}/memo.docx")
            with tally.lock:
                others = list(tally.uploaded)
            if others:  # another reviewer's report: scored again for the page unless cached
                get(client, tally, "report page", f"/report/{rng.choice(others)}")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md",
                        help="results file whose serve-load section is rewritten")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fazhi-serve-load-"))
    db = work / "fazhi.sqlite"
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "scorer", "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(args.workers)], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        tally = Tally()
        started = time.monotonic()
        until = started + args.seconds
        threads = [threading.Thread(target=reviewer, args=(n, base, until, tally)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        load = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=15)
    with sqlite3.connect(db) as con:
        stored = {h for (h,) in con.execute("SELECT content_hash FROM reports")}
        uploads = {h for (h,) in con.execute("SELECT content_hash FROM uploads")}
    shutil.rmtree(work, ignore_errors=True)
    lost = tally.uploaded - (stored & uploads)
    requests = sum(len(v) for v in tally.times.values())
    rows = []
    everything = []
    for kind, values in sorted(tally.times.items()):
        everything += values
        rows.append((kind, values))
    if everything:
        rows.append(("all", everything))
    head = (f"fazhi serve under load: {args.clients} clients for {elapsed:.0f} s, {args.workers} upload worker(s), "
            f"{os.cpu_count()} CPUs, load average {load[0]:.1f}")
    counts = (f"requests {requests}, errors {len(tally.errors)}, uploads scored {len(tally.uploaded)}, "
              f"lost uploads {len(lost)} (database holds {len(stored)})")
    print(head)
    print(counts)
    print(f"{'page':16s} {'n':>6s} {'median ms':>10s} {'p95 ms':>8s} {'max ms':>8s}")
    for kind, values in rows:
        print(f"{kind:16s} {len(values):6d} {1000 * statistics.median(values):10.0f} "
              f"{1000 * percentile(values, 0.95):8.0f} {1000 * max(values):8.0f}")
    begin, end = MARKERS["serve-load"]
    write_section("serve-load", "\n".join([
        begin,
        "## `fazhi serve` under load (issue 13)",
        "",
        f"Written by `benchmarks/serve_load.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
        f"a fresh server and database; each client uploads a seed with a unique line (new content, really "
        f"scored), waits until it is scored, opens the list three ways, the report, its memo and the .docx. "
        f"{head}. {counts}. "
        f"Bar: no error, no lost upload.",
        "",
        "| page | requests | median | p95 | max |",
        "|---|---|---|---|---|",
        *(f"| {'**all**' if kind == 'all' else kind} | {len(values)} | {1000 * statistics.median(values):.0f} ms "
          f"| {1000 * percentile(values, 0.95):.0f} ms | {1000 * max(values):.0f} ms |" for kind, values in rows),
        end,
    ]), args.out)
    for line in tally.errors[:20]:
        print("error:", line)
    return 1 if tally.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
