"""Segment stage: a Document becomes parts with roles, paragraphs and sentences.

The roles follow the parts the 2019 督察规定 asks for. A part is found from a heading
(any 公文 numbering style) or, when a report has no heading for it, from the paragraph
that opens it (还存在一些问题和不足… / 2021年，我局将…). Rules never look at headings
themselves; they only say which roles their evidence may come from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from scorer import regex_cache
from scorer.errors import InputError
from scorer.models import Document, Part, Segmented, Sentence
from scorer.textnorm import find_dates, normalize

_CNUM = "一二三四五六七八九十"
# Heading markers by level, as 公文 number them (GB/T 9704: 一、 (一) 1. (1)).
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, regex_cache.compile(rf"^\s*第[{_CNUM}]+(部分|章|节)[、.:\s]?")),
    (1, regex_cache.compile(rf"^\s*[{_CNUM}]{{1,3}}\s*[、.．]")),
    (2, regex_cache.compile(rf"^\s*[(（][{_CNUM}]{{1,3}}[)）]\s*[、.]?")),
    (3, regex_cache.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)")),
    (4, regex_cache.compile(r"^\s*[(（]\d{1,2}[)）]\s*[、.]?")),
    (5, regex_cache.compile(rf"^\s*[{_CNUM}]是[,，:：]?")),
)
# A heading's own text ends at the first full stop if that comes early; a numbered
# line with no early stop is a numbered paragraph, not a heading.
HEADING_MAX_CHARS = 48

SENTENCE_END = regex_cache.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』)]*|$)")
# The longest sentence the matcher is given. The 27,651 sentences of the 1,850 labelled texts are
# at most 472 characters; a longer run without a full stop is a flattened table or a hostile line,
# and a rule pattern that fails from every start of it (a long run of numerals before no unit)
# costs up to the square of its length. Cut after the last clause mark (，、：) before the limit,
# or at the limit where there is none, each cut is a sentence of its own.
SENTENCE_MAX_CHARS = 1000
_CLAUSE_MARK = regex_cache.compile(r"[，,、：:]")
# The most sentences a report may have. Matching costs per sentence (100–150 µs and 3–4 KB while
# a report is matched), so a text of tiny sentences costs most: 述法。 330,000 times, within the
# character limit, took 27 s and 1.2 GB; 50,000 of them take 5 s and 210 MB. A real report of
# 100,000 characters has a few thousand.
MAX_SENTENCES = 50_000

# Heading text → role. Order matters: the first match wins.
ROLE_BY_HEADING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other", regex_cache.compile(r"^(其他|其它)|需要报告的(其他|其它)?(情况|事项)")),
    ("first_responsible", regex_cache.compile(r"第一责任人|主要负责人(履行|履职)")),
    # "主要举措、成效和不足": the part opens with the measures; its shortcomings come later.
    ("achievements", regex_cache.compile(r"(举措|成效|措施|成绩|工作情况)[^。]{0,12}(和|及|与|、)(存在的?)?(不足|问题)")),
    ("shortcomings", regex_cache.compile(r"不足|存在(的)?(主要)?(问题|困难|差距)|问题(和|与|及)(不足|差距|原因)|差距|短板|薄弱环节")),
    # Only words that name the plans: "(二)制定年度工作计划" under the achievements is work done.
    ("next_year", regex_cache.compile(r"打算|思路|(主要|工作|重点)安排|下一步|下一年|明年|来年|今后|展望|努力方向")),
    ("achievements", regex_cache.compile(r"举措|成效|成绩|工作情况|落实情况|主要工作|工作开展|进展|做法|完成情况")),
)

# Paragraphs that open a part without a heading (catalogue: 存在…不足/问题; 20XX年工作打算, 下一步).
SHORTCOMINGS_OPENER = regex_cache.compile(
    r"(存在|还有|仍有|尚有)(着)?(一些|一定的?|不少|以下)?(的)?(问题|不足|差距|短板|薄弱)|不足之处|问题和不足|差距和不足"
)
# ((r19) …or fed back and made known to the units checked: 反馈和通报行政执法中存在的问题, 指出
# 案卷中存在的问题 — what a review found in others' work, reported as its result)
SOLVED_BEFORE = regex_cache.compile(r"(解决|针对|整改|查摆|梳理|排查|化解|发现|研究|协调|处理|反馈|通报|指出|点评)[^,，。;；]{0,12}$")
# …nor does a problem named as the mark of others' work acted on (对其中两件存在问题的文件发函纠正,
# 对存在问题的单位下发整改通知, 督促存在问题的企业整改): 存在问题的 qualifies the documents, units or
# cases the work found at fault; the unit's own gap is said of itself (我局还存在…问题).
OTHERS_AT_FAULT = regex_cache.compile(r"(对|将|把|督促|责令|要求|其中)[^,，。;；]{0,12}$")
# …the same said with the units, papers or files at fault named after it (存在问题的单位均已整改到位)…
AT_FAULT_NOUN = regex_cache.compile(r"的(单位|部门|企业|文件|案卷|卷宗|乡镇|镇街|街道|村|社区|科室|股室|中队|站所|人员|项目|场所|商户|经营户|执法队伍)")
# …and problems counted (查找存在问题15个, 存在问题案卷3卷): a count of what an inspection found;
# a report's own gaps come in kinds (存在问题主要有三个方面), not counted.
PROBLEMS_COUNTED = regex_cache.compile(r"(的)?[\u4e00-\u9fff]{0,4}?(\d{1,20}|[两二三四五六七八九十百]{1,20})(余|多)?(个|件|处|条|卷|家|项|起|宗)(?!方面)")
# …nor do the report's parts named in a row (报告内容涵盖主要举措、存在不足和下一年度安排; 全面总结
# 工作成效和存在的问题; 报告包括存在的不足和原因、下一年度工作安排): the mention names a part of a
# report, in a sentence about the report or the review, not the unit's own gaps. Named in a list:
# after another part's name and 、/和/及, or after 涵盖/包括…; or, not opening the paragraph, before
# 、/和/及 and the plans' or measures' name.
PART_NAMED_BEFORE = regex_cache.compile(
    r"(举措|成效|成绩|做法|工作情况|履职情况)[^,，。;；、]{0,4}[、和及与]$|(涵盖|包括|包含|涉及|围绕|分为|内容为|内容有)[^,，。;；]{0,12}$"
)
PART_NAMED_AFTER = regex_cache.compile(
    r"^(的)?(和|及|与)?(原因)?[、和及与][^,，。;；]{0,10}(安排|打算|计划|思路|举措|措施|成效|方向)"
)
NEXT_YEAR_OPENER = regex_cache.compile(r"^\s*(下一步|下一年度?|今后|明年|来年|新的一年|展望)")
YEAR_AT_START = regex_cache.compile(r"^\s*(20\d\d)\s*年(度)?")

TITLE_WORDS = regex_cache.compile(r"报告|总结|情况|工作")
# The opening sentence's subject, when it names a body: after an optional time opener, a name
# ending in a body's word, then the verb or 在…领导下 that starts the sentence's work.
_OPENING_LEAD = (
    # (after a purpose or basis clause too: 为深入贯彻…，桃源县民政局在…领导下)
    r"^\s*((为|根据|按照)[^,，。]{2,60}[,，]\s*)?((20\d\d\s*年(度|以来)?|今年以来|近年来|一年来|过去一年)[,，]\s*)?"
    # (…and the guidance it worked under: 在市委市政府正确领导下，市司法局奋力…; 在…领导下，省…厅的指导下，…)
    r"(在?[^,，。;；]{2,40}?(领导|指导|监督|支持|关心|帮助)下[,，]\s*){0,3}"
)
_OPENING_VERB = r"(在(?!线)|坚持|深入|认真|全面|紧紧|始终|以|按照|持续|围绕|高度|紧扣|聚焦|牢固|立足|不断|扎实|积极|着力|严格|奋力|坚决|切实|大力|全力)"
OPENING_SUBJECT = regex_cache.compile(
    _OPENING_LEAD
    + r"(?P<body>(?![我本全]|根据|按照|依据|在|一是|二是|三是|为|对|经|通过|围绕|自|从|由|坚持|全年|今年)[\u4e00-\u9fff()]{1,24}?"
    # (a government's report names its place: 南昌县全面贯彻…, 广州市深入践行…)
    r"(局|厅|委员会|委|办公室|办|人民政府|政府|镇|街道|街道办事处|乡|中心|管委会|分局|院|署|(?<=[\u4e00-\u9fff]{2})(市|县|区|州|旗|盟)))"
    r"(党组|党委|党工委)?" + _OPENING_VERB
)
# A government's report opened by its place's Party committee and government together (2023年，
# 云南省委、省政府坚持…; 陆良县委、县政府坚持…): the government's report, read as that place's 人民政府.
# (Not the higher ones it worked under — 在市委、市政府的领导下 is the lead, not the subject.)
JOINT_OPENING_SUBJECT = regex_cache.compile(
    _OPENING_LEAD
    + r"(?P<place>(?![我本全在按根依为对围自从由])[\u4e00-\u9fff]{2,10}?(省|市|县|区|州|旗|盟))(党)?委[、和]\s*(省|市|县|区|州|旗|盟)?(人民)?政府"
    + _OPENING_VERB
)
# …or the body named where the opening hands over to the report: 现将池州市生态环境局2025年度
# 法治政府建设工作报告如下, 现将省政府2024年度法治政府建设情况报告如下.
# (Not a time and the writer's own word: 现将一年来我区落实法治政府建设工作情况报告如下.)
HANDOVER_SUBJECT = regex_cache.compile(r"现将(?P<body>(?![我本全有今上去]|一年|近年|过去)(?:(?!我)[\u4e00-\u9fff]){2,20}?)(20\d\d\s*年度?|年度|法治)")
# The hand-over sentence on a line of its own (现将市人社局2019年度法治政府建设工作报告如下：) names
# the report but is prose, not its title.
HANDOVER_LINE = regex_cache.compile(r"^\s*现将|如下\s*[:：]?\s*$")
# A page's breadcrumb (当前位置：首页 > 政务公开 > 法治政府建设年度报告) names the section, not the report.
BREADCRUMB = regex_cache.compile(r"当前位置|您的位置|首页\s*[>＞»›]|\s[>＞»›]\s")
# The line that addresses the report (城中区委全面依法治区委员会：, 县委、县人民政府：) names the body
# it goes to, not its issuer (the hand-over, 现将…报告如下：, names the issuer).
ADDRESSEE_LINE = regex_cache.compile(r"^(?![^:：]*(现将|如下))[^,，。;；:：]{2,60}[:：]\s*$")
# A page's 来源/发布机构 label that names an office inside a body (政策法规处, 厅法治督察处, 党政办)
# says which office posted the page, not which body reports: no issuer rather than a wrong one.
# (An office named with its place — 区府办, 某乡综合办 — is a body that may report itself.)
INTERNAL_OFFICE = regex_cache.compile(r"^(?![^省市县区州旗盟镇乡街]*[省市县区州旗盟镇乡街])[\u4e00-\u9fff]{0,12}(处|科|股|室|党政办|综合办|办公室)$")
# A page's field label before the title it gives (内容概述: 漳平市象湖镇人民政府2025年…, 标题：…).
FIELD_LABEL = regex_cache.compile(r"^\s*(内容概述|标题|题名|名称|主题|文件名称|信息名称)\s*[:：]\s*")
# What follows an issuer's name in a title or a page label and is not part of it (in a title,
# its topic too: TITLE_TOPIC).
ISSUER_CUT = regex_cache.compile(r"\s|\||关于|[(（]")
TITLE_TOPIC = regex_cache.compile(r"法治政府|法治建设|依法行政|20\d\d\s*年")
PARTY_COMMITTEE_ALONE = regex_cache.compile(r"[省市县区州旗盟]委")  # (市委 alone names no report's issuer)
# (and a list bullet a page puts before its title or labels: • 黑龙江省司法厅关于…的报告)
TITLE_TAG = regex_cache.compile(r"^\s*(\[[^\]]{1,10}\]|【[^】]{1,10}】|[•·▪◆■●►]+)\s*")
# A document number before a title (长政发〔2021〕1号长海县…, [天政发〔2026〕7号]天水市人民政府…).
FILE_NUMBER = regex_cache.compile(r"^\s*[\[【]?[\u4e00-\u9fff]{1,8}[〔\[(（]\d{4}[〕\])）]\d{1,20}号[\]】]?\s*")
CITED_BEFORE = regex_cache.compile(r"(根据|按照|依据|依照|遵照|对照|贯彻|落实)[^《]{0,6}《")
NOT_A_BODY = regex_cache.compile(r"网站|门户|投注|博彩|官网|app|APP|[,，。;；、:：]")
# Short names that are never a body's official name, at the end of an issuer, and the full
# name (市市场监管局 is 市市场监督管理局): one body must be one issuer in the history and the
# dashboard, whether its report's title writes the full name one year and the short one the
# next. Short names that are official names in many places (科技局, 教体局) stay.
ISSUER_FULL_NAMES = {
    "市场监管局": "市场监督管理局", "市监局": "市场监督管理局",
    "人社局": "人力资源和社会保障局", "人力社保局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局", "人力资源保障局": "人力资源和社会保障局",
    "环保局": "环境保护局", "法制办": "法制办公室",
    "卫健委": "卫生健康委员会", "卫生健康委": "卫生健康委员会", "卫健局": "卫生健康局",
    "发改委": "发展和改革委员会", "发展改革委": "发展和改革委员会", "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "文旅局": "文化和旅游局", "文化旅游局": "文化和旅游局",
    "林草局": "林业和草原局", "住建局": "住房和城乡建设局", "住建委": "住房和城乡建设委员会",
    "住房城乡建设局": "住房和城乡建设局", "住房城乡建设委": "住房和城乡建设委员会",
    "应急局": "应急管理局", "医保局": "医疗保障局", "退役军人局": "退役军人事务局",
    "国资委": "国有资产监督管理委员会", "外办": "外事办公室",
    "民宗委": "民族宗教事务委员会", "民族宗教委": "民族宗教事务委员会", "民宗局": "民族宗教事务局",
    "管委会": "管理委员会",
}
ISSUER_SHORT_NAME = regex_cache.compile("(" + "|".join(sorted(ISSUER_FULL_NAMES, key=len, reverse=True)) + ")$")
# a place's government without 人民 (上海市政府, 渝中区政府, 南昌县政府): its name is X人民政府
GOVERNMENT_SHORT = regex_cache.compile(r"(?<=[省市县区州旗盟镇乡])政府$")
ISSUER_LINE = regex_cache.compile(
    # (a body's name never opens with a verb: a text cut off after 充分发挥市委全面依法治市委员会
    # ends in a body's name without being signed by it)
    r"^(?!充分|发挥|坚持|深入|认真|全面|切实|进一步|持续|不断|积极|严格|强化|加强|推进|推动|围绕|落实|贯彻|健全|完善|建立|开展|组织|召开|做好|抓好|提升|优化|规范|深化|着力|扎实)"
    r"[\u4e00-\u9fff()（）]{2,40}(局|委|办|厅|部|院|政府|委员会|中心|室|所|站|队|处|会|公司|管委会|办公室|法院|检察院)$"
)
YEAR_MENTION = regex_cache.compile(r"(20\d\d)\s*年")
# The opening's year of work (2023年度法治政府建设, 2024年度我旗法治政府建设); see _detect_year.
HEAD_WORK_YEAR = regex_cache.compile(r"(20\d\d)\s*年度?(的)?[^,，。;；]{0,4}?(法治|依法行政)")
HEAD_YEAR_NOT_WORK = regex_cache.compile(r"\s*年度?\s*\d{1,2}\s*月|\s*年度?[^,，。;；]{0,12}?(计划|打算|安排|思路|要点)")
RANGE_MARKS = ("-", "—", "–", "~", "至", "到")
PLAN_YEAR = regex_cache.compile(r"度?[,，]?\s*(我|本|全)?[\u4e00-\u9fff]{0,4}(将|要|计划|拟)|度?(工作)?(打算|思路|安排|计划|要点)")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    # normalize(text), sliced from the one normalisation of the whole document (normalize
    # is character by character, so the slice is the same string). Use it rather than
    # normalising a line again: that tripled the normalisation work, half of segment's time.
    norm: str


def _body_lines(doc: Document) -> list[_Line]:
    full = normalize(doc.text)  # once per document: sentences slice it
    lines = []
    for span_start, span_end in doc.keep:
        pos = span_start
        for raw in doc.text[span_start:span_end].split("\n"):
            end = pos + len(raw)
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                s = pos + lead
                lines.append(_Line(s, s + len(stripped), stripped, full[s:s + len(stripped)]))
            pos = end + 1
    return lines


def _heading(line: str) -> tuple[int, int] | None:
    """(level, length of heading text) when the line starts with a heading marker."""
    for level, marker in HEADING_MARKERS:
        m = marker.match(line)
        if not m:
            continue
        stop = re.search(r"[。！？!?]", line)
        if stop is None:
            if len(line) <= HEADING_MAX_CHARS:
                return level, len(line)
            return level, 0  # a numbered paragraph
        if stop.start() <= HEADING_MAX_CHARS:
            return level, stop.end()
        return level, 0
    return None


def _role_of_heading(text: str) -> str | None:
    norm = normalize(text)
    for _, marker in HEADING_MARKERS:  # "五、其他…": the number is not part of the name
        m = marker.match(norm)
        if m:
            norm = norm[m.end():]
            break
    for role, pattern in ROLE_BY_HEADING:
        if pattern.search(norm):
            return role
    return None


def _split_sentences(text: str, base: int) -> list[tuple[int, int]]:
    spans = []
    for m in SENTENCE_END.finditer(text):
        if m.end() == m.start():
            continue
        s, e = m.start(), m.end()
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        s, e = s + lead, e - trail
        while e - s > SENTENCE_MAX_CHARS:
            marks = [c.end() for c in _CLAUSE_MARK.finditer(text, s + SENTENCE_MAX_CHARS // 2, s + SENTENCE_MAX_CHARS)]
            cut = marks[-1] if marks else s + SENTENCE_MAX_CHARS
            spans.append((base + s, base + cut))
            s = cut
        if e > s and text[s:e].strip():
            spans.append((base + s, base + e))
    return spans


def _detect_title(lines: list[_Line], doc: Document) -> int | None:
    """Index of the title line among the first few lines, if any."""
    for i, line in enumerate(lines[:4]):
        if _heading(line.text):
            return None
        if (len(line.text) <= 60 and "。" not in line.text and TITLE_WORDS.search(line.norm)
                and not HANDOVER_LINE.search(line.norm) and not BREADCRUMB.search(line.norm)
                and not _names_only(line)):
            return i
    return None


def _names_only(line: _Line) -> bool:
    """A line of bodies' names and nothing else (中共…街道工作委员会, or two side by side): the
    issuer above a title in two lines, not the title, though 工作委员会 holds 工作."""
    return _bodies(line.norm.split())


def _bodies(names: list[str]) -> bool:
    return bool(names) and all(ISSUER_LINE.match(name) for name in names)


_ABOUT = ("关于", "關於", "關于")


def _title_start(lines: list[_Line], title_idx: int) -> int:
    """The first line of a title broken before its last words (关于…2022年度 / 法治政府建设情况的报告)."""
    if title_idx > 0 and not lines[title_idx].text.strip().startswith(_ABOUT):
        above = lines[title_idx - 1].text.strip()
        if above.startswith(_ABOUT) and len(above) <= 40 and "。" not in above:
            return title_idx - 1
    return title_idx


def _names_above(lines: list[_Line], start: int) -> list[str]:
    """The bodies' names on the lines just above a title (up to two: a joint report's)."""
    names: list[str] = []
    for line in reversed(lines[max(0, start - 2):start]):
        if not _names_only(line) or len(line.text) > 40:
            break
        names.insert(0, " ".join(line.text.split()))
    return names


def _display_title(lines: list[_Line], title_idx: int) -> str:
    """The title as a reader should see it (the gap report's head, the memo's 《…》): without a
    page's tag, bullet, field label or table bars, and a title in several lines read as one —
    the bodies' names above 关于…的报告 open it."""
    start = _title_start(lines, title_idx)
    text = "".join(_strip_title_furniture(line.text) for line in lines[start:title_idx + 1])
    if text.startswith(_ABOUT):
        text = " ".join(_names_above(lines, start)) + text
    return text.strip()


def _strip_title_furniture(text: str) -> str:
    # (a title printed in a table's cell, | 天津市…情况报告 |, or after characters the page
    # could not encode, ??一、…)
    text = text.strip().strip("|").strip().lstrip("?？")
    return FIELD_LABEL.sub("", TITLE_TAG.sub("", text)).strip()


def _detect_signature(lines: list[_Line]) -> tuple[int | None, dt.date | None]:
    """(index of the first signature line, signed date) from the end of the body."""
    first = None
    signed = None
    for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        text = lines[i].text
        dates = find_dates(text)
        if dates and dates[0][0] == 0 and dates[0][1] >= len(text.rstrip()) - 1 and signed is None:
            signed = dates[0][2]
            first = i
        elif ISSUER_LINE.match(lines[i].norm) and len(text) <= 40:
            first = i
        else:
            break
    return first, signed


def _detect_year(title: str | None, lines: list[_Line], signed: dt.date | None) -> int | None:
    if title:
        m = YEAR_MENTION.search(normalize(title))
        if m:
            return int(m.group(1))
    # A report with no title usually opens with its year: "2020年，广州市深入践行…" — the
    # reporting year, whatever earlier years its first sentence cites (2019年度法治广东建设考评).
    for line in lines[:3]:
        m = re.match(r"\s*(20\d\d)\s*年(度|以来)?[,，]", line.norm)
        if m and not PLAN_YEAR.match(line.norm, m.end(1) + 1):
            return int(m.group(1))
    # Then the first year the opening names as its work's: not the end of a cited range
    # (《法治政府建设实施纲要(2021—2025年)》), nor the day the report was delivered
    # (2024年5月28日在市人大常委会会议上), nor next year's plan (现将2024年度工作和2025年
    # 法治政府工作计划报告如下).
    head = " ".join(line.norm for line in lines[:3])[:400]
    for pattern in (HEAD_WORK_YEAR, YEAR_MENTION):
        for m in pattern.finditer(head):
            if not _not_work_year(head, m):
                return int(m.group(1))
    # Fall back on the year most talked about, reading "2022年，我局将…" as a plan for the
    # year after the report's (and leaving out what the opening says is not the year's work).
    counts: Counter[int] = Counter()
    for i, line in enumerate(lines):
        norm = line.norm
        for m in YEAR_MENTION.finditer(norm):
            if i < 3 and _not_work_year(norm, m):
                continue
            plan = PLAN_YEAR.match(norm, m.end())
            counts[int(m.group(1)) - (1 if plan else 0)] += 1
    if counts:
        return counts.most_common(1)[0][0]
    if signed:
        return signed.year - 1 if signed.month <= 6 else signed.year
    return None


def _not_work_year(text: str, m: re.Match[str]) -> bool:
    """A year the opening names that is not its year of work: the end of a cited range,
    a full date, next year's plan."""
    return bool(HEAD_YEAR_NOT_WORK.match(text, m.end(1))) or text[max(0, m.start(1) - 1):m.start(1)] in RANGE_MARKS


def _issuer_from_title(title: str) -> str | None:
    norm = TITLE_TAG.sub("", normalize(title))
    # (a body's name runs to 40 characters with the offices it also is: 上海市浦东新区生态环境局
    # (水务局、海洋局、绿化和市容管理局) 2023年度…)
    m = re.match(r"^(关于)?(.{2,40}?)(关于)?(20\d\d)\s*年", norm) or re.match(r"^(关于)?20\d\d\s*年度?()(.{2,20}?)(法治|依法行政)", norm)
    if m is None:
        return None
    named = TITLE_TOPIC.split(m.group(2) or m.group(3), maxsplit=1)[0]
    # (a joint report's title names its bodies side by side, as the line above a title does:
    # 中共…街道工作委员会 …街道办事处关于…)
    names = ISSUER_CUT.split(named.replace(" ", "\0"), maxsplit=1)[0].split("\0")
    names = [name for name in names if name]
    if len(names) > 1 and _bodies(names):
        return " ".join(names)
    return _clean_issuer(named)


def _issuer_from_opening(lines: list[_Line]) -> str | None:
    """The subject of the report's opening sentence, when it is a body: 2023年，市市场监管局在
    市委市政府的坚强领导下…, 今年以来，县退役军人事务局深入学习…"""
    for line in lines:
        if ADDRESSEE_LINE.search(line.norm):
            continue
        m = JOINT_OPENING_SUBJECT.match(line.norm)
        if m:
            return _clean_issuer(m.group("place") + "人民政府")
        m = OPENING_SUBJECT.match(line.norm) or HANDOVER_SUBJECT.search(line.norm)
        if m:
            return _clean_issuer(m.group("body"))
    return None


def _clean_issuer(name: str) -> str | None:
    """The issuing body's name as a title or a page's label gives it, without what sticks to
    it there (a page's tag [权威发布], 关于, a table's bars, a label after a space); None when
    what is left names no body (关于2023年…, a site's 门户网站, spam)."""
    name = FIELD_LABEL.sub("", TITLE_TAG.sub("", normalize(name)))
    name = ISSUER_CUT.split(FILE_NUMBER.sub("", name).strip(" |"), maxsplit=1)[0]
    # A cited notice is a higher body's (根据《上海市人民政府办公厅关于报送…的通知》要求，现将…); a
    # report's own title quoted after a file number or a verb (宁政发〔2019〕35号《南京市人民政府…,
    # 报送《浦东新区司法局…) names its issuer inside the quotes.
    if CITED_BEFORE.match(name):
        return None
    name = name.rpartition("《")[2]
    name = name.removeprefix("关于").strip(" |:：,，")
    if len(name) < 2 or NOT_A_BODY.search(name) or PARTY_COMMITTEE_ALONE.fullmatch(name):
        return None
    return name


def full_issuer_name(name: str) -> str:
    """The body's full name where the text wrote a short one that is never official
    (市场监管局 → 市场监督管理局, 上海市政府 → 上海市人民政府)."""
    name = ISSUER_SHORT_NAME.sub(lambda m: ISSUER_FULL_NAMES[m.group(1)], name)
    return GOVERNMENT_SHORT.sub("人民政府", name)


def segment(doc: Document, year: int | None = None) -> Segmented:
    """``year``: the report year a person states (StatedFacts), read from the text when None; it
    also tells which headings and paragraphs name a later year, the plans."""
    lines = _body_lines(doc)
    title_idx = _detect_title(lines, doc)
    sig_idx, signed = _detect_signature(lines)
    title = _display_title(lines, title_idx) if title_idx is not None else doc.metadata.get("title")
    # (read as the rest of the text is: a traditional-character title folded with its document)
    title_norm = lines[title_idx].norm if title_idx is not None else title
    year = year if year is not None else _detect_year(title_norm, lines, signed)

    parts: list[Part] = []
    sentences: list[Sentence] = []
    # The role stack: roles of the enclosing headings by level, so a sub-heading inherits.
    roles_by_level: dict[int, str] = {}
    current_role = "preamble"
    seen_numbered = False
    preamble_prose = False  # the preamble has had its opening paragraph
    plan_from: str | None = None  # role before a headingless plans paragraph, while it may be an aside

    def open_part(role: str, heading: str | None, start: int, level: int) -> None:
        if parts:
            prev = parts[-1]
            parts[-1] = Part(prev.index, prev.role, prev.heading, prev.start, start, prev.level)
        parts.append(Part(len(parts), role, heading, start, start, level))

    for i, line in enumerate(lines):
        if i == title_idx:
            open_part("title", line.text, line.start, 0)
            _add_sentences(sentences, line, 0, len(line.text), parts[-1].index, i, heading=True)
            current_role = "preamble"
            continue
        if sig_idx is not None and i >= sig_idx:
            if not parts or parts[-1].role != "signature":
                open_part("signature", None, line.start, 0)
            _add_sentences(sentences, line, 0, len(line.text), parts[-1].index, i)
            continue
        if not parts:
            open_part("preamble", None, line.start, 0)

        found = _heading(line.text)
        if found:
            level, head_len = found
            seen_numbered = True
            heading_text = line.text[:head_len] if head_len else None
            # (the heading read as its document is: 存在的問題 folded with the rest of a
            # traditional-character text, whatever characters the heading itself holds)
            heading_norm = line.norm[:head_len] if head_len else None
            own = _role_of_heading(heading_norm or line.norm[:HEADING_MAX_CHARS]) if level <= 2 else None
            if own == "next_year" or own is None:
                own = _next_year_by_year(heading_norm or "", year) or own
            parent = next((roles_by_level[lv] for lv in sorted(roles_by_level, reverse=True) if lv < level), None)
            # Under the plans or the shortcomings, an item stays there whatever it names
            # ("三、2022年工作安排 （一）压实第一责任人职责" is a plan, not the duty done).
            role = parent if parent in ("next_year", "shortcomings") else own or parent or "achievements"
            roles_by_level = {lv: r for lv, r in roles_by_level.items() if lv < level}
            roles_by_level[level] = role
            if heading_text and level <= 2:
                open_part(role, heading_text.strip(), line.start, level)
            elif role != current_role:
                open_part(role, heading_text.strip() if heading_text else None, line.start, level)
            current_role, plan_from = role, None
            if head_len:
                _add_sentences(sentences, line, 0, head_len, parts[-1].index, i, heading=True)
            _add_sentences(sentences, line, head_len, len(line.text), parts[-1].index, i)
            continue

        if parts[-1].role == "title":  # what follows the title is the preamble, not the title
            open_part("preamble", None, line.start, 0)
            current_role, preamble_prose = "preamble", False
        # A paragraph without a heading may open the shortcomings or the plans.
        opener = _opener_role(line.norm, year, current_role, seen_numbered)
        if opener and opener != current_role:
            # A 下一步 paragraph amid the work done may be an aside: remember where we were.
            plan_from = current_role if opener == "next_year" and current_role == "achievements" else None
            open_part(opener, None, line.start, 1)
            current_role = opener
            roles_by_level = {1: opener}
        elif current_role == "next_year" and plan_from and not _plan_like(line.norm, year):
            open_part(plan_from, None, line.start, 1)  # the aside is over: back to the work done
            current_role, plan_from = plan_from, None
            roles_by_level = {1: current_role}
        elif current_role == "preamble" and (seen_numbered or preamble_prose):
            # A report without headings: after the opening paragraph comes the work done.
            open_part("achievements", None, line.start, 1)
            current_role = "achievements"
        if current_role == "preamble" and len(line.text) >= 40:  # past any addressee line
            preamble_prose = True
        _add_sentences(sentences, line, 0, len(line.text), parts[-1].index, i)

    if parts:
        last = parts[-1]
        end = lines[-1].end if lines else 0
        parts[-1] = Part(last.index, last.role, last.heading, last.start, end, last.level)
    if len(sentences) > MAX_SENTENCES:
        raise InputError(doc.path, f"report text has {len(sentences):,} sentences, over the {MAX_SENTENCES:,} limit: "
                                   "is this one report?")

    issuer = None
    if sig_idx is not None:
        for line in lines[sig_idx:]:
            if ISSUER_LINE.match(line.norm):
                issuer = line.text
                break
    if issuer is None and title:
        issuer = _issuer_from_title(title_norm)
    if issuer is None:
        # a title in two lines, the body's name above 关于…的报告; or the body's name alone
        # on the first line, above the text
        # (a joint report names its bodies side by side: 中共温州市龙湾区委 温州市龙湾区人民政府)
        # (and a joint report's bodies on two lines above the title)
        if title_idx is not None:
            issuer = " ".join(_names_above(lines, _title_start(lines, title_idx))) or None
        elif lines and _names_only(lines[0]) and len(lines[0].text) <= 40:
            issuer = " ".join(lines[0].text.split())
    if issuer is None:
        issuer = _issuer_from_opening(lines[:4])
    if issuer is None and doc.metadata.get("issuer"):
        issuer = _clean_issuer(doc.metadata["issuer"])
        if issuer and INTERNAL_OFFICE.match(issuer):
            issuer = None
    if issuer:
        issuer = _government_of(_qualify_issuer(full_issuer_name(issuer), sentences))
    published = None
    if doc.metadata.get("published"):
        try:
            published = dt.date.fromisoformat(doc.metadata["published"])
        except ValueError:
            published = None
    if signed is None and doc.metadata.get("date"):
        try:
            signed = dt.date.fromisoformat(doc.metadata["date"])
        except ValueError:
            signed = None

    return Segmented(
        document=doc,
        parts=tuple(parts),
        sentences=tuple(sentences),
        year=year,
        issuer=issuer,
        title=title,
        signed=signed,
        published=published,
    )


# A place name (2–3 characters) before 市/区/县/州, where what precedes it ends a word:
# punctuation, a quote or one of the little words 在/对/与… (otherwise "推进昆明市"
# would read as a place called 进昆明); not a document number's short name for its issuer
# (香治市办发〔2023〕6号 is 香格里拉市's office's, cut to two characters).
PLACE = regex_cache.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[在对为与和及于从向至全由将把到赴经同共]))"
    r"(?![在对为与和及于从向至全由将把到赴经同共])([\u4e00-\u9fff]{2,3}?)(市|区|县|州)(?![委政级直]|办发)"
)


def _qualify_issuer(issuer: str, sentences: list[Sentence]) -> str:
    """"市科技局" names no city: take the place the body names most, when one clearly dominates.
    A province's department named without its province (省司法厅, 司法厅) likewise.

    Without this every 市科技局 in a batch would be one department in the history.
    """
    if len(issuer) > 12:
        return issuer
    level = issuer[0]
    if level in "市区县州":
        places = (m.group(1) for s in sentences for m in PLACE.finditer(s.norm) if m.group(2) == level)
    elif PROVINCE_LEVEL.match(issuer) or (issuer.endswith("厅") and not PROVINCE_NAMED.match(issuer)):
        places = (m.group(0) for s in sentences for m in PROVINCE.finditer(s.norm))
    else:
        return issuer
    ranked = Counter(places).most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return issuer
    return ranked[0][0] + PROVINCE_LEVEL.sub("", issuer)


# A province or autonomous region by its full name (广东省, 宁夏回族自治区): what qualifies a
# department named without it.
_PROVINCES = "河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海"
_REGIONS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
            "新疆": "新疆维吾尔自治区"}
PROVINCE = regex_cache.compile(rf"({_PROVINCES})省|" + "|".join(_REGIONS.values()))
# A department named by its level alone (省司法厅, 自治区司法厅), and a name that opens with a
# province, in full or short (湖南省…, 宁夏司法厅): the one needs its province, the other has it.
PROVINCE_LEVEL = regex_cache.compile(r"^(省|自治区)")
PROVINCE_NAMED = regex_cache.compile(rf"^({_PROVINCES}|" + "|".join(_REGIONS) + "|北京|天津|上海|重庆)")
# A name that is only a place (北京市, 南昌县, 深圳市龙岗区): a report issued under it is that
# place's government's, named as its title names it elsewhere (北京市人民政府), so that one
# government is one issuer in the history whichever way a year's page names it. Not a zone run
# by a committee (…开发区, …新区, …园区), whose 管委会 reports; not a 地区 or 盟, whose 行政公署
# does; nor a township or a street.
BARE_PLACE = regex_cache.compile(r"^[\u4e00-\u9fff]{1,22}(省|市|州|县|区|旗)$")
ZONE_END = regex_cache.compile(r"(地区|盟|开发区|新区|园区|保税区|综保区|经济区|旅游区|度假区|工业区|产业区|集聚区|管理区|自贸区|风景区|高新区|实验区|示范区|经开区|港区|合作区|功能区|景区|城区|社区|片区|辖区|矿区|山区|市区|试验区|口岸区)$")
_OFFICE_WORDS = regex_cache.compile(r"局|厅|委|办|政府|管理|中心|所|队|院|部")


def _government_of(issuer: str) -> str:
    # (a place's full name is short: 新疆维吾尔自治区伊犁哈萨克自治州伊宁市 is 19 characters)
    if BARE_PLACE.match(issuer) and not _OFFICE_WORDS.search(issuer) and not ZONE_END.search(issuer):
        return issuer + "人民政府"
    return issuer


def _next_year_by_year(heading: str, year: int | None) -> str | None:
    """A heading naming a later year than the report's (二、2025年工作打算) is the plan."""
    if year is None:
        return None
    m = YEAR_MENTION.search(normalize(heading))
    if m and int(m.group(1)) > year:
        return "next_year"
    return None


PLAN_WORDS = regex_cache.compile(r"将|要|计划|拟|力争|争取|继续|进一步|持续|着力|下一步|今后")
ENUMERATION = regex_cache.compile(r"^\s*([一二三四五六七八九十]{1,20}是|[(（]?[一二三四五六七八九十\d]{1,20}[)）、.])")
DONE_WORDS = regex_cache.compile(r"全年|一年来|已经|已于|完成|共计|累计|\d{1,20}(件|次|项|家|人|场|条)")


def _plan_like(norm: str, year: int | None) -> bool:
    """Whether a paragraph reads as one more item of the plans rather than work done."""
    head = norm[:60]
    if DONE_WORDS.search(head):
        return False
    m = YEAR_AT_START.match(norm)
    if m and year is not None and int(m.group(1)) > year:
        return True
    return bool(ENUMERATION.match(norm) or PLAN_WORDS.search(norm[:40]))


# A later year with its month at a paragraph's start (2023年3月 2022年，我市…; 2024年2月，向市政府报送…)
# is a date — a page's date line run into the body, or the day something was done after the year
# ended —, not the plans' opener (2024年工作打算, 2024年，我局将…), unless plan words follow.
MONTH_NEXT = regex_cache.compile(r"\s*\d{1,2}\s*月")


def _dated_line(norm: str, after_year: int) -> bool:
    return bool(MONTH_NEXT.match(norm, after_year)) and not PLAN_WORDS.search(norm[:40])


def _opener_role(norm: str, year: int | None, current: str, seen_numbered: bool) -> str | None:
    """``norm``: the paragraph's normalised text."""
    first_sentence = re.split(r"[。！？!?]", norm, maxsplit=1)[0]
    if current in ("achievements", "preamble", "first_responsible", "other", "shortcomings"):
        m = YEAR_AT_START.match(norm)
        if m and year is not None and int(m.group(1)) > year and not _dated_line(norm, m.end()):
            return "next_year"
        if NEXT_YEAR_OPENER.match(norm):
            return "next_year"
    if current in ("achievements", "first_responsible", "other") and seen_numbered or current == "achievements":
        for m in SHORTCOMINGS_OPENER.finditer(first_sentence[:120]):
            # "…解决工作中存在的问题" reports work done; a shortcomings paragraph opens with them.
            if SOLVED_BEFORE.search(first_sentence[:m.start()]):
                break  # (as before: the first such mention decides)
            after = first_sentence[m.end():]
            if after.startswith("的") and (OTHERS_AT_FAULT.search(first_sentence[:m.start()]) or AT_FAULT_NOUN.match(after)):
                continue
            if PROBLEMS_COUNTED.match(after):
                continue
            before = first_sentence[:m.start()]
            if PART_NAMED_BEFORE.search(before) or (before.strip() and PART_NAMED_AFTER.match(after)):
                continue
            return "shortcomings"
    return None


def _add_sentences(out: list[Sentence], line: _Line, lo: int, hi: int, part: int, paragraph: int,
                   heading: bool = False) -> None:
    if hi <= lo:
        return
    chunk = line.text[lo:hi]
    spans = [(line.start + lo, line.start + hi)] if heading else _split_sentences(chunk, line.start + lo)
    for s, e in spans:
        text = line.text[s - line.start:e - line.start]
        norm = line.norm[s - line.start:e - line.start]
        out.append(Sentence(len(out), s, e, text, norm, part, paragraph, is_heading=heading))
