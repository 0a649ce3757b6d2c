"""The scoring history: every scored report and its per-requirement results, in SQLite.

One file (default ``OUT/fazhi.sqlite``), stdlib ``sqlite3``, WAL mode. A report is keyed by
its content hash and the ruleset version that scored it: scoring the same bytes with the
same rules again *replaces* the stored row and its results (an UPSERT and a delete/insert
of the results, in one transaction), so the history never holds duplicates. Every write is
one transaction, so a process killed at any point leaves the database as it was before or
after that report — never half of one.

The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS[n]`` takes a database
from version n to n+1 inside one transaction. A database from a newer fazhi is refused.

Issuer matching in :meth:`Store.history`: an exact match on the issuer first; when there
is none, every issuer that *contains* the text (``科技局`` finds ``合肥市科技局``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scorer.errors import FazhiError
from scorer.models import ReportResult

DB_NAME = "fazhi.sqlite"

# Each entry upgrades the schema by one version; never edit a released entry, append one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL,
            ruleset_version TEXT NOT NULL,
            requested_edition INTEGER,  -- the --edition asked for; NULL: by the report year
            path TEXT NOT NULL,
            issuer TEXT,
            year INTEGER,
            edition INTEGER NOT NULL,
            date TEXT,
            score REAL NOT NULL,
            grade TEXT NOT NULL,
            core_score REAL NOT NULL,
            scored_at TEXT NOT NULL,
            UNIQUE (content_hash, ruleset_version)
        )""",
        "CREATE INDEX reports_by_issuer ON reports (issuer, year)",
        """CREATE TABLE results (
            report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,  -- the rule's place in the ruleset, to read results back in order
            rule_id TEXT NOT NULL,
            status TEXT NOT NULL,
            applies INTEGER NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            evidence_count INTEGER NOT NULL,
            PRIMARY KEY (report_id, rule_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE failures (
            path TEXT PRIMARY KEY,
            content_hash TEXT,
            error TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
    ),
    (
        # why a file is not one whole annual report (a JSON list of Chinese reasons; [] = whole)
        "ALTER TABLE reports ADD COLUMN not_whole TEXT NOT NULL DEFAULT '[]'",
    ),
    (
        # 1 when some of the report's text was read by OCR from page images (a scan)
        "ALTER TABLE reports ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class RuleRecord:
    rule_id: str
    status: str
    applies: bool
    points: float
    max_points: float
    evidence_count: int


@dataclass(frozen=True)
class ReportRecord:
    """One scored report as stored: small, picklable, no evidence text."""

    content_hash: str
    ruleset_version: str
    path: str
    issuer: str | None
    year: int | None
    edition: int
    date: str | None
    score: float
    grade: str
    core_score: float
    results: tuple[RuleRecord, ...]
    requested_edition: int | None = None
    scored_at: str | None = None  # set by the store
    not_whole: tuple[str, ...] = ()  # ReportResult.not_whole: why it is not one whole annual report
    ocr: bool = False  # Document.ocr: some of the text was read by OCR from page images

    def status(self, rule_id: str) -> str | None:
        for r in self.results:
            if r.rule_id == rule_id:
                return r.status
        return None


def record_of(result: ReportResult, content_hash: str, requested_edition: int | None = None) -> ReportRecord:
    date = result.signed or result.published
    return ReportRecord(
        content_hash=content_hash,
        ruleset_version=result.ruleset_version,
        path=result.path,
        issuer=result.issuer,
        year=result.year,
        edition=result.edition,
        date=date.isoformat() if date else None,
        score=result.score,
        grade=result.grade,
        core_score=result.core_score,
        results=tuple(
            RuleRecord(r.rule.id, r.status, r.applies, r.points, r.max_points, len(r.evidence)) for r in result.results
        ),
        requested_edition=requested_edition,
        not_whole=result.not_whole,
        ocr=result.segmented.document.ocr,
    )


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


class Store:
    """An open history database. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise FazhiError(str(path), "is a directory; --db takes a database file")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per write.
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise FazhiError(str(path), f"not a fazhi history database ({err})") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:  # KeyboardInterrupt too: never leave a transaction open
            # (SQLite has already rolled back on some errors, a full disk among them: a second
            # ROLLBACK would raise "no transaction is active" and hide the real error)
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise FazhiError(
                str(self.path), f"made by a newer fazhi (schema {version}, this one knows {SCHEMA_VERSION}); upgrade fazhi"
            )
        for target in range(version, SCHEMA_VERSION):
            with self._transaction() as db:
                for statement in MIGRATIONS[target]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {target + 1}")  # part of the same transaction

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- writes ---------------------------------------------------------------------------

    def save(self, record: ReportRecord) -> int:
        """Insert or replace one report and all its results atomically; returns its row id."""
        with self._transaction() as db:
            (report_id,) = db.execute(
                """INSERT INTO reports (content_hash, ruleset_version, requested_edition, path, issuer, year,
                       edition, date, score, grade, core_score, scored_at, not_whole, ocr)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (content_hash, ruleset_version) DO UPDATE SET
                       requested_edition = excluded.requested_edition, path = excluded.path,
                       issuer = excluded.issuer, year = excluded.year, edition = excluded.edition,
                       date = excluded.date, score = excluded.score, grade = excluded.grade,
                       core_score = excluded.core_score, scored_at = excluded.scored_at,
                       not_whole = excluded.not_whole, ocr = excluded.ocr
                   RETURNING id""",
                (
                    record.content_hash, record.ruleset_version, record.requested_edition, record.path,
                    record.issuer, record.year, record.edition, record.date, record.score, record.grade,
                    record.core_score, _now(), json.dumps(list(record.not_whole), ensure_ascii=False),
                    int(record.ocr),
                ),
            ).fetchone()
            db.execute("DELETE FROM results WHERE report_id = ?", (report_id,))
            db.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (report_id, i, r.rule_id, r.status, int(r.applies), r.points, r.max_points, r.evidence_count)
                    for i, r in enumerate(record.results)
                ],
            )
            db.execute("DELETE FROM failures WHERE path = ?", (record.path,))
        return report_id

    def record_failure(self, path: str, error: str, content_hash: str | None = None) -> None:
        with self._transaction() as db:
            db.execute(
                """INSERT INTO failures VALUES (?, ?, ?, ?)
                   ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash,
                       error = excluded.error, at = excluded.at""",
                (path, content_hash, error, _now()),
            )

    # -- reads ----------------------------------------------------------------------------

    _COLUMNS = (
        "id, content_hash, ruleset_version, path, issuer, year, edition, date, score, grade, core_score, "
        "requested_edition, scored_at, not_whole, ocr"
    )

    def _records(self, where: str, params: tuple) -> list[ReportRecord]:
        rows = self._db.execute(f"SELECT {self._COLUMNS} FROM reports WHERE {where}", params).fetchall()
        out = []
        for row in rows:
            results = tuple(
                RuleRecord(rule_id, status, bool(applies), points, max_points, evidence_count)
                for rule_id, status, applies, points, max_points, evidence_count in self._db.execute(
                    "SELECT rule_id, status, applies, points, max_points, evidence_count FROM results "
                    "WHERE report_id = ? ORDER BY position",
                    (row[0],),
                )
            )
            out.append(
                ReportRecord(
                    content_hash=row[1], ruleset_version=row[2], path=row[3], issuer=row[4], year=row[5],
                    edition=row[6], date=row[7], score=row[8], grade=row[9], core_score=row[10],
                    results=results, requested_edition=row[11], scored_at=row[12],
                    not_whole=tuple(json.loads(row[13] or "[]")), ocr=bool(row[14]),
                )
            )
        return out

    def get(self, content_hash: str, ruleset_version: str) -> ReportRecord | None:
        found = self._records("content_hash = ? AND ruleset_version = ?", (content_hash, ruleset_version))
        return found[0] if found else None

    def has(self, content_hash: str, ruleset_version: str, requested_edition: int | None) -> bool:
        """True when this content was scored with these rules and the same --edition."""
        row = self._db.execute(
            "SELECT 1 FROM reports WHERE content_hash = ? AND ruleset_version = ? AND requested_edition IS ?",
            (content_hash, ruleset_version, requested_edition),
        ).fetchone()
        return row is not None

    def history(self, issuer: str, *, contains: bool = True) -> list[ReportRecord]:
        """An issuer's reports, by issuer, year and time scored.

        An exact match on the issuer; when there is none and ``contains`` is true, every
        issuer containing the text (several issuers may come back: group by ``issuer``).
        """
        order = " ORDER BY issuer, year, scored_at"
        exact = self._records("issuer = ?" + order, (issuer,))
        if exact or not contains:
            return exact
        pattern = "%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._records("issuer LIKE ? ESCAPE '\\'" + order, (pattern,))

    def issuers(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT issuer FROM reports WHERE issuer IS NOT NULL ORDER BY issuer")]

    def failures(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT path, error FROM failures ORDER BY path"))

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
