"""A small line chart of an indicator's years, as inline SVG geometry for the template.

The chart scales to its box (a viewBox, no fixed width), so it never makes a phone's page
scroll sideways. Each value is a marked point with its figure written beside it, the
target a dashed line named "Mål"; the title and description say every year's figure, and
the page has the same figures in a table, so nothing is told by colour or shape alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from styra.core.goals import Indicator, Status
from styra.core.money import format_number, format_with_unit

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 24, 28


def _svg(n: float) -> str:
    """A coordinate as SVG reads it: a point, never the locale's decimal comma."""
    return f"{n:.1f}"


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    year: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]
    line: str  # the polyline's points
    target_y: str
    target_label: str
    baseline_y: str
    description: str


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) / 10 or Decimal(1)
        return low - pad, high + pad
    pad = (high - low) / 10
    return low - pad, high + pad


def history_chart(record: Indicator, values: Sequence[tuple[int, Decimal]]) -> Chart | None:
    """None with fewer than two years: one point is no line, and the table says it."""
    if len(values) < 2:
        return None
    target = record.target.value
    low, high = _scale([v for _y, v in values] + [target])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(v: Decimal) -> str:
        return _svg(TOP + float((high - v) / (high - low)) * inner_h)

    step = inner_w / (len(values) - 1)
    points = tuple(
        Point(_svg(LEFT + i * step), y_of(v), year, format_number(v))
        for i, (year, v) in enumerate(values)
    )
    told = ", ".join(f"{year}: {format_with_unit(v, record.unit)}" for year, v in values)
    description = _("%(name)s år för år: %(values)s. Mål: %(target)s.") % {
        "name": record.name,
        "values": told,
        "target": record.target_text(),
    }
    return Chart(
        WIDTH,
        HEIGHT,
        points,
        " ".join(f"{p.x},{p.y}" for p in points),
        y_of(target),
        _("Mål"),
        _svg(HEIGHT - BOTTOM + 16),
        description,
    )


# The overview's dashboard: bars drawn in a 100-wide viewBox that scales to its box.
BAR_WIDTH = 100
STATUS_ORDER = (
    Status.ACHIEVED,
    Status.PARTIALLY_ACHIEVED,
    Status.NOT_ACHIEVED,
    Status.NO_VALUE,
)


@dataclass(frozen=True)
class Segment:
    """One status's share of a bar; ``css`` is the stylesheet's class for the status."""

    css: str
    x: str
    width: str
    count: int
    label: str


@dataclass(frozen=True)
class StatusBar:
    """A goal's indicators per status as one stacked bar, and the same counts in words."""

    segments: tuple[Segment, ...]
    total: int
    description: str


def status_bar(statuses: Sequence[Status]) -> StatusBar | None:
    """None for a goal without indicators: there is nothing to count, and the page says so."""
    if not statuses:
        return None
    counts = [(s, sum(1 for found in statuses if found is s)) for s in STATUS_ORDER]
    segments, x = [], 0.0
    for status, count in counts:
        if count == 0:
            continue
        width = BAR_WIDTH * count / len(statuses)
        verb = _("saknar värde") if status is Status.NO_VALUE else status.verb
        label = f"{count} {verb}"
        segments.append(Segment(status.value.replace("_", "-"), _svg(x), _svg(width), count, label))
        x += width
    told = ", ".join(s.label for s in segments)
    description = _("%(n)s indikatorer: %(counts)s.") % {"n": len(statuses), "counts": told}
    return StatusBar(tuple(segments), len(statuses), description)


@dataclass(frozen=True)
class ProgressBar:
    """How far a piece of work has come: ``done`` of ``total``, drawn and written out."""

    label: str
    done: int
    total: int

    @property
    def width(self) -> str:
        return _svg(BAR_WIDTH * self.done / self.total if self.total else 0)

    @property
    def description(self) -> str:
        return _("%(label)s: %(done)s av %(total)s") % {
            "label": self.label,
            "done": self.done,
            "total": self.total,
        }
