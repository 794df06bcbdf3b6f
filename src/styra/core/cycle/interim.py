"""One interim follow-up (tertial, delår, month): lines and projects to date with their
forecasts, and the goals judged by forecast.

The model's rule reads "Alla indikatorer prognostiserade uppnådda = Nämndmål uppnås": at
interim each indicator's forecast (a value, or a status with its reason) takes the place
of its value, and the same assessment and roll-up as the annual report judge the goals.
An indicator without a forecast has no value. An indicator that the accounts derive (the
net result against budget) takes the forecast's deviation where every line has a forecast.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from styra.core.accounts import Labels, Project, Section
from styra.core.assessment import PartialPolicy, assess_indicator
from styra.core.cycle.forecast import Forecast, Proposal, forecast_deviation, proposals
from styra.core.cycle.lines import LineToDate, ToDate
from styra.core.cycle.periods import FollowUpPeriod
from styra.core.cycle.profiles import ZERO, BudgetMonths
from styra.core.followup import DerivedValue, GoalResult, IndicatorResult
from styra.core.goals import Goal, Indicator, Override, Status
from styra.core.money import to_tkr
from styra.core.rollup import Rollup, RollupRules, roll_up
from styra.i18n import _

if TYPE_CHECKING:
    from styra.core.cycle.history import ForecastChange, PastForecast


@dataclass(frozen=True, slots=True)
class ProjectToDate(ToDate):
    """One investment project to the period's end: outcome and budget per month."""

    project: Project
    outcome_months: tuple[Decimal, ...]
    budget_months: BudgetMonths
    elapsed: int
    proposals: tuple[Proposal, ...]

    @property
    def outcome(self) -> Decimal:
        return sum(self.outcome_months[: self.elapsed], ZERO)


def project_to_date(
    project: Project, outcome: Sequence[Decimal], budget: BudgetMonths, elapsed: int
) -> ProjectToDate:
    found = proposals(sum(outcome[:elapsed], ZERO), elapsed, budget.months)
    return ProjectToDate(project, tuple(outcome), budget, elapsed, found)


@dataclass(frozen=True, slots=True)
class Forecasted:
    """A line or project to date with its chosen forecast, or None where none is given."""

    row: LineToDate | ProjectToDate
    forecast: Forecast | None

    @property
    def deviation(self) -> Decimal | None:
        """Prognosavvikelse: annual budget − forecast."""
        if self.forecast is None:
            return None
        return forecast_deviation(self.row.annual_budget, self.forecast.amount)


@dataclass(frozen=True, slots=True)
class InterimTotal:
    """A sum of forecasted rows; its forecast is None unless every row has one."""

    label: str
    budget: Decimal
    outcome: Decimal
    annual_budget: Decimal
    forecast: Decimal | None

    @property
    def deviation(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def forecast_deviation(self) -> Decimal | None:
        return None if self.forecast is None else self.annual_budget - self.forecast


def interim_total(label: str, rows: Iterable[Forecasted]) -> InterimTotal:
    items = tuple(rows)
    forecasts = [r.forecast.amount for r in items if r.forecast is not None]
    return InterimTotal(
        label,
        sum((r.row.budget for r in items), ZERO),
        sum((r.row.outcome for r in items), ZERO),
        sum((r.row.annual_budget for r in items), ZERO),
        sum(forecasts, ZERO) if len(forecasts) == len(items) else None,
    )


class ForecastRule(enum.StrEnum):
    """What an indicator's forecast breaks: the one rule for the folder, the web and the API."""

    BOTH = "both"  # a value and a status: one or the other
    NO_REASON = "no_reason"  # a status needs a short reason

    @property
    def message(self) -> str:
        return {
            ForecastRule.BOTH: _(
                "ange antingen ett prognostiserat värde eller en bedömning, inte båda"
            ),
            ForecastRule.NO_REASON: _("en prognostiserad bedömning behöver en kort motivering"),
        }[self]


def indicator_forecast_problem(
    value: Decimal | None, status: Status | None, reason: str
) -> ForecastRule | None:
    """Why an indicator's forecast cannot stand, or None (neither given means no forecast)."""
    if value is not None and status is not None:
        return ForecastRule.BOTH
    if status is not None and not reason.strip():
        return ForecastRule.NO_REASON
    return None


@dataclass(frozen=True, slots=True)
class IndicatorForecast:
    """An indicator's forecast: a value, or a status with its reason."""

    indicator_id: str
    value: Decimal | None = None
    status: Status | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Interim:
    period: FollowUpPeriod
    lines: tuple[Forecasted, ...]
    totals: tuple[InterimTotal, ...]  # revenue, cost, net
    projects: tuple[Forecasted, ...]
    project_total: InterimTotal
    goals: tuple[GoalResult, ...]
    committee: Rollup
    indicator_forecasts: Mapping[str, IndicatorForecast]
    # The latest forecast before this one (forecast-history.yaml) and each line's change.
    previous: PastForecast | None = None
    changes: tuple[ForecastChange, ...] = ()


def forecast_indicator(
    indicator: Indicator, forecast: IndicatorForecast | None, derived: Decimal | None
) -> Indicator:
    """The indicator as the interim roll-up sees it: its forecast in place of its value."""
    if forecast is None:
        return dataclasses.replace(indicator, value=derived, override=None)
    override = None
    if forecast.status is not None:
        override = Override(forecast.status, forecast.reason)
    return dataclasses.replace(indicator, value=forecast.value, override=override)


def goals_by_forecast(
    goals: Sequence[Goal],
    forecasts: Mapping[str, IndicatorForecast],
    policy: PartialPolicy,
    rules: RollupRules,
    derived: Mapping[str, Decimal | None] | None = None,
) -> tuple[tuple[GoalResult, ...], Rollup]:
    """Each goal assessed and rolled up with the forecasts; then the committee.

    ``derived`` gives the forecast value of an indicator that the accounts derive.
    """
    results = []
    for goal in goals:
        indicators = []
        for given in goal.indicators:
            value = (derived or {}).get(given.id)
            indicator = forecast_indicator(given, forecasts.get(given.id), value)
            indicators.append(IndicatorResult(indicator, assess_indicator(indicator, policy)))
        rollup = roll_up([r.assessment.status for r in indicators], rules)
        results.append(GoalResult(goal, tuple(indicators), rollup))
    committee = roll_up([g.status for g in results], rules)
    return tuple(results), committee


def derived_forecasts(
    derived: Mapping[str, DerivedValue], net: InterimTotal
) -> dict[str, Decimal | None]:
    """The forecast of each derived indicator: the net forecast deviation in tkr."""
    value = None if net.forecast_deviation is None else to_tkr(net.forecast_deviation)
    return {ident: value for ident, rule in derived.items() if rule is DerivedValue.NET_RESULT_TKR}


def operating_totals(lines: Sequence[Forecasted], labels: Labels) -> tuple[InterimTotal, ...]:
    """Revenue, cost and net, as the operating account sums its lines."""

    def section(kind: Section) -> list[Forecasted]:
        return [f for f in lines if isinstance(f.row, LineToDate) and f.row.line.section is kind]

    return (
        interim_total(labels.total_revenue, section(Section.REVENUE)),
        interim_total(labels.total_cost, section(Section.COST)),
        interim_total(labels.net_result, lines),
    )
