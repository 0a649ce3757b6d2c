"""Hostile and unlucky config, rules and baselines (issue 11, items 1–3 and 8).

Whatever a `.fazhi.yaml`, a `--rules` directory or a `--baseline` holds — a FIFO, an
alias bomb, 10,000 levels of nesting, a 100,000-digit number, a catastrophic regex, a
date that does not exist — fazhi answers at once with one `fazhi: error:` line and exit
2, or scores. What could hang or eat memory (FIFOs, alias bombs, catastrophic regexes)
runs the CLI in a subprocess with a timeout; the rest runs in this process.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.config import ConfigError, load_config
from scorer.errors import RuleError
from scorer.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_72591554edec4da5.txt"
TIMEOUT = 60  # seconds; every case here answers in one or two
TODAY = dt.date(2025, 3, 1)


@pytest.fixture(autouse=True)
def _away_from_any_config(tmp_path, monkeypatch):
    """Every test runs in its own directory, so only its own .fazhi.yaml is found."""
    monkeypatch.chdir(tmp_path)


def fazhi(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI in a fresh process; a hang fails the test through the timeout."""
    return subprocess.run([sys.executable, "-m", "scorer", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)


def cli(*args) -> subprocess.CompletedProcess:
    """The CLI in this process, for cases that fail fast when they fail (a traceback, not a hang)."""
    res = CliRunner().invoke(app, [str(a) for a in args])
    return subprocess.CompletedProcess(args, res.exit_code, res.stdout, res.stderr)


def assert_one_error(proc: subprocess.CompletedProcess, *fragments: str) -> str:
    assert proc.returncode == 2, proc.stderr[-2000:]
    line = proc.stderr
    assert line.startswith("fazhi: error: ") and line.count("\n") == 1, line[:2000]
    assert len(line) < 600, f"{len(line)} characters: {line[:300]}"
    for fragment in fragments:
        assert fragment in line, line
    return line


def rule_yaml(match: str = "terms: [本地要求]", extra: str = "", rule_id: str = "local.extra") -> str:
    return f"""rules:
  - id: {rule_id}
    kind: element
    title: 本地补充要求
    area: local
    weight: 2
    level: recommended
    editions: [2015, 2021]
    source: 本地规定
    suggestion: 写明本地要求。{extra}
    match:
      {match}
    examples:
      positive: [{{text: 全年落实本地要求3次。, status: substantiated}}]
      negative: [无关句子。]
"""


def deadline_yaml(due: str, warn_after: str = "03-15") -> str:
    return f"""rules:
  - id: local.deadline
    kind: deadline
    title: 本地报送时限
    area: local
    weight: 2
    level: recommended
    editions: [2015, 2021]
    source: 本地规定
    suggestion: 按时报送。
    due: "{due}"
    warn_after: "{warn_after}"
    examples:
      positive: [{{text: 2025年3月1日, status: met}}]
      negative: [无关句子。]
"""


def rules_dir(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    d = tmp_path / "local-rules"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A flow list whose last item stands for width**levels strings (9⁹ ≈ 387 million)."""
    items = ["&b0 [" + ", ".join(["lol"] * width) + "]"]
    items += [f"&b{i} [" + ", ".join([f"*b{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "[" + ", ".join(items) + f", *b{levels - 1}]"


# -- 1. regular files only ---------------------------------------------------------------


def test_fifo_as_config_is_one_error_not_a_hang(tmp_path):
    fifo = tmp_path / "cfg.yaml"
    os.mkfifo(fifo)
    assert_one_error(fazhi("score", SEED, "--config", fifo, cwd=tmp_path), f"{fifo}: not a regular file")


def test_fifo_named_dot_fazhi_yaml_is_reported_not_skipped(tmp_path):
    os.mkfifo(tmp_path / ".fazhi.yaml")
    assert_one_error(fazhi("score", SEED, cwd=tmp_path), ".fazhi.yaml: not a regular file")


def test_fifo_as_baseline_is_one_error_not_a_hang(tmp_path):
    fifo = tmp_path / "last.json"
    os.mkfifo(fifo)
    assert_one_error(fazhi("check", SEED, "--baseline", fifo, cwd=tmp_path), f"{fifo}: not a regular file")


@pytest.mark.parametrize("command", [["score", SEED, "--rules"], ["rules", "validate"]])
def test_fifo_in_rules_dir_is_one_error_not_a_hang(tmp_path, command):
    d = rules_dir(tmp_path, rule_yaml(), name="a.yaml")
    os.mkfifo(d / "b.yaml")
    assert_one_error(fazhi(*command, d, cwd=tmp_path), f"{d / 'b.yaml'}: not a regular file")


# -- 2. YAML bombs, depth, numbers -------------------------------------------------------


@pytest.mark.parametrize("config", [
    "require: {bomb}\n",
    "fail_on: {bomb}\n",
    "rules: {bomb}\n",
    "waivers: {bomb}\n",
    "scoring:\n  grades: {bomb}\n",
])
def test_alias_bomb_in_config_is_refused_before_it_expands(tmp_path, config):
    (tmp_path / ".fazhi.yaml").write_text(config.format(bomb=alias_bomb()), encoding="utf-8")
    started = time.monotonic()
    assert_one_error(fazhi("check", SEED, cwd=tmp_path), ".fazhi.yaml:", "invalid YAML: more than", "aliases repeat")
    assert time.monotonic() - started < 20


def test_alias_bomb_in_rule_terms_is_refused(tmp_path):
    d = rules_dir(tmp_path, rule_yaml(match=f"terms: {alias_bomb()}"))
    assert_one_error(fazhi("rules", "validate", d, cwd=tmp_path), "x.yaml:", "invalid YAML: more than")


def test_alias_inside_its_own_anchor_is_refused(tmp_path):
    path = tmp_path / ".fazhi.yaml"
    path.write_text("require: &r [core, *r]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.fazhi\.yaml:1: invalid YAML: alias \*r refers to a node that contains it"):
        load_config(path, today=TODAY)


@pytest.mark.parametrize("text", [
    "require: " + "[" * 10_000 + "]" * 10_000 + "\n",  # flow style
    "require:\n" + "- " * 10_000 + "core\n",  # block style, compact
    "scoring:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1_000)),  # mappings, one space a level
])
def test_deep_nesting_in_config_is_one_error(tmp_path, text):
    (tmp_path / ".fazhi.yaml").write_text(text, encoding="utf-8")
    assert_one_error(cli("check", SEED), ".fazhi.yaml:", "invalid YAML:")


@pytest.mark.parametrize("text", ["min_score: " + "1" * 100_000 + "\n", "edition: " + "2" * 100_000 + "\n"])
def test_huge_number_in_config_is_one_error(tmp_path, text):
    (tmp_path / ".fazhi.yaml").write_text(text, encoding="utf-8")
    assert_one_error(cli("check", SEED), ".fazhi.yaml:", "invalid YAML: a number of")


@pytest.mark.parametrize("text", ["min_score: .nan\n", "scoring:\n  credit:\n    asserted: .NaN\n"])
def test_nan_in_config_is_refused(tmp_path, text):
    path = tmp_path / ".fazhi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="not a number"):
        load_config(path, today=TODAY)


def test_huge_value_is_never_echoed_in_full(tmp_path):
    (tmp_path / ".fazhi.yaml").write_text("fail_on: [" + "x" * 100_000 + "]\n", encoding="utf-8")
    assert_one_error(cli("check", SEED), ".fazhi.yaml:1: invalid config: fail_on.0: 'xxxx",
                     "(100,000 characters) is not allowed")
    d = rules_dir(tmp_path, rule_yaml().replace("level: recommended", "level: " + "v" * 100_000))
    with pytest.raises(RuleError) as err:
        load_rules([d])
    assert "(100,000 characters) is not allowed (allowed: core, required, recommended)" in str(err.value)
    assert len(str(err.value)) < 400


@pytest.mark.parametrize("text, problem", [
    ("[" * 10_000 + "]" * 10_000, "nested more than"),
    ('{"file": ' + "1" * 100_000 + "}", "a number of 100,000 digits"),
    ('{"score": NaN}', "NaN is not a JSON number"),
])
def test_hostile_json_baseline_is_one_error(tmp_path, text, problem):
    (tmp_path / "last.json").write_text(text, encoding="utf-8")
    assert_one_error(cli("check", SEED, "--baseline", "last.json"), "last.json: ", problem)


# -- 3. catastrophic regexes in user rules -----------------------------------------------


def test_catastrophic_user_pattern_does_not_hang(tmp_path):
    d = rules_dir(tmp_path, rule_yaml(match="patterns: ['(a+)+$']"))
    assert fazhi("rules", "validate", d, cwd=tmp_path).returncode == 0
    report = tmp_path / "report.txt"
    report.write_text(SEED.read_text(encoding="utf-8") + "\n" + "a" * 50_000 + "!\n", encoding="utf-8")
    started = time.monotonic()
    proc = fazhi("score", report, "--rules", d, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("pattern, problem", [
    ("(?<=开展)执法检查", "invalid perl operator: (?<="),
    ("(执法)检查\\1", "invalid escape sequence: \\1"),
    ("依法\\w+", "\\w matches ASCII only in RE2"),
])
def test_validate_rejects_what_re2_cannot_run_naming_file_rule_and_pattern(tmp_path, pattern, problem):
    d = rules_dir(tmp_path, rule_yaml(match=f"patterns: [本地要求, '{pattern}']"))
    line = assert_one_error(cli("rules", "validate", d),
                            f"{d / 'x.yaml'}:12: invalid rule: rule 'local.extra': bad regular expression in 'patterns': "
                            f"{pattern!r} ({problem}", "RE2", "https://github.com/google/re2/wiki/Syntax")
    # scoring refuses the same rule, with the same line, before reading any report
    assert cli("score", SEED, "--rules", d).stderr == line


def test_user_rules_match_chinese_text_like_builtin_rules(ruleset, tmp_path):
    """RE2 and `re` find the same spans for every built-in pattern RE2 can run, on every seed,
    through the same interface matching uses (finditer, and search from a position)."""
    from scorer.linear_regex import PatternError, linear
    from scorer.textnorm import normalize, normalize_pattern

    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    compared = 0
    for rule in ruleset.rules:
        for pattern in rule.patterns + rule.exclude + tuple(p for g in rule.together for p in g):
            source = normalize_pattern(pattern)
            try:
                linear_pattern = linear(source)
            except PatternError:
                continue  # lookarounds: the built-in rules keep `re` for them
            python = re.compile(source)
            for text in texts:
                assert [m.span() for m in linear_pattern.finditer(text)] == [m.span() for m in python.finditer(text)], source
                for pos in range(0, len(text), 1999):
                    got, want = linear_pattern.search(text, pos), python.search(text, pos)
                    assert (got and (got.span(), got.group())) == (want and (want.span(), want.group())), (source, pos)
            compared += 1
    assert compared > 300


def test_user_rule_scores_a_report_on_re2(tmp_path):
    from scorer.match import UserRule, judge_text

    d = rules_dir(tmp_path, rule_yaml(match="patterns: ['(?:落实|执行)本地(要求|规定)']"))
    rule = load_rules([d]).get("local.extra")
    assert isinstance(rule, UserRule)
    assert judge_text(rule, "全年落实本地要求3次。") == "substantiated"
    assert judge_text(rule, "部分单位尚未落实本地要求。") == "deficient"
    assert not isinstance(load_rules().get("leadership.first_responsible"), UserRule)


def test_scanning_a_long_report_with_a_user_pattern_is_linear():
    """The scanner searches the whole report from each sentence on: RE2's own str interface
    re-encodes the text on every call, which made this quadratic."""
    from scorer.linear_regex import linear

    text = "。\n".join(f"第{i}条落实本地要求" for i in range(60_000))  # about 1 MB
    pattern = linear("落实本地要求")
    started = time.monotonic()
    pos, found = 0, 0
    while (m := pattern.search(text, pos)) is not None:
        found += 1
        pos = m.end()
    assert found == 60_000
    assert time.monotonic() - started < 10


# -- 8. what validate accepts, scoring runs ----------------------------------------------


@pytest.mark.parametrize("due, warn_after, key", [("13-45", "03-15", "due"), ("04-01", "02-30", "warn_after"),
                                                  ("02-29", "02-01", "due")])
def test_impossible_month_day_is_refused_by_validate_score_and_batch(tmp_path, due, warn_after, key):
    d = rules_dir(tmp_path, deadline_yaml(due, warn_after))
    line = assert_one_error(cli("rules", "validate", d),
                            f"{d / 'x.yaml'}:", "invalid rule: rule 'local.deadline': ", f"key {key!r}", "not a month-day")
    assert cli("score", SEED, "--rules", d).stderr == line
    if key == "due" and due == "13-45":
        corpus = tmp_path / "in"
        corpus.mkdir()
        (corpus / SEED.name).write_bytes(SEED.read_bytes())
        proc = fazhi("batch", corpus, "-o", tmp_path / "out", "--rules", d, "-j", "1", "-q", "--no-memo", cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr == line


@pytest.mark.parametrize("match", [
    "patterns: ['(?P<n>本地)要求', '(?P<n>落实)']",   # one group name in two patterns of one rule
    "patterns: ['落实本地要求', '(?i)abc']",           # a global flag, first in its pattern, not once joined
])
def test_patterns_that_break_when_joined_run_on_re2_for_user_rules(tmp_path, match):
    d = rules_dir(tmp_path, rule_yaml(match=match))
    assert cli("rules", "validate", d).returncode == 0
    proc = cli("score", SEED, "--rules", d)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr[-2000:]


@pytest.mark.parametrize("match, key, pattern, problem", [
    ("patterns: ['落实本地要求', '(?i)abc']", "patterns", "(?i)abc", "global flags not at the start"),
    ("patterns: ['(?P<n>本地)要求', '落实(?P<n>本地)']", "patterns", "落实(?P<n>本地)", "redefinition of group name"),
    ("exclude: ['(?P<n>a)(?P<n>b)']", "exclude", "(?P<n>a)(?P<n>b)", "redefinition of group name"),
])
def test_builtin_rules_are_compiled_by_validate_exactly_as_scoring_does(tmp_path, monkeypatch, match, key, pattern, problem):
    """The trusted rules run on `re`: `rules validate` compiles them joined, as scoring does."""
    import scorer.rules

    d = rules_dir(tmp_path, rule_yaml(match=match))
    monkeypatch.setattr(scorer.rules, "DEFAULT_RULES_DIR", d)
    with pytest.raises(RuleError) as err:
        load_rules(base=d, compile_all=True)
    message = str(err.value)
    assert message.startswith(f"{d / 'x.yaml'}:") and f"rule 'local.extra': bad regular expression in {key!r}: {pattern!r}" in message
    assert problem in message and "RE2" not in message


def test_builtin_rules_compile_as_scoring_compiles_them(ruleset):
    from scorer.match import UserRule, pattern_problem

    assert all(pattern_problem(r) is None and not isinstance(r, UserRule) for r in ruleset.rules)
