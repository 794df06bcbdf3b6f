"""The municipality is the tenant: 0 leaks between two complete tenants, at every address.

Tenant A is Lekeberg (the example's IT committee and the municipality's other committees),
tenant B is Örebro (its own IT committee, period, goals, indicators, council goal and
people in every role). For every address of the URL × role table:

- B's people get 404 at A's addresses, and A's people at B's (they may not learn it exists);
- B's people can do in B what A's people can do in A (B is a complete tenant, so the
  404s above are about the tenant, not a missing role);
- an object of one tenant asked for under the other tenant's address is 404 for its
  strongest roles, and a POST there changes nothing;
- no page of one tenant names the other tenant or links to any of its objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model

from styra.web.followup import models as m
from tests.web.conftest import (
    OTHER_COMMITTEE,
    TENANT_B_PERSONAS,
    client_for,
    lekeberg,
    other_period,
)
from tests.web.test_municipality import MUNICIPAL_CASES
from tests.web.test_permissions import CASES, Case, Request

TENANT_A_PERSONAS = ("controller", "owner", "reader", "municipal", "council")
# Each of B's people holds the role of one of A's in its own tenant.
SAME_ROLE = {
    "b_controller": "controller",
    "b_owner": "owner",
    "b_reader": "reader",
    "b_council": "council",
    "other_municipal": "municipal",
}
COMMITTEE_CASES = CASES[1:]  # the start page ("/") is everyone's own
PREFIX = re.compile(r"^/n/[\w-]+/[\w-]+/")
OBJECT_ID = re.compile(
    r"(kf-indikator|indikator|kf|mal|berattelse|rad|projekt|sie|kommun)[/-](\d+)\b"
)


def test_the_second_tenant_is_complete_with_people_in_every_role(db: Any) -> None:
    period = other_period()
    assert period.committee.municipality.code == "1880"
    indicators = m.Indicator.objects.filter(goal__period=period)
    same = m.Indicator.objects.filter(goal__period=_a_period())  # a copy of the example's
    assert period.goals.exists() and indicators.count() == same.count() > 0
    roles = set(
        m.Assignment.objects.filter(committee=period.committee).values_list("role", flat=True)
    )
    assert roles == {m.Role.CONTROLLER, m.Role.OWNER, m.Role.READER}
    municipal = m.MunicipalAssignment.objects.filter(municipality=period.committee.municipality)
    assert set(municipal.values_list("role", flat=True)) == set(m.MunicipalRole)
    assert indicators.filter(owner__username="orebro-indikatoransvarig").exists()


def _a_period() -> m.Period:
    return m.Period.objects.get(committee__slug="sydnarkes-it", slug="2024-helar")


def _send(persona: str, address: str, data: dict[str, Any] | None) -> Any:
    client = client_for(persona)
    return client.get(address) if data is None else client.post(address, data)


@pytest.mark.slow  # every address × persona: a minute and more
@pytest.mark.parametrize("persona", TENANT_B_PERSONAS)
@pytest.mark.parametrize("case", COMMITTEE_CASES, ids=[c.name for c in COMMITTEE_CASES])
def test_tenant_bs_people_get_404_at_every_address_of_tenant_a(
    case: Case, persona: str, db: Any
) -> None:
    address, data = case.request(_a_period())
    assert _send(persona, address, data).status_code == 404, address


@pytest.mark.slow  # every address × persona: a minute and more
@pytest.mark.parametrize("persona", list(SAME_ROLE))
@pytest.mark.parametrize("case", COMMITTEE_CASES, ids=[c.name for c in COMMITTEE_CASES])
def test_tenant_b_is_complete_its_people_may_what_as_peers_in_a_may(
    case: Case, persona: str, db: Any
) -> None:
    address, data = case.request(other_period())
    response = _send(persona, address, data)
    assert response.status_code == case.expected(SAME_ROLE[persona]), address


@pytest.mark.slow  # every address × persona: a minute and more
@pytest.mark.parametrize("persona", TENANT_B_PERSONAS)
@pytest.mark.parametrize("case", MUNICIPAL_CASES, ids=[c[0] for c in MUNICIPAL_CASES])
def test_tenant_bs_people_reach_only_their_own_municipality(
    case: tuple[str, Any, dict[str, int]], persona: str, db: Any
) -> None:
    name, request, _allowed = case
    address, data = request()
    own = name == "Örebro's overview" and persona in ("other_municipal", "b_council")
    assert _send(persona, address, data).status_code == (200 if own else 404), address


@pytest.mark.slow  # every address × persona: a minute and more
@pytest.mark.parametrize("direction", ["B's objects under A", "A's objects under B"])
@pytest.mark.parametrize("case", COMMITTEE_CASES, ids=[c.name for c in COMMITTEE_CASES])
def test_an_object_of_the_other_tenant_is_404_under_ones_own_address(
    case: Case, direction: str, db: Any
) -> None:
    a, b = _a_period(), other_period()
    owner, under = (b, a) if direction.startswith("B") else (a, b)
    address, data = case.request(owner)  # once: some cases create what they address
    if not re.search(r"/\d+/", PREFIX.sub("", address)):
        pytest.skip("the address names no object")
    address = PREFIX.sub(f"/n/{under.committee.slug}/{under.slug}/", address)
    people = ("controller", "municipal") if under == a else ("b_controller", "other_municipal")
    before = _trail(owner)
    for persona in people:
        # A role that may not do this at all may be refused before the lookup (403 for
        # every id, which tells nothing); everyone else learns nothing either (404).
        role = SAME_ROLE.get(persona, persona)
        expected = {403, 404} if case.expected(role) == 403 else {404}
        assert _send(persona, address, data).status_code in expected, (persona, address)
    assert _trail(owner) == before


def _trail(period: m.Period) -> list[tuple[str, str]]:
    rows = m.Change.objects.filter(period__committee=period.committee)
    return list(rows.values_list("field", "new"))


def _objects(municipality_code: str) -> dict[str, set[int]]:
    """Every object id of one tenant, by the word its addresses and anchors use."""
    committee = {"period__committee__municipality__code": municipality_code}

    def ids(model: type[Model], **lookup: Any) -> set[int]:
        return set(model._default_manager.filter(**lookup).values_list("pk", flat=True))

    return {
        "indikator": ids(m.Indicator, **{"goal__" + k: v for k, v in committee.items()}),
        "mal": ids(m.Goal, **committee),
        "berattelse": ids(m.NarrativeSection, **committee),
        "rad": ids(m.ReportLine, **committee),
        "projekt": ids(m.InvestmentProject, **committee),
        "sie": ids(m.LedgerImport, **committee),
        "kf": ids(m.CouncilGoal, municipality__code=municipality_code),
        "kf-indikator": ids(m.CouncilIndicator, council_goal__municipality__code=municipality_code),
        "kommun": ids(m.Municipality, code=municipality_code),
    }


def _names(tenant: str) -> list[str]:
    """Words only that tenant's own data holds: its committee, municipality, people."""
    if tenant == "B":
        orebro = other_period().committee.municipality
        return [
            OTHER_COMMITTEE,
            "Örebros IT-nämnd",
            orebro.name,
            "Ett tryggt Örebro",
            "Örebro",
            "Örjan",
        ]
    return ["sydnarkes-it", lekeberg().name, "Lekeberg växer hållbart", "Kim Kommuncontroller"]


def _leaks(html: str, other: str, code: str) -> list[str]:
    found = [name for name in _names(other) if name in html]
    theirs = _objects(code)
    for word, pk in OBJECT_ID.findall(html):
        if int(pk) in theirs[word]:
            found.append(f"{word}/{pk}")
    return found


@pytest.mark.slow  # every address × persona: a minute and more
@pytest.mark.parametrize(
    ("tenant", "persona"),
    [("A", "controller"), ("A", "municipal"), ("B", "b_controller"), ("B", "other_municipal")],
)
def test_no_page_of_one_tenant_names_or_links_the_other(tenant: str, persona: str, db: Any) -> None:
    own, other, code = (
        (_a_period(), "B", "1880") if tenant == "A" else (other_period(), "A", "1814")
    )
    municipality = own.committee.municipality_id
    overview: Request = (f"/kommun/{municipality}/2024/", None)
    requests: list[Callable[[m.Period], Request]] = [c.request for c in CASES]
    if "municipal" in persona:
        requests.append(lambda p: overview)
    checked, own_links = 0, 0
    for request in requests:
        with transaction.atomic():  # each case's own objects, gone before the next case's
            address, data = request(own)
            html = _page(persona, address) if data is None else None
            transaction.set_rollback(True)
        if html is not None:
            checked += 1
            assert _leaks(html, other, code) == [], address
            own_links += len(OBJECT_ID.findall(html))
    assert checked >= 15  # the HTML pages; the rest are downloads
    assert own_links > 100  # the id check above reads the links it means to read


def _page(persona: str, address: str) -> str | None:
    response = client_for(persona).get(address, follow=True)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    return str(response.content.decode())
