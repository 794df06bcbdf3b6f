"""Playwright steps on a live ``styra serve`` (tests/web/live.py) that the browser tests
share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.live import password


def sign_in(page: Any, address: str, data: Path, username: str) -> None:
    """Signs in through the sign-in form as a user does, with the demo account's password
    from the server's data directory."""
    page.goto(address + "konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password(data, username))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
