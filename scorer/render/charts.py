"""The dashboard's inline SVG charts, their geometry computed from the numbers so the
template only draws: the score histogram, the requirements most often not mentioned
(labelled by their Chinese titles) and an issuer's sparkline across years."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from scorer.vocabulary import NOT_APPLICABLE

if TYPE_CHECKING:
    from scorer.history import Timeline
    from scorer.models import Rule
    from scorer.render.batch_view import SummaryRow

BINS = 10  # score histogram: 0–10, 10–20, …, 90–100
TOP_MISSING = 10
MISSING_LABEL_CHARS = 17  # a requirement's title beside its bar; the whole title is in the tooltip


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    title: str


def histogram(scores: list[float], width: float = 520, height: float = 200) -> dict:
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


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def most_missed(rows: Iterable[SummaryRow], rules: tuple[Rule, ...], width: float = 560) -> dict:
    """The requirements most often not mentioned among ``rows``, labelled by their Chinese titles.

    ``rules`` is the whole ruleset, in the order of each row's statuses.
    """
    n_absent, n_applicable = [0] * len(rules), [0] * len(rules)
    for row in rows:
        for i, s in enumerate(row.statuses):
            if s is not None and s != NOT_APPLICABLE:
                n_applicable[i] += 1
                n_absent[i] += s == "absent"
    counts = [(n_absent[i], n_applicable[i], i, rule) for i, rule in enumerate(rules) if n_absent[i]]
    counts.sort(key=lambda c: (-c[0], c[2]))  # ties in catalogue order
    counts = counts[:TOP_MISSING]
    label_w, row_h = 230.0, 22.0
    top = max([c[0] for c in counts] + [1])
    bars = [
        Bar(label_w, i * row_h + 4, (width - label_w - 40) * absent / top, row_h - 6,
            _clip(rule.title, MISSING_LABEL_CHARS), absent, f"{rule.title}：{absent}/{total} 份报告未提及")
        for i, (absent, total, _, rule) in enumerate(counts)
    ]
    return {"width": width, "height": len(bars) * row_h + 8, "bars": bars, "label_w": label_w}


def sparkline(t: Timeline, width: float = 140, height: float = 36) -> dict:
    reports = t.reports
    pad = 4.0
    step = (width - 2 * pad) / max(len(reports) - 1, 1)
    points = [
        {"x": pad + i * step, "y": pad + (height - 2 * pad) * (1 - r.score / 100), "title": f"{r.year}：{r.score:.1f}"}
        for i, r in enumerate(reports)
    ]
    return {"width": width, "height": height, "points": points, "polyline": " ".join(f"{p['x']:.1f},{p['y']:.1f}" for p in points)}
