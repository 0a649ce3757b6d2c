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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from scorer.errors import FazhiError
from scorer.models import MET_STATUSES, ReportResult, StatedFacts, is_gap
from scorer.score import ScoringPolicy, percent, points_for

DB_NAME = "fazhi.sqlite"
# Statuses that are not gaps (MET_STATUSES and "met"), as an SQL list for the gaps column.
_MET = ("substantiated", "asserted", "met")
_MET_SQL = "(" + ", ".join(f"'{s}'" for s in _MET) + ")"

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
        # `fazhi serve`: the number of gaps, so the report list filters and sorts in SQL
        "ALTER TABLE reports ADD COLUMN gaps INTEGER NOT NULL DEFAULT 0",
        f"""UPDATE reports SET gaps = (SELECT COUNT(*) FROM results WHERE results.report_id = reports.id
               AND results.applies AND results.status NOT IN {_MET_SQL})""",
        "CREATE INDEX reports_by_hash_time ON reports (content_hash, scored_at)",
        "CREATE INDEX reports_by_year ON reports (year, edition, grade)",
        # A supervisor's corrections, keyed by content (not by a scoring run), so they outlive
        # a re-scoring under new rules. kind: status (before/after are statuses), evidence
        # (an evidence sentence marked wrong: `start` is its offset in the text, after 'wrong'),
        # done (the whole report reviewed: its other statuses are confirmed as they are).
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL,
            rule_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('status', 'evidence', 'done')),
            start INTEGER,
            before TEXT,
            after TEXT,
            reason TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_by_hash ON reviews (content_hash, id)",
        # Nothing is overwritten: a correction is undone by another correction.
        "CREATE TRIGGER reviews_append_only_u BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END",
        "CREATE TRIGGER reviews_append_only_d BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END",
        # The 整改要求 text a supervisor edited for a memo; the latest one is used.
        """CREATE TABLE memo_texts (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        # Files uploaded to `fazhi serve`: stored under their content hash; the name is only shown.
        """CREATE TABLE uploads (
            content_hash TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            stored TEXT NOT NULL,
            size INTEGER NOT NULL,
            at TEXT NOT NULL
        )""",
    ),
    (
        # 1 when some of the report's text was read by OCR from page images (a scan)
        "ALTER TABLE reports ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0",
    ),
    (
        # Two more kinds of correction: the issuer (发文单位) and the report year a supervisor
        # states (before: as read, after: as stated). SQLite cannot change a CHECK, so the table
        # is made anew with every row, its index and its append-only triggers.
        "DROP TRIGGER reviews_append_only_u",
        "DROP TRIGGER reviews_append_only_d",
        """CREATE TABLE reviews_new (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL,
            rule_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('status', 'evidence', 'done', 'issuer', 'year')),
            start INTEGER,
            before TEXT,
            after TEXT,
            reason TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "INSERT INTO reviews_new SELECT id, content_hash, rule_id, kind, start, before, after, reason, reviewer, at FROM reviews",
        "DROP TABLE reviews",
        "ALTER TABLE reviews_new RENAME TO reviews",
        "CREATE INDEX reviews_by_hash ON reviews (content_hash, id)",
        "CREATE TRIGGER reviews_append_only_u BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END",
        "CREATE TRIGGER reviews_append_only_d BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END",
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
    scored_at: str | None = None  # set by the store: when it was scored (a batch's: when the batch started)
    not_whole: tuple[str, ...] = ()  # ReportResult.not_whole: why it is not one whole annual report
    ocr: bool = False  # Document.ocr: some of the text was read by OCR from page images

    @property
    def has_gaps(self) -> bool:
        """Some applicable requirement not met: what ReportResult.gaps lists."""
        return any(is_gap(r.status, r.applies) for r in self.results)

    def status(self, rule_id: str) -> str | None:
        for r in self.results:
            if r.rule_id == rule_id:
                return r.status
        return None


@dataclass(frozen=True, slots=True)
class StoredSummary:
    """What a batch's summary row shows of a stored report: its ReportRecord without the
    points and evidence counts, each result a plain (rule ID, status, applies) tuple.
    Read for every report of a batch (``Store.summary``), where making a RuleRecord per
    result cost more than the two queries."""

    path: str
    issuer: str | None
    year: int | None
    edition: int
    date: str | None
    score: float
    grade: str
    core_score: float
    results: tuple[tuple[str, str, bool], ...]  # in stored (ruleset) order
    not_whole: tuple[str, ...]
    ocr: bool

    @property
    def has_gaps(self) -> bool:
        """As ReportRecord.has_gaps."""
        return any(is_gap(status, applies) for _, status, applies in self.results)


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


def now() -> str:
    """The time the database records: UTC, ISO 8601, to the microsecond."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


class Store:
    """An open history database. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, cache_kb: int | None = None):
        """``cache_kb``: SQLite's page cache for this connection (default 2 MB). A batch, which
        reads each report once, keeps it small, so that its memory does not grow with the database."""
        self.path = Path(path)
        if self.path.is_dir():
            raise FazhiError(str(path), "is a directory; --db takes a database file")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per write.
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash
            if cache_kb:
                self._db.execute(f"PRAGMA cache_size = -{int(cache_kb)}")
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

    def save(self, record: ReportRecord, scored_at: str | None = None) -> int:
        """Insert or replace one report and all its results atomically; returns its row id.

        ``scored_at``: the time to record (default now). A batch gives all its reports the
        time it started, so which of its reports was saved first — the workers' timing —
        decides nothing that is read back (the year a report stands for, a list's order)."""
        with self._transaction() as db:
            (report_id,) = db.execute(
                """INSERT INTO reports (content_hash, ruleset_version, requested_edition, path, issuer, year,
                       edition, date, score, grade, core_score, scored_at, not_whole, gaps, ocr)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (content_hash, ruleset_version) DO UPDATE SET
                       requested_edition = excluded.requested_edition, path = excluded.path,
                       issuer = excluded.issuer, year = excluded.year, edition = excluded.edition,
                       date = excluded.date, score = excluded.score, grade = excluded.grade,
                       core_score = excluded.core_score, scored_at = excluded.scored_at,
                       not_whole = excluded.not_whole, gaps = excluded.gaps, ocr = excluded.ocr
                   RETURNING id""",
                (
                    record.content_hash, record.ruleset_version, record.requested_edition, record.path,
                    record.issuer, record.year, record.edition, record.date, record.score, record.grade,
                    record.core_score, scored_at or now(), json.dumps(list(record.not_whole), ensure_ascii=False),
                    sum(1 for r in record.results if is_gap(r.status, r.applies)),
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
                (path, content_hash, error, now()),
            )

    # -- reads ----------------------------------------------------------------------------

    _COLUMNS = (
        "id, content_hash, ruleset_version, path, issuer, year, edition, date, score, grade, core_score, "
        "requested_edition, scored_at, not_whole, ocr"
    )

    def _records(self, where: str, params: tuple, with_results: bool = True) -> list[ReportRecord]:
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
            ) if with_results else ()
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

    def summary(self, content_hash: str, ruleset_version: str) -> StoredSummary | None:
        """What ``get`` would give, less the points: for a batch's summary, read once per report."""
        row = self._db.execute(
            "SELECT id, path, issuer, year, edition, date, score, grade, core_score, not_whole, ocr FROM reports "
            "WHERE content_hash = ? AND ruleset_version = ?", (content_hash, ruleset_version)).fetchone()
        if row is None:
            return None
        results = self._db.execute(
            "SELECT rule_id, status, applies FROM results WHERE report_id = ? ORDER BY position", (row[0],)).fetchall()
        return StoredSummary(
            path=row[1], issuer=row[2], year=row[3], edition=row[4], date=row[5], score=row[6], grade=row[7],
            core_score=row[8], results=tuple((rule_id, status, bool(applies)) for rule_id, status, applies in results),
            not_whole=tuple(json.loads(row[9] or "[]")), ocr=bool(row[10]),
        )

    def read_by_ocr(self, content_hash: str, ruleset_version: str) -> bool:
        """Whether the stored report was read (wholly or partly) by OCR: one indexed lookup, no results."""
        row = self._db.execute("SELECT ocr FROM reports WHERE content_hash = ? AND ruleset_version = ?",
                               (content_hash, ruleset_version)).fetchone()
        return bool(row and row[0])

    def has(self, content_hash: str, ruleset_version: str, requested_edition: int | None) -> bool:
        """True when this content was scored with these rules and the same --edition."""
        row = self._db.execute(
            "SELECT 1 FROM reports WHERE content_hash = ? AND ruleset_version = ? AND requested_edition IS ?",
            (content_hash, ruleset_version, requested_edition),
        ).fetchone()
        return row is not None

    def history(self, issuer: str, *, contains: bool = True, with_results: bool = True) -> list[ReportRecord]:
        """An issuer's reports, by issuer, year and time scored.

        An exact match on the issuer; when there is none and ``contains`` is true, every
        issuer containing the text (several issuers may come back: group by ``issuer``).
        ``with_results`` false: each record's ``results`` empty (not read).
        """
        order = " ORDER BY issuer, year, scored_at"
        exact = self._records("issuer = ?" + order, (issuer,), with_results)
        if exact or not contains:
            return exact
        pattern = "%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._records("issuer LIKE ? ESCAPE '\\'" + order, (pattern,), with_results)

    def issuers(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT issuer FROM reports WHERE issuer IS NOT NULL ORDER BY issuer")]

    def failures(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT path, error FROM failures ORDER BY path"))

    def fingerprint(self) -> tuple:
        """What changes whenever a report is stored or replaced: a batch's summary outputs,
        whose year-over-year view reads other batches' reports too, are up to date while it
        stays the same. (Failures are not in it: each run records its broken files again.)"""
        return tuple(self._db.execute("SELECT COUNT(*), MAX(id), MAX(scored_at) FROM reports").fetchone())

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def latest(self, content_hash: str) -> ReportRecord | None:
        """The most recently scored record of this content, under whichever ruleset."""
        found = self._records("content_hash = ? ORDER BY scored_at DESC LIMIT 1", (content_hash,))
        return found[0] if found else None

    # -- the report list of `fazhi serve`: one row per content, the latest scoring ---------

    LIST_SORTS = {
        "issuer": "issuer", "year": "year", "edition": "edition", "score": "score", "grade": "score",
        "gaps": "gaps", "reviewed": "reviewed", "scored_at": "scored_at",
    }

    def list_reports(self, *, year: int | None = None, edition: int | None = None, grade: str | None = None,
                     issuer: str | None = None, reviewed: bool | None = None, sort: str = "scored_at",
                     descending: bool = True, limit: int = 50, offset: int = 0,
                     unread: tuple[str, ...] = ()) -> tuple[int, list[dict]]:
        """(matching count, one page of rows): filtered, sorted and paged in SQL.

        ``unread``: only reports whose issuer and/or year fazhi could not read (and no reviewer
        stated), the ones a reviewer should name: "issuer", "year".

        ``sort`` is a key of LIST_SORTS (anything else falls back to the time scored), so no
        caller's text reaches the ORDER BY clause.
        """
        where = ["NOT EXISTS (SELECT 1 FROM reports newer WHERE newer.content_hash = r.content_hash "
                 "AND newer.scored_at > r.scored_at)"]
        params: list = []
        for column, value in (("year", year), ("edition", edition), ("grade", grade)):
            if value is not None:
                where.append(f"r.{column} = ?")
                params.append(value)
        for column in ("issuer", "year"):
            if column in unread:
                where.append(f"r.{column} IS NULL")
        if issuer:
            where.append("r.issuer LIKE ? ESCAPE '\\'")
            params.append("%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        reviewed_sql = "EXISTS (SELECT 1 FROM reviews v WHERE v.content_hash = r.content_hash)"
        if reviewed is not None:
            where.append(reviewed_sql if reviewed else "NOT " + reviewed_sql)
        clause = " AND ".join(where)
        total = self._db.execute(f"SELECT COUNT(*) FROM reports r WHERE {clause}", params).fetchone()[0]
        order = self.LIST_SORTS.get(sort, "scored_at")
        direction = "DESC" if descending else "ASC"
        rows = self._db.execute(
            f"""SELECT r.content_hash, r.path, r.issuer, r.year, r.edition, r.score, r.grade, r.gaps,
                       r.scored_at, r.ruleset_version, {reviewed_sql} AS reviewed, u.name
                FROM reports r LEFT JOIN uploads u ON u.content_hash = r.content_hash
                WHERE {clause} ORDER BY {order} IS NULL, {order} {direction}, r.id {direction}
                LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        ).fetchall()
        keys = ("content_hash", "path", "issuer", "year", "edition", "score", "grade", "gaps",
                "scored_at", "ruleset_version", "reviewed", "name")
        return total, [dict(zip(keys, row)) for row in rows]

    def list_choices(self) -> dict[str, list]:
        """The distinct years, editions and grades, for the list's filters."""
        return {
            column: [v for (v,) in self._db.execute(
                f"SELECT DISTINCT {column} FROM reports WHERE {column} IS NOT NULL ORDER BY {column} DESC")]
            for column in ("year", "edition", "grade")
        }

    # -- uploads, reviews and memo texts (append-only) --------------------------------------

    def save_upload(self, content_hash: str, name: str, stored: str, size: int) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO uploads VALUES (?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING",
                (content_hash, name, stored, size, now()),
            )

    def upload(self, content_hash: str) -> dict | None:
        row = self._db.execute("SELECT name, stored, size, at FROM uploads WHERE content_hash = ?",
                               (content_hash,)).fetchone()
        return dict(zip(("name", "stored", "size", "at"), row)) if row else None

    def add_review(self, review: Review) -> int:
        with self._transaction() as db:
            (rid,) = db.execute(
                "INSERT INTO reviews (content_hash, rule_id, kind, start, before, after, reason, reviewer, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (review.content_hash, review.rule_id, review.kind, review.start, review.before, review.after,
                 review.reason, review.reviewer, review.at or now()),
            ).fetchone()
        return rid

    def reviews(self, content_hash: str | None = None) -> list[Review]:
        """Every review (of one content, or of all), oldest first."""
        sql = "SELECT content_hash, rule_id, kind, start, before, after, reason, reviewer, at, id FROM reviews"
        rows = self._db.execute(sql + (" WHERE content_hash = ?" if content_hash else "") + " ORDER BY id",
                                (content_hash,) if content_hash else ()).fetchall()
        return [Review(*row) for row in rows]

    def stated_facts(self, content_hash: str) -> StatedFacts:
        """The issuer and year a reviewer stated for this content (the latest of each), or none:
        every scoring of the content, in the desk or a batch, is made with them."""
        rows = self._db.execute(
            "SELECT kind, after FROM reviews WHERE content_hash = ? AND kind IN ('issuer', 'year') ORDER BY id",
            (content_hash,)).fetchall()
        return stated_facts_of(rows)

    def restated_at(self) -> dict[str, str]:
        """Content hash → when a reviewer last stated its issuer or year (few: read once per batch)."""
        return dict(self._db.execute(
            "SELECT content_hash, MAX(at) FROM reviews WHERE kind IN ('issuer', 'year') GROUP BY content_hash"))

    def as_reviewed(self, records: list[ReportRecord], core_ids: frozenset[str],
                    policy: ScoringPolicy = ScoringPolicy()) -> list[ReportRecord]:
        """The records with their reviewers' status corrections applied (reviewed_record), for
        the list, the dashboard and an issuer's years; a record no one corrected as it is (the
        same object). The contents with a status correction are looked up once, so a dashboard's
        thousands of uncorrected records cost no query each."""
        corrected = {h for (h,) in self._db.execute("SELECT DISTINCT content_hash FROM reviews WHERE kind = 'status'")}
        out = []
        for record in records:
            if record.content_hash not in corrected:
                out.append(record)
                continue
            statuses, _, _ = reviewed_statuses(self.reviews(record.content_hash))
            known = {r.rule_id for r in record.results}  # (a rule the record's ruleset did not have: left out)
            out.append(reviewed_record(record, {k: v for k, v in statuses.items() if k in known}, core_ids, policy))
        return out

    def reviewed_hashes(self) -> list[str]:
        return [h for (h,) in self._db.execute("SELECT DISTINCT content_hash FROM reviews ORDER BY content_hash")]

    def add_memo_text(self, content_hash: str, text: str, reviewer: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO memo_texts (content_hash, text, reviewer, at) VALUES (?, ?, ?, ?)",
                       (content_hash, text, reviewer, now()))

    def memo_text(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT text FROM memo_texts WHERE content_hash = ? ORDER BY id DESC LIMIT 1",
                               (content_hash,)).fetchone()
        return row[0] if row else None


@dataclass(frozen=True)
class Review:
    """One stored correction (see the reviews table): who, when, what before and after, and why."""

    content_hash: str
    rule_id: str | None
    kind: str  # status | evidence | done | issuer | year
    start: int | None
    before: str | None
    after: str | None
    reason: str
    reviewer: str
    at: str | None = None
    id: int | None = None


def stated_facts_of(corrections) -> StatedFacts:
    """(kind, after) pairs of issuer and year corrections, oldest first → what they state now."""
    stated = {}
    for kind, after in corrections:
        if kind in ("issuer", "year") and after:
            stated[kind] = after
    year = stated.get("year")
    return StatedFacts(stated.get("issuer"), int(year) if year and year.isdigit() else None)


def reviewed_record(record: ReportRecord, statuses: dict[str, str], core_ids: frozenset[str],
                    policy: ScoringPolicy = ScoringPolicy()) -> ReportRecord:
    """The stored report as a reviewer's status corrections make it (rule id → status): what
    ``score.rescore`` gives the whole result, worked out from the stored row alone, for the
    list and the dashboard, which read many reports and no evidence. ``core_ids``: the rules
    of level core, for the core score. No correction: the record itself."""
    if not statuses:
        return record
    results = tuple(
        replace(r, status=statuses[r.rule_id], points=points_for(r.max_points, statuses[r.rule_id], policy))
        if r.rule_id in statuses else r
        for r in record.results
    )
    score = percent(results)
    return replace(record, results=results, score=score, grade=policy.grade(score),
                   core_score=percent([r for r in results if r.rule_id in core_ids]))


def reviewed_statuses(reviews: list[Review]) -> tuple[dict[str, str], set[tuple[str, int]], bool]:
    """What the reviews of one report say now: rule id → status (the latest correction wins),
    the (rule id, start) of evidence sentences marked wrong (and not marked right again),
    and whether the whole report was marked reviewed."""
    statuses: dict[str, str] = {}
    wrong: set[tuple[str, int]] = set()
    done = False
    for r in reviews:
        if r.kind == "status" and r.rule_id and r.after:
            statuses[r.rule_id] = r.after
        elif r.kind == "evidence" and r.rule_id and r.start is not None:
            (wrong.add if r.after == "wrong" else wrong.discard)((r.rule_id, r.start))
        elif r.kind == "done":
            done = True
    return statuses, wrong, done
