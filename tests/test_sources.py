"""Sources per Outline edition (issue 12, item 2): a rule cites one set of clauses per edition,
the documents' full titles and numbers are held once in scorer/citations.yaml, the schema
rejects a citation the table does not hold, and the memo cites only the edition the report
was judged under (a 2020 report the 2015 Outline, a 2024 report the 2021 Outline)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from scorer import citations
from scorer.cli import app
from scorer.errors import RuleError
from scorer.render import memo
from scorer.rules import load_rules

SEEDS = {p.name[:3]: p for p in (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")}
OUTLINE_2015 = "《法治政府建设实施纲要（2015—2020年）》（中发〔2015〕36号"
OUTLINE_2021 = "《法治政府建设实施纲要（2021—2025年）》（中发〔2021〕33号"


# ---- the built-in rules --------------------------------------------------------------------


def test_every_builtin_rule_cites_table_documents_for_each_of_its_editions(ruleset):
    for rule in ruleset.rules:
        for edition in rule.editions:
            cited = citations.cite(rule.source, edition)
            assert cited, (rule.id, edition)
            assert all(c.document is not None for c in cited), (rule.id, rule.source)  # no free text left


@pytest.mark.parametrize("edition, other", [(2015, "纲要2021"), (2021, "纲要2015")])
def test_a_rule_cites_only_the_outline_of_the_edition(ruleset, edition, other):
    for rule in ruleset.rules:
        if edition in rule.editions:
            keys = [c.document.key for c in citations.cite(rule.source, edition)]
            assert other not in keys, rule.id
            if f"纲要{edition}" not in keys:  # a requirement the Outline has no clause for cites its own documents
                assert keys, rule.id


def test_citation_for_gives_full_titles_and_numbers(ruleset):
    rule = ruleset.get("enforcement.publicity")
    assert citations.citation_for(rule, 2015) == (
        "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）；"
        "《法治政府建设实施纲要（2015—2020年）》（中发〔2015〕36号）第五部分"
    )
    assert citations.citation_for(rule, 2021).endswith(f"{OUTLINE_2021}）第五部分（十五）")
    assert citations.citation_for(ruleset.get("functions.credit"), 2021) == f"{OUTLINE_2021}）第二、八部分"
    assert citations.citation_for(ruleset.get("enforcement.random_inspection"), 2021) == f"{OUTLINE_2021}）第二、五部分"
    assert citations.citation_for(ruleset.get("leadership.first_responsible"), 2021) == (
        "《党政主要负责人履行推进法治建设第一责任人职责规定》（2016年）；"
        "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"
    )


def test_a_rule_the_edition_does_not_score_cites_its_own_edition_and_says_so(ruleset):
    text = citations.citation_for(ruleset.get("emergency.response"), 2015)
    assert text == f"{OUTLINE_2021}）第六部分（适用于2021年度及以后的报告）"


def test_the_source_line_in_json_stays_a_string_of_keys(tmp_path):
    res = CliRunner().invoke(app, ["score", str(SEEDS["003"]), "--format", "json"])
    data = json.loads(res.stdout)
    source = next(r["source"] for r in data["results"] if r["id"] == "enforcement.publicity")
    assert source == "三项制度意见；纲要2015 五；纲要2021 五（十五）"


def test_the_table_names_each_document_once_with_a_short_name():
    table = citations.table()
    titles = [d.title for d in table.values()]
    assert len(titles) == len(set(titles))
    for document in table.values():
        assert document.short and not document.title.startswith("《")
        assert document.edition in (None, 2015, 2021)
    assert citations.outline(2015).key == "纲要2015" and citations.outline(2021).key == "纲要2021"


def test_clauses_merge_fold_and_order():
    merged = citations.merge([
        citations.cite("督察规定 第二十四条（三）；纲要2021 五", 2021),
        citations.cite("督察规定 第二十四条、第二十五条；纲要2021 二", 2021),
    ])
    assert [c.render() for c in merged] == [
        "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十四条、第二十五条",  # （三） is inside 第二十四条
        f"{OUTLINE_2021}）第二、五部分",
    ]
    assert citations.source_text({2021: "纲要2021 五(十五)"}) == "纲要2021 五（十五）"  # half-width brackets folded


# ---- rule files: what the schema accepts and refuses ----------------------------------------


RULE = """rules:
  - id: local.extra
    kind: element
    title: 本地补充要求
    area: local
    weight: 2
    level: recommended
    editions: [2015, 2021]
    source: SOURCE
    suggestion: 写明本地要求。
    match:
      terms: [本地要求]
    examples:
      positive: [{text: 全年落实本地要求3次。, status: substantiated}]
      negative: [无关句子。]
"""


def _rules_dir(tmp_path: Path, source: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "x.yaml").write_text(RULE.replace("SOURCE", source), encoding="utf-8")
    return d


@pytest.mark.parametrize("source, text", [
    ("本地规定（2023）", "本地规定（2023）"),  # free text: a local document the table does not hold
    ("[三项制度意见, 纲要2015 五, 纲要2021 五（十五）]", "三项制度意见；纲要2015 五；纲要2021 五（十五）"),
    ("{2015: 纲要2015 五, 2021: 纲要2021 五}", "纲要2015 五；纲要2021 五"),
    ("{'2015': [督察规定 第二十四条], '2021': 督察规定 第二十四条}", "督察规定 第二十四条"),
    ("{2015: 三项制度意见；纲要2015 五, 2021: [三项制度意见, 纲要2021 五]}", "三项制度意见；纲要2015 五；纲要2021 五"),
])
def test_source_forms_that_load(tmp_path, source, text):
    rule = load_rules([_rules_dir(tmp_path, source)]).get("local.extra")
    assert rule.source == text


@pytest.mark.parametrize("source, message", [
    ("[纲要2012 五]", "unknown citation '纲要2012 五': '纲要2012' is not in the citations table"),
    ("{2015: 纲要2015 五, 2021: 三项规定}", "unknown citation '三项规定'"),
    ("{2015: 纲要2021 五, 2021: 纲要2021 五}", "'纲要2021 五' belongs to the 2021 Outline edition, not 2015"),
    ("{2015: 纲要2015 五}", "no citation for edition 2021 (the rule is scored under 2015, 2021)"),
    ("[纲要2021 五]", "no citation for edition 2015"),
    ("{2019: 纲要2015 五, 2021: 纲要2021 五}", "2019 is not an Outline edition (allowed: 2015, 2021)"),
    ("{2015: [纲要2015 五, 督察规定], 2021: 纲要2021 五}", "'督察规定' holds under every edition"),
    ("{2015: []}", "key 2015: [] should be non-empty"),
    ("[]", "key 'source'"),
    ("7", "key 'source'"),
])
def test_bad_sources_are_rule_errors_naming_file_rule_and_key(tmp_path, source, message):
    with pytest.raises(RuleError) as err:
        load_rules([_rules_dir(tmp_path, source)])
    text = str(err.value)
    assert message in text
    assert re.search(r"x\.yaml:\d+: ", text)
    assert "'local.extra'" in text


def test_a_source_for_an_edition_the_rule_is_not_scored_under_is_an_error(tmp_path):
    d = _rules_dir(tmp_path, "{2015: 纲要2015 五, 2021: 纲要2021 五}")
    (d / "x.yaml").write_text((d / "x.yaml").read_text(encoding="utf-8").replace("[2015, 2021]", "[2021]"), encoding="utf-8")
    with pytest.raises(RuleError, match="cites edition 2015, but the rule is scored under 2021 only"):
        load_rules([d])


def test_rules_validate_prints_one_line_and_exits_2(tmp_path):
    d = _rules_dir(tmp_path, "[纲要2021 五（十五）, 三项规定]")
    res = CliRunner().invoke(app, ["rules", "validate", str(d)])
    assert res.exit_code == 2
    line = res.stderr.strip()
    assert "\n" not in line and line.startswith("fazhi: error: ")
    assert "x.yaml:9: invalid rule: rule 'local.extra': key 'source': unknown citation '三项规定'" in line


# ---- the memo cites the edition the report was judged under ---------------------------------


def _memo_texts(result) -> dict[str, str]:
    import io

    import docx

    document = docx.Document(io.BytesIO(memo.memo_docx(result)))
    html = BeautifulSoup(memo.memo_html(result), "html.parser")
    for style in html.find_all("style"):
        style.decompose()
    return {
        "docx": "\n".join(p.text for p in document.paragraphs),
        "md": memo.memo_markdown(result),
        "html": html.get_text(),
    }


@pytest.mark.parametrize("seed, year, edition", [("000", 2020, 2015), ("001", 2020, 2015), ("003", 2020, 2015),
                                                 ("002", 2024, 2021), ("004", 2022, 2021)])
def test_memo_cites_only_the_outline_of_the_reports_edition(seed_results, seed, year, edition):
    result = seed_results[SEEDS[seed].name]
    assert (result.year, result.edition) == (year, edition)
    own, other = (OUTLINE_2015, "2021—2025年") if edition == 2015 else (OUTLINE_2021, "2015—2020年")
    for kind, text in _memo_texts(result).items():
        assert own in text, kind
        assert other not in text and "纲要2015" not in text and "纲要2021" not in text, kind
        # every clause cited from the Outline is the edition's: 《纲要》 is its short name from the opening on
        assert "《纲要》第" not in text or "以下简称《纲要》" in text, kind


def test_memo_names_a_document_in_full_once_then_by_short_name(seed_results):
    result = seed_results[SEEDS["003"].name]
    text = _memo_texts(result)["docx"]
    assert text.count(OUTLINE_2015) == 1
    assert text.count("《纲要》第") >= 2
    assert text.count("《法治政府建设与责任落实督察工作规定》") == 1
    for document in citations.table().values():  # no document of the other edition, no key form
        assert f"{document.key} " not in text


def test_the_gap_report_cites_the_edition_the_report_was_judged_under(ruleset):
    from conftest import SEEDS as SEED_DIR
    from scorer.pipeline import score_file
    from scorer.render import html_report

    seeds = sorted(SEED_DIR.glob("*.txt"))
    old = html_report.render(score_file(seeds[3], ruleset))  # a 2020 report: the 2015 Outline
    assert "中发〔2015〕36号" in old
    new = html_report.render(score_file(seeds[2], ruleset))  # a 2024 report: the 2021 Outline
    assert "2021—2025年" in new and "中发〔2015〕36号" not in new
