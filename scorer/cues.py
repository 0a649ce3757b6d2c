"""The words that decide what a sentence shows: negation, plans, titles and checkable detail.

Kept apart from the matcher so that the vocabulary can be read (and extended) in one
place. Every pattern runs on normalised text (full-width punctuation folded).
"""

from __future__ import annotations

import re

TITLE_SPAN = re.compile(r"《[^《》]{1,80}》")
# Titles of laws and of higher authorities' documents: citing or studying them is not doing the work.
LAW_TITLE = re.compile(r"(法|法典|条例|规定|纲要|意见|决定|规划|规章)(\([^)]*\))?(\(试行\)|\(草案\)|修正案)?》$")
# A title preceded by these is cited as the basis of something, not produced or studied.
CITED_AS_BASIS = re.compile(r"(根据|按照|依据|依照|遵照|对照|贯彻|落实|贯彻落实|执行)[^,。;]{0,2}$")
TITLE_LIST_MIN = 3

NEGATION = re.compile(
    r"尚未|尚不|尚无|未能|未按|未及时|未曾"
    r"|未(开展|建立|落实|严格|全面|实现|形成|完成|设立|制定|公开|公示|进行|到位|配备|聘请|组织|执行|出台|纳入|报送|备案|审核|审查|开通|覆盖)"
    r"|未经[^,，。]{1,12}(即|就|便|直接)"
    r"|没有|不到位|不够|有待|不高|不强|不足|薄弱|欠缺|缺乏|滞后|不完善|不健全|不规范|不充分|不平衡|不深入|不及时|较少|偏少|较弱"
)
# …unless the clause says the problem was tackled (针对…不到位的问题，制定了…).
TACKLED = re.compile(r"针对|解决|整改|破解|克服|弥补|防止|杜绝|避免|扭转|改变|补齐|补足")
PLAN_OPENER = re.compile(r"^\s*(下一步|下一阶段|今后|明年|来年|下一年度?|新的一年|下阶段)")
PLAN_SUBJECT = re.compile(r"(我局|我们|我委|我办|本局|本单位|本部门|我厅|我单位)(将|要|计划|拟|准备|打算)")
YEAR_OPENER = re.compile(r"^\s*(20\d\d)\s*年(度)?[,，]?")

UNITS = (
    "个工作日|工作日|学时|课时|批次|场次|人次|万元|亿元|万人|万份|万册|元|件|次|项|份|人|名|位|个|场|期|条|台|卷|家|本|户|批|篇|册|%|‰|"
    "小时|天|轮|所|处|部|套|张|起|宗|单|期|例|组|支|门|节|堂|页"
)
# Chinese numerals count too, with the units that do not also build set phrases
# (三项制度, 两个维护, 五个法定程序): 两次, 十二件, 三场. 一 is left out: 一次性, 最多跑一次.
CN_QUANTITY = r"(?<![第一])[两二三四五六七八九十百千]+(余|多)?(次|件|场|名|人|期|批|份|卷|家|篇|轮|起|场次|人次)(?!性)"
QUANTITY = re.compile(rf"\d+(\.\d+)?\s*(余|多)?\s*(万|亿)?\s*(余|多)?({UNITS})|{CN_QUANTITY}")
PARTIAL_DATE = re.compile(r"\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{1,2}月(上|中|下)旬")
PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
    "海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|国家|全国|中国"
)
PLATFORM = re.compile(
    rf"(({PROVINCES})[\u4e00-\u9fff]{{0,14}}(平台|系统|网站|网|APP|App|app|小程序))"
    # a system named for what it does (…信息公示平台, …办案系统), not 全系统 or 工作体系
    r"|([\u4e00-\u9fff“”\"+]{2,14}(信息|管理|服务|监管|监督|执法|办案|公示|审批|政务|数据|综合|办公|业务|信用|考试|学法|网上|在线|申报|举报|投诉|预警|指挥)(平台|系统)(?![建设]))"
    r"|(“[^”]{2,16}”(平台|系统|网|APP|App|小程序|公众号))"
    r"|(“[^”]{1,6}(办|通|事|码)”)"  # apps named for what they do: “浙里办”, “粤省事”, “随申办”
)
GENERIC_PLATFORM = re.compile(r"^(门户网站|政府网站|网站|网|平台|系统|工作平台|服务平台|信息系统|管理系统|体系|制度体系)$")
NAMED_ROLE = re.compile(r"(担任|任)(组长|副组长|主任|召集人|总召集人)")
