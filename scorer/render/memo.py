"""The 审查意见 memo a supervisor signs and sends back to a department, in DOCX, Markdown or HTML.

``build(result)`` writes the memo once as plain data (``Memo``), in the order and words of
a 公文: title, 主送, an opening that names the basis (the Outline edition the report was
judged under, in full, then by its short name), 一、总体评价 from the numbers, 二、主要问题
with the gaps grouped by area into a few paragraphs (a run-in （一） heading, what the report
lacks there, and the Outline parts it lacks them under; see ``_groups``), 三、整改要求, the
附件 line, the 落款 and date left for the supervisor, and the 逐项核查表 as the 附件. It
speaks of what the *report* shows (报告反映已落实…), never of what the department did, and
carries no rule IDs and no ★: the department's reader knows neither. Two pages of body and
the 附件 on a third, for the reports fazhi has seen (tests/test_memo_gongwen.py).

Each format only lays that out, and data flows one way (memo → memo_docx):
- ``memo_docx`` hands ``scorer.render.memo_docx`` a generic 公文 (title, blocks, annex) to
  set in GB/T 9704 layout; that module knows nothing of reports or rules;
- ``memo_markdown`` escapes every piece of text so report text cannot inject markup;
- ``memo_html`` renders ``templates/memo.html.j2`` (autoescaped, no scripts).
``write_memo(result, path)`` picks the format by the file's suffix and writes atomically.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer import atomic, citations
from scorer.citations import Citation
from scorer.errors import FazhiError
from scorer.models import ReportResult, RuleResult
from scorer.render import review
from scorer.render.jinja import render_template

SUFFIXES = (".docx", ".md", ".html")
CN_NUMBERS = "一二三四五六七八九十"
SECTIONS = ("一、总体评价", "二、主要问题", "三、整改要求")
ANNEX_LABEL = "附件"
ANNEX_TITLE = "逐项核查表"
ATTACHMENT = f"{ANNEX_LABEL}：{ANNEX_TITLE}"  # the 附件说明 line under the body
TABLE_HEADER = ("序号", "要求", "级别", "核查结果", "得分")
TABLE_WIDTHS_MM = (12, 88, 16, 24, 16)  # the 156 mm text width; a requirement's title on one line
# Room for the supervisor to write the date by hand: a year in Arabic figures is two
# full-width characters wide, a month or day one.
DATE_PLACEHOLDER = "　　年　月　日"
SIGNER_PLACEHOLDER = "（审查单位）"
ISSUER_PLACEHOLDER = "（报告单位）"


@dataclass(frozen=True)
class Finding:
    """One area's problems in one paragraph: what the report lacks there and the basis for it."""

    label: str  # （一）
    area: str  # 行政执法
    text: str  # 报告中“…”仅见于下一年度安排，“…”未提及（依据《纲要》第五部分）。

    @property
    def heading(self) -> str:
        return f"{self.label}{self.area}"

    @property
    def lead(self) -> str:
        """The run-in second-level heading that opens the paragraph, with its full stop."""
        return f"{self.heading}。"


@dataclass(frozen=True)
class Row:
    number: int
    title: str
    level_zh: str
    status_zh: str
    points: str

    @property
    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.title, self.level_zh, self.status_zh, self.points)


@dataclass(frozen=True)
class Memo:
    title: str
    addressee: str
    opening: str
    assessment: tuple[str, ...]
    findings: tuple[Finding, ...]
    no_problems: str
    requirements: tuple[str, ...]
    signer: str
    date_line: str
    rows: tuple[Row, ...]
    sections: tuple[str, ...] = SECTIONS
    attachment: str = ATTACHMENT
    annex_label: str = ANNEX_LABEL
    annex_title: str = ANNEX_TITLE
    table_header: tuple[str, ...] = TABLE_HEADER


def _cn_label(n: int) -> str:
    """（一）…（十）, （十一）…: the numbering a memo uses for its second-level points."""
    if n <= 10:
        word = CN_NUMBERS[n - 1]
    elif n < 20:
        word = "十" + CN_NUMBERS[n - 11]
    else:
        word = CN_NUMBERS[n // 10 - 1] + "十" + (CN_NUMBERS[n % 10 - 1] if n % 10 else "")
    return f"（{word}）"


class _Citer:
    """Names a document in full the first time the memo cites it, by its short name after.

    The short name is announced (以下简称《纲要》) only for a document the memo cites again.
    """

    def __init__(self, cited_again: set[str]) -> None:
        self.cited_again = cited_again
        self.named: set[str] = set()

    def __call__(self, cited: tuple[Citation, ...], joiner: str = "；") -> str:
        out = []
        for c in cited:
            if c.document is None:
                out.append(c.render())
            elif c.document.key in self.named:
                out.append(c.render(c.document.short_title))
            else:
                self.named.add(c.document.key)
                out.append(c.render(c.document.introduced if c.document.key in self.cited_again else c.document.full))
        return joiner.join(out)


def _quoted(gaps: list[RuleResult]) -> str:
    # Juxtaposed quotations take no 顿号 between them: “甲”“乙”.
    return "".join(f"“{r.rule.title}”" for r in gaps)


def _lacks(gaps: list[RuleResult]) -> str:
    """What the report shows of some gaps, by kind of gap, in one sentence without its full stop."""
    parts = [r for r in gaps if r.rule.kind == "part"]
    elements = [r for r in gaps if r.rule.kind == "element"]
    planned, deficient, absent = ([r for r in elements if r.status == s] for s in ("planned", "deficient", "absent"))
    grouped = {id(r) for r in parts + planned + deficient + absent}
    # the deadline, and any status a future engine adds, in the engine's own sentence
    clauses = [review.missing(r).rstrip("。") for r in gaps if id(r) not in grouped]
    if parts:
        clauses.append(f"报告缺少{_quoted(parts)}部分")
    said = []
    if planned:
        said.append(f"{_quoted(planned)}仅见于下一年度安排")
    if deficient:
        said.append(f"{_quoted(deficient)}仅作为存在的问题提及")
    if absent:
        said.append(f"{_quoted(absent)}未提及")
    if said:
        clauses.append("报告中" + "，".join(said))
    return "；".join(clauses)


@dataclass(frozen=True)
class _Group:
    area: str  # the run-in heading's words
    gaps: tuple[RuleResult, ...]
    basis: tuple[Citation, ...]  # empty for the recommended requirements, put as suggestions


def _basis(gaps, edition: int) -> tuple[Citation, ...]:
    """What the memo cites for some gaps under the report's edition: the Outline part each comes
    under, and a requirement's own documents only where the Outline has no clause for it (the
    gap report cites every document of every requirement; the memo has two pages)."""
    cited = []
    for r in gaps:
        own = citations.cite(r.rule.source, edition)
        cited.append(tuple(c for c in own if c.document and c.document.parts) or own)
    return citations.merge(cited)


def _groups(result: ReportResult) -> tuple[_Group, ...]:
    """The paragraphs of 主要问题, in the order of the engine's gaps (core first, then by weight).

    An area with a core gap or with several gaps has a paragraph of its own; areas left with
    one gap share one (其他方面); the recommended requirements close the section as one
    paragraph of suggestions. A typical report's problems then fit in a few paragraphs.
    """
    main = [r for r in result.gaps if r.rule.level != "recommended"]
    minor = tuple(r for r in result.gaps if r.rule.level == "recommended")
    by_area: dict[str, list[RuleResult]] = {}
    for r in main:
        by_area.setdefault(r.rule.area, []).append(r)
    own = {a: g for a, g in by_area.items() if len(g) > 1 or any(review.is_core(r) for r in g)}
    rest = [r for a, g in by_area.items() if a not in own for r in g]
    groups = [(review.area_zh(a), g) for a, g in own.items()]
    if len(rest) == 1:
        groups.append((review.area_zh(rest[0].rule.area), rest))
    elif rest:
        groups.append(("其他方面", rest))
    out = [_Group(area, tuple(gaps), _basis(gaps, result.edition)) for area, gaps in groups]
    if minor:
        out.append(_Group("建议性要求", minor, ()))
    return tuple(out)


def _findings(groups: tuple[_Group, ...], cite: _Citer) -> tuple[Finding, ...]:
    findings = []
    for n, group in enumerate(groups, 1):
        if group.basis:
            text = _lacks(list(group.gaps)) + f"（依据{cite(group.basis)}）。"
        else:  # suggestions: named by the first, counted, the rest left to the annex
            more = f"等{len(group.gaps)}项建议性要求" if len(group.gaps) > 1 else "这一建议性要求"
            text = f"报告未反映“{group.gaps[0].rule.title}”{more}的落实情况（详见附件），可结合实际补充。"
        findings.append(Finding(_cn_label(n), group.area, text))
    return tuple(findings)


def _assessment(result: ReportResult, t: review.Tally) -> tuple[str, ...]:
    paragraphs = []
    if result.not_whole:
        paragraphs.append(
            "需要说明的是，报送的文件不像一份完整的年度报告（" + "；".join(result.not_whole) + "），"
            "以下意见仅就现有文本作出。"
        )
    labels = (
        ("substantiated", review.STATUS_ZH["substantiated"]),
        ("asserted", review.STATUS_ZH["asserted"]),
        ("met", "形式要求"),  # the report's parts and its deadline
    )
    detail = "、".join(f"{label}{t.count(s)}项" for s, label in labels if t.count(s))
    # The requirements this edition does not score are left to the annex (不适用).
    counts = f"适用的{t.applicable}项要求中，报告反映已落实{t.met}项" + (f"（{detail}）" if detail else "")
    if t.gaps:
        counts += f"，需补充完善{t.gaps}项" + (f"，其中核心要求{t.core_gaps}项" if t.core_gaps else "")
    paragraphs.append(f"报告得分{result.score:.1f}分（核心要求{result.core_score:.1f}分），等级为“{result.grade}”。{counts}。")
    remarks = []
    if t.gaps == 0:
        remarks.append("报告结构完整，各项要求均有反映")
    if t.count("asserted") > t.count("substantiated"):
        remarks.append("报告反映已落实的事项多为“全面落实”“认真执行”等原则性表述，"
                       "缺少数量、文件名称、日期等可核查的细节")
    # A late or undated report is a gap, said once under 主要问题 and in 整改要求.
    if remarks:
        paragraphs.append("总体看，" + "；".join(remarks) + "。")
    return tuple(paragraphs)


def _requirements(t: review.Tally, when: review.ReportDate) -> tuple[str, ...]:
    items = [
        "请你单位对照上述问题补充完善报告" + ("，优先补充核心要求" if t.core_gaps else "") + "。"
        "补充内容应写明本年度的做法、结果和数量、文件、时间等可核查的细节；不足应分析原因，安排应有目标和时限。",
    ]
    if when.deadline_status in ("late", "absent"):
        items.append("年度报告应写明落款单位和日期，并于次年4月1日前向社会公开。")
    items.append(f"请于{DATE_PLACEHOLDER}前将修改后的报告书面报送。")
    return tuple(items)  # each format numbers them its own way


def build(result: ReportResult) -> Memo:
    t = review.tally(result)
    when = review.report_date(result)
    issuer = result.issuer or ISSUER_PLACEHOLDER
    year = str(result.year) if result.year else "　　"
    report = f"《{result.title}》" if result.title else f"{year}年度法治政府建设年度报告"
    bases = (Citation(citations.outline(result.edition)), Citation(citations.table()["督察规定"]))
    groups = _groups(result)
    mentions = Counter(c.document.key for cited in (bases, *(g.basis for g in groups)) for c in cited if c.document)
    cite = _Citer({key for key, n in mentions.items() if n > 1})
    return Memo(
        title=f"关于{issuer}{year}年度法治政府建设年度报告的审查意见",
        addressee=f"{issuer}：",
        opening=f"你单位报送的{report}收悉。经依据{cite(bases, '和')}逐项核查，现提出审查意见如下。",
        assessment=_assessment(result, t),
        findings=_findings(groups, cite),
        no_problems="报告对适用的各项要求均有反映，未发现需要补充的内容。",
        requirements=_requirements(t, when),
        signer=SIGNER_PLACEHOLDER,
        date_line=DATE_PLACEHOLDER,
        rows=tuple(
            Row(
                n,
                r.rule.title,
                review.LEVEL_ZH.get(r.rule.level, r.rule.level),
                review.status_zh(r),
                f"{r.points:g}/{r.max_points:g}" if r.applies else "—",
            )
            for n, r in enumerate(result.results, 1)
        ),
    )


# ---- Markdown ---------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# Runs of whitespace fold to one space, except the full-width space: the memo's date placeholders are made of it.
_MD_SPACE = re.compile(r"[^\S\u3000]+")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Report text as inert inline Markdown: one line, HTML specials as entities, markup characters escaped."""
    text = _MD_SPACE.sub(" ", str(text)).strip(" ")
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
    for f in m.findings:
        # the full stop outside the strong emphasis: CommonMark does not close ** after punctuation
        # that a letter follows, which is every CJK heading run into its text
        out += [f"**{e(f.heading)}**。{e(f.text)}", ""]
    if not m.findings:
        out += [para(m.no_problems), ""]
    out += [f"## {e(m.sections[2])}", ""]
    for i, p in enumerate(m.requirements, 1):
        out.append(f"{i}. {e(p)}")
    out += ["", para(m.attachment), "", f"{para(m.signer)}  ", para(m.date_line), "", f"## {e(m.attachment)}", ""]
    out.append("| " + " | ".join(e(h) for h in m.table_header) + " |")
    out.append("|" + "---|" * len(m.table_header))
    for row in m.rows:
        out.append("| " + " | ".join(e(c) for c in row.cells) + " |")
    return "\n".join(out) + "\n"


# ---- HTML and DOCX ----------------------------------------------------------------------


def memo_html(result: ReportResult) -> str:
    return render_template("memo.html.j2", m=build(result))


@lru_cache(maxsize=1)
def _gongwen():
    """``scorer.render.memo_docx``, loaded when a .docx is first asked for, with its styled
    empty page kept in fazhi's cache (plain data) from one run to the next: building it
    takes python-docx, ~0.1 s a process, most of it the import — in a batch, at every
    worker's first report. The cache file is named after the code that builds the page
    (memo_docx, python-docx, lxml and python-docx's templates), so another version of any
    of them builds it again."""
    from importlib.util import find_spec

    from scorer import user_cache
    from scorer.render import memo_docx as gongwen

    builders = [gongwen.__file__]
    for package in ("docx", "lxml"):  # their __init__.py say their versions
        spec = find_spec(package)
        if spec is not None and spec.origin:
            builders.append(spec.origin)
            if package == "docx":
                builders += sorted(str(p) for p in (Path(spec.origin).parent / "templates").iterdir())
    name = user_cache.named_after("memo-page", *builders)
    if not gongwen.use_page(user_cache.load(name)):
        user_cache.save(name, gongwen.page())
    return gongwen


def as_gongwen(m: Memo):
    """The memo as the generic 公文 ``scorer.render.memo_docx`` lays out."""
    gongwen = _gongwen()
    Block = gongwen.Block
    body = [Block("paragraph", m.opening), Block("heading", m.sections[0])]
    body += [Block("paragraph", p) for p in m.assessment]
    body.append(Block("heading", m.sections[1]))
    body += [Block("paragraph", f.text, lead=f.lead) for f in m.findings] or [Block("paragraph", m.no_problems)]
    body.append(Block("heading", m.sections[2]))
    body += [Block("paragraph", f"{i}.{text}") for i, text in enumerate(m.requirements, 1)]
    return gongwen.Gongwen(
        title=m.title,
        addressee=m.addressee,
        body=tuple(body),
        attachment=m.attachment,
        signer=m.signer,
        date=m.date_line,
        annex=gongwen.Annex(
            label=m.annex_label,
            title=m.annex_title,
            header=m.table_header,
            rows=tuple(row.cells for row in m.rows),
            widths_mm=TABLE_WIDTHS_MM,
            centered=frozenset({0, 2, 3, 4}),
        ),
    )


def memo_docx(result: ReportResult) -> bytes:
    return _gongwen().docx_bytes(as_gongwen(build(result)))


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
