"""What a screen reader follows in the PDF (issue 13, items 2, 3 and 7): row headers and
row spans in the structure tree, the sub-sections as headings and bookmarks, one font,
the running header and footer, the cover's year, logo and file number.

Which Matterhorn protocol failure conditions these checks stand for is written in
docs/DECISIONS.md (2026-12-03, the house style and the PDF's tables).
"""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest

from styra.core.followup import compute
from styra.documents import render
from styra.documents.model import (
    Cell,
    Column,
    ColumnKind,
    Cover,
    Document,
    Section,
    Table,
    TableRow,
)
from styra.documents.pdf import render_pdf
from styra.folder import load
from tests.documents.test_model_report_text import pdf_text


def _table_attributes(element: pikepdf.Dictionary) -> pikepdf.Dictionary:
    found = element.get("/A")
    items = list(found) if isinstance(found, pikepdf.Array) else [found]
    return next(a for a in items if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table")


def _elements(node: object, kind: str) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    if isinstance(node, pikepdf.Array):
        for item in node:
            found += _elements(item, kind)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        if kind == node.S:
            found.append(node)
        elif "/K" in node:
            found += _elements(node.K, kind)
    return found


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _body_rows(table: pikepdf.Dictionary) -> list[list[pikepdf.Dictionary]]:
    bodies = [k for k in _kids(table) if k.S == "/TBody"]
    return [_kids(tr) for body in bodies for tr in _kids(body) if tr.S == "/TR"]


@pytest.fixture(scope="module")
def pdf(pdf_bytes: bytes) -> pikepdf.Pdf:
    return pikepdf.open(BytesIO(pdf_bytes))


@pytest.fixture(scope="module")
def tables(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return _elements(pdf.Root.StructTreeRoot.K, "/Table")


def test_the_goal_cell_is_one_row_header_spanning_its_indicators(
    tables: list[pikepdf.Dictionary],
) -> None:
    # the goal overview comes first, then the goal table (1.2.1)
    rows = _body_rows(tables[1])
    assert len(rows) == 14  # 7 + 7 indicators, as the model report prints them
    goal = rows[0][0]
    assert goal.S == "/TH"
    attributes = _table_attributes(goal)
    assert (attributes.Scope, int(attributes.RowSpan)) == ("/Row", 7)
    # the rows it spans have no empty cell in its place: indicator, result, target, status
    assert [len(r) for r in rows] == [5, 4, 4, 4, 4, 4, 4, 5, 4, 4, 4, 4, 4, 4]
    assert int(_table_attributes(rows[7][0]).RowSpan) == 7


def test_every_cell_names_its_row_headers_and_each_id_is_a_th(
    pdf: pikepdf.Pdf, tables: list[pikepdf.Dictionary]
) -> None:
    ids = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    nki = _body_rows(tables[1])[3]  # Värde Nöjd Kund Index (NKI): no value
    indicator = nki[0]
    assert (indicator.S, _table_attributes(indicator).Scope) == ("/TH", "/Row")
    headers = [bytes(h) for h in _table_attributes(nki[1]).Headers]
    goal_id = bytes(_body_rows(tables[1])[0][0].ID)
    assert headers[:2] == [goal_id, bytes(indicator.ID)]  # the goal, then the indicator
    for table in tables:
        for row in _body_rows(table):
            for cell in row:
                for ident in _table_attributes(cell).get("/Headers", []):
                    assert ids[bytes(ident).decode()].S == "/TH"  # resolves (Matterhorn 15-005)


def test_account_lines_are_row_headers(tables: list[pikepdf.Dictionary]) -> None:
    operating = _body_rows(tables[2])
    assert len(operating) == 14
    assert all(r[0].S == "/TH" and _table_attributes(r[0]).Scope == "/Row" for r in operating)
    assert all(c.S == "/TD" for r in operating for c in r[1:])


def test_every_th_has_a_scope(tables: list[pikepdf.Dictionary]) -> None:
    for table in tables:
        for th in _elements(table.K, "/TH"):
            assert _table_attributes(th).Scope in ("/Row", "/Column")


def test_the_note_under_the_operating_account_is_its_caption(
    tables: list[pikepdf.Dictionary], pdf_bytes: bytes
) -> None:
    captions = [t for t in tables if any(k.S == "/Caption" for k in _kids(t))]
    assert captions == [tables[2]]
    text = " ".join(pdf_text(pdf_bytes).split())
    assert (
        "NETTORESULTAT 852 tkr betyder att kostnaderna var 852 tkr större än intäkterna. "
        "Mot budgeten 0 tkr är avvikelsen \u2212852 tkr: ett underskott."
    ) in text


def test_sub_sections_are_headings_in_the_bookmarks_and_the_contents(
    pdf: pikepdf.Pdf, pdf_bytes: bytes
) -> None:
    with pdf.open_outline() as outline:
        titles: list[str] = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
    for title in (
        "1.2.1 Nämndmål",
        "Nämndmål och indikatorer",
        "DRIFTREDOVISNING",
        "Kostnader per rad: budget och utfall 2024, tkr",
        "INVESTERINGSREDOVISNING",
        "Fördelning av underskott per medlemskommun",
    ):
        assert title in titles
    assert titles.index("1.2.1 Nämndmål") < titles.index("Nämndmål och indikatorer")
    contents = pdf_text(pdf_bytes).split("Innehållsförteckning")[1].split("1 Verksamheter\n")[0]
    assert "1.2.1 Nämndmål" in pdf_text(pdf_bytes)[:2000]
    assert contents is not None


def test_headings_never_skip_a_level(pdf: pikepdf.Pdf) -> None:
    """Matterhorn 14-002 and 14-003: the first heading is H1, no level is skipped."""
    levels = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kind = str(node.S)
            if len(kind) == 3 and kind.startswith("/H") and kind[2].isdigit():
                levels.append(int(kind[2]))
            elif "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))
    assert levels.count(4) == 2  # Nämndmål och indikatorer, PROGNOSSÄKERHET


def test_one_font_family_and_no_fallback_for_the_status_shapes(pdf: pikepdf.Pdf) -> None:
    names = set()
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            names.add(str(font.BaseFont).split("+")[-1].removesuffix("-Identity-H"))
    assert names == {"SourceSansPro-Regular", "SourceSansPro-Bold"}


def test_statuses_read_as_words_and_a_continued_goal_repeats_its_name(pdf_bytes: bytes) -> None:
    text = " ".join(pdf_text(pdf_bytes).split())
    assert "●" not in text and "◐" not in text  # drawn shapes, artifacts
    assert "Minska antalet pågående incidenter 111 st Minska till 90 st Uppnås ej" in text
    assert "Ge god service och IT- drift av hög kvalitet (forts.)" in text  # wrapped at IT-


def test_every_page_after_the_cover_has_the_running_header_and_page_x_of_y(
    pdf_bytes: bytes,
) -> None:
    from pypdf import PdfReader

    pages = PdfReader(BytesIO(pdf_bytes)).pages
    assert "Sida" not in (pages[0].extract_text() or "")
    for number, page in enumerate(pages[1:], start=2):
        text = page.extract_text()
        assert f"Sida {number} av {len(pages)}" in text
        assert "Sydnärkes IT-nämnd" in text and "Årsredovisning Sydnärkes IT-nämnd" in text


def _logo(folder: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#1f4e79"/></svg>'
    )
    (folder / "logotyp.svg").write_text(svg, encoding="utf-8")
    report = folder / "report.yaml"
    text = report.read_text(encoding="utf-8")
    cover = 'cover: {logo: logotyp.svg, diarienummer: "KS 2025/12"}\n'
    report.write_text(text + cover, encoding="utf-8")


def test_the_cover_shows_year_file_number_and_the_logo_with_its_alt(example: Path) -> None:
    _logo(example)
    loaded = load(example)
    assert loaded.ok and loaded.input, loaded.problems
    content = render.pdf(loaded, compute(loaded.input))
    first = pdf_text(content).split("Innehållsförteckning")[0]
    assert "Diarienummer: KS 2025/12" in first and "2024" in first
    opened = pikepdf.open(BytesIO(content))
    figures = _elements(opened.Root.StructTreeRoot.K, "/Figure")
    assert str(figures[0].Alt) == "Logotyp: Lekebergs kommun"


def test_a_missing_logo_is_a_problem_at_its_line(example: Path) -> None:
    report = example / "report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8") + "cover: {logo: saknas.png}\n", encoding="utf-8"
    )
    [problem] = [p for p in load(example).problems if "logotypen" in p.message]
    assert problem.message == "logotypen »saknas.png» saknas"
    assert problem.source.line == len(report.read_text().splitlines())


def test_the_deviation_analysis_title_is_a_bookmarked_heading() -> None:
    table = Table(
        "Analys av större avvikelser",
        (Column("KONTOTEXT"), Column("AVVIKELSE", ColumnKind.NUMBER, "tkr")),
        (TableRow((Cell("PERSONAL", header=True), Cell("754"))),),
    )
    document = Document("T", Cover("K", "2025-01-23", "T"), (Section("1", "Ekonomi", (table,)),))
    pdf = pikepdf.open(BytesIO(render_pdf(document)))
    with pdf.open_outline() as outline:
        titles = [c.title for item in outline.root for c in item.children]
    assert titles == ["Analys av större avvikelser"]
    assert len(_elements(pdf.Root.StructTreeRoot.K, "/H2")) == 1
