"""The real-text corpus manifest (tests/data/real): well-formed, reproducible folds, and
`fazhi eval`'s fold, in-play and human-ceiling figures. The texts themselves are not in the
repository; these tests need only the manifest and small texts of our own."""

from __future__ import annotations

import importlib.util
import random
import re
from collections import Counter
from pathlib import Path

import yaml
from typer.testing import CliRunner

from scorer.cli import app
from scorer.evaluate import Counts, agreement

REAL = Path(__file__).resolve().parent / "data" / "real"
spec = importlib.util.spec_from_file_location("corpus", REAL / "corpus.py")
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)


def test_manifest_is_complete_and_unique():
    entries = corpus.load()
    assert len(entries) >= 200
    assert all(not corpus.check_labels(e) for e in entries)
    for key in ("file", "url", "sha256"):
        assert len({e[key] for e in entries}) == len(entries), key
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["sha256"]) for e in entries)
    assert all(e["query"] and isinstance(e["rank"], int) and 2016 <= e["year"] <= 2025 for e in entries)
    # every label that is not absent quotes its decisive phrase
    assert all(set(e["evidence"]) == {i for i, s in e["labels"].items() if s != "absent"} for e in entries)


def test_each_batch_keeps_a_quarter_or_more_as_its_test_fold_drawn_by_seed():
    entries = corpus.load()
    for batch in {e["batch"] for e in entries}:
        members = sorted(e["file"] for e in entries if e["batch"] == batch)
        folds = Counter(e["fold"] for e in entries if e["batch"] == batch)
        assert folds["test"] >= len(members) / 4
        order = list(members)
        random.Random(corpus.FOLD_SEED).shuffle(order)
        expected = set(order[: round(len(order) * corpus.TEST_SHARE)])
        assert {e["file"] for e in entries if e["batch"] == batch and e["fold"] == "test"} == expected


def test_double_labelling_covers_forty_reports_and_agrees_as_reported():
    first = yaml.safe_load((REAL / "double" / "first.yaml").read_text(encoding="utf-8"))["reports"]
    second = yaml.safe_load((REAL / "double" / "second.yaml").read_text(encoding="utf-8"))["reports"]
    assert len(first) == len(second) >= 40
    a = agreement(first, second)
    assert a.labels == 28 * len(first)
    assert 0.9 < a.share < 1 and 0.8 < a.kappa < 1


def test_in_play_accuracy_ignores_labels_both_call_absent():
    c = Counts()
    for gold, got in [("absent", "absent")] * 8 + [("asserted", "asserted"), ("substantiated", "asserted")]:
        c.add(gold, got)
    assert c.accuracy == 0.9 and c.in_play == 2 and c.in_play_accuracy == 0.5


def test_eval_by_fold_with_the_human_ceiling(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("某局2023年法治政府建设情况报告\n全年聘请法律顾问2名。\n", encoding="utf-8")
    (texts / "b.txt").write_text("某局2023年法治政府建设情况报告\n开展植树活动。\n", encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "reports:\n"
        "  - {file: a.txt, fold: dev, labels: {legal_adviser.use: substantiated}}\n"
        "  - {file: b.txt, fold: test, labels: {legal_adviser.use: asserted}}\n", encoding="utf-8")
    human = tmp_path / "human.yaml"
    human.write_text("reports:\n  - {file: a.txt, labels: {legal_adviser.use: asserted}}\n", encoding="utf-8")
    runner = CliRunner()
    dev = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "dev", "--no-per-rule",
                              "--human", str(human), "--human", str(human)])
    assert dev.exit_code == 0, dev.output
    row = next(line for line in dev.output.splitlines() if line.startswith("fazhi "))
    assert row.split()[3:6] == ["1.000", "1.000", "1.000"] and "1 (1 in play)" in row
    assert "human: human" in dev.output and "agree on 1/1 labels" in dev.output
    test = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "test", "--no-per-rule"])
    row = next(line for line in test.output.splitlines() if line.startswith("fazhi "))
    assert row.split()[3] == "0.000"  # the test fold's one label is missed
    bad = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "train"])
    assert bad.exit_code == 2 and "unknown fold" in bad.output
