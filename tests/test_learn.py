"""The learned sentence model: reproducible training, faithful scoring, a small fast file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from scorer.learn.features import ngrams, scale
from scorer.learn.model import MODEL_FILE, from_dict, load_model
from typer.testing import CliRunner

from scorer.cli import app
from scorer.evaluate import load_gold
from scorer.learn.train import data_hash, fit, labelled_reports

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "tests" / "data" / "real" / "manifest.yaml"

# Small reports of our own: which sentence shows the legal adviser, which does not.
ADVISER = ["续聘两名律师担任常年法律顾问。", "法律顾问全年出具法律意见书十五份。", "公职律师参与合同审查30份。",
           "邀请律师事务所担任法律顾问。", "发挥法律顾问在重大决策中的作用。", "法律顾问列席局务会议4次。"]
OTHER = ["全年公开政府信息120条。", "组织干部职工开展植树活动。", "完成年度财政预算编制。",
         "开展安全生产大检查。", "召开党风廉政建设会议。", "推进项目建设。"]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _corpus(tmp_path: Path) -> tuple[list[dict], Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    gold = []
    for i in range(6):
        name = f"r{i}.txt"
        with_adviser = i % 2 == 0
        body = [f"某局202{i}年度法治政府建设情况报告", OTHER[i], OTHER[(i + 1) % 6]]
        if with_adviser:
            body.insert(1, ADVISER[i])
        (texts / name).write_text("\n".join(body) + "\n", encoding="utf-8")
        gold.append({"file": name, "fold": "dev",
                     "labels": {"legal_adviser.use": "asserted" if with_adviser else "absent"},
                     "evidence": {"legal_adviser.use": ADVISER[i]} if with_adviser else {}})
    return gold, texts


def test_training_reads_the_quoted_sentences_and_is_reproducible(tmp_path):
    gold, texts = _corpus(tmp_path)
    reports, unfound = labelled_reports(gold, texts)
    assert unfound == []
    assert [len(r.positives.get("legal_adviser.use", ())) for r in reports] == [1, 0, 1, 0, 1, 0]
    first = fit(reports, ["legal_adviser.use"])
    assert json.dumps(first, sort_keys=True) == json.dumps(fit(reports, ["legal_adviser.use"]), sort_keys=True)
    model = from_dict(first)
    p = model.probabilities
    # trained sentences are told apart, and so is an unseen paraphrase
    assert p("续聘两名律师担任常年法律顾问。")["legal_adviser.use"] > p("开展安全生产大检查。")["legal_adviser.use"]
    assert p("聘请法律顾问审查合同。")["legal_adviser.use"] > p("完成年度财政预算编制。")["legal_adviser.use"]


def test_a_quoted_phrase_is_found_as_its_traditional_or_pinyin_page_is_read(tmp_path):
    # A labeller quotes a traditional-character page as printed (強化…執法: none of the
    # characters that mark a text as traditional), and a mirror's pinyin with it; the
    # matcher's sentences are the folded text without the pinyin.
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "t.txt").write_text("某縣2023年度法治政府建設情況報告\n強化行政執法協調監督，開展執法檢查3次。\n"
                                 "法律顧問列席會議4次。\n", encoding="utf-8")
    gold = [{"file": "t.txt", "labels": {"enforcement.supervision": "substantiated", "legal_adviser.use": "substantiated"},
             "evidence": {"enforcement.supervision": "強化行政執法協調監督", "legal_adviser.use": "法律顧(gù)問列席"}}]
    (report,), unfound = labelled_reports(gold, texts)
    assert unfound == []
    assert set(report.positives) == {"enforcement.supervision", "legal_adviser.use"}


def test_model_scores_like_the_linear_model_it_stores():
    data = {"schema": "fazhi.model/1", "info": {},
            "rules": {"x.y": {"bias": -1.0, "threshold": 0.9, "veto": 0.0, "weights": {"法律": 2.0, "顾问": 1.0}}}}
    model = from_dict(data)
    sentence = "法律顾问"
    grams = ngrams(sentence)
    z = -1.0 + scale(grams) * (2.0 + 1.0)
    assert abs(model.probabilities(sentence)["x.y"] - 1 / (1 + 2.718281828459045 ** -z)) < 1e-9
    assert ngrams("办理12件") == ngrams("办理365件")  # digits folded


def test_learn_train_command_writes_the_same_file_twice(tmp_path):
    gold, texts = _corpus(tmp_path)
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump({"reports": gold}, allow_unicode=True), encoding="utf-8")
    outputs = []
    for name in ("a.json", "b.json"):
        res = run("learn", "train", manifest, "--texts", texts, "-o", tmp_path / name, "--folds", "2")
        assert res.exit_code == 0, res.output
        assert "rules alone" in res.output and "<- chosen" in res.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    info = json.loads(outputs[0])["info"]
    assert info["trained_on"] == data_hash(gold) and "cross_validation" in info


def test_the_shipped_model_is_small_and_names_its_training_data():
    # (its load time is measured by `make bench`, not asserted here: no timed tests)
    assert MODEL_FILE.stat().st_size <= 5 * 1024 * 1024
    load_model.cache_clear()
    model = load_model()
    gold = load_gold(MANIFEST)
    # trained on exactly the committed dev fold's labels of the batches it names: `fazhi learn train`
    # re-makes it. A batch collected after it may wait for the next retraining (which needs every dev
    # text), but only one: the model never lags the corpus further.
    newest = max(e.get("batch", 1) for e in gold)
    assert newest - 1 <= model.info["batches"] <= newest
    dev = [e for e in gold if e["fold"] == "dev" and e.get("batch", 1) <= model.info["batches"]]
    assert model.info["trained_on"] == data_hash(dev)
    assert model.info["cross_validation"]["rules alone"]["f1"] > 0
    assert len(model.rules) >= 20


def test_rules_show_explains_what_the_model_adds():
    res = run("rules", "show", "legal_adviser.use")
    assert res.exit_code == 0
    assert "learned model" in res.output and "threshold" in res.output


def _after_scoring_a_seed(options: str, shows: str) -> str:
    """What ``shows`` (a Python expression) prints in a fresh process that has scored a seed
    with ``MatchOptions(options)``: which modules scoring imported is a fresh process's."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from scorer.rules import load_rules\n"
        "from scorer.pipeline import score_file\n"
        "from scorer.match import MatchOptions\n"
        f"score_file({str(REPO / 'seeds' / '001_72591554edec4da5.txt')!r}, load_rules(), options=MatchOptions({options}))\n"
        f"print({shows})\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_scoring_needs_neither_jieba_nor_scikit_learn():
    # They are the optional `learn` extra: scoring, with or without the learned model, must
    # not import them (a default install leaves them out).
    shows = "sorted(m for m in ('jieba', 'sklearn', 'scipy') if m in sys.modules)"
    assert _after_scoring_a_seed("model=True", shows) == "[]"


def test_default_scoring_does_not_load_the_learned_model_module():
    # The model is off by default; its module is a few milliseconds of every cold start.
    assert _after_scoring_a_seed("", "'scorer.learn.model' in sys.modules") == "False"


def test_a_feature_of_the_learn_extra_says_how_to_get_it():
    import pytest

    from scorer.errors import FazhiError
    from scorer.learn import require_learn_extra

    with pytest.raises(FazhiError) as err:
        require_learn_extra("--similarity", "jieba", "no_such_module_for_fazhi")
    assert "no_such_module_for_fazhi" in str(err.value) and "fazhi[learn]" in str(err.value)
    require_learn_extra("--similarity", "json")  # present: no error
