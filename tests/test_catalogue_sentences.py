"""Sentences written from the catalogue alone, in real reports' words, each with the status
its writer gave it from the catalogue (tests/data/probes/catalogue_sentences.yaml; labelled
once, so a floor rather than a gold set).

fazhi does not get all of them right (the README's accuracy section says which kinds it
misses), so this is a floor, not a list of passes: it fails when a change makes fazhi get
fewer of them right than it did when the set was made, and names what it now gets wrong.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scorer.models import Document
from scorer.pipeline import score_document

SENTENCES = Path(__file__).parent / "data" / "probes" / "catalogue_sentences.yaml"
# fazhi's count of right statuses when the set was made (twentieth session); raise it when a
# change gets more right, never lower it to let a change through
FLOOR = 241  # all of them since the twenty-eighth session: now a regression set, not a target


def _status(ruleset, rule_id: str, sentence: str) -> str:
    text = f"某局2023年度法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n{sentence}\n"
    doc = Document(path="t.txt", text=text, keep=((0, len(text)),), source_format="txt")
    return score_document(doc, ruleset).result(rule_id).status


def test_fazhi_gets_at_least_as_many_catalogue_sentences_right_as_before(ruleset):
    items = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    assert len(items) >= 150 and {i["status"] for i in items} >= {"substantiated", "asserted", "absent", "planned", "deficient"}
    wrong = [(i["id"], i["status"], got, i["text"]) for i in items
             if (got := _status(ruleset, i["id"], i["text"])) != i["status"]]
    right = len(items) - len(wrong)
    assert right >= FLOOR, f"{right} of {len(items)} right, floor {FLOOR}; wrong now:\n" + "\n".join(
        f"{rid}: expected {exp}, got {got}: {text}" for rid, exp, got, text in wrong)
