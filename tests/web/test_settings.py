"""Settings come from the environment and fail at start-up; production passes check --deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from styra.web import env
from styra.web.csp import POLICY


def django(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "styra.web.settings", "STYRA_DATA_DIR": str(tmp_path)}
    environment |= extra
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "STYRA_PRODUCTION": "1",
    "STYRA_SECRET_KEY": secrets.token_urlsafe(64),
    "STYRA_ALLOWED_HOSTS": "styra.exempel.se",
}


def test_the_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    done = django(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("STYRA_SECRET_KEY", "", "STYRA_SECRET_KEY saknas"),
        ("STYRA_SECRET_KEY", "kort", "minst 50 slumpmässiga tecken"),
        ("STYRA_ALLOWED_HOSTS", "", "STYRA_ALLOWED_HOSTS saknas"),
        ("STYRA_DEBUG", "1", "STYRA_DEBUG kan inte vara på"),
        ("DATABASE_URL", "mysql://db/styra", "ska börja med postgres://"),
        ("STYRA_MAX_UPLOAD_MB", "tjugo", "ska vara ett heltal"),
    ],
)
def test_a_bad_setting_stops_the_start(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    done = django(["check"], tmp_path, **(PRODUCTION | {variable: value}))
    assert done.returncode != 0
    assert message in done.stderr


@pytest.mark.parametrize("raw", ["kanske", "2", "sant"])
def test_a_flag_accepts_only_yes_or_no(monkeypatch: Any, raw: str) -> None:
    monkeypatch.setenv("STYRA_X", raw)
    with pytest.raises(ImproperlyConfigured, match="STYRA_X"):
        env.env_bool("STYRA_X", False)


def test_a_number_outside_its_range_is_refused(monkeypatch: Any) -> None:
    monkeypatch.setenv("STYRA_X", "0")
    with pytest.raises(ImproperlyConfigured, match="minst 1"):
        env.env_int("STYRA_X", 5, minimum=1)


def test_every_page_sends_a_content_security_policy(db: Any) -> None:
    response = Client().get("/konto/logga-in/")
    assert response["Content-Security-Policy"] == POLICY
    assert "script-src 'self'" in POLICY and "unsafe-inline" not in POLICY
