"""API tokens: shown once, stored as a hash, revocable, last use recorded, limited per
minute; issued on API-nycklar, in the admin and by the command; and the API's own
documentation page, served from this site alone."""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

from django.core.management import call_command

from styra.web.api.models import ApiToken
from styra.web.followup import models as m
from tests.web.conftest import client_for, indicator, user
from tests.web.test_api_support import ApiClient, base, token_for

SECRET = re.compile(r"styra_[A-Za-z0-9_-]{40,}")


def test_only_the_hash_of_a_token_is_stored(db: Any) -> None:
    secret = token_for("controller")
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    stored = " ".join(str(v) for v in ApiToken.objects.values().get().values())
    assert secret not in stored
    assert secret[len("styra_") + 4 :] not in stored  # the hint keeps only the start


def test_a_token_is_shown_once_on_its_page_and_then_revoked(db: Any) -> None:
    client = client_for("controller")
    page = client.get("/api/nycklar/").content.decode()
    assert "Lekebergs kommun" in page and "Örebro" not in page  # only where they work
    lekeberg = m.Municipality.objects.get(code="1814")
    data = {"name": "Ärendesystemet", "municipality": str(lekeberg.pk), "scope": "write"}
    created = client.post("/api/nycklar/", data).content.decode()
    found = SECRET.search(created)
    assert found, created[:2000]
    secret = found.group(0)
    assert secret not in client.get("/api/nycklar/").content.decode()
    api = ApiClient(secret)
    assert api.get("/api/v1/committees").status_code == 200
    token = ApiToken.objects.get(name="Ärendesystemet")
    assert token.last_used_at is not None
    assert client.post(f"/api/nycklar/{token.pk}/aterkalla/").status_code == 302
    assert api.get("/api/v1/committees").status_code == 401
    assert client_for("reader").post(f"/api/nycklar/{token.pk}/aterkalla/").status_code == 404


def test_a_token_over_its_limit_waits_and_others_do_not(db: Any, settings: Any) -> None:
    settings.STYRA_API_REQUESTS_PER_MINUTE = 3
    busy, other = ApiClient(token_for("controller")), ApiClient(token_for("reader"))
    codes = [busy.get("/api/v1/committees").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = busy.get("/api/v1/committees")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("För många anrop med den här nyckeln (högst 3")
    assert other.get("/api/v1/committees").status_code == 200


def test_a_service_account_by_command_pushes_under_its_own_name(period: m.Period) -> None:
    out = io.StringIO()
    call_command(
        "api_token", "create", "--service", "--name", "Ärendesystemet", "--municipality",
        "1814", "--committee", "sydnarkes-it", "--role", "controller", "--scope", "write",
        stdout=out,
    )  # fmt: skip
    secret = out.getvalue().strip()
    assert SECRET.fullmatch(secret)
    ind = indicator(period, "1.7")
    path = f"{base(period)}/indicators/{ind.pk}/result"
    pushed = ApiClient(secret).call("PATCH", path, {"version": 1, "analysis": "Från natten."})
    assert pushed.status_code == 200
    assert pushed.json()["analysis"] == "Från natten."
    names = m.Change.objects.filter(item_id=ind.pk, item_kind="result")
    assert set(names.values_list("by_name", flat=True)) == {
        "Ärendesystemet (API-nyckel Ärendesystemet)"
    }
    listed = io.StringIO()
    call_command("api_token", "list", stdout=listed)
    token = ApiToken.objects.get(name="Ärendesystemet")
    assert f"{token.pk}\tÄrendesystemet" in listed.getvalue()
    call_command("api_token", "revoke", str(token.pk), stdout=io.StringIO())
    assert ApiClient(secret).get("/api/v1/committees").status_code == 401


def test_staff_issue_a_token_in_the_admin_and_see_it_once(db: Any) -> None:
    admin = client_for("admin")
    lekeberg = m.Municipality.objects.get(code="1814")
    data = {
        "name": "Telefonkön",
        "user": str(user("reader").pk),
        "municipality": str(lekeberg.pk),
        "scope": "read",
    }
    response = admin.post("/admin/api/apitoken/add/", data, follow=True)
    found = SECRET.search(response.content.decode())
    assert found, response.content.decode()[:3000]
    token = ApiToken.objects.get(name="Telefonkön")
    assert (token.user, token.scope, token.service) == (user("reader"), "read", False)
    assert ApiClient(found.group(0)).get("/api/v1/committees").status_code == 200
    change = admin.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert found.group(0) not in change


def test_the_documentation_page_names_every_operation_and_loads_nothing_else(db: Any) -> None:
    response = client_for("anonymous").get("/api/v1/docs/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    schema = client_for("anonymous").get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for method in item:
            assert f"<code>{method.upper()} {path}</code>" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script>" not in page and "style=" not in page
