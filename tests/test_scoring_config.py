"""Partial credit and grade bands from .fazhi.yaml, honoured by every scoring command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import SEEDS
from scorer.cli import app

SEED = SEEDS / "002_270951ed5cca0aaf.txt"
STRICT = """scoring:
  credit: {asserted: 0.0, planned: 0.0, deficient: 0.0}
  grades: [{min: 95, name: 甲}, {min: 0, name: 乙}]
"""


def _json(*args) -> dict:
    res = CliRunner().invoke(app, ["score", str(SEED), "--format", "json", *map(str, args)])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_credit_and_grades_from_the_config(tmp_path):
    default = _json()
    cfg = tmp_path / ".fazhi.yaml"
    cfg.write_text(STRICT, encoding="utf-8")
    strict = _json("--config", cfg)
    assert strict["score"] < default["score"]
    assert strict["grade"] in ("甲", "乙")
    asserted = [r for r in strict["results"] if r["status"] == "asserted" and r["applies"]]
    assert asserted and all(r["points"] == 0 for r in asserted)
    # Results made under other credits say so: a batch re-scores when the policy changes.
    assert strict["ruleset_version"].startswith(default["ruleset_version"] + "+p")


def test_config_found_in_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / ".fazhi.yaml").write_text(STRICT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _json()["grade"] in ("甲", "乙")


def test_bad_scoring_key_is_an_error(tmp_path):
    cfg = tmp_path / ".fazhi.yaml"
    cfg.write_text("scoring:\n  credit: {assertd: 0.5}\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["score", str(SEED), "--config", str(cfg)])
    assert res.exit_code == 2
    assert ".fazhi.yaml:" in res.output and "assertd" in res.output


def test_batch_rescores_when_the_policy_changes(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    (corpus / "r.txt").write_bytes(SEED.read_bytes())
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--no-memo", "-q"])
    assert first.exit_code == 0, first.output
    cfg = tmp_path / "strict.yaml"
    cfg.write_text(STRICT, encoding="utf-8")
    again = runner.invoke(app, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--no-memo", "-q", "--config", str(cfg)])
    assert again.exit_code == 0, again.output
    data = json.loads(next((out / "reports").glob("*.json")).read_text(encoding="utf-8"))
    assert "+p" in data["ruleset_version"] and data["grade"] in ("甲", "乙")
