"""Opening the next follow-up period: what is copied forward, and what is refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from styra.web.followup import ledgers, sie_preview
from styra.web.followup import models as m
from tests.web.conftest import client_for, url, user

OPEN = {"kind": "interim", "end": "2024-08-31", "report_date": "2024-09-26"}


def open_from(period: m.Period, persona: str = "controller", **data: str) -> object:
    return client_for(persona).post(url("open_next", period), OPEN | data)


def test_a_delar_opened_from_the_year_copies_the_set_up_but_no_values(period: m.Period) -> None:
    response = open_from(period)
    assert response.status_code == 302  # type: ignore[attr-defined]
    new = m.Period.objects.get(committee=period.committee, slug="2024-delar-0831")
    assert response["Location"] == url("forecast", new)  # type: ignore[index]
    assert (new.kind, new.start, new.year, new.state) == ("interim", period.start, 2024, "draft")
    assert (new.ledger_id, new.budget_id) == (period.ledger_id, period.budget_id)
    assert new.report_lines.count() == period.report_lines.count()
    assert new.projects.count() == period.projects.count()
    assert new.narrative.count() == period.narrative.count()
    assert new.governance.model == period.governance.model
    assert new.sharing_key.weights.count() == period.sharing_key.weights.count()
    old = m.Indicator.objects.get(goal__period=period, key="1.7")
    copied = m.Indicator.objects.select_related("result").get(goal__period=new, key="1.7")
    assert (copied.target_value, copied.owner_id) == (old.target_value, old.owner_id)
    assert copied.result.value is None and copied.lineage == {}
    assert not m.Goal.objects.filter(period=new).exclude(override_status="").exists()
    change = m.Change.objects.get(period=new, field="open_next")
    assert (change.old, change.new, change.by_name) == (
        "2024-helar",
        "2024-delar-0831",
        "Eva Ekonom",
    )
    assert client_for("controller").get(url("forecast", new)).status_code == 200


def test_the_latest_forecasts_are_the_next_periods_starting_choices(delar: m.Period) -> None:
    response = open_from(delar, kind="month", end="2024-09-30")
    assert response.status_code == 302  # type: ignore[attr-defined]
    month = m.Period.objects.get(committee=delar.committee, slug="2024-manad-0930")
    typed = m.Forecast.objects.get(period=month, line__key="driftbidrag")
    assert (typed.method, typed.amount) == (None, Decimal("-43752000"))
    assert "kvartalsbidrag" in typed.comment
    by_method = m.Forecast.objects.get(period=month, line__key="avgifter")
    earlier = m.Forecast.objects.get(period=delar, line__key="avgifter")
    assert by_method.method == "run_rate"
    assert by_method.amount != earlier.amount  # the run rate over nine months, not eight
    status = m.IndicatorForecast.objects.get(indicator__goal__period=month, indicator__key="1.4")
    assert status.forecast_status == "not_achieved"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"end": "2025-01-31"}, "utanför räkenskapsåret"),
        ({"end": "2024-08-30"}, "inte en månads sista dag"),
        ({"kind": "tertial", "end": "2024-06-30"}, "ett tertial slutar efter fyra eller åtta"),
        ({"end": "31/8"}, "Skriv datumet som ÅÅÅÅ-MM-DD"),
    ],
)
def test_it_refuses_an_end_that_does_not_suit(
    period: m.Period, data: dict[str, str], message: str
) -> None:
    before = m.Period.objects.count()
    response = open_from(period, **data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert m.Period.objects.count() == before


def test_it_refuses_a_period_that_exists(delar: m.Period, period: m.Period) -> None:
    response = open_from(period)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "perioden 2024-delar-0831 finns redan" in response.content.decode()  # type: ignore[attr-defined]


def test_it_refuses_an_end_before_the_current_one(delar: m.Period) -> None:
    response = open_from(delar, kind="month", end="2024-07-31")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "ska sluta efter 2024-08-31" in response.content.decode()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 403), ("reader", 403), ("outsider", 404)]
)
def test_only_the_controller_opens_a_period(period: m.Period, persona: str, status: int) -> None:
    assert open_from(period, persona).status_code == status  # type: ignore[attr-defined]
    assert not m.Period.objects.filter(slug="2024-delar-0831").exists()


def test_a_new_delar_without_forecasts_renders_its_report(period: m.Period) -> None:
    assert open_from(period).status_code == 302  # type: ignore[attr-defined]
    new = m.Period.objects.get(committee=period.committee, slug="2024-delar-0831")
    response = client_for("reader").get(url("report_download", new, fmt="json"))
    assert response.status_code == 200
    first = json.loads(response.content)["interim"]["operating"]["rows"][0]
    assert first["kronor"]["forecast"] is None  # no forecast chosen yet


def test_a_period_whose_end_does_not_suit_its_kind_shows_why_there_is_no_forecast(
    period: m.Period,
) -> None:
    period.kind = "tertial"  # as the admin could set it: a tertial ending in December
    period.save()
    page = client_for("controller").get(url("forecast", period))
    assert page.status_code == 200
    assert "passar inte periodens slag" in page.content.decode()
    assert client_for("controller").get(url("overview", period)).status_code == 200


def test_a_new_ledger_in_the_opened_period_leaves_the_shared_one_active(period: m.Period) -> None:
    assert open_from(period).status_code == 302  # type: ignore[attr-defined]
    new = m.Period.objects.get(committee=period.committee, slug="2024-delar-0831")
    shared = m.LedgerImport.objects.get(pk=period.ledger_id)
    pending = ledgers.create_import(
        new, "ledger", "ny.se", bytes(shared.content), user("controller"), state="pending"
    )
    sie_preview.confirm(new.pk, pending.pk, user("controller"))
    new.refresh_from_db()
    period.refresh_from_db()
    assert (new.ledger_id, period.ledger_id) == (pending.pk, shared.pk)
    shared.refresh_from_db()
    assert shared.state == "active"  # still the annual period's ledger
