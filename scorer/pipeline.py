"""The pipeline in one straight line: ingest → segment → match → score.

Renderers and the CLI call these; they hold no logic of their own.

``score_bytes`` and ``score_text`` score a report held in memory and return its
ReportRecord: the row the history database stores (statuses, points and evidence
counts per requirement, score, grade, issuer, year, edition, date, whether it is one
whole report), small and picklable, so a web server, a notebook or a worker of a
distributed engine can score without temporary files and send back only that.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from typing import TYPE_CHECKING

from scorer.match import MatchOptions, match_report
from scorer.models import Document, ReportResult, Ruleset, StatedFacts
from scorer.rules import editions_for_year
from scorer.score import ScoringPolicy, score_report
from scorer.segment import segment

if TYPE_CHECKING:
    from scorer.learn.model import SentenceModel  # off by default: not imported at run time
    from scorer.store import ReportRecord


def score_document(
    doc: Document,
    ruleset: Ruleset,
    *,
    edition: int | None = None,
    policy: ScoringPolicy = ScoringPolicy(),
    options: MatchOptions = MatchOptions(),
    sentence_model: SentenceModel | None = None,
    stated: StatedFacts = StatedFacts(),
) -> ReportResult:
    seg = segment(doc, year=stated.year)
    if stated.issuer:  # before matching: the issuer tells its own documents from a higher body's
        seg = dataclasses.replace(seg, issuer=stated.issuer)
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
    stated: StatedFacts = StatedFacts(),
) -> ReportResult:
    from scorer.ingest import read_document  # the readers pull in docx/pdf/html libraries

    return score_document(read_document(path), ruleset, edition=edition, policy=policy, options=options, stated=stated)


def score_bytes(
    data: bytes,
    filename: str,
    ruleset: Ruleset | None = None,
    *,
    edition: int | None = None,
    policy: ScoringPolicy = ScoringPolicy(),
    options: MatchOptions = MatchOptions(),
    stated: StatedFacts = StatedFacts(),
) -> ReportRecord:
    """Score a report's bytes as ``score_file`` scores a file called ``filename``.

    ``ruleset`` None: the shipped rules, loaded once per process. Bad bytes raise the
    InputError a file with them would, naming ``filename``. The record's content_hash is
    the SHA-256 of ``data``, as `fazhi batch` keys the same file in the history.
    """
    from scorer.ingest import read_bytes

    doc = read_bytes(data, filename)
    return _record(doc, hashlib.sha256(data).hexdigest(), ruleset, edition, policy, options, stated)


def score_text(
    text: str,
    ruleset: Ruleset | None = None,
    *,
    filename: str = "report.txt",
    edition: int | None = None,
    policy: ScoringPolicy = ScoringPolicy(),
    options: MatchOptions = MatchOptions(),
    stated: StatedFacts = StatedFacts(),
) -> ReportRecord:
    """Score a report's text as ``score_file`` scores a UTF-8 .txt file holding it.

    The record's content_hash is the SHA-256 of the text in UTF-8: that file's hash.
    """
    from scorer.ingest import read_text

    doc = read_text(text, filename)
    return _record(doc, hashlib.sha256(text.encode("utf-8")).hexdigest(), ruleset, edition, policy, options, stated)


def _record(doc: Document, content_hash: str, ruleset: Ruleset | None, edition: int | None,
            policy: ScoringPolicy, options: MatchOptions, stated: StatedFacts) -> ReportRecord:
    from scorer.rules import builtin_rules
    from scorer.store import record_of

    result = score_document(doc, ruleset if ruleset is not None else builtin_rules(), edition=edition, policy=policy,
                            options=options, stated=stated)
    return record_of(result, content_hash, edition)
