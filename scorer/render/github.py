"""`fazhi check --format github`: GitHub Actions workflow commands, shown as annotations.

``::error`` for every finding that fails a gate (and for a file that could not be read),
``::warning`` for evidence copied from the baseline, ``::notice`` for waived findings,
then a plain summary line. Values are escaped as GitHub's runner expects: in the
message ``%``, CR and LF; in properties also ``:`` and ``,``. GitHub shows at most ten
annotations of each kind per step; the summary line and `--format text` list everything.
"""

from __future__ import annotations

from scorer.gate import REPORT_GATES, CheckRun, FileOutcome, Finding

_DATA = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY = _DATA + ((":", "%3A"), (",", "%2C"))


def escape_data(value: str) -> str:
    for char, code in _DATA:  # % first, so the codes it adds are not escaped again
        value = value.replace(char, code)
    return value


def escape_property(value: str) -> str:
    for char, code in _PROPERTY:
        value = value.replace(char, code)
    return value


def command(kind: str, message: str, **props: object) -> str:
    """One workflow command line: ``::kind key=value,…::message``."""
    listed = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + listed if listed else ''}::{escape_data(message)}"


def _finding(o: FileOutcome, f: Finding) -> str:
    line = f.location.line if f.location else 1
    if f.failing:
        return command("error", f"{f.rule.title}: {f.problem}. 建议：{f.rule.suggestion}",
                       file=o.path, line=line, title=f"fazhi {f.gate}: {f.rule.id}")
    w = f.waiver
    return command("notice", f"{f.rule.title}: {f.problem} — waived until {w.expires.isoformat()}: {w.justification}",
                   file=o.path, line=line, title=f"fazhi waived: {f.rule.id}")


def render(run: CheckRun) -> str:
    lines = []
    for o in run.files:
        for g in o.gates:
            if g.gate in REPORT_GATES and not g.passed:
                lines.append(command("error", f"{g.gate}: {g.detail}", file=o.path, line=1, title=f"fazhi {g.gate}"))
            lines += [_finding(o, f) for f in g.findings]
        for c in o.copied:
            lines.append(command("warning", f"evidence copied from last year's report ({', '.join(c.rules)}): {c.location.text.strip()}",
                                 file=o.path, line=c.location.line, title="fazhi: evidence copied from last year's report"))
        verdict = "passed" if o.passed else f"failed ({', '.join(g.gate for g in o.gates if not g.passed)})"
        lines.append(f"fazhi check: {escape_data(o.path)}: {verdict}, score {o.result.score:g}")
    for e in run.errors:
        lines.append(command("error", e.message, file=e.path, title="fazhi: cannot read report"))
    return "\n".join(lines)
