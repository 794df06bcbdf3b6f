"""The trend of an indicator, for every target kind, by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.core.goals import Indicator, Target, TargetKind
from styra.core.trend import Trend, history_problem, indicator_trend, trend

D = Decimal


@pytest.mark.parametrize(
    ("kind", "previous", "current", "expected"),
    [
        (TargetKind.AT_MOST, "12", "10", Trend.BETTER),  # fewer days: better
        (TargetKind.AT_MOST, "10", "12", Trend.WORSE),
        (TargetKind.REDUCE_TO, "292", "120", Trend.BETTER),  # fewer open incidents
        (TargetKind.REDUCE_TO, "120", "292", Trend.WORSE),
        (TargetKind.AT_LEAST, "70", "72", Trend.BETTER),  # more satisfied users
        (TargetKind.AT_LEAST, "72", "70", Trend.WORSE),
        (TargetKind.INCREASE_TO, "66", "75", Trend.BETTER),
        (TargetKind.INCREASE_TO, "75", "66", Trend.WORSE),
        (TargetKind.EQUAL_TO, "90", "98", Trend.BETTER),  # target 100: nearer
        (TargetKind.EQUAL_TO, "104", "98", Trend.BETTER),  # from above: 4 → 2 away
        (TargetKind.EQUAL_TO, "98", "105", Trend.WORSE),  # 2 → 5 away
        (TargetKind.EQUAL_TO, "98", "102", Trend.UNCHANGED),  # 2 away both years
        (TargetKind.AT_MOST, "5", "5", Trend.UNCHANGED),
        (TargetKind.AT_LEAST, "5", "5", Trend.UNCHANGED),
    ],
)
def test_trend_by_target_kind(
    kind: TargetKind, previous: str, current: str, expected: Trend
) -> None:
    assert trend(Target(kind, D(100)), D(previous), D(current)) is expected


@given(
    st.sampled_from(list(TargetKind)),
    st.decimals(-1000, 1000, places=1, allow_nan=False),
    st.decimals(-1000, 1000, places=1, allow_nan=False),
)
def test_swapping_the_years_turns_the_trend_round(kind: TargetKind, a: Decimal, b: Decimal) -> None:
    forward, back = trend(Target(kind, D(0)), a, b), trend(Target(kind, D(0)), b, a)
    turned = {
        Trend.BETTER: Trend.WORSE,
        Trend.WORSE: Trend.BETTER,
        Trend.UNCHANGED: Trend.UNCHANGED,
    }
    assert back is turned[forward]


def _indicator(value: str | None, history: tuple[tuple[int, Decimal], ...]) -> Indicator:
    target = Target(TargetKind.REDUCE_TO, D(90))
    return Indicator(
        "1.5", "Incidenter", target, "st", None if value is None else D(value), history=history
    )


def test_the_trend_compares_with_the_latest_earlier_year() -> None:
    found = indicator_trend(_indicator("120", ((2022, D(80)), (2023, D(150)))), 2024)
    assert found is not None
    assert (found.year, found.previous, found.trend) == (2023, D(150), Trend.BETTER)
    assert found.sentence() == "Bättre än 2023"
    assert (found.trend.word, found.trend.symbol) == ("bättre", "▲")


def test_no_trend_without_a_value_or_an_earlier_year() -> None:
    assert indicator_trend(_indicator(None, ((2023, D(1)),)), 2024) is None
    assert indicator_trend(_indicator("1", ()), 2024) is None
    assert indicator_trend(_indicator("1", ((2024, D(1)),)), 2024) is None


def test_history_problems() -> None:
    assert (
        history_problem(((2022, D(1)), (2022, D(2))), 2024)
        == "ett år förekommer två gånger i historiken"
    )
    assert history_problem(((2024, D(1)),), 2024) == "historiken ska bara ha år före 2024"
    assert history_problem(((2021, D(1)), (2023, D(2))), 2024) is None


def test_the_sentence_of_an_unchanged_trend() -> None:
    unchanged = _indicator("120", ((2023, D(120)),))
    found = indicator_trend(unchanged, 2024)
    assert found is not None and found.sentence() == "Oförändrat sedan 2023"
