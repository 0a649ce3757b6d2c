"""What happened to each file of a batch, kept on disk: one row per input file, in file order.

A province's batch is tens of thousands of files. Held in a list, their outcomes (and the
items they name) grew the batch's main process by ~0.7 KB per file up to its largest
moment, the summary phase; here they live in a private temporary SQLite database
(deleted when closed; SQLite keeps only a small page cache of it in memory). The parent
adds each outcome as it settles, in whatever order the workers finish, and every later
pass — the summary's key, its rows, the OCR count, the failures the CLI prints — reads
them back one at a time, in file order.

File names come from the file system and may hold bytes that are not UTF-8 (kept by
Python as surrogates), which SQLite's text cannot: names and errors are stored as
UTF-8 bytes with ``surrogateescape`` and come back exactly as they went in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from scorer.discover import BatchItem
from scorer.store import ReportRecord
from scorer.summary_table import scratch_database

STATES = ("scored", "skipped", "failed")  # what a finished file can be (an unwritable one stops the batch)


@dataclass(frozen=True, slots=True)
class Outcome:
    item: BatchItem
    state: str  # scored | skipped | failed | unwritable (its outputs could not be written: stops the batch)
    content_hash: str | None = None
    error: str | None = None  # failed: "Type: message", one line; unwritable: the OS's problem
    record: ReportRecord | None = None  # scored: what goes into the history (not kept: the database has it)


def _blob(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8", "surrogateescape")


def _text(blob: bytes | None) -> str | None:
    return None if blob is None else blob.decode("utf-8", "surrogateescape")


class Outcomes:
    """A batch's outcomes, one per input file, read back in file order; ``len`` counts them.

    A context manager; ``close`` removes the table. An outcome read back has no ``record``
    (the history database holds it).
    """

    def __init__(self) -> None:
        self._db = scratch_database(isolation_level=None)
        self._db.execute(
            "CREATE TABLE outcomes (position INTEGER PRIMARY KEY, path BLOB, rel BLOB, name BLOB, state TEXT, "
            "content_hash TEXT, error BLOB)"
        )

    def __enter__(self) -> Outcomes:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add(self, position: int, outcome: Outcome) -> None:
        """Keep ``outcome`` as the file at ``position`` (0-based, file order) of the batch."""
        item = outcome.item
        self._db.execute(
            "INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?)",
            (position, _blob(item.path), _blob(item.rel), _blob(item.name), outcome.state, outcome.content_hash,
             _blob(outcome.error)),
        )

    def _select(self, where: str = "", params: tuple = ()) -> Iterator[Outcome]:
        for path, rel, name, state, digest, error in self._db.execute(
            f"SELECT path, rel, name, state, content_hash, error FROM outcomes {where} ORDER BY position", params
        ):
            yield Outcome(BatchItem(_text(path), _text(rel), _text(name)), state, digest, _text(error))

    def __iter__(self) -> Iterator[Outcome]:
        return self._select()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]

    def with_state(self, state: str) -> Iterator[Outcome]:
        """The outcomes in ``state`` (one of STATES), in file order."""
        return self._select("WHERE state = ?", (state,))

    def count(self, state: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM outcomes WHERE state = ?", (state,)).fetchone()[0]
