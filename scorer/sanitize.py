"""Untrusted text made safe to show: report text, titles and file names never carry
control characters into a terminal, a spreadsheet cell or a one-line error.

A report's title or a file's name can hold ``ESC]0;…`` (retitles the terminal) or
``ESC[2J`` (clears it); openpyxl refuses control characters outright. Each control
character is shown instead as its Unicode "control picture" (ESC → ␛), so nothing is
lost from view and nothing is executed.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (ESC's 8-bit forms).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control has no picture


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline made visible."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and tabs made visible too (a file name with a
    newline must not split a one-line error)."""
    return _CONTROL_OR_BREAK.sub(lambda m: "\u2424" if m.group(0) in "\u2028\u2029" else _picture(m), text)
