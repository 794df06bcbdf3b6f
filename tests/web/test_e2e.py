"""End to end in Debian's Chromium: the README's start command, then a person's first steps.

The server is started as a user starts it (``styra serve``) in a fresh data directory; an
indicator owner signs in with the printed demo account, enters a result, sees the goal's
status change and downloads the report.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def _row(page: Any, label: str) -> Any:
    """A line's forecast form on the forecast page, found by its heading."""
    return page.locator("form.forecast-row").filter(
        has=page.get_by_role("heading", name=label, exact=True)
    )


def _no_horizontal_scroll(page: Any, address: str) -> None:
    page.goto(address)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, (address, width)


def _axe(browser: Any, state: Any, address: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of a page (its script is injected, so this
    context bypasses the Content-Security-Policy; the main walk-through does not)."""
    from tests.documents.browser import axe_script

    context = browser.new_context(storage_state=state, bypass_csp=True)
    page = context.new_page()
    page.goto(address)
    page.add_script_tag(path=str(axe_script()))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    context.close()
    return [{"id": v["id"], "nodes": len(v["nodes"])} for v in result["violations"]]


def test_the_controller_opens_a_delar_forecasts_adopts_and_downloads_the_pdf(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, data = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: errors.append(r.url) if r.status in (404, 500) else None)
        page.goto(address)
        page.get_by_label("Användarnamn").fill("ekonom")
        page.get_by_label("Lösenord").fill(password(data, "ekonom"))
        page.get_by_role("button", name="Logga in").click()

        # Open the delår from the annual period: the form suggests the usual 31 August.
        page.get_by_role("link", name="Prognos", exact=True).click()
        page.get_by_role("link", name="Öppna en uppföljningsperiod").click()
        expect(page.get_by_label("Periodens sista dag")).to_have_value("2024-08-31")
        page.get_by_label("Rapportdatum").fill("2024-09-26")
        page.get_by_role("button", name="Öppna perioden").click()
        expect(page.get_by_role("status")).to_contain_text("är öppnad")
        expect(page.get_by_role("heading", name="Helårsprognos")).to_be_visible()
        forecast_page = page.url

        # Accept a proposal (htmx saves the row in place).
        fees = _row(page, "ÖVRIGA AVG O. ERSÄTTNIN")
        fees.get_by_label("Uppräknat utfall").check()
        fees.get_by_role("button", name="Spara prognosen").click()
        expect(_row(page, "ÖVRIGA AVG O. ERSÄTTNIN")).to_contain_text("Sparat: prognosen är")

        # Type another amount: refused without a comment, saved with one.
        services = _row(page, "ÖVRIGT TJÄNSTEKÖP")
        services.get_by_label("Eget belopp", exact=True).check()
        services.get_by_label("Eget belopp, tkr").fill("4 300")
        services.get_by_role("button", name="Spara prognosen").click()
        services = _row(page, "ÖVRIGT TJÄNSTEKÖP")
        expect(services.locator(".error")).to_contain_text("skriv en kommentar om varför")
        services.get_by_label("Kommentar").fill(
            "Den inhyrda IT-chefens uppdrag upphörde i augusti."
        )
        services.get_by_role("button", name="Spara prognosen").click()
        expect(_row(page, "ÖVRIGT TJÄNSTEKÖP")).to_contain_text(
            "Sparat: prognosen är 4\u202f300 tkr"
        )

        # Saved for good: the page read again shows both choices.
        page.goto(forecast_page)
        expect(_row(page, "ÖVRIGT TJÄNSTEKÖP").get_by_label("Eget belopp, tkr")).to_have_value(
            "4300"
        )
        expect(
            _row(page, "ÖVRIGA AVG O. ERSÄTTNIN").get_by_label("Uppräknat utfall")
        ).to_be_checked()
        assert _axe(browser, context.storage_state(), forecast_page) == []

        # 390 px wide: no horizontal scrolling of the forecast page or the overview.
        page.set_viewport_size({"width": 390, "height": 844})
        _no_horizontal_scroll(page, forecast_page)
        _no_horizontal_scroll(page, forecast_page.replace("prognos/", ""))
        page.set_viewport_size({"width": 1280, "height": 900})

        # Adopt: missing forecasts are warnings, not errors.
        page.goto(forecast_page)
        page.get_by_role("link", name="Fastställ").click()
        expect(page.locator(".todo")).to_contain_text("saknar prognos")
        page.get_by_label("Motivering till att fastställa trots det som är kvar").fill(
            "Analyserna skrivs i årsredovisningen."
        )
        page.get_by_role("button", name="Fastställ och lås perioden").click()
        expect(page.get_by_role("status")).to_contain_text("Perioden är fastställd och låst")

        with page.expect_download() as info:
            page.get_by_role("link", name="Rapporten som PDF").click()
        target = tmp_path / "delar.pdf"
        info.value.save_as(target)
        assert target.read_bytes().startswith(b"%PDF-")
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
        assert "Delårsrapport" in flat
        assert "januari–augusti 2024" in flat
        assert "4 300" in flat
        # The one refused save answered 400, which Chromium logs; nothing else went wrong.
        refused = "the server responded with a status of 400 (Bad Request)"
        assert [e for e in errors if refused not in e] == []
        assert len(errors) == 1
        browser.close()


def _axe_at(browser: Any, state: Any, address: str, width: int) -> list[dict[str, Any]]:
    from tests.documents.browser import axe_script

    context = browser.new_context(
        storage_state=state, bypass_csp=True, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(address)
    page.add_script_tag(path=str(axe_script()))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    context.close()
    return [{"id": v["id"], "nodes": len(v["nodes"])} for v in result["violations"]]


def test_the_municipal_controller_reads_the_municipality_at_390_and_1280_px(
    server: tuple[str, Path],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, data = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
        page.goto(address)
        page.get_by_label("Användarnamn").fill("kommuncontroller")
        page.get_by_label("Lösenord").fill(password(data, "kommuncontroller"))
        page.get_by_role("button", name="Logga in").click()
        page.get_by_role("link", name="Lekebergs kommun").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("kommunens uppföljning 2024")
        expect(page.locator("#kf-KF3 h3")).to_contain_text("Uppnås ej")
        expect(page.get_by_role("region", name="Nämndernas måluppfyllelse")).to_contain_text(
            "Kommunen totalt"
        )
        overview = page.url
        state = context.storage_state()
        for width in (1280, 390):
            assert _axe_at(browser, state, overview, width) == [], width
        page.set_viewport_size({"width": 390, "height": 844})
        _no_horizontal_scroll(page, overview)

        # Into a committee goal behind a KF-mål, and an indicator's years.
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(overview)
        page.locator("#kf-KF1").get_by_role(
            "link", name="1. Fler bostäder och företag i Lekeberg"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Fler bostäder")
        page.goto(overview.split("/kommun/")[0] + "/n/kommunstyrelsen/2024-helar/")
        page.get_by_role("link", name="Visa 1.1").click()
        page.get_by_role("link", name="Värden år för år, trend och diagram").click()
        expect(page.locator("dl.facts")).to_contain_text("Bättre än 2023")
        history = page.url
        assert _axe_at(browser, state, history, 390) == []
        page.set_viewport_size({"width": 390, "height": 844})
        _no_horizontal_scroll(page, history)
        assert errors == []
