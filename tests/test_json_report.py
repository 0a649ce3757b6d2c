"""The report's JSON comes from orjson (batch speed): the same text json.dumps(indent=2)
writes for a report, and hostile report text survives it exactly."""

from __future__ import annotations

import json

from scorer.pipeline import score_file
from scorer.render.json_report import render, to_dict
from scorer.rules import load_rules


def test_a_report_json_is_what_json_dumps_writes(seed_results):
    for result in seed_results.values():
        assert render(result) == json.dumps(to_dict(result), ensure_ascii=False, indent=2)


def test_awkward_report_text_comes_back_exactly(tmp_path):
    # quotes, backslashes, line and paragraph separators, an emoji and a
    # lone closing tag inside the evidence sentence
    awkward = "引号\"、反斜杠\\、\u2028\u2029、\U0001F600、</script>"
    text = f"某局2023年法治政府建设情况报告\n全年聘请法律顾问2名，{awkward}。\n"
    path = tmp_path / "awkward.txt"
    path.write_text(text, encoding="utf-8")
    result = score_file(path, load_rules())
    rendered = render(result)
    assert json.loads(rendered) == to_dict(result)
    assert rendered == json.dumps(to_dict(result), ensure_ascii=False, indent=2)
    evidence = [e["text"] for r in json.loads(rendered)["results"] for e in r["evidence"]]
    assert any(awkward in t for t in evidence)
