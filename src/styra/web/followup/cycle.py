"""A period to date in the web: each line and project with its outcome and budget to date,
every forecast proposal, and the stored forecast; the indicators with theirs.

The figures are the core's (``styra.core.cycle``) from the monthly sums kept at import,
as the folder loader computes them from the files, so the forecast page and the report
agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import Labels, Project
from styra.core.cycle.forecast import Forecast as CoreForecast
from styra.core.cycle.forecast import ForecastMethod, Proposal
from styra.core.cycle.interim import (
    Forecasted,
    InterimTotal,
    ProjectToDate,
    interim_total,
    operating_totals,
    project_to_date,
)
from styra.core.cycle.lines import LineToDate, lines_to_date
from styra.core.cycle.periods import FollowUpPeriod
from styra.core.cycle.profiles import Profile, ProfileKind, budget_months, budget_profile
from styra.core.money import parse_decimal
from styra.web.followup import bridge, monthly
from styra.web.followup import models as m

ZERO = Decimal(0)


def profile_of(stored: object) -> Profile | None:
    """A line's stored profile ("even", "previous_year" or twelve shares) as the core's."""
    if stored in (None, ""):
        return None
    if isinstance(stored, list):
        return Profile(ProfileKind.EXPLICIT, tuple(parse_decimal(str(s)) for s in stored))
    return Profile(ProfileKind(str(stored)))


def stored_profile(profile: Profile | None) -> object:
    """The core's profile as a line stores it (and accounts.yaml writes it)."""
    if profile is None or profile.kind is ProfileKind.MONTHLY_BUDGET:
        return None
    if profile.kind is ProfileKind.EXPLICIT:
        return [f"{s:f}" for s in profile.shares]
    return profile.kind.value


def core_forecast(stored: m.Forecast | None) -> CoreForecast | None:
    if stored is None or stored.amount is None:
        return None
    method = ForecastMethod(stored.method) if stored.method else None
    return CoreForecast(stored.amount, method, stored.comment)


@dataclass(frozen=True)
class Row:
    """One operating line or investment project to date, with its stored forecast."""

    kind: str  # "rad" or "projekt": the address and the element ids use it
    pk: int
    label: str
    to_date: LineToDate | ProjectToDate
    forecast: m.Forecast | None

    @property
    def proposals(self) -> tuple[Proposal, ...]:
        return self.to_date.proposals

    @property
    def chosen(self) -> Decimal | None:
        return None if self.forecast is None else self.forecast.amount

    @property
    def deviation(self) -> Decimal | None:
        """Prognosavvikelse: annual budget − forecast."""
        chosen = self.chosen
        return None if chosen is None else self.to_date.annual_budget - chosen

    @property
    def profile(self) -> Profile:
        return self.to_date.budget_months.profile

    @property
    def profile_note(self) -> str:
        return self.to_date.budget_months.note

    @property
    def forecasted(self) -> Forecasted:
        return Forecasted(self.to_date, core_forecast(self.forecast))


@dataclass(frozen=True)
class IndicatorRow:
    indicator: m.Indicator
    forecast: m.IndicatorForecast | None


@dataclass(frozen=True)
class PeriodToDate:
    period: FollowUpPeriod
    lines: tuple[Row, ...]
    projects: tuple[Row, ...]
    indicators: tuple[IndicatorRow, ...]
    labels: Labels
    project_label: str

    @property
    def totals(self) -> tuple[InterimTotal, ...]:
        """Revenue, cost and net; a total's forecast is None unless every line has one."""
        return operating_totals([r.forecasted for r in self.lines], self.labels)

    @property
    def project_total(self) -> InterimTotal:
        return interim_total(self.project_label, [r.forecasted for r in self.projects])


def _forecasts(period: m.Period) -> tuple[dict[int, m.Forecast], dict[int, m.Forecast]]:
    by_line: dict[int, m.Forecast] = {}
    by_project: dict[int, m.Forecast] = {}
    for f in m.Forecast.objects.filter(period=period):
        if f.line_id is not None:
            by_line[f.line_id] = f
        elif f.project_id is not None:
            by_project[f.project_id] = f
    return by_line, by_project


def line_rows(period: m.Period, to_date: FollowUpPeriod) -> tuple[LineToDate, ...]:
    stored = list(period.report_lines.all())
    lines = bridge.report_lines(period)
    profiles = {
        core: found
        for core, line in zip(lines, stored, strict=True)
        if (found := profile_of(line.profile)) is not None
    }
    previous = None
    if period.previous_id:
        previous = monthly.by_account(period.previous_id, m.Measure.OUTCOME)
    return lines_to_date(
        to_date,
        lines,
        monthly.by_account(period.ledger_id, m.Measure.OUTCOME),
        monthly.by_account(period.budget_id, m.Measure.BUDGET),
        previous=previous,
        profiles=profiles,
    )


def project_rows(
    period: m.Period, to_date: FollowUpPeriod, projects: Sequence[m.InvestmentProject]
) -> tuple[ProjectToDate, ...]:
    """As the folder loader: the budget file's months where it has them, else even."""
    plan = period.account_plan
    invest = bridge.parse_ranges(plan.investment_accounts)
    dim = plan.investment_dimension
    months = to_date.year_months
    done = monthly.by_object(period.ledger_id, m.Measure.OUTCOME, dim, invest, months)
    planned = monthly.by_object(period.budget_id, m.Measure.BUDGET, dim, invest, months)
    zero = [ZERO] * len(months)
    has_months = sum(1 for month in zip(*planned.values(), strict=True) if any(month)) > 1
    rows = []
    for p in projects:
        spread = budget_months(planned.get(p.object_id, zero), budget_profile(has_months, None))
        outcome = done.get(p.object_id, zero)
        project = Project(p.label, p.object_id)
        rows.append(project_to_date(project, outcome, spread, to_date.elapsed))
    return tuple(rows)


def period_to_date(period: m.Period) -> PeriodToDate | None:
    """The period to date with its forecasts; None for an annual period or one without an
    account plan, ledger or budget."""
    to_date = monthly.follow_up_period(period)
    plan = getattr(period, "account_plan", None)
    if to_date is None or plan is None or period.ledger_id is None or period.budget_id is None:
        return None
    by_line, by_project = _forecasts(period)
    stored_lines = list(period.report_lines.all())
    lines = tuple(
        Row("rad", ln.pk, ln.label, row, by_line.get(ln.pk))
        for ln, row in zip(stored_lines, line_rows(period, to_date), strict=True)
    )
    stored_projects = list(period.projects.all())
    project_to_dates = project_rows(period, to_date, stored_projects)
    projects = tuple(
        Row("projekt", p.pk, p.label, row, by_project.get(p.pk))
        for p, row in zip(stored_projects, project_to_dates, strict=True)
    )
    labels = Labels(plan.total_revenue, plan.total_cost, plan.net_result)
    project_label = plan.investment_total_label.format(year=to_date.fiscal_start.year)
    return PeriodToDate(to_date, lines, projects, indicator_rows(period), labels, project_label)


def indicator_rows(period: m.Period) -> tuple[IndicatorRow, ...]:
    """The indicators that take a forecast: every one the accounts do not derive."""
    found = m.Indicator.objects.filter(goal__period=period, derived="").select_related(
        "goal", "forecast"
    )
    return tuple(IndicatorRow(i, getattr(i, "forecast", None)) for i in found)


def row_to_date(found: PeriodToDate, kind: str, pk: int) -> Row | None:
    if kind not in ("rad", "projekt"):
        return None
    rows = found.lines if kind == "rad" else found.projects
    return next((r for r in rows if r.pk == pk), None)
