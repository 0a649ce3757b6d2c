"""Web-page furniture: the lines a site wraps around a report.

Reports are mostly copied from government sites, so the text arrives with the
site's breadcrumb, the 政府信息公开 catalogue table (索引号, 发布单位, …), the
date/source/views line, share and print buttons, reprint notices and image
names. Scoring those as report text would be wrong (a 发布单位 line is not the
report naming its issuer), but some of them carry facts the report may lack —
the publication date, the publishing body — so they are read into metadata
before being dropped.

Each pattern matches one whole line and has a length cap: furniture is short,
report prose is long, so a body sentence that happens to start like a label is
left alone. Extend the table rather than adding special cases.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import regex_cache
from ..textnorm import has_traditional, normalize

# Labels of the 政府信息公开 catalogue block printed above or below an article.
_CATALOGUE = (
    "索引号|公开方式|公开形式|公开范围|公开时限|公开日期|公开载体|发布单位|发布机构|发文机关|发文单位|"
    "发文日期|成文日期|公文生成日期|生成日期|统一编号|发文字号|文号|有效性|效力状况|主题分类|体裁分类|组配分类|"
    "服务对象分类|信息分类|主题词|关键词|所属机构|信息名称|成文时间|发文时间|效力状态|信息类别|公文种类|所属类别|"
    "题裁分类|时效|文件编号|公开类别|公开属性|"
    # (and the rows other sites' tables have: 法定主动公开分类:其他, 生效日期:, 签发人:李静,
    # 信息索引号:002489778/2024-00090, 责任部门:…局, 效用状态:有效)
    "法定主动公开分类|主动公开分类|公开分类|生效日期|废止日期|失效日期|签发人|公文时效|效用状态|"
    "信息索引号|责任部门|目录名称|发文号"
)
# Labels of the article info line under a page title.
_INFO = (
    "文章发布日期|发布日期|发布时间|更新日期|更新时间|日期|时间|来源|信息来源|文章来源|稿件来源|稿源|作者|撰稿|"
    "编辑|责任编辑|审核|浏览量|浏览次数|浏览|阅读量|阅读次数|阅读|正在阅读|访问量|访问次数|点击量|点击数|点击次数|点击|"
    "字号|字体|发表日期|发表时间|"
    # links the page offers beside the article (原文链接:点击查看源文件, 文件下载:)
    "原文链接|政策解读链接|在线链接地址|链接地址|文件下载|附件下载"
)
# Words of toolbar lines ("分享到：微信 微博", "【打印本页】【关闭窗口】", "字体：[大 中 小]").
_TOOLS = (
    "分享到|分享|打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|加入收藏|收藏本页|收藏|"
    "扫一扫在手机打开当前页|在手机打开当前页|手机扫一扫|扫一扫|手机扫码|手机版|返回顶部|返回列表|返回首页|返回|"
    "我要纠错|纠错|复制链接|微信|微博|朋友圈|QQ空间|QQ|默认|放大|缩小|字体|字号|大|中|小|A\\+|A-|无障碍|简体|繁体|图片|保护视力色|视力保护色|护眼模式"
)
_COLON = "[:：]"


def _spaced(labels: str) -> str:
    """The labels as a layout table pads them, a space between characters allowed (索 引 号, 文　　号)."""
    return "|".join(r"\s*".join(word) for word in labels.split("|"))


_CATALOGUE_SPACED = _spaced(_CATALOGUE)
_INFO_SPACED = _spaced(_INFO)
# A list bullet or a table's bar a copied page puts before each line of its catalogue table
# ("- 索引号:", "• 发文日期:", "| 发文机关:黎侯镇人民政府 | 主题词: |").
_BULLET = regex_cache.compile(r"^([-·•*]\s+|\|\s*)")


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    max_len: int  # longer lines are prose, whatever they start with
    why: str


def _p(name: str, regex: str, max_len: int, why: str) -> Pattern:
    return Pattern(name, regex_cache.compile(regex, re.IGNORECASE), max_len, why)


# A line that names a disclosure section holds no verb of work and no enumerated point (推进政府
# 信息公开, 三是推进县政府信息公开 are headings of the work, body text): both "section" patterns.
_NO_WORK_VERB = ("(?!.*(推进|加强|深化|做好|强化|规范|完善|全面|扎实|持续|抓好|落实|坚持|提升|优化|创新|主动|依法|"
                 "一是|二是|三是|四是|五是))")

PATTERNS: tuple[Pattern, ...] = (
    _p("breadcrumb", r"^(首页|主页|网站首页|当前位置|您的位置|您现在的位置|你的位置|所在位置|您当前的位置|您当前位置|当前所在位置|您现在所在的位置|"
       r"您当前所在的位置|您的当前位置|您现在所处的位置|您现在位置|您所在的位置|您所在位置)\s*([:：>＞»›/|]|$)"
       # Crumbs are short names: no sentence punctuation, no "<" (a line of prose that
       # quotes HTML tags, e.g. a hostile report, must stay body text).
       r"|^([^>＞»›<。，,；;]{1,20}\s*[>＞»›]{1,2}\s*){2,}[^>＞»›<。，,；;]{0,30}"
       # (…with the page's date and tools run on after the last crumb: …> 法治政府建设年度报告日期:
       # 2025-02-28 14:30 字体:[ 大 中 小 ] 关闭窗口)
       rf"(({_INFO})\s*{_COLON}[^>＞»›<。，,；;]{{0,60}})?$"
       # two crumbs are a trail too (the catalogue's own 政府信息公开 > 法治政府建设); with no
       # figure on either side, so that a comparison (满意度 > 95%) stays body text
       r"|^[^>＞»›<。，,；;:：\d%]{2,20}\s*[>＞»›]{1,2}\s*[^>＞»›<。，,；;:：\d%]{2,30}$", 120,
       "site navigation trail printed above the article"),
    _p("catalogue", rf"^[【\[]?\s*({_CATALOGUE_SPACED})\s*(\s|{_COLON}|[】\]]|$)", 120,
       "政府信息公开 catalogue table: describes the page, not the work"),
    # (标题/名称 only with its value, after a colon or a space: a line 标题 alone may be the page's own title)
    _p("title label", rf"^(标\s*题|名\s*称)(\s*{_COLON}|\s+\S)", 150, "the catalogue's title row repeats the report's title"),
    _p("info", rf"^[【\[（(]?\s*({_INFO_SPACED})\s*{_COLON}|^[【\[]?\s*({_INFO_SPACED})\s*[】\]]?$", 80,
       "date / source / views line under a page title"),
    # (a short line that names the site or the body, then the page's date: 芷江侗族自治县人民政府
    # 发布时间: 2026-03-03 09:36; 杭州网  发布时间:…; | 公开目录 | … | 发布日期 | 2026-03-17 |; no
    # sentence mark, so that prose telling when something was published stays text)
    _p("dated", r"^[^。，,；;！？]{0,40}?(^|[\s|])(文章)?(发布|发表|发文|公开|生成)(日期|时间)\s*[:：|]?\s*\|?\s*"
       r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?[^。，,；;！？]{0,40}$", 100,
       "the page's date line, with the site's or the body's name beside it"),
    _p("clock", r"\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天](\s*农历\S*)?$", 50,
       "the site's date-and-weekday header (今天是:2019年10月31日 星期三): the day the page was seen, not the report's"),
    _p("timestamp", r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$", 30,
       "a clock time is page metadata; a report's own date has no time"),
    _p("toolbar", rf"^[\W_]*(({_TOOLS})[\W_]*)+$", 60,
       "share / print / font-size / close-window buttons"),
    _p("reprint", r"转载.{0,20}(注明|标明|联系|出处)|版权归.{0,20}所有|未经.{0,12}(许可|授权).{0,12}转载|免责声明", 150,
       "reprint and disclaimer notices of news portals that copy reports"),
    _p("image", r"\.(png|jpe?g|gif|bmp|webp|svg|tiff?)\s*$", 100,
       "an image's file name left behind when the picture was not copied"),
    _p("url", r"^(https?://|www\.)\S+$", 300, "a bare link, never report prose"),
    _p("pager", rf"^(上一篇|下一篇|上一条|下一条|上篇|下篇|相关阅读|相关文章|相关链接|相关新闻|推荐阅读)\s*({_COLON}|$)", 150,
       "links to neighbouring articles"),
    _p("site", r"版权所有|copyright|©|ICP备|ICP证|公网安备|网站标识码|^中文域名\s*[:：]|^(主办单位|承办单位|技术支持|维护单位|网站地图|联系我们|网站声明|隐私声明)\s*([:：]|$)", 150,
       "site footer: copyright, ICP licence, sponsor"),
    _p("punctuation", r"^[\W_]+$", 20, "a stray bracket or rule left from a button or a layout table"),
    _p("menu", r"^(首页|网站首页)(\s+[^\s。，,；;]{2,8}){2,}$|^([^\s。，,；;:：、]{2,6}\s+){3,}[^\s。，,；;:：、]{2,6}$", 80,
       "the site's navigation menu: short names side by side, no sentence"),
    # (a crumb may be a long section name: > 行政执法公开 > 法治政府建设年度报告和工作要点; the crumbs
    # hold no arrow, so a line splits into them one way only)
    _p("crumb", r"^\s*[>＞»›]{1,2}\s*[^。，,；;>＞»›]{1,30}(\s*[>＞»›]{1,2}\s*[^。，,；;>＞»›]{1,30})*$", 80,
       "a breadcrumb printed as '>> 政务公开 >> 通知公告'"),
    _p("menu item", r"^[-·•]\s*[^\s。，,；;]{2,10}$", 14, "a one-word menu entry printed as a list item"),
    # (a hijacked page carries a gambling site's name in its menus and labels)
    _p("spam", r"^\d*[\u4e00-\u9fff]{0,4}(体育|娱乐|彩票|博彩)(网|官网)$|(投注|博彩|下注)[^。，,；;]{0,12}(官网|app|APP|网址)", 120,
       "an injected gambling site's name: not the report's"),
    _p("welcome", r"^(欢迎(您)?(访问|光临|来到))", 40, "the site's welcome banner"),
    _p("channel", r"^(政府信息公开|信息公开|政务公开|基层政务公开|通知公告|工作动态|政务动态|政策文件|法规文件|部门文件|"
       r"规划计划|其他文件|工作报告|年度报告|法治政府建设(专栏|专题)?"
       # ((r13) the disclosure catalogue's own entries: 政府信息公开目录/指南/年报, 法定主动公开内容)
       r"|(政府)?信息公开(目录|指南|年报|制度)|法定主动公开内容)$"
       # (…or that channel beside its neighbours in the site's tab bar, 政府信息公开 规章库, or (r13) the
       # disclosure catalogue's entries side by side: 政府信息公开指南 政府信息公开制度 法定主动公开内容)
       r"|^((政府)?信息公开(目录|指南|年报|制度)?|法定主动公开内容|政务公开)(\s+((政府)?信息公开(目录|指南|年报|制度)|法定主动公开内容|规章库|政策解读|政策文件|[\u4e00-\u9fff]{2,4})){1,5}$", 60,
       "the site's channel the article sits in, printed alone above it: names the page, not work done"),
    # The disclosure section of a body's site, named by the body (阳江市政务服务和数据管理局政府信息
    # 公开, 湛江市廉江市良垌镇人民政府信息公开) — a place first, no verb: not a heading of work
    # (推进政府信息公开 stays body text).
    _p("section", rf"^{_NO_WORK_VERB}"
       r"[\u4e00-\u9fff]{1,12}(省|市|县|区|州|旗|盟|镇|乡|街道)[\u4e00-\u9fff]{0,24}信息公开(专栏|平台|网)?$", 40,
       "the disclosure section of the issuer's site, printed above the article: names the page, not work done"),
    # (r13) …and the same section called 政务公开, or printed with a space after the body's name
    # (北京市海淀区人民政府政务公开, 杭州市西湖区人民政府 政府信息公开, 东莞市市场监督管理局政务公开专栏):
    # only after a body's own name (人民政府, …局, …委…), so that 全县政务公开 as a line stays text
    _p("section", rf"^{_NO_WORK_VERB}"
       r"[\u4e00-\u9fff]{1,12}(省|市|县|区|州|旗|盟)[\u4e00-\u9fff]{0,20}(人民政府|政府|局|委|办|厅|委员会|中心|办事处|镇|乡|街道)"
       r"\s?(政务公开|政府信息公开|信息公开)(专栏|平台|网|目录)?$", 44,
       "the disclosure section of the issuer's site, printed above the article: names the page, not work done"),
)

_LONGEST = max(p.max_len for p in PATTERNS)
_LABEL_ONLY = regex_cache.compile(rf"^[【\[]?\s*({_INFO_SPACED}|{_CATALOGUE_SPACED})\s*{_COLON}?\s*[】\]]?$")
_DATE = regex_cache.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_VALUE = regex_cache.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_COUNT_VALUE = regex_cache.compile(r"^\d+\s*次?$")
_SENTENCE_MARK = regex_cache.compile(r"[。，,；;！？]")
_CATALOGUE_LABEL = regex_cache.compile(_CATALOGUE)
# 主动公开, 有效, an index number (113310810026792569/2022-00223), a document number (温建〔2022〕4号)
_CATALOGUE_VALUE = regex_cache.compile(r"^(主动公开|依申请公开|不予公开|有效|失效|废止|无|[\dA-Z/-]{8,}|[^\s。，,]{1,12}[〔\[(（]\d{4}[〕\])）]\d+号)$")
_PAIR = regex_cache.compile(rf"(?:^|(?<=\s)|(?<=[【\[]))({_CATALOGUE}|{_INFO})\s*{_COLON}?\s*(.*?)\s*(?=(?:\s|[】\]])(?:{_CATALOGUE}|{_INFO})(?:\s|{_COLON})|[】\]]|$)")

_GLUED_LABEL = regex_cache.compile(rf"({_CATALOGUE}|{_INFO})\s*({_COLON}|(?=\d))")

# Which metadata key a label feeds; the first value found wins.
_KEY_OF = {
    # (生成日期, the date the disclosure catalogue's entry was made, is the page's as 发布日期 is)
    **dict.fromkeys(("发布日期", "发布时间", "文章发布日期", "发文日期", "发文时间", "公开日期", "发表日期", "发表时间",
                     "生成日期", "公文生成日期", "日期", "时间"), "published"),
    **dict.fromkeys(("成文日期", "成文时间"), "date"),
    **dict.fromkeys(("发布单位", "发布机构", "发文机关", "发文单位", "来源", "信息来源", "文章来源", "稿件来源", "所属机构"), "issuer"),
    "信息名称": "title",
}
# A source line names a body ("区科技局"); a heading, a sentence or "本站" does not.
_NOT_AN_ISSUER = regex_cache.compile(r"^(本站|本网|原创|网站|转载|未知)(\s|$)|[。，；！？,;、:：\d]|^[（(]")


def find_furniture(lines: list[str]) -> tuple[set[int], dict[str, str]]:
    """Indexes of furniture lines, and the metadata they carried."""
    dropped: set[int] = set()
    meta: dict[str, str] = {}
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in dropped or not is_furniture(line):
            continue
        dropped.add(i)
        line = _plain(line)
        _read_pairs(line, meta)
        label = _LABEL_ONLY.match(line)
        if label:
            # "日期:" on one line and "2023-03-31 23:50" on the next: take the value along.
            j = _next_nonblank(lines, i)
            value = lines[j].strip() if j is not None else ""
            # (rows of one bulleted table: "- 公开方式:" then "- 主动公开")
            same_table = bool(_BULLET.match(raw.strip()) and _BULLET.match(value))
            value = _plain(value)
            if j is not None and _is_value_of(_compact(label.group(1)), value, same_table):
                dropped.add(j)
                _record(_compact(label.group(1)), value, meta)
    return dropped, meta


def is_furniture(line: str) -> bool:
    if len(line) > _LONGEST:  # most lines of a report: prose
        return False
    if _matches(line):
        return True
    plain = _plain(line)
    return plain != line and _matches(plain)


def _matches(text: str) -> bool:
    return any(len(text) <= p.max_len and p.regex.search(text) for p in PATTERNS)


def _plain(line: str) -> str:
    """The line without a list bullet, in simplified characters (a page reposted in
    traditional ones labels its table 發布日期, 字號). The patterns read full-width and
    half-width punctuation alike, so most lines come back as they are: checked once."""
    line = _BULLET.sub("", line)
    return normalize(line) if has_traditional(line) else line


def _compact(label: str) -> str:
    return "".join(label.split())


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].strip():
            return j
    return None


def _is_value_of(label: str, value: str, same_table: bool = False) -> bool:
    key = _KEY_OF.get(label)
    if key in ("published", "date"):
        return bool(_DATE_VALUE.match(value))
    if key == "issuer":
        return len(value) <= 30 and not _NOT_AN_ISSUER.search(value) and not _LABEL_ONLY.match(value)
    if label.startswith(("浏览", "阅读", "访问", "点击")):
        return bool(_COUNT_VALUE.match(value))
    # The catalogue's other values: in a bulleted table any short row that is no sentence
    # (城乡建设、环境保护); otherwise only what a catalogue value looks like, so that the
    # report's title after an empty label (主题词:) stays.
    if _CATALOGUE_LABEL.fullmatch(label):
        if same_table:
            return len(value) <= 40 and not _SENTENCE_MARK.search(value) and not _LABEL_ONLY.match(value)
        return bool(_CATALOGUE_VALUE.match(value))
    return False


def _read_pairs(line: str, meta: dict[str, str]) -> None:
    for m in _PAIR.finditer(line):
        # (a table's cell ends at its bar: | 发文机关:某局 | 主 题 词: |, | 发布机构 | 某局 | |)
        label, value = m.group(1), m.group(2).lstrip("| ").split("|")[0].strip()
        # (the next label right after this one's colon, or glued to its value: 来源: 发布日期:2023-02-21,
        # 来源:区教育局发布日期:2021-01-08 — the value holds the next pair, read in turn)
        glued = _GLUED_LABEL.search(value)
        if glued:
            if glued.start():
                _record(label, value[:glued.start()], meta)
            _read_pairs(value[glued.start():], meta)
        elif value:
            _record(label, value, meta)


def _record(label: str, value: str, meta: dict[str, str]) -> None:
    key = _KEY_OF.get(label)
    value = value.strip(" |")  # (a table row's bars)
    if key is None or key in meta:
        return
    if key in ("published", "date"):
        iso = iso_date(value)
        if iso:
            meta[key] = iso
    elif key == "issuer":
        if 2 <= len(value) <= 30 and not _NOT_AN_ISSUER.search(value):
            meta[key] = value
    elif value:
        meta[key] = value


def iso_date(value: str) -> str | None:
    m = _DATE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
