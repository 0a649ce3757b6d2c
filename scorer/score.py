"""Score stage: statuses become points, a 0–100 score and a grade.

Every point traces to a RuleMatch and so to its evidence sentences: a rule earns
``weight × credit[status]`` when its Outline edition covers the report year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import hashlib
import json
from dataclasses import replace

from scorer.models import Evidence, Quality, ReportResult, RuleMatch, RuleResult, Ruleset, Segmented
from scorer import wholeness
from scorer import regex_cache

# Partial credit by status. "met"/"late" are the statuses of report parts and the deadline.
DEFAULT_CREDIT = {
    "substantiated": 1.0,
    "asserted": 0.6,
    "deficient": 0.2,
    "planned": 0.1,
    "absent": 0.0,
    "met": 1.0,
    "late": 0.5,
}
# Lower bound of each grade band, highest first.
DEFAULT_GRADES = ((90.0, "优秀"), (75.0, "良好"), (60.0, "合格"), (0.0, "不合格"))


@dataclass(frozen=True)
class ScoringPolicy:
    credit: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CREDIT))
    grades: tuple[tuple[float, str], ...] = DEFAULT_GRADES

    @property
    def is_default(self) -> bool:
        return self.credit == DEFAULT_CREDIT and self.grades == DEFAULT_GRADES

    def digest(self) -> str:
        return hashlib.sha256(json.dumps([self.credit, self.grades], sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:6]

    def grade(self, score: float) -> str:
        for floor, name in self.grades:
            if score >= floor:
                return name
        return self.grades[-1][1]


def with_policy(ruleset: Ruleset, policy: ScoringPolicy) -> Ruleset:
    """The ruleset, its version marked when the scoring policy is not the default one.

    Stored results say which rules *and* which credits made them, so a batch re-scores
    when either changes.
    """
    return ruleset if policy.is_default else replace(ruleset, version=f"{ruleset.version}+p{policy.digest()}")


def score_report(
    seg: Segmented,
    matches: tuple[RuleMatch, ...],
    ruleset: Ruleset,
    edition: int,
    policy: ScoringPolicy = ScoringPolicy(),
    notes: tuple[str, ...] = (),
) -> ReportResult:
    results = []
    for m in matches:
        applies = edition in m.rule.editions
        max_points = m.rule.weight if applies else 0.0
        points = points_for(max_points, m.status, policy)
        evidence = _mark_low_confidence(m.evidence, seg.document.low_confidence)
        results.append(RuleResult(m.rule, m.status, applies, evidence, m.reason, points, max_points))
    score = percent(results)
    core = percent([r for r in results if r.rule.level == "core"])
    return ReportResult(
        path=seg.document.path,
        year=seg.year,
        edition=edition,
        issuer=seg.issuer,
        title=seg.title,
        signed=seg.signed,
        published=seg.published,
        results=tuple(results),
        score=score,
        grade=policy.grade(score),
        core_score=core,
        segmented=seg,
        ruleset_version=ruleset.version,
        notes=tuple(seg.document.notes) + tuple(notes),
        quality=quality_signals(seg, results),
        not_whole=wholeness.problems(seg),
    )


def _mark_low_confidence(evidence: tuple[Evidence, ...], spans: tuple[tuple[int, int], ...]) -> tuple[Evidence, ...]:
    """Evidence sentences that overlap text OCR read with low confidence, marked so."""
    if not spans:
        return evidence
    return tuple(replace(e, low_confidence=True) if any(s < e.end and e.start < t for s, t in spans) else e
                 for e in evidence)


def rescore(
    result: ReportResult,
    statuses: dict[str, str],
    policy: ScoringPolicy = ScoringPolicy(),
    wrong_evidence: frozenset[tuple[str, int]] | set = frozenset(),
) -> ReportResult:
    """The same report scored again with some statuses set by a reviewer (rule id → status).

    A reviewer's corrections go through :func:`score_report` like the matcher's answers, so
    the reviewed score and grade are computed exactly as the machine's. Evidence sentences
    marked wrong ((rule id, start offset)) are left out of the reviewed result.
    """
    matches = []
    for r in result.results:
        status = statuses.get(r.rule.id, r.status)
        evidence = tuple(e for e in r.evidence if (r.rule.id, e.start) not in wrong_evidence)
        reason = r.reason if status == r.status else "审核人更正"
        matches.append(RuleMatch(r.rule, status, evidence, reason))
    own_notes = result.notes[len(result.segmented.document.notes):]  # score_report adds the document's again
    ruleset = Ruleset(tuple(r.rule for r in result.results), result.ruleset_version, ())
    return score_report(result.segmented, tuple(matches), ruleset, result.edition, policy, own_notes)


def points_for(max_points: float, status: str, policy: ScoringPolicy) -> float:
    """What a requirement earns with this status: its weight (0 where its Outline edition does
    not cover the report) times the status's credit."""
    return round(max_points * policy.credit[status], 4)


def percent(results) -> float:
    """0–100: the points earned over the points possible, of RuleResults or stored RuleRecords."""
    total = sum(r.max_points for r in results)
    if total == 0:
        return 0.0
    return round(100.0 * sum(r.points for r in results) / total, 1)


# A shortcomings part should say why (督察规定: 不足和原因), and plans should be checkable.
CAUSE_WORDS = regex_cache.compile(r"原因|主要是|究其原因|由于|因为|根源|缘于|归因|导致")
TARGET_WORDS = regex_cache.compile(r"年底前|月底前|季度|之前完成|完成率|覆盖率|达到|力争|确保\d|不少于|以上")


def quality_signals(seg: Segmented, results: list[RuleResult]) -> Quality:
    # (imported here: the scoring policy, which a batch's parent needs, does not need the cues)
    from scorer.cues import PARTIAL_DATE_AT_STARTS, QUANTITY_AT_STARTS, quantities, title_spans

    roles = {p.index: p.role for p in seg.parts}
    by_role: dict[str, list[str]] = {}
    for s in seg.sentences:
        by_role.setdefault(roles[s.part], []).append(s.norm)
    body = [t for role, texts in by_role.items() if role not in ("title", "signature") for t in texts]
    chars = sum(len(t) for t in body)
    # the matcher has found most of these already (scorer.cues keeps them)
    figures = sum(len(quantities(t)) for t in body)
    titles = {t[s:e] for t in body for s, e in title_spans(t)}
    met = [r for r in results if r.applies and r.rule.kind == "element" and r.status in ("substantiated", "asserted")]
    # The heading "存在的不足和原因" names causes without giving any: read the body only.
    shortcomings = "".join(s.norm for s in seg.sentences if roles[s.part] == "shortcomings" and not s.is_heading)
    plans = "".join(by_role.get("next_year", []))
    return Quality(
        chars=chars,
        figures_per_kchar=round(1000 * figures / chars, 2) if chars else 0.0,
        named_documents=len(titles),
        substantiated_share=round(sum(r.status == "substantiated" for r in met) / len(met), 3) if met else 0.0,
        shortcomings_state_causes=bool(CAUSE_WORDS.search(shortcomings)) if shortcomings else None,
        plans_have_targets=bool(QUANTITY_AT_STARTS.search(plans) or PARTIAL_DATE_AT_STARTS.search(plans)
                                or TARGET_WORDS.search(plans))
        if plans
        else None,
    )
