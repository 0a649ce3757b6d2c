"""summary.csv (for programs) and summary.xlsx (for the supervisor): one row per input file.

**summary.csv** is the machine format: columns file, issuer, year, edition, date, score,
grade, core_score, error, not_whole (the reasons a file is not one whole annual report,
joined by "；"; empty when it is), ocr (``yes`` when some of the file's text was read by
OCR from page images — a scan — so it may hold misreads, else ``no``; empty for a file
that failed), then one column per rule ID in ruleset order holding
its English status, or ``n/a`` when the rule's Outline edition does not cover the report.
UTF-8 with a BOM so Excel opens the Chinese correctly.

**summary.xlsx** speaks Chinese: a sheet per Outline edition the batch's reports were
judged under (scores are compared only within one edition), whose columns are 文件,
发文单位, 部门类别, 地区, 报告年度, 报告日期, 得分, 等级, 核心项得分, 本版名次, 完整年度报告
(是/否), 不完整的原因 and 扫描件OCR识别 (是 when OCR read it), then one column per
requirement of that edition headed by its Chinese title, each cell the status in words
(有据落实 … 未提及, 具备, 按时/逾期) and coloured. A file that is not one whole annual
report is flagged 否 and not ranked. An edition of more than ``SHEET_ROWS`` reports goes
on over sheets of the same name with (2), (3)…. Every data sheet has a frozen header row
and file column, an autofilter and widths a reader can read. Then 无法读取的文件 (file
and error, when any failed), 要求一览 (each requirement, with its rule ID in the last
column for technical readers) and 图例.

Report text is untrusted: a text cell that starts like a formula (= + - @) is written so
that Excel shows it as text — prefixed with ``'`` in the CSV, stored as a string in the
workbook. Every text cell is passed through :func:`scorer.sanitize.one_line` first: a
control character in a file name or a report's title would otherwise break the workbook
(openpyxl refuses them) or reach a terminal that shows the CSV.
"""

from __future__ import annotations

import csv
import io
from typing import IO, Iterator

from scorer.render.batch_view import STATUS_COLORS, BatchView, SummaryRow
from scorer.sanitize import one_line
from scorer.vocabulary import (
    AREA_ZH,
    DEADLINE_MEANING_ZH,
    DEADLINE_ZH,
    LEVEL_ZH,
    NOT_APPLICABLE,
    NOT_APPLICABLE_ZH,
    STATUS_MEANING_ZH,
    STATUS_ZH,
    WHOLE_ZH,
    edition_short_zh,
    status_zh,
)

CSV_COLUMNS = ("file", "issuer", "year", "edition", "date", "score", "grade", "core_score", "error", "not_whole",
               "ocr")
REASONS_JOIN = "；"
# The workbook's fixed columns: (header, width in Excel's character units; a Chinese
# character takes two).
XLSX_COLUMNS = (
    ("文件", 36),
    ("发文单位", 26),
    ("部门类别", 12),
    ("地区", 14),
    ("报告年度", 10),
    ("报告日期", 12),
    ("得分", 8),
    ("等级", 8),
    ("核心项得分", 12),
    ("本版名次", 12),
    (WHOLE_ZH, 14),
    ("不完整的原因", 40),
    ("扫描件OCR识别", 14),
)
WHOLE_COLUMN = [name for name, _ in XLSX_COLUMNS].index(WHOLE_ZH)  # 0-based
STATUS_WIDTH = 12  # a status column: 有据落实 and a wrapped requirement title
HEADER_HEIGHT = 66  # points: room for a 20-character requirement title wrapped at STATUS_WIDTH
NOT_RANKED = "不参与排名"
# Reports on one sheet: Excel opens 1,048,576 rows but keeps only ~65,530 hyperlinks per
# sheet, and each row links its gap report. A larger edition goes on over further sheets
# of the same name with (2), (3)…
SHEET_ROWS = 65_000
FAILED_SHEET = "无法读取的文件"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- summary.csv ------------------------------------------------------------------------


def header(view: BatchView) -> list[str]:
    return [*CSV_COLUMNS, *(rule.id for rule in view.ruleset.rules)]


def cells(row: SummaryRow, view: BatchView) -> list:
    fixed = [row.file, row.issuer, row.year, row.edition, row.date, row.score, row.grade, row.core_score, row.error,
             REASONS_JOIN.join(row.not_whole), ("yes" if row.ocr else "no") if row.ok else None]
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


# -- summary.xlsx -----------------------------------------------------------------------


def edition_rows(view: BatchView, edition: int) -> Iterator[tuple[SummaryRow, list, list[str | None]]]:
    """Each scored row of ``edition`` in file order, with its fixed cells and its statuses
    (English, one per rule of the edition), so the workbook writer only styles them."""
    positions = [i for i, rule in enumerate(view.ruleset.rules) if edition in rule.editions]
    for row, place in view.with_ranks(edition):
        rank = place if row.is_whole else NOT_RANKED
        fixed = [row.file, row.issuer or "未识别", row.department_kind, row.region, row.year, row.date,
                 row.score, row.grade, row.core_score, rank, "是" if row.is_whole else "否",
                 REASONS_JOIN.join(row.not_whole) or None, "是" if row.ocr else None]
        statuses = [row.statuses[i] if row.statuses else None for i in positions]
        yield row, fixed, statuses


def write_xlsx(view: BatchView, f: IO[bytes], sheet_rows: int = SHEET_ROWS) -> None:
    """Into a binary file. Write-only mode: each row goes to disk as it is appended.

    Write-only sheets take their layout (column widths, frozen panes, header height)
    before the first row and their auto-filter before saving; styles ride on
    WriteOnlyCells. The file column's links to the gap reports are spooled to disk and put
    into the saved workbook (:mod:`scorer.render.xlsx_links`): openpyxl would hold every
    one of them until the workbook is saved. Each style (bold header, a status's fill…)
    is registered with the workbook once: a cell takes a copy of its small array of style
    indexes, because assigning a Font or PatternFill to every cell hashes it against the
    workbook's list each time — that was most of the time of a large summary.
    """
    import tempfile

    from scorer.render.xlsx_links import SheetLinks

    with SheetLinks() as links, tempfile.TemporaryFile() as saved:
        _write_workbook(view, saved, links, sheet_rows)
        saved.seek(0)
        links.write(saved, f)


def _write_workbook(view: BatchView, f: IO[bytes], links, sheet_rows: int) -> None:
    """The workbook, saved into ``f`` without its links, which go to ``links``."""
    from copy import copy
    from types import SimpleNamespace

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    style_of = SimpleNamespace(parent=wb)  # what a cell registers its style through: its sheet's workbook

    def style(font=None, fill=None, alignment=None):
        cell = WriteOnlyCell(style_of)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        return cell._style  # openpyxl's StyleArray: the indexes of the cell's font, fill, alignment…

    bold = style(font=Font(bold=True))
    header_style = style(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top"))
    fills = {status: style(fill=PatternFill("solid", start_color=color)) for status, color in STATUS_COLORS.items()}
    warn = fills["deficient"]

    def styled(ws, value, look=None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=one_line(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the report says
        if look is not None:
            cell._style = copy(look)
        return cell

    def data_sheet(title: str, columns: list[tuple[str, int]], header_height: float | None = None):
        ws = wb.create_sheet(title)
        for j, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = "B2"  # header row and file column stay in view
        if header_height:
            ws.row_dimensions[1].height = header_height
        ws.append([styled(ws, name, header_style) for name, _ in columns])
        return ws

    def finish(ws, columns: int, rows: int) -> None:
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"

    for edition in view.editions:
        rules = view.rules_of(edition)
        columns = [*XLSX_COLUMNS, *((rule.title, STATUS_WIDTH) for rule in rules)]
        ws = data_sheet(edition_short_zh(edition), columns, HEADER_HEIGHT)
        n, sheets = 0, 1
        for row, fixed, statuses in edition_rows(view, edition):
            if n == sheet_rows:  # this sheet is full: the edition goes on over the next
                finish(ws, len(columns), n)
                sheets += 1
                ws = data_sheet(f"{edition_short_zh(edition)} ({sheets})", columns, HEADER_HEIGHT)
                n = 0
            line = [styled(ws, fixed[0])]
            if row.links.get("html"):
                links.add(ws, f"A{n + 2}", row.links["html"])  # below the header row
            for value in fixed[1:]:
                line.append(styled(ws, value) if isinstance(value, str) else value)
            if not row.is_whole:  # the flag and its reasons stand out
                line[WHOLE_COLUMN]._style, line[WHOLE_COLUMN + 1]._style = copy(warn), copy(warn)
            for rule, status in zip(rules, statuses):
                line.append(styled(ws, status_zh(status, rule.kind), fills.get(status)))
            ws.append(line)
            n += 1
        finish(ws, len(columns), n)

    failed = view.failed
    if failed or not view.editions:  # (a workbook needs a data sheet even when nothing was scored)
        ws = data_sheet(FAILED_SHEET, [("文件", 36), ("无法读取的原因", 80)])
        for row in failed:
            ws.append([styled(ws, row.file), styled(ws, row.error or "")])
        finish(ws, 2, len(failed))

    rules_sheet = wb.create_sheet("要求一览")
    for j, width in enumerate((6, 34, 26, 8, 8, 18, 34), start=1):
        rules_sheet.column_dimensions[get_column_letter(j)].width = width
    rules_sheet.freeze_panes = "A2"
    rules_sheet.append([styled(rules_sheet, name, bold) for name in ("序号", "要求", "领域", "级别", "权重", "适用纲要", "规则编号")])
    for i, rule in enumerate(view.ruleset.rules, start=1):  # styled: a user's rules file may hold control characters too
        editions = "、".join(edition_short_zh(e) for e in rule.editions)
        texts = (rule.title, AREA_ZH.get(rule.area, rule.area), LEVEL_ZH.get(rule.level, rule.level), rule.weight, editions, rule.id)
        rules_sheet.append([i, *(styled(rules_sheet, t) if isinstance(t, str) else t for t in texts)])

    legend = wb.create_sheet("图例")
    legend.column_dimensions["A"].width = 12
    legend.column_dimensions["B"].width = 60
    legend.append([styled(legend, "状态", bold), styled(legend, "含义", bold)])
    for status, label, meaning in _legend():
        legend.append([styled(legend, label, fills[status]), styled(legend, meaning)])
    wb.save(f)


def _legend() -> list[tuple[str, str, str]]:
    """(status for the colour, word shown, meaning) for every word a status cell can hold."""
    rows = [(s, STATUS_ZH[s], STATUS_MEANING_ZH[s]) for s in ("substantiated", "asserted", "deficient", "planned", "absent")]
    rows.append(("met", STATUS_ZH["met"], STATUS_MEANING_ZH["met"]))
    rows += [(s, DEADLINE_ZH[s], DEADLINE_MEANING_ZH[s]) for s in ("met", "late", "absent")]
    rows.append((NOT_APPLICABLE, NOT_APPLICABLE_ZH, STATUS_MEANING_ZH[NOT_APPLICABLE]))
    return rows


def to_xlsx(view: BatchView) -> bytes:
    buf = io.BytesIO()
    write_xlsx(view, buf)
    return buf.getvalue()
