"""summary.csv and summary.xlsx: one row per input file, one status column per requirement.

Columns: file, issuer, year, edition, date, score, grade, core_score, error, then one
column per rule id in ruleset order holding its status, or ``n/a`` when the rule's
Outline edition does not cover the report. A broken file has only file and error.

The CSV is UTF-8 with a BOM so Excel opens the Chinese correctly. Report text is
untrusted: a text cell that starts like a formula (= + - @) is written so that Excel
shows it as text — prefixed with ``'`` in the CSV, stored as a string in the workbook.
Every text cell is passed through :func:`scorer.sanitize.one_line` first: a control character in a file
name or a report's title would otherwise break the workbook (openpyxl refuses them) or
reach a terminal that shows the CSV.
"""

from __future__ import annotations

import csv
import io
from typing import IO, TYPE_CHECKING

from scorer.models import STATUS_ZH
from scorer.sanitize import one_line

if TYPE_CHECKING:
    from scorer.batch_outputs import BatchView, SummaryRow

FIXED_COLUMNS = ("file", "issuer", "year", "edition", "date", "score", "grade", "core_score", "error")
NOT_APPLICABLE = "n/a"
# Cell fills in the workbook; the dashboard uses the same colours.
STATUS_COLORS = {
    "substantiated": "43A047",
    "asserted": "AED581",
    "met": "43A047",
    "deficient": "FFD54F",
    "late": "FFD54F",
    "planned": "BA68C8",
    "absent": "E57373",
    NOT_APPLICABLE: "E0E0E0",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
def header(view: BatchView) -> list[str]:
    return [*FIXED_COLUMNS, *(rule.id for rule in view.ruleset.rules)]


def cells(row: SummaryRow, view: BatchView) -> list:
    fixed = [row.file, row.issuer, row.year, row.edition, row.date, row.score, row.grade, row.core_score, row.error]
    return fixed + list(row.statuses or [None] * len(view.ruleset.rules))


def _csv_safe(value) -> object:
    if isinstance(value, str):
        value = one_line(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return "" if value is None else value


def write_csv(view: BatchView, f: IO[str]) -> None:
    """Into a text file opened with encoding="utf-8-sig" (the BOM) and newline=""."""
    writer = csv.writer(f, lineterminator="\r\n")
    writer.writerow(header(view))
    for row in view.rows:
        writer.writerow([_csv_safe(v) for v in cells(row, view)])


def to_csv(view: BatchView) -> bytes:
    buf = io.StringIO(newline="")
    write_csv(view, buf)
    return buf.getvalue().encode("utf-8-sig")


def write_xlsx(view: BatchView, f: IO[bytes]) -> None:
    """Into a binary file. Write-only mode: each row goes to disk as it is appended.

    Write-only sheets take their layout (column widths, frozen panes) before the first
    row and their auto-filter before saving; styles and hyperlinks ride on WriteOnlyCells.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fills = {status: PatternFill("solid", start_color=color) for status, color in STATUS_COLORS.items()}

    def styled(ws, value, font=None, fill=None, hyperlink=None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=one_line(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the report says
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if hyperlink:
            cell.hyperlink = hyperlink
        return cell

    ws = wb.create_sheet("summary")
    names = header(view)
    first_status = len(FIXED_COLUMNS) + 1
    widths = {"file": 36, "issuer": 24, "date": 12, "error": 40}
    for j, name in enumerate(names, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 9 if j < first_status else 6)
    ws.freeze_panes = "B2"  # header row and file column stay in view
    ws.append([styled(ws, name, font=bold) for name in names])
    for row in view.rows:
        values = cells(row, view)
        line = [styled(ws, values[0], hyperlink=row.links.get("html"))]
        for j, value in enumerate(values[1:], start=2):
            fill = fills.get(value) if j >= first_status else None
            line.append(styled(ws, value, fill=fill) if isinstance(value, str) else value)
        ws.append(line)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(view.rows) + 1}"

    rules = wb.create_sheet("requirements")
    rules.append([styled(rules, name, font=bold) for name in ("id", "title", "level", "area", "weight")])
    for rule in view.ruleset.rules:  # styled, made visible: a user's rules file may hold control characters too
        texts = (rule.id, rule.title, rule.level, rule.area)
        rules.append([*(styled(rules, t) if isinstance(t, str) else t for t in texts), rule.weight])
    legend = wb.create_sheet("legend")
    legend.append(["status", "含义"])
    for status in STATUS_COLORS:
        legend.append([styled(legend, status, fill=fills[status]), STATUS_ZH.get(status, "不适用（报告年度的纲要版本不含此项）")])
    wb.save(f)


def to_xlsx(view: BatchView) -> bytes:
    buf = io.BytesIO()
    write_xlsx(view, buf)
    return buf.getvalue()
