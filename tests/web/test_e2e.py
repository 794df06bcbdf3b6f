"""End to end in Debian's Chromium: the README's start command, then a person's first steps.

The server is started as a user starts it (``styra serve``) in a fresh data directory; an
indicator owner signs in with the printed demo account, enters a result, sees the goal's
status change and downloads the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import ARGS, chromium
from tests.web.live import password, serve

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with serve(tmp_path_factory.mktemp("styra-data"), workers=1, postgres=False) as found:
        yield found.address, found.data


def test_an_indicator_owner_enters_a_result_and_downloads_the_report(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, data = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: errors.append(r.url) if r.status == 404 else None)
        page.goto(address)
        page.get_by_label("Användarnamn").fill("indikatoransvarig")
        page.get_by_label("Lösenord").fill(password(data, "indikatoransvarig"))
        page.get_by_role("button", name="Logga in").click()

        goal = page.locator("article.goal").first.locator("h3")
        expect(goal).to_contain_text("Uppnås delvis")
        page.get_by_role("link", name="Ändra 1.7").click()
        page.get_by_label("Utfall").fill("50")
        expect(page.locator("#forhandsvisning")).to_contain_text("Uppnås ej")  # htmx preview
        page.get_by_label("Motivering till handinmatat värde").fill("Exporten saknade december.")
        page.get_by_role("button", name="Spara").click()

        expect(page.get_by_role("status")).to_contain_text("bedöms nu: Uppnås ej")
        expect(goal).to_contain_text("Uppnås ej")

        page.get_by_role("link", name="Rapport").click()
        with page.expect_download() as info:
            page.get_by_role("link", name="Rapporten som JSON (data)").click()
        target = tmp_path / "rapport.json"
        info.value.save_as(target)
        report = json.loads(target.read_text(encoding="utf-8"))
        assert report["goals"][0]["status"] == "not_achieved"
        assert report["goals"][0]["indicators"][6]["value"] == "50"
        by_hand = report["goals"][0]["indicators"][6]["lineage"]["entered_by_hand"]
        assert by_hand == {"value": "50", "justification": "Exporten saknade december."}
        pdf = page.get_by_role("link", name="Rapporten som PDF")
        if pdf.count():  # the document formats, when registered
            with page.expect_download() as info:
                pdf.click()
            info.value.save_as(tmp_path / "rapport.pdf")
            assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF-")
        assert errors == []  # no script error and no Content-Security-Policy violation
        browser.close()


def test_the_demo_passwords_are_readable_only_by_their_owner(server: tuple[str, Path]) -> None:
    _, data = server
    assert (data / "demo-konton.txt").stat().st_mode & 0o777 == 0o600
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600
