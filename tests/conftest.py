"""Shared fixtures: the built-in ruleset, loaded once, and paths to the seeds and gold labels."""

from __future__ import annotations

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
