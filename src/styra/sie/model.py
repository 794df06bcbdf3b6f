"""The SIE document as immutable records: what a file says, aggregated, with exact decimals.

The document keeps totals, not transactions: sums per account and month, per account, object
list and fiscal year, and the balance records as written. Vouchers are streamed on demand
(``SieDocument.vouchers()``), so memory is bounded by accounts × months × objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from styra.sie import kernel
from styra.sie.amounts import Amounts, Raw, add, exact, plus, raw_items

if TYPE_CHECKING:
    from styra.sie.vouchers import Voucher

ObjectList = tuple[tuple[str, str], ...]
"""An object reference list: pairs of (dimension number, object id), in file order."""

YearAccount = tuple[int, str]
YearAccountObjects = tuple[int, str, ObjectList]
MonthAccountObjects = tuple[int, str, ObjectList]
"""(period as YYYYMM, account, object list) for #PSALDO and #PBUDGET."""
AccountMonth = tuple[str, int]
"""(account, period as YYYYMM) for the voucher totals."""
AccountObjectsYear = tuple[str, ObjectList, int]

ZERO = Decimal(0)
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """One #RAR record: the first and last day of a fiscal year (both inclusive)."""

    start: date
    end: date

    def contains_month(self, period: int) -> bool:
        first = self.start.year * 100 + self.start.month
        last = self.end.year * 100 + self.end.month
        return first <= period <= last

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Account:
    """A #KONTO with its #KTYP (T, S, K, I or empty), #ENHET and #SRU codes."""

    number: str
    name: str
    type: str = ""
    unit: str = ""
    sru: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    """A #DIM, or a #UNDERDIM when ``parent`` is set."""

    number: str
    name: str
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Identification:
    """The identification records that have no better home: #PROGRAM, #GEN, #FNR and so on."""

    program: str = ""
    program_version: str = ""
    generated: date | None = None
    generated_by: str = ""
    flag: int = 0
    fnr: str = ""
    company_type: str = ""
    industry_code: str = ""
    address: tuple[str, str, str, str] = ("", "", "", "")
    tax_year: int | None = None
    covered_until: date | None = None
    chart_type: str = ""
    currency: str = ""
    comment: str = ""
    format: str | None = field(default=None, compare=False)
    """#FORMAT as the file writes it (None when absent): a claim, never trusted for reading."""


@dataclass(frozen=True)
class SieDocument:
    """What one SIE 4 file says. Built by ``read()``, or by hand for ``write()``."""

    company: str = ""
    org_number: str = ""
    file_type: str = "4E"
    encoding: str = "cp437"
    ascii_only: bool = field(default=False, compare=False)
    """Every byte of the file is ASCII: ``encoding`` was assumed, not found."""
    identification: Identification = field(default_factory=Identification)
    years: Mapping[int, FiscalYear] = field(default_factory=dict)
    accounts: Mapping[str, Account] = field(default_factory=dict)
    dimensions: Mapping[str, Dimension] = field(default_factory=dict)
    objects: Mapping[tuple[str, str], str] = field(default_factory=dict)
    opening_balances: Mapping[YearAccount, Decimal] = field(default_factory=dict)
    closing_balances: Mapping[YearAccount, Decimal] = field(default_factory=dict)
    results: Mapping[YearAccount, Decimal] = field(default_factory=dict)
    object_opening_balances: Mapping[YearAccountObjects, Decimal] = field(default_factory=dict)
    object_closing_balances: Mapping[YearAccountObjects, Decimal] = field(default_factory=dict)
    period_balances: Mapping[MonthAccountObjects, Decimal] = field(default_factory=dict)
    period_budgets: Mapping[MonthAccountObjects, Decimal] = field(default_factory=dict)
    transaction_totals: Mapping[AccountMonth, Decimal] = field(default_factory=dict)
    object_transaction_totals: Mapping[AccountObjectsYear, Decimal] = field(default_factory=dict)
    voucher_count: int = 0
    transaction_count: int = 0
    checksum: bool | None = field(default=None, compare=False)
    """#KSUMMA: True verified, False wrong, None absent."""
    source: Path | bytes | None = field(default=None, repr=False, compare=False)
    source_name: str = field(default="", repr=False, compare=False)

    # -- years and periods -------------------------------------------------------------

    def year_of_month(self, period: int) -> int | None:
        """The year index (0, −1, …) whose #RAR range holds the month, or None."""
        for index, year in self.years.items():
            if year.contains_month(period):
                return index
        return 0 if not self.years else None

    def _in_year(self, period: int, year: int) -> bool:
        if not self.years:
            return year == 0
        fiscal = self.years.get(year)
        return fiscal is not None and fiscal.contains_month(period)

    # -- outcome -------------------------------------------------------------------------

    def has_transactions_in(self, year: int = 0) -> bool:
        return any(self._in_year(month, year) for _, month in self.transaction_totals)

    @exact
    def outcome(self, year: int = 0) -> Mapping[str, Decimal]:
        """Outcome per account for the fiscal year.

        Σ #TRANS of the year when the file has vouchers in that year; otherwise #RES for
        result accounts and UB − IB for balance accounts; without those, Σ #PSALDO ``{}``.
        """
        if self.has_transactions_in(year):
            return _per_account(self.monthly_outcome(year), lambda key: key[0])
        if not self._has_balances(year):
            return _per_account(self._period_sums(self.period_balances, year), lambda k: k[0])
        totals: dict[str, Decimal] = {}
        for (index, account), amount in self.closing_balances.items():
            if index == year:
                totals[account] = totals.get(account, ZERO) + amount
        for (index, account), amount in self.opening_balances.items():
            if index == year:
                totals[account] = totals.get(account, ZERO) - amount
        for (index, account), amount in self.results.items():
            if index == year:
                totals[account] = amount
        return MappingProxyType(totals)

    def _has_balances(self, year: int) -> bool:
        tables = (self.closing_balances, self.opening_balances, self.results)
        return any(index == year for table in tables for index, _account in table)

    @exact
    def monthly_outcome(self, year: int = 0) -> Mapping[tuple[str, int], Decimal]:
        """(account, YYYYMM) → Σ #TRANS of that month; #PSALDO with ``{}`` when no vouchers."""
        if self.has_transactions_in(year):
            return MappingProxyType(
                {
                    (account, month): amount
                    for (account, month), amount in self.transaction_totals.items()
                    if self._in_year(month, year)
                }
            )
        return self._period_sums(self.period_balances, year)

    @exact
    def outcome_by_object(self, dimension: str, year: int = 0) -> Mapping[tuple[str, str], Decimal]:
        """(account, object id) → Σ #TRANS rows that carry the dimension.

        Without vouchers in the year: the #PSALDO rows whose object list holds the dimension.
        """
        if self.has_transactions_in(year):
            raw = self.object_transaction_totals
            if isinstance(raw, Amounts) and kernel.enabled():  # the same loop in C
                table = raw.raw_table()
                if isinstance(table, dict):
                    return Amounts(kernel.by_dimension(table, dimension, year, plus))  # type: ignore[arg-type]
            totals: dict[tuple[str, str], Raw] = {}
            for (account, objects, index), amount in raw_items(raw):
                if index == year:
                    _add_for_dimension(totals, account, objects, dimension, amount)
            return Amounts(totals)
        return self._period_object_sums(self.period_balances, dimension, year)

    # -- budget --------------------------------------------------------------------------

    @exact
    def budget(self, year: int = 0) -> Mapping[str, Decimal]:
        """Budget per account: Σ #PBUDGET rows with an empty object list in the fiscal year."""
        return _per_account(self._period_sums(self.period_budgets, year), lambda key: key[0])

    @exact
    def monthly_budget(self, year: int = 0) -> Mapping[tuple[str, int], Decimal]:
        return self._period_sums(self.period_budgets, year)

    @exact
    def budget_by_object(self, dimension: str, year: int = 0) -> Mapping[tuple[str, str], Decimal]:
        return self._period_object_sums(self.period_budgets, dimension, year)

    # -- vouchers ------------------------------------------------------------------------

    def vouchers(self) -> Iterator[Voucher]:
        """Stream the vouchers from the source again; nothing is kept in memory."""
        from styra.sie.vouchers import iter_vouchers  # noqa: PLC0415 (import cycle)

        if self.source is None:
            return iter(())
        return iter_vouchers(self.source, name=self.source_name, encoding=self.encoding)

    # -- helpers -------------------------------------------------------------------------

    def _period_sums(
        self, table: Mapping[MonthAccountObjects, Decimal], year: int
    ) -> Mapping[tuple[str, int], Decimal]:
        totals: dict[tuple[str, int], Decimal] = {}
        for (month, account, objects), amount in table.items():
            if not objects and self._in_year(month, year):
                key = (account, month)
                totals[key] = totals.get(key, ZERO) + amount
        return MappingProxyType(totals)

    def _period_object_sums(
        self, table: Mapping[MonthAccountObjects, Decimal], dimension: str, year: int
    ) -> Mapping[tuple[str, str], Decimal]:
        totals: dict[tuple[str, str], Raw] = {}
        for (month, account, objects), amount in table.items():
            if objects and self._in_year(month, year):
                _add_for_dimension(totals, account, objects, dimension, amount)
        return Amounts(totals)


def _add_for_dimension(
    totals: dict[tuple[str, str], Raw],
    account: str,
    objects: ObjectList,
    dimension: str,
    amount: Raw,
) -> None:
    for dim, obj in objects:
        if dim == dimension:
            add(totals, (account, obj), amount)


def _per_account(
    table: Mapping[K, Decimal], account_of: Callable[[K], str]
) -> Mapping[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for key, amount in table.items():
        account = account_of(key)
        totals[account] = totals.get(account, ZERO) + amount
    return MappingProxyType(totals)
