"""The JSON output of `fazhi score --format json`: a documented, versioned schema.

Version 1 (``"schema": "fazhi.report/1"``). Changes that remove or rename a field bump
the version; new optional fields do not. REPORT_SCHEMA is the JSON Schema the tests
validate every output against; README.md shows an example.
"""

from __future__ import annotations

import dataclasses

import orjson

from scorer.models import ReportResult, RuleResult

SCHEMA_ID = "fazhi.report/1"

_evidence = {
    "type": "object",
    "required": ["text", "part", "start", "end", "status", "reason"],
    "properties": {
        "text": {"type": "string"},
        "part": {"type": "string"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "status": {"type": "string"},
        "reason": {"type": "string"},
        "matched": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
        "signal": {"enum": ["pattern", "heading", "paragraph", "similarity", "model"]},
        "low_confidence": {
            "const": True,
            "description": "present only when OCR read the sentence with low confidence: check it against the scan",
        },
    },
}
REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "fazhi report result",
    "type": "object",
    "required": ["schema", "file", "year", "edition", "issuer", "date", "score", "grade", "results"],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "file": {"type": "string"},
        "year": {"type": ["integer", "null"]},
        "edition": {"enum": [2015, 2021]},
        "issuer": {"type": ["string", "null"]},
        "title": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "description": "落款 date (ISO), else the publication date"},
        "signed": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]},
        "score": {"type": "number", "minimum": 0, "maximum": 100},
        "grade": {"type": "string"},
        "core_score": {"type": "number"},
        "ruleset_version": {"type": "string"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "ocr": {"type": "boolean", "description": "some of the text was read by OCR from page images (a scan)"},
        "whole_report": {"type": "boolean", "description": "false: the file does not look like one whole annual report"},
        "not_whole": {"type": "array", "items": {"type": "string"}, "description": "why not (Chinese, for the reader)"},
        "parts": {"type": "array"},
        "quality": {
            "type": ["object", "null"],
            "description": "report-level signals: figures per 1,000 chars, named documents, causes given, plan targets",
        },
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "level", "weight", "status", "applies", "evidence"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "area": {"type": "string"},
                    "kind": {"enum": ["element", "part", "deadline"]},
                    "level": {"enum": ["core", "required", "recommended"]},
                    "weight": {"type": "number"},
                    "status": {"enum": ["substantiated", "asserted", "planned", "deficient", "absent", "met", "late"]},
                    "applies": {"type": "boolean"},
                    "points": {"type": "number"},
                    "max_points": {"type": "number"},
                    "reason": {"type": "string"},
                    "source": {"type": "string"},
                    "suggestion": {"type": "string"},
                    "evidence": {"type": "array", "items": _evidence},
                },
            },
        },
    },
}


def _rule_dict(r: RuleResult) -> dict:
    return {
        "id": r.rule.id,
        "title": r.rule.title,
        "area": r.rule.area,
        "kind": r.rule.kind,
        "level": r.rule.level,
        "weight": r.rule.weight,
        "status": r.status,
        "applies": r.applies,
        "points": r.points,
        "max_points": r.max_points,
        "reason": r.reason,
        "source": r.rule.source,
        "suggestion": r.rule.suggestion,
        "evidence": [
            {
                "text": e.text,
                "part": e.part_role,
                "start": e.start,
                "end": e.end,
                "status": e.status,
                "reason": e.reason,
                "matched": [list(m) for m in e.matched],
                "signal": e.signal,
                **({"low_confidence": True} if e.low_confidence else {}),
            }
            for e in r.evidence
        ],
    }


def to_dict(result: ReportResult) -> dict:
    date = result.signed or result.published
    seg = result.segmented
    return {
        "schema": SCHEMA_ID,
        "file": result.path,
        "year": result.year,
        "edition": result.edition,
        "issuer": result.issuer,
        "title": result.title,
        "date": date.isoformat() if date else None,
        "signed": result.signed.isoformat() if result.signed else None,
        "published": result.published.isoformat() if result.published else None,
        "score": result.score,
        "grade": result.grade,
        "core_score": result.core_score,
        "ruleset_version": result.ruleset_version,
        "notes": list(result.notes),
        "ocr": seg.document.ocr,
        "whole_report": result.is_whole,
        "not_whole": list(result.not_whole),
        "parts": [
            {"role": p.role, "heading": p.heading, "start": p.start, "end": p.end, "level": p.level}
            for p in seg.parts
        ],
        "results": [_rule_dict(r) for r in result.results],
        "quality": dataclasses.asdict(result.quality) if result.quality else None,
    }


def render(result: ReportResult) -> str:
    """The report as JSON, two spaces of indent, Chinese as it is: the text
    ``json.dumps(…, ensure_ascii=False, indent=2)`` writes for a report, from orjson's C
    encoder. With ``indent`` the standard library encodes in Python, ~1.3 ms a report of a
    batch's ~15 ms; orjson takes ~0.1 ms. (They differ only on values a report never holds:
    NaN, which orjson writes as null, and floats below 1e-4, written 1e-5 instead of 1e-05.)"""
    return orjson.dumps(to_dict(result), option=orjson.OPT_INDENT_2).decode("utf-8")
