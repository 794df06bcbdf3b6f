"""The document model as plain data (JSON) for the Typst layout."""

from __future__ import annotations

import dataclasses
from typing import Any

from styra.documents.chart_layout import shape_of
from styra.documents.model import (
    BarChart,
    Block,
    BulletList,
    Chart,
    ChartGroup,
    Cover,
    Document,
    LineChart,
    Paragraph,
    Section,
    Subheading,
    Table,
    TrendChart,
)
from styra.documents.style import STATUS_COLOURS

_TYPES = {
    Paragraph: "paragraph",
    Subheading: "subheading",
    BulletList: "list",
    Table: "table",
    BarChart: "chart",
    LineChart: "chart",
    ChartGroup: "chart-group",
}


def block_data(block: Block) -> dict[str, Any]:
    data = dataclasses.asdict(block)
    data["type"] = _TYPES[type(block)]
    if isinstance(block, BarChart | LineChart):
        data["shape"] = chart_shape(block)
    if isinstance(block, Table):
        data["rows"] = unspanned_rows(data["rows"])
    if isinstance(block, ChartGroup):
        data["charts"] = [_small_chart(c) for c in block.charts]
    return data


def _small_chart(chart: TrendChart) -> dict[str, Any]:
    return {"title": chart.title, "description": chart.description, "shape": chart_shape(chart)}


def unspanned_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with each row-spanning cell printed once, in its first row, as the model does.

    Typst writes a spanning cell's text after the rows it spans, so text extraction and
    copying would put a goal after its indicators; the cell is kept in its first row and
    the rows below get an empty cell without a rule between, which reads the same.
    """
    pending: list[int] = []  # rows still covered by a spanning cell in the first column
    spanning = ""  # its text, repeated where its rows continue on a new page
    for row in rows:
        cells = row["cells"] = list(row["cells"])
        if pending and pending[0] > 0:
            more = {"continued": True, "last": pending[0] == 1, "repeat": spanning}
            cells.insert(0, {**_EMPTY, **more})
            pending[0] -= 1
        first = cells[0]
        span = first.get("rowspan", 1)
        first.setdefault("continued", False)
        first["last"] = span == 1 and first.get("last", True)
        if span > 1:
            first["rowspan"] = 1
            first["spans"] = span  # for the structure tree (see pdf_tags)
            pending[:] = [span - 1]
            spanning = first["text"]
    return rows


_EMPTY = {"text": "", "status": None, "note": "", "rowspan": 1, "header": True}


def chart_shape(chart: Chart) -> dict[str, Any]:
    shape = shape_of(chart)
    return {
        "width": shape.width,
        "height": shape.height,
        "bars": [dataclasses.asdict(b) for b in shape.bars],
        "texts": [{"x": x, "y": y, "text": t, "kind": k} for x, y, t, k in shape.texts],
        "strokes": [
            {"points": [list(p) for p in s.points], "style": s.style} for s in shape.strokes
        ],
        "marks": [dataclasses.asdict(m) for m in shape.marks],
    }


def section_data(section: Section, tables: list[int] | None = None) -> dict[str, Any]:
    """The section as data; each table gets an ``id``, its place among the document's
    tables, which the layout uses to name its rows."""
    tables = [0] if tables is None else tables
    blocks = []
    for block in section.blocks:
        data = block_data(block)
        if isinstance(block, Table):
            data["id"] = tables[0]
            tables[0] += 1
        blocks.append(data)
    return {
        "number": section.number,
        "title": section.title,
        "level": section.level,
        "blocks": blocks,
        "children": [section_data(c, tables) for c in section.children],
    }


def cover_data(cover: Cover) -> dict[str, Any]:
    data = {f.name: getattr(cover, f.name) for f in dataclasses.fields(cover)}
    logo = cover.logo
    # Typst reads the picture from bytes given as a list of numbers (sys.inputs are text).
    data["logo"] = None if logo is None else {"data": list(logo.data), "alt": logo.alt}
    return data


def document_data(document: Document) -> dict[str, Any]:
    tables = [0]
    return {
        "title": document.title,
        "author": document.author,
        "committee": document.committee,
        "language": document.language,
        "cover": cover_data(document.cover),
        "contents_title": document.contents_title,
        "contents_depth": document.contents_depth,
        "sections": [section_data(s, tables) for s in document.sections],
        "colours": STATUS_COLOURS,
        "compact": document.compact,
    }
