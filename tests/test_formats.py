"""The same report as .txt, .docx, .pdf and .html gets the same statuses.

The Word, PDF and web versions are built inside the test run from the seeds' bodies
(builders in test_readers.py), so the whole pipeline, not only the readers, is compared.
"""

from __future__ import annotations

import pytest

from scorer.pipeline import score_file
from test_readers import SEED_FILES, make_docx, make_html, make_pdf, report_lines

BUILDERS = {"docx": make_docx, "pdf": make_pdf, "html": make_html}


def _statuses(result, with_deadline: bool) -> dict[str, str]:
    return {r.rule.id: r.status for r in result.results if with_deadline or r.rule.id != "meta.deadline"}


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_same_statuses_in_every_format(tmp_path, ruleset, seed, fmt):
    original = score_file(seed, ruleset)
    converted = score_file(BUILDERS[fmt](report_lines(seed), tmp_path / f"report.{fmt}"), ruleset)
    # A web page's 发布日期 lives in furniture the converted copies do not carry, and the
    # HTML builder stamps a publication date of its own: the deadline compares only when
    # the date is the report's own 落款 and nothing else supplies one.
    with_deadline = original.signed is not None and fmt != "html"
    assert _statuses(converted, with_deadline) == _statuses(original, with_deadline)
    assert converted.year == original.year
    assert converted.score == pytest.approx(original.score, abs=0.0 if with_deadline else 10.0)
