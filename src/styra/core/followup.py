"""The whole follow-up of one committee's period, computed from its inputs.

This is the pure pipeline's compute stage: assessments, roll-up, operating and
investment accounts, result sharing and the generated sentences. The folder loader, the
web application and the tests all call :func:`compute`.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from styra.core.accounts import (
    DeviationNote,
    InvestmentAccount,
    Labels,
    LargeDeviation,
    MultiYear,
    OperatingAccount,
    Project,
    ReportLine,
    YearResult,
    build_investment_account,
    build_operating_account,
    deviation_notes,
    multi_year_account,
)
from styra.core.assessment import Assessment, PartialPolicy, assess_indicator
from styra.core.figures import (
    NarrativeProblem,
    figures,
    period_amounts,
    placeholder_problems,
    render,
    stale_amounts,
)
from styra.core.goals import Goal, Indicator, Override, Status
from styra.core.rollup import Rollup, RollupRules, roll_up, summary_sentence
from styra.core.sharing import Share, SharingKey, share
from styra.core.wording import Wording, sentences
from styra.i18n import _


class PeriodKind(enum.StrEnum):
    ANNUAL = "annual"  # helår, årsredovisning
    INTERIM = "interim"  # delår, delårsrapport
    TERTIAL = "tertial"  # tertialrapport
    MONTH = "month"  # månadsuppföljning

    @property
    def basis(self) -> str:
        return {
            PeriodKind.ANNUAL: _("helår"),
            PeriodKind.INTERIM: _("delår"),
            PeriodKind.TERTIAL: _("tertial"),
            PeriodKind.MONTH: _("månad"),
        }[self]


@dataclass(frozen=True, slots=True)
class Period:
    year: int
    kind: PeriodKind
    start: date
    end: date
    report_date: date


@dataclass(frozen=True, slots=True)
class Committee:
    name: str
    municipality: str  # the host municipality (värdkommun) that publishes the report


@dataclass(frozen=True, slots=True)
class Governance:
    model: str
    description: str
    partial_policy: PartialPolicy
    rules: RollupRules = RollupRules()


class DerivedValue(enum.StrEnum):
    """Indicator values the core derives from the accounts rather than takes as entered."""

    # The net result's deviation from budget in tkr (``YearResult.budget_deviation_tkr``),
    # what "håller sin budgetram" measures; the name is older than ``YearResult``.
    NET_RESULT_TKR = "net_result_tkr"


@dataclass(frozen=True, slots=True)
class Narrative:
    key: str
    title: str
    markdown: str


@dataclass(frozen=True, slots=True)
class Finance:
    lines: tuple[ReportLine, ...]
    outcome: Mapping[str, Decimal]
    budget: Mapping[str, Decimal]
    previous: Mapping[str, Decimal] | None = None
    projects: tuple[Project, ...] = ()
    investment_outcome: Mapping[str, Decimal] = field(default_factory=dict)
    investment_budget: Mapping[str, Decimal] = field(default_factory=dict)
    labels: Labels = Labels()
    investment_total_label: str = "TOTALT INVESTERAT"
    large_deviation: LargeDeviation = LargeDeviation()
    analysis: Mapping[str, str] = field(default_factory=dict)  # report line → why
    # Outcome per account of years before the previous one (year, amounts), for the
    # multi-year table; the previous year's is ``previous``.
    earlier: tuple[tuple[int, Mapping[str, Decimal]], ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUpInput:
    committee: Committee
    period: Period
    governance: Governance
    goals: tuple[Goal, ...]
    finance: Finance
    sharing_key: SharingKey | None = None
    narrative: tuple[Narrative, ...] = ()
    derived: Mapping[str, DerivedValue] = field(default_factory=dict)  # indicator id → rule
    goal_overrides: Mapping[str, Override] = field(default_factory=dict)
    wording: Wording = Wording()
    # An interim period's narrative figures (styra.core.cycle.figures): to date and forecast,
    # in place of the annual account's, which do not exist before the year has ended.
    figures_to_date: Mapping[str, Decimal] | None = None


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    indicator: Indicator
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class GoalResult:
    goal: Goal
    indicators: tuple[IndicatorResult, ...]
    rollup: Rollup

    @property
    def status(self) -> Status:
        return self.goal.override.status if self.goal.override else self.rollup.status


@dataclass(frozen=True, slots=True)
class FollowUp:
    input: FollowUpInput
    goals: tuple[GoalResult, ...]
    committee: Rollup
    operating: OperatingAccount
    investment: InvestmentAccount
    result: YearResult
    shares: tuple[Share, ...]  # the deviation from budget, shared by the key
    sentences: Mapping[str, str]
    deviations: tuple[DeviationNote, ...] = ()
    figures: Mapping[str, Decimal] = field(default_factory=dict)  # placeholder → tkr
    narrative: tuple[Narrative, ...] = ()  # the input's, with the placeholders filled in
    multi_year: MultiYear | None = None  # with earlier years' ledgers

    def narrative_problems(self, markdown: str) -> list[NarrativeProblem]:
        """Unknown placeholders (errors) and stated amounts that match no figure (warnings)."""
        amounts = period_amounts(self.operating, self.investment, self.result, self.shares)
        if self.input.figures_to_date is not None:
            amounts = frozenset(abs(v) for v in self.figures.values())
        return placeholder_problems(markdown, self.figures) + stale_amounts(markdown, amounts)


def compute(data: FollowUpInput) -> FollowUp:
    fin = data.finance
    operating = build_operating_account(
        fin.lines, fin.outcome, fin.budget, fin.previous, fin.labels
    )
    result = operating.result
    investment = build_investment_account(
        fin.projects, fin.investment_outcome, fin.investment_budget, fin.investment_total_label
    )
    goals = tuple(_assess_goal(g, data, result) for g in data.goals)
    committee = roll_up([g.status for g in goals], data.governance.rules)
    key = data.sharing_key
    shares = share(result.budget_deviation_tkr, key) if key else ()
    named = figures(operating, investment, result, shares)
    if data.figures_to_date is not None:
        named = dict(data.figures_to_date)
    summary = summary_sentence([g.status for g in goals], committee.status, data.wording.goal_count)
    texts = sentences(
        data.wording,
        committee=data.committee.name,
        year=data.period.year,
        basis=data.period.kind.basis,
        end=data.period.end,
        result=result,
        shares=shares,
        investment_budget=investment.total.budget_tkr,
        investment_outcome=investment.total.outcome_tkr,
    )
    return FollowUp(
        data,
        goals,
        committee,
        operating,
        investment,
        result,
        shares,
        {**texts, "goal_summary": summary},
        deviation_notes(operating.rows, fin.large_deviation, fin.analysis),
        named,
        tuple(dataclasses.replace(n, markdown=render(n.markdown, named)) for n in data.narrative),
        _multi_year(data),
    )


def _multi_year(data: FollowUpInput) -> MultiYear | None:
    """Earlier years, the previous one and this one, where earlier years' ledgers are read."""
    fin = data.finance
    if not fin.earlier:
        return None
    years = [*fin.earlier]
    if fin.previous is not None:
        years.append((data.period.year - 1, fin.previous))
    years.append((data.period.year, fin.outcome))
    return multi_year_account(fin.lines, years, fin.labels)


def _assess_goal(goal: Goal, data: FollowUpInput, result: YearResult) -> GoalResult:
    policy = data.governance.partial_policy
    results = []
    for given in goal.indicators:
        indicator = given
        if data.derived.get(given.id) is DerivedValue.NET_RESULT_TKR:
            indicator = dataclasses.replace(given, value=result.budget_deviation_tkr)
        results.append(IndicatorResult(indicator, assess_indicator(indicator, policy)))
    rollup = roll_up([r.assessment.status for r in results], data.governance.rules)
    override = data.goal_overrides.get(goal.id, goal.override)
    return GoalResult(dataclasses.replace(goal, override=override), tuple(results), rollup)
