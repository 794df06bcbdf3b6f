"""The HTML renderer: one semantic, self-contained page (WCAG 2.1 AA).

The page has the document language, a heading hierarchy under one ``h1``, a table of
contents in ``nav``, tables with ``caption`` and header cells with ``scope``, statuses
as symbol and text (the colour only repeats them), and the chart as an SVG with its full
text alternative. Every text is escaped: nothing from the data becomes markup.

It reads on a phone (a table scrolls in its own region, a bar chart has a narrow drawing,
a line chart scrolls in its own box) and prints (nothing scrolls on paper), in Source Sans
Pro, embedded. The published site (:mod:`styra.documents.publish`) builds its pages from
the same pieces: :func:`section_html` with a heading offset and links on figures.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from styra.documents.chart_layout import Bar, Mark, Shape, Stroke, shape_of
from styra.documents.html_chart import narrow_layout
from styra.documents.html_style import PRINT_CSS, RESPONSIVE_CSS, font_face
from styra.documents.model import (
    BarChart,
    Block,
    BulletList,
    Cell,
    Chart,
    ChartGroup,
    Column,
    ColumnKind,
    Document,
    LineChart,
    Logo,
    Paragraph,
    Section,
    Subheading,
    Table,
    TableRow,
)
from styra.documents.style import (
    CHART_GROUP_CSS,
    COVER_NOTE_CSS,
    CSS,
    LONG_WORD,
    LONG_WORD_CSS,
    STATUS_COLOURS,
)
from styra.i18n import _

Links = Callable[[Table, TableRow, int], str]
"""The address a table's cell links to (table, row, column index), or "" for none."""


def _no_links(table: Table, row: TableRow, column: int) -> str:
    return ""


def render_html(document: Document) -> bytes:
    language = document.language.split("-")[0]
    main = "<main>" if document.compact else '<main class="paged">'
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{font_face()}</style>",
        f"<style>{css(document)}</style>",
        "</head>",
        "<body>",
        cover_html(document),
        "" if document.compact else contents_html(document),
        main,
        *(section_html(s, document) for s in document.sections),
        "</main>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(p for p in parts if p) + "\n").encode("utf-8")


def css(document: Document, *, parts: tuple[str, ...] = ()) -> str:
    """The stylesheet: the shared look, narrow screens and print, and the styles of a cover
    note and small charts only where used (``parts`` adds more, such as the site's)."""
    chosen = [CSS]
    if document.cover.note:
        chosen.append(COVER_NOTE_CSS)
    if any(isinstance(b, ChartGroup) for s in document.walk() for b in s.blocks):
        chosen.append(CHART_GROUP_CSS)
    if _long_word(document):
        chosen.append(LONG_WORD_CSS)
    return "\n".join([*chosen, RESPONSIVE_CSS, *parts, PRINT_CSS])


def _long_word(document: Document) -> bool:
    headings = [(1, document.cover.title)]
    headings += [(_heading_level(s.level), s.title) for s in document.walk()]
    return any(
        len(word) > LONG_WORD[min(h, len(LONG_WORD)) - 1]
        for h, title in headings
        for word in title.split()
    )


def section_id(section: Section) -> str:
    return "avsnitt-" + section.number.replace(".", "-")


_id = section_id


def cover_html(document: Document, tag: str = "header") -> str:
    cover = document.cover
    year = f'<p class="year">{escape(cover.year)}</p>\n' if cover.year else ""
    reference = ""
    if cover.reference:
        label = escape(_("Diarienummer"))
        reference = f'<p class="reference">{label}: {escape(cover.reference)}</p>\n'
    return (
        f'<{tag} class="cover">\n{_logo(cover.logo)}'
        f'<p class="organisation">{escape(cover.organisation)}</p>\n'
        f'<p class="date"><time datetime="{escape(cover.date)}">{escape(cover.date)}</time></p>\n'
        f"<h1>{escape(cover.title)}</h1>\n{year}{reference}"
        f"{_cover_note(document)}"
        f"</{tag}>"
    )


_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}


def _logo(logo: Logo | None) -> str:
    """The municipality's logo, inline as data (the page stays one file)."""
    if logo is None:
        return ""
    kind = _IMAGE_TYPES.get(logo.format, "image/png")
    data = base64.b64encode(logo.data).decode("ascii")
    return f'<img class="logo" src="data:{kind};base64,{data}" alt="{escape(logo.alt)}">\n'


def _cover_note(document: Document) -> str:
    cover = document.cover
    if not cover.note:
        return ""
    label = f"<strong>{escape(cover.note_label)}</strong> " if cover.note_label else ""
    return f'<p class="cover-note">{label}{escape(cover.note)}</p>\n'


def _anchor(section: Section) -> str:
    return "#" + _id(section)


def contents_html(document: Document, href: Callable[[Section], str] = _anchor) -> str:
    """The table of contents; ``href`` gives each section's address (a page's, on a site)."""
    items = _contents_list(document.sections, document.contents_depth, href)
    return (
        '<nav class="contents" aria-labelledby="innehall">\n'
        f'<h2 id="innehall">{escape(document.contents_title)}</h2>\n{items}\n</nav>'
    )


def _contents_list(
    sections: tuple[Section, ...], depth: int, href: Callable[[Section], str]
) -> str:
    if not sections or depth < 1:
        return ""
    items = []
    for s in sections:
        children = _contents_list(s.children, depth - 1, href)
        link = (
            f'<a href="{escape(href(s))}"><span class="number">{escape(s.number)}</span> '
            f"{escape(s.title)}</a>"
        )
        items.append(f"<li>{link}{children}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def _heading_level(level: int, offset: int = 1) -> int:
    return min(level + offset, 6)  # h1 is the document's title, or on a site the page's


@dataclass(frozen=True, slots=True)
class _Context:
    """The top-level section a block is in, the table titles the page repeats, how many
    levels the headings lie below ``h1``'s (1: the document's title is the ``h1``; 0: the
    section's heading is), and the links on a table's cells."""

    top: str
    repeated: frozenset[str]
    offset: int = 1
    links: Links = _no_links


def section_html(
    section: Section, document: Document, *, offset: int = 1, links: Links = _no_links
) -> str:
    """A top-level section with everything in it, its heading at ``h{level + offset}``."""
    return _section(section, _Context(_id(section), _repeated(document), offset, links))


def _repeated(document: Document) -> frozenset[str]:
    """Table titles that occur more than once, such as each committee's "DRIFTREDOVISNING"
    in the compiled report: their regions are named with the top section's heading too, so
    that every region's name is unique."""
    titles = Counter(b.title for s in document.walk() for b in s.blocks if isinstance(b, Table))
    return frozenset(t for t, n in titles.items() if n > 1)


def _section(section: Section, context: _Context) -> str:
    h = _heading_level(section.level, context.offset)
    head = (
        f'<h{h} id="{_id(section)}"><span class="number">{escape(section.number)}</span> '
        f"{escape(section.title)}</h{h}>"
    )
    body = [
        _block(b, section.level, f"{_id(section)}-{i}", context)
        for i, b in enumerate(section.blocks)
    ]
    children = [_section(c, context) for c in section.children]
    inner = "\n".join([head, *body, *children])
    return f'<section aria-labelledby="{_id(section)}">\n{inner}\n</section>'


def _block(block: Block, level: int, ident: str, context: _Context) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_runs(block)}</p>"
    if isinstance(block, Subheading):
        h = _heading_level(level + 1, context.offset)
        return f"<h{h}>{escape(block.text)}</h{h}>"
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_runs(p)}</li>" for p in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        top = context.top if block.title in context.repeated else ""
        return _table(block, ident, top, context.links)
    if isinstance(block, ChartGroup):
        return _chart_group(block, ident)
    return _chart(block, ident)


def _chart_group(group: ChartGroup, ident: str) -> str:
    """Small charts in a grid: three a row on a wide screen, one on a phone."""
    charts = "\n".join(_chart(c, f"{ident}-{i}", "chart small") for i, c in enumerate(group.charts))
    return (
        f'<div class="chart-group" role="group" aria-labelledby="{ident}-title">\n'
        f'<p class="chart-group-title" id="{ident}-title">{escape(group.title)}</p>\n'
        f'<div class="chart-grid">\n{charts}\n</div>\n</div>'
    )


def _runs(paragraph: Paragraph) -> str:
    out = []
    for run in paragraph.runs:
        text = escape(run.text)
        if run.emphasis:
            text = f"<em>{text}</em>"
        if run.strong:
            text = f"<strong>{text}</strong>"
        if run.href:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _table(table: Table, ident: str, top: str = "", links: Links = _no_links) -> str:
    """The table in a region of its own that scrolls sideways where the screen is narrower
    than the table (a phone), so the page itself never does (WCAG 1.4.10); the region can
    take focus, so it scrolls by keyboard too, and is named by the table's caption (after
    the heading of ``top``, the top section, where the page repeats the caption)."""
    caption = escape(table.title)
    if table.summary:
        caption += f' <span class="visually-hidden">{escape(table.summary)}</span>'
    names = f"{top} {ident}-caption" if top else f"{ident}-caption"
    described, note = "", ""
    if table.note:
        described = f' aria-describedby="{ident}-note"'
        note = f'\n<p class="table-note" id="{ident}-note">{escape(table.note)}</p>'
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{names}">\n'
        f'<table{described}>\n<caption id="{ident}-caption">{caption}</caption>\n'
        f"{_colgroups(table)}\n"
        f"<thead>{_head(table)}</thead>\n{_bodies(table, links)}\n</table>\n</div>{note}"
    )


def _column_head(column: Column, span: str = "") -> str:
    unit = f' <span class="unit">{escape(column.unit)}</span>' if column.unit else ""
    return f'<th scope="col"{span} class="{column.kind}">{escape(column.header)}{unit}</th>'


def _head(table: Table) -> str:
    """One row of column heads; with groups, a row of group heads above the grouped ones."""
    if not table.grouped:
        return f"<tr>{''.join(_column_head(c) for c in table.columns)}</tr>"
    top: list[str] = []
    below: list[str] = []
    for group, first, count in table.column_runs():
        columns = table.columns[first : first + count]
        if not group:
            top.append(_column_head(columns[0], ' rowspan="2"'))
            continue
        top.append(f'<th scope="colgroup" colspan="{count}" class="group">{escape(group)}</th>')
        below.extend(_column_head(c) for c in columns)
    return f"<tr>{''.join(top)}</tr>\n<tr>{''.join(below)}</tr>"


def _colgroups(table: Table) -> str:
    """The columns' widths; with groups, one ``colgroup`` per group, as ``scope`` needs."""
    total = sum(c.width for c in table.columns)

    def cols(columns: tuple[Column, ...]) -> str:
        return "".join(f'<col style="width: {c.width / total * 100:.1f}%">' for c in columns)

    if not table.grouped:
        return f"<colgroup>{cols(table.columns)}</colgroup>"
    runs = table.column_runs()
    return "".join(f"<colgroup>{cols(table.columns[f : f + n])}</colgroup>" for _, f, n in runs)


def _bodies(table: Table, links: Links) -> str:
    """One ``tbody`` per group of rows that a row-spanning header names, else one for all."""
    groups: list[list[TableRow]] = []
    for row in table.rows:
        starts_group = row.cells and row.cells[0].rowspan > 1
        if starts_group or not groups:
            groups.append([])
        groups[-1].append(row)
    bodies = []
    for group in groups:
        rows = "\n".join(_row(table, r, links) for r in group)
        bodies.append(f"<tbody>\n{rows}\n</tbody>")
    return "\n".join(bodies)


def _row(table: Table, row: TableRow, links: Links) -> str:
    offset = len(table.columns) - len(row.cells)  # cells under a row-spanning header
    cells = [
        _cell(c, table.columns[offset + i].kind, links(table, row, offset + i))
        for i, c in enumerate(row.cells)
    ]
    kind = f' class="{row.kind}"' if row.kind != "body" else ""
    return f"<tr{kind}>{''.join(cells)}</tr>"


def _cell(cell: Cell, kind: ColumnKind, href: str = "") -> str:
    text = escape(cell.text)
    if href and cell.text:
        text = f'<a href="{escape(href)}">{text}</a>'
    classes = [str(kind)]
    if cell.status is not None:
        symbol, _, label = cell.text.partition(" ")
        text = f'<span class="symbol" aria-hidden="true">{escape(symbol)}</span> {escape(label)}'
        classes.append(f"status-{cell.status}")
    if cell.note:
        text += f'<span class="note">{escape(cell.note)}</span>'
    span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
    if cell.header:
        scope = "rowgroup" if cell.rowspan > 1 else "row"
        return f'<th scope="{scope}"{span} class="{" ".join(classes)}">{text}</th>'
    return f'<td{span} class="{" ".join(classes)}">{text}</td>'


def _chart(chart: Chart, ident: str, kind: str = "chart") -> str:
    """The chart as an SVG named by its text alternative. A bar chart has a second, narrow
    drawing that a phone shows instead; a line chart scrolls in its own box there, at a
    size where its text stays 12 px."""
    title = f'<title id="{ident}-alt">{escape(chart.description)}</title>'
    named = f'role="img" aria-labelledby="{ident}-alt"'
    drawing = _svg(shape_of(chart), named, title)
    caption = f"<figcaption>{escape(chart.title)}</figcaption>"
    if isinstance(chart, BarChart):
        drawing = _svg(shape_of(chart), f'{named} class="wide"', title)
        drawing += "\n" + _svg(narrow_layout(chart), f'{named} class="narrow"')
    elif isinstance(chart, LineChart):
        caption = f'<figcaption id="{ident}-caption">{escape(chart.title)}</figcaption>'
        drawing = (
            f'<div class="chart-scroll" role="region" tabindex="0" '
            f'aria-labelledby="{ident}-caption">{drawing}</div>'
        )
    return f'<figure class="{kind}">\n{caption}\n{drawing}\n</figure>'


def _svg(shape: Shape, attributes: str, title: str = "") -> str:
    drawn = "".join(_bar(b) for b in shape.bars)
    drawn += "".join(_stroke(s) for s in shape.strokes) + "".join(_mark(m) for m in shape.marks)
    labels = "".join(
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}"{_ANCHORS.get(cls, "")}>{escape(t)}</text>'
        for x, y, t, cls in shape.texts
    )
    return (
        f'<svg {attributes} viewBox="0 0 {shape.width} {shape.height}" width="100%">'
        f"{title}{drawn}{labels}</svg>"
    )


_ANCHORS = {"axis": ' text-anchor="end"', "tick": ' text-anchor="middle"'}
_DASHES = {"dashed": ' stroke-dasharray="7 4"', "dotted": ' stroke-dasharray="2 3"'}


def _stroke(stroke: Stroke) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in stroke.points)
    if stroke.style == "rule":
        look = f'stroke="{STATUS_COLOURS["rule"]}" stroke-width="0.5"'
    else:
        look = f'stroke="{STATUS_COLOURS["chart"]}" stroke-width="2"' + _DASHES.get(
            stroke.style, ""
        )
    return f'<polyline points="{points}" fill="none" {look}/>'


def _mark(mark: Mark) -> str:
    colour = STATUS_COLOURS["chart"]
    if mark.kind == "circle":
        return f'<circle cx="{mark.x:.1f}" cy="{mark.y:.1f}" r="3.5" fill="{colour}"/>'
    if mark.kind == "square":
        return (
            f'<rect x="{mark.x - 3.5:.1f}" y="{mark.y - 3.5:.1f}" width="7" height="7" '
            f'fill="#fff" stroke="{colour}" stroke-width="1.5"/>'
        )
    x, y = mark.x, mark.y
    points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{colour}"/>'


def _bar(bar: Bar) -> str:
    fill = STATUS_COLOURS["chart"] if bar.filled else STATUS_COLOURS["chart-light"]
    return (
        f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
        f'fill="{fill}" stroke="{STATUS_COLOURS["chart"]}" stroke-width="1"/>'
    )
