"""Searching a pattern only where one of its matches can start.

`re` finds where a match may begin with a fast scan when it can read the pattern's first
characters off its start (a literal, a class, alternatives that open with literals). A
pattern that opens with a lookbehind or an optional piece gets no such scan: the matcher
tries every alternative of it at every position of the text. QUANTITY (cues) is such a
pattern — (?<![第\\d.])\\d+…|(?<!…)(一(?=[十百千万]))?[两二…]…|… — and finding the counts of
every sentence of a report with it was a tenth of scoring.

For such a pattern the characters a match can begin with are read off its parse tree
(the standard library's own parser, as scorer.prefilter reads literals), and the pattern
is tried with ``match`` only where one of them stands. ``match`` at a position finds what
``search`` would find starting there — a lookbehind still sees the text before it — so the
matches are the same, found several times faster where those characters are few.
Whatever the analysis does not understand leaves the pattern searched as it is.
"""

from __future__ import annotations

import re
from re import _constants as _c
from re import _parser as _sre
from typing import Iterator

from scorer import regex_cache, user_cache

# A start class of more characters than this is no help: most positions would be tried.
# (Report text draws on a few thousand characters, so a class of 64 still stands at few
# positions: NEGATION's 42 start characters are met about once in 35 characters of clause.)
MAX_CHARS = 64

# The categories a start class may hold, as class text (\\d, \\s: in a str pattern without
# the ASCII flag both are Unicode's, as in the pattern they come from).
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_UNI_DIGIT: r"\d",
               _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_UNI_SPACE: r"\s"}


class _Unknown(Exception):
    """A piece of pattern whose first characters the analysis does not list."""


# What start_class found for each pattern, kept from one run to the next (scorer.user_cache):
# parsing the five big cue patterns was some 5 ms of every start. The file is named after
# this module's source and the Python build, whose parser the analysis reads; "" stands for
# None (no class known), which a table cannot hold.
_table = user_cache.KeptTable(lambda: user_cache.named_after("starts", __file__), 256,
                              lambda entry: isinstance(entry, str))


def kept_start_class(source: str) -> str | None:
    """start_class, from the user cache when an earlier run worked it out."""
    found = _table.get(source)
    if found is None:
        found = start_class(source) or ""
        _table.put(source, found)
    return found or None


def start_class(source: str) -> str | None:
    """A character class (as pattern text) holding the first character of every match of
    ``source``; None when not known, or when the pattern can match the empty string."""
    try:
        parsed = _sre.parse(source)
        if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE | _c.SRE_FLAG_ASCII | _c.SRE_FLAG_LOCALE):
            return None
        chars, categories, can_be_empty = _sequence(list(parsed))
    except (_Unknown, re.error, RecursionError, TypeError, ValueError):
        return None
    if can_be_empty or len(chars) > MAX_CHARS:
        return None
    return "[" + "".join(sorted(categories)) + "".join("\\" + ch if ch in "\\]^-[" else ch for ch in sorted(chars)) + "]"


def _sequence(items: list) -> tuple[set[str], set[str], bool]:
    """(first characters, categories of first characters, whether it can match "") of pieces
    one after the other: a piece that may match nothing lets the next one be first too."""
    chars: set[str] = set()
    categories: set[str] = set()
    for op, arg in items:
        first, category, empty = _piece(op, arg)
        chars |= first
        categories |= category
        if not empty:
            return chars, categories, False
    return chars, categories, True


def _piece(op, arg) -> tuple[set[str], set[str], bool]:
    if op is _c.LITERAL:
        return {chr(arg)}, set(), False
    if op is _c.IN:
        chars, categories = set(), set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < MAX_CHARS:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                categories.add(_CATEGORIES[value])
            else:
                raise _Unknown  # negated, a wide range, another category
        return chars, categories, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), set(), True  # zero-width: the next piece holds the first character
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = arg
        if add_flags:
            raise _Unknown
        return _sequence(list(sub))
    if op is _c.BRANCH:
        chars, categories, empty = set(), set(), False
        for alternative in arg[1]:
            first, category, can_be_empty = _sequence(list(alternative))
            chars |= first
            categories |= category
            empty |= can_be_empty
        return chars, categories, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, sub = arg
        chars, categories, empty = _sequence(list(sub))
        return chars, categories, empty or low == 0
    raise _Unknown  # any character, a back reference, …


class StartSearch:
    """A compiled pattern searched only at the characters its matches can start with."""

    def __init__(self, pattern: re.Pattern[str], starts: str):
        self.pattern = pattern
        self._starts = regex_cache.compile(starts)  # (from the user cache: no parse at start)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As ``re.Pattern.search``, ``endpos`` included (a clause searched in its sentence)."""
        if endpos is None:
            endpos = len(text)
        next_start, match = self._starts.search, self.pattern.match
        at = next_start(text, pos, endpos)
        while at is not None:
            found = match(text, at.start(), endpos)
            if found is not None:
                return found
            at = next_start(text, at.start() + 1, endpos)
        return None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As ``re.Pattern.match``: nothing to try unless a start character stands at ``pos``."""
        if endpos is None:
            endpos = len(text)
        return self.pattern.match(text, pos, endpos) if self._starts.match(text, pos, endpos) is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``: the leftmost match, then the next from its end (never
        empty: start_class knows no pattern that can match the empty string)."""
        found = self.search(text)
        while found is not None:
            yield found
            found = self.search(text, found.end())


def searched_at_starts(pattern: re.Pattern[str]) -> re.Pattern[str] | StartSearch:
    """The pattern searched only where its matches can start, or the pattern itself when
    that is not known."""
    starts = kept_start_class(pattern.pattern) if isinstance(pattern.pattern, str) and not pattern.flags & ~re.UNICODE else None
    return pattern if starts is None else StartSearch(pattern, starts)
