"""The batch's own outputs: summary.csv, summary.xlsx and the index.html dashboard.

They are built after the reports are scored, from the history database (not from
ReportResults kept in memory), so a re-run that skipped already-scored reports still
lists every report of the batch. One :class:`SummaryRow` per input file, in file order;
broken files are rows with an error and no score.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scorer.atomic import write_bytes, write_text
from scorer.batch import BatchItem, Outcome
from scorer.history import Timeline, timelines
from scorer.models import Ruleset
from scorer.store import RuleRecord, Store


@dataclass(frozen=True)
class SummaryRow:
    file: str  # relative to the batch root
    path: str  # as the user would write it
    links: dict[str, str]  # output kind (html/json/docx) → path relative to OUT; empty when failed
    issuer: str | None = None
    year: int | None = None
    edition: int | None = None
    date: str | None = None
    score: float | None = None
    grade: str | None = None
    core_score: float | None = None
    results: tuple[RuleRecord, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def result(self, rule_id: str) -> RuleRecord | None:
        for r in self.results:
            if r.rule_id == rule_id:
                return r
        return None


@dataclass(frozen=True)
class BatchView:
    """Everything the summary files and the dashboard show; built once per batch."""

    rows: tuple[SummaryRow, ...]
    ruleset: Ruleset
    timelines: tuple[Timeline, ...]  # issuers of this batch with reports for two years or more

    @property
    def scored(self) -> tuple[SummaryRow, ...]:
        return tuple(r for r in self.rows if r.ok)

    @property
    def failed(self) -> tuple[SummaryRow, ...]:
        return tuple(r for r in self.rows if not r.ok)


def summary_rows(outcomes: list[Outcome], store: Store, ruleset: Ruleset, memo: bool) -> list[SummaryRow]:
    rows = []
    for o in outcomes:
        record = store.get(o.content_hash, ruleset.version) if o.state != "failed" and o.content_hash else None
        if record is None:
            rows.append(SummaryRow(o.item.rel, o.item.path, {}, error=o.error or "not in the history database"))
            continue
        rows.append(
            SummaryRow(
                file=o.item.rel,
                path=o.item.path,
                links=o.item.outputs(memo),
                issuer=record.issuer,
                year=record.year,
                edition=record.edition,
                date=record.date,
                score=record.score,
                grade=record.grade,
                core_score=record.core_score,
                results=record.results,
            )
        )
    return rows


def batch_view(outcomes: list[Outcome], store: Store, ruleset: Ruleset, memo: bool) -> BatchView:
    rows = summary_rows(outcomes, store, ruleset, memo)
    records = [rec for issuer in sorted({r.issuer for r in rows if r.issuer}) for rec in store.history(issuer, contains=False)]
    multi_year = tuple(t for t in timelines(records) if len(t.years) >= 2)
    return BatchView(tuple(rows), ruleset, multi_year)


def write_batch_outputs(view: BatchView, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write summary.csv, summary.xlsx and index.html (each atomically); return their paths."""
    from scorer.render import dashboard, summary

    out = Path(out_dir)
    paths = {"csv": out / "summary.csv", "xlsx": out / "summary.xlsx", "index": out / "index.html"}
    write_bytes(paths["csv"], summary.to_csv(view))
    write_bytes(paths["xlsx"], summary.to_xlsx(view))
    write_text(paths["index"], dashboard.render(view))
    return paths
