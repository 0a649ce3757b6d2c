"""The real-text corpus manifest (tests/data/real): well-formed, reproducible folds, and
`fazhi eval`'s fold, in-play and human-ceiling figures. The texts themselves are not in the
repository; these tests need only the manifest and small texts of our own."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.evaluate import Counts, EvalReport, agreement, bootstrap, dev_half, error_kinds, same_issuer, select_fold, tally

REAL = Path(__file__).resolve().parent / "data" / "real"
spec = importlib.util.spec_from_file_location("corpus", REAL / "corpus.py")
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)


@functools.cache
def _committed_manifest() -> tuple[dict, ...]:
    # Read once per run: the manifest is 3.4 MB and a dozen tests below only read it.
    return tuple(corpus.load())


def committed_manifest() -> list[dict]:
    return list(_committed_manifest())


@functools.cache
def double(name: str) -> list[dict]:
    """One labelling of a doubly labelled set (tests/data/real/double/NAME.yaml), read once."""
    return corpus.read_yaml(REAL / "double" / f"{name}.yaml")["reports"]


def test_manifest_is_complete_and_unique():
    entries = committed_manifest()
    assert len(entries) >= 200
    assert all(not corpus.check_labels(e) for e in entries)
    for key in ("file", "url", "sha256"):
        assert len({e[key] for e in entries}) == len(entries), key
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["sha256"]) for e in entries)
    assert all(e["query"] and isinstance(e["rank"], int) and 2016 <= e["year"] <= 2025 for e in entries)
    # every label that is not absent quotes its decisive phrase
    assert all(set(e["evidence"]) == {i for i, s in e["labels"].items() if s != "absent"} for e in entries)


def test_each_batch_keeps_a_quarter_or_more_as_its_test_fold_drawn_by_seed():
    entries = committed_manifest()
    for batch in {e["batch"] for e in entries}:
        members = sorted(e["file"] for e in entries if e["batch"] == batch)
        folds = Counter(e["fold"] for e in entries if e["batch"] == batch)
        assert folds["test"] >= len(members) / 4
        order = list(members)
        random.Random(corpus.FOLD_SEED).shuffle(order)
        expected = set(order[: round(len(order) * corpus.TEST_SHARE)])
        assert {e["file"] for e in entries if e["batch"] == batch and e["fold"] == "test"} == expected


def test_double_labelling_covers_forty_reports_and_agrees_as_reported():
    first = double("first")
    second = double("second")
    assert len(first) == len(second) >= 40
    a = agreement(first, second)
    assert a.labels == 28 * len(first)
    assert 0.9 < a.share < 1 and 0.8 < a.kappa < 1


def test_in_play_accuracy_ignores_labels_both_call_absent():
    c = Counts()
    for gold, got in [("absent", "absent")] * 8 + [("asserted", "asserted"), ("substantiated", "asserted")]:
        c.add(gold, got)
    assert c.accuracy == 0.9 and c.in_play == 2 and c.in_play_accuracy == 0.5


def _report_of(outcomes: list[list[tuple[str, str]]]) -> EvalReport:
    """An EvalReport of reports whose labels are (gold, predicted) pairs for rules r0, r1…"""
    gold = [{"file": f"f{i}", "labels": {f"r{j}": g for j, (g, _) in enumerate(labels)}} for i, labels in enumerate(outcomes)]
    predicted = {f"f{i}": {f"r{j}": p for j, (_, p) in enumerate(labels)} for i, labels in enumerate(outcomes)}
    return tally("fazhi", gold, predicted)


def test_the_interval_resamples_whole_reports_and_narrows_with_more_of_them():
    right = [("substantiated", "substantiated"), ("asserted", "asserted"), ("absent", "absent")]
    wrong = [("substantiated", "asserted"), ("asserted", "absent"), ("absent", "asserted")]
    same = _report_of([right] * 30)
    assert bootstrap(same).f1 == (1.0, 1.0) and bootstrap(same).in_play == (1.0, 1.0)  # nothing varies
    small = _report_of([right, wrong] * 10)
    large = _report_of([right, wrong] * 200)
    assert len(small.per_report) == 20 and sum(c.total for c in small.per_report) == small.overall.total == 60
    for report in (small, large):
        ci = bootstrap(report)
        assert ci.in_play[0] < report.overall.in_play_accuracy < ci.in_play[1]
        assert ci.f1[0] < report.overall.f1 < ci.f1[1]
        assert bootstrap(report) == ci  # seeded: the same labels give the same interval
    width = lambda ci: ci.in_play[1] - ci.in_play[0]  # noqa: E731
    assert width(bootstrap(large)) < width(bootstrap(small)) / 3  # √20 ≈ 4.5 times narrower


def test_error_kinds_split_the_in_play_errors_and_tell_unknown_wording_from_a_mention_set_aside():
    # per report: r0 missed where the keyword search finds it, r1 missed with no keyword,
    # r2 credited where the labels see none, r3 at the wrong strength, r4 a plan for a gap,
    # r5 right, r6 both absent (not in play)
    outcomes = [[("asserted", "absent"), ("substantiated", "absent"), ("absent", "asserted"),
                 ("substantiated", "asserted"), ("deficient", "planned"), ("asserted", "asserted"),
                 ("absent", "absent")]] * 3
    fazhi = _report_of(outcomes)
    keyword = _report_of([[("asserted", "asserted"), ("substantiated", "absent"), ("absent", "asserted"),
                           ("substantiated", "asserted"), ("deficient", "asserted"), ("asserted", "asserted"),
                           ("absent", "absent")]] * 3)
    kinds = error_kinds(fazhi, keyword)
    assert kinds.errors == fazhi.overall.in_play - fazhi.overall.in_play_exact == 15
    assert (kinds.missed, kinds.missed_no_keyword, kinds.credited, kinds.strength, kinds.other) == (6, 3, 3, 3, 3)
    assert kinds.missed + kinds.credited + kinds.strength + kinds.other == kinds.errors


def _labelled_texts(tmp_path, texts: dict[str, str], gold_entries: str):
    """A folder of report texts and a gold file of their labels, for `fazhi eval` to run on."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text("reports:\n" + gold_entries, encoding="utf-8")
    return folder, gold


def test_eval_by_fold_with_the_human_ceiling(tmp_path):
    texts, gold = _labelled_texts(tmp_path, {
        "a.txt": "某局2023年法治政府建设情况报告\n全年聘请法律顾问2名。\n",
        "b.txt": "某局2023年法治政府建设情况报告\n开展植树活动。\n",
    }, "  - {file: a.txt, fold: dev, labels: {legal_adviser.use: substantiated}}\n"
       "  - {file: b.txt, fold: test, labels: {legal_adviser.use: asserted}}\n")
    human = tmp_path / "human.yaml"
    human.write_text("reports:\n  - {file: a.txt, labels: {legal_adviser.use: asserted}}\n", encoding="utf-8")
    runner = CliRunner()
    dev = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "dev", "--no-per-rule",
                              "--human", str(human), "--human", str(human)])
    assert dev.exit_code == 0, dev.output
    row = next(line for line in dev.output.splitlines() if line.startswith("fazhi "))
    assert row.split()[3:6] == ["1.000", "1.000", "1.000"] and "1 (1 in play)" in row
    assert "human: human" in dev.output and "agree on 1/1 labels" in dev.output
    assert "95 % interval" not in dev.output  # one report: nothing to resample
    assert "fazhi's 0 in-play errors: 0 missed outright" in dev.output
    both = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--no-per-rule"])
    assert "fazhi, 95 % interval over the reports (2 resampled 1000 times): F1 0.000–1.000" in both.output
    test = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "test", "--no-per-rule"])
    row = next(line for line in test.output.splitlines() if line.startswith("fazhi "))
    assert row.split()[3] == "0.000"  # the test fold's one label is missed
    # ...with no word of the adviser rule in 开展植树活动: a wording the rules do not know
    assert "fazhi's 1 in-play errors: 1 missed outright (1 of them with no keyword of the rule in the text)" in test.output
    bad = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", "train"])
    assert bad.exit_code == 2 and "unknown fold" in bad.output and "dev-b" in bad.output
    # a half of the dev fold: a.txt is the only dev report, in the half its name hashes to
    half = "dev-" + dev_half("a.txt")
    other = "dev-b" if half == "dev-a" else "dev-a"
    row = next(line for line in runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", half,
                                                    "--no-per-rule"]).output.splitlines() if line.startswith("fazhi "))
    assert "1 (1 in play)" in row
    # the other half holds no report: a clear error, not figures over no labels (1.000 everywhere)
    empty = runner.invoke(app, ["eval", str(gold), "--texts", str(texts), "--fold", other, "--no-per-rule"])
    assert empty.exit_code == 2 and f"no labelled report in fold '{other}'" in empty.output


def test_eval_counts_the_year_and_issuer_read_off_each_report(tmp_path):
    texts, gold = _labelled_texts(tmp_path, {
        "a.txt": "桐溪市司法局2023年法治政府建设情况报告\n全年聘请法律顾问2名。\n",
        "b.txt": "2022年，我局坚持依法行政。\n开展植树活动。\n",
        "c.txt": "市管委会2024年法治政府建设情况报告\n开展植树活动。\n",
    }, "  - {file: a.txt, year: 2023, issuer: 桐溪市司法局, labels: {legal_adviser.use: substantiated}}\n"
       # the year right, no body named in the text
       "  - {file: b.txt, year: 2022, issuer: 桐溪市民政局, labels: {legal_adviser.use: absent}}\n"
       # the year wrong; a short form of the labelled body, written out, still the body
       "  - {file: c.txt, year: 2023, issuer: 桐溪市管委会, labels: {legal_adviser.use: absent}}\n")
    out = CliRunner().invoke(app, ["eval", str(gold), "--texts", str(texts), "--no-per-rule"])
    assert out.exit_code == 0, out.output
    assert ("fazhi reads the report year right on 2 of 3 reports that give it; names an issuer on 2 of 3, "
            "the labelled body on 2 (short forms count)") in out.output
    # a joint report named by either of its bodies is that report's issuer; another body is not
    assert same_issuer("中共桐溪区委 桐溪区人民政府", "桐溪区人民政府")
    assert not same_issuer("桐溪市民政局", "桐溪市司法局")


def test_the_dev_fold_halves_are_fixed_and_split_only_the_dev_fold():
    # Half A is read when rules are tuned, half B was only counted in some rounds and read in
    # others (tests/data/real/README.md); the halves must stay the reports they were, or the
    # figures of either before and after a round mean nothing.
    entries = committed_manifest()
    a, b = select_fold(entries, "dev-a"), select_fold(entries, "dev-b")
    dev = select_fold(entries, "dev")
    # the reports of the first seventeen batches, as the nineteenth session drew them;
    # a later batch's dev reports join a half by the same hash
    assert (sum(e["batch"] <= 17 for e in a), sum(e["batch"] <= 17 for e in b)) == (525, 464)
    assert {e["file"] for e in a} | {e["file"] for e in b} == {e["file"] for e in dev}
    assert not {e["file"] for e in a} & {e["file"] for e in b}
    assert all(e["fold"] == "dev" for e in a + b)  # no test report in either half
    assert dev_half("a001.txt") == ("b" if hashlib.sha256(b"s19:a001.txt").digest()[0] % 2 else "a")


def test_settle_puts_the_third_readers_label_and_phrase_into_the_manifest(tmp_path, monkeypatch):
    manifest = tmp_path / "manifest.yaml"
    labels = {i: "absent" for i in corpus.ELEMENT_IDS} | {"legal_adviser.use": "asserted"}
    corpus.write([{"file": "a.txt", "labels": dict(labels), "evidence": {"legal_adviser.use": "聘请法律顾问"}},
                  {"file": "b.txt", "labels": dict(labels), "evidence": {"legal_adviser.use": "法律顾问"}}], manifest)
    monkeypatch.setattr(corpus, "MANIFEST", manifest)
    settled = tmp_path / "settled.yaml"
    settled.write_text(
        "- {file: a.txt, id: legal_adviser.use, label: substantiated, phrase: 聘请法律顾问2名, why: a count}\n"
        "- {file: b.txt, id: legal_adviser.use, label: absent, phrase: '', why: a remit only}\n", encoding="utf-8")
    assert corpus.settle(settled) == 0
    a, b = corpus.load(manifest)
    assert a["labels"]["legal_adviser.use"] == "substantiated" and a["evidence"] == {"legal_adviser.use": "聘请法律顾问2名"}
    assert b["labels"]["legal_adviser.use"] == "absent" and b["evidence"] == {}
    settled.write_text("- {file: c.txt, id: legal_adviser.use, label: absent, phrase: '', why: x}\n", encoding="utf-8")
    assert corpus.settle(settled) == 1
    assert corpus.load(manifest)[0]["labels"]["legal_adviser.use"] == "substantiated"  # nothing written


def test_eval_warns_of_a_text_that_is_not_the_one_labelled(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    labelled = "某局2023年法治政府建设情况报告\n全年聘请法律顾问2名。\n"
    (texts / "a.txt").write_text(labelled, encoding="utf-8")
    (texts / "b.txt").write_text(labelled.replace("2名", "两名"), encoding="utf-8")  # re-created with a character changed
    digest = hashlib.sha256(labelled.encode("utf-8")).hexdigest()
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "reports:\n"
        f"  - {{file: a.txt, sha256: {digest}, labels: {{legal_adviser.use: substantiated}}}}\n"
        f"  - {{file: b.txt, sha256: {digest}, labels: {{legal_adviser.use: substantiated}}}}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "scorer", "eval", str(gold), "--texts", str(texts), "--no-per-rule"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "not the text that was labelled" in line]
    assert len(warnings) == 1 and "b.txt" in warnings[0]
    row = next(line for line in proc.stdout.splitlines() if line.startswith("fazhi "))
    assert "2 (2 in play)" in row  # scored all the same


def _tiny_manifest(tmp_path, monkeypatch, texts: dict[str, str], test: tuple[str, ...] = ()) -> None:
    """A manifest of our own texts (file → text; two a query, in order), the files ``test``
    in the test fold."""
    labels = {i: "absent" for i in corpus.ELEMENT_IDS}
    entries = [{"file": f, "query": f"q{n // 2}", "rank": n + 1, "url": f"http://x/{f}",
                "sha256": hashlib.sha256(t.encode("utf-8")).hexdigest(), "fold": "test" if f in test else "dev",
                "labels": labels, "evidence": {}} for n, (f, t) in enumerate(texts.items())]
    manifest = tmp_path / "manifest.yaml"
    corpus.write(entries, manifest)
    monkeypatch.setattr(corpus, "MANIFEST", manifest)


def test_restore_writes_each_excerpt_whose_digest_is_an_entrys(tmp_path, monkeypatch):
    texts = {"a.txt": "本局2023年聘请法律顾问2名。", "b.txt": "全年办理行政复议案件12件。", "c.txt": "未找到。"}
    _tiny_manifest(tmp_path, monkeypatch, texts)
    answers = tmp_path / "answers"
    answers.mkdir()
    # one URL missing, one answer repeating a URL with another opening, one excerpt changed by a character
    (answers / "1.json").write_text(json.dumps({"results": [
        {"rank": 1, "excerpt": texts["a.txt"]},
        {"rank": 2, "url": "http://x/b.txt", "excerpt": "全年办理行政复议案件12件"},
        {"rank": 3, "url": "http://x/b.txt", "excerpt": texts["b.txt"]},
        {"rank": 4, "url": "http://x/c.txt", "excerpt": "未找到!"}]}, ensure_ascii=False), encoding="utf-8")
    (answers / "2.json").write_text("not json", encoding="utf-8")
    out = tmp_path / "texts"
    assert corpus.restore(answers, out) == 1  # c.txt is still missing
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    assert (out / "b.txt").read_text(encoding="utf-8") == texts["b.txt"]
    assert corpus.verify(out, ["a.txt", "b.txt"]) == 0
    assert corpus.verify(out, ["c.txt"]) == 1 and corpus.verify(out, ["a.txt", "z.txt"]) == 1
    (out / "a.txt").write_text(texts["a.txt"] + "\n", encoding="utf-8")
    assert corpus.verify(out, ["a.txt"]) == 1  # a changed text is not intact


def test_worklist_groups_each_query_and_puts_the_test_fold_first(tmp_path, monkeypatch):
    texts = {f"{n}.txt": f"报告{n}" for n in range(7)}  # queries q0 (0, 1), q1, q2 and q3 (6, the test fold)
    _tiny_manifest(tmp_path, monkeypatch, texts, test=("6.txt",))
    assert corpus.worklist(tmp_path / "work", size=3) == 0
    chunks = [p.read_text(encoding="utf-8").splitlines() for p in sorted((tmp_path / "work").glob("*.tsv"))]
    rows = [line.split("\t") for chunk in chunks for line in chunk]
    assert [r[3] for r in rows] == ["6.txt"] + [f"{n}.txt" for n in range(6)]
    assert rows[0] == ["q3", "7", "http://x/6.txt", "6.txt"]
    # no query is split between chunks, and a chunk closes once it holds `size` texts
    assert [[line.split("\t")[0] for line in chunk] for chunk in chunks] == [["q3", "q0", "q0"], ["q1", "q1", "q2", "q2"]]


# Each doubly labelled set: the first labels, the second (blind) labelling, the settled disagreements.
DOUBLE_SETS = (("test_first", "test_second", "test_settled"),  # the test fold of batches 1-5
               ("b6_first", "b6_second", "b6_settled"),  # all of batch 6, dev and test
               ("b7_first", "b7_second", "b7_settled"),  # all of batch 7, dev and test
               ("b8_first", "b8_second", "b8_settled"),  # all of batch 8, dev and test
               ("b9_first", "b9_second", "b9_settled"),  # all of batch 9, dev and test
               ("b10_first", "b10_second", "b10_settled"),  # all of batch 10, dev and test
               ("b11_first", "b11_second", "b11_settled"),  # all of batch 11, dev and test
               ("b12_first", "b12_second", "b12_settled"),  # all of batch 12, dev and test
               ("b13_first", "b13_second", "b13_settled"),  # all of batch 13, dev and test
               ("b14_first", "b14_second", "b14_settled"),  # all of batch 14, dev and test
               ("b15_first", "b15_second", "b15_settled"),  # all of batch 15, dev and test
               ("b16_first", "b16_second", "b16_settled"),  # all of batch 16, dev and test
               ("b17_first", "b17_second", "b17_settled"),  # all of batch 17, dev and test
               ("b18_first", "b18_second", "b18_settled"),  # all of batch 18, dev and test
               ("b19_first", "b19_second", "b19_settled"),  # all of batch 19, dev and test
               ("b20_first", "b20_second", "b20_settled"),  # all of batch 20, dev and test
               ("b21_first", "b21_second", "b21_settled"),  # all of batch 21, dev and test
               ("b22_first", "b22_second", "b22_settled"),  # all of batch 22, dev and test
               ("b23_first", "b23_second", "b23_settled"),  # all of batch 23, dev and test
               ("b24_first", "b24_second", "b24_settled"),  # all of batch 24, dev and test
               ("b25_first", "b25_second", "b25_settled"),  # all of batch 25, dev and test
               ("b26_first", "b26_second", "b26_settled"),  # all of batch 26, dev and test
               ("b27_first", "b27_second", "b27_settled"),  # all of batch 27, dev and test
               ("b28_first", "b28_second", "b28_settled"),  # all of batch 28, dev and test
               ("b29_first", "b29_second", "b29_settled"),  # all of batch 29, dev and test
               ("dev_first", "dev_second", "dev_settled"))  # the dev fold of batches 1-5 not labelled twice before


@pytest.mark.parametrize("names", DOUBLE_SETS, ids=lambda n: n[0])
def test_a_doubly_labelled_set_has_its_disagreements_settled_in_the_manifest(names):
    first, second = double(names[0]), double(names[1])
    settled = corpus.read_yaml(REAL / "double" / f"{names[2]}.yaml")
    entries = {e["file"]: e for e in committed_manifest()}
    assert {r["file"] for r in first} == {r["file"] for r in second}
    a = agreement(first, second)
    assert a.labels == 28 * len(first) and 0.95 < a.share < 1 and 0.85 < a.kappa < 1
    # exactly the disagreements were settled, and the manifest holds the settled label
    by_second = {r["file"]: r["labels"] for r in second}
    disagreements = {(r["file"], i) for r in first for i, s in r["labels"].items() if by_second[r["file"]][i] != s}
    assert {(d["file"], d["id"]) for d in settled} == disagreements
    assert all(entries[d["file"]]["labels"][d["id"]] == d["label"] for d in settled)
    assert all(entries[r["file"]]["labels"][i] == s for r in first for i, s in r["labels"].items()
               if (r["file"], i) not in disagreements)


def test_every_test_fold_report_is_labelled_twice():
    sample = {r["file"] for r in double("first")}
    twice = {r["file"] for names in DOUBLE_SETS
             for r in double(names[0])}
    test = {e["file"] for e in committed_manifest() if e["fold"] == "test"}
    assert test - sample <= twice
    # the test fold's own set holds test reports only (batch 6's holds its dev reports too)
    first = double("test_first")
    assert {r["file"] for r in first} <= test


spec_s = importlib.util.spec_from_file_location("sentences", REAL / "sentences.py")
sentences = importlib.util.module_from_spec(spec_s)
spec_s.loader.exec_module(sentences)


def test_the_real_sentence_set_is_labelled_twice_settled_and_split_by_page():
    from scorer.rules import builtin_rules

    entries = sentences.load()
    ids = {r.id for r in builtin_rules().rules}
    assert len(entries) >= 300 and len({e["sha256"] for e in entries}) == len(entries)
    for e in entries:
        for who in ("first", "second", "settled"):
            assert set(e[who]) <= ids and set(e[who].values()) <= set(sentences.STATUSES[:4]), (e["sha256"], who)
        # the third reader decided only where the two readers differ
        for i in set(e["first"]) | set(e["second"]):
            if e["first"].get(i) == e["second"].get(i):
                assert e["settled"].get(i) == e["first"][i], (e["sha256"], i)
        if e["url"]:
            assert e["fold"] == sentences.fold_of(e["url"], ""), e["sha256"]
    # one page, one fold; both folds hold over 40 % of the sentences
    by_url = {}
    for e in entries:
        if e["url"]:
            by_url.setdefault(e["url"], set()).add(e["fold"])
    assert all(len(f) == 1 for f in by_url.values())
    assert 0.4 < sum(e["fold"] == "test" for e in entries) / len(entries) < 0.6


def test_sentence_eval_counts_in_play_and_scores_each_sentence_alone(tmp_path, monkeypatch):
    # our own sentences: a count of legality reviews done, a plan, and a sentence with nothing
    done, plan, none = "全年对12件规范性文件进行合法性审核。", "下一步，将加强规范性文件合法性审核。", "全年天气晴好。"
    texts = {sentences.sha256(t): t for t in (done, plan, none)}
    entries = [{"sha256": sentences.sha256(done), "first": {"normative_docs.legality_review": "substantiated"},
                "second": {"normative_docs.legality_review": "asserted"}, "settled": {"normative_docs.legality_review": "substantiated"}},
               {"sha256": sentences.sha256(plan), "first": {}, "second": {"normative_docs.legality_review": "planned"},
                "settled": {"normative_docs.legality_review": "planned"}},
               {"sha256": sentences.sha256(none), "first": {}, "second": {}, "settled": {}}]
    rows = sentences.evaluate(entries, texts, ["normative_docs.legality_review", "enforcement.publicity"])
    assert rows["fazhi"] == (1.0, 2, 2)  # both in-play labels right; the absent ones not counted
    assert rows["first reader"] == (1.0, 1, 2)  # missed the plan
    assert rows["second reader"] == (1.0, 1, 2)  # the count called general: met all the same, the status wrong
    assert sentences.tally([("absent", "absent")] * 5) == (0.0, 0, 0)
