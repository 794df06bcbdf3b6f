from decimal import Decimal as D

from styra.core.goals import Goal, Indicator, Target, TargetKind, goal_problem

ONE = Indicator("1.1", "Indikator", Target(TargetKind.AT_LEAST, D(1)))


def test_a_goal_without_indicators_must_say_why() -> None:
    assert goal_problem(Goal("1", "Mål")) == "nämndmålet »1» har inga indikatorer"
    assert goal_problem(Goal("1", "Mål", no_indicators="   ")) is not None
    assert goal_problem(Goal("1", "Mål", no_indicators="Indikatorerna tas fram 2025.")) is None


def test_a_goal_with_indicators_cannot_also_say_it_has_none() -> None:
    assert goal_problem(Goal("1", "Mål", (ONE,))) is None
    problem = goal_problem(Goal("1", "Mål", (ONE,), no_indicators="Saknas."))
    assert problem == "nämndmålet »1» har indikatorer men säger att det saknar dem"
