"""The words a supervisor reads, defined once: statuses, levels, areas, Outline editions.

Every output a supervisor reads (the dashboard, summary.xlsx, the gap report, the memo,
the terminal table) takes its Chinese from here. Machine formats (JSON, SARIF, JUnit,
summary.csv) keep the English status strings and the rule IDs, which are the keys of
these tables. Nothing here imports the rest of fazhi, so every layer may use it.
"""

from __future__ import annotations

# The catalogue's statuses in the supervisor's words. Report parts (structure.*) are
# 具备/未提及; the deadline has its own words below.
STATUS_ZH = {
    "substantiated": "有据落实",
    "asserted": "泛称落实",
    "deficient": "自认不足",
    "planned": "仅列计划",
    "absent": "未提及",
    "met": "具备",
    "late": "逾期",
}
# A deadline is kept or missed rather than present: 具备/未提及 would misread it.
DEADLINE_ZH = {"met": "按时", "late": "逾期", "absent": "无法判断"}

# The machine value (summary.csv, the history) for a rule the report's Outline edition
# does not cover, and what a reader sees instead.
NOT_APPLICABLE = "n/a"
NOT_APPLICABLE_ZH = "不适用"

# One line per status for legends and the gap report's notes.
STATUS_MEANING_ZH = {
    "substantiated": "报告本年度已落实，且同句有数量、文件名、日期或具名平台等可核查细节",
    "asserted": "报告本年度已落实，但只有泛泛表述",
    "deficient": "仅作为不足提及，或表述为尚未落实",
    "planned": "仅出现在下一年度安排中",
    "absent": "报告中没有相关表述",
    "met": "报告具备该部分",
    NOT_APPLICABLE: "报告年度适用的纲要版本不含此项要求，不计分",
}
DEADLINE_MEANING_ZH = {
    "met": "报告日期在4月1日前",
    "late": "报告日期晚于4月1日",
    "absent": "报告中没有找到落款日期或发布日期",
}

LEVEL_ZH = {"core": "核心", "required": "必备", "recommended": "建议"}

AREA_ZH = {
    "structure": "报告结构与时限",
    "leadership": "组织领导",
    "functions": "依法全面履行政府职能",
    "normative_docs": "行政规范性文件",
    "decisions": "重大行政决策",
    "legal_adviser": "法律顾问",
    "enforcement": "行政执法",
    "disputes": "行政复议、应诉与矛盾纠纷化解",
    "oversight": "行政权力制约监督与政务公开",
    "education": "法治宣传教育",
    "emergency": "依法应对突发事件",
    "digital": "数字法治政府",
}

EDITION_ZH = {
    2015: "《法治政府建设实施纲要（2015—2020年）》",
    2021: "《法治政府建设实施纲要（2021—2025年）》",
}

# Whether a scored file is one whole annual report (ReportResult.not_whole).
WHOLE_ZH = "完整年度报告"
NOT_WHOLE_ZH = "非完整年度报告"
NOT_WHOLE_WARNING_ZH = "此文件不像一份完整的法治政府建设年度报告"
NOT_WHOLE_ADVICE_ZH = "以下核查结果仅供参考：请先确认是否为报告全文，再据此作出结论。"


def status_zh(status: str | None, kind: str = "element") -> str:
    """A status as a supervisor reads it; ``kind`` is the rule's (element, part, deadline).

    None (no result held for the rule) is "", so a cell stays empty rather than saying
    something the history does not know.
    """
    if status is None:
        return ""
    if status == NOT_APPLICABLE:
        return NOT_APPLICABLE_ZH
    if kind == "deadline":
        return DEADLINE_ZH.get(status, status)
    return STATUS_ZH.get(status, status)


def edition_short_zh(edition: int | None) -> str:
    """``2021年版纲要``: the edition in a column, a sheet name or a heading."""
    return f"{edition}年版纲要" if edition else "纲要版本未定"
