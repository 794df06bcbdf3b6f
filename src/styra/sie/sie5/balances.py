"""Fiscal years and balances of a SIE 5 file in the SIE 4 document's terms.

SIE 5 gives fiscal years as months and marks one ``primary``: it becomes year 0, earlier
years −1, −2 … and later ones +1 (SIE 4 has no later years; the model takes any index).
Balances are per month: the ``OpeningBalance`` of a year's first month is #IB, the
``ClosingBalance`` of its last month #UB for balance accounts and #RES for result
accounts (cost, income), with an ``ObjectReference`` #OIB/#OUB. Closing balances of other
months are levels, not changes: they become #PSALDO-style monthly changes only where the
months run unbroken from the year's start. A ``Budget`` with a month is #PBUDGET; one
without a month is for the whole primary year and is put in its first month (said once).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from styra.i18n import _
from styra.sie.amounts import EXACT
from styra.sie.model import (
    FiscalYear,
    ObjectList,
)
from styra.sie.records import Balances
from styra.sie.report import Reporter
from styra.sie.sie5.content import BalanceFound, FiscalYearFound, Found
from styra.sie.sie5.values import first_day, last_day, months_between

RESULT_KINDS = frozenset({"cost", "income"})
K = TypeVar("K")
Level = tuple[str, ObjectList, int]
"""(account, object list, year index): whose month-end levels are being collected."""


def fiscal_years(found: Found, report: Reporter) -> tuple[dict[int, FiscalYear], dict[int, int]]:
    """Year index → fiscal year, and year index → the line of its FiscalYear."""
    valid: list[FiscalYearFound] = []
    for year in sorted(found.years, key=lambda y: y.start):
        if year.end < year.start:
            report.error(
                year.line,
                _("räkenskapsåret slutar ({0}) innan det börjar ({1})").format(
                    _month_text(year.end), _month_text(year.start)
                ),
                "sie-year",
            )
        else:
            valid.append(year)
    if not valid:
        return {}, {}
    primary = _primary(valid, report)
    years = {
        i - primary: FiscalYear(first_day(y.start), last_day(y.end)) for i, y in enumerate(valid)
    }
    lines = {i - primary: y.line for i, y in enumerate(valid)}
    return years, lines


def _primary(years: list[FiscalYearFound], report: Reporter) -> int:
    flagged = [i for i, year in enumerate(years) if year.primary]
    if len(flagged) > 1:
        report.warning(
            years[flagged[1]].line,
            _("fler än ett räkenskapsår är markerat primary; det första av dem är år 0"),
            "sie5-primary",
        )
    if flagged:
        return flagged[0]
    report.warning(
        years[-1].line,
        _("inget räkenskapsår är markerat primary; det senaste läses som år 0"),
        "sie5-primary",
        hint=_('SIE 5 kräver primary="true" på precis ett FiscalYear'),
    )
    return len(years) - 1


def _month_text(period: int) -> str:
    return f"{period // 100}-{period % 100:02d}"


# The balance tables of the document, with the lines the checks name: the same record as
# the SIE 4 reader fills, so the checks and the document read both alike.
Tables = Balances


class BalanceTables:
    """Sorts each balance found into the tables (``resolve``)."""

    def __init__(self, found: Found, years: dict[int, FiscalYear], report: Reporter) -> None:
        self.found, self.years, self.report = found, years, report
        self.tables = Tables()
        self._levels: dict[Level, dict[int, Decimal]] = {}
        self._starts: dict[Level, Decimal] = {}
        self._level_lines: dict[Level, int] = {}
        primary = years.get(0)
        self._primary_month = primary.start.year * 100 + primary.start.month if primary else None

    def resolve(self) -> Tables:
        for balance in self.found.balances:
            self._note_use(balance)
            if balance.kind == "budget":
                self._budget(balance)
            else:
                self._balance(balance)
        self._period_changes()
        return self.tables

    def _note_use(self, balance: BalanceFound) -> None:
        self.tables.account_lines.setdefault(balance.account, balance.line)
        for pair in balance.objects:
            self.tables.object_lines.setdefault(pair, balance.line)

    def _budget(self, balance: BalanceFound) -> None:
        month = balance.month
        if month is None:
            if self._primary_month is None:
                self.report.warning(
                    balance.line,
                    _("budgeten för konto {0} saknar month, och filen har inget räkenskapsår "
                      "den kan gälla; beloppet lämnas utanför").format(balance.account),
                    "sie5-budget-year",
                )  # fmt: skip
                return
            month = self._primary_month
            self.report.once(
                balance.line,
                _("en budget utan month gäller hela räkenskapsåret; den läses som årets "
                  "första månad (årsbudgeten stämmer, månadsbudgeten inte)"),
                "sie5-annual-budget",
            )  # fmt: skip
        key = (month, balance.account, tuple(balance.objects))
        self.tables.budgets[key] = EXACT.add(
            self.tables.budgets.get(key, Decimal(0)), balance.amount
        )

    def _year_of(self, month: int) -> int | None:
        for index, year in self.years.items():
            if year.contains_month(month):
                return index
        return None

    def _balance(self, balance: BalanceFound) -> None:
        assert balance.month is not None  # a balance without month is not kept (content)
        index = self._year_of(balance.month)
        if index is None:
            self.report.warning(
                balance.line,
                _("saldot för konto {0} gäller {1}, som inte ligger i något räkenskapsår "
                  "(FiscalYear); det lämnas utanför").format(
                    balance.account, _month_text(balance.month)
                ),
                "sie5-balance-outside",
            )  # fmt: skip
            return
        year = self.years[index]
        first = year.start.year * 100 + year.start.month
        last = year.end.year * 100 + year.end.month
        level: Level = (balance.account, tuple(balance.objects), index)
        self._level_lines.setdefault(level, balance.line)
        if balance.kind == "opening":
            self._opening(balance, index, level, balance.month == first)
        else:
            self._levels.setdefault(level, {})[balance.month] = balance.amount
            if balance.month == last:
                self._closing(balance, index)

    def _opening(self, balance: BalanceFound, index: int, level: Level, at_start: bool) -> None:
        if not at_start:  # the opening of a month is the level at the end of the one before
            month = balance.month or 0
            previous = month - 1 if month % 100 > 1 else month - 100 + 11
            self._levels.setdefault(level, {})[previous] = balance.amount
            return
        self._starts[level] = balance.amount
        if balance.objects:
            key = (index, balance.account, tuple(balance.objects))
            self._put(self.tables.object_opening, key, balance, ("IB", index))
        else:
            self._put(self.tables.opening, (index, balance.account), balance, ("IB", index))

    def _closing(self, balance: BalanceFound, index: int) -> None:
        result = self.found.account_kinds.get(balance.account) in RESULT_KINDS
        if balance.objects:
            key = (index, balance.account, tuple(balance.objects))
            self._put(self.tables.object_closing, key, balance, ("UB", index))
        elif result:
            self._put(self.tables.results, (index, balance.account), balance, ("RES", index))
        else:
            self._put(self.tables.closing, (index, balance.account), balance, ("UB", index))

    def _put(
        self, table: dict[K, Decimal], key: K, balance: BalanceFound, label: tuple[str, int]
    ) -> None:
        if key in table:
            self.report.warning(
                balance.line,
                _("konto {0} har två saldon för samma månad; det första gäller").format(
                    balance.account
                ),
                "sie5-balance-duplicate",
            )
            return
        table[key] = balance.amount
        if not balance.objects:
            self.tables.lines[(label[0], label[1], balance.account)] = balance.line

    def _period_changes(self) -> None:
        for level, ends in self._levels.items():
            account, objects, index = level
            year = self.years[index]
            months = months_between(
                year.start.year * 100 + year.start.month, year.end.year * 100 + year.end.month
            )
            if set(ends) <= {months[-1]} and len(months) > 1:
                continue  # the year's closing balance only: no months to tell
            previous = self._starts.get(level, Decimal(0))
            reached = 0
            for month in months:
                if month not in ends:
                    break
                change = EXACT.subtract(ends[month], previous)
                previous, reached = ends[month], month
                if change:
                    self.tables.periods[(month, account, objects)] = change
            if all(month <= reached for month in ends):
                continue
            self.report.warning(
                self._level_lines[level],
                _("månadssaldona för konto {0} har luckor; bara månaderna före den första "
                  "luckan läses som periodsaldon").format(account),
                "sie5-balance-months",
            )  # fmt: skip
