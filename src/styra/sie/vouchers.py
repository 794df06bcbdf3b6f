"""Vouchers on demand: streamed one at a time from the file, never all kept.

``read()`` reports the problems; this stream only skips what it cannot read (a row without
account or amount), so a caller gets the same vouchers ``read()`` counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from styra.sie.amounts import EXACT
from styra.sie.lexer import Record, pairs, parse_amount, parse_date, parse_record
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
    """Stream the vouchers of a SIE file (path or bytes) in file order."""
    from styra.sie.reader import detect_encoding, open_lines  # noqa: PLC0415 (import cycle)

    encoding = encoding or detect_encoding(source)
    with open_lines(source) as lines:
        header: Record | None = None
        rows: list[Record] = []
        for lineno, raw in lines:
            record = parse_record(raw.decode(encoding, "replace"), lineno)
            if record is None:
                continue
            if record.label in ("#TRANS", "#RTRANS", "#BTRANS"):
                rows.append(record)
                continue
            if header is not None:
                yield voucher_of(header, rows)
            header, rows = (record, []) if record.label == "#VER" else (None, [])
        if header is not None:
            yield voucher_of(header, rows)


def voucher_of(header: Record, records: list[Record]) -> Voucher:
    series, number, day_text = header.text(0), header.text(1), header.text(2)
    at = 3
    if parse_date(day_text) is None and parse_date(number) is not None and series:
        series, number, day_text, at = "", series, number, 2  # the series was left out
    kinds: dict[str, list[Row]] = {"#TRANS": [], "#RTRANS": [], "#BTRANS": []}
    for record in records:
        row = row_of(record)
        if row is not None:
            kinds[record.label].append(row)
    return Voucher(
        series=series.strip(),
        number=number.strip(),
        date=_date_of(day_text),
        text=_text(header.text(at)),
        registered=parse_date(header.text(at + 1)),
        sign=_text(header.text(at + 2)),
        rows=tuple(kinds["#TRANS"]),
        added=tuple(kinds["#RTRANS"]),
        removed=tuple(kinds["#BTRANS"]),
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


def row_of(record: Record) -> Row | None:
    objects = record.objects(1)
    at = 2
    if objects is None and parse_amount(record.text(1)) is not None:
        objects, at = (), 1
    found = pairs(objects) if objects is not None else None
    amount = parse_amount(record.text(at))
    account = record.text(0).strip()
    if not account or found is None or amount is None:
        return None
    return Row(
        account=account,
        objects=found,
        amount=amount,
        date=parse_date(record.text(at + 1)),
        text=_text(record.text(at + 2)),
        quantity=parse_amount(record.text(at + 3)) if record.text(at + 3).strip() else None,
        sign=_text(record.text(at + 4)),
        line=record.line,
    )
