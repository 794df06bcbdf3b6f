"""Vouchers on demand: streamed one at a time from the file, never all kept.

The row model: ``row_fields`` reads a row record once, ``row_of`` makes it a ``Row`` or
leaves it out, and the ``Ledger`` decides which lines belong to which voucher, for
``read()``'s counts and totals and for this stream alike. ``read()`` reports the problems;
this stream yields what ``read()`` counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from styra.sie.amounts import EXACT
from styra.sie.lexer import Record, pairs, parse_amount, parse_date
from styra.sie.model import ObjectList


@dataclass(frozen=True, slots=True)
class Row:
    """A #TRANS, #RTRANS or #BTRANS row; ``date`` None means the voucher's date."""

    account: str
    objects: ObjectList
    amount: Decimal
    date: dt.date | None = None
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Voucher:
    """A #VER with its rows: ``rows`` are the #TRANS (the voucher's final state);
    ``added`` (#RTRANS) and ``removed`` (#BTRANS) are its correction history."""

    series: str
    number: str
    date: dt.date | None
    text: str = ""
    registered: dt.date | None = None
    sign: str = ""
    rows: tuple[Row, ...] = ()
    added: tuple[Row, ...] = ()
    removed: tuple[Row, ...] = ()
    line: int = field(default=0, compare=False)

    @property
    def balance(self) -> Decimal:
        total = Decimal(0)
        for row in self.rows:
            total = EXACT.add(total, row.amount)
        return total


def iter_vouchers(
    source: Path | str | bytes, name: str = "", encoding: str | None = None
) -> Iterator[Voucher]:
    """Stream the vouchers of a SIE file (path or bytes) in file order.

    The blocks are read by the very code that counts them for ``read()`` (``Ledger`` with a
    sink), so a voucher here holds exactly the rows ``read()`` counted and summed; the
    problems that say which rows were left out are ``read()``'s to report."""
    from styra.sie.ledger import Ledger, starts_voucher  # noqa: PLC0415 (import cycle)
    from styra.sie.reader import detect_encoding, open_lines  # noqa: PLC0415
    from styra.sie.report import Reporter  # noqa: PLC0415

    encoding = encoding or detect_encoding(source)
    sink = _Collected()
    ledger = Ledger(Reporter(name), encoding, {})
    ledger.sink = sink
    with open_lines(source) as lines:
        pending = next(lines, None)
        while pending is not None:
            if not starts_voucher(pending[1]):
                pending = next(lines, None)
                continue
            pending = ledger.voucher(*pending, lines)
            yield sink.voucher()
            if pending is None:
                pending = next(lines, None)


class _Collected:
    """The #VER record and the kept rows of the voucher being read (a ``Ledger`` sink)."""

    def __init__(self) -> None:
        self.head: Record | None = None
        self.rows: dict[str, list[Row]] = {"#TRANS": [], "#RTRANS": [], "#BTRANS": []}

    def header(self, record: Record) -> None:
        self.head = record
        for rows in self.rows.values():
            rows.clear()

    def row(self, label: str, row: Row) -> None:
        self.rows[label].append(row)

    def voucher(self) -> Voucher:
        assert self.head is not None  # the ledger tells the header before any row
        kinds = self.rows
        return voucher_of(self.head, kinds["#TRANS"], kinds["#RTRANS"], kinds["#BTRANS"])


def header_fields(header: Record) -> tuple[str, str, str, int]:
    """Series, number, date text and where the voucher text is, from a #VER record.

    A left-out series (``#VER 1 20170101 …``, Sie4j's sample) shifts the fields: when the
    date field is no date but the number field is, the fields are read one place earlier."""
    series, number, day = header.text(0).strip(), header.text(1).strip(), header.text(2)
    if parse_date(day) is None and parse_date(number) is not None and series:
        return "", series, number, 2
    return series, number, day, 3


def voucher_of(
    header: Record, rows: Sequence[Row], added: Sequence[Row] = (), removed: Sequence[Row] = ()
) -> Voucher:
    series, number, day_text, at = header_fields(header)
    return Voucher(
        series=series,
        number=number,
        date=_date_of(day_text),
        text=_text(header.text(at)),
        registered=parse_date(header.text(at + 1)),
        sign=_text(header.text(at + 2)),
        rows=tuple(rows),
        added=tuple(added),
        removed=tuple(removed),
        line=header.line,
    )


def _text(text: str) -> str:
    """A blank text counts as absent (BL writes " " for no text)."""
    return text if text.strip() else ""


def _date_of(text: str) -> dt.date | None:
    text = text.strip()
    if len(text) == 6:
        return parse_date("20" + text)
    return parse_date(text)


class RowFields(NamedTuple):
    """What a row record holds, before it is judged: ``objects`` None when the list is
    not a valid one, ``amount`` None when unreadable, ``at`` the amount's field index."""

    account: str
    objects: ObjectList | None
    amount: Decimal | None
    at: int
    list_missing: bool


def row_fields(record: Record) -> RowFields:
    """The one reading of a #TRANS, #RTRANS or #BTRANS record; an object list that was left
    out (``#TRANS 1930 100.00``) is read as ``{}``."""
    objects = record.objects(1)
    at, missing = 2, False
    if objects is None and parse_amount(record.text(1)) is not None:
        objects, at, missing = (), 1, True
    found = pairs(objects) if objects is not None else None
    return RowFields(record.text(0).strip(), found, parse_amount(record.text(at)), at, missing)


def row_of(record: Record, fields: RowFields | None = None) -> Row | None:
    """The row, or None when it lacks an account, a valid object list or an amount."""
    account, objects, amount, at, _missing = fields or row_fields(record)
    if not account or objects is None or amount is None:
        return None
    return Row(
        account=account,
        objects=objects,
        amount=amount,
        date=parse_date(record.text(at + 1)),
        text=_text(record.text(at + 2)),
        quantity=parse_amount(record.text(at + 3)) if record.text(at + 3).strip() else None,
        sign=_text(record.text(at + 4)),
        line=record.line,
    )
