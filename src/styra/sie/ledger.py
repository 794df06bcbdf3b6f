"""Voucher blocks, aggregated as they stream past: the hot path of the reader.

A million #TRANS rows must not become a million objects. Each row is split at the byte
level and its amount added, as integer öre, to a list slot per (row prefix, month) and to a
dict per (row prefix with objects, fiscal year). Prefixes such as ``b"   #TRANS 1930 "`` are
few (accounts × spellings), so they are parsed properly once, when first seen; any row the
fast path cannot vouch for (quotes, odd amounts, a date in another month, #RTRANS) goes
through the full tokenizer instead. Decimal is used only when the totals are handed over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from styra.i18n import _
from styra.sie.lexer import (
    Record,
    pairs,
    parse_amount,
    parse_date,
    parse_record,
    split_fields,
)
from styra.sie.model import FiscalYear, ObjectList
from styra.sie.numbers import VoucherNumbers
from styra.sie.report import Reporter

Lines = Iterator[tuple[int, bytes]]
ROW_LABELS = ("#TRANS", "#RTRANS", "#BTRANS")
_HUNDRED = Decimal(100)


def year_index(years: dict[int, FiscalYear], period: int) -> int | None:
    """The fiscal year index holding a YYYYMM period; 0 when the file has no #RAR."""
    if not years:
        return 0
    for index, year in years.items():
        if year.contains_month(period):
            return index
    return None


@dataclass
class Voucher:
    """The voucher being read: only what the checks need."""

    line: int
    series: str
    number: str
    month: bytes
    slot: int
    year: int | None
    ore: int = 0
    extra: Decimal = Decimal(0)
    rows: int = 0

    def balance(self) -> Decimal:
        return Decimal(self.ore) / _HUNDRED + self.extra


@dataclass
class Totals:
    """What the ledger hands to the document, in Decimal, keyed by strings."""

    months: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    objects: dict[tuple[str, ObjectList, int], Decimal] = field(default_factory=dict)
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
        # Fast tables: prefix → öre per month slot; (prefix+objects) → öre, per year.
        self._months: dict[bytes, list[int] | None] = {}
        self._month_slots: dict[bytes, int] = {}
        self._objects: dict[int | None, dict[bytes, int | None]] = {}
        self._prefix_account: dict[bytes, str] = {}
        self._head_objects: dict[bytes, ObjectList | None] = {}
        self._totals = Totals()
        self._handed_over = False
        self.on_record: Callable[[Record], None] | None = None

    # -- the block ---------------------------------------------------------------------

    def read_block(self, header: Record, lines: Lines) -> tuple[int, bytes] | None:
        """Read the #VER record's block from ``lines``; return a line it did not consume."""
        voucher = self._start(header)
        pending = self._open_brace(voucher, lines)
        if pending is not None:
            self._finish(voucher)
            return pending
        pending = self._rows(voucher, lines)
        self._finish(voucher)
        return pending

    def _open_brace(self, voucher: Voucher, lines: Lines) -> tuple[int, bytes] | None:
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

    def _rows(self, voucher: Voucher, lines: Lines) -> tuple[int, bytes] | None:
        if self.on_record is not None:
            return self._rows_slow(voucher, lines)
        months, slot, vmonth = self._months, voucher.slot, voucher.month
        objects = self._objects.setdefault(voucher.year, {})
        ore = rows = 0
        pending = None
        for lineno, line in lines:
            head, _brace, tail = line.partition(b"}")
            prefix, brace, objs = head.partition(b"{")
            if brace:
                fields = tail.split(None, 2)
                try:
                    amount = fields[0]
                    if amount[-3:-2] == b".":
                        cents = int(amount[:-3] + amount[-2:])
                    else:
                        cents = int(amount) * 100
                    if len(fields) > 1 and fields[1][:6] != vmonth and fields[1] != b'""':
                        raise LookupError
                    row = months[prefix]
                    old = row[slot]  # type: ignore[index]
                    if objs:
                        objects[head] = objects[head] + cents  # type: ignore[operator]
                    row[slot] = old + cents  # type: ignore[index]
                    ore += cents
                    rows += 1
                    continue
                except (LookupError, TypeError, ValueError):
                    pass
            elif line.strip() == b"}":
                break
            pending = self._slow_row(voucher, lineno, line)
            if pending is not None:
                break
        else:
            self.report.error(
                voucher.line, _("verifikationen avslutas inte med }"), "sie-voucher-brace"
            )
        voucher.ore += ore
        voucher.rows += rows
        self.row_count += rows
        return pending

    def _rows_slow(self, voucher: Voucher, lines: Lines) -> tuple[int, bytes] | None:
        for lineno, line in lines:
            if line.strip() == b"}":
                return None
            pending = self._slow_row(voucher, lineno, line)
            if pending is not None:
                return pending
        self.report.error(
            voucher.line, _("verifikationen avslutas inte med }"), "sie-voucher-brace"
        )
        return None

    # -- voucher header and end --------------------------------------------------------

    def start_line(self, lineno: int, line: bytes) -> Record | None:
        """The #VER record for a raw line, parsed in full only when the fast split fails."""
        text = line.decode(self.encoding, "replace")
        return parse_record(text, lineno)

    def _start(self, header: Record) -> Voucher:
        series, number, day_text = _voucher_fields(header, self.report)
        if not self.numbers.add(series, number):
            self.report.warning(
                header.line,
                _("verifikationsnummer {0} {1} förekommer mer än en gång").format(series, number),
                "sie-voucher-duplicate",
            )
        month = self._voucher_month(header, day_text)
        slot = self._month_slots.get(month)
        if slot is None:
            slot = self._month_slots[month] = len(self._month_slots)
        period = int(month) if month else 0
        year = year_index(self.years, period) if period else None
        self.voucher_count += 1
        return Voucher(header.line, series, number, month, slot, year)

    def _voucher_month(self, header: Record, text: str) -> bytes:
        day = _voucher_date(header, text, self.report)
        if day is None:
            return b""
        if self.years and not any(year.contains(day) for year in self.years.values()):
            self.report.warning(
                header.line,
                _("verifikationsdatum {0} ligger utanför räkenskapsåren i #RAR").format(
                    day.isoformat()
                ),
                "sie-voucher-date-outside",
            )
        return f"{day.year:04d}{day.month:02d}".encode()

    def _finish(self, voucher: Voucher) -> None:
        if voucher.rows == 0:
            self.report.warning(
                voucher.line,
                _("verifikation {0} {1} saknar transaktionsrader").format(
                    voucher.series, voucher.number
                ),
                "sie-voucher-empty",
            )
        balance = voucher.balance()
        if balance:
            self.report.error(
                voucher.line,
                _("verifikation {0} {1} är inte balanserad: summan är {2}, inte 0").format(
                    voucher.series, voucher.number, balance
                ),
                "sie-voucher-unbalanced",
                hint=_("debet och kredit i en verifikation ska vara lika stora"),
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
            self._learn(line, row[0], row[1])
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
        return day.year * 100 + day.month

    def _add(self, voucher: Voucher, line: int, row: tuple[str, ObjectList, Decimal, int]) -> None:
        account, objects, amount, period = row
        totals = self._totals
        key = (account, period)
        totals.months[key] = totals.months.get(key, Decimal(0)) + amount
        year = year_index(self.years, period) if period else None
        if objects and year is not None:
            okey = (account, objects, year)
            totals.objects[okey] = totals.objects.get(okey, Decimal(0)) + amount
        totals.account_lines.setdefault(account, line)
        for pair in objects:
            totals.object_lines.setdefault(pair, line)
        voucher.extra += amount
        voucher.rows += 1
        self.row_count += 1

    def _learn(self, line: bytes, account: str, objects: ObjectList) -> None:
        """Let later rows with the same prefix take the fast path."""
        head = line.partition(b"}")[0]
        prefix, brace, objs = head.partition(b"{")
        if not brace:
            return
        row = self._months.get(prefix, [])
        if prefix not in self._months:
            record = parse_record(prefix.decode(self.encoding, "replace"), 0)
            ok = record is not None and record.label == "#TRANS" and record.fields == (account,)
            row = [] if ok else None
            self._months[prefix] = row
            self._prefix_account[prefix] = account
        if row is None or self._prefix_account[prefix] != account:
            return
        row.extend([0] * (len(self._month_slots) - len(row)))
        if objs:
            self._learn_objects(head, objs, objects)

    def _learn_objects(self, head: bytes, objs: bytes, objects: ObjectList) -> None:
        if head not in self._head_objects:
            values = split_fields(objs.decode(self.encoding, "replace"))
            found = pairs(tuple(v for v in values if isinstance(v, str)))
            ok = found == objects and all(isinstance(v, str) for v in values)
            self._head_objects[head] = objects if ok else None
        known = self._head_objects[head] is not None
        for table in self._objects.values():
            table.setdefault(head, 0 if known else None)

    # -- handing over --------------------------------------------------------------------

    def totals(self) -> Totals:
        """The totals in Decimal: fast tables and slow ones merged (once)."""
        totals = self._totals
        if self._handed_over:
            return totals
        self._handed_over = True
        periods = {slot: int(month) if month else 0 for month, slot in self._month_slots.items()}
        for prefix, row in self._months.items():
            if row is None:
                continue
            account = self._prefix_account[prefix]
            for slot, cents in enumerate(row):
                if cents:
                    key = (account, periods[slot])
                    totals.months[key] = totals.months.get(key, Decimal(0)) + _money(cents)
        for year, table in self._objects.items():
            if year is not None:
                self._object_totals(year, table)
        return totals

    def _object_totals(self, year: int, table: dict[bytes, int | None]) -> None:
        totals = self._totals
        for head, cents in table.items():
            objects = self._head_objects.get(head)
            if not cents or not objects:
                continue
            account = self._prefix_account[head.partition(b"{")[0]]
            key = (account, objects, year)
            totals.objects[key] = totals.objects.get(key, Decimal(0)) + _money(cents)


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


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
