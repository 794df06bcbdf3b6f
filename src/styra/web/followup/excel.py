"""Excel round-trip of indicator values: download a sheet, fill it in, upload it.

Every row is checked before anything is saved; one bad row saves nothing, and each problem
names its row and column, the same way the command line names a file's line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter

from styra.core.money import parse_decimal
from styra.problems import Problem, Source
from styra.web.followup import editing
from styra.web.followup import models as m
from styra.web.followup.access import Access

SHEET = "Indikatorer"
HEADERS = ("Id", "Mål", "Indikator", "Enhet", "Målvärde", "Utfall", "Analys", "Version")
REQUIRED = ("Id", "Utfall", "Version")


@dataclass(frozen=True)
class SheetRow:
    line: int
    key: str
    value: Decimal | None
    analysis: str | None
    version: int | None
    columns: dict[str, str]


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
             result.version]
        )  # fmt: skip
        sheet.cell(sheet.max_row, 1).protection = Protection(locked=True)
    for index, width in enumerate((8, 40, 60, 8, 20, 12, 60, 9), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _problem(name: str, line: int, column: str, message: str) -> Problem:
    return Problem(Source(file=name, line=line, column=column), message)


def _number(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(f"»{raw}« är inte ett tal")
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    return parse_decimal(str(raw))


def read_rows(content: bytes, name: str) -> tuple[list[SheetRow], list[Problem]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        return [], [_problem(name, 1, "", _("filen går inte att öppna som Excelblad"))]
    sheet = book[SHEET] if SHEET in book.sheetnames else book.active
    rows = list(sheet.iter_rows(values_only=True)) if sheet is not None else []
    if not rows:
        return [], [_problem(name, 1, "", _("bladet är tomt"))]
    header = {str(v).strip(): i for i, v in enumerate(rows[0]) if v is not None}
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
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        row = _row(name, line, values, header, columns, problems=problems)
        if row is not None:
            found.append(row)
    return found, problems


def _cell(values: tuple[Any, ...], header: dict[str, int], key: str) -> Any:
    index = header.get(key)
    return values[index] if index is not None and index < len(values) else None


def _row(
    name: str,
    line: int,
    values: tuple[Any, ...],
    header: dict[str, int],
    columns: dict[str, str],
    *,
    problems: list[Problem],
) -> SheetRow | None:
    key = str(_cell(values, header, "Id") or "").strip()
    if not key:
        problems.append(_problem(name, line, columns["Id"], _("id saknas")))
        return None
    try:
        value = _number(_cell(values, header, "Utfall"))
    except ValueError as exc:
        problems.append(_problem(name, line, columns["Utfall"], str(exc)))
        return None
    version = _cell(values, header, "Version")
    if not isinstance(version, int) or isinstance(version, bool):
        problems.append(
            _problem(name, line, columns["Version"], _("versionen ska vara ett heltal"))
        )
        return None
    analysis = _cell(values, header, "Analys") if "Analys" in header else None
    text = None if analysis is None and "Analys" not in header else str(analysis or "")
    return SheetRow(line, key, value, text, version, columns)


def _check(access: Access, row: SheetRow, ind: m.Indicator | None, name: str) -> list[Problem]:
    if ind is None:
        return [
            _problem(
                name, row.line, row.columns["Id"], _("okänd indikator »%(id)s»") % {"id": row.key}
            )
        ]
    result = ind.result
    value_changed = row.value != result.value
    text_changed = row.analysis is not None and row.analysis != result.analysis
    if not (value_changed or text_changed):
        return []
    col = row.columns["Utfall"]
    if ind.derived and value_changed:
        return [
            _problem(
                name, row.line, col, _("%(id)s räknas fram ur driftredovisningen") % {"id": ind.key}
            )
        ]
    if not access.may_edit(ind):
        return [
            _problem(
                name, row.line, col, _("du får inte ändra indikatorn %(id)s") % {"id": ind.key}
            )
        ]
    if row.version != result.version:
        now = _("tomt") if result.value is None else f"{result.value:f}"
        return [
            _problem(
                name,
                row.line,
                row.columns["Version"],
                _(
                    "%(id)s har ändrats av någon annan sedan bladet laddades ner (nu: %(now)s); "
                    "ladda ner ett nytt blad"
                )
                % {"id": ind.key, "now": now},
            )
        ]
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
        problems += _check(access, row, by_key.get(row.key), name)
    if problems:
        return 0, problems
    return _save(period, user, rows, by_key, name)


def _save(
    period: m.Period, user: Any, rows: list[SheetRow], by_key: dict[str, m.Indicator], name: str
) -> tuple[int, list[Problem]]:
    saved = 0
    with transaction.atomic():
        for row in rows:
            ind = by_key[row.key]
            new: dict[str, Any] = {} if ind.derived else {"value": row.value}
            if row.analysis is not None:
                new["analysis"] = row.analysis
            if not any(getattr(ind.result, k) != v for k, v in new.items()):
                continue
            conflict = editing.save_result(period, user, ind, row.version or 0, new)
            if conflict is not None:
                transaction.set_rollback(True)
                message = _("%(id)s ändrades av någon annan just nu; ladda ner ett nytt blad") % {
                    "id": ind.key
                }
                return 0, [_problem(name, row.line, row.columns["Version"], message)]
            saved += 1
    return saved, []
