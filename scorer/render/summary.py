"""summary.csv and summary.xlsx: one row per input file, one status column per requirement.

Columns: file, issuer, year, edition, date, score, grade, core_score, error, then one
column per rule id in ruleset order holding its status, or ``n/a`` when the rule's
Outline edition does not cover the report. A broken file has only file and error.

The CSV is UTF-8 with a BOM so Excel opens the Chinese correctly. Report text is
untrusted: a text cell that starts like a formula (= + - @) is written so that Excel
shows it as text — prefixed with ``'`` in the CSV, stored as a string in the workbook.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from scorer.models import STATUS_ZH

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
    statuses = []
    for rule in view.ruleset.rules:
        r = row.result(rule.id)
        statuses.append(None if r is None else (r.status if r.applies else NOT_APPLICABLE))
    return fixed + statuses


def _csv_safe(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def to_csv(view: BatchView) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header(view))
    for row in view.rows:
        writer.writerow([_csv_safe(v) for v in cells(row, view)])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(view: BatchView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "summary"
    names = header(view)
    ws.append(names)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {status: PatternFill("solid", start_color=color) for status, color in STATUS_COLORS.items()}
    first_status = len(FIXED_COLUMNS) + 1
    for i, row in enumerate(view.rows, start=2):
        for j, value in enumerate(cells(row, view), start=1):
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the report says
            if j >= first_status and value in fills:
                cell.fill = fills[value]
        if row.links.get("html"):
            ws.cell(row=i, column=1).hyperlink = row.links["html"]
    ws.freeze_panes = "B2"  # header row and file column stay in view
    ws.auto_filter.ref = ws.dimensions
    widths = {"file": 36, "issuer": 24, "date": 12, "error": 40}
    for j, name in enumerate(names, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 9 if j < first_status else 6)

    rules = wb.create_sheet("requirements")
    rules.append(["id", "title", "level", "area", "weight"])
    for cell in rules[1]:
        cell.font = Font(bold=True)
    for rule in view.ruleset.rules:
        rules.append([rule.id, rule.title, rule.level, rule.area, rule.weight])
    legend = wb.create_sheet("legend")
    legend.append(["status", "含义"])
    for status in STATUS_COLORS:
        legend.append([status, STATUS_ZH.get(status, "不适用（报告年度的纲要版本不含此项）")])
        legend.cell(row=legend.max_row, column=1).fill = fills[status]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
