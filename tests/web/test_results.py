"""Result entry: the status follows the value, overrides need a reason, history and conflicts."""

from __future__ import annotations

from decimal import Decimal

from styra.web.followup import models as m
from tests.web.conftest import client_for, indicator, result_form, url, user


def goal_status(period: m.Period, key: str) -> str:
    page = client_for("reader").get(url("overview", period)).content.decode()
    goal = m.Goal.objects.get(period=period, key=key)
    block = page.split(f'id="mal-{goal.pk}"', 1)[1].split("</h3>", 1)[0]
    return block


def test_entering_a_result_changes_the_goals_status(period: m.Period) -> None:
    assert "Uppnås delvis" in goal_status(period, "1")
    ind = indicator(period, "1.7")
    owner = client_for("owner")
    response = owner.post(url("indicator", period, pk=ind.pk), result_form(ind, "50"))
    assert response.status_code == 302
    assert "Uppnås ej" in goal_status(period, "1")
    follow = owner.get(response["Location"])
    assert "bedöms nu: Uppnås ej (förut Uppnås delvis)" in follow.content.decode()


def test_it_accepts_swedish_number_typography(period: m.Period) -> None:
    ind = indicator(period, "1.2")
    client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "1 234,5"))
    ind.result.refresh_from_db()
    assert str(ind.result.value) == "1234.5"


def test_it_rejects_a_value_that_is_not_a_number_beside_the_field(period: m.Period) -> None:
    ind = indicator(period, "1.2")
    data = result_form(ind, "mycket")
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), data)
    assert response.status_code == 400
    assert "Skriv ett tal" in response.content.decode()


def test_an_override_requires_a_justification(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    data = result_form(ind, "111", override_status="achieved", override_justification=" ")
    response = client_for("controller").post(url("indicator", period, pk=ind.pk), data)
    assert response.status_code == 400
    assert "Skriv varför bedömningen avviker" in response.content.decode()
    data["override_justification"] = "Mätningen byttes mitt i året."
    response = client_for("controller").post(url("indicator", period, pk=ind.pk), data)
    assert response.status_code == 302
    ind.result.refresh_from_db()
    assert ind.result.override_status == "achieved"
    assert ind.result.override_by == "Eva Ekonom"


def test_every_change_is_in_the_items_history(period: m.Period) -> None:
    ind = indicator(period, "1.1")
    client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "16"))
    change = m.Change.objects.get(item_kind="result", item_id=ind.pk, field="value")
    assert (change.old, change.new, change.by_name) == ("18", "16", "Ingrid Indikatoransvarig")
    page = client_for("reader").get(url("item_history", period, kind="indikator", pk=ind.pk))
    assert "Ingrid Indikatoransvarig" in page.content.decode()


def test_the_second_saver_gets_a_conflict_with_the_others_value(period: m.Period) -> None:
    ind = indicator(period, "1.6")
    first = result_form(ind, "100")
    second = result_form(ind, "120")  # both started from the same version
    assert client_for("owner").post(url("indicator", period, pk=ind.pk), first).status_code == 302
    response = client_for("controller").post(url("indicator", period, pk=ind.pk), second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Någon annan sparade först" in page
    assert "<strong>100</strong>" in page
    assert 'value="120"' in page  # the second saver's value is kept in the form
    ind.result.refresh_from_db()
    assert ind.result.value == 100


def test_a_derived_indicator_cannot_be_entered(period: m.Period) -> None:
    ind = indicator(period, "2.4")
    response = client_for("controller").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "5")
    )
    assert response.status_code == 403


def test_the_preview_shows_the_status_before_saving(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    response = client_for("owner").post(url("preview", period, pk=ind.pk), {"value": "50"})
    assert "Uppnås ej" in response.content.decode()
    ind.result.refresh_from_db()
    assert ind.result.value == 19


def test_a_period_set_up_in_the_admin_shows_without_goverance_or_accounts(
    period: m.Period,
) -> None:
    bare = m.Period.objects.create(
        committee=period.committee,
        slug="2025-helar",
        year=2025,
        kind="annual",
        start=period.start.replace(year=2025),
        end=period.end.replace(year=2025),
        report_date=period.report_date.replace(year=2026),
    )
    goal = m.Goal.objects.create(period=bare, key="1", name="Ett nytt mål")
    ind = m.Indicator.objects.create(
        goal=goal, key="1.1", name="Ny indikator", target_kind="at_least", target_value="5"
    )
    assert ind.result.value is None
    page = client_for("reader").get(url("overview", bare))
    assert page.status_code == 200
    assert "Ny indikator" in page.content.decode()


def test_a_save_that_loses_the_race_writes_nothing(period: m.Period) -> None:
    from styra.web.followup import editing
    from styra.web.followup.access import Access

    ind = indicator(period, "1.5")  # loaded at version 1
    m.Result.objects.filter(pk=ind.result.pk).update(value="99", version=2)  # someone else
    owner = user("owner")
    access = Access(period.committee, m.Role.OWNER, owner.pk, period)
    new = {"value": Decimal(80), "value_justification": "Räknat om för hand"}
    conflict = editing.save_result(access, owner, ind, 1, new)
    assert conflict is not None and conflict.current.value == 99
    assert m.Change.objects.filter(item_kind="result", item_id=ind.pk).count() == 0


def test_the_history_shows_numbers_as_people_write_them(period: m.Period) -> None:
    ind = indicator(period, "1.4")
    for old, new in (("", "7.123456789"), ("7.123456789", "-0"), ("-0", "100000")):
        m.Change.objects.create(
            period=period, item_kind="result", item_id=ind.pk, item_label=str(ind),
            field="value", old=old, new=new,
        )  # fmt: skip
    page = client_for("reader").get(url("item_history", period, kind="indikator", pk=ind.pk))
    text = page.content.decode()
    assert "7,123456789" in text and "100\u202f000" in text
    assert "7.123456789" not in text and ">-0<" not in text and "100000" not in text


def test_a_goal_without_indicators_shows_why_on_the_overview_and_the_report(
    period: m.Period,
) -> None:
    goal = m.Goal.objects.get(period=period, key="1")
    goal.indicators.all().delete()
    goal.no_indicators = "Indikatorerna för service tas fram under 2025."
    goal.save()
    reader = client_for("reader")
    for page in (url("overview", period), url("report", period)):
        content = reader.get(page).content.decode()
        assert "Inga indikatorer: Indikatorerna för service tas fram under 2025." in content
    summary = "1st av 2 bedöms uppnås delvis och 1st av 2 bedöms sakna underlag"
    assert summary in reader.get(url("overview", period)).content.decode()
