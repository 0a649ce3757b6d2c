"""The kind of department and the region an issuer's name tells, for grouping a batch.

``合肥市蜀山区司法局`` → kind ``司法局``, region ``蜀山区``. Both are read off the name
alone, with a small table of keywords and the suffixes of administrative units; a name
that tells neither gives ``未识别`` and None. They group the dashboard and the
spreadsheet; nothing is scored on them.

The region is the most specific unit the name gives (a district over its city), because
a city's 依法治市办 compares its districts and its own bureaus. The kind is looked up in
the name once its leading units are cut off, so 公安县人民政府 is a government, not the
police.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNKNOWN_KIND = "未识别"
OTHER_KIND = "其他部门"
NO_REGION = "未注明"

# (kind, keywords), most specific first: the first kind with a keyword in the name wins.
# A provincial 厅 counts with its city and county 局.
DEPARTMENT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("政府办公室", ("政府办公室", "政府办公厅", "政府办")),
    ("乡镇（街道）", ("镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道办", "街道")),
    ("司法局", ("司法",)),
    ("公安局", ("公安",)),
    ("市场监管局", ("市场监督", "市场监管", "工商行政", "质量技术监督")),
    ("生态环境局", ("生态环境", "环境保护", "环保")),
    ("自然资源局", ("自然资源", "国土资源", "国土")),
    ("住建局", ("住房和城乡建设", "住房城乡建设", "城乡建设", "住建", "建设局")),
    ("交通运输局", ("交通",)),
    ("农业农村局", ("农业", "农村")),
    ("卫生健康委", ("卫生健康", "卫健", "卫生")),
    ("教育局", ("教育", "教体")),
    ("科技局", ("科学技术", "科技")),
    ("人社局", ("人力资源", "人社")),
    ("财政局", ("财政",)),
    ("税务局", ("税务",)),
    ("应急管理局", ("应急管理", "安全生产监督")),
    ("水利局", ("水利", "水务")),
    ("文旅局", ("文化和旅游", "文化广电", "文旅", "文化")),
    ("民政局", ("民政局", "民政厅")),  # not 民政 alone: 人民政府 holds it
    ("城管局", ("城市管理", "城管", "综合行政执法", "综合执法")),
    ("商务局", ("商务",)),
    ("发改委", ("发展和改革", "发展改革", "发改")),
    ("审计局", ("审计",)),
    ("统计局", ("统计",)),
    ("医保局", ("医疗保障", "医保")),
    ("退役军人事务局", ("退役军人",)),
    ("林业局", ("林业", "林草")),
    ("体育局", ("体育",)),
    ("工信局", ("工业和信息化", "经济和信息化", "工信", "经信")),
    ("人民政府", ("人民政府", "政府")),
)
# What an office's name ends with when it is a department of no kind listed above.
_OFFICE_END = re.compile(r"(局|厅|委员会|委|办公室|办|中心|署|院|所|队)$")

# An administrative unit at county level or above: a name and its suffix (省, 自治区, 市,
# 州, 盟, 地区, 县, 区, 旗). The name is as short as it can be, so 宁夏回族自治区 is one
# unit; it may not start with a suffix, so the 市 of 市城市管理局 is no city.
_UNIT = re.compile(r"(?![省市县区州盟旗])[\u4e00-\u9fff]{1,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|区|旗)")
# Words ending like a unit that are not one (合肥市城市管理局, 园区管委会), and words of an
# office's name that no place name holds (杭州市公安局西湖区分局: the region is 杭州市).
_NOT_UNITS = frozenset({"城市", "都市", "社区", "园区", "片区", "辖区", "街区", "景区", "市区", "城区", "山区", "矿区", "营区"})
_OFFICE_WORDS = ("局", "厅", "委", "办公", "政府", "管理", "支队", "大队", "法院", "检察", "依法")
_PARTY_PREFIX = re.compile(r"^(中共|中国共产党)")


def _units(issuer: str) -> tuple[list[str], str]:
    """The units the name starts with, and the rest of the name (the office itself)."""
    rest = _PARTY_PREFIX.sub("", issuer.strip())
    units: list[str] = []
    while m := _UNIT.match(rest):
        unit = m.group(0)
        if unit.endswith("州") and rest[len(unit) : len(unit) + 1] == "市":
            unit += "市"  # 杭州市, not the prefecture 杭州 followed by something called 市…
        if unit in _NOT_UNITS or unit.endswith("城市") or any(w in unit for w in _OFFICE_WORDS):
            break
        units.append(unit)
        rest = rest[len(unit) :]
    return units, rest


# An issuer's region and kind are asked for each of its rows by every output (the ranking's
# and the heatmap's filters, the groupings, the workbook's columns): found once per issuer.
_ISSUERS_KEPT = 8192


@lru_cache(maxsize=_ISSUERS_KEPT)
def region(issuer: str | None) -> str | None:
    """The most specific county-level or higher unit the issuer names, or None."""
    if not issuer:
        return None
    units, _ = _units(issuer)
    return units[-1] if units else None


@lru_cache(maxsize=_ISSUERS_KEPT)
def department_kind(issuer: str | None) -> str:
    """The kind of office (人民政府, 司法局, 公安局, 市场监管局 …) its name tells."""
    if not issuer:
        return UNKNOWN_KIND
    _, office = _units(issuer)
    for kind, keywords in DEPARTMENT_KINDS:
        if any(k in office for k in keywords):
            return kind
    return OTHER_KIND if _OFFICE_END.search(office) else UNKNOWN_KIND
