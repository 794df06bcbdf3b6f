"""Every new address of the workflow × every role, as one table (the idea of
test_permissions.py): an outsider and another municipality's controller get 404, a role that
may not gets 403, anonymous is sent to sign in (302). Roles over a municipality read a
committee as its reader and change nothing here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from styra.web.followup import models as m
from styra.web.workflow import parts
from tests.web.conftest import client_for, indicator, other_period, url, user
from tests.web.roles_table import LEAK_PERSONAS, Case, Request, by_role, check_access, check_hidden


def _ready(p: m.Period) -> m.Indicator:
    """1.4, its owner's, marked ready by the owner."""
    ind = indicator(p, "1.4")
    parts._set_state(p, ind.owner, ind, "ready", "")
    return ind


def _controllers_goal(p: m.Period) -> m.Goal:
    found = m.Goal.objects.get(period=p, key="2")
    controller = m.Assignment.objects.filter(committee=p.committee, role=m.Role.CONTROLLER).first()
    if controller is not None:  # another municipality's committee has none in the tests
        parts.assign(p, controller.user, found, controller.user)
    return found


def responsibilities_page(p: m.Period) -> Request:
    return url("responsibilities", p), None


def save_responsibilities(p: m.Period) -> Request:
    data = {"deadline": "2025-02-14"}
    for part in parts.parts_of(p):
        data[f"{part.kind.slug}-{part.item.pk}"] = str(part.assignee.pk) if part.assignee else ""
    return url("responsibilities", p), data


def mark_indicator(p: m.Period) -> Request:
    ind = indicator(p, "1.4")
    return url("mark_ready", p, kind="indikator", pk=ind.pk), {}


def mark_goal(p: m.Period) -> Request:
    return url("mark_ready", p, kind="mal", pk=_controllers_goal(p).pk), {}


def reopen_page(p: m.Period) -> Request:
    return url("reopen", p, kind="indikator", pk=_ready(p).pk), None


def reopen(p: m.Period) -> Request:
    address = url("reopen", p, kind="indikator", pk=_ready(p).pk)
    return address, {"comment": "Komplettera analysen."}


CASES = [
    Case("responsibilities", responsibilities_page, 200, 403),
    Case("save responsibilities", save_responsibilities, 302, 403),
    Case("mark an indicator ready", mark_indicator, 403, 302),
    Case("mark a goal ready", mark_goal, 302, 403),
    Case("reopen page", reopen_page, 200, 403),
    Case("reopen", reopen, 302, 403),
]


@by_role(CASES)
def test_access(case: Case, persona: str, period: m.Period) -> None:
    check_access(case, persona, period)


@by_role(CASES, LEAK_PERSONAS)
def test_another_municipalitys_committee_is_404_at_every_new_address(
    case: Case, persona: str, db: Any
) -> None:
    check_hidden(case, persona, other_period())


def test_an_unknown_kind_of_part_is_404(period: m.Period) -> None:
    address = url("mark_ready", period, kind="rad", pk=1)
    assert client_for("owner").post(address).status_code == 404


def test_a_part_of_another_period_is_404(period: m.Period) -> None:
    theirs = indicator(other_period(), "1.4")
    address = url("mark_ready", period, kind="indikator", pk=theirs.pk)
    assert client_for("owner").post(address).status_code == 404


def test_nobody_sees_another_persons_or_another_committees_parts(period: m.Period) -> None:
    """Mina uppgifter holds one's own parts only; the controller's page offers only the
    committee's controllers and owners."""
    parts.set_deadline(period, user("controller"), date(2025, 2, 14))
    parts.set_deadline(other_period(), None, date(2025, 2, 14))
    _controllers_goal(period)
    owner = client_for("owner").get(reverse("home")).content.decode()
    assert "Mina uppgifter" in owner and "Nämndmål 2 " not in owner
    assert "Örebros IT-nämnd" not in owner
    for persona in ("reader", "outsider", "municipal", "council", "member", "other_municipal"):
        page = client_for(persona).get(reverse("home"), follow=True).content.decode()
        assert "Mina uppgifter" not in page, persona
    page = client_for("controller").get(url("responsibilities", period)).content.decode()
    assert "Ingrid Indikatoransvarig" in page and "Eva Ekonom" in page
    for name in ("Lars Läsare", "Olle Utomstående", "Örjan Örebro", "Kim Kommuncontroller"):
        assert name not in page
