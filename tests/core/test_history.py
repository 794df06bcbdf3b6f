"""The year's earlier forecasts: the change since the previous one and their accuracy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from styra.core.accounts import ReportLine, Row, RowKind, Section
from styra.core.cycle.forecast import Forecast
from styra.core.cycle.history import (
    PastForecast,
    forecast_accuracy,
    forecast_changes,
    largest_changes,
    previous_forecast,
)
from styra.core.cycle.interim import Forecasted, interim_total
from styra.core.cycle.lines import LineToDate
from styra.core.cycle.monthly import MonthlyLine
from styra.core.cycle.profiles import BudgetMonths, Profile, ProfileKind

D = Decimal
amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)


def rows(outcomes: dict[str, Decimal]) -> list[Row]:
    found = [Row(label, RowKind.LINE, D(0), v) for label, v in outcomes.items()]
    net = sum(outcomes.values(), D(0))
    return [*found, Row("NETTORESULTAT", RowKind.TOTAL, D(0), net)]


def test_accuracy_by_hand() -> None:
    """Cost 100 forecast 90: the year ended 10 worse (−10, −10 %); revenue −50 forecast −60:
    10 less revenue than forecast, also worse (−10, −20 %)."""
    delar = PastForecast(date(2024, 8, 31), "", {"kostnad": D(90), "intakt": D(-60)})
    found = forecast_accuracy([delar], rows({"kostnad": D(100), "intakt": D(-50)}))
    cost, revenue, net = found.rows
    assert (cost.difference(0), cost.share(0)) == (D(-10), D("-0.1"))
    assert (revenue.difference(0), revenue.share(0)) == (D(-10), D("-0.2"))
    assert net.total and (net.outcome, net.forecasts[0], net.difference(0)) == (D(50), D(30), -20)
    assert delar.title == "Prognos per 31 augusti 2024"


def test_a_forecast_that_missed_a_line_has_no_net_and_the_forecasts_go_oldest_first() -> None:
    t1 = PastForecast(date(2024, 4, 30), "T1", {"kostnad": D(80)})
    delar = PastForecast(date(2024, 8, 31), "Delår", {"kostnad": D(90), "intakt": D(-60)})
    found = forecast_accuracy([delar, t1], rows({"kostnad": D(100), "intakt": D(-50)}))
    assert [p.name for p in found.forecasts] == ["T1", "Delår"]
    assert found.total.forecasts == (None, D(30))
    assert found.rows[1].difference(0) is None
    assert found.rows[0].share(0) == D("-0.2")


def test_an_outcome_of_zero_has_no_share() -> None:
    found = forecast_accuracy([PastForecast(date(2024, 8, 31), "", {"x": D(5)})], rows({"x": D(0)}))
    assert found.rows[0].difference(0) == D(5) and found.rows[0].share(0) is None


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8))
def test_the_net_difference_is_the_sum_of_the_lines(pairs: list[tuple[Decimal, Decimal]]) -> None:
    outcomes = {f"l{i}": o for i, (o, _f) in enumerate(pairs)}
    past = PastForecast(date(2024, 8, 31), "", {f"l{i}": f for i, (_o, f) in enumerate(pairs)})
    found = forecast_accuracy([past], rows(outcomes))
    lines = [r.difference(0) for r in found.rows[:-1]]
    assert found.total.difference(0) == sum(lines, D(0))  # type: ignore[arg-type]


def test_previous_forecast_is_the_latest_before_the_end() -> None:
    t1 = PastForecast(date(2024, 4, 30), "", {})
    delar = PastForecast(date(2024, 8, 31), "", {})
    assert previous_forecast([delar, t1], date(2024, 9, 30)) is delar
    assert previous_forecast([delar, t1], date(2024, 8, 31)) is t1
    assert previous_forecast([delar, t1], date(2024, 3, 31)) is None


def _line(label: str, amount: Decimal, comment: str = "") -> Forecasted:
    line = ReportLine(label, Section.COST, ())
    months = BudgetMonths((D(0),) * 12, Profile(ProfileKind.EVEN))
    row = LineToDate(MonthlyLine(line, (D(0),) * 12), months, 9, ())
    return Forecasted(row, Forecast(amount, None, comment))


def test_changes_are_previous_minus_current_and_the_largest_come_first() -> None:
    lines = [_line("a", D(100), "dyrare"), _line("b", D(50)), _line("c", D(10))]
    previous = PastForecast(date(2024, 8, 31), "", {"a": D(80), "b": D(60), "c": D(10)})
    changes = forecast_changes(previous, lines, interim_total("NETTO", lines))
    assert [(c.label, c.change, c.reason) for c in changes[:3]] == [
        ("a", D(-20), "dyrare"),
        ("b", D(10), ""),
        ("c", D(0), ""),
    ]
    assert changes[-1].total and changes[-1].change == D(-10)
    assert [c.label for c in largest_changes(changes, 5)] == ["a", "b"]
    assert [c.label for c in largest_changes(changes, 1)] == ["a"]


def test_no_net_change_unless_every_line_had_a_previous_forecast() -> None:
    lines = [_line("a", D(100)), _line("b", D(50))]
    previous = PastForecast(date(2024, 8, 31), "", {"a": D(80)})
    changes = forecast_changes(previous, lines, interim_total("NETTO", lines))
    assert [c.label for c in changes] == ["a"]
