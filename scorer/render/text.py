"""The terminal table of `fazhi score`: status colours, evidence counts, score and grade.

In the supervisor's words (:mod:`scorer.vocabulary`): each requirement by its Chinese
title, its status in Chinese. The rule ID is a technical reader's aid: it is the last,
dim column when the terminal is wide enough (WIDE_ENOUGH_FOR_IDS) and is dropped
otherwise, so the table fits an 80-column terminal. A file that is not one whole annual
report says so first, before any verdict.

Output that goes to a pipe or a file (a CI log, `| grep`, `> out.txt`) is the same table in
plain aligned columns, one line per requirement, without box drawing or colour
(`render(..., plain=True)`). Laying a table out with rich costs ~40 ms of a ~180 ms
`fazhi score` (its import and its measuring of every cell), which a script that scores
one draft per commit pays every time; a terminal keeps the rich table, which wraps and
colours.
"""

from __future__ import annotations

import io
import os
import shutil

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


def render(result: ReportResult, *, color: bool = False, width: int = 120, plain: bool = False) -> str:
    if plain:
        return _render_plain(result, width)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False,
                      color_system="standard" if color else None)
    # Text(): report-derived strings are never markup; soft_wrap: a long path is not broken in two
    console.print(Text(one_line(result.path), style="bold"), soft_wrap=True)
    console.print(Text(_about_line(result)))
    if not result.is_whole:
        console.print(Text(f"⚠ 注意：{NOT_WHOLE_WARNING_ZH}", style="bold yellow"))
        for reason in result.not_whole:
            console.print(Text(f"  · {visible(reason)}", style="yellow"))
        console.print(Text(f"  {NOT_WHOLE_ADVICE_ZH}", style="yellow"))
    with_ids = width >= WIDE_ENOUGH_FOR_IDS
    table = Table(show_lines=False, expand=False)
    table.add_column("要求")
    for col in ("级别", "状态", "证据", "得分"):
        table.add_column(col, no_wrap=True)
    if with_ids:
        table.add_column(ID_HEADER, no_wrap=True, style="dim")
    for r in result.results:
        label = review.status_zh(r)
        status = Text(label, style=STATUS_STYLE.get(r.status, "") if r.applies else "dim")
        points = f"{r.points:g}/{r.max_points:g}" if r.applies else "—"
        # Text() keeps rich from reading [brackets] in user-supplied rule titles as markup.
        cells = [Text(visible(r.rule.title)), LEVEL_ZH[r.rule.level], status, str(len(r.evidence)), points]
        table.add_row(*cells, *([Text(r.rule.id)] if with_ids else []))
    console.print(table)
    console.print(Text(_score_line(result), style="bold"))
    for line in _closing_lines(result):
        console.print(line, markup=False)
    return out.getvalue()


def _about_line(result: ReportResult) -> str:
    date = result.signed or result.published
    return (f"发文单位 {one_line(result.issuer or '未识别')} · 报告年度 {result.year or '未识别'} · "
            f"{edition_short_zh(result.edition)} · 日期 {date.isoformat() if date else '未找到'}")


def _score_line(result: ReportResult) -> str:
    return f"得分 {result.score:.1f} / 100 · 等级 {result.grade} · 核心项 {result.core_score:.1f}"


def _closing_lines(result: ReportResult) -> list[str]:
    """The writing signals, the gaps with what to add, and the notes, one line each."""
    lines = []
    quality = review.quality_lines(result)
    if quality:
        lines.append("写作质量：" + " · ".join(f"{label} {value}" for label, value in quality))
    if result.gaps:
        lines.append(f"缺口 {len(result.gaps)} 项：")
        for r in result.gaps:
            # ★ joined to the title: a space there would let the line wrap right after the star
            flag = "★" if r.rule.level == "core" else " "
            lines.append(visible(f" {flag}{r.rule.title}【{status_zh(r.status, r.rule.kind)}】{r.rule.suggestion}"))
    lines.extend(visible(f"注：{note}") for note in result.notes)
    return lines


def _render_plain(result: ReportResult, width: int) -> str:
    """The same table for a pipe or a file: columns two spaces apart, padded to the display
    width of their widest cell; a title wraps only when the line would pass ``width``.
    (Widths from rich.cells alone, ~6 ms to import: not the console's layout engine.)"""
    from rich.cells import cell_len, chop_cells

    with_ids = width >= WIDE_ENOUGH_FOR_IDS
    header = ["要求", "级别", "状态", "证据", "得分", *([ID_HEADER] if with_ids else [])]
    rows = [[one_line(r.rule.title), LEVEL_ZH[r.rule.level], review.status_zh(r), str(len(r.evidence)),
             f"{r.points:g}/{r.max_points:g}" if r.applies else "—", *([r.rule.id] if with_ids else [])]
            for r in result.results]
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    gap = "  "
    rest = sum(widths[1:]) + len(gap) * (len(widths) - 1)
    widths[0] = max(8, min(widths[0], width - rest))

    def line(cells: list[str]) -> str:
        padded = [c + " " * (w - cell_len(c)) for c, w in zip(cells, widths)]
        return gap.join(padded).rstrip()

    lines = [one_line(result.path), _about_line(result)]
    if not result.is_whole:
        lines.append(f"⚠ 注意：{NOT_WHOLE_WARNING_ZH}")
        lines.extend(f"  · {visible(reason)}" for reason in result.not_whole)
        lines.append(f"  {NOT_WHOLE_ADVICE_ZH}")
    lines.append(line(header))
    lines.append(gap.join("-" * w for w in widths))
    for row in rows:
        first, *more = chop_cells(row[0], widths[0]) or [""]
        lines.append(line([first, *row[1:]]))
        lines.extend(line([piece, *[""] * (len(row) - 1)]) for piece in more)
    lines.append(_score_line(result))
    lines.extend(_closing_lines(result))
    return "\n".join(lines) + "\n"

