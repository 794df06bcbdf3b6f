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
    assert "Styra tabell" in used
    document = docx.Document(BytesIO(docx_bytes))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"]
    assert headings[:2] == ["Inledning", "Måluppfyllelse"]  # Word numbers them (1.1, 1.2)
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
    # goal overview, goals, operating, sharing, investment, forecast accuracy
    assert len(document.tables) == 6
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


# Styra's own template (issue 13, items 1 and 7)


def _part(content: bytes, name: str) -> str:
    import zipfile

    return zipfile.ZipFile(BytesIO(content)).read(name).decode()


def test_the_footer_is_page_x_of_y_in_fields_and_the_header_names_committee_and_report(
    docx_bytes: bytes,
) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    section = document.sections[0]
    footer = section.footer._element.xml
    assert "Sida " in footer and " av " in footer
    assert ">PAGE<" in footer.replace(" ", "") and ">NUMPAGES<" in footer.replace(" ", "")
    assert section.header.paragraphs[0].text == (
        "Sydnärkes IT-nämnd\tÅrsredovisning Sydnärkes IT-nämnd"
    )
    assert section.different_first_page_header_footer  # none on the cover


def test_word_updates_the_fields_on_opening_and_the_contents_is_a_toc_field_with_pagerefs(
    docx_bytes: bytes,
) -> None:
    settings = _part(docx_bytes, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    body = _part(docx_bytes, "word/document.xml")
    assert 'TOC \\o "1-3"' in body
    assert body.count(" PAGEREF _Toc") == 7  # 1, 1.1, 1.2, 1.2.1, 1.3, 1.4, 1.4.1
    assert body.count("<w:bookmarkStart") >= 7


def test_headings_are_numbered_by_words_list_bound_to_the_heading_styles(
    docx_bytes: bytes,
) -> None:
    document = docx.Document(BytesIO(docx_bytes))
    numbering = document.part.numbering_part.element.xml
    assert '<w:lvlText w:val="%1.%2.%3"/>' in numbering
    assert '<w:pStyle w:val="Heading3"/>' in numbering
    for level in (1, 2, 3):
        assert "w:numPr" in document.styles[f"Heading {level}"].element.xml
    texts = [p.text for p in document.paragraphs]
    assert "Verksamheter" in texts and "1 Verksamheter" not in texts


def test_core_properties_come_from_the_report(docx_bytes: bytes) -> None:
    from datetime import UTC, datetime

    properties = docx.Document(BytesIO(docx_bytes)).core_properties
    assert properties.author == "Sydnärkes IT-nämnd"
    assert properties.title == "Årsredovisning Sydnärkes IT-nämnd"
    assert properties.created == properties.modified == datetime(2025, 1, 23, tzinfo=UTC)
    core = _part(docx_bytes, "docProps/core.xml")
    assert "python-docx" not in core and "2013" not in core


def test_the_font_is_source_sans_pro_and_travels_embedded(docx_bytes: bytes) -> None:
    from styra.documents.fonts import font_folder
    from styra.documents.word_fonts import obfuscate

    styles = _part(docx_bytes, "word/styles.xml")
    assert 'w:ascii="Source Sans Pro"' in styles and "Calibri" not in styles
    assert "asciiTheme" not in styles
    fonts = _part(docx_bytes, "word/fontTable.xml")
    assert "w:embedRegular" in fonts and "w:embedBold" in fonts
    import re
    import uuid
    import zipfile

    key = re.search(r'w:embedRegular[^>]*w:fontKey="\{([^}]+)\}"', fonts)
    assert key is not None
    stored = zipfile.ZipFile(BytesIO(docx_bytes)).read("word/fonts/font1.odttf")
    folder = font_folder()
    assert folder is not None
    original = (folder / "SourceSansPro-Regular.ttf").read_bytes()
    assert stored != original and obfuscate(stored, uuid.UUID(key.group(1))) == original


def test_tables_have_light_rules_a_shaded_head_and_ten_point_text(docx_bytes: bytes) -> None:
    styles = _part(docx_bytes, "word/styles.xml")
    table_style = styles.split('w:styleId="Styratabell"')[1].split("</w:style>")[0]
    assert '<w:insideV w:val="nil"/>' in table_style
    assert 'w:color="B8C2CC"' in table_style and 'w:fill="E8EEF5"' in table_style
    document = docx.Document(BytesIO(docx_bytes))
    assert document.styles["Tabelltext"].font.size.pt == 10
    assert document.styles["Tabelltal"].font.size.pt == 10


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_renders_numbers_page_fields_and_the_pdfs_font(
    docx_bytes: bytes, pdf_bytes: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "rapport.docx"
    source.write_bytes(docx_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    import pikepdf
    from pypdf import PdfReader

    converted = tmp_path / "rapport.pdf"
    pages = PdfReader(converted).pages
    text = " ".join(page.extract_text() for page in pages)
    assert "1.2.1 Nämndmål" in text and "1.4 Ekonomi" in text
    assert f"Sida 2 av {len(pages)}" in text

    def fonts(content: bytes) -> set[str]:
        found = set()
        for page in pikepdf.open(BytesIO(content)).pages:
            for font in page.Resources.get("/Font", {}).values():
                found.add(str(font.BaseFont).split("+")[-1].removesuffix("-Identity-H"))
        return found

    text_fonts = {f for f in fonts(converted.read_bytes()) if f.startswith("SourceSansPro")}
    assert text_fonts == fonts(pdf_bytes) == {"SourceSansPro-Regular", "SourceSansPro-Bold"}
