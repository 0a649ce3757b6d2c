"""The batch's own outputs: summary.csv, summary.xlsx and the index.html dashboard.

They are built after the reports are scored, from the history database (not from
ReportResults kept in memory), so a re-run that skipped already-scored reports still
lists every report of the batch. One :class:`SummaryRow` per input file, in file order;
broken files are rows with an error and no score. The shapes (``SummaryRow``,
``BatchView``) live in :mod:`scorer.render.batch_view`, below this module and the
renderers alike.

Whether a file is one whole annual report is not in the history database yet: it is
read back from each report's own JSON (``not_whole``), which the worker wrote from the
ReportResult, when the summary is written.

Memory stays flat in the number of reports: the stored records are read back one at a
time and each is kept only as a compact row (its statuses, not its RuleRecords), the
year-over-year timelines keep only what the dashboard shows, and every output is
written to disk as it is produced rather than built in memory first.

File names and errors come from the file system: a row shows them with control
characters escaped (``\x1b``, ``\n``), so no output gets a terminal escape, a broken
line or a character its format cannot hold.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from scorer import atomic
from scorer.atomic import open_atomic, write_chunks
from scorer.batch import OUTPUT_SUFFIXES, Outcome, OutputError, os_problem
from scorer.discover import REPORTS_DIR
from scorer.history import Timeline, timelines
from scorer.models import Ruleset
from scorer.render.batch_view import BatchView, SummaryRow
from scorer.sanitize import one_line
from scorer.store import ReportRecord, Store
from scorer.vocabulary import NOT_APPLICABLE

__all__ = ["BATCH_FILES", "BatchView", "SummaryRow", "batch_view", "statuses_of", "write_batch_outputs"]


BATCH_FILES = {"csv": "summary.csv", "xlsx": "summary.xlsx", "index": "index.html"}  # in OUT


def statuses_of(record: ReportRecord, ruleset: Ruleset) -> tuple[str | None, ...]:
    """The record's statuses in ruleset order (interned: 33 pointers per row, not 33 strings)."""
    by_rule = {r.rule_id: r for r in record.results}
    out = []
    for rule in ruleset.rules:
        r = by_rule.get(rule.id)
        out.append(None if r is None else sys.intern(r.status if r.applies else NOT_APPLICABLE))
    return tuple(out)


def summary_rows(outcomes: list[Outcome], store: Store, ruleset: Ruleset, memo: bool) -> Iterator[SummaryRow]:
    """One row per outcome, in outcome order, each read from the history when it is needed."""
    for o in outcomes:
        record = store.get(o.content_hash, ruleset.version) if o.state != "failed" and o.content_hash else None
        if record is None:
            error = one_line(o.error or "not in the history database")
            yield SummaryRow(one_line(o.item.rel), one_line(o.item.path), {}, error=error)
            continue
        yield SummaryRow(
            file=one_line(o.item.rel),
            path=one_line(o.item.path),
            links=o.item.outputs(memo),
            issuer=record.issuer,
            year=record.year,
            edition=record.edition,
            date=record.date,
            score=record.score,
            grade=record.grade,
            core_score=record.core_score,
            statuses=statuses_of(record, ruleset),
            # Once the history stores the reasons (ReportRecord.not_whole) they come from there;
            # until then write_batch_outputs reads them from the report's JSON.
            not_whole=tuple(getattr(record, "not_whole", None) or ()),
            ocr=record.ocr,
        )


def _as_shown(t: Timeline) -> Timeline:
    """A timeline cut to what the dashboard shows: scores by year, and the changes into the latest year."""
    latest = t.years[-1]
    return Timeline(
        t.issuer,
        tuple(replace(r, results=()) for r in t.reports),
        tuple(c for c in t.changes if c.to_year == latest),
    )


def batch_view(outcomes: list[Outcome], store: Store, ruleset: Ruleset, memo: bool) -> BatchView:
    rows = tuple(summary_rows(outcomes, store, ruleset, memo))
    multi_year = []
    for issuer in sorted({r.issuer for r in rows if r.issuer}):  # one issuer's records in memory at a time
        multi_year += [_as_shown(t) for t in timelines(store.history(issuer, contains=False)) if len(t.years) >= 2]
    return BatchView(rows, ruleset, tuple(multi_year))


def _not_whole_from_json(json_path: Path) -> tuple[str, ...]:
    """The reasons the report's JSON gives for not being one whole annual report; () when none.

    A JSON that cannot be read (removed by hand since it was written) says nothing: the
    row is shown as a whole report rather than the summary failing.
    """
    try:
        with open(json_path, encoding="utf-8") as f:
            reasons = json.load(f).get("not_whole") or ()
    except (OSError, ValueError, AttributeError):
        return ()
    return tuple(one_line(str(r)) for r in reasons)


def with_not_whole(view: BatchView, out_dir: str | os.PathLike) -> BatchView:
    """``view`` with each scored row's ``not_whole`` read from its JSON in ``out_dir``.

    A stopgap until the history database stores the reasons (then ``summary_rows``
    takes them from the record, like the score).
    """
    out = Path(out_dir)
    rows = tuple(
        replace(row, not_whole=_not_whole_from_json(out / row.links["json"]))
        if row.ok and not row.not_whole and "json" in row.links
        else row
        for row in view.rows
    )
    return replace(view, rows=rows)


def write_batch_outputs(view: BatchView, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write summary.csv, summary.xlsx and index.html (each atomically, streamed); return their paths.

    Raises OutputError when one cannot be written (disk full, read-only).
    """
    from scorer.render import dashboard, summary

    out = Path(out_dir)
    view = with_not_whole(view, out)
    paths = {kind: out / name for kind, name in BATCH_FILES.items()}
    try:
        with open_atomic(paths["csv"], "w", encoding="utf-8-sig", newline="") as f:
            summary.write_csv(view, f)
        with open_atomic(paths["xlsx"]) as f:
            summary.write_xlsx(view, f)
        write_chunks(paths["index"], dashboard.generate(view))
    except OSError as exc:
        raise OutputError(str(out), f"cannot write the summary and dashboard: {os_problem(exc)}") from None
    return paths


def remove_stale_temp_files(out_dir: str | os.PathLike) -> int:
    """Delete the temporary files a killed batch left in OUT and OUT/reports; return how many.

    Only those a batch writes (``.summary.csv.<random>.tmp``, ``reports/.<name>.html.<random>.tmp``):
    OUT may be a folder other programs keep their own ``.*.tmp`` files in.
    """
    out = Path(out_dir)
    ours = set(BATCH_FILES.values())
    return atomic.remove_temp_files(out, ours.__contains__) + atomic.remove_temp_files(
        out / REPORTS_DIR, lambda target: target.endswith(OUTPUT_SUFFIXES)
    )
