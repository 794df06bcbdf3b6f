"""Earlier years in the goal tables: the previous year's value, the trend, the comparison
with similar municipalities, and a small trend chart per indicator.

All of it appears only where an indicator has history (or a comparison), so a report
whose indicators have none, such as the model report, is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from styra.core.followup import GoalResult, IndicatorResult
from styra.core.goals import Comparison, Indicator
from styra.core.money import format_number, format_with_unit
from styra.core.trend import Trend, indicator_trend
from styra.documents.model import Block, BulletList, ChartGroup, Paragraph, TrendChart
from styra.i18n import _


def indicators_of(goals: Sequence[GoalResult]) -> list[IndicatorResult]:
    return [r for g in goals for r in g.indicators]


def has_history(indicators: Sequence[IndicatorResult], year: int) -> bool:
    """Whether any indicator has a value from a year before ``year``."""
    return any(y < year for r in indicators for y, _v in r.indicator.history)


def previous_text(indicator: Indicator, year: int) -> str:
    """The value of the year before ``year``, with its unit, or "" without one."""
    value = dict(indicator.history).get(year - 1)
    return "" if value is None else format_with_unit(value, indicator.unit)


def trend_text(indicator: Indicator, year: int) -> str:
    """ "▲ Bättre än 2023": the symbol and the word, never one without the other."""
    found = indicator_trend(indicator, year)
    if found is None:
        return ""
    if found.trend is Trend.UNCHANGED:  # the core's sentence says "Oförändrat än 2023"
        return _("{symbol} Oförändrat sedan {year}").format(
            symbol=found.trend.symbol, year=found.year
        )
    return f"{found.trend.symbol} {found.sentence()}"


def history_blocks(indicators: Sequence[IndicatorResult], year: int) -> tuple[Block, ...]:
    """What follows a goal table: the comparisons, then the trend charts."""
    blocks: list[Block] = []
    compared = [r.indicator for r in indicators if r.indicator.comparison is not None]
    if compared:
        blocks += comparison_blocks(compared, year)
    charted = [r.indicator for r in indicators if _earlier(r.indicator, year)]
    if charted:
        charts = tuple(trend_chart(i, year) for i in charted)
        blocks.append(ChartGroup(_("Indikatorernas utveckling över åren"), charts))
    return tuple(blocks)


def _earlier(indicator: Indicator, year: int) -> list[tuple[int, Decimal]]:
    return sorted((y, v) for y, v in indicator.history if y < year)


def _number(value: Decimal | None, unit: str) -> str:
    return _("värde saknas") if value is None else format_with_unit(value, unit)


def comparison_sentence(indicator: Indicator, comparison: Comparison, own: Decimal | None) -> str:
    """ "Andel … 2024: 62 %; liknande kommuner 58,5 % (medel av 9 av 10); riket 60 %."."""
    mean = _number(comparison.group_mean, indicator.unit)
    if comparison.group_size:
        mean += " " + _("(medel av {count} av {size})").format(
            count=comparison.group_count, size=comparison.group_size
        )
    return _("{name} {year}: kommunen {own}; {group} {mean}; riket {national}.").format(
        name=indicator.name,
        year=comparison.year,
        own=_number(own, indicator.unit),
        group=comparison.group,
        mean=mean,
        national=_number(comparison.national, indicator.unit),
    )


def comparison_blocks(indicators: Sequence[Indicator], year: int) -> tuple[Block, ...]:
    """A list, one sentence per indicator, which reads on a phone as well as on paper."""
    items = []
    sources = []
    for indicator in indicators:
        comparison = indicator.comparison
        assert comparison is not None
        own = (
            indicator.value
            if comparison.year == year
            else dict(indicator.history).get(comparison.year)
        )
        items.append(Paragraph.of(comparison_sentence(indicator, comparison, own)))
        if comparison.source not in sources:
            sources.append(comparison.source)
    lead = _("Jämförelse med liknande kommuner och riket. {sources}.").format(
        sources=". ".join(s.rstrip(".") for s in sources)
    )
    return (Paragraph.of(lead), BulletList(tuple(items)))


def trend_chart(indicator: Indicator, year: int) -> TrendChart:
    points = _earlier(indicator, year)
    if indicator.value is not None:
        points.append((year, indicator.value))
    target = indicator.target
    target_label = _("Målvärde: {target}").format(target=indicator.target_text())
    unit = f", {indicator.unit}" if indicator.unit else ""
    listed = ", ".join(f"{y} {format_with_unit(v, indicator.unit)}" for y, v in points)
    description = _("Linjediagram. {name}: {values}. {target}.").format(
        name=indicator.name, values=listed, target=target_label
    )
    return TrendChart(
        title=f"{indicator.name}{unit}",
        categories=tuple(str(y) for y, _v in points),
        values=tuple(float(v) for _y, v in points),
        labels=tuple(format_number(v) for _y, v in points),
        target=float(target.value),
        target_label=target_label,
        description=description,
    )
