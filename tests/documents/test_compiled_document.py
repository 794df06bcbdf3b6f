"""Kommunens sammanställda uppföljning (examples/lekeberg-2024) as PDF, DOCX and HTML: the
council's goals with their verdicts, every committee's verdict and result with the
municipality's total, the joint committee's share, and each committee's own report, the
IT committee's exactly as the model report."""

from __future__ import annotations

import os
import re
import shutil
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from styra.cli import main
from styra.core.municipality import MunicipalityFollowUp
from styra.documents import render
from styra.documents.model import ChartGroup, Document, Table
from styra.folder.municipality import LoadedMunicipality, load_municipality
from styra.report.formats import MUNICIPALITY_RENDERERS
from styra.report.municipality import compiled
from tests.documents.conftest import ROOT, SEED
from tests.documents.model_text import missing_in_order, model_pieces, normalise, without_symbols
from tests.documents.test_html import page_text
from tests.documents.test_model_report_text import docx_text, pdf_text
from tests.documents.test_pdf import structure

LEKEBERG = ROOT / "examples" / "lekeberg-2024"
GOLDEN = Path(__file__).parent / "golden" / "lekeberg-2024.html"
IT_SECTION = "8 Sydnärkes IT-nämnd"

# By hand from examples/lekeberg-2024 (the terminal summary agrees): each KF-mål's verdict,
# each committee's, and the net cost per committee and in total, in tkr.
COUNCIL = [
    ("KF1 Lekeberg växer hållbart och är attraktivt att bo och verka i", "◐ Uppnås delvis"),
    ("KF2 Barn och unga ges goda förutsättningar att lyckas", "◐ Uppnås delvis"),
    ("KF3 Kommunen har en god ekonomisk hushållning", "○ Uppnås ej"),
    ("KF4 Invånare och företag möter en tillgänglig och digital service", "◐ Uppnås delvis"),
]
COMMITTEES = [
    ("Kommunstyrelsen", "62 000", "62 168", "-168"),
    ("Barn- och utbildningsnämnden", "330 000", "332 939", "-2 939"),
    ("Samhällsbyggnadsnämnden", "42 100", "42 477", "-377"),
    ("Sydnärkes IT-nämnd", "0", "852", "-852"),
]
TOTAL = "Kommunen totalt 434 100 438 435 -4 335"


@pytest.fixture(scope="module")
def municipality() -> tuple[LoadedMunicipality, MunicipalityFollowUp]:
    loaded = load_municipality(LEKEBERG)
    assert loaded.ok, loaded.problems
    return loaded, compiled(loaded)


@pytest.fixture(scope="module")
def document(municipality: tuple[LoadedMunicipality, MunicipalityFollowUp]) -> Document:
    return render.compiled_document(*municipality)


@pytest.fixture(scope="module")
def html(municipality: tuple[LoadedMunicipality, MunicipalityFollowUp]) -> bytes:
    return render.municipality_html(*municipality)


@pytest.fixture(scope="module")
def pdf(municipality: tuple[LoadedMunicipality, MunicipalityFollowUp]) -> bytes:
    return render.municipality_pdf(*municipality)


@pytest.fixture(scope="module")
def docx_bytes(municipality: tuple[LoadedMunicipality, MunicipalityFollowUp]) -> bytes:
    return render.municipality_docx(*municipality)


def test_the_page_matches_its_golden_snapshot(html: bytes) -> None:
    """Refresh with STYRA_UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    if os.environ.get("STYRA_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(html)
    assert html.decode() == GOLDEN.read_text(encoding="utf-8")


def test_the_sections_are_numbered_with_each_committee_one_level_down(document: Document) -> None:
    top = [s.heading for s in document.sections]
    assert top == [
        "1 Inledning",
        "2 Kommunfullmäktiges mål",
        "3 Nämndernas måluppfyllelse",
        "4 Ekonomi",
        "5 Kommunstyrelsen",
        "6 Barn- och utbildningsnämnden",
        "7 Samhällsbyggnadsnämnden",
        IT_SECTION,
    ]
    it = [s.heading for s in document.walk() if s.number.startswith("8.")]
    assert it == [
        "8.1 Verksamheter",
        "8.1.1 Inledning",
        "8.1.2 Måluppfyllelse",
        "8.1.2.1 Nämndmål",
        "8.1.3 Verksamhetsberättelse",
        "8.1.4 Ekonomi",
    ]
    assert [s.heading for s in document.sections[1].children][:4] == [
        f"2.{i} {goal}" for i, (goal, _status) in enumerate(COUNCIL, 1)
    ]


def _lines(text: str) -> str:
    """One line per cell or paragraph, typography normalised: "-" for U+2212, one space."""
    return "\n".join(normalise(line).strip() for line in text.splitlines() if line.strip())


def _check_compiled_text(text: str, *, symbols: bool = True) -> None:
    """``symbols=False`` for the PDF, whose status shapes are drawn, not text."""
    flat = normalise(text)
    if not symbols:
        flat = without_symbols(flat)
    keep = (lambda s: s) if symbols else without_symbols
    assert (
        "Exempeldata: Sydnärkes IT-nämnd, dess fyra medlemskommuner" in flat[:600]
    )  # on the cover
    for goal, status in COUNCIL:
        assert keep(f"{goal} {status}") in flat, goal  # the council's overview table
    assert (
        keep(
            "Bedömning: ◐ Uppnås delvis. Målet uppnås delvis, bedömt utifrån 2 nämndmål i "
            "2 nämnder."
        )
        in flat
    )
    assert (
        keep(
            "Bedömning: ○ Uppnås ej. Målet uppnås ej, bedömt utifrån 2 nämndmål i 2 nämnder "
            "och en egen indikator."
        )
        in flat
    )
    assert (
        "3 st av 4 bedöms uppnås delvis och 1 st av 4 bedöms uppnås ej, vilket gör att "
        "kommunfullmäktiges mål uppnås delvis."
    ) in flat
    assert keep("Kommunstyrelsen 2 En ekonomi i balans ○ Uppnås ej") in flat  # behind KF3
    verdicts = flat[flat.index("Antal nämndmål") :]
    for name, *_figures in COMMITTEES:
        assert re.search(re.escape(keep(f"{name} 2 ◐ Uppnås delvis")), verdicts), name
    operating = flat[flat.index("DRIFTREDOVISNING PER NÄMND") :]
    for name, budget, outcome, deviation in COMMITTEES:
        assert f"{name} {budget} {outcome} {deviation}" in operating
    assert TOTAL in operating
    assert "Kommunen totalt 11 334 12 486 -1 152" in operating  # investments
    assert "Sydnärkes IT-nämnd Lekebergs kommun Lekeberg -177 invånarantal per 2022-12-31" in flat


def _check_it_committee(text: str) -> None:
    """The IT committee's section holds the model report, every figure and sentence in
    order, with its headings numbered under the section (1.1 becomes 8.1.1)."""
    flat = normalise(text)
    start = flat.rindex(IT_SECTION + " ")
    pieces = model_pieces(SEED)
    body = pieces[pieces.index("1 Verksamheter", 6) :]  # after the cover and contents
    numbered = [re.sub(r"^(\d+(\.\d+)*) (?=[A-ZÅÄÖ])", r"8.\1 ", p) for p in body]
    assert missing_in_order(numbered, flat[start:]) == []
    assert "NETTORESULTAT 0 852 -852" in flat[start:]


def test_the_html_holds_the_council_committees_totals_and_the_it_report(html: bytes) -> None:
    text = _lines(page_text(html.decode()))
    _check_compiled_text(text.replace("\n", " "))
    _check_it_committee(text)


@pytest.mark.slow
def test_the_pdf_holds_the_council_committees_totals_and_the_it_report(pdf: bytes) -> None:
    text = pdf_text(pdf)
    _check_compiled_text(text, symbols=False)
    _check_it_committee(text)


@pytest.mark.slow
def test_the_docx_holds_the_council_committees_totals_and_the_it_report(docx_bytes: bytes) -> None:
    text = _lines(docx_text(docx_bytes))
    _check_compiled_text(text.replace("\n", " "))
    _check_it_committee(text)


def test_example_data_is_on_the_cover_and_in_the_running_text(html: bytes) -> None:
    page = html.decode()
    cover = page[page.index('<header class="cover">') : page.index("</header>")]
    assert (
        '<p class="cover-note"><strong>Exempeldata:</strong> Sydnärkes IT-nämnd, dess fyra '
        "medlemskommuner" in cover
    )
    introduction = page[page.index('id="avsnitt-1"') : page.index('id="avsnitt-2"')]
    assert (
        "<strong>Exempeldata: </strong>Sydnärkes IT-nämnd, dess fyra medlemskommuner"
        in introduction
    )


def test_the_trend_of_an_indicator_with_history_is_a_word_and_a_symbol(html: bytes) -> None:
    """Kommunstyrelsen 1.1, by hand: 41 st in 2023, 48 st in 2024, a target of at least
    60 st, so higher is better and 48 > 41 is better."""
    text = _lines(page_text(html.decode()))
    section = text[text.rindex("5 Kommunstyrelsen") : text.rindex("6 Barn- och")]
    assert "Antal färdigställda bostäder\n41 st\n48 st\n▲ Bättre än 2023\nminst 60 st" in section
    assert "Andel nämnder med utfall inom budget\n25 %\n50 %\n▲ Bättre än 2023" in section
    page = html.decode()
    assert (
        "Linjediagram. Antal färdigställda bostäder: 2021 35\u00a0st, 2022 52\u00a0st, "
        "2023 41\u00a0st, 2024 48\u00a0st. Målvärde: minst 60\u00a0st."
    ) in page


def test_every_indicator_with_history_has_a_trend_chart(document: Document) -> None:
    groups = [b for s in document.walk() for b in s.blocks if isinstance(b, ChartGroup)]
    charts = [c for g in groups for c in g.charts]
    # KF3's own indicator, and three indicators in each invented committee; the IT
    # committee's indicators have no history
    assert len(charts) == 10
    bostader = next(c for c in charts if c.title == "Antal färdigställda bostäder, st")
    assert bostader.categories == ("2021", "2022", "2023", "2024")
    assert bostader.labels == ("35", "52", "41", "48")
    assert bostader.target == 60.0


@pytest.mark.slow
def test_the_pdf_is_tagged_with_a_table_per_table_and_an_alt_per_chart(
    pdf: bytes, document: Document
) -> None:
    tables = [b for s in document.walk() for b in s.blocks if isinstance(b, Table)]
    groups = [b for s in document.walk() for b in s.blocks if isinstance(b, ChartGroup)]
    pdf_document, kinds, alts = structure(pdf)
    assert str(pdf_document.Root.Lang) == "sv-SE"
    title = "Kommunens sammanställda uppföljning för helåret 2024, Lekebergs kommun"
    assert str(pdf_document.docinfo.Title) == title
    assert kinds["/Table"] == len(tables)
    assert kinds["/TH"] >= sum(len(t.columns) for t in tables)
    trend_alts = [a for a in alts if a.startswith("Linjediagram.")]
    assert len(trend_alts) == sum(len(g.charts) for g in groups)
    assert sum(a.startswith("Stapeldiagram.") for a in alts) == 4  # each committee's costs


@pytest.mark.slow
def test_the_pdf_bookmarks_name_the_council_goals_and_each_committee(pdf: bytes) -> None:
    with pikepdf.open(BytesIO(pdf)) as document, document.open_outline() as outline:
        top = [item.title for item in outline.root]
    assert top[-4:] == [
        "5 Kommunstyrelsen",
        "6 Barn- och utbildningsnämnden",
        "7 Samhällsbyggnadsnämnden",
        IT_SECTION,
    ]


@pytest.mark.parametrize(
    "fmt",
    [
        "html",
        pytest.param("pdf", marks=pytest.mark.slow),
        pytest.param("docx", marks=pytest.mark.slow),
    ],
)
def test_styra_report_writes_each_document_format(fmt: str, tmp_path: Path) -> None:
    assert fmt in MUNICIPALITY_RENDERERS
    out = tmp_path / f"k.{fmt}"
    assert main(["report", str(LEKEBERG), "--format", fmt, "--output", str(out)]) == 0
    assert out.stat().st_size > 10_000


@pytest.mark.slow
def test_at_interim_each_committee_shows_its_forecast_as_in_its_own_report(
    tmp_path: Path,
) -> None:
    """A municipality of one committee at its delår: the compiled table's row is the
    committee's own net row to date with the full-year forecast, and the verdicts are
    judged by forecast."""
    shutil.copytree(ROOT / "examples" / "sydnarke-it-2024-delar", tmp_path / "it")
    for name in ("governance.yaml", "council-goals.yaml"):
        shutil.copy(LEKEBERG / name, tmp_path / name)
    (tmp_path / "municipality.yaml").write_text(
        "municipality: Lekebergs kommun\ncode: '1814'\n"
        "period: {year: 2024, kind: interim, start: 2024-01-01, end: 2024-08-31,"
        " report_date: 2024-09-30}\ncommittees: [it]\n",
        encoding="utf-8",
    )
    loaded = load_municipality(tmp_path)
    assert loaded.ok, loaded.problems
    document = render.compiled_document(loaded, compiled(loaded))
    assert document.cover.title == "Kommunens sammanställda uppföljning för januari–augusti 2024"
    assert document.cover.note == ""  # not marked as example data
    tables = {b.title: b for s in document.walk() for b in s.blocks if isinstance(b, Table)}
    operating = tables["DRIFTREDOVISNING PER NÄMND"]
    assert [c.header for c in operating.columns][-3:] == [
        "BUDGET 2024",
        "PROGNOS 2024",
        "PROGNOS­AVVIKELSE",
    ]
    own = tables["DRIFTREDOVISNING JANUARI–AUGUSTI 2024"].rows[-1]
    committee, total = operating.rows
    assert [c.text for c in committee.cells[1:]] == [c.text for c in own.cells[1:]]
    assert [c.text for c in total.cells[1:]] == [c.text for c in own.cells[1:]]
    assert total.cells[0].text == "Kommunen totalt"
    verdicts = tables["Nämndernas måluppfyllelse"]
    assert verdicts.columns[-1].header == "Bedömning enligt prognos"


def test_at_interim_the_council_judges_by_forecast_and_no_result_is_shared(
    tmp_path: Path,
) -> None:
    """The council's goals roll up the committee goals as the committee's own interim
    report judges them (by forecast), and no share of a result that is not the year's."""
    shutil.copytree(ROOT / "examples" / "sydnarke-it-2024-delar", tmp_path / "it")
    for name in ("governance.yaml", "council-goals.yaml"):
        shutil.copy(LEKEBERG / name, tmp_path / name)
    goals = tmp_path / "it" / "goals.yaml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace(
            "    name: Ge god service och IT-drift av hög kvalitet\n",
            "    name: Ge god service och IT-drift av hög kvalitet\n    council_goals: [KF4]\n",
        ),
        encoding="utf-8",
    )
    (tmp_path / "municipality.yaml").write_text(
        "municipality: Lekebergs kommun\ncode: '1814'\n"
        "period: {year: 2024, kind: interim, start: 2024-01-01, end: 2024-08-31,"
        " report_date: 2024-09-30}\ncommittees: [it]\n",
        encoding="utf-8",
    )
    loaded = load_municipality(tmp_path)
    m = compiled(loaded)
    interim = loaded.committees[0].loaded.extras["interim"]
    (kf4,) = [g for g in m.council.goals if g.goal.id == "KF4"]
    (linked,) = kf4.linked
    by_forecast = next(g for g in interim.goals if g.goal.id == "1")
    assert linked.result is by_forecast
    assert m.joint_shares == ()
