"""The forecast page: choosing a line's forecast through the one save path."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal

import pytest

from styra.core.cycle.forecast import ForecastChoice, forecast_problem
from styra.web.followup import cycle
from styra.web.followup import models as m
from styra.web.followup.reports import adopt
from tests.web.conftest import client_for, url, user

HTMX = {"HTTP_HX_REQUEST": "true"}


def line(period: m.Period, key: str) -> m.ReportLine:
    return m.ReportLine.objects.get(period=period, key=key)


def row(period: m.Period, key: str) -> cycle.Row:
    found = cycle.period_to_date(period)
    assert found is not None
    return next(r for r in found.lines if r.pk == line(period, key).pk)


def post_line(
    period: m.Period, key: str, persona: str = "controller", htmx: bool = False, **fields: str
) -> object:
    target = line(period, key)
    prefix = f"rad-{target.pk}"
    version = getattr(getattr(target, "forecast", None), "version", 1)
    data = {f"{prefix}-{k}": v for k, v in ({"version": str(version)} | fields).items()}
    address = url("forecast_row", period, kind="rad", pk=target.pk)
    return client_for(persona).post(address, data, **(HTMX if htmx else {}))


def test_the_page_shows_each_line_to_date_with_every_proposal(delar: m.Period) -> None:
    page = client_for("reader").get(url("forecast", delar)).content.decode()
    assert "Helårsprognos" in page
    assert "januari–augusti 2024" in page
    for label in (
        "Uppräknat utfall",
        "Utfall plus återstående budget",
        "Föregående års säsongsprofil",
    ):
        assert label in page
    assert "jämna tolftedelar" in page or "budgetens månadsbelopp" in page
    assert 'type="radio"' not in page  # a reader reads


def test_a_proposal_is_saved_with_its_amount_and_audited(delar: m.Period) -> None:
    response = post_line(delar, "personal", choice="run_rate")
    assert response.status_code == 302  # type: ignore[attr-defined]
    saved = line(delar, "personal").forecast
    expected = row(delar, "personal").to_date.proposal  # type: ignore[union-attr]
    assert saved.method == "run_rate"
    assert saved.amount == expected(cycle.ForecastMethod.RUN_RATE).amount  # type: ignore[attr-defined]
    change = m.Change.objects.filter(item_kind="forecast", item_id=saved.pk)
    assert {c.field for c in change} == {"method", "amount"}
    assert change.first().by_name == "Eva Ekonom"  # type: ignore[union-attr]


def test_a_typed_amount_without_a_comment_is_refused_with_the_cores_message(
    delar: m.Period,
) -> None:
    before = line(delar, "resor").forecast.amount
    response = post_line(delar, "resor", choice="amount", amount="999")
    assert response.status_code == 400  # type: ignore[attr-defined]
    problem = forecast_problem(
        ForecastChoice(None, Decimal(999000), ""), row(delar, "resor").proposals
    )
    assert problem is not None
    assert problem in response.content.decode()  # type: ignore[attr-defined]
    assert line(delar, "resor").forecast.amount == before


def test_a_typed_amount_with_a_comment_is_saved_in_kronor(delar: m.Period) -> None:
    response = post_line(delar, "resor", choice="amount", amount="55,5", comment="Färre resor.")
    assert response.status_code == 302  # type: ignore[attr-defined]
    saved = line(delar, "resor").forecast
    assert (saved.method, saved.amount, saved.comment) == (None, Decimal("55500"), "Färre resor.")


def test_htmx_gets_the_row_back_in_place(delar: m.Period) -> None:
    response = post_line(delar, "resor", htmx=True, choice="remaining_budget")
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert body.lstrip().startswith("<form") and "Sparat: prognosen är" in body
    assert "<html" not in body
    refused = post_line(delar, "resor", htmx=True, choice="amount", amount="1")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert 'class="error"' in refused.content.decode()  # type: ignore[attr-defined]


def test_a_stale_version_is_a_conflict_and_nothing_is_written(delar: m.Period) -> None:
    target = line(delar, "resor")
    prefix = f"rad-{target.pk}"
    stale = {f"{prefix}-version": str(target.forecast.version), f"{prefix}-choice": "run_rate"}
    assert post_line(delar, "resor", choice="remaining_budget").status_code == 302  # type: ignore[attr-defined]
    address = url("forecast_row", delar, kind="rad", pk=target.pk)
    response = client_for("controller").post(address, stale)
    assert response.status_code == 409
    assert "sparade en prognos medan du arbetade" in response.content.decode()
    assert line(delar, "resor").forecast.method == "remaining_budget"


def test_it_rejects_a_forecast_in_an_adopted_period(delar: m.Period) -> None:
    adopt(delar.pk, user("controller"))
    before = m.Change.objects.filter(period=delar, item_kind="forecast").count()
    assert post_line(delar, "resor", choice="run_rate").status_code == 409  # type: ignore[attr-defined]
    assert post_line(delar, "resor", htmx=True, choice="run_rate").status_code == 409  # type: ignore[attr-defined]
    assert m.Change.objects.filter(period=delar, item_kind="forecast").count() == before


@pytest.mark.parametrize("persona", ["owner", "reader"])
def test_only_the_controller_chooses(delar: m.Period, persona: str) -> None:
    assert post_line(delar, "resor", persona, choice="run_rate").status_code == 403  # type: ignore[attr-defined]


def test_another_periods_line_is_not_found(delar: m.Period, period: m.Period) -> None:
    annual_line = line(period, "resor")
    address = url("forecast_row", delar, kind="rad", pk=annual_line.pk)
    data = {f"rad-{annual_line.pk}-choice": "run_rate", f"rad-{annual_line.pk}-version": "1"}
    assert client_for("controller").post(address, data).status_code == 404
    assert client_for("outsider").post(address, data).status_code == 404


def test_an_indicator_forecast_is_a_value_or_a_status_with_a_reason(delar: m.Period) -> None:
    ind = m.Indicator.objects.get(goal__period=delar, key="1.1")
    prefix = f"indikator-{ind.pk}"
    address = url("forecast_indicator", delar, pk=ind.pk)
    controller = client_for("controller")
    version = str(ind.forecast.version)
    data = {f"{prefix}-forecast_status": "achieved", f"{prefix}-version": version}
    refused = controller.post(address, data)
    assert refused.status_code == 400
    assert "behöver en kort motivering" in refused.content.decode()
    data[f"{prefix}-forecast_reason"] = "Kön är kortare än i fjol."
    assert controller.post(address, data).status_code == 302
    ind.forecast.refresh_from_db()
    assert (ind.forecast.forecast_status, ind.forecast.forecast_value) == ("achieved", None)
    assert m.Change.objects.filter(item_kind="indicator_forecast", field="forecast_status").exists()


def test_an_annual_period_points_to_the_years_latest_forecast(
    delar: m.Period, period: m.Period
) -> None:
    page = client_for("controller").get(url("forecast", period)).content.decode()
    assert "Den senaste prognosen för året" in page
    assert url("forecast", delar) in page


def test_an_interim_period_is_adopted_like_the_annual_one(delar: m.Period) -> None:
    controller = client_for("controller")
    m.Forecast.objects.filter(period=delar, line__key="resor").delete()
    page = controller.get(url("adopt", delar)).content.decode()
    assert "raden Resor saknar prognos" in page or "saknar prognos" in page  # a warning
    assert "Fastställ och lås perioden" in page
    assert (
        controller.post(
            url("adopt", delar), {"reason": "Analyserna skrivs i nästa uppföljning."}
        ).status_code
        == 302
    )
    delar.refresh_from_db()
    assert delar.state == "adopted"
    version = delar.versions.get()
    with zipfile.ZipFile(io.BytesIO(bytes(version.archive))) as archive:
        assert any(name.endswith("forecast.yaml") for name in archive.namelist())
    report = json.loads(controller.get(url("report_download", delar, fmt="json")).content)
    assert (report["interim"]["kind"], report["interim"]["end"]) == ("interim", "2024-08-31")


def test_the_overview_shows_the_latest_forecast_beside_the_budget(
    delar: m.Period, period: m.Period
) -> None:
    own = client_for("reader").get(url("overview", delar)).content.decode()
    assert "Periodens prognos för helåret (Delårsrapport januari–augusti 2024)" in own
    assert "−43\u202f752" in own  # driftbidrag's typed forecast, in tkr
    annual = client_for("reader").get(url("overview", period)).content.decode()
    assert "Senaste prognosen: Delårsrapport januari–augusti 2024, per 2024-08-31" in annual
    post_line(delar, "driftbidrag", choice="amount", amount="-40000", comment="Ny bedömning.")
    again = client_for("reader").get(url("overview", period)).content.decode()
    assert "−40\u202f000" in again  # not the cached page of before


def test_without_javascript_the_form_redirects_back_with_a_message(delar: m.Period) -> None:
    target = line(delar, "resor")
    data = {f"rad-{target.pk}-choice": "run_rate", f"rad-{target.pk}-version": "1"}
    data[f"rad-{target.pk}-version"] = str(target.forecast.version)
    address = url("forecast_row", delar, kind="rad", pk=target.pk)
    response = client_for("controller").post(address, data, follow=True)
    assert response.redirect_chain == [(url("forecast", delar) + f"#rad-{target.pk}", 302)]
    assert "Prognosen för RESOR &amp; KURSER är sparad" in response.content.decode()
