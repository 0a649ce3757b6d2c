"""`fazhi check --format junit`: JUnit XML for GitLab, Jenkins and other CI test reports.

One ``testsuite`` per checked file, one ``testcase`` per requirement of the ruleset
(name = "rule.id title", classname = the file). A requirement that fails a gate has one
``failure`` per gate it fails; a waived requirement is ``skipped`` with the waiver's
justification; a requirement that does not apply to the report's Outline edition is
``skipped`` too. The min-score gate, when configured, is one more testcase
("gate min-score"), and so is a file that is not one whole annual report ("gate whole-report"). A file that could not be read is a testsuite with one ``error``.
Warnings (copied evidence) and notes go to the suite's ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scorer.gate import REPORT_GATES, CheckRun, FileOutcome, Finding

# Characters XML 1.0 forbids; PDFs and Word files bring form feeds and other controls into report text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": "0"})


def _failure_text(f: Finding) -> str:
    where = f"line {f.location.line}: {f.location.text.strip()}\n" if f.location else ""
    return f"{f.rule.id} {f.rule.title}: {f.problem}\n{where}建议：{f.rule.suggestion}"


def _suite(o: FileOutcome) -> tuple[ET.Element, dict[str, int]]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", {"name": o.path})
    props = ET.SubElement(suite, "properties")
    for name, value in (("score", f"{o.result.score:g}"), ("grade", o.result.grade),
                        ("edition", str(o.result.edition)), ("year", str(o.result.year or ""))):
        ET.SubElement(props, "property", {"name": name, "value": value})
    by_rule: dict[str, list[Finding]] = {}
    for g in o.gates:
        for f in g.findings:
            by_rule.setdefault(f.rule.id, []).append(f)
    open_gaps = {r.rule.id: r for r in o.open_gaps}
    for g in o.gates:
        if g.gate in REPORT_GATES:
            counts["tests"] += 1
            case = _case(suite, f"gate {g.gate}", o.path)
            if not g.passed:
                counts["failures"] += 1
                ET.SubElement(case, "failure", {"type": g.gate, "message": g.detail}).text = g.detail
    for r in o.result.results:
        counts["tests"] += 1
        case = _case(suite, f"{r.rule.id} {r.rule.title}", o.path)
        findings = by_rule.get(r.rule.id, [])
        failing = [f for f in findings if f.failing]
        if failing:
            counts["failures"] += 1
            for f in failing:
                ET.SubElement(case, "failure", {"type": f.gate, "message": f"{f.gate}: {f.problem}"}).text = _failure_text(f)
        elif findings:
            counts["skipped"] += 1
            w = findings[0].waiver
            ET.SubElement(case, "skipped", {"message": f"waived until {w.expires.isoformat()}: {w.justification}"}).text = (
                "\n".join(_failure_text(f) for f in findings))
        elif not r.applies:
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", {"message": f"does not apply under the {o.result.edition} Outline"})
        elif r.rule.id in open_gaps:
            ET.SubElement(case, "system-out").text = f"gap, not gated: {r.status}. 建议：{r.rule.suggestion}"
    out = [f"warning: evidence copied from last year's report (line {c.location.line}, {', '.join(c.rules)}): "
           f"{c.location.text.strip()}" for c in o.copied]
    out += [f"change since the baseline: {c.rule.id} {c.before} → {c.after}" for c in o.changes]
    out += [f"note: {n}" for n in o.notes]
    if out:
        ET.SubElement(suite, "system-out").text = "\n".join(out)
    suite.attrib.update({k: str(v) for k, v in counts.items()})
    return suite, counts


def to_element(run: CheckRun) -> ET.Element:
    root = ET.Element("testsuites", {"name": "fazhi check"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for o in run.files:
        suite, counts = _suite(o)
        root.append(suite)
        for k, v in counts.items():
            totals[k] += v
    for e in run.errors:
        suite = ET.SubElement(root, "testsuite", {"name": e.path, "tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
        case = _case(suite, "read report", e.path)
        ET.SubElement(case, "error", {"type": "input", "message": e.message}).text = e.message
        totals["tests"] += 1
        totals["errors"] += 1
    root.attrib.update({k: str(v) for k, v in totals.items()})
    for el in root.iter():
        el.text = _NOT_XML.sub("", el.text) if el.text else el.text
        for key, value in el.attrib.items():
            el.attrib[key] = _NOT_XML.sub("", value)
    return root


def render(run: CheckRun) -> str:
    root = to_element(run)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
