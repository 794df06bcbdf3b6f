"""The Word styles the DOCX renderer uses, made present in any template.

Built-in styles (Title, Heading 1…, Caption, List Bullet, Table Grid) keep their
built-in names, so Word shows them in its own language ("Rubrik 1", "Beskrivning") and a
municipality's template restyles them; a template that lacks one gets a plain
definition. Styra's own styles (Tabelltext, Tabelltal…) are real styles too, so nothing
is formatted directly.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor

from styra.core.goals import Status
from styra.documents.style import STATUS_COLOURS

PARAGRAPH, CHARACTER, TABLE = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE
TABLE_STYLE = "Table Grid"
BUILT_IN = (
    *(f"Heading {n}" for n in range(1, 7)),
    "Title",
    "Subtitle",
    "TOC Heading",
    "Caption",
    "List Bullet",
    "List Number",
    "Footer",
    "toc 1",
    "toc 2",
    "toc 3",
)
TABLE_TEXT, TABLE_NUMBER, TABLE_HEAD, TABLE_NOTE = (
    "Tabelltext",
    "Tabelltal",
    "Tabellrubrik",
    "Tabellnot",
)
TABLE_HEAD_NUMBER = "Tabellrubrik tal"
STRONG = "Strong"
EMPHASIS = "Emphasis"


def status_style(status: Status) -> str:
    return f"Status {status.label.lower()}"


def ensure_styles(doc: WordDocument) -> None:
    names = {s.name for s in doc.styles}
    for name in BUILT_IN:
        if name not in names:
            _add_built_in(doc, name)
    for name, bold in ((STRONG, True), (EMPHASIS, False)):
        if name not in names:
            style = doc.styles.add_style(name, CHARACTER)
            style.font.bold, style.font.italic = bold, not bold
    if TABLE_STYLE not in names:
        _add_table_grid(doc)
    _add_table_paragraphs(doc, names)
    for status in Status:
        if status_style(status) not in names:
            style = doc.styles.add_style(status_style(status), CHARACTER)
            style.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[status.value][1:])
    doc.styles["Caption"].paragraph_format.keep_with_next = True


def _add_built_in(doc: WordDocument, name: str) -> None:
    style = doc.styles.add_style(name, PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    if name.startswith("Heading") or name in ("Title", "TOC Heading"):
        style.font.bold = True
        style.font.size = Pt({"Title": 26, "Heading 1": 16, "Heading 2": 13}.get(name, 11))
        style.paragraph_format.keep_with_next = True


def _add_table_paragraphs(doc: WordDocument, names: set[str]) -> None:
    for name in (TABLE_TEXT, TABLE_NUMBER, TABLE_HEAD, TABLE_HEAD_NUMBER, TABLE_NOTE):
        if name in names:
            continue
        style = doc.styles.add_style(name, PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.quick_style = True
        style.font.size = Pt(8 if name == TABLE_NOTE else 9)
        if name in (TABLE_NUMBER, TABLE_HEAD_NUMBER):
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if name in (TABLE_HEAD, TABLE_HEAD_NUMBER):
            style.font.bold = True


def _add_table_grid(doc: WordDocument) -> None:
    style = doc.styles.add_style(TABLE_STYLE, TABLE)
    properties = _child(style.element, "w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    properties.append(borders)


def set_language(doc: WordDocument, language: str) -> None:
    """The document language, in the defaults every style inherits (spelling, screen readers)."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        root.insert(0, defaults)
    run_defaults = _child(defaults, "w:rPrDefault")
    run_properties = _child(run_defaults, "w:rPr")
    lang = _child(run_properties, "w:lang")
    lang.set(qn("w:val"), language)
    doc.core_properties.language = language


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found
