"""The council's goals (KF-mål) rolled up across committees: the edges, by hand."""

from __future__ import annotations

from decimal import Decimal

from styra.core.assessment import PartialPolicy, assess_indicator
from styra.core.council import CommitteeGoals, CouncilGoal, council_follow_up
from styra.core.followup import GoalResult, IndicatorResult
from styra.core.goals import Goal, Indicator, Override, Status, Target, TargetKind
from styra.core.rollup import RollupRules, roll_up

RULES = RollupRules()
D = Decimal


def goal(ident: str, status: Status, *links: str) -> GoalResult:
    """A committee goal whose roll-up gave ``status``."""
    rollup = roll_up([status], RULES)
    return GoalResult(Goal(ident, f"Mål {ident}", council_goals=links), (), rollup)


def committee(name: str, *goals: GoalResult) -> CommitteeGoals:
    return CommitteeGoals(name, goals, roll_up([g.status for g in goals], RULES))


def indicator(value: str) -> Indicator:
    return Indicator("KF1.1", "Nöjda invånare", Target(TargetKind.AT_LEAST, D(70)), "%", D(value))


def test_a_council_goal_is_judged_from_goals_in_every_committee() -> None:
    it = committee(
        "IT-nämnden", goal("1", Status.ACHIEVED, "KF1"), goal("2", Status.NOT_ACHIEVED, "KF2")
    )
    school = committee("Barn- och utbildningsnämnden", goal("1", Status.PARTIALLY_ACHIEVED, "KF1"))
    found = council_follow_up(
        [CouncilGoal("KF1", "Attraktiv kommun"), CouncilGoal("KF2", "God ekonomi")],
        [it, school],
        PartialPolicy(),
        RULES,
    )
    kf1, kf2 = found.goals
    assert [(g.committee, g.result.goal.id) for g in kf1.linked] == [
        ("IT-nämnden", "1"),
        ("Barn- och utbildningsnämnden", "1"),
    ]
    # One achieved, one partially: both reach, so the first rule fails and the second holds.
    assert kf1.status is Status.PARTIALLY_ACHIEVED
    assert kf2.status is Status.NOT_ACHIEVED
    # Council: 1 partially + 1 not = half reach at least partially: partially achieved.
    assert found.verdict.status is Status.PARTIALLY_ACHIEVED
    assert found.sentence == (
        "1 st av 2 bedöms uppnås delvis och 1 st av 2 bedöms uppnås ej, vilket gör att "
        "kommunfullmäktiges mål uppnås delvis."
    )
    assert kf1.sentence.startswith("Målet uppnås delvis, bedömt utifrån 2 nämndmål i 2 nämnder.")


def test_a_goal_linked_to_two_council_goals_counts_fully_in_each() -> None:
    it = committee(
        "IT", goal("1", Status.NOT_ACHIEVED, "KF1", "KF2"), goal("2", Status.ACHIEVED, "KF2")
    )
    found = council_follow_up(
        [CouncilGoal("KF1", "A"), CouncilGoal("KF2", "B")], [it], PartialPolicy(), RULES
    )
    assert [len(g.linked) for g in found.goals] == [1, 2]
    assert [g.status for g in found.goals] == [Status.NOT_ACHIEVED, Status.PARTIALLY_ACHIEVED]


def test_a_council_goal_without_linked_goals_or_indicators_cannot_be_judged() -> None:
    found = council_follow_up(
        [CouncilGoal("KF9", "Ingen bryter ner mig")],
        [committee("IT", goal("1", Status.ACHIEVED, "KF1"))],
        PartialPolicy(),
        RULES,
    )
    (kf9,) = found.goals
    assert kf9.status is Status.NO_VALUE  # the rule set's "empty"
    assert kf9.sentence == "Målet kan inte bedömas: inget nämndmål är kopplat till det."
    # The committee goal names a KF-mål that does not exist: it is unlinked.
    assert [g.result.goal.id for g in found.unlinked] == ["1"]
    # A rule set that calls an empty goal not achieved decides otherwise, as data.
    strict = RollupRules(empty=Status.NOT_ACHIEVED)
    assert (
        council_follow_up([CouncilGoal("KF9", "x")], [], PartialPolicy(), strict).goals[0].status
        is Status.NOT_ACHIEVED
    )


def test_own_indicators_count_beside_the_linked_goals() -> None:
    own = CouncilGoal("KF1", "Attraktiv kommun", (indicator("65"),))
    found = council_follow_up(
        [own], [committee("IT", goal("1", Status.ACHIEVED, "KF1"))], PartialPolicy(), RULES
    )
    (kf1,) = found.goals
    assert kf1.indicators[0].assessment.status is Status.NOT_ACHIEVED  # 65 < 70
    assert kf1.status is Status.PARTIALLY_ACHIEVED  # 1 of 2 reach: half
    assert "1 nämndmål i en nämnd och en egen indikator" in kf1.sentence


def test_a_committee_goal_overridden_by_a_person_counts_with_its_override() -> None:
    result = goal("1", Status.NOT_ACHIEVED, "KF1")
    overridden = GoalResult(
        Goal(
            "1",
            "Mål 1",
            override=Override(Status.ACHIEVED, "Beslut i nämnden"),
            council_goals=("KF1",),
        ),
        (),
        result.rollup,
    )
    found = council_follow_up(
        [CouncilGoal("KF1", "A")], [committee("IT", overridden)], PartialPolicy(), RULES
    )
    assert found.goals[0].status is Status.ACHIEVED


def test_indicator_assessment_is_the_committees_own() -> None:
    own = indicator("72")
    assert (
        IndicatorResult(own, assess_indicator(own, PartialPolicy())).assessment.status
        is Status.ACHIEVED
    )
