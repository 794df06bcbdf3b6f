"""Search × role: who gets the page, and whose items each person finds.

Örebro's IT committee (the second tenant) is a copy of the example, so every name searched
for here exists in both municipalities: a result from the wrong one would show at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from styra.web.followup import models as m
from tests.web.conftest import (
    MUNICIPAL_PERSONAS,
    OTHER_COMMITTEE,
    PERSONAS,
    TENANT_B_PERSONAS,
    client_for,
)

IT = "sydnarkes-it"
# The example's goal 1, its indicators' words, a report line and a narrative section.
QUERY = "IT-drift"


@dataclass(frozen=True)
class Case:
    """A person's search: the status of the page and the committees whose items they find."""

    persona: str
    status: int
    committees: frozenset[str]


def _case(persona: str, status: int, *committees: str) -> Case:
    return Case(persona, status, frozenset(committees))


CASES = [
    _case("controller", 200, IT),
    _case("owner", 200, IT),
    _case("reader", 200, IT),
    _case("outsider", 200),  # the controller of a committee with no period: nothing
    _case("anonymous", 302),
    _case("municipal", 200, IT),  # Lekeberg's: its committees, the IT committee among them
    _case("council", 200, IT),
    _case("member", 200, IT),  # Laxå's: a member of the joint IT committee
    _case("other_municipal", 200, OTHER_COMMITTEE),
    _case("b_controller", 200, OTHER_COMMITTEE),
    _case("b_owner", 200, OTHER_COMMITTEE),
    _case("b_reader", 200, OTHER_COMMITTEE),
    _case("b_council", 200, OTHER_COMMITTEE),
]


def test_every_persona_has_a_row() -> None:
    rows = {c.persona for c in CASES}
    assert rows == set(PERSONAS) | set(MUNICIPAL_PERSONAS) | set(TENANT_B_PERSONAS)


def _found_committees(page: str) -> set[str]:
    """The committee slug of every link among the hits."""
    hits = re.findall(r'<ul class="hits">(.*?)</ul>', page, re.S)
    return {slug for block in hits for slug in re.findall(r'href="/n/([^/]+)/', block)}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.persona)
def test_search_finds_only_the_committees_the_person_may_read(case: Case) -> None:
    response = client_for(case.persona).get(reverse("search"), {"q": QUERY})
    assert response.status_code == case.status
    if case.status != 200:
        return
    page = response.content.decode()
    assert _found_committees(page) == set(case.committees)
    other = {IT, OTHER_COMMITTEE} - case.committees
    for slug in other:
        assert f"/n/{slug}/" not in page.split('<main id="innehall">')[1]


@pytest.mark.django_db
def test_the_hits_are_grouped_by_committee_and_period_and_link_to_the_item() -> None:
    page = client_for("controller").get(reverse("search"), {"q": QUERY}).content.decode()
    goal = m.Goal.objects.get(period__committee__slug=IT, period__slug="2024-helar", key="1")
    assert re.search(
        r"<h2[^>]*><a href=\"/n/sydnarkes-it/2024-helar/\">Sydnärkes IT-nämnd 2024", page
    )
    assert f'href="/n/sydnarkes-it/2024-helar/mal/{goal.pk}/">1. {goal.name}</a>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "kind", "text"),
    [
        ("incidenter", "Indikator", "1.1 Minska genomsnittlig ärendehanteringstid för incidenter"),
        ("PERSONALKOSTNADER", "Driftredovisningens rad", "PERSONALKOSTNADER"),
        ("investeringsredovisningen", "Berättelse", "Analys av investeringsredovisningen"),
    ],
)
def test_each_kind_of_item_is_found(query: str, kind: str, text: str) -> None:
    page = client_for("reader").get(reverse("search"), {"q": query}).content.decode()
    assert re.search(
        rf'<span class="kind">{kind}:</span> <a href="/n/sydnarkes-it/[^"]+">{text}</a>', page
    ), page[-3000:]


@pytest.mark.django_db
def test_a_one_letter_query_asks_for_more_and_finds_nothing() -> None:
    page = client_for("controller").get(reverse("search"), {"q": "a"}).content.decode()
    assert "Skriv minst två tecken." in page
    assert 'class="hits"' not in page


@pytest.mark.django_db
def test_the_search_box_is_in_every_signed_in_page_header(period: Any) -> None:
    page = client_for("reader").get("/", follow=True).content.decode()
    assert re.search(
        r'<header class="site">.*<form class="search" method="get" action="/sok/"', page, re.S
    )
