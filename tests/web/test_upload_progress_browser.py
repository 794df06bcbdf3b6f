"""In Debian's Chromium: the controller uploads a large SIE ledger to the embedded default
(``styra serve`` on SQLite, whose own worker reads it), sees its progress, and confirms
when it is done; and the same without JavaScript, where the page refreshes itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import ARGS, chromium
from tests.web.live import Server, big_ledger, password, query, serve

pytestmark = [pytest.mark.browser]

ROWS = 300_000  # 12,5 MB, about six seconds of reading
PERIOD = "n/sydnarkes-it/2024-helar/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("styra-data"), workers=1, postgres=False) as found:
        yield found


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sie") / "huvudbok-hela-aret.se"
    path.write_bytes(big_ledger(ROWS))
    return path


def sign_in_and_upload(page: Any, server: Server, ledger: Path) -> None:
    page.goto(server.address)
    page.get_by_label("Användarnamn").fill("ekonom")
    page.get_by_label("Lösenord").fill(password(server.data, "ekonom"))
    page.get_by_role("button", name="Logga in").click()
    page.goto(server.address + PERIOD + "sie/")
    page.get_by_label("Slag av fil").select_option("ledger")
    page.get_by_label("SIE-fil").set_input_files(str(ledger))
    page.get_by_role("button", name="Granska filen").click()


def confirm(page: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page.get_by_role("link", name="Granska och bekräfta").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("huvudbok-hela-aret.se")
    page.get_by_role("button", name="Bekräfta och läs in").click()
    expect(page.get_by_role("status")).to_contain_text(
        "huvudbok-hela-aret.se är inläst och gäller nu för perioden"
    )


def active_ledger(server: Server) -> str:
    [(name,)] = query(
        server,
        "SELECT i.file_name FROM followup_period p JOIN followup_ledgerimport i "
        "ON p.ledger_id = i.id JOIN followup_committee k ON p.committee_id = k.id "
        "WHERE k.slug = 'sydnarkes-it' AND p.slug = '2024-helar'",
    )
    return str(name)


def test_the_controller_sees_the_progress_and_confirms_when_it_is_done(
    server: Server, ledger: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        loads: list[str] = []
        page.on("load", lambda _page: loads.append(page.url))
        sign_in_and_upload(page, server, ledger)

        expect(page).to_have_url(re.compile(r"/uppgift/[0-9a-f-]{36}/$"))
        job_url = page.url
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "Läser in huvudbok-hela-aret.se"
        )
        progress = page.get_by_label("Hur långt arbetet har kommit")
        expect(progress).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(
            "Läser och kontrollerar huvudbok-hela-aret.se", timeout=30_000
        )
        assert 0 < float(progress.get_attribute("value") or 0) < 100
        # htmx swaps the fragment in place: done, without the page being loaded again.
        expect(page.get_by_role("status")).to_contain_text(
            "är läst och klar att granskas", timeout=120_000
        )
        assert loads.count(job_url) == 1
        confirm(page, server)
        assert active_ledger(server) == "huvudbok-hela-aret.se"
        assert errors == []  # no script error and no Content-Security-Policy violation
        browser.close()


def test_without_javascript_the_page_refreshes_itself_until_it_is_done(
    server: Server, ledger: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        loads: list[str] = []
        page.on("load", lambda _page: loads.append(page.url))
        sign_in_and_upload(page, server, ledger)
        expect(page).to_have_url(re.compile(r"/uppgift/[0-9a-f-]{36}/$"))
        job_url = page.url
        expect(page.get_by_role("status")).to_contain_text(
            "är läst och klar att granskas", timeout=120_000
        )
        assert loads.count(job_url) >= 2  # loaded again by its refresh, not by us
        confirm(page, server)
        browser.close()
