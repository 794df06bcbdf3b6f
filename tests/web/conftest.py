"""Personas and the example committee, loaded once into the test database.

The personas: a controller, an indicator owner (goal 1's indicators), a reader, an outsider
(a controller of another committee) and anonymous; over whole municipalities: Lekeberg's
municipal controller and council reader, Laxå's municipal controller (a member of the IT
committee), and the municipal controller of a second municipality, Örebro, whose own IT
committee (the example without its sharing) and council goal are another tenant.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from styra.web.followup import models as m
from styra.web.followup.demo import DEMO_USERS, EXAMPLE, DemoUser, create_example, create_user
from styra.web.followup.folder_import import import_folder

PASSWORD = "test-lösenord-som-bara-finns-i-testerna"
PERSONAS = ("controller", "owner", "reader", "outsider", "anonymous")
MUNICIPAL_PERSONAS = ("municipal", "council", "member", "other_municipal")
USERNAMES = {
    "controller": "ekonom",
    "owner": "indikatoransvarig",
    "reader": "lasare",
    "outsider": "utomstaende",
    "admin": "admin",
    "municipal": "kommuncontroller",
    "council": "fullmaktige",
    "member": "laxa-controller",
    "other_municipal": "orebro-controller",
}
OTHER_COMMITTEE = "orebro-it"


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
        outsider = create_user(DemoUser("utomstaende", "", "Olle", "Utomstående"), PASSWORD)
        m.Assignment.objects.create(committee=other, user=outsider, role=m.Role.CONTROLLER)
        _second_municipality()
        _second_tenant_people()


def _second_municipality() -> None:
    """Örebro: a committee like the example's (without members) and a council goal."""
    orebro = m.Municipality.objects.create(code="1880", name="Örebro kommun")
    committee = m.Committee.objects.create(
        name="Örebros IT-nämnd", slug=OTHER_COMMITTEE, municipality=orebro
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "orebro"
        shutil.copytree(EXAMPLE, folder)
        text = (folder / "committee.yaml").read_text(encoding="utf-8")
        (folder / "committee.yaml").write_text(text.split("sharing:")[0], encoding="utf-8")
        found = import_folder(folder, committee)
        assert found.period is not None, [str(p) for p in found.problems]
    m.CouncilGovernance.objects.create(
        municipality=orebro, year=2024, model="Örebromodellen", partial_kind="none"
    )
    goal = m.CouncilGoal.objects.create(
        municipality=orebro, year=2024, key="KF1", name="Ett tryggt Örebro"
    )
    m.CouncilIndicator.objects.create(
        council_goal=goal,
        key="KF1.1",
        name="Trygghet",
        target_kind="at_least",
        target_value="70",
        value="72",
    )
    m.Goal.objects.get(period=found.period, key="1").council_goals.add(goal)
    create_user(
        DemoUser(
            "orebro-controller", m.MunicipalRole.CONTROLLER, "Örjan", "Örebro", municipality="1880"
        ),
        PASSWORD,
    )


# The second tenant's own people (Örebro): its IT committee's controller, indicator owner and
# reader, and its council reader, beside its municipal controller (``other_municipal``).
TENANT_B_PERSONAS = ("b_controller", "b_owner", "b_reader", "b_council", "other_municipal")
USERNAMES |= {
    "b_controller": "orebro-ekonom",
    "b_owner": "orebro-indikatoransvarig",
    "b_reader": "orebro-lasare",
    "b_council": "orebro-fullmaktige",
}


def _second_tenant_people() -> None:
    """Örebro's committee roles, like the example's (the owner answers for goal 1), so every
    address has someone in the second tenant who may use it."""
    committee = m.Committee.objects.get(slug=OTHER_COMMITTEE)
    roles = {
        "b_controller": (m.Role.CONTROLLER, "Örn", "Örebroekonom"),
        "b_owner": (m.Role.OWNER, "Östen", "Örebroansvarig"),
        "b_reader": (m.Role.READER, "Ölle", "Örebroläsare"),
    }
    for persona, (role, first, last) in roles.items():
        person = create_user(DemoUser(USERNAMES[persona], "", first, last), PASSWORD)
        m.Assignment.objects.create(committee=committee, user_id=person.pk, role=role)
        if role == m.Role.OWNER:
            m.Indicator.objects.filter(
                goal__period__committee=committee, goal__key="1", derived=""
            ).update(owner=person)
    council = DemoUser(
        USERNAMES["b_council"], m.MunicipalRole.COUNCIL_READER, "Öda", "Örebroledamot",
        municipality="1880",
    )  # fmt: skip
    create_user(council, PASSWORD)


@pytest.fixture(autouse=True)
def _fresh_cache(request: Any) -> None:
    # Each test rolls the database back, so a period's revision number comes round again.
    # The cache is the database's own table: cleared where the test uses the database.
    uses = [f for f in ("transactional_db", "db") if f in request.fixturenames]
    if uses or request.node.get_closest_marker("django_db"):
        request.getfixturevalue(uses[0] if uses else "db")
        cache.clear()


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


DELAR = Path(__file__).resolve().parents[2] / "examples" / "sydnarke-it-2024-delar"


@pytest.fixture
def delar(period: m.Period) -> m.Period:
    """The example's delår per 2024-08-31 (with its forecasts), beside the annual period."""
    found = import_folder(DELAR, period.committee, user=user("controller"))
    assert found.period is not None, [str(p) for p in found.problems]
    return found.period


def user(persona: str) -> Any:
    return get_user_model().objects.get(username=USERNAMES[persona])


def client_for(persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(user(persona))
    return client


def url(name: str, period: m.Period, **kwargs: Any) -> str:
    return reverse(name, kwargs={"slug": period.committee.slug, "period": period.slug, **kwargs})


def indicator(period: m.Period, key: str) -> m.Indicator:
    return m.Indicator.objects.select_related("result").get(goal__period=period, key=key)


HAND_REASON = "Exporten var ofullständig; värdet är räknat ur ärendesystemet direkt."


def result_form(ind: m.Indicator, value: str, **extra: str) -> dict[str, str]:
    """The indicator form as posted; a value computed from a source needs a reason to change."""
    r = ind.result
    return {
        "value": value,
        "value_justification": HAND_REASON,
        "analysis": r.analysis,
        "override_status": r.override_status,
        "override_justification": r.override_justification,
        "version": str(r.version),
        **extra,
    }


def other_period() -> m.Period:
    """Örebro's IT committee's annual period: another municipality's tenant."""
    return m.Period.objects.get(committee__slug=OTHER_COMMITTEE, slug="2024-helar")


def lekeberg() -> m.Municipality:
    return m.Municipality.objects.get(code="1814")
