"""Untrusted text made safe to show: report text, titles and file names never carry
control characters into a terminal, a spreadsheet cell or a one-line message.

A report's title or a file's name can hold ``ESC]0;…`` (retitles the terminal) or
``ESC[2J`` (clears it); a newline splits a one-line error; an xlsx part cannot hold most C0
controls; bidi overrides reorder a name on screen. Each such character is shown as its
escape (``\\x1b``, ``\\n``, ``\\u202e``), so nothing is lost from view and nothing acts.
"""

from __future__ import annotations

import re

from scorer import regex_cache

# C0 and C1 controls and DEL, the Unicode line and paragraph separators, the bidi
# embeddings, overrides and isolates, and the lone surrogates that stand for the bytes
# of a file name that is not UTF-8 (surrogateescape).
_UNSAFE = regex_cache.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_BUT_LINES = regex_cache.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the file name's own byte
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """``text`` on one line, every unsafe character shown as its escape (``\\x1b``, ``\\n``)."""
    return text if text.isprintable() else _UNSAFE.sub(_escape, text)


def visible(text: str) -> str:
    """``text`` with its unsafe characters escaped, but its line breaks and tabs kept."""
    return text if text.isprintable() else _UNSAFE_BUT_LINES.sub(_escape, text)


# (str.isprintable, in C, is False for every character the patterns above match — controls,
# the line and paragraph separators, format characters, surrogates — so a printable text has
# nothing to escape; most text is, and the HTML report asks ~1,400 times a report.)
