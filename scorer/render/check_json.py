"""`fazhi check --format json`: the gate outcomes as one JSON document, schema fazhi.check/1.

Per file it lists what the gates found (waived findings included, marked), the status
changes since the baseline, copied evidence and the gaps no gate fails on; every
requirement's full result stays with `fazhi score --format json`. CHECK_SCHEMA documents
the shape; the tests validate every output against it.
"""

from __future__ import annotations

import json

from scorer.gate import CheckRun, FileOutcome, Finding, Location, Waiver

SCHEMA_ID = "fazhi.check/1"

_location = {
    "type": ["object", "null"],
    "required": ["start", "end", "line", "text"],
    "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "line": {"type": "integer"}, "text": {"type": "string"}},
}
_waiver = {
    "type": ["object", "null"],
    "required": ["rule", "justification", "expires"],
    "properties": {"rule": {"type": "string"}, "justification": {"type": "string"}, "expires": {"type": "string", "format": "date"}},
}
CHECK_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "fazhi check result",
    "type": "object",
    "required": ["schema", "passed", "gates", "files", "errors"],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "passed": {"type": "boolean"},
        "gates": {
            "type": "object",
            "required": ["active", "min_score", "require", "require_core", "fail_on", "baseline", "default", "waivers"],
            "properties": {
                "active": {"type": "array", "items": {"enum": ["min-score", "require", "fail-on", "baseline"]}},
                "min_score": {"type": ["number", "null"]},
                "require": {"type": "array", "items": {"type": "string"}},
                "require_core": {"type": "boolean"},
                "fail_on": {"type": "array", "items": {"type": "string"}},
                "baseline": {"type": ["string", "null"]},
                "default": {"type": "boolean", "description": "no gate was configured: require core applied"},
                "waivers": {"type": "array", "items": _waiver},
            },
        },
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["file", "passed", "score", "grade", "gates", "changes", "copied_evidence", "gaps", "notes"],
                "properties": {
                    "file": {"type": "string"},
                    "passed": {"type": "boolean"},
                    "score": {"type": "number"},
                    "grade": {"type": "string"},
                    "gates": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["gate", "passed", "detail", "findings"],
                            "properties": {
                                "gate": {"type": "string"},
                                "passed": {"type": "boolean"},
                                "detail": {"type": "string"},
                                "findings": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["id", "title", "level", "status", "expected", "failing", "waiver", "suggestion", "location"],
                                        "properties": {"location": _location, "waiver": _waiver, "failing": {"type": "boolean"}},
                                    },
                                },
                            },
                        },
                    },
                    "changes": {"type": "array", "items": {"type": "object", "required": ["id", "before", "after", "regression", "waived"]}},
                    "copied_evidence": {"type": "array", "items": {"type": "object", "required": ["rules", "location"]}},
                    "gaps": {"type": "array", "items": {"type": "object", "required": ["id", "status", "level", "suggestion"]}},
                    "notes": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "errors": {"type": "array", "items": {"type": "object", "required": ["file", "message"]}},
    },
}


def _loc(loc: Location | None) -> dict | None:
    return None if loc is None else {"start": loc.start, "end": loc.end, "line": loc.line, "text": loc.text}


def _waiver(w: Waiver | None) -> dict | None:
    return None if w is None else {"rule": w.rule, "justification": w.justification, "expires": w.expires.isoformat()}


def _finding(f: Finding) -> dict:
    return {
        "id": f.rule.id,
        "title": f.rule.title,
        "level": f.rule.level,
        "status": f.status,
        "before": f.before,
        "expected": f.expected,
        "failing": f.failing,
        "waiver": _waiver(f.waiver),
        "suggestion": f.rule.suggestion,
        "location": _loc(f.location),
    }


def _file(o: FileOutcome) -> dict:
    return {
        "file": o.path,
        "passed": o.passed,
        "score": o.result.score,
        "grade": o.result.grade,
        "gates": [
            {"gate": g.gate, "passed": g.passed, "detail": g.detail, "findings": [_finding(f) for f in g.findings]}
            for g in o.gates
        ],
        "changes": [
            {"id": c.rule.id, "before": c.before, "after": c.after, "regression": c.regression, "waived": c.waiver is not None}
            for c in o.changes
        ],
        "copied_evidence": [{"rules": list(c.rules), "location": _loc(c.location)} for c in o.copied],
        "gaps": [
            {"id": r.rule.id, "status": r.status, "level": r.rule.level, "suggestion": r.rule.suggestion}
            for r in o.open_gaps
        ],
        "notes": list(o.notes),
    }


def to_dict(run: CheckRun) -> dict:
    c = run.config
    return {
        "schema": SCHEMA_ID,
        "passed": run.passed,
        "gates": {
            "active": list(c.active(run.baseline is not None)),
            "min_score": c.min_score,
            "require": list(c.require),
            "require_core": c.require_core,
            "fail_on": list(c.fail_on),
            "baseline": run.baseline,
            "default": c.defaulted,
            "waivers": [_waiver(w) for w in c.waivers],
        },
        "files": [_file(o) for o in run.files],
        "errors": [{"file": e.path, "message": e.message} for e in run.errors],
    }


def render(run: CheckRun) -> str:
    return json.dumps(to_dict(run), ensure_ascii=False, indent=2)
