"""Candidate sentences for every element rule, found in one pass over the report.

A rule can only match a sentence that holds one of its terms, or a match of one of its
scan patterns (scorer.match builds both). Searching the whole report once per term and
once per pattern cost a third of scoring: some 600 passes over the same text. Instead,
one Aho-Corasick automaton (ahocorasick-rs) holds every rule's terms and, for each scan
pattern, a few literals that every match of the pattern contains (营商环境 in
``优化[^。]{0,6}营商环境``). One pass over the report's sentences finds them all; a pattern is
then tried only on the sentences that hold its literals (not at all when they are the
whole pattern), and on every sentence only when no literal is known.

The literals come from the pattern's parse tree (the standard library's own parser):
a run of plain characters, or a small set of alternatives (局长|主任|厅长 …) multiplied
out with the characters around it. Whatever the analysis does not understand gives no
literal, so a pattern is never skipped on a sentence it could match: the candidates
are a superset of the sentences the rule's `_find` accepts, as before.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Callable, Sequence

import ahocorasick_rs

# The parser re.compile itself uses (sre_parse is its deprecated public alias). Private,
# so anything it returns that the analysis does not expect gives no literal, never a wrong one.
from re import _constants as _c
from re import _parser as _sre

from scorer import user_cache
from scorer.linear_regex import LinearSource

# Sets of alternatives larger than these are not multiplied out: the literal gets
# no more selective, and the automaton would grow for nothing.
MAX_STRINGS = 64
MAX_CLASS_CHARS = 10
MAX_NEEDED = 2  # needed sets kept per pattern, the most selective: more cost more automaton hits


@dataclass(frozen=True)
class _Info:
    """What a piece of a pattern can match, as far as literals go.

    ``exact``: every text the piece can match is one of these strings (None: unknown or
    too many). ``needed``: sets of non-empty strings such that every match contains a
    string of each set (执法人员[^。]{0,20}(换发|申领) needs 执法人员, and one of 换发, 申领).
    """

    exact: frozenset[str] | None
    needed: tuple[frozenset[str], ...] = ()


_UNKNOWN = _Info(None)
_EMPTY = _Info(frozenset({""}))


def all_needed(source: str) -> tuple[frozenset[str], ...]:
    """Every set of strings the analysis finds that each match of the pattern holds one of,
    single characters included (needed_literals keeps the most selective)."""
    try:
        parsed = _sre.parse(source)
        if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return ()
        info = _sequence(list(parsed))
    except (re.error, RecursionError, OverflowError, AttributeError, TypeError, ValueError):
        return ()
    return tuple({_minimal(n) for n in info.needed + ((info.exact,) if _usable(info.exact) else ())})


Needed = tuple[tuple[frozenset[str], ...], bool]

# What needed_literals found for each of fazhi's own patterns, kept from one run to the
# next as the regular expressions' programs are (scorer.regex_cache): parsing the shipped
# rules' ~600 scans and walking their trees was some 50 ms of every start. The file is
# named after this module's source and the Python build, whose parser the analysis reads.
MAX_KEPT = 4_000


def _cache_file() -> str:
    return user_cache.named_after("literals", __file__)


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], bool) and isinstance(entry[0], tuple)
            and all(isinstance(s, frozenset) and s and all(isinstance(t, str) and t for t in s) for s in entry[0]))


_table = user_cache.KeptTable(_cache_file, MAX_KEPT, _well_formed)  # scan source → Needed


def needed_literals(source: str) -> Needed:
    """(needed, exact) for a scan pattern, from the user cache when an earlier run worked it out."""
    if isinstance(source, LinearSource):
        return (), False  # a user's RE2 pattern: RE2 syntax is not re's, leave it to RE2
    found = _table.get(source)
    if found is None:
        found = _needed_literals(source)
        _table.put(source, found)
    return found


def _needed_literals(source: str) -> Needed:
    """(needed, exact) for a scan pattern. ``needed``: sets of non-empty strings; every match
    holds a string of each set (empty when the analysis finds none: the pattern is then
    tried on every sentence). ``exact``: holding a string of the one set is also
    enough for the pattern to match (秒办, (局长|主任), 行政(许可|处罚): plain text with
    nothing around it to check), so the regex need not run."""
    try:
        parsed = _sre.parse(source)
        if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return (), False
        info = _sequence(list(parsed))
    except (re.error, RecursionError, OverflowError, AttributeError, TypeError, ValueError):
        return (), False
    # _node counts an assertion as matching "": the texts are exact only without any
    if _usable(info.exact) and not _asserts(parsed):
        return (_minimal(info.exact),), True
    sets = sorted({_minimal(n) for n in info.needed + ((info.exact,) if _usable(info.exact) else ())},
                  key=_selectivity, reverse=True)[:MAX_NEEDED]
    # a single character (证, 件) is in most sentences: worth it only when nothing better is known
    return tuple(s for i, s in enumerate(sets) if i == 0 or min(map(len, s)) > 1), False


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """A text holding 行政决策草案 holds 决策草案: the shorter is enough."""
    return frozenset(t for t in strings if not any(u != t and u in t for u in strings))


def _selectivity(strings: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest string first, then fewer strings (then a fixed order)."""
    return min(map(len, strings)), -len(strings), tuple(sorted(strings))


def _asserts(node) -> bool:
    """Does this piece of a parsed pattern hold a lookaround or an anchor anywhere?"""
    if isinstance(node, _sre.SubPattern):
        return any(map(_asserts, node.data))
    if isinstance(node, tuple) and len(node) == 2 and node[0] in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True
    return isinstance(node, (list, tuple)) and any(map(_asserts, node))


def _usable(strings: frozenset[str] | None) -> bool:
    return bool(strings) and "" not in strings


def _best(info: _Info) -> frozenset[str] | None:
    """The piece's most selective needed set, None when it has none."""
    sets = info.needed + ((info.exact,) if _usable(info.exact) else ())
    return max(sets, key=_selectivity) if sets else None


def _times(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return frozenset(x + y for x, y in product(a, b))


def _sequence(items: list) -> _Info:
    """Pieces one after the other: runs of exactly-known pieces are multiplied out
    (行政(许可|处罚) → 行政许可, 行政处罚); each run, and what each piece needs, is needed."""
    needed: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})  # the texts of the current run of known pieces
    whole = True  # the run holds every piece so far
    for info in map(_node, items):
        needed += info.needed
        if info.exact is not None and run is not None:
            joined = _times(run, info.exact)
            if joined is not None:
                run = joined
                continue
        whole = False
        if _usable(run):
            needed.append(run)
        run = info.exact  # the piece starts a new run (none when nothing is known of it)
    if _usable(run) and not whole:
        needed.append(run)
    return _Info(run if whole else None, tuple(needed))


def _node(item) -> _Info:
    op, arg = item
    if op is _c.LITERAL:
        return _Info(frozenset({chr(arg)}))
    if op is _c.IN:
        return _Info(_class_chars(arg))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # zero-width: adds nothing to the text matched
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = arg
        if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return _UNKNOWN
        return _sequence(list(sub))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    if op is _c.BRANCH:
        infos = [_sequence(list(alt)) for alt in arg[1]]
        exact = None
        if all(i.exact is not None for i in infos):
            exact = frozenset().union(*(i.exact for i in infos))
            exact = exact if len(exact) <= MAX_STRINGS else None
        best = [_best(i) for i in infos]
        return _Info(exact, () if None in best else (frozenset().union(*best),))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg
        info = _sequence(list(sub))
        if low == 0:
            if high == 1 and info.exact is not None:
                return _Info(info.exact | {""})
            return _EMPTY if high == 0 else _UNKNOWN
        # at least once: what the piece needs is needed
        needed = info.needed + ((info.exact,) if _usable(info.exact) else ())
        return _Info(info.exact if low == high == 1 else None, needed)
    return _UNKNOWN


def _class_chars(items: list) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] < MAX_CLASS_CHARS:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None  # negated, a category (\d), a wide range: too many to list
        if len(chars) > MAX_CLASS_CHARS:
            return None
    return frozenset(chars)


@dataclass(frozen=True)
class _Scan:
    source: str
    needed: tuple[frozenset[int], ...]  # key ids: one of each set is needed (none: try every sentence)
    exact: bool  # holding one is enough: the regex need not run


Group = tuple[tuple[str, ...], tuple[str, ...]]  # a `together` group: (firsts, others)
RuleKey = tuple[tuple[str, ...], tuple[str, ...], tuple[Group, ...]]  # (terms, scans, groups)


@dataclass(frozen=True)
class _Plan:
    """One rule's part of the automaton."""

    terms: frozenset[int]  # key ids
    scans: frozenset[int]  # indexes into Prefilter.scans
    # per `together` group: its first pattern's scans, and for each other pattern the key
    # ids it needs (a sentence lacking them cannot hold the whole group)
    groups: tuple[tuple[frozenset[int], tuple[tuple[frozenset[int], ...], ...]], ...]


@dataclass(frozen=True)
class Prefilter:
    """One automaton for the literals of a set of rules."""

    automaton: ahocorasick_rs.AhoCorasick | None  # None: no literal at all
    keys: tuple[str, ...]  # key id → literal
    ids: dict[str, int]  # literal → key id
    scans: tuple[_Scan, ...]
    scan_index: dict[str, int]  # scan source → index into scans
    rules: dict[RuleKey, _Plan]
    # key id → the scans whose first needed set holds it: only those can match when it is
    # found (most scans find nothing in most reports, and are never looked at)
    triggers: dict[int, frozenset[int]]
    unfiltered: frozenset[int]  # scans with no needed literal


@lru_cache(maxsize=8)
def build_prefilter(rules: tuple[RuleKey, ...]) -> Prefilter:
    """The prefilter for rules given as (terms, scans, together groups), already normalised.

    A scan's match is looked for in each sentence; a group's other patterns are only
    required to have their literals in the sentence, because _find may look for them in
    a 《title》 or in the sentence with its titles blanked (a literal without a space is
    found there only where it stands in the sentence too).

    What the automaton is built from is kept in the user cache under a digest of the rules:
    working it out again (every scan's literals, ids and triggers) was some 25 ms of each
    start, a sixth of `fazhi score`'s cold start. (The automaton itself, a Rust object, cannot
    be kept; building it from the literals takes ~8 ms.)
    """
    name = _built_file(rules)
    kept = user_cache.load(name) if name else None
    parts = _parts_from(kept, rules) if kept is not None else None
    if parts is None:
        parts = _plan(rules)
        if name:
            user_cache.save(name, (parts[0], tuple((s.source, s.needed, s.exact) for s in parts[1]),
                                   tuple((parts[2][r].terms, parts[2][r].scans, parts[2][r].groups) for r in rules),
                                   parts[3], parts[4]))
    keys, scans, plans, triggers, unfiltered = parts
    # Every match, overlapping ones included (法治 inside 法治政府建设), reported by key id.
    # (ahocorasick-rs rather than pyahocorasick: it hands back a report's ~1,100 hits in
    # a third of the time.)
    automaton = ahocorasick_rs.AhoCorasick(list(keys), implementation=ahocorasick_rs.Implementation.ContiguousNFA) if keys else None
    return Prefilter(automaton, keys, {k: i for i, k in enumerate(keys)}, scans,
                     {s.source: i for i, s in enumerate(scans)}, plans, triggers, unfiltered)


_Parts = tuple[tuple[str, ...], tuple[_Scan, ...], dict[RuleKey, _Plan], dict[int, frozenset[int]], frozenset[int]]


def _plan(rules: tuple[RuleKey, ...]) -> _Parts:
    """Key ids for every literal, the scans with their needed ids, each rule's plan, the triggers."""
    ids: dict[str, int] = {}
    scan_index: dict[str, int] = {}
    scans: list[_Scan] = []
    plans = {}

    def key(text: str) -> int:
        return ids.setdefault(text, len(ids))

    def scan(source: str) -> int:
        if source not in scan_index:
            needed, exact = needed_literals(source)
            scan_index[source] = len(scans)
            scans.append(_Scan(source, tuple(frozenset(map(key, strings)) for strings in needed), exact))
        return scan_index[source]

    def required(source: str) -> tuple[frozenset[int], ...]:
        needed, _ = needed_literals(source)
        return tuple(frozenset(map(key, strings)) for strings in needed if not any(" " in t for t in strings))

    for terms, sources, groups in rules:
        plans[terms, sources, groups] = _Plan(
            frozenset(key(t) for t in terms if t), frozenset(map(scan, sources)),
            tuple((frozenset(map(scan, firsts)), tuple(required(p) for p in others)) for firsts, others in groups))
    triggers: dict[int, set[int]] = {}
    for i, s in enumerate(scans):
        for k in s.needed[0] if s.needed else ():
            triggers.setdefault(k, set()).add(i)
    unfiltered = frozenset(i for i, s in enumerate(scans) if not s.needed)
    return tuple(ids), tuple(scans), plans, {k: frozenset(v) for k, v in triggers.items()}, unfiltered


def _built_file(rules: tuple[RuleKey, ...]) -> str | None:
    """The cache file of these rules' prefilter: named after the rules themselves and this
    module (its analysis decides the literals) under this Python; None when the rules are
    not plain data (a user's RE2 pattern is a str subclass, which marshal refuses)."""
    try:
        made_of = marshal.dumps(rules, 2)  # (version 2: no references, whose use varies with refcounts)
    except ValueError:
        return None
    code = user_cache.named_after("prefilter", __file__).encode()  # this module's code under this Python
    return f"prefilter-{sys.implementation.cache_tag}-{hashlib.sha256(code + made_of).hexdigest()[:24]}.marshal"


def _parts_from(kept: object, rules: tuple[RuleKey, ...]) -> _Parts | None:
    """The parts back from the cache file's plain data; None when it is not what _plan made."""
    try:
        keys, scans, plans, triggers, unfiltered = kept  # type: ignore[misc]
        if len(plans) != len(rules) or not all(isinstance(k, str) for k in keys):
            return None
        scan_list = tuple(_Scan(source, needed, exact) for source, needed, exact in scans)
        if not isinstance(triggers, dict) or not isinstance(unfiltered, frozenset):
            return None
        return tuple(keys), scan_list, {rule: _Plan(*plan) for rule, plan in zip(rules, plans)}, triggers, unfiltered
    except (TypeError, ValueError):
        return None


class Candidates:
    """Which sentences of one report each rule may match.

    ``texts``: the sentences, each searched alone (a match of a rule never spans two).
    The automaton runs over every sentence once, when this is made. A set of sentences is
    an int with bit n set for sentence n: the unions and intersections of a rule's terms
    and scans, some thousands per report, are then single operations on an int or two.
    """

    def __init__(self, prefilter: Prefilter, texts: Sequence[str], search: Callable[[str], re.Pattern[str]]):
        self.prefilter, self.texts = prefilter, texts
        self.search = search  # scan source → compiled pattern
        where: dict[int, int] = {}  # key id → the sentences holding it
        if prefilter.automaton is not None:
            find = prefilter.automaton.find_matches_as_indexes
            # (the sentences of each key listed first, each set made once: or'ing bit n into a
            # set of n bits copies it, quadratic in a long report)
            holding: dict[int, list[int]] = {}
            for n, text in enumerate(texts):
                for k, _, _ in find(text, overlapping=True):
                    holding.setdefault(k, []).append(n)
            where = {k: sentence_set(ns) for k, ns in holding.items()}
        self.where = where
        triggers = prefilter.triggers
        # (the keys found that trigger scans, and their scans, gathered by set operations
        # rather than a Python loop over the ~400 keys a report holds)
        self.live = prefilter.unfiltered.union(*map(triggers.__getitem__, where.keys() & triggers.keys()))
        self.scans: dict[int, int] = {}  # scan → the sentences with a match
        self.tried: dict[int, tuple[int, int]] = {}  # scan → (sentences tried, those with a match)

    def of_rule(self, terms: tuple[str, ...], scans: tuple[str, ...], groups: tuple[Group, ...] = ()) -> list[int]:
        """The sentences, in order, where the rule may match: holding one of its terms, a match
        of one of its scans, or a match of a group's first pattern and the others' literals."""
        return sentences(self.of_rule_and_groups(terms, scans, groups)[0])

    def of_rule_and_groups(self, terms: tuple[str, ...], scans: tuple[str, ...],
                           groups: tuple[Group, ...] = ()) -> tuple[int, list[int]]:
        """(the sentences of_rule lists; for each `together` group of the rule, the sentences
        with a match of one of its first pattern's scans that hold the literals each other
        pattern needs)."""
        plan = self.prefilter.rules[terms, scans, groups]
        scan, live = self._scan, self.live
        found = self._holding(plan.terms)
        for i in plan.scans & live:
            found |= scan(i)
        per_group = []
        for firsts, others in plan.groups:
            hits = 0
            for i in firsts & live:
                hits |= scan(i)
            for needed in others:
                hits = self._holding_all(needed, hits)
            per_group.append(hits)
            found |= hits
        return found, per_group

    def holding(self, literal: str) -> int:
        """The sentences holding this literal (one of the rules' terms)."""
        return self.where.get(self.prefilter.ids[literal], 0)

    def matching(self, sources: Sequence[str], among: int | None = None) -> int:
        """The sentences with a match of one of these scans (each one of the rules' scans);
        with ``among``, only those of these sentences, the scans tried in no other (a rule's
        exclude matters only in its own candidates, a few sentences of the report)."""
        index, live, found = self.prefilter.scan_index, self.live, 0
        for source in sources:
            i = index[source]
            if i in live:
                found |= self._scan(i) if among is None else self._scan_among(i, among & ~found)
        return found

    def _holding(self, keys: frozenset[int]) -> int:
        """The sentences holding one of these literals."""
        where, found = self.where, 0
        for k in keys:
            found |= where.get(k, 0)
        return found

    def _holding_all(self, needed: tuple[frozenset[int], ...], among: int) -> int:
        """Those of ``among`` holding a literal of every needed set."""
        where = self.where
        for keys in needed:
            if not among:
                break
            held = 0  # (_holding's loop written out: this runs for every scan tried, ~300 a report)
            for k in keys:
                held |= where.get(k, 0)
            among &= held
        return among

    def _scan_among(self, i: int, among: int) -> int:
        """Those of ``among`` with a match of scan i. What is tried is kept (self.tried,
        sentences tried → those that matched), so no sentence is searched twice."""
        found = self.scans.get(i)
        if found is not None:
            return found & among
        tried, hits = self.tried.get(i, (0, 0))
        todo = among & ~tried
        if todo:
            new = self._matching_among(self.prefilter.scans[i], todo)
            tried, hits = tried | todo, hits | new
            self.tried[i] = tried, hits
        return hits & among

    def _scan(self, i: int) -> int:
        """The sentences with a match of scan i."""
        found = self.scans.get(i)
        if found is None:
            found = self.scans[i] = self._matching_among(self.prefilter.scans[i], (1 << len(self.texts)) - 1)
        return found

    def _matching_among(self, scan: _Scan, among: int) -> int:
        """Those of ``among`` holding the scan's literals (all of them when none is known) and,
        unless holding them is enough, where its regex matches."""
        found = self._holding_all(scan.needed, among)
        if found and not scan.exact:
            search, texts = self.search(scan.source).search, self.texts
            found ^= sentence_set([n for n in sentences(found) if search(texts[n]) is None])
        return found


# A set of sentences up to this many is worked on bit by bit. Each such step copies the int,
# which costs nothing for the few hundred sentences of a report but makes a loop over a set of
# 100,000 (a hostile file of short lines) quadratic: 4 s of its scoring, in sentences() alone.
# Larger sets are built and read in one pass.
_SMALL = 2048


def sentences(found: int) -> list[int]:
    """The sentence numbers, in order, of a set of sentences (bit n set: sentence n)."""
    if found.bit_length() > _SMALL:
        bits = bin(found)[:1:-1]  # bit n is character n
        return [n for n, bit in enumerate(bits) if bit == "1"]
    out = []
    while found:
        low = found & -found
        out.append(low.bit_length() - 1)
        found ^= low
    return out


def sentence_set(numbers: Sequence[int]) -> int:
    """The set of these sentences (bit n set for each sentence n): sentences()'s inverse."""
    if not numbers or max(numbers) <= _SMALL:
        found = 0
        for n in numbers:
            found |= 1 << n
        return found
    buffer = bytearray(max(numbers) // 8 + 1)
    for n in numbers:
        buffer[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buffer, "little")
