"""The municipality's overview: the council's goals and every committee, from the core.

Each committee's annual period of the year is computed as its own overview computes it
(``bridge.build_input`` → ``compute``); the core's ``compile_municipality`` judges the
KF-mål across them by the council's rule set and sums the municipality's totals. This
module only finds the rows and the addresses that the page links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q

from styra.core import followup as core
from styra.core.assessment import PartialPolicy
from styra.core.council import CouncilGoalResult, LinkedGoal
from styra.core.followup import FollowUp
from styra.core.goals import Indicator
from styra.core.municipality import JointShare, MunicipalityFollowUp, compile_municipality
from styra.core.sharing import Share
from styra.core.trend import IndicatorTrend, indicator_trend
from styra.web.followup import cache as cached
from styra.web.followup import models as m
from styra.web.followup.access import MunicipalAccess, readable_committees
from styra.web.followup.bridge import council_goals, council_governance
from styra.web.followup.overview import (
    ForecastSummary,
    forecast_source,
    forecast_summary,
)


@dataclass(frozen=True)
class CommitteeRow:
    """A committee of the municipality with its annual period of the year, if it has one."""

    committee: m.Committee
    period: m.Period | None
    followup: FollowUp | None
    forecast: ForecastSummary | None


@dataclass(frozen=True)
class LinkedRow:
    """A committee goal beneath a KF-mål, with its committee's period to link into."""

    linked: LinkedGoal
    period: m.Period | None
    goal_pk: int | None


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    result: object  # the core's IndicatorResult
    trend: IndicatorTrend | None


@dataclass(frozen=True)
class CouncilRow:
    result: CouncilGoalResult
    stored: m.CouncilGoal | None
    linked: tuple[LinkedRow, ...]
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class HostedShares:
    """A joint committee the municipality hosts, with every member's share."""

    row: CommitteeRow
    shares: tuple[Share, ...]


@dataclass(frozen=True)
class MemberShare:
    """The municipality's share of a joint committee hosted elsewhere; ``readable`` when
    the person may open the committee's pages."""

    share: JointShare
    committee: m.Committee
    period: m.Period
    readable: bool


@dataclass(frozen=True)
class MunicipalOverview:
    municipality: m.Municipality
    year: int
    compiled: MunicipalityFollowUp
    committees: tuple[CommitteeRow, ...]
    council: tuple[CouncilRow, ...]
    hosted: tuple[HostedShares, ...]
    elsewhere: tuple[MemberShare, ...]
    has_rule_set: bool
    forecast_total: Decimal | None  # kronor; only when every committee has a forecast

    @property
    def computed(self) -> tuple[CommitteeRow, ...]:
        return tuple(r for r in self.committees if r.followup is not None)


def years(municipality: m.Municipality) -> list[int]:
    """Years with an annual period of a committee it hosts or is a member of, or with the
    council's goals, newest first."""
    mine = Q(committee__municipality=municipality) | Q(
        committee__members__municipality=municipality
    )
    found = set(
        m.Period.objects.filter(mine, kind=m.PeriodKind.ANNUAL).values_list("year", flat=True)
    )
    found |= set(
        m.CouncilGoal.objects.filter(municipality=municipality).values_list("year", flat=True)
    )
    return sorted(found, reverse=True)


def annual_period(committee: m.Committee, year: int) -> m.Period | None:
    return (
        m.Period.objects.filter(committee=committee, year=year, kind=m.PeriodKind.ANNUAL)
        .select_related("committee__municipality")
        .first()
    )


def _committee_row(committee: m.Committee, year: int) -> CommitteeRow:
    period = annual_period(committee, year)
    if period is None:
        return CommitteeRow(committee, None, None, None)
    return CommitteeRow(
        committee,
        period,
        cached.followup(period),
        forecast_summary(period, forecast_source(period)),
    )


def _period_of(rows: tuple[CommitteeRow, ...], year: int) -> core.Period:
    for row in rows:
        if row.followup is not None:
            return row.followup.input.period
    start, end = date(year, 1, 1), date(year, 12, 31)
    return core.Period(year, core.PeriodKind.ANNUAL, start, end, end)


def joint_share(f: FollowUp, code: str, host: str) -> JointShare | None:
    """A member's share of a joint committee, as the core's compiled report makes its row
    (``compile_municipality`` over that committee alone, with the member's code)."""
    i = f.input
    found = compile_municipality(host, i.period, i.governance, (), [f], code=code).joint_shares
    return found[0] if found else None


def _elsewhere(access: MunicipalAccess, year: int) -> tuple[MemberShare, ...]:
    """Shares of joint committees hosted by another municipality that this one is in."""
    municipality = access.municipality
    readable = set(readable_committees(access.user_id).values_list("pk", flat=True))
    found = []
    joint = m.Committee.objects.filter(members__municipality=municipality).exclude(
        municipality=municipality
    )
    for committee in joint.select_related("municipality").distinct():
        period = annual_period(committee, year)
        if period is None:
            continue
        share = joint_share(cached.followup(period), municipality.code, committee.municipality.name)
        if share is not None:
            found.append(MemberShare(share, committee, period, committee.pk in readable))
    return tuple(found)


def _council_rows(
    compiled: MunicipalityFollowUp, rows: tuple[CommitteeRow, ...], stored: list[m.CouncilGoal]
) -> tuple[CouncilRow, ...]:
    by_name = {r.committee.name: r for r in rows if r.period is not None}
    goals = {
        (row.committee.name, g.key): g.pk
        for row in by_name.values()
        for g in m.Goal.objects.filter(period=row.period)
    }
    by_key = {g.key: g for g in stored}
    year = compiled.period.year
    council = []
    for result in compiled.council.goals:
        linked = tuple(
            LinkedRow(
                lg,
                by_name[lg.committee].period if lg.committee in by_name else None,
                goals.get((lg.committee, lg.result.goal.id)),
            )
            for lg in result.linked
        )
        indicators = tuple(
            IndicatorRow(r.indicator, r, indicator_trend(r.indicator, year))
            for r in result.indicators
        )
        council.append(CouncilRow(result, by_key.get(result.goal.id), linked, indicators))
    return tuple(council)


def overview(access: MunicipalAccess, year: int) -> MunicipalOverview:
    """The overview from the shared cache while none of its inputs changed; the reader's
    joint committees are part of the key, as the page links only to those they may read."""
    municipality = access.municipality
    readable = sorted(readable_committees(access.user_id).values_list("pk", flat=True))
    key = cached.key("municipal", cached.municipal_inputs(municipality.pk), year, readable)
    found: MunicipalOverview | None = cache.get(key)
    if found is None:
        found = _computed(access, year)
        cache.set(key, found, cached.SECONDS)
    return found


def _computed(access: MunicipalAccess, year: int) -> MunicipalOverview:
    municipality = access.municipality
    committees = m.Committee.objects.filter(municipality=municipality).order_by("name")
    rows = tuple(_committee_row(c, year) for c in committees)
    governance = council_governance(municipality, year)
    rule_set = governance or core.Governance("", "", PartialPolicy())
    followups = [r.followup for r in rows if r.followup is not None]
    elsewhere = _elsewhere(access, year)
    compiled = compile_municipality(
        municipality.name,
        _period_of(rows, year),
        rule_set,
        council_goals(municipality, year),
        followups,
        code=municipality.code,
        hosted_elsewhere=[s.share for s in elsewhere],
    )
    stored = list(m.CouncilGoal.objects.filter(municipality=municipality, year=year))
    hosted = tuple(
        HostedShares(r, r.followup.shares)
        for r in rows
        if r.followup is not None and r.followup.shares
    )
    forecasts = [r.forecast.net.forecast for r in rows if r.followup is not None and r.forecast]
    total = None
    if followups and len(forecasts) == len(followups) and None not in forecasts:
        total = sum((f for f in forecasts if f is not None), Decimal(0))
    return MunicipalOverview(
        municipality,
        year,
        compiled,
        rows,
        _council_rows(compiled, rows, stored),
        hosted,
        elsewhere,
        governance is not None,
        total,
    )
