"""Sign-in through an OpenID provider, without a browser: the real test provider
(tests/oidc_provider) in its own process, Styra through Django's test client.

The browser walks the same way in test_oidc_browser.py; here each refusal and the group
mapping's rules are checked one by one, quickly. ``plan`` is also tested alone, inline.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styra.web.followup import models as m
from styra.web.followup.demo import COMMITTEE_SLUG
from styra.web.signin import mapping
from styra.web.signin.models import GroupRole, ProviderIdentity
from tests.oidc_provider import RunningProvider, running
from tests.web.live import free_port
from tests.web.test_settings import PRODUCTION, django

CALLBACK = "http://testserver/konto/oidc/tillbaka/"
SIGNED_OUT = "http://testserver/konto/logga-in/"


@pytest.fixture(scope="module")
def provider() -> Iterator[RunningProvider]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the loopback, whatever proxy CI sets
        with running(free_port(), [CALLBACK], [SIGNED_OUT]) as found:
            yield found


@pytest.fixture
def oidc(provider: RunningProvider, settings: Any, db: Any) -> RunningProvider:
    settings.STYRA_OIDC_ISSUER = provider.issuer
    settings.STYRA_OIDC_CLIENT_ID = provider.client_id
    settings.STYRA_OIDC_CLIENT_SECRET = provider.client_secret
    settings.STYRA_OIDC_NAME = "Testkommunens konto"
    provider.mode("normal")
    provider.set_user("anna", "anna-pw", ["styra-it-lasare"], name="Anna Andersson")
    committee = m.Committee.objects.get(slug=COMMITTEE_SLUG)
    GroupRole.objects.create(group="styra-it-lasare", committee=committee, committee_role="reader")
    GroupRole.objects.create(
        group="styra-it-controller", committee=committee, committee_role="controller"
    )
    lekeberg = m.Municipality.objects.get(code="1814")
    GroupRole.objects.create(
        group="styra-kf-lasare", municipality=lekeberg, municipal_role="council_reader"
    )
    return provider


def sign_in(client: Client, username: str = "anna", password: str = "anna-pw") -> Any:
    """Start at Styra, sign in at the provider (its login form), come back with the code."""
    start = client.get("/konto/oidc/?next=/")
    assert start.status_code == 302, start.content[:500]
    authorize = start["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    answer = requests.post(
        authorize, data={"username": username, "password": password}, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text[:500]
    back = answer.headers["Location"]
    assert back.startswith(CALLBACK)
    return client.get(back.removeprefix("http://testserver"))


def committee_page(slug: str) -> str:
    return reverse("committee", kwargs={"slug": slug})


def roles(username: str) -> set[tuple[str, str]]:
    committee = m.Assignment.objects.filter(user__username=username)
    municipal = m.MunicipalAssignment.objects.filter(user__username=username)
    return {(a.committee.slug, a.role) for a in committee} | {
        (a.municipality.code, a.role) for a in municipal
    }


def test_the_first_sign_in_creates_the_person_with_the_roles_of_their_groups(
    oidc: RunningProvider,
) -> None:
    groups = ["styra-it-lasare", "styra-kf-lasare", "okand-grupp"]
    oidc.set_user("anna", "anna-pw", groups, name="Anna Andersson")
    client = Client()
    answer = sign_in(client)
    assert answer.status_code == 302 and answer["Location"] == "/"
    anna = get_user_model().objects.get(provider_identities__subject="sub-anna")
    assert (anna.username, anna.get_full_name(), anna.email) == (
        "anna",
        "Anna Andersson",
        "anna@kommun.example",
    )
    assert not anna.has_usable_password()
    identity = ProviderIdentity.objects.get(user=anna)
    assert identity.issuer == oidc.issuer and identity.groups == [
        "okand-grupp",
        "styra-it-lasare",
        "styra-kf-lasare",
    ]
    assert roles("anna") == {(COMMITTEE_SLUG, "reader"), ("1814", "council_reader")}
    assert client.get(committee_page(COMMITTEE_SLUG)).status_code in (200, 302)
    assert client.get(committee_page("orebro-it")).status_code == 404


def test_the_role_changes_are_in_the_audit_trail_as_the_admin_writes_them(
    oidc: RunningProvider,
) -> None:
    oidc.set_user("anna", "anna-pw", ["styra-it-lasare", "styra-kf-lasare"])
    sign_in(Client())
    assignment = m.Assignment.objects.get(user__username="anna")
    period = m.Period.objects.filter(committee=assignment.committee).first()
    change = m.Change.objects.get(period=period, field=f"assignment:{assignment.pk}")
    assert (change.old, change.new) == ("", "anna: Läsare")
    assert change.by is None and change.by_name == "system (grupper hos Testkommunens konto)"
    assert "styra-it-lasare" in change.note
    municipal = m.MunicipalAssignment.objects.get(user__username="anna")
    row = m.Change.objects.get(municipality__code="1814", item_id=municipal.pk)
    assert (row.field, row.period, row.item_kind) == ("created", None, m.ItemKind.MUNICIPALITY)

    oidc.set_user("anna", "anna-pw", ["styra-kf-lasare"])
    sign_in(Client())
    gone = m.Change.objects.filter(period=period, field=f"assignment:{assignment.pk}")
    assert [(c.old, c.new) for c in gone.order_by("pk")] == [
        ("", "anna: Läsare"),
        ("anna: Läsare", ""),
    ]


def test_a_group_removed_at_the_provider_removes_its_role_at_the_next_sign_in(
    oidc: RunningProvider,
) -> None:
    oidc.set_user("anna", "anna-pw", ["styra-it-controller", "styra-kf-lasare"])
    sign_in(Client())
    assert roles("anna") == {(COMMITTEE_SLUG, "controller"), ("1814", "council_reader")}
    oidc.set_user("anna", "anna-pw", ["styra-it-lasare"])
    sign_in(Client())
    assert roles("anna") == {(COMMITTEE_SLUG, "reader")}
    oidc.set_user("anna", "anna-pw", [])
    client = Client()
    assert sign_in(client).status_code == 302
    assert roles("anna") == set()
    assert client.get(committee_page(COMMITTEE_SLUG)).status_code == 404


def test_roles_given_by_hand_stay_whatever_the_groups_say(oidc: RunningProvider) -> None:
    oidc.set_user("anna", "anna-pw", ["styra-it-lasare"])
    sign_in(Client())
    anna = get_user_model().objects.get(username="anna")
    orebro = m.Committee.objects.get(slug="orebro-it")
    m.Assignment.objects.create(user=anna, committee=orebro, role="owner")  # by hand
    # Staff raise the mapped role by hand: from then on it is theirs, not the mapping's.
    m.Assignment.objects.filter(user=anna, committee__slug=COMMITTEE_SLUG).update(role="controller")
    oidc.set_user("anna", "anna-pw", [])
    sign_in(Client())
    assert roles("anna") == {("orebro-it", "owner"), (COMMITTEE_SLUG, "controller")}


def test_the_strongest_role_wins_when_two_groups_give_one_committee(
    oidc: RunningProvider,
) -> None:
    oidc.set_user("anna", "anna-pw", ["styra-it-lasare", "styra-it-controller"])
    sign_in(Client())
    assert roles("anna") == {(COMMITTEE_SLUG, "controller")}


def test_a_person_is_matched_by_issuer_and_subject_never_by_name(oidc: RunningProvider) -> None:
    # "ekonom" is the demo's controller; a provider account of that name is someone else.
    oidc.set_user("ekonom", "pw", [], sub="another-person")
    client = Client()
    sign_in(client, "ekonom", "pw")
    created = ProviderIdentity.objects.get(subject="another-person").user
    assert created.username == "ekonom-2"
    assert roles("ekonom-2") == set()
    assert roles("ekonom") == {(COMMITTEE_SLUG, "controller")}


def test_a_deactivated_account_is_refused_and_keeps_its_roles(oidc: RunningProvider) -> None:
    sign_in(Client())
    get_user_model().objects.filter(username="anna").update(is_active=False)
    oidc.set_user("anna", "anna-pw", [])
    client = Client()
    answer = sign_in(client)
    assert answer.status_code == 403
    assert "Ditt konto i Styra är avstängt" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert roles("anna") == {(COMMITTEE_SLUG, "reader")}


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("wrong_audience", "utfärdat till en annan tjänst än Styra"),
        ("expired", "hade redan gått ut"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_swedish_message_and_logged(
    oidc: RunningProvider, mode: str, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    oidc.mode(mode)
    client = Client()
    with caplog.at_level(logging.WARNING, logger="styra.signin"):
        answer = sign_in(client)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Inloggningen nekades" in page and words in page and "Traceback" not in page
    assert not ProviderIdentity.objects.exists()
    assert "_auth_user_id" not in client.session
    assert any("Sign-in through the provider refused" in r.getMessage() for r in caplog.records)


def test_a_callback_with_a_state_that_was_never_issued_is_refused(
    oidc: RunningProvider, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.get("/konto/oidc/")  # a sign-in started, with its own state
    with caplog.at_level(logging.WARNING, logger="styra.signin"):
        answer = client.get("/konto/oidc/tillbaka/?code=abc&state=forged")
    assert answer.status_code == 400
    assert "hörde inte till någon inloggning som påbörjats här" in answer.content.decode()
    assert "state does not match" in caplog.text


def test_a_code_sent_back_to_another_browser_is_refused(oidc: RunningProvider) -> None:
    victim = Client()
    start = victim.get("/konto/oidc/")
    answer = requests.post(
        start["Location"], data={"username": "anna", "password": "anna-pw"}, allow_redirects=False
    )
    attacker = Client()  # its session never started this sign-in
    stolen = attacker.get(answer.headers["Location"].removeprefix("http://testserver"))
    assert stolen.status_code == 400
    assert not ProviderIdentity.objects.exists()


def test_a_provider_that_does_not_answer_is_a_swedish_page(
    oidc: RunningProvider, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.STYRA_OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="styra.signin"):
        answer = Client().get("/konto/oidc/")
    assert answer.status_code == 503
    assert "Testkommunens konto svarar inte just nu" in answer.content.decode()
    assert "provider unreachable" in caplog.text


def test_a_discovery_document_naming_another_issuer_is_refused(
    oidc: RunningProvider, settings: Any
) -> None:
    settings.STYRA_OIDC_ISSUER = oidc.issuer.replace("127.0.0.1", "localhost")
    answer = Client().get("/konto/oidc/")
    assert answer.status_code == 503
    assert "felaktigt inställd" in answer.content.decode()


def test_signing_out_sends_the_browser_to_end_the_provider_session(
    oidc: RunningProvider,
) -> None:
    client = Client()
    sign_in(client)
    id_token = client.session["styra_signin_id_token"]
    page = client.post("/konto/logga-ut/")
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    html = page.content.decode()
    end = html.split('http-equiv="refresh" content="0; url=', 1)[1].split('"', 1)[0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(end.replace("&amp;", "&")).query)
    assert end.startswith(f"{oidc.issuer}/logout?")
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == [SIGNED_OUT]


def test_signing_out_of_a_local_account_goes_to_the_sign_in_page(db: Any) -> None:
    from tests.web.conftest import client_for

    answer = client_for("controller").post("/konto/logga-ut/")
    assert answer.status_code == 302 and answer["Location"] == "/konto/logga-in/"


def test_the_sign_in_page_offers_the_provider_and_without_local_accounts_only_it(
    oidc: RunningProvider, settings: Any
) -> None:
    page = Client().get("/konto/logga-in/?next=/sydnarkes-it/").content.decode()
    assert "Logga in med Testkommunens konto" in page
    assert 'href="/konto/oidc/?next=/sydnarkes-it/"' in page
    assert 'name="password"' in page
    settings.STYRA_LOCAL_ACCOUNTS = False
    page = Client().get("/konto/logga-in/").content.decode()
    assert "Logga in med Testkommunens konto" in page and 'name="password"' not in page


def test_without_a_provider_the_sign_in_page_is_as_before(db: Any) -> None:
    page = Client().get("/konto/logga-in/").content.decode()
    assert "Logga in med" not in page and 'name="password"' in page
    assert Client().get("/konto/oidc/").status_code == 302


def grant(place: int, role: str, group: str = "g") -> mapping.Grant:
    return mapping.Grant(place, role, group)


def test_plan_adds_changes_and_removes_only_what_the_mapping_gave() -> None:
    want = {1: grant(1, "reader"), 2: grant(2, "controller"), 5: grant(5, "reader")}
    held = {
        2: mapping.Held(2, "reader", mapped="reader"),  # mapped: raised to controller
        3: mapping.Held(3, "owner", mapped="owner"),  # mapped, no group now: removed
        4: mapping.Held(4, "owner", mapped=""),  # by hand: stays
        5: mapping.Held(5, "controller", mapped="reader"),  # changed by staff: stays
    }
    steps = mapping.plan(want, held)
    assert [g.place for g in steps.add] == [1]
    assert [(h.place, g.role) for h, g in steps.change] == [(2, "controller")]
    assert [h.place for h in steps.remove] == [3]


def test_wanted_keeps_the_strongest_role_per_place() -> None:
    grants = [grant(1, "reader", "a"), grant(1, "controller", "b"), grant(1, "owner", "c")]
    assert mapping.wanted(grants, mapping.COMMITTEE_STRENGTH) == {1: grant(1, "controller", "b")}
    assert mapping.wanted([], mapping.COMMITTEE_STRENGTH) == {}


PROVIDER_SETTINGS = {
    "STYRA_OIDC_ISSUER": "https://login.kommun.example/realms/styra",
    "STYRA_OIDC_CLIENT_ID": "styra",
    "STYRA_OIDC_CLIENT_SECRET": "hemlig",
}


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"STYRA_LOCAL_ACCOUNTS": "0"}, "STYRA_LOCAL_ACCOUNTS=0 kräver STYRA_OIDC_ISSUER"),
        (PROVIDER_SETTINGS | {"STYRA_OIDC_CLIENT_SECRET": ""}, "STYRA_OIDC_CLIENT_SECRET saknas"),
        (PROVIDER_SETTINGS | {"STYRA_OIDC_ISSUER": "http://login.kommun.example"}, "https://"),
        (PROVIDER_SETTINGS | {"STYRA_OIDC_SCOPES": "profile email"}, "ska innehålla openid"),
    ],
)
def test_a_bad_provider_setting_stops_the_start(
    tmp_path: Path, variables: dict[str, str], message: str
) -> None:
    done = django(["check"], tmp_path, **(PRODUCTION | variables))
    assert done.returncode != 0
    assert message in done.stderr


def test_a_deployment_with_only_the_provider_passes_the_deploy_check(tmp_path: Path) -> None:
    variables = PRODUCTION | PROVIDER_SETTINGS | {"STYRA_LOCAL_ACCOUNTS": "0"}
    done = django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **variables)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_admin_takes_a_group_to_a_committee_role_or_a_municipal_role_not_both(
    db: Any,
) -> None:
    from tests.web.conftest import client_for

    staff = client_for("admin")
    committee = m.Committee.objects.get(slug=COMMITTEE_SLUG)
    lekeberg = m.Municipality.objects.get(code="1814")
    base = {"group": "it-grupp", "committee": "", "committee_role": "", "municipality": "",
            "municipal_role": "", "_save": "Spara"}  # fmt: skip
    both = base | {
        "committee": str(committee.pk),
        "committee_role": "reader",
        "municipality": str(lekeberg.pk),
        "municipal_role": "council_reader",
    }
    page = staff.post("/admin/signin/grouprole/add/", both)
    assert page.status_code == 200
    assert "Välj antingen en nämnd och en roll i nämnden" in page.content.decode()
    no_role = base | {"committee": str(committee.pk)}
    assert staff.post("/admin/signin/grouprole/add/", no_role).status_code == 200
    assert not GroupRole.objects.exists()
    one = base | {"committee": str(committee.pk), "committee_role": "reader"}
    assert staff.post("/admin/signin/grouprole/add/", one).status_code == 302
    assert str(GroupRole.objects.get()) == "it-grupp → Läsare i Sydnärkes IT-nämnd"
