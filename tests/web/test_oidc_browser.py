"""Sign-in through a real OpenID provider, in Chromium, against a real ``styra serve``.

The provider (tests/oidc_provider) runs as its own process on the loopback; Styra is
started with STYRA_OIDC_* pointing at it, as a municipality would configure it. Staff map
a provider group to a committee role in the admin; then a person signs in at the provider
and comes back with the roles their groups give, loses a role when the group is taken
away at the provider, signs out of both, and is refused, in Swedish, a token issued to
another service or one that has expired.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import ARGS, chromium
from tests.oidc_provider import RunningProvider, running
from tests.web.live import Browser, Server, free_port, password, serve

pytestmark = [pytest.mark.browser]

PROVIDER = "Testkommunens konto"
COMMITTEE = "Sydnärkes IT-nämnd"
ELSEWHERE = ("n/kommunstyrelsen/", "n/samhallsbyggnadsnamnden/", "n/barn-och-utbildningsnamnden/")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, RunningProvider]]:
    port = free_port()
    env = {
        "STYRA_OIDC_ISSUER": f"http://127.0.0.1:{port}",
        "STYRA_OIDC_CLIENT_ID": "styra",
        "STYRA_OIDC_CLIENT_SECRET": "styra-hemlighet-for-testerna",
        "STYRA_OIDC_NAME": PROVIDER,
        "NO_PROXY": "127.0.0.1,localhost",  # the loopback, whatever proxy CI sets
    }
    data = tmp_path_factory.mktemp("styra-data")
    with serve(data, workers=1, **env) as server:  # on PostgreSQL in CI's second run
        back = [server.address + "konto/oidc/tillbaka/"]
        out = [server.address + "konto/logga-in/"]
        with running(
            port, back, out, env["STYRA_OIDC_CLIENT_ID"], env["STYRA_OIDC_CLIENT_SECRET"]
        ) as op:
            yield server, op


def map_group_in_the_admin(
    page: Any, server: Server, group: str, committee: str, role: str
) -> None:
    """Staff sign in with a local account and add the group's role in the admin."""
    page.goto(server.address + "konto/logga-in/?next=/admin/signin/grouprole/add/")
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill(password(server.data, "admin"))
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.locator("#id_group").fill(group)
    page.locator("#id_committee").select_option(label=committee)
    page.locator("#id_committee_role").select_option(label=role)
    page.get_by_role("button", name="Spara", exact=True).click()
    assert page.locator(".errornote, .errorlist").count() == 0, page.locator("main").inner_text()
    page.wait_for_url("**/admin/signin/grouprole/")


def sign_in_at_the_provider(page: Any, server: Server, *, form: bool = True) -> None:
    page.goto(server.address)
    page.get_by_role("link", name=f"Logga in med {PROVIDER}").click()
    if form:  # the provider's own page; skipped while its session lasts
        page.get_by_label("Användarnamn").fill("anna")
        page.get_by_label("Lösenord").fill("annas-losenord")
        page.get_by_role("button", name="Logga in hos testleverantören").click()


def _is_fault(message: Any) -> bool:
    return message.type == "error" and not message.text.startswith("Failed to load resource")


def test_a_person_signs_in_gets_the_roles_of_their_groups_and_loses_one_with_its_group(
    sites: tuple[Server, RunningProvider],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, op = sites
    op.set_user("anna", "annas-losenord", ["it-lasare"], name="Anna Andersson")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        staff = browser.new_page()
        map_group_in_the_admin(staff, server, "it-lasare", COMMITTEE, "Läsare")

        page = browser.new_context().new_page()
        errors: list[str] = []
        # Script errors and Content-Security-Policy violations (the 404s below are meant).
        page.on("console", lambda m: errors.append(m.text) if _is_fault(m) else None)
        sign_in_at_the_provider(page, server)
        # The first sign-in made the account; its one committee opens at once.
        expect(page.locator("header.site")).to_contain_text("Anna Andersson")
        expect(page.locator("main")).to_contain_text(COMMITTEE)
        assert "/n/sydnarkes-it/" in page.url or "sydnarkes-it" in page.url
        # Elsewhere 404, at addresses Lekeberg's council reader (a demo account) may open.
        council = Browser(server).sign_in("fullmaktige")
        for elsewhere in ELSEWHERE:
            assert council.request(elsewhere)[0] in (200, 302), elsewhere
            assert page.goto(server.address + elsewhere).status == 404, elsewhere

        # Signing out ends the provider's session too (RP-initiated logout).
        page.goto(server.address)
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url(server.address + "konto/logga-in/**")
        state = op.control()
        assert state["sessions"] == [] and state["logouts"][-1] == {
            "user": "anna",
            "client_id": "styra",
        }

        # The group is taken away at the provider: the next sign-in takes the role away.
        op.set_user("anna", "annas-losenord", [], name="Anna Andersson")
        sign_in_at_the_provider(page, server)  # the provider asks again: its session ended
        expect(page.locator("header.site")).to_contain_text("Anna Andersson")
        assert page.goto(server.address + "n/sydnarkes-it/").status == 404
        assert errors == []
        browser.close()


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("wrong_audience", "var utfärdat till en annan tjänst än Styra"),
        ("expired", "hade redan gått ut"),
    ],
)
def test_a_token_for_another_service_or_an_expired_one_is_refused_in_swedish(
    sites: tuple[Server, RunningProvider], mode: str, words: str
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, op = sites
    op.set_user("anna", "annas-losenord", ["it-lasare"], name="Anna Andersson")
    op.mode(mode)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
            page = browser.new_page()
            sign_in_at_the_provider(page, server)
            alert = page.get_by_role("alert")
            expect(alert).to_contain_text("Inloggningen nekades")
            expect(alert).to_contain_text(words)
            expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)
            assert page.goto(server.address + "n/sydnarkes-it/").url.startswith(
                server.address + "konto/logga-in/"
            )
            browser.close()
    finally:
        op.mode("normal")
