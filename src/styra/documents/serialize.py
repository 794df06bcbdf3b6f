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
    for row in rows:
        cells = row["cells"] = list(row["cells"])
        if pending and pending[0] > 0:
            cells.insert(0, {**_EMPTY, "continued": True, "last": pending[0] == 1})
            pending[0] -= 1
        first = cells[0]
        span = first.get("rowspan", 1)
        first.setdefault("continued", False)
        first["last"] = span == 1 and first.get("last", True)
        if span > 1:
            first["rowspan"] = 1
            pending[:] = [span - 1]
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


def section_data(section: Section) -> dict[str, Any]:
    return {
        "number": section.number,
        "title": section.title,
        "level": section.level,
        "blocks": [block_data(b) for b in section.blocks],
        "children": [section_data(c) for c in section.children],
    }


def document_data(document: Document) -> dict[str, Any]:
    return {
        "title": document.title,
        "author": document.author,
        "language": document.language,
        "cover": dataclasses.asdict(document.cover),
        "contents_title": document.contents_title,
        "contents_depth": document.contents_depth,
        "sections": [section_data(s) for s in document.sections],
        "colours": STATUS_COLOURS,
        "compact": document.compact,
    }
