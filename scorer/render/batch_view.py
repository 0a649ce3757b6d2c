"""What a batch's summary files and dashboard show: one row per input file, and the batch.

The shapes live here, below both their builder (``scorer.batch_outputs``, which reads
the history) and their renderers (``summary``, ``dashboard``), so data flows one way:
batch_outputs → batch_view ← summary, dashboard.

Scores are compared only within one Outline edition (the two editions ask for different
things), and a file that is not one whole annual report is scored but never ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from scorer.render import grouping
from scorer.vocabulary import NOT_APPLICABLE

if TYPE_CHECKING:
    from scorer.history import Timeline
    from scorer.models import Rule, Ruleset

# Cell fills in the workbook and cell colours on the dashboard, by status.
STATUS_COLORS = {
    "substantiated": "43A047",
    "asserted": "AED581",
    "met": "43A047",
    "deficient": "FFD54F",
    "late": "FFD54F",
    "planned": "BA68C8",
    "absent": "E57373",
    NOT_APPLICABLE: "E0E0E0",
}


@dataclass(frozen=True, slots=True)  # slots: one row per report is held for the whole summary phase
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
    # One per rule of the batch's ruleset, in its order: the status, "n/a" when the rule's
    # Outline edition does not cover the report, None when the history holds no result.
    # Empty for a file that failed.
    statuses: tuple[str | None, ...] = ()
    error: str | None = None
    # Why the file is not one whole annual report (ReportResult.not_whole); empty when it is.
    not_whole: tuple[str, ...] = ()
    ocr: bool = False  # some of its text was read by OCR from page images (a scan)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def is_whole(self) -> bool:
        """Scored, and one whole annual report: the rows that are ranked."""
        return self.ok and not self.not_whole

    @property
    def department_kind(self) -> str:
        return grouping.department_kind(self.issuer)

    @property
    def region(self) -> str:
        return grouping.region(self.issuer) or grouping.NO_REGION


class Reiterable:
    """Rows made anew each time they are gone through: what a view shows of a table on disk
    without holding it. ``len`` and ``bool`` go through them too (templates ask both)."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Iterator]):
        self._make = make

    def __iter__(self) -> Iterator:
        return self._make()

    def __len__(self) -> int:
        return sum(1 for _ in self._make())

    def __bool__(self) -> bool:
        return any(True for _ in self._make())


@dataclass(frozen=True)
class BatchView:
    """Everything the summary files and the dashboard show; built once per batch.

    ``rows`` are gone through once per output and more for the dashboard: a tuple, or
    (``scorer.summary_table.SummaryTable``, what a batch builds) rows kept on disk and read
    back each time, which also gives an edition's rows in rank order (``ranked``, ``with_ranks``)
    so that no output needs every row in memory at once.
    """

    rows: Iterable[SummaryRow]  # a tuple, or anything with __iter__ and __len__ that can be gone through again
    ruleset: Ruleset
    timelines: tuple[Timeline, ...]  # issuers of this batch with reports for two years or more

    def _where(self, name: str, keep: Callable[[SummaryRow], bool]):
        """The rows ``keep`` selects, gone through anew each time. A table on disk gives the
        same rows by ``name`` (``subset``), and counts them without reading them back: the
        dashboard asks how many of each several times."""
        if hasattr(self.rows, "subset"):
            return self.rows.subset(name)
        return Reiterable(lambda: (r for r in self.rows if keep(r)))

    @property
    def scored(self) -> Reiterable:
        return self._where("scored", lambda r: r.ok)

    @property
    def failed(self) -> Reiterable:
        return self._where("failed", lambda r: not r.ok)

    @property
    def whole(self) -> Reiterable:
        return self._where("whole", lambda r: r.is_whole)

    @property
    def not_whole(self) -> Reiterable:
        return self._where("not_whole", lambda r: r.ok and bool(r.not_whole))

    @property
    def ocr(self) -> Reiterable:
        """The scored files read (wholly or partly) by OCR: their text may hold misreads."""
        return self._where("ocr", lambda r: r.ok and r.ocr)

    @property
    def editions(self) -> tuple[int, ...]:
        """The Outline editions the scored reports were judged under, newest first."""
        return tuple(sorted({r.edition for r in self.scored if r.edition is not None}, reverse=True))

    def ranked(self, edition: int):
        """The whole reports judged under ``edition``, best score first (ties by file): a
        sequence (``len``, slices)."""
        if hasattr(self.rows, "ranked"):
            return self.rows.ranked(edition)
        rows = [r for r in self.rows if r.is_whole and r.edition == edition]
        return sorted(rows, key=lambda r: (-(r.score or 0.0), r.file))

    def ranks(self) -> dict[str, int]:
        """file → its place among the whole reports of its own edition."""
        return {row.file: i for e in self.editions for i, row in enumerate(self.ranked(e), start=1)}

    def with_ranks(self, edition: int) -> Iterator[tuple[SummaryRow, int | None]]:
        """The scored rows of ``edition`` in file order, each with its place in the edition's
        ranking (None: not a whole report, not ranked)."""
        if hasattr(self.rows, "with_ranks"):
            yield from self.rows.with_ranks(edition)
            return
        ranks = self.ranks()
        for row in self.rows:
            if row.ok and row.edition == edition:
                yield row, ranks.get(row.file) if row.is_whole else None

    def rules_of(self, edition: int) -> tuple[Rule, ...]:
        """The requirements ``edition`` covers, in ruleset order."""
        return tuple(rule for rule in self.ruleset.rules if edition in rule.editions)
