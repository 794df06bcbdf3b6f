"""The DOCX renderer: python-docx, in the municipality's own Word template when one is given.

Everything is styled by named styles (see :mod:`styra.documents.word_styles`), so a
committee's report pasted into the municipality's annual report takes on its look. With a
template, its headers, footers, logo and page setup stay and its body is replaced.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from styra.documents import word_styles as ws
from styra.documents.model import (
    Block,
    BulletList,
    Cell,
    Chart,
    ChartGroup,
    ColumnKind,
    Document,
    Paragraph,
    RowKind,
    Subheading,
    Table,
)
from styra.documents.word_fonts import embed_family, uses_family
from styra.documents.word_template import TEMPLATE
from styra.problems import Problem, error

ChartPicture = Callable[[Chart], bytes]


class TemplateProblem(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def open_template(template: Path | None, name: str = "", line: int | None = None) -> WordDocument:
    if template is None:
        return _default()
    if not template.is_file():
        raise TemplateProblem(
            [error(f"Word-mallen »{name}» saknas", file="report.yaml", line=line)]
        )
    try:
        doc = docx.Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        message = "Word-mallen kan inte läsas: filen är inget Word-dokument (.docx)"
        hint = "spara mallen på nytt i Word som Word-dokument (.docx)"
        raise TemplateProblem([error(message, file=name or str(template), hint=hint)]) from None
    _clear_body(doc)
    return doc


def _default() -> WordDocument:
    """Styra's own template (see :mod:`styra.documents.word_template`)."""
    return docx.Document(str(TEMPLATE))


def _clear_body(doc: WordDocument) -> None:
    """Keep the template's section settings (page, headers, footers), drop its sample text."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@dataclass
class Writer:
    """The Word document being written, with its styles' ids looked up once.

    python-docx resolves a style name by scanning every style on each use; a report
    sets a style on some 300 paragraphs and runs, so the ids are resolved here once.
    """

    doc: WordDocument
    ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ids = {s.name: s.style_id for s in self.doc.styles if s.name}

    def paragraph(self, text: str = "", style: str = "") -> WordParagraph:
        paragraph = self.doc.add_paragraph()
        self.restyle(paragraph, style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def restyle(self, paragraph: WordParagraph, style: str) -> None:
        if style:
            paragraph._p.style = self.ids[style]

    def run(self, paragraph: WordParagraph, text: str, style: str | None = None) -> None:
        run = paragraph.add_run(text)
        if style:
            run._r.style = self.ids[style]


def render_docx(document: Document, doc: WordDocument, picture: ChartPicture) -> bytes:
    ws.ensure_styles(doc)
    ws.set_language(doc, document.language)
    _properties(doc, document)
    _fill_placeholders(doc, document)
    w = Writer(doc)
    numbered = _numbered_headings(doc)
    _cover(w, document)
    if not document.compact:
        _page_break(w.doc)
        _contents(w, document)
    for index, section in enumerate(document.walk()):
        text = section.title if numbered else section.heading
        heading = w.paragraph(style=f"Heading {min(section.level, 6)}")
        _bookmark(heading, index, text)
        for block in section.blocks:
            _block(w, block, section.level, picture, numbered)
    if uses_family(doc):
        embed_family(doc)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _properties(doc: WordDocument, document: Document) -> None:
    """Title, the committee as author, and the report's date as created and modified (not
    the template's)."""
    properties = doc.core_properties
    who = document.committee or document.author
    properties.title = document.title
    properties.author = properties.last_modified_by = who
    properties.subject = document.cover.organisation
    properties.comments = properties.keywords = ""
    properties.revision = 1
    when = _date(document.cover.date)
    if when is not None:
        properties.created = properties.modified = when
        properties.last_printed = when


def _date(text: str) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
    except ValueError:
        return None


def _fill_placeholders(doc: WordDocument, document: Document) -> None:
    """{committee}, {title} and {year} in the template's headers and footers (Styra's
    header has the first two; a municipality's template may use them too)."""
    values = {
        "{committee}": document.committee or document.author,
        "{title}": document.title,
        "{year}": document.cover.year,
    }
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                _replace(paragraph, values)


def _replace(paragraph: WordParagraph, values: dict[str, str]) -> None:
    for run in paragraph.runs:
        if "{" in run.text:
            text = run.text
            for key, value in values.items():
                text = text.replace(key, value)
            run.text = text


def _numbered_headings(doc: WordDocument) -> bool:
    """Whether the template numbers Heading 1 through Word's list numbering (Styra's
    does); otherwise the numbers are typed, as a template without it expects."""
    properties = doc.styles["Heading 1"].element.pPr
    return properties is not None and properties.find(qn("w:numPr")) is not None


def _bookmark(paragraph: WordParagraph, index: int, text: str) -> None:
    """The heading's text inside a bookmark, which its contents line points at."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), _toc_name(index))
    paragraph._p.append(start)
    paragraph.add_run(text)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    paragraph._p.append(end)


def _toc_name(index: int) -> str:
    return f"_Toc{index + 1:08d}"


def _unnumbered(paragraph: WordParagraph) -> None:
    """A heading outside the numbering (numId 0): a narrative's "Drift och support"."""
    properties = paragraph._p.get_or_add_pPr()
    numbered = OxmlElement("w:numPr")
    none = OxmlElement("w:numId")
    none.set(qn("w:val"), "0")
    numbered.append(none)
    properties.insert(1 if properties.find(qn("w:pStyle")) is not None else 0, numbered)


def _cover(w: Writer, document: Document) -> None:
    w.paragraph(document.cover.organisation, "Subtitle")
    w.paragraph(document.cover.date, "Subtitle")
    w.paragraph(document.cover.title, "Title")
    if document.cover.note:
        paragraph = w.paragraph()
        if document.cover.note_label:
            w.run(paragraph, document.cover.note_label + " ", ws.STRONG)
        w.run(paragraph, document.cover.note)


def _contents(w: Writer, document: Document) -> None:
    """A TOC field that Word refreshes on opening (settings.xml's updateFields), filled
    with the headings and a PAGEREF field per line to the heading's bookmark, so a reader
    that does not update the TOC field still computes the page numbers."""
    w.paragraph(document.contents_title, "TOC Heading")
    walked = document.walk()
    entries = [(i, s) for i, s in enumerate(walked) if s.level <= document.contents_depth]
    instruction = f' TOC \\o "1-{document.contents_depth}" \\h \\z \\u '
    for position, (index, section) in enumerate(entries):
        paragraph = w.paragraph(style=f"toc {min(section.level, 3)}")
        if position == 0:
            _field_char(paragraph, "begin", dirty=True)
            _instruction(paragraph, instruction)
            _field_char(paragraph, "separate")
        paragraph.add_run(section.heading + "\t")
        _field_char(paragraph, "begin")
        _instruction(paragraph, f" PAGEREF {_toc_name(index)} \\h ")
        _field_char(paragraph, "separate")
        paragraph.add_run("")
        _field_char(paragraph, "end")
        if position == len(entries) - 1:
            _field_char(paragraph, "end")
    _page_break(w.doc)


def _page_break(doc: WordDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field_char(paragraph: WordParagraph, kind: str, *, dirty: bool = False) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(char)


def _instruction(paragraph: WordParagraph, text: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    paragraph.add_run()._r.append(element)


def _block(
    w: Writer, block: Block, level: int, picture: ChartPicture, numbered: bool = False
) -> None:
    if isinstance(block, Paragraph):
        _runs(w, w.paragraph(), block)
    elif isinstance(block, Subheading):
        heading = w.paragraph(block.text, f"Heading {min(level + 1, 6)}")
        if numbered:
            _unnumbered(heading)
    elif isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            _runs(w, w.paragraph(style=style), item)
    elif isinstance(block, Table):
        _table(w, block)
    elif isinstance(block, ChartGroup):
        w.paragraph(block.title, "Caption")
        for chart in block.charts:
            _chart(w, chart, picture, share=0.5)
    else:
        _chart(w, block, picture)


def _runs(w: Writer, paragraph: WordParagraph, block: Paragraph) -> None:
    for run in block.runs:
        text = f"{run.text} ({run.href})" if run.href and run.href != run.text else run.text
        style = ws.STRONG if run.strong else ws.EMPHASIS if run.emphasis else None
        w.run(paragraph, text, style)


def _table(w: Writer, table: Table) -> None:
    w.paragraph(table.title, "Caption")
    columns = len(table.columns)
    head = 2 if table.grouped else 1
    word = w.doc.add_table(rows=head + len(table.rows), cols=columns)
    word._tbl.tblPr.style = w.ids[ws.TABLE_STYLE]
    _describe(word, table)
    _head(w, word, table)
    _repeat_header(word, head)
    spans: list[tuple[int, int, int]] = []
    for r, row in enumerate(table.rows, start=head):
        offset = columns - len(row.cells)
        targets = word.rows[r].cells
        for i, cell in enumerate(row.cells):
            kind = table.columns[offset + i].kind
            _cell(w, targets[offset + i], cell, kind, row.kind)
            if cell.rowspan > 1:
                spans.append((r, offset + i, cell.rowspan))
    for r, c, span in spans:
        word.cell(r, c).merge(word.cell(r + span - 1, c))
    _widths(w.doc, word, table)
    for row in word.rows[1:head]:  # the style shades the first head row only
        for cell in row.cells:
            cell._tc.get_or_add_tcPr().append(ws.head_shading())
    if len(table.rows) <= SMALL_TABLE and not spans:
        _keep_together(word)
    if table.note:
        w.paragraph(table.note, ws.TABLE_EXPLANATION)


SMALL_TABLE = 14  # rows: a table this small stays on one page, as in the PDF


def _keep_together(word: WordTable) -> None:
    """Each row's paragraphs keep with the next row, so the table moves whole."""
    for row in word.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _head(w: Writer, word: WordTable, table: Table) -> None:
    """The column heads; with groups, a group's title merged over its columns' heads, and
    a column outside any group merged over both head rows."""
    for i, column in enumerate(table.columns):
        text = f"{column.header}\n{column.unit}" if column.unit else column.header
        number = column.kind is ColumnKind.NUMBER
        row = 1 if column.group else 0
        _fill(w, word.cell(row, i), text, ws.TABLE_HEAD_NUMBER if number else ws.TABLE_HEAD)
    if not table.grouped:
        return
    for group, first, count in table.column_runs():
        if group:
            _fill(w, word.cell(0, first), group, ws.TABLE_HEAD)
            word.cell(0, first).merge(word.cell(0, first + count - 1))
        else:
            word.cell(0, first).merge(word.cell(1, first))


def _cell(w: Writer, target: _Cell, cell: Cell, kind: ColumnKind, row: RowKind) -> None:
    paragraph = target.paragraphs[0]
    w.restyle(paragraph, ws.TABLE_NUMBER if kind is ColumnKind.NUMBER else ws.TABLE_TEXT)
    run_style: str | None = None
    if cell.status is not None:
        run_style = ws.status_style(cell.status)
    elif row is not RowKind.BODY:
        run_style = ws.STRONG
    w.run(paragraph, cell.text, run_style)
    if cell.note:
        note = target.add_paragraph(cell.note)
        w.restyle(note, ws.TABLE_NOTE)


def _fill(w: Writer, target: _Cell, text: str, style: str) -> None:
    paragraph = target.paragraphs[0]
    w.restyle(paragraph, style)
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)


def _repeat_header(word: WordTable, rows: int = 1) -> None:
    """Mark the head's rows as header rows: repeated on each page, read as column headers.

    No row may break across a page either, so an indicator's name never stands apart from
    its figures.
    """
    for index, row in enumerate(word.rows):
        properties = row._tr.get_or_add_trPr()
        # the schema's order: cantSplit before tblHeader
        for tag, wanted in (("w:cantSplit", True), ("w:tblHeader", index < rows)):
            if wanted:
                element = OxmlElement(tag)
                element.set(qn("w:val"), "true")
                properties.append(element)


def _describe(word: WordTable, table: Table) -> None:
    properties = word._tbl.tblPr
    for tag, value in (("w:tblCaption", table.title), ("w:tblDescription", table.summary)):
        if value:
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            properties.append(element)


def _widths(doc: WordDocument, word: WordTable, table: Table) -> None:
    section = doc.sections[-1]
    usable = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    total = sum(c.width for c in table.columns)
    word.autofit = False
    for i, column in enumerate(table.columns):
        width = Emu(int(usable * column.width / total))
        word.columns[i].width = width
        for cell in word.columns[i].cells:
            cell.width = width


def _chart(w: Writer, chart: Chart, picture: ChartPicture, share: float = 1.0) -> None:
    """The chart as a picture with its text alternative, ``share`` of the text's width."""
    w.paragraph(chart.title, "Caption")
    doc = w.doc
    section = doc.sections[-1]
    usable = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    doc.add_picture(BytesIO(picture(chart)), width=Emu(int(usable * share)))
    properties = doc.inline_shapes[-1]._inline.docPr
    properties.set("descr", chart.description)
    properties.set("title", chart.title)
