"""Issue 9, tried as a hostile user would: guessing passwords, and the pages and log lines
that a refused request leaves (403, 404, 400, 500, an expired form, a bad setting).

Sign-in goes through the real view with Django's test client; each test's attempts are
rolled back with its database, so no test inherits another's lock-out.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.test import Client
from django.urls import include, path, reverse

from styra.web.followup import models as m
from tests.web.conftest import PASSWORD, client_for, url

LOCKED = "För många misslyckade inloggningar"
LIMIT = 10  # STYRA_LOGIN_FAILURES' default


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("ett fel i en vy")


# This module is also the URL configuration of the server-error test.
urlpatterns = [path("boom/", boom), path("", include("styra.web.urls"))]


class Attempt(NamedTuple):
    response: Any  # the test client's response
    signed_in: bool


def sign_in(username: str, password: str, address: str = "127.0.0.1") -> Attempt:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return Attempt(response, "_auth_user_id" in client.session)


def fail(times: int, username: str = "ekonom", address: str = "127.0.0.1") -> list[int]:
    """Wrong passwords; the status of each answer."""
    return [sign_in(username, "fel-lösenord", address).response.status_code for _ in range(times)]


def assert_locked(attempt: Attempt) -> None:
    response, signed_in = attempt
    text = response.content.decode()
    assert response.status_code == 429
    assert not signed_in
    assert LOCKED in text and "Inloggningen är spärrad till kl. " in text
    assert '<header class="site">' in text and 'name="password"' in text  # the sign-in page
    assert 0 < int(response["Retry-After"]) <= 15 * 60


# Throttling --------------------------------------------------------------------------------


def test_the_eleventh_sign_in_is_refused_even_with_the_right_password(db: Any) -> None:
    assert fail(LIMIT) == [200] * (LIMIT - 1) + [429]  # the tenth failure locks
    assert_locked(sign_in("ekonom", PASSWORD))


def test_the_right_password_works_until_the_limit(db: Any) -> None:
    assert fail(LIMIT - 1) == [200] * (LIMIT - 1)
    assert sign_in("ekonom", PASSWORD).signed_in
    assert fail(1) == [429]  # a success does not wipe the count: the tenth failure locks
    assert_locked(sign_in("ekonom", PASSWORD))


def test_an_address_is_locked_whatever_the_account(db: Any) -> None:
    for n in range(LIMIT):
        fail(1, username=f"gissning{n}", address="192.0.2.10")  # ten accounts, one address
    assert_locked(sign_in("ekonom", PASSWORD, address="192.0.2.10"))
    assert sign_in("ekonom", PASSWORD, address="192.0.2.11").signed_in


def test_an_account_is_locked_whatever_the_address(db: Any) -> None:
    for n in range(LIMIT):
        fail(1, address=f"192.0.2.{n + 20}")  # one account, ten addresses
    assert_locked(sign_in("ekonom", PASSWORD, address="192.0.2.99"))
    assert sign_in("lasare", PASSWORD, address="192.0.2.99").signed_in


def test_trying_while_locked_does_not_move_the_time(db: Any) -> None:
    fail(LIMIT)
    first = sign_in("ekonom", PASSWORD).response
    for _ in range(5):
        sign_in("ekonom", "fel-lösenord")
    again = sign_in("ekonom", PASSWORD)
    assert_locked(again)
    assert int(again.response["Retry-After"]) <= int(first["Retry-After"])
    assert AccessAttempt.objects.get(username="ekonom").failures_since_start == LIMIT


def test_the_lock_ends_after_the_cool_off(db: Any) -> None:
    fail(LIMIT)
    assert_locked(sign_in("ekonom", PASSWORD))
    earlier = AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert sign_in("ekonom", PASSWORD).signed_in


def test_a_lock_out_is_logged_and_kept_where_staff_see_it(db: Any, caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="styra.signin"):
        fail(LIMIT)
        sign_in("ekonom", PASSWORD)
    lines = [r.getMessage() for r in caplog.records if r.name == "styra.signin"]
    assert len(lines) == 2
    assert lines[0].startswith("Inloggningen spärrad efter 10 misslyckade försök")
    assert "'ekonom' från 127.0.0.1" in lines[0]
    assert lines[1] == "Inloggning nekad under spärr: användarnamn 'ekonom' från 127.0.0.1"
    assert AccessFailureLog.objects.filter(username="ekonom", locked_out=True).count() == 1
    admin = client_for("admin")
    page = admin.get("/admin/axes/accessfailurelog/?locked_out__exact=1").content.decode()
    assert "ekonom" in page


def test_staff_lift_a_lock_out_in_the_admin(db: Any) -> None:
    fail(LIMIT)
    attempt = AccessAttempt.objects.get()
    admin = client_for("admin")
    assert "ekonom" in admin.get("/admin/axes/accessattempt/").content.decode()
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sign_in("ekonom", PASSWORD).signed_in


def test_the_reset_command_lifts_a_lock_out(db: Any) -> None:
    fail(LIMIT)
    call_command("axes_reset_username", "ekonom", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sign_in("ekonom", PASSWORD).signed_in


def test_axes_comes_after_sessions_and_authentication() -> None:
    order = settings.MIDDLEWARE
    axes = order.index("axes.middleware.AxesMiddleware")
    assert axes > order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert axes > order.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def python(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))
    }
    environment |= {"STYRA_DATA_DIR": str(tmp_path)} | env
    environment["DJANGO_SETTINGS_MODULE"] = "styra.web.settings"
    return subprocess.run(
        [sys.executable, *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CLIENT_ADDRESS = """
import django
django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
request = RequestFactory().post(
    "/konto/logga-in/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
)
print(get_client_ip_address(request))
"""


@pytest.mark.parametrize(("behind_proxy", "address"), [("1", "203.0.113.7"), ("0", "10.0.0.1")])
def test_the_address_behind_the_proxy_is_the_one_it_appended(
    tmp_path: Path, behind_proxy: str, address: str
) -> None:
    done = python(tmp_path, "-c", CLIENT_ADDRESS, STYRA_BEHIND_PROXY=behind_proxy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == address


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("STYRA_LOGIN_FAILURES", "tio", "STYRA_LOGIN_FAILURES='tio': ska vara ett heltal"),
        ("STYRA_LOGIN_FAILURES", "0", "STYRA_LOGIN_FAILURES=0: ska vara minst 1 och högst 1000"),
        (
            "STYRA_LOGIN_COOLOFF_MINUTES",
            "0",
            "STYRA_LOGIN_COOLOFF_MINUTES=0: ska vara minst 1 och högst 10080",
        ),
    ],
)
def test_a_bad_throttling_setting_stops_the_start(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    done = python(tmp_path, "-m", "styra.cli", "manage", "check", **{variable: value})
    assert done.returncode == 2
    assert done.stderr == f"Styra startar inte: {message}\n"


def test_manage_with_a_missing_secret_key_is_one_swedish_line(tmp_path: Path) -> None:
    production = {"STYRA_PRODUCTION": "1", "STYRA_ALLOWED_HOSTS": "styra.exempel.se"}
    done = python(tmp_path, "-m", "styra.cli", "manage", "check", "--deploy", **production)
    assert done.returncode == 2
    assert done.stderr == (
        "Styra startar inte: STYRA_SECRET_KEY saknas (krävs när STYRA_PRODUCTION=1)\n"
    )
    assert done.stdout == ""


# Error pages and their log lines -----------------------------------------------------------


def assert_in_layout(response: Any, heading: str) -> None:
    text = response.content.decode()
    assert '<html lang="sv">' in text and '<header class="site">' in text
    assert f"<h1>{heading}</h1>" in text and f"<title>{heading} – Styra</title>" in text


def one_line(caplog: Any, status: int) -> logging.LogRecord:
    records: list[logging.LogRecord] = caplog.records
    [record] = [r for r in records if getattr(r, "status_code", None) == status]
    assert record.exc_info is None and record.exc_text is None
    assert "\n" not in record.getMessage()
    return record


def test_a_missing_page_is_swedish_and_logged_on_one_line(db: Any, caplog: Any) -> None:
    response = client_for("reader").get("/finns-inte/")
    assert response.status_code == 404
    assert_in_layout(response, "Sidan finns inte")
    assert one_line(caplog, 404).getMessage() == "Not Found: /finns-inte/"


def test_a_forbidden_page_is_swedish_and_logged_on_one_line(period: m.Period, caplog: Any) -> None:
    address = url("sie_upload", period)
    response = client_for("reader").get(address)
    assert response.status_code == 403
    assert_in_layout(response, "Du saknar behörighet")
    assert one_line(caplog, 403).getMessage() == f"Forbidden (Permission denied): {address}"


def test_an_expired_form_is_swedish(db: Any) -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "ekonom"})
    assert response.status_code == 403
    assert_in_layout(response, "Formuläret har gått ut")


def test_a_bad_request_is_swedish(db: Any, caplog: Any) -> None:
    response = Client().get("/", HTTP_HOST="ond.example")
    assert response.status_code == 400
    assert_in_layout(response, "Felaktig begäran")
    record = one_line(caplog, 400)
    assert record.name == "django.security.DisallowedHost"


@pytest.mark.urls("tests.web.test_hostile_signin")
def test_a_server_error_is_swedish_and_keeps_its_traceback(db: Any, caplog: Any) -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_in_layout(response, "Något gick fel")
    [record] = [r for r in caplog.records if getattr(r, "status_code", None) == 500]
    assert record.exc_info is not None


def test_the_server_error_page_needs_no_request() -> None:
    text = loader.get_template("500.html").render()
    assert "<h1>Något gick fel</h1>" in text and '<header class="site">' in text
