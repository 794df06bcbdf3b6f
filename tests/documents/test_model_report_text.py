"""The PDF and the DOCX hold every figure and sentence of the model report, in its order."""

from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from tests.documents.conftest import SEED
from tests.documents.model_text import missing_in_order, model_pieces, normalise


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    """The text as Word shows it: headings numbered by the list their style is bound to
    (Styra's template numbers Heading 1–6 "1", "1.2", "1.2.1"), unless a heading opts out
    with numId 0."""
    document = docx.Document(BytesIO(content))
    numbered = document.styles["Heading 1"].element.pPr.find(qn("w:numPr")) is not None
    counters = [0] * 6
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            level = _heading_level(item) if numbered else 0
            if level:
                counters[level - 1] += 1
                counters[level:] = [0] * (6 - level)
                number = ".".join(str(n) for n in counters[:level])
                lines.append(f"{number} {item.text}")
            else:
                lines.append(item.text)
        elif isinstance(item, Table):
            lines += _table_lines(item)
    return "\n".join(lines)


def _heading_level(paragraph: Paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if not name.startswith("Heading "):
        return 0
    own = paragraph._p.pPr
    number = own.find(qn("w:numPr")) if own is not None else None
    if number is not None and number.find(qn("w:numId")).get(qn("w:val")) == "0":
        return 0
    return int(name.split()[1])


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):
                continue  # a merged cell appears once per grid cell it covers
            seen.append(cell._tc)
            lines.append(cell.text)
    return lines


def test_the_model_text_is_read_as_expected() -> None:
    pieces = model_pieces(SEED)
    assert pieces[:3] == ["Lekebergs", "kommun", "2025-01-23"]
    assert "1.2 Måluppfyllelse" in pieces
    assert "Värdkommunens styrmodell" in " ".join(pieces)
    assert pieces.count("Resultat år 2024") == 1
    assert "-238" in pieces


def test_the_pdf_holds_the_model_report_in_order(pdf_bytes: bytes) -> None:
    assert missing_in_order(model_pieces(SEED), pdf_text(pdf_bytes)) == []


def test_the_docx_holds_the_model_report_in_order(docx_bytes: bytes) -> None:
    assert missing_in_order(model_pieces(SEED), docx_text(docx_bytes)) == []


def test_normalise_joins_a_hyphenated_line_break_and_unifies_minus_and_spaces() -> None:
    assert normalise("IT-\ndrift −1\u202f345 tkr - 238") == "IT-drift -1 345 tkr -238"
