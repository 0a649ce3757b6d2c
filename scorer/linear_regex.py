"""User rules' patterns on RE2: matching time linear in the text, whatever the pattern.

A rule a user writes (`--rules DIR`, the config's `rules:`) is untrusted: `(a+)+$` against a
50 KB line never returns under Python's `re`. RE2 cannot backtrack, so its patterns run
behind the small part of `re.Pattern` that scorer.match uses. The shipped rules stay on `re`
for their lookarounds.
"""

from __future__ import annotations

import re
from functools import lru_cache


class LinearSource(str):
    """A scan pattern of a UserRule: _regex compiles it with RE2, never with `re`."""


class PatternError(ValueError):
    """A user pattern RE2 cannot compile, or would silently run differently from `re`."""


_RE2_ESCAPE = re.compile(r"\\(.)", re.S)


@lru_cache(maxsize=4096)
def linear(source: str) -> _LinearPattern:
    return _LinearPattern(source)


class _LinearPattern:
    """A user pattern on RE2, behind the part of re.Pattern that matching uses:
    search(text, pos) and finditer(text), on str, offsets in characters, group 0 only."""

    __slots__ = ("pattern", "_re2")

    def __init__(self, source: str):
        import re2  # only runs with user rules: the built-in ones never need it

        for m in _RE2_ESCAPE.finditer(source):
            if m.group(1) in "wWbB":
                # RE2's \w and \b know ASCII letters only: 依法\w+ would never match Chinese.
                raise PatternError(f"\\{m.group(1)} matches ASCII only in RE2, never a Chinese character: "
                                   "use a class such as [\\p{Han}A-Za-z0-9_] or \\p{L}")
        options = re2.Options()
        options.log_errors = False  # RE2 would print every rejected pattern on stderr
        try:
            self._re2 = re2.compile(source, options)
        except re2.error as exc:
            problem = exc.args[0] if exc.args else "cannot compile"
            raise PatternError(problem.decode("utf-8", "replace") if isinstance(problem, bytes) else str(problem)) from None
        self.pattern = source

    def search(self, text: str, pos: int = 0) -> _LinearMatch | None:
        # RE2 matches UTF-8 bytes. Its own str interface encodes the whole text and counts
        # characters from 0 on every call, which made the scanner's search-from-each-sentence
        # over a whole report quadratic; the encoding is kept and positions are counted on.
        data, start = _utf8_at(text, pos)
        m = self._re2.search(data, start)
        if m is None:
            return None
        begin = pos + len(data[start:m.start()].decode("utf-8"))
        return _LinearMatch(text, begin, begin + len(data[m.start():m.end()].decode("utf-8")))

    def finditer(self, text: str, pos: int = 0):
        m = self.search(text, pos)
        while m is not None:
            pos = m.end() if m.end() > m.start() else m.end() + 1
            yield m
            m = self.search(text, pos) if pos <= len(text) else None


class _LinearMatch:
    __slots__ = ("string", "_span")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._span = string, (start, end)

    def start(self, group: int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int = 0) -> int:
        return self.span(group)[1]

    def span(self, group: int = 0) -> tuple[int, int]:
        if group != 0:
            raise IndexError("a user pattern's match has group 0 only")
        return self._span

    def group(self, group: int = 0) -> str:
        start, end = self.span(group)
        return self.string[start:end]


# The last text searched with a user pattern, its UTF-8 bytes and one (character, byte)
# offset pair in it. One for every pattern: a copy per pattern would hold a report's bytes
# once for each of them. Replaced whole, never updated in place, so a reader always sees
# a text with its own bytes.
_last_utf8: tuple[str, bytes, int, int] | None = None


def _utf8_at(text: str, pos: int) -> tuple[bytes, int]:
    """``text`` as UTF-8 and the byte offset of character ``pos``, counted on from the last call."""
    global _last_utf8
    last = _last_utf8
    if last is None or last[0] is not text:
        last = (text, text.encode("utf-8"), 0, 0)
    _, data, char, byte = last
    pos = max(0, min(pos, len(text)))
    if pos < char:
        char, byte = 0, 0
    byte += len(text[char:pos].encode("utf-8"))
    _last_utf8 = (text, data, pos, byte)
    return data, byte
