"""The JSON data: the net result and the deviation from budget as two figures."""

from styra.report.data import followup_data
from tests.core.test_result import follow_up


def test_the_json_keeps_the_net_result_and_the_deviation_apart() -> None:
    # A planned surplus of 1 000 tkr and a net result of −852 tkr: deviation −1 852 tkr.
    data = followup_data(follow_up(budget_cost="9000000", outcome_cost="10852000"))
    assert data["net_result"] == {"kronor": "-852000", "tkr": "-852"}
    assert data["budgeted_result"] == {"kronor": "1000000", "tkr": "1000"}
    assert data["budget_deviation"] == {"kronor": "-1852000", "tkr": "-1852"}
    assert data["sharing"]["shared"] == "budget_deviation"
    assert data["sharing"]["total_tkr"] == "-1852"
    assert "result_tkr" not in data
