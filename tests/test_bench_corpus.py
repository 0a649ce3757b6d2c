"""The benchmark's corpus builder: deterministic, the sizes asked for, reports fazhi reads as reports.

No timings here: the benchmark (`make bench`) is where the numbers live.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from scorer.ingest import read_document
from scorer.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


@pytest.fixture(scope="module")
def pools():
    return corpus.load_pools()


def test_pools_have_sentences_for_every_role(pools):
    for role in corpus.ROLES:
        assert pools.sentences[role], role
        assert pools.subheadings[role], role
    assert len(pools.sentences["achievements"]) > 100


@pytest.mark.parametrize("size", [2_000, 5_000, 50_000])
def test_report_reaches_its_size_without_overshooting_much(pools, size):
    text = corpus.build_report(pools, size, number=7)
    assert size <= len(text) <= size + corpus.MAX_SENTENCE_CHARS + 60


def test_same_number_same_report_other_number_other_report(pools):
    a = corpus.build_report(pools, 5_000, number=3)
    assert corpus.build_report(pools, 5_000, number=3) == a
    assert corpus.build_report(pools, 5_000, number=4) != a


def test_report_reads_as_a_report(pools, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(corpus.build_report(pools, 20_000, number=11), encoding="utf-8")
    doc = read_document(path)
    seg = segment(doc)
    assert re.fullmatch(r".{2,20}20\d\d年度法治政府建设情况报告", seg.title)
    assert seg.year is not None and seg.signed is not None and seg.signed.year == seg.year + 1
    roles = {p.role for p in seg.parts}
    assert {"title", "achievements", "shortcomings", "first_responsible", "next_year", "signature"} <= roles
    # Recombined sentences, not repeated paragraphs: ingest must not drop a "second copy".
    assert not any("重复" in note for note in doc.notes)
    assert sum(e - s for s, e in doc.keep) >= len(doc.text) - 2


def test_cn_numeral():
    assert [corpus.cn_numeral(n) for n in (1, 9, 10, 12, 20, 28, 99)] == ["一", "九", "十", "十二", "二十", "二十八", "九十九"]
    with pytest.raises(ValueError):
        corpus.cn_numeral(100)


def test_build_corpus_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "BATCH_SIZE", 4)
    monkeypatch.setattr(corpus, "SUBSETS", {"batch2": 2})
    monkeypatch.setattr(corpus, "LADDER", (2_000, 5_000))
    first = corpus.build_corpus(tmp_path / "a")
    second = corpus.build_corpus(tmp_path / "b")
    assert {k: len(v) for k, v in first.items()} == {"batch300": 4, "batch2": 2, "ladder": 2}
    for name, files in first.items():
        for a, b in zip(files, second[name]):
            assert a.name == b.name and a.read_bytes() == b.read_bytes()
    lo, hi = corpus.BATCH_CHARS
    for path in first["batch300"]:
        assert lo <= len(path.read_text(encoding="utf-8")) <= hi + corpus.MAX_SENTENCE_CHARS + 60
    assert first["batch2"][0].read_bytes() == first["batch300"][0].read_bytes()
