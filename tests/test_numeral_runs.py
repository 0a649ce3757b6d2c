"""Every run of numerals in the shipped patterns is bounded (\\d{1,20}, [一二三…]{1,20}).

Python's `re` tries a pattern from every position of a sentence. A count pattern whose numeral
run is unbounded (`[\\d一二三四五六七八九十两]+次`, or the same inside a lookahead after
`[^。]*`) reads the whole run from each of its characters before it gives up, so a sentence of
1,000 numerals without the unit costs a million steps in each such pattern: a hostile report
of such sentences took minutes to score (the thirty-fourth session counted 50 such patterns,
20 on Chinese numerals and 30 on digits). Bounded to 20 characters, each start reads at most
20. No numeral in the 2,904 labelled texts is longer than 19 characters (a document number),
and a count after a longer run is still found: its last 20 numerals match where the run did.

User rules run on RE2, linear whatever they say (scorer.linear_regex); this is for the shipped
ones, whose writers use Python's engine for its lookarounds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer import cues, segment

ROOT = Path(__file__).resolve().parent.parent
# Where the patterns run on report text: the rules and the matcher's own modules.
SOURCES = sorted(ROOT.glob("rules/*.yaml")) + [ROOT / "scorer" / name for name in
                                                  ("cues.py", "segment.py", "match.py", "citations.py")]
# (the one pattern in them that reads rule sources, not report text: a quantifier's digits)
NOT_REPORT_TEXT = ("_OPTIONAL_START = ",)

NUMERAL_CLASS = re.compile(r"\[(?!\^)[^\]\[]*[一二两三四五六七八九十百千万零〇][^\]\[]*\][+*]")
DIGITS = re.compile(r"(?<!\\)\\d[+*]")


def unbounded_runs(line: str) -> list[str]:
    """The numeral runs of one line of pattern source that have no upper bound."""
    return [m.group(0) for m in (*NUMERAL_CLASS.finditer(line), *DIGITS.finditer(line))]


@pytest.mark.parametrize("source, found", [
    (r"[\d一二三四五六七八九十两]+次召开", [r"[\d一二三四五六七八九十两]+"]),
    (r"(?<![第一“])[两二三][一两二三十百]*(余|多)?个", [r"[一两二三十百]*"]),
    (r"^(?![^。]*\d+(件|起))[^。]*调解", [r"\d+"]),
    (r"[\d一二三四五六七八九十两]{1,20}次召开", []),
    (r"\d{1,20}(\.\d{1,20})?\s*(件|次)", []),
    (r"[^一二三。]+是", []),  # a run of anything but numerals
    (r"\\d+", []),  # a backslash, then d: not a digit class
])
def test_the_check_tells_bounded_runs_from_unbounded_ones(source, found):
    assert unbounded_runs(source) == found


def test_no_shipped_pattern_reads_an_unbounded_run_of_numerals():
    offending = [f"{path.relative_to(ROOT)}:{n}: {', '.join(runs)}"
                 for path in SOURCES
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if not line.lstrip().startswith(NOT_REPORT_TEXT) and (runs := unbounded_runs(line))]
    assert not offending, ("write a numeral run with an upper bound, {1,20} (see this test's "
                           "docstring):\n" + "\n".join(offending))


@pytest.mark.parametrize("text, count", [
    ("办理行政复议案件一千二百三十四万五千六百七十八件。", "一千二百三十四万五千六百七十八件"),  # 15 numerals
    ("登记来文0024568020202100015件。", "0024568020202100015件"),  # 19 digits, the longest labelled
])
def test_a_numeral_within_the_bound_is_read_whole(text, count):
    found = cues.QUANTITY.search(text)
    assert found is not None and found.group(0) == count


def test_a_count_after_a_run_longer_than_the_bound_is_still_found():
    # (the last 20 numerals and the unit match where the whole run did; only the span is shorter)
    text = "问题" + "三" * 40 + "个"
    found = segment.PROBLEMS_COUNTED.search(text)
    assert found is not None and found.group(0).endswith("三" * 20 + "个")
