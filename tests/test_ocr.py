"""OCR of scanned reports (the ``ocr`` extra), on pages rendered from the seeds' text
(tests/scan_pages.py: A4, 3号 Simplified Chinese serif, 200 dpi, as a 公文 is printed):

- a seed excerpt on one page with a red seal over the 落款 and date, read as a PNG;
- the same page turned 1.5°, as a sheet fed askew into a scanner;
- one whole seed (003, six pages, sealed) as an image-only PDF, against its .txt.

OCR costs seconds per page on two cores, so each scan is rendered and read once per
module and every check looks at that one result. The five-seed measurement (accuracy,
statuses, seconds per page) is benchmarks/ocr.py's, in benchmarks/results.md.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

import scan_pages
from scorer.errors import InputError
from scorer.ingest import body_text, read_document
from scorer.pipeline import score_document
from scorer.readers import ocr
from test_ingest import error_of

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_b89d58ff3751d295.txt"
DATE = "2021年2月23日"
SIGNER = "秦安县科学技术局"
TILT = 1.5  # degrees

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="needs the ocr extra")


def _excerpt() -> list[str]:
    """Title, addressee, the first paragraph, the shortcomings paragraph and the 落款."""
    lines = scan_pages.report_lines(SEED)
    shortcomings = next(line for line in lines if line.startswith("我局依法行政和法治政府建设工作虽然"))
    return [lines[0], lines[1], lines[2], shortcomings, SIGNER, DATE]


@pytest.fixture(scope="module")
def font():
    if not ocr.available():
        pytest.skip("needs the ocr extra")
    found = scan_pages.cjk_font()
    if found is None:
        pytest.skip("no Simplified Chinese font installed")
    return found


@pytest.fixture(scope="module")
def scan(font, tmp_path_factory):
    folder = tmp_path_factory.mktemp("scan")
    lines = _excerpt()
    page = scan_pages.render(lines, font, seal=True)
    assert len(page.pages) == 1
    png = folder / "report.png"
    page.pages[0].save(png)
    txt = folder / "report.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"lines": lines, "png": png, "pdf": scan_pages.save_pdf(page, folder / "scanned.pdf"), "txt": txt,
            "png_doc": read_document(png)}


@pytest.fixture(scope="module")
def turned(font, tmp_path_factory):
    """The excerpt page turned by TILT degrees, read as a PNG."""
    page = scan_pages.render(_excerpt(), font, seal=True, angle=TILT)
    png = tmp_path_factory.mktemp("turned") / "turned.png"
    page.pages[0].save(png)
    read = []  # the page's OcrLines too, without reading it twice
    with pytest.MonkeyPatch.context() as patch:
        page_lines = ocr.page_lines
        patch.setattr(ocr, "page_lines", lambda *args, **kw: read.append(page_lines(*args, **kw)) or read[-1])
        doc = read_document(png)
    return {"doc": doc, "lines": read}


@pytest.fixture(scope="module")
def whole(font, tmp_path_factory, ruleset):
    """All of seed 003, sealed, as a six-page image-only PDF, and its .txt, both scored."""
    rendered = scan_pages.render(scan_pages.report_lines(SEED), font, seal=True)
    pdf = scan_pages.save_pdf(rendered, tmp_path_factory.mktemp("whole") / "scanned.pdf")
    with pytest.MonkeyPatch.context() as patch:
        # What is checked here is what OCR reads; its time budget has a test of its own,
        # and six pages can pass it on a machine busy with other work.
        patch.setattr(ocr, "OCR_PAGE_BUDGET_S", math.inf)
        doc = read_document(pdf)
    return {"scan": rendered, "doc": doc, "result": score_document(doc, ruleset),
            "txt_result": score_document(read_document(SEED), ruleset)}


def _squeeze(text: str) -> str:
    return "".join(text.split())


@needs_ocr
def test_scan_text_is_recovered(scan):
    assert scan_pages.char_accuracy(scan["png_doc"].text, "".join(scan["lines"])) >= 0.98, scan["png_doc"].text


@needs_ocr
def test_date_under_the_seal_is_read(scan):
    kept = [_squeeze(line) for line in body_text(scan["png_doc"]).split("\n")]
    assert DATE in kept
    assert SIGNER in kept


@needs_ocr
def test_paragraphs_are_rejoined(scan):
    kept = [line for line in body_text(scan["png_doc"]).split("\n") if line.strip()]
    # the first paragraph, wrapped over five rows, is one line again; the 落款 is two
    assert any(scan_pages.char_accuracy(line, scan["lines"][2]) >= 0.98 for line in kept), kept
    assert [_squeeze(line) for line in kept[-2:]] == [SIGNER, DATE]


@needs_ocr
def test_source_format_and_notes(scan):
    assert scan["png_doc"].source_format == "image"
    assert ocr.OCR_NOTE in scan["png_doc"].notes


@needs_ocr
def test_statuses_match_the_txt(scan, ruleset):
    expected = {r.rule.id: r.status for r in score_document(read_document(scan["txt"]), ruleset).results}
    got = {r.rule.id: r.status for r in score_document(scan["png_doc"], ruleset).results}
    differ = {rule: (expected[rule], got[rule]) for rule in expected if expected[rule] != got[rule]}
    assert not differ


@needs_ocr
@pytest.mark.timeout(900)  # six pages of OCR: ~30 s on two idle cores, minutes on a busy machine
def test_a_whole_scanned_seed_reads_as_its_text(whole):
    """Issue 15's bar on a whole seed: >= 98 % of the characters, the date under the seal,
    >= 95 % of the statuses as for the .txt."""
    doc = whole["doc"]
    assert doc.source_format == "pdf"
    assert f"{ocr.OCR_NOTE}（第1、2、3、4、5、6页）" in doc.notes
    assert scan_pages.char_accuracy(doc.text, whole["scan"].text) >= 0.98
    # page numbers ("- 3 -") are dropped as for a text PDF
    assert not any(_squeeze(line).strip("-－—").isdigit() for line in doc.text.split("\n"))
    expected, got = whole["txt_result"], whole["result"]
    assert expected.signed is not None and got.signed == expected.signed
    same = sum(1 for a, b in zip(expected.results, got.results) if a.status == b.status)
    assert same >= 0.95 * len(expected.results), [
        (a.rule.id, a.status, b.status) for a, b in zip(expected.results, got.results) if a.status != b.status]


@needs_ocr
def test_a_page_turned_askew_reads_as_well_as_a_straight_one(scan, turned):
    straight = [line for line in body_text(scan["png_doc"]).split("\n") if line.strip()]
    askew = [line for line in body_text(turned["doc"]).split("\n") if line.strip()]
    assert scan_pages.char_accuracy(turned["doc"].text, "".join(scan["lines"])) >= 0.98, turned["doc"].text
    # the same paragraphs, each read as well: rows grouped and joined as on the straight page
    assert len(askew) == len(straight), askew
    assert all(scan_pages.char_accuracy(a, b) >= 0.95 for a, b in zip(askew, straight)), askew
    assert DATE in [_squeeze(line) for line in askew]


@needs_ocr
def test_the_tilt_is_recovered_from_the_boxes(turned):
    """The turned page's lines are levelled before layout: the rows that start at the left
    margin start at one x. Left turned, rows 80 px apart would drift 2 px each to the side,
    ~25 px over the page, and a paragraph's first-line indent would be hard to tell."""
    (lines,) = turned["lines"]
    assert lines[0].text.startswith("秦安县科学技术局")  # the title's first row, centred: left out
    body = [line for line in lines[1:] if line.x1 - line.x0 > 1000]  # full rows of the 1228 px measure
    margin = min(line.x0 for line in body)
    at_margin = [line.x0 for line in body if line.x0 < margin + 40]  # not the indented first rows
    assert len(at_margin) >= 4
    assert max(at_margin) - margin < 10, at_margin


def test_skew_is_the_median_slope_of_wide_boxes():
    def box(x, y, width, height, degrees):
        a = math.radians(degrees)
        dx, dy = width * math.cos(a), width * math.sin(a)
        return [(x, y), (x + dx, y + dy), (x + dx - height * math.sin(a), y + dy + height * math.cos(a)),
                (x - height * math.sin(a), y + height * math.cos(a))]

    wide = [box(100, 100 + 60 * i, 1200, 40, 1.5) for i in range(5)]
    small = [box(500, 900, 40, 40, 30)]  # a single character's box: its slope is noise
    assert math.degrees(ocr._skew(wide + small)) == pytest.approx(1.5, abs=0.01)
    assert ocr._skew([box(100, 100, 1200, 40, 0.1)]) == 0.0  # level enough: left alone
    assert ocr._skew([box(100, 100, 1200, 40, 45)]) == 0.0  # not a skewed scan
    assert ocr._skew(small) == 0.0


def test_without_the_extra_the_error_names_it(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as when not installed
    image = Image.new("RGB", (200, 280), "white")
    png = tmp_path / "report.png"
    image.save(png)
    pdf = tmp_path / "scanned.pdf"
    image.save(pdf, resolution=72)
    hint = "install fazhi[ocr] to read it (pip install 'fazhi[ocr]')"
    assert error_of(png) == f"{png}: scanned image: no text layer; {hint}"
    assert error_of(pdf) == f"{pdf}: scanned PDF: no text layer; {hint}"


def test_red_seal_ink_is_whitened_and_black_kept():
    from PIL import Image

    image = Image.new("RGB", (3, 1))
    image.putpixel((0, 0), (225, 35, 40))  # seal red
    image.putpixel((1, 0), (240, 170, 170))  # a light stamp's pink
    image.putpixel((2, 0), (20, 5, 5))  # black text under the ink
    out = ocr.suppress_red(image)
    assert out[0, 0].tolist() == [255, 255, 255]
    assert out[0, 1].tolist() == [255, 255, 255]
    assert out[0, 2].tolist() == [20, 5, 5]


def test_boxes_on_one_line_are_read_left_to_right():
    boxes = [(100, 140, 600, 900, "右边", 0.99), (102, 141, 100, 500, "左边", 0.7), (200, 240, 100, 500, "下一行", 0.95)]
    lines = ocr._reading_order(boxes, page=1, height=2000)
    assert [line.text for line in lines] == ["左边右边", "下一行"]
    assert lines[0].score == 0.7
    assert ocr.low_confidence_note(lines) == ["OCR识别：1行置信度低于0.8"]


def _column_page(rows: int = 8) -> list[tuple]:
    """Boxes of a two-column page: a title across both, then rows of two 560 px columns
    with a 100 px gutter, as (top, bottom, x0, x1, text, score)."""
    boxes = [(100, 160, 500, 1200, "标题", 0.99)]
    for i in range(rows):
        top = 250 + 80 * i
        boxes.append((top, top + 44, 150 if i else 238, 710, f"左{i}", 0.99))
        boxes.append((top + 3, top + 47, 810 if i else 898, 1370, f"右{i}", 0.99))
    return boxes


def test_a_two_column_page_is_read_column_by_column():
    lines = [line for group in ocr._column_groups(_column_page()) for line in ocr._reading_order(group, 1, 2339)]
    assert [line.text for line in lines] == ["标题", *(f"左{i}" for i in range(8)), *(f"右{i}" for i in range(8))]
    # the right column is laid over the left: the same margin and indent for the paragraph code
    assert {line.x0 for line in lines if line.text in ("左1", "右1")} == {150}
    assert {line.x0 for line in lines if line.text in ("左0", "右0")} == {238}


def test_a_one_column_page_is_not_split():
    full_rows = [(250 + 80 * i, 294 + 80 * i, 150, 1370, f"行{i}", 0.99) for i in range(12)]
    signature = [(1300, 1344, 1000, 1300, "落款", 0.99), (1380, 1424, 1000, 1300, "日期", 0.99)]
    assert ocr._gutter(full_rows + signature) is None
    # a key–value table: a narrow column of labels beside wide values is not two columns of text
    table = [(250 + 80 * i, 294 + 80 * i, 150, 350, f"键{i}", 0.99) for i in range(8)]
    table += [(250 + 80 * i, 294 + 80 * i, 500, 1370, f"值{i}", 0.99) for i in range(8)]
    assert ocr._gutter(table) is None


@pytest.fixture(scope="module")
def two_columns(font, tmp_path_factory):
    """The start of seed 003 printed in two columns on one page, read as a PNG."""
    page = scan_pages.render_two_columns(scan_pages.report_lines(SEED), font)
    png = tmp_path_factory.mktemp("columns") / "columns.png"
    page.pages[0].save(png)
    return {"scan": page, "doc": read_document(png)}


@needs_ocr
def test_a_rendered_two_column_page_reads_in_order(two_columns):
    # read row by row across both columns, the text would be shuffled and far below this
    assert scan_pages.char_accuracy(two_columns["doc"].text, two_columns["scan"].text) >= 0.98


def _text_pdf(path: Path, body: str) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.set_y(120)
    pdf.multi_cell(0, 10, body)
    pdf.output(str(path))
    return path


@needs_ocr
def test_mixed_pdf_ocrs_only_the_scanned_page(scan, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    text_page = _text_pdf(tmp_path / "text.pdf", "Report body text on a page with a text layer, long enough to count.")
    writer = pypdf.PdfWriter()
    for part in (text_page, scan["pdf"]):
        for page in pypdf.PdfReader(str(part)).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    writer.write(str(mixed))
    doc = read_document(mixed)
    assert "Report body text on a page with a text layer" in doc.text
    assert DATE in [_squeeze(line) for line in body_text(doc).split("\n")]
    assert f"{ocr.OCR_NOTE}（第2页）" in doc.notes


def test_a_text_pdf_is_never_ocrd(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a page with a text layer went to OCR")

    monkeypatch.setattr(ocr, "page_lines", refuse)
    path = _text_pdf(tmp_path / "text.pdf", "Report body text on a page with a text layer, long enough to count.")
    doc = read_document(path)
    assert "Report body text" in doc.text
    assert not any(note.startswith(ocr.OCR_NOTE) for note in doc.notes)


def test_ocr_stops_at_its_time_budget(monkeypatch, tmp_path):
    from PIL import Image

    from scorer.readers import ocr

    monkeypatch.setattr(ocr, "OCR_PAGE_BUDGET_S", 0.0)  # every page is over a budget of nothing
    path = tmp_path / "scan.png"
    Image.new("RGB", (400, 300), "white").save(path)
    with pytest.raises(InputError, match=r"OCR took over 0 s \(0 s a page; stopped at page 1 of 1\)"):
        read_document(path)


def test_the_ocr_budget_grows_with_the_pages():
    # a long scan on a busy machine is not refused for being long: 90 s is within two
    # pages' budget of 60 s each, and over one page's
    import time

    from scorer.readers import ocr

    started = time.monotonic() - 90
    ocr.within_budget(started, "scan.pdf", 2, 2)
    with pytest.raises(InputError, match=r"OCR took over 60 s \(60 s a page; stopped at page 1 of 1\)"):
        ocr.within_budget(started, "scan.pdf", 1, 1)


# ---- low-confidence OCR marked in the outputs -----------------------------------------


class _FakeEngine:
    """Stands in for RapidOCR: the boxes it "finds" are given, each with its score."""

    def __init__(self, boxes):
        self.boxes = boxes

    def __call__(self, pixels, use_cls=False):
        return self.boxes, None


def _boxes(lines: list[str], doubtful: str) -> list:
    """One box per line as a 公文 page sets them (title centred, paragraphs indented, the
    落款 to the right); the line ``doubtful`` read with a score of 0.5, the rest 0.99."""
    boxes = []
    for i, text in enumerate(lines):
        x0 = 500 if i == 0 else 1100 if text in (SIGNER, DATE) else 150 if text.endswith(":") else 238
        top = 200 + 80 * i
        points = [[x0, top], [1500, top], [1500, top + 44], [x0, top + 44]]
        boxes.append([points, text, 0.5 if text == doubtful else 0.99])
    return boxes


@pytest.fixture(scope="module")
def doubtful(ruleset, tmp_path_factory):
    """The excerpt "read" from a blank page by a stand-in engine, its shortcomings paragraph
    with a low score: scored, and rendered as HTML and JSON."""
    pytest.importorskip("numpy")
    from PIL import Image

    from scorer.render import html_report, json_report

    lines = _excerpt()
    png = tmp_path_factory.mktemp("doubtful") / "scan.png"
    Image.new("RGB", (1654, 2339), "white").save(png)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "available", lambda: True)
        patch.setattr(ocr, "_ocr", lambda: _FakeEngine(_boxes(lines, doubtful=lines[3])))
        doc = read_document(png)
    result = score_document(doc, ruleset)
    return {"doc": doc, "result": result, "line": lines[3],
            "html": html_report.render(result), "json": json_report.to_dict(result)}


def test_low_confidence_text_is_carried_to_the_document(doubtful):
    doc = doubtful["doc"]
    assert doc.ocr
    assert "OCR识别：1行置信度低于0.8" in doc.notes
    assert [doc.text[start:end] for start, end in doc.low_confidence] == [doubtful["line"]]


def test_evidence_from_low_confidence_text_is_marked_in_html_and_json(doubtful):
    import lxml.html

    line = doubtful["line"]
    evidence = [e for r in doubtful["result"].results for e in r.evidence]
    assert any(e.text in line for e in evidence), "the shortcomings paragraph should be evidence"
    assert all(e.low_confidence == (e.text in line) for e in evidence)

    page = lxml.html.fromstring(doubtful["html"])
    items = page.findall(".//li[@class='ev']")
    marked = [li for li in items if li.find(".//span[@class='pill s-deficient ocr-low']") is not None]
    assert marked and len(marked) < len(items)
    for li in items:
        quote = li.find("blockquote").text_content()
        assert (li in marked) == (quote in line), quote

    data = doubtful["json"]
    flagged = [e for r in data["results"] for e in r["evidence"] if e.get("low_confidence")]
    assert flagged and all(e["text"] in line for e in flagged)
    assert all("low_confidence" not in e for r in data["results"] for e in r["evidence"] if e["text"] not in line)
    import jsonschema

    from scorer.render.json_report import REPORT_SCHEMA

    jsonschema.validate(data, REPORT_SCHEMA)


def test_the_desk_marks_low_confidence_evidence_too(doubtful):
    # fazhi serve's report page shows the same mark beside the evidence OCR doubted
    pytest.importorskip("starlette")
    from scorer.web import views

    result = doubtful["result"]
    desk = views.report_desk("0" * 64, "scan.png", result, result, [], {}, set(), False)
    items = [e for area in desk.areas for r in area.requirements for e in r.evidence]
    line = doubtful["line"]
    assert any(e.low_confidence for e in items)
    assert all(e.low_confidence == ("".join(seg.text for seg in e.segments) in line) for e in items)


def test_text_layer_documents_never_carry_the_mark(seed_results, tmp_path, ruleset):
    from scorer.render import html_report, json_report

    pdf = score_document(read_document(_text_pdf(tmp_path / "text.pdf", "Report body text, long enough to count.")),
                         ruleset)
    for result in [*seed_results.values(), pdf]:
        doc = result.segmented.document
        assert not doc.ocr and doc.low_confidence == ()
        assert not any(e.low_confidence for r in result.results for e in r.evidence)
        assert "ocr-low" not in html_report.render(result)
        assert "low_confidence" not in json_report.render(result)


# ---- fazhi batch says which files were OCR'd ------------------------------------------


@needs_ocr
def test_batch_reports_ocrd_files_as_such(scan, tmp_path):
    import csv
    import json

    import lxml.html

    from test_batch import fazhi

    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    (corpus / "scan.png").write_bytes(scan["png"].read_bytes())
    (corpus / "text.txt").write_bytes(SEED.read_bytes())
    run = fazhi("batch", corpus, "-o", out, "-q", "--jobs", "1")
    assert run.returncode == 0, run.stderr
    assert "2 files: 2 scored, 0 already scored, 0 failed; 1 read by OCR" in run.stdout

    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    assert rows["scan.png"]["ocr"] == "yes" and rows["text.txt"]["ocr"] == "no"

    page = lxml.html.fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert page.get_element_by_id("tile-ocr").find("b").text == "1"
    marked = {a.text for a in page.xpath("//td[span[@class='ocr-mark']]/a")}
    assert marked == {"scan.png"}

    reports = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("*.json")]
    reports = {Path(data["file"]).name: data for data in reports}
    assert reports["scan.png"]["ocr"] is True and reports["text.txt"]["ocr"] is False
