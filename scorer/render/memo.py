"""The 审查意见 memo a supervisor sends back to a department, in DOCX, Markdown or HTML.

``build(result)`` writes the memo once as plain data (``Memo``): title, addressee,
总体评价 paragraphs generated from the numbers, one ``Problem`` per gap in the engine's
order (``result.gaps``), 整改要求 with a date placeholder, and the 逐项核查表 (one row per
requirement). Each format only lays that out:
- ``memo_docx`` (python-docx: real Heading 1/2 styles and a real table; scorer.render.memo_docx),
- ``memo_markdown`` (every piece of text escaped so report text cannot inject markup),
- ``memo_html`` (``templates/memo.html.j2``, autoescaped, no scripts).
``write_memo(result, path)`` picks the format by the file's suffix and writes atomically.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from scorer import atomic
from scorer.errors import FazhiError
from scorer.models import ROLE_ZH, ReportResult
from scorer.render import review
from scorer.render.jinja import render_template

SUFFIXES = (".docx", ".md", ".html")
QUOTE_LIMIT = 120  # a memo quotes the report's words, it does not reproduce them
CN_NUMBERS = "一二三四五六七八九十"
TABLE_HEADER = ("序号", "要求", "编号", "级别", "核查结果", "得分")
SECTIONS = ("一、总体评价", "二、主要问题", "三、整改要求", "附件：逐项核查表")
DATE_PLACEHOLDER = "____年__月__日"


@dataclass(frozen=True)
class Problem:
    label: str  # （一）
    id: str
    title: str
    core: bool
    status_zh: str
    missing: str
    quote: str  # the report's own words behind a planned/deficient verdict, clipped; "" if none
    quote_part: str
    source: str
    suggestion: str

    @property
    def heading(self) -> str:
        return f"{self.label}{'★' if self.core else ''}{self.title}（{self.id}）"


@dataclass(frozen=True)
class Row:
    number: int
    title: str
    id: str
    level_zh: str
    status_zh: str
    points: str

    @property
    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.title, self.id, self.level_zh, self.status_zh, self.points)


@dataclass(frozen=True)
class Memo:
    title: str
    addressee: str
    opening: str
    assessment: tuple[str, ...]
    problems: tuple[Problem, ...]
    no_problems: str
    requirements: tuple[str, ...]
    signer: str
    date_line: str
    rows: tuple[Row, ...]
    sections: tuple[str, ...] = SECTIONS
    table_header: tuple[str, ...] = TABLE_HEADER


def _cn_label(n: int) -> str:
    """（一）…（十）, （十一）…: the numbering a memo uses for its points."""
    if n <= 10:
        word = CN_NUMBERS[n - 1]
    elif n < 20:
        word = "十" + CN_NUMBERS[n - 11]
    else:
        word = CN_NUMBERS[n // 10 - 1] + "十" + (CN_NUMBERS[n % 10 - 1] if n % 10 else "")
    return f"（{word}）"


def _problem(n: int, r) -> Problem:
    quoted = review.quote_for(r) if r.status in ("planned", "deficient") else None
    return Problem(
        label=_cn_label(n),
        id=r.rule.id,
        title=r.rule.title,
        core=review.is_core(r),
        status_zh=review.status_zh(r),
        missing=review.missing(r),
        quote=review.clip(quoted.text, QUOTE_LIMIT) if quoted else "",
        quote_part=ROLE_ZH.get(quoted.part_role, quoted.part_role) if quoted else "",
        source=r.rule.source,
        suggestion=r.rule.suggestion,
    )


def _assessment(result: ReportResult, t: review.Tally, when: review.ReportDate) -> tuple[str, ...]:
    paragraphs = [f"报告得分{result.score:.1f}分（满分100分），等级为“{result.grade}”；核心要求得分{result.core_score:.1f}分。"]
    met_detail = "、".join(
        f"{label}{t.count(s)}项" for s, label in (("substantiated", "有据落实"), ("asserted", "泛称落实"), ("met", "结构要求具备")) if t.count(s)
    )
    counts = f"对照适用的{t.applicable}项要求，报告已落实{t.met}项"
    counts += f"（{met_detail}）" if met_detail else ""
    counts += f"，需要补充{t.gaps}项" + (f"，其中核心要求{t.core_gaps}项" if t.core_gaps else "，核心要求均已落实") + "。"
    if t.not_applicable:
        counts += f"另有{t.not_applicable}项要求不适用于本报告年度，未计分。"
    paragraphs.append(counts)
    remarks = []
    if t.gaps == 0:
        remarks.append("报告结构完整，各项要求均有体现")
    if t.count("asserted") > t.count("substantiated"):
        remarks.append("多数已落实事项只有“全面落实”“认真执行”等泛泛表述，缺少数量、文件名称、日期等可核查的细节")
    if t.core_gaps:
        remarks.append(f"{t.core_gaps}项核心要求存在缺口，应作为整改重点")
    if when.deadline_status == "late":
        remarks.append(f"报告未按时公开（{when.deadline_reason}）")
    elif when.deadline_status == "absent":
        remarks.append(f"无法确认报告是否按时公开（{when.deadline_reason}）")
    if remarks:
        paragraphs.append("总体看，" + "；".join(remarks) + "。")
    return tuple(paragraphs)


def _requirements(t: review.Tally, when: review.ReportDate) -> tuple[str, ...]:
    items = [
        "请你单位对照上述问题逐项补充完善报告内容"
        + (f"，{t.core_gaps}项核心要求的缺口应优先整改。" if t.core_gaps else "。"),
        "补充的内容应写明本年度的具体做法和结果，尽量提供数量、文件名称、时间、平台等可核查的细节，"
        "避免只写“全面落实”“认真执行”等泛泛表述；存在的不足应分析原因，下一年度安排应有目标和时限。",
    ]
    if when.deadline_status in ("late", "absent"):
        items.append("年度报告应写明落款单位和日期，并于次年4月1日前通过门户网站向社会公开。")
    items.append(f"请于{DATE_PLACEHOLDER}前将修改后的报告及整改情况书面报送。")
    return tuple(items)  # each format numbers them its own way


def build(result: ReportResult) -> Memo:
    t = review.tally(result)
    when = review.report_date(result)
    issuer = result.issuer or "（发文单位）"
    year = str(result.year) if result.year else "____"
    report = f"《{result.title}》" if result.title else f"{year}年度法治政府建设年度报告"
    edition = review.EDITION_ZH.get(result.edition, f"{result.edition}年版纲要")
    return Memo(
        title=f"关于{issuer}{year}年度法治政府建设年度报告的审查意见",
        addressee=f"{issuer}：",
        opening=f"你单位报送的{report}收悉。依据{edition}和《法治政府建设与责任落实督察工作规定》，"
        f"我们对报告逐项进行了核查，现提出审查意见如下。",
        assessment=_assessment(result, t, when),
        problems=tuple(_problem(n, r) for n, r in enumerate(result.gaps, 1)),
        no_problems="未发现需要补充的内容。",
        requirements=_requirements(t, when),
        signer="（审查单位盖章）",
        date_line=DATE_PLACEHOLDER,
        rows=tuple(
            Row(
                n,
                r.rule.title,
                r.rule.id,
                review.LEVEL_ZH.get(r.rule.level, r.rule.level),
                review.status_zh(r),
                f"{r.points:g}/{r.max_points:g}" if r.applies else "—",
            )
            for n, r in enumerate(result.results, 1)
        ),
    )


# ---- Markdown ---------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Report text as inert inline Markdown: one line, HTML specials as entities, markup characters escaped."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_INLINE.sub(r"\\\1", text)


def md_paragraph(text: str) -> str:
    """Escaped text that opens a line: also defuse a start that reads as a heading, quote or list."""
    text = md_escape(text)
    match = _MD_LINE_START.match(text)
    if not match:
        return text
    lead, mark = match.group(1), match.group(2)
    at = len(lead) + len(mark) if mark.isdigit() else len(lead)
    return text[:at] + "\\" + text[at:]


def memo_markdown(result: ReportResult) -> str:
    m, e, para = build(result), md_escape, md_paragraph
    out = [f"# {e(m.title)}", "", para(m.addressee), "", para(m.opening), "", f"## {e(m.sections[0])}", ""]
    for p in m.assessment:
        out += [para(p), ""]
    out += [f"## {e(m.sections[1])}", ""]
    for p in m.problems:
        out += [f"### {e(p.heading)}", "", para(p.missing), ""]
        if p.quote:
            out += [f"> 报告原文（{e(p.quote_part)}）：“{e(p.quote)}”", ""]
        out += [f"- 依据：{e(p.source)}", f"- 整改建议：{e(p.suggestion)}", ""]
    if not m.problems:
        out += [para(m.no_problems), ""]
    out += [f"## {e(m.sections[2])}", ""]
    for i, p in enumerate(m.requirements, 1):
        out.append(f"{i}. {e(p)}")
    out += ["", f"{para(m.signer)}  ", para(m.date_line), "", f"## {e(m.sections[3])}", ""]
    out.append("| " + " | ".join(e(h) for h in m.table_header) + " |")
    out.append("|" + "---|" * len(m.table_header))
    for row in m.rows:
        out.append("| " + " | ".join(e(c) for c in row.cells) + " |")
    return "\n".join(out) + "\n"


# ---- HTML and DOCX ----------------------------------------------------------------------


def memo_html(result: ReportResult) -> str:
    return render_template("memo.html.j2", m=build(result))


def memo_docx(result: ReportResult) -> bytes:
    from scorer.render.memo_docx import docx_bytes  # python-docx is only loaded when asked for

    return docx_bytes(build(result))


def write_memo(result: ReportResult, path: str | os.PathLike) -> Path:
    """Write the memo in the format the suffix names (.docx .md .html), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        atomic.write_bytes(path, memo_docx(result))
    elif suffix == ".md":
        atomic.write_text(path, memo_markdown(result))
    elif suffix == ".html":
        atomic.write_text(path, memo_html(result))
    else:
        raise FazhiError(str(path), f"cannot write a memo as '{suffix or '(no suffix)'}'; use .docx, .md or .html")
    return path
