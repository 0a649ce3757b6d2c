"""OFD (GB/T 33190) reports: text in reading order, paragraphs, metadata, and hostile packages.

``make_ofd`` below is a small OFD writer: it lays a seed's paragraphs out on A4
pages the way 公文 are set (indented first lines, a running 版头 header and a
"- n -" page number on every page), cuts each line into TextObjects of a few
characters with DeltaX advances (some "g"-compressed, some listed, some scaled by
a CTM), and writes each page's objects in shuffled order, so the reading order
can only come from the positions.

The writer is our own because no well-kept library on PyPI writes OFD text. easyofd,
the only one whose PDF→OFD keeps text, writes a namespace of its own, a page box in
other units than the content, one Boundary for every span of a line with the glyphs
spread over the line's whole width (positions overlap, so no reader can order them),
and drops characters; it also writes into the working directory and puts it on
sys.path when imported. pdf2ofd draws text as paths (no TextObject). Both pull in
PyMuPDF.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from scorer.discover import REPORT_SUFFIXES
from scorer.cli import app
from scorer.ingest import body_text, read_document
from scorer.pipeline import score_file
from test_ingest import error_of
from test_readers import SEED_FILES, make_docx, report_lines, sentences

NS = "http://www.ofdspec.org/2016"
HEADER = "杭州市临安区科学技术局文件"
ISSUER = "杭州市临安区科学技术局"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 182.0, 37.0, 262.0  # the 公文 版心 on A4, in mm
SIZE, LEADING, TITLE_SIZE = 4.2, 7.0, 7.4  # 12 pt body, 22 pt title
runner = CliRunner()


def _advance(char: str, size: float) -> float:
    return size if ord(char) >= 0x2E80 else size / 2


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, line, used = [], "", 0.0
    for char in text:
        if used + _advance(char, size) > width + 1e-6:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += _advance(char, size)
    return lines + [line] if line else lines


def _text_objects(text: str, x: float, baseline: float, size: float, rnd: random.Random, ids) -> list[str]:
    """One line of text as TextObjects of 1–8 characters, positioned in page millimetres.

    Producers differ, so each object is written one of four ways: DeltaX "g"-compressed,
    DeltaX listed, glyphs set at half size and scaled up 2× by a CTM, or two TextCodes
    where the second gives only its X and continues on the first one's baseline.
    """
    objects = []
    i = 0
    while i < len(text):
        chunk = text[i:i + rnd.randint(1, 8)]
        i += len(chunk)
        advances = [_advance(c, size) for c in chunk]
        style = rnd.randrange(4)
        scale = 2 if style == 2 else 1
        ctm = ' CTM="2 0 0 2 0 0"' if scale == 2 else ""
        # Y is the baseline inside the object's Boundary (x, y, w, h), before the CTM.
        codes = [(0.0, f' Y="{size / scale:g}"', chunk, [a / scale for a in advances])]
        if style == 3 and len(chunk) > 1:
            cut = len(chunk) // 2
            codes = [(0.0, f' Y="{size:g}"', chunk[:cut], advances[:cut]),
                     (sum(advances[:cut]), "", chunk[cut:], advances[cut:])]
        xml = []
        for code_x, y_attr, piece, piece_advances in codes:
            deltas = piece_advances[:-1]
            if not deltas:
                delta = ""
            elif style == 0 and len(set(deltas)) == 1:
                delta = f' DeltaX="g {len(deltas)} {deltas[0]:g}"'
            else:
                delta = f' DeltaX="{" ".join(f"{d:g}" for d in deltas)}"'
            xml.append(f'<ofd:TextCode X="{code_x:g}"{y_attr}{delta}>{escape(piece)}</ofd:TextCode>')
        width = sum(advances)
        objects.append(
            f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.3f} {baseline - size:.3f} {width:.3f} {size * 1.2:.3f}" '
            f'Font="3" Size="{size / scale:g}"{ctm}><ofd:FillColor Value="0 0 0"/>{"".join(xml)}</ofd:TextObject>'
        )
        x += width
    return objects


def _page(objects: list[str], page_id: int) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">'
            f'<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox></ofd:Area>'
            f'<ofd:Content><ofd:Layer ID="{page_id}" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def ofd_parts(lines: list[str], *, header: str = HEADER, seed: int = 0,
              title: str | None = None, author: str = ISSUER) -> dict[str, str]:
    """The XML parts of an OFD package holding the report ``lines`` (first line the title)."""
    rnd = random.Random(seed)
    counter = iter(range(100, 10**9))
    pages: list[list[str]] = []
    y = BOTTOM  # forces a new page at once

    def place(text: str, x: float, size: float, leading: float) -> None:
        nonlocal y
        if y + leading > BOTTOM:
            pages.append([])
            y = TOP
        y += leading
        pages[-1].extend(_text_objects(text, x, y, size, rnd, counter))

    first = lines[0] if len(lines[0]) <= 40 else None  # some reports start straight with prose
    if first:
        width = sum(_advance(c, TITLE_SIZE) for c in first)
        for row in _wrap(first, RIGHT - LEFT, TITLE_SIZE):
            place(row, max(LEFT, (PAGE_W - width) / 2), TITLE_SIZE, 11.0)
    for paragraph in lines[1:] if first else lines:
        rows = _wrap(paragraph, RIGHT - LEFT - 2 * SIZE, SIZE)
        rest = _wrap(paragraph[len(rows[0]):], RIGHT - LEFT, SIZE) if rows else []
        place(rows[0], LEFT + 2 * SIZE, SIZE, LEADING)  # first line indented two characters
        for row in rest:
            place(row, LEFT, SIZE, LEADING)
    parts = {}
    for number, objects in enumerate(pages, start=1):
        number_text = f"- {number} -"
        furniture = _text_objects(header, (PAGE_W - len(header) * 3.5) / 2, 18.0, 3.5, rnd, counter)
        furniture += _text_objects(number_text, (PAGE_W - len(number_text) * 1.75) / 2, 285.0, 3.5, rnd, counter)
        shuffled = objects + furniture
        rnd.shuffle(shuffled)
        parts[f"Doc_0/Pages/Page_{number - 1}/Content.xml"] = _page(shuffled, number)
    page_list = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{next(counter)}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}'
        f'</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
        f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
    parts["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="3" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
    title = lines[0] if title is None else title
    parts["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>6c2b1f0e9a8d4e53b1c2d3e4f5a6b7c8</ofd:DocID>'
        f'<ofd:Title>{escape(title)}</ofd:Title><ofd:Author>{escape(author)}</ofd:Author>'
        f'<ofd:CreationDate>2023-03-20</ofd:CreationDate><ofd:Creator>fazhi test writer</ofd:Creator></ofd:DocInfo>'
        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    return parts


def write_ofd(parts: dict[str, str | bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return path


def make_ofd(lines: list[str], path: Path, **kwargs) -> Path:
    return write_ofd(ofd_parts(lines, **kwargs), path)


def _statuses(result, with_deadline: bool) -> dict[str, str]:
    return {r.rule.id: r.status for r in result.results if with_deadline or r.rule.id != "meta.deadline"}


# --- reading -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_ofd_reads_like_the_txt(tmp_path, seed):
    lines = report_lines(seed)
    doc = read_document(make_ofd(lines, tmp_path / "report.ofd", seed=len(lines)))
    assert doc.source_format == "ofd"
    assert sentences(body_text(doc)) == sentences("\n".join(lines))


def test_ofd_paragraphs_headers_and_page_numbers(tmp_path):
    lines = report_lines(SEED_FILES[1])
    doc = read_document(make_ofd(lines, tmp_path / "report.ofd"))
    assert doc.text.count("\n") > 10
    pages = sum(1 for name in zipfile.ZipFile(tmp_path / "report.ofd").namelist() if name.endswith("Content.xml"))
    assert pages >= 3  # several pages, each with its header and number
    assert HEADER not in doc.text
    assert not re.search(r"^- \d+ -$", doc.text, re.MULTILINE)
    assert f"删除页眉页脚和页码 {2 * pages} 行" in doc.notes
    # Wrapped lines are joined back into their paragraphs, one paragraph a line.
    assert doc.text.split("\n") == lines


def test_ofd_metadata(tmp_path):
    lines = report_lines(SEED_FILES[2])
    doc = read_document(make_ofd(lines, tmp_path / "report.ofd"))
    assert doc.metadata == {"title": lines[0], "issuer": ISSUER, "created": "2023-03-20"}
    # A person as author and an application as creator name no issuer.
    doc = read_document(make_ofd(lines, tmp_path / "person.ofd", author="张三", title="report.docx"))
    assert doc.metadata == {"created": "2023-03-20"}


def test_ofd_found_by_content_and_by_batch(tmp_path):
    # Portals serve OFD under other names: the package's OFD.xml decides, not the suffix.
    lines = report_lines(SEED_FILES[0])
    assert read_document(make_ofd(lines, tmp_path / "download.bin")).source_format == "ofd"
    assert ".ofd" in REPORT_SUFFIXES


def test_absolute_and_root_relative_part_names(tmp_path):
    parts = ofd_parts(report_lines(SEED_FILES[0]))
    doc_xml = parts["Doc_0/Document.xml"]
    # Absolute names ("/Doc_0/…", as the standard allows) and names relative to the package root.
    parts["Doc_0/Document.xml"] = re.sub(r'BaseLoc="Pages/Page_(\d+)',
                                         lambda m: f'BaseLoc="{"/" if int(m[1]) % 2 else ""}Doc_0/Pages/Page_{m[1]}', doc_xml)
    parts["OFD.xml"] = parts["OFD.xml"].replace("<ofd:DocRoot>Doc_0", "<ofd:DocRoot>/Doc_0")
    doc = read_document(write_ofd(parts, tmp_path / "report.ofd"))
    assert doc.text.split("\n") == report_lines(SEED_FILES[0])


# --- the same verdict whatever the format -------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_ofd_gets_the_statuses_of_txt_and_docx(tmp_path, ruleset, seed_results, seed):
    original = seed_results[seed.name]
    lines = report_lines(seed)
    from_ofd = score_file(make_ofd(lines, tmp_path / "report.ofd"), ruleset)
    from_docx = score_file(make_docx(lines, tmp_path / "report.docx"), ruleset)
    # The deadline compares when the date is the report's own 落款: the file's
    # CreationDate is kept as "created" and never stands in for it.
    with_deadline = original.signed is not None
    assert _statuses(from_ofd, with_deadline) == _statuses(original, with_deadline)
    assert _statuses(from_ofd, True) == _statuses(from_docx, True)
    assert from_ofd.year == original.year
    assert from_ofd.score == pytest.approx(original.score, abs=0.0 if with_deadline else 10.0)


# --- broken and hostile packages: one line each ----------------------------------------


def _good_parts() -> dict[str, str | bytes]:
    return ofd_parts(report_lines(SEED_FILES[3])[:12])


def test_ofd_zip_bomb(tmp_path):
    parts = _good_parts()
    parts["Doc_0/Pages/Page_0/Content.xml"] = parts["Doc_0/Pages/Page_0/Content.xml"].replace(
        "<ofd:Content>", "<ofd:Content>" + " " * 3_000_000)
    path = write_ofd(parts, tmp_path / "bomb.ofd")
    assert path.stat().st_size < 100_000
    assert error_of(path, max_bytes=100_000) == f"{path}: OFD XML expands past the size limit (possible zip bomb)"


def test_ofd_entity_expansion_refused(tmp_path):
    laughs = ('<!DOCTYPE ofd:OFD [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    parts = _good_parts()
    parts["OFD.xml"] = parts["OFD.xml"].replace("?>\n", "?>\n" + laughs).replace("<ofd:Title>", "<ofd:Title>&d;")
    path = write_ofd(parts, tmp_path / "laughs.ofd")
    assert error_of(path) == f"{path}: OFD part OFD.xml declares a DTD: XML entities are refused"


def test_ofd_external_entity_refused(tmp_path):
    parts = _good_parts()
    page = "Doc_0/Pages/Page_0/Content.xml"
    parts[page] = (parts[page].replace("?>\n", '?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
                   .replace("</ofd:TextCode>", "&x;</ofd:TextCode>", 1))
    path = write_ofd(parts, tmp_path / "xxe.ofd")
    assert error_of(path) == f"{path}: OFD part {page} declares a DTD: XML entities are refused"


@pytest.mark.parametrize("case, expected", [
    ("no Document.xml", "corrupt OFD (no Doc_0/Document.xml inside)"),
    ("no DocRoot", "corrupt OFD (OFD.xml names no document: no DocBody/DocRoot)"),
    ("no OFD.xml", "corrupt OFD (no OFD.xml inside)"),
    ("broken page XML", "corrupt OFD (Doc_0/Pages/Page_0/Content.xml is not well-formed XML)"),
    ("missing page", "corrupt OFD (no Doc_0/Pages/Page_9/Content.xml inside)"),
    ("bad number", "corrupt OFD (a number in Doc_0/Pages/Page_0/Content.xml cannot be read)"),
    ("bad page box", "corrupt OFD (bad PhysicalBox in Doc_0/Pages/Page_0/Content.xml)"),
    ("only an image", "scanned OFD: no text layer, needs OCR first"),
    ("no text", "OFD has no text"),
    ("not a zip", "corrupt OFD (not a valid zip)"),
    ("truncated zip", "corrupt OFD (not a valid zip)"),
])
def test_malformed_ofd_is_one_line(tmp_path, case, expected):
    parts = _good_parts()
    page = "Doc_0/Pages/Page_0/Content.xml"
    if case == "no Document.xml":
        del parts["Doc_0/Document.xml"]
    elif case == "no DocRoot":
        parts["OFD.xml"] = re.sub(r"<ofd:DocRoot>.*?</ofd:DocRoot>", "", parts["OFD.xml"])
    elif case == "no OFD.xml":
        del parts["OFD.xml"]
    elif case == "broken page XML":
        parts[page] = parts[page][: len(parts[page]) // 2]
    elif case == "missing page":
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].replace("Page_0/", "Page_9/")
    elif case == "bad number":
        parts[page] = parts[page].replace('Y="4.2"', 'Y="4,2"', 1)
    elif case == "bad page box":
        parts[page] = parts[page].replace(f"0 0 {PAGE_W:g} {PAGE_H:g}", "0 0 210")
    elif case in ("only an image", "no text"):
        image = '<ofd:ImageObject ID="9" Boundary="0 0 210 297" ResourceID="8"/>' if case == "only an image" else ""
        for name in [n for n in parts if n.endswith("Content.xml")]:
            parts[name] = re.sub(r"<ofd:Layer ([^>]*)>.*</ofd:Layer>", rf"<ofd:Layer \1>{image}</ofd:Layer>", parts[name])
    path = write_ofd(parts, tmp_path / "report.ofd")
    if case == "not a zip":
        path.write_bytes("法治政府建设年度报告".encode("gbk") * 10)  # no zip signature: the suffix decides
    elif case == "truncated zip":
        path.write_bytes(path.read_bytes()[:300])
    message = error_of(path)
    assert message == f"{path}: {expected}"
    assert "\n" not in message


def test_encrypted_part_and_page_limit(tmp_path, monkeypatch):
    import scorer.readers.ofd as ofd

    parts = _good_parts()
    pages = sum(1 for name in parts if name.endswith("Content.xml"))
    path = write_ofd(parts, tmp_path / "report.ofd")
    monkeypatch.setattr(ofd, "MAX_PDF_PAGES", pages - 1)
    assert error_of(path) == f"{path}: OFD has {pages} pages, over the {pages - 1}-page limit for one report"
    monkeypatch.undo()
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag bit on every entry of the central directory.
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        data[match.start() + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert error_of(path) == f"{path}: encrypted OFD: cannot read without the password"


def test_too_much_text_is_refused(tmp_path, monkeypatch):
    import scorer.readers.ofd as ofd

    monkeypatch.setattr(ofd, "MAX_GLYPHS", 500)
    path = write_ofd(_good_parts(), tmp_path / "report.ofd")
    assert error_of(path) == f"{path}: OFD text is over 500 characters: is this one report?"


def test_compressed_delta_bomb_is_bounded(tmp_path):
    # "g 2000000000 1" would be two billion advances if expanded blindly.
    parts = _good_parts()
    page = "Doc_0/Pages/Page_0/Content.xml"
    parts[page] = re.sub(r'DeltaX="[^"]*"', 'DeltaX="g 2000000000 4.2"', parts[page])
    doc = read_document(write_ofd(parts, tmp_path / "report.ofd"))
    assert doc.source_format == "ofd"


def test_cli_says_one_line_and_exits_2(tmp_path):
    parts = _good_parts()
    del parts["Doc_0/Document.xml"]
    path = write_ofd(parts, tmp_path / "report.ofd")
    res = runner.invoke(app, ["score", str(path)])
    assert res.exit_code == 2
    assert res.stderr.strip() == f"fazhi: error: {path}: corrupt OFD (no Doc_0/Document.xml inside)"


def test_another_producers_namespace_reads(tmp_path):
    # Element names are matched without their namespace: easyofd, for one, writes its own URI.
    lines = report_lines(SEED_FILES[0])[:8]
    parts = {name: text.replace(NS, "http://blog.yuanhaiying.cn") for name, text in ofd_parts(lines).items()}
    assert read_document(write_ofd(parts, tmp_path / "report.ofd")).text.split("\n") == lines
