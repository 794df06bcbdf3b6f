"""The operating lines to date: outcome, budget, deviation and forecast proposals per line.

``lines_to_date`` ties the pieces together for one period: the ledger's and the budget
file's monthly amounts summed per line, each line's budget months by its profile, and
every method's proposal. ``forecast_line`` adds the controller's choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import ReportLine
from styra.core.cycle.forecast import (
    Forecast,
    ForecastChoice,
    ForecastMethod,
    Proposal,
    choose_forecast,
    forecast_change,
    forecast_deviation,
    proposals,
)
from styra.core.cycle.monthly import MonthlyAmounts, MonthlyLine, has_months, monthly_by_line
from styra.core.cycle.periods import FollowUpPeriod
from styra.core.cycle.profiles import ONE, BudgetMonths, Profile, budget_months, budget_profile


class ToDate:
    """Budget to date, annual budget and deviation to date, from a row's budget months, the
    months elapsed and its outcome to date; shared by operating lines and projects."""

    __slots__ = ()
    budget_months: BudgetMonths
    elapsed: int

    @property
    def outcome(self) -> Decimal:
        """Utfall hittills (ackumulerat utfall)."""
        raise NotImplementedError

    @property
    def budget(self) -> Decimal:
        """Budget hittills (periodiserad budget)."""
        return self.budget_months.to_date(self.elapsed)

    @property
    def annual_budget(self) -> Decimal:
        return self.budget_months.annual

    @property
    def deviation(self) -> Decimal:
        """Avvikelse hittills: budget − outcome to date."""
        return self.budget - self.outcome


@dataclass(frozen=True, slots=True)
class LineToDate(ToDate):
    """One operating line to the period's end, with its months kept for a chart."""

    outcome_months: MonthlyLine
    budget_months: BudgetMonths
    elapsed: int
    proposals: tuple[Proposal, ...]

    @property
    def line(self) -> ReportLine:
        return self.outcome_months.line

    @property
    def outcome(self) -> Decimal:
        return self.outcome_months.to_date(self.elapsed)

    @property
    def profile(self) -> Profile:
        return self.budget_months.profile

    def proposal(self, method: ForecastMethod) -> Proposal:
        return next(p for p in self.proposals if p.method is method)


def line_to_date(
    outcome: MonthlyLine,
    budget: BudgetMonths,
    elapsed: int,
    previous: Sequence[Decimal] | None = None,
) -> LineToDate:
    found = proposals(outcome.to_date(elapsed), elapsed, budget.months, previous)
    return LineToDate(outcome, budget, elapsed, found)


def lines_to_date(
    period: FollowUpPeriod,
    lines: Sequence[ReportLine],
    outcome: MonthlyAmounts,
    budget: MonthlyAmounts,
    *,
    previous: MonthlyAmounts | None = None,
    profiles: Mapping[ReportLine, Profile] | None = None,
    unit: Decimal = ONE,
) -> tuple[LineToDate, ...]:
    """Every line to the period's end, in the lines' order.

    ``outcome`` and ``budget`` are the ledger's and the budget file's monthly amounts,
    ``previous`` the previous year's ledger's (for its profile and the seasonal
    forecast), ``profiles`` the lines' own profiles, used when the budget file has no
    months, and ``unit`` what a spread budget month is rounded to (kronor by default).
    """
    months = period.year_months
    spread_by_file = has_months(budget, months)
    this_year = monthly_by_line(lines, outcome, months)
    budgets = monthly_by_line(lines, budget, months)
    before: tuple[MonthlyLine | None, ...] = (None,) * len(lines)
    if previous is not None:
        before = monthly_by_line(lines, previous, period.previous_year_months)
    rows = []
    for done, planned, last in zip(this_year, budgets, before, strict=True):
        prior = None if last is None else last.months
        profile = budget_profile(spread_by_file, (profiles or {}).get(done.line))
        spread = budget_months(planned.months, profile, prior, unit)
        rows.append(line_to_date(done, spread, period.elapsed, prior))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class LineForecast:
    """A line to date with its chosen forecast and, where kept, last period's."""

    row: LineToDate
    forecast: Forecast
    previous: Forecast | None = None

    @property
    def deviation(self) -> Decimal:
        """Prognosavvikelse: annual budget − forecast."""
        return forecast_deviation(self.row.annual_budget, self.forecast.amount)

    @property
    def change(self) -> Decimal | None:
        """Prognosförändring since the previous forecast: previous − current."""
        if self.previous is None:
            return None
        return forecast_change(self.previous.amount, self.forecast.amount)


def forecast_line(
    row: LineToDate, choice: ForecastChoice, previous: Forecast | None = None
) -> LineForecast:
    """The line with the controller's forecast; ValueError as ``forecast_problem`` says."""
    return LineForecast(row, choose_forecast(choice, row.proposals), previous)
