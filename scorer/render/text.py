"""The terminal table of `fazhi score`: status colours, evidence counts, score and grade."""

from __future__ import annotations

import io
import os
import shutil

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorer.models import STATUS_ZH, ReportResult
from scorer.render import review
from scorer.sanitize import one_line, visible

STATUS_STYLE = {
    "substantiated": "bold green",
    "asserted": "green",
    "deficient": "yellow",
    "planned": "magenta",
    "absent": "bold red",
    "met": "green",
    "late": "yellow",
}
LEVEL_ZH = {"core": "核心", "required": "必备", "recommended": "建议"}


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


def render(result: ReportResult, *, color: bool = False, width: int = 120) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False,
                      color_system="standard" if color else None)
    date = result.signed or result.published
    # Text(): report-derived strings are never markup; soft_wrap: a long path is not broken in two
    console.print(Text(one_line(result.path), style="bold"), soft_wrap=True)
    console.print(
        Text(
            f"发文单位 {one_line(result.issuer or '未识别')} · 报告年度 {result.year or '未识别'} · "
            f"纲要 {result.edition}版 · 日期 {date.isoformat() if date else '未找到'}"
        )
    )
    table = Table(show_lines=False, expand=False)
    for col in ("ID", "要求", "级别", "状态", "证据", "得分"):
        table.add_column(col, no_wrap=col in ("ID", "状态"))
    for r in result.results:
        status = Text(r.status, style=STATUS_STYLE.get(r.status, ""))
        points = f"{r.points:g}/{r.max_points:g}" if r.applies else "不适用"
        # Text() keeps rich from reading [brackets] in user-supplied rule titles as markup.
        table.add_row(Text(r.rule.id), Text(visible(r.rule.title)), LEVEL_ZH[r.rule.level], status, str(len(r.evidence)), points)
    console.print(table)
    console.print(Text(f"得分 {result.score:.1f} / 100 · 等级 {result.grade} · 核心项 {result.core_score:.1f}", style="bold"))
    quality = review.quality_lines(result)
    if quality:
        console.print("写作质量：" + " · ".join(f"{label} {value}" for label, value in quality), markup=False)
    gaps = result.gaps
    if gaps:
        console.print(f"缺口 {len(gaps)} 项：")
        for r in gaps:
            flag = "★" if r.rule.level == "core" else " "
            console.print(visible(f" {flag} {r.rule.id} [{STATUS_ZH[r.status]}] {r.rule.suggestion}"), markup=False)
    for note in result.notes:
        console.print(visible(f"注：{note}"), markup=False)
    return out.getvalue()

