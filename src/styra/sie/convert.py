"""The ledger out of SIE into CSV, Excel or JSON, for controllers who want it in a sheet.

Two tables: ``vouchers`` (one line per #TRANS row, streamed from the file) and
``balances`` (one line per account and fiscal year: IB, UB, RES, outcome and budget).
CSV follows Swedish Excel: semicolon, decimal comma, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from styra.sie.amounts import exact
from styra.sie.model import FiscalYear, SieDocument

VOUCHER_COLUMNS = (
    "serie", "nummer", "datum", "verifikationstext", "konto", "kontonamn", "objekt",
    "belopp", "transaktionsdatum", "transaktionstext", "kvantitet", "rad",
)  # fmt: skip
BALANCE_COLUMNS = (
    "konto", "kontonamn", "kontotyp", "år", "från", "till", "ib", "ub", "res", "utfall",
    "budget",
)  # fmt: skip
FORMATS = ("csv", "xlsx", "json")
TABLES = ("vouchers", "balances")
_XLSX_ROWS = 1_000_000


def voucher_rows(doc: SieDocument) -> Iterator[list[Any]]:
    for voucher in doc.vouchers():
        for row in voucher.rows:
            account = doc.accounts.get(row.account)
            yield [
                voucher.series,
                voucher.number,
                voucher.date,
                voucher.text,
                row.account,
                account.name if account else "",
                " ".join(f"{d}={o}" for d, o in row.objects),
                row.amount,
                row.date or voucher.date,
                row.text,
                row.quantity,
                row.line,
            ]


def balance_rows(doc: SieDocument) -> Iterator[list[Any]]:
    for index, year in _years(doc):
        outcome, budget = doc.outcome(index), doc.budget(index)
        numbers = _accounts_of(doc, index) | set(outcome) | set(budget)
        for number in sorted(numbers):
            account = doc.accounts.get(number)
            yield [
                number,
                account.name if account else "",
                account.type if account else "",
                index,
                year.start if year else None,
                year.end if year else None,
                doc.opening_balances.get((index, number)),
                doc.closing_balances.get((index, number)),
                doc.results.get((index, number)),
                outcome.get(number),
                budget.get(number),
            ]


def _years(doc: SieDocument) -> list[tuple[int, FiscalYear | None]]:
    """Every year index that #RAR or a balance record names, newest first; dates are None
    where no valid #RAR gives them (one that ends before it starts is an error, and its
    balances are still the file's)."""
    indices = set(doc.years)
    for table in (doc.opening_balances, doc.closing_balances, doc.results):
        indices.update(index for index, _account in table)
    if not doc.years:
        indices.add(0)
    return [(index, doc.years.get(index)) for index in sorted(indices, reverse=True)]


def _accounts_of(doc: SieDocument, index: int) -> set[str]:
    found: set[str] = set()
    for table in (doc.opening_balances, doc.closing_balances, doc.results):
        found.update(account for year, account in table if year == index)
    return found


@exact
def convert(doc: SieDocument, fmt: str, table: str, output: Path) -> int:
    """Write the table in the format; returns the number of data rows written."""
    columns = VOUCHER_COLUMNS if table == "vouchers" else BALANCE_COLUMNS
    rows = voucher_rows(doc) if table == "vouchers" else balance_rows(doc)
    if fmt == "csv":
        return _csv(output, columns, rows)
    if fmt == "xlsx":
        return _xlsx(output, columns, rows)
    return _json(output, doc, table, columns, rows)


def _csv(output: Path, columns: tuple[str, ...], rows: Iterator[list[Any]]) -> int:
    count = 0
    with output.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(value) for value in row])
            count += 1
    return count


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return str(value)


def _xlsx(output: Path, columns: tuple[str, ...], rows: Iterator[list[Any]]) -> int:
    from openpyxl import Workbook  # noqa: PLC0415 (only this format needs it)

    book = Workbook(write_only=True)
    sheet, count = None, 0
    for row in rows:
        if count % _XLSX_ROWS == 0:
            sheet = book.create_sheet(f"Blad{count // _XLSX_ROWS + 1}")
            sheet.append(list(columns))
        assert sheet is not None
        sheet.append(row)
        count += 1
    if sheet is None:
        book.create_sheet("Blad1").append(list(columns))
    book.save(output)
    return count


def _json(
    output: Path, doc: SieDocument, table: str, columns: tuple[str, ...], rows: Iterator[list[Any]]
) -> int:
    count = 0
    with output.open("w", encoding="utf-8") as handle:
        head = {"company": doc.company, "org_number": doc.org_number, "table": table}
        handle.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [')
        for row in rows:
            _json_row(handle, columns, row, count)
            count += 1
        handle.write("\n]}\n")
    return count


def _json_row(handle: IO[str], columns: tuple[str, ...], row: list[Any], index: int) -> None:
    values = {
        c: (str(v) if isinstance(v, Decimal) else v) for c, v in zip(columns, row, strict=True)
    }
    text = json.dumps(values, ensure_ascii=False, default=str)
    handle.write(("," if index else "") + "\n" + text)
