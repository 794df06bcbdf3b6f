"""The year's earlier forecasts: the change since the previous one, and their accuracy.

Each month, tertial and delår leaves a full-year forecast per operating line (and per
investment project). Two readers ask about them afterwards:

- the next follow-up shows the change since the previous forecast (prognosförändring,
  previous − current, positive is better) with the reason given for the new one;
- the annual report compares every forecast of the year with the final outcome per line
  and in total (prognossäkerhet): the difference forecast − outcome (positive: the year
  ended better than forecast), in tkr and as a share of the outcome.

A past forecast keeps amounts, not methods: a method's figure depends on the ledger to
date, which the later reader does not have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from styra.core.accounts import Row, RowKind
from styra.core.cycle.forecast import forecast_change
from styra.core.cycle.interim import Forecasted, InterimTotal
from styra.core.cycle.lines import LineToDate
from styra.core.cycle.periods import month_name
from styra.i18n import _

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class PastForecast:
    """One earlier forecast of the year, made at the end of a follow-up period.

    ``lines`` and ``projects`` are in kronor with the ledger's signs, keyed by the report
    line's label and the project's object id.
    """

    end: date
    name: str
    lines: Mapping[str, Decimal]
    projects: Mapping[str, Decimal] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The forecast's name, or "Prognos per 31 augusti 2024" from its date."""
        if self.name:
            return self.name
        return _("Prognos per {day} {month} {year}").format(
            day=self.end.day, month=month_name(self.end.month), year=self.end.year
        )

    def net(self, labels: Sequence[str]) -> Decimal | None:
        """The net forecast over ``labels``; None unless every line has a forecast."""
        if any(label not in self.lines for label in labels):
            return None
        return sum((self.lines[label] for label in labels), ZERO)


def previous_forecast(history: Sequence[PastForecast], end: date) -> PastForecast | None:
    """The latest forecast made before ``end``, or None."""
    earlier = [p for p in history if p.end < end]
    return max(earlier, key=lambda p: p.end) if earlier else None


@dataclass(frozen=True, slots=True)
class ForecastChange:
    """One line's (or the total's) forecast now beside the previous one."""

    label: str
    previous: Decimal
    current: Decimal
    reason: str = ""
    total: bool = False

    @property
    def change(self) -> Decimal:
        """Prognosförändring: previous − current; positive is better than last time."""
        return forecast_change(self.previous, self.current)


def forecast_changes(
    previous: PastForecast, lines: Sequence[Forecasted], net: InterimTotal
) -> tuple[ForecastChange, ...]:
    """Each line with both forecasts, in the account's order, then the net total.

    The total is there only when every line has both a previous and a current forecast.
    """
    found = []
    for f in lines:
        if not isinstance(f.row, LineToDate) or f.forecast is None:
            continue
        label = f.row.line.label
        if label in previous.lines:
            found.append(
                ForecastChange(label, previous.lines[label], f.forecast.amount, f.forecast.comment)
            )
    labels = [f.row.line.label for f in lines if isinstance(f.row, LineToDate)]
    before = previous.net(labels)
    if before is not None and net.forecast is not None:
        found.append(ForecastChange(net.label, before, net.forecast, total=True))
    return tuple(found)


def largest_changes(changes: Sequence[ForecastChange], count: int) -> tuple[ForecastChange, ...]:
    """The ``count`` lines whose forecast moved most (by size), largest first; no zeros."""
    moved = [c for c in changes if not c.total and c.change != 0]
    return tuple(sorted(moved, key=lambda c: -abs(c.change))[:count])


@dataclass(frozen=True, slots=True)
class AccuracyRow:
    """One line (or the net total) of the year: its outcome and each forecast of it."""

    label: str
    outcome: Decimal
    forecasts: tuple[Decimal | None, ...]  # one per past forecast, None where none was made
    key: str = ""
    total: bool = False

    def difference(self, index: int) -> Decimal | None:
        """Forecast − outcome: positive where the year ended better than forecast."""
        forecast = self.forecasts[index]
        return None if forecast is None else forecast - self.outcome

    def share(self, index: int) -> Decimal | None:
        """The difference as a share of the outcome's size; None where the outcome is 0."""
        difference = self.difference(index)
        if difference is None or self.outcome == 0:
            return None
        return difference / abs(self.outcome)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Prognossäkerhet: every forecast of the year against the year's outcome."""

    forecasts: tuple[PastForecast, ...]
    rows: tuple[AccuracyRow, ...]  # the operating lines, then the net total

    @property
    def total(self) -> AccuracyRow:
        return self.rows[-1]


def forecast_accuracy(history: Sequence[PastForecast], operating: Sequence[Row]) -> Accuracy:
    """The operating account's lines and net total beside each forecast, oldest first.

    ``operating`` is the annual account's rows (lines, sub-totals, net last); sub-totals
    are left out, the net total kept. A forecast's net is None unless it covered every line.
    """
    past = tuple(sorted(history, key=lambda p: p.end))
    lines = [r for r in operating if r.kind is RowKind.LINE]
    labels = [r.label for r in lines]
    rows = [
        AccuracyRow(r.label, r.outcome, tuple(p.lines.get(r.label) for p in past), r.key)
        for r in lines
    ]
    net = operating[-1]
    rows.append(AccuracyRow(net.label, net.outcome, tuple(p.net(labels) for p in past), total=True))
    return Accuracy(past, tuple(rows))
