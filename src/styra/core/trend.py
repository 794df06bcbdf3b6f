"""An indicator's trend: better, unchanged or worse than the year before, by its direction.

The direction follows the target: for "högst" and "minska till" lower is better, for
"minst" and "öka till" higher; for "lika med" nearer the target is better. A trend is
always told by a word and a symbol together, never by colour alone (WCAG 1.4.1).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.goals import Indicator, Target, TargetKind
from styra.i18n import _


class Trend(enum.StrEnum):
    BETTER = "better"
    UNCHANGED = "unchanged"
    WORSE = "worse"

    @property
    def word(self) -> str:
        return {
            Trend.BETTER: _("bättre"),
            Trend.UNCHANGED: _("oförändrat"),
            Trend.WORSE: _("sämre"),
        }[self]

    @property
    def symbol(self) -> str:
        """A shape that tells the trend apart without colour or direction of the value."""
        return {Trend.BETTER: "▲", Trend.UNCHANGED: "◆", Trend.WORSE: "▼"}[self]


def trend(target: Target, previous: Decimal, current: Decimal) -> Trend:
    """``current`` against ``previous`` in the direction the target gives."""
    if target.kind is TargetKind.EQUAL_TO:
        before, now = abs(previous - target.value), abs(current - target.value)
        if now == before:
            return Trend.UNCHANGED
        return Trend.BETTER if now < before else Trend.WORSE
    if current == previous:
        return Trend.UNCHANGED
    better = current < previous if target.kind.lower_is_better else current > previous
    return Trend.BETTER if better else Trend.WORSE


@dataclass(frozen=True, slots=True)
class IndicatorTrend:
    """The value beside the latest earlier year's, and the trend between them."""

    year: int
    previous: Decimal
    trend: Trend

    def sentence(self) -> str:
        """ "Bättre än 2023", "Sämre än 2023", "Oförändrat sedan 2023"."""
        if self.trend is Trend.UNCHANGED:
            return _("Oförändrat sedan {year}").format(year=self.year)
        return _("{word} än {year}").format(word=self.trend.word.capitalize(), year=self.year)


def indicator_trend(indicator: Indicator, year: int) -> IndicatorTrend | None:
    """The trend of the indicator's value against its latest year before ``year``.

    None without a value, or without an earlier year in its history.
    """
    earlier = [(y, v) for y, v in indicator.history if y < year]
    if indicator.value is None or not earlier:
        return None
    last_year, previous = max(earlier)
    return IndicatorTrend(last_year, previous, trend(indicator.target, previous, indicator.value))


def history_problem(history: Sequence[tuple[int, Decimal]], year: int) -> str | None:
    """Why an indicator's history cannot be read, in Swedish, or None."""
    years = [y for y, _v in history]
    if len(set(years)) != len(years):
        return _("ett år förekommer två gånger i historiken")
    if any(y >= year for y in years):
        return _("historiken ska bara ha år före {year}").format(year=year)
    return None
