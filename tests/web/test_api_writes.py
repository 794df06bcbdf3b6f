"""Writing through the API: the same rules, lock, versions and audit as the web form.

A push into an adopted period answers 423 and changes nothing; a push into a draft
changes the stored values, the overview, the audit trail and the report exactly as the
same change made through the web form does (each made from the same fresh state).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction

from styra.web.followup import models as m
from styra.web.followup.reports import adopt, render_period
from tests.web.conftest import (
    HAND_REASON,
    client_for,
    indicator,
    result_form,
    url,
    user,
)
from tests.web.test_api_support import ApiClient, base, token_for

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def _push(period: m.Period, ind: m.Indicator, **body: Any) -> Any:
    client = ApiClient(token_for("controller"))
    path = f"{base(period)}/indicators/{ind.pk}/result"
    return client.call("PATCH", path, {"version": ind.result.version, **body})


def _state(period: m.Period) -> dict[str, Any]:
    """What a change may touch: stored results, the trail (but who and when), the report
    and the overview as the controller sees it."""
    period.refresh_from_db()
    results = list(
        m.Result.objects.filter(indicator__goal__period=period)
        .order_by("indicator__key")
        .values_list("indicator__key", "value", "value_justification", "analysis", "version")
    )
    trail = list(
        m.Change.objects.filter(period=period)
        .order_by("id")
        .values_list("item_kind", "item_id", "item_label", "field", "old", "new", "note", "by")
    )
    cache.clear()
    page = client_for("controller").get(url("overview", period))
    return {
        "results": results,
        "trail": trail,
        "by_name": list(
            m.Change.objects.filter(period=period).order_by("id").values_list("by_name", flat=True)
        ),
        "revision": period.revision,
        "report": json.loads(render_period(period, "json")),
        "overview": CSRF.sub(b"", page.content),
    }


def _from_fresh_state(change: Callable[[], None], period: m.Period) -> dict[str, Any]:
    """The state after ``change``, which is then rolled back: each variant starts fresh."""
    with transaction.atomic():
        change()
        found = _state(period)
        transaction.set_rollback(True)
    cache.clear()
    return found


@pytest.mark.slow  # adopts, or renders the report twice: 2-5 s
def test_a_push_into_a_draft_changes_what_the_web_form_changes(period: m.Period) -> None:
    ind = indicator(period, "1.1")
    before = _state(period)

    def by_form() -> None:
        response = client_for("controller").post(
            url("indicator", period, pk=ind.pk), result_form(ind, "14")
        )
        assert response.status_code == 302

    def by_api() -> None:
        response = _push(period, ind, value="14", value_justification=HAND_REASON)
        assert response.status_code == 200, response.content
        assert response.json()["value"] == "14"
        assert response.json()["status"] == "achieved"

    form = _from_fresh_state(by_form, period)
    api = _from_fresh_state(by_api, period)
    assert api["results"] == form["results"] != before["results"]
    assert api["trail"] == form["trail"] != before["trail"]
    assert api["report"] == form["report"] != before["report"]
    assert api["overview"] == form["overview"] != before["overview"]
    assert api["revision"] == form["revision"] == before["revision"] + 1
    new_form = form["by_name"][len(before["by_name"]) :]
    new_api = api["by_name"][len(before["by_name"]) :]
    assert new_form == ["Eva Ekonom", "Eva Ekonom"]
    assert new_api == ["Eva Ekonom (API-nyckel controller-nyckel)"] * 2
    row = re.search(rf'<tr id="indikator-{ind.pk}">.*?</tr>', api["overview"].decode(), re.S)
    assert row is not None
    assert ">14\u00a0st<" in row.group(0)
    assert "uppnås" in row.group(0).lower()


@pytest.mark.slow  # adopts, or renders the report twice: 2-5 s
def test_a_line_analysis_through_the_api_is_the_forms(period: m.Period) -> None:
    line = m.ReportLine.objects.filter(period=period).first()
    assert line is not None
    text = "Avvikelsen beror på licenser som betalades i förskott."

    def by_form() -> None:
        response = client_for("controller").post(
            url("line", period, pk=line.pk), {"analysis": text, "version": "1"}
        )
        assert response.status_code == 302

    def by_api() -> None:
        client = ApiClient(token_for("controller"))
        path = f"{base(period)}/operating/{line.pk}/analysis"
        response = client.call("PUT", path, {"analysis": text, "version": 1})
        assert response.status_code == 200, response.content
        assert response.json()["analysis"] == text

    form, api = _from_fresh_state(by_form, period), _from_fresh_state(by_api, period)
    assert api["trail"] == form["trail"]
    assert api["report"] == form["report"]
    assert api["overview"] == form["overview"]
    assert m.Change.objects.filter(period=period, item_kind="line").count() == 0  # rolled back


@pytest.fixture
def adopted(period: m.Period) -> m.Period:
    adopt(period.pk, user("controller"), reason="Fastställd i testet.", open_items=1)
    period.refresh_from_db()
    return period


@pytest.mark.slow  # adopts, or renders the report twice: 2-5 s
def test_a_push_into_an_adopted_period_is_423_and_changes_nothing(adopted: m.Period) -> None:
    ind = indicator(adopted, "1.1")
    before = _state(adopted)
    response = _push(adopted, ind, value="14", value_justification=HAND_REASON)
    assert response.status_code == 423
    assert response.json()["detail"].startswith("Perioden är fastställd och låst")
    line = m.ReportLine.objects.filter(period=adopted).first()
    assert line is not None
    client = ApiClient(token_for("controller"))
    path = f"{base(adopted)}/operating/{line.pk}/analysis"
    assert client.call("PUT", path, {"analysis": "x", "version": 1}).status_code == 423
    assert _state(adopted) == before


@pytest.mark.slow  # adopts, or renders the report twice: 2-5 s
def test_a_forecast_in_an_adopted_delar_is_423(delar: m.Period) -> None:
    adopt(delar.pk, user("controller"), reason="Fastställd i testet.", open_items=1)
    client = ApiClient(token_for("controller"))
    row = m.ReportLine.objects.filter(period=delar).first()
    assert row is not None
    before = list(m.Forecast.objects.filter(line=row).values_list("amount", "comment", "version"))
    body = {"version": 1, "choice": "amount", "amount": "-100", "comment": "Känd kostnad."}
    response = client.call("PUT", f"{base(delar)}/forecasts/rad/{row.pk}", body)
    assert response.status_code == 423
    stored = m.Forecast.objects.filter(line=row).values_list("amount", "comment", "version")
    assert list(stored) == before


def test_a_stale_version_is_409_naming_who_saved(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    first = _push(period, ind, analysis="Först")
    assert first.status_code == 200
    second = _push(period, ind, analysis="Sedan")  # ind still holds the version read
    assert second.status_code == 409
    body = second.json()
    assert body["version"] == ind.result.version + 1
    assert body["by"] == "Eva Ekonom (API-nyckel controller-nyckel)"
    ind.result.refresh_from_db()
    assert ind.result.analysis == "Först"


def test_a_rule_break_is_422_in_swedish_naming_the_field(period: m.Period) -> None:
    ind = indicator(period, "1.1")
    response = _push(period, ind, value="14")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "value_justification",
            "message": "Skriv varför du ersätter det värde som räknats fram ur källan.",
        }
    ]
    bad = _push(period, ind, value="fjorton")
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "value", "message": "ska vara ett tal, till exempel 72.25"}
    ]
    client = ApiClient(token_for("controller"))
    missing = client.call("PATCH", f"{base(period)}/indicators/{ind.pk}/result", {})
    assert missing.json()["errors"] == [{"field": "version", "message": "saknas"}]
    ind.result.refresh_from_db()
    assert ind.result.value == 18


def test_an_owner_may_not_push_another_owners_or_a_derived_value(period: m.Period) -> None:
    client = ApiClient(token_for("owner"))
    for key in ("2.1", "2.4"):  # goal 2's indicators are not theirs; 2.4 is derived
        ind = indicator(period, key)
        path = f"{base(period)}/indicators/{ind.pk}/result"
        response = client.call("PATCH", path, {"version": 1, "value": "3"})
        assert response.status_code == 403, (key, response.content)
    assert m.Change.objects.filter(period=period, item_kind="result").count() == 0


@pytest.mark.slow  # adopts, or renders the report twice: 2-5 s
def test_forecasts_are_written_as_on_the_forecast_page(delar: m.Period) -> None:
    client = ApiClient(token_for("controller"))
    read = client.get(f"{base(delar)}/forecasts").json()
    assert read["available"] is True
    row = read["lines"][0]
    body = {"version": row["version"], "choice": "amount", "amount": "-100", "comment": ""}
    refused = client.call("PUT", f"{base(delar)}/forecasts/rad/{row['id']}", body)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"comment"}
    body["comment"] = "Licenserna blir dyrare."
    saved = client.call("PUT", f"{base(delar)}/forecasts/rad/{row['id']}", body)
    assert saved.status_code == 200, saved.content
    assert saved.json()["amount"] == "-100000"
    ind = read["indicators"][0]
    both = {"version": ind["version"], "forecast_value": "3", "forecast_status": "achieved"}
    path = f"{base(delar)}/forecasts/indicators/{ind['id']}"
    assert client.call("PUT", path, both).status_code == 422
    ok = client.call("PUT", path, {"version": ind["version"], "forecast_value": "3"})
    assert ok.status_code == 200
    assert ok.json()["forecast_value"] == "3"
    names = set(
        m.Change.objects.filter(period=delar, item_kind__contains="forecast").values_list(
            "by_name", flat=True
        )
    )
    assert names == {"Eva Ekonom (API-nyckel controller-nyckel)"}


def test_the_indicator_list_shows_a_push_at_once(period: m.Period) -> None:
    client = ApiClient(token_for("owner"))
    listed = {i["key"]: i for i in client.get(f"{base(period)}/indicators").json()}
    assert (listed["1.7"]["analysis"], listed["1.7"]["editable"], listed["2.1"]["editable"]) == (
        "",
        True,
        False,
    )
    ind = indicator(period, "1.7")
    path = f"{base(period)}/indicators/{ind.pk}/result"
    assert client.call("PATCH", path, {"version": 1, "analysis": "Ny"}).status_code == 200
    again = {i["key"]: i for i in client.get(f"{base(period)}/indicators").json()}
    assert again["1.7"]["analysis"] == "Ny"
    assert again["1.7"]["entered"] is None  # the analysis changed, not the value
    reader = {
        i["key"]: i for i in ApiClient(token_for("reader")).get(f"{base(period)}/indicators").json()
    }
    assert reader["1.7"]["editable"] is False
