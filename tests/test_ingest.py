"""Ingest of plain text: encodings, web furniture, repeated copies, bad input."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.ingest import body_text, read_document
from scorer.readers.furniture import find_furniture, is_furniture
from scorer.readers.pinyin import strip_pinyin
from scorer.readers.repeats import find_repeats

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


def seed_text(prefix: str) -> str:
    return seed(prefix).read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def error_of(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, **kwargs)
    return str(info.value)


# --- the Document contract -------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_document_contract(path):
    doc = read_document(path)
    assert doc.path == str(path)
    assert doc.source_format == "txt" and doc.encoding == "utf-8"
    assert doc.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    starts = {0} | {m.end() for m in re.finditer("\n", doc.text)}
    ends = {m.start() for m in re.finditer("\n", doc.text)} | {len(doc.text)}
    previous_end = -1
    for start, end in doc.keep:
        assert previous_end < start < end or (previous_end == -1 and start == 0 < end)
        assert start in starts and end in ends, "spans are whole lines"
        assert doc.text[start:end].strip()
        previous_end = end
    assert all(isinstance(v, str) for v in doc.metadata.values())


def test_path_is_kept_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    rel = os.path.join("seeds", seed("001").name)
    assert read_document(rel).path == rel


def test_clean_reports_keep_everything():
    for prefix in ("001", "003"):
        doc = read_document(seed(prefix))
        assert body_text(doc).strip() == doc.text.strip()
        assert doc.notes == ()


def test_body_text_joins_kept_spans():
    doc = read_document(seed("002"))
    assert body_text(doc) == "\n".join(doc.text[s:e] for s, e in doc.keep)


# --- seeds: furniture and repeats ------------------------------------------


def test_seed_004_repeated_body_counts_once():
    doc = read_document(seed("004"))
    body = body_text(doc)
    assert body.count("一、2022年度法治政府建设工作情况") == 1
    assert body.count("杭州市临安区科学技术局2022年度法治政府建设情况报告") == 1
    assert body.count("2022年以来,区科技局坚持") == 1
    assert any("重复" in note for note in doc.notes)
    # The first copy is the one kept, signature included.
    assert body.rstrip().endswith("2023年2月27日")
    assert doc.keep[-1][1] < doc.text.index("分享:")


def test_seed_004_furniture_dropped_into_metadata():
    doc = read_document(seed("004"))
    body = body_text(doc)
    for gone in ("索引号", "发布单位", "公开范围", "统一编号", "浏览量", "日期:", "来源:", "23:50", "分享", "打印"):
        assert gone not in body, gone
    assert doc.metadata["published"] == "2023-03-31"
    assert doc.metadata["issuer"] == "区科技局"
    assert any("网页附加信息" in note for note in doc.notes)
    assert doc.text.startswith("索引号"), "text itself is never rewritten"


def test_seed_002_breadcrumb_and_date():
    doc = read_document(seed("002"))
    body = body_text(doc)
    assert "首页" not in body and "发布日期" not in body
    assert body.startswith("市科技局关于2024年法治政府建设工作情况的报告")
    assert doc.metadata["published"] == "2025-03-06"


def test_seed_000_image_name_and_reprint_notice():
    doc = read_document(seed("000"))
    body = body_text(doc)
    assert ".png" not in body and "转载" not in body and "http" not in body
    assert body.rstrip().endswith("推动法治宣传进社区工作。")


# --- furniture patterns: what goes, what stays ------------------------------

FURNITURE = [
    "首页 > 通知公告 > 通知公告详情",
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "您的位置: 首页 » 信息公开",
    "索引号 002508596/2023-64874 公开方式 主动公开",
    "索引号：11330185002508596R/2023-00012",
    "发布单位 区科技局 发文日期 2023-03-31",
    "主题分类：综合政务\\其他",
    "统一编号 有效性",
    "发布日期:2025-03-06",
    "发布时间：2023-03-31 来源：区科技局 浏览次数：35",
    "信息来源: 区科技局",
    "【字体：大 中 小】",
    "字体: [",
    "]",
    "分享到：",
    "【打印本页】【关闭窗口】",
    "扫一扫在手机打开当前页",
    "如若转载,请注明出处:http://news.qyzyw.com/article/1897",
    "转载请注明来源",
    "(新)中华企业资源网后缀.png",
    "banner_2023.JPG",
    "http://www.linan.gov.cn/art/2023/3/31/art_1229.html",
    "上一篇：2021年度法治政府建设情况报告",
    "版权所有：杭州市临安区人民政府办公室",
    "浙ICP备05012345号-1 浙公网安备 33018502000123号",
    "2023-03-31 23:50",
    # a layout table pads its labels, and a copied page bullets its rows
    "索 引 号:370402/2022-00029",
    "文　　号:无",
    "- 成文时间:2022年02月28日",
    "• [ 发布日期 ]",
    "- 标 题:市中区人力资源和社会保障局2021年度法治政府建设情况报告",
    "名称 江苏省文化和旅游厅关于2021年度推进法治政府建设情况的报告",
    "信息类别 综合政务",
    "- 效力状态:有效",
    # a page reposted in traditional characters; the site's channel and accessibility bar
    "發布日期：2021-03-01",
    "字號：[ 大 中 小 ]",
    "时效:",
    "政府信息公开",
    "无障碍 简体| 繁体",
    "图片",
    "天津市静海区人民政府 2019年12月3日星期二",
    "今天是:2020年1月6日 星期一 农历腊月十二",
    "188体育网",
    "欢迎访问沈阳市法库县人民政府",
    "| 索引号:000014349/2026-02861 | |",
    "| 发文机关:黎侯镇人民政府 | 主题词: |",
    "公开类别 | 主动公开 | 发布时间 | 2025-03-17 |",
    "您当前的位置 : 河北省司法厅网 >> 法治工作 >> 法治调研",
    "河北省司法厅网 >> 法治工作 >> 法治调研",
    "苏州市皇冠体育投注-在线app官网【中国科学院】@政务服务中心",
    # other sites' catalogue rows, info lines, links and buttons
    "法定主动公开分类:其他 公开方式:主动公开",
    "生效日期:     废止日期:",
    "签发人:王晓东",
    "信息索引号: 011220033/2023-00451",
    "责任部门: 某市市场监督管理局",
    "效用状态:有效",
    "发 文 号:某交发〔2023〕7号",
    "发表日期:2023-03-20    文章来源:某某街道",
    "阅读:126次",
    "原文链接:点击查看源文件",
    "文件下载:",
    "保护视力色:",
    "您当前所在的位置:首页 > 政务公开 > 法治政府建设",
    "您现在所处的位置: 首页",
    "中文域名:某某县人民政府.政务",
    # two crumbs only
    "政府信息公开 > 法治政府建设",
    "政务公开 » 法治政府建设年度报告",
    # a trail printed with arrows first, its last crumb a long section name
    "> 行政执法公开 > 法治政府建设年度报告和工作要点",
    ">> 信息公开 >> 法治政府建设年度报告和年度工作计划",
    # a trail with the page's date and tools run on after its last crumb
    "政府信息公开 > 法定主动公开内容 > 其他主动公开内容 > 法治政府建设年度报告日期:2025-02-28 14:30 字体:[ 大 中 小 ] 关闭窗口",
    # the channel in the site's tab bar, and the issuer's disclosure section named above the article
    "政府信息公开 规章库",
    "阳江市政务服务和数据管理局政府信息公开",
    "湛江市廉江市良垌镇人民政府信息公开",
    # (r13) the same section called 政务公开 or printed after a space, and the catalogue's entries
    "北京市海淀区人民政府政务公开",
    "东莞市市场监督管理局政务公开专栏",
    "杭州市西湖区人民政府 政府信息公开",
    "政府信息公开目录",
    "政府信息公开 法定主动公开内容",
    "信息公开指南 信息公开制度 法定主动公开内容 信息公开年报",
]

BODY = [
    "一、2022年度法治政府建设工作情况",
    "(一)加强组织领导,落实主体责任。",
    "县政府:",
    "杭州市临安区科学技术局",
    "2023年2月27日",
    "2023-02-27",
    "五、其他需要报告的情况",
    # a comparison or a quote is not a trail
    "群众满意度 > 95%，较上年提高3个百分点。",
    # Prose that mentions labels, links or sharing is still prose.
    "来源于群众的意见建议全部办理完毕,发布日期、发布单位等信息在门户网站同步公开,群众满意率达到98%以上,有效提升了政务公开质量。",
    "日期方面,我局严格落实重大行政决策事项目录公开制度,在规定时限内向社会公布年度重大行政决策事项目录,主动接受社会监督。",
    "全年在门户网站 http://www.example.gov.cn 主动公开政府信息40条,其中规划计划2条,财政信息2条,人事信息2条。",
    "积极推进“互联网+监管”,分享典型经验做法3篇,被省司法厅转载推广。",
    "一、政府信息公开",
    "| 1 | 行政许可 | 15件 |",
    "开展全民健身和体育赛事活动安全监管，查处违规彩票销售点3家。",
    "市体育局",
    "(三)建设智慧体育平台",
    "(二)政务公开",
    # a heading of the work on disclosure, with a place in it, is body text
    "三是推进县政府信息公开",
    "推进政府信息公开",
    # (r13) a field's heading with a place but no body's name, and the work on disclosure
    "全县政务公开",
    "全面推进县政府政务公开",
    "市政府信息公开工作持续加强",
    # prose beginning with words that are labels elsewhere
    "责任部门要按照“谁执法谁公示”的原则，在执法决定作出之日起7个工作日内公示。",
    "阅读量方面，本局微信公众号全年推送普法文章120篇，总阅读量达到3.5万次，较上年增长20%。",
    "签发人制度得到严格执行,全年规范性文件均经主要负责人签发,未发生越权发文情况。",
    "群众综合满意度 > 95%",
    "中",  # a one-character line is rare, but "大 中 小" alone is a button row, so this documents the choice
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", BODY[:-1])
def test_body_lines_are_kept(line):
    assert not is_furniture(line)


def test_label_line_takes_its_value_line_along():
    lines = ["标题", "日期:", "2023-03-31 23:50", "来源:", "区科技局", "浏览量:", "", "正文第一段很长很长的内容。"]
    dropped, meta = find_furniture(lines)
    assert dropped == {1, 2, 3, 4, 5}
    assert meta == {"published": "2023-03-31", "issuer": "区科技局"}


def test_a_bulleted_catalogue_label_takes_its_value_along():
    # ("- 公开方式:" then "- 主动公开": the value is furniture too, not openness done)
    lines = ["- 索引号:", "- 113310810026792569/2022-00223", "- 公开方式:", "- 主动公开", "  • [ 发布日期 ]",
             "  • 2024-01-05", "- 发文时间:2022年02月28日", "2021年以来,区人社局主动公开政府信息32条。"]
    dropped, meta = find_furniture(lines)
    assert dropped == set(range(7))
    assert meta == {"published": "2024-01-05"}
    # unbulleted, a value is taken along only when it looks like one: not the report's title
    dropped, _ = find_furniture(["公开方式:", "主动公开", "主题词:", "市科技局2023年法治政府建设情况报告", "文号:", "温建〔2022〕4号"])
    assert dropped == {0, 1, 2, 4, 5}


def test_a_catalogue_table_in_bars_gives_its_issuer():
    dropped, meta = find_furniture(["| 发文机关:黎侯镇人民政府 | 主题词: |", "| 发文时间:2025-12-22 |", "2025年，黎侯镇坚持依法行政。"])
    assert dropped == {0, 1} and meta == {"issuer": "黎侯镇人民政府", "published": "2025-12-22"}


def test_an_info_line_dated_as_published_gives_the_date():
    dropped, meta = find_furniture(["发表时间:2021-03-05   来源:某省司法厅", "2020年,某省司法厅坚持依法行政。"])
    assert dropped == {0} and meta == {"published": "2021-03-05", "issuer": "某省司法厅"}


@pytest.mark.parametrize(("line", "meta"), [
    # the next label right after a colon, or glued to the value before it
    ("文章来源: 发布时间:2017年12月13日 字号:【小】 【大】", {"published": "2017-12-13"}),
    ("来源:区教育局发布日期:2021-01-08", {"issuer": "区教育局", "published": "2021-01-08"}),
    ("来源:桐溪县司法局 作者: 发布时间 2025年09月05日 点击数:", {"issuer": "桐溪县司法局", "published": "2025-09-05"}),
    ("信息来源:本网 法规与宣教科发布日期:2023-01-18 分享:", {"published": "2023-01-18"}),
    ("时间:2026-02-03来源:桐溪市政策法规科点击:", {"published": "2026-02-03", "issuer": "桐溪市政策法规科"}),
    # the catalogue's 生成日期 is the page's date, as 发布日期 is
    ("- 公文生成日期: 2025-02-07", {"published": "2025-02-07"}),
    ("发布机构: 桐溪区司法局 生成日期: 2024-03-05", {"issuer": "桐溪区司法局", "published": "2024-03-05"}),
    # the page's date after the site's or the body's name, with or without a colon or bars
    ("桐溪县人民政府 发布时间: 2026-03-03 09:36", {"published": "2026-03-03"}),
    ("桐溪县人民政府门户网站 www.example.gov.cn 发布时间:2025-04-17 12:23", {"published": "2025-04-17"}),
    ("| 公开目录 | 公共法律服务 | 发布日期 | 2026-03-17 |", {"published": "2026-03-17"}),
    ("发布日期2023-02-07", {"published": "2023-02-07"}),
    # a table's cell ends at its bar, whether the label shares the cell or has one of its own
    ("| 发文机关:桐溪县住房和城乡建设管理局 | 主 题 词: |", {"issuer": "桐溪县住房和城乡建设管理局"}),
    ("| 关键词 | 发布机构 | 桐溪县林草局 | |", {"issuer": "桐溪县林草局"}),
    ("文章发布日期: 2018-03-08    来源:桐溪市水务局", {"published": "2018-03-08", "issuer": "桐溪市水务局"}),
])
def test_a_page_date_line_is_furniture_and_gives_the_date(line, meta):
    dropped, found = find_furniture([line, "2024年，我局坚持依法行政，推进法治政府建设。"])
    assert dropped == {0} and found == meta


@pytest.mark.parametrize("line", [
    # prose that says when something was published stays text
    "我局在门户网站发布时间表，2023-03-01起实施。",
    "全年发布日期、发布单位等信息齐全的政府信息120条。",
])
def test_prose_about_publishing_dates_is_not_a_date_line(line):
    assert not is_furniture(line)


def test_label_line_leaves_a_body_line_alone():
    lines = ["来源:", "一、2022年度法治政府建设工作情况"]
    dropped, meta = find_furniture(lines)
    assert dropped == {0} and "issuer" not in meta


def test_repeats_need_a_run_of_long_lines():
    sentence = "我局坚持以习近平新时代中国特色社会主义思想为指导,全面推进依法行政。"
    lines = ["标题", sentence, "一、工作情况", "第二段内容也很长很长很长很长很长很长很长很长。", sentence]
    assert find_repeats(lines, set()) == set()
    body = [f"第{i}段：这是一段足够长的正文内容，用来模拟报告中的一个自然段落。" for i in range(5)]
    lines = ["标题"] + body + ["分享:"] + ["标题"] + body + ["末尾补充一行新内容，不属于重复部分，应当保留下来。"]
    assert find_repeats(lines, {6}) == set(range(7, 13))


# --- encodings ---------------------------------------------------------------

ENCODINGS = [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("utf-16"), "utf-16"),
    (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: t.encode("gbk"), "gb18030"),
]


@pytest.mark.parametrize("encode,expected", ENCODINGS, ids=[e for _, e in ENCODINGS])
@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_encoding_is_detected_from_bytes(tmp_path, encode, expected, prefix):
    text = seed_text(prefix)
    doc = read_document(write(tmp_path, "report.txt", encode(text)))
    assert doc.encoding == expected
    assert doc.text == text


def test_utf8_is_decoded_without_running_the_detector(tmp_path, monkeypatch):
    # strict UTF-8 is tried first, and the charset detector only when it fails
    import charset_normalizer

    calls = []
    real = charset_normalizer.from_bytes
    # the reader imports the detector when it first needs it, from the package itself
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: calls.append(len(data)) or real(data))
    text = seed_text("002")
    assert read_document(write(tmp_path, "utf8.txt", text.encode("utf-8"))).encoding == "utf-8"
    assert calls == []
    assert read_document(write(tmp_path, "gbk.txt", text.encode("gbk"))).encoding == "gb18030"
    assert len(calls) == 1


def test_short_gbk_text_is_not_mistaken(tmp_path):
    # Detectors guess wildly on a few bytes; the Chinese-text check catches it.
    text = "秦安县科学技术局\n2021年2月23日\n"
    doc = read_document(write(tmp_path, "short.txt", text.encode("gbk")))
    assert doc.text == text and doc.encoding == "gb18030"


def test_newlines_are_normalised_and_nothing_else(tmp_path):
    raw = "标题\r\n\r\n　　第一段，全角空格缩进。\r第二段 ABC１２３\n"
    doc = read_document(write(tmp_path, "crlf.txt", raw))
    assert doc.text == "标题\n\n　　第一段，全角空格缩进。\n第二段 ABC１２３\n"


def test_a_stray_bad_byte_is_replaced_not_fatal(tmp_path):
    text = seed_text("003").encode("utf-8")
    doc = read_document(write(tmp_path, "one-bad-byte.txt", text[:300] + b"\xff" + text[300:]))
    assert "\ufffd" in doc.text
    assert any("无法按" in note for note in doc.notes)


# --- bad input: one line, no traceback -----------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    assert error_of(path) == f"{path}: no such file"


def test_directory(tmp_path):
    assert error_of(tmp_path) == f"{tmp_path}: is a directory, not a report file"


def test_empty_file(tmp_path):
    assert error_of(write(tmp_path, "empty.txt", b"")).endswith(": file is empty")


@pytest.mark.parametrize("blank", [" \n\t\r\n", "\u3000\u3000\n", "\ufeff  \n"])
def test_whitespace_only_file(tmp_path, blank):
    assert error_of(write(tmp_path, "blank.txt", blank)).endswith(": file is empty")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,  # NUL bytes and everything else
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        ("正文" * 50).encode("utf-8") + b"\x01\x02\x03\x04\x05\x06" * 40,  # control characters
    ],
    ids=["random", "png", "control-chars"],
)
def test_binary_content(tmp_path, data):
    assert ": not a text report: binary content" in error_of(write(tmp_path, "report.txt", data))


def test_undecodable_bytes(tmp_path):
    data = bytes(range(0x80, 0x100)) * 40
    assert error_of(write(tmp_path, "report.txt", data)).endswith(
        ": cannot decode text (tried utf-8, utf-16, gb18030)"
    )


def test_over_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(25_300_000)  # sparse: instant, and never read
    assert error_of(path) == f"{path}: file is 25.3 MB, over the 20 MB limit"


def test_size_limit_is_a_parameter(tmp_path):
    path = write(tmp_path, "report.txt", seed_text("003"))
    assert error_of(path, max_bytes=1000).endswith("over the 1 KB limit")


def test_only_furniture(tmp_path):
    path = write(tmp_path, "page.txt", "首页 > 通知公告\n发布日期:2025-03-06\n分享:\n打印\n")
    assert "no report text" in error_of(path)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error_of(fifo).endswith(": not a regular file")


# --- format by content, not by name ------------------------------------------


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    page = "<!DOCTYPE html><html><head><title>T</title></head><body><p>" + seed_text("003").replace("\n", "</p><p>") + "</p></body></html>"
    doc = read_document(write(tmp_path, "report.txt", page))
    assert doc.source_format == "html"
    assert "<p>" not in body_text(doc) and "秦安县科学技术局" in body_text(doc)


def test_broken_docx_and_pdf_named_by_extension(tmp_path):
    assert error_of(write(tmp_path, "a.docx", "not a zip at all")).endswith(": corrupt .docx (not a valid zip)")
    assert error_of(write(tmp_path, "a.pdf", "not a pdf at all")).endswith(": corrupt PDF (no %PDF header)")


def test_pinyin_in_a_utf8_report_is_text(tmp_path):
    # Mirror sites annotate characters with pinyin (常态(tài)化): tone-marked letters in a
    # strict UTF-8 file are text, not a wrong guess of the encoding — and not the report's:
    # they are taken out, with a note, so the words read whole again.
    line = "推进执法监督常态(tài)化(huà)，规(guī)范(fàn)执(zhí)法(fǎ)行(xíng)为(wéi)。"
    path = write(tmp_path, "pinyin.txt", ("某县2023年法治政府建设情况报告\n" + line * 20).encode("utf-8"))
    doc = read_document(path)
    assert "推进执法监督常态化，规范执法行为。" * 20 in doc.text and "(" not in doc.text
    assert "删除网页添加的拼音注音 160 处" in doc.notes
    # a GBK file is still read as GBK: only a strict UTF-8 decode may carry Latin letters
    gbk = write(tmp_path, "gbk.txt", ("某县2023年法治政府建设情况报告\n" + "推进执法监督常态化。" * 20).encode("gb18030"))
    assert "推进执法监督" in read_document(gbk).text


def test_only_toned_pinyin_after_a_character_is_taken_out():
    # (not after a bracket, not without a tone mark: only what a site adds to a character)
    lines = ["建設(shè)法治政府（fǎ）", "附件(a)与(ok)说明", "(一)(yī)", "領(lǐng)導(dǎo)"]
    assert strip_pinyin(lines) == (["建設法治政府", "附件(a)与(ok)说明", "(一)(yī)", "領導"], 4)


def test_an_annotated_report_scores_as_the_clean_one(tmp_path):
    from scorer.pipeline import score_document
    from scorer.rules import builtin_rules

    clean = seed_text("001")
    annotated = clean.replace("领导", "领(lǐng)导(dǎo)").replace("建设", "建(jiàn)设(shè)")
    assert annotated != clean
    doc = read_document(write(tmp_path, "annotated.txt", annotated))
    assert doc.text == clean.replace("\r\n", "\n")
    rules = builtin_rules()
    assert ([r.status for r in score_document(doc, rules).results]
            == [r.status for r in score_document(read_document(seed("001")), rules).results])
