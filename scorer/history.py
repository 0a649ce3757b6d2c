"""Year over year: an issuer's stored reports lined up by year, and what changed between years.

Pure functions over :class:`scorer.store.ReportRecord`; `fazhi history` and the dashboard
both use them. When one issuer has several stored reports for the same year (a corrected
re-publication, or the same report scored under an older ruleset) the most recently
scored one stands for that year; of those scored in the same batch (one time for all),
the one dated later, then the one whose path sorts last — never the workers' timing. A
change is a requirement whose status earns more (improved) or less (regressed) credit
than the year before, by the scoring policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.score import DEFAULT_CREDIT
from scorer.store import ReportRecord


@dataclass(frozen=True)
class Change:
    rule_id: str
    from_year: int
    to_year: int
    before: str
    after: str

    @property
    def direction(self) -> str:
        return "improved" if DEFAULT_CREDIT[self.after] > DEFAULT_CREDIT[self.before] else "regressed"


@dataclass(frozen=True)
class Timeline:
    issuer: str
    reports: tuple[ReportRecord, ...]  # one per year, oldest first
    changes: tuple[Change, ...]  # between consecutive years, in year then ruleset order

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(r.year for r in self.reports if r.year is not None)


def changes_between(older: ReportRecord, newer: ReportRecord) -> list[Change]:
    """What changed from ``older`` to ``newer`` (the next year's report of the same issuer), in ruleset order."""
    before = {r.rule_id: r for r in older.results}
    out = []
    for r in newer.results:
        old = before.get(r.rule_id)
        if old is None or not (old.applies and r.applies):
            continue  # a rule one year's Outline does not cover is no change in the report
        if DEFAULT_CREDIT.get(old.status) != DEFAULT_CREDIT.get(r.status):
            out.append(Change(r.rule_id, older.year, newer.year, old.status, r.status))
    return out


def _recency(rec: ReportRecord) -> tuple[str, str, str, str]:
    return (rec.scored_at or "", rec.date or "", rec.path, rec.content_hash)


def timelines(records: list[ReportRecord]) -> list[Timeline]:
    """Group records by issuer; one report per year (the latest scored); issuers sorted."""
    by_issuer: dict[str, dict[int, ReportRecord]] = {}
    for rec in records:
        if rec.issuer is None or rec.year is None:
            continue
        years = by_issuer.setdefault(rec.issuer, {})
        kept = years.get(rec.year)
        if kept is None or _recency(rec) > _recency(kept):
            years[rec.year] = rec
    out = []
    for issuer in sorted(by_issuer):
        reports = tuple(by_issuer[issuer][y] for y in sorted(by_issuer[issuer]))
        changes = tuple(c for a, b in zip(reports, reports[1:]) for c in changes_between(a, b))
        out.append(Timeline(issuer, reports, changes))
    return out
