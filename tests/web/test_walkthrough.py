"""Every page of each demo role, walked in Debian's Chromium at 390 px and 1280 px.

A live ``styra serve`` (the demo data and accounts); each role signs in and follows every
same-origin link from its start page (and, for staff, from the admin's index), so a page
another part of the app adds later is walked too. On each page, at both widths: axe-core
finds no WCAG 2.1 A/AA violation, the page does not scroll sideways, and no request fails.

The Content-Security-Policy stays on: axe-core is evaluated through the DevTools protocol
(``page.evaluate``), which the policy does not govern, never as a ``<script>`` element, and
a policy violation logged by the page is a failure. A document already checked (the same
page seen by another role, without the header's name and the CSRF tokens) is not checked
again; the admin's pages are walked one of each kind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.documents.browser import ARGS, axe_script, chromium
from tests.web.live import password, serve

pytestmark = [
    pytest.mark.browser,
    # The walk runs on SQLite (postgres=False below): the pages' layout and accessibility do
    # not depend on the database, so .ci/run's second pass (DATABASE_URL set) would only
    # repeat the same seven minutes.
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="körs i SQLite-omgången; sidornas layout beror inte på databasen",
    ),
]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)
ROLES = (
    "ekonom",
    "indikatoransvarig",
    "lasare",
    "kommuncontroller",
    "fullmaktige",
    "laxa-controller",
    "admin",
)
# Not pages: signing out, and the admin's pages that change or delete on their own path.
SKIP = re.compile(r"/konto/logga-ut/|/admin/logout/|/delete/|/static/|/jsi18n/|/admin/r/")
# The admin has one page per row: one of each kind is walked (an id becomes N).
ADMIN_ROW = re.compile(r"/\d+/")
SIDEWAYS = "document.scrollingElement.scrollWidth - window.innerWidth"
# The page as every person sees it: without the header (the person's name) and the CSRF
# tokens. A document already checked, under another role or address, is not checked again.
DOCUMENT = """() => { const body = document.body.cloneNode(true);
  body.querySelectorAll('header.site, input[name=csrfmiddlewaretoken]').forEach(e => e.remove());
  return body.innerHTML; }"""
LINKS = "[...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download'))" \
    ".map(a => a.href)"  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with serve(tmp_path_factory.mktemp("styra-data"), workers=2, postgres=False) as found:
        yield found.address, found.data


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _same_site(address: str, href: str) -> str | None:
    """The link's address without its fragment, when it is a page of this site to walk."""
    url = urldefrag(href).url
    if not url.startswith(address) or SKIP.search(urlsplit(url).path):
        return None
    return url


def _kind(url: str) -> str:
    """The admin's pages are walked one of each kind (a row's id becomes N; its lists'
    sortings and filters are the same page); every other page on its own."""
    path = urlsplit(url).path
    return ADMIN_ROW.sub("/N/", path) if path.startswith("/admin/") else url


def _check(page: Any, axe: str, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    found = []
    sideways = page.evaluate(SIDEWAYS)
    if sideways > 0:
        found.append(f"{width} px: the page scrolls {sideways} px sideways")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    for v in result["violations"]:
        nodes = [n["html"][:160] for n in v["nodes"][:3]]
        found.append(f"{width} px: axe {v['id']} ×{len(v['nodes'])}: {nodes}")
    return found


def _sign_in(page: Any, address: str, data: Path, username: str) -> None:
    page.goto(address + "konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password(data, username))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    assert "logga-in" not in page.url, username


@pytest.fixture(scope="module")
def checked() -> set[str]:
    """The digests of the documents checked so far, by any role."""
    return set()


def _open(page: Any, url: str) -> Any:
    """The page's response; None for a download or anything that is not an HTML page."""
    try:
        response = page.goto(url)
    except Exception as exc:  # a download is no page
        if "Download is starting" in str(exc) or "ERR_ABORTED" in str(exc):
            return None
        raise
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return None
    return response


def _served(response: Any, logged: list[str]) -> list[str]:
    """What the server and the page's own loading said: the status, the policy header, and
    errors logged (a failed request, a policy violation) before axe-core ran."""
    found = [] if response.status == 200 else [f"status {response.status}"]
    if "script-src 'self'" not in response.headers.get("content-security-policy", ""):
        found.append("no Content-Security-Policy")
    return found + [f"console: {text}" for text in logged]


def _settle(page: Any) -> None:
    """Wait (a little) until the page has no requests in flight."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=3000)


def walk(
    browser: Any, address: str, data: Path, username: str, checked: set[str]
) -> tuple[int, dict[str, Any]]:
    """The number of pages walked and the problems found on each."""
    axe = axe_script().read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    logged: list[str] = []
    # A failed request is named by its address (the console's line says only the status);
    # the console's own line for it is left out, the rest of its errors count.
    page.on(
        "console",
        lambda m: (
            logged.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: logged.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    _sign_in(page, address, data, username)
    start = [address] + ([address + "admin/"] if username == "admin" else [])
    queue, seen, problems = list(start), {_kind(u) for u in start}, {}
    try:
        while queue:
            url = queue.pop(0)
            _settle(page)  # the last page's requests in flight are the last page's
            logged.clear()
            response = _open(page, url)
            if response is None:
                continue
            found = _served(response, logged)
            for link in page.evaluate(LINKS):
                target = _same_site(address, link)
                if target is not None and _kind(target) not in seen:
                    seen.add(_kind(target))
                    queue.append(target)
            digest = hashlib.sha256(page.evaluate(DOCUMENT).encode()).hexdigest()
            if digest not in checked:
                checked.add(digest)
                found += [p for width in WIDTHS for p in _check(page, axe, width)]
            if found:
                problems[url.removeprefix(address)] = found
    finally:
        context.close()
    return len(seen), problems


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_the_role_passes_axe_and_fits_390_px(
    browser: Any, server: tuple[str, Path], checked: set[str], username: str
) -> None:
    address, data = server
    began = time.monotonic()
    walked, problems = walk(browser, address, data, username, checked)
    print(f"{username}: {walked} pages in {time.monotonic() - began:.0f} s")
    assert walked > 3
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
