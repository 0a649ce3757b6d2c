"""Each rule documents itself and proves it: its own examples run here.

A meta-test fails any rule without positive and negative examples, so a rule cannot be
added without showing what it matches and what it must not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.errors import RuleError
from scorer.evaluate import statuses_of
from scorer.match import judge_text
from scorer.models import Document
from scorer.pipeline import score_document
from scorer.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT.parent / "shared" / "spec" / "requirements.md"


def _rules():
    return load_rules().rules


def _doc(text: str) -> Document:
    return Document(path="example.txt", text=text, keep=((0, len(text)),), source_format="txt")


def test_every_catalogue_id_has_a_rule(ruleset):
    if not CATALOGUE.exists():
        pytest.skip("catalogue not beside the checkout")
    ids = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)`", CATALOGUE.read_text(encoding="utf-8"), re.M))
    assert len(ids) >= 30
    assert ids <= {r.id for r in ruleset.rules}


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.id)
def test_rule_has_examples_both_ways(rule):
    assert rule.positive, f"{rule.id} has no positive examples"
    assert rule.negative, f"{rule.id} has no negative examples"
    assert rule.source and rule.suggestion and rule.title


@pytest.mark.parametrize("rule", [r for r in _rules() if r.kind == "element"], ids=lambda r: r.id)
def test_element_examples(rule, ruleset):
    # Judged as in a whole report: the other rules' matches claim their own clauses' detail.
    for text, expected in rule.positive:
        assert judge_text(rule, text, ruleset=ruleset) == expected, f"{rule.id}: {text}"
    for text in rule.negative:
        assert judge_text(rule, text) == "absent", f"{rule.id} must not match: {text}"


@pytest.mark.parametrize("rule", [r for r in _rules() if r.kind != "element"], ids=lambda r: r.id)
def test_part_and_deadline_examples(rule, ruleset):
    # Part and deadline examples are small whole reports: run the whole pipeline on them.
    for text, expected in rule.positive:
        assert score_document(_doc(text), ruleset).result(rule.id).status == expected, text
    for text in rule.negative:
        assert score_document(_doc(text), ruleset).result(rule.id).status != "met", text


def test_core_items_weigh_most(ruleset):
    core = [r.weight for r in ruleset.rules if r.level == "core"]
    others = [r.weight for r in ruleset.rules if r.level != "core"]
    assert len(core) == 6 and min(core) > max(others)


def _write(tmp_path: Path, body: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "x.yaml").write_text(body, encoding="utf-8")
    return d


GOOD = """rules:
  - id: local.extra
    kind: element
    title: 本地补充要求
    area: local
    weight: 2
    level: recommended
    editions: [2021]
    source: 本地规定
    suggestion: 写明本地要求。
    match:
      terms: [本地要求]
    examples:
      positive: [{text: 全年落实本地要求3次。, status: substantiated}]
      negative: [无关句子。]
"""


def test_extra_rules_dir_adds_and_overrides(tmp_path):
    d = _write(tmp_path, GOOD + GOOD.replace("local.extra", "legal_adviser.use").replace("rules:\n", ""))
    rs = load_rules([d])
    assert rs.get("local.extra").area == "local"
    assert rs.get("legal_adviser.use").terms == ("本地要求",)
    assert len(rs.rules) == len(load_rules().rules) + 1


SHARED = """excludes:
  plans:
    - '样板'
    - '^示范'
""" + GOOD.replace("terms: [本地要求]", "terms: [本地要求]\n      exclude_shared: [plans]\n      exclude: ['试点']") + \
    GOOD.replace("local.extra", "local.other").replace("rules:\n", "")


def test_a_files_shared_excludes_join_the_rules_that_name_them(tmp_path):
    rs = load_rules([_write(tmp_path, SHARED)])
    assert rs.get("local.extra").exclude == ("试点", "样板", "^示范")
    assert rs.get("local.other").exclude == ()
    text = "某局2023年度法治政府建设情况报告\n一、主要举措和成效\n{}\n"
    for sentence, taken in (("全年落实本地要求3次。", True), ("建成本地要求样板3个。", False),
                            ("示范落实本地要求3次。", False), ("开展本地要求试点3次。", False)):
        statuses = statuses_of(score_document(_doc(text.format(sentence)), rs))
        assert (statuses["local.extra"] == "substantiated") is taken, sentence
        assert statuses["local.other"] == "substantiated", sentence


@pytest.mark.parametrize("mutation, where, message", [
    (("exclude_shared: [plans]", "exclude_shared: [plan]"), 17, "key 'exclude_shared': 'plan' is not a list under the file's 'excludes:'"),
    (("    - '^示范'", "    - '(示范'"), 4, "bad regular expression in 'exclude': '(示范'"),
    (("  plans:\n    - '样板'\n    - '^示范'", "  plans: []"), 2, "should be non-empty"),
])
def test_a_broken_shared_exclude_is_refused_where_it_is_written(tmp_path, mutation, where, message):
    with pytest.raises(RuleError) as err:
        load_rules([_write(tmp_path, SHARED.replace(*mutation))])
    assert str(err.value).startswith(f"{tmp_path / 'rules' / 'x.yaml'}:{where}:"), str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize(
    "mutation, message",
    [
        (("weight: 2", "weight: 2\n    termz: [x]"), "unknown key 'termz'"),
        (("level: recommended", "level: vital"), "'vital' is not allowed (allowed: core, required, recommended)"),
        (("kind: element", "kind: widget"), "(allowed: element, part, deadline)"),
        (("terms: [本地要求]", "patterns: ['(unclosed']"), "bad regular expression"),
        (("id: local.extra", "id: Local"), "must look like area.name"),
        (("    suggestion: 写明本地要求。\n", ""), "'suggestion' is required"),
        (("editions: [2021]", "editions: [2030]"), "2030 is not allowed"),
        (("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [nosuch.rule]}]"),
         "detail_from names 'nosuch.rule', which is not another rule"),
        (("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [local.extra]}]"),
         "detail_from names 'local.extra', which is not another rule"),
        (("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [legal_adviser.use], when: '(主持'}]"),
         "bad regular expression in 'detail_from'"),
        (("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [legal_adviser.use], subject: '(局长'}]"),
         "bad regular expression in 'detail_from'"),
        (("terms: [本地要求]", "terms: [本地要求]\n      continued_by: '(学习'"), "bad regular expression in 'continued_by'"),
        # a user's patterns run on RE2, which has no lookbehind
        (("terms: [本地要求]", "terms: [本地要求]\n      continued_by: '(?<!党史)学习'"), "bad regular expression in 'continued_by'"),
        (("terms: [本地要求]", "terms: [本地要求]\n      heading_acts: '^(主持'"), "bad regular expression in 'heading_acts'"),
        (("terms: [本地要求]", "terms: [本地要求]\n      not_detail: '(述法'"), "bad regular expression in 'not_detail'"),
        (("terms: [本地要求]", "terms: [本地要求]\n      heading_scope: act"), "'continued_by' is required"),
        (("terms: [本地要求]", "terms: [本地要求]\n      heading_scope: always"), "'always' is not allowed (allowed: true, false, act)"),
    ],
)
def test_bad_rules_are_errors_naming_file_rule_and_key(tmp_path, mutation, message):
    d = _write(tmp_path, GOOD.replace(*mutation))
    with pytest.raises(RuleError) as err:
        load_rules([d])
    text = str(err.value)
    assert message in text
    assert "x.yaml:" in text
    if "id: Local" not in GOOD.replace(*mutation):
        assert "'local.extra'" in text


def test_bad_yaml_names_the_line(tmp_path):
    d = _write(tmp_path, "rules:\n  - id: a.b\n    title: [unclosed\n")
    with pytest.raises(RuleError, match=r"x\.yaml:\d+: invalid YAML"):
        load_rules([d])


def test_a_users_rule_can_name_the_act_a_following_sentence_carries_on(tmp_path):
    # continued_by on a user's rule runs on RE2 like its other patterns, and works as the
    # built-in rules' does: the paragraph's next sentence naming the act gives its count.
    from scorer.models import Document
    from scorer.pipeline import score_document

    text = "某县2023年法治政府建设情况报告\n一、主要举措和成效\n落实本地要求。全年开展巡查12次。\n"
    doc = Document(path="t.txt", text=text, keep=((0, len(text)),), source_format="txt")
    alone = load_rules([_write(tmp_path, GOOD)])
    assert score_document(doc, alone).result("local.extra").status == "asserted"
    carried = load_rules([_write(tmp_path, GOOD.replace("terms: [本地要求]", "terms: [本地要求]\n      continued_by: 巡查|走访"))])
    result = score_document(doc, carried).result("local.extra")
    assert result.status == "substantiated"
    assert [e.text for e in result.evidence if e.signal == "paragraph"] == ["全年开展巡查12次。"]


def test_detail_from_lets_a_rule_take_detail_from_a_clause_another_claims(tmp_path):
    # local.extra's 3次 stands in a clause 法律顾问 (legal_adviser.use) claims: not its detail,
    # until detail_from shares that rule's clauses where the clause reads 主持.
    rule = GOOD.replace("positive: [{text: 全年落实本地要求3次。, status: substantiated}]",
                        "positive: [{text: 落实本地要求，主持听取法律顾问意见3次。, status: substantiated}]")
    sentence = "落实本地要求，主持听取法律顾问意见3次。"
    alone = load_rules([_write(tmp_path, rule)])
    assert judge_text(alone.get("local.extra"), sentence, ruleset=alone) == "asserted"
    shared = rule.replace("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [legal_adviser.use], when: 主持}]")
    rs = load_rules([_write(tmp_path, shared)])
    assert judge_text(rs.get("local.extra"), sentence, ruleset=rs) == "substantiated"
    not_when = shared.replace("when: 主持", "when: 批示")
    rs = load_rules([_write(tmp_path, not_when)])
    assert judge_text(rs.get("local.extra"), sentence, ruleset=rs) == "asserted"


def test_detail_from_subject_shares_a_clause_only_after_a_clause_opened_by_the_subject(tmp_path):
    # 3次 stands in a clause 法律顾问 (legal_adviser.use) claims; with `subject` it is shared
    # only where a clause up to it opens with the actor (本股…), not where the actor comes later
    # or is missing.
    rule = GOOD.replace("terms: [本地要求]", "terms: [本地要求]\n      detail_from: [{rules: [legal_adviser.use], subject: 本股}]")
    rs = load_rules([_write(tmp_path, rule)])
    extra = rs.get("local.extra")
    assert judge_text(extra, "本股落实本地要求，听取法律顾问意见3次。", ruleset=rs) == "substantiated"
    assert judge_text(extra, "落实本地要求，听取法律顾问意见3次。", ruleset=rs) == "asserted"
    assert judge_text(extra, "落实本地要求，听取法律顾问意见3次，本股审定。", ruleset=rs) == "asserted"
