"""The HTML on a phone (390 px) and a wide screen (1280 px), and on paper, in Chromium:
axe-core finds nothing, the page never scrolls sideways, the chart's text stays at least
12 px, the served font is Source Sans Pro, and in print nothing scrolls.

Every page of the published site of the example is checked too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.documents.browser import ARGS, axe_script, chromium
from tests.documents.conftest import EXAMPLE, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = (390, 1280)
FOLDERS = ("sydnarke-it-2024", "sydnarke-it-2024-delar", "sydnarke-it-2024-09", "lekeberg-2024")

# The rendered size of each visible text of a chart: its font size times the SVG's scale.
CHART_TEXT = """() => [...document.querySelectorAll('figure svg text')]
  .filter(t => t.getClientRects().length > 0 && t.getBoundingClientRect().height > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
SCROLLING = """() => [...document.querySelectorAll('*')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
            || ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
  .map(e => e.tagName + '.' + e.className)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example's single-page report, as `styra report --format html` writes it."""
    from styra.cli import main

    folder = tmp_path_factory.mktemp("html")
    found = {}
    for name in FOLDERS:
        path = folder / f"{name}.html"
        assert main(["report", str(ROOT / "examples" / name), "--output", str(path)]) == 0
        found[name] = path
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from styra.cli import main

    output = tmp_path_factory.mktemp("publish") / "site"
    assert main(["publish", str(EXAMPLE), "--output", str(output)]) == 0
    return output


def check(page: Any, width: int) -> list[str]:
    """axe-core's violations and a sideways scroll of the page, as readable lines."""
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULES
    )
    found = [
        f"{v['id']}: {[n['html'][:100] for n in v['nodes'][:2]]}" for v in result["violations"]
    ]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"the page is {scroll} px wide at {width} px")
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FOLDERS)
def test_each_report_page_passes_axe_and_does_not_scroll_sideways(
    browser: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(pages[name].as_uri())
        assert check(page, width) == []
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_of_the_published_site_passes_axe_and_fits(
    browser: Any, site: Path, width: int
) -> None:
    files = sorted(site.glob("*.html"))
    assert len(files) > 20
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = {}
    try:
        for path in files:
            page.goto(path.as_uri())
            found = check(page, width)
            if found:
                problems[path.name] = found
    finally:
        page.close()
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("name", ["sydnarke-it-2024", "sydnarke-it-2024-09", "lekeberg-2024"])
def test_a_charts_text_is_at_least_12_px_on_a_phone(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """The bar chart's narrow drawing, the line chart at full size in its scroll box, and
    the small trend charts: every visible chart text measures 12 px or more at 390 px."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(pages[name].as_uri())
        sizes = page.evaluate(CHART_TEXT)
    finally:
        page.close()
    assert sizes
    assert min(sizes) >= 12, min(sizes)


def test_the_site_shows_the_charts_narrow_drawing_on_a_phone(browser: Any, site: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto((site / "avsnitt-1-4.html").as_uri())
        shown = page.evaluate(
            "[...document.querySelectorAll('figure.chart svg')]"
            ".filter(s => s.getClientRects().length).map(s => s.getAttribute('class'))"
        )
        sizes = page.evaluate(CHART_TEXT)
    finally:
        page.close()
    assert shown == ["narrow"]
    assert min(sizes) >= 12


def test_every_table_scrolls_in_its_own_region_on_a_phone(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(pages["sydnarke-it-2024"].as_uri())
        regions = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => [t.parentElement.className,"
            " getComputedStyle(t.parentElement).overflowX, t.parentElement.clientWidth])"
        )
    finally:
        page.close()
    assert regions
    assert all(r[0] == "table-scroll" and r[1] == "auto" and r[2] <= 390 for r in regions)


@pytest.mark.parametrize("name", ["sydnarke-it-2024", "sydnarke-it-2024-09"])
def test_in_print_nothing_scrolls_and_every_table_is_whole(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """Print media at an A4 page's width: no element scrolls, each table fits the page and
    the bar chart is its wide drawing."""
    page = browser.new_page(viewport={"width": 680, "height": 960})
    try:
        page.emulate_media(media="print")
        page.goto(pages[name].as_uri())
        scrolling = page.evaluate(SCROLLING)
        tables = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)"
        )
        charts = page.evaluate(
            "[...document.querySelectorAll('figure.chart svg')]"
            ".filter(s => s.getClientRects().length).map(s => s.getAttribute('class'))"
        )
    finally:
        page.close()
    assert scrolling == []
    assert tables and max(tables) <= 680
    assert "narrow" not in charts


def test_the_page_is_set_in_the_embedded_source_sans_pro(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(pages["sydnarke-it-2024"].as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded')"
            ".map(f => f.family.replaceAll('\"', '') + ' ' + f.weight + ' ' + f.style)"
        )
        client = page.context.new_cdp_session(page)
        client.send("DOM.enable")
        client.send("CSS.enable")
        root = client.send("DOM.getDocument")["root"]["nodeId"]
        cell = client.send("DOM.querySelector", {"nodeId": root, "selector": "tbody td.number"})
        used = client.send("CSS.getPlatformFontsForNode", {"nodeId": cell["nodeId"]})
    finally:
        page.close()
    assert "Source Sans Pro 400 normal" in loaded
    assert "Source Sans Pro 700 normal" in loaded
    assert [f["familyName"] for f in used["fonts"]] == ["Source Sans Pro"]


@pytest.mark.parametrize("name", ["sydnarke-it-2024-delar", "sydnarke-it-2024-09", "lekeberg-2024"])
def test_the_interim_month_and_municipality_sites_pass_axe_on_a_phone(
    browser: Any, tmp_path: Path, name: str
) -> None:
    from styra.cli import main

    output = tmp_path / "site"
    assert main(["publish", str(ROOT / "examples" / name), "--output", str(output)]) == 0
    page = browser.new_page(viewport={"width": 390, "height": 900})
    problems = {}
    try:
        for path in sorted(output.glob("*.html")):
            page.goto(path.as_uri())
            if found := check(page, 390):
                problems[path.name] = found
    finally:
        page.close()
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
