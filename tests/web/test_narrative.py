"""Narrative sections: Markdown rendered and sanitised; no script gets through."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from styra.web.followup import models as m
from styra.web.followup.markdown import render_markdown
from tests.web.conftest import client_for, url

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klicka](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)">',
]


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


@pytest.mark.parametrize("text", ATTACKS)
def test_markdown_cannot_inject_script(text: str) -> None:
    parser = Elements()
    parser.feed(render_markdown(text))
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "svg", "img", "object", "embed"}
        for name, value in attrs:
            assert not name.startswith("on")
            assert not (value or "").strip().lower().startswith("javascript:")


def test_markdown_keeps_headings_lists_and_emphasis() -> None:
    html = render_markdown("### Personal\n\n- en **viktig** punkt\n")
    assert "<h3>Personal</h3>" in html and "<strong>viktig</strong>" in html


def test_a_controller_saves_a_section_and_readers_see_it_sanitised(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    data = {"markdown": "Nytt **resultat**.<script>alert(1)</script>", "version": "1"}
    response = client_for("controller").post(url("section", period, pk=section.pk), data)
    assert response.status_code == 302
    page = client_for("reader").get(url("narrative", period)).content.decode()
    assert "Nytt <strong>resultat</strong>." in page
    assert "<script>alert" not in page
    change = m.Change.objects.get(item_kind="narrative", item_id=section.pk)
    assert change.new.startswith("Nytt **resultat**")


def test_a_stale_section_save_shows_the_other_text(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    client_for("controller").post(
        url("section", period, pk=section.pk), {"markdown": "Först.", "version": "1"}
    )
    response = client_for("controller").post(
        url("section", period, pk=section.pk), {"markdown": "Sen.", "version": "1"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "<p>Först.</p>" in page and "Sen.</textarea>" in page


def test_a_controller_writes_the_analysis_beside_a_large_deviation(period: m.Period) -> None:
    line = m.ReportLine.objects.get(period=period, label="PERSONALKOSTNADER")
    data = {"analysis": "Vakanser under våren.", "version": "1"}
    assert client_for("controller").post(url("line", period, pk=line.pk), data).status_code == 302
    page = client_for("reader").get(url("overview", period)).content.decode()
    assert "Vakanser under våren." in page
    change = m.Change.objects.get(item_kind="line", item_id=line.pk)
    assert change.new == "Vakanser under våren."


def test_readers_see_the_narratives_figures_filled_in(period: m.Period) -> None:
    page = client_for("reader").get(url("narrative", period)).content.decode()
    assert "Kostnaderna för tjänsteköp blev 1\u202f648 tkr högre" in page
    assert "{drift." not in page


def test_a_placeholder_that_names_no_figure_is_refused_with_its_line(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="driftanalys")
    data = {"markdown": "Rad ett.\n\nBlev {drift.tjanstekpo.avvikelse} tkr.", "version": "1"}
    response = client_for("controller").post(url("section", period, pk=section.pk), data)
    assert response.status_code == 400
    assert "Rad 3: okänd platshållare {drift.tjanstekpo.avvikelse}" in response.content.decode()
    section.refresh_from_db()
    assert section.version == 1 and "{drift.tjanstekop.avvikelse|abs}" in section.markdown


def test_a_saved_placeholder_shows_its_figure_in_the_editor(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    data = {"markdown": "Avvikelsen blev {resultat.budgetavvikelse} tkr.", "version": "1"}
    client = client_for("controller")
    assert client.post(url("section", period, pk=section.pk), data).status_code == 302
    page = client.get(url("section", period, pk=section.pk)).content.decode()
    assert "<p>Avvikelsen blev \u2212852 tkr.</p>" in page
