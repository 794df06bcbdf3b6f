"""Voucher blocks: header, rows and checks; the rows are summed by ``fastpath``.

Rows the fast path declines come here (``_slow_row``): parsed in full, checked, added to
Decimal tables. Rows like them that the fast path can read take it from the next row on.

The block rules live here once: a #VER line starts a voucher, ``{`` must follow it, rows
run to ``}`` (or to the next record that is not a row), and a row is kept only when
``vouchers.row_of`` can read it. ``read()`` counts and sums by these rules, and
``iter_vouchers`` streams by them (a ``Sink`` is told the header and each kept row), so
the rows a user exports are the rows that were counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from styra.i18n import _
from styra.sie.amounts import Raw, add, plus, shown, to_raw
from styra.sie.fastpath import FastTables, Lines, Pending, SlowRow
from styra.sie.kernel import Kernel
from styra.sie.lexer import Record, iso_form, parse_date, parse_record
from styra.sie.model import FiscalYear, ObjectList
from styra.sie.numbers import VoucherNumbers
from styra.sie.report import Reporter, note_decimal_comma
from styra.sie.vouchers import Row, RowFields, header_fields, row_fields, row_of

ROW_LABELS = ("#TRANS", "#RTRANS", "#BTRANS")
_VER = (b"#VER ", b"#VER\t")


def starts_voucher(line: bytes) -> bool:
    """A #VER line: the start of a voucher block (for every path that reads them)."""
    return line.lstrip()[:5] in _VER


class Sink(Protocol):
    """Told each #VER record and each row kept, for ``iter_vouchers``."""

    def header(self, record: Record) -> None: ...

    def row(self, label: str, row: Row) -> None: ...


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

    __slots__ = (
        "extra", "left_out", "line", "month", "number", "ore", "rows", "series", "slot",
        "unknown", "year",
    )  # fmt: skip

    def __init__(  # noqa: PLR0917 - built once per voucher on the hot path
        self, line: int, series: str, number: str, month: bytes, slot: int, year: int | None
    ) -> None:
        self.line, self.series, self.number = line, series, number
        self.month, self.slot, self.year = month, slot, year
        self.ore = 0
        self.extra = Decimal(0)
        self.rows = 0
        self.left_out = 0
        """#TRANS rows left out; their amounts are in ``extra`` when they could be read."""
        self.unknown = False
        """A #TRANS row without a readable amount was left out: the sum cannot be checked."""

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
        """Told every record of a block (for #KSUMMA); rows then go through the tokenizer."""
        self.sink: Sink | None = None
        self.kernel: Kernel | None = None
        """The compiled kernel reads on after each voucher Python read (``kernel.py``)."""

    @property
    def slow(self) -> bool:
        """Every row through the tokenizer: someone needs the records."""
        return self.on_record is not None or self.sink is not None

    # -- the block ---------------------------------------------------------------------

    def read_voucher(self, lineno: int, line: bytes, lines: Lines) -> Pending:
        """Read a #VER line and its block, and the vouchers right after it; return the first
        line that is not part of a voucher."""
        pending: Pending = (lineno, line)
        while pending is not None and starts_voucher(pending[1]):
            pending = self.voucher(*pending, lines)
            if pending is None:
                if self.kernel is not None and not self.slow:
                    self._kernel_run(self.kernel)
                pending = next(lines, None)
        return pending

    def _kernel_run(self, kernel: Kernel) -> None:
        vouchers, rows = kernel.run(self)
        self.voucher_count += vouchers
        self.row_count += rows

    # -- what the kernel asks, once per spelling (kernel.Host) --------------------------

    def kernel_day(self, day: bytes) -> tuple[int, int] | None:
        """The month slot and year slot of a voucher date ``_fast_start`` accepts, or None."""
        info = self._days.get(day)
        if info is None:
            info = self._days[day] = self._day_info(day)
        if not info:
            return None
        _month, slot, year = info
        return slot, self.fast.year_slot(year)

    def kernel_prefix(self, prefix: bytes, line: int) -> str | None:
        return self.fast.kernel_prefix(prefix, line)

    def kernel_objects(self, objs: bytes, line: int) -> ObjectList | None:
        return self.fast.kernel_objects(objs, line)

    def kernel_series(self, series: bytes) -> bytearray:
        """The bitmap of a series' numbers, which the kernel sets bits in (ASCII series)."""
        return self.numbers.bits(series.decode("ascii"))

    def kernel_number(self, series: str, number: str) -> bool:
        return self.numbers.add(series, number)

    def voucher(self, lineno: int, line: bytes, lines: Lines) -> Pending:
        """Read one #VER line and its block; return the line after it that is not its own."""
        voucher = None if self.slow else self._fast_start(lineno, line)
        if voucher is None:
            header = parse_record(line.decode(self.encoding, "replace"), lineno)
            if header is None:  # pragma: no cover - the caller saw a #VER label
                return None
            if self.on_record is not None:
                self.on_record(header)
            if self.sink is not None:  # streaming: the checks were read()'s
                self.sink.header(header)
                return self._block(Voucher(lineno, "", "", b"", 0, None), lines)
            voucher = self._start(header)
        pending = self._block(voucher, lines)
        self._finish(voucher)
        return pending

    def _block(self, voucher: Voucher, lines: Lines) -> Pending:
        pending = self._open_brace(voucher, lines)
        return self._rows(voucher, lines) if pending is None else pending

    def _open_brace(self, voucher: Voucher, lines: Lines) -> Pending:
        for lineno, line in lines:
            stripped = line.strip()
            if stripped == b"{":
                return None
            if stripped:
                self.report.error(
                    voucher.line,
                    _(
                        "#VER följs inte av en rad med {; verifikationen läses utan rader och "
                        "rader efter den lämnas utanför"
                    ),
                    "sie-voucher-brace",
                    hint=_("varje #VER ska följas av {, raderna och } på egna rader"),
                )
                return lineno, line
        self.report.error(voucher.line, _("#VER står sist i filen utan rader"), "sie-voucher-brace")
        return None

    def _rows(self, voucher: Voucher, lines: Lines) -> Pending:
        def slow(lineno: int, line: bytes) -> Pending:
            return self._slow_row(voucher, lineno, line)

        if self.slow:
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
        if voucher.unknown:
            return  # the row left out without an amount says what is wrong, once
        self._report_balance(voucher, voucher.balance())

    def _report_balance(self, voucher: Voucher, balance: Decimal) -> None:
        if voucher.rows == 0 and not voucher.left_out:
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
        fields = row_fields(record)
        row = self._row(record, voucher, fields)
        if row is None:
            return None
        if self.sink is not None:  # streaming vouchers: no totals, no second report
            self.sink.row(record.label, row)
            return None
        period = self._row_period(record.text(fields.at + 1), row, voucher)
        if record.label == "#TRANS":
            self._add(voucher, row, period)
        return None

    def _row(self, record: Record, voucher: Voucher, fields: RowFields) -> Row | None:
        """The row as ``row_of`` reads it, its problems told; None when it is left out."""
        if fields.list_missing:
            self.report.warning(
                record.line, _("{0} saknar objektlista {{}}").format(record.label), "sie-row"
            )
        row = row_of(record, fields)
        if row is None:
            self._left_out(record, voucher, fields)
            return None
        text = record.text(fields.at)
        if "," in text:
            note_decimal_comma(self.report, record.line, text, row.amount)
        return row

    def _left_out(self, record: Record, voucher: Voucher, fields: RowFields) -> None:
        self.report.error(
            record.line,
            _("{0} ska ha konto, objektlista och belopp; raden lämnas utanför").format(
                record.label
            ),
            "sie-row",
            hint=_("t.ex. #TRANS 1930 {} -1000.00"),
        )
        if record.label != "#TRANS":
            return
        voucher.left_out += 1
        if fields.amount is None:
            voucher.unknown = True
        else:  # the voucher is checked on all its amounts: this row is reported once
            voucher.extra += fields.amount

    def _row_period(self, text: str, row: Row, voucher: Voucher) -> int:
        """The month a kept #TRANS row counts in: its own date, else the voucher's."""
        text, day = text.strip(), row.date
        if text and day is None:
            self.report.warning(
                row.line,
                _("transaktionsdatum »{0}» är inte ett giltigt datum").format(text),
                "sie-date",
            )
        elif day is not None and iso_form(text):
            self.report.warning(
                row.line,
                _("transaktionsdatum »{0}» är skrivet med bindestreck; SIE kräver ÅÅÅÅMMDD").format(
                    text
                ),
                "sie-date-format",
            )
        if day is None:
            return int(voucher.month) if voucher.month else 0
        if self.years and not any(year.contains(day) for year in self.years.values()):
            self.report_row_date_outside(row.line, day)
        return day.year * 100 + day.month

    def _add(self, voucher: Voucher, row: Row, period: int) -> None:
        totals = self._totals
        raw = to_raw(row.amount)
        add(totals.months, (row.account, period), raw)
        year = year_index(self.years, period) if period else None
        if row.objects and year is not None:
            add(totals.objects, (row.account, row.objects, year), raw)
        totals.account_lines.setdefault(row.account, row.line)
        for pair in row.objects:
            totals.object_lines.setdefault(pair, row.line)
        voucher.extra += row.amount
        voucher.rows += 1
        self.row_count += 1

    # -- handing over --------------------------------------------------------------------

    def totals(self) -> Totals:
        """The totals in Decimal: fast tables and slow ones merged (once)."""
        totals = self._totals
        if self._handed_over:
            return totals
        self._handed_over = True
        slow_months, slow_objects = totals.months, totals.objects
        months: dict[tuple[str, int], Raw] = {}
        objects: dict[tuple[str, ObjectList, int], Raw] = {}
        if self.kernel is not None:
            months, objects = self.kernel.totals(self.fast.months, self.fast.years)  # type: ignore[assignment]
        totals.months = merged(self.fast.month_totals(), slow_months, months)
        totals.objects = merged(self.fast.object_totals(), slow_objects, objects)
        accounts, pairs_used = self.fast.first_lines()
        for account, line in accounts.items():
            totals.account_lines[account] = min(line, totals.account_lines.get(account, line))
        for pair, line in pairs_used.items():
            totals.object_lines[pair] = min(line, totals.object_lines.get(pair, line))
        return totals


K = TypeVar("K")


def merged(
    fast: Iterator[tuple[K, int]], slow: dict[K, Raw], table: dict[K, Raw] | None = None
) -> dict[K, Raw]:
    """Fast totals with the slow ones, added to ``table`` (the kernel's, none of them zero);
    a total of zero is not listed, however it came about."""
    table = {} if table is None else table
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
    series, number, day, at = header_fields(header)
    if at == 2:
        report.warning(
            header.line,
            _("#VER saknar verifikationsserie; fälten har tolkats som nummer och datum"),
            "sie-voucher-series",
        )
    return series, number, day


def _voucher_date(header: Record, text: str, report: Reporter) -> date | None:
    text = text.strip()
    day = parse_date(text)
    if day is not None and iso_form(text):
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
