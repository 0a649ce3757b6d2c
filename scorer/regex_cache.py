"""fazhi's own regular expressions, compiled once and kept from one run to the next.

Python's `re` parses and compiles a pattern in Python code. The shipped rules and the
cues, segmenter and readers hold some 900 patterns, and compiling them was some 0.3 s of
every `fazhi score`: more than reading, segmenting and scoring a report. What `re` makes
of a pattern — the program its C matcher runs — depends only on the pattern, its flags and
the Python build. So the first run keeps each program in the user cache (scorer.user_cache,
one file per Python build and matcher version), and later runs hand it straight to the
matcher with ``_sre.compile``, the call ``re.compile`` itself ends with, in microseconds.

The steps are ``re``'s own (``re._parser.parse``, ``re._compiler._code``), so the pattern
made from a kept program is the one ``re.compile`` returns; if this Python's `re` works
differently inside, a pattern is compiled by ``re.compile`` as usual and nothing is kept.
Within one process every pattern is compiled once, however many modules or rules ask.

Only fazhi's own patterns come here (module constants, the shipped rules), never ones
built from a report, so the cache stays the size of fazhi's pattern set. A program
from the cache is checked by the matcher as any compiled pattern is.
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array

import _sre

from scorer import user_cache

# One file per Python build and matcher version: a program is only valid for the `re` that made it.
CACHE_FILE = (f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}-"
              f"{hashlib.sha256(sys.version.encode()).hexdigest()[:12]}.marshal")
# fazhi's own patterns are ~900 programs, ~1.5 MB; past this many (several versions' patterns,
# a test suite's rules), the file starts again from this run's, so a start never reads much.
# (At 4,000 a developer's file grew to 6.8 MB, 40 ms of every start's reading.)
MAX_KEPT = 2_000

Program = tuple  # (flags, code as bytes, groups, groupindex, indexgroup): what _sre.compile takes

_patterns: dict[tuple[str, int], re.Pattern[str]] = {}  # this process's, each compiled once
_table = user_cache.KeptTable(CACHE_FILE, MAX_KEPT)  # (pattern, flags) → Program
_CODE = "I" if array("I").itemsize == _sre.CODESIZE else None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (re.compile's name, on purpose)
    """``re.compile(pattern, flags)`` for one of fazhi's own patterns, from the cache when it can."""
    key = (pattern, int(flags))
    found = _patterns.get(key)
    if found is None:
        found = _patterns[key] = _compiled(pattern, key[1], key)
    return found


def _compiled(pattern: str, flags: int, key: tuple[str, int]) -> re.Pattern[str]:
    program = _table.get(key)
    if program is not None:
        try:
            return _from_program(pattern, program)
        except Exception:  # a damaged entry: compile it again below
            pass
    if _CODE is None or type(pattern) is not str or flags & (re.DEBUG | re.LOCALE):
        return re.compile(pattern, flags)
    try:
        program = _program(pattern, flags)
        compiled = _from_program(pattern, program)
    except re.error:
        raise
    except Exception:  # this Python's `re` is built differently inside: the ordinary way
        return re.compile(pattern, flags)
    _table.put(key, program)
    return compiled


def _program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` hands ``_sre.compile``, as plain data."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | tree.state.flags, array(_CODE, code).tobytes(), tree.state.groups - 1, groupindex, tuple(indexgroup))


def _from_program(pattern: str, program: Program) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup)
