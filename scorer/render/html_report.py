"""The HTML gap report a supervisor reads: one self-contained page per report.

``render(result)`` builds one view-model (``ReportView``) in Python and hands it to
``templates/report.html.j2``, which holds only loops and ifs. Report text reaches the
template as plain strings and is escaped there by Jinja2's autoescape; matched terms are
highlighted by cutting the sentence into (text, marked) segments here, so no markup is
ever built from report text. The page carries its CSS inline and a Content-Security-
Policy that forbids scripts and any network fetch, so it opens offline and stays inert.

Everything a reader sees is Chinese (:mod:`scorer.vocabulary`); a requirement's rule ID
is only a small grey label (``.rule-id``) beside its title, for a technical reader. A
file that is not one whole annual report gets a warning at the top, above the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape

from scorer.citations import citation_for
from scorer.models import ROLE_ZH, Evidence, ReportResult, RuleResult
from scorer.render import review
from scorer.render.jinja import environment, render_template
from scorer.sanitize import visible
from scorer.vocabulary import (
    DEADLINE_MEANING_ZH,
    DEADLINE_ZH,
    NOT_WHOLE_ADVICE_ZH,
    NOT_WHOLE_WARNING_ZH,
    STATUS_MEANING_ZH,
    STATUS_ZH,
    edition_short_zh,
    status_zh,
)

TEMPLATE = "report.html.j2"
PIECES_TEMPLATE = "report_pieces.html.j2"  # its macros: the parts of the page that repeat across reports
# How many distinct pieces a process keeps: a batch meets a few hundred (33 requirements in
# a few states, evidence labels quoting the reports' headings); the oldest go first.
PIECES_KEPT = 2048
EVIDENCE_SHOWN = 3  # the strongest sentences shown open; the rest sit in a <details>
MARK_OPEN, MARK_CLOSE = "\x01", "\x02"  # where quoted's <mark> tags go, until the sentence is escaped
# One evidence sentence in a requirement's list (evidence_items): its labels, then its quote
EVIDENCE_ITEM_OPEN, EVIDENCE_ITEM_QUOTE, EVIDENCE_ITEM_CLOSE = '<li class="ev">\n  ', "\n  <blockquote>", "</blockquote>\n</li>"
# Structure panel: a part's badge borrows the colour of the status it usually carries.
PART_TONE = {"achievements": "met", "first_responsible": "met", "shortcomings": "deficient", "next_year": "planned"}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marked: bool


# The two views a report has dozens of (~33 requirements, ~80 evidence sentences) are named
# tuples, as immutable as a frozen dataclass but built in a quarter of the time: a frozen
# dataclass sets each field through object.__setattr__ (~1.2 µs for the 9 fields of an
# EvidenceView, ~0.25 µs as a tuple), a third of what view() cost.
class EvidenceView(NamedTuple):
    text: str  # the sentence
    matched: tuple[tuple[int, int], ...]  # what the rule matched in it: highlighted
    part: str  # Chinese role of the part it came from
    status: str
    status_zh: str
    reason: str
    similar: bool  # proposed by similarity to the rule's examples, not by its patterns
    learned: bool  # proposed by the learned sentence model, not by the rule's patterns
    low_confidence: bool = False  # OCR read the sentence with low confidence: check the scan

    @property
    def segments(self) -> tuple[Segment, ...]:
        return highlight(self.text, self.matched)

    @property
    def quote(self) -> Markup:
        """The sentence for the page's <blockquote>: see :func:`quoted`."""
        return quoted(self.text, self.matched)

    @property
    def labels_piece(self) -> Markup:
        return piece("evidence_labels", self.part, self.status, self.status_zh, self.similar, self.learned,
                     self.low_confidence, self.reason)


class RequirementView(NamedTuple):
    id: str
    title: str
    area: str
    level: str
    level_zh: str
    core: bool
    weight: float
    status: str  # CSS class: a status, or "na"
    status_zh: str
    applies: bool
    is_gap: bool
    points: str
    reason: str
    source: str
    suggestion: str
    rationale: str
    missing: str  # what a gap lacks; "" when met
    evidence: tuple[EvidenceView, ...]
    more_evidence: tuple[EvidenceView, ...]

    @property
    def gap_piece(self) -> Markup:
        return piece("gap", self.status, self.id, self.core, self.title, self.status_zh, self.missing, self.reason,
                     self.source, self.suggestion)

    @property
    def head_piece(self) -> Markup:
        return piece("requirement_head", self.status, self.applies, self.id, self.status_zh, self.core, self.title,
                     self.level_zh, self.points, self.reason, bool(self.evidence))

    @property
    def end_piece(self) -> Markup:
        return piece("requirement_end", self.source, self.is_gap, self.suggestion)

    @property
    def evidence_items(self) -> Markup:
        return evidence_items(self.evidence)

    @property
    def more_evidence_items(self) -> Markup:
        return evidence_items(self.more_evidence)


@dataclass(frozen=True)
class AreaView:
    id: str
    name: str
    requirements: tuple[RequirementView, ...]
    met: int
    applicable: int


@dataclass(frozen=True)
class CountView:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class PartView:
    number: int
    role: str
    role_zh: str
    tone: str  # the status colour its badge borrows
    heading: str
    level: int
    chars: int


@dataclass(frozen=True)
class ReportView:
    page_title: str
    doc_title: str
    issuer: str
    year: str
    edition: str
    date: str
    date_label: str
    signed: str
    published: str
    deadline_status: str
    deadline_zh: str
    deadline_reason: str
    score: str
    grade: str
    grade_class: str
    core_score: str
    tally: review.Tally
    counts: tuple[CountView, ...]
    gaps: tuple[RequirementView, ...]
    areas: tuple[AreaView, ...]
    parts: tuple[PartView, ...]
    notes: tuple[str, ...]
    quality: tuple[tuple[str, str], ...]  # (label, value): writing signals beyond presence
    path: str
    ruleset_version: str
    not_whole: tuple[str, ...] = ()  # why the file is not one whole annual report; () when it is
    not_whole_warning: str = NOT_WHOLE_WARNING_ZH
    not_whole_advice: str = NOT_WHOLE_ADVICE_ZH
    # (word, meaning) of every status word the page uses, for the notes at its end
    status_words: tuple[tuple[str, str], ...] = ()

    @property
    def status_words_piece(self) -> Markup:
        return piece("status_words", self.status_words)


def highlight(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[Segment, ...]:
    """Cut ``text`` into plain and marked pieces; overlapping or out-of-range spans are tolerated."""
    return tuple(Segment(part, marked) for part, marked in _pieces(text, spans))


def _pieces(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked): the spans sorted, clamped to the text, and merged
    where they overlap or touch; the plain text between them; one plain piece at least."""
    n = len(text)
    pieces, at, open_start, open_end = [], 0, -1, -1
    for s, e in sorted(spans):
        start, end = max(0, s), min(n, e)
        if end <= start:
            continue
        if start <= open_end:  # overlaps or touches the marked stretch being built
            open_end = max(open_end, end)
            continue
        if open_end >= 0:
            at = _cut(text, pieces, at, open_start, open_end)
        open_start, open_end = start, end
    if open_end >= 0:
        at = _cut(text, pieces, at, open_start, open_end)
    if at < n or not pieces:
        pieces.append((text[at:], False))
    return pieces


def _cut(text: str, pieces: list[tuple[str, bool]], at: int, start: int, end: int) -> int:
    """Append the plain text from ``at`` to ``start`` (if any) and the marked stretch; return ``end``."""
    if start > at:
        pieces.append((text[at:start], False))
    pieces.append((text[start:end], True))
    return end


@lru_cache(maxsize=PIECES_KEPT)
def piece(macro: str, *values) -> Markup:
    """A macro of ``PIECES_TEMPLATE`` rendered with ``values``, once per distinct values.

    Most of a page's values repeat from report to report (a requirement's title, status,
    points and source; an evidence sentence's part and labels): rendered once, each such
    piece is one value on the page instead of ten, which is what a page costs (each ``{{ }}``
    a lookup, the finalize and an escape). The macro sees only ``values``, so equal values
    give an equal piece; report text among them is escaped by the macro's autoescape."""
    return getattr(environment().get_template(PIECES_TEMPLATE).module, macro)(*values)


def quoted(text: str, spans: tuple[tuple[int, int], ...]) -> Markup:
    """The sentence ``text`` as one piece of HTML: its pieces (:func:`highlight`) each escaped
    exactly as a ``{{ }}`` of the template would escape it (control characters shown by
    ``sanitize.visible``, then markupsafe's ``escape``), the matched ones in <mark>. A
    template loop over the pieces cost more than anything else on the page (~320 pieces a
    report, each a loop step, two lookups, an ``if``, the finalize and an escape).

    The sentence is escaped in one call with each matched piece between the controls
    ``MARK_OPEN`` and ``MARK_CLOSE``, which become the <mark> tags after: escaping works
    character by character and leaves them be, and report text holds neither by then (a
    printable sentence has no controls at all; ``visible`` writes any it has as ``\\x01``)."""
    pieces = _pieces(text, spans)
    if not text.isprintable():
        pieces = [(visible(part), marked) for part, marked in pieces]
    out = []
    for part, marked in pieces:
        out += (MARK_OPEN, part, MARK_CLOSE) if marked else (part,)
    return Markup(str(escape("".join(out))).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def evidence_items(evidence: tuple[EvidenceView, ...]) -> Markup:
    """The <li> of each evidence sentence, one after another, as one value for the page: its
    labels (a piece) and its sentence (:func:`quoted`), both already escaped. A template loop
    over them cost two values and a loop step a sentence (~80 sentences a report)."""
    out = []
    for e in evidence:  # joined, not formatted: str.format with a Markup argument costs ~1 µs
        out += (EVIDENCE_ITEM_OPEN, e.labels_piece, EVIDENCE_ITEM_QUOTE, e.quote, EVIDENCE_ITEM_CLOSE)
    return Markup("".join(out))


def _evidence(e: Evidence, kind: str) -> EvidenceView:
    return EvidenceView(
        text=e.text,
        matched=e.matched,
        part=ROLE_ZH.get(e.part_role, e.part_role),
        status=e.status,
        status_zh=status_zh(e.status, kind),
        reason=e.reason,
        similar=e.signal == "similarity",
        learned=e.signal == "model",
        low_confidence=e.low_confidence,
    )


def _requirement(r: RuleResult, gap_ids: set[str], edition: int) -> RequirementView:
    evidence = tuple(_evidence(e, r.rule.kind) for e in review.strongest_first(r))
    is_gap = r.rule.id in gap_ids
    return RequirementView(
        id=r.rule.id,
        title=r.rule.title,
        area=review.area_zh(r.rule.area),
        level=r.rule.level,
        level_zh=review.LEVEL_ZH.get(r.rule.level, r.rule.level),
        core=review.is_core(r),
        weight=r.rule.weight,
        status=r.status if r.applies else "na",
        status_zh=review.status_zh(r),
        applies=r.applies,
        is_gap=is_gap,
        points=f"{r.points:g} / {r.max_points:g}" if r.applies else "—",
        reason=review.reason_for_reader(r),
        source=citation_for(r.rule, edition),  # the Outline edition the report was judged under
        suggestion=r.rule.suggestion,
        rationale=r.rule.rationale,
        missing=review.missing(r) if is_gap else "",
        evidence=evidence[:EVIDENCE_SHOWN],
        more_evidence=evidence[EVIDENCE_SHOWN:],
    )


def _areas(requirements: list[RequirementView], results: tuple[RuleResult, ...]) -> tuple[AreaView, ...]:
    order: dict[str, list[tuple[RequirementView, RuleResult]]] = {}
    for view, r in zip(requirements, results):
        order.setdefault(r.rule.area, []).append((view, r))  # areas in ruleset order
    return tuple(
        AreaView(
            id=area,
            name=review.area_zh(area),
            requirements=tuple(v for v, _ in pairs),
            met=sum(1 for _, r in pairs if r.applies and review.is_met(r)),
            applicable=sum(1 for _, r in pairs if r.applies),
        )
        for area, pairs in order.items()
    )


def _grade_class(score: float) -> str:
    return "good" if score >= 75 else "fair" if score >= 60 else "poor"


def view(result: ReportResult) -> ReportView:
    """Everything the template shows, already in Chinese and already ordered."""
    gap_ids = {r.rule.id for r in result.gaps}
    requirements = [_requirement(r, gap_ids, result.edition) for r in result.results]
    by_id = {v.id: v for v in requirements}
    when = review.report_date(result)
    counts = review.tally(result)
    text = result.segmented.document.text
    title = review.heading_title(result)
    return ReportView(
        page_title=f"核查报告 · {title}",
        doc_title=title,
        issuer=result.issuer or "未识别",
        year=f"{result.year}年度" if result.year else "未识别",
        edition=review.EDITION_ZH.get(result.edition, edition_short_zh(result.edition)),
        date=when.date.isoformat() if when.date else "未找到",
        date_label=when.label,
        signed=result.signed.isoformat() if result.signed else "",
        published=result.published.isoformat() if result.published else "",
        deadline_status=when.deadline_status or "na",
        deadline_zh=when.deadline_zh,
        deadline_reason=when.deadline_reason,
        score=f"{result.score:.1f}",
        grade=result.grade,
        grade_class=_grade_class(result.score),
        core_score=f"{result.core_score:.1f}",
        tally=counts,
        counts=tuple(CountView(s, STATUS_ZH.get(s, s), n) for s, n in counts.by_status),
        gaps=tuple(by_id[r.rule.id] for r in result.gaps),
        areas=_areas(requirements, result.results),
        parts=tuple(
            PartView(
                number=i + 1,
                role=p.role,
                role_zh=ROLE_ZH.get(p.role, p.role),
                tone=PART_TONE.get(p.role, "na"),
                heading=p.heading or "（无标题：由段落开头识别）",
                level=p.level,
                chars=len(text[p.start : p.end].strip()),
            )
            for i, p in enumerate(result.segmented.parts)
        ),
        notes=tuple(result.notes),
        quality=review.quality_lines(result),
        path=result.path,
        ruleset_version=result.ruleset_version,
        not_whole=tuple(result.not_whole),
        status_words=_status_words(),
    )


def _status_words() -> tuple[tuple[str, str], ...]:
    words = [(STATUS_ZH[s], STATUS_MEANING_ZH[s]) for s in ("substantiated", "asserted", "deficient", "planned", "absent", "met")]
    words += [(f"{DEADLINE_ZH[s]}（报告时限）", DEADLINE_MEANING_ZH[s]) for s in ("met", "late", "absent")]
    return tuple(words)


def render(result: ReportResult) -> str:
    return render_template(TEMPLATE, v=view(result))
