"""`.fazhi.yaml` loading (with an injected today) and the gate engine on scored seeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from scorer.config import ConfigError, ProjectConfig, find_config, gate_config, load_config
from scorer.gate import BaselineReport, GateConfig, Waiver, copied_evidence, evaluate, pick_baseline

TODAY = dt.date(2025, 3, 1)
SEED = "002_270951ed5cca0aaf.txt"


def config_file(tmp_path, text):
    path = tmp_path / ".fazhi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def waiver_yaml(expires, justification="无此类案件"):
    return f"waivers:\n  - rule: disputes.petition_mediation\n    justification: {justification}\n    expires: {expires}\n"


def test_waiver_expiring_today_is_valid_and_yesterday_is_not(tmp_path):
    cfg = load_config(config_file(tmp_path, waiver_yaml("2025-03-01")), today=TODAY)
    assert cfg.waivers == (Waiver("disputes.petition_mediation", "无此类案件", dt.date(2025, 3, 1), f"{tmp_path / '.fazhi.yaml'}:2"),)
    with pytest.raises(ConfigError) as err:
        load_config(config_file(tmp_path, waiver_yaml("2025-02-28")), today=TODAY)
    assert str(err.value) == (f"{tmp_path / '.fazhi.yaml'}:4: waiver for 'disputes.petition_mediation' expired on 2025-02-28: "
                              "renew it with a new date and justification, or remove it")


def test_blank_justification_is_rejected(tmp_path):
    with pytest.raises(ConfigError, match=r":3: invalid config: waivers\.0\.justification: must say why, not be blank$"):
        load_config(config_file(tmp_path, waiver_yaml("2025-12-31", justification="' '")), today=TODAY)


def test_same_rule_waived_twice_is_rejected(tmp_path):
    text = waiver_yaml("2025-12-31") + "  - rule: disputes.petition_mediation\n    justification: 又一次\n    expires: 2025-12-31\n"
    with pytest.raises(ConfigError, match="waived twice"):
        load_config(config_file(tmp_path, text), today=TODAY)


@pytest.mark.parametrize(
    "text, message",
    [
        ("min_score: 120\n", ":1: invalid config: min_score: 120 is greater than the maximum of 100"),
        ("edition: 2019\n", ":1: invalid config: edition: 2019 is not allowed (allowed: 2015, 2021)"),
        ("fail_on: [absent, gone]\n", ":1: invalid config: fail_on.1: 'gone' is not allowed (allowed: asserted, deficient, planned, absent, late)"),
        ("fail_on: absent,gone\n", ":1: unknown status 'gone' (allowed: asserted, deficient, planned, absent, late)"),
        ("require: []\n", ":1: invalid config: require: "),
        ("- core\n", ": a config file must be a mapping of keys"),
        ("min_score: [\n", ":2: invalid YAML: "),
        ("waivers:\n  - rule: x.y\n    justification: j\n    expires: 2025-12-31\n    owner: me\n",
         ":5: invalid config: waivers.0: unknown key 'owner' (allowed: expires, justification, rule)"),
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load_config(config_file(tmp_path, text), today=TODAY)
    assert str(err.value).startswith(f"{tmp_path / '.fazhi.yaml'}{message}")


def test_values_and_relative_rules_dirs(tmp_path):
    cfg = load_config(config_file(tmp_path, "edition: 2015\nmin_score: 55.5\nrequire: core,functions.credit\n"
                                            "fail_on: absent, planned\nrules: [more, ../shared-rules]\n"), today=TODAY)
    assert (cfg.edition, cfg.min_score, cfg.require, cfg.fail_on) == (2015, 55.5, ("core", "functions.credit"), ("absent", "planned"))
    assert cfg.rules == (tmp_path / "more", tmp_path / "../shared-rules")
    assert load_config(config_file(tmp_path, "# nothing yet\n"), today=TODAY) == ProjectConfig(path=tmp_path / ".fazhi.yaml")


def test_find_config_walks_up(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    before = find_config(deep)
    assert before is None or tmp_path not in before.parents
    path = config_file(tmp_path, "min_score: 1\n")
    assert find_config(deep) == path.resolve()


def test_options_override_config_and_default_gate(ruleset):
    project = ProjectConfig(min_score=80, require=("core",), fail_on=("absent",))
    merged = gate_config(project, ruleset, min_score=10, require="functions.credit", fail_on="planned")
    assert (merged.min_score, merged.require_core, merged.require, merged.fail_on) == (10, False, ("functions.credit",), ("planned",))
    default = gate_config(ProjectConfig(), ruleset)
    assert default.defaulted and default.require_core and default.active() == ("require",)
    assert not gate_config(ProjectConfig(), ruleset, baseline=True).defaulted


def test_unknown_waiver_rule_needs_the_ruleset(ruleset):
    project = ProjectConfig(waivers=(Waiver("no.such", "j", dt.date(2999, 1, 1), ".fazhi.yaml:3"),))
    with pytest.raises(ConfigError) as err:
        gate_config(project, ruleset)
    assert str(err.value) == ".fazhi.yaml:3: waiver for unknown rule id 'no.such' (see `fazhi rules list`)"


# --- the gate engine ------------------------------------------------------------------------


def test_waived_findings_are_kept_and_marked(seed_results, ruleset):
    result = seed_results[SEED]
    waiver = Waiver("leadership.first_responsible", "另行报告", dt.date(2999, 1, 1))
    outcome = evaluate(result, GateConfig(require_core=True, waivers=(waiver,)), ruleset)
    (gate,) = outcome.gates
    assert gate.passed and gate.detail == "5 of 6 requirements met; 1 waived"
    assert [(f.rule.id, f.status, f.waiver) for f in gate.findings] == [("leadership.first_responsible", "planned", waiver)]
    assert outcome.failing == () and len(outcome.waived) == 1
    assert "leadership.first_responsible" not in {r.rule.id for r in outcome.open_gaps}


def test_waiver_for_a_met_rule_is_noted(seed_results, ruleset):
    waiver = Waiver("enforcement.publicity", "x", dt.date(2999, 1, 1))
    outcome = evaluate(seed_results[SEED], GateConfig(min_score=0, waivers=(waiver,)), ruleset)
    assert outcome.notes == ("waiver for enforcement.publicity is not needed: the requirement is met (substantiated)",)


def test_requirement_outside_the_edition_is_not_required(seed_results, ruleset):
    result = seed_results[SEED]
    old = replace(result, edition=2015, results=tuple(
        replace(r, applies=2015 in r.rule.editions, status="absent" if r.rule.id == "enforcement.lenient" else r.status)
        for r in result.results))
    outcome = evaluate(old, GateConfig(require=("enforcement.lenient",), fail_on=("absent",)), ruleset)
    require, fail_on = outcome.gates
    assert require.passed and require.findings == ()
    assert "enforcement.lenient does not apply under the 2015 Outline: not required" in outcome.notes
    assert "enforcement.lenient" not in {f.rule.id for f in fail_on.findings}


def test_fail_on_late_only_when_listed(seed_results, ruleset):
    result = seed_results[SEED]
    late = replace(result, results=tuple(replace(r, status="late") if r.rule.id == "meta.deadline" else r for r in result.results))
    ids = lambda cfg: {f.rule.id for g in evaluate(late, cfg, ruleset).gates for f in g.findings}  # noqa: E731
    assert "meta.deadline" in ids(GateConfig(fail_on=("late",)))
    assert "meta.deadline" not in ids(GateConfig(fail_on=("absent",)))
    assert "meta.deadline" in ids(GateConfig(require=("meta.deadline",)))  # late is not met


def _baseline(result, **statuses):
    current = {r.rule.id: (r.status, r.applies) for r in result.results}
    current.update({k.replace("__", "."): (v, True) for k, v in statuses.items()})
    return BaselineReport("last.json", result.path, current, ())


def test_regression_only_from_met_to_not_met(seed_results, ruleset):
    result = seed_results[SEED]  # first_responsible planned, law_study substantiated, credit absent
    base = _baseline(result, leadership__first_responsible="asserted", functions__credit="planned",
                     leadership__law_study="asserted")
    outcome = evaluate(result, GateConfig(), ruleset, (base,))
    (gate,) = outcome.gates
    assert not gate.passed
    assert [(f.rule.id, f.before, f.status) for f in gate.findings] == [("leadership.first_responsible", "asserted", "planned")]
    assert [(c.rule.id, c.before, c.after, c.regression) for c in outcome.changes] == [
        ("leadership.first_responsible", "asserted", "planned", True),
        ("leadership.law_study", "asserted", "substantiated", False),
        ("functions.credit", "planned", "absent", False),
    ]


def test_pick_baseline_by_path_then_name(seed_results, ruleset):
    result = seed_results[SEED]
    a = BaselineReport("b.json", "old/a.txt", {}, ())
    b = BaselineReport("b.json", "reports/draft.txt", {}, ())
    assert pick_baseline((a,), "anything.txt") is a
    assert pick_baseline((a, b), "./reports/draft.txt") is b
    assert pick_baseline((a, b), "elsewhere/a.txt") is a
    assert pick_baseline((a, b), "c.txt") is None
    outcome = evaluate(result, GateConfig(min_score=0), ruleset, (a, b))
    assert outcome.notes == ("baseline b.json has no entry for this file: regression not checked",)


def test_copied_evidence_ignores_short_sentences_and_whitespace(seed_results):
    result = seed_results[SEED]
    long_ = "集中研究法治议题6次,及时研究解决依法行政工作中存在的问题。"
    spaced = " 集中研究法治议题6次,\n及时研究解决依法行政工作中存在的问题。 "
    short = next(e.text for r in result.results for e in r.evidence if len(e.text.strip()) < 15 and r.rule.kind == "element")
    found = copied_evidence(result, BaselineReport("b.json", "x", {}, (spaced, short)))
    assert [c.location.text for c in found] == [long_]
    assert found[0].rules == ("leadership.party_deployment",)
    assert found[0].location.line == result.segmented.document.text.count("\n", 0, found[0].location.start) + 1
