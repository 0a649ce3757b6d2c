"""The terminal table of `fazhi score` laid out without rich is what rich prints.

scorer/render/text.py lays out the output without colour itself when it is the simple
case (the table fits, no tab, emoji code or markup), and hands everything else to rich.
These tests hold the two layouts to the same characters: on every seed and holdout
report at widths from very narrow to very wide, and on generated text that tries what
rich wraps, folds, crops and measures differently (CJK, spaces of every kind, combining
marks, emoji, zero-width joiners, words wider than the line).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.pipeline import score_file
from scorer.render import text
from scorer.rules import load_rules

REPO = Path(__file__).resolve().parent.parent
REPORTS = sorted(REPO.glob("seeds/*.txt")) + sorted(REPO.glob("tests/data/holdout*/*.txt"))
WIDTHS = (20, 40, 79, 80, 100, 119, 120, 200)


@pytest.fixture(scope="module")
def results():
    ruleset = load_rules([])
    return [score_file(path, ruleset) for path in REPORTS]


def test_reports_come_out_as_rich_prints_them(results):
    laid_out_here = 0
    for result in results:
        for width in WIDTHS:
            blocks = text._blocks(result, width)
            plain = text._plain(blocks, width)
            assert text.render(result, width=width) == text._rich(blocks, False, width), (result.path, width)
            if plain is not None:
                laid_out_here += 1
    # the simple case is the common one: a real report at 80 or 120 columns is laid out here
    assert laid_out_here >= 2 * len(results)


def test_a_seed_at_80_and_120_columns_is_laid_out_without_rich(results):
    for width in (80, 120):
        blocks = text._blocks(results[0], width)
        assert text._plain(blocks, width) == text._rich(blocks, False, width)


def test_colour_and_what_only_rich_does_go_to_rich(results):
    blocks = text._blocks(results[0], 120)
    assert text._plain([("str", "a :smile: b", "")], 80) is None  # an emoji code rich replaces
    assert text._plain([("text", "a\tb", "")], 80) is None  # a tab rich expands
    assert text._plain(blocks, 60) is None  # the table does not fit: rich shrinks the title column
    assert text.render(results[0], color=True, width=120) == text._rich(blocks, True, 120)
    assert "\x1b[" in text.render(results[0], color=True, width=120)


# Characters that rich treats in every way it can: narrow and wide, spaces it breaks at
# (ASCII, no-break, ideographic), zero-width (combining accent, ZWJ, variation selector),
# an emoji, punctuation it folds, and the ones that send the layout to rich (: [ \t).
ALPHABET = st.sampled_from(list("ab xyz，。、“”《》法治政府建设年度报告") +
                           ["\u00a0", "\u3000", "\u0301", "\u200d", "\ufe0f", "😀", "★", "—", ":", "[", "\t", "\n"])
LINES = st.lists(st.text(ALPHABET, max_size=60), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, kinds=st.lists(st.sampled_from(["soft", "text", "str", "markup"]), min_size=4, max_size=4),
       width=st.integers(1, 90))
def test_lines_wrap_as_rich_wraps_them(lines, kinds, width):
    blocks = [(kind, line, "") for kind, line in zip(kinds, lines)]
    plain = text._plain(blocks, width)
    if plain is not None:
        assert plain == text._rich(blocks, False, width)


# (a cell with a line break or a tab always goes to rich: left out, so more tables are drawn here)
CELLS = st.text(ALPHABET.filter(lambda ch: ch not in "\t\n"), max_size=25)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=0, max_size=5), with_ids=st.booleans(),
       width=st.integers(10, 140))
def test_tables_are_drawn_as_rich_draws_them(rows, with_ids, width):
    headers = ["要求", "级别", "状态", "证据", "得分"] + (["规则编号"] if with_ids else [])
    table_rows = [[(title, "", True), ("必备", "", False), (status, "green", True), ("3", "", False), (points, "", False)]
                  + ([("rule.id", "", True)] if with_ids else []) for title, status, points in rows]
    blocks = [("table", headers, table_rows, with_ids)]
    plain = text._plain(blocks, width)
    if plain is not None:
        assert plain == text._rich(blocks, False, width)


def test_fazhi_score_without_colour_does_not_import_rich():
    # rich is ~40 ms of a ~200 ms `fazhi score`; a pipe or a file gets the same text without it.
    code = (
        "import sys\n"
        "from scorer.cli import app\n"
        "from typer.testing import CliRunner\n"
        f"res = CliRunner().invoke(app, ['score', {str(REPORTS[0])!r}])\n"
        "assert res.exit_code == 0, res.output\n"
        "print(sorted(m for m in ('rich.console', 'rich.table', 'rich.text') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"  # (rich.cells, its character widths, is all it needs)
