"""`fazhi check`: exit codes, each gate, waivers, the baseline, and every output format."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from scorer.cli import app
from scorer.render.check_json import CHECK_SCHEMA
from scorer.render.github import escape_data, escape_property
from scorer.render.sarif import _GATE_RULES

from conftest import ROOT, SEEDS

runner = CliRunner()
SEED = SEEDS / "002_270951ed5cca0aaf.txt"  # first_responsible only planned; no 双随机 gap
HAS = "legal_adviser.use,enforcement.publicity,enforcement.random_inspection"  # all met in SEED
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
THIN_DRAFT = "某县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n全年开展普法宣传活动3次，发放资料200份。\n"


@pytest.fixture(autouse=True)
def _away_from_any_config(tmp_path, monkeypatch):
    """Every test runs in its own directory, so no stray .fazhi.yaml is found."""
    monkeypatch.chdir(tmp_path)


def check(*args):
    return runner.invoke(app, ["check", *[str(a) for a in args]])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def thin(tmp_path):
    return write(tmp_path / "thin.txt", THIN_DRAFT)


@pytest.fixture(scope="module")
def baseline_json(tmp_path_factory):
    path = tmp_path_factory.mktemp("baseline") / "last-year.json"
    res = runner.invoke(app, ["score", str(SEED), "--format", "json"])
    assert res.exit_code == 0, res.output
    path.write_text(res.stdout, encoding="utf-8")
    return path


# --- exit codes and gates -------------------------------------------------------------


def _seed_score() -> float:
    # The seed's score moves when the rules improve; the gates must compare against it.
    from scorer.pipeline import score_file
    from scorer.rules import load_rules

    return score_file(SEED, load_rules()).score


def test_passing_gates_exit_0():
    res = check(SEED, "--require", HAS, "--min-score", "50", "--fail-on", "deficient")
    assert res.exit_code == 0, res.output
    assert f"{SEED}: PASS" in res.stdout
    assert "[ok] require: 3 of 3 requirements met" in res.stdout
    assert f"[ok] min-score: score {_seed_score():.1f} ≥ 50" in res.stdout


def test_require_core_names_file_requirement_and_suggestion(thin):
    res = check(thin, "--require", "core")
    assert res.exit_code == 1
    assert f"{thin}: FAIL" in res.stdout
    assert "[FAILED] require: 0 of 6 requirements met; 6 failing" in res.stdout
    assert "✗ enforcement.publicity 行政执法公示制度: absent, must be met" in res.stdout
    assert "suggestion: 写明执法主体、人员、依据和执法结果的公示渠道" in res.stdout


def test_require_counts_planned_as_not_met():
    res = check(SEED, "--require", "core")
    assert res.exit_code == 1
    assert "leadership.first_responsible 主要负责人履行推进法治建设第一责任人职责: planned, must be met (line 71)" in res.stdout
    assert "enforcement.publicity" not in res.stdout.split("[FAILED] require")[1].split("other gaps")[0]


def test_min_score_gate():
    score = _seed_score()
    assert 50 < score < 90
    assert check(SEED, "--min-score", str(int(score))).exit_code == 0
    res = check(SEED, "--min-score", "90")
    assert res.exit_code == 1
    assert f"[FAILED] min-score: score {score:.1f} < 90" in res.stdout


def test_fail_on_gate():
    assert check(SEED, "--fail-on", "deficient").exit_code == 0  # nothing admitted as a gap
    res = check(SEED, "--fail-on", "planned,deficient")
    assert res.exit_code == 1
    assert "leadership.first_responsible 主要负责人履行推进法治建设第一责任人职责: planned, fails on planned" in res.stdout


def test_default_gate_is_require_core_and_says_so():
    res = check(SEED)
    assert res.exit_code == 1
    assert res.stdout.startswith("gates: require core  (default: no gate configured")
    assert check(SEED, "--min-score", "0").exit_code == 0  # any gate replaces the default


@pytest.mark.parametrize(
    "args, message",
    [
        (["--require", "core,enforcement.publicty"], "fazhi: error: --require: unknown rule id 'enforcement.publicty' (see `fazhi rules list`)"),
        (["--fail-on", "absent,missing"], "fazhi: error: --fail-on: unknown status 'missing' (allowed: asserted, deficient, planned, absent, late)"),
        (["--min-score", "150"], "fazhi: error: --min-score: 150 is not a score between 0 and 100"),
        (["--edition", "2019"], "fazhi: error: --edition: 2019 is not an Outline edition (use 2015 or 2021)"),
        (["--config", "nowhere.yaml"], "fazhi: error: nowhere.yaml: config file not found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    res = check(SEED, *args)
    assert res.exit_code == 2
    assert res.stderr.strip() == message
    assert res.stdout == ""


def test_unreadable_file_is_reported_and_others_still_checked(tmp_path):
    res = check(tmp_path / "missing.txt", SEED, "--require", HAS)
    assert res.exit_code == 2
    assert res.stderr.strip() == f"fazhi: error: {tmp_path / 'missing.txt'}: no such file"
    assert f"{SEED}: PASS" in res.stdout
    assert "1 could not be read" in res.stdout


def test_output_file(tmp_path):
    out = tmp_path / "out" / "check.json"
    out.parent.mkdir()
    res = check(SEED, "--require", HAS, "--format", "json", "-o", out)
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["passed"] is True


# --- config and waivers -------------------------------------------------------------------


def test_config_in_a_parent_directory_sets_the_gates(tmp_path, monkeypatch):
    write(tmp_path / ".fazhi.yaml", "min_score: 90\n")
    sub = tmp_path / "reports" / "2024"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    res = check(SEED)
    score = _seed_score()
    assert res.exit_code == 1 and f"[FAILED] min-score: score {score:.1f} < 90" in res.stdout
    res = check(SEED, "--min-score", "60")  # the option replaces the key
    assert res.exit_code == 0 and f"score {score:.1f} ≥ 60" in res.stdout


def test_config_unknown_key_names_file_line_and_allowed(tmp_path):
    write(tmp_path / ".fazhi.yaml", "edition: 2021\nmin_scor: 60\n")
    res = check(SEED)
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        f"fazhi: error: {tmp_path / '.fazhi.yaml'}:2: invalid config: unknown key 'min_scor' "
        "(allowed: edition, fail_on, min_score, require, rules, scoring, waivers)"
    )


def test_config_unknown_require_id_names_file_and_line(tmp_path):
    write(tmp_path / ".fazhi.yaml", "require:\n  - core\n  - leadership.nope\n")
    res = check(SEED)
    assert res.exit_code == 2
    assert res.stderr.strip() == f"fazhi: error: {tmp_path / '.fazhi.yaml'}:2: unknown rule id 'leadership.nope' (see `fazhi rules list`)"


WAIVER = """require: core
waivers:
  - rule: leadership.first_responsible
    justification: 主要负责人履职情况在单独报告中说明
    expires: {expires}
"""


def test_valid_waiver_passes_and_is_shown_as_waived_in_every_format(tmp_path):
    write(tmp_path / ".fazhi.yaml", WAIVER.format(expires="2999-12-31"))
    res = check(SEED)
    assert res.exit_code == 0, res.output
    assert "~ waived  leadership.first_responsible" in res.stdout
    assert "waiver until 2999-12-31: 主要负责人履职情况在单独报告中说明" in res.stdout
    finding = json.loads(check(SEED, "--format", "json").stdout)["files"][0]["gates"][0]["findings"][0]
    assert finding["id"] == "leadership.first_responsible" and finding["failing"] is False
    assert finding["waiver"]["justification"] == "主要负责人履职情况在单独报告中说明"
    sarif = json.loads(check(SEED, "--format", "sarif").stdout)
    waived = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["leadership.first_responsible"]
    assert waived[0]["level"] == "note"
    assert waived[0]["suppressions"][0]["kind"] == "external"
    assert "主要负责人履职情况在单独报告中说明" in waived[0]["suppressions"][0]["justification"]
    suite = ET.fromstring(check(SEED, "--format", "junit").stdout).find("testsuite")
    case = next(c for c in suite.iter("testcase") if c.get("name").startswith("leadership.first_responsible "))
    assert "主要负责人履职情况在单独报告中说明" in case.find("skipped").get("message")
    assert "::notice " in check(SEED, "--format", "github").stdout


@pytest.mark.parametrize(
    "waiver, message",
    [
        ("  - rule: leadership.first_responsible\n    justification: 另行报告\n    expires: 2001-01-31\n",
         ":5: waiver for 'leadership.first_responsible' expired on 2001-01-31: renew it with a new date and justification, or remove it"),
        ("  - rule: leadership.first_responsible\n    expires: 2999-12-31\n",
         ":3: invalid config: waivers.0: 'justification' is required"),
        ("  - rule: leadership.first_responsible\n    justification: 另行报告\n    expires: 2999-02-30\n",
         ":5: waiver for 'leadership.first_responsible': expires '2999-02-30' is not a date (YYYY-MM-DD)"),
        ("  - rule: leadership.first_responsible\n    justification: 另行报告\n    expires: next year\n",
         ":5: invalid config: waivers.0.expires: "),
        ("  - rule: leadership.first_resp\n    justification: 另行报告\n    expires: 2999-12-31\n",
         ":3: waiver for unknown rule id 'leadership.first_resp' (see `fazhi rules list`)"),
    ],
    ids=["expired", "no-justification", "impossible-date", "not-a-date", "unknown-rule"],
)
def test_bad_waivers_exit_2(tmp_path, waiver, message):
    write(tmp_path / ".fazhi.yaml", "require: core\nwaivers:\n" + waiver)
    res = check(SEED)
    assert res.exit_code == 2
    assert res.stderr.strip().startswith(f"fazhi: error: {tmp_path / '.fazhi.yaml'}{message}")
    assert len(res.stderr.strip().splitlines()) == 1


def test_config_rules_dir_is_relative_to_the_config_file(tmp_path, monkeypatch):
    rule = """rules:
  - id: local.hotline
    kind: element
    title: 12345热线
    area: local
    weight: 1
    level: recommended
    editions: [2015, 2021]
    source: 本地要求
    suggestion: 写明12345热线办理件数。
    match: {terms: [行政执法三项制度]}
    examples: {positive: [{text: 全面落实行政执法三项制度。, status: asserted}]}
"""
    write(tmp_path / "project" / "local-rules" / "local.yaml", rule)
    write(tmp_path / "project" / ".fazhi.yaml", "rules: [local-rules]\nrequire: [local.hotline]\n")
    monkeypatch.chdir(tmp_path / "project")
    res = check(SEED)
    assert res.exit_code == 0, res.output
    assert "[ok] require: 1 of 1 requirements met" in res.stdout


# --- baseline --------------------------------------------------------------------------


def test_baseline_regression_lists_changes_and_fails(tmp_path, baseline_json):
    text = SEED.read_text(encoding="utf-8")
    draft = write(tmp_path / "draft.txt", "\n".join(line for line in text.split("\n") if "双随机" not in line))
    res = check(draft, "--baseline", baseline_json)
    assert res.exit_code == 1, res.output
    assert "[FAILED] baseline:" in res.stdout
    assert ("✗ enforcement.random_inspection 双随机、一公开: substantiated in the baseline, absent now "
            "(was met, is no longer met)") in res.stdout
    assert "enforcement.random_inspection: substantiated → absent  [regression]" in res.stdout
    data = json.loads(check(draft, "--baseline", baseline_json, "--format", "json").stdout)
    jsonschema.validate(data, CHECK_SCHEMA)
    changes = {c["id"]: c for c in data["files"][0]["changes"]}
    assert changes["enforcement.random_inspection"] == {
        "id": "enforcement.random_inspection", "before": "substantiated", "after": "absent", "regression": True, "waived": False}
    assert all(c["before"] != c["after"] for c in changes.values())


def test_baseline_same_report_passes_with_copied_evidence_warning(baseline_json):
    res = check(SEED, "--baseline", baseline_json)
    assert res.exit_code == 0, res.output  # warnings never fail the gate
    assert "[ok] baseline:" in res.stdout
    assert "warning: evidence copied from last year's report" in res.stdout
    assert "集中研究法治议题6次,及时研究解决依法行政工作中存在的问题。" in res.stdout
    assert "“一、工作落实情况”" not in res.stdout  # headings recur every year: not a warning
    copied = json.loads(check(SEED, "--baseline", baseline_json, "--format", "json").stdout)["files"][0]["copied_evidence"]
    text = SEED.read_text(encoding="utf-8")
    assert copied and all(text[c["location"]["start"]:c["location"]["end"]] == c["location"]["text"] for c in copied)
    assert all(len(re.sub(r"\s", "", c["location"]["text"])) >= 15 for c in copied)
    warnings = [line for line in check(SEED, "--baseline", baseline_json, "--format", "github").stdout.splitlines()
                if line.startswith("::warning ")]
    assert len(warnings) == len(copied)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", ":1: baseline is not valid JSON (Expecting property name enclosed in double quotes)"),
        ('{"schema": "other/1"}', ": not a fazhi.report/1 result ("),
        ("[]", ": baseline holds no report"),
    ],
)
def test_bad_baseline_exit_2(tmp_path, content, message):
    bad = write(tmp_path / "bad.json", content)
    res = check(SEED, "--baseline", bad)
    assert res.exit_code == 2
    assert res.stderr.startswith(f"fazhi: error: {bad}{message}")
    assert len(res.stderr.strip().splitlines()) == 1


# --- formats ---------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(tmp_path, thin, baseline_json, ruleset):
    write(tmp_path / ".fazhi.yaml", WAIVER.format(expires="2999-12-31"))
    res = check(SEED, thin, tmp_path / "missing.txt", "--baseline", baseline_json, "--format", "sarif", "--min-score", "80")
    assert res.exit_code == 2  # the missing file
    sarif = json.loads(res.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[:-len(_GATE_RULES)]] == [r.id for r in ruleset.rules]
    assert rules[0]["help"]["text"] == ruleset.rules[0].suggestion
    levels = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r["level"] for r in run["results"]}
    assert levels[("gate.min_score", SEED.as_uri())] == "error"  # outside the working directory: a file URI
    assert levels[("enforcement.publicity", "thin.txt")] == "error"  # inside it: relative
    assert any(r["ruleId"] == "gate.copied_evidence" and r["level"] == "warning" for r in run["results"])
    assert any(r["level"] == "warning" and r["ruleId"] == "leadership.accountability" for r in run["results"])
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert notes[0]["message"]["text"].endswith("missing.txt: no such file")
    text = SEED.read_text(encoding="utf-8")
    for r in run["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        if "charOffset" in region:
            source = text if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(SEED.name) else THIN_DRAFT
            start = region["charOffset"]
            assert source[start:start + region["charLength"]] == region["snippet"]["text"]
            assert region["startLine"] == source.count("\n", 0, start) + 1
        else:
            assert region == {"startLine": 1}


def test_junit_one_testcase_per_requirement(tmp_path, thin, ruleset):
    res = check(SEED, thin, tmp_path / "missing.txt", "--require", "core", "--min-score", "60", "--format", "junit")
    assert res.exit_code == 2
    root = ET.fromstring(res.stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(SEED), str(thin), str(tmp_path / "missing.txt")]
    ids = [r.id for r in ruleset.rules]
    for suite in suites[:2]:
        cases = [c for c in suite.findall("testcase") if not c.get("name").startswith("gate ")]
        gates = [c.get("name") for c in suite.findall("testcase") if c.get("name").startswith("gate ")]
        assert [c.get("name").split(" ")[0] for c in cases] == ids
        assert "gate min-score" in gates and set(gates) <= {"gate min-score", "gate whole-report"}
        assert int(suite.get("tests")) == len(suite.findall("testcase")) == len(ids) + len(gates)
        assert int(suite.get("failures")) == sum(1 for c in suite.findall("testcase") if c.find("failure") is not None)
    seed_fail = [c.get("name").split(" ")[0] for c in suites[0].findall("testcase") if c.find("failure") is not None]
    assert seed_fail == ["leadership.first_responsible"]
    thin_fail = {c.get("name").split(" ")[0] for c in suites[1].findall("testcase") if c.find("failure") is not None}
    assert {"gate", "enforcement.publicity", "legal_adviser.use"} <= thin_fail
    error = suites[2].find("testcase/error")
    assert error is not None and error.get("message").endswith("no such file")
    assert root.get("errors") == "1"


GITHUB_COMMAND = re.compile(r"^::(error|warning|notice)( [a-zA-Z]+=[^,:\r\n]*(,[a-zA-Z]+=[^,:\r\n]*)*)?::[^\r\n]*$")


def test_github_workflow_commands(thin, tmp_path):
    res = check(SEED, thin, tmp_path / "missing.txt", "--require", "core", "--format", "github")
    assert res.exit_code == 2
    lines = res.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(GITHUB_COMMAND.match(line) for line in commands)
    assert all(line.startswith("fazhi check: ") for line in lines if not line.startswith("::"))
    assert (f"::error file={SEED},line=71,title=fazhi require%3A leadership.first_responsible::"
            "主要负责人履行推进法治建设第一责任人职责: planned, must be met. 建议：") in res.stdout
    assert f"::error file={thin},line=1,title=fazhi require%3A enforcement.publicity::" in res.stdout
    assert any(line.startswith(f"::error file={tmp_path / 'missing.txt'},title=") for line in commands)


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_json_follows_its_schema(thin):
    res = check(SEED, thin, "--require", "core", "--fail-on", "absent", "--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    jsonschema.validate(data, CHECK_SCHEMA)
    assert [f["file"] for f in data["files"]] == [str(SEED), str(thin)]
    assert data["gates"]["active"] == ["require", "fail-on"] and data["passed"] is False


# --- shipped CI files -----------------------------------------------------------------------


def test_pre_commit_hook_entry_on_failing_and_passing_drafts(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "fazhi-check")
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("reports/2024/draft.docx") and files.search("reports/draft.txt")
    assert not files.search("src/draft.txt") and not files.search("reports/notes.md")
    write(tmp_path / ".fazhi.yaml", f"require: [{HAS}]\n")
    failing = write(tmp_path / "reports" / "thin.txt", THIN_DRAFT)
    passing = write(tmp_path / "reports" / "good.txt", SEED.read_text(encoding="utf-8"))
    bin_dir = ROOT / ".venv" / "bin"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    entry = shlex.split(hook["entry"])
    for path, expected in ((failing, 1), (passing, 0)):
        rel = str(path.relative_to(tmp_path))
        assert files.search(rel)
        proc = subprocess.run([*entry, *hook.get("args", []), rel], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == expected, proc.stdout + proc.stderr
        assert f"{rel}: {'PASS' if expected == 0 else 'FAIL'}" in proc.stdout


def test_ci_examples_run_fazhi_check():
    gh = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = gh["jobs"]["check"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "fazhi check --format github" in runs and "--format sarif" in runs
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    gl = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gl["fazhi-check"]
    assert any("fazhi check --format junit -o fazhi-junit.xml" in line for line in job["script"])
    assert job["artifacts"]["reports"]["junit"] == "fazhi-junit.xml"
