"""Match stage: for each rule, the evidence sentences and what each one shows.

One matcher per rule kind (element, part, deadline); no rule has code of its own.
An element's sentence status comes from where it stands and how it is said:

- in the shortcomings part, or negated in its clause (尚未/未开展/不到位/有待…) → deficient
- in the next-year part, or opened as a plan (下一步/今后/2025年，我局将…) → planned
- otherwise done: substantiated with checkable detail in the same sentence (a count with
  a unit, a 《named document》, a date, a named platform, a named role), else asserted.

A term inside a 《title》 is a document named, not the work itself: inside a law or a
higher authority's rules (…法/条例/规定/纲要/意见) it does not count at all (studying
《行政复议法》 is law study); inside one of several titles listed together it counts
only as asserted (a list of 《…制度》 shows a rule exists, not that it was applied).
"""

from __future__ import annotations

from bisect import bisect_right
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

import ahocorasick_rs

from scorer.cues import (
    MEETING_TOPIC,
    LAW_TITLE,
    CITED_AS_BASIS,
    TITLE_LIST_MIN,
    LIST_ADOPTED,
    ANNOUNCED_MEETING,
    NAMED_DOCUMENT,
    NEGATION_AT_STARTS,
    SUMMARY_LIST,
    FRAMED_AIM,
    TACKLED,
    UNTACKLED,
    BUSINESS_VOLUME_AT_STARTS,
    BUSINESS_VOLUME_GUARD,
    CASELOAD_AT_STARTS,
    CASELOAD_GUARD,
    PLAN_OPENER,
    PLAN_SUBJECT,
    PLAN_LEAD,
    PLAN_WITHIN,
    INTENT_YEAR,
    TARGET_YEAR,
    TARGET_REACHED,
    YEAR_OPENER,
    PLAN_BASIS_LEAD,
    FUTURE_DATE,
    PARTIAL_DATE_AT_STARTS,
    QUANTITY_AT_STARTS,
    PLATFORM,
    REPORTING_PERIOD,
    SPIRIT_AFTER,
    SPIRIT_OF_LIST,
    GENERIC_PLATFORM,
    BASIS_OPENER,
    REMIT_CLAUSE,
    RESULT_CLAUSE,
    COVERING_CLAUSE,
    TAKES_UP_CASES,
    ALL_THE_CASES,
    VOLUME_RATE,
    OTHER_WORK_BEFORE,
    OTHER_WORK_GUARD,
    UNBRACKETED_DOCUMENT,
    ENUMERATION,
    MEETING_HELD,
    OWN_ACT,
    LECTURED,
    STUDIED_AFTER,
    STUDIED_AFTER_EVENT,
    TRAINING_GUARD,
    TRAINING_TOPICS,
    GOVERNMENT_TITLE,
    ISSUER_BELOW_GOVERNMENT,
    AGENDA_CLAUSE,
    DEMAND_OPENER,
    DEFINITION,
    DEFINITION_GUARD,
    DEMAND_GUARD,
    OWN_DOCUMENT_VERB,
    STUDIED_OR_CITED,
    APPLIED,
    HIGHER_ISSUED,
    SECTOR,
    SERVICE_REFORM,
    NAMED_EVENT,
    HONOUR,
    BOOK_TITLE,
    QUOTED_NAME,
    STUDIED_MEETING_AFTER,
    STUDIED_MEETING_BEFORE,
    NAMED_BODY,
    NAMED_PERSON,
    LEGISLATION_TITLE,
    LOCAL_TITLE,
    ENUMERATION_GUARD,
    REMIT_GUARD,
    AGENDA_GUARD,
    AGENDA_ITEMS,
    AGENDA_TOPICS,
    AGENDA_ITEMS_GUARD,
    INSPECTED_GUARD,
    INSPECTED_OBJECT,
    NAMED_BODY_GUARD,
    BRANCH_WORDS,
    title_spans,
    quantities,
)
from scorer.models import MET_STATUSES, Evidence, Rule, RuleMatch, Ruleset, Segmented, Sentence, UserRule
from scorer import regex_cache, user_cache
from scorer.linear_regex import LinearSource, PatternError, _LinearPattern, linear
from scorer.prefilter import Candidates, Prefilter, build_prefilter, sentences
from scorer.start_chars import searched_at_starts
from scorer.textnorm import find_dates, normalize, normalize_pattern

if TYPE_CHECKING:  # the learned model is off by default: its module is imported only when asked for
    from scorer.learn.model import RuleWeights, SentenceModel

STRENGTH = {"substantiated": 4, "asserted": 3, "deficient": 2, "planned": 1, "absent": 0}
# Parts whose sentences are never evidence of work: the report's own title and its signature.
SILENT_ROLES = frozenset({"title", "signature"})
LABEL_MAX_CHARS = 8

@dataclass(frozen=True)
class MatchOptions:
    """Which signals decide a sentence's status; `fazhi eval` switches them off one by one."""

    roles: bool = True  # the part a sentence stands in (shortcomings → deficient, plans → planned)
    cues: bool = True  # negation and plan wording inside a sentence
    titles: bool = True  # terms inside 《titles》: laws ignored, listed documents capped
    similarity: bool = False  # TF-IDF similarity to the rules' example sentences
    model: bool = False  # the learned sentence model's second opinion (scorer/learn): off, it did not earn its place
    scoped_detail: bool = True  # detail counts only in the requirement's own clauses
    heading_scope: bool = True  # a heading's requirement takes the detail of the body under it
    continuation: bool = True  # a sentence carrying on a match in its paragraph (Rule.continued_by)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    any_of: re.Pattern[str] | None
    together: tuple[tuple[re.Pattern[str], ...], ...]
    exclude: re.Pattern[str] | None
    # Every sentence the rule can match contains one of its terms, or a match of one of its
    # scans (the top-level branches of each pattern), or a match of one of a `together`
    # group's `firsts` (the branches of its first pattern with their lookarounds removed:
    # _find may search that one in a 《title》 or in the sentence with its titles blanked,
    # where a lookaround sees other characters, and a looser pattern finds a superset) and
    # the literals that each of the group's `others` needs. scorer.prefilter finds the
    # candidate sentences of every rule in one pass, so long reports do not cost rules ×
    # sentences.
    literals: tuple[str, ...]
    scans: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (firsts, others) per group
    # any_of's alternatives one by one, in order, for the sentences where only a few of them
    # can match (None: a user's rule, or one whose alternatives cannot be searched apart).
    alternatives: tuple[_Alternative, ...] | None = None
    # The top-level branches of the exclude patterns, which the prefilter finds as it finds
    # scans (None: exclude is searched whole, in every candidate sentence).
    excludes: tuple[str, ...] | None = None
    # Rule.detail_from compiled: (the other rules, the clause pattern or None, the subject
    # pattern anchored at the clause's start, or None)
    detail_from: tuple[tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[str] | None], ...] = ()
    continued_by: re.Pattern[str] | None = None  # Rule.continued_by compiled
    heading_acts: re.Pattern[str] | None = None  # Rule.heading_acts compiled
    bundle: re.Pattern[str] | None = None  # Rule.bundle compiled
    not_detail: re.Pattern[str] | None = None  # Rule.not_detail compiled
    no_detail_when: re.Pattern[str] | None = None  # Rule.no_detail_when compiled


@dataclass(frozen=True)
class _Alternative:
    """One term or pattern of a rule's any_of, and how the prefilter tells where it may match."""

    source: str
    term: str | None  # a term: it matches where the automaton found it
    scans: tuple[str, ...]  # a pattern: it can match only where one of its branches does


def _compile(rule: Rule, plan: Plan | None = None) -> CompiledRule:
    """The rule's patterns compiled (RE2 for a user's rule), from its plan (worked out here
    unless given)."""
    compile_ = linear if isinstance(rule, UserRule) else regex_cache.compile
    any_of, together, exclude, literals, scans, groups, alternatives, excludes = plan or _plan(rule)
    return CompiledRule(rule, compile_(any_of) if any_of is not None else None,
                        tuple(tuple(compile_(p) for p in group) for group in together),
                        compile_(exclude) if exclude is not None else None, literals, scans, groups,
                        None if alternatives is None else tuple(_Alternative(*a) for a in alternatives), excludes,
                        tuple((frozenset(others), compile_(normalize_pattern(when)) if when else None,
                               compile_(normalize_pattern(f"^(?:{subject})")) if subject else None)
                              for others, when, subject in rule.detail_from),
                        compile_(normalize_pattern(rule.continued_by)) if rule.continued_by else None,
                        compile_(normalize_pattern(rule.heading_acts)) if rule.heading_acts else None,
                        compile_(normalize_pattern(rule.bundle)) if rule.bundle else None,
                        compile_(normalize_pattern(rule.not_detail)) if rule.not_detail else None,
                        compile_(normalize_pattern(rule.no_detail_when)) if rule.no_detail_when else None)


# What _compile works out from a rule's terms and patterns before compiling anything, as
# plain data: (any_of, together, exclude) sources, then CompiledRule's literals, scans,
# groups, alternatives (each as (source, term, scans)) and excludes.
Plan = tuple


def _plan(rule: Rule) -> Plan:
    user = isinstance(rule, UserRule)
    alternatives = [re.escape(normalize(t)) for t in rule.terms] + [normalize_pattern(p) for p in rule.patterns]
    any_of = "|".join(f"(?:{a})" for a in alternatives) if alternatives else None
    together = tuple(tuple(normalize_pattern(p) for p in group) for group in rule.together)
    exclude = "|".join(f"(?:{normalize_pattern(p)})" for p in rule.exclude) if rule.exclude else None
    literals = tuple(dict.fromkeys(normalize(t) for t in rule.terms if t))
    patterns = [normalize_pattern(p) for p in rule.patterns]
    if user:
        # Each pattern whole: RE2 has no lookarounds to loosen, and loosening tries each
        # candidate with `re`, which a user pattern must never reach.
        scans = tuple(dict.fromkeys(LinearSource(p) for p in patterns))
        groups = tuple(((LinearSource(g[0]),), tuple(LinearSource(p) for p in g[1:])) for g in together)
    else:
        scans = tuple(dict.fromkeys(branch for p in patterns for branch in _branches(p)))
        groups = tuple((tuple(dict.fromkeys(_loosened(b) for b in _branches(g[0]))), tuple(g[1:]))
                       for g in together)
    found = None if user or any_of is None else _alternatives(rule.terms, patterns)
    excludes = None if user or exclude is None else _searchable_apart(
        [b for p in rule.exclude for b in _branches(normalize_pattern(p))])
    return (any_of, together, exclude, literals, scans, groups,
            None if found is None else tuple((a.source, a.term, a.scans) for a in found), excludes)


def _searchable_apart(branches: list[str]) -> tuple[str, ...] | None:
    """The branches, when each compiles alone (a group name defined in one and used in
    another does not); None otherwise."""
    try:
        for branch in branches:
            _regex(branch)
    except re.error:
        return None
    return tuple(dict.fromkeys(branches))


# A reference to a group by its number: in any_of it counts the groups of the alternatives
# before it, so the alternative alone (or with fewer before it) would refer to another group.
_NUMBERED_REFERENCE = regex_cache.compile(r"\\[1-9]|\(\?\(\d")


def _alternatives(terms: tuple[str, ...], patterns: list[str]) -> tuple[_Alternative, ...] | None:
    """any_of's alternatives in its order, for _first_alternative_matches; None when one of
    them refers to a group by number, or is an empty term (the automaton holds none)."""
    out = tuple([_Alternative(re.escape(normalize(t)), normalize(t), ()) for t in terms]
                + [_Alternative(p, None, tuple(dict.fromkeys(_branches(p)))) for p in patterns])
    if any(_NUMBERED_REFERENCE.search(a.source) or a.term == "" for a in out):
        return None
    return out


def _first_alternative_matches(patterns: list[re.Pattern[str]], text: str,
                               whole: re.Pattern[str]) -> Iterable[tuple[int, int]]:
    """The spans ``whole`` (``(?:a)|(?:b)|…``) finds with finditer in ``text``, from the
    alternatives that may match there searched one by one: at the leftmost position where
    one matches, the first of them that matches there. ``whole``'s other alternatives must
    have no match in ``text``. An empty match (which at its position would stop the
    alternatives after it, and would not advance the search) is left to ``whole`` itself.

    A rule's alternation of up to 48 terms and patterns is tried at every position of the
    sentence, although the prefilter already knows that one or two of them can match
    there; searching those alone finds the same spans in a fraction of the time.
    """
    if len(patterns) == 1:  # (the alternation of one alternative: empty matches and all)
        return [m.span() for m in patterns[0].finditer(text)]
    ahead = [p.search(text) for p in patterns]  # each one's leftmost match from the position reached
    spans = []
    while True:
        first = None
        for k, m in enumerate(ahead):
            if m is not None and (first is None or m.start() < ahead[first].start()):
                first = k
        if first is None:
            return spans
        start, end = ahead[first].span()
        if start == end:
            return [m.span() for m in whole.finditer(text)]
        spans.append((start, end))
        for k, m in enumerate(ahead):
            if m is not None and m.start() < end:  # overlapped by the match: search on from its end
                ahead[k] = patterns[k].search(text, end)


def pattern_problem(rule: Rule) -> tuple[str, str | None, str] | None:
    """(key, pattern, what is wrong) for the first of the rule's patterns that scoring
    cannot compile, else None: what `rules validate`, and every load of a user's rules, check.

    Each pattern is compiled alone, then all of them as _compile joins them, and each
    scan as _regex compiles it: patterns that compile alone can fail joined (a global
    (?i) no longer first, one group name in two patterns). ``pattern`` is None when no
    single pattern is to blame (terms and patterns too large together for RE2).
    """
    from dataclasses import replace

    compile_ = linear if isinstance(rule, UserRule) else regex_cache.compile
    keyed = ([("patterns", None, p) for p in rule.patterns] + [("exclude", None, p) for p in rule.exclude]
             + [("together", g, p) for g, group in enumerate(rule.together) for p in group]
             + [("detail_from", None, w) for _, *ws in rule.detail_from for w in ws if w is not None]
             + ([("continued_by", None, rule.continued_by)] if rule.continued_by is not None else [])
             + ([("heading_acts", None, rule.heading_acts)] if rule.heading_acts is not None else [])
             + ([("bundle", None, rule.bundle)] if rule.bundle is not None else [])
             + ([("not_detail", None, rule.not_detail)] if rule.not_detail is not None else [])
             + ([("no_detail_when", None, rule.no_detail_when)] if rule.no_detail_when is not None else []))
    for key, _, pattern in keyed:
        try:
            compile_(normalize_pattern(pattern))
        except (re.error, PatternError) as exc:
            return key, pattern, str(exc)

    def compiles(upto: list) -> str | None:
        groups = [[p for k, g, p in upto if k == "together" and g == i] for i in range(len(rule.together))]
        partial = replace(rule, patterns=tuple(p for k, _, p in upto if k == "patterns"),
                          exclude=tuple(p for k, _, p in upto if k == "exclude"),
                          together=tuple(tuple(g) for g in groups if g))
        try:
            compiled = _compile(partial)
            for source in compiled.scans + tuple(s for firsts, _ in compiled.groups for s in firsts):
                _regex(source)
        except (re.error, PatternError) as exc:
            return str(exc)
        return None

    if compiles(keyed) is None:
        return None
    for n in range(len(keyed) + 1):  # the shortest failing prefix ends with the pattern to blame
        problem = compiles(keyed[:n])
        if problem is not None:
            problem = f"joined with the rule's other terms and patterns, as scoring joins them: {problem}"
            return ("terms", None, problem) if n == 0 else (keyed[n - 1][0], keyed[n - 1][2], problem)
    return None  # unreachable: the whole list failed


_GLOBAL_FLAGS = regex_cache.compile(r"\(\?[aiLmsux]+\)")


@lru_cache(maxsize=None)
def _branches(pattern: str) -> tuple[str, ...]:
    """The top-level alternatives of a pattern (a|b(c|d) → a, b(c|d)): scanned one by one,
    each can start with a literal the regex engine searches for quickly. A pattern that
    opens with global flags ((?i)a|b) stays whole: its branches alone would lose them.
    (Kept: compiling the rules asks for each pattern's branches twice, for its scans and
    for its any_of alternatives, and the scan is character by character in Python.)"""
    if _GLOBAL_FLAGS.match(pattern):
        return (pattern,)
    out, start, i, n = [], 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            i = _group_end(pattern, i)
        elif ch == "|":
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return tuple(out)


def _class_end(pattern: str, i: int) -> int:
    """Index of the ] that closes the character class opened at i."""
    j, n = i + 1, len(pattern)
    if j < n and pattern[j] == "^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _group_end(pattern: str, i: int) -> int:
    """Index of the ) that closes the group opened at i."""
    depth, j, n = 0, i, len(pattern)
    while j < n:
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return n


def _loosened(pattern: str) -> str:
    """The pattern without its lookarounds ((?=…) (?!…) (?<=…) (?<!…)): it matches wherever
    the pattern does, and usually starts with a literal the regex engine can scan for.
    The pattern itself when that would match the empty string."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif ch == "[":
            j = _class_end(pattern, i)
            out.append(pattern[i:j + 1])
            i = j + 1
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _group_end(pattern, i) + 1
        else:
            out.append(ch)
            i += 1
    loose = _without_optional_start("".join(out))
    try:
        if loose and regex_cache.compile(loose).fullmatch("") is None:
            return loose
    except re.error:
        pass
    return pattern


@lru_cache(maxsize=8)
def compile_ruleset(ruleset: Ruleset) -> tuple[CompiledRule, ...]:
    return tuple(_compile(r) if isinstance(r, UserRule) else _compile_shipped(r)
                 for r in ruleset.rules if r.kind == "element")


def _compile_shipped(rule: Rule) -> CompiledRule:
    try:
        return _compile(rule, _kept_plan(rule))
    except Exception:  # a damaged cache entry: planned again
        return _compile(rule)


# The shipped rules' plans, kept from one run to the next as their regular expressions'
# programs are (scorer.regex_cache): working them out (normalising, splitting each pattern
# into its branches and loosening them, character by character in Python) was ~7 ms of
# every start. Kept by the rule's terms and patterns, so a changed rule is simply not
# found; the file is named after the code that makes plans and the Python build (whose
# `re` decides which branches compile alone). A user's rules are planned every time.
# The shipped rules have ~30 element rules, ~4 KB of plan each; past this many (rules
# edited over time under the same code), the file starts again from this run's.
MAX_KEPT_PLANS = 200


def _plans_file() -> str:
    from scorer import textnorm

    return user_cache.named_after("plans", __file__, textnorm.__file__)


_plans = user_cache.KeptTable(_plans_file, MAX_KEPT_PLANS, lambda plan: isinstance(plan, tuple) and len(plan) == 8)


def _kept_plan(rule: Rule) -> Plan:
    key = (rule.terms, rule.patterns, rule.together, rule.exclude)
    plan = _plans.get(key)
    if plan is None:
        plan = _plan(rule)
        _plans.put(key, plan)
    return plan


class _once:
    """functools.cached_property without the lock Python 3.11 takes on every first access
    (some 20,000 of them per report, always in one thread): computed on first access and
    stored in the instance, where later lookups find it without calling this."""

    def __init__(self, compute):
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class _SentenceView:
    """What every element rule needs to know about one sentence, computed once."""

    sentence: Sentence
    role: str
    titles: tuple[tuple[int, int], ...]
    law_titles: frozenset[int]  # indexes into titles
    cited_titles: frozenset[int]  # law titles cited as a basis
    own_titles: frozenset[int]  # the department's own documents: the only titles that are detail
    # the issuer's own documents cited as the basis or applied (按照/执行《江汉区…述法工作的意见》):
    # detail only for the requirement their title names
    cited_own_titles: frozenset[int] = frozenset()

    @_once
    def clauses(self) -> list[tuple[int, int]]:
        return _clauses(self.sentence.norm)

    @_once
    def clause_starts(self) -> list[int]:
        return [cs for cs, _ in self.clauses]

    def clause_of(self, pos: int) -> int:
        """Index of the clause that holds offset ``pos``."""
        return max(0, bisect_right(self.clause_starts, pos) - 1)

    def negation(self, i: int) -> str | None:
        """A negation in clause i or the one after it, unless the clause tackles it
        (针对…不到位的问题 / 对…薄弱环节进行研究分析); looked for once per clause."""
        if i not in self._negations:
            norm, clauses = self.sentence.norm, self.clauses
            cs, ce = clauses[i]
            window = norm[cs:clauses[i + 1][1]] if i + 1 < len(clauses) else norm[cs:ce]
            m = NEGATION_AT_STARTS.search(window)
            # (tackled is asked only of a clause with a negation: most clauses have none)
            tackled = m is not None and TACKLED.search(window) is not None and UNTACKLED.search(window) is None
            self._negations[i] = m.group(0) if m and not tackled else None
        return self._negations[i]

    @_once
    def _negations(self) -> dict[int, str | None]:
        return {}

    @_once
    def caseload(self) -> frozenset[int]:
        """The clauses that report the year's enforcement caseload (cues.CASELOAD), or the
        department's business volume in a sentence not about the approval service's reform
        (cues.BUSINESS_VOLUME, SERVICE_REFORM)."""
        norm = self.sentence.norm
        cues = []
        if CASELOAD_GUARD.search(norm) is not None:
            cues.append(CASELOAD_AT_STARTS)
        if BUSINESS_VOLUME_GUARD.search(norm) is not None and SERVICE_REFORM.search(norm) is None:
            cues.append(BUSINESS_VOLUME_AT_STARTS)
        if not cues:
            return frozenset()
        return self._with_rates({i for i, (cs, ce) in enumerate(self.clauses) if any(c.search(norm, cs, ce) for c in cues)})

    @_once
    def volume_before(self) -> frozenset[int]:
        """The clauses that count other work which, before a requirement, is not its detail, but
        after one is what it found (cues.OTHER_WORK_BEFORE: hazards found, complaints handled)."""
        norm = self.sentence.norm
        if OTHER_WORK_GUARD.search(norm) is None:
            return frozenset()
        return self._with_rates({i for i, (cs, ce) in enumerate(self.clauses) if OTHER_WORK_BEFORE.search(norm, cs, ce)})

    def _with_rates(self, volume: set[int]) -> frozenset[int]:
        """…and a clause that is only that volume's rate, right after it (办结率100%; cues.VOLUME_RATE)."""
        norm = self.sentence.norm
        for i in sorted(volume):
            while i + 1 < len(self.clauses) and i + 1 not in volume and VOLUME_RATE.match(norm, *self.clauses[i + 1]):
                i += 1
                volume.add(i)
        return frozenset(volume)

    @_once
    def outside(self) -> str:
        """The sentence with its 《titles》 blanked out."""
        return _blank(self.sentence.norm, self.titles)

    @_once
    def details(self) -> tuple[tuple[int, str], ...]:
        """Every piece of checkable detail, as (clause index, text), in reading order.

        Computed on first use, then kept: only a sentence judged done needs it (about one
        sentence in six), and looking for it on every sentence was a fifth of match time.
        """
        return tuple((self.clause_of(pos), text)
                     for pos, text in _details(self.sentence.norm, self.titles, self.own_titles, self.outside))

    def not_work(self, i: int) -> list[tuple[int, int, tuple[tuple[int, int], ...] | None]]:
        """Stretches of clause i that never show work done: (start, end, the agenda cue's spans
        or None), each inside the clause.

        A basis, aim or stock opener (根据…要求, 为进一步规范…, 在…的正确领导下), a remit
        (法规科负责…), an agenda clause (…等工作作出安排部署) and a meeting's topic (召开行政复议
        工作推进会): what they name is not reported as done. A match that is itself the
        agenda's cue (研究部署…法治) or the meeting (召开…推进会) is the deployment, and stays.

        Worked out for a clause when a match starts in it, then kept: only a match's own
        clause can hold a stretch that holds its start, and looking at every clause of every
        sentence that a rule matches was ~8 % of scoring.
        """
        found = self._not_work_by_clause.get(i)
        if found is None:
            cs, ce = self.clauses[i]
            if self.is_definition:
                found = [(cs, ce, None)]
            else:
                found = _not_work(self.sentence.norm, cs, ce, self.role, self.clauses[:i])
                if i in self.demands:
                    found.append((cs, ce, self.demands[i]))
            self._not_work_by_clause[i] = found
        return found

    @_once
    def is_definition(self) -> bool:
        """(r18) The sentence defines an institution or states its aim (cues.DEFINITION): no clause
        of it is work done. A fact of the sentence, looked for once, not once per clause."""
        norm = self.sentence.norm
        return DEFINITION_GUARD.search(norm) is not None and DEFINITION.match(norm) is not None

    @_once
    def demands(self) -> dict[int, tuple[tuple[int, int], ...] | None]:
        """(r16) The clauses inside a meeting's or a speaker's demand (cues.DEMAND_OPENER): clause index →
        the demand's verb (the clause that opens it, whose verb is the deployment's and stays) or None (a
        later clause of its stretch). A stretch runs to the sentence's end or to a clause that goes on to
        report the year's work (_demand_ended). Worked out once for the sentence, clause by clause."""
        norm, out = self.sentence.norm, {}
        if not DEMAND_GUARD.search(norm):
            return out
        inside = False
        for j, (cs, ce) in enumerate(self.clauses):
            m = DEMAND_OPENER.match(norm[cs:])
            if m and cs + m.end() <= ce + 1:
                out[j], inside = ((cs + m.start("verb"), cs + m.end("verb")),), True
            elif _demand_ended(norm, cs, ce):
                inside = False
            elif inside:
                out[j] = None
        return out

    @_once
    def _not_work_by_clause(self) -> dict[int, list[tuple[int, int, tuple[tuple[int, int], ...] | None]]]:
        return {}


def _not_work(norm: str, cs: int, ce: int, role: str,
              earlier: list[tuple[int, int]]) -> list[tuple[int, int, tuple[tuple[int, int], ...] | None]]:
    """_SentenceView.not_work of the clause norm[cs:ce] of a sentence standing in a part of this role
    (``earlier``: the sentence's clauses before it); the sentence's definition and its demands are the
    view's (is_definition, demands)."""
    # (a clause holds no cue whose guard's words it lacks: the guard's plain words are found
    # faster than the cue is tried at every position)
    clause = norm[cs:ce]
    out = []
    m = _BASIS_OPENER_AT_STARTS.match(clause)
    if m:
        out.append((cs, cs + m.end(), None))
    if ENUMERATION_GUARD.search(norm, cs, ce):
        for m in ENUMERATION.finditer(clause):
            out.append((cs + m.start(), cs + m.end(), None))
    if role == "preamble":  # the opening's summary of the year's fields of work, its framing
        for m in SUMMARY_LIST.finditer(clause):
            out.append((cs + m.start(), cs + m.end(), None))
        for m in FRAMED_AIM.finditer(clause):
            out.append((cs + m.start(1), cs + m.end(1), None))
    if INSPECTED_GUARD.search(norm, cs, ce):
        for m in INSPECTED_OBJECT.finditer(clause):
            out.append((cs + m.start(1), cs + m.end(1), None))
    if TRAINING_GUARD.search(norm, cs, ce):
        for m in TRAINING_TOPICS.finditer(clause):
            out.append((cs + m.start(1), cs + m.end(1), ((cs + m.start(2), cs + m.end(2)),)))
    if "召开" in clause:
        for m in MEETING_TOPIC.finditer(clause):
            out.append((cs + m.start("topic"), cs + m.end("topic"),
                        ((cs + m.start(), cs + m.start("topic")), (cs + m.end("topic"), cs + m.end()))))
    if REMIT_GUARD.search(norm, cs, ce) and REMIT_CLAUSE.search(clause):
        out.append((cs, ce, None))
    m = AGENDA_ITEMS.search(clause) if AGENDA_ITEMS_GUARD.search(norm, cs, ce) else None
    if m and m.group("heard") is not None:  # one field's report heard: from the hearing on
        out.append((cs + m.start(), cs + m.end(), ((cs + m.start(1), cs + m.end(1)),)))
        m = None
    m = m or (AGENDA_TOPICS.match(clause) if "等" in clause else None)
    if m:
        out.append((cs, ce, ((cs + m.start(1), cs + m.end(1)),)))
    m = AGENDA_CLAUSE.search(clause) if AGENDA_GUARD.search(norm, cs, ce) else None
    if m:
        # the meeting that deploys is the deployment too (主持召开党委会议研究部署…6次:
        # the leader chairing it is the leader's own act)
        held = [h.start() for h in MEETING_HELD.finditer(clause, 0, m.start())]
        cues = [(cs + (held[-1] if held else m.start()), cs + m.end())]
        # ((r13) a plan's tasks named between 明确 and 重点任务, or listed before 纳入…考核内容, are
        # not the cue: 明确依法应对突发事件等30项重点任务 names a task on the plan, which the match
        # inside it must not escape — only the branch's two ends (groups lead…tail) are the cue)
        ends = next((pair for pair in (("lead", "tail"), ("lead2", "tail2"), ("lead3", "tail3"), ("lead4", "tail4"))
                     if m.group(pair[0]) is not None), None)
        if ends and ends[0] == "lead4":  # (the bare 部署 before its tasks: a meeting held before it is the cue too)
            cues = [(cs + held[-1], cs + m.start("lead4"))] if held else []
            cues += [(cs + m.start(group), cs + m.end(group)) for group in ends]
        elif ends and not held:
            cues = [(cs + m.start(group), cs + m.end(group)) for group in ends]
        # ((r20) a meeting held to relay a spirit (召开党组会传达贯彻全市政务公开工作会议精神): the meeting up
        # to 传达 and 精神 are the cue, the field named between stays off it)
        elif ends and ends[0] == "lead3":
            cues = [(cs + held[-1], cs + m.start("lead3"))] + [(cs + m.start(group), cs + m.end(group)) for group in ends]
        # …and so is the leader deploying in person (主要领导亲自部署推进示范创建、法治督察等
        # 重点工作): the 亲自 act is the leader's own, the tasks after it stay on the agenda
        act = None if held else OWN_ACT.search(clause, 0, m.start())
        if act:
            cues.append((cs + act.start(), cs + act.end()))
        # (an act joined before it by 并 is done, not on the agenda: 审议《…年度法治政府建设
        # 情况报告》并研究部署…事项 reviewed the report; the agenda starts at 并; s25)
        start = 0 if held else clause.rfind("并", 0, m.start()) + 1
        out.append((cs + start, ce, tuple(cues)))
    elif earlier and _AGENDA_TASK.match(clause) and _on_agenda(norm, earlier):
        out.append((cs, ce, None))
    return out


# (r16) A clause that goes on to report the year's work after a demand (要求各单位依法履行答辩职责，全年办理
# 行政诉讼案件6件): the demand's stretch ends there (cues.DEMAND_OPENER).
# ((r17) not the moment a demand is set in: 目前正值信访稳定关键时期，要… — circumstance, no work)
_DEMAND_ENDS = regex_cache.compile(r"\s*(全年|今年以来|今年|年内|本年度|20\d\d年|截至|截止|目前(?!正值|正处|正是|处于)|累计|共(?!同)|已)")
# …and so does a clause that counts what was done (要求各镇街全面排查矛盾纠纷，化解纠纷132件): a demand
# names tasks, not their tallies — unless the count is itself asked for (确保每季度至少开展1次, 不少于40学时)
# (要 and 应 as the words of a demand only: not 主要/重要/需要 nor 应急/应诉/应用/对应)
_DEMAND_TARGET = regex_cache.compile(r"确保|务必|必须|(?<![主重需纪概摘提必])要(?!求|点|件|素|害|闻)|应当|(?<![对响适相])应(?!急|诉|用|对|答|聘|征)"
                                     r"|力争|争取|不少于|不低于|至少|达到|每")


def _demand_ended(norm: str, cs: int, ce: int) -> bool:
    """Whether clause [cs, ce) goes on to report the year's work after a demand (cues.DEMAND_OPENER)."""
    return (_DEMAND_ENDS.match(norm, cs, ce) is not None
            or (QUANTITY_AT_STARTS.search(norm, cs, ce) is not None and _DEMAND_TARGET.search(norm, cs, ce) is None))


# The tasks a meeting deployed, one clause each after it (党组召开会议，研究部署…，推进…建设，做好…
# 工作): a task verb opens each, and none counts anything done.
_AGENDA_TASK = regex_cache.compile(r"\s*(推进|做好|抓好|加强|落实|全面(实施|推进|落实)|深入(推进|开展)|扎实(推进|做好))(?![^,，;；]*\d)")


def _on_agenda(norm: str, earlier: list[tuple[int, int]]) -> bool:
    """Does a clause go on with a meeting's agenda: one of the ``earlier`` clauses, in a sentence
    that names the meeting held, opens the deployment, and only task clauses stand between?"""
    for a, b in reversed(earlier):
        piece = norm[a:b]
        if AGENDA_CLAUSE.search(piece):
            return MEETING_HELD.search(norm, 0, b) is not None
        if not _AGENDA_TASK.match(piece):
            return False
    return False


# (BASIS_OPENER is matched at the start of every clause of the sentences judged: most clauses
# open with none of the characters its branches open with, which is told at a glance)
_BASIS_OPENER_AT_STARTS = searched_at_starts(BASIS_OPENER)


def _view(sentence: Sentence, role: str, options: MatchOptions, issuer: str | None = None,
          unit: str | None = None) -> _SentenceView:
    """``issuer``: the page's issuer (Segmented.issuer); ``unit``: the unit the report is of —
    the issuer, or where the page gives none, the opening's subject (_opening_subject)."""
    norm = sentence.norm
    titles = title_spans(norm) if options.titles else ()
    if not titles:  # most sentences: nothing below to work out
        return _SentenceView(sentence, role, (), _NONE, _NONE, _NONE)
    law_like = [bool(LAW_TITLE.search(norm[s:e]) or BOOK_TITLE.search(norm[s:e])) for s, e in titles]
    # A title the text ends inside may have been a law's or a higher body's: it is taken for the
    # department's own only where the sentence says the department made it (印发《关于进一步规范).
    for i, (s, e) in enumerate(titles):
        if not norm.startswith("》", e - 1) and not OWN_DOCUMENT_VERB.search(norm[max(0, s - _VERB_WIDTH):s]):
            law_like[i] = True
    # (a local 《…条例》 or 《…法》 is legislation — 《天津市优化营商环境条例》 — not a
    # department's own document)
    local = [bool(LOCAL_TITLE.match(norm[s:e])) and not LEGISLATION_TITLE.search(norm[s:e]) for s, e in titles]
    # A law or a higher authority's rules: a term inside names the law, not the work. A local
    # body's own 《…办法》 is a document of the work, whatever its name ends in.
    before = _words_before(norm, titles, _VERB_WIDTH)
    # (each test of the words before and after a title, once: several of the sets below ask it)
    made = [OWN_DOCUMENT_VERB.search(b) is not None for b in before]
    # ((r18) …or the notice's own formula after the title, 现将《…》印发给你们: the body issuing it
    # makes it; not 转发, another's passed on)
    made = [m or _ISSUED_TO.match(norm, _past_number(norm, e)) is not None for m, (_, e) in zip(made, titles)]
    lectured = [LECTURED.search(b) is not None for b in before]
    after_lists = _after_lists(norm, titles)
    spirit = [_spirit_followed(norm, a) for a in after_lists]
    # (a title lectured on or studied is what was taught — 讲授《…执法系统》等内容 —, so the terms
    # inside it name the lesson, not the work)
    # (…and so is one whose study or publicity is said after it or its list: 加强《…办法》等新规
    # 释法宣传, 以《…》为主题 — cues.STUDIED_AFTER)
    studied = [_studied_after(norm, t, a) and not m for t, a, m in zip(titles, after_lists, made)]
    law = frozenset(i for i in range(len(titles))
                    if (law_like[i] and not local[i] or lectured[i] or studied[i]) and not made[i])
    cited = frozenset(i for i in law if CITED_AS_BASIS.search(before[i]))
    window = _words_before(norm, titles, 14)
    # (a title said to be a higher body's, 执行上级印发的《…》: another's document applied — cues.HIGHER_ISSUED)
    higher = [HIGHER_ISSUED.search(w) is not None for w in window]
    own = frozenset(i for i in range(len(titles)) if _own_document(before[i], law_like[i], local[i])
                    and (made[i] or not _another_governments(norm[titles[i][0]:titles[i][1]], issuer))
                    and not spirit[i] and not studied[i] and not higher[i])
    # A local document carried out (贯彻执行《桐溪区法治政府建设实施方案》), not made, is the basis of
    # the work like a cited one: detail only for the requirement its title names, as the
    # issuer's own cited below (a higher body's cited is no detail; the unit's own rules on
    # a requirement are). Dev +4 / −2 against counting it for every requirement of the sentence.
    # (a title opened by the unit itself, 《局党组关于…的实施细则》, stays its own)
    cited_own = {i for i in own if APPLIED.search(before[i]) and not made[i]
                 and not _SELF_TITLE.match(norm, titles[i][0])}
    own = own - cited_own
    for i in range(len(titles)):
        if i in own or lectured[i] or studied[i] or spirit[i]:
            continue
        # (the issuer itself named before the title: 严格执行本局《…》, 执行生态环境局《…》)
        verb = _without_issuer(window[i], unit or issuer)
        if verb is not None:
            verb_before = verb[-8:]
        elif _issuers_own(norm[titles[i][0]:titles[i][1]], unit or issuer):
            verb_before = before[i]
        else:
            continue
        if CITED_AS_BASIS.search(verb_before) or APPLIED.search(verb_before):
            cited_own.add(i)
    cited_own = frozenset(cited_own)
    return _SentenceView(sentence, role, titles, law, cited, own, cited_own)


# The characters before a title that its verb is looked for in: the longest of cues' verb
# phrases, 印发并扎实推动落实《…》 (made and carried out: the unit's own), is ten.
_VERB_WIDTH = 10


def _words_before(norm: str, titles: tuple[tuple[int, int], ...], width: int) -> list[str]:
    """The ``width`` characters before each title; the items of a list share the words before
    its first item (学习《A》《B》《C》, 印发《A》和《B》)."""
    before = []
    for s, _ in titles:
        # (the issuing bodies named between the verb and the title are not the words before it:
        # 认真落实中共中央、国务院《…》, 贯彻省委办公厅、省政府办公厅《…》)
        m = _ISSUERS_BEFORE.search(norm, max(0, s - 24), s)
        s = m.start() if m else s
        before.append(norm[max(0, s - width):s])
    for i in range(1, len(titles)):
        if _LISTED_AFTER.match(norm[titles[i - 1][1]:titles[i][0]]):
            before[i] = before[i - 1]
    return before


_ISSUERS_BEFORE = regex_cache.compile(
    r"(?:(?:中共中央|党中央|国务院|中央|全国人大常委会|(?:省|市|区|县|州)(?:委|政府|人大常委会))(?:办公厅|办公室)?[、和及与]?){1,4}$")


def _after_lists(norm: str, titles: tuple[tuple[int, int], ...]) -> list[int]:
    """For each title, the offset after the list it stands in (its last item and that item's
    document number): where what is said of the whole list begins (《A》、《B》等文件精神)."""
    after = [0] * len(titles)
    end = len(titles) - 1
    for i in range(len(titles) - 1, -1, -1):
        if i < end and not _LISTED_AFTER.match(norm[titles[i][1]:titles[i + 1][0]]):
            end = i
        after[i] = _past_number(norm, titles[end][1])
    return after


def _studied_after(norm: str, title: tuple[int, int], after_list: int) -> bool:
    """Is the title, or the list it stands in, followed by its study or publicity
    (《A》《B》等内容的学习宣传, 《…》等新规释法宣传, 以《…》为主题: cues.STUDIED_AFTER)?"""
    return STUDIED_AFTER.match(norm, after_list) is not None and not STUDIED_AFTER_EVENT.search(norm, *title)


def _spirit_followed(norm: str, after_list: int) -> bool:
    """Is the title, or the list it stands in, followed as a spirit (…精神和《A》、《B》等文件精神)?

    Documents whose spirit is carried out are the basis of the work, whatever verb stands
    before the list (the catalogue: a citation of a document as the basis is not detail)."""
    return SPIRIT_OF_LIST.match(norm, after_list) is not None


_NONE: frozenset[int] = frozenset()
_ISSUED_TO = regex_cache.compile(r"(印发给|印发到|下发给)(你们|各)")


def _another_governments(title: str, issuer: str | None) -> bool:
    """Is this 《title》 a government's or Party committee's document that is not the issuer's?

    A township applying 《渠县人民政府2024年法治政府建设重点工作安排》, or a bureau
    《中山市2020年依法行政工作要点》, cites a higher body's plan: not its own work. Only a
    report whose issuer is known, and is not that government itself, is judged so.
    """
    if not issuer:
        return False
    m = GOVERNMENT_TITLE.match(title)
    if m is None:
        return False
    place = m.group("place")
    own_government = place in issuer and not ISSUER_BELOW_GOVERNMENT.search(issuer.split(place, 1)[1])
    return not own_government


# (a title's document number, 《…清单》(慈党办〔2021〕18号), belongs to it: the list goes on after it)
_LISTED_AFTER = regex_cache.compile(r"^(\([^()]{0,30}号\))?[、，,和及与以及\s]*$")
_DOCUMENT_NUMBER = regex_cache.compile(r"\([^()]{0,30}号\)")


def _past_number(norm: str, end: int) -> int:
    """The offset after a title ending at ``end`` and its document number, if one follows it."""
    m = _DOCUMENT_NUMBER.match(norm, end)
    return m.end() if m else end


# The report's issuer as the opening of a title: its place with the government (江汉区人民政府 →
# 江汉区), or the body below a place's level (内蒙古自治区生态环境厅 → 自治区生态环境厅).
_GOVERNMENT_END = regex_cache.compile(r"(人民政府|政府)$")
_ISSUER_BODY = regex_cache.compile(r"(?P<level>自治区|省|市|县|区|州|盟|旗|乡|镇|街道)(?P<body>[\u4e00-\u9fff]{2,12}(局|厅|委员会|委|办公室|中心))$")
_GOVERNMENT_LEVEL = regex_cache.compile(r"(省|市|县|区|州|盟|旗|乡|镇)(人民政府|政府)$")
_TITLE_YEAR = regex_cache.compile(r"^《(20\d\d年度?)?")


def _issuers_own(title: str, issuer: str | None) -> bool:
    """Does this 《title》 open with the report's own issuer — its own government (《江汉区…》 in
    江汉区人民政府's report) or its own body (《自治区生态环境厅…》 in 内蒙古自治区生态环境厅's)?"""
    if not issuer:
        return False
    name = title[_TITLE_YEAR.match(title).end():]
    base = _GOVERNMENT_END.sub("", issuer)
    if len(base) >= 2 and name.startswith(base):
        return True
    # (its government by its level alone: 《州人民政府…》 in 延边州人民政府's report)
    level = _GOVERNMENT_LEVEL.search(issuer)
    if level and name.startswith(level.group(1) + level.group(2)):
        return True
    m = _ISSUER_BODY.search(issuer)
    if m is None:
        return False
    return any(name.startswith(prefix + m.group("body")) for prefix in (issuer[:m.start("body")], m.group("level"), "本"))


_SELF_TITLE = regex_cache.compile(r"《(本|我)?(局|厅|委|办)(党组|党委|机关|关于)")
# (本局, 我委: the unit itself; not 本市, 本县 — in a department's report, its government)
_SELF = regex_cache.compile(r"(本|我)(局|委|厅|办|单位|部门)$")


def _without_issuer(before: str, issuer: str | None) -> str | None:
    """The words before a title without the issuer's own name at their end (执行本局《…》,
    执行生态环境局《…》 in 区生态环境局's report), or None when the issuer is not named there."""
    m = _SELF.search(before)
    if m:
        return before[:m.start()]
    if not issuer:
        return None
    body = _ISSUER_BODY.search(issuer)
    name = body.group("body") if body else _GOVERNMENT_END.sub("", issuer)
    if len(name) >= 3 and before.endswith(name):
        return before[:-len(name)]
    return None


def _own_document(before: str, law_like: bool, local: bool) -> bool:
    """Is this 《title》 the department's own document (detail of its work)?

    印发《…》 makes it so; 学习/根据《…》 never. 落实《市科技局…制度》 applies its own rules, but
    落实《重庆市…规定》 or 落实《湖南省…方案》 cites a higher one. With no verb, a local title or
    one that is not named like a law is the department's own.
    """
    if OWN_DOCUMENT_VERB.search(before):
        return True
    if STUDIED_OR_CITED.search(before):
        return False
    if APPLIED.search(before):
        return local and not law_like
    return local or not law_like


def _details(norm: str, titles: tuple[tuple[int, int], ...], own: frozenset[int], outside: str) -> list[tuple[int, str]]:
    """Every piece of checkable detail in the sentence as the catalogue defines it: (offset, text).

    ``outside``: the sentence with its titles blanked."""
    if "“" in outside:
        outside = _blank(outside, tuple(m.span() for m in QUOTED_NAME.finditer(outside)))
    if "12月31日" in outside:
        outside = _blank(outside, tuple(m.span() for m in REPORTING_PERIOD.finditer(outside)))
    found = list(quantities(outside))
    found += [(s, outside[s:e]) for s, e, _ in find_dates(outside)]
    if "月" in outside:  # every PARTIAL_DATE names a month (tests/test_prefilter.py checks)
        found += [(m.start(), m.group(0)) for m in PARTIAL_DATE_AT_STARTS.finditer(outside)]
    # A title is detail when it names the department's own document, listed or not (a
    # requirement named only inside a list of 《…制度》 is capped at asserted elsewhere:
    # that shows a rule exists, not what was done with it).
    found += [(s, norm[s:e]) for i, (s, e) in enumerate(titles) if i in own]
    # The named kinds are costly patterns that need one of a few words: look for those first.
    if _PLATFORM_HINTS.search(outside):
        found += [(s, outside[s:e]) for s, e in _split_cue("PLATFORM").spans(outside)
                  if not GENERIC_PLATFORM.match(outside[s:e]) and not SECTOR.search(outside[max(0, s - 3):e])]
    if _EVENT_HINTS.search(outside):
        found += [(s, outside[s:e]) for s, e in _split_cue("NAMED_EVENT").spans(outside)
                  if not _studied_meeting(outside, s, e)]
    if _BODY_HINTS.search(outside) and NAMED_BODY_GUARD.search(outside):
        found += [(s, outside[s:e]) for s, e in _split_cue("NAMED_BODY").spans(outside)]
    if "年" in outside:  # (every UNBRACKETED_DOCUMENT names its year)
        found += [(m.start(), m.group(0)) for m in UNBRACKETED_DOCUMENT.finditer(outside)]
    if _HONOUR_HINTS.search(outside):
        found += [(m.start(), m.group(0)) for m in HONOUR.finditer(outside)]
    if _PERSON_HINTS.search(outside):
        found += [(m.start(), m.group(0)) for m in NAMED_PERSON.finditer(outside)]
    return sorted(found)


def _studied_meeting(text: str, start: int, end: int) -> bool:
    """A numbered meeting (第三次会议) whose spirit is studied: a higher body's, cited, not held."""
    if not text.startswith("第", start):
        return False
    return bool(STUDIED_MEETING_AFTER.search(text[end:]) or STUDIED_MEETING_BEFORE.search(text[:start]))


class _SplitCue:
    """A cue searched branch by branch (its top-level alternatives), each branch only in
    texts holding the words cues.BRANCH_WORDS gives it: the spans the whole cue's finditer
    finds (_first_alternative_matches), without trying its costliest branches at every
    position of every sentence. PLATFORM's local-platform branch alone, a lookbehind of 17
    alternatives and a lookahead of 60 tried everywhere, was a tenth of match time.

    The words of all the branches are found in one pass of an automaton: a search for
    each branch's words in turn cost as much as the branches left to search (callgrind:
    the three cues 4.8 → 3.7 M instructions a report)."""

    def __init__(self, pattern: re.Pattern[str], words: dict[int, tuple[tuple[str, ...], ...]]):
        self.whole = pattern
        branches = _branches(pattern.pattern)
        if pattern.flags & ~re.UNICODE or any(_NUMBERED_REFERENCE.search(b) for b in branches):
            branches, words = (pattern.pattern,), {}  # the branches alone would not be the same patterns
        # each branch, and the sets of words it needs one of each
        self.branches = [(regex_cache.compile(branch), tuple(frozenset(w) for w in words.get(k, ())))
                         for k, branch in enumerate(branches)]
        every_word = sorted({w for needs in words.values() for alternatives in needs for w in alternatives})
        self._words = ahocorasick_rs.AhoCorasick(every_word) if every_word else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        present = set(self._words.find_matches_as_strings(text, overlapping=True)) if self._words else set()
        live = []
        for branch, needs in self.branches:
            for alternatives in needs:
                if present.isdisjoint(alternatives):
                    break
            else:
                live.append(branch)
        return _first_alternative_matches(live, text, self.whole) if live else []


@lru_cache(maxsize=None)
def _split_cue(name: str) -> _SplitCue:
    """Made on first use: most commands never judge a sentence."""
    cue = {"PLATFORM": PLATFORM, "NAMED_EVENT": NAMED_EVENT, "NAMED_BODY": NAMED_BODY}[name]
    return _SplitCue(cue, BRANCH_WORDS[name])


def _one_of_words(*words: str) -> re.Pattern[str]:
    """A search for any of the words: one pass, where testing each word in turn took five
    for every sentence judged done."""
    return regex_cache.compile("|".join(map(re.escape, words)))


# Words without which PLATFORM, NAMED_EVENT, NAMED_BODY and NAMED_PERSON cannot match.
_PLATFORM_HINTS = _one_of_words("平台", "系统", "网", "APP", "App", "app", "小程序", "公众号", "“", "在线学习中心")
_EVENT_HINTS = _one_of_words("日", "周", "月", "宣誓", "赛", "活动", "专项", "“", "\"", "班", "轮训", "讲座", "论坛", "会议", "全会", "会", "考试",
                               "考核", "考评")
_BODY_HINTS = _one_of_words("人大", "政协", "纪检监察组", "代表", "委员", "法院", "检察院", "“", "配合", "接受", "迎接", "协助",
                             "联合", "会同", "邀请", "特邀", "中央", "国务院", "省委", "省政府", "律师事务所", "依法治", "大学", "学院",
                              "市委", "县委", "区委", "州委", "述法", "报告", "报送", "汇报", "提交", "呈报", "提报", "审计", "纪委", "监委",
                              "带队", "率队")
_HONOUR_HINTS = _one_of_words("获", "评为", "入选", "确定为", "命名", "列为", "创建", "推广", "肯定", "表扬", "考评", "考核", "评估", "测评", "推荐为", "申报", "表彰", "认定")
# ((r13) 专家/学者/大家/名家: the kind after a list of invited speakers' names, cues.NAMED_PERSON's last branch)
# ((r16) 强调/指出: a speaker named before what he stressed, NAMED_PERSON's speaker branch)
# ((r19) 述法/述职/履职回顾: the speaker named before the 述法 he gave, the same branch)
_PERSON_HINTS = _one_of_words("长", "书记", "主任", "教授", "研究员", "同志", "律师", "法官", "检察官", "专家", "学者", "大家", "名家",
                              "强调", "指出", "述法", "述职", "履职回顾")


# What turns a match into the name of a law written without 《》 (学习行政复议法、行政诉讼法):
# 法 that does not begin another word (法律, 法治, 法定…). Not 条例: a local regulation may be
# the government's own drafting (提请审议…社会信用条例等16部法规), which is work on it.
_LAW_NAME_AFTER = regex_cache.compile(r"法(?![律治规制定院官人务庭学援典])")


def _blank(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _title_index(view: _SentenceView, start: int, end: int) -> int | None:
    for i, (s, e) in enumerate(view.titles):
        if s <= start and end <= e:
            return i
    return None


def _find(compiled: CompiledRule, view: _SentenceView, alternatives: list[re.Pattern[str]] | None = None,
          excluded: bool | None = None, together: int | None = None) -> tuple[list[tuple[int, int]], bool] | None:
    """Matched spans, and whether they all lie inside listed/own-document titles (→ capped).

    ``alternatives``: those of the rule's any_of that may match the sentence, when the
    prefilter knows (_Scanner.alternatives); None: any_of is searched whole. ``excluded``:
    whether the rule's exclude matches the sentence, when the prefilter knows. ``together``:
    bit k set when the rule's `together` group k may match the sentence's own text, when the
    prefilter knows (_Scanner.candidates_and_groups); a sentence without titles has no other text to look in.
    Returns None when the rule does not match this sentence.
    """
    norm = view.sentence.norm
    if compiled.exclude is not None and (compiled.exclude.search(norm) if excluded is None else excluded):
        return None
    spans: list[tuple[int, int]] = []
    applied: list[tuple[int, int]] = []  # inside a title the sentence carries out: never a basis citation
    in_title_only = True
    if compiled.any_of is not None:
        if alternatives is None:
            matches: Iterable[tuple[int, int]] = (m.span() for m in compiled.any_of.finditer(norm))
        else:
            matches = _first_alternative_matches(alternatives, norm, compiled.any_of) if alternatives else ()
        for start, end in matches:
            if end == start:
                continue
            t = _title_index(view, start, end)
            if t is not None and t in view.law_titles:
                # A law's or a higher authority's name, not the work — unless the sentence
                # applies it (落实《党政主要负责人履行推进法治建设第一责任人职责规定》): carrying
                # out the rules of the requirement itself is a mention of it, asserted at most
                # (the title is never detail; a basis clause, 根据/贯彻…《》 at its start, is
                # dropped below as not work).
                if _applied(view, t):
                    applied.append((start, end))
                    in_title_only = False
                continue
            if t is None and _LAW_NAME_AFTER.match(norm, end):
                continue  # 行政复议法, 行政诉讼法 unquoted: the law's name, not the work
            spans.append((start, end))
            in_title_only &= t is not None
    skip = 0 if together is None or view.titles else ~together  # (the groups that cannot match)
    for k, group in enumerate(compiled.together):
        if skip >> k & 1:
            continue
        found = _together(group, view)
        if found:
            spans.extend(found[0])
            in_title_only &= found[1]
    if spans:
        kept = [sp for sp in spans if not _in_not_work(view, sp)]
        if len(kept) < len(spans) and compiled.any_of is not None:
            kept += _after_not_work(compiled, view, [sp for sp in spans if sp not in kept], kept)
        spans = kept
    spans += applied
    if not spans:
        return None
    return sorted(set(spans)), in_title_only


def _after_not_work(compiled: CompiledRule, view: _SentenceView, dropped: list[tuple[int, int]],
                    kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Matches hidden by a dropped one: a match that starts in a stretch that is not work (a remit,
    明确由法制科负责重大执法决定法制审核工作，全年审核重大执法决定23件) may run on past it and
    swallow the match of the work reported after it. The sentence is searched again from the end
    of the dropped match's clause; what is found there, not itself in such a stretch, stands."""
    norm = view.sentence.norm
    out: list[tuple[int, int]] = []
    for start, end in dropped:
        c = view.clause_of(start)
        pos = view.clauses[c][1]
        if pos >= end:
            continue  # (the dropped match kept to its clause: it hid nothing)
        # only a clause that is not work to its end (a remit, an agenda), and not a basis cited
        # (根据…印发《…》，结合…《…》): what follows a basis goes on citing
        if not any(a <= start < b and b >= pos for a, b, _ in view.not_work(c)) \
                or _BASIS_OPENER_AT_STARTS.match(norm[slice(*view.clauses[c])]):
            continue
        for m in compiled.any_of.finditer(norm, pos):
            sp = m.span()
            if sp[1] == sp[0] or sp in kept or sp in out:
                continue
            t = _title_index(view, *sp)
            if t is not None and t in view.law_titles:
                continue
            if not _in_not_work(view, sp):
                out.append(sp)
    return out


def _own_titles_matched(view: _SentenceView, spans: list[tuple[int, int]]) -> Iterator[str]:
    """The department's own documents whose titles hold one of the matches, in match order."""
    for start, end in spans:
        t = _title_index(view, start, end)
        if t is not None and t in view.own_titles:
            s, e = view.titles[t]
            yield view.sentence.norm[s:e]


def _names_a_document(view: _SentenceView, spans: list[tuple[int, int]]) -> bool:
    """Does a title holding one of the matches name a particular own document (cues.NAMED_DOCUMENT)?"""
    return any(NAMED_DOCUMENT.search(title) for title in _own_titles_matched(view, spans))


def _matched_title(view: _SentenceView, spans: list[tuple[int, int]]) -> str | None:
    """The department's own document whose title holds the match: the detail about this
    requirement, rather than whichever title the sentence lists first (制定了《…重大行政决策
    暂行规定》《关于进一步加强规范性文件合法性审查工作的通知》: the second is the review's)."""
    return next(_own_titles_matched(view, spans), None)


def _in_not_work(view: _SentenceView, span: tuple[int, int]) -> bool:
    """The span stands where work is named without being reported done."""
    for start, end, cues in view.not_work(view.clause_of(span[0])):
        if start <= span[0] < end:
            # the agenda's own cue inside the match: the match is the deployment itself
            if cues is None or not any(span[0] < cue_end and cue_start < span[1] for cue_start, cue_end in cues):
                return True
    return False


def _applied(view: _SentenceView, title: int) -> bool:
    """Is the title applied (落实/贯彻/执行/遵守《…》) rather than studied or cited? Not when
    it is its spirit that is followed (贯彻落实《…规定》的精神): that is the basis cited."""
    start, end = view.titles[title]
    norm = view.sentence.norm
    return bool(APPLIED.search(norm[max(0, start - 8):start])) and not SPIRIT_AFTER.match(norm, end)


def _together(group: tuple[re.Pattern[str], ...], view: _SentenceView) -> tuple[list[tuple[int, int]], bool] | None:
    """All patterns of the group in one zone: the text outside titles, or one own-document title."""
    norm = view.sentence.norm
    if not view.titles:  # most sentences: the one zone is the sentence
        found = []
        for pattern in group:
            m = pattern.search(norm)
            if m is None or m.end() == m.start():
                return None
            found.append(m.span())
        return found, False
    zones: list[tuple[int, int, bool]] = [(0, len(norm), False)]
    zones += [(s, e, True) for i, (s, e) in enumerate(view.titles) if i not in view.law_titles]
    outside = view.outside
    for start, end, is_title in zones:
        text = norm[start:end] if is_title else outside
        found = []
        for pattern in group:
            m = pattern.search(text)
            if m is None or m.end() == m.start():
                break
            found.append((start + m.start(), start + m.end()) if is_title else (m.start(), m.end()))
        else:
            return found, is_title
    return None


_CLAUSE_END = regex_cache.compile(r"[,，:：;；]")


def _clauses(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE_END.finditer(norm):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(norm)))
    return out


def _negated(view: _SentenceView, spans: list[tuple[int, int]]) -> str | None:
    """A negation in the clause of a match, or in the clause right after it.

    Each clause is looked at once, however many matches and rules it holds: a long clause
    full of matches made this quadratic (a 400 KB line without punctuation took 12 s)."""
    for i in dict.fromkeys(view.clause_of(s) for s, _ in spans):
        negation = view.negation(i)
        if negation:
            return negation
    return None


def _planned(norm: str, year: int | None) -> str | None:
    m = (PLAN_OPENER.match(norm) or PLAN_SUBJECT.search(norm) or PLAN_LEAD.match(norm) or FUTURE_DATE.match(norm)
         or PLAN_WITHIN.match(norm))
    if m:
        return m.group(0).strip()
    # (r16) …or the plan after a clause of basis or time (cues.PLAN_BASIS_LEAD)
    lead = PLAN_BASIS_LEAD.match(norm)
    if lead:
        rest = norm[lead.end():]
        m = PLAN_OPENER.match(rest) or PLAN_LEAD.match(rest) or FUTURE_DATE.match(rest)
        if m:
            return m.group(0).strip()
    m = YEAR_OPENER.match(norm)
    if m and year is not None and int(m.group(1)) > year and re.search(r"将|要|计划|拟|力争", norm[:40]):
        return m.group(0).strip()
    m = INTENT_YEAR.match(norm)
    if m and year is not None and int(m.group("year")) > year:
        return m.group(0).strip()
    # (r19) a hearing or consultation announced, not yet held (cues.ANNOUNCED_MEETING)
    m = ANNOUNCED_MEETING.search(norm)
    if m:
        return m.group(0).strip(",， ")
    # (r18) a target for a year to come, or a plan's target cited from it (cues.TARGET_YEAR)
    m = TARGET_YEAR.match(norm)
    if m and (m.group("plan") or (year is not None and int(m.group("year")) > year
                                  and not TARGET_REACHED.search(norm[m.end():m.end() + 30]))):
        return m.group(0).strip()
    return None


def _cited_own_title(compiled: CompiledRule, view: _SentenceView) -> str | None:
    """The issuer's own document, cited or applied in the sentence, whose title names this
    requirement (按照《衢江区党政主要负责人履行推进法治建设第一责任人职责清单》要求 for the first
    responsible person): the unit's own rules on it, detail for it (the catalogue: the
    department's own named document; only a higher authority's cited as the basis is none)."""
    if compiled.any_of is None:
        return None
    norm = view.sentence.norm
    for t in sorted(view.cited_own_titles):
        title = norm[view.titles[t][0]:view.titles[t][1]]
        if compiled.any_of.search(title):
            return title
    return None


def _judge(view: _SentenceView, spans: list[tuple[int, int]], in_title_only: bool, year: int | None,
           options: MatchOptions, scope: frozenset[int] | None = None,
           own_cited: str | None = None) -> tuple[str, str]:
    """(status, reason) for one evidence sentence.

    ``scope``: the clauses whose detail is about this requirement (None: the whole sentence).
    ``own_cited``: the issuer's own document cited in the sentence whose title names this requirement.
    """
    norm = view.sentence.norm
    if options.roles and view.role == "shortcomings":
        return "deficient", "出现在“不足和原因”部分"
    if options.roles and view.role == "next_year":
        return "planned", "出现在“下一年度安排”部分"
    negation = _negated(view, spans) if options.cues else None
    if negation:
        return "deficient", f"表述为未做到或不到位（“{negation}”）"
    plan = _planned(norm, year) if options.cues else None
    if plan:
        return "planned", f"表述为今后打算（“{plan}”）"
    if (in_title_only and len(view.titles) >= TITLE_LIST_MIN and not _names_a_document(view, spans)
            and not LIST_ADOPTED.match(norm, view.titles[-1][1])):
        return "asserted", f"仅在所列{len(view.titles)}份文件名中提及，未说明如何落实"
    detail = (_matched_title(view, spans) if in_title_only else None) or own_cited
    detail = detail or next((text for clause, text in view.details if scope is None or clause in scope), None)
    if detail:
        return "substantiated", f"有可核查细节：{detail}"
    if view.details and scope is not None:
        return "asserted", f"同句的细节（{view.details[0][1]}）属于其他事项，本项只有泛泛表述"
    return "asserted", "仅有泛泛表述，同句无数量、文件名、日期或具名平台"


def _scope(view: _SentenceView, spans: list[tuple[int, int]], others: set[int]) -> frozenset[int]:
    """The clauses a requirement's detail may come from: those of its own matches, and the
    neighbouring clauses that no other requirement claims (开展案卷评查，共评查案卷35卷: the
    second clause carries on the first; 办理行政许可36件，全面推行三项制度: the permits'
    clause is claimed by the permits, so its 36 is not the three systems' detail).

    Both directions: a clause before the match that no rule claims is usually its setting
    (依托省执法监督平台，公示执法信息…). Walking forward only lowered in-play accuracy on
    the real dev fold and the seeds when it was tried (in-play 0.629 → 0.623 and 0.899 → 0.826)."""
    own = {view.clause_of(s) for s, _ in spans}
    scope = set(own)
    # (walking forward, a clause of the year's enforcement caseload ends it: 全面落实三项制度，
    # 全年办理行政处罚案件36件 — the catalogue's own example of a figure that is another
    # matter's. Walking back it is the setting the requirement is applied to only when the
    # requirement's clause takes those cases up: 全年查处案件1,286件，办案全程落实执法全过程记录制度.)
    # (…and walking forward, a clause stating what the work served — 助力我县成功创建…示范县,
    # 推动…任务完成75% — is passed over: its figures are the area's outcome, cues.RESULT_CLAUSE)
    forward_stop = others | view.caseload
    norm = view.sentence.norm
    # (a clause of this requirement that says what the clause before it covered — 评查案卷126卷，
    # 涵盖执法公示、全过程记录… — takes that clause's figure, claimed by another or not)
    scope |= {c - 1 for c in own if c > 0 and COVERING_CLAUSE.match(norm, view.clauses[c][0])}
    # (walking back, the caseload ends it too unless the requirement's clause takes up those
    # cases: 作出处罚决定215件，认真落实法制审核制度 is asserted; …74件，均经法制审核 is not;
    # cues.OTHER_WORK_BEFORE ends the walk back only)
    volume = view.caseload | view.volume_before
    others_or_volume = others | volume
    for c in own:
        back_stop = others if not volume or TAKES_UP_CASES.search(norm, *view.clauses[c]) \
            or ALL_THE_CASES.match(norm, *view.clauses[c]) else others_or_volume
        for step in (1, -1):
            stop = forward_stop if step == 1 else back_stop
            i = c + step
            while 0 <= i < len(view.clauses) and i not in stop and i not in own:
                if step == -1 or not RESULT_CLAUSE.match(norm, *view.clauses[i]):
                    scope.add(i)
                i += step
    return frozenset(scope)


@dataclass(frozen=True)
class _Body:
    """The sentences a rule may draw evidence from."""

    views: list[_SentenceView]


def _prefilter_of(rules: tuple[CompiledRule, ...]) -> Prefilter:
    # each rule, then each rule's exclude branches as the scans of a rule of their own
    return build_prefilter(tuple((c.literals, c.scans, c.groups) for c in rules)
                           + tuple(((), c.excludes, ()) for c in rules if c.excludes))


@lru_cache(maxsize=8)
def _ruleset_prefilter(ruleset: Ruleset) -> Prefilter:
    """The prefilter of the ruleset's element rules, kept by the ruleset: build_prefilter's
    own cache is keyed by every rule's terms and scans, ~0.1 ms a report to hash."""
    return _prefilter_of(compile_ruleset(ruleset))


class _Scanner:
    """The candidate sentences of every element rule in one body, found in one pass of
    the rules' literal automaton (scorer.prefilter) and shared by every rule that uses
    a literal or a scan (三项制度 is a term of three rules)."""

    def __init__(self, body: _Body, rules: Iterable[CompiledRule], prefilter: Prefilter | None = None):
        """``prefilter``: the rules' own (_prefilter_of), when the caller keeps it."""
        prefilter = prefilter or _prefilter_of(tuple(rules))
        self.found = Candidates(prefilter, [v.sentence.norm for v in body.views], _regex)

    def excluded(self, compiled: CompiledRule, among: int | None = None) -> int | None:
        """The sentences (bit n: sentence n) where the rule's exclude matches, of ``among``
        only when given; None: unknown."""
        if compiled.excludes is None:
            return None
        return self.found.matching(compiled.excludes, among)

    def candidates(self, compiled: CompiledRule) -> list[int]:
        return self.found.of_rule(compiled.literals, compiled.scans, compiled.groups)

    def candidates_and_groups(self, compiled: CompiledRule) -> tuple[int, list[int]]:
        """The candidates (bit n: sentence n), and per `together` group of the rule the
        sentences where it may match the sentence's own text: elsewhere the group's first
        pattern has no match in the sentence (the scans are looser than it), or another of
        its patterns lacks a literal it needs."""
        return self.found.of_rule_and_groups(compiled.literals, compiled.scans, compiled.groups)

    def alternatives(self, compiled: CompiledRule) -> dict[int, list[re.Pattern[str]]] | None:
        """Candidate sentence → the alternatives of the rule's any_of that may match it, in
        order (a sentence none may match is left out); None: search it with any_of whole.
        Asked after candidates(), whose scans it reuses."""
        if compiled.alternatives is None:
            return None
        where: dict[int, list[re.Pattern[str]]] = {}
        for alt in compiled.alternatives:
            found = self.found.holding(alt.term) if alt.term is not None else self.found.matching(alt.scans)
            if found:
                pattern = _regex(alt.source)
                for i in sentences(found):
                    where.setdefault(i, []).append(pattern)
        return where


_OPTIONAL_START = regex_cache.compile(r"^(\((?:\?:)?[^()|\\\[]*\)|[^\\()\[|.*+?{}^$])(\?|\*|\{0,\d*\})")


def _without_optional_start(pattern: str) -> str:
    """A pattern without the optional pieces it starts with ((重大)?行政决策 → 行政决策): what
    it matches still contains a match of the rest, which now starts with a literal."""
    if "|" in pattern.split("(", 1)[0]:
        return pattern  # a top-level alternation: each branch is scanned on its own
    while True:
        m = _OPTIONAL_START.match(pattern)
        if m is None or m.end() == len(pattern):
            return pattern
        pattern = pattern[m.end():]


@lru_cache(maxsize=4096, typed=True)  # typed: a LinearSource and the same text as str are two entries
def _regex(source: str) -> re.Pattern[str] | _LinearPattern:
    return linear(source) if isinstance(source, LinearSource) else regex_cache.compile(source)


Found = dict[int, tuple[list[tuple[int, int]], bool]]  # body position → (spans, in titles only)


def find_element(compiled: CompiledRule, body: _Body, scanner: _Scanner | None = None) -> Found:
    """Where one element rule matches: the sentences and the spans in each."""
    found: Found = {}
    scanner = scanner or _Scanner(body, [compiled])
    among, groups = scanner.candidates_and_groups(compiled)
    if not among:
        return found
    alternatives = scanner.alternatives(compiled)
    # (the exclude is looked for in the candidates only: elsewhere it changes nothing)
    excluded = scanner.excluded(compiled, among)
    # (sets of sentence numbers to look each sentence up in: shifting a set of n bits to read
    # bit i copies it, quadratic over the 100,000 candidates of a hostile file of short lines)
    excluded_at = None if excluded is None else set(sentences(excluded))
    groups_at = [set(sentences(hits)) for hits in groups]
    for i in sentences(among):
        hit = _find(compiled, body.views[i], None if alternatives is None else alternatives.get(i, []),
                    None if excluded_at is None else i in excluded_at,
                    sum(1 << k for k, at in enumerate(groups_at) if i in at))
        if hit is not None:
            found[i] = hit
    return found


def clause_claims(found_by_rule: dict[str, Found], body: _Body) -> dict[int, dict[int, set[str]]]:
    """body position → clause index → the rules with a match in that clause."""
    claims: dict[int, dict[int, set[str]]] = {}
    for rule_id, found in found_by_rule.items():
        for i, (spans, _) in found.items():
            view = body.views[i]
            for start, _ in spans:
                claims.setdefault(i, {}).setdefault(view.clause_of(start), set()).add(rule_id)
    return claims


def _claimed_by_others(compiled: CompiledRule, view: _SentenceView, claims: dict[int, set[str]]) -> set[int]:
    """The sentence's clauses whose detail is another requirement's: claimed by another
    rule, unless all the others are rules this one shares detail with (Rule.detail_from)
    and the clause reads as that sharing says: it matches `when`, and a clause up to it opens
    with `subject` (the actor whose acts the clause goes on with)."""
    rule_id = compiled.rule.id
    if not compiled.detail_from:  # (most rules, for every sentence they match: no set built per clause)
        return {clause for clause, rules in claims.items() if len(rules) > 1 or rule_id not in rules}
    norm = view.sentence.norm
    others = set()
    for clause, rules in claims.items():
        rest = rules - {rule_id}
        if not rest:
            continue
        start, end = view.clauses[clause]
        if not any(rest <= shared and (when is None or when.search(norm[start:end]))
                   and (subject is None or any(subject.search(norm[s:e]) for s, e in view.clauses[:clause + 1]))
                   for shared, when, subject in compiled.detail_from):
            others.add(clause)
    return others


def judge_element(compiled: CompiledRule, found: Found, claims: dict[int, dict[int, set[str]]], body: _Body,
                  year: int | None, options: MatchOptions,
                  similar: dict[int, tuple[float, str]] | None = None) -> tuple[Evidence, ...]:
    """Evidence for one element rule, each sentence judged with the detail of its own clauses.

    ``similar``: sentence index → (similarity, example) for sentences the similarity signal
    proposes; used only where no pattern matched."""
    evidence = []
    judged = []  # the view index of each evidence entry, in step with ``evidence``
    candidates = set(found)
    if similar:
        candidates |= {i for i, v in enumerate(body.views) if v.sentence.index in similar}
    for i in sorted(candidates):
        view = body.views[i]
        s = view.sentence
        if i not in found:
            sim, example = similar[s.index]
            status, reason = _judge(view, [], False, year, options)
            if status == "substantiated":
                status = "asserted"  # a paraphrase is a lead for the reader, never proof
            reason = f"与规则示例句相似（{sim:.2f}：{example[:24]}）；{reason}"
            evidence.append(Evidence(s.index, s.text, s.start, s.end, view.role, status, reason, (), "similarity"))
            judged.append(i)
            continue
        spans, in_title_only = found[i]
        scope = None
        if options.scoped_detail and compiled.bundle is not None and all(
                compiled.bundle.search(s.norm, start, end) for start, end in spans):
            scope = frozenset(view.clause_of(start) for start, _ in spans)  # a bundle's own clause only
        elif options.scoped_detail:
            scope = _scope(view, spans, _claimed_by_others(compiled, view, claims.get(i, {})))
        if scope is not None and compiled.not_detail is not None:  # (Rule.not_detail: another's clause)
            scope = frozenset(c for c in scope if not compiled.not_detail.search(s.norm[slice(*view.clauses[c])]))
        if scope is not None and compiled.no_detail_when is not None and compiled.no_detail_when.search(s.norm):
            scope = frozenset()  # (Rule.no_detail_when: the whole sentence's detail is another's)
        own_cited = _cited_own_title(compiled, view) if view.cited_own_titles else None
        status, reason = _judge(view, spans, in_title_only, year, options, scope, own_cited)
        # (a heading that admits a gap or plans the task says so itself: only work done is dropped)
        if status in ("asserted", "substantiated") and options.heading_scope \
                and _run_in_over_else(view, spans, claims.get(i, {}), compiled):
            continue
        if status == "asserted" and options.heading_scope and _bodiless_heading(i, body.views):
            continue
        evidence.append(Evidence(s.index, s.text, s.start, s.end, view.role, status, reason, tuple(spans)))
        judged.append(i)
    # Headings this rule matches whose own body is about something else (Rule.heading_over):
    # no evidence themselves, and (b) they lend that body nothing either, its figures being the
    # other work's. Worked out once, for both.
    over = compiled.rule.heading_over if options.heading_scope else ()
    about_else = {i for i in candidates if body.views[i].sentence.is_heading
                  and _body_about_else(i, found, claims, body.views, over)} if over else set()
    if over:
        evidence = [e for e, i in zip(evidence, judged)
                    if not (e.status == "asserted" and (
                        i in about_else or _lead_about_else(i, found, claims, body.views, over)))]
    if options.heading_scope and compiled.rule.heading_scope:
        act = compiled.continued_by if compiled.rule.heading_scope == "act" else None
        heads = {i: v for i, v in found.items() if i not in about_else} if about_else else found
        evidence += _under_heading(heads, claims, body, year, options, act)
    if options.heading_scope and compiled.heading_acts is not None:
        seen = {e.sentence for e in evidence}
        evidence += [e for e in _acts_under_heading(compiled, found, body, year, options) if e.sentence not in seen]
    if options.continuation and compiled.continued_by is not None:
        seen = {e.sentence for e in evidence}
        evidence += [e for e in _carrying_on(compiled, found, claims, body, year, options)
                     if e.sentence not in seen]
    return tuple(evidence)


def _run_in_over_else(view: _SentenceView, spans: list[tuple[int, int]], claims: dict[int, set[str]],
                      compiled: CompiledRule) -> bool:
    """A run-in heading this rule matches only in, whose body after the colon is about something
    else (catalogue: a heading whose own body is about something else is never evidence):
    （五）依法化解社会矛盾纠纷：全年共作出行政许可决定562件 — the body names nothing of the
    heading's requirement, and its opening clause is another requirement's or the year's volume
    of other work (cues.CASELOAD). The heading is marked (一、, （二）, 3.) and ended by a colon; it
    has no detail of its own. A body that this rule matches, or that nothing else claims
    (（五）依法化解社会矛盾纠纷：坚持“枫桥经验”…), leaves the heading as it was; so does a heading
    that admits a gap or plans the task (asked only of a mention judged done)."""
    clauses = view.clauses
    if len(clauses) < 2:
        return False
    norm = view.sentence.norm
    end = clauses[0][1]
    if norm[end:end + 1] not in (":", "：") or _heading_level(norm) < 1:
        return False
    if any(view.clause_of(start) != 0 for start, _ in spans) or any(c == 0 for c, _ in view.details):
        return False
    # (the body's opening clause says what it reports: one that nothing claims, 坚持以公开为常态、
    # 不公开为例外, may be the heading's topic in general words, and leaves the heading be)
    return 1 in _claimed_by_others(compiled, view, claims) or 1 in view.caseload


# A numbered line ended as a sentence (2.全年未发生行政复议案件。, (2)推进政务公开，在门户网站公开…信息。)
# is a point of a list, its own body: only a bare heading line can stand without one.
_SENTENCE_END = regex_cache.compile(r"[。；;！!]\s*$")


def _bodiless_heading(h: int, views: list[_SentenceView]) -> bool:
    """A bare marked heading (四、…, （二）…, 3.…) with no body of its own: the next sentence is a
    heading of its level or above, or the text ends in a run of such headings (catalogue: a
    heading whose own body is not about the task is never evidence; one whose body is not there
    at all shows no work done either — 四、强化行政执法监督 standing alone, a list of the year's
    tasks, a table of contents). Dropped only where judged asserted, as a heading over another
    task's body is (a heading that admits a gap or plans the task says so itself; r29b).
    A heading followed by its sub-headings (（一）…, 1.…) or by any sentence has a body, and a
    numbered line ended as a sentence is a point of a list, not a bare heading."""
    if not views[h].sentence.is_heading or _SENTENCE_END.search(views[h].sentence.norm):
        return False
    level = _heading_level(views[h].sentence.norm)
    if level < 1:
        return False
    if h + 1 >= len(views):
        # (the last line of a text cut short: a heading with body text before it stands for its
        # section, as the real reports' readers take it; one that closes a run of bodiless
        # headings of its level is the end of that list)
        prev = views[h - 1].sentence if h > 0 else None
        return prev is not None and prev.is_heading and _heading_level(prev.norm) == level
    nxt = views[h + 1].sentence
    return nxt.is_heading and _heading_level(nxt.norm) <= level and not _ENUMERATED_LEAD.match(nxt.norm)


# A heading's level by its marker: 一、 above （一） above 1. above （1）; a heading without a
# marker counts as the highest.
_HEADING_LEVELS = tuple(regex_cache.compile(p) for p in (
    r"^\s*[一二三四五六七八九十]{1,20}[、.．]", r"^\s*[（(][一二三四五六七八九十]{1,20}[)）]",
    r"^\s*\d{1,20}[、.．](?!\d)", r"^\s*[（(]\d{1,20}[)）]"))


def _heading_level(norm: str) -> int:
    return next((k + 1 for k, p in enumerate(_HEADING_LEVELS) if p.match(norm)), 0)


def _body_about_else(h: int, found: Found, claims: dict[int, dict[int, set[str]]],
                     views: list[_SentenceView], others: tuple[str, ...]) -> bool:
    """A heading this rule matches whose own body is about something else (catalogue: never
    evidence): the sentences under it, down to the next heading of its level or above, include
    some that one of ``others`` matches and none that this rule does. A section's heading
    (（二）…, 1.…, (1)…) has one topic. A part's heading (一、…) spans several, and no one of
    them makes it about something else: only a body all of whose sentences ``others`` match
    (四、依法化解社会矛盾纠纷 over nothing but 法治宣传活动36场次). An unmarked line never."""
    level = _heading_level(views[h].sentence.norm)
    if level < 1:
        return False
    if level == 1:
        body = []
        i = h + 1
        while i < len(views) and not (views[i].sentence.is_heading and _heading_level(views[i].sentence.norm) <= 1
                                      and not _ENUMERATED_LEAD.match(views[i].sentence.norm)):
            if i in found:
                return False
            if not views[i].sentence.is_heading:
                body.append(i)
            i += 1
        return bool(body) and all(any(rules & set(others) for rules in claims.get(j, {}).values()) for j in body)
    other = False
    i = h + 1
    while i < len(views):
        s = views[i].sentence
        # (an enumerated lead, 一是…, opens a point inside the section: it does not end it)
        if s.is_heading and _heading_level(s.norm) <= level and not _ENUMERATED_LEAD.match(s.norm):
            break
        if i in found:
            return False
        other = other or (not s.is_heading and any(
            rules & set(others) for rules in claims.get(i, {}).values()))
        i += 1
    return other


def _under_heading(found: Found, claims: dict[int, dict[int, set[str]]], body: _Body, year: int | None,
                   options: MatchOptions, act: re.Pattern[str] | None = None) -> list[Evidence]:
    """The body under a heading that names this requirement, as its evidence where it has detail.

    Real writers name the task in the heading and give the figures below it without naming
    it again ((三)加强法治宣传教育 / 走进社区、学校开展主题活动12场), and the readers count
    them for the heading's requirement. Only the sentences up to the next
    heading, only those no requirement matches itself (a sentence that names another task is
    that task's), and only where they have checkable detail: under a heading, a general
    sentence adds nothing to the heading's own assertion, and one that is planned or admitted
    missing is left to the requirements it names. With ``act`` (Rule.heading_scope "act"), only
    those that name the rule's own act (its continued_by): under （一）深入学习贯彻习近平法治思想
    the study counted is the heading's, 开展专题调研50余次 is not.
    """
    views = body.views
    out = []
    for heading, i in _under_matched_headings(found, views):
        if i not in found and i not in claims and (act is None or act.search(views[i].sentence.norm)):
            out += _with_detail(views[i], year, options, f"位于标题“{heading[:30]}”之下", "heading")
    return out


# An enumerated lead (一是落实主体责任。) stands as a heading but opens a point inside its
# section: the section's body goes on past it.
_ENUMERATED_LEAD = regex_cache.compile(r"^\s*[一二三四五六七八九十]{1,20}是")
# A point's own short title, a whole sentence (一是对内从严落实法制审核。, 二是强化执法监督。)
_LEAD_TITLE = regex_cache.compile(r"^\s*[一二三四五六七八九十]{1,20}是[^,，。;；:：]{2,20}[。;；]?\s*$")


def _lead_about_else(h: int, found: Found, claims: dict[int, dict[int, set[str]]],
                     views: list[_SentenceView], others: tuple[str, ...]) -> bool:
    """A point's short title (一是对内从严落实法制审核。) that this rule matches, whose sentences up
    to the next point or heading include some that one of ``others`` matches and none that this
    rule does: a heading over something else, as _body_about_else for marked headings (r12e)."""
    if not _LEAD_TITLE.match(views[h].sentence.norm):
        return False
    other = False
    i = h + 1
    while i < len(views):
        s = views[i].sentence
        if s.is_heading or _ENUMERATED_LEAD.match(s.norm):
            break
        if i in found:
            return False
        other = other or any(rules & set(others) for rules in claims.get(i, {}).values())
        i += 1
    return other


def _under_matched_headings(found: Found, views: list[_SentenceView],
                            leads_continue: bool = False) -> Iterator[tuple[str, int]]:
    """(heading text, body position) of each sentence under a heading the rule matches, up to
    the next heading; with ``leads_continue`` an enumerated lead (一是…) does not end it, and a
    matched lead inside a matched section adds no section of its own (each sentence once, under
    the outer heading)."""
    walked: set[int] = set()
    for h in sorted(found):
        if not views[h].sentence.is_heading or h in walked:
            continue
        heading = views[h].sentence.text.strip()
        # A lead's point ends where the next lead opens, though that one runs on in the same
        # line and so is no heading (一是建立学习宣传阵地。阵地设置了…。二是组织开展书记项目。…).
        lead = _ENUMERATED_LEAD.match(views[h].sentence.norm) is not None
        i = h + 1
        while i < len(views) and not (views[i].sentence.is_heading
                                      and not (leads_continue and _ENUMERATED_LEAD.match(views[i].sentence.norm))) \
                and not (lead and _ENUMERATED_LEAD.match(views[i].sentence.norm)):
            walked.add(i)
            yield heading, i
            i += 1


def _acts_under_heading(compiled: CompiledRule, found: Found, body: _Body, year: int | None,
                        options: MatchOptions) -> list[Evidence]:
    """The sentences under a heading this rule matches that leave out their subject and open
    with the heading's actor's act (Rule.heading_acts), as its evidence where they have detail.

    Under 一、区政府主要负责同志履行推进法治建设第一责任人职责情况, "一是主持召开区政府常务会议审议
    《2019年度法治政府建设工作报告》" is the leader's act though the sentence does not name the
    leader, and though the meeting is deployment's too. Only up to the next heading (an
    enumerated lead, 一是…, does not end the section), never one the rule's own exclude matches,
    and only with checkable detail, as under heading_scope."""
    acts = compiled.heading_acts
    views = body.views
    out = []
    for heading, i in _under_matched_headings(found, views, leads_continue=True):
        norm = views[i].sentence.norm
        if i not in found and acts.search(norm) and not (compiled.exclude is not None and compiled.exclude.search(norm)):
            out += _with_detail(views[i], year, options, f"位于标题“{heading[:30]}”之下，其主体即标题所指", "heading")
    return out


def _with_detail(view: _SentenceView, year: int | None, options: MatchOptions, why: str,
                 signal: str) -> list[Evidence]:
    """A sentence no rule matches, credited to a requirement by its place (``why``): its
    evidence when it has checkable detail, else nothing (a general sentence there adds nothing
    to what the heading or the matched sentence already says)."""
    status, reason = _judge(view, [], False, year, options)
    if status != "substantiated":
        return []
    s = view.sentence
    return [Evidence(s.index, s.text, s.start, s.end, view.role, status, f"{why}；{reason}", (), signal)]


def _shared_only(compiled: CompiledRule, claims: dict[int, set[str]]) -> bool:
    """Do only rules this one shares detail with (Rule.detail_from) claim this sentence? Then it
    opens no other task for this rule: 局长…亲自督办。全年审议法治建设议题64个，专门批示47次。 —
    the meetings are deployment's, the instructions carried on from the leader are the leader's."""
    if not compiled.detail_from:
        return False
    shared = set().union(*(others for others, _, _ in compiled.detail_from))
    return set().union(*claims.values()) - {compiled.rule.id} <= shared


def _carrying_on(compiled: CompiledRule, found: Found, claims: dict[int, dict[int, set[str]]], body: _Body,
                 year: int | None, options: MatchOptions) -> list[Evidence]:
    """The sentences after a match in the same paragraph that carry it on, as its evidence
    where they have detail.

    Writers name a study or publicity task once and count it in the next sentence
    (组织党组理论学习中心组专题学习习近平法治思想。全年共集中学习12次。), and the readers count
    that figure for it. Only for a rule that names its own act (Rule.continued_by: 学习,
    讲座…, so that 全年召开会议26次 after a study sentence is not study's), only up to the
    first sentence that a requirement matches itself (it opens another task), never one the
    rule's own exclude matches, and only where the sentence has checkable detail, as under a
    heading. Tried for twelve rules on the real dev fold, it helped only the tasks counted
    in sessions (law study, publicity); for deployment and accountability it credited a
    meeting's or an assessment's figure the readers did not.
    """
    act, exclude = compiled.continued_by, compiled.exclude
    views = body.views
    out = []
    for m in sorted(found):
        paragraph = views[m].sentence.paragraph
        if views[m].sentence.is_heading:
            continue  # a heading's body is _under_heading's
        i = m + 1
        while (i < len(views) and i not in found and not views[i].sentence.is_heading
               and (i not in claims or _shared_only(compiled, claims[i]))
               and views[i].sentence.paragraph == paragraph):
            norm = views[i].sentence.norm
            if act.search(norm) and not (exclude is not None and exclude.search(norm)):
                out += _with_detail(views[i], year, options, f"承接同段上文“{views[m].sentence.text.strip()[:24]}”",
                                    "paragraph")
            i += 1
    return out


def first_sentences(seg: Segmented) -> dict[int, Sentence]:
    """Part index → the part's first sentence, in one pass.

    Looking it up part by part scanned the sentences once per part: quadratic in a long
    report, where every (一) sub-heading opens a part (a 200,000-character report spent a
    quarter of its match time there).
    """
    first: dict[int, Sentence] = {}
    for s in seg.sentences:
        first.setdefault(s.part, s)
    return first


def match_part(rule: Rule, seg: Segmented, first_by_part: dict[int, Sentence] | None = None) -> tuple[Evidence, ...]:
    if first_by_part is None:
        first_by_part = first_sentences(seg)
    evidence = []
    for part in seg.parts:
        if part.role != rule.part:
            continue
        first = first_by_part.get(part.index)
        if first is None:
            continue
        how = f"标题“{part.heading}”" if part.heading else "段落开头"
        evidence.append(Evidence(first.index, first.text, first.start, first.end, part.role, "met", f"由{how}识别"))
    return tuple(evidence)


def match_deadline(rule: Rule, seg: Segmented) -> tuple[str, str, tuple[Evidence, ...], tuple[str, ...]]:
    """(status, reason, evidence, warnings): met / late / absent (no date or no year)."""
    warnings: list[str] = []
    if seg.year is None:
        return "absent", "无法确定报告年度，不能判断是否按时", (), ()
    due = _month_day(seg.year + 1, rule.due or "04-01")
    candidates = [(d, label) for d, label in ((seg.published, "发布日期"), (seg.signed, "落款日期")) if d]
    if not candidates:
        return "absent", "正文、落款和页面信息中均未找到报告日期", (), ()
    evidence = tuple(_date_evidence(seg, d, label) for d, label in candidates)
    evidence = tuple(e for e in evidence if e is not None)
    if rule.warn_after and seg.signed and seg.signed > _month_day(seg.year + 1, rule.warn_after):
        warnings.append(f"落款日期{seg.signed.isoformat()}晚于{seg.year + 1}年{_zh_md(rule.warn_after)}，报送可能逾期")
    # Publication is what the 1 April rule is about; the signature stands in when there is none.
    date, label = candidates[0]
    if date > due:
        return "late", f"{label}{date.isoformat()}晚于{seg.year + 1}年{_zh_md(rule.due or '04-01')}", evidence, tuple(warnings)
    return "met", f"{label}{date.isoformat()}不晚于{seg.year + 1}年{_zh_md(rule.due or '04-01')}", evidence, tuple(warnings)


def _month_day(year: int, md: str) -> dt.date:
    month, day = (int(x) for x in md.split("-"))
    return dt.date(year, month, day)


def _zh_md(md: str) -> str:
    month, day = (int(x) for x in md.split("-"))
    return f"{month}月{day}日"


def _date_evidence(seg: Segmented, date: dt.date, label: str) -> Evidence | None:
    for s in reversed(seg.sentences):
        if any(d == date for _, _, d in find_dates(s.norm)):
            role = seg.parts[s.part].role
            return Evidence(s.index, s.text, s.start, s.end, role, "met", label)
    # The date came from the page's metadata rather than the body text.
    return Evidence(-1, f"{label}：{date.isoformat()}", 0, 0, "preamble", "met", f"{label}（取自页面或文件信息）")


def _is_label(s: Sentence) -> bool:
    """A short line with no sentence in it (政府信息公开, 信息公开): a menu entry or a page's
    column name, never the report saying it did something."""
    text = s.norm.strip()
    return not s.is_heading and len(text) <= LABEL_MAX_CHARS and not _SENTENCE_MARK.search(text)


_SENTENCE_MARK = regex_cache.compile(r"[。，,；;！？!?:：\d]")


# The subject the opening names itself by, when the page gives no issuer (2024年，在市委市政府
# 坚强领导下，房县坚持…): whose own documents its titles may be.
_OPENING_SUBJECT = regex_cache.compile(
    r"^\s*(20\d\d年(度|以来)?[,，]?)?(在[^,，。]{2,40}下[,，])?(?P<who>[\u4e00-\u9fff]{1,10}?(人民政府|政府|局|委员会|厅|镇|乡|街道|县|区|市|旗))"
    r"(坚持|深入|认真|全面|紧紧|始终|以|高度|扎实|围绕|按照|立足|持续|严格|聚焦|积极|不断)")


def _opening_subject(seg: Segmented, roles: dict[int, str]) -> str | None:
    """The unit the report's first sentences name as their subject, for a page without an
    issuer; used only to tell the unit's own documents (_issuers_own, _without_issuer)."""
    for s in seg.sentences[:8]:
        if roles[s.part] in SILENT_ROLES or s.is_heading:
            continue
        m = _OPENING_SUBJECT.match(s.norm)
        if m:
            return m.group("who")
    return None


def sentence_views(seg: Segmented, options: MatchOptions = MatchOptions()) -> list[_SentenceView]:
    roles = {p.index: p.role for p in seg.parts}
    unit = seg.issuer or _opening_subject(seg, roles)
    return [_view(s, roles[s.part], options, seg.issuer, unit) for s in seg.sentences
            if roles[s.part] not in SILENT_ROLES and not _is_label(s)]


def judge_text(rule: Rule, text: str, role: str = "achievements", year: int | None = None,
               ruleset: Ruleset | None = None) -> str:
    """Status one sentence alone shows for one rule (absent when it does not match).

    With ``ruleset``, the other rules' matches in the sentence claim their clauses' detail,
    as in a whole report. Used by `fazhi rules show` and the rule-example tests.
    """
    options = MatchOptions()
    norm = normalize(text)
    sentence = Sentence(0, 0, len(text), text, norm, 0, 0)
    body = _Body([_view(sentence, role, options)])
    compiled = {c.rule.id: c for c in compile_ruleset(ruleset)} if ruleset is not None else {}
    compiled[rule.id] = _compile(rule)
    scanner = _Scanner(body, compiled.values())
    found_by_rule = {rule_id: find_element(c, body, scanner) for rule_id, c in compiled.items()}
    if not found_by_rule[rule.id]:
        return "absent"
    claims = clause_claims(found_by_rule, body)
    evidence = judge_element(compiled[rule.id], found_by_rule[rule.id], claims, body, year, options)
    # (a match can leave no evidence: a run-in heading over another's body, _run_in_over_else)
    return evidence[0].status if evidence else "absent"


def _strongest(evidence: tuple[Evidence, ...]) -> Evidence | None:
    best = None
    for e in evidence:
        if best is None or STRENGTH[e.status] > STRENGTH[best.status]:
            best = e
    return best


_STATUS_REASON = {
    "substantiated": "报告了本年度已落实，且有可核查细节",
    "asserted": "报告了已落实，但只有泛泛表述",
    "deficient": "只作为不足或未做到的事项出现",
    "planned": "只在下一年度打算中出现",
}


def model_evidence(rule: Rule, body: _Body, probabilities: list[dict[str, float]], threshold: float,
                   year: int | None, options: MatchOptions) -> tuple[Evidence, ...]:
    """Sentences the learned model reads as this requirement's evidence, judged like any other.

    The model only says what a sentence is about; whether it shows the work done, planned
    or missing, and with what detail, is decided by the same part, cue and detail tests
    as a pattern's match.
    """
    evidence = []
    for view, probs in zip(body.views, probabilities):
        p = probs.get(rule.id, 0.0)
        if p < threshold or view.sentence.is_heading:
            continue
        s = view.sentence
        status, reason = _judge(view, [], False, year, options)
        evidence.append(Evidence(s.index, s.text, s.start, s.end, view.role, status,
                                 f"模型判断与本项要求相关（{p:.2f}）；{reason}", (), "model"))
    return tuple(evidence)


def _second_opinion(evidence: tuple[Evidence, ...], rule: Rule, body: _Body, probabilities: list[dict[str, float]],
                    weights: RuleWeights, year: int | None, options: MatchOptions) -> tuple[Evidence, ...]:
    """The learned model's word on a rule's evidence: a pattern match the model is nearly
    sure is about something else is dropped (全市市场监管系统 is not an IT system); where
    the patterns show nothing done, sentences the model reads as this requirement are added."""
    if weights.veto > 0:
        position = {v.sentence.index: i for i, v in enumerate(body.views)}
        evidence = tuple(e for e in evidence if e.signal != "pattern"
                         or probabilities[position[e.sentence]].get(rule.id, 1.0) >= weights.veto)
    best = _strongest(evidence)
    if best is None or best.status not in MET_STATUSES:
        seen = {e.sentence for e in evidence}
        evidence += tuple(e for e in model_evidence(rule, body, probabilities, weights.threshold, year, options)
                          if e.sentence not in seen)
    return evidence


def match_report(seg: Segmented, ruleset: Ruleset, options: MatchOptions = MatchOptions(),
                 sentence_model: SentenceModel | None = None) -> tuple[tuple[RuleMatch, ...], tuple[str, ...]]:
    """Every rule's status and evidence, in ruleset order, and warnings for the reader.

    ``sentence_model`` overrides the shipped model when ``options.model`` is on (cross-validation).
    """
    views = sentence_views(seg, options)
    body = _Body(views)
    probabilities: list[dict[str, float]] | None = None
    if options.model:
        from scorer.learn.model import load_model

        sentence_model = sentence_model or load_model()
        probabilities = [sentence_model.probabilities(v.sentence.norm) for v in views]
    compiled = {c.rule.id: c for c in compile_ruleset(ruleset)}
    similar: dict[str, dict[int, tuple[float, str]]] = {}
    if options.similarity:
        from scorer.learn import require_learn_extra

        require_learn_extra("--similarity", "jieba", "sklearn")
        from scorer.similar import similar_sentences  # loads jieba and scikit-learn

        similar = similar_sentences(ruleset, [v.sentence for v in views])
    matches: list[RuleMatch] = []
    warnings: list[str] = []
    first_by_part = first_sentences(seg)  # shared by the part rules
    scanner = _Scanner(body, compiled.values(), _ruleset_prefilter(ruleset))
    found_by_rule = {rule.id: find_element(compiled[rule.id], body, scanner)
                     for rule in ruleset.rules if rule.kind == "element"}
    claims = clause_claims(found_by_rule, body)
    for rule in ruleset.rules:
        if rule.kind == "element":
            evidence = judge_element(compiled[rule.id], found_by_rule[rule.id], claims, body, seg.year, options,
                                     similar.get(rule.id))
            if probabilities is not None and rule.id in sentence_model.rules:
                weights = sentence_model.rules[rule.id]
                evidence = _second_opinion(evidence, rule, body, probabilities, weights, seg.year, options)
            best = _strongest(evidence)
            if best is None:
                matches.append(RuleMatch(rule, "absent", (), "报告中未找到相关表述"))
            else:
                reason = f"{_STATUS_REASON[best.status]}（第{best.sentence + 1}句：{best.reason}）"
                matches.append(RuleMatch(rule, best.status, evidence, reason))
        elif rule.kind == "part":
            evidence = match_part(rule, seg, first_by_part)
            if evidence:
                matches.append(RuleMatch(rule, "met", evidence, evidence[0].reason))
            else:
                matches.append(RuleMatch(rule, "absent", (), "未找到这一部分的标题或起始段落"))
        else:
            status, reason, evidence, warns = match_deadline(rule, seg)
            warnings.extend(warns)
            matches.append(RuleMatch(rule, status, evidence, reason))
    return tuple(matches), tuple(warnings)
