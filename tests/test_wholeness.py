"""Is this file one whole annual report? (issue 12) Said in every output, failed by check."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.models import Document
from scorer.pipeline import score_document, score_file

from conftest import SEEDS as SEED_DIR

SEEDS = sorted(SEED_DIR.glob("*.txt"))

runner = CliRunner()
WORK_POINTS = """市科技局2024年法治政府建设工作要点

为深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，现就2024年法治政府建设工作提出如下要点。
一、加强党对法治政府建设的领导。局主要负责人履行推进法治建设第一责任人职责，年内专题研究法治政府建设工作不少于2次。
二、全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，规范行政执法行为。
三、健全行政规范性文件合法性审核机制，落实备案审查制度，按要求开展规范性文件清理。
四、发挥法律顾问、公职律师作用，重大行政决策、重大合同事前进行合法性审查。
五、落实“谁执法谁普法”普法责任制，组织开展“12·4”国家宪法日等主题宣传活动。
六、主动接受人大监督、政协民主监督和社会监督，依法办理行政复议、行政应诉案件。
"""


def _score_text(ruleset, text: str, path: str = "t.txt"):
    return score_document(Document(path=path, text=text, keep=((0, len(text)),), source_format="txt"), ruleset)


def test_whole_seeds_are_not_flagged_and_the_reposted_one_is(ruleset):
    flagged = {p.name: score_file(p, ruleset).not_whole for p in SEEDS}
    assert [name for name, why in flagged.items() if why] == ["000_37099fbd818ace80.txt"]  # the 转载 copy
    assert "转载" in flagged["000_37099fbd818ace80.txt"][0]


@pytest.mark.parametrize("text, sign", [
    ("hello world\n", "正文只有"),
    (WORK_POINTS, "另一类文件"),
])
def test_what_is_not_a_report_says_why(ruleset, text, sign):
    why = _score_text(ruleset, text).not_whole
    assert any(sign in reason for reason in why), why


def test_a_cut_off_copy_and_two_reports_in_one_file(ruleset):
    body = SEEDS[3].read_text(encoding="utf-8")
    cut = body[: len(body) // 2].rstrip("。\n") + "，持续推进"
    assert any("句中结束" in r for r in _score_text(ruleset, cut).not_whole)
    two = body + "\n" + body.replace("2020年", "2021年")
    assert any("不同年度" in r for r in _score_text(ruleset, two).not_whole)


def test_check_fails_a_file_that_is_not_a_whole_report(tmp_path):
    draft = tmp_path / "要点.txt"
    draft.write_text(WORK_POINTS, encoding="utf-8")
    res = runner.invoke(app, ["check", str(draft), "--min-score", "0"])
    assert res.exit_code == 1
    assert "whole-report" in res.stdout and "另一类文件" in res.stdout
    whole = runner.invoke(app, ["check", str(SEEDS[1]), "--min-score", "0"])
    assert whole.exit_code == 0 and "whole-report" not in whole.stdout


def test_the_json_report_carries_it():
    res = runner.invoke(app, ["score", str(SEEDS[0]), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["whole_report"] is False and "转载" in data["not_whole"][0]
