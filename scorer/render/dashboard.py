"""index.html: the batch dashboard a supervisor opens first.

A ranking table (sortable, linking to each report's gap report), a heatmap of reports ×
requirements coloured by status, the score distribution, the requirements most often
missing, the files that could not be scored, and a year-over-year view for issuers with
reports for several years in the history database.

Self-contained and offline: CSS and a few lines of vanilla JS inline, charts as inline
SVG whose geometry is computed here from the numbers, so the template only loops. The
template is autoescaped; report text never reaches it unescaped.

The page grows with the batch (the heatmap alone is reports × requirements cells), so
it is streamed: the ranking and heatmap rows are generated as the template reaches them
and ``generate`` yields the page piece by piece for ``atomic.write_chunks``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from scorer.models import MET_STATUSES, STATUS_ZH
from scorer.render.summary import NOT_APPLICABLE, STATUS_COLORS

if TYPE_CHECKING:
    from scorer.batch_outputs import BatchView, SummaryRow
    from scorer.history import Timeline

TEMPLATE = "dashboard.html.j2"
SORT_SCRIPT = "dashboard_sort.js"
LEGEND = ("substantiated", "asserted", "deficient", "planned", "absent", "met", "late", NOT_APPLICABLE)
STATUS_LABEL = {**STATUS_ZH, NOT_APPLICABLE: "不适用"}
BINS = 10  # score histogram: 0–10, 10–20, …, 90–100
TOP_MISSING = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    title: str


def css_class(status: str) -> str:
    return "s-" + status.replace("/", "")  # n/a → s-na


def _applicable(row: SummaryRow) -> Iterator[str]:
    return (s for s in row.statuses if s is not None and s != NOT_APPLICABLE)


def _gaps(row: SummaryRow) -> int:
    return sum(1 for s in _applicable(row) if s not in MET_STATUSES and s != "met")


def _ranked(rows: tuple[SummaryRow, ...]) -> list[SummaryRow]:
    return sorted(rows, key=lambda r: (-(r.score or 0.0), r.file))


def _ranking(ranked: list[SummaryRow]) -> Iterator[dict]:
    for i, row in enumerate(ranked, start=1):
        yield {"rank": i, "row": row, "gaps": _gaps(row), "absent": sum(1 for s in _applicable(row) if s == "absent")}


def _heatmap(ranked: list[SummaryRow], view: BatchView) -> Iterator[dict]:
    rules = view.ruleset.rules
    for row in ranked:
        cells = []
        for rule, s in zip(rules, row.statuses or (None,) * len(rules)):
            status = NOT_APPLICABLE if s is None else s
            title = f"{row.file} · {rule.id} {rule.title}：{STATUS_LABEL.get(status, status)}（{status}）"
            cells.append({"status": status, "cls": css_class(status), "title": title})
        yield {"row": row, "cells": cells}


def _histogram(scores: list[float], width: float = 520, height: float = 200) -> dict:
    counts = [0] * BINS
    for s in scores:
        counts[min(int(s // (100 / BINS)), BINS - 1)] += 1
    top = max(counts + [1])
    left, bottom, plot_h = 30.0, height - 24, height - 44
    step = (width - left - 10) / BINS
    bars = []
    for i, n in enumerate(counts):
        lo, hi = i * 100 // BINS, (i + 1) * 100 // BINS
        h = plot_h * n / top
        bars.append(Bar(left + i * step + 2, bottom - h, step - 4, h, f"{lo}", n, f"{lo}–{hi} 分：{n} 份"))
    return {"width": width, "height": height, "bars": bars, "bottom": bottom, "left": left, "top": top}


def _missing(view: BatchView, width: float = 520) -> dict:
    rules = view.ruleset.rules
    n_absent, n_applicable = [0] * len(rules), [0] * len(rules)
    for row in view.scored:
        for i, s in enumerate(row.statuses):
            if s is not None and s != NOT_APPLICABLE:
                n_applicable[i] += 1
                n_absent[i] += s == "absent"
    counts = [(n_absent[i], n_applicable[i], rule) for i, rule in enumerate(rules) if n_absent[i]]
    counts.sort(key=lambda c: (-c[0], c[2].id))
    counts = counts[:TOP_MISSING]
    label_w, row_h = 230.0, 22.0
    top = max([c[0] for c in counts] + [1])
    bars = [
        Bar(label_w, i * row_h + 4, (width - label_w - 40) * absent / top, row_h - 6, rule.id, absent,
            f"{rule.id} {rule.title}：{absent}/{total} 份报告未提及")
        for i, (absent, total, rule) in enumerate(counts)
    ]
    return {"width": width, "height": len(bars) * row_h + 8, "bars": bars, "label_w": label_w}


def _sparkline(t: Timeline, width: float = 140, height: float = 36) -> dict:
    reports = t.reports
    pad = 4.0
    step = (width - 2 * pad) / max(len(reports) - 1, 1)
    points = [
        {"x": pad + i * step, "y": pad + (height - 2 * pad) * (1 - r.score / 100), "title": f"{r.year}：{r.score:.1f}"}
        for i, r in enumerate(reports)
    ]
    return {"width": width, "height": height, "points": points, "polyline": " ".join(f"{p['x']:.1f},{p['y']:.1f}" for p in points)}


def _year_over_year(view: BatchView) -> list[dict]:
    out = []
    for t in view.timelines:
        improved = [c for c in t.changes if c.direction == "improved" and c.to_year == t.years[-1]]
        regressed = [c for c in t.changes if c.direction == "regressed" and c.to_year == t.years[-1]]
        out.append({"timeline": t, "spark": _sparkline(t), "improved": improved, "regressed": regressed})
    return out


def view_model(view: BatchView) -> dict:
    """The template's context. ``ranking`` and ``heatmap`` are one-shot generators: render it once."""
    scored = view.scored
    scores = sorted(r.score for r in scored if r.score is not None)
    ranked = _ranked(scored)
    return {
        "view": view,
        "counts": {
            "files": len(view.rows),
            "scored": len(scored),
            "failed": len(view.failed),
            "mean": sum(scores) / len(scores) if scores else None,
            "median": scores[len(scores) // 2] if scores else None,
        },
        "ranking": _ranking(ranked),
        "heatmap": _heatmap(ranked, view),
        "rules": view.ruleset.rules,
        "histogram": _histogram(scores),
        "missing": _missing(view),
        "yoy": _year_over_year(view),
        "legend": [{"status": s, "cls": css_class(s), "label": STATUS_LABEL[s], "color": STATUS_COLORS[s]} for s in LEGEND],
        "status_label": STATUS_LABEL,
        **_sort_script(),
    }


@lru_cache(maxsize=1)
def _sort_script() -> dict[str, str]:
    """The table-sorting script (our own file, not report text) and its CSP hash, so the
    page's Content-Security-Policy can allow exactly it and no other script."""
    from scorer.render.jinja import TEMPLATES_DIR

    script = (TEMPLATES_DIR / SORT_SCRIPT).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {"sort_script": script, "sort_script_hash": f"sha256-{digest}"}


def generate(view: BatchView) -> Iterator[str]:
    """The page, piece by piece (``Template.generate``): nothing holds all of it at once."""
    from scorer.render.jinja import environment

    return environment().get_template(TEMPLATE).generate(**view_model(view))


def render(view: BatchView) -> str:
    return "".join(generate(view))
