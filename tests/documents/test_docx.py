"""The DOCX: real Word styles, the municipality's template, and LibreOffice can read it."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from styra.cli import main
from styra.core.followup import compute
from styra.documents import render
from styra.folder import load


def styles_used(content: bytes) -> set[str]:
    document = docx.Document(BytesIO(content))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    used |= {t.style.name for t in document.tables if t.style is not None}
    return used


def test_headings_lists_captions_and_tables_use_built_in_word_styles(docx_bytes: bytes) -> None:
    used = styles_used(docx_bytes)
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption"} <= used
    assert "Table Grid" in used
    document = docx.Document(BytesIO(docx_bytes))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"]
    assert headings[:2] == ["1.1 Inledning", "1.2 Måluppfyllelse"]
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title == "Årsredovisning Sydnärkes IT-nämnd"


def test_no_paragraph_or_run_is_formatted_directly(docx_bytes: bytes) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    for paragraph in document.paragraphs:
        assert paragraph.paragraph_format.alignment is None
        for run in paragraph.runs:
            assert run.bold is None and run.italic is None and run.font.size is None


def test_table_header_rows_repeat_and_tables_carry_a_description(docx_bytes: bytes) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    # goals, operating, deviation analysis, investment, forecast accuracy
    assert len(document.tables) == 5
    for table in document.tables:
        xml = table._tbl.xml
        assert "w:tblHeader" in xml and "w:tblCaption" in xml and "w:tblDescription" in xml


def test_the_chart_picture_has_its_text_alternative(docx_bytes: bytes) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    [shape] = document.inline_shapes
    description = shape._inline.docPr.get("descr")
    assert description.startswith("Stapeldiagram.")
    assert "Kapitalkostnader: budget 14\u202f259 tkr, utfall 11\u202f631 tkr" in description


def _template(path: Path) -> None:
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Lekebergs kommun – sidhuvud"
    template.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x40)
    template.add_paragraph("Exempeltext i mallen som ska bort")
    template.save(str(path))


def _use_template(folder: Path, name: str) -> None:
    report = folder / "report.yaml"
    report.write_text(report.read_text() + f"template: {name}\n", encoding="utf-8")


def test_the_municipality_template_keeps_its_header_and_restyles_headings(example: Path) -> None:
    _template(example / "mall.docx")
    _use_template(example, "mall.docx")
    loaded = load(example)
    assert loaded.ok and loaded.input
    document = docx.Document(BytesIO(render.docx(loaded, compute(loaded.input))))
    assert document.sections[0].header.paragraphs[0].text == "Lekebergs kommun – sidhuvud"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0x00, 0x40)
    texts = [p.text for p in document.paragraphs]
    assert "Exempeltext i mallen som ska bort" not in texts
    assert "1 Verksamheter" in texts


def test_a_missing_template_is_a_problem_with_file_and_line(example: Path) -> None:
    _use_template(example, "saknas.docx")
    loaded = load(example)
    [problem] = [p for p in loaded.problems if "Word-mallen" in p.message]
    assert (problem.source.file, problem.message) == (
        "report.yaml",
        "Word-mallen »saknas.docx» saknas",
    )
    assert problem.source.line == len((example / "report.yaml").read_text().splitlines())


def test_a_broken_template_is_found_by_check_and_leaves_no_file_behind(
    example: Path, tmp_path: Path
) -> None:
    (example / "trasig.docx").write_bytes(b"inte ett Word-dokument")
    _use_template(example, "trasig.docx")
    output = tmp_path / "r.docx"
    loaded = load(example)
    assert not loaded.ok
    assert [str(p) for p in loaded.problems if "trasig" in str(p)] == [
        f"report.yaml:{len((example / 'report.yaml').read_text().splitlines())}: "
        "Word-mallen »trasig.docx» kan inte öppnas som Word-dokument "
        "(spara mallen på nytt i Word som .docx)"
    ]
    assert main(["report", str(example), "--format", "docx", "--output", str(output)]) == 1
    assert list(tmp_path.glob("*r.docx*")) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_converts_the_docx_to_pdf(docx_bytes: bytes, tmp_path: Path) -> None:
    source = tmp_path / "rapport.docx"
    source.write_bytes(docx_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    converted = tmp_path / "rapport.pdf"
    assert converted.is_file() and converted.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(converted).pages)
    assert "NETTORESULTAT" in text and "Innehållsförteckning" in text


def test_no_table_row_breaks_across_a_page(docx_bytes: bytes) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    for table in document.tables:
        for row in table.rows:
            assert "w:cantSplit" in row._tr.xml
