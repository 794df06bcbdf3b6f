"""Reading an export into rows with line numbers: CSV or XLSX, at the edge.

Everything after this module works on ``Table`` values and never touches a file, so tests
can write their input inline and the web application can hand over an uploaded file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from styra.i18n import _
from styra.problems import Problem
from styra.sources._files import read_problem
from styra.sources._problems import cell_error, field_error
from styra.sources.cells import Cell, is_blank, parse_timestamp

_DELIMITERS = (";", ",", "\t", "|")
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: tuple[Cell, ...]

    def get(self, index: int | None) -> Cell:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@dataclass(frozen=True, slots=True)
class Table:
    """An export's rows under its header. ``file`` is how problems name the file."""

    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_line: int = 1


def parse_csv_text(text: str, file: str, delimiter: str = "") -> Table:
    """Parse CSV text; the delimiter is guessed from the header line when not given."""
    delimiter = delimiter or guess_delimiter(text.partition("\n")[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table_from_rows(file, _numbered(reader))


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    previous_end = 0
    for record in reader:
        line_num: int = reader.line_num  # type: ignore[attr-defined]
        yield previous_end + 1, tuple(record)
        previous_end = line_num


def guess_delimiter(header_line: str) -> str:
    return max(_DELIMITERS, key=header_line.count)


def _table_from_rows(file: str, rows: Iterable[tuple[int, tuple[Cell, ...]]]) -> Table:
    header: tuple[str, ...] = ()
    header_line = 1
    body: list[Row] = []
    for line, cells in rows:
        if all(is_blank(cell) for cell in cells):
            continue
        if not header:
            header = tuple("" if c is None else str(c).strip() for c in cells)
            header_line = line
            continue
        body.append(Row(line, cells))
    return Table(file, header, tuple(body), header_line)


def read_table(
    path: Path, shown_as: str, *, delimiter: str = "", sheet: str = "", encoding: str = ""
) -> tuple[Table | None, list[Problem]]:
    """Read a CSV or XLSX export. Problems instead of exceptions when it cannot be read."""
    if not path.is_file():
        message = _("Filen »{file}» finns inte").format(file=shown_as)
        return None, [_unreadable(shown_as, message, "sources.no-file")]
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(path, shown_as, sheet)
    try:
        text = path.read_text(encoding=encoding or "utf-8-sig")
    except LookupError:
        message = _("Teckenkodningen »{encoding}» finns inte").format(encoding=encoding)
        hint = _("Ange encoding i mappningen, till exempel utf-8 eller cp1252")
        return None, [_unreadable(shown_as, message, "sources.encoding", hint)]
    except (OSError, UnicodeDecodeError) as exc:
        hint = _("Ange encoding i mappningen, till exempel cp1252")
        shown_hint = hint if isinstance(exc, UnicodeDecodeError) else ""
        return None, [read_problem(exc, shown_as, encoding, hint=shown_hint)]
    return parse_csv_text(text, shown_as, delimiter), []


def _read_xlsx(path: Path, shown_as: str, sheet: str) -> tuple[Table | None, list[Problem]]:
    # openpyxl (and Pillow through it) costs a third of a second to import: only for workbooks.
    from openpyxl import load_workbook  # noqa: PLC0415
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError):
        message = _("Filen »{file}» går inte att läsa som en Excel-fil (xlsx)").format(
            file=shown_as
        )
        return None, [_unreadable(shown_as, message, "sources.bad-xlsx")]
    try:
        if sheet and sheet not in workbook.sheetnames:
            message = _("Bladet »{sheet}» finns inte i »{file}»").format(sheet=sheet, file=shown_as)
            return None, [_unreadable(shown_as, message, "sources.no-sheet")]
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = (
            (line, tuple(_xlsx_cell(value) for value in values))
            for line, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
        )
        return _table_from_rows(shown_as, rows), []
    finally:
        workbook.close()


def _xlsx_cell(value: object) -> Cell:
    """Typed cells stay typed (dates, numbers); anything else becomes its text."""
    if value is None or isinstance(value, str | datetime | date | Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _unreadable(file: str, message: str, code: str, hint: str = "") -> Problem:
    return field_error(message, file, "", code=code, hint=hint)


def locate_columns(
    table: Table, wanted: Mapping[str, str], required: Iterable[str]
) -> tuple[dict[str, int], list[Problem]]:
    """Find each mapped column in the header; a missing required column is a problem."""
    by_name = {name.casefold(): i for i, name in reversed(list(enumerate(table.header)))}
    found: dict[str, int] = {}
    for key, name in wanted.items():
        if name.casefold() in by_name:
            found[key] = by_name[name.casefold()]
    problems = [
        _missing_column(table, key, wanted.get(key, key)) for key in required if key not in found
    ]
    return found, problems


def _missing_column(table: Table, key: str, name: str) -> Problem:
    message = _("Kolumnen »{column}» saknas i exporten").format(column=name)
    present = ", ".join(table.header) or _("inga kolumner")
    hint = _("Rubrikraden har {columns}; ändra columns.{key} i mappningen").format(
        columns=present, key=key
    )
    return cell_error(
        message, table.file, table.header_line, name, code="sources.missing-column", hint=hint
    )


@dataclass(frozen=True, slots=True)
class ExportRows:
    """An export's located columns: reads a row's cells and words their problems.

    The ticket, phone and monitoring parsers share it, so a cell problem names the file,
    line and column the same way in each.
    """

    table: Table
    columns: dict[str, int]
    names: dict[str, str]
    date_format: str

    def cell(self, row: Row, key: str) -> Cell:
        return row.get(self.columns.get(key))

    def error(self, line: int, key: str, message: str, code: str, *, hint: str = "") -> Problem:
        return cell_error(message, self.table.file, line, self.names[key], code=code, hint=hint)

    def missing(self, row: Row, key: str) -> Problem:
        message = _("Värde saknas i kolumnen »{column}»").format(column=self.names[key])
        return self.error(row.line, key, message, "sources.missing-value")

    def timestamp(
        self, row: Row, key: str, problems: list[Problem], *, required: bool, hint: str = ""
    ) -> datetime | None:
        """The cell as a point in time; None, with a problem, when it is missing or bad."""
        cell = self.cell(row, key)
        if is_blank(cell):
            if required:
                problems.append(self.missing(row, key))
            return None
        try:
            return parse_timestamp(cell, self.date_format)
        except ValueError as exc:
            problems.append(self.error(row.line, key, str(exc), "sources.bad-date", hint=hint))
            return None


def locate(
    table: Table, names: dict[str, str], required: Iterable[str], date_format: str
) -> tuple[ExportRows | None, list[Problem]]:
    """The export's columns by the mapping's names; None with problems when one is missing."""
    columns, problems = locate_columns(table, names, required)
    if problems:
        return None, problems
    return ExportRows(table, columns, names, date_format), []
