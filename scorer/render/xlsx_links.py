"""Hyperlinks added to a saved .xlsx without holding them in memory.

A workbook writer keeps every hyperlink of a sheet until the workbook is saved, even when
it streams the rows to disk (openpyxl's write-only mode, XlsxWriter's constant-memory
mode): an object per link, ~2 KB per link with openpyxl, the largest thing summary.xlsx
held for a big batch. Here the links are spooled to a temporary file as the rows are
written, and put into the saved workbook afterwards: the sheet's ``<hyperlinks>``
element where the schema puts it (after the sheet data and auto-filter, before the print
options and page margins), and one ``External`` relationship per link in the sheet's
``.rels`` part. A reader (Excel, LibreOffice, openpyxl) sees the links as if the writer
had written them.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
# (html.escape, not xml.sax.saxutils.escape, whose module imports urllib.request, http.client
# and email: ~20 ms of the workbook process)
from html import escape
from typing import IO, Iterator

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = R_NS + "/hyperlink"
_SHEET_DATA_END = b"</sheetData>"
# What may follow <hyperlinks> in a worksheet (ECMA-376 CT_Worksheet order).
_AFTER_LINKS = (b"<printOptions", b"<pageMargins", b"<pageSetup", b"<headerFooter", b"<drawing",
                b"<legacyDrawing", b"<tableParts", b"</worksheet>")
_CHUNK = 1 << 16  # small reads: the copy holds little at a time
_ZIP64_FROM = 1 << 30  # a part this large may grow past 2 GiB with its links: written as ZIP64


class SheetLinks:
    """The hyperlinks of a workbook being written, sheet after sheet, spooled to disk.

    ``add`` the links of a sheet while its rows are written (one sheet's links together,
    as streamed sheets are written one after the other), naming the sheet by the part it
    is saved as (``xl/worksheets/sheet1.xml``); once the workbook is saved, ``write``
    copies it with the links in.
    """

    def __init__(self) -> None:
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._sheets: list[list] = []  # [sheet's part name, spool offset of its first link, number of links]

    def close(self) -> None:
        self._spool.close()

    def __enter__(self) -> SheetLinks:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, part: str, ref: str, target: str) -> None:
        """A link from cell ``ref`` (``A2``) of the sheet saved as ``part`` to ``target`` (a path relative to the workbook)."""
        if not self._sheets or self._sheets[-1][0] != part:
            self._sheets.append([part, self._spool.tell(), 0])
        self._spool.write(json.dumps([ref, target], ensure_ascii=False) + "\n")
        self._sheets[-1][2] += 1

    def _links(self, start: int, count: int) -> Iterator[tuple[str, str]]:
        self._spool.flush()
        self._spool.seek(start)
        for _ in range(count):
            ref, target = json.loads(self._spool.readline())
            yield ref, target

    def write(self, saved: IO[bytes], out: IO[bytes]) -> None:
        """Copy the ``saved`` workbook into ``out``, each linked sheet with its links."""
        linked = {part: (start, count) for part, start, count in self._sheets}
        with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            names = set(src.namelist())
            for info in src.infolist():
                big = info.file_size >= _ZIP64_FROM
                with src.open(info) as r, dst.open(info, "w", force_zip64=big) as w:
                    if info.filename in linked:
                        _copy_with_links(r, w, self._links(*linked[info.filename]))
                    else:
                        while chunk := r.read(_CHUNK):
                            w.write(chunk)
                if info.filename in linked:
                    rels = _rels_name(info.filename)
                    if rels in names:  # our data sheets have no other relationships; never lose any
                        raise ValueError(f"{info.filename} already has relationships ({rels})")
                    rels_info = zipfile.ZipInfo(rels, date_time=info.date_time)
                    rels_info.compress_type = zipfile.ZIP_DEFLATED
                    with dst.open(rels_info, "w", force_zip64=big) as w:
                        _write_rels(w, self._links(*linked[info.filename]))


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _copy_with_links(r: IO[bytes], w: IO[bytes], links: Iterator[tuple[str, str]]) -> None:
    """Copy a worksheet part, its ``<hyperlinks>`` put in after the sheet data (streamed:
    the sheet data may be hundreds of MB; what follows it is a few elements)."""
    keep = len(_SHEET_DATA_END) - 1
    buffer = b""
    while True:
        chunk = r.read(_CHUNK)
        buffer += chunk
        end = buffer.find(_SHEET_DATA_END)
        if end >= 0 or not chunk:
            break
        w.write(buffer[:-keep])
        buffer = buffer[-keep:]
    if end < 0:
        raise ValueError("not a worksheet: no </sheetData>")
    tail = buffer + r.read()
    at = min(i for i in (tail.find(m, end) for m in _AFTER_LINKS) if i >= 0)
    w.write(tail[:at])
    w.write(b"<hyperlinks>")
    for n, (ref, _) in enumerate(links, start=1):
        w.write(f'<hyperlink xmlns:r="{R_NS}" ref="{escape(ref, quote=False)}" r:id="rId{n}"/>'.encode("utf-8"))
    w.write(b"</hyperlinks>")
    w.write(tail[at:])


def _write_rels(w: IO[bytes], links: Iterator[tuple[str, str]]) -> None:
    w.write(f'<Relationships xmlns="{PACKAGE_RELS_NS}">'.encode("utf-8"))
    for n, (_, target) in enumerate(links, start=1):
        target = escape(target, quote=False).replace('"', "&quot;")
        w.write(f'<Relationship Type="{HYPERLINK}" Target="{target}" TargetMode="External" Id="rId{n}"/>'.encode("utf-8"))
    w.write(b"</Relationships>")
