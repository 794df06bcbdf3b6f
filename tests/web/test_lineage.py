"""Values computed from exports keep their lineage: in the JSON report and on the page.

A person may replace a computed value by hand, with a reason; the computed value and its
lineage stay visible beside it.
"""

from __future__ import annotations

import json
from typing import Any

from styra.web.followup import models as m
from tests.web.conftest import HAND_REASON, client_for, indicator, result_form, url


def report(period: m.Period, persona: str = "reader") -> dict[str, Any]:
    response = client_for(persona).get(url("report_download", period, fmt="json"))
    assert response.status_code == 200
    return json.loads(response.content)


def json_indicator(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(i for g in data["goals"] for i in g["indicators"] if i["id"] == key)


def test_the_json_report_has_the_lineage_of_values_computed_from_exports(
    period: m.Period,
) -> None:
    data = report(period)
    for key in ("1.3", "1.5", "1.6", "1.7"):
        lineage = json_indicator(data, key)["lineage"]
        assert lineage is not None, key
        assert lineage["source"]["kind"] == "file"
        assert len(lineage["source"]["sha256"]) == 64
        assert lineage["rule"]
    assert json_indicator(data, "1.5")["lineage"]["value"] == "111"
    assert json_indicator(data, "2.4")["lineage"]["kind"] == "ledger"
    assert json_indicator(data, "2.1")["lineage"] is None


def test_an_adopted_version_keeps_the_lineage(period: m.Period) -> None:
    controller = client_for("controller")
    assert (
        controller.post(
            url("adopt", period), {"reason": "Analyserna skrivs i nästa uppföljning."}
        ).status_code
        == 302
    )
    response = controller.get(url("version_download", period, number=1, fmt="json"))
    data = json.loads(response.content)
    assert json_indicator(data, "1.5")["lineage"]["source"]["path"] == "sources/arenden-2024.csv"


def test_the_indicator_page_shows_the_lineage_in_swedish(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    page = client_for("reader").get(url("indicator", period, pk=ind.pk)).content.decode()
    assert "Ärendeexport" in page
    assert "mått:" in page
    assert ind.lineage["rule"] in page
    assert "sources/arenden-2024.csv" in page
    assert ind.lineage["source"]["sha256"] in page
    assert "ticket_export" not in page
    assert "open_at_period_end" not in page and "average_handling_time" not in page


def test_replacing_a_computed_value_needs_a_justification(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    data = result_form(ind, "95", value_justification=" ")
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), data)
    assert response.status_code == 400
    assert "Skriv varför du ersätter det värde som räknats fram ur källan." in (
        response.content.decode()
    )
    assert indicator(period, "1.5").result.value == 111


def test_a_value_entered_by_hand_is_shown_beside_the_computed_one(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "95"))
    assert response.status_code == 302
    page = client_for("reader").get(url("indicator", period, pk=ind.pk)).content.decode()
    assert "inmatat för hand; ersätter det beräknade värdet 111\xa0st" in page
    assert HAND_REASON in page
    assert "sources/arenden-2024.csv" in page  # the computed value's lineage stays
    lineage = json_indicator(report(period), "1.5")["lineage"]
    assert lineage["value"] == "111"
    assert lineage["entered_by_hand"] == {"value": "95", "justification": HAND_REASON}
    change = m.Change.objects.get(item_id=ind.pk, field="value_justification")
    assert change.new == HAND_REASON


def test_going_back_to_the_computed_value_needs_no_justification(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "95"))
    ind = indicator(period, "1.5")
    data = result_form(ind, "111", value_justification="")
    assert client_for("owner").post(url("indicator", period, pk=ind.pk), data).status_code == 302
    result = indicator(period, "1.5").result
    assert (result.value, result.value_justification) == (111, "")
