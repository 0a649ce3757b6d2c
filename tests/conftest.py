"""Shared fixtures: the built-in ruleset, loaded once, and paths to the seeds and gold labels."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The gold labels live beside the checkout (../shared); CI clones main with shared/ beside it.
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"


@pytest.fixture(scope="session")
def ruleset():
    from scorer.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def seed_results(ruleset):
    """Every seed scored once: {file name: ReportResult}."""
    from scorer.pipeline import score_file

    return {p.name: score_file(p, ruleset) for p in sorted(SEEDS.glob("*.txt"))}


def database_at(path: Path, version: int) -> sqlite3.Connection:
    """A history database as a fazhi of schema ``version`` made it (its migrations only), open
    for the test to fill as that fazhi would have; commit and close it before opening a Store."""
    from scorer.store import MIGRATIONS

    raw = sqlite3.connect(path)
    for at, statements in enumerate(MIGRATIONS[:version]):
        for statement in statements:
            raw.execute(statement)
        raw.execute(f"PRAGMA user_version = {at + 1}")
    return raw
