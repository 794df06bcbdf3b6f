"""The year cycle: follow-up to date and full-year forecasts (issue 11).

A municipality follows up all year: each month, and in the tertial and delår reports, the
outcome to date (ackumulerat utfall) is set against the budget to date (periodiserad
budget), and each operating line gets a full-year forecast (helårsprognos).

- ``periods``: ``FollowUpPeriod`` (month, tertial, delår, year) and its months.
- ``monthly``: (account, month) amounts summed per report line and month.
- ``profiles``: the annual budget spread over the months by a distribution profile.
- ``forecast``: the forecast methods, the proposals and the controller's choice.
- ``lines``: all of it per operating line for one period.
"""

from styra.core.cycle.forecast import (
    Forecast,
    ForecastChoice,
    ForecastMethod,
    Proposal,
    choose_forecast,
    forecast_change,
    forecast_deviation,
    forecast_problem,
    proposals,
    remaining_budget,
    run_rate,
    seasonal,
    seasonal_problem,
)
from styra.core.cycle.lines import (
    LineForecast,
    LineToDate,
    forecast_line,
    line_to_date,
    lines_to_date,
)
from styra.core.cycle.monthly import MonthlyAmounts, MonthlyLine, has_months, monthly_by_line
from styra.core.cycle.periods import (
    FollowUpKind,
    FollowUpPeriod,
    month_name,
    period_problems,
    standard_end,
)
from styra.core.cycle.profiles import (
    BudgetMonths,
    Profile,
    ProfileKind,
    budget_months,
    budget_profile,
    explicit_profile_problem,
    previous_year_profile_problem,
    spread,
)

__all__ = [
    "BudgetMonths",
    "FollowUpKind",
    "FollowUpPeriod",
    "Forecast",
    "ForecastChoice",
    "ForecastMethod",
    "LineForecast",
    "LineToDate",
    "MonthlyAmounts",
    "MonthlyLine",
    "Profile",
    "ProfileKind",
    "Proposal",
    "budget_months",
    "budget_profile",
    "choose_forecast",
    "explicit_profile_problem",
    "forecast_change",
    "forecast_deviation",
    "forecast_line",
    "forecast_problem",
    "has_months",
    "line_to_date",
    "lines_to_date",
    "month_name",
    "monthly_by_line",
    "period_problems",
    "previous_year_profile_problem",
    "proposals",
    "remaining_budget",
    "run_rate",
    "seasonal",
    "seasonal_problem",
    "spread",
    "standard_end",
]
