"""Plain data passed between the pipeline stages: ingest → segment → match → score → render.

Every stage takes the previous stage's dataclass and returns its own; nothing here
does work. Offsets (``start``/``end``) are character offsets into ``Document.text``,
the decoded original text of the report, so a renderer can always point back at
the exact place an evidence sentence came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The catalogue's five statuses, strongest first. Outputs use these strings exactly.
STATUSES: tuple[str, ...] = ("substantiated", "asserted", "deficient", "planned", "absent")
MET_STATUSES: frozenset[str] = frozenset({"substantiated", "asserted"})
# Report parts (structure.*) are met/absent; the deadline is met/late/absent.
PART_STATUSES: tuple[str, ...] = ("met", "absent")
DEADLINE_STATUSES: tuple[str, ...] = ("met", "late", "absent")
# Statuses `fazhi check --fail-on` accepts: every status that falls short of substantiated.
FAIL_ON_STATUSES: tuple[str, ...] = ("asserted", "deficient", "planned", "absent", "late")

# Roles a part of a report can play (督察规定 第二十四条 and the page around it).
ROLES: tuple[str, ...] = (
    "title",
    "preamble",
    "achievements",
    "shortcomings",
    "first_responsible",
    "next_year",
    "other",
    "signature",
)

from scorer.vocabulary import STATUS_ZH  # defined once there; still importable from here
ROLE_ZH = {
    "title": "标题",
    "preamble": "导语",
    "achievements": "举措和成效",
    "shortcomings": "不足和原因",
    "first_responsible": "第一责任人履职",
    "next_year": "下一年度安排",
    "other": "其他情况",
    "signature": "落款",
}


def is_gap(status: str, applies: bool) -> bool:
    """An applicable requirement that is not met: what a gap report lists (a part, "met", is met)."""
    return applies and status not in MET_STATUSES and status != "met"


@dataclass(frozen=True)
class Document:
    """What ingest hands to the segmenter, whatever the file format was."""

    path: str  # as the user gave it (relative paths stay relative)
    text: str  # decoded original text; all offsets point into this
    keep: tuple[tuple[int, int], ...]  # spans of `text` that are report body (furniture and repeats dropped)
    source_format: str  # txt | docx | pdf | html | ofd | image
    encoding: str | None = None
    # From the page or file itself, when the body has none: title, issuer, date (ISO), published (ISO).
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what ingest dropped or noticed, for the reader of the report
    ocr: bool = False  # some or all of the text was read from page images (a scan) by OCR
    # Spans of `text` that OCR read with low confidence: evidence from them is marked so.
    low_confidence: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # original text of the sentence
    norm: str  # normalised for matching (same length as text)
    part: int  # index of the Part it belongs to
    paragraph: int
    is_heading: bool = False


@dataclass(frozen=True)
class Part:
    index: int
    role: str  # one of ROLES
    heading: str | None  # heading text, None for an implicit part (a paragraph opener, the preamble)
    start: int
    end: int
    level: int = 1


@dataclass(frozen=True)
class Segmented:
    document: Document
    parts: tuple[Part, ...]
    sentences: tuple[Sentence, ...]
    year: int | None
    issuer: str | None
    title: str | None
    signed: dt.date | None  # 落款 date
    published: dt.date | None  # 发布日期 of the page, when there is one


@dataclass(frozen=True)
class StatedFacts:
    """What a person states about a report over what segment reads from its text: the issuer
    (发文单位) and the report year, given by the writer (``fazhi score --issuer --year``) or
    corrected by a supervisor in ``fazhi serve``. None: as read. The year decides which Outline
    judges the report and the deadline its date is held to, so a report is scored again with it."""

    issuer: str | None = None
    year: int | None = None


STATED_YEARS = range(2000, 2101)  # a report year a person may state: the Outlines' years and well beyond
STATED_ISSUER_MAX = 100  # characters: the longest joint issuer is some 60


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # element | part | deadline
    title: str
    area: str
    weight: float
    level: str  # core | required | recommended
    editions: tuple[int, ...]
    source: str
    suggestion: str
    rationale: str
    file: str
    part: str | None = None  # for kind=part: the role that must exist
    due: str | None = None  # for kind=deadline: "MM-DD" of the year after the report year
    warn_after: str | None = None  # for kind=deadline: a later date than this earns a warning
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()
    exclude: tuple[str, ...] = ()
    # (other rules, clause pattern or None): a clause one of those rules claims still gives
    # this rule its detail where the clause matches the pattern (None: always). The
    # catalogue's "whose requirement": the principal leader who 主持召开 a meeting 14 times
    # acts in person (first_responsible) as well as deploying (party_deployment).
    # A third item, a subject pattern or None: the clause is shared only where one of the
    # sentence's clauses up to it opens with that subject (局主要负责人听取…，印发《…》: the
    # leader who opens the sentence issues the plan too).
    detail_from: tuple[tuple[tuple[str, ...], str | None, str | None], ...] = ()
    # Whether the body under a heading that names this requirement is its evidence where it
    # has detail (MatchOptions.heading_scope). Off for a duty that only a named actor's own
    # acts substantiate: under 履行第一责任人职责, a figure that does not name the leader
    # shows nothing of the leader. "act": only the body's sentences that name the rule's own
    # act (continued_by) — under a part headed by the study, its other work's figures are not
    # the study's.
    heading_scope: bool | str = True
    # Requirements whose body under this one's heading makes the heading no evidence: where
    # the body, down to the next heading of its level, has sentences one of these matches and
    # none this one does (catalogue: "a heading whose own body is about something else" is
    # never evidence: （二）加强法治宣传教育 over the staff's own study of law). Section headings
    # only (（二）, 1., (1)), not a part's (一、). Empty: a heading is evidence whatever its body.
    heading_over: tuple[str, ...] = ()
    # A pattern naming this requirement's own act (学习|研讨|讲座…), for the sentences that
    # carry on a match in the same paragraph without naming the requirement again
    # (组织中心组专题学习习近平法治思想。全年共集中学习12次。): such a sentence, matched by no
    # rule and with detail, is this requirement's evidence (MatchOptions.continuation).
    # None: a following sentence is never read for it.
    continued_by: str | None = None
    # A pattern for the sentences under this requirement's own heading that leave out their
    # subject and open with the heading's actor's own act (under 主要负责人履行第一责任人职责:
    # 一是主持召开区政府常务会议审议《…报告》; 带头讲法治课，全年组织召开党委会20余次): the
    # actor is the heading's, so such a sentence, where it has detail, is this requirement's
    # evidence even where another requirement matches it too (the meeting is also deployment).
    # None: only heading_scope reads the body under a heading.
    heading_acts: str | None = None
    # A pattern for a name that stands for several requirements at once (三项制度 is the
    # enforcement systems' publicity, recording and legal review): a match of it takes its
    # detail from its own clause only. The clauses around it report one of those systems or
    # another matter (全面落实三项制度，推行“综合查一次”，全年开展联合执法10次; 严格落实三项制度，
    # 共审核3起): their figure is not about each of the three (catalogue: detail must be about
    # the requirement it substantiates). None: the neighbouring clauses are read as for any match.
    bundle: str | None = None
    # A pattern for a clause whose detail is never this requirement's, though the rule may
    # match it: other units' heads counted beside the principal leader's duty (组织27个乡镇主要
    # 负责同志现场述法 is their 述法, leadership.accountability's — catalogue: 述法 by subordinate
    # leaders counts for accountability only). Such a clause is left out of the clauses the
    # detail is read from, as a clause another requirement claims is. None: no clause is.
    not_detail: str | None = None
    # A pattern for a sentence whose detail is never this requirement's, though the rule matches
    # it and it stays its evidence: the principal leader's own acts in the leader's duty
    # (主要负责同志履行第一责任人职责，6次听取法治政府建设工作汇报 — the count is the leader's,
    # leadership.first_responsible's; the hearing still shows the work deployed). Searched in the
    # whole sentence. None: no sentence is.
    no_detail_when: str | None = None
    positive: tuple[tuple[str, str], ...] = ()  # (sentence, expected status)
    negative: tuple[str, ...] = ()
    metadata: dict = field(default_factory=dict, hash=False, compare=False)  # free text for readers


class UserRule(Rule):
    """A rule from a rules directory the user gave (`--rules`, the config's `rules:`), not
    one shipped with fazhi (scorer/rules.py decides which). Its patterns are untrusted, so
    they run on RE2, whose matching time is linear in the text whatever the pattern:
    `(a+)+$` against a 50 KB line returns at once instead of never. The shipped rules stay
    on `re`, for their lookarounds.

    (Not decorated with @dataclass: it adds no field, and the methods generated for Rule
    serve it as they are: its own class in repr, equal only to a UserRule. Generating
    them again for 21 fields was ~1 ms of every start. Here, not in scorer.match, so that
    loading rules does not import the matcher: a process that only reads the history — a
    rerun's parent — never needs it.)"""


@dataclass(frozen=True)
class Ruleset:
    rules: tuple[Rule, ...]
    version: str  # content hash of the rule files, so stored results say which rules made them
    sources: tuple[str, ...]  # rule directories, in load order

    def __hash__(self) -> int:
        # Scoring a report looks its compiled rules up by the ruleset (match.compile_ruleset's
        # cache): the hash dataclass generates rehashed every field of every rule each time,
        # ~0.25 ms a report. Equal rulesets have equal versions and rule ids, so this agrees
        # with ==, which still compares everything on a hit that is not the same object.
        return hash((self.version, tuple(rule.id for rule in self.rules)))

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True)
class Evidence:
    sentence: int  # Sentence.index
    text: str
    start: int
    end: int
    part_role: str
    status: str  # what this one sentence shows: one of STATUSES (or met for parts)
    reason: str  # why, in a few words (Chinese, for the supervisor)
    matched: tuple[tuple[int, int], ...] = ()  # offsets of the matched terms inside `text`
    signal: str = "pattern"  # pattern | heading | paragraph | similarity | model
    # The sentence overlaps text OCR read with low confidence (Document.low_confidence):
    # check it against the scan. Never set for a text-layer document.
    low_confidence: bool = False


@dataclass(frozen=True)
class RuleMatch:
    """The match stage's answer for one rule: its status and the sentences behind it."""

    rule: Rule
    status: str
    evidence: tuple[Evidence, ...]
    reason: str


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    status: str
    applies: bool  # False when the rule's Outline edition does not cover this report year
    evidence: tuple[Evidence, ...]
    reason: str
    points: float  # points earned
    max_points: float  # points at stake (0 when not applicable)


@dataclass(frozen=True)
class Quality:
    """Report-level signals evaluators look at beyond presence (catalogue: "What evaluators also look at")."""

    chars: int  # body characters scored (title and signature excluded)
    figures_per_kchar: float  # numbers with a unit per 1,000 characters: 泛化 writing has few
    named_documents: int  # distinct 《titles》 named
    substantiated_share: float  # substantiated / met among applicable elements (0–1)
    shortcomings_state_causes: bool | None  # None: the report has no shortcomings part
    plans_have_targets: bool | None  # None: the report has no plans part


@dataclass(frozen=True)
class ReportResult:
    path: str
    year: int | None
    edition: int
    issuer: str | None
    title: str | None
    signed: dt.date | None
    published: dt.date | None
    results: tuple[RuleResult, ...]  # in ruleset order
    score: float  # 0–100
    grade: str
    core_score: float  # 0–100 over the core items alone
    segmented: Segmented
    ruleset_version: str
    notes: tuple[str, ...] = ()  # warnings for the reader (late signature, repeated page text…)
    quality: Quality | None = None
    # Why the file does not look like one whole annual report (too short, no title or year,
    # another kind of document, a truncated or reposted copy, two reports in one file), in
    # Chinese for the reader; empty when it does. Such a file is judged all the same, but
    # every output says so, batch lists it apart and does not rank it, and check fails.
    not_whole: tuple[str, ...] = ()

    @property
    def is_whole(self) -> bool:
        return not self.not_whole

    def result(self, rule_id: str) -> RuleResult:
        for r in self.results:
            if r.rule.id == rule_id:
                return r
        raise KeyError(rule_id)

    @property
    def gaps(self) -> tuple[RuleResult, ...]:
        """Applicable requirements not met, core first, then by weight."""
        gaps = [
            r
            for r in self.results
            if is_gap(r.status, r.applies)
        ]
        return tuple(sorted(gaps, key=lambda r: (r.rule.level != "core", -r.rule.weight, r.rule.id)))
