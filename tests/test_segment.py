"""Segmentation on reports written in different 公文 styles, not only the seeds'."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.models import Document
from scorer.segment import segment


def _seg(text: str, **metadata):
    return segment(Document(path="t.txt", text=text, keep=((0, len(text)),), source_format="txt", metadata=metadata))


def _roles(seg):
    return [p.role for p in seg.parts]


def test_numbered_parts_get_roles_and_subheadings_inherit():
    text = (
        "某市司法局2023年度法治政府建设情况报告\n"
        "第一部分 主要举措和成效\n（一）加强组织领导。召开会议3次。\n"
        "第二部分 存在的问题和原因\n1.人员不足。主要是编制少。\n"
        "第三部分 主要负责人履行第一责任人职责情况\n局长带头述法。\n"
        "第四部分 2024年工作安排\n（一）继续加强学习。\n"
        "第五部分 其他需要报告的情况\n无。\n"
        "某市司法局\n2024年3月1日"
    )
    seg = _seg(text)
    assert _roles(seg) == ["title", "achievements", "achievements", "shortcomings", "first_responsible",
                           "next_year", "next_year", "other", "signature"]
    assert seg.year == 2023
    assert seg.issuer == "某市司法局"
    assert seg.signed == dt.date(2024, 3, 1)


def test_headingless_shortcomings_and_plans_paragraphs():
    text = (
        "一、强化领导。全年召开会议2次。\n"
        "二、规范执法。办理案件5件。\n"
        "我局法治政府建设虽然取得一定成效，但还存在一些不足，主要是人员力量薄弱。\n"
        "2022年，我局将重点做好以下工作：一是加强学习；二是规范执法。\n"
    )
    seg = _seg(text)
    assert seg.year == 2021  # the only year named is the plan's
    roles = _roles(seg)
    assert "shortcomings" in roles and "next_year" in roles
    assert roles.index("shortcomings") < roles.index("next_year")


def test_problems_found_in_others_work_open_no_shortcomings_part():
    # (x28d) 存在问题的 qualifying the documents, units or case files the work found at fault
    # (对其中两件存在问题的文件…纠正, 对存在问题的单位下发整改通知) reports work done; the unit's own
    # gap, said of itself, still opens the shortcomings
    head = "一、主要举措和成效\n（一）规范文件管理。\n"
    _assert_shortcomings_opened_only_by(
        head,
        done=("对各镇报送的11件规范性文件进行备案审查，对其中3件存在问题的文件发函督促纠正。\n",
              "全年评查执法案卷64卷，对存在问题的4个中队下发整改通知。\n",
              "督促存在问题的企业限期整改，整改率100%。\n",
              # …the units at fault named after it, or the problems found counted
              "专项检查中，存在问题的站所均已整改到位。\n",
              "评查案卷70卷，存在问题案卷6卷，已逐卷反馈。\n",
              "督察中共查找存在问题21个，已整改19个。\n"),
        gaps=("我局规范性文件备案审查工作还存在一些问题，报备不够及时。\n",
              "个别股室还存在问题的苗头，执法不够规范。\n",
              # (a report's own gaps come in kinds, not counted)
              "我局还存在问题主要有三个方面：一是学法不够深入。\n",
              "对存在问题的单位进行了通报，但我局自身还存在一些不足。\n"))


def _assert_shortcomings_opened_only_by(head: str, done: tuple[str, ...], gaps: tuple[str, ...]) -> None:
    """Each line of `done` after `head` opens no shortcomings part; each of `gaps` does."""
    for line in done:
        assert "shortcomings" not in _roles(_seg(head + line)), line
    for line in gaps:
        assert "shortcomings" in _roles(_seg(head + line)), line


def test_report_parts_named_in_a_row_open_no_shortcomings_part():
    # (r30d) the parts of a report named in a list (主要举措、存在不足和下一年度安排; 工作成效和存在
    # 问题) in a sentence about the report or a review are no shortcomings paragraph; a paragraph
    # opened by the unit's own gaps still is, whatever it names after them
    head = "一、主要举措和成效\n（一）加强组织领导。\n"
    _assert_shortcomings_opened_only_by(
        head,
        done=("按时公开年度法治政府建设情况报告，报告涵盖主要举措、存在不足和下一年度安排。\n",
              "报送年度报告，报告包括主要举措和成效、存在的不足和原因、下一年度工作安排。\n",
              "年终全面总结工作成效和存在问题，研究部署下一年度重点任务。\n",
              "报告围绕主要做法、存在的不足及下一年度工作思路进行全面梳理。\n",
              "组织班子成员年终述法，述法内容包括履职情况、存在不足和改进措施。\n"),
        gaps=("在取得成效的同时，我局法治政府建设还存在一些问题和不足。\n",
              "对照上级要求，我局还存在以下不足：一是普法形式较为单一。\n",
              "存在问题及下一步打算\n一是执法人员力量不足。\n",
              "存在的不足和改进措施\n一是学法不够深入。\n",
              "我局法治政府建设虽然取得了一定成效，但仍存在差距和不足。\n"))


def test_xia_yi_bu_paragraph_opens_plans():
    text = "一、加强领导。召开会议2次。\n下一步，我们将持续深化行政执法改革。\n"
    assert "next_year" in _roles(_seg(text))


def test_chinese_numeral_signature_date_and_metadata_fallbacks():
    text = "一、主要成效\n开展培训2次。\n某县科学技术局\n二〇二一年二月二十三日"
    seg = _seg(text)
    assert seg.signed == dt.date(2021, 2, 23)
    assert seg.year == 2021 or seg.year == 2020  # no title year: falls back to dates in the text
    seg = _seg("一、主要成效\n开展培训2次。", published="2023-03-31", issuer="区科技局")
    assert seg.published == dt.date(2023, 3, 31)
    assert seg.issuer == "区科技局"


def test_sentence_offsets_point_into_the_original_text():
    text = "标题不在这里\n一、规范执法。全年办理行政处罚案件８件；公示１２件。\n"
    seg = _seg(text)
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text
        assert len(s.norm) == len(s.text)
    assert any("12件" in s.norm for s in seg.sentences)  # full-width digits folded for matching


def test_a_run_without_a_full_stop_is_cut_into_sentences_of_at_most_the_limit():
    """A flattened table or a hostile line is cut after its last clause mark before the limit, or at
    the limit where it has none; every character stays in exactly one sentence, in order."""
    from scorer.segment import SENTENCE_MAX_CHARS

    listed = "组织执法人员培训、" * 400  # 3,600 characters, a 、 every nine
    plain = "两三四五六七八九十" * 300  # 2,700 characters, no mark at all
    short = "全年办理行政处罚案件8件。"
    text = f"某局2023年度法治政府建设情况报告\n{listed}\n{plain}\n{short}\n"
    seg = _seg(text)
    body = [s for s in seg.sentences if s.start > text.index("\n")]
    assert all(len(s.text) <= SENTENCE_MAX_CHARS for s in body)
    assert "".join(s.text for s in body) == (listed + plain + short)
    assert all(s.text.endswith("、") for s in body if s.text in listed and s.end < text.index(plain))
    assert [len(s.text) for s in body if s.text in plain] == [1000, 1000, 700]
    assert body[-1].text == short


def test_inline_heading_is_its_own_sentence():
    seg = _seg("（一）加强规范性文件管理。全年审核规范性文件6件。")
    assert seg.sentences[0].is_heading and seg.sentences[0].text == "（一）加强规范性文件管理。"
    assert seg.sentences[1].text == "全年审核规范性文件6件。"


def test_bare_city_level_issuer_is_qualified_by_the_place_the_body_names():
    body = "在昆明市开展调研。修订《昆明市科技创新条例》。对昆明市企业宣讲2次。推进昆明市项目。配合云南省开展工作。"
    seg = _seg(f"市科技局2024年法治政府建设工作报告\n一、主要成效\n{body}\n")
    assert seg.issuer == "昆明市科技局"
    # two cities named about equally: no guess
    seg = _seg("市科技局2024年法治政府建设工作报告\n一、主要成效\n与昆明市、大理市、昆明市、大理市、昆明市、大理市合作。\n")
    assert seg.issuer == "市科技局"


@pytest.mark.parametrize(("title", "issuer"), [
    # a short name that is never official is written out: one body, one issuer across years
    ("杭州市市场监管局2023年法治政府建设年度报告", "杭州市市场监督管理局"),
    ("通城县人社局2022年度法治政府建设工作报告", "通城县人力资源和社会保障局"),
    ("三明市卫健委2021年法治政府建设情况报告", "三明市卫生健康委员会"),
    ("鄂尔多斯市文旅局2024年法治政府建设工作报告", "鄂尔多斯市文化和旅游局"),
    ("荣昌新区建设管委会2023年度法治政府建设情况报告", "荣昌新区建设管理委员会"),
    ("渝中区政府2022年法治政府建设情况报告", "渝中区人民政府"),
    ("桐溪市环保局2017年依法行政工作报告", "桐溪市环境保护局"),
    ("桐溪市人力资源保障局2025年法治政府建设情况报告", "桐溪市人力资源和社会保障局"),
    ("桐溪市法制办2016年法治政府建设情况报告", "桐溪市法制办公室"),
    # official names stay as written (科技局 is many a bureau's official name; 人民政府 already)
    ("合肥市科技局2022年法治政府建设工作报告", "合肥市科技局"),
    ("南昌县人民政府2023年法治政府建设年度报告", "南昌县人民政府"),
    ("某镇2023年法治政府建设年度报告", "某镇"),
])
def test_a_short_name_that_is_never_official_is_written_out_in_full(title, issuer):
    assert _seg(f"{title}\n一、主要成效\n开展培训2次。\n").issuer == issuer


def test_heading_roles_read_the_name_not_the_number_and_ignore_work_plans_done():
    text = (
        "某局2023年度法治政府建设情况报告\n"
        "一、主要工作\n（一）制定年度法治工作计划，压实工作责任。印发计划1份。\n"
        "二、今后工作安排\n继续加强学习。\n"
        "三、其他需要说明的情况\n无。\n"
    )
    assert _roles(_seg(text)) == ["title", "achievements", "achievements", "next_year", "other"]


@pytest.mark.parametrize(("text", "year"), [
    # a year inside a cited title, or the end of its range, is not the report's
    ("根据《法治政府建设实施纲要(2021-2025年)》的工作部署，我局扎实推进法治政府建设。\n"
     "一、工作情况\n印发《市医保局2022年普法工作方案》，开展宣传活动12场。", 2022),
    # the day the report was delivered, under its title, is not its year
    ("市人民政府关于法治政府建设情况的报告\n（2024年5月28日在市人大常委会会议上）\n市人大常委会：\n"
     "2023年，在市委坚强领导下，我市深入推进法治政府建设。", 2023),
    # next year's plan named in the opening is not the year reported on
    ("今年以来，我旗持续推进法治政府建设。现将2024年度我旗法治政府建设工作和2025年法治政府工作计划报告如下。", 2024),
])
def test_the_report_year_is_the_year_of_its_work(text, year):
    assert _seg(text).year == year


@pytest.mark.parametrize(("text", "issuer"), [
    # a title that opens with 关于 names no issuer; a page's tag before the title is not one
    ("关于2023年法治政府建设情况的报告\n2023年，我局坚持依法行政。", None),
    ("[权威发布]福建省人民政府关于2021年度法治政府建设情况的报告\n2021年，全省坚持依法行政。", "福建省人民政府"),
    ("塘栖镇法治政府建设年度报告（2023年）\n2023年，我镇坚持依法行政。", "塘栖镇"),
    # no title: the opening sentence's subject, when it is a body
    ("2023年，市市场监管局在市委市政府的坚强领导下，深入推进法治政府建设。", "市市场监督管理局"),
    ("今年以来，县退役军人事务局深入学习贯彻习近平法治思想，推进依法行政。", "县退役军人事务局"),
    ("根据《法治政府建设实施纲要》要求，我局扎实推进法治政府建设。", None),
    # a government names its place; a purpose clause may come first; the hand-over names the body
    ("2019年，南昌县全面贯彻党的十九大精神，推进法治政府建设。", "南昌县人民政府"),
    ("为深入贯彻习近平法治思想，桃源县民政局在县委、县政府的正确领导下，推进依法行政。", "桃源县民政局"),
    ("根据《督察工作规定》要求，现将池州市生态环境局2025年度法治政府建设工作报告如下。", "池州市生态环境局"),
    ("2022年，全市坚持依法行政。", None),
    # a first line that cites a higher body's notice names that body, not the issuer; the
    # report's own title quoted after a file number names its issuer inside the quotes
    ("根据《上海市人民政府办公厅关于报送2018年度法治政府建设情况报告的通知》要求，现将我局法治政府建设情况报告如下：\n"
     "一、主要工作情况\n市体育局全面贯彻党的十九大精神，深入推进依法治体。", "市体育局"),
    ("宁政发〔2019〕35号《南京市人民政府关于2018年度法治政府建设情况的报告》\n2018年，全市坚持依法行政。", "南京市人民政府"),
    ("[天政发〔2026〕7号]天水市人民政府关于2025年度法治政府建设情况的报告\n2025年，全市坚持依法行政。", "天水市人民政府"),
    # the hand-over that names a time and the writer's own place names no body
    ("2022年，全区坚持依法行政。现将一年来我区落实法治政府建设工作情况报告如下：\n一、主要举措和成效\n全区推进依法行政。", None),
    # a text cut off after a body's name is not signed by that body
    ("上海市司法局2023年法治政府建设情况报告\n2023年，上海市司法局坚持依法行政。\n(二)持续统筹推进法治建设各项工作\n充分发挥市委全面依法治市委员会",
     "上海市司法局"),
    # a title in traditional characters is read as its document is: folded to simplified
    ("洛陽市人民政府關於2016年度依法行政工作情況的報告\n2016年，全市堅持依法行政，推進法治政府建設。", "洛阳市人民政府"),
    # the body's name alone on the first line
    ("杭州市市场监管局\n2020年，我局深入推进法治政府建设。", "杭州市市场监督管理局"),
    # a title in two lines: the body's name above 关于…的报告
    ("大河乡人民政府\n关于法治政府建设的情况报告\n2025年，我乡坚持依法行政。", "大河乡人民政府"),
    ("中共温州市龙湾区委 温州市龙湾区人民政府\n关于2023年度龙湾区法治政府建设工作情况的报告\n2023年，龙湾区坚持依法行政。",
     "中共温州市龙湾区委 温州市龙湾区人民政府"),
    # a list bullet or a page's field label before the title
    ("• 桐溪省司法厅关于2023年法治政府建设情况的报告\n2023年，全厅坚持依法行政。", "桐溪省司法厅"),
    ("内容概述: 桐溪县龙门镇人民政府2025年法治政府建设年度报告\n2025年，我镇坚持依法行政。", "桐溪县龙门镇人民政府"),
    # a page's breadcrumb is not the title
    ("当前位置：首页 > 政务公开 > 法治政府建设年度报告\n桐溪市审计局2024年度法治政府建设年度报告\n2024年，我局坚持依法审计。",
     "桐溪市审计局"),
    # the opening's subject after the guidance it worked under, one clause or two
    ("2020年，在市委市政府正确领导下，市司法局奋力扛起法治建设统筹协调责任。", "市司法局"),
    ("2025年，在市委、市政府的坚强领导下，省农业农村厅的正确指导下，桐溪市农业农村局全面推进依法行政。",
     "桐溪市农业农村局"),
    ("在区委、区政府的坚强领导下，龙门区坚持依法行政，推进法治政府建设。", "龙门区人民政府"),
    # a government's report opened by its place's Party committee and government together is
    # that place's government's; the higher ones it worked under are not its subject
    ("2023年，桐溪省委、省政府坚持以习近平法治思想为指导，推进法治政府建设。", "桐溪省人民政府"),
    ("2022年，在市委、市政府的正确领导下，龙门区委、区政府坚持依法行政。", "龙门区人民政府"),
    ("2024年，我县在市委、市政府的坚强领导下，坚持依法行政。", None),
    # the hand-over on a line of its own, closed by a colon, is prose, not the title, and names
    # the issuer
    ("现将桐溪市医疗保障局2021年度法治政府建设工作报告如下：\n一、主要举措\n全年聘请法律顾问2名。", "桐溪市医疗保障局"),
    # the line the report is addressed to names another body; a site's banner names none
    ("龙门区委全面依法治区委员会：\n2024年，我街道坚持依法行政，推进法治政府建设。", None),
    ("桐溪政府在线 移动版 无障碍\n2024年，我街道坚持依法行政，推进法治政府建设。", None),
])
def test_the_issuer_is_a_body_named_by_the_title_or_the_opening(text, issuer):
    assert _seg(text).issuer == issuer


def test_a_page_label_that_names_a_site_is_no_issuer():
    assert _seg("我局坚持依法行政，推进法治政府建设。", issuer="杭州市人民政府门户网站").issuer is None
    assert _seg("我局坚持依法行政，推进法治政府建设。", issuer="区科技局").issuer == "区科技局"
    # a label's name is cut at a space, not at words of the topic a body may be named for
    assert _seg("我局坚持依法行政。", issuer="开福区应急管理局 字体大小:").issuer == "开福区应急管理局"
    assert _seg("我办坚持依法行政。", issuer="县依法行政工作领导小组办公室").issuer == "县依法行政工作领导小组办公室"


@pytest.mark.parametrize(("text", "title"), [
    # a page's tag, bullet, field label or table bars are not the title's words
    ("【法治建设报告】桐溪省司法厅2022年法治政府建设年度报告\n2022年，全厅坚持依法行政。", "桐溪省司法厅2022年法治政府建设年度报告"),
    ("• 内容概述: 桐溪县龙门镇人民政府2025年法治政府建设年度报告\n2025年，我镇坚持依法行政。",
     "桐溪县龙门镇人民政府2025年法治政府建设年度报告"),
    ("[ 标 题 ] 桐溪县民政局关于2025年法治政府建设情况的报告\n2025年，我局坚持依法行政。",
     "桐溪县民政局关于2025年法治政府建设情况的报告"),
    ("| 桐溪市应急管理局2025年度法治政府建设情况报告 |\n2025年，我局坚持依法行政。", "桐溪市应急管理局2025年度法治政府建设情况报告"),
    # a joint report's bodies on two lines above 关于… (工作委员会 holds 工作 but is a name, not
    # the title), and a title broken before its last words, read as one
    ("中共桐溪区龙门街道工作委员会\n桐溪区人民政府龙门街道办事处\n关于2025年度法治政府建设情况的报告\n区委、区政府：\n2025年，街道坚持依法行政。",
     "中共桐溪区龙门街道工作委员会 桐溪区人民政府龙门街道办事处关于2025年度法治政府建设情况的报告"),
    ("桐溪经济开发区管委会\n关于桐溪经济开发区2022年度\n法治政府建设情况的报告\n2022年，开发区坚持依法行政。",
     "桐溪经济开发区管委会关于桐溪经济开发区2022年度法治政府建设情况的报告"),
])
def test_the_title_reads_as_the_report_names_itself(text, title):
    assert _seg(text).title == title


@pytest.mark.parametrize(("title", "issuer"), [
    # a joint report's title names both bodies, as the convention for the line above a title does
    ("中共桐溪市委 桐溪市人民政府关于2023年度法治政府建设情况的报告", "中共桐溪市委 桐溪市人民政府"),
    ("中共桐溪区龙门街道工作委员会 桐溪区龙门街道办事处关于2025年度法治政府建设情况的报告",
     "中共桐溪区龙门街道工作委员会 桐溪区龙门街道办事处"),
    # a body that names the offices it also is, at more than 30 characters, before the year
    ("桐溪市浦江新区生态环境局 (水务局、海洋局、绿化和市容管理局) 2023年度法治政府建设情况报告", "桐溪市浦江新区生态环境局"),
])
def test_the_issuer_in_a_long_or_joint_title(title, issuer):
    assert _seg(f"{title}\n一、主要成效\n开展培训2次。\n").issuer == issuer


def test_the_hand_over_line_is_not_the_title():
    seg = _seg("现将市医疗保障局2021年度法治政府建设工作报告如下：\n2021年以来，桐溪市医疗保障局认真贯彻依法行政要求。")
    assert seg.title is None and seg.issuer == "市医疗保障局" and seg.year == 2021


def test_a_joint_reports_bodies_on_two_lines_are_its_issuer():
    seg = _seg("中共桐溪区龙门街道工作委员会\n桐溪区人民政府龙门街道办事处\n关于2025年度法治政府建设情况的报告\n"
               "2025年，街道坚持依法行政。")
    assert seg.issuer == "中共桐溪区龙门街道工作委员会 桐溪区人民政府龙门街道办事处"
    assert [p.role for p in seg.parts][:2] == ["preamble", "title"]


@pytest.mark.parametrize(("title", "issuer"), [
    # a report under a place's name alone is its government's: one issuer across years, whether
    # a year's title names the place or the government
    ("桐溪市2017年法治政府建设年度情况报告", "桐溪市人民政府"),
    ("桐溪市龙门区2020年法治政府建设情况报告", "桐溪市龙门区人民政府"),
    ("桐溪市人民政府2018年法治政府建设情况报告", "桐溪市人民政府"),
    # …not a zone a committee runs, a 地区 or 盟 (行政公署), a township or a street
    ("桐溪经济技术开发区2024年法治政府建设年度报告", "桐溪经济技术开发区"),
    ("桐溪综合保税区2025年度法治政府建设情况报告", "桐溪综合保税区"),
    ("桐溪新区2023年法治政府建设情况报告", "桐溪新区"),
    ("喀什地区2022年法治政府建设情况报告", "喀什地区"),
    ("兴安盟2021年法治政府建设情况报告", "兴安盟"),
    ("某镇2023年法治政府建设年度报告", "某镇"),
])
def test_a_places_report_is_its_governments(title, issuer):
    assert _seg(f"{title}\n一、主要成效\n开展培训2次。\n").issuer == issuer


def test_a_provincial_department_named_without_its_province_is_qualified_by_it():
    body = "配合桐溪省人大开展调研。落实桐溪省有关规定。对桐溪省各市宣讲2次。推进桐溪省项目。"
    assert _seg(f"省司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "省司法厅"  # no such province
    body = "配合湖南省人大开展调研。落实湖南省有关规定。对湖南省各市宣讲2次。推进湖南省项目。"
    assert _seg(f"省司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "湖南省司法厅"
    assert _seg(f"司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "湖南省司法厅"
    assert _seg(f"自治区司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "湖南省司法厅"
    # a department that names its province, in full or short, keeps its name
    assert _seg(f"宁夏司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "宁夏司法厅"
    # two provinces named about equally: no guess
    body = "与湖南省、湖北省、湖南省、湖北省、湖南省、湖北省合作。"
    assert _seg(f"省司法厅2023年法治政府建设情况报告\n一、主要成效\n{body}\n").issuer == "省司法厅"


def test_a_page_label_that_names_an_office_inside_a_body_is_no_issuer():
    # the office that posted the page (来源: 政策法规处) is not the body that reports
    for office in ("政策法规处", "厅法治督察处", "法治调研督察处", "党政办", "办公室"):
        assert _seg("我局坚持依法行政，推进法治政府建设。", issuer=office).issuer is None, office
    # an office named with its place is a body that may report itself
    assert _seg("我办坚持依法行政。", issuer="区府办").issuer == "区府办"
    assert _seg("我办坚持依法行政。", issuer="某乡综合办").issuer == "某乡综合办"


def test_a_document_numbers_short_place_does_not_qualify_the_issuer():
    # 桐格市办发〔2023〕6号 is a document number: its 桐格市 is no place the report names
    cite = "根据《关于印发2023年工作要点的通知》(桐格市办发〔2023〕6号)要求开展工作。"
    seg = _seg(f"市信访局2023年法治政府建设工作报告\n一、主要成效\n{cite * 3}\n")
    assert seg.issuer == "市信访局"


def test_a_traditional_character_report_keeps_its_parts():
    # 問題 is not among the characters that mark a traditional text: the heading alone would
    # stay unfolded, but the document is traditional, so the heading is read folded
    text = ("某縣2023年法治政府建設情況報告\n一、主要舉措和成效\n全面推行行政執法公示制度。\n"
            "二、存在的問題及原因\n執法人員力量不足。\n三、下一步工作打算\n加強執法監督。")
    assert [p.role for p in _seg(text).parts if p.heading] == ["title", "achievements", "shortcomings", "next_year"]


def test_a_traditional_signature_names_the_issuer():
    text = ("2023年法治政府建設情況報告\n一、主要舉措和成效\n全面推行行政執法公示制度。\n"
            "某鄉綜合辦\n2024年3月1日")
    seg = _seg(text)
    # (綜合辦 alone holds no character that marks a traditional text; its document does)
    assert seg.issuer == "某鄉綜合辦" and seg.signed == dt.date(2024, 3, 1)


def test_a_later_date_opening_a_paragraph_is_no_plan_but_a_later_year_with_plans_is():
    # (r40b) a page's date line run into the body (2023年3月 2022年，我市…) or the day something was
    # done after the year ended is a date, not the plans' opener; 2024年1月起，我局将… still is
    head = "某市2022年度法治政府建设工作情况的报告\n"
    dated = _seg(head + "2023年3月 2022年，我市扎实推进法治政府建设，全年办理行政复议案件12件。\n")
    assert "next_year" not in _roles(dated)
    done_after = _seg(head + "一、主要举措和成效\n全年召开会议3次。\n2023年2月，向市委报送了上年度法治政府建设情况报告。\n")
    assert "next_year" not in _roles(done_after)
    planned = _seg(head + "一、主要举措和成效\n全年召开会议3次。\n2023年1月起，我市将全面推行行政执法案卷评查制度。\n")
    assert "next_year" in _roles(planned)
