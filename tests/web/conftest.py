"""Personas and the example committee, loaded once into the test database.

The personas: a controller, an indicator owner (goal 1's indicators), a reader, an outsider
(a controller of another committee) and anonymous.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from styra.web.followup import models as m
from styra.web.followup.demo import DEMO_USERS, create_example, create_user

PASSWORD = "test-lösenord-som-inte-används-i-drift"
PERSONAS = ("controller", "owner", "reader", "outsider", "anonymous")
USERNAMES = {
    "controller": "ekonom",
    "owner": "indikatoransvarig",
    "reader": "lasare",
    "outsider": "utomstaende",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        result = create_example()
        assert result.period is not None, [str(p) for p in result.problems]
        for demo in DEMO_USERS:
            create_user(demo, PASSWORD)
        other = m.Committee.objects.create(
            name="Annan nämnd", slug="annan", municipality=m.Municipality.objects.get(code="1860")
        )
        outsider = create_user(
            DEMO_USERS[2].__class__("utomstaende", "", "Olle", "Utomstående"), PASSWORD
        )
        m.Assignment.objects.create(committee=other, user=outsider, role=m.Role.CONTROLLER)


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    # The manifest storage needs collectstatic; the tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def period(db: Any) -> m.Period:
    return m.Period.objects.get(committee__slug="sydnarkes-it", slug="2024-helar")


def client_for(persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(
            m.Assignment.objects.model._meta.apps.get_model("auth", "User").objects.get(
                username=USERNAMES[persona]
            )
        )
    return client


@pytest.fixture
def clients(db: Any) -> Iterator[dict[str, Client]]:
    yield {persona: client_for(persona) for persona in PERSONAS}
