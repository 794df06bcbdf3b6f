"""The council's goals (kommunfullmäktiges mål, KF-mål) and their roll-up across committees.

The governance model "bygger på att kommunfullmäktige sätter övergripande mål som sedan
nämnder och styrelse bryter ner i nämndmål med indikatorer". A committee goal names the
KF-mål it breaks down (``Goal.council_goals``); a KF-mål may also have indicators of its
own. The roll-up runs by the same rule set as a committee's (``styra.core.rollup``):

- a KF-mål is judged from the statuses of every committee goal linked to it, in every
  committee, and of its own indicators, each counting once;
- a committee goal linked to two KF-mål counts fully in each: it breaks both down, and
  sharing it out in fractions would make a verdict no rule set speaks of;
- a KF-mål that no committee goal links to and that has no indicators of its own gets
  the rule set's ``empty`` status (by default "Värde saknas", cannot be judged), and the
  loader warns at its line, so a missing link is seen before the report goes out;
- the council's verdict rolls up the KF-mål's statuses, as a committee's rolls up its goals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from styra.core.assessment import PartialPolicy, assess_indicator
from styra.core.followup import GoalResult, IndicatorResult
from styra.core.goals import Indicator, Status
from styra.core.rollup import Rollup, RollupRules, roll_up, summary_sentence
from styra.i18n import _


@dataclass(frozen=True, slots=True)
class CouncilGoal:
    id: str
    name: str
    indicators: tuple[Indicator, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class CommitteeGoals:
    """One committee's assessed goals, as the council's roll-up reads them."""

    committee: str
    goals: tuple[GoalResult, ...]
    verdict: Rollup


@dataclass(frozen=True, slots=True)
class LinkedGoal:
    committee: str
    result: GoalResult

    @property
    def status(self) -> Status:
        return self.result.status


@dataclass(frozen=True, slots=True)
class CouncilGoalResult:
    goal: CouncilGoal
    indicators: tuple[IndicatorResult, ...]
    linked: tuple[LinkedGoal, ...]
    rollup: Rollup

    @property
    def status(self) -> Status:
        return self.rollup.status

    @property
    def sentence(self) -> str:
        """ "Målet uppnås delvis: 3 av 4 nämndmål och indikatorer uppnås …"."""
        if not self.linked and not self.indicators:
            return _("Målet kan inte bedömas: inget nämndmål är kopplat till det.")
        parts = []
        if self.linked:
            committees = len({g.committee for g in self.linked})
            parts.append(
                _("{goals} nämndmål i {committees} nämnder").format(
                    goals=len(self.linked), committees=committees
                )
                if committees > 1
                else _("{goals} nämndmål i en nämnd").format(goals=len(self.linked))
            )
        if self.indicators:
            n = len(self.indicators)
            parts.append(
                _("en egen indikator") if n == 1 else _("{n} egna indikatorer").format(n=n)
            )
        basis = _(" och ").join(parts)
        return _("Målet {verb}, bedömt utifrån {basis}. {reason}").format(
            verb=self.status.verb, basis=basis, reason=self.rollup.reason
        )


@dataclass(frozen=True, slots=True)
class CouncilFollowUp:
    goals: tuple[CouncilGoalResult, ...]
    verdict: Rollup
    unlinked: tuple[LinkedGoal, ...]  # committee goals that name no KF-mål

    @property
    def sentence(self) -> str:
        """ "2 st av 4 bedöms uppnås …, vilket gör att kommunfullmäktiges mål uppnås delvis"."""
        return summary_sentence(
            [g.status for g in self.goals],
            self.verdict.status,
            _("{count} st av {total} bedöms {status}"),
            subject=_("kommunfullmäktiges mål"),
        )


def council_follow_up(
    goals: Sequence[CouncilGoal],
    committees: Sequence[CommitteeGoals],
    policy: PartialPolicy,
    rules: RollupRules,
) -> CouncilFollowUp:
    """Each KF-mål judged from its linked committee goals and its own indicators."""
    results = []
    known = {g.id for g in goals}
    for goal in goals:
        indicators = tuple(IndicatorResult(i, assess_indicator(i, policy)) for i in goal.indicators)
        linked = tuple(
            LinkedGoal(c.committee, r)
            for c in committees
            for r in c.goals
            if goal.id in r.goal.council_goals
        )
        statuses = [g.status for g in linked] + [i.assessment.status for i in indicators]
        results.append(CouncilGoalResult(goal, indicators, linked, roll_up(statuses, rules)))
    unlinked = tuple(
        LinkedGoal(c.committee, r)
        for c in committees
        for r in c.goals
        if not known.intersection(r.goal.council_goals)
    )
    verdict = roll_up([r.status for r in results], rules)
    return CouncilFollowUp(tuple(results), verdict, unlinked)
