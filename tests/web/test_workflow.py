"""Deadlines, assignments and ready-marking as the controller and an indicator owner use them.

The example (examples/sydnarke-it-2024) gives the owner (Ingrid Indikatoransvarig) goal 1's
indicators; 1.4 has no value. Goals and narrative sections start without anyone.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from styra.web.followup import models as m
from styra.web.followup.access import Access, PeriodLocked
from styra.web.followup.todo import todo
from styra.web.workflow import demo as workflow_demo
from styra.web.workflow import parts
from styra.web.workflow.models import Deadline, Part, PartState
from tests.web.conftest import client_for, indicator, result_form, url, user

DEADLINE = "2025-02-14"


def goal(period: m.Period, key: str) -> m.Goal:
    return m.Goal.objects.get(period=period, key=key)


def section(period: m.Period) -> m.NarrativeSection:
    return m.NarrativeSection.objects.filter(period=period).order_by("position").first()  # type: ignore[return-value]


def form_data(period: m.Period, deadline: str = DEADLINE, **people: Any) -> dict[str, str]:
    """The page's form as posted: every part keeps its person unless named in ``people``
    (field name → user or None)."""
    data = {"deadline": deadline}
    for part in parts.parts_of(period):
        name = f"{part.kind.slug}-{part.item.pk}"
        person = people.get(name, part.assignee)
        data[name] = "" if person is None else str(person.pk)
    return data


def field(item: Any) -> str:
    return f"{parts.kind_of(item).slug}-{item.pk}"


def access_of(persona: str, period: m.Period) -> Access:
    role = m.Assignment.objects.get(user=user(persona), committee=period.committee).role
    return Access(period.committee, role, user(persona).pk, period)


def state(item: Any) -> str:
    found = Part.objects.filter(**{parts.kind_of(item).field: item}).first()
    return PartState.OPEN if found is None else found.state


def ready_changes(item: Any) -> list[tuple[str, str, str]]:
    kind = parts.kind_of(item).item_kind
    rows = m.Change.objects.filter(item_kind=kind, item_id=item.pk, field="Klarmarkering")
    return [(c.old, c.new, c.note) for c in rows.order_by("id")]


def with_deadline(period: m.Period) -> None:
    parts.set_deadline(period, user("controller"), date(2025, 2, 14))


def mark(persona: str, period: m.Period, item: Any) -> Any:
    address = url("mark_ready", period, kind=parts.kind_of(item).slug, pk=item.pk)
    return client_for(persona).post(address)


def not_ready(period: m.Period) -> list[str]:
    return [i.label for i in todo(period) if i.kind == "not_ready"]


def test_the_controller_sets_the_deadline_and_gives_parts_to_people(period: m.Period) -> None:
    goal_2, text = goal(period, "2"), section(period)
    data = form_data(period, **{field(goal_2): user("owner"), field(text): user("controller")})
    response = client_for("controller").post(url("responsibilities", period), data)
    assert response.status_code == 302
    assert Deadline.objects.get(period=period).due == date(2025, 2, 14)
    assert Part.objects.get(goal=goal_2).assignee == user("owner")
    assert Part.objects.get(section=text).assignee == user("controller")
    trail = m.Change.objects.filter(period=period)
    assert trail.get(field="Deadline").new == DEADLINE
    assigned = trail.get(field="Ansvarig", item_kind="goal", item_id=goal_2.pk)
    assert (assigned.old, assigned.new) == ("", "Ingrid Indikatoransvarig")
    assert assigned.by == user("controller")
    page = client_for("controller").get(url("responsibilities", period)).content.decode()
    assert f'value="{DEADLINE}"' in page


def test_an_indicators_person_is_its_owner_and_may_then_enter_its_value(
    period: m.Period,
) -> None:
    ind = indicator(period, "2.1")
    assert ind.owner is None
    data = form_data(period, **{field(ind): user("owner")})
    assert client_for("controller").post(url("responsibilities", period), data).status_code == 302
    ind.refresh_from_db()
    assert ind.owner == user("owner")
    assert not Part.objects.filter(indicator=ind, assignee__isnull=False).exists()
    # The owner's right to change it follows from the one field.
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "3"))
    assert response.status_code == 302
    assert indicator(period, "2.1").result.value == 3


def test_only_a_controller_or_an_indicator_owner_can_be_given_a_part(period: m.Period) -> None:
    data = form_data(period, **{field(goal(period, "1")): user("reader")})
    response = client_for("controller").post(url("responsibilities", period), data)
    assert response.status_code == 400
    assert not Part.objects.filter(goal__period=period).exists()
    assert not Deadline.objects.exists()


def test_a_bad_deadline_is_refused_with_the_form_speaking(period: m.Period) -> None:
    data = form_data(period, deadline="14 februari")
    response = client_for("controller").post(url("responsibilities", period), data)
    assert response.status_code == 400
    assert 'id="id_deadline_error"' in response.content.decode()
    assert not Deadline.objects.exists()


def test_the_owner_sees_the_task_and_marks_it_ready(period: m.Period) -> None:
    with_deadline(period)
    ind = indicator(period, "1.4")
    owner = client_for("owner")
    home = owner.get(reverse("home"))
    assert home.status_code == 200  # the start page, not the committee, while parts are open
    page = home.content.decode()
    assert "Mina uppgifter" in page
    assert f'<a href="{url("indicator", period, pk=ind.pk)}">Indikator 1.4 ' in page
    assert DEADLINE in page and "ej klar" in page
    before = not_ready(period)
    assert any(label.startswith("Indikator 1.4 ") for label in before)

    assert mark("owner", period, ind).status_code == 302
    assert state(ind) == PartState.READY
    assert ready_changes(ind) == [("ej klar", "klar", "")]
    after = not_ready(period)
    assert len(after) == len(before) - 1
    assert not any(label.startswith("Indikator 1.4 ") for label in after)
    page = owner.get(reverse("home")).content.decode()
    link = url("indicator", period, pk=ind.pk)
    row = re.search(rf'<tr class="part-(\w+)">\s*<th scope="row"><a href="{link}"', page)
    assert row is not None and row.group(1) == "ready"


def test_only_the_parts_person_marks_it_ready(period: m.Period) -> None:
    ind = indicator(period, "1.4")
    assert mark("controller", period, ind).status_code == 403
    assert mark("reader", period, ind).status_code == 403
    assert mark("outsider", period, ind).status_code == 404
    assert state(ind) == PartState.OPEN


def test_the_controller_reopens_with_a_comment_the_owner_reads(period: m.Period) -> None:
    ind = indicator(period, "1.4")
    mark("owner", period, ind)
    address = url("reopen", period, kind="indikator", pk=ind.pk)
    controller = client_for("controller")
    assert controller.post(address, {"comment": " "}).status_code == 400
    assert state(ind) == PartState.READY
    comment = "Utfallet saknar december; komplettera med siffran från ärendesystemet."
    assert controller.post(address, {"comment": comment}).status_code == 302
    assert state(ind) == PartState.REOPENED
    assert ready_changes(ind)[-1] == ("klar", "återöppnad", comment)
    page = client_for("owner").get(url("indicator", period, pk=ind.pk)).content.decode()
    assert comment in page and "Markera som klar" in page
    # Reopening what is not ready changes nothing.
    mark("owner", period, ind)
    controller.post(address, {"comment": comment})
    controller.post(address, {"comment": "igen"})
    assert [new for _old, new, _note in ready_changes(ind)] == [
        "klar",
        "återöppnad",
        "klar",
        "återöppnad",
    ]


def test_a_value_changed_in_the_form_after_ready_goes_back_to_not_ready(
    period: m.Period,
) -> None:
    ind = indicator(period, "1.4")
    mark("owner", period, ind)
    response = client_for("owner").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "7,8")
    )
    assert response.status_code == 302
    assert state(ind) == PartState.OPEN
    assert ready_changes(ind)[-1] == ("klar", "ej klar", "Ändrad efter klarmarkeringen.")
    last = m.Change.objects.filter(field="Klarmarkering").order_by("-id").first()
    assert last is not None and last.by == user("owner")


def test_a_value_changed_through_the_excel_sheet_after_ready_goes_back_to_not_ready(
    period: m.Period,
) -> None:
    ind = indicator(period, "1.4")
    mark("owner", period, ind)
    owner = client_for("owner")
    book = load_workbook(io.BytesIO(owner.get(url("excel_download", period)).content))
    ws = book["Indikatorer"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1.4")
    ws.cell(row, 6).value = 7.8
    out = io.BytesIO()
    book.save(out)
    upload = {"file": SimpleUploadedFile("ifyllt.xlsx", out.getvalue())}
    assert owner.post(url("excel_upload", period), upload).status_code == 302
    assert str(indicator(period, "1.4").result.value) == "7.8"
    assert state(ind) == PartState.OPEN
    assert ready_changes(ind)[-1][:2] == ("klar", "ej klar")


def test_an_unchanged_save_and_another_part_leave_a_ready_part_ready(period: m.Period) -> None:
    ind, other = indicator(period, "1.4"), indicator(period, "1.5")
    mark("owner", period, ind)
    client_for("owner").post(url("indicator", period, pk=other.pk), result_form(other, "95"))
    assert state(ind) == PartState.READY
    assert state(other) == PartState.OPEN


def test_a_reopened_part_stays_reopened_when_changed(period: m.Period) -> None:
    ind = indicator(period, "1.4")
    mark("owner", period, ind)
    parts.reopen(access_of("controller", period), user("controller"), ind, "Kolla källan.")
    client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "7,8"))
    assert state(ind) == PartState.REOPENED


def test_a_goal_and_a_section_go_back_to_not_ready_when_changed(period: m.Period) -> None:
    goal_1, text = goal(period, "1"), section(period)
    for item in (goal_1, text):
        parts.assign(period, user("controller"), item, user("controller"))
        assert mark("controller", period, item).status_code == 302
        assert state(item) == PartState.READY
    page = client_for("controller").get(url("goal", period, pk=goal_1.pk)).content.decode()
    assert "Klarmarkering" in page and "Återöppna med en kommentar" in page
    controller = client_for("controller")
    override = {
        "override_status": "achieved",
        "override_justification": "Nämnden bedömer målet som uppnått.",
        "version": str(goal_1.version),
    }
    assert controller.post(url("goal", period, pk=goal_1.pk), override).status_code == 302
    assert state(goal_1) == PartState.OPEN
    edited = {"markdown": text.markdown + "\n\nEtt tillägg.", "version": str(text.version)}
    assert controller.post(url("section", period, pk=text.pk), edited).status_code == 302
    assert state(text) == PartState.OPEN


def test_a_new_person_for_a_ready_part_makes_it_not_ready(period: m.Period) -> None:
    goal_1 = goal(period, "1")
    parts.assign(period, user("controller"), goal_1, user("controller"))
    mark("controller", period, goal_1)
    parts.assign(period, user("controller"), goal_1, user("owner"))
    assert state(goal_1) == PartState.OPEN


def test_without_a_deadline_nothing_is_asked_and_the_owner_lands_in_the_committee(
    period: m.Period,
) -> None:
    assert not_ready(period) == []
    assert client_for("owner").get(reverse("home")).status_code == 302


def test_a_deadline_far_ahead_leaves_the_owner_landing_in_the_committee(
    period: m.Period,
) -> None:
    """The start page becomes the list of tasks when the reminders begin (seven days)."""
    today = timezone.localdate()
    parts.set_deadline(period, user("controller"), today + timedelta(days=8))
    assert client_for("owner").get(reverse("home")).status_code == 302
    parts.set_deadline(period, user("controller"), today + timedelta(days=7))
    assert client_for("owner").get(reverse("home")).status_code == 200
    for ind in m.Indicator.objects.filter(owner=user("owner")):
        parts.mark_ready(access_of("owner", period), user("owner"), ind)
    assert client_for("owner").get(reverse("home")).status_code == 302


def test_the_list_names_the_person_and_links_the_part(period: m.Period) -> None:
    with_deadline(period)
    ind = indicator(period, "1.4")
    item = next(i for i in todo(period) if i.label.startswith("Indikator 1.4 "))
    assert item.url == url("indicator", period, pk=ind.pk)
    assert item.text == f"Inte klarmarkerad av Ingrid Indikatoransvarig (deadline {DEADLINE})."
    page = client_for("controller").get(url("overview", period)).content.decode()
    assert "Inte klarmarkerad av Ingrid Indikatoransvarig" in page


def _adopted(period: m.Period) -> None:
    m.Period.objects.filter(pk=period.pk).update(state=m.PeriodState.ADOPTED)


def test_a_locked_period_refuses_every_workflow_change_through_the_web(period: m.Period) -> None:
    ind = indicator(period, "1.4")
    mark("owner", period, ind)
    _adopted(period)
    controller = client_for("controller")
    data = form_data(period, **{field(goal(period, "1")): user("owner")})
    assert controller.post(url("responsibilities", period), data).status_code == 409
    address = url("reopen", period, kind="indikator", pk=ind.pk)
    assert controller.post(address, {"comment": "Fel"}).status_code == 409
    Part.objects.filter(indicator=ind).update(state=PartState.OPEN)
    assert mark("owner", period, ind).status_code == 409
    assert not Deadline.objects.exists()
    assert not Part.objects.filter(goal__period=period).exists()
    assert state(ind) == PartState.OPEN
    page = controller.get(url("responsibilities", period)).content.decode()
    assert "kan inte ändras" in page and "<select" not in page


@pytest.mark.parametrize("action", ["deadline", "assign", "ready", "reopen"])
def test_a_period_adopted_after_it_was_read_refuses_every_workflow_change(
    period: m.Period, action: str
) -> None:
    """The lock is read again inside the write (lock_for_write), not only at the door."""
    ind = indicator(period, "1.4")
    if action == "reopen":
        mark("owner", period, ind)
    stale = m.Period.objects.get(pk=period.pk)  # read while still a draft
    _adopted(period)
    calls = {
        "deadline": lambda: parts.set_deadline(stale, user("controller"), date(2025, 3, 1)),
        "assign": lambda: parts.assign(stale, user("controller"), ind, user("controller")),
        "ready": lambda: parts.mark_ready(access_of("owner", stale), user("owner"), ind),
        "reopen": lambda: parts.reopen(
            access_of("controller", stale), user("controller"), ind, "x"
        ),
    }
    trail = m.Change.objects.count()
    with pytest.raises(PeriodLocked):
        calls[action]()
    assert m.Change.objects.count() == trail
    assert indicator(period, "1.4").owner == user("owner")
    assert not Deadline.objects.exists()
    assert state(ind) == (PartState.READY if action == "reopen" else PartState.OPEN)


def test_the_demo_has_a_deadline_a_month_ahead_and_parts_given_to_people(
    period: m.Period,
) -> None:
    workflow_demo.set_up(period.committee.slug, "ekonom", ["ekonom", "indikatoransvarig"])
    assert Deadline.objects.get(period=period).due == timezone.localdate() + timedelta(days=30)
    assert {p.assignee for p in Part.objects.filter(goal__period=period)} == {user("controller")}
    assert Part.objects.filter(section__period=period).count() == period.narrative.count() > 0
    assert user("owner").email == "indikatoransvarig@example.org"
    labels = not_ready(period)
    assert "Nämndmål 1 " + goal(period, "1").name in labels
    assert any(label.startswith("Indikator 1.4 ") for label in labels)
    # A second start changes nothing it set.
    workflow_demo.set_up(period.committee.slug, "ekonom", ["ekonom"])
    assert Part.objects.filter(period=period).count() == len(goal_and_section_parts(period))


def goal_and_section_parts(period: m.Period) -> list[Any]:
    return [p for p in parts.parts_of(period) if p.kind.field != "indicator"]


def test_a_derived_indicator_is_nobodys_part(period: m.Period) -> None:
    derived = m.Indicator.objects.get(goal__period=period, key="2.4")
    assert derived.derived
    assert derived.pk not in [
        p.item.pk for p in parts.parts_of(period) if p.kind.slug == "indikator"
    ]
    page = client_for("controller").get(url("indicator", period, pk=derived.pk)).content.decode()
    assert "Klarmarkering" not in page
    page = client_for("controller").get(url("indicator", period, pk=indicator(period, "2.1").pk))
    assert "Klarmarkering" in page.content.decode()
