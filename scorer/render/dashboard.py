"""index.html: the batch dashboard a supervisor opens first.

Counts first; then filters (report year, Outline edition, kind of department, region);
then one section per Outline edition, because scores are compared only within one
edition: its ranking (sortable, linking to each report's gap report), the same reports
grouped by year, kind of department and region, a heatmap of reports × that edition's
requirements coloured by status, the score distribution and the requirements most often
not mentioned. Then the files that are not one whole annual report (scored, never
ranked), the files that could not be scored, and a year-over-year view for issuers with
reports for several years in the history database.

Requirements are named by their Chinese titles and statuses by their Chinese words
(:mod:`scorer.vocabulary`); a rule ID appears only in a column header's tooltip, for a
technical reader.

Self-contained and offline: CSS and one small script of our own inline (sorting and
filtering, pinned by its hash in the page's Content-Security-Policy), charts as inline
SVG whose geometry :mod:`scorer.render.charts` computes, so the template only loops. The
template is autoescaped; report text never reaches it unescaped. Without the script the
page shows every report and the filters stay hidden.

The page grows with the batch (the heatmap alone is reports × requirements cells), so
it is streamed: the ranking and heatmap rows are generated as the template reaches them
and ``generate`` yields the page piece by piece for ``atomic.write_chunks``.
"""

from __future__ import annotations

import base64
import hashlib
from array import array
import math
import statistics
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from markupsafe import Markup, escape

from scorer.models import is_gap
from scorer.render import charts, grouping
from scorer.render.batch_view import STATUS_COLORS, BatchView, Reiterable, SummaryRow
from scorer.render.jinja import environment, shown
from scorer.vocabulary import (
    DEADLINE_ZH,
    EDITION_ZH,
    NOT_APPLICABLE,
    NOT_APPLICABLE_ZH,
    STATUS_ZH,
    edition_short_zh,
    status_zh,
)

UNKNOWN = grouping.UNKNOWN_KIND  # a filter value for what the issuer or the report does not tell
TEMPLATE = "dashboard.html.j2"
PAGE_TEMPLATE = "dashboard_page.html.j2"
SORT_SCRIPT = "dashboard_sort.js"
INDEX = "index.html"  # in OUT
PAGES_DIR = "dashboard"  # in OUT: the pages of large editions' rankings and heatmaps
# An edition with more whole reports than this has its ranking and heatmap on pages of
# PAGE_ROWS reports each (a heatmap row is ~4 KB of HTML: a page stays near 2 MB, and
# index.html keeps the counts, groupings and charts).
SINGLE_PAGE_MAX = 2000
PAGE_ROWS = 500
LEGEND = (
    ("substantiated", STATUS_ZH["substantiated"]),
    ("asserted", STATUS_ZH["asserted"]),
    ("deficient", STATUS_ZH["deficient"]),
    ("planned", STATUS_ZH["planned"]),
    ("absent", STATUS_ZH["absent"]),
    ("met", f"{STATUS_ZH['met']}／{DEADLINE_ZH['met']}"),  # a report part present, the deadline kept
    ("late", DEADLINE_ZH["late"]),
    (NOT_APPLICABLE, NOT_APPLICABLE_ZH),
)


def css_class(status: str) -> str:
    return "s-" + status.replace("/", "")  # n/a → s-na


def _applicable(row: SummaryRow) -> Iterator[str]:
    return (s for s in row.statuses if s is not None and s != NOT_APPLICABLE)


def _gaps(row: SummaryRow) -> int:
    return sum(1 for s in _applicable(row) if is_gap(s, True))


def filter_values(row: SummaryRow) -> dict[str, str]:
    """What the page's filters match a report's rows on (data-* attributes). Never "", which
    is the filters' "all"."""
    return {
        "year": str(row.year) if row.year is not None else UNKNOWN,
        "edition": str(row.edition) if row.edition is not None else UNKNOWN,
        "kind": row.department_kind,
        "region": row.region,
    }


def _ranking(ranked: list[SummaryRow], start: int = 1) -> Iterator[dict]:
    for i, row in enumerate(ranked, start=start):
        yield {
            "rank": i, "row": row, "filter": filter_values(row), "gaps": _gaps(row),
            "absent": sum(1 for s in _applicable(row) if s == "absent"),
        }


PIECES_TEMPLATE = "dashboard_pieces.html.j2"
_FILE = Markup("\x00")  # where a heatmap cell's file goes: no {{ }} leaves a NUL (sanitize.visible shows it as \x00)


@lru_cache(maxsize=4096)
def _heat_cell(status: str | None, rule_title: str, kind: str) -> str:
    """A heatmap cell for a requirement and a status (None: no result held, shown as n/a),
    rendered once by its macro, with ``_FILE`` for its file."""
    status = NOT_APPLICABLE if status is None else status
    macro = environment().get_template(PIECES_TEMPLATE).module.heat_cell
    return str(macro(css_class(status), _FILE, rule_title, status_zh(status, kind)))


def _heatmap(ranked: list[SummaryRow], view: BatchView, edition: int) -> Iterator[dict]:
    """Each row of an edition's heatmap: its cells one piece of markup (two values a cell, 33
    cells a row, were half the dashboard's time), its file in each cell's tooltip escaped as
    a {{ }} would escape it (``shown``, then ``escape``: both work character by character)."""
    rules = [(i, rule.title, rule.kind) for i, rule in enumerate(view.ruleset.rules) if edition in rule.editions]
    for row in ranked:
        statuses = row.statuses or (None,) * len(view.ruleset.rules)
        cells = "".join([_heat_cell(statuses[i], title, kind) for i, title, kind in rules])
        yield {"row": row, "filter": filter_values(row), "cells": Markup(cells.replace(_FILE, escape(shown(row.file))))}


def _stats(name: str, scores: list[float]) -> dict:
    return {
        "name": name, "count": len(scores),
        "mean": statistics.fmean(scores), "median": statistics.median(scores),
        "best": max(scores), "worst": min(scores),
    }


def _grouped(rows: list[SummaryRow], key: Callable[[SummaryRow], str], order: Callable[[str, list], tuple]) -> list[dict]:
    groups: dict[str, array] = {}  # arrays of doubles: 8 bytes a score, not a float object's 32
    for row in rows:
        groups.setdefault(key(row), array("d")).append(row.score or 0.0)
    return [_stats(name, scores) for name, scores in sorted(groups.items(), key=lambda g: order(*g))]


def _by_size(name: str, scores: list) -> tuple:
    return (-len(scores), name)


def _groupings(rows: list[SummaryRow]) -> list[dict]:
    """The edition's whole reports by year, by kind of department and by region, with their scores."""
    if not rows:
        return []
    return [
        {"title": "按报告年度", "groups": _grouped(rows, lambda r: f"{r.year}年度" if r.year else "年度未识别",
                                                  lambda name, _: (name == "年度未识别", name))},
        {"title": "按部门类别", "groups": _grouped(rows, lambda r: r.department_kind, _by_size)},
        {"title": "按地区", "groups": _grouped(rows, lambda r: r.region, _by_size)},
    ]


def _years(rows: Iterable[SummaryRow]) -> str:
    years = sorted({r.year for r in rows if r.year is not None})
    if not years:
        return "年度未识别"
    return f"{years[0]}年度" if len(years) == 1 else f"{years[0]}—{years[-1]}年度"


def _page_name(kind: str, edition: int, number: int) -> str:
    return f"{PAGES_DIR}/{kind}-{edition}-{number:03d}.html"


def _page_links(kind: str, edition: int, count: int, page_rows: int) -> list[dict]:
    what = "排名" if kind == "ranking" else "热力图"
    return [
        {"href": _page_name(kind, edition, i // page_rows + 1),
         "label": f"{what}：第 {i + 1}–{min(i + page_rows, count)} 名"}
        for i in range(0, count, page_rows)
    ]


def _edition(view: BatchView, edition: int, ranked: list[SummaryRow], page_rows: int | None = None) -> dict:
    """An edition's section of index.html; ``page_rows``: its ranking and heatmap are on pages of that many."""
    scores = array("d", (r.score for r in ranked if r.score is not None))
    return {
        "edition": edition,
        "label": edition_short_zh(edition),
        "title": EDITION_ZH.get(edition, edition_short_zh(edition)),
        "years": _years(r for r in view.scored if r.edition == edition),
        "count": len(ranked),
        "not_whole": sum(1 for r in view.not_whole if r.edition == edition),
        "mean": statistics.fmean(scores) if scores else None,
        "median": statistics.median(scores) if scores else None,
        "ranking": _ranking(ranked) if not page_rows else None,
        "heatmap": _heatmap(ranked, view, edition) if not page_rows else None,
        "pages": {kind: _page_links(kind, edition, len(ranked), page_rows) for kind in ("ranking", "heatmap")}
        if page_rows else None,
        "rules": view.rules_of(edition),
        "histogram": charts.histogram(scores),
        "missing": charts.most_missed(ranked, view.ruleset.rules),
        "groupings": _groupings(ranked),
    }


def _options(counts: dict[str, int], label: Callable[[str], str], newest_first: bool) -> list[dict]:
    """A filter's values with how many reports take each: years and editions newest first,
    kinds and regions most common first; an unknown value last."""
    if newest_first:
        ordered = sorted(counts.items(), key=lambda c: c[0], reverse=True)
    else:
        ordered = sorted(counts.items(), key=lambda c: (-c[1], c[0]))
    ordered.sort(key=lambda c: c[0] in (UNKNOWN, grouping.NO_REGION))  # stable: keeps the order above
    return [{"value": v, "label": label(v), "count": n} for v, n in ordered]


def _filters(rows: Iterable[SummaryRow]) -> list[dict]:
    """The page's four filters, each with the values ``rows`` take (the batch's scored reports, or a page's)."""
    counts: dict[str, dict[str, int]] = {"year": {}, "edition": {}, "kind": {}, "region": {}}
    for row in rows:  # once for the four: the rows may be read back from disk
        for key, value in filter_values(row).items():
            counts[key][value] = counts[key].get(value, 0) + 1
    return [
        {"name": "year", "label": "报告年度", "options": _options(counts["year"], lambda v: f"{v}年度" if v.isdigit() else "年度未识别", True)},
        {"name": "edition", "label": "纲要版本", "options": _options(counts["edition"], lambda v: edition_short_zh(int(v) if v.isdigit() else None), True)},
        {"name": "kind", "label": "部门类别", "options": _options(counts["kind"], str, False)},
        {"name": "region", "label": "地区", "options": _options(counts["region"], str, False)},
    ]


def _year_over_year(view: BatchView) -> list[dict]:
    rules = {rule.id: rule for rule in view.ruleset.rules}

    def named(change) -> dict:
        rule = rules.get(change.rule_id)
        kind = rule.kind if rule else "element"
        return {
            "title": rule.title if rule else change.rule_id,  # a rule since removed has only its ID
            "change": f"{change.from_year}年度 {status_zh(change.before, kind)} → {change.to_year}年度 {status_zh(change.after, kind)}",
        }

    out = []
    for t in view.timelines:
        latest = t.years[-1]
        out.append({
            "timeline": t,
            "spark": charts.sparkline(t),
            "improved": [named(c) for c in t.changes if c.direction == "improved" and c.to_year == latest],
            "regressed": [named(c) for c in t.changes if c.direction == "regressed" and c.to_year == latest],
            # the two editions ask for different things: a jump between them is not progress
            "editions_differ": len({r.edition for r in t.reports}) > 1,
        })
    return out


def _common() -> dict:
    """What every page of the dashboard shows alike: the colours, the script and its CSP hash."""
    return {
        "legend": [{"status": s, "cls": css_class(s), "label": label, "color": STATUS_COLORS[s]} for s, label in LEGEND],
        **_sort_script(),
    }


def view_model(view: BatchView, ranked: dict[int, list[SummaryRow]] | None = None,
               page_rows: int | None = None, single_page_max: float = SINGLE_PAGE_MAX) -> dict:
    """index.html's context. ``ranking`` and ``heatmap`` are one-shot generators: render it once.

    ``ranked``: each edition's ranked rows, when the caller has them already. An edition
    with more than ``single_page_max`` of them links to its pages instead of listing them.
    """
    ranked = ranked or {e: view.ranked(e) for e in view.editions}
    page_rows = page_rows or PAGE_ROWS
    return {
        **_common(),
        "page_rows": page_rows,
        "page_title": f"法治政府建设年度报告 批量核查 · {len(view.rows)} 份",
        "base": "",
        "view": view,
        "counts": {
            "files": len(view.rows),
            "whole": len(view.whole),
            "not_whole": len(view.not_whole),
            "ocr": len(view.ocr),
            "failed": len(view.failed),
        },
        "filters": _filters(view.scored),
        "editions": [_edition(view, e, ranked[e], page_rows if len(ranked[e]) > single_page_max else None)
                     for e in view.editions],
        "not_whole": Reiterable(lambda: ({"row": r, "filter": filter_values(r), "edition": edition_short_zh(r.edition)}
                                         for r in view.not_whole)),
        "rule_count": len(view.ruleset.rules),
        "yoy": _year_over_year(view),
    }


def _page_model(view: BatchView, edition: int, kind: str, rows: list[SummaryRow], number: int, count: int,
                first: int, page_rows: int) -> dict:
    """One page of an edition's ranking or heatmap: the reports ranked ``first`` to ``first + len(rows) - 1``."""
    label = edition_short_zh(edition)
    what = "排名" if kind == "ranking" else "各项要求落实情况"

    def beside(n: int) -> str:  # a page links to its neighbours in the same folder
        return _page_name(kind, edition, n).rsplit("/", 1)[1]

    return {
        **_common(),
        "page_rows": page_rows,
        "page_title": f"法治政府建设年度报告 批量核查 · {label} · {what} 第 {number} / {count} 页",
        "base": "../",
        "ed": {"edition": edition, "label": label, "rules": view.rules_of(edition)},
        "filters": _filters(rows),
        "page": {
            "kind": kind, "number": number, "count": count, "first": first, "last": first + len(rows) - 1,
            "heading": f"法治政府建设年度报告 批量核查 · {label} · {what}",
            "prev": beside(number - 1) if number > 1 else None,
            "next": beside(number + 1) if number < count else None,
            "ranking": _ranking(rows, start=first) if kind == "ranking" else None,
            "heatmap": _heatmap(rows, view, edition) if kind == "heatmap" else None,
        },
    }


@lru_cache(maxsize=1)
def _sort_script() -> dict[str, str]:
    """The page's script (our own file, not report text: sorting and filtering) and its CSP
    hash, so the page's Content-Security-Policy can allow exactly it and no other script."""
    from scorer.render.jinja import TEMPLATES_DIR

    script = (TEMPLATES_DIR / SORT_SCRIPT).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {"sort_script": script, "sort_script_hash": f"sha256-{digest}"}


def script_hash() -> str:
    """The CSP source ('sha256-…') of the page's one script, for a server that sends the policy as a header."""
    return _sort_script()["sort_script_hash"]


def generate(view: BatchView) -> Iterator[str]:
    """index.html of a batch whose editions fit on it, piece by piece (``Template.generate``):
    nothing holds all of it at once. A larger batch: :func:`pages`."""
    from scorer.render.jinja import environment

    return environment().get_template(TEMPLATE).generate(**view_model(view, single_page_max=math.inf))


def pages(view: BatchView, page_rows: int | None = None, single_page_max: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Every file of the dashboard as (path relative to OUT, its text piece by piece):
    index.html, then, for each edition with more than ``single_page_max`` whole reports,
    its ranking and its heatmap on pages of ``page_rows`` reports in ``PAGES_DIR``.

    Each page is self-contained like index.html (styles, script, filters over its own
    rows), so no file grows with the batch beyond a page's worth of reports.
    """
    from scorer.render.jinja import environment

    page_rows = page_rows or PAGE_ROWS
    single_page_max = SINGLE_PAGE_MAX if single_page_max is None else single_page_max
    env = environment()
    ranked = {e: view.ranked(e) for e in view.editions}
    yield INDEX, env.get_template(TEMPLATE).generate(
        **view_model(view, ranked, page_rows=page_rows, single_page_max=single_page_max))
    page = env.get_template(PAGE_TEMPLATE)
    for edition, rows in ranked.items():
        if len(rows) <= single_page_max:
            continue
        count = -(-len(rows) // page_rows)
        for kind in ("ranking", "heatmap"):
            for number in range(1, count + 1):
                first = (number - 1) * page_rows
                model = _page_model(view, edition, kind, rows[first:first + page_rows], number, count, first + 1, page_rows)
                yield _page_name(kind, edition, number), page.generate(**model)


def render(view: BatchView) -> str:
    return "".join(generate(view))
