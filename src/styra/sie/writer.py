"""Writing SIE 4: CP437, ``#FORMAT PC8`` always, ``#KSUMMA`` optional.

The layout follows Björn Lundén's Sie4j writer (``SieWriterTest-result.si`` in the samples):
text fields quoted, empty middle fields as ``""``, every #VER with all six fields, amounts
with two decimals. With ``sie4j_layout=True`` it also copies that writer's two quirks (a
space after each #VER line and no line break after the last ``}``), byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from styra import __version__
from styra.sie.amounts import EXACT, exact
from styra.sie.ksumma import crc_of, record_tokens
from styra.sie.lexer import Field
from styra.sie.model import ObjectList, SieDocument
from styra.sie.vouchers import Row, Voucher

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Text:
    """A field always written in quotes."""

    value: str


Item = str | Text | ObjectList


@exact
def write(
    document: SieDocument,
    vouchers: Iterable[Voucher] = (),
    *,
    ksumma: bool = False,
    sie4j_layout: bool = False,
) -> bytes:
    """The document (and its vouchers) as the bytes of a SIE 4 file."""
    lines = list(_lines(document, vouchers, ksumma, sie4j_layout))
    text = "\n".join(lines) + ("" if sie4j_layout else "\n")
    return text.encode("cp437", "replace")


def write_file(
    path: Path,
    document: SieDocument,
    vouchers: Iterable[Voucher] = (),
    *,
    ksumma: bool = False,
) -> None:
    path.write_bytes(write(document, vouchers, ksumma=ksumma))


def _lines(
    document: SieDocument, vouchers: Iterable[Voucher], ksumma: bool, sie4j: bool
) -> Iterator[str]:
    records = [
        *_identification(document),
        *_chart(document),
        *_balances(document),
    ]
    yield _format("#FLAGGA", [str(document.identification.flag)])
    if ksumma:
        yield "#KSUMMA"
    crc = 0
    for label, items in records:
        crc = _sum(crc, label, items) if ksumma else crc
        yield _format(label, items)
    for voucher in vouchers:
        for label, items in _voucher(voucher):
            crc = _sum(crc, label, items) if ksumma and label not in "{}" else crc
            yield _format(label, items) + (" " if sie4j and label == "#VER" else "")
    if ksumma:
        yield f"#KSUMMA {crc}"


Records = Iterator[tuple[str, list[Item]]]


def _identification(doc: SieDocument) -> Records:
    ident = doc.identification
    yield "#PROGRAM", [Text(ident.program or "Styra"), Text(ident.program_version or __version__)]
    yield "#FORMAT", ["PC8"]
    yield "#GEN", _optional(_date(ident.generated or date.today()), ident.generated_by)
    yield "#SIETYP", [doc.file_type[:1] if doc.file_type[:1] in ("1", "2", "3") else "4"]
    if ident.comment:
        yield "#PROSA", [Text(ident.comment)]
    if ident.company_type:
        yield "#FTYP", [ident.company_type]
    if ident.fnr:
        yield "#FNR", [Text(ident.fnr)]
    if doc.org_number:
        yield "#ORGNR", [doc.org_number]
    if ident.industry_code:
        yield "#BKOD", [ident.industry_code]
    if any(ident.address):
        yield "#ADRESS", [Text(part) for part in ident.address]
    yield "#FNAMN", [Text(doc.company)]
    for index, year in sorted(doc.years.items(), reverse=True):
        yield "#RAR", [str(index), _date(year.start), _date(year.end)]
    yield from _tail_identification(doc)


def _tail_identification(doc: SieDocument) -> Records:
    ident = doc.identification
    if ident.tax_year is not None:
        yield "#TAXAR", [str(ident.tax_year)]
    if ident.covered_until is not None:
        yield "#OMFATTN", [_date(ident.covered_until)]
    if ident.chart_type:
        yield "#KPTYP", [ident.chart_type]
    if ident.currency:
        yield "#VALUTA", [ident.currency]


def _chart(doc: SieDocument) -> Records:
    for number, account in doc.accounts.items():
        yield "#KONTO", [number, Text(account.name)]
        if account.type:
            yield "#KTYP", [number, account.type]
        if account.unit:
            yield "#ENHET", [number, Text(account.unit)]
        for code in account.sru:
            yield "#SRU", [number, code]
    for number, dimension in doc.dimensions.items():
        if dimension.parent:
            yield "#UNDERDIM", [number, Text(dimension.name), dimension.parent]
        else:
            yield "#DIM", [number, Text(dimension.name)]
    for (dimension_number, obj), name in doc.objects.items():
        yield "#OBJEKT", [dimension_number, Text(obj), Text(name)]


def _balances(doc: SieDocument) -> Records:
    for label, table in (
        ("#IB", doc.opening_balances),
        ("#UB", doc.closing_balances),
        ("#RES", doc.results),
    ):
        for (year, account), amount in table.items():
            yield label, [str(year), account, _amount(amount)]
    for label, object_table in (
        ("#OIB", doc.object_opening_balances),
        ("#OUB", doc.object_closing_balances),
    ):
        for (year, account, objects), amount in object_table.items():
            yield label, [str(year), account, objects, _amount(amount)]
    yield from _periods(doc, "#PSALDO", doc.period_balances)
    yield from _periods(doc, "#PBUDGET", doc.period_budgets)


def _periods(
    doc: SieDocument, label: str, table: Mapping[tuple[int, str, ObjectList], Decimal]
) -> Records:
    for (period, account, objects), amount in table.items():
        year = doc.year_of_month(period) or 0
        yield label, [str(year), str(period), account, objects, _amount(amount)]


def _voucher(voucher: Voucher) -> Records:
    yield (
        "#VER",
        [
            Text(voucher.series),
            voucher.number or Text(""),
            _date(voucher.date) if voucher.date else Text(""),
            Text(voucher.text),
            _date(voucher.registered) if voucher.registered else Text(""),
            Text(voucher.sign),
        ],
    )
    yield "{", []
    for row in voucher.removed:
        yield "#BTRANS", _row(row)
    for row in voucher.added:
        yield "#RTRANS", _row(row)
    for row in voucher.rows:
        yield "#TRANS", _row(row)
    yield "}", []


def _row(row: Row) -> list[Item]:
    items: list[Item] = [
        row.account,
        row.objects,
        _amount(row.amount),
        _date(row.date) if row.date else Text(""),
        Text(row.text),
    ]
    if row.quantity is not None or row.sign:
        items.append(_amount(row.quantity) if row.quantity is not None else Text(""))
    if row.sign:
        items.append(Text(row.sign))
    return items


def _optional(*values: str) -> list[Item]:
    items: list[Item] = [values[0]]
    items.extend(Text(value) for value in values[1:] if value)
    return items


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _amount(amount: Decimal) -> str:
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        amount = amount.quantize(_CENT, context=EXACT)
    return format(amount, "f")


def _format(label: str, items: list[Item]) -> str:
    return " ".join([label, *(_item(item) for item in items)])


def _item(item: Item) -> str:
    if isinstance(item, Text):
        return _quote(item.value)
    if isinstance(item, tuple):
        return "{" + " ".join(f"{_code(d)} {_quote(o)}" for d, o in item) + "}"
    return _code(item)


def _code(value: str) -> str:
    """Codes and numbers go unquoted unless they need quotes."""
    if value and not any(c in value for c in ' \t"{}\\') and value.isprintable():
        return value
    return _quote(value)


def _quote(value: str) -> str:
    return '"' + _clean(value).replace('"', '\\"') + '"'


def _clean(value: str) -> str:
    """Control characters may not occur in text values (§5.7)."""
    return value if value.isprintable() else "".join(c if c.isprintable() else " " for c in value)


def _sum(crc: int, label: str, items: list[Item]) -> int:
    fields: list[Field] = []
    for item in items:
        if isinstance(item, Text):
            fields.append(_clean(item.value))
        elif isinstance(item, tuple):
            fields.append(tuple(_clean(value) for pair in item for value in pair))
        else:
            fields.append(_clean(item))
    return crc_of(record_tokens(label, fields), crc)
