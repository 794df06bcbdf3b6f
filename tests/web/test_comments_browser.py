"""A comment thread in Debian's Chromium, against a live ``styra serve`` that mails through a
real SMTP server: the controller asks the indicator owner on the indicator page, the owner
gets the mail and follows its link; the page passes axe and fits 390 px with a long comment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.documents.browser import ARGS, axe_script, chromium
from tests.web.live_pages import sign_in
from tests.web.mail import Inbox, serve_mailing, smtp_fixture

pytestmark = [pytest.mark.browser]

SITE = "https://styra.kommun.example.se"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIDEWAYS = "document.scrollingElement.scrollWidth - window.innerWidth"
smtp = smtp_fixture()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[Inbox, int]
) -> Iterator[tuple[str, Path]]:
    with serve_mailing(tmp_path_factory.mktemp("styra-data"), smtp[1], SITE) as found:
        _give_email(found.data, "indikatoransvarig", "ingrid@kommun.example.se")
        yield found.address, found.data


def _give_email(data: Path, username: str, address: str) -> None:
    """The demo accounts have no address; staff would give one in the admin."""
    code = (
        "from django.contrib.auth import get_user_model;"
        f"get_user_model().objects.filter(username={username!r}).update(email={address!r})"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))}
    subprocess.run(
        [sys.executable, "-m", "styra.cli", "manage", "shell", "-c", code],
        env=env | {"STYRA_DATA_DIR": str(data)},
        check=True,
        capture_output=True,
    )


def _problems(page: Any, width: int) -> list[str]:
    """axe-core's violations and any sideways scroll, the CSP kept on (axe is evaluated
    through the DevTools protocol, not added as a script)."""
    page.set_viewport_size({"width": width, "height": 900})
    found = []
    if page.evaluate(SIDEWAYS) > 0:
        found.append(f"{width} px: scrolls sideways")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_script().read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    found += [f"{width} px: axe {v['id']} ×{len(v['nodes'])}" for v in result["violations"]]
    return found


def test_the_controller_asks_the_owner_who_gets_the_mail_and_answers(
    server: tuple[str, Path], smtp: tuple[Inbox, int]
) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, data = server
    inbox = smtp[0]
    long_word = "Ärendesystemsexportskolumnnamn" * 12  # one unbroken word of 360 letters
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        sign_in(page, address, data, "ekonom")
        page.goto(address + "n/sydnarkes-it/2024-helar/")
        page.get_by_role("link", name="Ändra 1.7", exact=True).click()
        thread = page.get_by_role("region", name="Kommentarer")
        expect(thread).to_contain_text("Inga kommentarer ännu.")

        # An empty comment: the thread page with the error summary and the field marked.
        thread.get_by_role("button", name="Skicka kommentaren").click()
        expect(page).to_have_title(re.compile("^Fel:"))
        expect(page.locator("#fel")).to_be_focused()
        expect(page.locator("#id_kommentar-text")).to_have_attribute("aria-invalid", "true")
        assert [x for w in (1280, 390) for x in _problems(page, w)] == []
        errors.clear()  # Chromium logs the 400 it was answered

        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_label("Ny kommentar").fill(f"@indikatoransvarig kan du förklara? {long_word}")
        page.get_by_role("button", name="Skicka kommentaren").click()
        expect(page).to_have_url(re.compile(r"/indikator/\d+/#kommentar-\d+$"))
        comment = page.locator("li:target")
        expect(comment).to_contain_text("Eva Ekonom")
        expect(comment).to_contain_text(
            "@indikatoransvarig (Ingrid Indikatoransvarig): e-post skickad"
        )
        assert [x for w in (1280, 390) for x in _problems(page, w)] == []

        assert len(inbox.messages) == 1
        to, mail = inbox.messages[0]
        assert to == ["ingrid@kommun.example.se"]
        link = re.search(rf"{re.escape(SITE)}(\S+)", mail.get_content())
        assert link is not None

        # The owner follows the mail's link (on this server) and answers.
        owner = browser.new_page(viewport={"width": 390, "height": 844})
        sign_in(owner, address, data, "indikatoransvarig")
        owner.goto(address.rstrip("/") + link.group(1))
        expect(owner.locator("li:target")).to_contain_text("kan du förklara?")
        owner.get_by_label("Ny kommentar").fill("Exporten saknade en kolumn; rättat nu.")
        owner.get_by_role("button", name="Skicka kommentaren").click()
        expect(owner.locator("li:target")).to_contain_text("Ingrid Indikatoransvarig")
        assert _problems(owner, 390) == []
        assert errors == []
        browser.close()
