"""The HTML passes axe-core's WCAG 2.1 A and AA rules (and its best practices) in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.documents.browser import ARGS, axe_script, chromium

pytestmark = pytest.mark.browser

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def run_axe(html: bytes, screenshot: Path | None = None) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    executable, script = chromium(), axe_script()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.set_content(html.decode(), wait_until="load")
            page.add_script_tag(path=str(script))
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                RULES,
            )
            if screenshot:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def test_the_annual_report_page_has_no_axe_violation(html_bytes: bytes, tmp_path: Path) -> None:
    violations = run_axe(html_bytes, tmp_path / "page.png")
    summary = [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in violations
    ]
    assert violations == [], json.dumps(summary, ensure_ascii=False, indent=1)


def test_the_month_follow_up_page_has_no_axe_violation(tmp_path: Path) -> None:
    from styra.core.followup import compute
    from styra.documents import render
    from styra.folder import load
    from tests.documents.conftest import ROOT

    loaded = load(ROOT / "examples" / "sydnarke-it-2024-09")
    assert loaded.input is not None
    violations = run_axe(render.html(loaded, compute(loaded.input)), tmp_path / "month.png")
    assert violations == [], json.dumps([v["id"] for v in violations])


def _compiled_html() -> bytes:
    from styra.documents import render
    from styra.folder.municipality import load_municipality
    from styra.report.municipality import compiled
    from tests.documents.conftest import ROOT

    loaded = load_municipality(ROOT / "examples" / "lekeberg-2024")
    assert loaded.ok, loaded.problems
    return render.municipality_html(loaded, compiled(loaded))


def test_the_compiled_municipality_page_has_no_axe_violation(tmp_path: Path) -> None:
    violations = run_axe(_compiled_html(), tmp_path / "compiled.png")
    summary = [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in violations
    ]
    assert violations == [], json.dumps(summary, ensure_ascii=False, indent=1)


def test_the_compiled_page_does_not_scroll_sideways_on_a_phone() -> None:
    """At 390 px only a table's own region scrolls (WCAG 1.4.10), never the page: long
    committee names in headings break, and the trend charts stack one a row."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.set_content(_compiled_html().decode(), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            columns = page.evaluate(
                "getComputedStyle(document.querySelector('.chart-grid'))"
                ".gridTemplateColumns.split(' ').length"
            )
        finally:
            browser.close()
    assert width <= 390
    assert columns == 1
