"""Geometry of a small trend chart (one indicator over the years), as the other charts:
a :class:`~styra.documents.chart_layout.Shape` in points, for SVG (HTML) and Typst (PDF,
DOCX).

The canvas is small (200 × 124) so that three sit side by side on an A4 page and one
fills a phone's width. The values are a solid line with a dot and its figure at each
year; the target is a dashed line named in the legend above. The y range spans the
values and the target, so both are always in view; the figures, not an axis, give the
scale.
"""

from __future__ import annotations

from styra.documents.chart_layout import Mark, Shape, Stroke
from styra.documents.model import TrendChart

WIDTH = 200
HEIGHT = 124
LEFT = 14
RIGHT = 186
TOP = 42  # room above the highest point for its figure, and the legend above that
BOTTOM = 94
MOST_FIGURES = 6  # beyond this many years only the first and the last have their figure


def layout_trend(chart: TrendChart) -> Shape:
    values = list(chart.values)
    scale = values + ([chart.target] if chart.target is not None else [])
    low, high = min(scale, default=0.0), max(scale, default=1.0)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad

    def y(value: float) -> float:
        return BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP)

    count = len(values)
    x = [LEFT + (i + 0.5) * (RIGHT - LEFT) / max(count, 1) for i in range(count)]
    strokes = [Stroke(((LEFT, BOTTOM + 6), (RIGHT, BOTTOM + 6)), "rule")]
    texts: list[tuple[float, float, str, str]] = [
        (x[i], BOTTOM + 20, year, "tick") for i, year in enumerate(chart.categories)
    ]
    if chart.target is not None:
        strokes.append(Stroke(((LEFT, y(chart.target)), (RIGHT, y(chart.target))), "dashed"))
        strokes.append(Stroke(((LEFT, 10), (LEFT + 18, 10)), "dashed"))
        texts.append((LEFT + 24, 14, chart.target_label, "legend"))
    points = tuple((x[i], y(v)) for i, v in enumerate(values))
    if len(points) > 1:
        strokes.append(Stroke(points, "solid"))
    marks = tuple(Mark(px, py, "circle") for px, py in points)
    shown = range(count) if count <= MOST_FIGURES else (0, count - 1)
    goal = None if chart.target is None else y(chart.target)
    texts += [
        (px, _figure_y(py, goal), chart.labels[i], "tick")
        for i, (px, py) in enumerate(points)
        if i in shown
    ]
    return Shape(WIDTH, HEIGHT, (), tuple(texts), tuple(strokes), marks)


def _figure_y(point: float, target: float | None) -> float:
    """The baseline of a point's figure: above the point, or below it where the target's
    line runs through the space above."""
    if target is not None and point - 20 <= target <= point:
        return point + 16
    return point - 8
