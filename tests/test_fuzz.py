"""Property-based tests: random and adversarial input through every stage that reads it.

Each property says what must hold for ANY input: a reader returns a Document or raises
InputError (never another exception); the segmenter's sentences lie inside the text in
order; every status is one of the five; report text never reaches the HTML unescaped;
a terminal line never carries a control character. Example counts are small and fixed
(derandomized) so the suite runs in seconds in CI and fails the same way twice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scorer.errors import FazhiError, InputError  # noqa: E402
from scorer.ingest import read_document  # noqa: E402
from scorer.models import STATUSES, Document  # noqa: E402
from scorer.pipeline import score_document  # noqa: E402
from scorer.rules import load_rules  # noqa: E402
from scorer.sanitize import one_line, visible  # noqa: E402
from scorer.segment import segment  # noqa: E402

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
RULESET = load_rules()

# Report-like text: the words, headings, numbers and punctuation reports are made of, plus
# the characters that break naive code (controls, surrogate-free odd code points, markup).
PIECES = ["一、主要举措和成效", "二、存在的不足和原因", "三、下一步工作安排", "（一）", "1.", "全面推行",
          "行政执法公示制度", "执法全过程记录", "法律顾问", "12件", "三次", "《市局学法制度》", "《宪法》",
          "2023年", "3月31日", "，", "。", "；", "、", "\n", "\n\n", " ", "\t", "“", "”", "<script>",
          "&amp;", "\x1b[2J", "\x00", "\u2028", "\ufeff", "𠀋", "尚未", "下一步", "将", "等方面", "第一责任人"]
report_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=120).map("".join)


def _doc(text: str) -> Document:
    return Document(path="fuzz.txt", text=text, keep=((0, len(text)),) if text else (), source_format="txt")


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ".doc", ".md"]))
def test_any_bytes_are_a_document_or_one_input_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"report{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert doc.text and all(0 <= s < e <= len(doc.text) for s, e in doc.keep)


@FUZZ
@given(text=report_text)
def test_html_pages_of_any_text_are_read_or_refused(tmp_path_factory, text):
    page = f"<html><head><title>{text[:30]}</title></head><body><div><p>{text}</p></div></body></html>"
    path = tmp_path_factory.mktemp("fuzz") / "page.html"
    path.write_text(page, encoding="utf-8", errors="surrogatepass")
    try:
        read_document(path)
    except InputError:
        pass


@FUZZ
@given(names=st.lists(st.sampled_from(["word/document.xml", "[Content_Types].xml", "xl/workbook.xml", "a.txt"]),
                      max_size=3, unique=True), body=st.binary(max_size=500))
def test_zip_files_of_any_content_are_read_or_refused(tmp_path_factory, names, body):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, body)
    path = tmp_path_factory.mktemp("fuzz") / "report.docx"
    path.write_bytes(buf.getvalue())
    try:
        read_document(path)
    except InputError:
        pass


@FUZZ
@given(text=report_text)
def test_sentences_lie_inside_the_text_in_order(text):
    seg = segment(_doc(text))
    last = 0
    for s in seg.sentences:
        assert last <= s.start <= s.end <= len(text)
        assert seg.document.text[s.start:s.end] == s.text and len(s.norm) == len(s.text)
        last = s.start


@FUZZ
@given(text=report_text)
def test_every_status_is_one_of_the_five_and_evidence_points_into_the_text(text):
    result = score_document(_doc(text), RULESET)
    for r in result.results:
        assert r.status in STATUSES or r.status in ("met", "late")
        for e in r.evidence:
            assert text[e.start:e.end] == e.text


@FUZZ
@given(text=report_text)
def test_report_text_is_escaped_in_the_html_report(text):
    from scorer.render import html_report

    hostile = "<script>alert(1)</script>"
    html = html_report.render(score_document(_doc("全面推行行政执法公示制度" + hostile + text), RULESET))
    assert "<script>alert" not in html


@FUZZ
@given(text=st.text(max_size=200))
def test_terminal_text_has_no_control_characters(text):
    shown = one_line(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in visible(text))


yaml_text = st.recursive(
    st.one_of(st.sampled_from(["a", "1", "-1", "1e999", "~", "[]", "{}", "*x", "&x a", "!!python/object:os.system",
                               "require: core", "fail_on: [absent]", "rules: [x]", "min_score: 200", "\t", '"']),
              st.text(max_size=8)),
    lambda inner: st.lists(inner, max_size=5).map(lambda xs: "\n".join(xs)),
    max_leaves=30,
)


@FUZZ
@given(text=yaml_text)
def test_any_config_file_is_a_config_or_one_error(tmp_path_factory, text):
    import datetime as dt

    from scorer.config import load_config

    path = tmp_path_factory.mktemp("fuzz") / ".fazhi.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_config(path, today=dt.date(2026, 1, 1))
    except FazhiError as err:
        assert "\n" not in str(err).strip() or len(str(err)) < 2000


@FUZZ
@given(text=yaml_text)
def test_any_rules_file_is_rules_or_one_error(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "90-fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_rules([folder])
    except FazhiError:
        pass
