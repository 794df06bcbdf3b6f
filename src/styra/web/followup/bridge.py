"""From the database to the core: one period's stored state as a :class:`FollowUpInput`.

The overview computes from this; the report is rendered from the folder export, and the
round-trip test shows both give the same follow-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from styra.core import followup as core
from styra.core.accounts import AccountRange, Labels, LargeDeviation, Project
from styra.core.accounts import ReportLine as CoreLine
from styra.core.accounts import Section as CoreSection
from styra.core.assessment import PartialKind, PartialPolicy
from styra.core.council import CouncilGoal
from styra.core.goals import Goal as CoreGoal
from styra.core.goals import Indicator as CoreIndicator
from styra.core.goals import Override, Status, Target
from styra.core.goals import TargetKind as CoreTargetKind
from styra.core.rollup import DEFAULT_PRINCIPLES, RollupRules
from styra.core.sharing import Member as CoreMember
from styra.core.sharing import Rounding as CoreRounding
from styra.core.sharing import SharingKey as CoreKey
from styra.core.wording import Wording
from styra.web.followup import models as m
from styra.web.followup import monthly

RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
ZERO = Decimal(0)


def parse_ranges(text: str) -> tuple[AccountRange, ...]:
    """``"3000-3499, 3600-3999"`` as account ranges; parts that are no range are skipped."""
    found = []
    for part in text.split(","):
        match = RANGE.match(part)
        if match:
            found.append(AccountRange(match.group(1), match.group(2) or match.group(1)))
    return tuple(found)


def range_problem(text: str) -> str | None:
    """Why a list of account ranges cannot be read, in Swedish, or None."""
    parts = [p for p in text.split(",") if p.strip()]
    if not parts:
        return "ange minst ett konto eller kontointervall"
    for part in parts:
        match = RANGE.match(part)
        if not match:
            return f"»{part.strip()}» är inget kontointervall (skriv t.ex. 5000-5999 eller 6010)"
        first, last = match.group(1), match.group(2) or match.group(1)
        if len(first) != len(last) or first > last:
            return f"kontointervallet »{part.strip()}» är baklänges eller har olika längd"
    return None


def build_input(period: m.Period) -> core.FollowUpInput:
    goals, derived = _goals(period)
    return core.FollowUpInput(
        committee=core.Committee(period.committee.name, period.committee.municipality.name),
        period=core.Period(
            period.year, core.PeriodKind(period.kind), period.start, period.end, period.report_date
        ),
        governance=governance_record(getattr(period, "governance", None)),
        goals=goals,
        finance=_finance(period),
        sharing_key=_key(period),
        narrative=tuple(core.Narrative(s.key, s.title, s.markdown) for s in period.narrative.all()),
        derived=derived,
        wording=Wording(**period.wording),
    )


def governance_record(g: m.Governance | m.CouncilGovernance | None) -> core.Governance:
    if g is None:  # a period set up in the admin before its governance model
        return core.Governance("", "", PartialPolicy())
    rules = RollupRules(
        g.model,
        g.rollup_share,
        Status(g.rollup_empty),
        Status(g.rollup_all_missing),
        tuple(g.principles) or DEFAULT_PRINCIPLES,
    )
    return core.Governance(
        g.model, g.description, PartialPolicy(PartialKind(g.partial_kind), g.partial_share), rules
    )


def override_of(item: m.Goal | m.Result | m.CouncilIndicator) -> Override | None:
    if not item.override_status:
        return None
    return Override(
        Status(item.override_status),
        item.override_justification,
        item.override_by,
        item.override_at,
    )


def history_of(ind: m.Indicator | m.CouncilIndicator) -> tuple[tuple[int, Decimal], ...]:
    """Earlier years' values, oldest first (prefetch ``history`` where there are many)."""
    return tuple(sorted((h.year, h.value) for h in ind.history.all()))


def indicator_record(ind: m.Indicator) -> CoreIndicator:
    result = ind.result
    return CoreIndicator(
        ind.key,
        ind.name,
        Target(CoreTargetKind(ind.target_kind), ind.target_value, ind.target_wording),
        ind.unit,
        result.value,
        ind.baseline,
        override_of(result),
        result.analysis,
        history_of(ind),
    )


def council_indicator_record(ind: m.CouncilIndicator) -> CoreIndicator:
    return CoreIndicator(
        ind.key,
        ind.name,
        Target(CoreTargetKind(ind.target_kind), ind.target_value, ind.target_wording),
        ind.unit,
        ind.value,
        ind.baseline,
        override_of(ind),
        ind.analysis,
        history_of(ind),
    )


def council_goals(municipality: m.Municipality, year: int) -> tuple[CouncilGoal, ...]:
    """The municipality's KF-mål of the year, with their own indicators, for the core."""
    found = m.CouncilGoal.objects.filter(municipality=municipality, year=year).prefetch_related(
        "indicators__history"
    )
    return tuple(
        CouncilGoal(
            g.key,
            g.name,
            tuple(council_indicator_record(i) for i in g.indicators.all()),
            g.description,
        )
        for g in found
    )


def council_governance(municipality: m.Municipality, year: int) -> core.Governance | None:
    found = m.CouncilGovernance.objects.filter(municipality=municipality, year=year).first()
    return None if found is None else governance_record(found)


def _goals(period: m.Period) -> tuple[tuple[CoreGoal, ...], dict[str, core.DerivedValue]]:
    derived: dict[str, core.DerivedValue] = {}
    goals = []
    found = period.goals.prefetch_related(
        "indicators__result", "indicators__history", "council_goals"
    )
    for goal in found:
        indicators = []
        for ind in goal.indicators.all():
            indicators.append(indicator_record(ind))
            if ind.derived:
                derived[ind.key] = core.DerivedValue(ind.derived)
        links = tuple(c.key for c in sorted(goal.council_goals.all(), key=_link_order))
        goals.append(
            CoreGoal(
                goal.key,
                goal.name,
                tuple(indicators),
                override_of(goal),
                goal.no_indicators,
                links,
            )
        )
    return tuple(goals), derived


def _link_order(c: m.CouncilGoal) -> tuple[int, str]:
    return (c.position, c.key)


def _key(period: m.Period) -> CoreKey | None:
    key = getattr(period, "sharing_key", None)
    if key is None:
        return None
    members = tuple(
        CoreMember(w.member.municipality.code, w.member.label, w.weight)
        for w in key.weights.select_related("member__municipality")
    )
    return CoreKey(key.basis, key.reference_date, key.source, members, CoreRounding(key.rounding))


def amounts(
    ledger_id: int | None, measure: str, dimension: str = ""
) -> dict[tuple[str, str], Decimal]:
    """(account, object id) → amount; the object id is empty for per-account sums."""
    if ledger_id is None:
        return {}
    rows = m.LedgerAmount.objects.filter(ledger_id=ledger_id, measure=measure, dimension=dimension)
    return {(a, o): v for a, o, v in rows.values_list("account", "object_id", "amount")}


def in_scope(
    found: Mapping[tuple[str, str], Decimal], scope: Iterable[AccountRange]
) -> dict[str, Decimal]:
    ranges = list(scope)
    return {a: v for (a, _), v in found.items() if any(a in r for r in ranges)}


def by_object(
    found: Mapping[tuple[str, str], Decimal], accounts: Iterable[AccountRange]
) -> dict[str, Decimal]:
    ranges = list(accounts)
    totals: dict[str, Decimal] = {}
    for (account, obj), value in found.items():
        if any(account in r for r in ranges):
            totals[obj] = totals.get(obj, ZERO) + value
    return totals


def report_lines(period: m.Period) -> tuple[CoreLine, ...]:
    return tuple(
        CoreLine(line.label, CoreSection(line.section), parse_ranges(line.accounts), line.key)
        for line in period.report_lines.all()
    )


def _finance(period: m.Period) -> core.Finance:
    plan = getattr(period, "account_plan", None)
    if plan is None:  # a period set up in the admin before its account plan
        return core.Finance(lines=(), outcome={}, budget={})
    scope = parse_ranges(plan.scope)
    invest = parse_ranges(plan.investment_accounts)
    dim = plan.investment_dimension
    outcome, previous, invested = _outcomes(period, scope, invest, dim)
    return core.Finance(
        lines=report_lines(period),
        outcome=outcome,
        budget=in_scope(amounts(period.budget_id, m.Measure.BUDGET), scope),
        previous=previous,
        projects=tuple(Project(p.label, p.object_id) for p in period.projects.all()),
        investment_outcome=invested,
        investment_budget=by_object(amounts(period.budget_id, m.Measure.BUDGET, dim), invest),
        labels=Labels(plan.total_revenue, plan.total_cost, plan.net_result),
        investment_total_label=plan.investment_total_label.format(year=period.year),
        large_deviation=LargeDeviation(plan.large_deviation_tkr, plan.large_deviation_share),
        analysis={line.label: line.analysis for line in period.report_lines.all() if line.analysis},
    )


def _outcomes(
    period: m.Period,
    scope: tuple[AccountRange, ...],
    invest: tuple[AccountRange, ...],
    dim: str,
) -> tuple[dict[str, Decimal], dict[str, Decimal] | None, dict[str, Decimal]]:
    """The outcome, the previous year's and the investment outcome per project: for the
    year, or for an interim period up to its end (and the previous year's same months),
    as the folder loader sums them."""
    to_date = monthly.follow_up_period(period)
    if to_date is None:
        previous = None
        if period.previous_id:
            previous = in_scope(amounts(period.previous_id, m.Measure.OUTCOME), scope)
        outcome = in_scope(amounts(period.ledger_id, m.Measure.OUTCOME), scope)
        invested = by_object(amounts(period.ledger_id, m.Measure.OUTCOME, dim), invest)
        return outcome, previous, invested
    done = monthly.by_account(period.ledger_id, m.Measure.OUTCOME)
    outcome = _within(monthly.to_date(done, to_date.months), scope)
    previous = None
    if period.previous_id:
        before = monthly.by_account(period.previous_id, m.Measure.OUTCOME)
        months = to_date.previous_year_months[: to_date.elapsed]
        previous = _within(monthly.to_date(before, months), scope)
    per_object = monthly.by_object(
        period.ledger_id, m.Measure.OUTCOME, dim, invest, to_date.year_months
    )
    invested = {obj: sum(months[: to_date.elapsed], ZERO) for obj, months in per_object.items()}
    return outcome, previous, invested


def _within(found: Mapping[str, Decimal], scope: Iterable[AccountRange]) -> dict[str, Decimal]:
    ranges = list(scope)
    return {a: v for a, v in found.items() if any(a in r for r in ranges)}
