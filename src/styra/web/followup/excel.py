"""Excel round-trip of indicator values: download a sheet, fill it in, upload it.

Every row is checked before anything is saved; one bad row saves nothing, and each problem
names its row and column, the same way the command line names a file's line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from styra.core.money import parse_decimal
from styra.problems import Problem, Source
from styra.web.followup import editing, lineage
from styra.web.followup import models as m
from styra.web.followup.access import Access

SHEET = "Indikatorer"
JUSTIFICATION = "Motivering till handinmatat värde"
HEADERS = (
    "Id", "Mål", "Indikator", "Enhet", "Målvärde", "Utfall", "Analys", "Version", JUSTIFICATION
)  # fmt: skip
REQUIRED = ("Id", "Utfall", "Version")
VALUE_COLUMN = HEADERS.index("Utfall") + 1


@dataclass(frozen=True)
class SheetRow:
    line: int
    key: str
    value: Decimal | None
    analysis: str | None
    version: int | None
    columns: dict[str, str]
    # The value was a percentage in the sheet (a cell formatted with % or text ending in %):
    # ``value`` is then in per cent (0.7225 formatted 0.00% is 72.25), which is right only
    # for an indicator whose unit is %.
    percent: bool = False
    justification: str | None = None  # None: the sheet has no such column


def _indicators(period: m.Period) -> list[m.Indicator]:
    return list(m.Indicator.objects.filter(goal__period=period).select_related("goal", "result"))


def workbook(period: m.Period) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for ind in _indicators(period):
        result = ind.result
        target = ind.target_wording or f"{ind.get_target_kind_display()} {ind.target_value}"
        sheet.append(
            [ind.key, ind.goal.name, ind.name, ind.unit, target, result.value, result.analysis,
             result.version, result.value_justification]
        )  # fmt: skip
        # A number cell, never text; and "General", the one Excel format that shows a value
        # as typed: with an explicit format such as 0.00, Excel keeps that format when
        # someone types "72,25 %" and stores 0.7225 with nothing left to tell it was a
        # percentage, whereas in a General cell it switches to 0.00%, which reading sees.
        sheet.cell(sheet.max_row, VALUE_COLUMN).number_format = "General"
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    for index, width in enumerate((8, 40, 60, 8, 20, 12, 60, 9, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A text starting with one of these is a formula to Excel and LibreOffice (or, for tab and
# carriage return, a way to hide one): such a text is written as a string cell with Excel's
# quote prefix, so it shows and comes back as the same text and never runs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: Any) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _problem(name: str, line: int, column: str, message: str) -> Problem:
    return Problem(Source(file=name, line=line, column=column), message)


def _number(raw: Any, number_format: str | None) -> tuple[Decimal | None, bool]:
    """A cell's value as an exact decimal, and whether the sheet shows it as a percentage.

    A number cell formatted with % holds a fraction (72,25 % is stored as 0.7225), so it is
    returned times 100; text goes through ``parse_decimal``, with a trailing % taken off.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, False
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise ValueError(_("»%(v)s» är inte ett tal") % {"v": raw})
    if isinstance(raw, str):
        text = raw.strip()
        if text.endswith("%"):
            return parse_decimal(text[:-1]), True
        return parse_decimal(text), False
    value = Decimal(str(raw))  # str: a float's shortest form, 0.7225 rather than its binary
    if "%" in _without_literals(number_format or ""):
        return value.scaleb(2), True
    return value, False


def _without_literals(number_format: str) -> str:
    """A number format without its quoted text and escaped characters: "%" is text there."""
    text = re.sub(r'"[^"]*"', "", number_format)
    return re.sub(r"\\.", "", text)


def read_rows(content: bytes, name: str) -> tuple[list[SheetRow], list[Problem]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        return [], [_problem(name, 1, "", _("filen går inte att öppna som Excelblad"))]
    sheet = book[SHEET] if SHEET in book.sheetnames else book.active
    found_rows = sheet.iter_rows() if sheet is not None else ()
    rows = [tuple(_Cell(c.value, c.number_format) for c in r) for r in found_rows]
    if not rows:
        return [], [_problem(name, 1, "", _("bladet är tomt"))]
    header = {str(c.value).strip(): i for i, c in enumerate(rows[0]) if c.value is not None}
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        text = ", ".join(missing)
        return [], [
            _problem(name, 1, "", _("kolumnerna %(c)s saknas i första raden") % {"c": text})
        ]
    columns = {h: get_column_letter(i + 1) for h, i in header.items()}
    found: list[SheetRow] = []
    problems: list[Problem] = []
    for line, values in enumerate(rows[1:], start=2):
        if all(c.value is None or str(c.value).strip() == "" for c in values):
            continue
        row = _row(name, line, values, header, columns, problems=problems)
        if row is not None:
            found.append(row)
    return found, problems


@dataclass(frozen=True)
class _Cell:
    value: Any
    number_format: str | None


def _cell(values: tuple[_Cell, ...], header: dict[str, int], key: str) -> _Cell:
    index = header.get(key)
    return values[index] if index is not None and index < len(values) else _Cell(None, None)


def _row(
    name: str,
    line: int,
    values: tuple[_Cell, ...],
    header: dict[str, int],
    columns: dict[str, str],
    *,
    problems: list[Problem],
) -> SheetRow | None:
    key = str(_cell(values, header, "Id").value or "").strip()
    if not key:
        problems.append(_problem(name, line, columns["Id"], _("id saknas")))
        return None
    cell = _cell(values, header, "Utfall")
    try:
        value, percent = _number(cell.value, cell.number_format)
    except ValueError as exc:
        problems.append(_problem(name, line, columns["Utfall"], str(exc)))
        return None
    version = _cell(values, header, "Version").value
    if not isinstance(version, int) or isinstance(version, bool):
        problems.append(
            _problem(name, line, columns["Version"], _("versionen ska vara ett heltal"))
        )
        return None
    analysis = _cell(values, header, "Analys").value if "Analys" in header else None
    text = None if analysis is None and "Analys" not in header else str(analysis or "")
    reason = _cell(values, header, JUSTIFICATION).value if JUSTIFICATION in header else None
    why = None if JUSTIFICATION not in header else str(reason or "").strip()
    return SheetRow(line, key, value, text, version, columns, percent, why)


def _new_values(row: SheetRow, ind: m.Indicator) -> dict[str, Any]:
    """The result's fields as the row would leave them, in the form's terms."""
    new: dict[str, Any] = {"value": row.value}
    if row.analysis is not None:
        new["analysis"] = row.analysis
    if lineage.computed_value(ind) is not None:
        why = ind.result.value_justification if row.justification is None else row.justification
        new["value_justification"] = why if lineage.entered_by_hand(ind, row.value) else ""
    if ind.derived and row.value == ind.result.value:
        del new["value"]
    return new


def _column(row: SheetRow, field: str) -> str:
    names = {"analysis": "Analys", "value_justification": JUSTIFICATION}
    return row.columns.get(names.get(field, "Utfall"), row.columns["Utfall"])


def _check(access: Access, row: SheetRow, ind: m.Indicator | None, name: str) -> list[Problem]:
    """The form's rules (``editing.result_rule_breaks``), then the sheet's own: a percentage
    only for a % indicator, the version the row was downloaded at."""
    if ind is None:
        message = _("okänd indikator »%(id)s»") % {"id": row.key}
        return [_problem(name, row.line, row.columns["Id"], message)]
    result = ind.result
    new = _new_values(row, ind)
    if not any(getattr(result, k) != v for k, v in new.items()):
        return []
    breaks = editing.result_rule_breaks(access, ind, new)
    if breaks:
        return [_problem(name, row.line, _column(row, b.field), b.message) for b in breaks]
    return _sheet_problems(row, ind, name)


def _sheet_problems(row: SheetRow, ind: m.Indicator, name: str) -> list[Problem]:
    result = ind.result
    if row.percent and ind.unit.strip() != "%":
        message = _(
            "%(id)s mäts i %(unit)s, men cellen är ett procenttal; skriv talet utan procentformat"
        ) % {"id": ind.key, "unit": ind.unit or _("tal utan enhet")}
        return [_problem(name, row.line, row.columns["Utfall"], message)]
    if row.justification and lineage.computed_value(ind) is None:
        message = _(
            "%(id)s har inget värde som räknas fram ur en källa; lämna kolumnen »%(column)s» tom"
        ) % {"id": ind.key, "column": JUSTIFICATION}
        return [_problem(name, row.line, _column(row, "value_justification"), message)]
    if row.version != result.version:
        now = _("tomt") if result.value is None else f"{result.value:f}"
        message = _(
            "%(id)s har ändrats av någon annan sedan bladet laddades ner (nu: %(now)s); "
            "ladda ner ett nytt blad"
        ) % {"id": ind.key, "now": now}
        return [_problem(name, row.line, row.columns["Version"], message)]
    return []


def apply(
    access: Access, user: Any, rows: list[SheetRow], name: str, earlier: list[Problem]
) -> tuple[int, list[Problem]]:
    """Check every row (beside the problems found reading the sheet); save all or nothing."""
    period = access.the_period
    by_key = {i.key: i for i in _indicators(period)}
    problems = list(earlier)
    seen: set[str] = set()
    for row in rows:
        if row.key in seen:
            problems.append(
                _problem(
                    name,
                    row.line,
                    row.columns["Id"],
                    _("%(id)s finns två gånger") % {"id": row.key},
                )
            )
        seen.add(row.key)
        ind = by_key.get(row.key)
        problems += _check(access, row, ind, name)
    if problems:
        return 0, problems
    return _save(access, user, rows, by_key, name)


def _save(
    access: Access, user: Any, rows: list[SheetRow], by_key: dict[str, m.Indicator], name: str
) -> tuple[int, list[Problem]]:
    saved = 0
    with transaction.atomic():
        for row in rows:
            ind = by_key[row.key]
            new = _new_values(row, ind)
            if not any(getattr(ind.result, k) != v for k, v in new.items()):
                continue
            conflict = editing.save_result(access, user, ind, row.version or 0, new)
            if conflict is not None:
                transaction.set_rollback(True)
                message = _("%(id)s ändrades av någon annan just nu; ladda ner ett nytt blad") % {
                    "id": ind.key
                }
                return 0, [_problem(name, row.line, row.columns["Version"], message)]
            saved += 1
    return saved, []
