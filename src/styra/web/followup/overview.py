"""The overview page's content: the computed follow-up beside the stored rows, cached.

The rendered body is cached per period revision and per edit variant (controller, a given
indicator owner, reader); every change bumps the revision, so a stale page is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from styra.core.accounts import DeviationNote, Row, YearResult
from styra.core.cycle.interim import InterimTotal
from styra.core.followup import FollowUp, GoalResult, IndicatorResult, compute
from styra.web.followup import cache as keys
from styra.web.followup import cycle
from styra.web.followup import models as m
from styra.web.followup.access import Access
from styra.web.followup.bridge import build_input
from styra.web.followup.chart import ProgressBar, StatusBar, status_bar
from styra.web.followup.folder_export import forecast_name
from styra.web.followup.next_period import latest_with_forecasts
from styra.web.followup.todo import MISSED, todo
from styra.web.workflow.parts import parts_of

CACHE_SECONDS = 3600


@dataclass(frozen=True)
class IndicatorRow:
    result: IndicatorResult
    indicator: m.Indicator
    editable: bool


@dataclass(frozen=True)
class Deviation:
    note: DeviationNote
    line: m.ReportLine


@dataclass(frozen=True)
class GoalBlock:
    result: GoalResult
    goal: m.Goal
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class ForecastSummary:
    """The latest forecast beside the budget: the period's own, or for an annual period
    that of the latest follow-up of its fiscal year, named with its date."""

    source: m.Period
    name: str
    lines: tuple[cycle.Row, ...]
    net: InterimTotal
    own: bool


def forecast_source(period: m.Period) -> m.Period | None:
    return latest_with_forecasts(period) if period.is_annual else period


def forecast_summary(period: m.Period, source: m.Period | None) -> ForecastSummary | None:
    found = None if source is None else cycle.period_to_date(source)
    if source is None or found is None:
        return None
    own = source.pk == period.pk
    return ForecastSummary(source, forecast_name(source), found.lines, found.totals[-1], own)


def followup_of(period: m.Period) -> FollowUp:
    return compute(build_input(period))


def goal_blocks(access: Access, f: FollowUp) -> list[GoalBlock]:
    stored = {
        g.key: g
        for g in access.the_period.goals.prefetch_related("indicators__owner", "indicators__result")
    }
    blocks = []
    for result in f.goals:
        goal = stored[result.goal.id]
        by_key = {i.key: i for i in goal.indicators.all()}
        rows = tuple(
            IndicatorRow(r, by_key[r.indicator.id], access.may_edit(by_key[r.indicator.id]))
            for r in result.indicators
        )
        blocks.append(GoalBlock(result, goal, rows))
    return blocks


def deviations(period: m.Period, f: FollowUp) -> list[Deviation]:
    lines = {line.label: line for line in period.report_lines.all()}
    return [Deviation(n, lines[n.row.label]) for n in f.deviations if n.row.label in lines]


@dataclass(frozen=True)
class OperatingRow:
    """A row of the operating account; ``line`` is its stored line (None for a sum), which
    any line may have an analysis on, not only one with a large deviation."""

    row: Row
    line: m.ReportLine | None


def operating_rows(period: m.Period, f: FollowUp) -> list[OperatingRow]:
    lines = {line.label: line for line in period.report_lines.all()}
    return [OperatingRow(r, lines.get(r.label)) for r in f.operating.rows]


@dataclass(frozen=True)
class GoalSummary:
    block: GoalBlock
    bar: StatusBar | None


@dataclass(frozen=True)
class Dashboard:
    """The head of the overview: the committee's verdict, each goal's verdict with the
    counts behind it, the result against budget and how far the work has come."""

    goals: tuple[GoalSummary, ...]
    result: YearResult
    progress: tuple[ProgressBar, ...]


def dashboard(period: m.Period, f: FollowUp, blocks: list[GoalBlock]) -> Dashboard:
    goals = tuple(
        GoalSummary(b, status_bar([r.result.assessment.status for r in b.rows])) for b in blocks
    )
    return Dashboard(goals, f.result, work_progress(period, f, blocks))


def work_progress(
    period: m.Period, f: FollowUp, blocks: list[GoalBlock]
) -> tuple[ProgressBar, ...]:
    """PROGRESS HOOK: how far the period's work has come, for the dashboard.

    Values entered and analyses written come from the follow-up itself; parts marked ready
    of all come from the workflow app (``styra.web.workflow.parts.parts_of``). Should the
    workflow app offer its own count of the parts ready, this is the one place to call it.
    """
    entered = [r for b in blocks for r in b.rows if not r.indicator.derived]
    values = sum(1 for r in entered if r.result.indicator.value is not None)
    asked = [r.result.indicator.analysis for r in entered if r.result.assessment.status in MISSED]
    asked += [n.analysis for n in f.deviations] if period.is_annual else []
    parts = parts_of(period)
    return (
        ProgressBar(_("Värden inmatade"), values, len(entered)),
        ProgressBar(
            _("Analyser skrivna där de krävs"), sum(1 for a in asked if a.strip()), len(asked)
        ),
        ProgressBar(_("Delar klarmarkerade"), sum(1 for p in parts if p.is_ready), len(parts)),
    )


def variant(access: Access) -> str:
    if access.is_controller:
        return "controller"
    return f"owner-{access.user_id}" if access.role == m.Role.OWNER else "reader"


def nav_html(access: Access, tab: str) -> str:
    """The period's navigation; nine reversed addresses are worth keeping on the hot page."""
    period = access.the_period
    key = keys.key("nav", period.pk, period.revision, variant(access), tab)
    html: str | None = cache.get(key)
    if html is None:
        context = {"access": access, "period": period, "tab": tab}
        html = render_to_string("followup/_period_nav.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return html


def overview_html(access: Access) -> str:
    period = access.the_period
    source = forecast_source(period)
    # An annual period shows a later period's forecast: its revision is part of the key.
    shown = None if source is None else (source.pk, source.revision)
    key = keys.key("overview", keys.period_inputs(period), shown, variant(access))
    html: str | None = cache.get(key)
    if html is None:
        f = followup_of(period)
        blocks = goal_blocks(access, f)
        context = {
            "access": access,
            "period": period,
            "f": f,
            "blocks": blocks,
            "dashboard": dashboard(period, f, blocks),
            "operating": operating_rows(period, f),
            # The large-deviation analyses are the annual report's (as in the folder loader).
            "deviations": deviations(period, f) if period.is_annual else [],
            "locked": period.is_locked,
            "forecast": forecast_summary(period, source),
            # Kvar att göra: the controller's, while the period can still change.
            "todo": todo(period, f) if access.is_controller and not period.is_locked else None,
        }
        html = render_to_string("followup/_overview.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return html
