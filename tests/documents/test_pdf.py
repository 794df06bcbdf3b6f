"""The PDF is tagged PDF/UA-1: language, title, structure with table headers, fonts embedded.

veraPDF is not packaged by Debian or npm, so it does not run here; these checks cover the
PDF/UA points a reader meets first (see docs/DECISIONS.md, Documents).
"""

from __future__ import annotations

from collections import Counter
from io import BytesIO

import pikepdf
import pytest

from styra.documents import pdf as pdf_module
from styra.documents.model import Cover, Document, Paragraph, Section
from styra.documents.pdf import TypstProblem, render_pdf


def structure(content: bytes) -> tuple[pikepdf.Pdf, Counter[str], list[str]]:
    document = pikepdf.open(BytesIO(content))
    kinds: Counter[str] = Counter()
    alts: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary):
            if node.objgen != (0, 0) and node.objgen in seen:
                return
            seen.add(node.objgen)
            if "/S" in node:
                kinds[str(node.S)] += 1
                if "/Alt" in node:
                    alts.append(str(node.Alt))
            if "/K" in node:
                walk(node.K)

    walk(document.Root.StructTreeRoot)
    return document, kinds, alts


def test_the_pdf_declares_pdf_ua_swedish_and_its_title(pdf_bytes: bytes) -> None:
    document, _, _ = structure(pdf_bytes)
    assert str(document.Root.Lang) == "sv-SE"
    assert bool(document.Root.MarkInfo.Marked)
    assert bool(document.Root.ViewerPreferences.DisplayDocTitle)
    assert str(document.docinfo.Title) == "Årsredovisning Sydnärkes IT-nämnd"
    with document.open_metadata() as meta:
        assert meta["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"


def test_the_structure_tree_has_headings_tables_with_header_cells_and_the_chart_alt(
    pdf_bytes: bytes,
) -> None:
    _, kinds, alts = structure(pdf_bytes)
    # goal overview, goals, operating account, sharing, investment account, forecast accuracy
    assert kinds["/Table"] == 6
    # column heads 7 + 5 + 4 + 4 + 4 + 6, and the row headers: goals 2, indicators 14,
    # account lines 14 + 6 + 12, members and total 5, goals in the overview 2
    assert kinds["/TH"] == 30 + 2 + 14 + 14 + 6 + 12 + 5 + 2
    assert kinds["/H1"] >= 1 and kinds["/H2"] == 4 and kinds["/H3"] >= 1
    assert kinds["/Title"] == 1
    assert any(a.startswith("Stapeldiagram.") and "PERSONALKOSTNADER" in a.upper() for a in alts)


def test_every_font_is_embedded_and_the_text_font_is_the_bundled_one(pdf_bytes: bytes) -> None:
    document = pikepdf.open(BytesIO(pdf_bytes))
    names = set()
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font.BaseFont).split("+")[-1])
    assert any(n.startswith("SourceSansPro-Regular") for n in names)


def test_bookmarks_follow_the_numbered_headings(pdf_bytes: bytes) -> None:
    document = pikepdf.open(BytesIO(pdf_bytes))
    with document.open_outline() as outline:
        top = [item.title for item in outline.root]
        children = [c.title for c in outline.root[-1].children] if outline.root else []
    assert top[-1] == "1 Verksamheter"
    assert children == [
        "1.1 Inledning",
        "1.2 Måluppfyllelse",
        "1.3 Verksamhetsberättelse",
        "1.4 Ekonomi",
    ]


def test_a_missing_font_is_a_problem_naming_the_font_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_module, "font_folder", lambda: None)
    document = Document(
        "T", Cover("K", "2025-01-23", "T"), (Section("1", "A", (Paragraph.of("x"),)),)
    )
    with pytest.raises(TypstProblem) as caught:
        render_pdf(document)
    assert "Source Sans Pro" in str(caught.value)
    assert caught.value.problems[0].source.file == "font-source-sans-pro"
