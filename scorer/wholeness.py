"""Is this file one whole annual report? Said before anyone trusts its verdict.

A supervisor's folder holds more than reports: a 工作要点 or 实施方案 saved by mistake, a
copy reposted on a commercial site and cut off there, a page with two years' reports,
a stray note. fazhi judges each all the same, but a verdict on such a file is not a
verdict on the department's report, so every output says why (in Chinese, for the
reader), batch lists it apart and does not rank it, and `check` fails on it.

Each check looks for a plain sign, never guesses from the statuses: too little text; no
title and no year; a title that names another kind of document; a 转载 notice; text that
stops mid-sentence with no 落款; two report titles in one file.
"""

from __future__ import annotations

from scorer import regex_cache
from scorer.models import Segmented

# A whole report runs to a few thousand characters; a township's can be under a thousand.
MIN_BODY_CHARS = 500
# Another kind of document, named in its title (a report title says 报告/总结/情况).
OTHER_KIND = regex_cache.compile(r"(工作要点|要点|规划|实施方案|行动方案|工作方案|方案|通知|意见|办法|规定|细则|讲话|发言|新闻|简报|纪要|清单)$")
REPORT_WORD = regex_cache.compile(r"报告|总结|情况|工作汇报")
# A copy reposted elsewhere says so, usually at its end.
REPOST = regex_cache.compile(r"如若转载|转载请注明|本文转自|本文来源|文章来源[:：]|来源[:：]\s*\S+网|免责声明|版权归原作者|侵删")
# A report's title line: the year and 法治政府建设…报告/总结 (two of them: two reports).
REPORT_TITLE = regex_cache.compile(r"^\s*.{0,30}?(20\d\d)\s*年度?.{0,30}?法治(政府)?建设.{0,20}?(报告|总结)\s*$")
SENTENCE_END = regex_cache.compile(r"[。！？!?”」』）)…]\s*$")
# The short lines a report ends with: its 落款 (an issuer, a date) or page furniture.
TAIL_LINE_MAX = 30
SIGNATURE_LINE = regex_cache.compile(r"(局|委员会|委|政府|办公室|办|中心|厅|院|街道|镇|乡|所|队)\s*$|\d{4}\s*年|\d{4}-\d")


def problems(seg: Segmented) -> tuple[str, ...]:
    """Why ``seg`` is not one whole annual report, one reason per sign; () when it is."""
    text = seg.document.text
    body = [s for s in seg.sentences if not s.is_heading]
    found: list[str] = []
    chars = sum(len(s.text) for s in body)
    if chars < MIN_BODY_CHARS:
        found.append(f"正文只有{chars}字，不像一份完整的年度报告（完整的报告通常有数千字）")
    if seg.title is None and seg.year is None:
        found.append("没有找到报告标题，也看不出报告年度")
    if seg.title and OTHER_KIND.search(seg.title.strip()) and not REPORT_WORD.search(seg.title):
        found.append(f"标题“{seg.title.strip()[:40]}”看起来是另一类文件，不是法治政府建设年度报告")
    from scorer.ingest import body_text  # the kept lines, as every stage reads them

    kept = body_text(seg.document)
    repost = REPOST.search(text[-max(600, len(text) // 5):])
    if repost:
        found.append(f"文末有转载说明（“{repost.group(0)}”），像是其他网站转载的副本，可能不完整")
    if chars >= MIN_BODY_CHARS and _cut_off(kept):
        found.append("正文在句中结束，且没有落款，可能是截断的副本")
    titles = [m for m in (REPORT_TITLE.match(line) for line in kept.splitlines()) if m]
    if len({m.group(1) for m in titles}) > 1:
        years = "、".join(sorted({m.group(1) for m in titles}))
        found.append(f"一个文件里有不同年度（{years}）的报告标题，应分开核查")
    return tuple(found)


def _cut_off(kept: str) -> bool:
    """The text stops mid-sentence with nothing after it that could be a 落款.

    The short lines at the end are looked past (a 落款, a 发布日期 line); any of them that
    names a body or a date is taken for the 落款 (a report signed without a date is whole)."""
    for line in reversed([line.strip() for line in kept.splitlines() if line.strip()]):
        if len(line) <= TAIL_LINE_MAX and not SENTENCE_END.search(line):
            if SIGNATURE_LINE.search(line):
                return False
            continue
        return not SENTENCE_END.search(line)
    return False
