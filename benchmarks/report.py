"""benchmarks/results.md: the figures, the targets with pass/miss, and the machine."""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from inprocess import JIEBA_REPORTS, SCORING, STAGES, cpu_count

# The targets of issue 7.
TARGET_PER_SECOND = 100.0  # reports of ~5,000 chars per second, scoring without rendering, in batch
TARGET_JIEBA_RATIO = 2.0  # fazhi scoring time / bare jieba.cut time, same texts
TARGET_RJIEBA_RATIO = 5.0  # issue 14: fazhi scoring time / bare rjieba.cut (Rust) time, same texts
TARGET_LADDER_RATIO = 1.5  # time per char at 200,000 chars / at 5,000
TARGET_COLD_S = 1.0  # `fazhi score` on one report, fresh process
TARGET_COLD_JIEBA_RATIO = 0.25  # issue 14: that cold start ÷ `import jieba; jieba.initialize()`, same run
TARGET_MEMORY_RATIO = 1.2  # peak RSS with 300 reports / with 50: "flat"
TARGET_MODEL_MB = 5  # issue 10: the model file is small…
TARGET_MODEL_LOAD_MS = 100  # …and loads in well under 100 ms (pass: under half of it)
# The targets of issue 14 (province scale).
TARGET_SCALE_MEMORY_RATIO = 1.10  # peak RSS, --jobs 2: 5,000 reports within 10% of 200
TARGET_OUTPUTS_RATIO = 0.6  # `fazhi batch` with every output ÷ scoring only (reports/s)
TARGET_RERUN_S = 0.5  # a no-op rerun of 1,000 already-scored reports
TARGET_PAGE_MB = 5  # the largest file of a 100,000-report dashboard
BUSY_LOAD = 0.5  # load average per core above which the figures are flagged as taken on a busy machine

STAGE_NAMES = {
    "ingest": "ingest (`read_document`)",
    "segment": "segment",
    "match": "match (`match_report`)",
    "score": "score (`score_report`)",
    "render_html": "render HTML gap report",
    "render_json": "render JSON",
    "render_docx": "render .docx memo (`memo_docx`)",
}


@dataclass
class Figures:
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    seconds: float = 0.0
    corpus: dict[str, list[int]] = field(default_factory=dict)
    cold_cmd: str = ""
    cold: object = None  # external.ColdStart, bytecode cached as for any installed copy
    cold_no_bytecode: object = None  # with PYTHONDONTWRITEBYTECODE=1
    python_start: object = None
    jieba_cold: object = None  # `import jieba; jieba.initialize()` in a fresh process
    stages: object = None  # inprocess.StageTimes
    pool: dict = field(default_factory=dict)  # jobs → (median reports/s, median wall s, each pass's reports/s)
    jieba_s: float = 0.0
    rjieba_s: float | None = None  # None: rjieba not installed
    ladder: list = field(default_factory=list)  # inprocess.Rung
    batches: list = field(default_factory=list)  # external.BatchRun
    memory_phases: list = field(default_factory=list)  # batch_memory.py output for 50 and 300 reports
    accuracy: list = field(default_factory=list)
    model_bytes: int = 0  # the shipped learned model (scorer/learn/model.json)
    model_load_ms: float = 0.0
    scale: dict = field(default_factory=dict)  # benchmarks/scale.py: issue 14


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _verdict(ok: bool) -> str:
    return "**pass**" if ok else "**MISS**"


def write_results(fig: Figures, path: Path) -> str:
    st = fig.stages
    n = len(st.files)
    jieba_n = min(n, JIEBA_REPORTS)
    scoring_s = st.total(SCORING)
    one_core_per_s = n / scoring_s
    pool_per_s, _, pool_passes = fig.pool[2]
    fazhi_jieba_s = st.total(("segment", "match", "score"), jieba_n)
    fazhi_jieba_with_ingest_s = st.total(SCORING, jieba_n)
    jieba_ratio = fazhi_jieba_with_ingest_s / fig.jieba_s
    by_size = {r.chars: r for r in fig.ladder}
    small = min(fig.ladder, key=lambda r: abs(r.chars - 5_000))
    large = max(fig.ladder, key=lambda r: r.chars)
    ladder_ratio = large.us_per_char / small.us_per_char
    b50 = next(b for b in fig.batches if b.reports == 50 and not b.memo)
    b300 = next(b for b in fig.batches if b.reports == 300)
    memory_ratio = b300.run.peak_rss_mb / b50.run.peak_rss_mb
    cores = cpu_count()
    busy = fig.load_before[0] / cores > BUSY_LOAD  # "after" includes the benchmark's own work

    out: list[str] = []
    w = out.append
    w("# fazhi benchmark results")
    w("")
    w(f"Written by `make bench` (`benchmarks/run.py`) on {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
      f"in {fig.seconds:.0f} s. How to read these figures and what was optimised: `benchmarks/README.md`.")
    w("")
    w("## Machine")
    w("")
    w(f"- CPU: {cpu_model()}, {cores} cores available")
    w(f"- Python {platform.python_version()} ({sys.implementation.name}), {platform.system()} {platform.release()}")
    w(f"- Load average (1 min) before the run: {fig.load_before[0]:.2f} (after: {fig.load_after[0]:.2f}, "
      "which includes the benchmark's own work)"
      + (" — **the machine was busy** (other work was running), so wall-clock figures are pessimistic."
         if busy else ""))
    w("- User cache (`FAZHI_CACHE_DIR`): a fresh folder for this run, filled by the cold start's untimed first "
      "run, as a new install's is")
    w("")
    w("## Targets (issue 7)")
    w("")
    w("| target | measured | goal | |")
    w("|---|---|---|---|")
    w(f"| scoring without rendering, ~5,000-char reports, in batch (2 worker processes) "
      f"| {pool_per_s:.0f} reports/s (median of {', '.join(f'{p:.0f}' for p in pool_passes)}) | ≥ {TARGET_PER_SECOND:.0f} | {_verdict(pool_per_s >= TARGET_PER_SECOND)} |")
    w(f"| scoring time ÷ bare `jieba.cut` of the same {jieba_n} texts "
      f"| {jieba_ratio:.2f}× | ≤ {TARGET_JIEBA_RATIO:g}× | {_verdict(jieba_ratio <= TARGET_JIEBA_RATIO)} |")
    if fig.rjieba_s:
        rjieba_ratio = fazhi_jieba_with_ingest_s / fig.rjieba_s
        w(f"| scoring time ÷ bare `rjieba.cut` (jieba in Rust) of the same {jieba_n} texts (issue 14) "
          f"| {rjieba_ratio:.1f}× | ≤ {TARGET_RJIEBA_RATIO:g}× | {_verdict(rjieba_ratio <= TARGET_RJIEBA_RATIO)} |")
    else:
        w(f"| scoring time ÷ bare `rjieba.cut` (issue 14) | not measured: rjieba not installed "
          f"(`pip install -e '.[bench]'`) | ≤ {TARGET_RJIEBA_RATIO:g}× | |")
    w(f"| time per character at {large.chars:,} ÷ at {small.chars:,} characters "
      f"| {ladder_ratio:.2f}× | ≤ {TARGET_LADDER_RATIO:g}× | {_verdict(ladder_ratio <= TARGET_LADDER_RATIO)} |")
    w(f"| `{fig.cold_cmd}` cold start (median of {len(fig.cold.seconds)}) "
      f"| {fig.cold.median:.2f} s | ≤ {TARGET_COLD_S:g} s | {_verdict(fig.cold.median <= TARGET_COLD_S)} |")
    if fig.jieba_cold is not None:
        cold_ratio = fig.cold.median / fig.jieba_cold.median
        w(f"| that cold start ÷ `import jieba; jieba.initialize()` in a fresh process (issue 14) "
          f"| {cold_ratio:.2f}× ({fig.jieba_cold.median:.2f} s) | ≤ {TARGET_COLD_JIEBA_RATIO:g}× "
          f"| {_verdict(cold_ratio <= TARGET_COLD_JIEBA_RATIO)} |")
    if fig.model_bytes:
        w(f"| learned model file `scorer/learn/model.json` | {fig.model_bytes / 1024:.0f} KB "
          f"| ≤ {TARGET_MODEL_MB:g} MB | {_verdict(fig.model_bytes <= TARGET_MODEL_MB * 1024 * 1024)} |")
        w(f"| learned model load (`load_model()`, fresh process, median of 5) | {fig.model_load_ms:.1f} ms "
          f"| well under {TARGET_MODEL_LOAD_MS:g} ms | {_verdict(fig.model_load_ms < TARGET_MODEL_LOAD_MS / 2)} |")
    w(f"| `fazhi batch` peak memory, 300 vs 50 reports (whole run, `--jobs 2`) "
      f"| {b300.run.peak_rss_mb:.0f} vs {b50.run.peak_rss_mb:.0f} MB ({memory_ratio:.2f}×) "
      f"| flat (≤ {TARGET_MEMORY_RATIO:g}×) | {_verdict(memory_ratio <= TARGET_MEMORY_RATIO)} |")
    if fig.memory_phases:
        m50, m300 = fig.memory_phases
        scoring_ratio = m300["scoring"] / m50["scoring"]
        w(f"| … of which the scoring phase (reports scored, rendered, stored; one process) "
          f"| {m300['scoring']:.0f} vs {m50['scoring']:.0f} MB ({scoring_ratio:.2f}×) "
          f"| flat (≤ {TARGET_MEMORY_RATIO:g}×) | {_verdict(scoring_ratio <= TARGET_MEMORY_RATIO)} |")
        outputs_ratio = m300["outputs"] / m50["outputs"]
        w(f"| … and with the summary outputs (rows read back, summary.csv/.xlsx, index.html; one process) "
          f"| {m300['outputs']:.0f} vs {m50['outputs']:.0f} MB ({outputs_ratio:.2f}×) "
          f"| flat (≤ {TARGET_MEMORY_RATIO:g}×) | {_verdict(outputs_ratio <= TARGET_MEMORY_RATIO)} |")
    w("")

    if fig.scale:
        _scale_targets(fig.scale, w)

    w("## Corpus")
    w("")
    w("Synthetic reports recombined from the seeds' sentences by `benchmarks/corpus.py` (fixed random seed):")
    w("")
    for name, sizes in fig.corpus.items():
        w(f"- `{name}`: {len(sizes)} reports, {min(sizes):,}–{max(sizes):,} characters "
          f"(mean {statistics.fmean(sizes):,.0f})")
    w("")

    w("## Throughput")
    w("")
    w("| what | how measured | reports | jobs | outputs | wall | reports/s | peak RSS |")
    w("|---|---|---|---|---|---|---|---|")
    w(f"| scoring | in-process: sum of the ingest+segment+match+score stage times | {n} | 1 | none "
      f"| {scoring_s:.2f} s | {one_core_per_s:.0f} | |")
    for jobs, (per_s, wall, passes) in sorted(fig.pool.items()):
        each = ", ".join(f"{p:.0f}" for p in passes)
        w(f"| scoring | process pool calling `scorer.pipeline.score_file` (no rendering, no writes; "
          f"median of {len(passes)} passes: {each}) | {n} | {jobs} | none | {wall:.2f} s | {per_s:.0f} | |")
    render_s = scoring_s + st.total(("render_html", "render_json"))
    w(f"| scoring + rendering | in-process: the stages plus HTML and JSON rendering (no writes) | {n} | 1 "
      f"| HTML, JSON (in memory) | {render_s:.2f} s | {n / render_s:.0f} | |")
    for b in fig.batches:
        outputs = "HTML, JSON, memo .docx" if b.memo else "HTML, JSON (`--no-memo`)"
        w(f"| `fazhi batch` | end to end: a fresh process, its workers, files, history database, "
          f"summary.csv/.xlsx, index.html | {b.reports} | {b.jobs} | {outputs} "
          f"| {b.run.seconds:.2f} s | {b.per_second:.1f} | {b.run.peak_rss_mb:.0f} MB |")
    if fig.memory_phases:
        w("")
        w("Peak memory of a one-process batch (`benchmarks/batch_memory.py`: `scorer.batch.run_batch` with "
          "`--jobs 1`, then the summary outputs), after each phase:")
        w("")
        w("| reports | rules loaded | scoring done | summary rows read | summary.csv/.xlsx + index.html written |")
        w("|---|---|---|---|---|")
        for m in fig.memory_phases:
            w(f"| {m['reports']} | {m['start']:.0f} MB | {m['scoring']:.0f} MB | {m['view']:.0f} MB | {m['outputs']:.0f} MB |")
    j1 = next(b for b in fig.batches if b.reports == 200 and b.jobs == 1)
    j2 = next(b for b in fig.batches if b.reports == 200 and b.jobs == 2)
    w("")
    w(f"`--jobs 2` vs `--jobs 1` on 200 reports: {j1.run.seconds / j2.run.seconds:.2f}× faster "
      f"({j1.run.seconds:.1f} s → {j2.run.seconds:.1f} s).")
    w("")

    w("## Time per stage")
    w("")
    w(f"Mean over the {n} reports of `batch300`, one core, stage functions called directly.")
    w("")
    w("| stage | ms per report | share |")
    w("|---|---|---|")
    total_all = st.total(STAGES)
    for stage in STAGES:
        w(f"| {STAGE_NAMES[stage]} | {st.per_report_ms(stage):.2f} | {100 * sum(st.seconds[stage]) / total_all:.0f}% |")
    w(f"| **all** | {1000 * total_all / n:.2f} | 100% |")
    w("")

    w("## fazhi vs a bare jieba.cut and rjieba.cut")
    w("")
    w(f"Over the first {jieba_n} reports of `batch300` ({sum(st.chars[:jieba_n]):,} characters), jieba initialised "
      "beforehand, `list(jieba.cut(text))` per report:")
    w("")
    w(f"- jieba.cut: {fig.jieba_s:.2f} s ({1000 * fig.jieba_s / jieba_n:.1f} ms per report)")
    w(f"- fazhi ingest+segment+match+score: {fazhi_jieba_with_ingest_s:.2f} s "
      f"({1000 * fazhi_jieba_with_ingest_s / jieba_n:.1f} ms per report) → **{jieba_ratio:.2f}×** jieba")
    w(f"- fazhi segment+match+score (text already read): {fazhi_jieba_s:.2f} s → {fazhi_jieba_s / fig.jieba_s:.2f}× jieba")
    if fig.rjieba_s:
        w(f"- rjieba.cut (jieba in Rust), best of 3 passes: {fig.rjieba_s:.3f} s ({1000 * fig.rjieba_s / jieba_n:.2f} ms "
          f"per report) → fazhi is **{fazhi_jieba_with_ingest_s / fig.rjieba_s:.1f}×** rjieba "
          f"({fazhi_jieba_s / fig.rjieba_s:.1f}× with the text already read)")
    w("")

    w("## Time per character by report size")
    w("")
    w("`scorer.pipeline.score_file` (ingest+segment+match+score), best of several runs per size.")
    w("")
    w("| characters | ms per report | µs per character | vs 5,000 | runs |")
    w("|---|---|---|---|---|")
    for chars in sorted(by_size):
        r = by_size[chars]
        w(f"| {chars:,} | {1000 * r.seconds:.1f} | {r.us_per_char:.2f} | {r.us_per_char / small.us_per_char:.2f}× "
          f"| {r.repeats} |")
    w("")

    w("## Cold start")
    w("")
    w(f"`{fig.cold_cmd}` in a fresh process (after one untimed run): median {fig.cold.median:.2f} s, "
      f"best {fig.cold.best:.2f} s, runs {', '.join(f'{s:.2f}' for s in fig.cold.seconds)} s. "
      f"For scale, a bare `python -c pass` takes {fig.python_start.median:.2f} s here"
      + (f", and `import jieba; jieba.initialize()` {fig.jieba_cold.median:.2f} s. " if fig.jieba_cold else ". ")
      + f"With `PYTHONDONTWRITEBYTECODE=1` (this sandbox's setting: fazhi's modules are compiled again "
      f"at every start) the median is {fig.cold_no_bytecode.median:.2f} s.")
    w("")

    w("## Accuracy on the gold labels")
    w("")
    if fig.accuracy:
        w("`scorer.evaluate.evaluate` on `../shared/gold/seeds.yaml` (the numbers `fazhi eval` prints). "
          "P/R/F1: met vs not met; accuracy: all five statuses.")
        w("")
        w("| variant | precision | recall | F1 | 5-status accuracy | labels |")
        w("|---|---|---|---|---|---|")
        for name, p, r, f1, acc, total in fig.accuracy:
            bold = "**" if name in ("fazhi", "keyword baseline") else ""
            w(f"| {bold}{name}{bold} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc:.3f} | {total} |")
    else:
        w("Gold labels not found; accuracy not measured.")
    w("")
    text = "\n".join(out)
    # keep the sections other scripts write into this file (hostile inputs, OCR, serve load)
    from sections import keep_sections

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    text = keep_sections(text, old)
    path.write_text(text, encoding="utf-8")
    return text



def _pairs(outputs: dict) -> str:
    """'; the median of 0.57, 0.59, 0.61' when the ratio was taken several times (older runs: once)."""
    ratios = outputs.get("ratios", [])
    return f"; the median of {', '.join(f'{r:.2f}' for r in ratios)}" if len(ratios) > 1 else ""


def _scale_targets(sc: dict, w) -> None:
    """Issue 14's rows: each figure beside its goal (benchmarks/scale.py)."""
    m200, m5000 = sc["memory"][200], sc["memory"][5000]
    memory_ratio = m5000["peak_rss_mb"] / m200["peak_rss_mb"]
    o = sc["outputs"]
    outputs_ratio = o["batch_per_s"] / o["pool_per_s"]
    r, d = sc["rerun"], sc["dashboard"]
    w("## Targets (issue 14: province scale)")
    w("")
    w("| target | measured | goal | |")
    w("|---|---|---|---|")
    w(f"| `fazhi batch --jobs 2` peak memory (whole run, largest process, every output), 5,000 vs 200 reports "
      f"| {m5000['peak_rss_mb']:.0f} vs {m200['peak_rss_mb']:.0f} MB ({memory_ratio:.2f}×) "
      f"| flat: ≤ {TARGET_SCALE_MEMORY_RATIO:.2f}× | {_verdict(memory_ratio <= TARGET_SCALE_MEMORY_RATIO)} |")
    w(f"| `fazhi batch --jobs 2` with every output (gap report, JSON, memo, summary, dashboard) ÷ scoring only "
      f"(pool of 2, no rendering), {o['reports']:,} reports | {o['batch_per_s']:.0f} vs {o['pool_per_s']:.0f} reports/s "
      f"({outputs_ratio:.2f}{_pairs(o)}) | ≥ {TARGET_OUTPUTS_RATIO:g} | {_verdict(outputs_ratio >= TARGET_OUTPUTS_RATIO)} |")
    w(f"| no-op rerun of {r['reports']:,} already-scored reports, after start-up (find, hash, check, summary up to date) "
      f"| {r['after_startup_seconds']:.2f} s | ≤ {TARGET_RERUN_S:g} s | {_verdict(r['after_startup_seconds'] <= TARGET_RERUN_S)} |")
    cpu = f" ({r['command_cpu_seconds']:.2f} s CPU)" if "command_cpu_seconds" in r else ""
    w(f"| … the whole command (`fazhi batch` again, start-up included) | {r['command_seconds']:.2f} s{cpu} "
      f"| ≤ {TARGET_RERUN_S:g} s | {_verdict(r['command_seconds'] <= TARGET_RERUN_S)} |")
    w(f"| dashboard of {d['reports']:,} reports (synthetic summary): largest file "
      f"| {d['largest_bytes'] / 1e6:.1f} MB (`{d['largest']}`; index.html {d['index_bytes'] / 1e3:.0f} KB, "
      f"{d['files']} files, {d['total_bytes'] / 1e6:.0f} MB in all, {d['seconds']:.0f} s) "
      f"| < {TARGET_PAGE_MB} MB | {_verdict(d['largest_bytes'] < TARGET_PAGE_MB * 1e6)} |")
    w("")
    w(f"Batch wall times: 200 reports {m200['seconds']:.1f} s, 5,000 reports {m5000['seconds']:.1f} s; "
      f"{o['reports']:,} reports with every output {o['batch_seconds']:.1f} s, scoring only {o['pool_seconds']:.1f} s.")
    w("")
