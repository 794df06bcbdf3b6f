"""Row headers and row spans in the PDF's structure tree, which Typst's PyPI build cannot write.

Typst tags a table's head as TH with Scope Column, but marks a body cell as a row header
(``pdf.header-cell``) only behind its ``a11y-extras`` feature, which the PyPI wheel does not
enable. The layout prints a goal's cell once, in its first row, with empty cells below it
(so the text reads in order); this pass rewrites each table's structure after Typst, by the
document model that built it:

- a cell the model marks ``header`` (a goal, an indicator, an account line, a member)
  becomes TH with Scope Row and an ID, and the other cells of the rows it labels name it
  in /Headers;
- a goal's cell gets /RowSpan over its indicators' rows, and the empty cells below it,
  which hold no content, leave the tree.

The tables are matched in document order; a table whose rows do not match its model is
left as Typst wrote it (the tests in tests/documents/test_pdf_structure.py would fail).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pikepdf

from styra.documents.model import Document, Table
from styra.documents.serialize import unspanned_rows


def tag_row_headers(content: bytes, document: Document) -> bytes:
    tables = [b for s in document.walk() for b in s.blocks if isinstance(b, Table)]
    if not any(c.header for t in tables for r in t.rows for c in r.cells):
        return content
    pdf = pikepdf.open(BytesIO(content))
    root = pdf.Root.StructTreeRoot
    found = list(_elements(root.K, "/Table"))
    if len(found) != len(tables):
        return content
    ids = pikepdf.NameTree(root.IDTree) if "/IDTree" in root else None
    for index, (table, element) in enumerate(zip(tables, found, strict=True)):
        _table(ids, index, table, element)
    out = BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _elements(node: Any, kind: str) -> Iterator[pikepdf.Dictionary]:
    """Structure elements of ``kind`` in reading order, not looking inside a found one."""
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _elements(item, kind)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        if kind == node.S:
            yield node
        elif "/K" in node:
            yield from _elements(node.K, kind)


def _kids(element: pikepdf.Dictionary, kind: str) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    if kids is None:
        return []
    items = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and k.get("/S") == kind]


def _table(
    ids: pikepdf.NameTree | None,
    index: int,
    table: Table,
    element: pikepdf.Dictionary,
) -> None:
    bodies = _kids(element, "/TBody")
    rows = [tr for body in bodies for tr in _kids(body, "/TR")]
    laid_out = unspanned_rows([dataclasses.asdict(r) for r in table.rows])
    if len(rows) != len(laid_out) or any(
        len(_kids(tr, "/TD")) != len(row["cells"]) for tr, row in zip(rows, laid_out, strict=True)
    ):
        return
    labels: list[list[bytes]] = [[] for _ in rows]  # the row headers naming each row
    for r, (tr, row) in enumerate(zip(rows, laid_out, strict=True)):
        cells = _kids(tr, "/TD")
        for x, (cell, laid) in enumerate(zip(cells, row["cells"], strict=True)):
            if laid.get("continued"):
                _drop_empty(tr, cell)
            elif laid.get("header"):
                ident = f"Styra-t{index}-r{r}c{x}".encode()
                span = int(laid.get("spans", 1))
                _row_header(ids, cell, ident, span)
                for covered in labels[r : r + span]:
                    covered.append(ident)
    for tr, names in zip(rows, labels, strict=True):
        for cell in _kids(tr, "/TD"):
            _add_headers(cell, names)


def _drop_empty(tr: pikepdf.Dictionary, cell: pikepdf.Dictionary) -> None:
    """Take the empty cell under a spanning cell out of its row (it holds no content)."""
    kids = cell.get("/K")
    empty = kids is None or (isinstance(kids, pikepdf.Array) and len(kids) == 0)
    if empty and cell.is_indirect:
        tr.K = pikepdf.Array([c for c in tr.K if c.objgen != cell.objgen])


def _row_header(
    ids: pikepdf.NameTree | None,
    cell: pikepdf.Dictionary,
    ident: bytes,
    span: int,
) -> None:
    cell.S = pikepdf.Name.TH
    cell.ID = pikepdf.String(ident)
    table = _table_attributes(cell)
    table.Scope = pikepdf.Name.Row
    if span > 1:
        table.RowSpan = span
    if ids is not None:
        ids[ident.decode()] = cell


def _add_headers(cell: pikepdf.Dictionary, idents: list[bytes]) -> None:
    """The row headers first, then the column headers Typst named."""
    if not idents:
        return
    table = _table_attributes(cell)
    headers = list(table.get("/Headers", pikepdf.Array()))
    table.Headers = pikepdf.Array([*(pikepdf.String(i) for i in idents), *headers])


def _table_attributes(cell: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The cell's own attribute dictionary of owner /Table, made if it has none."""
    found = cell.get("/A")
    items = list(found) if isinstance(found, pikepdf.Array) else [] if found is None else [found]
    for position, item in enumerate(items):
        if isinstance(item, pikepdf.Dictionary) and item.get("/O") == pikepdf.Name.Table:
            own = pikepdf.Dictionary(dict(item.items()))  # never shared
            items[position] = own
            cell.A = pikepdf.Array(items)
            return own
    own = pikepdf.Dictionary(O=pikepdf.Name.Table)
    cell.A = pikepdf.Array([*items, own])
    return own
