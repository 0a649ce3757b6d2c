"""Read a saved `fazhi score --format json` (schema fazhi.report/1) as the baseline of `fazhi check`.

It lives beside the CLI rather than in the engine because it reads what a renderer wrote:
the file is checked against that renderer's REPORT_SCHEMA, so a hand-edited or foreign
JSON is one clear error instead of a KeyError half-way through a check.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema

from scorer import safe_yaml
from scorer.errors import InputError
from scorer.gate import BaselineReport
from scorer.render.json_report import REPORT_SCHEMA, SCHEMA_ID

HOW_TO_MAKE = "save one with `fazhi score --format json REPORT > BASELINE.json`"


def _one_line(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def load_baseline(path: Path) -> tuple[BaselineReport, ...]:
    """One BaselineReport per report in the file (a `fazhi score` of several files holds a list)."""
    subject = str(path)
    try:
        # No size limit: a saved score of a whole folder is legitimately large.
        text = safe_yaml.read_regular_text(path, limit=None)
    except FileNotFoundError:
        raise InputError(subject, f"baseline file not found ({HOW_TO_MAKE})") from None
    except safe_yaml.NotRegularFile:
        raise InputError(subject, "not a regular file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(subject, f"cannot read baseline file ({_one_line(str(exc))})") from None
    try:
        data = safe_yaml.load_json(text)
    except safe_yaml.JSONLimitError as exc:
        raise InputError(subject, f"baseline is not a {SCHEMA_ID} result ({exc}); {HOW_TO_MAKE}") from None
    except ValueError as exc:  # json.JSONDecodeError
        line = f":{exc.lineno}" if hasattr(exc, "lineno") else ""
        raise InputError(f"{subject}{line}", f"baseline is not valid JSON ({getattr(exc, 'msg', exc)}); {HOW_TO_MAKE}") from None
    reports = data if isinstance(data, list) else [data]
    if not reports:
        raise InputError(subject, f"baseline holds no report; {HOW_TO_MAKE}")
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA)
    for i, report in enumerate(reports):
        error = jsonschema.exceptions.best_match(validator.iter_errors(report))
        if error is not None:
            where = "/".join(str(p) for p in ([i] if isinstance(data, list) else []) + list(error.absolute_path))
            raise InputError(subject, f"not a {SCHEMA_ID} result ({where or 'top level'}: {safe_yaml.schema_message(error, 100)}); {HOW_TO_MAKE}")
    return tuple(
        BaselineReport(
            source=subject,
            file=report["file"],
            statuses={r["id"]: (r["status"], r["applies"]) for r in report["results"]},
            evidence=tuple(e["text"] for r in report["results"] for e in r["evidence"]),
        )
        for report in reports
    )
