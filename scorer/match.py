"""Match stage: for each rule, the evidence sentences and what each one shows.

One matcher per rule kind (element, part, deadline); no rule has code of its own.
An element's sentence status comes from where it stands and how it is said:

- in the shortcomings part, or negated in its clause (尚未/未开展/不到位/有待…) → deficient
- in the next-year part, or opened as a plan (下一步/今后/2025年，我局将…) → planned
- otherwise done: substantiated with checkable detail in the same sentence (a count with
  a unit, a 《named document》, a date, a named platform, a named role), else asserted.

A term inside a 《title》 is a document named, not the work itself: inside a law or a
higher authority's rules (…法/条例/规定/纲要/意见) it does not count at all (studying
《行政复议法》 is law study); inside one of several titles listed together it counts
only as asserted (a list of 《…制度》 shows a rule exists, not that it was applied).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from scorer.cues import (
    TITLE_SPAN,
    LAW_TITLE,
    CITED_AS_BASIS,
    TITLE_LIST_MIN,
    NEGATION,
    TACKLED,
    PLAN_OPENER,
    PLAN_SUBJECT,
    YEAR_OPENER,
    QUANTITY,
    PARTIAL_DATE,
    PLATFORM,
    GENERIC_PLATFORM,
    NAMED_ROLE,
)
from scorer.models import Evidence, Rule, RuleMatch, Ruleset, Segmented, Sentence
from scorer.textnorm import find_dates, normalize, normalize_pattern

STRENGTH = {"substantiated": 4, "asserted": 3, "deficient": 2, "planned": 1, "absent": 0}
# Parts whose sentences are never evidence of work: the report's own title and its signature.
SILENT_ROLES = frozenset({"title", "signature"})

@dataclass(frozen=True)
class MatchOptions:
    """Which signals decide a sentence's status; `fazhi eval` switches them off one by one."""

    roles: bool = True  # the part a sentence stands in (shortcomings → deficient, plans → planned)
    cues: bool = True  # negation and plan wording inside a sentence
    titles: bool = True  # terms inside 《titles》: laws ignored, listed documents capped
    similarity: bool = False  # TF-IDF similarity to the rules' example sentences


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    any_of: re.Pattern[str] | None
    together: tuple[tuple[re.Pattern[str], ...], ...]
    exclude: re.Pattern[str] | None
    # Every sentence the rule can match contains a match of this: the terms, the patterns
    # and the first pattern of each `together` group. One pass over the whole body finds
    # the few candidate sentences, so long reports do not cost rules × sentences.
    prefilter: re.Pattern[str]


def _compile(rule: Rule) -> CompiledRule:
    alternatives = [re.escape(normalize(t)) for t in rule.terms] + [normalize_pattern(p) for p in rule.patterns]
    any_of = re.compile("|".join(f"(?:{a})" for a in alternatives)) if alternatives else None
    together = tuple(tuple(re.compile(normalize_pattern(p)) for p in group) for group in rule.together)
    exclude = re.compile("|".join(f"(?:{normalize_pattern(p)})" for p in rule.exclude)) if rule.exclude else None
    firsts = alternatives + [normalize_pattern(group[0]) for group in rule.together]
    prefilter = re.compile("|".join(f"(?:{a})" for a in firsts) or "(?!)")
    return CompiledRule(rule, any_of, together, exclude, prefilter)


@lru_cache(maxsize=8)
def compile_ruleset(ruleset: Ruleset) -> tuple[CompiledRule, ...]:
    return tuple(_compile(r) for r in ruleset.rules if r.kind == "element")


@dataclass(frozen=True)
class _SentenceView:
    """What every element rule needs to know about one sentence, computed once."""

    sentence: Sentence
    role: str
    titles: tuple[tuple[int, int], ...]
    law_titles: frozenset[int]  # indexes into titles
    cited_titles: frozenset[int]  # law titles cited as a basis

    @cached_property
    def detail(self) -> str | None:
        """The first piece of checkable detail found outside the evidence itself.

        Computed on first use, then kept: only a sentence judged done needs it (about one
        sentence in six), and looking for it on every sentence was a fifth of match time.
        """
        return _detail(self.sentence.norm, self.titles, self.cited_titles)


def _view(sentence: Sentence, role: str, options: MatchOptions) -> _SentenceView:
    norm = sentence.norm
    titles = tuple((m.start(), m.end()) for m in TITLE_SPAN.finditer(norm)) if options.titles else ()
    law = frozenset(i for i, (s, e) in enumerate(titles) if LAW_TITLE.search(norm[s:e]))
    cited = frozenset(i for i in law if CITED_AS_BASIS.search(norm[max(0, titles[i][0] - 8):titles[i][0]]))
    return _SentenceView(sentence, role, titles, law, cited)


def _detail(norm: str, titles: tuple[tuple[int, int], ...], cited: frozenset[int]) -> str | None:
    """The first piece of checkable detail in the sentence, as the catalogue defines it."""
    outside = _blank(norm, titles)
    m = QUANTITY.search(outside)
    if m:
        return m.group(0)
    dates = find_dates(outside)
    if dates:
        return outside[dates[0][0]:dates[0][1]]
    m = PARTIAL_DATE.search(outside)
    if m:
        return m.group(0)
    # A title names a document, unless it is a law cited as the basis or one of a list.
    if 0 < len(titles) < TITLE_LIST_MIN:
        for i, (s, e) in enumerate(titles):
            if i not in cited:
                return norm[s:e]
    for m in PLATFORM.finditer(outside):
        if not GENERIC_PLATFORM.match(m.group(0)):
            return m.group(0)
    m = NAMED_ROLE.search(outside)
    if m:
        return m.group(0)
    return None


def _blank(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _title_index(view: _SentenceView, start: int, end: int) -> int | None:
    for i, (s, e) in enumerate(view.titles):
        if s <= start and end <= e:
            return i
    return None


def _find(compiled: CompiledRule, view: _SentenceView) -> tuple[list[tuple[int, int]], bool] | None:
    """Matched spans, and whether they all lie inside listed/own-document titles (→ capped).

    Returns None when the rule does not match this sentence.
    """
    norm = view.sentence.norm
    if compiled.exclude is not None and compiled.exclude.search(norm):
        return None
    spans: list[tuple[int, int]] = []
    in_title_only = True
    if compiled.any_of is not None:
        for m in compiled.any_of.finditer(norm):
            if m.end() == m.start():
                continue
            t = _title_index(view, m.start(), m.end())
            if t is not None and t in view.law_titles:
                continue  # a law's or a higher authority's name, not the work
            spans.append((m.start(), m.end()))
            in_title_only &= t is not None
    for group in compiled.together:
        found = _together(group, view)
        if found:
            spans.extend(found[0])
            in_title_only &= found[1]
    if not spans:
        return None
    return sorted(set(spans)), in_title_only


def _together(group: tuple[re.Pattern[str], ...], view: _SentenceView) -> tuple[list[tuple[int, int]], bool] | None:
    """All patterns of the group in one zone: the text outside titles, or one own-document title."""
    norm = view.sentence.norm
    zones: list[tuple[int, int, bool]] = [(0, len(norm), False)]
    zones += [(s, e, True) for i, (s, e) in enumerate(view.titles) if i not in view.law_titles]
    outside = _blank(norm, view.titles)
    for start, end, is_title in zones:
        text = norm[start:end] if is_title else outside
        found = []
        for pattern in group:
            m = pattern.search(text)
            if m is None or m.end() == m.start():
                break
            found.append((start + m.start(), start + m.end()) if is_title else (m.start(), m.end()))
        else:
            return found, is_title
    return None


def _clauses(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[,，:：;；]", norm):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(norm)))
    return out


def _negated(norm: str, spans: list[tuple[int, int]]) -> str | None:
    """A negation in the clause of a match, or in the clause right after it."""
    clauses = _clauses(norm)
    for s, _ in spans:
        for i, (cs, ce) in enumerate(clauses):
            if cs <= s <= ce:
                window = norm[cs:clauses[i + 1][1]] if i + 1 < len(clauses) else norm[cs:ce]
                m = NEGATION.search(window)
                if m and not TACKLED.search(window[: m.start()]):
                    return m.group(0)
                break
    return None


def _planned(norm: str, year: int | None) -> str | None:
    m = PLAN_OPENER.match(norm) or PLAN_SUBJECT.search(norm)
    if m:
        return m.group(0).strip()
    m = YEAR_OPENER.match(norm)
    if m and year is not None and int(m.group(1)) > year and re.search(r"将|要|计划|拟|力争", norm[:40]):
        return m.group(0).strip()
    return None


def _judge(view: _SentenceView, spans: list[tuple[int, int]], in_title_only: bool, year: int | None,
           options: MatchOptions) -> tuple[str, str]:
    """(status, reason) for one evidence sentence."""
    norm = view.sentence.norm
    if options.roles and view.role == "shortcomings":
        return "deficient", "出现在“不足和原因”部分"
    if options.roles and view.role == "next_year":
        return "planned", "出现在“下一年度安排”部分"
    negation = _negated(norm, spans) if options.cues else None
    if negation:
        return "deficient", f"表述为未做到或不到位（“{negation}”）"
    plan = _planned(norm, year) if options.cues else None
    if plan:
        return "planned", f"表述为今后打算（“{plan}”）"
    if in_title_only and len(view.titles) >= TITLE_LIST_MIN:
        return "asserted", f"仅在所列{len(view.titles)}份文件名中提及，未说明如何落实"
    if view.detail:
        return "substantiated", f"有可核查细节：{view.detail}"
    return "asserted", "仅有泛泛表述，同句无数量、文件名、日期或具名平台"


@dataclass(frozen=True)
class _Body:
    """The sentences a rule may draw evidence from, joined once for the prefilter pass."""

    views: list[_SentenceView]
    joined: str  # normalised sentences joined by "。\n", which no rule pattern crosses
    starts: list[int]  # offset of each view's sentence in `joined`


def _body(views: list[_SentenceView]) -> _Body:
    starts, pos = [], 0
    for v in views:
        starts.append(pos)
        pos += len(v.sentence.norm) + 2
    return _Body(views, "。\n".join(v.sentence.norm for v in views), starts)


def _candidates(prefilter: re.Pattern[str], body: _Body) -> list[int]:
    """Positions in body.views of sentences where a prefilter match starts."""
    found, pos = [], 0
    while True:
        m = prefilter.search(body.joined, pos)
        if m is None:
            return found
        i = bisect.bisect_right(body.starts, m.start()) - 1
        found.append(i)
        if i + 1 >= len(body.starts):
            return found
        # Go on from the next sentence, not from the match's end: a long match must not
        # hide a match that starts in the sentence after it.
        pos = body.starts[i + 1]


def match_element(compiled: CompiledRule, body: _Body, year: int | None,
                  options: MatchOptions, similar: dict[int, tuple[float, str]] | None = None) -> tuple[Evidence, ...]:
    """Evidence for one element rule. ``similar``: sentence index → (similarity, example) for
    sentences the similarity signal proposes; used only where no pattern matched."""
    evidence = []
    candidates = set(_candidates(compiled.prefilter, body))
    if similar:
        candidates |= {i for i, v in enumerate(body.views) if v.sentence.index in similar}
    for i in sorted(candidates):
        view = body.views[i]
        s = view.sentence
        found = _find(compiled, view)
        if found is None:
            if similar and s.index in similar:
                sim, example = similar[s.index]
                status, reason = _judge(view, [], False, year, options)
                if status == "substantiated":
                    status = "asserted"  # a paraphrase is a lead for the reader, never proof
                reason = f"与规则示例句相似（{sim:.2f}：{example[:24]}）；{reason}"
                evidence.append(Evidence(s.index, s.text, s.start, s.end, view.role, status, reason, (), "similarity"))
            continue
        spans, in_title_only = found
        status, reason = _judge(view, spans, in_title_only, year, options)
        evidence.append(Evidence(s.index, s.text, s.start, s.end, view.role, status, reason, tuple(spans)))
    return tuple(evidence)


def first_sentences(seg: Segmented) -> dict[int, Sentence]:
    """Part index → the part's first sentence, in one pass.

    Looking it up part by part scanned the sentences once per part: quadratic in a long
    report, where every (一) sub-heading opens a part (a 200,000-character report spent a
    quarter of its match time there).
    """
    first: dict[int, Sentence] = {}
    for s in seg.sentences:
        first.setdefault(s.part, s)
    return first


def match_part(rule: Rule, seg: Segmented, first_by_part: dict[int, Sentence] | None = None) -> tuple[Evidence, ...]:
    if first_by_part is None:
        first_by_part = first_sentences(seg)
    evidence = []
    for part in seg.parts:
        if part.role != rule.part:
            continue
        first = first_by_part.get(part.index)
        if first is None:
            continue
        how = f"标题“{part.heading}”" if part.heading else "段落开头"
        evidence.append(Evidence(first.index, first.text, first.start, first.end, part.role, "met", f"由{how}识别"))
    return tuple(evidence)


def match_deadline(rule: Rule, seg: Segmented) -> tuple[str, str, tuple[Evidence, ...], tuple[str, ...]]:
    """(status, reason, evidence, warnings): met / late / absent (no date or no year)."""
    warnings: list[str] = []
    if seg.year is None:
        return "absent", "无法确定报告年度，不能判断是否按时", (), ()
    due = _month_day(seg.year + 1, rule.due or "04-01")
    candidates = [(d, label) for d, label in ((seg.published, "发布日期"), (seg.signed, "落款日期")) if d]
    if not candidates:
        return "absent", "正文、落款和页面信息中均未找到报告日期", (), ()
    evidence = tuple(_date_evidence(seg, d, label) for d, label in candidates)
    evidence = tuple(e for e in evidence if e is not None)
    if rule.warn_after and seg.signed and seg.signed > _month_day(seg.year + 1, rule.warn_after):
        warnings.append(f"落款日期{seg.signed.isoformat()}晚于{seg.year + 1}年{_zh_md(rule.warn_after)}，报送可能逾期")
    # Publication is what the 1 April rule is about; the signature stands in when there is none.
    date, label = candidates[0]
    if date > due:
        return "late", f"{label}{date.isoformat()}晚于{seg.year + 1}年{_zh_md(rule.due or '04-01')}", evidence, tuple(warnings)
    return "met", f"{label}{date.isoformat()}不晚于{seg.year + 1}年{_zh_md(rule.due or '04-01')}", evidence, tuple(warnings)


def _month_day(year: int, md: str) -> dt.date:
    month, day = (int(x) for x in md.split("-"))
    return dt.date(year, month, day)


def _zh_md(md: str) -> str:
    month, day = (int(x) for x in md.split("-"))
    return f"{month}月{day}日"


def _date_evidence(seg: Segmented, date: dt.date, label: str) -> Evidence | None:
    for s in reversed(seg.sentences):
        if any(d == date for _, _, d in find_dates(s.norm)):
            role = seg.parts[s.part].role
            return Evidence(s.index, s.text, s.start, s.end, role, "met", label)
    # The date came from the page's metadata rather than the body text.
    return Evidence(-1, f"{label}：{date.isoformat()}", 0, 0, "preamble", "met", f"{label}（取自页面或文件信息）")


def sentence_views(seg: Segmented, options: MatchOptions = MatchOptions()) -> list[_SentenceView]:
    roles = {p.index: p.role for p in seg.parts}
    return [_view(s, roles[s.part], options) for s in seg.sentences if roles[s.part] not in SILENT_ROLES]


def judge_text(rule: Rule, text: str, role: str = "achievements", year: int | None = None) -> str:
    """Status one sentence alone shows for one rule (absent when it does not match).

    Used by `fazhi rules show` and the rule-example tests.
    """
    options = MatchOptions()
    norm = normalize(text)
    sentence = Sentence(0, 0, len(text), text, norm, 0, 0)
    view = _view(sentence, role, options)
    found = _find(_compile(rule), view)
    if found is None:
        return "absent"
    return _judge(view, found[0], found[1], year, options)[0]


def _strongest(evidence: tuple[Evidence, ...]) -> Evidence | None:
    best = None
    for e in evidence:
        if best is None or STRENGTH[e.status] > STRENGTH[best.status]:
            best = e
    return best


_STATUS_REASON = {
    "substantiated": "报告了本年度已落实，且有可核查细节",
    "asserted": "报告了已落实，但只有泛泛表述",
    "deficient": "只作为不足或未做到的事项出现",
    "planned": "只在下一年度打算中出现",
}


def match_report(seg: Segmented, ruleset: Ruleset, options: MatchOptions = MatchOptions()
                 ) -> tuple[tuple[RuleMatch, ...], tuple[str, ...]]:
    """Every rule's status and evidence, in ruleset order, and warnings for the reader."""
    views = sentence_views(seg, options)
    body = _body(views)
    compiled = {c.rule.id: c for c in compile_ruleset(ruleset)}
    similar: dict[str, dict[int, tuple[float, str]]] = {}
    if options.similarity:
        from scorer.similar import similar_sentences  # loads jieba and scikit-learn

        similar = similar_sentences(ruleset, [v.sentence for v in views])
    matches: list[RuleMatch] = []
    warnings: list[str] = []
    first_by_part = first_sentences(seg)  # shared by the part rules
    for rule in ruleset.rules:
        if rule.kind == "element":
            evidence = match_element(compiled[rule.id], body, seg.year, options, similar.get(rule.id))
            best = _strongest(evidence)
            if best is None:
                matches.append(RuleMatch(rule, "absent", (), "报告中未找到相关表述"))
            else:
                reason = f"{_STATUS_REASON[best.status]}（第{best.sentence + 1}句：{best.reason}）"
                matches.append(RuleMatch(rule, best.status, evidence, reason))
        elif rule.kind == "part":
            evidence = match_part(rule, seg, first_by_part)
            if evidence:
                matches.append(RuleMatch(rule, "met", evidence, evidence[0].reason))
            else:
                matches.append(RuleMatch(rule, "absent", (), "未找到这一部分的标题或起始段落"))
        else:
            status, reason, evidence, warns = match_deadline(rule, seg)
            warnings.extend(warns)
            matches.append(RuleMatch(rule, status, evidence, reason))
    return tuple(matches), tuple(warnings)
