"""What a supervisor's documents say about one scored report, derived once for every format.

The HTML gap report and the 审查意见 memo (DOCX, Markdown, HTML) show the same facts in
different clothes: Chinese labels for areas, levels and statuses, the report date and
the deadline verdict, what each gap is missing, and the tallies behind the overall
assessment. They are computed here from a ReportResult so the renderers only lay them
out. The words themselves are defined once in :mod:`scorer.vocabulary`. Nothing here
escapes or formats markup: that is each renderer's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scorer import regex_cache
from scorer.models import MET_STATUSES, STATUSES, ReportResult, RuleResult
# AREA_ZH, EDITION_ZH and LEVEL_ZH are also read from here (review.LEVEL_ZH) by the memo.
from scorer.vocabulary import AREA_ZH, DEADLINE_ZH, EDITION_ZH, LEVEL_ZH, NOT_APPLICABLE_ZH, STATUS_ZH
from scorer.vocabulary import status_zh as _status_word

DEADLINE_RULE = "meta.deadline"
# Order of the status bar and the tallies: met first, then the kinds of gap, worst last.
COUNT_ORDER = ("substantiated", "asserted", "met", "late", "deficient", "planned", "absent")
_STRENGTH = {status: rank for rank, status in enumerate(("met",) + STATUSES + ("late",))}


def area_zh(area: str) -> str:
    return AREA_ZH.get(area, area)


def status_zh(r: RuleResult) -> str:
    """The status a reader sees: 不适用 for a rule this report's Outline edition does not cover,
    按时/逾期/无法判断 for the deadline."""
    return _status_word(r.status, r.rule.kind) if r.applies else NOT_APPLICABLE_ZH


def is_met(r: RuleResult) -> bool:
    return r.status in MET_STATUSES or r.status == "met"


def is_core(r: RuleResult) -> bool:
    return r.rule.level == "core"


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (for quotes in a memo)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def strongest_first(r: RuleResult):
    """Evidence in the order that explains the status: the strongest sentence first, then document order."""
    return tuple(sorted(r.evidence, key=lambda e: (_STRENGTH.get(e.status, len(_STRENGTH)), e.sentence)))


def quote_for(r: RuleResult):
    """The report's own sentence behind a planned/deficient/late verdict, if there is one."""
    for e in strongest_first(r):
        if e.status == r.status:
            return e
    return None


def missing(r: RuleResult) -> str:
    """One sentence on what a gap lacks, in a supervisor's words."""
    title = r.rule.title
    if r.rule.kind == "deadline":
        if r.status == "late":
            return f"报告日期晚于规定时限（{r.reason}）。"
        return f"无法确认报告按时报送和公开（{r.reason}）。"
    if r.rule.kind == "part":
        return f"报告缺少“{title}”部分。"
    if r.status == "planned":
        return f"“{title}”仅出现在下一年度工作安排中，未报告本年度的落实情况。"
    if r.status == "deficient":
        return f"报告自认“{title}”存在不足，未报告本年度已落实的情况。"
    return f"报告未提及“{title}”。"


# The engine's reasons point at a sentence by its number (第84句：…), which no reader can
# find in the report; the evidence itself is quoted beside the reason instead.
_SENTENCE_NUMBER = regex_cache.compile(r"第\d+句[：:]\s*")
# What the engine says when nothing matched: the gap's own line already says it.
_NOTHING_FOUND = "报告中未找到相关表述"


def reason_for_reader(r: RuleResult) -> str:
    """The engine's reason without sentence numbers; "" when it only repeats :func:`missing`."""
    if r.reason == _NOTHING_FOUND:
        return ""
    return _SENTENCE_NUMBER.sub("", r.reason)


@dataclass(frozen=True)
class ReportDate:
    date: dt.date | None
    label: str  # 落款日期 | 发布日期 | 未找到
    deadline_status: str | None  # met | late | absent; None when the ruleset has no deadline rule
    deadline_zh: str
    deadline_reason: str


def report_date(result: ReportResult) -> ReportDate:
    """The date the deadline was judged on (publication first, as the engine does) and the verdict."""
    if result.published:
        date, label = result.published, "发布日期"
    elif result.signed:
        date, label = result.signed, "落款日期"
    else:
        date, label = None, "未找到"
    try:
        rule = result.result(DEADLINE_RULE)
    except KeyError:
        return ReportDate(date, label, None, "未核查", "")
    verdict = {"met": f"{DEADLINE_ZH['met']}（4月1日前）", "late": f"{DEADLINE_ZH['late']}（晚于4月1日）"}.get(
        rule.status, DEADLINE_ZH["absent"]
    )
    return ReportDate(date, label, rule.status, verdict, rule.reason)


@dataclass(frozen=True)
class Tally:
    total: int
    applicable: int
    not_applicable: int
    met: int
    gaps: int
    core_applicable: int
    core_gaps: int
    by_status: tuple[tuple[str, int], ...]  # (status, count) over applicable rules, COUNT_ORDER, zeros dropped

    def count(self, status: str) -> int:
        return dict(self.by_status).get(status, 0)


def tally(result: ReportResult) -> Tally:
    applicable = [r for r in result.results if r.applies]
    gaps = result.gaps
    counts = {s: sum(1 for r in applicable if r.status == s) for s in COUNT_ORDER}
    extra = sorted({r.status for r in applicable} - set(COUNT_ORDER))  # statuses a future engine may add
    counts.update({s: sum(1 for r in applicable if r.status == s) for s in extra})
    return Tally(
        total=len(result.results),
        applicable=len(applicable),
        not_applicable=len(result.results) - len(applicable),
        met=sum(1 for r in applicable if is_met(r)),
        gaps=len(gaps),
        core_applicable=sum(1 for r in applicable if is_core(r)),
        core_gaps=sum(1 for r in gaps if is_core(r)),
        by_status=tuple((s, n) for s, n in counts.items() if n),
    )


def heading_title(result: ReportResult) -> str:
    """The report's own title, else issuer and year, else the file name."""
    if result.title:
        return result.title
    if result.issuer or result.year:
        return f"{result.issuer or ''}{result.year or ''}年度法治政府建设年度报告".strip()
    return result.path


def quality_lines(result: ReportResult) -> tuple[tuple[str, str], ...]:
    """(label, value) of the report-level writing signals evaluators look at beyond presence."""
    q = result.quality
    if q is None:
        return ()
    causes = {None: "无“不足和原因”部分", True: "写明了原因", False: "只列现象，未说明原因"}
    targets = {None: "无下一年度安排部分", True: "有数量、时限或目标", False: "未写明数量、时限或目标"}
    return (
        ("数据密度", f"每千字 {q.figures_per_kchar:g} 处带单位的数字"),
        ("具名文件", f"{q.named_documents} 份"),
        (STATUS_ZH["substantiated"], f"已落实要求中 {q.substantiated_share:.0%} 有可核查细节"),
        ("不足和原因", causes[q.shortcomings_state_causes]),
        ("下一年度安排", targets[q.plans_have_targets]),
    )
