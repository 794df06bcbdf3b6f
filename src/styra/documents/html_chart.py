"""A bar chart's narrow drawing, for a phone: the HTML page shows it below about 640 px.

The wide drawing (:func:`styra.documents.chart_layout.layout`) puts each category's label
left of its bars on a 640-unit canvas; scaled to a phone's 342 px its 12-unit text would
be 6 px. Here each label stands on its own line above its bars on a 320-unit canvas,
so the text keeps at least 12 px wherever the narrow drawing is shown (a phone of 360 px
and up). The same :class:`Shape`, so the HTML renderer draws both alike.
"""

from __future__ import annotations

from styra.documents.chart_layout import Bar, Shape
from styra.documents.model import BarChart

WIDTH = 320
BARS_WIDTH = 260  # room right of the longest bar for its figure
TOP = 30
LABEL = 16  # from a row's top to its label's baseline
BAR = 12
ROW = LABEL + 6 + 2 * (BAR + 2) + 10
CHAR = 7  # a legend letter's width, as the wide drawing reckons it


def narrow_layout(chart: BarChart) -> Shape:
    largest = max((abs(v) for s in chart.series for v in s.values), default=0.0) or 1.0
    bars: list[Bar] = []
    texts: list[tuple[float, float, str, str]] = []
    x = 0.0
    for series in chart.series:
        bars.append(Bar(x, 6, 14, 10, series.filled))
        texts.append((x + 20, 15, series.name, "legend"))
        x += 40 + CHAR * len(series.name)
    for i, category in enumerate(chart.categories):
        top = TOP + i * ROW
        texts.append((0, top + LABEL, category, "label"))
        for j, series in enumerate(chart.series):
            y = top + LABEL + 6 + j * (BAR + 2)
            width = BARS_WIDTH * abs(series.values[i]) / largest
            bars.append(Bar(0, y, width, BAR, series.filled))
            texts.append((width + 4, y + BAR - 2, series.labels[i], "value"))
    return Shape(WIDTH, TOP + len(chart.categories) * ROW, tuple(bars), tuple(texts))
