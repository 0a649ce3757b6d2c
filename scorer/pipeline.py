"""The pipeline in one straight line: ingest → segment → match → score.

Renderers and the CLI call these; they hold no logic of their own.
"""

from __future__ import annotations

import os

from scorer.learn.model import SentenceModel
from scorer.match import MatchOptions, match_report
from scorer.models import Document, ReportResult, Ruleset
from scorer.rules import editions_for_year
from scorer.score import ScoringPolicy, score_report
from scorer.segment import segment


def score_document(
    doc: Document,
    ruleset: Ruleset,
    *,
    edition: int | None = None,
    policy: ScoringPolicy = ScoringPolicy(),
    options: MatchOptions = MatchOptions(),
    sentence_model: SentenceModel | None = None,
) -> ReportResult:
    seg = segment(doc)
    matches, warnings = match_report(seg, ruleset, options, sentence_model)
    chosen = edition or editions_for_year(seg.year)
    return score_report(seg, matches, ruleset, chosen, policy, warnings)


def score_file(
    path: str | os.PathLike,
    ruleset: Ruleset,
    *,
    edition: int | None = None,
    policy: ScoringPolicy = ScoringPolicy(),
    options: MatchOptions = MatchOptions(),
) -> ReportResult:
    from scorer.ingest import read_document  # the readers pull in docx/pdf/html libraries

    return score_document(read_document(path), ruleset, edition=edition, policy=policy, options=options)
