"""The terminal table of `fazhi score`: status colours, evidence counts, score and grade.

In the supervisor's words (:mod:`scorer.vocabulary`): each requirement by its Chinese
title, its status in Chinese. The rule ID is a technical reader's aid: it is the last,
dim column when the terminal is wide enough (WIDE_ENOUGH_FOR_IDS) and is dropped
otherwise, so the table fits an 80-column terminal. A file that is not one whole annual
report says so first, before any verdict.

Rich lays the table out. Importing and running it is ~40 ms, a fifth of a whole
`fazhi score`, so the output without colour (a pipe, a file, NO_COLOR) is laid out here
when it is the simple case: the table fits the width as it is and no text holds what
rich treats specially (a tab, a colon that could start an :emoji: code, a [markup]
tag). That is what rich prints then, character for character, measured with rich's own
cell widths (tests/test_text_render.py holds the two to the same output); anything else,
and every coloured output, goes to rich.
"""

from __future__ import annotations

import io
import os
import shutil

from scorer import regex_cache
from scorer.models import ReportResult
from scorer.render import review
from scorer.sanitize import one_line, visible
from scorer.vocabulary import LEVEL_ZH, NOT_WHOLE_ADVICE_ZH, NOT_WHOLE_WARNING_ZH, edition_short_zh, status_zh

STATUS_STYLE = {
    "substantiated": "bold green",
    "asserted": "green",
    "deficient": "yellow",
    "planned": "magenta",
    "absent": "bold red",
    "met": "green",
    "late": "yellow",
}
# The ID column needs ~35 more columns than the table does without it (which fits in 80).
WIDE_ENOUGH_FOR_IDS = 120
ID_HEADER = "规则编号"


def use_color(stream, environ=os.environ) -> bool:
    """Colour as terminal tools agree (no-color.org, force-color.org): FORCE_COLOR wins,
    then NO_COLOR, then whether the stream is a terminal."""
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def terminal_width(stream, environ=os.environ) -> int:
    """The terminal's own width (COLUMNS first, as shells set it), 120 when not a terminal."""
    if environ.get("COLUMNS", "").isdigit():
        return max(40, int(environ["COLUMNS"]))
    if hasattr(stream, "isatty") and stream.isatty():
        return max(40, shutil.get_terminal_size((120, 24)).columns)
    return 120


# What is printed, in order, whichever of the two lays it out. A line is (how, text, style):
#   "soft"   a rich Text printed with soft_wrap (never broken: the file's path)
#   "text"   a rich Text (never read as markup or emoji)
#   "str"    a plain string printed with markup=False (rich still replaces :emoji: codes)
#   "markup" a plain string printed as rich markup
# and the table is ("table", headers, rows, with_ids), each row's cell (text, style, is_text):
# is_text False for a plain string cell, which rich reads as markup.
def _blocks(result: ReportResult, width: int) -> list[tuple]:
    date = result.signed or result.published
    blocks: list[tuple] = [
        ("soft", one_line(result.path), "bold"),
        ("text", f"发文单位 {one_line(result.issuer or '未识别')} · 报告年度 {result.year or '未识别'} · "
                 f"{edition_short_zh(result.edition)} · 日期 {date.isoformat() if date else '未找到'}", ""),
    ]
    if not result.is_whole:
        blocks.append(("text", f"⚠ 注意：{NOT_WHOLE_WARNING_ZH}", "bold yellow"))
        for reason in result.not_whole:
            blocks.append(("text", f"  · {visible(reason)}", "yellow"))
        blocks.append(("text", f"  {NOT_WHOLE_ADVICE_ZH}", "yellow"))
    with_ids = width >= WIDE_ENOUGH_FOR_IDS
    rows = []
    for r in result.results:
        style = STATUS_STYLE.get(r.status, "") if r.applies else "dim"
        points = f"{r.points:g}/{r.max_points:g}" if r.applies else "—"
        cells = [(visible(r.rule.title), "", True), (LEVEL_ZH[r.rule.level], "", False),
                 (review.status_zh(r), style, True), (str(len(r.evidence)), "", False), (points, "", False)]
        rows.append(cells + ([(r.rule.id, "", True)] if with_ids else []))
    headers = ["要求", "级别", "状态", "证据", "得分"] + ([ID_HEADER] if with_ids else [])
    blocks.append(("table", headers, rows, with_ids))
    blocks.append(("text", f"得分 {result.score:.1f} / 100 · 等级 {result.grade} · 核心项 {result.core_score:.1f}", "bold"))
    quality = review.quality_lines(result)
    if quality:
        blocks.append(("str", "写作质量：" + " · ".join(f"{label} {value}" for label, value in quality), ""))
    gaps = result.gaps
    if gaps:
        blocks.append(("markup", f"缺口 {len(gaps)} 项：", ""))
        for r in gaps:
            # ★ joined to the title: a space there would let the line wrap right after the star
            flag = "★" if r.rule.level == "core" else " "
            blocks.append(("str", visible(f" {flag}{r.rule.title}【{status_zh(r.status, r.rule.kind)}】{r.rule.suggestion}"), ""))
    for note in result.notes:
        blocks.append(("str", visible(f"注：{note}"), ""))
    return blocks


def render(result: ReportResult, *, color: bool = False, width: int = 120) -> str:
    blocks = _blocks(result, width)
    if not color:
        plain = _plain(blocks, width)
        if plain is not None:
            return plain
    return _rich(blocks, color, width)


def _rich(blocks: list[tuple], color: bool, width: int) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False,
                      color_system="standard" if color else None)
    for block in blocks:
        how = block[0]
        if how == "table":
            _, headers, rows, with_ids = block
            table = Table(show_lines=False, expand=False)
            table.add_column(headers[0])
            for header in headers[1:5]:
                table.add_column(header, no_wrap=True)
            if with_ids:
                table.add_column(headers[5], no_wrap=True, style="dim")
            for row in rows:
                # Text() keeps rich from reading [brackets] in user-supplied rule titles as markup.
                table.add_row(*(Text(text, style=style) if is_text else text for text, style, is_text in row))
            console.print(table)
        elif how == "soft":  # soft_wrap: a long path is not broken in two
            console.print(Text(block[1], style=block[2]), soft_wrap=True)
        elif how == "text":  # Text(): report-derived strings are never markup
            console.print(Text(block[1], style=block[2]))
        elif how == "str":
            console.print(block[1], markup=False)
        else:
            console.print(block[1])
    return out.getvalue()


# --- The same output without rich, for the simple case -----------------------------------------

# rich's words for wrapping: a run of non-space with the spaces around it (rich/_wrap.py).
_WORD = regex_cache.compile(r"\s*\S+\s*")
_TRAILING_SPACE = regex_cache.compile(r"\s+$")
# Outside these cases rich does something this layout does not: expands tabs, reads
# markup, replaces :emoji: codes, or (on a Windows console) swaps the box characters.
_RICH_ONLY = {"text": ("\t",), "soft": ("\t",), "str": ("\t", ":"), "markup": ("\t", ":", "[", "\\")}


def _plain(blocks: list[tuple], width: int) -> str | None:
    """What rich prints for ``blocks`` without colour, or None when only rich can say."""
    if os.name == "nt" or width < 1:
        return None
    from rich.cells import cell_len, chop_cells, set_cell_size  # (rich's measures, without the rest of rich)

    out: list[str] = []
    for block in blocks:
        how = block[0]
        if how == "table":
            lines = _table(block[1], block[2], width, cell_len, chop_cells, set_cell_size)
            if lines is None:
                return None
            out.extend(lines)
            continue
        text = block[1]
        if any(ch in text for ch in _RICH_ONLY[how]):
            return None
        if how == "soft":
            out.append(text)
            continue
        for line in text.split("\n"):
            out.extend(_wrapped(line, width, cell_len, chop_cells, set_cell_size))
    return "\n".join(out) + "\n"


def _wrapped(line: str, width: int, cell_len, chop_cells, set_cell_size) -> list[str]:
    """One line of text as rich wraps it (Text.wrap, overflow "fold"): broken before the word
    that does not fit, a word wider than the line folded, spaces past the edge dropped."""
    breaks: list[int] = []
    used = 0  # cells on the line so far
    for word in _WORD.finditer(line):
        start, text = word.start(), word.group()
        need = cell_len(text.rstrip())
        if width - used >= need:
            used += cell_len(text)
        elif need > width:  # on no line: folded over as many as it takes
            pieces = chop_cells(text, width)
            for i, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if i == len(pieces) - 1:
                    used = cell_len(piece)
                else:
                    start += len(piece)
        elif used and start:  # on the next line
            breaks.append(start)
            used = cell_len(text)
    edges = [0, *breaks, len(line)]
    lines = []
    for a, b in zip(edges, edges[1:]):
        piece = line[a:b]
        if len(piece) > width:  # (characters, not cells: rich's Text.rstrip_end)
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[:len(piece) - min(len(space.group()), len(piece) - width)]
        if cell_len(piece) > width:
            piece = set_cell_size(piece, width)
        lines.append(piece)
    return lines


def _table(headers: list[str], rows: list[list[tuple]], width: int, cell_len, chop_cells,
           set_cell_size) -> list[str] | None:
    """The table as rich draws it (box HEAVY_HEAD, one space of padding) when every column can
    be as wide as its widest cell; None when it cannot, and rich must shrink and wrap them."""
    texts = [list(headers)] + [[text for text, _, _ in row] for row in rows]
    for row in rows:
        for text, _, is_text in row:
            if "\n" in text or "\t" in text or (not is_text and any(ch in text for ch in ":[\\")):
                return None
    if any(":" in h or "[" in h for h in headers):
        return None
    lengths = [[cell_len(text) for text in row] for row in texts]
    widths = [max(column) + 2 for column in zip(*lengths)]  # + the padding either side
    if sum(widths) > width - (len(widths) + 1):  # (the borders: one between columns, one each side)
        return None
    # Each cell wrapped to its column as rich does (one line, since it fits; only spaces
    # past the edge of a text with zero-width characters can go)
    for row, sizes in zip(texts, lengths):
        for k, text in enumerate(row):
            (row[k],) = _wrapped(text, widths[k] - 2, cell_len, chop_cells, set_cell_size)
            sizes[k] = cell_len(row[k])

    def row_line(row: list[str], sizes: list[int], bar: str) -> str:
        return bar + bar.join(f" {text}{' ' * (w - 2 - n)} " for text, n, w in zip(row, sizes, widths)) + bar

    def rule(left: str, fill: str, mid: str, right: str) -> str:
        return left + mid.join(fill * w for w in widths) + right

    lines = [rule("┏", "━", "┳", "┓"), row_line(texts[0], lengths[0], "┃"), rule("┡", "━", "╇", "┩")]
    lines.extend(row_line(row, sizes, "│") for row, sizes in zip(texts[1:], lengths[1:]))
    lines.append(rule("└", "─", "┴", "┘"))
    return lines
