"""Adoption locks the period; a correction is explicit, justified, logged and versioned."""

from __future__ import annotations

import json

import pytest

from styra.web.followup import models as m
from styra.web.followup.reports import adopt
from tests.web.conftest import client_for, indicator, result_form, url, user


@pytest.fixture
def adopted(period: m.Period) -> m.Period:
    adopt(period.pk, user("controller"))
    period.refresh_from_db()
    return period


def test_adopting_keeps_the_report_as_version_1(period: m.Period) -> None:
    response = client_for("controller").post(
        url("adopt", period), {"reason": "Analyserna skrivs i nästa uppföljning."}
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.state == "adopted"
    assert list(period.versions.values_list("number", flat=True)) == [1]


def test_it_rejects_a_result_in_a_locked_period(adopted: m.Period) -> None:
    ind = indicator(adopted, "1.7")
    response = client_for("owner").post(url("indicator", adopted, pk=ind.pk), result_form(ind, "1"))
    assert response.status_code == 409
    assert "Perioden är fastställd" in response.content.decode()
    ind.result.refresh_from_db()
    assert ind.result.value == 19


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("section", {"markdown": "Ändrad", "version": "1"}),
        ("goal", {"override_status": "achieved", "override_justification": "x", "version": "1"}),
        ("sie_upload", {"kind": "ledger"}),
        ("excel_upload", {}),
        ("adopt", {}),
    ],
)
def test_it_rejects_every_change_in_a_locked_period(
    adopted: m.Period, name: str, data: dict[str, str]
) -> None:
    kwargs = {}
    if name == "section":
        kwargs["pk"] = m.NarrativeSection.objects.filter(period=adopted).first().pk  # type: ignore[union-attr]
    if name == "goal":
        kwargs["pk"] = m.Goal.objects.filter(period=adopted).first().pk  # type: ignore[union-attr]
    response = client_for("controller").post(url(name, adopted, **kwargs), data)
    assert response.status_code == 409
    assert m.Change.objects.filter(period=adopted).exclude(item_kind="period").count() == 0


def test_a_correction_needs_a_justification(adopted: m.Period) -> None:
    response = client_for("controller").post(url("correction", adopted), {"justification": "  "})
    assert response.status_code == 400
    adopted.refresh_from_db()
    assert adopted.state == "adopted"


def test_a_correction_produces_a_new_version_and_keeps_the_old(adopted: m.Period) -> None:
    controller = client_for("controller")
    why = "NKI-värdet kom efter fastställandet."
    assert controller.post(url("correction", adopted), {"justification": why}).status_code == 302
    ind = indicator(adopted, "1.4")
    assert (
        controller.post(url("indicator", adopted, pk=ind.pk), result_form(ind, "7,8")).status_code
        == 302
    )
    change = m.Change.objects.get(item_kind="result", item_id=ind.pk, field="value")
    assert change.correction is not None and change.correction.justification == why
    assert (
        controller.post(
            url("adopt", adopted), {"reason": "Analyserna skrivs i nästa uppföljning."}
        ).status_code
        == 302
    )
    versions = list(adopted.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].reason == why
    old = json.loads(controller.get(url("version_download", adopted, number=1, fmt="json")).content)
    new = json.loads(controller.get(url("version_download", adopted, number=2, fmt="json")).content)
    value = lambda d: d["goals"][0]["indicators"][3]["value"]  # noqa: E731
    assert (value(old), value(new)) == (None, "7.8")
