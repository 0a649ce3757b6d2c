"""`fazhi check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` are the ruleset's rules (help = the rule's suggestion)
followed by two rules of the check itself: ``gate.min_score`` and
``gate.copied_evidence``. Results:

- a finding that fails a gate → ``error``;
- a waived finding → ``note`` with an ``external`` suppression carrying the justification;
- a gap no gate fails on → ``warning`` (core and required rules) or ``note`` (recommended);
- evidence copied from the baseline → ``warning``.

A result points at its evidence sentence (line/column and charOffset/charLength into the
report's extracted text, counted in code points) or, with no evidence, at line 1. A file
that could not be read is a tool execution notification.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from scorer.gate import REPORT_GATES, CheckRun, FileOutcome, Finding, Location, locate
from scorer.models import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
MIN_SCORE_RULE = "gate.min_score"
WHOLE_REPORT_RULE = "gate.whole_report"
COPIED_RULE = "gate.copied_evidence"
_GATE_RULES = (
    (MIN_SCORE_RULE, "报告得分不低于门槛", "The report's score is below the --min-score threshold.",
     "补足缺口项（见其他结果的建议）以提高得分。"),
    (WHOLE_REPORT_RULE, "文件是一份完整的年度报告", "The file does not look like one whole annual report.",
     "核查的应是报告全文：标题、年度、正文各部分和落款齐全，不是工作要点、转载或截断的副本。"),
    (COPIED_RULE, "证据句与上年报告逐字相同", "An evidence sentence appears word for word in the baseline report's evidence.",
     "用本年度的具体做法、数字和案例重写这句话，不要沿用上年报告的原文。"),
)


def _version() -> str:
    try:
        return metadata.version("fazhi")
    except metadata.PackageNotFoundError:
        return "0"


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix())


def _descriptor(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale or rule.title},
        "help": {"text": rule.suggestion},
        "defaultConfiguration": {"level": "warning" if rule.level != "recommended" else "note"},
        "properties": {
            "kind": rule.kind,
            "area": rule.area,
            "level": rule.level,
            "weight": rule.weight,
            "editions": list(rule.editions),
            "source": rule.source,
            "tags": ["fazhi", rule.area, rule.level],
        },
    }


def _region(text: str, loc: Location | None) -> dict:
    if loc is None:
        return {"startLine": 1}
    line_start = text.rfind("\n", 0, loc.start) + 1
    end_line_start = text.rfind("\n", 0, loc.end) + 1
    return {
        "startLine": loc.line,
        "startColumn": loc.start - line_start + 1,
        "endLine": loc.line + text.count("\n", loc.start, loc.end),
        "endColumn": loc.end - end_line_start + 1,
        "charOffset": loc.start,
        "charLength": loc.end - loc.start,
        "snippet": {"text": loc.text},
    }


class _Results:
    """Collects results for one run, with each result's ruleIndex."""

    def __init__(self, rule_ids: list[str]):
        self.index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        self.items: list[dict] = []

    def add(self, o: FileOutcome, rule_id: str, level: str, message: str, loc: Location | None, **extra) -> None:
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(o.path)},
                                         "region": _region(o.result.segmented.document.text, loc)}}
        self.items.append({"ruleId": rule_id, "ruleIndex": self.index[rule_id], "level": level,
                           "message": {"text": message}, "locations": [location], **extra})


def _finding_message(f: Finding) -> str:
    return f"{f.gate}: {f.rule.id} {f.rule.title}: {f.problem}. 建议：{f.rule.suggestion}"


def _file_results(out: _Results, o: FileOutcome) -> None:
    for g in o.gates:
        if g.gate in REPORT_GATES and not g.passed:
            rule = MIN_SCORE_RULE if g.gate == "min-score" else WHOLE_REPORT_RULE
            out.add(o, rule, "error", f"{g.gate}: {g.detail}", None, properties={"gate": g.gate})
        for f in g.findings:
            props = {"properties": {"gate": f.gate, "status": f.status, **({"before": f.before} if f.before else {})}}
            if f.failing:
                out.add(o, f.rule.id, "error", _finding_message(f), f.location, **props)
            else:
                w = f.waiver
                suppression = {"kind": "external", "status": "accepted",
                               "justification": f"{w.justification} (waiver expires {w.expires.isoformat()})"}
                out.add(o, f.rule.id, "note", _finding_message(f), f.location, suppressions=[suppression], **props)
    for r in o.open_gaps:
        level = "note" if r.rule.level == "recommended" else "warning"
        out.add(o, r.rule.id, level, f"{r.rule.id} {r.rule.title}: {r.status}. 建议：{r.rule.suggestion}", locate(o.result, r.evidence),
                properties={"status": r.status})
    for c in o.copied:
        out.add(o, COPIED_RULE, "warning", f"evidence copied from last year's report ({', '.join(c.rules)}): {c.location.text.strip()}",
                c.location, properties={"rules": list(c.rules)})


def to_dict(run: CheckRun) -> dict:
    descriptors = [_descriptor(r) for r in run.ruleset.rules] + [
        {"id": rid, "name": rid, "shortDescription": {"text": title}, "fullDescription": {"text": full},
         "help": {"text": help_}, "defaultConfiguration": {"level": "error" if rid == MIN_SCORE_RULE else "warning"}}
        for rid, title, full, help_ in _GATE_RULES
    ]
    results = _Results([d["id"] for d in descriptors])
    for o in run.files:
        _file_results(results, o)
    notifications = [
        {"level": "error", "message": {"text": e.message},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)}}}]}
        for e in run.errors
    ]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": {"name": "fazhi", "version": _version(), "rules": descriptors,
                                    "properties": {"rulesetVersion": run.ruleset.version}}},
                "invocations": [{"executionSuccessful": not run.errors, "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
                "results": results.items,
            }
        ],
    }


def render(run: CheckRun) -> str:
    return json.dumps(to_dict(run), ensure_ascii=False, indent=2)
