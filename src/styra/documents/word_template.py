"""Styra's own Word template (``styra-mall.docx``), and how it is made.

The DOCX renderer opens the shipped file when ``report.yaml`` names no template of the
municipality's. It holds what the PDF has, in Word's own terms: Source Sans Pro in every
style at the PDF's sizes, headings numbered by Word's multilevel list (not typed), the table
style "Styra tabell" (light rules, the head shaded), a header with ``{committee}`` and
``{title}`` that the renderer fills in, a footer "Sida x av y" of PAGE and NUMPAGES fields,
and settings that make Word update the fields (the contents' page numbers) on opening and
keep the embedded font. Rebuild the file after changing this module:

    uv run python -m styra.documents.word_template src/styra/documents/styra-mall.docx
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor

from styra.documents import word_styles as ws
from styra.documents.fonts import FAMILY
from styra.documents.style import STATUS_COLOURS

TEMPLATE = Path(__file__).parent / "styra-mall.docx"
NUMBERING_ID = 90  # the headings' list, kept apart from python-docx's own list numbers
# The PDF's sizes (typst/report.typ): body 10.5 pt, headings 17, 13.5, 11.5, 10.5.
SIZES = {"Normal": 10.5, "Title": 26, "Subtitle": 12, "Caption": 10.5, "Header": 9, "Footer": 9}
HEADING_SIZES = (17, 13.5, 11.5, 10.5, 10.5, 10.5)
HEADING_SPACE = ((24, 8), (18, 6), (14, 4), (12, 3), (12, 3), (12, 3))  # before, after (pt)
TEXT = RGBColor.from_string(STATUS_COLOURS["text"][1:])


def build_template() -> bytes:
    doc = docx.Document()
    _page(doc)
    _fonts(doc)
    _styles(doc)
    ws.ensure_styles(doc)
    _contents_styles(doc)
    _numbering(doc)
    _header_and_footer(doc)
    _settings(doc)
    _properties(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: WordDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.4)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.6)
        section.header_distance = section.footer_distance = Cm(1.2)
        section.different_first_page_header_footer = True  # no header or footer on the cover


def _fonts(doc: WordDocument) -> None:
    """Source Sans Pro everywhere: the defaults and every style, no theme fonts."""
    root = doc.styles.element
    for fonts in root.iter(qn("w:rFonts")):
        for key in list(fonts.attrib):
            if key.endswith("Theme"):
                del fonts.attrib[key]
        for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{kind}"), FAMILY)
    defaults = root.find(qn("w:docDefaults"))
    assert defaults is not None
    run = defaults.find(qn("w:rPrDefault"))
    assert run is not None
    properties = run.find(qn("w:rPr"))
    assert properties is not None
    if properties.find(qn("w:rFonts")) is None:
        fonts = OxmlElement("w:rFonts")
        for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{kind}"), FAMILY)
        properties.insert(0, fonts)


def _styles(doc: WordDocument) -> None:
    for name, size in SIZES.items():
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = TEXT
        style.font.italic = False
    normal = doc.styles["Normal"].paragraph_format
    # Space above each paragraph, not below: the text after a table stands clear of it.
    normal.space_before, normal.space_after, normal.line_spacing = Pt(7), Pt(0), 1.1
    for name in ("List Bullet", "List Number"):
        doc.styles[name].paragraph_format.space_before = Pt(2)
    title = doc.styles["Title"]
    title.font.bold = True
    _no_border(title.element)
    doc.styles["Caption"].font.bold = True
    doc.styles["Caption"].paragraph_format.space_before = Pt(12)
    doc.styles["Caption"].paragraph_format.space_after = Pt(4)
    for level, size in enumerate(HEADING_SIZES, start=1):
        style = doc.styles[f"Heading {level}"]
        style.font.size, style.font.bold, style.font.italic = Pt(size), True, False
        style.font.color.rgb = TEXT
        before, after = HEADING_SPACE[level - 1]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True  # never alone at a page's foot
    header = doc.styles["Header"].paragraph_format
    for stop in list(header.tab_stops):
        header.tab_stops._pPr.tabs.remove(stop._tab)
    header.tab_stops.add_tab_stop(Cm(16.2), WD_TAB_ALIGNMENT.RIGHT)
    doc.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _contents_styles(doc: WordDocument) -> None:
    """The contents' lines: the page number at the right margin after a dotted leader."""
    for level in (1, 2, 3):
        style = doc.styles[f"toc {level}"]
        style.paragraph_format.space_before = Pt(2 if level > 1 else 4)
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.tab_stops.add_tab_stop(
            Cm(16.2), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def _no_border(style: object) -> None:
    """python-docx's Title has a blue rule under it; the PDF's cover draws its own."""
    properties = style.find(qn("w:pPr"))  # type: ignore[attr-defined]
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def _numbering(doc: WordDocument) -> None:
    """One multilevel list, its levels bound to Heading 1–6: "1", "1.2", "1.2.1"."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(NUMBERING_ID))
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "multilevel")
    abstract.append(kind)
    for level in range(6):
        abstract.append(_level(level))
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)  # every abstractNum before the first num
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(NUMBERING_ID))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(NUMBERING_ID))
    num.append(ref)
    numbering.append(num)
    # The contents' own heading is based on Heading 1 but stands outside the numbering.
    contents = doc.styles["TOC Heading"].element.get_or_add_pPr()
    outside = OxmlElement("w:numPr")
    zero = OxmlElement("w:numId")
    zero.set(qn("w:val"), "0")
    outside.append(zero)
    contents.insert(0, outside)
    for level in range(6):
        style = doc.styles[f"Heading {level + 1}"].element
        properties = style.get_or_add_pPr()
        numbered = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", level), ("w:numId", NUMBERING_ID)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(value))
            numbered.append(element)
        properties.insert(0, numbered)


def _level(level: int) -> BaseOxmlElement:
    element = OxmlElement("w:lvl")
    element.set(qn("w:ilvl"), str(level))
    text = ".".join(f"%{n}" for n in range(1, level + 2))
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", "decimal"),
        ("w:pStyle", f"Heading{level + 1}"),
        ("w:suff", "space"),
        ("w:lvlText", text),
        ("w:lvlJc", "left"),
    ):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        element.append(child)
    properties = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "0")
    indent.set(qn("w:hanging"), "0")
    properties.append(indent)
    element.append(properties)
    return element


def _header_and_footer(doc: WordDocument) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run("{committee}\t{title}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph: object, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end), as Word writes it."""
    add = paragraph.add_run  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = add()._r
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run.append(code)
    add(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    add()._r.append(end)


def _settings(doc: WordDocument) -> None:
    """Word updates every field on opening (the contents' page numbers, NUMPAGES) and
    keeps the fonts the renderer embeds; the schema's order places each element."""
    settings = doc.settings.element
    embed = OxmlElement("w:embedTrueTypeFonts")
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.addnext(embed)
    else:
        settings.insert(0, embed)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)


def _properties(doc: WordDocument) -> None:
    """Blank properties: the renderer sets title, author and dates from the report."""
    properties = doc.core_properties
    properties.title = properties.subject = properties.keywords = ""
    properties.comments = properties.category = ""
    properties.author = properties.last_modified_by = "Styra"
    properties.revision = 1


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else TEMPLATE
    target.write_bytes(build_template())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
