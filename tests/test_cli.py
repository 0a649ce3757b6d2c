"""The `fazhi` command as a user runs it: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.render.json_report import REPORT_SCHEMA

from conftest import GOLD, SEEDS

runner = CliRunner()
SEED = SEEDS / "002_270951ed5cca0aaf.txt"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_score_text_table():
    res = run("score", SEED)
    assert res.exit_code == 0, res.output
    assert "行政执法公示制度" in res.output and "有据落实" in res.output  # Chinese titles and statuses
    assert "得分" in res.output and "等级" in res.output
    assert "主要负责人履行推进法治建设第一责任人职责【仅列计划】" in res.output  # the gap list names the trap


def test_score_json_follows_the_schema():
    res = run("score", SEED, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert data["year"] == 2024 and data["edition"] == 2021 and data["date"] == "2025-03-06"
    ids = [r["id"] for r in data["results"]]
    assert len(ids) == len(set(ids)) >= 33
    publicity = next(r for r in data["results"] if r["id"] == "enforcement.publicity")
    ev = publicity["evidence"][0]
    text = SEED.read_text(encoding="utf-8")
    assert text[ev["start"]:ev["end"]] == ev["text"]  # offsets into the original file


def test_edition_override_and_bad_edition():
    res = run("score", SEED, "--format", "json", "--edition", "2015")
    assert json.loads(res.output)["edition"] == 2015
    res = run("score", SEED, "--edition", "2019")
    assert res.exit_code == 2
    assert "--edition: 2019 is not an Outline edition" in res.output


def test_stated_issuer_and_year_and_bad_ones(tmp_path):
    res = run("score", SEED, "--format", "json", "--year", "2021", "--issuer", " 某市  司法局 ")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["year"], out["edition"], out["issuer"]) == (2021, 2021, "某市 司法局")
    assert json.loads(run("score", SEED, "--format", "json").output)["year"] != 2021  # (the seed is another year)
    memo = tmp_path / "m.md"
    assert run("memo", SEED, "--issuer", "某市司法局", "-o", memo).exit_code == 0
    assert "某市司法局" in memo.read_text(encoding="utf-8")
    for args, message in ((("--year", "1990"), "--year: 1990 is not a report year (use 2000–2100)"),
                          (("--issuer", "  "), "--issuer: empty"),
                          (("--issuer", "局" * 101), "--issuer: 101 characters, over 100")):
        for command in ("score", "report", "memo", "check"):
            res = run(command, SEED, *args)
            assert res.exit_code == 2 and message in res.output, (command, args, res.output)


def _bad_input(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "missing":
        return path
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "whitespace":
        path.write_text(" \n\t\u3000\n", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "undecodable":
        path.write_bytes(b"\x81\xff\xfe\x80\xc3\x28\xa0\xa1" * 300)
    elif kind == "huge":
        with path.open("wb") as f:
            f.write(("法治政府建设。" * 1000 + "\n").encode() * 1000)  # ~21 MB
    return path


@pytest.mark.parametrize(
    "kind, message",
    [
        ("missing", "no such file"),
        ("directory", "is a directory"),
        ("empty", "empty"),
        ("whitespace", "empty"),
        ("binary", "binary"),
        ("undecodable", "decode"),
        ("huge", "limit"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, kind, message):
    path = _bad_input(tmp_path, kind)
    proc = subprocess.run(
        [sys.executable, "-m", "scorer", "score", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"fazhi: error: {path}: ")
    assert message in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_one_bad_file_does_not_lose_the_others(tmp_path):
    bad = _bad_input(tmp_path, "empty")
    res = run("score", bad, SEED, "--format", "json")
    assert res.exit_code == 2
    assert f"{bad}: " in res.output
    assert '"enforcement.publicity"' in res.output


def test_malformed_rules_dir_is_an_error(tmp_path):
    d = tmp_path / "myrules"
    d.mkdir()
    (d / "bad.yaml").write_text("rules:\n  - id: a.b\n    kind: element\n    colour: red\n", encoding="utf-8")
    for args in (("score", SEED, "--rules", d), ("rules", "validate", d)):
        res = run(*args)
        assert res.exit_code == 2
        assert "bad.yaml:" in res.output and "unknown key 'colour'" in res.output and "rule 'a.b'" in res.output
    res = run("score", SEED, "--rules", tmp_path / "nowhere")
    assert res.exit_code == 2 and "rules directory not found" in res.output


def test_rules_list_show_validate():
    res = run("rules", "list")
    assert res.exit_code == 0 and "enforcement.legal_review" in res.output and "33 rules" in res.output
    res = run("rules", "show", "legal_adviser.use")
    assert res.exit_code == 0
    assert "法律顾问意见" in res.output and "+ [substantiated]" in res.output and "≠" not in res.output
    # examples judged as in a whole report (a detail another rule's clause shares: 先后8次主持召开…)
    res = run("rules", "show", "leadership.first_responsible")
    assert res.exit_code == 0 and "detail from: leadership.party_deployment" in res.output and "≠" not in res.output
    assert "heading acts: ^" in res.output  # each rule key it uses is shown
    assert "after a clause opening " in res.output  # …a detail_from subject included
    law_study = run("rules", "show", "leadership.law_study").output
    assert "continued by:" in law_study and "heading scope: act" in law_study
    res = run("rules", "show", "no.such")
    assert res.exit_code == 2 and "no such rule" in res.output
    res = run("rules", "validate")
    assert res.exit_code == 0 and "rules valid" in res.output


@pytest.mark.skipif(not GOLD.exists(), reason="gold labels not beside the checkout")
def test_eval_meets_the_floor_and_beats_the_keyword_baseline():
    res = run("eval", GOLD, "--texts", SEEDS)
    assert res.exit_code == 0, res.output
    table = res.output.split("\n\n")[0].splitlines()[1:]
    rows = {line[:24].strip(): line[24:].split() for line in table}
    f1, acc = float(rows["fazhi"][2]), float(rows["fazhi"][3])
    base_f1, base_acc = float(rows["keyword baseline"][2]), float(rows["keyword baseline"][3])
    assert f1 >= 0.95 and acc >= 0.85
    assert f1 > base_f1 and acc > base_acc + 0.2
    assert "structure.shortcomings" in res.output  # the per-rule table


def test_eval_bad_gold_file(tmp_path):
    bad = tmp_path / "gold.yaml"
    bad.write_text("just: text\n", encoding="utf-8")
    res = run("eval", bad, "--texts", SEEDS)
    assert res.exit_code == 2 and "gold labels must be" in res.output


HOLDOUT = SEEDS.parent / "tests" / "data" / "holdout"


@pytest.mark.parametrize("folder", ["holdout", "holdout2", "holdout3", "holdout4"])
def test_eval_on_the_reports_written_from_the_catalogue_alone(folder):
    # Four sets (8, 8, 10 and 6 reports), written and labelled from the catalogue by
    # annotators who had not read the rules. Their first runs (F1 0.990, 0.920, 0.988, 1.000)
    # exposed rule and segmentation errors, since fixed in general form; they stay as
    # regression sets of other departments, years and layouts than the seeds'.
    data = HOLDOUT.parent / folder
    res = run("eval", data / "labels.yaml", "--texts", data, "--no-per-rule")
    assert res.exit_code == 0, res.output
    fazhi_row = next(line for line in res.output.splitlines() if line.startswith("fazhi "))
    f1, acc = (float(x) for x in fazhi_row.split()[3:5])
    assert f1 >= 0.98 and acc >= 0.95


def test_eval_counts_an_unreadable_labelled_report_as_absent(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_bytes(SEED.read_bytes())
    (texts / "b.txt").write_bytes(b"")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "reports:\n"
        "  - {file: a.txt, labels: {enforcement.publicity: substantiated}}\n"
        "  - {file: b.txt, labels: {enforcement.publicity: asserted}}\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "scorer", "eval", str(gold), "--texts", str(texts), "--no-per-rule"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "b.txt: file is empty (its labels count as predicted absent)" in proc.stderr
    fazhi_row = next(line for line in proc.stdout.splitlines() if line.startswith("fazhi "))
    assert fazhi_row.split()[3] == "0.667"  # F1: one hit, one miss


def _display_width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("env, escapes", [({"NO_COLOR": "1"}, False), ({"FORCE_COLOR": "1"}, True), ({}, False)])
def test_colour_follows_no_color_and_force_color(env, escapes):
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", str(SEED)], capture_output=True, text=True,
                          env={**base, **env}, timeout=60)
    assert proc.returncode == 0 and ("\x1b[" in proc.stdout) is escapes


@pytest.mark.parametrize("columns", ["80", "50"])
def test_the_table_fits_the_terminal_width(columns):
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", str(SEED)], capture_output=True, text=True,
                          env={**base, "COLUMNS": columns}, timeout=60)
    lines = proc.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("要求"))
    end = next(i for i, line in enumerate(lines) if line.startswith("得分 "))
    table = lines[start:end]  # a pipe gets the plain table: header, rule, one line per requirement
    assert len(table) > 20 and max(map(_display_width, table)) <= int(columns)
    assert "┃" not in proc.stdout and "│" not in proc.stdout


def _cli(*args: str, env: dict | None = None, pre: str = "") -> subprocess.CompletedProcess:
    """The real entry point (scorer.cli.main), as the installed `fazhi` runs it."""
    code = f"import sys\n{pre}\nfrom scorer.cli import main\nsys.argv[0] = 'fazhi'\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_version_and_short_help():
    version = _cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("fazhi ")
    helped = _cli("score", "-h")
    assert helped.returncode == 0 and "--format" in helped.stdout


@pytest.mark.parametrize("args, message", [
    (["score", "--bogus", "x"], "fazhi: error: No such option: --bogus (see 'fazhi score --help')"),
    (["nosuch"], "fazhi: error: No such command 'nosuch'. (see 'fazhi --help')"),
])
def test_usage_errors_are_one_line_in_fazhis_style(args, message):
    proc = _cli(*args)
    assert proc.returncode == 2 and proc.stderr.splitlines() == [message]


def test_the_cli_starts_without_fcntl():
    # Windows has no fcntl: nothing fazhi loads at start-up may import it.
    hide = "sys.modules['fcntl'] = None"
    assert _cli("--version", pre=hide).returncode == 0
    scored = _cli("score", str(SEED), "--format", "json", pre=hide)
    assert scored.returncode == 0, scored.stderr


def test_batch_locks_its_output_without_fcntl(tmp_path):
    hide = "sys.modules['fcntl'] = None"
    proc = _cli("batch", str(SEED), "-o", str(tmp_path / "out"), "--no-memo", "-q", "--file-timeout", "0", pre=hide)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_report_and_memo_write_beside_the_input_without_o(tmp_path):
    copy = tmp_path / "年度报告.txt"
    copy.write_bytes(SEED.read_bytes())
    assert run("report", copy).exit_code == 0 and (tmp_path / "年度报告_核查报告.html").is_file()
    assert run("memo", copy).exit_code == 0 and (tmp_path / "年度报告_审查意见.docx").is_file()
