"""The records outside vouchers: identification, chart of accounts, dimensions, balances.

One handler per label; each checks its fields and reports in Swedish. Unknown labels are
ignored without a word, as the standard requires (§7.1); extra fields are ignored (§7.3).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from styra.i18n import _
from styra.sie.lexer import (
    Record,
    iso_form,
    pairs,
    parse_amount,
    parse_date,
    parse_int,
    parse_period,
)
from styra.sie.model import (
    Account,
    Dimension,
    FiscalYear,
    Identification,
    MonthAccountObjects,
    ObjectList,
    YearAccount,
    YearAccountObjects,
)
from styra.sie.report import Reporter, note_decimal_comma

_ORGNR = re.compile(r"\d{6}-\d{4}")
_ACCOUNT_TYPES = frozenset({"T", "S", "K", "I"})
BALANCE_LABELS = frozenset({"#IB", "#UB", "#RES", "#OIB", "#OUB"})
IDENTIFYING_LABELS = ("#FLAGGA", "#SIETYP", "#FORMAT", "#PROGRAM")
"""A SIE file has at least one of these (or accounts, or vouchers); other text has none."""
EXPECTED_LABELS = ("#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN")
"""Identification records every SIE file should have (§11); each missing one is warned."""
SIE_LABELS = frozenset(
    {*IDENTIFYING_LABELS, "#KONTO", "#KTYP", "#ENHET", "#SRU", "#PSALDO", "#PBUDGET"}
    | BALANCE_LABELS
)


@dataclass
class Header:
    """Identification and chart of accounts as they accumulate while reading."""

    company: str = ""
    org_number: str = ""
    sie_type: str = ""
    identification: Identification = field(default_factory=Identification)
    years: dict[int, FiscalYear] = field(default_factory=dict)
    year_lines: dict[int, int] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    labels_seen: set[str] = field(default_factory=set)


@dataclass
class Balances:
    """Balance records keyed like the document, with the line of each (for the checks)."""

    opening: dict[YearAccount, Decimal] = field(default_factory=dict)
    closing: dict[YearAccount, Decimal] = field(default_factory=dict)
    results: dict[YearAccount, Decimal] = field(default_factory=dict)
    object_opening: dict[YearAccountObjects, Decimal] = field(default_factory=dict)
    object_closing: dict[YearAccountObjects, Decimal] = field(default_factory=dict)
    periods: dict[MonthAccountObjects, Decimal] = field(default_factory=dict)
    budgets: dict[MonthAccountObjects, Decimal] = field(default_factory=dict)
    lines: dict[tuple[str, int, str], int] = field(default_factory=dict)
    """(label, year, account) → line of the record, for reconciliation problems."""
    account_lines: dict[str, int] = field(default_factory=dict)
    """First line where each account is used in a balance record."""
    object_lines: dict[tuple[str, str], int] = field(default_factory=dict)


class RecordReader:
    """Applies the records outside vouchers to a Header and Balances."""

    def __init__(self, report: Reporter) -> None:
        self.report = report
        self.header = Header()
        self.balances = Balances()
        self._handlers: dict[str, Callable[[Record], None]] = {
            "#FLAGGA": self._flag,
            "#PROGRAM": self._program,
            "#FORMAT": self._format,
            "#GEN": self._generated,
            "#SIETYP": self._sie_type,
            "#PROSA": lambda r: self._ident(r, comment=r.text(0)),
            "#FTYP": lambda r: self._ident(r, company_type=r.text(0)),
            "#FNR": lambda r: self._ident(r, fnr=r.text(0)),
            "#BKOD": lambda r: self._ident(r, industry_code=r.text(0)),
            "#KPTYP": lambda r: self._ident(r, chart_type=r.text(0)),
            "#VALUTA": lambda r: self._ident(r, currency=r.text(0)),
            "#ADRESS": self._address,
            "#ORGNR": self._org_number,
            "#FNAMN": self._company,
            "#RAR": self._year,
            "#TAXAR": self._tax_year,
            "#OMFATTN": self._covered,
            "#KONTO": self._account,
            "#KTYP": self._account_type,
            "#ENHET": self._unit,
            "#SRU": self._sru,
            "#DIM": self._dimension,
            "#UNDERDIM": self._dimension,
            "#OBJEKT": self._object,
            "#IB": self._balance,
            "#UB": self._balance,
            "#RES": self._balance,
            "#OIB": self._object_balance,
            "#OUB": self._object_balance,
            "#PSALDO": self._period,
            "#PBUDGET": self._period,
        }

    def add(self, record: Record) -> None:
        self.header.labels_seen.add(record.label)
        handler = self._handlers.get(record.label)
        if handler is not None:
            handler(record)

    # -- identification ------------------------------------------------------------------

    def _ident(self, record: Record, **values: object) -> None:
        current = self.header.identification
        self.header.identification = replace(current, **values)  # type: ignore[arg-type]

    def _flag(self, record: Record) -> None:
        flag = parse_int(record.text(0))
        if flag not in (0, 1):
            self.report.warning(record.line, _("#FLAGGA ska vara 0 eller 1"), "sie-flag")
        self._ident(record, flag=flag or 0)

    def _program(self, record: Record) -> None:
        if not record.text(1):
            self.report.warning(
                record.line, _("#PROGRAM saknar programversion"), "sie-program-version"
            )
        self._ident(record, program=record.text(0), program_version=record.text(1))

    def _format(self, record: Record) -> None:
        self._ident(record, format=record.text(0).strip())
        if record.text(0).upper() != "PC8":
            self.report.warning(
                record.line,
                _("#FORMAT ska vara PC8; kodningen bestäms ändå av filens innehåll"),
                "sie-format",
            )

    def _generated(self, record: Record) -> None:
        generated = self._date(record, 0, "#GEN")
        self._ident(record, generated=generated, generated_by=record.text(1))

    def _sie_type(self, record: Record) -> None:
        value = record.text(0).strip()
        if value not in ("1", "2", "3", "4"):
            self.report.error(
                record.line,
                _("#SIETYP ska vara 1, 2, 3 eller 4, inte »{0}»").format(value),
                "sie-type",
            )
            return
        self.header.sie_type = value

    def _address(self, record: Record) -> None:
        address = (record.text(0), record.text(1), record.text(2), record.text(3))
        self._ident(record, address=address)

    def _org_number(self, record: Record) -> None:
        raw = record.text(0).strip()
        if not raw:
            self.report.warning(record.line, _("#ORGNR saknar organisationsnummer"), "sie-orgnr")
            return
        number = raw
        if len(raw) == 10 and raw.isascii() and raw.isdigit():
            number = f"{raw[:6]}-{raw[6:]}"
            self.report.warning(
                record.line,
                _("organisationsnumret »{0}» saknar bindestreck; läst som {1}").format(raw, number),
                "sie-orgnr-hyphen",
            )
        if not _ORGNR.fullmatch(number):
            self.report.warning(
                record.line,
                _("organisationsnumret »{0}» har inte formen NNNNNN-NNNN").format(raw),
                "sie-orgnr",
            )
        self.header.org_number = number

    def _company(self, record: Record) -> None:
        # Some exporters leave a multi-word name unquoted: keep the whole rest of the line.
        name = " ".join(value for value in record.fields if isinstance(value, str))
        if not name.strip():
            self.report.warning(record.line, _("#FNAMN saknar företagsnamn"), "sie-company")
        self.header.company = name

    def _year(self, record: Record) -> None:
        index = parse_int(record.text(0))
        if index is None or index > 0:
            self.report.error(
                record.line, _("#RAR har inget giltigt årsnummer (0, -1, -2 …)"), "sie-year"
            )
            return
        start = self._date(record, 1, "#RAR", _("startdatum"))
        end = self._date(record, 2, "#RAR", _("slutdatum"))
        if start is None or end is None:
            return
        if end < start:
            self.report.error(record.line, _("#RAR slutar före sin början"), "sie-year")
            return
        self.header.years[index] = FiscalYear(start, end)
        self.header.year_lines[index] = record.line

    def _tax_year(self, record: Record) -> None:
        value = record.text(0).strip()
        year = parse_int(value)
        if year is None or not 1900 <= year <= 2999 or record.has(1):
            self.report.warning(
                record.line,
                _("#TAXAR ska bara innehålla ett årtal, inte »{0}»").format(
                    " ".join(record.text(i) for i in range(len(record.fields)))
                ),
                "sie-tax-year",
            )
        if year is not None and 1900 <= year <= 2999:
            self._ident(record, tax_year=year)

    def _covered(self, record: Record) -> None:
        self._ident(record, covered_until=self._date(record, 0, "#OMFATTN"))

    # -- chart of accounts ---------------------------------------------------------------

    def _account(self, record: Record) -> None:
        number = self._account_number(record, 0)
        if number is None:
            return
        existing = self.header.accounts.get(number)
        account = Account(number, record.text(1))
        if existing is not None:
            account = replace(existing, name=record.text(1))
        self.header.accounts[number] = account

    def _account_type(self, record: Record) -> None:
        number = self._account_number(record, 0)
        kind = record.text(1).strip().upper()
        if number is None:
            return
        if kind not in _ACCOUNT_TYPES:
            self.report.warning(
                record.line,
                _("#KTYP för konto {0} ska vara T, S, K eller I").format(number),
                "sie-account-type",
            )
            return
        self._update_account(number, record.line, type=kind)

    def _unit(self, record: Record) -> None:
        number = self._account_number(record, 0)
        if number is not None:
            self._update_account(number, record.line, unit=record.text(1))

    def _sru(self, record: Record) -> None:
        number = self._account_number(record, 0)
        code = record.text(1).strip()
        if number is None:
            return
        if not code:
            self.report.warning(
                record.line, _("#SRU för konto {0} saknar SRU-kod").format(number), "sie-sru"
            )
            return
        existing = self.header.accounts.get(number)
        sru = (existing.sru if existing else ()) + (code,)
        self._update_account(number, record.line, sru=sru)

    def _update_account(self, number: str, line: int, **values: object) -> None:
        account = self.header.accounts.get(number)
        if account is None:
            self.report.warning(
                line,
                _("konto {0} beskrivs men har inte deklarerats med #KONTO före").format(number),
                "sie-account-order",
            )
            return
        self.header.accounts[number] = Account(
            number,
            account.name,
            str(values.get("type", account.type)),
            str(values.get("unit", account.unit)),
            values.get("sru", account.sru),  # type: ignore[arg-type]
        )

    def _dimension(self, record: Record) -> None:
        number = record.text(0).strip()
        if not number:
            self.report.error(
                record.line, _("{0} saknar dimensionsnummer").format(record.label), "sie-dimension"
            )
            return
        parent = record.text(2).strip() if record.label == "#UNDERDIM" else ""
        self.header.dimensions[number] = Dimension(number, record.text(1), parent)

    def _object(self, record: Record) -> None:
        dimension, obj = record.text(0).strip(), record.text(1)
        if not dimension or not obj:
            self.report.error(
                record.line, _("#OBJEKT saknar dimension eller objektkod"), "sie-object"
            )
            return
        if (dimension, obj) in self.header.objects:
            self.report.warning(
                record.line,
                _("objekt {1} i dimension {0} deklareras mer än en gång").format(dimension, obj),
                "sie-object-duplicate",
            )
        self.header.objects[(dimension, obj)] = record.text(2)

    # -- balances ------------------------------------------------------------------------

    def _balance(self, record: Record) -> None:
        year = self._year_index(record)
        account = self._account_number(record, 1)
        amount = self._amount(record, 2)
        if year is None or account is None or amount is None:
            return
        table = {
            "#IB": self.balances.opening,
            "#UB": self.balances.closing,
            "#RES": self.balances.results,
        }[record.label]
        table[(year, account)] = table.get((year, account), Decimal(0)) + amount
        self.balances.lines.setdefault((record.label, year, account), record.line)
        self.balances.account_lines.setdefault(account, record.line)

    def _object_balance(self, record: Record) -> None:
        year = self._year_index(record)
        account = self._account_number(record, 1)
        objects = self._objects(record, 2)
        amount = self._amount(record, 3 if record.objects(2) is not None else 2)
        if year is None or account is None or objects is None or amount is None:
            return
        table = self.balances.object_opening
        if record.label == "#OUB":
            table = self.balances.object_closing
        key = (year, account, objects)
        table[key] = table.get(key, Decimal(0)) + amount
        self.balances.account_lines.setdefault(account, record.line)

    def _period(self, record: Record) -> None:
        record = self._swap_period(record)
        period = parse_period(record.text(1))
        if period is None:
            self.report.error(
                record.line,
                _("{0} har ingen giltig period (ÅÅÅÅMM): »{1}»").format(
                    record.label, record.text(1)
                ),
                "sie-period",
            )
            return
        account = self._account_number(record, 2)
        objects = self._objects(record, 3)
        amount = self._amount(record, 4 if record.objects(3) is not None else 3)
        if account is None or objects is None or amount is None:
            return
        table = self.balances.periods if record.label == "#PSALDO" else self.balances.budgets
        key = (period, account, objects)
        table[key] = table.get(key, Decimal(0)) + amount
        self.balances.account_lines.setdefault(account, record.line)

    def _swap_period(self, record: Record) -> Record:
        """Some exports write the account before the period; take them as meant."""
        if parse_period(record.text(1)) is None and parse_period(record.text(2)) is not None:
            self.report.once(
                record.line,
                _("{0}: kontot står före perioden; fälten har tolkats i omvänd ordning").format(
                    record.label
                ),
                "sie-period-order",
            )
            fields = list(record.fields)
            fields[1], fields[2] = fields[2], fields[1]
            return Record(record.label, tuple(fields), record.line)
        return record

    # -- field helpers -------------------------------------------------------------------

    def _account_number(self, record: Record, index: int) -> str | None:
        number = record.text(index).strip()
        if not number:
            self.report.error(
                record.line, _("{0} saknar kontonummer").format(record.label), "sie-account"
            )
            return None
        if record.label == "#KONTO":
            self._account_form(record.line, number)
        return number

    def _account_form(self, line: int, number: str) -> None:
        if not (number.isascii() and number.isdigit()):
            message = _("kontonumret »{0}» är inte numeriskt")
        elif len(number) < 4:
            message = _("kontonumret »{0}» har färre än fyra siffror")
        elif len(number) > 6:
            message = _("kontonumret »{0}» har fler än sex siffror")
        else:
            return
        self.report.warning(line, message.format(number), "sie-account-number")

    def _year_index(self, record: Record) -> int | None:
        index = parse_int(record.text(0))
        if index is None or index > 0:
            self.report.error(
                record.line,
                _("{0} har inget giltigt årsnummer: »{1}»").format(record.label, record.text(0)),
                "sie-year-index",
            )
            return None
        return index

    def _amount(self, record: Record, index: int) -> Decimal | None:
        amount = parse_amount(record.text(index))
        if amount is not None:
            note_decimal_comma(self.report, record.line, record.text(index), amount)
        else:
            self.report.error(
                record.line,
                _("{0} har inget giltigt belopp: »{1}»").format(record.label, record.text(index)),
                "sie-amount",
                hint=_("belopp skrivs med punkt som decimaltecken, t.ex. -1234.50"),
            )
        return amount

    def _objects(self, record: Record, index: int) -> ObjectList | None:
        values = record.objects(index)
        if values is None and parse_amount(record.text(index)) is not None:
            self.report.once(
                record.line,
                _("{0} saknar objektlista; raden har lästs som {{}}").format(record.label),
                "sie-object-list-missing",
            )
            return ()
        found = pairs(values) if values is not None else None
        if found is None:
            self.report.error(
                record.line,
                _("{0} saknar en giltig objektlista {{dimension objekt …}}").format(record.label),
                "sie-object-list",
            )
            return None
        for pair in found:
            self.balances.object_lines.setdefault(pair, record.line)
        return found

    def _date(self, record: Record, index: int, label: str, what: str = "") -> date | None:
        text = record.text(index)
        found = parse_date(text)
        what = what or _("datum")
        if found is None:
            self.report.warning(
                record.line,
                _("{0}: {1} »{2}» är inte ett giltigt datum (ÅÅÅÅMMDD)").format(label, what, text),
                "sie-date",
            )
        elif iso_form(text):
            self.report.warning(
                record.line,
                _("{0}: {1} »{2}» är skrivet med bindestreck; SIE kräver ÅÅÅÅMMDD").format(
                    label, what, text.strip()
                ),
                "sie-date-format",
            )
        return found
