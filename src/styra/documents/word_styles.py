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
TABLE_STYLE = "Styra tabell"  # light rules between rows, the head shaded (as in the PDF)
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
TABLE_EXPLANATION = "Tabellförklaring"  # the note under a table: how to read it
TABLE_TEXTS = ("Tabelltext", "Tabelltal", "Tabellrubrik", "Tabellrubrik tal")
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
        _add_table_style(doc)
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
    for name in (
        TABLE_TEXT,
        TABLE_NUMBER,
        TABLE_HEAD,
        TABLE_HEAD_NUMBER,
        TABLE_NOTE,
        TABLE_EXPLANATION,
    ):
        if name in names:
            continue
        style = doc.styles.add_style(name, PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.space_before = Pt(3 if name == TABLE_EXPLANATION else 1)
        style.paragraph_format.space_after = Pt(1)
        style.quick_style = True
        style.font.size = Pt(10 if name in TABLE_TEXTS else 9.5)
        if name in (TABLE_NUMBER, TABLE_HEAD_NUMBER):
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if name in (TABLE_HEAD, TABLE_HEAD_NUMBER):
            style.font.bold = True


def _add_table_style(doc: WordDocument) -> None:
    """ "Styra tabell": a rule above and under the head, light rules between rows, no
    vertical lines, the head row shaded and bold (a second head row is shaded by the
    renderer)."""
    style = doc.styles.add_style(TABLE_STYLE, TABLE)
    properties = _child(style.element, "w:tblPr")
    properties.append(_borders("w:tblBorders", TABLE_BORDERS))
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    run = OxmlElement("w:rPr")
    run.append(OxmlElement("w:b"))
    first.append(run)
    cell = OxmlElement("w:tcPr")
    cell.append(_borders("w:tcBorders", {"bottom": (8, STATUS_COLOURS["chart"])}))
    cell.append(head_shading())
    first.append(cell)
    style.element.append(first)


TABLE_BORDERS = {
    "top": (8, STATUS_COLOURS["chart"]),
    "left": (0, ""),
    "bottom": (4, STATUS_COLOURS["table-rule"]),
    "right": (0, ""),
    "insideH": (4, STATUS_COLOURS["table-rule"]),
    "insideV": (0, ""),
}


def _borders(tag: str, edges: dict[str, tuple[int, str]]) -> BaseOxmlElement:
    borders = OxmlElement(tag)
    for edge, (size, colour) in edges.items():
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), colour[1:].upper())
        borders.append(line)
    return borders


def head_shading() -> BaseOxmlElement:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), STATUS_COLOURS["head"][1:].upper())
    return shading


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
