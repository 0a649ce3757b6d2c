"""Every regular expression fazhi compiles, on long lines of its own words: which grow faster than the line.

    .venv/bin/python benchmarks/pattern_growth.py          (or: make bench-patterns)

Python's `re` backtracks. A pattern such as ``^(?![^。]*(办理|受理)[^。]*\\d)…`` tries every
办理 of a sentence before it gives up, and a hostile line that repeats the word a hundred
thousand times keeps the scorer busy for hours. The shipped rules are written with Python's
engine (they need lookarounds), so nothing but their writing keeps them linear; this script
is how a rule writer checks it. (Runs of spaces are not built: ingest cuts any run inside a
line to 20 characters, `scorer.ingest.MAX_SPACE_RUN`, so a pattern's spaces never meet more.)

Each pattern fazhi compiles through `scorer.regex_cache` (the rules, the cues, the segmenter,
the readers: all are compiled by scoring one seed first) is searched in lines built from its
own Chinese words: all of them run together, then each word after an opening 《 or before
one, then each as an item of a list (…、…、), with the sentence's and a title's ends (。》”)
left out, so that a pattern that scans to one of them scans to the end; and each word repeated
with a title's end only at the line's end, which a lookahead asking whether a title closes ahead
reads to from every occurrence. A pattern is reported when a line 8 times longer takes more
than 20 times as long (linear work takes about 8 times; backtracking over every repeat, 64).
Exit 1 when any is reported. Not part of `make bench`: several minutes on two cores.

Scoring cuts a sentence longer than `scorer.segment.SENTENCE_MAX_CHARS` (1,000 characters; no
real sentence of the labelled reports reaches 500), which bounds what such a pattern costs on a
hostile line; a pattern reported here is still worth making linear, since not every pattern
is searched in sentences only (the segmenter's and the readers' see whole lines).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer import regex_cache  # noqa: E402
from scorer.ingest import read_document  # noqa: E402
from scorer.match import _branches, _group_end  # noqa: E402
from scorer.pipeline import score_document  # noqa: E402
from scorer.rules import builtin_rules  # noqa: E402

WORDS = re.compile(r"[\u4e00-\u9fff《》“”、]+")
ENDS = str.maketrans("", "", "。》”")
SHORT, LONG = 2_000, 16_000
GROWTH_LIMIT = 20  # a line 8 times longer may take this many times as long


def _lines(source: str) -> list[tuple[str, str]]:
    """Units to repeat into a long line, each with the text closing the line: the pattern's words
    run together, then each alone, around an opening 《, as a list's item, and closed by one 》."""
    runs = WORDS.findall(source)
    words = [w for run in runs for w in re.split(r"[、》”]", run) if w]
    together = "".join(runs) or "法治"
    units = [together, together.translate(ENDS), "《" + "".join(words).translate(ENDS)]
    units += ["《" + w.translate(ENDS) for w in words[:12]] + [w.translate(ENDS) + "《" for w in words[:12]]
    # (and each word as an item of a list that never ends: a pattern that takes a run of
    # items (…、…、) up to the word closing it (等, 方面) reads every item after each start)
    units += [w.translate(ENDS) + "、" for w in words[:12]]
    # (and, for a pattern with a digit class, a line of digits: its words are all Chinese, and
    # a count read from every digit of a long run was the thirty-fourth session's find)
    units += ["0123456789"] if "\\d" in source else []
    lines = [(u, "") for u in dict.fromkeys(units) if u]
    # (and each word repeated with a title's end only at the line's end: a lookahead asking
    # whether a title closes ahead ((?![^《》]*》)) reads to the line's end from every occurrence)
    return lines + [(w.translate(ENDS), "》") for w in dict.fromkeys(words[:12]) if w.translate(ENDS)]


def _searched(patterns) -> dict[str, re.Pattern[str]]:
    """Each compiled pattern by its source, and each top-level branch of one made of several
    (a rule's excludes or terms joined into one alternation) compiled alone as well: a line is
    built from the first words of its source only, so a slow branch far down a long alternation
    would otherwise never meet its own words (the twenty-eighth session found one so)."""
    out: dict[str, re.Pattern[str]] = {}
    for (source, flags), pattern in patterns:
        out.setdefault(source, pattern)
        parts = _branches(source)
        for part in parts if len(parts) > 1 else ():
            if part.startswith("(?:") and _group_end(part, 0) == len(part) - 1:
                part = part[3:-1]  # (the (?:…) each alternative is wrapped in when joined)
            if part and part not in out:
                try:
                    out[part] = re.compile(part, flags)
                except re.error:
                    pass  # (a branch that refers to a group of another)
    return out


def _seconds(pattern: re.Pattern[str], unit: tuple[str, str], size: int) -> float:
    repeated, tail = unit
    line = (repeated * (size // len(repeated) + 1))[:size - len(tail)] + tail
    start = time.perf_counter()
    pattern.search(line)
    return time.perf_counter() - start


def main() -> int:
    score_document(read_document(ROOT / "seeds" / "002_270951ed5cca0aaf.txt"), builtin_rules())
    patterns = _searched(regex_cache._patterns.items())
    slow = []
    for source, pattern in patterns.items():
        for unit in _lines(source):
            # a line 4 times longer first; only a pattern that grows there is timed at 8 times
            short = _seconds(pattern, unit, SHORT)
            if _seconds(pattern, unit, SHORT * 4) < max(0.01, 8 * short):
                continue
            long = _seconds(pattern, unit, LONG)
            if long / max(short, 1e-6) > GROWTH_LIMIT:
                slow.append((long, long / short, source, unit))
                break
    print(f"{len(patterns)} patterns and branches searched in lines of {SHORT:,} and {LONG:,} characters of their own words")
    for long, growth, source, unit in sorted(slow, reverse=True):
        print(f"  {long * 1000:8.0f} ms at {LONG:,} ({growth:.0f}× the time at {SHORT:,}): {source[:160]}  — line of {unit[0][:20]}…{unit[1]}")
    print(f"{len(slow)} grow faster than the line" if slow else "none grows faster than the line")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
