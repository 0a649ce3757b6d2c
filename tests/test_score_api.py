"""Scoring from memory: score_bytes and score_text give what score_file gives, as a small picklable record."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from scorer.errors import InputError
from scorer.pipeline import score_bytes, score_file, score_text
from scorer.store import ReportRecord, record_of
from test_readers import SEED_FILES, make_docx, make_pdf, report_lines


def _statuses(record: ReportRecord) -> dict[str, str]:
    return {r.rule_id: r.status for r in record.results}


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_bytes_and_text_of_a_txt_report_score_as_the_file(ruleset, seed):
    data = seed.read_bytes()
    from_file = record_of(score_file(seed, ruleset), hashlib.sha256(data).hexdigest())
    assert score_bytes(data, str(seed), ruleset) == from_file
    assert score_text(data.decode("utf-8"), ruleset, filename=str(seed)) == from_file


@pytest.mark.parametrize("build", [make_docx, make_pdf], ids=["docx", "pdf"])
def test_bytes_of_a_docx_or_pdf_score_as_the_file(tmp_path, ruleset, build):
    seed = SEED_FILES[0]
    path = build(report_lines(seed), tmp_path / f"report.{build.__name__[5:]}")
    from_file = score_file(path, ruleset)
    record = score_bytes(path.read_bytes(), path.name, ruleset)
    assert _statuses(record) == {r.rule.id: r.status for r in from_file.results}
    assert (record.score, record.grade, record.year, record.issuer) == (
        from_file.score, from_file.grade, from_file.year, from_file.issuer)
    assert record.path == path.name


def test_the_record_pickles_and_comes_back_equal(ruleset):
    record = score_bytes(SEED_FILES[1].read_bytes(), SEED_FILES[1].name, ruleset)
    again = pickle.loads(pickle.dumps(record))
    assert again == record
    assert again.status("leadership.first_responsible") == record.status("leadership.first_responsible") is not None
    assert len(pickle.dumps(record)) < 10_000  # statuses and numbers, no report text


def test_without_a_ruleset_the_shipped_rules_score(ruleset):
    data = SEED_FILES[2].read_bytes()
    assert score_bytes(data, "r.txt") == score_bytes(data, "r.txt", ruleset)


def test_a_bom_in_decoded_text_is_not_part_of_the_report(ruleset):
    text = SEED_FILES[0].read_text(encoding="utf-8")
    assert _statuses(score_text("\ufeff" + text, ruleset)) == _statuses(score_text(text, ruleset))


@pytest.mark.parametrize("data, name, problem", [
    (b"", "empty.txt", "file is empty"),
    (b"PK\x03\x04 not really a zip", "report.docx", "corrupt .docx (not a valid zip)"),
    (b"no header at all", "report.pdf", "corrupt PDF (no %PDF header)"),
    (b"\x7fELF\x02\x01\x01" + bytes(200), "a.txt", "not a text report: binary content (program)"),
])
def test_bad_bytes_raise_the_input_error_a_file_would(tmp_path, ruleset, data, name, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as from_file:
        score_file(path, ruleset)
    with pytest.raises(InputError) as from_bytes:
        score_bytes(data, str(path), ruleset)
    assert str(from_bytes.value) == str(from_file.value) == f"{path}: {problem}"


def test_too_many_bytes_are_refused_as_a_file_is(tmp_path):
    from scorer.ingest import read_bytes, read_document

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_000)
    with pytest.raises(InputError) as from_file:
        read_document(path, max_bytes=1_000)
    with pytest.raises(InputError) as from_bytes:
        read_bytes(path.read_bytes(), str(path), max_bytes=1_000)
    assert str(from_bytes.value) == str(from_file.value) == f"{path}: file is 2.0 KB, over the 1 KB limit"


def test_text_goes_to_score_text_not_score_bytes(ruleset):
    with pytest.raises(TypeError, match="score_text|read_text"):
        score_bytes("法治政府建设", "r.txt", ruleset)


def test_the_pool_example_scores_the_seeds_as_score_file_does(tmp_path, seed_results):
    """examples/pool_score.py, run as a user runs it: two workers, records as JSON lines and in the history."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from scorer.store import Store

    root = Path(__file__).resolve().parent.parent
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in SEED_FILES:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    out, db = tmp_path / "records.jsonl", tmp_path / "fazhi.sqlite"
    done = subprocess.run([sys.executable, str(root / "examples" / "pool_score.py"), str(folder), "--jobs", "2",
                           "--out", str(out), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 4, done.stderr  # one bad file: the others are scored all the same
    assert done.stderr == f"pool_score: error: {folder / 'empty.txt'}: file is empty\n"
    records = {Path(r["path"]).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(records) == sorted(seed_results)
    for name, result in seed_results.items():
        assert {r["rule_id"]: r["status"] for r in records[name]["results"]} == {r.rule.id: r.status for r in result.results}
        assert (records[name]["score"], records[name]["grade"]) == (result.score, result.grade)
    with Store(db) as store:
        assert store.count() == len(SEED_FILES)
        assert set(store.failures()) == {str(folder / "empty.txt")}


def test_a_stated_year_and_issuer_are_used_as_if_read(ruleset):
    """StatedFacts stand for what segment would read: the year places the plans part (a heading
    naming a later year) and picks the Outline; the issuer is the report's."""
    from scorer.models import StatedFacts

    text = ("关于2021年法治政府建设工作情况的报告\n一、主要举措和成效\n2021年，我局聘请法律顾问2名，全年审查合同15份。\n"
            "二、2022年重点任务\n（一）深化行政执法公示，全面公示执法信息。\n")
    as_read = score_text(text, ruleset)
    assert (as_read.year, as_read.edition) == (2021, 2021)
    assert _statuses(as_read)["enforcement.publicity"] == "planned"  # under 2022's heading: next year's
    stated = score_text(text, ruleset, stated=StatedFacts("某市司法局", 2022))
    assert (stated.year, stated.issuer) == (2022, "某市司法局")
    assert _statuses(stated)["enforcement.publicity"] == "asserted"  # 2022 is now the report's own year
    assert _statuses(stated)["structure.next_year"] == "absent"
    old = score_text(text, ruleset, stated=StatedFacts(year=2020))
    assert old.edition == 2015 and old.issuer == as_read.issuer  # the year picks the Outline; the issuer stays as read
