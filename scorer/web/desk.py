"""The desk's state: its configuration, the history store, the scoring jobs and a small cache.

A report is found by its content hash: the uploaded copy (``<hash><.ext>`` in the uploads
folder beside the database), else the file `fazhi batch` scored, if it still holds the same
bytes. Scoring happens in worker processes (:mod:`scorer.web.jobs`); the store is used on
the event loop's thread only.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from starlette.exceptions import HTTPException

from scorer import atomic
from scorer.ingest import MAX_BYTES
from scorer.models import Ruleset
from scorer.score import ScoringPolicy
from scorer.store import Store, record_of
from scorer.web.jobs import Job, Jobs

SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")
CACHE_SIZE = 32  # scored reports kept for their pages


@dataclass(frozen=True)
class ServeConfig:
    db: Path
    ruleset: Ruleset  # the rules the desk scores with (policy applied)
    rules_dirs: tuple[str, ...] = ()
    policy: ScoringPolicy = ScoringPolicy()
    edition: int | None = None
    token: str | None = None
    loopback_only: bool = True
    max_file_bytes: int = MAX_BYTES
    workers: int = 1

    @property
    def core_ids(self) -> frozenset[str]:
        """The rules of level core: the reviewed core score of a stored report counts these."""
        return frozenset(r.id for r in self.ruleset.rules if r.level == "core")

    @property
    def uploads(self) -> Path:
        return self.db.parent / "uploads"

    @property
    def max_body(self) -> int:
        # several files at once, each up to the limit, and the form around them
        return self.max_file_bytes * 5 + 1_000_000


class Desk:
    """The server's state: the store (used on the event loop's thread only), the jobs, a small cache."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.store: Store | None = None
        self.jobs = Jobs(config.rules_dirs, config.policy, workers=config.workers)
        self.batches: OrderedDict[str, list[str]] = OrderedDict()
        self.cache: OrderedDict[tuple[str, str], object] = OrderedDict()
        self.tasks: set[asyncio.Task] = set()

    # -- the history ----------------------------------------------------------------------

    def open(self) -> None:
        self.config.uploads.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.config.db)

    def close(self) -> None:
        self.jobs.close()
        if self.store is not None:
            self.store.close()

    def source(self, content_hash: str, record) -> Path | None:
        """The report's file: the uploaded copy, else the path `fazhi batch` scored (if still the same bytes)."""
        upload = self.store.upload(content_hash)
        if upload is not None:
            path = self.config.uploads / upload["stored"]
            return path if path.is_file() else None
        if record is None:
            return None
        for path in (Path(record.path), self.config.db.parent / record.path):
            try:
                if path.is_file() and _sha256(path.read_bytes()) == content_hash:
                    return path
            except OSError:
                continue
        return None

    async def result(self, content_hash: str, restated: bool = False):
        """The report scored under the desk's rules: (ReportResult, None) or (None, why not).
        ``restated``: a reviewer has just stated its issuer or year; score it again with them
        and store that scoring in place of the last."""
        if restated:
            self.forget(content_hash)
        key = (content_hash, self.config.ruleset.version)
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key], None
        record = self.store.latest(content_hash)
        if record is None:
            raise HTTPException(404, "没有这份报告")
        path = self.source(content_hash, record)
        if path is None:
            return None, f"找不到这份报告的原文件（{record.path}），无法显示全文和证据。"
        edition = record.requested_edition if record.requested_edition is not None else self.config.edition
        stated = self.store.stated_facts(content_hash)
        state, payload = await self.jobs.score(path, edition, lane="page", stated=stated)
        if state != "scored":
            return None, f"重新评分失败：{payload}"
        if restated or self.store.get(content_hash, self.config.ruleset.version) is None:
            # scored under other rules before: keep this scoring too; the reviews stay with the content.
            # Restated: the stored row takes the stated issuer and year (and the edition, statuses
            # and score that follow from the year), for the list, the history and the dashboard.
            self.store.save(record_of(payload, content_hash, edition))
        self._remember(key, payload)
        return payload, None

    def forget(self, content_hash: str) -> None:
        """Drop the content's cached scorings: its next page scores it again."""
        for key in [k for k in self.cache if k[0] == content_hash]:
            del self.cache[key]

    def _remember(self, key, result) -> None:
        self.cache[key] = result
        while len(self.cache) > CACHE_SIZE:
            self.cache.popitem(last=False)

    # -- uploads --------------------------------------------------------------------------

    async def _score_upload(self, job: Job, path: Path, size: int) -> None:
        job.state = "scoring"
        state, payload = await self.jobs.score(path, self.config.edition, stated=self.store.stated_facts(job.content_hash))
        if state == "scored":
            self.store.save_upload(job.content_hash, job.name, path.name, size)
            record = record_of(payload, job.content_hash, self.config.edition)
            self.store.save(record)
            self._remember((job.content_hash, self.config.ruleset.version), payload)
            job.state, job.score, job.grade = "scored", payload.score, payload.grade
        else:
            job.state, job.error = "failed", payload
            self.store.record_failure(f"上传：{job.name}", payload, job.content_hash)
            if self.store.upload(job.content_hash) is None:
                path.unlink(missing_ok=True)  # nothing refers to it

    def accept(self, name: str, data: bytes) -> Job:
        """One uploaded file: checked, stored under its hash, queued for scoring."""
        job = self.jobs.add(Job(secrets.token_hex(8), name))
        limit = self.config.max_file_bytes
        if len(data) > limit:
            job.state, job.error = "failed", f"文件超过 {limit / 1_000_000:g} MB 上限"
            return job
        if not data:
            job.state, job.error = "failed", "文件为空"
            return job
        job.content_hash = digest = _sha256(data)
        known = self.store.get(digest, self.config.ruleset.version)
        if known is not None and self.store.upload(digest) is not None:
            job.state, job.score, job.grade = "scored", known.score, known.grade
            return job
        suffix = PurePosixPath(name.lower()).suffix
        path = self.config.uploads / (digest + (suffix if SUFFIX.fullmatch(suffix) else ""))
        if not path.exists():
            atomic.write_bytes(path, data)
        task = asyncio.get_running_loop().create_task(self._score_upload(job, path, len(data)))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return job


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


DASHBOARD_LIMIT = 2000  # reports on one dashboard page (its heatmap is reports × requirements)


def reviewed_view(db: Path, ruleset: Ruleset, year: int | None = None, core_ids: frozenset[str] = frozenset(),
                  policy: ScoringPolicy = ScoringPolicy(), base: str = ""):
    """(BatchView, how many reports matched): the history's latest scorings, the highest
    DASHBOARD_LIMIT by score, as the reviewers' status corrections make them — what the desk's
    dashboard and its summary workbook show. Each row links to its page, under ``base`` (the
    desk's address, for a workbook opened outside the browser). Run in a thread with its own
    connection: it reads many records."""
    from scorer.batch_outputs import statuses_of
    from scorer.history import timelines
    from scorer.render.batch_view import BatchView, SummaryRow

    with Store(db) as store:
        total, listed = store.list_reports(year=year, sort="score", limit=DASHBOARD_LIMIT)
        records, rows = [], []
        stored = [store.get(item["content_hash"], item["ruleset_version"]) for item in listed]
        for item, record in zip(listed, store.as_reviewed(stored, core_ids, policy)):
            records.append(record)
            link = f"{base}/report/{record.content_hash}"
            name = item["name"] or record.path
            rows.append(SummaryRow(
                file=name, path=name, links={"html": link, "json": f"{link}/json", "docx": f"{link}/memo.docx"},
                issuer=record.issuer, year=record.year, edition=record.edition, date=record.date, score=record.score,
                grade=record.grade, core_score=record.core_score, statuses=statuses_of(record, ruleset),
                not_whole=record.not_whole, ocr=record.ocr,
            ))
    multi_year = tuple(t for t in timelines(records) if len(t.years) >= 2)
    return BatchView(tuple(rows), ruleset, multi_year), total


def dashboard_html(db: Path, ruleset: Ruleset, year: int | None = None, core_ids: frozenset[str] = frozenset(),
                   policy: ScoringPolicy = ScoringPolicy()) -> tuple[str, int]:
    """The batch dashboard (scorer.render.dashboard) over reviewed_view; and how many reports matched."""
    from scorer.render import dashboard

    view, total = reviewed_view(db, ruleset, year, core_ids, policy)
    return dashboard.render(view), total


def summary_xlsx(db: Path, ruleset: Ruleset, year: int | None, core_ids: frozenset[str], policy: ScoringPolicy,
                 base: str) -> bytes:
    """summary.xlsx as `fazhi batch` writes it (scorer.render.summary), over reviewed_view, each
    file linked to its page on the desk."""
    from scorer.render import summary

    view, _ = reviewed_view(db, ruleset, year, core_ids, policy, base)
    return summary.to_xlsx(view)
