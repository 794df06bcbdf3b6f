"""The månadsuppföljning (examples/sydnarke-it-2024-09): one page with the result to date,
the forecast, the largest changes since the delår and the costs month by month; the same
sections in PDF, DOCX and HTML."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from styra.core.followup import FollowUp, compute
from styra.documents import render
from styra.documents.model import Document, LineChart, Paragraph, Table
from styra.folder import Loaded, load
from tests.documents.conftest import ROOT
from tests.documents.test_html import page_text
from tests.documents.test_model_report_text import docx_text
from tests.documents.test_pdf import structure

MONTH = ROOT / "examples" / "sydnarke-it-2024-09"
HEADINGS = [
    "1 Resultat och helårsprognos",
    "2 Största förändringar sedan förra prognosen",
    "3 Kostnader över året",
]
M, G = "\u2212", "\u202f"


@pytest.fixture(scope="module")
def month() -> tuple[Loaded, FollowUp]:
    loaded = load(MONTH)
    assert loaded.ok and loaded.input is not None, loaded.problems
    return loaded, compute(loaded.input)


@pytest.fixture(scope="module")
def document(month: tuple[Loaded, FollowUp]) -> Document:
    return render.document(*month)


def test_the_title_names_the_month_and_the_committee(document: Document) -> None:
    assert document.cover.title == "Månadsuppföljning september 2024"
    assert document.cover.organisation == "Sydnärkes IT-nämnd, Lekebergs kommun"
    assert document.title == "Månadsuppföljning september 2024, Sydnärkes IT-nämnd"
    assert document.compact
    assert [s.heading for s in document.walk()] == HEADINGS


def test_the_result_gives_the_net_to_date_and_the_forecast(document: Document) -> None:
    result = document.sections[0]
    said = " ".join(b.text for b in result.blocks if isinstance(b, Paragraph))
    assert said.startswith("Januari–september 2024: nettoresultatet är 1\u202f690\u00a0tkr")
    assert "Nämndmålen enligt helårsprognosen: 2 av 2 uppnås delvis." in said
    [table] = [b for b in result.blocks if isinstance(b, Table)]
    assert {c.group for c in table.columns[1:]} == {"JANUARI–SEPTEMBER", "HELÅR 2024"}
    labels = [r.cells[0].text for r in table.rows]
    assert labels[-3:] == ["KAPITALKOSTNADER", "TOTALT KOSTNADER", "NETTORESULTAT"]
    assert "TOTALT INTÄKTER" in labels


def test_the_five_largest_changes_are_shown_largest_first(document: Document) -> None:
    [table] = [b for b in document.sections[1].blocks if isinstance(b, Table)]
    assert table.title == "Förändring sedan Delårsrapport januari–augusti 2024"
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert len(rows) == 5
    # by hand: the delår's 11 950,03431 and 4 300 tkr against October's typed 13 300 and 4 750
    assert rows[0][:4] == ["LICENSER & SERVICEAVTAL", f"11{G}950", f"13{G}300", f"{M}1{G}350"]
    assert rows[0][4].startswith("Höstens fakturor för M365-licenser")
    assert rows[1][:4] == ["ÖVRIGT TJÄNSTEKÖP", f"4{G}300", f"4{G}750", f"{M}450"]
    assert rows[2][4] == "Prognosmetod: utfall plus återstående budget."  # no comment given


def test_the_chart_accumulates_the_costs_and_ends_in_the_forecast(document: Document) -> None:
    [chart] = document.sections[2].blocks
    assert isinstance(chart, LineChart)
    budget, outcome, forecast = chart.series
    assert len(chart.categories) == 12 and chart.categories[0] == "jan"
    assert budget.label == f"43{G}306"  # the year's cost budget, TOTALT KOSTNADER
    assert outcome.values[9:] == (None, None, None) and outcome.label == f"34{G}585"
    assert forecast.continues and forecast.label == f"45{G}110"
    assert chart.description.startswith("Linjediagram. Kostnader ackumulerat per månad 2024")
    assert f"Helårsprognos: 45{G}110 tkr" in chart.description


def test_the_pdf_is_one_page(month: tuple[Loaded, FollowUp]) -> None:
    reader = PdfReader(BytesIO(render.pdf(*month)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for heading in HEADINGS:
        assert " ".join(heading.split()) in text


def test_the_docx_and_html_have_the_same_sections_and_no_contents(
    month: tuple[Loaded, FollowUp],
) -> None:
    word = render.docx(*month)
    text = docx_text(word)
    page = render.html(*month).decode()
    shown = page_text(page)
    for heading in HEADINGS:
        assert heading in text and heading in shown
    assert "Innehållsförteckning" not in text and "Innehållsförteckning" not in shown
    assert f"LICENSER & SERVICEAVTAL\n11{G}950\n13{G}300\n{M}1{G}350" in text
    [shape] = docx.Document(BytesIO(word)).inline_shapes
    assert shape._inline.docPr.get("descr").startswith("Linjediagram.")
    assert '<svg role="img"' in page and "<polyline" in page


def test_without_a_previous_forecast_the_changes_section_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "manad"
    shutil.copytree(MONTH, folder)
    (folder / "forecast-history.yaml").unlink()
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None
    document = render.document(loaded, compute(loaded.input))
    [said] = document.sections[1].blocks
    assert isinstance(said, Paragraph)
    assert said.text == "Det finns ingen tidigare prognos för året att jämföra med."


def test_the_pdf_tags_both_tables_with_header_cells_and_the_chart_with_its_text(
    month: tuple[Loaded, FollowUp],
) -> None:
    _, kinds, alts = structure(render.pdf(*month))
    assert kinds["/Table"] == 2
    assert kinds["/TH"] >= 7 + 5  # each column head, with the group heads above
    assert any(a.startswith("Linjediagram. Kostnader ackumulerat per månad") for a in alts)
