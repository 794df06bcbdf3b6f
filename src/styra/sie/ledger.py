"""Voucher blocks: header, rows and checks; the rows are summed by ``fastpath``.

Rows the fast path declines come here (``_slow_row``): parsed in full, checked, added to
Decimal tables. Rows like them that the fast path can read take it from the next row on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from styra.i18n import _
from styra.sie.amounts import Raw, add, plus, shown, to_raw
from styra.sie.fastpath import FastTables, Lines, Pending, SlowRow
from styra.sie.lexer import (
    Record,
    pairs,
    parse_amount,
    parse_date,
    parse_record,
)
from styra.sie.model import FiscalYear, ObjectList
from styra.sie.numbers import VoucherNumbers
from styra.sie.report import Reporter

ROW_LABELS = ("#TRANS", "#RTRANS", "#BTRANS")
_VER = (b"#VER ", b"#VER\t")
_HUNDRED = Decimal(100)


def year_index(years: dict[int, FiscalYear], period: int) -> int | None:
    """The fiscal year index holding a YYYYMM period; 0 when the file has no #RAR."""
    if not years:
        return 0
    for index, year in years.items():
        if year.contains_month(period):
            return index
    return None


class Voucher:
    """The voucher being read: only what the checks need (a plain class: one per #VER)."""

    __slots__ = ("extra", "line", "month", "number", "ore", "rows", "series", "slot", "year")

    def __init__(  # noqa: PLR0917 - built once per voucher on the hot path
        self, line: int, series: str, number: str, month: bytes, slot: int, year: int | None
    ) -> None:
        self.line, self.series, self.number = line, series, number
        self.month, self.slot, self.year = month, slot, year
        self.ore = 0
        self.extra = Decimal(0)
        self.rows = 0

    def balance(self) -> Decimal:
        if not self.ore and not self.extra:
            return self.extra
        return Decimal(self.ore).scaleb(-2) + self.extra


@dataclass
class Totals:
    """What the ledger hands to the document, in Decimal, keyed by strings."""

    months: dict[tuple[str, int], Raw] = field(default_factory=dict)
    objects: dict[tuple[str, ObjectList, int], Raw] = field(default_factory=dict)
    account_lines: dict[str, int] = field(default_factory=dict)
    object_lines: dict[tuple[str, str], int] = field(default_factory=dict)


class Ledger:
    """Reads voucher blocks and keeps their totals; see the module docstring."""

    def __init__(self, report: Reporter, encoding: str, years: dict[int, FiscalYear]) -> None:
        self.report = report
        self.encoding = encoding
        self.years = years
        self.voucher_count = 0
        self.row_count = 0
        self.numbers = VoucherNumbers()
        self.fast = FastTables(encoding)
        self._days: dict[bytes, tuple[bytes, int, int | None] | tuple[()]] = {}
        self._totals = Totals()
        self._handed_over = False
        self.on_record: Callable[[Record], None] | None = None

    # -- the block ---------------------------------------------------------------------

    def read_voucher(self, lineno: int, line: bytes, lines: Lines) -> Pending:
        """Read a #VER line and its block, and the vouchers right after it; return the first
        line that is not part of a voucher."""
        pending: Pending = (lineno, line)
        while pending is not None and pending[1].lstrip()[:5] in _VER:
            pending = self._voucher(*pending, lines)
            if pending is None:
                pending = next(lines, None)
        return pending

    def _voucher(self, lineno: int, line: bytes, lines: Lines) -> Pending:
        voucher = self._fast_start(lineno, line) if self.on_record is None else None
        if voucher is None:
            header = parse_record(line.decode(self.encoding, "replace"), lineno)
            if header is None:  # pragma: no cover - the caller saw a #VER label
                return None
            if self.on_record is not None:
                self.on_record(header)
            voucher = self._start(header)
        pending = self._open_brace(voucher, lines)
        if pending is None:
            pending = self._rows(voucher, lines)
        self._finish(voucher)
        return pending

    def _open_brace(self, voucher: Voucher, lines: Lines) -> Pending:
        for lineno, line in lines:
            stripped = line.strip()
            if stripped == b"{":
                return None
            if stripped:
                self.report.error(
                    voucher.line, _("#VER följs inte av en rad med {"), "sie-voucher-brace"
                )
                return lineno, line
        self.report.error(voucher.line, _("#VER står sist i filen utan rader"), "sie-voucher-brace")
        return None

    def _rows(self, voucher: Voucher, lines: Lines) -> Pending:
        def slow(lineno: int, line: bytes) -> Pending:
            return self._slow_row(voucher, lineno, line)

        if self.on_record is not None:
            ore, rows, pending, closed = _all_slow(lines, slow)
        else:
            yslot = self.fast.year_slot(voucher.year)
            self.fast.voucher_line = voucher.line
            ore, rows, pending, closed = self.fast.rows(
                lines, voucher.slot, yslot, voucher.month, slow
            )
        if not closed:
            self.report.error(
                voucher.line, _("verifikationen avslutas inte med }"), "sie-voucher-brace"
            )
        voucher.ore += ore
        voucher.rows += rows
        self.row_count += rows
        return pending

    # -- voucher header and end --------------------------------------------------------

    def start_line(self, lineno: int, line: bytes) -> Record | None:
        """The #VER record for a raw line, parsed in full only when the fast split fails."""
        text = line.decode(self.encoding, "replace")
        return parse_record(text, lineno)

    def _fast_start(self, lineno: int, line: bytes) -> Voucher | None:
        """A plain #VER line with a known good date: no tokenizer, no date parsing."""
        parts = line.split(None, 4)
        if len(parts) < 4 or parts[0] != b"#VER":
            return None
        enc = self.encoding
        series, number, day = _plain(parts[1], enc), _plain(parts[2], enc), parts[3]
        if series is None or number is None:
            return None
        info = self._days.get(day)
        if info is None:
            info = self._days[day] = self._day_info(day)
        if not info or not self.numbers.add(series, number):
            return None  # the full path reports what is wrong
        self.voucher_count += 1
        return Voucher(lineno, series, number, *info)

    def _day_info(self, day: bytes) -> tuple[bytes, int, int | None] | tuple[()]:
        found = parse_date(day.decode("ascii", "replace")) if len(day) == 8 else None
        years = self.years.values()
        if found is None or (years and not any(y.contains(found) for y in years)):
            return ()
        period = found.year * 100 + found.month
        return day[:6], self.fast.month_slot(period), year_index(self.years, period)

    def _start(self, header: Record) -> Voucher:
        series, number, day_text = _voucher_fields(header, self.report)
        if not self.numbers.add(series, number):
            self.report_duplicate(header.line, series, number)
        month = self._voucher_month(header, day_text)
        period = int(month) if month else 0
        slot = self.fast.month_slot(period)
        year = year_index(self.years, period) if period else None
        self.voucher_count += 1
        return Voucher(header.line, series, number, month, slot, year)

    def _voucher_month(self, header: Record, text: str) -> bytes:
        day = _voucher_date(header, text, self.report)
        if day is None:
            return b""
        if self.years and not any(year.contains(day) for year in self.years.values()):
            self.report_date_outside(header.line, day)
        return f"{day.year:04d}{day.month:02d}".encode()

    def _finish(self, voucher: Voucher) -> None:
        if voucher.rows and not voucher.ore and not voucher.extra:
            return
        self._report_balance(voucher, voucher.balance())

    def report_balance(self, line: int, series: str, number: str, rows: int, ore: int) -> None:
        """An empty or unbalanced voucher (from the columnar path: öre only)."""
        voucher = Voucher(line, series, number, b"", 0, None)
        voucher.rows, voucher.ore = rows, ore
        self._finish(voucher)

    def _report_balance(self, voucher: Voucher, balance: Decimal) -> None:
        if voucher.rows == 0:
            self.report.warning(
                voucher.line,
                _("verifikation {0} {1} saknar transaktionsrader").format(
                    voucher.series, voucher.number
                ),
                "sie-voucher-empty",
            )
        if balance:
            self.report.error(
                voucher.line,
                _("verifikation {0} {1} är inte balanserad: summan är {2}, inte 0").format(
                    voucher.series, voucher.number, shown(balance)
                ),
                "sie-voucher-unbalanced",
                hint=_("debet och kredit i en verifikation ska vara lika stora"),
            )

    def report_duplicate(self, line: int, series: str, number: str) -> None:
        self.report.warning(
            line,
            _("verifikationsnummer {0} {1} förekommer mer än en gång").format(series, number),
            "sie-voucher-duplicate",
        )

    def report_date_outside(self, line: int, day: date) -> None:
        self.report.warning(
            line,
            _("verifikationsdatum {0} ligger utanför räkenskapsåren i #RAR").format(
                day.isoformat()
            ),
            "sie-voucher-date-outside",
        )

    def report_row_date_outside(self, line: int, day: date) -> None:
        self.report.warning(
            line,
            _("transaktionsdatum {0} ligger utanför räkenskapsåren i #RAR").format(day.isoformat()),
            "sie-row-date-outside",
        )

    # -- the slow path -----------------------------------------------------------------

    def _slow_row(self, voucher: Voucher, lineno: int, line: bytes) -> tuple[int, bytes] | None:
        """A row the fast path declined; returns the line when it ends the block."""
        record = parse_record(line.decode(self.encoding, "replace"), lineno)
        if record is None:
            if line.strip() not in (b"", b"{"):
                self.report.warning(lineno, _("raden saknar etikett och hoppas över"), "sie-junk")
            return None
        if record.label not in ROW_LABELS:
            self.report.error(
                voucher.line, _("verifikationen avslutas inte med }"), "sie-voucher-brace"
            )
            return lineno, line
        if self.on_record is not None:
            self.on_record(record)
        row = self._row(record, voucher)
        if row is None and record.label == "#TRANS" and parse_amount(record.text(2)):
            self.row_count += 1  # a row with an amount is counted, though it adds nothing
        if row is not None and record.label == "#TRANS":
            self._add(voucher, record.line, row)
        return None

    def _row(self, record: Record, voucher: Voucher) -> tuple[str, ObjectList, Decimal, int] | None:
        account = record.text(0).strip()
        objects = record.objects(1)
        amount_at = 2
        if objects is None and parse_amount(record.text(1)) is not None:
            self.report.warning(
                record.line, _("{0} saknar objektlista {{}}").format(record.label), "sie-row"
            )
            objects, amount_at = (), 1
        found = pairs(objects) if objects is not None else None
        amount = parse_amount(record.text(amount_at))
        if not account or found is None or amount is None:
            self.report.error(
                record.line,
                _("{0} ska ha konto, objektlista och belopp").format(record.label),
                "sie-row",
                hint=_("t.ex. #TRANS 1930 {} -1000.00"),
            )
            return None
        return account, found, amount, self._row_period(record, voucher, amount_at + 1)

    def _row_period(self, record: Record, voucher: Voucher, index: int) -> int:
        text = record.text(index).strip()
        day = parse_date(text) if text else None
        if text and day is None:
            self.report.warning(
                record.line,
                _("transaktionsdatum »{0}» är inte ett giltigt datum").format(text),
                "sie-date",
            )
        if day is None:
            return int(voucher.month) if voucher.month else 0
        if self.years and not any(year.contains(day) for year in self.years.values()):
            self.report_row_date_outside(record.line, day)
        return day.year * 100 + day.month

    def _add(self, voucher: Voucher, line: int, row: tuple[str, ObjectList, Decimal, int]) -> None:
        account, objects, amount, period = row
        totals = self._totals
        raw = to_raw(amount)
        add(totals.months, (account, period), raw)
        year = year_index(self.years, period) if period else None
        if objects and year is not None:
            add(totals.objects, (account, objects, year), raw)
        totals.account_lines.setdefault(account, line)
        for pair in objects:
            totals.object_lines.setdefault(pair, line)
        voucher.extra += amount
        voucher.rows += 1
        self.row_count += 1

    # -- handing over --------------------------------------------------------------------

    def absorb(
        self,
        months: dict[tuple[str, int], Raw],
        objects: dict[tuple[str, ObjectList, int], Raw],
        account_lines: dict[str, int],
        object_lines: dict[tuple[str, str], int],
    ) -> None:
        """All the totals, summed elsewhere (the columnar path): keys unique, none zero."""
        self._totals = Totals(months, objects, account_lines, object_lines)
        self._handed_over = True

    def totals(self) -> Totals:
        """The totals in Decimal: fast tables and slow ones merged (once)."""
        totals = self._totals
        if self._handed_over:
            return totals
        self._handed_over = True
        slow_months, slow_objects = totals.months, totals.objects
        totals.months = merged(self.fast.month_totals(), slow_months)
        totals.objects = merged(self.fast.object_totals(), slow_objects)
        accounts, pairs_used = self.fast.first_lines()
        for account, line in accounts.items():
            totals.account_lines[account] = min(line, totals.account_lines.get(account, line))
        for pair, line in pairs_used.items():
            totals.object_lines[pair] = min(line, totals.object_lines.get(pair, line))
        return totals


K = TypeVar("K")


def merged(fast: Iterator[tuple[K, int]], slow: dict[K, Raw]) -> dict[K, Raw]:
    """Fast totals with the slow ones; a total of zero is not listed, however it came about."""
    table: dict[K, Raw] = {}
    touched: list[K] = list(slow)
    for key, cents in fast:
        old = table.get(key)
        if old is None:
            table[key] = cents
        else:  # the same key spelt two ways (spacing, quotes)
            table[key] = plus(old, cents)
            touched.append(key)
    for key, value in slow.items():
        add(table, key, value)
    for key in touched:
        if key in table and not table[key]:
            del table[key]
    return table


def _all_slow(lines: Lines, slow: SlowRow) -> tuple[int, int, Pending, bool]:
    """Every row through the tokenizer: needed while #KSUMMA sums the records."""
    for lineno, line in lines:
        if line.strip() == b"}":
            return 0, 0, None, True
        pending = slow(lineno, line)
        if pending is not None:
            return 0, 0, pending, False
    return 0, 0, None, False


def _plain(field: bytes, encoding: str) -> str | None:
    """A field without inner quotes or backslashes, unquoted; None when it needs the lexer."""
    if field[:1] == b'"':
        inner = field[1:-1]
        if len(field) < 2 or field[-1:] != b'"' or b'"' in inner or b"\\" in inner:
            return None
        return inner.decode(encoding, "replace")
    if b'"' in field or b"\\" in field:
        return None
    return field.decode(encoding, "replace")


def _voucher_fields(header: Record, report: Reporter) -> tuple[str, str, str]:
    """Series, number and date text; repairs a series that was left out (Sie4j sample)."""
    series, number, day = header.text(0).strip(), header.text(1).strip(), header.text(2)
    if parse_date(day) is None and parse_date(number) is not None and series:
        report.warning(
            header.line,
            _("#VER saknar verifikationsserie; fälten har tolkats som nummer och datum"),
            "sie-voucher-series",
        )
        return "", series, number
    return series, number, day


def _voucher_date(header: Record, text: str, report: Reporter) -> date | None:
    text = text.strip()
    day = parse_date(text)
    if day is not None and len(text) == 10:
        report.warning(
            header.line,
            _("verifikationsdatum »{0}» är skrivet med bindestreck; SIE kräver ÅÅÅÅMMDD").format(
                text
            ),
            "sie-date-format",
        )
    elif day is None and len(text) == 6 and parse_date("20" + text) is not None:
        day = parse_date("20" + text)
        report.warning(
            header.line,
            _("verifikationsdatum »{0}» har sex siffror; tolkat som 20{0}").format(text),
            "sie-date-format",
        )
    elif day is None:
        message = (
            _("verifikationsdatum saknas")
            if not text
            else _("verifikationsdatum »{0}» är inte ett giltigt datum (ÅÅÅÅMMDD)").format(text)
        )
        report.error(header.line, message, "sie-voucher-date")
    return day
