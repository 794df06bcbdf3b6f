"""Journals of a SIE 5 file: each ``JournalEntry`` becomes a voucher, each ``LedgerEntry``
a row, summed into the same totals the SIE 4 ledger keeps.

A ledger entry with ``Overstrike`` is struck out: kept as the voucher's history
(``Voucher.removed``, as #BTRANS is in SIE 4), outside its balance and the totals. A
voucher is checked for balance on every amount it holds, those of rows left out for a
missing account included, so a bad row is reported once; a row without a readable
amount makes the sum unknown and the voucher is not checked (as in SIE 4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from styra.i18n import _
from styra.sie.amounts import EXACT, Raw, add, shown, to_raw
from styra.sie.model import FiscalYear, ObjectList
from styra.sie.report import Reporter
from styra.sie.sie5.values import month_of
from styra.sie.vouchers import Row, Voucher


@dataclass
class PendingRow:
    """A ``LedgerEntry`` being read: its object references and strike come as children."""

    account: str
    amount: Decimal | None
    line: int
    day: date | None = None
    text: str = ""
    quantity: Decimal | None = None
    objects: list[tuple[str, str]] = field(default_factory=list)
    struck: bool = False

    def row(self) -> Row | None:
        if not self.account or self.amount is None:
            return None
        return Row(
            account=self.account,
            objects=tuple(self.objects),
            amount=self.amount,
            date=self.day,
            text=self.text,
            quantity=self.quantity,
            line=self.line,
        )


@dataclass
class PendingEntry:
    """A ``JournalEntry`` being read."""

    journal: str
    number: str
    day: date | None
    text: str
    line: int
    registered: date | None = None
    sign: str = ""
    original: tuple[date | None, str] | None = None
    rows: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    balance: Decimal = field(default_factory=Decimal)
    unknown: bool = False
    left_out: int = 0

    def voucher(self) -> Voucher:
        registered, sign = self.registered, self.sign
        if registered is None and not sign and self.original is not None:
            registered, sign = self.original
        return Voucher(
            series=self.journal,
            number=self.number,
            date=self.day,
            text=self.text,
            registered=registered,
            sign=sign,
            rows=tuple(self.rows),
            removed=tuple(self.removed),
            line=self.line,
        )


@dataclass
class Totals:
    """Σ kept rows per (account, month) and per (account, object list, month); the
    months of the object totals become fiscal years once the years are known."""

    months: dict[tuple[str, int], Raw] = field(default_factory=dict)
    object_months: dict[tuple[str, ObjectList, int], Raw] = field(default_factory=dict)
    account_lines: dict[str, int] = field(default_factory=dict)
    object_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    voucher_count: int = 0
    row_count: int = 0


class Journals:
    """Rows into entries, entries into totals and checks (or, streaming, to a sink)."""

    def __init__(self, report: Reporter, sink: Callable[[Voucher], None] | None = None) -> None:
        self.report = report
        self.sink = sink
        self.totals = Totals()
        self.years: dict[int, FiscalYear] = {}
        self.journal = ""
        self.entry: PendingEntry | None = None
        self.row: PendingRow | None = None
        self._numbers: set[tuple[str, str]] = set()

    # -- rows ----------------------------------------------------------------------------

    def end_row(self) -> None:
        pending, entry = self.row, self.entry
        self.row = None
        if pending is None or entry is None:
            return
        row = pending.row()
        if row is None:
            self._left_out(pending, entry)
        elif pending.struck:
            entry.removed.append(row)
        else:
            entry.rows.append(row)
            entry.balance = EXACT.add(entry.balance, row.amount)

    def _left_out(self, pending: PendingRow, entry: PendingEntry) -> None:
        self.report.error(
            pending.line,
            _("LedgerEntry ska ha accountId och ett läsbart amount; raden lämnas utanför"),
            "sie-row",
            hint=_('t.ex. <LedgerEntry accountId="1930" amount="-1000.00"/>'),
        )
        if pending.struck:
            return
        entry.left_out += 1
        if pending.amount is None:
            entry.unknown = True
        else:
            entry.balance = EXACT.add(entry.balance, pending.amount)

    # -- entries -------------------------------------------------------------------------

    def end_entry(self) -> None:
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if self.sink is not None:
            self.sink(entry.voucher())
            return
        self.totals.voucher_count += 1
        self._check(entry)
        month = month_of(entry.day) if entry.day is not None else 0
        for row in entry.rows:
            self._add(row, month_of(row.date) if row.date is not None else month)

    def _check(self, entry: PendingEntry) -> None:
        name = f"{entry.journal} {entry.number}".strip()
        if not entry.rows and not entry.left_out:
            self.report.warning(
                entry.line,
                _("verifikation {0} saknar rader (LedgerEntry)").format(name),
                "sie-voucher-empty",
            )
        if entry.balance and not entry.unknown:
            self.report.error(
                entry.line,
                _("verifikation {0} är inte balanserad: summan är {1}, inte 0").format(
                    name, shown(entry.balance)
                ),
                "sie-voucher-unbalanced",
                hint=_("debet och kredit i en verifikation ska vara lika stora"),
            )
        key = (entry.journal, entry.number)
        if entry.number and key in self._numbers:
            self.report.warning(
                entry.line,
                _("verifikation {0} förekommer mer än en gång i samma journal").format(name),
                "sie-voucher-duplicate",
            )
        self._numbers.add(key)
        if entry.day is not None and not self._in_years(entry.day):
            self.report.warning(
                entry.line,
                _("verifikationsdatum {0} ligger utanför räkenskapsåren (FiscalYear)").format(
                    entry.day.isoformat()
                ),
                "sie-voucher-date-outside",
            )

    def _in_years(self, day: date) -> bool:
        return not self.years or any(year.contains(day) for year in self.years.values())

    def _add(self, row: Row, month: int) -> None:
        totals = self.totals
        raw = to_raw(row.amount)
        add(totals.months, (row.account, month), raw)
        if row.objects:
            add(totals.object_months, (row.account, row.objects, month), raw)
        totals.account_lines.setdefault(row.account, row.line)
        for pair in row.objects:
            totals.object_lines.setdefault(pair, row.line)
        totals.row_count += 1
        if row.date is not None and not self._in_years(row.date):
            self.report.warning(
                row.line,
                _("bokföringsdatum {0} ligger utanför räkenskapsåren (FiscalYear)").format(
                    row.date.isoformat()
                ),
                "sie-row-date-outside",
            )
