"""Gates for `fazhi check`: does a scored draft pass what the project requires of it?

Pure data in, pure data out: the CLI scores each file, hands the ReportResult and a
GateConfig here, and renders the FileOutcome this returns. Four gates, each optional:

- ``min-score``: the report's score (as `fazhi score` computes it) is at least N;
- ``require``: the listed requirements (``core`` = every core rule) are met —
  substantiated or asserted, or ``met`` for report parts and the deadline;
- ``fail-on``: no applicable requirement has one of the listed statuses;
- ``baseline``: no requirement met in the baseline (last year's report or the previous
  draft, as saved by `fazhi score --format json`) is unmet now.

A waiver excuses one requirement from the require, fail-on and baseline gates: its
findings stay in the outcome, marked with the waiver, and no longer fail. Waivers do
not change the score. Evidence copied word for word from the baseline's evidence is a
warning only: it never fails a gate.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field

# FAIL_ON_STATUSES, the statuses `--fail-on` accepts, lives in models so the config reads it without this module.
from scorer.models import FAIL_ON_STATUSES, MET_STATUSES, Evidence, ReportResult, Rule, RuleResult, Ruleset  # noqa: F401

GATES: tuple[str, ...] = ("min-score", "require", "fail-on", "baseline")
# Shorter sentences (a heading, 加强组织领导。) recur in any two reports of the same office.
COPIED_MIN_CHARS = 15


def is_met(status: str) -> bool:
    return status in MET_STATUSES or status == "met"


# Gates about the whole report rather than about requirements: they have no findings,
# so each output format reports their failure itself.
WHOLE_REPORT = "whole-report"
REPORT_GATES = ("min-score", WHOLE_REPORT)


@dataclass(frozen=True)
class Waiver:
    rule: str
    justification: str
    expires: dt.date
    where: str = ""  # config file and line, for messages


@dataclass(frozen=True)
class GateConfig:
    min_score: float | None = None  # None: gate off
    require_core: bool = False
    require: tuple[str, ...] = ()  # rule ids, besides the core ones
    fail_on: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    defaulted: bool = False  # nothing was configured, so the default gate (require core) applies

    def active(self, baseline: bool = False) -> tuple[str, ...]:
        on = {
            "min-score": self.min_score is not None,
            "require": self.require_core or bool(self.require),
            "fail-on": bool(self.fail_on),
            "baseline": baseline,
        }
        return tuple(g for g in GATES if on[g])

    def required_ids(self, ruleset: Ruleset) -> tuple[str, ...]:
        """Core rules (when asked) and the listed ids, in ruleset order."""
        wanted = set(self.require)
        return tuple(r.id for r in ruleset.rules if r.id in wanted or (self.require_core and r.level == "core"))


@dataclass(frozen=True)
class BaselineReport:
    """One report's statuses and evidence from a saved fazhi.report/1 JSON."""

    source: str  # the baseline file
    file: str  # the report it scored
    statuses: dict[str, tuple[str, bool]] = field(hash=False, compare=False)  # id → (status, applies)
    evidence: tuple[str, ...] = ()  # evidence sentence texts


@dataclass(frozen=True)
class Location:
    """Where a finding points in the report: an evidence sentence, with its 1-based line."""

    start: int
    end: int
    line: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One requirement that trips one gate (or would, but for a waiver)."""

    gate: str  # require | fail-on | baseline
    rule: Rule
    status: str  # now
    expected: str  # what the gate wants, in words
    before: str | None = None  # baseline gate: the status in the baseline
    waiver: Waiver | None = None
    location: Location | None = None

    @property
    def failing(self) -> bool:
        return self.waiver is None

    @property
    def problem(self) -> str:
        if self.gate == "baseline":
            return f"{self.before} in the baseline, {self.status} now ({self.expected})"
        return f"{self.status}, {self.expected}"


@dataclass(frozen=True)
class GateOutcome:
    gate: str
    passed: bool
    detail: str  # one line: what was checked and the verdict
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class StatusChange:
    rule: Rule
    before: str
    after: str
    regression: bool  # met before, not met now
    waiver: Waiver | None = None


@dataclass(frozen=True)
class CopiedEvidence:
    """An evidence sentence found word for word among the baseline's evidence."""

    rules: tuple[str, ...]  # the rules it is evidence for
    location: Location


@dataclass(frozen=True)
class FileOutcome:
    path: str
    result: ReportResult
    gates: tuple[GateOutcome, ...]
    changes: tuple[StatusChange, ...] = ()
    copied: tuple[CopiedEvidence, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return all(g.passed for g in self.gates)

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for g in self.gates for f in g.findings if f.failing)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for g in self.gates for f in g.findings if not f.failing)

    @property
    def open_gaps(self) -> tuple[RuleResult, ...]:
        """Gaps no gate fails on and no waiver covers: worth a warning, not a failure."""
        flagged = {f.rule.id for g in self.gates for f in g.findings}
        return tuple(r for r in self.result.gaps if r.rule.id not in flagged)


@dataclass(frozen=True)
class FileError:
    path: str
    message: str  # the one-line error, without the program prefix


@dataclass(frozen=True)
class CheckRun:
    """Everything one `fazhi check` produced, for the renderers."""

    ruleset: Ruleset
    config: GateConfig
    files: tuple[FileOutcome, ...]
    errors: tuple[FileError, ...] = ()
    baseline: str | None = None  # the baseline file, when one was given

    @property
    def passed(self) -> bool:
        return not self.errors and all(f.passed for f in self.files)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def locate(result: ReportResult, evidence: tuple[Evidence, ...]) -> Location | None:
    """The first evidence sentence of a requirement, as a Location (None without evidence)."""
    if not evidence:
        return None
    e = evidence[0]
    return Location(e.start, e.end, line_at(result.segmented.document.text, e.start), e.text)


def _finding(gate: str, r: RuleResult, expected: str, waivers: dict[str, Waiver], result: ReportResult,
             before: str | None = None) -> Finding:
    return Finding(gate, r.rule, r.status, expected, before, waivers.get(r.rule.id), locate(result, r.evidence))


def _outcome(gate: str, findings: list[Finding], checked: int, what: str) -> GateOutcome:
    failing = sum(f.failing for f in findings)
    waived = len(findings) - failing
    detail = f"{checked - len(findings)} of {checked} requirements {what}"
    if failing:
        detail += f"; {failing} failing"
    if waived:
        detail += f"; {waived} waived"
    return GateOutcome(gate, failing == 0, detail, tuple(findings))


def pick_baseline(baselines: tuple[BaselineReport, ...], path: str) -> BaselineReport | None:
    """The baseline for one checked file: the only one, else the one that scored the same path or file name."""
    if len(baselines) == 1:
        return baselines[0]
    for same in (lambda b: os.path.normpath(b.file) == os.path.normpath(path),
                 lambda b: os.path.basename(b.file) == os.path.basename(path)):
        found = [b for b in baselines if same(b)]
        if found:
            return found[0]
    return None


def evaluate(result: ReportResult, config: GateConfig, ruleset: Ruleset,
             baselines: tuple[BaselineReport, ...] = ()) -> FileOutcome:
    """Every configured gate for one scored report."""
    waivers = {w.rule: w for w in config.waivers}
    gates: list[GateOutcome] = []
    notes: list[str] = []
    baseline = pick_baseline(baselines, result.path) if baselines else None
    if baselines and baseline is None:
        notes.append(f"baseline {baselines[0].source} has no entry for this file: regression not checked")
    if not result.is_whole:
        # Not a gate anyone configures: a verdict on a file that is not one whole annual
        # report is not a verdict on the department's report, so such a file never passes.
        gates.append(GateOutcome(WHOLE_REPORT, False, "not one whole annual report: " + "；".join(result.not_whole)))
    if config.min_score is not None:
        ok = result.score >= config.min_score
        gates.append(GateOutcome("min-score", ok, f"score {result.score:g} {'≥' if ok else '<'} {config.min_score:g}"))
    if config.require_core or config.require:
        wanted = config.required_ids(ruleset)
        checked = [r for r in result.results if r.rule.id in wanted]
        for r in checked:
            if not r.applies:
                notes.append(f"{r.rule.id} does not apply under the {result.edition} Outline: not required")
        checked = [r for r in checked if r.applies]
        found = [_finding("require", r, "must be met", waivers, result) for r in checked if not is_met(r.status)]
        gates.append(_outcome("require", found, len(checked), "met"))
    if config.fail_on:
        checked = [r for r in result.results if r.applies]
        found = [_finding("fail-on", r, f"fails on {r.status}", waivers, result)
                 for r in checked if r.status in config.fail_on]
        gates.append(_outcome("fail-on", found, len(checked), f"without {'/'.join(config.fail_on)}"))
    changes: tuple[StatusChange, ...] = ()
    copied: tuple[CopiedEvidence, ...] = ()
    if baseline is not None:
        changes = _changes(result, baseline, waivers)
        regressed = {c.rule.id: c for c in changes if c.regression}
        found = [_finding("baseline", r, "was met, is no longer met", waivers, result, regressed[r.rule.id].before)
                 for r in result.results if r.rule.id in regressed]
        met_before = sum(1 for r in result.results if r.applies and _met_in(baseline, r.rule.id))
        gates.append(_outcome("baseline", found, met_before, "met in the baseline still met"))
        copied = copied_evidence(result, baseline)
    for rule_id, w in waivers.items():
        if rule_id in {r.rule.id for r in result.results} and is_met(result.result(rule_id).status):
            notes.append(f"waiver for {rule_id} is not needed: the requirement is met ({result.result(rule_id).status})")
    return FileOutcome(result.path, result, tuple(gates), changes, copied, tuple(notes))


def _met_in(baseline: BaselineReport, rule_id: str) -> bool:
    status, applies = baseline.statuses.get(rule_id, ("absent", False))
    return applies and is_met(status)


def _changes(result: ReportResult, baseline: BaselineReport, waivers: dict[str, Waiver]) -> tuple[StatusChange, ...]:
    """Every requirement whose status differs from the baseline's, in ruleset order."""
    out = []
    for r in result.results:
        if r.rule.id not in baseline.statuses:
            continue  # a rule the baseline did not know: nothing to compare
        before = baseline.statuses[r.rule.id][0]
        if before == r.status:
            continue
        regression = _met_in(baseline, r.rule.id) and r.applies and not is_met(r.status)
        out.append(StatusChange(r.rule, before, r.status, regression, waivers.get(r.rule.id)))
    return tuple(out)


_SPACE = re.compile(r"\s+")


def normalize_sentence(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def copied_evidence(result: ReportResult, baseline: BaselineReport) -> tuple[CopiedEvidence, ...]:
    """This report's evidence sentences that are, whitespace aside, sentences of the baseline's evidence.

    Only element evidence that is not a heading counts: part headings (一、主要举措和成效) and
    the date line are meant to recur every year.
    """
    old = {n for n in (normalize_sentence(t) for t in baseline.evidence) if len(n) >= COPIED_MIN_CHARS}
    sentences = result.segmented.sentences
    by_span: dict[tuple[int, int], tuple[Evidence, list[str]]] = {}
    for r in result.results:
        if r.rule.kind != "element":
            continue
        for e in r.evidence:
            if 0 <= e.sentence < len(sentences) and sentences[e.sentence].is_heading:
                continue
            if (e.start, e.end) in by_span:
                by_span[(e.start, e.end)][1].append(r.rule.id)
            elif normalize_sentence(e.text) in old:
                by_span[(e.start, e.end)] = (e, [r.rule.id])
    text = result.segmented.document.text
    return tuple(
        CopiedEvidence(tuple(ids), Location(e.start, e.end, line_at(text, e.start), e.text))
        for (_, _), (e, ids) in sorted(by_span.items())
    )
