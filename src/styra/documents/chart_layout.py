"""Geometry of a horizontal bar chart, shared by the SVG (HTML) and Typst (PDF, DOCX) drawings.

Units are points of a 640 × h canvas. Each category has one bar per series, told apart
by fill (light outlined against solid) and a legend, and every bar has its figure beside
it, so the chart reads without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from styra.documents.model import BarChart, Chart, TrendChart

WIDTH = 640
LABELS = 230  # width of the category labels
BARS_LEFT = 240
BARS_WIDTH = 330
TOP = 30
ROW = 36
BAR = 12


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    filled: bool


@dataclass(frozen=True, slots=True)
class Stroke:
    """A polyline: a series' line ("solid", "dashed", "dotted") or a grid line ("rule")."""

    points: tuple[tuple[float, float], ...]
    style: str


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    kind: str  # "circle", "square", "diamond"


@dataclass(frozen=True, slots=True)
class Shape:
    """What to draw. A text's kind says how it sits at its x: "label", "legend" and "value"
    start there, "axis" ends there, "tick" is centred on it."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    texts: tuple[tuple[float, float, str, str], ...]  # x, baseline y, text, kind
    strokes: tuple[Stroke, ...] = ()
    marks: tuple[Mark, ...] = ()


def layout(chart: BarChart) -> Shape:
    largest = max((abs(v) for s in chart.series for v in s.values), default=0.0) or 1.0
    bars: list[Bar] = []
    texts: list[tuple[float, float, str, str]] = []
    x = float(BARS_LEFT)
    for series in chart.series:
        bars.append(Bar(x, 6, 14, 10, series.filled))
        texts.append((x + 20, 15, series.name, "legend"))
        x += 40 + 7 * len(series.name)
    for i, category in enumerate(chart.categories):
        top = TOP + i * ROW
        texts.append((0, top + BAR + 5, category, "label"))
        for j, series in enumerate(chart.series):
            y = top + j * (BAR + 2)
            width = BARS_WIDTH * abs(series.values[i]) / largest
            bars.append(Bar(BARS_LEFT, y, width, BAR, series.filled))
            texts.append((BARS_LEFT + width + 4, y + BAR - 2, series.labels[i], "value"))
    height = TOP + len(chart.categories) * ROW
    return Shape(WIDTH, height, tuple(bars), tuple(texts))


def shape_of(chart: Chart) -> Shape:
    """The drawing of any kind of chart."""
    if isinstance(chart, BarChart):
        return layout(chart)
    # each of these imports this module
    if isinstance(chart, TrendChart):
        from styra.documents.trend_layout import layout_trend  # noqa: PLC0415

        return layout_trend(chart)
    from styra.documents.line_layout import layout_lines  # noqa: PLC0415

    return layout_lines(chart)
