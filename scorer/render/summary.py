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
(an XML part cannot hold most C0 characters) or reach a terminal that shows the CSV.
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
    """Into a binary file, with XlsxWriter in its constant-memory mode: each row goes to a
    temporary file as it is written, and each style (bold header, a status's fill…) is a
    Format defined once and shared by every cell that has it.

    The file column's links to the gap reports are spooled to disk and put into the saved
    workbook (:mod:`scorer.render.xlsx_links`): XlsxWriter would hold every one of them,
    as a dictionary, until the workbook is closed.
    """
    import tempfile

    from scorer.render.xlsx_links import SheetLinks

    with SheetLinks() as links, tempfile.TemporaryFile() as saved:
        _write_workbook(view, saved, links, sheet_rows)
        saved.seek(0)
        links.write(saved, f)


def _write_workbook(view: BatchView, f: IO[bytes], links, sheet_rows: int) -> None:
    """The workbook, saved into ``f`` without its links, which go to ``links``."""
    from xlsxwriter import Workbook
    from xlsxwriter.exceptions import FileCreateError

    # strings_to_*: False, and every cell written by its type (write_string / write_number):
    # a report's text is never taken for a formula, a number or a link, whatever it says.
    # use_zip64: a part past 2 GiB (a huge sheet) is written as ZIP64 rather than refused.
    wb = Workbook(f, {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                      "strings_to_urls": False, "use_zip64": True})
    try:
        _fill_workbook(view, wb, links, sheet_rows)
        wb.close()
    except FileCreateError as exc:  # XlsxWriter's wrapper of the OSError met saving (disk full…): the OSError
        cause = exc.args[0] if exc.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None


def _fill_workbook(view: BatchView, wb, links, sheet_rows: int) -> None:
    """Every sheet of the workbook ``wb`` (an XlsxWriter Workbook), each link into ``links``."""
    bold = wb.add_format({"bold": True})
    header_style = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    # pattern 1 is a solid fill; XlsxWriter writes a solid fill's bg_color as its foreground colour
    fills = {status: wb.add_format({"pattern": 1, "bg_color": f"#{color}"}) for status, color in STATUS_COLORS.items()}
    warn = fills["deficient"]

    def part_of_last_sheet() -> str:
        """The part the sheet added last is saved as (the n-th: xl/worksheets/sheet<n>.xml), for SheetLinks."""
        return f"xl/worksheets/sheet{len(wb.worksheets())}.xml"

    def widths(ws, columns) -> None:
        """Each column's width in Excel's character units as stored in the file (7 pixels of
        Calibri 11's digit each; XlsxWriter's set_column would add Excel's cell padding)."""
        for j, width in enumerate(columns):
            ws.set_column_pixels(j, j, width * 7)

    def put(ws, r: int, c: int, value, look=None) -> None:
        if isinstance(value, str):
            ws.write_string(r, c, one_line(value), look)
        elif value is None:
            if look is not None:
                ws.write_blank(r, c, None, look)
        else:
            ws.write_number(r, c, value, look)

    def data_sheet(title: str, columns: list[tuple[str, int]], header_height: float | None = None):
        ws = wb.add_worksheet(title)
        widths(ws, [width for _, width in columns])
        ws.freeze_panes(1, 1)  # header row and file column stay in view
        if header_height:
            ws.set_row(0, header_height)
        for j, (name, _) in enumerate(columns):
            put(ws, 0, j, name, header_style)
        return ws

    def finish(ws, columns: int, rows: int) -> None:
        ws.autofilter(0, 0, rows, columns - 1)

    for edition in view.editions:
        rules = view.rules_of(edition)
        columns = [*XLSX_COLUMNS, *((rule.title, STATUS_WIDTH) for rule in rules)]
        ws = data_sheet(edition_short_zh(edition), columns, HEADER_HEIGHT)
        part = part_of_last_sheet()
        n, parts = 0, 1
        first_status = len(XLSX_COLUMNS)
        kinds = [rule.kind for rule in rules]
        for row, fixed, statuses in edition_rows(view, edition):
            if n == sheet_rows:  # this sheet is full: the edition goes on over the next
                finish(ws, len(columns), n)
                parts += 1
                ws = data_sheet(f"{edition_short_zh(edition)} ({parts})", columns, HEADER_HEIGHT)
                part = part_of_last_sheet()
                n = 0
            r = n + 1  # below the header row
            if row.links.get("html"):
                links.add(part, f"A{r + 1}", row.links["html"])
            for j, value in enumerate(fixed):
                put(ws, r, j, value, warn if not row.is_whole and j in (WHOLE_COLUMN, WHOLE_COLUMN + 1) else None)
            for j, (kind, status) in enumerate(zip(kinds, statuses), start=first_status):
                put(ws, r, j, status_zh(status, kind), fills.get(status))
            n += 1
        finish(ws, len(columns), n)

    failed = view.failed
    if failed or not view.editions:  # (a workbook needs a data sheet even when nothing was scored)
        ws = data_sheet(FAILED_SHEET, [("文件", 36), ("无法读取的原因", 80)])
        for r, row in enumerate(failed, start=1):
            put(ws, r, 0, row.file)
            put(ws, r, 1, row.error or "")
        finish(ws, 2, len(failed))

    rules_sheet = wb.add_worksheet("要求一览")
    widths(rules_sheet, (6, 34, 26, 8, 8, 18, 34))
    rules_sheet.freeze_panes(1, 0)
    for j, name in enumerate(("序号", "要求", "领域", "级别", "权重", "适用纲要", "规则编号")):
        put(rules_sheet, 0, j, name, bold)
    for i, rule in enumerate(view.ruleset.rules, start=1):  # a user's rules file may hold control characters too
        editions = "、".join(edition_short_zh(e) for e in rule.editions)
        texts = (i, rule.title, AREA_ZH.get(rule.area, rule.area), LEVEL_ZH.get(rule.level, rule.level), rule.weight,
                 editions, rule.id)
        for j, value in enumerate(texts):
            put(rules_sheet, i, j, value)

    legend = wb.add_worksheet("图例")
    widths(legend, (12, 60))
    put(legend, 0, 0, "状态", bold)
    put(legend, 0, 1, "含义", bold)
    for r, (status, label, meaning) in enumerate(_legend(), start=1):
        put(legend, r, 0, label, fills[status])
        put(legend, r, 1, meaning)


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
