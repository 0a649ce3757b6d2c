"""What the desk's pages show, built from the pipeline's results and the stored reviews.

Plain frozen dataclasses; the templates (``templates/serve_*.html.j2``) only loop and
test. No scoring here: the reviewed result comes from :func:`scorer.score.rescore`, the
words from :mod:`scorer.render.review` and :mod:`scorer.vocabulary`, the gap report's
requirement cards from :func:`scorer.render.html_report.view`.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.models import DEADLINE_STATUSES, PART_STATUSES, ROLE_ZH, STATUSES, ReportResult
from scorer.render import html_report, review
from scorer.store import Review
from scorer.vocabulary import LEVEL_ZH, status_zh

JOB_STATE_ZH = {"queued": "排队中", "scoring": "评分中", "scored": "已评分", "failed": "失败"}
REVIEW_KIND_ZH = {"status": "更正状态", "evidence": "证据句", "done": "审核完成", "issuer": "发文单位", "year": "报告年度"}


def statuses_for(kind: str) -> tuple[str, ...]:
    """The statuses a reviewer may give a requirement of this kind."""
    return {"part": PART_STATUSES, "deadline": DEADLINE_STATUSES}.get(kind, STATUSES)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class EvidenceItem:
    sentence: int  # Sentence.index: the anchor #s-N in the full text
    start: int  # offset in the text: what a "wrong evidence" review points at
    segments: tuple[html_report.Segment, ...]
    part: str
    status_zh: str
    reason: str
    wrong: bool
    low_confidence: bool = False  # OCR read the sentence with low confidence: check the scan


@dataclass(frozen=True)
class TrailLine:
    at: str
    reviewer: str
    what: str
    reason: str


@dataclass(frozen=True)
class RequirementDesk:
    id: str
    title: str
    area: str
    level_zh: str
    core: bool
    applies: bool
    machine: str  # status
    machine_zh: str
    reviewed: str
    reviewed_zh: str
    corrected: bool  # a reviewer set a status
    agrees: bool  # the machine's status (under the current rules) equals the reviewed one
    points: str  # reviewed points / max
    reason: str
    suggestion: str
    evidence: tuple[EvidenceItem, ...]
    choices: tuple[Choice, ...]
    trail: tuple[TrailLine, ...]


@dataclass(frozen=True)
class AreaDesk:
    name: str
    requirements: tuple[RequirementDesk, ...]


@dataclass(frozen=True)
class TextSentence:
    index: int
    text: str
    evidence: bool  # some requirement cites it


@dataclass(frozen=True)
class TextParagraph:
    heading: bool
    sentences: tuple[TextSentence, ...]


@dataclass(frozen=True)
class ScoreBox:
    score: str
    grade: str
    core_score: str
    grade_class: str


@dataclass(frozen=True)
class ReportDesk:
    content_hash: str
    name: str  # the uploaded file name, or the path a batch scored
    report: html_report.ReportView  # the gap report as reviewed
    machine: ScoreBox
    reviewed: ScoreBox
    corrections: int
    done: bool
    areas: tuple[AreaDesk, ...]
    text: tuple[TextParagraph, ...]
    issuer: str | None
    ruleset_version: str
    trail: tuple[TrailLine, ...]
    year: int | None
    read: dict[str, str]  # issuer / year a reviewer corrected → what fazhi had read (未识别: nothing)


def _read_before_stated(reviews: list[Review]) -> dict[str, str]:
    """What fazhi read for each fact a reviewer corrected: the first correction's before."""
    read: dict[str, str] = {}
    for r in reviews:
        if r.kind in ("issuer", "year"):
            read.setdefault(r.kind, r.before or "未识别")
    return read


def _box(result: ReportResult) -> ScoreBox:
    cls = "good" if result.score >= 75 else "fair" if result.score >= 60 else "poor"
    return ScoreBox(f"{result.score:.1f}", result.grade, f"{result.core_score:.1f}", cls)


def _trail_line(r: Review, kinds: dict[str, str]) -> TrailLine:
    kind = kinds.get(r.rule_id or "", "element")
    if r.kind == "status":
        what = f"{status_zh(r.before or '', kind)} → {status_zh(r.after or '', kind)}"
    elif r.kind == "evidence":
        what = "标记证据句为误判" if r.after == "wrong" else "撤销证据句误判标记"
    elif r.kind in ("issuer", "year"):
        what = f"{REVIEW_KIND_ZH[r.kind]} {r.before or '未识别'} → {r.after}"
    else:
        what = REVIEW_KIND_ZH["done"]
    return TrailLine((r.at or "")[:19].replace("T", " "), r.reviewer, what, r.reason)


def report_desk(content_hash: str, name: str, machine: ReportResult, reviewed: ReportResult,
                reviews: list[Review], statuses: dict[str, str], wrong: set[tuple[str, int]], done: bool) -> ReportDesk:
    kinds = {r.rule.id: r.rule.kind for r in machine.results}
    by_rule: dict[str, list[Review]] = {}
    for r in reviews:
        by_rule.setdefault(r.rule_id or "", []).append(r)
    cited: set[int] = set()
    areas: dict[str, list[RequirementDesk]] = {}
    for m, v in zip(machine.results, reviewed.results):
        evidence = []
        for e in review.strongest_first(m):
            cited.add(e.sentence)
            evidence.append(EvidenceItem(
                e.sentence, e.start, html_report.highlight(e.text, e.matched), ROLE_ZH.get(e.part_role, e.part_role),
                status_zh(e.status, m.rule.kind), e.reason, (m.rule.id, e.start) in wrong, e.low_confidence,
            ))
        areas.setdefault(m.rule.area, []).append(RequirementDesk(
            id=m.rule.id,
            title=m.rule.title,
            area=review.area_zh(m.rule.area),
            level_zh=LEVEL_ZH.get(m.rule.level, m.rule.level),
            core=review.is_core(m),
            applies=m.applies,
            machine=m.status if m.applies else "na",
            machine_zh=review.status_zh(m),
            reviewed=v.status if v.applies else "na",
            reviewed_zh=review.status_zh(v),
            corrected=m.rule.id in statuses,
            agrees=m.status == v.status,
            points=f"{v.points:g} / {v.max_points:g}" if v.applies else "—",
            reason=review.reason_for_reader(m),
            suggestion=m.rule.suggestion,
            evidence=tuple(evidence),
            choices=tuple(Choice(s, status_zh(s, m.rule.kind), s == v.status) for s in statuses_for(m.rule.kind)),
            trail=tuple(_trail_line(r, kinds) for r in by_rule.get(m.rule.id, [])),
        ))
    seg = machine.segmented
    paragraphs: list[TextParagraph] = []
    current: list = []
    last = None
    for s in seg.sentences:
        if last is not None and (s.paragraph, s.is_heading) != last:
            paragraphs.append(TextParagraph(last[1], tuple(current)))
            current = []
        current.append(TextSentence(s.index, s.text, s.index in cited))
        last = (s.paragraph, s.is_heading)
    if current:
        paragraphs.append(TextParagraph(last[1], tuple(current)))
    return ReportDesk(
        content_hash=content_hash,
        name=name,
        report=html_report.view(reviewed),
        machine=_box(machine),
        reviewed=_box(reviewed),
        corrections=sum(1 for r in reviews if r.kind != "done"),
        done=done,
        areas=tuple(AreaDesk(review.area_zh(a), tuple(reqs)) for a, reqs in areas.items()),
        text=tuple(paragraphs),
        issuer=machine.issuer,
        ruleset_version=machine.ruleset_version,
        trail=tuple(_trail_line(r, kinds) for r in reviews),
        year=machine.year,
        read=_read_before_stated(reviews),
    )
