"""Geometry of a line chart, as :mod:`styra.documents.chart_layout` draws a bar chart:
the same :class:`Shape` in points of a 640-wide canvas, for SVG (HTML) and Typst (PDF, DOCX).

Months run along the x axis, the values up the y axis with a few round grid lines; each
series is told apart by its dash and its marker, named in the legend above, and has its
figure beside its last point, so the chart reads without colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from styra.core.money import format_number
from styra.documents.chart_layout import WIDTH, Mark, Shape, Stroke
from styra.documents.model import LineChart, LineSeries

LEFT = 62  # the y axis; its labels end just left of it
RIGHT = 560  # the plot's right edge; the last points' figures go beyond it
TOP = 36
BOTTOM = 170
HEIGHT = 188
GRID_LINES = 5
LABEL_GAP = 11  # between the baselines of two figures at the right edge


def _step(largest: float) -> float:
    """A round grid step (1, 2, 2.5 or 5 × 10ⁿ) giving at most GRID_LINES lines."""
    if largest <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(largest / GRID_LINES))
    return float(next(f * power for f in (1, 2, 2.5, 5, 10) if largest / (f * power) <= GRID_LINES))


def _points(
    series: LineSeries, x: list[float], y: Callable[[float], float]
) -> list[tuple[float, float]]:
    return [(x[i], y(v)) for i, v in enumerate(series.values) if v is not None]


def layout_lines(chart: LineChart) -> Shape:
    values = [v for s in chart.series for v in s.values if v is not None]
    low = min(0.0, *values) if values else 0.0
    step = _step(max(values, default=0.0) - low)
    top = step * math.ceil(max(values, default=step) / step)
    bottom = step * math.floor(low / step)

    def y(value: float) -> float:
        return BOTTOM - (value - bottom) / ((top - bottom) or 1.0) * (BOTTOM - TOP)

    count = len(chart.categories)
    x = [LEFT + (i + 0.5) * (RIGHT - LEFT) / count for i in range(count)]
    strokes: list[Stroke] = []
    texts: list[tuple[float, float, str, str]] = []
    grid = bottom
    while grid <= top + step / 2:
        strokes.append(Stroke(((LEFT, y(grid)), (RIGHT, y(grid))), "rule"))
        texts.append((LEFT - 6, y(grid) + 4, format_number(Decimal(round(grid))), "axis"))
        grid += step
    texts += [(x[i], BOTTOM + 15, c, "tick") for i, c in enumerate(chart.categories)]
    marks: list[Mark] = []
    ends: list[tuple[float, float, str]] = []
    last: tuple[float, float] | None = None
    for series in chart.series:
        points = _points(series, x, y)
        if series.continues and last is not None:
            points.insert(0, last)
        if len(points) > 1:
            strokes.append(Stroke(tuple(points), str(series.style)))
        own = points[1:] if series.continues and last is not None else points
        marks += [Mark(px, py, str(series.marker)) for px, py in own if series.marker != "none"]
        if points:
            last = points[-1]
            ends.append((last[0], last[1], series.label))
    texts += _end_labels(ends, x[-1])
    _legend(chart, strokes, marks, texts)
    return Shape(WIDTH, HEIGHT, (), tuple(texts), tuple(strokes), tuple(marks))


def _end_labels(
    ends: list[tuple[float, float, str]], right: float
) -> list[tuple[float, float, str, str]]:
    """Each series' figure: beside its last point at the right edge, kept apart from the
    others there; above and before a point inside the plot, clear of the lines after it."""
    found = [(x - 6, y - 8, text, "axis") for x, y, text in ends if x < right]
    at_edge = sorted((y, text) for x, y, text in ends if x >= right)
    floor = -1e9
    for y, text in at_edge:
        floor = max(y + 4, floor + LABEL_GAP)
        found.append((right + 8, floor, text, "value"))
    return found


def _legend(
    chart: LineChart,
    strokes: list[Stroke],
    marks: list[Mark],
    texts: list[tuple[float, float, str, str]],
) -> None:
    left = float(LEFT)
    for series in chart.series:
        strokes.append(Stroke(((left, 10), (left + 22, 10)), str(series.style)))
        if series.marker != "none":
            marks.append(Mark(left + 11, 10, str(series.marker)))
        texts.append((left + 28, 14, series.name, "legend"))
        left += 48 + 6.2 * len(series.name)
