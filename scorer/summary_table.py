"""A batch's summary rows on disk: written once, read back for each output in the order it needs.

summary.csv and the workbook go through the rows in file order, the dashboard in each
edition's rank order, page by page, and counts them several ways. Held in memory, the
rows grew the batch by ~1 KB per report; here they live in a private temporary SQLite
database (deleted when closed; SQLite keeps a page cache of CACHE_KB of it in memory)
and each pass reads them back one at a time. The ranking is SQL's: best score first,
ties by file name — the same order as ``BatchView.ranked`` on a tuple (SQLite compares
text as UTF-8 bytes, which orders like Python's code points).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Iterable, Iterator

from scorer.render.batch_view import SummaryRow

_FIELDS = ("file", "path", "links", "issuer", "year", "edition", "date", "score", "grade", "core_score",
           "statuses", "error", "not_whole", "ocr")  # every field of SummaryRow (a test holds them equal)
_COLUMNS = ", ".join(_FIELDS)
_RANK_ORDER = "-COALESCE(score, 0.0), file"
CACHE_KB = 256
_SEP = "\x1f"  # between statuses: no status name holds it


def _shared(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


class _Statuses(dict):
    """A status's text → its one interned copy ("" → None, no result), filled as statuses are
    met: a row's 33 statuses are looked up in C (``map``), not interned one by one in Python."""

    def __missing__(self, text: str) -> str | None:
        self[text] = value = sys.intern(text) if text else None
        return value


_STATUS = _Statuses()


def scratch_database(**connect: object) -> sqlite3.Connection:
    """A private temporary SQLite database on disk ("" as its name), removed on close.

    SQLite keeps a temporary database in its page cache until the cache is full (2 MB by
    default): a small cache keeps the table on disk, which is the point of using one (it
    is read in order, or a page at a time)."""
    db = sqlite3.connect("", **connect)
    db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    return db


class SummaryTable:
    """Summary rows in file order (the order they were added), kept on disk."""

    def __init__(self, rows: Iterable[SummaryRow] = ()):
        self._db = scratch_database()
        self._db.execute(
            "CREATE TABLE rows (position INTEGER PRIMARY KEY, file TEXT, path TEXT, links TEXT, issuer TEXT, "
            "year INTEGER, edition INTEGER, date TEXT, score REAL, grade TEXT, core_score REAL, statuses TEXT, "
            "error TEXT, not_whole TEXT, ocr INTEGER, whole INTEGER)"
        )
        self.extend(rows)
        self._db.execute("CREATE INDEX rows_by_rank ON rows (whole, edition, -COALESCE(score, 0.0), file)")

    def close(self) -> None:
        self._db.close()

    def extend(self, rows: Iterable[SummaryRow]) -> None:
        with self._db:
            self._db.executemany(f"INSERT INTO rows ({_COLUMNS}, whole) VALUES ({', '.join('?' * (len(_FIELDS) + 1))})",
                                 (_values(r) for r in rows))

    def _rows(self, sql: str, params: tuple = ()) -> Iterator[SummaryRow]:
        for values in self._db.execute(sql, params):
            yield _row(values)

    def __iter__(self) -> Iterator[SummaryRow]:
        return self._rows(f"SELECT {_COLUMNS} FROM rows ORDER BY position")

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]

    def subset(self, name: str) -> Subset:
        """BatchView's ``scored``, ``failed``, ``whole``, ``not_whole`` or ``ocr`` rows, in file order."""
        return Subset(self, _SUBSETS[name])

    def ranked(self, edition: int) -> Ranked:
        return Ranked(self, edition)

    def with_ranks(self, edition: int) -> Iterator[tuple[SummaryRow, int | None]]:
        """The scored rows of ``edition`` in file order, each with its place among the edition's whole reports."""
        sql = (f"SELECT {_COLUMNS}, CASE WHEN whole THEN ROW_NUMBER() OVER (PARTITION BY whole ORDER BY {_RANK_ORDER}) END "
               "FROM rows WHERE error IS NULL AND edition = ? ORDER BY position")
        for values in self._db.execute(sql, (edition,)):
            yield _row(values[:-1]), values[-1]

    def replace_not_whole(self, reasons: dict[int, tuple[str, ...]]) -> None:
        """Set the not-whole reasons of the rows at these positions (0-based, file order)."""
        with self._db:
            self._db.executemany("UPDATE rows SET not_whole = ?, whole = 0 WHERE position = ?",
                                 ((json.dumps(list(r), ensure_ascii=False), i + 1) for i, r in reasons.items() if r))


# BatchView's subsets in SQL: the rows its Python tests select (SummaryRow.ok: no error;
# is_whole: the ``whole`` column, kept equal to it by _values and replace_not_whole).
_SUBSETS = {
    "scored": "error IS NULL",
    "failed": "error IS NOT NULL",
    "whole": "whole",
    "not_whole": "error IS NULL AND NOT whole",
    "ocr": "error IS NULL AND ocr",
}


class Subset:
    """Some of the rows, in file order: iterated from the table, counted (``len``, ``bool``) in SQL."""

    def __init__(self, table: SummaryTable, where: str):
        self._table, self._where = table, where

    def __iter__(self) -> Iterator[SummaryRow]:
        return self._table._rows(f"SELECT {_COLUMNS} FROM rows WHERE {self._where} ORDER BY position")

    def __len__(self) -> int:
        return self._table._db.execute(f"SELECT COUNT(*) FROM rows WHERE {self._where}").fetchone()[0]

    def __bool__(self) -> bool:
        return bool(self._table._db.execute(f"SELECT EXISTS (SELECT 1 FROM rows WHERE {self._where})").fetchone()[0])


class Ranked:
    """One edition's whole reports, best score first: ``len``, iteration and slices (pages) from the table."""

    def __init__(self, table: SummaryTable, edition: int):
        self._table, self._edition = table, edition

    def _select(self, tail: str = "", params: tuple = ()) -> Iterator[SummaryRow]:
        return self._table._rows(f"SELECT {_COLUMNS} FROM rows WHERE whole AND edition = ? ORDER BY {_RANK_ORDER}{tail}",
                                 (self._edition, *params))

    def __iter__(self) -> Iterator[SummaryRow]:
        return self._select()

    def __len__(self) -> int:
        return self._table._db.execute("SELECT COUNT(*) FROM rows WHERE whole AND edition = ?", (self._edition,)).fetchone()[0]

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, part: slice) -> list[SummaryRow]:
        if not isinstance(part, slice) or part.step not in (None, 1):
            raise TypeError("a ranking is read in slices (pages)")
        start, stop, _ = part.indices(len(self))
        return list(self._select(" LIMIT ? OFFSET ?", (max(0, stop - start), start)))


def _values(r: SummaryRow) -> tuple:
    statuses = _SEP.join(s or "" for s in r.statuses) if r.statuses else None
    return (r.file, r.path, json.dumps(r.links, ensure_ascii=False), r.issuer, r.year, r.edition, r.date, r.score,
            r.grade, r.core_score, statuses, r.error, json.dumps(list(r.not_whole), ensure_ascii=False), int(r.ocr),
            int(r.is_whole))


def _row(v: tuple) -> SummaryRow:
    file, path, links, issuer, year, edition, date, score, grade, core_score, statuses, error, not_whole, ocr = v
    return SummaryRow(
        file=file, path=path, links=json.loads(links), issuer=_shared(issuer), year=year, edition=edition,
        date=date, score=score, grade=_shared(grade), core_score=core_score,
        statuses=tuple(map(_STATUS.__getitem__, statuses.split(_SEP))) if statuses is not None else (),
        error=error, not_whole=() if not_whole == "[]" else tuple(json.loads(not_whole)), ocr=bool(ocr),
    )
