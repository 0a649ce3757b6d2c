"""A report that appears twice on one page counts once.

Some sites print the article twice (a screen copy and a "print" copy, or an
article template rendered around the same body), and a copy-paste of the page
keeps both. Counting both would double every piece of evidence, so the second
copy is dropped. A copy is recognised by a run of long lines repeating in the
same order; one repeated sentence (a quotation, a slogan) is not a copy.
"""

from __future__ import annotations

LONG = 25  # characters: shorter lines (headings, 落款) legitimately recur in a report
MIN_RUN_LONG = 3  # long lines in the repeated run before we call it a copy
MIN_RUN_CHARS = 300  # …or this much repeated text, for reports with few, long paragraphs


def find_repeats(lines: list[str], dropped: set[int]) -> set[int]:
    """Indexes of lines that belong to a later copy of an earlier block."""
    idx = [i for i, line in enumerate(lines) if line.strip() and i not in dropped]
    keys = ["".join(lines[i].split()) for i in idx]
    first: dict[str, int] = {}
    repeated: set[int] = set()
    pos = 0
    while pos < len(keys):
        m = first.get(keys[pos])
        if m is not None and len(keys[pos]) >= LONG:
            run = _run_length(keys, m, pos)
            chars = sum(len(k) for k in keys[pos : pos + run])
            long_lines = sum(len(k) >= LONG for k in keys[pos : pos + run])
            if long_lines >= MIN_RUN_LONG or (long_lines >= 2 and chars >= MIN_RUN_CHARS):
                # The copy usually starts a little before its first long line:
                # the title, a salutation. Take those along when they match too.
                back = 0
                while m - back - 1 >= 0 and pos - back - 1 > m + run - 1 and keys[m - back - 1] == keys[pos - back - 1]:
                    back += 1
                repeated.update(idx[pos - back : pos + run])
                pos += run
                continue
        first.setdefault(keys[pos], pos)
        pos += 1
    return repeated


def _run_length(keys: list[str], m: int, pos: int) -> int:
    """How many lines from ``pos`` repeat the lines from ``m``, stopping where the first copy ends."""
    run = 0
    while pos + run < len(keys) and m + run < pos and keys[m + run] == keys[pos + run]:
        run += 1
    return run
