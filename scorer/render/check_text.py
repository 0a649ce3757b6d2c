"""`fazhi check` for a terminal or a CI log: per file, each gate's verdict, what failed and the fix.

Plain text (no colour codes): it is read in CI logs as often as in a terminal.
"""

from __future__ import annotations

from scorer.gate import CheckRun, FileOutcome, Finding
from scorer.vocabulary import status_zh

COPIED_SHOWN = 20  # a recycled report copies dozens of sentences; the first ones make the point


def _one_line(text: str) -> str:
    # Report text may hold line breaks; a CI log would take a line starting "::" as a command.
    return " ".join(text.split())


def _gates_line(run: CheckRun) -> str:
    c = run.config
    parts = []
    if c.min_score is not None:
        parts.append(f"min-score {c.min_score:g}")
    if c.require_core or c.require:
        parts.append("require " + ",".join((["core"] if c.require_core else []) + list(c.require)))
    if c.fail_on:
        parts.append("fail-on " + ",".join(c.fail_on))
    if run.baseline:
        parts.append(f"baseline {run.baseline}")
    line = "gates: " + "; ".join(parts)
    if c.defaulted:
        line += "  (default: no gate configured; set --require/--min-score/--fail-on or .fazhi.yaml)"
    if c.waivers:
        line += f"; {len(c.waivers)} waiver{'s' if len(c.waivers) > 1 else ''}"
    return line


def _finding_lines(f: Finding) -> list[str]:
    where = f" (line {f.location.line})" if f.location else ""
    head = f"{f.rule.id} {f.rule.title}: {f.problem}{where}"
    if f.waiver:
        return [f"      ~ waived  {head}",
                f"          waiver until {f.waiver.expires.isoformat()}: {f.waiver.justification}"]
    return [f"      ✗ {head}", f"          suggestion: {f.rule.suggestion}"]


def _file_lines(o: FileOutcome) -> list[str]:
    r = o.result
    lines = [f"{o.path}: {'PASS' if o.passed else 'FAIL'}  score {r.score:g} ({r.grade}), core {r.core_score:g}"]
    for g in o.gates:
        lines.append(f"  [{'ok' if g.passed else 'FAILED'}] {g.gate}: {g.detail}")
        for f in g.findings:
            lines += _finding_lines(f)
    if o.changes:
        lines.append(f"  changes since the baseline ({len(o.changes)}):")
        for c in o.changes:
            mark = "regression" if c.regression else ""
            if c.regression and c.waiver:
                mark = "regression, waived"
            lines.append(f"      {c.rule.id}: {c.before} → {c.after}" + (f"  [{mark}]" if mark else ""))
    if o.copied:
        lines.append(f"  warning: evidence copied from last year's report ({len(o.copied)} sentences, not a failure):")
        for c in o.copied[:COPIED_SHOWN]:
            lines.append(f"      line {c.location.line}: “{_one_line(c.location.text)}” ({', '.join(c.rules)})")
        if len(o.copied) > COPIED_SHOWN:
            lines.append(f"      … and {len(o.copied) - COPIED_SHOWN} more (all of them: --format json)")
    gaps = o.open_gaps
    if gaps:
        listed = ", ".join(f"{g.rule.id} [{status_zh(g.status, g.rule.kind)}]" for g in gaps)
        lines.append(f"  other gaps, not gated ({len(gaps)}): {listed}")
    lines += [f"  note: {n}" for n in o.notes]
    return lines


def render(run: CheckRun) -> str:
    lines = [_gates_line(run)]
    for o in run.files:
        lines += _file_lines(o)
    for e in run.errors:
        lines.append(f"ERROR  {e.message}")
    failed = sum(not o.passed for o in run.files)
    total = len(run.files) + len(run.errors)
    summary = f"{total} file{'s' if total != 1 else ''} checked: {len(run.files) - failed} passed, {failed} failed"
    if run.errors:
        summary += f", {len(run.errors)} could not be read"
    lines.append(summary)
    return "\n".join(lines)
