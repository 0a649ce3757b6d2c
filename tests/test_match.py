"""Statuses the catalogue defines, on sentences and small reports of our own."""

from __future__ import annotations

import pytest

from scorer.cues import title_spans
from scorer.match import judge_text
from scorer.models import Document
from scorer.pipeline import score_document


def _score(ruleset, text: str, **kw):
    doc = Document(path="t.txt", text=text, keep=((0, len(text)),), source_format="txt")
    return score_document(doc, ruleset, **kw)


@pytest.mark.parametrize(
    "rule_id, sentence, expected",
    [
        # done with checkable detail: count with unit, 《document》, date, named platform, named role
        ("enforcement.publicity", "在浙江政务服务网公示执法主体和执法人员信息。", "substantiated"),
        ("legal_adviser.use", "印发《法律顾问工作规则》，规范法律顾问参与决策。", "substantiated"),
        ("leadership.annual_report", "于2023年3月20日向区政府报告2022年度法治政府建设情况。", "substantiated"),
        # the leader heading the group is a generic role, not detail (catalogue: "Not detail")
        ("leadership.party_deployment", "成立法治政府建设领导小组，由局长任组长。", "asserted"),
        # general words only
        ("enforcement.full_recording", "全面落实执法全过程记录制度，做到全程留痕。", "asserted"),
        # negated in its clause → deficient, even outside the shortcomings part
        ("normative_docs.filing", "部分规范性文件未及时报送备案。", "deficient"),
        ("legal_adviser.use", "尚未聘请法律顾问。", "deficient"),
        # tackled problems are work done, not a shortcoming
        ("enforcement.supervision", "针对执法案卷不规范的问题，开展案卷评查2次。", "substantiated"),
        # …but a problem still unsolved is a gap, whatever verb of solving it names
        ("disputes.petition_mediation", "部分信访积案尚未得到根本解决。", "deficient"),
        # a plan
        ("enforcement.legal_review", "今后将全面推行重大执法决定法制审核制度。", "planned"),
        ("enforcement.legal_review", "我局将全面推行重大执法决定法制审核制度。", "planned"),
        ("leadership.accountability", "我局将继续把法治建设纳入年度目标考核。", "planned"),
        # (x28a) the future 将 opening a sentence after a year, a body other than 我局, an item's
        # number, or nothing (cues PLAN_LEAD)…
        ("enforcement.supervision", "2024年将每半年组织一次行政执法案卷交叉评查，评查案卷不少于30卷。", "planned"),
        ("disputes.reconsideration_litigation", "2022年，将进一步提高行政机关负责人出庭应诉率。", "planned"),
        ("leadership.party_deployment", "镇党委还将定期听取法治政府建设工作汇报。", "planned"),
        ("enforcement.random_inspection", "县市场监管局将全面推行“双随机、一公开”监管。", "planned"),
        ("disputes.petition_mediation", "二是将健全人民调解、行政调解、司法调解联动机制。", "planned"),
        # …but not 将 the disposal marker (把), the sentence's own or a higher body's, nor 将
        # after a verb, the content of a plan made
        ("leadership.party_deployment", "2022年，将法治政府建设纳入年度绩效考核，与业务工作同部署、同推进。", "asserted"),
        ("leadership.law_study", "局党组将每月第一个周一确定为集中学法日，全年集中学法11次。", "substantiated"),
        ("enforcement.supervision", "2021年，区政府将每季度的执法案卷评查结果通报各部门，全年评查案卷86卷。", "substantiated"),
        ("normative_docs.filing", "将规范性文件报送区司法局备案，全年报备5件。", "substantiated"),
        ("enforcement.supervision", "出台《行政执法案卷评查办法》，明确将每季度开展一次案卷评查。", "substantiated"),
        # (x28a) …after a time ahead, a body of several names or with a bracket, or 下一步 after the
        # body; a named body's 计划 as 我局's; intent aimed at a later year than the report's…
        ("enforcement.supervision", "年底前，将完成全部执法案卷的交叉评查。", "planned"),
        ("education.popularization", "“十四五”期间，将深入实施“八五”普法规划。", "planned"),
        ("enforcement.publicity", "区城管局、区市场监管局将进一步规范执法公示内容。", "planned"),
        ("enforcement.publicity", "各乡镇（街道）将进一步规范执法公示内容。", "planned"),
        ("leadership.party_deployment", "县政府下一步将定期听取法治政府建设工作汇报。", "planned"),
        ("leadership.party_deployment", "局党委计划每季度专题研究一次法治建设工作。", "planned"),
        ("disputes.petition_mediation", "争取明年实现信访积案全部化解。", "planned"),
        # …but not a basis, a plan carried out, or an aim for the report's own year
        ("enforcement.supervision", "按照县政府计划，开展行政执法案卷评查2次，评查案卷40卷。", "substantiated"),
        ("enforcement.credentials", "2023年计划开展执法人员培训5期，实际开展6期。", "substantiated"),
        ("normative_docs.legality_review", "县政府拟出台的规范性文件均经合法性审核。", "asserted"),
        ("enforcement.supervision", "下半年，将执法案卷评查结果纳入年度考核，评查案卷38卷。", "substantiated"),
        # (the next year named after 计划/拟, with or without 于/在, opens a plan)
        ("decisions.statutory_procedure", "计划明年制定《区教育局重大行政决策程序规定》。", "planned"),
        ("decisions.statutory_procedure", "拟于明年上半年制定《区教育局重大行政决策程序规定》。", "planned"),
        ("enforcement.credentials", "计划明年举办执法人员业务培训3期。", "planned"),
        # the year's enforcement caseload after a requirement is not its detail (catalogue:
        # 办理行政许可36件 beside 全面推行三项制度)…
        ("enforcement.publicity", "全面推行行政执法公示制度，全年查处违法案件52起，罚没款8.6万元。", "asserted"),
        ("education.popularization", "落实谁执法谁普法责任制，全年办理行政处罚案件40件。", "asserted"),
        # …nor the year's inspections and turn-outs counted after it
        ("enforcement.credentials", "严格落实执法人员持证上岗制度，全年开展执法检查268次。", "asserted"),
        ("enforcement.publicity", "坚持亮证执法，全年出动执法人员1420人次、执法车辆210台次。", "asserted"),
        ("disputes.reconsideration_litigation", "依法做好行政应诉工作，检查生产经营单位95家。", "asserted"),
        ("enforcement.publicity", "推行行政执法公示制度，立案查处各类案件74起。", "asserted"),
        # an inspection by a named place's law department is a named outside body's act (catalogue)
        ("enforcement.supervision", "配合省司法厅对我局开展行政执法案卷评查。", "substantiated"),
        ("enforcement.supervision", "主动接受市司法局的行政执法监督。", "asserted"),
        # a figure that explicitly covers several requirements counts for each (catalogue), even
        # when its own clause is another requirement's
        ("enforcement.publicity", "评查行政许可、行政处罚案卷118卷，涵盖执法公示、全过程记录落实情况。", "substantiated"),
        ("enforcement.full_recording", "评查行政许可、行政处罚案卷118卷，涵盖执法公示、全过程记录落实情况。", "substantiated"),
        # a run of quoted mechanism names closed by one word: the figure inside a name is no count
        ("disputes.petition_mediation", "推行“两级联调”“80%力量下沉一线”等矛盾纠纷化解机制。", "asserted"),
        ("disputes.petition_mediation", "推行“两级联调”等矛盾纠纷化解机制，调处纠纷41件。", "substantiated"),
        # …but the cases it applies to, named before it, may be (办案全程…记录), and a figure
        # of the requirement's own clause stays its detail
        ("enforcement.full_recording", "全年查处违法案件52起，办案全程落实执法全过程记录制度。", "substantiated"),
        ("enforcement.legal_review", "对40件重大行政处罚案件进行法制审核，全年罚没款8.6万元。", "substantiated"),
        # …while a caseload before a requirement named in general words is the enforcement volume's,
        # unless the requirement's clause takes those cases up (均/全部/所有案件/办案…)
        ("enforcement.legal_review", "全年立案查处违法案件131起，罚没款37.5万元，严格执行重大执法决定法制审核制度。", "asserted"),
        ("enforcement.full_recording", "全年开展执法检查290次，全面落实执法全过程记录制度。", "asserted"),
        ("enforcement.publicity", "全年共办理行政处罚案件48件，罚没款21万元，全面落实行政执法公示制度。", "asserted"),
        ("enforcement.legal_review", "全年作出行政处罚决定63件，均经法制审核后作出。", "substantiated"),
        ("enforcement.legal_review", "全年办理行政处罚案件152件，其中重大执法决定8件，全部经过法制审核。", "substantiated"),
        ("enforcement.full_recording", "全年作出行政处罚决定109件，所有案件均实现执法全过程音像记录。", "substantiated"),
        # …nor the year's government information disclosed, counted after the annual report: that is
        # oversight.openness's volume (which keeps it as its own detail)
        ("leadership.annual_report", "按时报送并向社会公开上年度法治政府建设情况报告，全年主动公开政府信息742条。", "asserted"),
        ("leadership.annual_report", "按时公开法治政府建设年度报告，办理政府信息公开申请11件。", "asserted"),
        ("leadership.annual_report", "于3月18日在门户网站公开2022年度法治政府建设情况报告，全年主动公开政府信息742条。", "substantiated"),
        ("oversight.openness", "深入推进政务公开，全年主动公开政府信息742条。", "substantiated"),
        # a quoted column that only restates the requirement's own words on a generic site is no
        # named platform (catalogue: not a generic 门户网站); a column with a name of its own is
        ("enforcement.publicity", "在区政府网站设置“执法公示”栏目，公开执法主体和执法人员信息。", "asserted"),
        ("enforcement.publicity", "在门户网站“双公示”专栏公示行政许可、行政处罚信息。", "asserted"),
        ("education.popularization", "在门户网站开设“普法宣传”专栏，推送普法信息。", "asserted"),
        ("disputes.reconsideration_litigation", "在门户网站开设“行政复议”专栏，公开复议决定书。", "asserted"),
        ("enforcement.publicity", "在门户网站“双公示”专栏公示行政许可、行政处罚信息862条。", "substantiated"),
        ("enforcement.publicity", "在局门户网站开设“阳光执法”专栏，公开执法主体、执法依据等信息。", "substantiated"),
        ("education.popularization", "在微信公众号开设“以案释法”栏目，推送典型案例36期。", "substantiated"),
        # (…nor the staff all doing something — 执法人员全部持证上岗 — and a count in Chinese figures
        # is caseload as well)
        ("enforcement.credentials", "全年共查处违法案件41起，执法人员全部持证上岗。", "asserted"),
        ("enforcement.legal_review", "全年共立案查处各类违法案件三百余起，严格落实重大执法决定法制审核制度。", "asserted"),
        ("leadership.annual_report", "按时报送年度法治政府建设情况报告，全年办理政府信息公开申请十二件。", "asserted"),
        # (r29a: 一律 said of 重大案件, a part of the cases that the 58 does not count, takes up no
        # count — the third catalogue probe set's 立案查处违法案件152件，重大执法决定均经法制审核 is
        # asserted; was substantiated, cues.ALL_THE_CASES)
        ("enforcement.legal_review", "共查办案件58起，罚没金额41万元，重大案件一律经集体讨论和法制审核。", "asserted"),
        ("enforcement.legal_review", "共查办案件58起，罚没金额41万元，案件一律经集体讨论和法制审核。", "substantiated"),
        # …nor a quoted system named only for what it does; a place or a name of its own makes it one
        ("enforcement.supervision", "依托“行政执法监督平台”开展日常执法监督。", "asserted"),
        ("normative_docs.filing", "通过“规范性文件备案审查系统”报送备案。", "asserted"),
        ("normative_docs.filing", "通过“江西省规范性文件备案审查系统”报送备案。", "substantiated"),
        ("digital.platform", "上线运行“赣执法”平台。", "substantiated"),
        ("enforcement.supervision", "在门户网站开设“执法监督”专栏，公开执法监督信息。", "asserted"),
        ("oversight.openness", "在门户网站开设“阳光政务”专栏，公开政府信息。", "substantiated"),
        # (a requirement's own word 案件 — 依法办理行政复议案件 — takes up no cases before it)
        ("disputes.reconsideration_litigation", "全年办理行政处罚案件91件，依法办理行政复议案件。", "asserted"),
        # tasks named in a plan or a meeting's agenda (…等工作作出安排/进行部署) are not work done
        ("enforcement.supervision", "召开全县法治政府建设推进会，对执法监督、复议应诉等工作进行部署。", "absent"),
        ("functions.power_list", "印发年度工作要点，对权责清单调整、证明事项清理等工作作出安排。", "absent"),
        # a remit or designation shows who is in charge, not that the work was done (catalogue)
        ("normative_docs.legality_review", "明确法制科为行政规范性文件合法性审核机构。", "absent"),
        ("normative_docs.filing", "区司法局作为全区规范性文件备案审查机关，负责各街道规范性文件的备案审查工作。", "absent"),
        ("legal_adviser.use", "确定办公室为法律顾问工作的归口管理科室，负责与法律顾问的日常联络。", "absent"),
        ("normative_docs.filing", "区司法局作为备案审查机关，全年备案审查规范性文件26件。", "substantiated"),
        # a meeting that studies a field is the deployment, not the field's work (catalogue)
        ("disputes.petition_mediation", "召开局务会议3次专题研究信访工作。", "absent"),
        ("disputes.reconsideration_litigation", "召开党组会议专题研究行政复议工作。", "absent"),
        ("leadership.party_deployment", "召开党组会议3次专题研究法治政府建设工作。", "substantiated"),
        ("disputes.reconsideration_litigation", "办理行政复议案件12件，专题研究疑难案件3件。", "substantiated"),
        # 将 as the disposal marker (把): the work was done
        ("leadership.accountability", "我局将法治建设工作纳入年度目标责任制考核。", "asserted"),
        ("normative_docs.legality_review", "2024年，我局将行政规范性文件纳入合法性审查事项。", "asserted"),
        # nor is 我局要求 (a requirement made) or 拟就 (drafted)
        ("legal_adviser.use", "我局要求法律顾问列席局务会议。", "asserted"),
        ("leadership.party_deployment", "我局拟就并印发《2024年法治政府建设工作要点》。", "substantiated"),
        ("legal_adviser.use", "我局拟聘请法律顾问。", "planned"),
        # …nor 拟 as the attribute of the papers handled: the review of them was done
        ("normative_docs.legality_review", "全年审核本局拟印发的行政规范性文件6件，均经集体审议。", "substantiated"),
        ("normative_docs.legality_review", "我局拟出台的规范性文件均经法规科合法性审核。", "asserted"),
        # a law's name is not the work; studying it is not handling cases
        ("disputes.reconsideration_litigation", "组织干部学习《中华人民共和国行政复议法》。", "absent"),
        # the three systems named as a whole count for each of them
        ("enforcement.legal_review", "全面落实行政执法“三项制度”。", "asserted"),
        ("enforcement.full_recording", "全面落实行政执法“三项制度”。", "asserted"),
        # …but only its own clause's figure is theirs (Rule.bundle): the clauses around it
        # report another matter, or one of the three, which names itself there
        ("enforcement.publicity", "全面落实行政执法“三项制度”，推行“综合查一次”模式，全年开展联合执法10次。", "asserted"),
        ("enforcement.full_recording", "严格落实行政执法“三项制度”，共审核3起。", "asserted"),
        ("enforcement.full_recording", "全面落实行政执法“三项制度”12项配套制度。", "substantiated"),
        ("enforcement.publicity", "全面落实行政执法“三项制度”，公示行政处罚信息120条。", "substantiated"),
        # a rule listed among several documents shows only that the rule exists
        ("legal_adviser.use", "修订了《财务制度》《考勤制度》《法律顾问制度》。", "asserted"),
        # a document the unit made, at its own level, is its own: 制定出台街道层面《…办法(试行)》
        ("enforcement.lenient", "在全县率先制定出台镇级层面《轻微违法行为不予处罚实施办法(试行)》。", "substantiated"),
        # a local plan carried out, not made, is detail only for what its title names…
        ("leadership.party_deployment", "认真贯彻执行《桐溪区法治政府建设实施方案(2021—2025年)》，多次召开会议研究法治政府建设重点工作。",
         "asserted"),
        # …and one opened by the unit itself (《局党组关于…》) is its own rules, carried out
        ("leadership.party_deployment", "严格落实《局党组关于法治建设工作责任分工的实施细则》，召开党组会议研究法治建设工作。",
         "substantiated"),
        # …but one the unit made and carries out (制定和贯彻落实《…》) is its own document
        ("leadership.party_deployment", "制定和贯彻落实《桐溪区交通运输局行政执法公示办法(试行)》，召开党组会议研究部署法治建设工作。",
         "substantiated"),
        # a title that opens with a level (县级…, 市级…) is a higher document for every body of that
        # level, carried out, not a local body's own; one that opens with the place's name is local
        ("leadership.first_responsible", "严格执行《县级公安机关主要负责人履行推进法治建设第一责任人职责“十条”》，坚持重要工作亲自部署、重大问题亲自过问。",
         "asserted"),
        ("leadership.first_responsible", "严格执行《桐溪县公安局主要负责人履行推进法治建设第一责任人职责“十条”》，坚持重要工作亲自部署、重大问题亲自过问。",
         "substantiated"),
        # a citation of the Outline as the basis is not checkable detail
        ("enforcement.publicity", "按照《法治政府建设实施纲要》要求，推行行政执法公示制度。", "asserted"),
        ("leadership.law_study", "组织党组中心组专题学习习近平法治思想12次，赴基层开展专题调研。", "substantiated"),
        # a sentence Rule.no_detail_when marks stays the rule's evidence but its detail is
        # another's: the principal leader's own hearings in the leader's duty (first_responsible's)
        ("leadership.party_deployment", "区政府主要负责人认真履行第一责任人职责，7次听取法治政府建设工作汇报。", "asserted"),
        ("leadership.party_deployment", "区政府党组7次听取法治政府建设工作汇报。", "substantiated"),
        # the meeting chaired by the generic role is no named person (会议由局长主持); a name is
        ("leadership.party_deployment", "召开局党组会议研究部署法治政府建设工作，会议由局长主持。", "asserted"),
        ("leadership.party_deployment", "召开局党组会议研究部署法治政府建设工作，会议由局长李明主持。", "substantiated"),
        # a campaign named in quotes with its kind inside them is a named campaign (catalogue:
        # a named event or campaign); a numbered one is a motto, like “八进”
        ("leadership.party_deployment", "召开区委全面依法治区委员会会议，部署开展“法治护企优环境行动”。", "substantiated"),
        ("leadership.party_deployment", "召开区委全面依法治区委员会会议，部署开展“六大行动”。", "asserted"),
        # (r30c) a title said outright to be a higher body's (上级印发的《…》) is applied, not the unit's
        # own document; the unit's own (本局印发的《…》) still is (cues.HIGHER_ISSUED)
        ("enforcement.lenient", "贯彻执行上一级主管部门印发的《城市管理领域轻微违法行为免罚清单》。", "asserted"),
        ("enforcement.lenient", "全面执行国家市场监管总局发布的《市场监管轻微违法行为不予处罚清单》。", "asserted"),
        ("enforcement.lenient", "严格执行本局印发的《轻微违法行为不予处罚清单》。", "substantiated"),
        ("enforcement.lenient", "制定《本局轻微违法行为不予处罚清单》。", "substantiated"),
        # (r30c) the list of fields after 在 starts after it: the actor and act before 在 (发挥法律顾问在
        # A、B、C、D等方面的作用) are reported; a bare list of fields still is not work (cues.ENUMERATION)
        ("legal_adviser.use", "积极发挥政府法律顾问在重大决策、合同审查、信访化解、行政应诉等方面的参谋作用。", "asserted"),
        # (r12e) …but a list followed by the work said done in general words (…等方面综合发力/取得成效/
        # 扎实推进) reports the year's work: asserted for each field (catalogue: sentences of an
        # opening paragraph that report work done count); the list before a plan or task stays none
        ("education.popularization", "坚持在法治学习、普法宣传、纠纷化解、依法决策等方面综合发力。", "asserted"),
        ("education.popularization", "年度工作要点从法治学习、普法宣传、纠纷化解、依法决策等方面明确了任务。", "absent"),
        # (r30d) the report's parts named in a row (…主要举措、存在不足和下一年度安排) are no gap
        # admitted (cues.NEGATION) and open no shortcomings part (segment.PART_NAMED_*); the gap
        # said of the report or of the work stays one
        ("leadership.annual_report", "按时报送年度法治政府建设情况报告，报告内容包括主要举措和成效、存在的不足和原因、下一年度工作安排。", "asserted"),
        ("leadership.annual_report", "按规定公开年度法治政府建设情况报告，全面总结工作成效和存在问题。", "asserted"),
        ("leadership.annual_report", "年度法治政府建设情况报告已报送，但内容存在不足。", "deficient"),
        ("education.popularization", "普法宣传覆盖面存在不足，群众参与度不高。", "deficient"),
        ("enforcement.supervision", "我局还存在一些不足，行政执法监督力度有待加强。", "deficient"),
        # (r30d) one field's report heard by a meeting (听取…工作汇报) is the meeting's item, not
        # the field's work (cues.AGENDA_ITEMS); the meeting held before it in the clause and the
        # work done after it stay
        ("education.popularization", "召开县委全面依法治县委员会会议，听取普法中期评估工作汇报。", "absent"),
        ("disputes.reconsideration_litigation", "召开区政府常务会议，听取行政复议应诉工作情况汇报。", "absent"),
        ("disputes.reconsideration_litigation", "召开区政府常务会议，听取行政复议应诉工作情况汇报，全年办理行政复议案件46件。", "substantiated"),
        ("leadership.first_responsible", "局长全年主持召开12次党组会议听取工作汇报，研究解决法治建设重大问题。", "substantiated"),
        ("oversight.openness", "听取政务公开工作汇报后，全年主动公开政府信息320条。", "substantiated"),
        # …heard as 关于…情况的汇报/报告, a 专题汇报, or joined by 并 to the deployment
        ("education.popularization", "会议听取了关于“八五”普法中期评估情况的汇报。", "absent"),
        ("education.popularization", "召开依法治县委员会会议，听取县司法局关于“八五”普法中期评估情况的报告。", "absent"),
        ("education.popularization", "召开普法领导小组会议，听取普法工作汇报并对全年工作作出部署。", "absent"),
        ("leadership.annual_report", "召开县委常委会会议，听取2023年度法治政府建设情况报告。", "asserted"),
        # (r16) a meeting's demand is not work done (cues.DEMAND_OPENER) to the sentence's end, but
        # a later clause counting what was done ends it (match._demand_ended) — unless the count is
        # itself asked for; 主要/应诉/应急 are no words of a demand
        ("disputes.petition_mediation", "会议强调，要全面排查矛盾纠纷，做好化解工作。", "absent"),
        ("disputes.petition_mediation", "要求各镇街全面排查矛盾纠纷，化解纠纷132件。", "substantiated"),
        ("disputes.reconsideration_litigation", "会议要求各单位依法履行应诉职责，主要负责人出庭应诉12次。", "substantiated"),
        ("disputes.reconsideration_litigation", "会议要求各单位依法履行应诉职责，确保主要负责人出庭应诉率达到100%。", "absent"),
        ("emergency.response", "局长强调，各科室要完善应急预案，应急演练3次。", "substantiated"),
        # (r16) 将于 opening the sentence, with a date or with the act to come, is a plan (cues.FUTURE_DATE);
        # after a plan made (印发…明确将于…) it is the plan's content, the plan itself done
        ("enforcement.random_inspection", "全县双随机抽查将于6月底前完成。", "planned"),
        ("enforcement.random_inspection", "全县双随机抽查将于国庆前完成。", "planned"),
        ("enforcement.random_inspection", "县市场监管局印发《2023年双随机抽查工作方案》明确将于6月底前完成全部抽查。", "substantiated"),
    ],
)
def test_sentence_status(ruleset, rule_id, sentence, expected):
    assert judge_text(ruleset.get(rule_id), sentence) == expected


def test_intent_aimed_at_a_later_year_is_a_plan(ruleset):
    # (x28a) 力争/计划/拟 + a year after the report's (cues INTENT_YEAR): a plan; the report's own
    # year after them may be a plan carried out, and keeps its status
    def status(sentence):
        text = f"某局2023年度法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n{sentence}\n"
        return _score(ruleset, text).result("disputes.petition_mediation").status
    assert status("力争2024年信访事项按期办结率达到98%。") == "planned"
    assert status("拟于2025年上半年建成矛盾纠纷多元化解中心。") == "planned"
    assert status("力争2023年信访事项按期办结率达到98%。") == "substantiated"


def test_target_for_a_year_to_come_is_a_plan(ruleset):
    # (r18) 到 + a year after the report's with a target (cues TARGET_YEAR): a plan; the report's own
    # year reached (已/累计) stays done; a plan's target cited from the plan is its content, any year
    def status(sentence, rule_id="functions.credit"):
        text = f"某局2023年度法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n{sentence}\n"
        return _score(ruleset, text).result(rule_id).status
    assert status("到2025年，全省将建成一批社会信用体系建设示范县区。") == "planned"
    assert status("到2026年底，我市将基本建成覆盖全社会的信用信息共享平台。") == "planned"
    assert status("到2025年，全县政务服务事项将全部实现全程网办。", "functions.power_list") == "planned"
    assert status("《实施方案》提出，到2020年底，基本建立守信联合激励和失信联合惩戒机制。") == "planned"
    assert status("到2023年底，全市已累计归集信用信息120万条。") == "substantiated"
    assert status("截至2023年底，共公示行政许可、行政处罚信用信息3200条。") == "substantiated"
    assert status("印发《社会信用体系建设实施方案》，明确到2025年基本建成信用监管体系。") == "substantiated"
    # (r20) 共 inside a word (公共资源, 共享) is no 共计: the target still a plan
    assert status("到2026年，全市将建成覆盖所有公共资源交易主体的信用评价体系。") == "planned"
    assert status("到2025年底，全区将实现公共信用信息共享全覆盖。") == "planned"
    assert status("到2026年，全县将形成多元共治的信用监管格局。") == "planned"


def test_bare_heading_without_body_is_no_evidence(ruleset):
    # (r29b) a bare marked heading with no body of its own — the next line a heading of its level,
    # or the text ending in a run of such headings — shows no work done (catalogue); one with a
    # body, a numbered line ended as a sentence (a point of a list), and the last line of a text
    # cut short after body text keep their status
    head = "某局2023年度法治政府建设情况报告\n一、2023年推进法治政府建设的主要举措和成效\n"
    body = "全年办理行政复议案件12件。\n"

    def status(text, rule="oversight.openness"):
        return _score(ruleset, head + text).result(rule).status
    assert status(body + "（三）深化政务公开，提升政府透明度\n（四）加强行政复议工作\n" + body) == "absent"
    assert status("二、深化政务公开，提升政府透明度\n") == "absent"
    assert status("四、强化行政执法监督，推进严格规范公正文明执法\n", "enforcement.supervision") == "absent"
    assert status(body + "（三）深化政务公开，提升政府透明度\n坚持以公开为常态、不公开为例外。\n"
                  "（四）加强行政复议工作\n" + body) == "asserted"
    assert status(body + "（三）深化政务公开，提升政府透明度\n") == "asserted"
    assert status(body + "（三）深化政务公开，及时回应社会关切。\n（四）加强行政复议工作\n" + body) == "asserted"
    assert status(body + "二、深化政务公开，提升政府透明度\n（一）完善公开制度\n坚持以公开为常态、不公开为例外。\n") == "asserted"


# Sentences judged with every rule of the set beside the one judged (judge_text's ruleset):
# what another requirement claims in the sentence is not this one's detail.
@pytest.mark.parametrize(
    "rule_id, sentence, expected",
    [
        # a title studied or publicised after it is no detail
        # The catalogue: "the title of a law, book or speech that is studied or publicised" is not
        # detail — said after the title or its list as well as before it (dev +3 / −1, s25).
        ("education.popularization", "加强《江城市河道保护条例》《江城市生活垃圾分类管理办法》等新规释法宣传。", "asserted"),
        # …where the department made it, it is its own document still
        ("education.popularization", "制定《江城市生活垃圾分类管理办法》，开展普法宣传。", "substantiated"),
        ("leadership.law_study", "邀请专家在局务会议上以《江城市优化营商环境办法》为主题进行专题学法。", "asserted"),
        # (a leaflet of the department's own handed out is no title studied)
        ("education.popularization", "开展普法宣传，发放《江城市垃圾分类知识》宣传手册。", "substantiated"),
        # the words before a title skip its issuers and a list goes on past a document number
        # A higher document cited as the basis is not detail (the catalogue): the verb that cites
        # it may stand before the issuing bodies' names (认真落实中共中央、国务院《…》), and a list of
        # documents whose spirit is followed goes on past a title's document number ((…〔2021〕18号)).
        # Dev +3 / −1 (s25).
        ("functions.power_list", "认真落实市委、市政府《江城市法治政府建设规划(2021—2025年)》的各项工作，加快转变政府职能。", "asserted"),
        ("disputes.petition_mediation", "紧扣《2021年法治江城建设重点工作清单》(江党办〔2021〕18号)等文件精神，有效化解矛盾纠纷。", "asserted"),
        # (the department's own document made stays detail: 制定《…》)
        ("functions.power_list", "制定《江城市行政许可事项清单(2023年版)》，加快转变政府职能。", "substantiated"),
        # a quoted reform slogan is no app's name
        # “…办”/“…通” names an app (“渝快办”) but not a reform's slogan for services handled
        # together (“湘赣通办”, “县乡联办”), nor a word that ends in 通 (“四个交通”): the catalogue's
        # quoted slogan without a count is not detail (dev +2 / −0, s25).
        ("functions.power_list", "深化“放管服”改革，推进“湘赣通办”“县乡联办”，优化政务服务。", "asserted"),
        ("functions.power_list", "深化“放管服”改革，上线“渝快办”，优化政务服务。", "substantiated"),
        ("leadership.party_deployment", "把法治交通作为“四个交通”重点来抓，局党组统筹部署法治建设工作。", "asserted"),
        # a standing body's numbered session and a year-named course are named events
        # One meeting that can be checked, as …委员会第三次会议 is (dev +2 / −0, s25): a standing
        # body's numbered session, and a course named by its year; the body alone stays general.
        ("leadership.law_study", "第3次、第8次局长办公会专题学习习近平法治思想。", "substantiated"),
        ("leadership.law_study", "局长办公会专题学习习近平法治思想。", "asserted"),
        ("leadership.law_study", "组织集中学习习近平法治思想，举办2024年江城市领导干部依法行政专题示范班。", "substantiated"),
        # a clause stating what the work served is no detail of it
        # …，推动…任务完成80% / …，助力我区成功创建…: the area's outcome, not detail of the
        # requirement named before it; the walk to the requirement's own figure passes over it
        # (dev +4 / −0, s25).
        ("leadership.accountability", "将法治建设成效纳入领导班子绩效考核，推动法治政府建设任务完成80%。", "asserted"),
        ("leadership.accountability", "将法治建设成效纳入领导班子绩效考核，确保责任落到实处，全年考核部门12个。", "substantiated"),
        ("leadership.annual_report", "督促落实法治政府建设年度报告制度，助力我区成功创建“全省法治政府建设示范区”。", "asserted"),
        # a document named by its year and place without brackets is detail
        # A document named by its year and its issuer's place, without 《》 (公布2023年度江城县人民
        # 政府重大行政决策事项目录), is one particular document, as checkable as a bracketed title; a
        # document named by its year alone, or by 全市/本县, stays general (r26h: dev-a +3 / −0).
        ("decisions.catalogue", "严格落实重大行政决策程序，公布2023年度江城县人民政府重大行政决策事项目录。", "substantiated"),
        ("decisions.catalogue", "严格落实重大行政决策程序，公布2023年度全县重大行政决策事项目录。", "asserted"),
        ("enforcement.random_inspection", "编制枫林市权责清单、枫林市2022年部门联合“双随机、一公开”抽查计划，规范涉企检查。", "substantiated"),
        # an honour named in quotes and a year's report rated are detail
        # 获得…“十佳行政执法案卷” is a title conferred, named in quotes, as 获评“…” is; a report
        # named by its year and rated (2022年法治政府建设年度报告被评为“优秀”) is a named assessment's
        # result, as 2022年度…考评获优秀 is (r26h: dev-a +3 / −0); a grade alone stays general.
        ("enforcement.supervision", "组织开展行政执法案卷评查，两件行政处罚案卷获得2023年度江城市“十佳行政执法案卷”。", "substantiated"),
        ("enforcement.supervision", "组织开展行政执法案卷评查，案卷质量明显提升。", "asserted"),
        ("leadership.annual_report", "严格落实法治政府建设年度报告制度，2022年法治政府建设年度报告被评为“优秀”。", "substantiated"),
        ("leadership.annual_report", "严格落实法治政府建设年度报告制度，报告质量获得好评。", "asserted"),
        # a named leader speaking and a plenary session numbered are named
        # A leader named by name and title before what he does there (王明远市长在常务会议上…,
        # 李卫国局长专门召开…) is a named person, as …主持 is; a numbered plenary session written
        # 第三次全体(扩大)会议 is one meeting, as 第三次(扩大)会议 is (r26h: dev-a +2 / −0).
        ("leadership.party_deployment", "召开区委全面依法治区委员会第二次全体(扩大)会议，研究部署法治政府建设工作。", "substantiated"),
        ("leadership.party_deployment", "召开区委全面依法治区委员会会议，研究部署法治政府建设工作。", "asserted"),
        ("emergency.response", "王明远市长在市政府常务会议上要求依法做好突发事件应急处置工作。", "substantiated"),
        ("emergency.response", "市长在市政府常务会议上要求依法做好突发事件应急处置工作。", "asserted"),
        # a course named by its place, a quoted study session and a named review meeting are events
        # A course named by its place (举办江城区领导干部…专题培训班), a study session named in quotes
        # (举办“学习贯彻习近平法治思想”…专题学习会) and a year's 述法评议会议 are one checkable event, as a
        # course named by its year is; a course of 全区 or without a name stays general (r26h: dev-a +3 / −0).
        ("leadership.law_study", "举办江城区领导干部学习贯彻习近平法治思想专题培训班，提升领导干部法治素养。", "substantiated"),
        ("leadership.law_study", "举办全区领导干部学习贯彻习近平法治思想专题培训班，提升领导干部法治素养。", "asserted"),
        ("leadership.law_study", "区委常委会举办“深入学习习近平法治思想”理论学习中心组专题学习会。", "substantiated"),
        ("leadership.accountability", "扎实开展年度述法工作，召开2024年党政主要负责人专题述法评议会议。", "substantiated"),
        # reporting to a named department above is a named outside body
        # The catalogue's named outside body (省生态环境厅): a department or ministry above that the
        # report went to (向市水利局和区委报告…, 向省自然资源厅报告…) is detail; the government, the
        # Party committee or the congress, which the requirement to report names, is not
        # (r26h: dev-a +3 / −1).
        ("leadership.annual_report", "按时向市水利局和区委、区政府报告上一年度法治政府建设情况，并在门户网站公开。", "substantiated"),
        ("leadership.annual_report", "按时向区委、区政府和区人大常委会报告上一年度法治政府建设情况，并在门户网站公开。", "asserted"),
        # a newspaper or periodical in brackets is no document of the work
        # 《江城日报》, 《法治参阅》: a newspaper or periodical that carried the work, not the
        # department's own document named in 《》 (r26h: dev-a +1 / −0, dev-b +1 / −0); the unit's
        # own document in the same place stays detail.
        ("leadership.accountability", "坚持督察考核倒逼落实，我区法治建设考核做法被《江城日报》专版刊载。", "asserted"),
        ("leadership.accountability", "坚持督察考核倒逼落实，印发《江城区法治建设考核办法》。", "substantiated"),
        # set phrases counted in words are no count and a percentage in words is
        # 五个法定程序 (the decision's statutory steps), the Party's 两个责任 and 三个区分开来 are
        # set phrases, as 两个维护 is: no count of anything done (catalogue: a slogan without a
        # count is not detail). 百分之百 is a percentage, as 100% is (t26f: dev-a +0 / −0, dev-b +2 / −0).
        ("decisions.statutory_procedure", "严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定五个法定程序。", "asserted"),
        ("leadership.accountability", "压紧压实两个责任，强化法治建设责任追究。", "asserted"),
        ("oversight.openness", "政府信息依申请公开按期答复率达到百分之百。", "substantiated"),
        # a reform's name before its platform is no proper name, and safety month is an event
        # “一网通办”平台, “互联网+执法监督”平台: the generic system every
        # government runs for the reform, not a named platform; 安全生产月 is a named campaign as
        # 宪法宣传周 is (t26f).
        ("functions.power_list", "依托“一网通办”平台，推动政务服务事项网上办理。", "asserted"),
        ("functions.power_list", "依托“渝快办”平台，推动政务服务事项网上办理。", "substantiated"),
        ("education.popularization", "结合安全生产月活动，开展安全生产法律法规宣传。", "substantiated"),
        ("education.popularization", "开展安全生产法律法规宣传。", "asserted"),
        # a quoted thing published on a generic site is no named platform
        # “三公”经费在门户网站公开: the quoted thing went onto the generic site, 在 opening a new
        # phrase — not a platform named “三公”…网; a quoted name right before its kind still is (v27d).
        ("oversight.openness", "将部门预决算、“三公”经费在门户网站公开。", "asserted"),
        ("oversight.openness", "通过“桐溪发布”微信公众号发布政务信息。", "substantiated"),
        # …nor is the column every site keeps for a field, named after it (v27d)
        ("leadership.annual_report", "法治政府建设年度报告按时在政府网站“法治政府建设”专栏发布。", "asserted"),
        ("oversight.openness", "在门户网站“政务公开”栏目发布政务信息。", "asserted"),
        # …nor the system every government runs under the reform's own name (v27d)
        ("digital.platform", "依托“数字城管”平台开展巡查。", "asserted"),
        ("digital.platform", "依托“浙政钉·掌上执法”平台开展检查。", "substantiated"),
        # a standing body's meeting studying a field is deployment, not the field
        # 局党组会议研究政务公开工作4次 is the meeting's topic, as 专题研究 is: the catalogue's "a
        # meeting about a task is leadership.party_deployment, not the task"; the meeting's count is
        # no detail of the field. A meeting that works out a document itself (研究制定) is not an
        # agenda (v27d).
        ("oversight.openness", "局党组会议研究政务公开工作4次。", "absent"),
        ("oversight.external", "局务会研究审计整改工作3次。", "absent"),
        ("leadership.party_deployment", "局党组会议研究法治政府建设工作4次。", "substantiated"),
        # rectification said not wholly done is a gap
        # 整改还不够彻底, 整改仍未完全到位: the putting right admitted unfinished, as 整改不彻底 and
        # 整改尚未完成 already were — deficient, not a problem tackled (v27d).
        ("oversight.external", "巡察反馈问题整改还不够彻底。", "deficient"),
        ("oversight.external", "审计发现的个别问题整改仍未完全到位。", "deficient"),
        ("oversight.external", "针对审计指出的问题，逐项抓好整改。", "asserted"),
        # work said to be still at its start is a gap too
        ("digital.platform", "智慧执法建设还处于起步阶段。", "deficient"),
        # a named level's evaluation and its rank is detail
        # 在全市第三方评估中位列第3名: a named level's evaluation and the rank it gave, as a named
        # year's or level's 考评 and its rank already were; praise alone stays general (v27d).
        ("oversight.openness", "政务公开工作在全市第三方评估中位列第3名。", "substantiated"),
        ("oversight.openness", "政务公开工作成效明显，受到上级肯定。", "asserted"),
        # a ministry right after 向 is a named body
        # 按时向司法部报送…: the ministry the report went to is a named outside body, as it was after a
        # list's 、 (向国务院、司法部…); a department named by its kind is not (v27d).
        ("leadership.annual_report", "按时向司法部报送2022年度法治政府建设情况报告。", "substantiated"),
        ("leadership.annual_report", "按时向上级主管部门报送年度法治政府建设情况报告。", "asserted"),
        # a kind of teacher and a standing 普法 motto are not named
        # 党校教授, 高校教授: a kind of teacher, not a named person (王晓燕教授 is); “法律六进”,
        # “法治进机关、进乡村…” and “以案释法” are the mottos every report quotes, as “八进” is, not a
        # named campaign (“民法典进万家”主题宣传活动 is one) (t26f).
        ("leadership.law_study", "邀请党校教授作习近平法治思想专题讲座。", "asserted"),
        ("leadership.law_study", "邀请法学专家王晓燕教授作习近平法治思想专题讲座。", "substantiated"),
        ("education.popularization", "开展“法律六进”活动，增强群众法治意识。", "asserted"),
        ("education.popularization", "开展“以案释法”活动，提升普法效果。", "asserted"),
        ("education.popularization", "开展“法律六进”活动28场。", "substantiated"),
        ("education.popularization", "开展“民法典进万家”主题宣传活动。", "substantiated"),
        # an exam named by its year is an event, and the 三会一课 is no campaign
        # 2023年度全省国家工作人员学法考试: an exam named by its year, as a year-named course is;
        # the plain 年度学法考试 stays general. “三会一课” is the Party's standing meetings, quoted as
        # “第一议题” is, not a named campaign (t26f: dev-a +0 / −0, dev-b +0 / −0).
        ("leadership.law_study", "组织参加2023年度全省国家工作人员学法考试。", "substantiated"),
        ("leadership.law_study", "组织干部参加年度学法考试。", "asserted"),
        ("leadership.law_study", "利用“三会一课”开展学法活动。", "asserted"),
        # an assessment named by its year and level is an event, but not its scheme
        # 2020年度全区依法行政考核: one review held, named by its year and its level, as the year-named
        # exam above (w27c: dev-a +1 / −0, dev-b +1 / −0); its scheme (…考核细则, …考核评价指标) and the
        # plain 年度考核 stay general.
        ("leadership.accountability", "圆满完成2022年度全区依法行政考核。", "substantiated"),
        ("leadership.accountability", "通报2022年全市法治政府建设考核情况。", "substantiated"),
        ("leadership.accountability", "制定2023年度全县法治建设考核评价指标。", "asserted"),
        ("leadership.accountability", "组织开展年度依法行政考核。", "asserted"),
        # a quoted name the work uses is not the name of the event
        # “学习强国”开展学法活动, 落实“谁执法谁普法”开展普法宣传活动: the quote is the means or the
        # rule followed and a new verb starts the activity, which has no name of its own; “…”主题宣传
        # 活动 and 以“…”为主题开展宣传活动 name it (t26f: dev-a +0 / −0, dev-b +0 / −0).
        ("education.popularization", "落实“谁执法谁普法”开展普法宣传活动。", "asserted"),
        ("education.popularization", "以“美好生活·民法典相伴”为主题开展宣传活动。", "substantiated"),
        ("education.popularization", "开展“美好生活·民法典相伴”主题宣传活动。", "substantiated"),
        # the filing office a document is sent to is no named outside body
        # 向市司法局报送备案: the office the filing requirement itself names, as 接受市人大监督 is
        # for oversight (catalogue); a count or rate filed stays detail (t26f).
        ("normative_docs.filing", "制定的规范性文件均按规定向市司法局报送备案。", "asserted"),
        ("normative_docs.filing", "向市司法局报送规范性文件备案3件，报备率100%。", "substantiated"),
        # a month or day that comes back every year is no date
        # 每年3月底前报告, 每年4月1日前公开: the standing rule's deadline restated, not the date of an
        # act this year (catalogue: a specific date); 于3月25日前报告 is one (t26f).
        ("leadership.annual_report", "每年3月底前向县委、县政府报告上一年度法治政府建设情况。", "asserted"),
        ("leadership.annual_report", "坚持于每年4月1日前在门户网站公开法治政府建设年度报告。", "asserted"),
        ("leadership.annual_report", "于3月25日前向县委、县政府报告上一年度法治政府建设情况。", "substantiated"),
        # counts in words of teams, places, hours and rules are counts
        # 两支队伍, 四十学时, 废止两部, 为期三天: Chinese figures with a unit, as 12件 and 三次 are
        # (catalogue: a numeral with a unit, in Arabic or Chinese figures); not 三部门 or 三支一扶 (t26f).
        ("education.popularization", "组建两支普法志愿服务队伍，深入村居开展法治宣传。", "substantiated"),
        ("education.popularization", "联合三部门开展普法宣传。", "asserted"),
        ("leadership.law_study", "全年组织领导干部集中学法累计四十学时。", "substantiated"),
        ("normative_docs.cleanup", "开展规范性文件清理，废止文件两部、修改三部。", "substantiated"),
        # a fault put right by 整治 is work done, not a gap
        # 整治/治理 put a problem right as 整改 and 纠正 do (cues TACKLED): a fault named as the object
        # of the campaign (对执法不规范问题开展专项整治) is work reported, not a gap admitted; 整治不到位
        # is still the putting right admitted unfinished (UNTACKLED) (w27d).
        ("enforcement.supervision", "对执法不规范问题开展专项整治。", "asserted"),
        ("enforcement.supervision", "开展执法领域突出问题专项整治，整治不规范执法问题9个。", "substantiated"),
        ("enforcement.supervision", "执法领域突出问题专项整治不到位。", "deficient"),
        # the object of a focused inspection is inspected, not done
        # 对…情况进行重点评查 names what is inspected, as 专项评查 does (cues INSPECTED_OBJECT): the three
        # systems in the object are not reported as carried out by the one inspecting (w27d).
        ("enforcement.publicity", "对各执法中队“三项制度”执行情况进行重点检查。", "absent"),
        ("enforcement.supervision", "对各执法中队“三项制度”执行情况进行重点检查。", "asserted"),
        # (x28d) a gap word describing the units found at fault and called to account (cues.TACKLED)
        # is the work done; the acting on them admitted weak, or the unit's own fault, is a gap
        ("leadership.accountability", "对年度法治考核排名靠后、任务落实不到位的2个乡镇主要负责人进行约谈。", "substantiated"),
        ("normative_docs.filing", "对报送备案不及时的街道逐一电话提醒，确保应备尽备。", "asserted"),
        ("education.popularization", "对普法责任清单落实不到位的单位下发提醒函。", "asserted"),
        ("education.popularization", "对普法责任清单落实不到位的单位督促不力。", "deficient"),
        ("education.popularization", "部分单位普法责任清单落实不到位。", "deficient"),
        # (r31a) …or docked points in the review (扣减/扣分): others' fault acted on, not a gap
        ("leadership.accountability", "对依法行政工作落实不到位的单位扣减绩效分。", "asserted"),
        ("leadership.accountability", "对法治建设任务推进滞后的3个科室扣分并通报。", "substantiated"),
        ("enforcement.full_recording", "对4名未按规定佩戴执法记录仪的执法人员进行约谈提醒。", "substantiated"),
        ("enforcement.full_recording", "部分执法人员未按规定佩戴执法记录仪。", "deficient"),
        # (r29b) the lagging matters handed down and struck off (交办, 销号, 点评, 督战) are the
        # leader's or the meeting's work on others' lag; the handing down admitted weak stays a gap
        ("leadership.first_responsible", "县长每季度听取一次法治政府建设工作汇报，对推进滞后的任务现场交办、跟踪问效。", "substantiated"),
        ("leadership.party_deployment", "局党组全年专题研究法治建设工作4次，对进度滞后的重点任务逐项交办、限期销号。", "substantiated"),
        ("leadership.first_responsible", "主要负责人亲自部署、亲自督办法治建设重点任务，对推进滞后的事项及时交办、限期销号。", "asserted"),
        ("leadership.first_responsible", "主要负责人听取法治建设工作汇报不够及时，对进度滞后的事项交办后跟踪问效不够。", "deficient"),
        ("leadership.first_responsible", "主要负责人对法治工作亲自研究部署不够，部分重点任务推进滞后。", "deficient"),
        # (r29b) …and the acting said first, the units or people at fault its object; not the
        # acting itself lacking (督促不及时), nor the acting admitted weak further on
        ("normative_docs.filing", "全年报备规范性文件9件，督促报备不及时的3个部门限期补报。", "substantiated"),
        ("enforcement.credentials", "全年清理执法证件42个，约谈未按规定参加年度培训的执法人员7名。", "substantiated"),
        ("enforcement.supervision", "开展执法案卷评查，评查案卷160卷，通报批评执法文书制作不规范的4个执法中队。", "substantiated"),
        ("disputes.petition_mediation", "信访事项交办后办理不及时的情况仍有发生。", "deficient"),
        ("enforcement.supervision", "执法监督中存在督促不及时、督办不到位的情况。", "deficient"),
        # (r29b) the putting right said to lag is the unit's own gap (cues.UNTACKLED), not others'
        # lag acted on
        ("oversight.external", "巡察反馈问题整改进度滞后，部分问题尚未销号。", "deficient"),
        ("oversight.external", "对整改进度滞后的5个问题挂牌督办，全年完成审计整改问题19个。", "substantiated"),
        # …and the fault ruled out as a cause (未因…引发) is no gap
        ("disputes.reconsideration_litigation", "全年未因执法程序不规范引发行政复议或行政诉讼。", "asserted"),
        ("disputes.reconsideration_litigation", "因执法程序不规范引发行政诉讼3件。", "deficient"),
        # (r29c) the fault itself ruled out as a case (未出现未经…即…的情况) is no gap (cues.TACKLED);
        # the fault reported is
        ("enforcement.legal_review", "全年未出现未经法制审核即作出重大执法决定的情况。", "asserted"),
        ("enforcement.legal_review", "个别重大执法决定未经法制审核即作出。", "deficient"),
        ("normative_docs.legality_review", "全年未出现未经审核即发文的情况。", "asserted"),
        ("normative_docs.legality_review", "个别文件存在未经审核即发文的情况。", "deficient"),
        # (r31b) papers filed late or missed, ruled out as a case, are no gap; reported, they are
        ("normative_docs.filing", "规范性文件印发后均按时报送县政府备案，全年未出现迟报漏报。", "asserted"),
        ("normative_docs.filing", "少数单位规范性文件存在迟报、漏报现象。", "deficient"),
        # (r31c) the faults a review found, counted (发现…不规范等问题N个), are its finding, not the unit's
        # gap (cues.TACKLED); a fault named as the topic (对…问题，) and acted on in the next clause is
        # put right as after 针对 — unless the acting is admitted weak; found and not put right stays a gap
        ("enforcement.supervision", "全年评查行政处罚案卷40卷，发现文书不规范等问题17个，已全部整改。", "substantiated"),
        ("enforcement.supervision", "执法监督检查发现的问题17个尚未整改。", "deficient"),
        ("enforcement.supervision", "对群众反映的执法不规范问题，及时约谈相关中队负责人，督促整改到位。", "asserted"),
        ("enforcement.supervision", "对执法不规范问题，约谈中队负责人不够及时。", "deficient"),
        # (r29c) an invited speaker named after his post (cues.NAMED_PERSON) is a named person; the
        # post alone, or followed by what was done, names nobody
        ("enforcement.credentials", "邀请市司法局执法监督科科长王立军围绕执法文书为执法队员授课。", "substantiated"),
        ("enforcement.credentials", "特邀县人民法院行政庭庭长周海燕为全体执法人员解读行政处罚法。", "substantiated"),
        ("enforcement.credentials", "邀请市司法局科长为执法队员专题授课。", "asserted"),
        ("enforcement.credentials", "邀请县法院庭长紧扣典型案例为执法人员授课。", "asserted"),
        ("enforcement.credentials", "邀请市人大法制委主任委员为执法人员讲解地方性法规。", "asserted"),
        # (y28b) 解决 naming a skill the gap says is lacking (运用法治思维解决问题的能力还有待提高) puts
        # nothing right (cues.TACKLED); 解决 with a fault as its object still does
        ("leadership.law_study", "个别领导干部学法存在以会代学现象，运用法治方式解决实际问题的水平不高。", "deficient"),
        ("leadership.law_study", "领导干部学法不够深入，化解矛盾、解决问题的本领有待增强。", "deficient"),
        ("leadership.law_study", "组织领导干部学法，着力解决执法人员能力不足的问题。", "asserted"),
        ("leadership.law_study", "局党组坚持会前学法制度，着力提高领导干部运用法治思维解决问题的能力。", "asserted"),
        # (y28b) a work still stuck at a first stage (仍停留在…) is a gap admitted (cues.NEGATION);
        # not a change reported (不再停留在…, 改变…仍停留在…的做法)
        ("education.popularization", "普法宣传方式仍停留在发放资料、悬挂横幅层面。", "deficient"),
        ("leadership.law_study", "少数科级干部学法仍停留在读文件、听讲座层面。", "deficient"),
        ("education.popularization", "积极创新普法形式，改变普法宣传仍停留在发放资料的做法。", "asserted"),
        ("enforcement.full_recording", "推进行政执法全过程记录，执法记录不再仅停留在纸质文书。", "asserted"),
        # (y28a) a count of other work after a requirement named in general words — patrols, or
        # the department's permits, approvals and registrations (cues.CASELOAD) — is not its detail
        ("enforcement.full_recording", "严格落实执法全过程记录制度，全年开展日常巡查960余次。", "asserted"),
        ("enforcement.full_recording", "全面推行执法全过程记录制度，配备执法记录仪64台。", "substantiated"),
        # …but a random check made on patrol is the random inspections' count, and patrols that the
        # requirement's clause takes up (每次巡查均…) are its own
        ("enforcement.random_inspection", "全面推行“双随机、一公开”监管，全年开展联合巡查抽查42次。", "substantiated"),
        ("enforcement.full_recording", "全年开展日常巡查1520余次，每次巡查均全程音像记录。", "substantiated"),
        ("enforcement.publicity", "全年作出行政许可决定486件，严格落实行政执法公示制度。", "asserted"),
        ("oversight.openness", "持续推进政务公开，全年共办理不动产登记业务1.2万件。", "asserted"),
        ("oversight.openness", "着力推进政务公开，全年批准农用地转用38宗，面积约210公顷。", "asserted"),
        ("oversight.openness", "深化政务公开，全年共公开建设项目用地审批结果27宗。", "substantiated"),
        ("oversight.openness", "深化政务公开，主动公开政府信息980条。", "substantiated"),
        # …but in a sentence about the approval service's own reform the volume is that reform's
        # figure (cues.SERVICE_REFORM): functions.power_list's detail
        ("functions.power_list", "持续推进“最多跑一次”改革，全年办理不动产登记1.2万件。", "substantiated"),
        ("functions.power_list", "深化“放管服”改革，全年共审批建设项目用地41宗。", "substantiated"),
        # (y28a) a run-in heading whose body after the colon is another's work is no evidence of
        # the requirement it names (catalogue: a heading whose own body is about something else)
        ("disputes.petition_mediation", "（三）依法有效化解社会矛盾纠纷：全年共办理建设项目审批事项216件。", "absent"),
        ("oversight.openness", "3.推进政务公开：全年共受理行政复议申请18件。", "absent"),
        ("disputes.reconsideration_litigation", "3.推进政务公开：全年共受理行政复议申请18件。", "substantiated"),
        ("enforcement.random_inspection", "（二）推行“双随机、一公开”监管：全年归集涉企信用信息1.6万条，公示行政许可信息860条。", "absent"),
        # …a body on the heading's topic, or one nothing else claims, leaves it as it was
        ("enforcement.random_inspection", "（二）推行“双随机、一公开”监管：全年随机抽取检查对象326家，抽查结果全部公示。", "substantiated"),
        ("disputes.petition_mediation", "（五）依法化解社会矛盾纠纷：全年共调处各类矛盾纠纷412起，调解成功率98%。", "substantiated"),
        ("disputes.petition_mediation", "（五）依法化解社会矛盾纠纷：全年共作出行政许可决定562件，调处各类矛盾纠纷86起。", "substantiated"),
        ("oversight.openness", "（六）全面推进政务公开：坚持以公开为常态、不公开为例外，及时回应社会关切。", "asserted"),
        ("oversight.openness", "（六）全面推进政务公开：坚持以公开为常态、不公开为例外，全年共受理行政复议申请18件。", "asserted"),
        # …and a heading that admits the gap itself keeps it
        ("disputes.petition_mediation", "（三）矛盾纠纷化解不够到位：全年共作出行政许可决定562件，群众满意度有待提高。", "deficient"),
        # (y28a) a duty assigned to an office (明确由…科承担…职责) is a remit, not the work done
        ("enforcement.legal_review", "明确由政策法规科承担重大执法决定法制审核职责，局长为第一责任人。", "absent"),
        ("normative_docs.legality_review", "确定局法制股承担行政规范性文件合法性审核职责。", "absent"),
        ("enforcement.legal_review", "明确由政策法规科承担重大执法决定法制审核职责，严格落实重大执法决定法制审核制度。", "asserted"),
        # …and the work reported after the remit stands, though a match from the remit ran into it
        ("enforcement.legal_review", "明确由政策法规科承担重大执法决定法制审核职责，全年审核重大执法决定23件。", "substantiated"),
        ("enforcement.legal_review", "明确由法制科负责重大执法决定法制审核工作，全年审核重大执法决定17件。", "substantiated"),
        # (r29a) whose figure: the amount the cases came to, the hazards the inspections found, and
        # the rate of a volume said right after it (cues.CASELOAD, VOLUME_RATE) are that other
        # work's figures, not detail of a requirement named in general words beside them…
        ("enforcement.random_inspection", "全年查办市场违法案件304件，罚没金额1260万元，深入推进部门联合“双随机、一公开”监管。", "asserted"),
        ("enforcement.random_inspection", "全年办理各类执法案件128件，涉案金额540万元，全面推行“双随机、一公开”监管。", "asserted"),
        ("enforcement.credentials", "街道综合执法队在汛期检查中排查隐患186处，坚持执法人员持证上岗、亮证执法。", "asserted"),
        ("enforcement.publicity", "全年督促整改安全隐患1027项，全面落实执法公示制度，执法结果按规定向社会公开。", "asserted"),
        ("enforcement.publicity", "全年受理行政许可申请1540件，按期办结率100%，认真落实行政执法公示制度。", "asserted"),
        ("enforcement.credentials", "全年办结行政处罚案件76件，结案率100%，严格落实执法人员持证上岗和资格管理制度。", "asserted"),
        # …while the requirement's own figure, or its own rate, still counts
        ("enforcement.publicity", "全年办理行政处罚案件63件，处罚金额85万元，通过市行政执法信息公示平台公示执法决定63条。", "substantiated"),
        ("enforcement.publicity", "严格落实行政执法公示制度，全年在门户网站公示行政处罚信息420条，公示率100%。", "substantiated"),
        ("enforcement.credentials", "排查整改隐患215处，全年新申领行政执法证件36本，严格落实持证上岗制度。", "substantiated"),
        ("enforcement.random_inspection", "全年通过“双随机”方式抽查企业56户，发现隐患23处并督促整改。", "substantiated"),
        # …and the hazards a requirement's own work found, said after it, are its outcome (the
        # hazards end the walk back only, cues.OTHER_WORK_BEFORE)
        ("enforcement.supervision", "组织开展执法监督检查，共发现问题隐患45处，督促整改到位率100%。", "substantiated"),
        ("enforcement.random_inspection", "推行“双随机、一公开”监管，全年随机抽查企业89家，发现并整改隐患14处。", "substantiated"),
        ("enforcement.legal_review", "全年检查中发现问题隐患96个，整改到位率100%，重大执法决定严格落实法制审核制度。", "asserted"),
        # …and so do the complaints and hotline orders handled: another's work before the
        # requirement, what its own work took in after it
        ("enforcement.publicity", "全年办理12345热线工单1860件，全面落实行政执法公示制度。", "asserted"),
        ("enforcement.legal_review", "全年受理投诉举报426件，处理率100%，重大执法决定均经法制审核。", "asserted"),
        ("oversight.external", "自觉接受社会监督，全年办理12345热线工单1860件。", "substantiated"),
        # (r29a) the unlawful acts investigated, cases closed and gains confiscated are caseload too
        ("enforcement.publicity", "全年共立案调查违法行为67起，结案62起，全面落实执法公示制度。", "asserted"),
        ("enforcement.random_inspection", "全年查处无证经营案件58起，没收违法所得21万元，日常监管全面推行“双随机、一公开”。", "asserted"),
        # (r29a) 均/全部/一律 said of a subject the clause names itself (重大执法决定, 重大案件, 日常检查)
        # do not take up the cases counted before it (cues.ALL_THE_CASES)…
        ("enforcement.legal_review", "全年办理行政处罚案件420件，重大执法决定均经法制审核后作出。", "asserted"),
        ("enforcement.legal_review", "全年立案查处各类违法案件208件，重大案件一律经法制机构审核并集体讨论决定。", "asserted"),
        ("enforcement.random_inspection", "全年立案查处安全生产违法案件39件，日常检查一律通过“双随机、一公开”方式开展。", "asserted"),
        # …said of those cases themselves, they do
        ("enforcement.legal_review", "全年作出重大行政处罚决定27件，均经法制审核后作出。", "substantiated"),
        ("enforcement.legal_review", "全年作出行政处罚决定74件，处罚决定均经法制审核。", "substantiated"),
        ("enforcement.legal_review", "全年办理重大执法案件19件，上述案件全部经过法制审核和集体讨论。", "substantiated"),
        ("enforcement.legal_review", "全年作出行政处罚决定81件，其中重大执法决定14件均经法制审核。", "substantiated"),
        # (r30b) whose figure, after the requirement too: the year's inspections counted with 余/多 or
        # as a field's 监督检查 (cues.CASELOAD) are enforcement volume, not the detail of a requirement
        # named in general words before or after them…
        ("enforcement.lenient", "推行柔性执法，对初次轻微违法行为依法不予处罚，全年开展市场监管执法检查560余次。", "asserted"),
        ("enforcement.lenient", "全年开展日常执法检查340余次，对轻微违法行为坚持教育与处罚相结合。", "asserted"),
        ("emergency.response", "依法做好疫情防控各项工作，全年开展公共场所卫生监督检查620家次。", "asserted"),
        ("enforcement.full_recording", "全年开展食品安全监督检查2300余家次，检查中做到全程记录、依法取证。", "asserted"),
        ("enforcement.random_inspection", "推行“双随机、一公开”监管，全年开展各类监督检查380家次。", "asserted"),
        # …while the requirement's own count, the inspections each recorded, and 执法监督检查 (the
        # supervision of enforcement) stay detail
        ("enforcement.lenient", "对轻微违法行为依法不予处罚案件42件，开展执法检查120余次。", "substantiated"),
        ("enforcement.full_recording", "全年开展执法检查215次，每次检查均全程音像记录。", "substantiated"),
        ("enforcement.supervision", "加强行政执法监督，开展执法监督检查12次。", "substantiated"),
        ("enforcement.random_inspection", "推行“双随机、一公开”监管，全年随机抽查检查对象150家。", "substantiated"),
        # (r30b) the permits' rate of being done in time, in a clause of its own, is the service's
        # figure (cues.BUSINESS_VOLUME); a requirement's own rate stays its detail
        ("enforcement.random_inspection", "坚持以“双随机、一公开”为基本监管方式，行政许可事项办结率保持100%。", "asserted"),
        ("enforcement.random_inspection", "推行“双随机、一公开”监管，抽查结果公示率达100%。", "substantiated"),
        ("enforcement.publicity", "严格落实行政执法公示制度，行政许可和行政处罚信息7日内公示率100%。", "substantiated"),
        # (r30b) case files of closed penalty cases drawn for a review (…办结的行政处罚案卷18卷) are the
        # review's count, not the caseload
        ("enforcement.supervision", "从各执法队随机抽取2023年办结的行政处罚案卷18卷开展评查。", "substantiated"),
        # (r30b) an opening list of key tasks closed by its count (…和信访积案化解三项重点工作) is no
        # evidence of each task (cues.AGENDA_CLAUSE); the task done and counted still is
        ("disputes.petition_mediation", "2022年，我办紧紧围绕优化营商环境、行政复议体制改革和信访积案化解三项重点工作，统筹推进各项工作。", "absent"),
        ("disputes.reconsideration_litigation", "2022年，我办紧紧围绕优化营商环境、行政复议体制改革和信访积案化解三项重点工作，统筹推进各项工作。", "absent"),
        ("disputes.petition_mediation", "今年以来，我镇聚焦安全生产、环境整治及信访稳定两项中心工作，扎实推进依法行政。", "absent"),
        ("disputes.petition_mediation", "全年化解信访积案12件，调处矛盾纠纷86起。", "substantiated"),
        # (r13) tasks named between a plan's 明确 and its 重点任务/年度任务/任务分工 are on the plan
        # (cues.AGENDA_CLAUSE's lead and tail are the cue, not the tasks between them); the plan
        # itself stays leadership.party_deployment, and work done and counted stays the task's
        ("disputes.petition_mediation", "制定年度法治建设计划，明确信访积案化解、矛盾纠纷排查等年度任务。", "absent"),
        ("disputes.reconsideration_litigation", "印发《2023年法治政府建设工作要点》，明确行政复议、行政应诉等具体任务。", "absent"),
        ("education.popularization", "印发2022年度工作计划，明确宪法宣传、以案释法等12项重点任务。", "absent"),
        ("enforcement.lenient", "县政府印发实施方案，明确推行包容审慎监管等18项工作任务。", "absent"),
        ("oversight.openness", "2018年，乡党委印发工作要点，明确政务公开、村务公开等任务分工。", "absent"),
        ("leadership.party_deployment", "制定年度法治政府建设工作要点，明确重点任务32项。", "substantiated"),
        ("leadership.party_deployment", "印发《某县2023年法治政府建设工作要点》，明确依法应对突发事件等30项重点任务。", "substantiated"),
        ("disputes.petition_mediation", "全年化解信访积案12件，明确专人跟踪化解重点任务。", "substantiated"),
        # (r13) tasks listed before 纳入…考核内容/绩效考核/考核体系 are the assessment's items, not done;
        # one duty put into the assessment is the accountability for it and stays
        ("enforcement.supervision", "将健全行政执法监督检查机制、推行法律顾问制度等工作纳入年度绩效考核重要指标。", "absent"),
        ("legal_adviser.use", "将法律顾问制度落实情况、规范性文件备案情况列入年度目标责任考核。", "absent"),
        ("leadership.accountability", "将法治建设纳入全县综合考核体系，分值占比5%。", "substantiated"),
        ("leadership.first_responsible", "将党政主要负责人履行推进法治建设第一责任人职责情况纳入年终述职评议考核内容。", "asserted"),
        ("disputes.reconsideration_litigation", "全年行政机关负责人出庭应诉12次，出庭应诉率纳入部门绩效考核。", "substantiated"),
    ],
)
def test_sentence_status_among_every_rule(ruleset, rule_id, sentence, expected):
    assert judge_text(ruleset.get(rule_id), sentence, ruleset=ruleset) == expected


def test_part_decides_status_and_strongest_wins(ruleset):
    text = (
        "某局2022年度法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "（一）规范执法。全面推行行政执法公示制度。\n"
        "二、存在的不足和原因\n"
        "法律顾问作用发挥不充分，执法全过程记录还不规范，原因是经费不足。\n"
        "三、2023年工作安排\n"
        "全面落实执法全过程记录制度，聘请法律顾问1名，落实行政执法公示制度，在省平台公示执法信息100条。\n"
        "某局\n2023年3月10日"
    )
    result = _score(ruleset, text)
    assert result.result("enforcement.publicity").status == "asserted"  # done beats planned
    assert result.result("enforcement.full_recording").status == "deficient"  # a gap beats a plan
    assert result.result("legal_adviser.use").status == "deficient"
    assert result.result("leadership.first_responsible").status == "absent"
    statuses = {e.part_role: e.status for e in result.result("enforcement.publicity").evidence}
    assert statuses == {"achievements": "asserted", "next_year": "planned"}
    assert result.result("meta.deadline").status == "met"
    assert result.result("structure.shortcomings").status == "met"


@pytest.mark.parametrize("issuer, expected", [
    ("渠县拱市乡人民政府", "asserted"),  # a township applying its county's document: cited
    ("渠县人民政府", "substantiated"),  # the county's own document
])
def test_a_governments_document_is_only_its_own_work(ruleset, issuer, expected):
    text = (f"{issuer}2024年法治政府建设情况报告\n一、主要举措和成效\n"
            "认真落实《渠县人民政府行政执法公示工作制度》，全面推行行政执法公示制度。\n")
    assert _score(ruleset, text).result("enforcement.publicity").status == expected


@pytest.mark.parametrize("issuer, sentence, rule_id, expected", [
    # the issuer's own rules applied or cited as the basis are its own document on the
    # requirement its title names (catalogue: the department's own named document is detail)
    ("桐溪区人民政府", "严格按照《桐溪区党政主要负责人述法工作办法》要求，组织开展年度述法。",
     "leadership.accountability", "substantiated"),
    ("桐溪省水利厅", "认真执行《省水利厅领导干部学法用法制度》，坚持会前学法。", "leadership.law_study", "substantiated"),
    # …a higher government's, cited by a department below it, is the basis, not detail
    ("桐溪区水利局", "严格按照《桐溪区党政主要负责人述法工作办法》要求，组织开展年度述法。",
     "leadership.accountability", "asserted"),
    # …and the issuer's own document on another matter is not this one's detail
    ("桐溪区人民政府", "按照《桐溪区合同合法性审查办法》要求，重大行政决策均经集体讨论决定。",
     "decisions.statutory_procedure", "asserted"),
])
def test_the_issuers_own_document_cited_is_detail_of_its_subject(ruleset, issuer, sentence, rule_id, expected):
    text = f"{issuer}2024年法治政府建设情况报告\n一、主要举措和成效\n{sentence}\n"
    assert _score(ruleset, text).result(rule_id).status == expected


@pytest.mark.parametrize("opening, sentence, expected", [
    # no issuer on the page: the opening's subject names it (…，桐溪县坚持…)
    ("桐溪县坚持以法治思维推进各项工作。", "认真执行《桐溪县重大行政决策程序规定》，重大行政决策均经集体讨论决定。",
     "substantiated"),
    ("桐溪县坚持以法治思维推进各项工作。", "认真执行《桐山市重大行政决策程序规定》，重大行政决策均经集体讨论决定。",
     "asserted"),
    # the issuer named before the title: its own rules
    ("我局坚持以法治思维推进各项工作。", "严格执行本局《重大行政决策合法性审查工作规则》，重大行政决策均经集体讨论决定。",
     "substantiated"),
    ("区水利局坚持以法治思维推进各项工作。",
     "严格执行水利局《行政规范性文件管理细则》、《重大行政决策合法性审查规则》，重大行政决策均经集体讨论决定。",
     "substantiated"),
])
def test_the_unit_named_in_the_opening_owns_the_documents_it_cites(ruleset, opening, sentence, expected):
    text = f"2024年，在市委市政府的坚强领导下，{opening}\n一、主要举措和成效\n{sentence}\n"
    assert _score(ruleset, text).result("decisions.statutory_procedure").status == expected


def test_a_governments_document_the_department_made_is_its_own(ruleset):
    # 制定并全面实施《…》: the verb says the unit made it, though its title names the city
    text = ("桐溪市司法局2024年法治政府建设情况报告\n一、主要举措和成效\n"
            "研究制定并全面实施《桐溪市2024年法治政府建设十项重点任务》，逐项明确责任单位。\n")
    assert _score(ruleset, text).result("leadership.party_deployment").status == "substantiated"


def test_deadline_late_absent_and_late_signature_warning(ruleset):
    late = _score(ruleset, "某局2022年度法治政府建设情况报告\n一、主要举措\n开展培训2次。\n某局\n2023年4月15日")
    assert late.result("meta.deadline").status == "late"
    assert "晚于2023年4月1日" in late.result("meta.deadline").reason
    assert any("3月1日" in n for n in late.notes)
    undated = _score(ruleset, "某局2022年度法治政府建设情况报告\n一、主要举措\n开展培训2次。")
    assert undated.result("meta.deadline").status == "absent"
    assert "未找到报告日期" in undated.result("meta.deadline").reason


def test_edition_follows_year_and_can_be_overridden(ruleset):
    text = "某局2020年度法治政府建设工作报告\n一、主要举措\n推行包容审慎监管，制定免罚清单2项。\n"
    r2015 = _score(ruleset, text)
    assert r2015.edition == 2015
    lenient = r2015.result("enforcement.lenient")
    assert lenient.status == "substantiated" and not lenient.applies and lenient.max_points == 0
    r2021 = _score(ruleset, text, edition=2021)
    assert r2021.edition == 2021 and r2021.result("enforcement.lenient").applies


def test_score_traces_to_points(ruleset, seed_results):
    for result in seed_results.values():
        total = sum(r.max_points for r in result.results)
        earned = sum(r.points for r in result.results)
        assert result.score == pytest.approx(round(100 * earned / total, 1))
        for r in result.results:
            assert (r.points > 0) == (r.applies and r.status != "absent")
            if r.status not in ("absent",) and r.rule.kind == "element":
                assert r.evidence, r.rule.id
        assert 0 <= result.core_score <= 100


def test_repeated_page_text_counts_once(seed_results):
    result = seed_results["004_66bd2bdb3c4334a6.txt"]
    petition = result.result("disputes.petition_mediation")
    assert len(petition.evidence) == 1
    texts = [s.text for s in result.segmented.sentences]
    assert len(texts) == len(set(texts)) or len(texts) - len(set(texts)) < 5


def test_similarity_signal_proposes_paraphrases_but_never_proves(ruleset):
    from scorer.match import MatchOptions

    # No rule term here, but the wording is close to a legal_adviser example.
    text = "一、主要举措\n续聘两名执业律师担任常年顾问，全年出具法律意见书十五份。\n"
    plain = _score(ruleset, text, options=MatchOptions(model=False))
    with_similarity = _score(ruleset, text, options=MatchOptions(similarity=True, model=False))
    assert plain.result("legal_adviser.use").status == "absent"
    found = with_similarity.result("legal_adviser.use")
    assert found.status == "asserted"
    assert found.evidence[0].signal == "similarity"


def test_quality_signals(ruleset):
    text = (
        "某局2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政处罚案件8件，印发《执法手册》。\n"
        "二、存在的不足和原因\n执法力量不足，主要是编制偏少。\n三、2023年工作安排\n年底前完成案卷评查20卷。\n"
    )
    q = _score(ruleset, text).quality
    assert q.shortcomings_state_causes is True and q.plans_have_targets is True
    assert q.named_documents == 1 and q.figures_per_kchar > 0
    vague = _score(ruleset, "一、主要成效\n全面落实各项制度。\n二、存在的不足和原因\n人员不足。\n三、明年打算\n继续努力。\n").quality
    assert vague.shortcomings_state_causes is False and vague.plans_have_targets is False
    assert vague.figures_per_kchar == 0
    none = _score(ruleset, "一、主要成效\n全面落实各项制度。\n").quality
    assert none.shortcomings_state_causes is None and none.plans_have_targets is None


# The catalogue's "Status" section, on sentences of our own: detail must be about the
# requirement it substantiates, and some wording is never evidence of work done.
@pytest.mark.parametrize(
    "rule_id, sentence, expected",
    [
        # a figure in a clause another requirement claims is that requirement's detail
        ("enforcement.publicity", "全年主动公开政府信息120条，全面推行行政执法公示制度。", "asserted"),
        ("oversight.openness", "全年主动公开政府信息120条，全面推行行政执法公示制度。", "substantiated"),
        # a clause no requirement claims carries on the one before it
        ("enforcement.credentials", "组织执法人员开展执法资格培训，共计3期120人次。", "substantiated"),
        # a basis or aim is not the work; a stock opener is not oversight
        ("enforcement.publicity", "按照全面推行行政执法公示制度的要求，扎实做好年度各项工作。", "absent"),
        ("oversight.external", "在市人大常委会的监督指导下，全面完成年度目标任务。", "absent"),
        # tasks named in an agenda are the deployment, not the tasks done
        ("disputes.reconsideration_litigation", "印发《2023年法治政府建设工作要点》，对行政复议、行政应诉等工作作出安排部署。", "absent"),
        # …and so are tasks put into the year's plan or its assessment indicators; the work
        # reported in the next clause still counts, and the assessment is accountability's
        ("enforcement.full_recording", "将推行执法全过程记录、综合执法改革等工作纳入年度工作安排。", "absent"),
        ("enforcement.supervision", "把健全行政执法监督机制等工作纳入全县重点考核指标。", "absent"),
        ("enforcement.supervision", "把案卷评查纳入年度工作安排，全年评查执法案卷48卷。", "substantiated"),
        ("leadership.accountability", "将法治建设纳入全县重点考核指标。", "asserted"),
        # a remit says who is in charge, not what was done
        ("normative_docs.legality_review", "由法规科负责规范性文件合法性审核工作。", "absent"),
        # a law studied is not detail; the department's own document is, even after 落实
        ("leadership.law_study", "局党组中心组专题学习《中华人民共和国行政处罚法》。", "asserted"),
        ("leadership.law_study", "认真落实《市科技局领导干部学法用法制度》。", "substantiated"),
        # named events, named persons, counts in Chinese numerals
        ("education.popularization", "在“12·4”国家宪法日组织普法宣传进社区活动。", "substantiated"),
        # a named platform, not a sector and its people (市直水利系统执法人员) nor a grid (网格员)
        ("enforcement.credentials", "组织市直水利系统执法人员系统学习行政处罚法，取得执法证。", "asserted"),
        ("education.popularization", "依托滨海新区综合网格员队伍开展普法宣传进社区活动。", "asserted"),
        ("enforcement.credentials", "组织执法人员登录宁夏行政执法监督系统开展执法资格考试。", "substantiated"),
        ("education.popularization", "组织州直政法系统开展法治宣传进社区活动。", "asserted"),
        ("leadership.law_study", "局党组中心组集中学法，采用“自学、集中学、专题学”的方式开展系统学习。", "asserted"),
        ("leadership.law_study", "通过“学法用法网”等线上平台组织集中学法。", "substantiated"),
        ("functions.power_list", "推行宜春—长沙市全程网办，确定“跨省通办”事项清单。", "asserted"),
        ("functions.power_list", "通过长沙市政务服务网办理营业执照业务。", "substantiated"),
        # …a day, not a word beginning with 日 (法治日常工作, 法治日报)
        ("leadership.party_deployment", "成立法治政府建设领导小组，明确专人负责法治日常工作。", "asserted"),
        ("education.popularization", "在法治日报刊发普法宣传稿件，以案释法。", "asserted"),
        ("education.popularization", "围绕安全生产宣传日开展法治宣传进企业活动。", "substantiated"),
        ("leadership.first_responsible", "局长王宇同志亲自部署法治政府建设重点工作。", "substantiated"),
        ("enforcement.supervision", "抽调骨干组成五个专项小组开展行政执法监督检查。", "substantiated"),
        ("enforcement.supervision", "坚持“两个维护”，加强行政执法监督。", "asserted"),
        # a Chinese numeral with 一 inside it is a number too (十一, 二十一)
        ("enforcement.supervision", "抽调骨干组成十一个专项小组开展行政执法监督检查。", "substantiated"),
        ("education.popularization", "连续十一年组织开展普法宣传进社区活动。", "substantiated"),
        # the leading group's head named as 组长…同志; a higher body's inspection named however
        # long the words between (配合中央依法治国办开展法治政府建设实地督察)
        ("leadership.first_responsible", "县长、县推进法治政府建设领导小组组长李明同志主持召开全县法治政府建设工作会。", "substantiated"),
        ("leadership.first_responsible", "县长、县推进法治政府建设领导小组组长主持召开全县法治政府建设工作会。", "asserted"),
        ("oversight.external", "全力配合中央依法治国办开展法治政府建设实地督察“回头看”。", "substantiated"),
        # a team led to a named place to learn from it is a concrete act with a named outside place;
        # 先进地区 or 各县区 names none
        ("leadership.first_responsible", "局长认真履行第一责任人职责，亲自带队到桐溪区学习法治政府建设经验。", "substantiated"),
        ("leadership.first_responsible", "局长认真履行第一责任人职责，亲自带队到先进地区学习法治政府建设经验。", "asserted"),
        # the leaders' year on the law-based duty reported to a named rule-of-law office is a concrete
        # act with it; the year's report on law-based government sent there is annual_report's own
        ("leadership.accountability", "及时向旗委全面依法治旗办报告局领导班子年度履行法治建设责任情况。", "substantiated"),
        ("leadership.accountability", "及时向上级报告局领导班子年度履行法治建设责任情况。", "asserted"),
        # …a named higher body's spot check or return visit is its inspection too (迎接省委依法治省办…示范
        # 回访抽查); the leader who readies the unit for it acts on the duty with that named body
        ("leadership.first_responsible", "县政府主要负责人切实履行推进法治建设第一责任人职责，部署迎接省委依法治省办法治政府建设示范回访抽查工作。", "substantiated"),
        ("leadership.first_responsible", "县政府主要负责人切实履行推进法治建设第一责任人职责，部署法治政府建设示范创建工作。", "asserted"),
        # a score attained is a measured result; the points an item weighs and 15分钟 are not
        ("leadership.accountability", "主要负责人年终述法测评得分95分。", "substantiated"),
        ("leadership.accountability", "法治政府建设年度考核得分98.5分。", "substantiated"),
        ("leadership.accountability", "将法治建设纳入年度绩效考核，分值占比5分。", "asserted"),
        ("leadership.accountability", "组织开展年终述法，每人限时15分钟。", "asserted"),
        # an event named by its year and subject, a numbered session, a named law firm,
        # a concrete act with a named party body, a quoted platform name
        ("leadership.law_study", "举办2023年度领导干部法治思维专题培训班，局党组成员全部参加。", "substantiated"),
        ("leadership.party_deployment", "召开全面依法治区委员会第三次会议，研究部署法治政府建设。", "substantiated"),
        ("leadership.party_deployment", "召开区委全面依法治区委员会第二次（扩大）会议，部署年度法治政府建设任务。", "substantiated"),
        ("legal_adviser.use", "聘请广东诚信律师事务所律师担任常年法律顾问。", "substantiated"),
        ("leadership.law_study", "邀请市委党校专家为局党组中心组作法治专题讲座。", "substantiated"),
        ("leadership.law_study", "组织领导干部登录“学法用法网”开展法治学习。", "substantiated"),
        # …but a higher body's session whose spirit is studied is cited, not held, and a
        # standing oath rule is not an oath ceremony
        ("leadership.law_study", "局党组中心组专题学习习近平法治思想和省委全面依法治省委员会第二次会议精神。", "asserted"),
        ("leadership.law_study", "组织领导干部集中学法，学习习近平总书记在中央全面依法治国委员会第三次会议上的重要讲话。", "asserted"),
        ("leadership.first_responsible", "局长认真落实宪法宣誓和法治政府建设年度报告制度。", "asserted"),
        ("leadership.law_study", "组织新任职干部宪法宣誓，带头学习宪法。", "substantiated"),
        ("disputes.reconsideration_litigation", "严格落实领导干部任前宪法宣誓、法律考试、行政首长出庭应诉等制度性安排。", "asserted"),
        # a named leading-group head is a person; the generic role is not; a month is a date
        ("leadership.party_deployment", "调整以黄忠武书记为组长的法治政府建设领导小组。", "substantiated"),
        ("leadership.party_deployment", "调整以局长为组长的法治政府建设领导小组。", "asserted"),
        ("leadership.law_study", "将法治思想纳入学习计划，6月，局党委会组织专题学法。", "substantiated"),
        # an ordinal or a rank is not a count; a quoted mechanism's numbers are its name; books
        # studied in a list are all studied; a role that 负总责 is no name; a sector is no system
        ("leadership.law_study", "局党组中心组专题学法，学习习近平总书记在中央深改委第二十五次会议上的重要讲话。", "asserted"),
        ("leadership.accountability", "法治政府建设考评列全省第2名，压实领导干部法治建设责任。", "asserted"),
        ("leadership.law_study", "认真学习贯彻市委六届二次、三次、四次全会精神，局党组中心组专题学法。", "asserted"),
        ("leadership.party_deployment", "健全依法治市“1委1办4组”制度机制，研究部署法治政府建设。", "asserted"),
        ("leadership.law_study", "局党组中心组集中学法，学习《习近平谈治国理政》《中国共产党章程》。", "asserted"),
        ("leadership.law_study", "局党组中心组集中学法，学习《宪法》和《市科技局学法用法手册》。", "asserted"),
        ("leadership.law_study", "印发《市科技局学法计划》《市科技局学法清单》，推进领导干部学法。", "substantiated"),
        ("leadership.party_deployment", "成立由局长负总责的法治政府建设领导小组。", "asserted"),
        ("legal_adviser.use", "聘请业界知名律师事务所担任常年法律顾问。", "asserted"),
        ("leadership.first_responsible", "局长履行第一责任人职责，加快推进县卫生健康系统法治建设。", "asserted"),
        # a shortfall a meeting studied is being tackled, not admitted
        ("disputes.reconsideration_litigation", "办理行政复议案件，重点研究工作人员不足等困难和问题。", "asserted"),
        ("leadership.party_deployment", "召开局党组会议、专题会议等6次，集中听取依法治区、法治政府建设、普法等工作汇报，"
         "重点研究推行法律顾问制度、规范性文件清理、行政复议应诉、执法监督平台建设、基层执法人员力量不足等困难和问题。", "substantiated"),
        ("disputes.reconsideration_litigation", "办理行政复议案件，工作人员不足。", "deficient"),
        # a law named without 《》 is the law, not the work (行政复议法定职责 is the work)
        ("disputes.reconsideration_litigation", "组织执法人员参加培训7期，内容涵盖行政处罚法、行政复议法、行政诉讼法等。", "absent"),
        ("disputes.reconsideration_litigation", "办理行政复议案件12件，依法履行行政复议法定职责。", "substantiated"),
        # the items a meeting heard or reviewed are its agenda, not work reported done
        ("normative_docs.cleanup", "召开区政府常务会议12次，审议年度立法计划、规范性文件清理等重要议题。", "absent"),
        ("legal_adviser.use", "区委常委会听取法治政府建设、法律顾问选聘等工作汇报，研究部署年度任务。", "absent"),
        ("leadership.party_deployment", "区委常委会听取法治政府建设、法律顾问选聘等工作汇报，研究部署年度任务。", "asserted"),
        ("normative_docs.cleanup", "召开区政府常务会议审议规范性文件清理结果，废止规范性文件5件。", "substantiated"),
        # no document issued this year is a fact about the year, not a gap; not filing them is one
        ("normative_docs.cleanup", "我委今年以来未制定规范性文件，对现行有效的2件规范性文件开展清理，废止1件。", "substantiated"),
        ("normative_docs.filing", "个别规范性文件未按时报送备案。", "deficient"),
        # a plan's tasks counted are tasks named, not done
        ("emergency.response", "印发《县法治政府建设行动方案》，明确强化突发事件依法处置等35项主要任务。", "absent"),
        # what an inspection looks at is named, not done by the inspector; the inspection is
        ("enforcement.legal_review", "开展2次行政执法监督检查，对各镇街重大执法决定法制审核制度落实情况进行检查。", "absent"),
        ("enforcement.supervision", "开展2次行政执法监督检查，对各镇街重大执法决定法制审核制度落实情况进行检查。", "substantiated"),
        ("enforcement.legal_review", "落实重大执法决定法制审核制度，全年审核重大执法决定26件。", "substantiated"),
        # a list of the year's areas is not work; an act after the list still is
        # ((r12e) with the work said done after the list it is reported: asserted, as the dev labels have it)
        ("education.popularization", "在法治学习、普法宣传、基层治理、纠纷化解等方面综合发力，取得积极成效。", "asserted"),
        ("disputes.petition_mediation", "在依法决策、严格执法、化解矛盾纠纷、政务公开等方面取得明显成效。", "asserted"),
        ("emergency.response", "全镇在行政执法、信访维稳、疫情防控、法治宣传等领域综合发力。", "asserted"),
        ("disputes.petition_mediation", "下一步将在依法决策、严格执法、化解矛盾纠纷、普法宣传等方面持续发力。", "absent"),
        # ((r12e) the same for the key tasks' list: named, it is an agenda; said done over it, reported)
        ("disputes.petition_mediation", "推动行政执法规范、矛盾纠纷化解等重点工作有序推进。", "asserted"),
        ("disputes.petition_mediation", "年度要点明确了行政执法规范、矛盾纠纷化解等重点工作。", "absent"),
        ("disputes.petition_mediation", "持续在制度建设、行政决策、行政执法、矛盾化解等多方面用力，法治政府建设取得成效。", "absent"),
        ("enforcement.publicity", "在行政许可、行政处罚、行政检查等方面公示执法信息1200条。", "substantiated"),
        # …nor the fields a principle runs through (贯穿…、…、…全过程); work done in one still is
        ("functions.power_list", "始终把法治思维贯穿政务服务、行政执法、基层治理全过程，提升依法行政能力。", "absent"),
        ("functions.power_list", "将法治思维贯穿政务服务全过程，全年办理政务服务事项3.2万件。", "substantiated"),
        # a set frequency is a count; a quoted column is a named platform; the leader who
        # chairs the deploying meeting acts in person
        ("leadership.party_deployment", "党工委每半年听取一次法治建设工作情况汇报。", "substantiated"),
        ("education.popularization", "在官网开设“学习宣传贯彻习近平法治思想”网络专栏，开展普法宣传。", "substantiated"),
        ("leadership.first_responsible", "局主要领导履行第一责任人职责，全年主持召开党委会议研究部署法治建设工作6次。", "substantiated"),
        # a basis verb does not swallow the plan the department makes after it
        ("leadership.party_deployment", "对标对表制定2023年法治政府建设工作要点。", "asserted"),
        ("leadership.party_deployment", "对照《法治政府建设实施纲要》要求，扎实推进法治政府建设。", "absent"),
        # a higher body's meetings whose deployment is carried out are the basis, not meetings
        # the department held; a principle the year followed is the aim, not the work
        ("leadership.party_deployment", "认真落实省委十二届五次全会、省委全面依法治省委员会第三次会议部署，推进依法行政。", "absent"),
        ("leadership.party_deployment", "落实市委全面依法治市委员会会议、全市法治政府建设推进会部署要求，提升依法行政水平。", "absent"),
        ("leadership.party_deployment", "召开局党组会议部署法治政府建设工作。", "asserted"),
        ("leadership.party_deployment", "深入贯彻党中央关于全面依法治国、法治政府建设的专门部署，依法履职。", "absent"),
        ("education.popularization", "坚持以法治宣传教育为先导，以制度建设为保障，推进依法治校。", "absent"),
        # …and a year alone, a generic firm or a slogan's number is not
        ("legal_adviser.use", "聘请律师事务所律师担任常年法律顾问。", "asserted"),
        ("enforcement.supervision", "实现“四个零发生”，加强行政执法监督。", "asserted"),
        # an honour conferred on the work is a named body's checkable decision; striving
        # for one is not
        ("disputes.petition_mediation", "街道人民调解委员会获评全省人民调解工作先进集体。", "substantiated"),
        ("education.popularization", "区司法局被评为全国“八五”普法中期表现突出单位。", "substantiated"),
        ("education.popularization", "积极争创全国普法工作先进单位，深入开展普法宣传。", "asserted"),
        ("functions.power_list", "推进政务服务标准化，获得群众广泛好评。", "asserted"),
        # a grade in the year's assessment names no title, body or event: not detail
        ("leadership.accountability", "将法治建设纳入年度绩效考核，法治建设考核获得优秀等次。", "asserted"),
        # …but a named year's assessment and the rank it gave is a named event's result
        ("leadership.accountability", "将法治建设纳入年度绩效考核，在2023年度法治桐溪建设考评中位列全市第一。", "substantiated"),
        # a campaign named by its subject is a named event; a campaign without one is not
        ("enforcement.supervision", "开展城市管理执法领域突出问题专项整治，加强行政执法监督。", "substantiated"),
        ("enforcement.supervision", "深入开展各类执法专项整治，加强行政执法监督。", "asserted"),
        ("functions.credit", "开展信用交通宣传月活动，推进社会信用体系建设。", "substantiated"),
        # a leader named before 及时 and a lawyer engaged by name are named persons; a kind of
        # lawyer is not
        ("leadership.party_deployment", "区委书记王明及时主持召开区委全面依法治区委员会会议。", "substantiated"),
        ("legal_adviser.use", "外聘李华律师为常年法律顾问。", "substantiated"),
        ("legal_adviser.use", "外聘专业律师为常年法律顾问。", "asserted"),
        # a person named with 同志 and no title is still a named person
        ("leadership.first_responsible", "去年以来，王建华同志认真履行法治建设第一责任人职责。", "substantiated"),
        # …and one named between the title and 严格履行 (as in traditional characters on a
        # big5 copy); a title with its verb (局长严格履行) or 主任委员 names no one
        ("leadership.first_responsible", "党组书记、局长冯正霖严格履行推进法治建设第一责任人职责。", "substantiated"),
        ("leadership.first_responsible", "黨組書記、局長馮正霖嚴格履行推進法治建設第一責任人職責。", "substantiated"),
        ("leadership.first_responsible", "局长严格履行推进法治建设第一责任人职责。", "asserted"),
        ("leadership.first_responsible", "主任委员严格履行推进法治建设第一责任人职责。", "asserted"),
        # …nor an adverb after the title (局长扎实履行 names no one)
        ("leadership.first_responsible", "“一把手”局长扎实履行推进法治建设第一责任人职责，带头研究、系统部署。", "asserted"),
        # a training named by the words everyone quotes (“一把手”, “关键少数”) is no named event
        ("leadership.law_study", "将学习贯彻习近平法治思想纳入理论学习中心组重点内容及“一把手”党建培训第一课题。", "asserted"),
        # a street's own rules named with its place (Guangzhou's streets are …街, not …街道)
        ("leadership.first_responsible", "不断完善《洛浦街党政主要负责人履行推进法治建设第一责任人职责规定》《洛浦街党政主要负责人履行推进法治建设第一责任人职责实施细则》和《广东省实施方案》。", "substantiated"),
        # a meeting's study of a list of fields is its topics; a meeting reviewing drafts does that work
        ("legal_adviser.use", "召开区政府常务会议，研究重大项目、法律顾问选聘等工作。", "absent"),
        ("normative_docs.legality_review", "召开局务会议，研究审议普法工作要点、规范性文件送审稿等工作。", "asserted"),
        # a meeting about a field of work names its topic, not the work (catalogue: "a meeting
        # about a task is leadership.party_deployment, not the task"); a hearing or a 述法
        # session is the work itself, and a law-based meeting stays deployment
        ("disputes.reconsideration_litigation", "3月12日，召开全市行政复议工作推进会议。", "absent"),
        ("enforcement.supervision", "全年召开行政执法监督工作专题会2次。", "absent"),
        ("functions.credit", "召开全市法治政府建设暨诚信建设工程推进会，对年度任务进行全面部署。", "absent"),
        ("leadership.party_deployment", "召开全市法治政府建设暨诚信建设工程推进会，对年度任务进行全面部署。", "substantiated"),
        ("enforcement.supervision", "召开行政执法监督工作会议后，评查执法案卷120卷。", "substantiated"),
        ("leadership.accountability", "召开全县党政主要负责人述法工作推进会。", "asserted"),
        # a quoted account name before its kind is a named platform
        ("leadership.law_study", "依托“法治南湖”微信公众号组织领导干部集中学法。", "substantiated"),
        # a document listed among others is detail when it names its issuer or year; a bare
        # rule's name in a list of rules is not (the catalogue's legal-adviser trap)
        ("education.popularization", "印发《市水利局2024年普法责任清单》《市水利局学法计划》《市水利局执法手册》等文件。", "substantiated"),
        ("legal_adviser.use", "制定完善了《信访工作制度》《法律顾问制度》《财务管理制度》等制度。", "asserted"),
        ("legal_adviser.use", "修订《桐溪区政府工作规则》《桐溪区公文处理办法》《桐溪区法律顾问工作制度》等制度。", "asserted"),
        # …but a listed title that opens with the act it puts in place, or with its issuing
        # government, is one document of the work
        ("enforcement.full_recording",
         "印发《全面推行行政执法全过程记录制度实施细则》《机关考勤制度》《公文处理制度》等文件。", "substantiated"),
        ("decisions.statutory_procedure",
         "修订《县人民政府重大行政决策程序规则》《县政府工作规则》《县政府公文处理办法》。", "substantiated"),
        ("enforcement.full_recording", "建立了《考勤制度》《执法全过程记录制度》《财务制度》等制度。", "asserted"),
        # …and a notice on a subject (《关于…的通知》) is one document, issued once, not a rule's name
        ("normative_docs.legality_review",
         "制定了《局重大行政决策暂行规定》《关于进一步加强规范性文件合法性审查工作的通知》《局普法责任清单》等文件。",
         "substantiated"),
        # drafting the plan makes it the department's own document
        ("leadership.party_deployment", "牵头拟定《桐溪区2024年法治政府建设工作要点》，部署年度法治工作任务。", "substantiated"),
        # a meeting held under a name of its own is a named event; the unit's generic or
        # standing meeting is not
        ("leadership.party_deployment", "主持召开全省法治政府建设工作推进会议，部署年度重点任务。", "substantiated"),
        ("leadership.party_deployment", "召开桐溪区法治政府建设工作会议，研究部署法治政府建设。", "substantiated"),
        ("leadership.accountability", "组织召开全县专题述法会议，推动领导干部述法。", "asserted"),
        ("leadership.party_deployment", "召开局党组会议，研究部署法治政府建设工作。", "asserted"),
        # a place is named by its proper name before the level (宁川县), not by the level word
        # alone: the party committee's or the standing committee's work meeting and a meeting
        # opened by its level are standing kinds of meeting
        ("leadership.party_deployment", "召开县委法治建设委员会工作会议，研究部署年度法治工作。", "asserted"),
        ("leadership.party_deployment", "组织召开全面依法治县工作会议，部署法治政府建设重点任务。", "asserted"),
        ("leadership.party_deployment", "召开宁川县法治政府建设推进会，部署年度法治工作。", "substantiated"),
        # the leader reporting in person to a named rule-of-law office is a concrete act with
        # a named body; sending it the year's report is what the annual report rule names
        ("leadership.accountability", "局长向县委依法治县办专题述法，接受现场点评。", "substantiated"),
        ("leadership.accountability", "组织开展领导干部专题述法，接受现场点评。", "asserted"),
        ("leadership.annual_report", "按时向区委依法治区办报送上一年度法治政府建设情况报告。", "asserted"),
        # a count of people doing the work is a count (四名工作人员, not the slogan 三项工作); a
        # count of kinds is one too
        ("education.popularization", "选派四名工作人员参加全区普法骨干培训。", "substantiated"),
        ("normative_docs.legality_review", "梳理列入合法性审核目录的规范性文件8类。", "substantiated"),
        ("oversight.openness", "全年主动公开政府信息一千二百余条。", "substantiated"),
        # the three systems named the other way round are no count; a wrong corrected is
        # tackled, not admitted
        ("enforcement.publicity", "全面落实三项执法制度。", "asserted"),
        ("enforcement.supervision", "开展执法监督检查，纠正不规范执法行为。", "asserted"),
        ("enforcement.supervision", "执法监督检查不规范。", "deficient"),
        ("education.popularization", "普法宣传的针对性和实效性还不够强。", "deficient"),
        # checkable detail in forms real reports use: a Chinese number with 一 or 零 inside and
        # the units no slogan uses, a date in Chinese figures, a platform after 运行 or named
        # after its kind, a campaign named in a short quote, a law firm's branch in brackets…
        ("disputes.reconsideration_litigation", "全年办理行政复议案件三十一件。", "substantiated"),
        ("enforcement.credentials", "为执法人员换发执法证件一百二十本。", "substantiated"),
        ("leadership.law_study", "二〇二三年五月，局党组中心组开展专题学法。", "substantiated"),
        ("digital.platform", "上线运行桐溪区行政执法监督平台。", "substantiated"),
        ("education.popularization", "依托微信公众号“平安桐溪”开展普法宣传。", "substantiated"),
        ("enforcement.supervision", "开展“铁拳”行动，加强行政执法监督。", "substantiated"),
        ("legal_adviser.use", "聘请北京大成(桐溪)律师事务所担任法律顾问。", "substantiated"),
        # …a named body in a concrete act (invited, joined, its inspection acted on), a
        # principal named after 负责人, a talk at a named meeting, a named higher body's
        # praise, accounts named in a list (not kinds of media listed)…
        ("leadership.law_study", "特邀县委党校专家开展专题辅导与解读，提升领导干部法治思维。", "substantiated"),
        ("oversight.external", "积极贯彻落实市委依法治市办2025年法治建设督察反馈意见整改。", "substantiated"),
        ("education.popularization", "联合市人大常委会召开条例公布施行新闻发布会，开展普法宣传。", "substantiated"),
        # …the inspection of a named local party committee accepted, a named congress's review
        # opinions acted upon (the congress named alone is the requirement's own words)
        ("oversight.external", "主动接受县委巡察组对法治建设情况的专项检查。", "substantiated"),
        ("oversight.external", "认真落实区人大常委会审议意见，推动问题逐项整改。", "substantiated"),
        ("oversight.external", "主动接受区人大常委会的监督。", "asserted"),
        ("leadership.first_responsible", "局党政主要负责人马炜同志严格落实第一责任人职责。", "substantiated"),
        ("functions.power_list", "先后在全省行政执法工作推进会上介绍“放管服”改革经验。", "substantiated"),
        ("leadership.accountability", "开展主要负责人述法工作获中央依法治国办充分肯定。", "substantiated"),
        ("education.popularization", "在阳城人大、阳城普法等公众号开设习近平法治思想学习专栏。", "substantiated"),
        ("education.popularization", "通过门户网站、微信公众号、微博等平台开展普法宣传。", "asserted"),
        ("oversight.openness", "在政务服务大厅、便民服务中心等平台公开政府信息。", "asserted"),
        ("leadership.accountability", "开展主要负责人述法，工作得到上级肯定。", "asserted"),
        ("education.popularization", "在全市普法工作会议上传达学习上级精神，部署普法工作。", "asserted"),
        # …but not a reform every government names the same way, a quoted list of mottos, a
        # half-year, a year alone or a first time
        ("functions.power_list", "全面推进“一网通办”“一窗受理”。", "asserted"),
        ("education.popularization", "深入开展普法宣传，推动法律知识走进千家万户。", "asserted"),
        ("enforcement.supervision", "建立问题、整改、责任四台账，加强行政执法监督。", "asserted"),
        ("enforcement.supervision", "结合实施“深学争优、敢为争先、实干争效”行动，强化行政执法监督。", "asserted"),
        ("enforcement.supervision", "上半年，开展行政执法监督检查。", "asserted"),
        ("leadership.law_study", "2023年，局党组中心组开展专题学法。", "asserted"),
        ("enforcement.supervision", "首次开展行政执法监督检查。", "asserted"),
        # a body named a national base, a prize of a named year won: named honours
        ("education.popularization", "县红色教育基地被司法部命名为全国法治宣传教育基地。", "substantiated"),
        ("disputes.petition_mediation", "“深化市场化解纷机制，推动涉企纠纷高效快处”获2023年度浙江省改革突破奖银奖。", "substantiated"),
        # the duty's regulation applied is a mention of it; its spirit followed is the basis cited
        ("leadership.first_responsible", "严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》。", "asserted"),
        ("leadership.first_responsible", "贯彻落实《党政主要负责人履行推进法治建设第一责任人职责规定》的精神，增强推进法治政府建设的使命感。", "absent"),
        # the report describing its own parts is not work reported
        ("leadership.first_responsible", "全文包括2023年度法治政府建设主要工作、存在的主要问题、主要负责人履行推进法治政府建设第一责任人情况。", "absent"),
        # an office's remit in a clause of its own is who is in charge, not work done
        ("normative_docs.legality_review", "县政府办下设法律顾问室，主要承担县人民政府规范性文件合法性审查工作。", "absent"),
        # a leader named by title and name before where they acted; not a meeting named after a title
        ("leadership.first_responsible", "主要负责人带头落实推进法治建设第一责任人职责，市委书记王利波在全市法治建设会议上部署工作。", "substantiated"),
        ("leadership.first_responsible", "主要负责人带头落实推进法治建设第一责任人职责，市委书记会议在全市召开。", "asserted"),
        # a title conferred, named in quotes, is a named honour
        ("disputes.petition_mediation", "镇人民调解委员会获评“全国模范人民调解委员会”，调解纠纷成效明显。", "substantiated"),
        # a year-long campaign named by its subject is a named campaign
        ("disputes.reconsideration_litigation", "开展行政复议质量提升年活动，规范案件办理。", "substantiated"),
        # one staff member counted is a count; one leader put in charge is a remit
        ("legal_adviser.use", "我局有一名公职律师，充分发挥其在重大决策中的作用。", "substantiated"),
        ("disputes.reconsideration_litigation", "明确一名党组成员具体抓落实，认真执行行政机关负责人出庭应诉制度。", "asserted"),
        # …nor the reporting year written out as the period a figure covers
        ("disputes.petition_mediation", "今年以来（2023年1月1日至2023年12月31日），共调解矛盾纠纷。", "asserted"),
        # a report reposted in traditional characters reads the same
        ("enforcement.publicity", "全面推行行政執法公示制度，在省平台公示處罰決定12件。", "substantiated"),
        # the Outline named with its bracket left open is still the Outline, not the unit's document
        ("leadership.first_responsible", "主要负责人认真履行推进法治建设第一责任人职责，对标《法治政府建设实施纲要(2015-2020年》推进各项工作。",
         "asserted"),
        # a training or lecture under a name of its own is a named event; an invited speaker
        # named before 作题为 is a named person
        ("leadership.law_study", "组织各科室按时参加“法治讲堂·逢九必讲”法治培训。", "substantiated"),
        ("leadership.law_study", "组织各科室按时参加法治培训。", "asserted"),
        ("leadership.law_study", "邀请省司法厅原副厅长周文斌作题为《习近平法治思想的核心要义》的法治专题讲座。", "substantiated"),
        # 对标对表 a plan is following it, not making it
        ("leadership.law_study", "局党组专题学习习近平法治思想，对标对表《桐溪区法治政府建设实施方案》。", "asserted"),
        # a basis cited as a list of titles ends after the last title, even where its first
        # title holds a stop word (纲要) of its own: the titles after it are cited, not work done
        ("leadership.annual_report", "依据《法治政府建设实施纲要(2021—2025年)》《省法治政府建设年度报告制度工作指引》等文件要求，扎实推进法治政府建设各项工作。", "absent"),
        ("education.popularization", "根据《2023年度法治桐溪建设工作要点》及《2023年度桐溪县法治宣传教育责任清单》文件精神，全力提升依法行政水平。", "absent"),
        # the catalogue's kinds of detail in forms real writers use: a count of screens or
        # vehicles (1200余块, 360辆), a professor named before what the lecture was about
        # (…教授围绕/就…)
        ("education.popularization", "利用城区1200余块户外电子屏滚动播放宪法宣传标语。", "substantiated"),
        ("education.popularization", "组织全县360辆出租车顶灯滚动播放普法标语。", "substantiated"),
        ("leadership.law_study", "举办领导干部法治专题培训，邀请西南政法大学李明华教授围绕新修订的《行政复议法》进行讲解。", "substantiated"),
        ("enforcement.credentials", "举办行政执法人员专题培训，特邀张建国教授就行政处罚法的适用进行解读。", "substantiated"),
        # an agenda covers the tasks put on it, under the indicators' qualified names too
        # (纳入…考核核心指标), and not an act done before it and joined by 并 (审议《…报告》并研究部署)
        ("disputes.petition_mediation", "将矛盾纠纷化解率、群众满意度纳入年度绩效考核核心指标。", "absent"),
        ("leadership.annual_report", "召开法治建设专题会议，审议《桐溪镇2023年度法治政府建设情况报告》并研究部署下一步工作。", "substantiated"),
        # a basis opener covers a basis, not a method named in quotes and followed (按照“双随机、
        # 一公开”…要求，开展…抽查) nor named days or months taken as the focus (以…宣传月和…宪法日
        # 等…活动日为重点): the work done that way, on those occasions
        ("enforcement.random_inspection", "按照“双随机、一公开”监管要求，组织开展跨部门联合抽查，共抽查市场主体120户。", "substantiated"),
        ("education.popularization", "以民法典宣传月和国家宪法日等法治宣传活动日为重点，向群众发放各类安全生产方面的宣传材料。", "substantiated"),
        # 中央八项规定 is a name, not eight of anything
        ("oversight.external", "主动接受纪检监察监督，严格执行中央八项规定精神。", "asserted"),
        # (b) the heads of every level of a counted set giving 述法 is a count; the levels alone
        # named, or a study said to cover them, are not
        ("leadership.accountability", "推动省市县三级年终述法实现全覆盖。", "substantiated"),
        ("leadership.accountability", "组织市、县、乡三级主要负责人述法。", "asserted"),
        ("leadership.law_study", "实现镇、村两级干部法治专题学习全覆盖。", "asserted"),
        # (b) a leader named before the leader's act on something (对…提出要求, 就…作出批示): a named
        # person; the post alone is not
        ("leadership.first_responsible", "县委书记陈立新对建设更高水平法治桐溪向全县领导干部提出明确要求。", "substantiated"),
        ("leadership.first_responsible", "县委书记对建设更高水平法治桐溪向全县领导干部提出明确要求。", "asserted"),
        ("leadership.first_responsible", "市长周建国就贯彻落实《法治政府建设实施纲要》作出批示。", "substantiated"),
    ],
)
def test_what_is_evidence_of_what(ruleset, rule_id, sentence, expected):
    assert judge_text(ruleset.get(rule_id), sentence, ruleset=ruleset) == expected


def test_the_detail_named_is_the_title_that_holds_the_match(ruleset):
    # The catalogue's detail is about the requirement: of the listed documents, the one
    # whose title names the review, not the decision rules listed first.
    result = _score(ruleset, "一、主要举措和成效\n制定了《局重大行政决策暂行规定》"
                    "《关于进一步加强规范性文件合法性审查工作的通知》《局普法责任清单》等文件。\n"
                    ).result("normative_docs.legality_review")
    assert result.status == "substantiated"
    assert result.evidence[0].reason == "有可核查细节：《关于进一步加强规范性文件合法性审查工作的通知》"


def test_a_title_the_text_ends_inside_is_still_a_title(ruleset):
    # A page copied up to a length stops mid-name. The department's own document, cut, is
    # still its named document (detail); a cut title it only applies or studies may have
    # been a law's: no detail, as the whole title would give none.
    made = "一、主要举措和成效\n制定规范性文件合法性审核工作制度，印发《关于进一步加强规范性文件合法性审核"
    assert _score(ruleset, made).result("normative_docs.legality_review").status == "substantiated"
    applied = "一、主要举措和成效\n严格落实《党政主要负责人履行推进法治建设第一责任人"
    assert _score(ruleset, applied).result("leadership.first_responsible").status == "asserted"
    assert _score(ruleset, applied + "职责规定》。").result("leadership.first_responsible").status == "asserted"
    local = "一、主要举措和成效\n严格落实《桐溪区行政执法公示"
    assert _score(ruleset, local).result("enforcement.publicity").status != "substantiated"
    studied = "一、主要举措和成效\n组织全体干部学习《公务员法》《行政诉讼法"
    assert _score(ruleset, studied).result("disputes.reconsideration_litigation").status == "absent"
    # mid-text, an unclosed bracket followed by a stop is no title
    assert title_spans("印发《关于进一步规范。") == ()
    assert title_spans("印发《关于进一步规范") == ((2, 10),)


def test_the_openings_summary_of_fields_is_not_work_reported(ruleset):
    summary = ("2023年，我局力推法治防疫、优化营商环境、助推立法立规、规范执法行为、强化执法监督、"
               "推进普法依法治理，法治政府建设工作取得新成效。")
    for rule_id in ("enforcement.supervision", "education.popularization"):
        assert judge_text(ruleset.get(rule_id), summary, role="preamble", ruleset=ruleset) == "absent"
    # the same aims reported among the year's work, or one act in the opening, still count
    assert judge_text(ruleset.get("enforcement.supervision"), summary, role="achievements", ruleset=ruleset) == "asserted"
    assert judge_text(ruleset.get("enforcement.supervision"), "2023年，我局强化执法监督，开展案卷评查2次。",
                      role="preamble", ruleset=ruleset) == "substantiated"


def test_the_openings_framing_of_the_year_is_not_work_reported(ruleset):
    # 以…为重心/抓手/核心 in the opening names the year's aim or means (the catalogue: an opening
    # list of key tasks, the aim of the year's work), not work done.
    framing = "2022年，我镇以依法行政为目标，以转变政府职能、规范执法为重心，深入推进法治政府建设。"
    assert judge_text(ruleset.get("functions.power_list"), framing, role="preamble", ruleset=ruleset) == "absent"
    means = "2023年，我局以深化“放管服”改革为抓手，扎实推进法治政府建设各项工作。"
    assert judge_text(ruleset.get("functions.power_list"), means, role="preamble", ruleset=ruleset) == "absent"
    # the same words in the body, or the task reported done in the opening, still count
    assert judge_text(ruleset.get("functions.power_list"), means, role="achievements", ruleset=ruleset) == "asserted"
    done = "2023年，我局深化“放管服”改革，以政务服务标准化为抓手，精简审批事项12项。"
    assert judge_text(ruleset.get("functions.power_list"), done, role="preamble", ruleset=ruleset) == "substantiated"
    # (w27f) …and 以…为中心, the same framing (以深化审批制度改革、推进法治进程为中心)
    centre = "2023年，市数据局以深化行政审批制度改革、推进依法行政为中心，扎实推进法治政府建设各项工作。"
    assert judge_text(ruleset.get("functions.power_list"), centre, role="preamble", ruleset=ruleset) == "absent"
    assert judge_text(ruleset.get("functions.power_list"), centre, role="achievements", ruleset=ruleset) == "asserted"


def test_menus_and_column_names_are_not_evidence(ruleset, tmp_path):
    from scorer.pipeline import score_file

    page = tmp_path / "page.txt"
    page.write_text(
        "首页 政务公开 互动交流 办事服务\n>> 政务公开 >> 通知公告\n政府信息公开\n"
        "某区司法局2023年法治政府建设情况报告\n2023年，我局扎实推进各项工作。\n", encoding="utf-8")
    result = score_file(page, ruleset)
    assert result.result("oversight.openness").status == "absent"
    # the same column name inside a sentence of the report is evidence
    page.write_text("某区司法局2023年法治政府建设情况报告\n2023年，我局深入推进政府信息公开工作。\n", encoding="utf-8")
    assert score_file(page, ruleset).result("oversight.openness").status == "asserted"


def test_combined_heading_and_solved_problems_are_achievements(ruleset):
    text = (
        "某局2022年度法治政府建设情况报告\n一、2022年主要举措、成效和不足\n（一）加强领导\n"
        "成立法治建设领导小组，定期研究解决工作中存在的问题。\n聘请常年法律顾问2名。\n"
    )
    result = _score(ruleset, text)
    assert result.result("legal_adviser.use").status == "substantiated"
    assert {e.part_role for e in result.result("legal_adviser.use").evidence} == {"achievements"}


_UNDER_HEADING = (
    "某县科技局2023年法治政府建设情况报告\n一、主要举措和成效\n"
    "（一）加强法治宣传教育\n"
    "走进社区、学校、企业开展主题活动12场，发放资料3000余份。\n"
    "办理行政复议案件3件，全部依法审结。\n"
    "（二）{second}\n"
    "全年组织干部职工集中学习8次。\n"
)


def test_the_body_under_a_heading_substantiates_the_headings_requirement(ruleset):
    result = _score(ruleset, _UNDER_HEADING.format(second="完善工作机制"))
    popularization = result.result("education.popularization")
    assert popularization.status == "substantiated"
    by_heading = [e for e in popularization.evidence if e.signal == "heading"]
    # the activities counted under the heading, said to be credited by their heading
    assert [e.text for e in by_heading] == ["走进社区、学校、企业开展主题活动12场，发放资料3000余份。"]
    assert "（一）加强法治宣传教育" in by_heading[0].reason
    # not a sentence that names a task of its own (复议 is its own requirement's), nor the
    # body of the next heading
    texts = {e.text for e in popularization.evidence}
    assert "办理行政复议案件3件，全部依法审结。" not in texts
    assert "全年组织干部职工集中学习8次。" not in texts


def test_a_heading_takes_no_detail_from_a_general_body_or_a_plan(ruleset):
    general = _UNDER_HEADING.replace("开展主题活动12场，发放资料3000余份", "广泛开展主题活动").format(second="完善工作机制")
    assert _score(ruleset, general).result("education.popularization").status == "asserted"
    # the same heading and figures under next year's plans are a plan
    plan = ("某县科技局2023年法治政府建设情况报告\n一、2024年工作打算\n（一）加强法治宣传教育\n"
            "走进社区、学校、企业开展主题活动12场。\n")
    assert _score(ruleset, plan).result("education.popularization").status == "planned"
    # the first-responsible duty is substantiated by the leader's own acts only: a count
    # under its heading that names no leader leaves it asserted
    duty = _score(ruleset, _UNDER_HEADING.format(second="切实履行推进法治建设第一责任人职责"))
    assert duty.result("leadership.first_responsible").status == "asserted"
    assert not [e for e in duty.result("leadership.first_responsible").evidence if e.signal == "heading"]
    # switched off, the heading is the requirement's only evidence
    from scorer.match import MatchOptions

    off = _score(ruleset, _UNDER_HEADING.format(second="完善工作机制"), options=MatchOptions(heading_scope=False))
    assert off.result("education.popularization").status == "asserted"


@pytest.mark.parametrize("body, expected", [
    # (r13) the leader's act after a word of the year or of how often, the subject left out under the
    # leader's heading: the leader's act (Rule.heading_acts)
    ("全年主持召开局党组会议研究法治工作5次，带队督导执法规范化建设3次。", "substantiated"),
    ("先后亲自带队到8个基层站所督导依法行政工作。", "substantiated"),
    ("年内主持召开镇党委会6次，专题研究综合行政执法改革工作。", "substantiated"),
    # …not a meeting convened with no act of the leader's
    ("全年组织召开党组会、局务会二十余次，专题研究法治建设工作。", "asserted"),
    ("严格执行“三重一大”决策制度，全年共召开党委会39次议定干部任免等重大事项80余项。", "asserted"),
])
def test_under_the_leaders_heading_an_act_after_a_word_of_the_year_is_the_leaders(ruleset, body, expected):
    text = ("某局2023年度法治政府建设情况报告\n一、2023年度党政主要负责人履行推进法治建设第一责任人职责情况\n"
            f"{body}\n")
    assert _score(ruleset, text).result("leadership.first_responsible").status == expected


def test_under_its_heading_a_rule_that_names_its_act_takes_only_sentences_naming_it(ruleset):
    # law study names its own act (continued_by: 学习, 讲座…): under its heading the figures of
    # the study are its detail, the figures of other work under the same heading are not
    text = ("某县科技局2023年法治政府建设情况报告\n一、主要举措和成效\n（一）加强领导干部学法\n"
            "深入开展专题调研50余次，形成调研报告6篇。\n")
    study = _score(ruleset, text).result("leadership.law_study")
    assert study.status == "asserted"
    assert not [e for e in study.evidence if e.signal == "heading"]
    counted = _score(ruleset, text.replace("深入开展专题调研50余次，形成调研报告6篇。", "全年组织干部职工集中学习8次。"))
    assert counted.result("leadership.law_study").status == "substantiated"
    assert [e.signal for e in counted.result("leadership.law_study").evidence if e.signal == "heading"] == ["heading"]


def test_an_enumerated_lead_as_heading_ends_at_the_next_lead(ruleset):
    # 一是… stands as a heading at the start of its line; its point ends where 二是 opens,
    # though 二是 runs on in the same line: the 二是 point's figures are not the 一是 point's
    text = ("某县司法局2024年法治政府建设年度报告\n一、主要举措和成效\n"
            "一是建立全县首个法治宣传教育阵地。阵地设置专题展板，推动法治宣传走入群众。"
            "二是组织开展法治建设书记项目。召开工作协调会、推进会3次，推动行政合规建设出成效。\n")
    popularization = _score(ruleset, text).result("education.popularization")
    assert popularization.status == "asserted"
    assert not [e for e in popularization.evidence if "3次" in e.text]
    # the same figure inside the 一是 point is the heading's detail
    inside = text.replace("推动法治宣传走入群众。", "推动法治宣传走入群众。全年接待参观群众1200人次。")
    assert _score(ruleset, inside).result("education.popularization").status == "substantiated"


_DUTY = (
    "某区文旅局2023年法治政府建设情况报告\n一、主要举措和成效\n"
    "（一）局主要负责同志履行推进法治建设第一责任人职责情况\n"
    "局主要负责同志认真履行推进法治建设第一责任人职责。\n"
    "一是落实主体责任。\n"
    "{act}\n"
    "（二）深化法治宣传\n"
    "主持召开普法工作推进会2次。\n"
)


def test_an_act_without_its_subject_under_the_duty_heading_is_the_leaders(ruleset):
    # under the duty's heading, the leader's act with its subject left out is the leader's,
    # though the meeting is deployment's too; an enumerated lead (一是…) does not end the
    # section, and the next heading's body is not the duty's
    act = "主持召开局党组会议3次，研究部署法治政府建设重点任务。"
    duty = _score(ruleset, _DUTY.format(act=act)).result("leadership.first_responsible")
    assert duty.status == "substantiated"
    by_heading = [e for e in duty.evidence if e.signal == "heading"]
    assert [e.text for e in by_heading] == [act]
    # a sentence that does not open with the leader's act shows nothing of the leader
    other = _score(ruleset, _DUTY.format(act="召开局党组会议3次，研究部署法治政府建设重点任务。"))
    assert other.result("leadership.first_responsible").status == "asserted"
    # …nor one whose first clause names someone else
    deputy = _score(ruleset, _DUTY.format(act="分管副局长牵头，主持召开执法案卷评查会3次。"))
    assert deputy.result("leadership.first_responsible").status == "asserted"
    # a lead inside the section that names the duty again opens no second section: the act
    # under both is the duty's evidence once
    text = ("某局2023年法治政府建设情况报告\n一、主要负责人履行推进法治建设第一责任人职责情况\n"
            "一是严格履行第一责任人职责。\n" + act + "\n")
    twice = [e for e in _score(ruleset, text).result("leadership.first_responsible").evidence if e.signal == "heading"]
    assert [e.text for e in twice] == [act] and "一、主要负责人" in twice[0].reason


_PARAGRAPH = "某县水利局2023年法治政府建设情况报告\n一、主要举措和成效\n（一）加强学习\n{body}\n"
_STUDY = "将习近平法治思想纳入局党组理论学习中心组学习重点内容。"


def test_a_sentence_carrying_on_a_study_match_in_its_paragraph_is_its_evidence(ruleset):
    result = _score(ruleset, _PARAGRAPH.format(body=_STUDY + "全年共组织集中学习12次，专题研讨4次。"))
    study = result.result("leadership.law_study")
    assert study.status == "substantiated"
    carried = [e for e in study.evidence if e.signal == "paragraph"]
    assert [e.text for e in carried] == ["全年共组织集中学习12次，专题研讨4次。"]
    assert "承接同段上文" in carried[0].reason and "12次" in carried[0].reason
    # another subject beside law still carries it: the law is named
    both = _score(ruleset, _PARAGRAPH.format(body=_STUDY + "结合党的二十大精神学习，开展法律法规学习10次。"))
    assert [e.text for e in both.result("leadership.law_study").evidence if e.signal == "paragraph"] == [
        "结合党的二十大精神学习，开展法律法规学习10次。"]
    # publicity counted the same way (the count's sentence does not name law)
    talks = _score(ruleset, _PARAGRAPH.format(body="在社区开展民法典宣传活动。全年发放资料3000余份，开展宣讲20场。"))
    assert talks.result("education.popularization").status == "substantiated"


@pytest.mark.parametrize("body", [
    _STUDY + "全年召开党组会议26次。",  # a meeting's count, not study's (deployment's)
    _STUDY + "结合党史学习教育开展主题党日活动6次。",  # a campaign whose name holds 学习
    _STUDY + "\n全年共组织集中学习12次。",  # another paragraph
    _STUDY + "办理行政复议案件3件。全年共组织集中学习12次。",  # after a sentence that opens another task
    _STUDY + "为辖区学生开展讲座5场。",  # the rule's own exclude: lectures for pupils are publicity
    _STUDY + "坚持常态化学习。",  # carries on, but with no detail
    # study of another subject, no law named: the leaders' study of law is the requirement
    _STUDY + "围绕党的二十届三中全会精神开展中心组专题学习6次。",
    _STUDY + "深入开展主题教育，组织读书班学习交流8次。",
], ids=["a-meeting", "a-campaign", "another-paragraph", "after-another-task", "the-rules-exclude", "no-detail",
        "another-subject", "a-campaigns-study"])
def test_a_following_sentence_is_not_carried_when_it_is_not_the_same_act(ruleset, body):
    study = _score(ruleset, _PARAGRAPH.format(body=body)).result("leadership.law_study")
    assert study.status == "asserted", [(e.text, e.reason) for e in study.evidence]
    assert not [e for e in study.evidence if e.signal == "paragraph"]


def test_the_paragraph_continuation_can_be_switched_off(ruleset):
    from scorer.match import MatchOptions

    text = _PARAGRAPH.format(body=_STUDY + "全年共组织集中学习12次。")
    assert _score(ruleset, text, options=MatchOptions(continuation=False)).result("leadership.law_study").status == "asserted"
    # a rule that names no act of its own is never continued: deployment's meeting stays general
    meeting = _PARAGRAPH.format(body="局党组专题研究部署法治政府建设工作。全年共召开会议12次。")
    deployment = _score(ruleset, meeting).result("leadership.party_deployment")
    assert not [e for e in deployment.evidence if e.signal == "paragraph"]


def test_the_candidate_scan_is_a_superset_of_every_pattern():
    # Patterns are scanned split at their top-level alternatives and loosened of their
    # lookarounds and optional starts; each loosened scan must match wherever its pattern does.
    import re

    from scorer.match import _branches, _loosened

    cases = {
        "(重大)?(行政)?决策(事项)?(草案|征求意见稿|送审稿)": ["重大行政决策事项草案", "决策草案"],
        "一照多址|(涉企)?经营许可事项": ["推行一照多址", "涉企经营许可事项改革"],
        "(?<!文件)(?<!政策)法制审核(?!人员)": ["开展法制审核"],
        "[^|]法|x(a|b)": ["普法", "xb"],
    }
    for pattern, texts in cases.items():
        scans = [re.compile(_loosened(b)) for b in _branches(pattern)]
        for text in texts:
            assert re.search(pattern, text), (pattern, text)
            assert any(s.search(text) for s in scans), (pattern, text)
    assert [_loosened(b) for b in _branches("(重大)?行政决策")] == ["行政决策"]


def test_the_items_a_meeting_studied_as_important_work_are_its_agenda(ruleset):
    # 研究…等重要(法治)工作: the tasks a meeting took up (leadership.party_deployment), not each
    # task reported as done; a task reported on its own stays evidence
    agenda = "一、主要举措和成效\n县委依法治县委员会召开会议，研究推进行政复议体制改革、重大行政决策程序落实等重要法治工作。"
    assert _score(ruleset, agenda).result("disputes.reconsideration_litigation").status == "absent"
    assert _score(ruleset, agenda).result("decisions.statutory_procedure").status == "absent"
    done = "一、主要举措和成效\n深化行政复议体制改革，全年办理行政复议案件36件。"
    assert _score(ruleset, done).result("disputes.reconsideration_litigation").status == "substantiated"


def test_the_tasks_a_meeting_deployed_one_clause_each_are_its_agenda(ruleset):
    # 党组召开会议，研究部署…，推进…，做好…工作: the clauses after the deployment, each opened by
    # a task verb and counting nothing, are the tasks it set (the catalogue: a meeting's agenda is
    # leadership.party_deployment, not each task done); a task counted after it stays evidence
    agenda = ("一、主要举措和成效\n年初局党组召开会议，研究部署《全市法治建设任务清单》，推进系统法治建设，"
              "做好规范性文件合法性审核、行政复议工作。")
    for rule_id in ("normative_docs.legality_review", "disputes.reconsideration_litigation"):
        assert _score(ruleset, agenda).result(rule_id).status == "absent", rule_id
    done = ("一、主要举措和成效\n年初局党组召开会议研究部署法治建设工作，"
            "全年审核规范性文件8件。")
    assert _score(ruleset, done).result("normative_docs.legality_review").status == "substantiated"
    alone = "一、主要举措和成效\n做好规范性文件合法性审核工作。"
    assert _score(ruleset, alone).result("normative_docs.legality_review").status == "asserted"


def test_the_topics_of_a_training_are_not_work_done_in_them(ruleset):
    # 法制审核、行政复议应诉、行政调解等法治专业人才培养: the fields the staff are trained in, not
    # work reported in each (the catalogue: detail must be about the requirement it substantiates)
    trained = ("一、主要举措和成效\n加强法制审核、行政复议应诉、行政调解等法治专业人才培养和队伍建设，"
               "邀请市委党校李强教授专题授课。")
    for rule_id in ("enforcement.legal_review", "disputes.reconsideration_litigation", "disputes.petition_mediation"):
        assert _score(ruleset, trained).result(rule_id).status == "absent", rule_id
    # the work itself reported stays evidence
    done = "一、主要举措和成效\n全年办理行政复议案件12件，开展行政调解38件。"
    assert _score(ruleset, done).result("disputes.reconsideration_litigation").status == "substantiated"
    # classes listed as the venues of new courses are not topics: the enforcement class is training
    venues = "一、主要举措和成效\n利用党校主体班、行政执法培训班等开设专题课程。"
    assert _score(ruleset, venues).result("enforcement.credentials").status == "asserted"


def test_documents_whose_spirit_is_carried_out_are_the_basis_not_detail(ruleset):
    # 贯彻落实…精神和《A》、《B》等文件精神: the documents are cited as the basis, whatever verb
    # stands before the list, so they substantiate nothing
    basis = ("一、主要举措和成效\n我局全面贯彻落实党的二十大精神和《浙江省法治政府建设实施纲要(2021-2025年)》、"
             "《法治上城建设六大专项工作方案》等文件精神，认真开展普法宣传。")
    assert _score(ruleset, basis).result("education.popularization").status == "asserted"
    own = "一、主要举措和成效\n我局全面落实《桐溪区应急管理局2023年普法责任清单》等文件，认真开展普法宣传。"
    assert _score(ruleset, own).result("education.popularization").status == "substantiated"


def test_a_leader_deploying_in_person_acts_even_where_the_tasks_are_an_agenda(ruleset):
    # 主要领导亲自部署推进示范创建、法治督察等重点工作: the tasks stay on the agenda, but the 亲自
    # act is the leader's own, and the leader's next clause (带头参加…学法5次) is its detail
    text = ("一、主要举措和成效\n厅主要领导亲自部署推进示范创建、法治督察等重点工作，带头参加厅党委中心组学法5次，"
            "并明确要求将法治建设纳入综合考核内容，主动履行推进法治建设第一责任人职责。")
    assert _score(ruleset, text).result("leadership.first_responsible").status == "substantiated"
    # 等重难点问题 closes an agenda as 等重点问题 does: the fields named are the meeting's topics
    agenda = ("一、主要举措和成效\n全年召开法治建设专题会议4次，专题研究部署重点工作，"
              "精准破解执法规范、纠纷调处、普法宣传等重难点问题。")
    assert _score(ruleset, agenda).result("disputes.petition_mediation").status == "absent"
    assert _score(ruleset, agenda).result("education.popularization").status == "absent"


def test_a_districts_portal_is_a_generic_website_and_a_lectures_title_is_its_topic(ruleset):
    # 上城区门户网 is the district's portal — a generic 门户网站, not a named platform
    portal = "一、主要举措和成效\n在上城区门户网上及时发布应该发布的信息，实行阳光政务。"
    assert _score(ruleset, portal).result("oversight.openness").status == "asserted"
    # a lecture's title is what was taught: the system it names was not built or used
    lecture = "一、主要举措和成效\n邀请专家讲授《行政执法监管平台掌上执法系统》等内容。"
    assert _score(ruleset, lecture).result("digital.platform").status != "substantiated"


def test_a_project_named_best_practice_or_excellent_is_an_honour(ruleset):
    # A higher body's title for a project of the work is a named body's checkable decision
    # about it, as 示范项目 is (dev +3 / −0, s25); praise without a title stays general.
    rule = ruleset.get("education.popularization")
    for done in ("深化普法宣传，“枫林法治文化长廊”建设获全市法治政府建设“最佳实践”项目。",
                 "落实“谁执法谁普法”普法责任制，打造“三进”执法普法品牌，获评全省优秀普法工作项目。"):
        assert judge_text(rule, done, ruleset=ruleset) == "substantiated"
    assert judge_text(rule, "深化普法宣传，获全市通报表扬。", ruleset=ruleset) == "asserted"


def test_a_heading_over_a_body_on_another_requirement_is_no_evidence(ruleset):
    # catalogue: "a heading whose own body is about something else" is never evidence. The
    # publicity heading over the staff's own study of law (leadership.law_study, named in
    # popularization's heading_over) is no publicity; over a body with publicity it stays.
    study = ("某县水务局2023年法治政府建设情况报告\n一、主要举措和成效\n（二）加强法治宣传教育，营造良好法治氛围\n"
             "1.认真组织学习。局党组理论学习中心组集中学法4次，专题学习《中华人民共和国水法》。\n"
             "（三）推进依法行政\n")
    assert _score(ruleset, study).result("education.popularization").status == "absent"
    publicity = study.replace("（三）推进依法行政", "在村社开展水法宣传活动6场。\n（三）推进依法行政")
    assert _score(ruleset, publicity).result("education.popularization").status == "substantiated"
    # a heading over a body no requirement matches stays asserted; (r29b) one with nothing under
    # it, the next line a heading of its level, has no body to stand for: no evidence (the third
    # catalogue probe set: 四、强化行政执法监督… standing alone is absent)
    alone = "某县水务局2023年法治政府建设情况报告\n一、主要举措和成效\n（二）加强法治宣传教育\n（三）推进依法行政\n"
    assert _score(ruleset, alone).result("education.popularization").status == "absent"
    unclaimed = alone.replace("（三）推进依法行政", "引导群众自觉尊法守法。\n（三）推进依法行政")
    assert _score(ruleset, unclaimed).result("education.popularization").status == "asserted"
    # a rule without heading_over keeps its heading whatever the body
    duty = study.replace("（二）加强法治宣传教育，营造良好法治氛围", "（二）切实履行推进法治建设第一责任人职责")
    assert _score(ruleset, duty).result("leadership.first_responsible").status == "asserted"
    # a part's heading (一、) spans several topics: a body with anything besides the others' work
    # (here a sentence no rule matches, on topic in paraphrase) does not make it about something
    # else…
    part = study.replace("（二）加强法治宣传教育，营造良好法治氛围", "二、加强法治宣传教育").replace(
        "（三）推进依法行政", "引导群众自觉尊法守法。\n三、推进依法行政")
    assert _score(ruleset, part).result("education.popularization").status == "asserted"
    # …but a body all of which is the others' work does (x28d: 四、依法化解社会矛盾纠纷 over nothing
    # but law publicity, education.popularization in petition_mediation's heading_over)
    only = study.replace("（二）加强法治宣传教育，营造良好法治氛围", "二、加强法治宣传教育").replace("（三）推进依法行政", "三、推进依法行政")
    assert _score(ruleset, only).result("education.popularization").status == "absent"
    disputes = ("某县水务局2023年法治政府建设情况报告\n一、主要举措和成效\n四、依法化解社会矛盾纠纷\n"
                "全年在村社开展水法宣传活动21场次，发放宣传资料4800份。\n五、加强执法监督\n")
    assert _score(ruleset, disputes).result("disputes.petition_mediation").status == "absent"
    heard = disputes.replace("五、加强执法监督", "全年受理群众来信来访37件，全部按期办结。\n五、加强执法监督")
    assert _score(ruleset, heard).result("disputes.petition_mediation").status == "substantiated"
    unsaid = disputes.replace("五、加强执法监督", "引导群众依法理性表达诉求。\n五、加强执法监督")
    assert _score(ruleset, unsaid).result("disputes.petition_mediation").status == "asserted"



@pytest.mark.parametrize("rule_id, heading", [
    ("disputes.reconsideration_litigation", "（五）加强行政复议和行政应诉工作"),
    ("normative_docs.legality_review", "（二）严格规范性文件合法性审核"),
    ("legal_adviser.use", "（四）充分发挥法律顾问作用"),
    ("oversight.external", "（六）自觉接受各方面监督"),
    ("oversight.openness", "（七）深化政务公开"),
    ("emergency.response", "（八）依法应对突发事件"),
])
def test_a_heading_over_law_publicity_or_study_alone_is_no_evidence(ruleset, rule_id, heading):
    # (x28d) catalogue: "a heading whose own body is about something else" is never evidence —
    # here a body of nothing but law publicity or the staff's study (popularization, law_study
    # in these rules' heading_over); a body in words no rule knows keeps the heading
    body = "全年在村社开展水法宣传活动14场次，发放宣传资料2600份。\n局党组理论学习中心组集中学法5次。\n"
    text = "某县水务局2023年法治政府建设情况报告\n一、主要举措和成效\n" + heading + "\n" + body + "二、存在的不足\n"
    assert _score(ruleset, text).result(rule_id).status == "absent"
    kept = text.replace(body, "各项工作扎实有序推进，取得良好成效。\n")
    assert _score(ruleset, kept).result(rule_id).status == "asserted"


def test_an_enumerated_lead_does_not_end_the_body_of_a_heading_over_something_else(ruleset):
    # (w27f) the body under a section heading often opens with enumerated points (一是…。二是…。),
    # which stand as headings of their own but are points inside the section: the body goes on
    # past them, so the publicity heading over the staff's study, told in 一是/二是, is no evidence
    led = ("某县水务局2023年法治政府建设情况报告\n一、主要举措和成效\n（二）加强法治宣传教育，营造良好法治氛围\n"
           "一是认真组织学习。\n局党组理论学习中心组集中学法4次，专题学习《中华人民共和国水法》。\n"
           "（三）推进依法行政\n")
    assert _score(ruleset, led).result("education.popularization").status == "absent"
    publicity = led.replace("（三）推进依法行政", "二是深入村社宣传。\n在村社开展水法宣传活动6场。\n（三）推进依法行政")
    assert _score(ruleset, publicity).result("education.popularization").status == "substantiated"
    # …and digital government's heading over the duty lists (functions.power_list, in digital's
    # heading_over) is no IT built or used; over a platform launched it stays
    duty = ("某镇人民政府2024年法治政府建设情况报告\n一、主要举措和成效\n（二）健全政府职能体系，推进数字法治政府建设\n"
            "一是厘清权责边界。\n梳理乡镇履行职责事项清单，明确基本履职事项98项。\n（三）推进依法行政\n")
    assert _score(ruleset, duty).result("digital.platform").status == "absent"
    launched = duty.replace("（三）推进依法行政", "二是推进智慧执法。\n上线镇综合执法移动APP，全年线上巡查320次。\n（三）推进依法行政")
    assert _score(ruleset, launched).result("digital.platform").status != "absent"


def test_a_point_titled_by_the_task_over_another_requirements_work_is_no_evidence(ruleset):
    # (r12e) a point's short title (一是对内从严落实法制审核。) is a heading of its own: over sentences,
    # up to the next point, that are only normative documents' legality review (in legal_review's
    # heading_over) it shows no review of enforcement decisions; over such a review it stays
    text = ("某县住建局2023年法治政府建设情况报告\n一、主要举措和成效\n（一）推进依法行政\n"
            "一是对内从严落实法制审核。\n全面落实规范性文件合法性审核制度，全年审核规范性文件5件。\n"
            "二是强化执法监督。\n")
    assert _score(ruleset, text).result("enforcement.legal_review").status == "absent"
    kept = text.replace("二是强化执法监督。", "全年对12件重大行政处罚决定进行法制审核。\n二是强化执法监督。")
    assert _score(ruleset, kept).result("enforcement.legal_review").status == "substantiated"
    unclaimed = text.replace("全面落实规范性文件合法性审核制度，全年审核规范性文件5件。", "各项工作扎实有序推进。")
    assert _score(ruleset, unclaimed).result("enforcement.legal_review").status == "asserted"


_LEADER = "局党组书记、局长坚持对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。"


def test_a_sentence_only_shared_rules_claim_carries_on_the_leaders_act(ruleset):
    # the leader's instructions counted in the next sentence, which deployment also claims for
    # its meetings: deployment is a rule first_responsible shares detail with (detail_from), so
    # the sentence opens no other task for it and carries the leader's act on (v27b)
    body = _LEADER + "全年审议法治建设相关议题36个，专门批示21次。"
    duty = _score(ruleset, _PARAGRAPH.format(body=body)).result("leadership.first_responsible")
    assert duty.status == "substantiated"
    assert [e.text for e in duty.evidence if e.signal == "paragraph"] == ["全年审议法治建设相关议题36个，专门批示21次。"]
    # …but not the meetings alone (no act only the leader does), nor a higher leader's 批示 carried out
    for rest in ("全年审议法治建设相关议题36个。", "认真贯彻落实市委书记批示精神，召开党组会议8次。"):
        duty = _score(ruleset, _PARAGRAPH.format(body=_LEADER + rest)).result("leadership.first_responsible")
        assert duty.status == "asserted", [(e.text, e.reason) for e in duty.evidence]


def test_a_heading_over_something_else_lends_its_body_no_detail(ruleset):
    # (b) catalogue: "a heading whose own body is about something else" is never evidence — nor
    # are the figures of that body: the services heading over a body of decision procedure
    # (decisions.statutory_procedure, in power_list's heading_over) takes neither the heading nor
    # the meetings counted under it; over a body with services work it takes its figures
    text = ("某街道办事处2025年法治政府建设情况报告\n一、主要举措和成效\n（二）规范行政行为，提升政务服务水平\n"
            "一是严格决策程序。\n重大行政决策均履行合法性审查和集体讨论决定程序。\n"
            "全年司法所列席班子会议11次、审核合同6份。\n（三）推进依法行政\n")
    assert _score(ruleset, text).result("functions.power_list").status == "absent"
    served = text.replace("（三）推进依法行政", "二是优化政务服务。\n便民服务中心全年办件3200件。\n（三）推进依法行政")
    assert _score(ruleset, served).result("functions.power_list").status == "substantiated"
    # …and a section on the government's functions over a body of nothing but lenient penalties
    lenient = ("某县城市管理局2025年法治政府建设情况报告\n一、主要举措和成效\n（二）转变政府职能，着力优化营商环境\n"
               "推行包容审慎监管，对19项轻微违法行为实行首违不罚，全年首违免罚211次。\n（三）推进依法行政\n")
    assert _score(ruleset, lenient).result("functions.power_list").status == "absent"


def test_an_openness_or_oversight_heading_over_other_work_is_no_evidence(ruleset):
    # (b) the openness heading over nothing but normative documents reviewed and cleaned up,
    # and the supervision heading over nothing but information published: each body is about
    # something else (oversight.openness's and oversight.external's heading_over)
    docs = ("某县住建局2023年法治政府建设情况报告\n一、主要举措和成效\n（二）强化内部管理，规范依法行政和信息公开工作\n"
            "一是落实法制审核。\n全年对7件规范性文件进行合法性审核，清理废止规范性文件4件。\n（三）推进依法行政\n")
    assert _score(ruleset, docs).result("oversight.openness").status == "absent"
    published = docs.replace("（三）推进依法行政", "二是推进信息公开。\n全年主动公开政府信息215条。\n（三）推进依法行政")
    assert _score(ruleset, published).result("oversight.openness").status == "substantiated"
    opened = ("某镇人民政府2022年法治政府建设情况报告\n一、主要举措和成效\n（二）加强信息公开，创新民主监督方式\n"
              "全年主动公开政府信息188条，依申请公开办结5件。\n（三）推进依法行政\n")
    assert _score(ruleset, opened).result("oversight.external").status == "absent"


def test_a_pilot_applied_for_or_a_recommendation_by_a_higher_body_is_an_honour(ruleset):
    # (b) a higher body's recommendation of the work as a candidate, or a named pilot won on
    # application, is a named body's checkable decision about it (cues.HONOUR), as 被确定为…试点 is;
    # applying alone, or a pilot unnamed, stays general
    rule = ruleset.get("functions.power_list")
    for done in ("“容缺+承诺”极简审批模式被市委依法治市办推荐为全省示范创建候选项目。",
                 "成功申报全市优化营商环境改革试点“企业开办一件事”项目。"):
        assert judge_text(rule, done, ruleset=ruleset) == "substantiated"
    assert judge_text(rule, "积极申报试点项目，持续深化审批制度改革。", ruleset=ruleset) == "asserted"
