"""The elements of a SIE 5 file, read into what the document needs.

One handler per (parent, element) pair that Styra uses: file information, fiscal years,
the chart of accounts with its balances and budgets, dimensions and objects, journals.
Everything else the schema has (invoices, customers, suppliers, fixed assets, documents,
the signature) is passed over, as SIE 4's unknown labels are; so are elements of other
namespaces (vendor extensions). Attribute problems are told at the element's line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from styra.i18n import _
from styra.sie.lexer import MAX_FIELD_BYTES
from styra.sie.model import Account, Dimension, Identification
from styra.sie.report import Reporter
from styra.sie.sie5.journals import Journals, PendingEntry, PendingRow
from styra.sie.sie5.values import parse_day, parse_decimal, parse_month
from styra.sie.sie5.xml import Elements, Stopped
from styra.sie.vouchers import Voucher

SIE5 = "http://www.sie.se/sie5"
DSIG = "http://www.w3.org/2000/09/xmldsig#"
ROOTS = ("Sie", "SieEntry")
ACCOUNT_TYPES = {
    "asset": "T",
    "liability": "S",
    "equity": "S",
    "cost": "K",
    "income": "I",
    "statistics": "",
}
"""SIE 5's account types in SIE 4's #KTYP letters (equity is a liability there)."""
BALANCES = {
    "OpeningBalance": "opening",
    "ClosingBalance": "closing",
    "Budget": "budget",
    "OpeningBalanceMultidim": "opening",
    "ClosingBalanceMultidim": "closing",
    "BudgetMultidim": "budget",
}
OBJECT_HOLDERS = frozenset({"LedgerEntry", *BALANCES})


@dataclass(frozen=True, slots=True)
class FiscalYearFound:
    start: int
    end: int
    primary: bool
    line: int
    covered_until: date | None = None


@dataclass
class BalanceFound:
    """An account's OpeningBalance, ClosingBalance or Budget, resolved once years are known."""

    kind: str
    account: str
    month: int | None
    amount: Decimal
    line: int
    objects: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Found:
    """What the file says, as it accumulates."""

    root: str = ""
    company: str = ""
    org_number: str = ""
    identification: Identification = field(default_factory=Identification)
    years: list[FiscalYearFound] = field(default_factory=list)
    has_fiscal_years: bool = False
    accounts: dict[str, Account] = field(default_factory=dict)
    account_kinds: dict[str, str] = field(default_factory=dict)
    """account → its SIE 5 type (asset, …, income), to tell results from balances."""
    has_accounts: bool = False
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    balances: list[BalanceFound] = field(default_factory=list)
    signed: bool = False
    last_line: int = 1


class Sie5Handler(Elements):
    """SAX events to ``Found`` and ``Journals``; a ``sink`` streams the vouchers instead."""

    def __init__(self, report: Reporter, sink: Callable[[Voucher], None] | None = None) -> None:
        super().__init__()
        self.report = report
        self.found = Found()
        self.journals = Journals(report, sink)
        self.namespace = SIE5
        self._names: list[str] = []
        self._skipping = 0
        self._account: str | None = None
        self._dimension: str | None = None
        self._balance: BalanceFound | None = None
        self.on_first_journal: Callable[[], None] | None = None
        self._starts: dict[tuple[str, str], Callable[[Mapping[str, str], int], None]] = {
            ("FileInfo", "SoftwareProduct"): self._software,
            ("FileInfo", "FileCreation"): self._creation,
            ("FileInfo", "Company"): self._company,
            ("FileInfo", "AccountingCurrency"): self._currency,
            ("FileInfo", "FiscalYears"): self._fiscal_years,
            ("FiscalYears", "FiscalYear"): self._fiscal_year,
            ("Accounts", "Account"): self._account_start,
            ("Dimensions", "Dimension"): self._dimension_start,
            ("Dimension", "Object"): self._object,
            ("JournalEntry", "EntryInfo"): self._entry_info,
            ("JournalEntry", "OriginalEntryInfo"): self._original_info,
            ("JournalEntry", "LedgerEntry"): self._row_start,
            ("LedgerEntry", "Overstrike"): self._overstrike,
            ("Journal", "JournalEntry"): self._entry_start,
        }
        for name in BALANCES:
            self._starts["Account", name] = self._balance_start

    # -- events --------------------------------------------------------------------------

    def start(self, namespace: str, name: str, attrs: Mapping[str, str], line: int) -> None:
        self.found.last_line = line
        if not self._names:
            self._root(namespace, name, line)
        elif self._skipping or namespace != self.namespace:
            self._skipping += 1
            self.found.signed |= namespace == DSIG and name == "Signature" and len(self._names) == 1
            return
        parent = self._names[-1] if self._names else ""
        self._names.append(name)
        attrs = self._bounded(name, attrs, line)
        handler = self._starts.get((parent, name))
        if handler is not None:
            handler(attrs, line)
        elif len(self._names) == 2:
            self._top(name, attrs, line)
        elif name == "ObjectReference" and parent in OBJECT_HOLDERS:
            self._object_reference(attrs, line)

    def end(self, namespace: str, name: str, line: int) -> None:
        self.found.last_line = line
        if self._skipping:
            self._skipping -= 1
            return
        self._names.pop()
        if name == "LedgerEntry":
            self.journals.end_row()
        elif name == "JournalEntry":
            self.journals.end_entry()
        elif name in BALANCES and self._balance is not None:
            self.found.balances.append(self._balance)
            self._balance = None
        elif name == "Account":
            self._account = None

    def _root(self, namespace: str, name: str, line: int) -> None:
        if name not in ROOTS:
            raise Stopped(
                line,
                _("filen är XML men inte SIE 5: dokumentet börjar med <{0}>, inte <Sie> eller "
                  "<SieEntry>").format(name),
                "sie5-not-sie5",
                hint=_("kontrollera att det är en SIE 5-fil"),
            )  # fmt: skip
        self.found.root = name
        if namespace != SIE5:
            self.report.warning(
                line,
                _("<{0}> har namnrymden »{1}», men SIE 5 har »{2}«; filen läses ändå").format(
                    name, namespace or _("(ingen)"), SIE5
                ),
                "sie5-namespace",
                hint=_('SIE 5-filer börjar med <{0} xmlns="{1}">').format(name, SIE5),
            )
        self.namespace = namespace

    def _top(self, name: str, attrs: Mapping[str, str], line: int) -> None:
        if name == "Accounts":
            self.found.has_accounts = True
        elif name == "Journal":
            if self.on_first_journal is not None:
                self.on_first_journal()
                self.on_first_journal = None
            required = self.found.root == "Sie"
            self.journals.journal = self._attr(attrs, "Journal", "id", line, required) or ""

    def _bounded(self, name: str, attrs: Mapping[str, str], line: int) -> Mapping[str, str]:
        """The attributes within the field limit; each one over it is an error."""
        kept = {}
        for key, value in attrs.items():
            size = len(value.encode("utf-8", "surrogatepass"))
            if size <= MAX_FIELD_BYTES:
                kept[key] = value
                continue
            self.report.error(
                line,
                _("attributet {0} i <{1}> är {2} byte långt, men högst {3} byte tillåts; "
                  "det läses inte").format(key, name, size, MAX_FIELD_BYTES),
                "sie-field-too-long",
            )  # fmt: skip
        return kept

    def _attr(
        self, attrs: Mapping[str, str], element: str, name: str, line: int, required: bool = True
    ) -> str | None:
        value = attrs.get(name)
        if value is None and required:
            self.report.error(
                line,
                _("<{0}> saknar attributet {1}").format(element, name),
                "sie5-attribute",
                hint=_("SIE 5-schemat kräver attributet"),
            )
        return value

    # -- file information ----------------------------------------------------------------

    def _ident(self, **values: object) -> None:
        self.found.identification = replace(self.found.identification, **values)  # type: ignore[arg-type]

    def _software(self, attrs: Mapping[str, str], line: int) -> None:
        self._ident(program=attrs.get("name", ""), program_version=attrs.get("version", ""))

    def _creation(self, attrs: Mapping[str, str], line: int) -> None:
        time = attrs.get("time", "")
        day = parse_day(time)
        if time and day is None:
            self._bad_date("FileCreation", "time", time, line)
        self._ident(generated=day, generated_by=attrs.get("by", ""))

    def _company(self, attrs: Mapping[str, str], line: int) -> None:
        self.found.org_number = attrs.get("organizationId", "").strip()
        self.found.company = attrs.get("name", "").strip()

    def _currency(self, attrs: Mapping[str, str], line: int) -> None:
        self._ident(currency=attrs.get("currency", ""))

    def _fiscal_years(self, attrs: Mapping[str, str], line: int) -> None:
        self.found.has_fiscal_years = True

    def _fiscal_year(self, attrs: Mapping[str, str], line: int) -> None:
        start = parse_month(attrs.get("start", ""))
        end = parse_month(attrs.get("end", ""))
        if start is None or end is None:
            self.report.error(
                line,
                _("<FiscalYear> ska ha start och end som ÅÅÅÅ-MM; räkenskapsåret läses inte"),
                "sie-year",
            )
            return
        covered = parse_day(attrs.get("lastCoveredDate", ""))
        primary = attrs.get("primary", "").strip() in ("true", "1")
        self.found.years.append(FiscalYearFound(start, end, primary, line, covered))

    def _bad_date(self, element: str, name: str, text: str, line: int) -> None:
        self.report.error(
            line,
            _("{0} i <{1}> är inte ett giltigt datum: »{2}»").format(name, element, text),
            "sie-date",
            hint=_("SIE 5 skriver datum ÅÅÅÅ-MM-DD"),
        )

    # -- accounts, balances, dimensions --------------------------------------------------

    def _account_start(self, attrs: Mapping[str, str], line: int) -> None:
        number = (self._attr(attrs, "Account", "id", line) or "").strip()
        self._account = number or None
        if not number:
            return
        kind = attrs.get("type", "").strip()
        if number in self.found.accounts:
            self.report.warning(
                line,
                _("konto {0} står två gånger i kontoplanen; det första gäller").format(number),
                "sie-account",
            )
            return
        if not (number.isascii() and number.isdigit()):
            self.report.warning(
                line,
                _("kontonumret »{0}» är inte bara siffror, som SIE 5 kräver").format(number),
                "sie-account-number",
            )
        if kind not in ACCOUNT_TYPES:
            self.report.warning(
                line,
                _("konto {0} har typen »{1}», som SIE 5 inte känner").format(number, kind),
                "sie-account-type",
                hint=_("asset, liability, equity, cost eller income"),
            )
        self.found.account_kinds[number] = kind
        self.found.accounts[number] = Account(
            number, attrs.get("name", ""), ACCOUNT_TYPES.get(kind, ""), attrs.get("unit", "")
        )

    def _balance_start(self, attrs: Mapping[str, str], line: int) -> None:
        name = self._names[-1]
        kind = BALANCES[name]
        self._balance = None
        month_text = self._attr(attrs, name, "month", line, required=kind != "budget")
        amount_text = self._attr(attrs, name, "amount", line)
        if self._account is None or amount_text is None:
            return
        if kind != "budget" and month_text is None:
            return
        month = parse_month(month_text) if month_text is not None else None
        amount = parse_decimal(amount_text)
        if month_text is not None and month is None:
            self.report.error(
                line,
                _("month i <{0}> ska vara ÅÅÅÅ-MM, inte »{1}»; beloppet läses inte").format(
                    name, month_text
                ),
                "sie-period",
            )
        elif amount is None:
            self._bad_amount(name, amount_text, line)
        else:
            self._balance = BalanceFound(kind, self._account, month, amount, line)

    def _bad_amount(self, element: str, text: str, line: int) -> None:
        self.report.error(
            line,
            _("amount i <{0}> är inte ett belopp: »{1}»; beloppet läses inte").format(
                element, text
            ),
            "sie-amount",
            hint=_("t.ex. -1000.00: punkt som decimaltecken, inget tusentalsavgränsande"),
        )

    def _dimension_start(self, attrs: Mapping[str, str], line: int) -> None:
        number = (self._attr(attrs, "Dimension", "id", line) or "").strip()
        self._dimension = number or None
        if number:
            self.found.dimensions[number] = Dimension(number, attrs.get("name", ""))

    def _object(self, attrs: Mapping[str, str], line: int) -> None:
        obj = self._attr(attrs, "Object", "id", line)
        if self._dimension is None or obj is None:
            return
        key = (self._dimension, obj)
        if key in self.found.objects:
            self.report.warning(
                line,
                _("objekt {1} i dimension {0} står två gånger; det första gäller").format(*key),
                "sie-object-duplicate",
            )
            return
        self.found.objects[key] = attrs.get("name", "")

    def _object_reference(self, attrs: Mapping[str, str], line: int) -> None:
        dimension = self._attr(attrs, "ObjectReference", "dimId", line)
        obj = self._attr(attrs, "ObjectReference", "objectId", line)
        if dimension is None or obj is None:
            return
        pair = (dimension.strip(), obj)
        holder = self._names[-2]
        if holder == "LedgerEntry":
            if self.journals.row is not None:
                self.journals.row.objects.append(pair)
        elif self._balance is not None:
            self._balance.objects.append(pair)

    # -- journals ------------------------------------------------------------------------

    def _entry_start(self, attrs: Mapping[str, str], line: int) -> None:
        required = self.found.root == "Sie"
        number = self._attr(attrs, "JournalEntry", "id", line, required) or ""
        text = self._attr(attrs, "JournalEntry", "journalDate", line) or ""
        day = parse_day(text)
        if text and day is None:
            self.report.error(
                line,
                _("journalDate »{0}» är inte ett giltigt datum").format(text),
                "sie-voucher-date",
                hint=_("SIE 5 skriver datum ÅÅÅÅ-MM-DD"),
            )
        self.journals.entry = PendingEntry(
            self.journals.journal, number.strip(), day, attrs.get("text", ""), line
        )

    def _entry_info(self, attrs: Mapping[str, str], line: int) -> None:
        if self.journals.entry is not None:
            self.journals.entry.registered = parse_day(attrs.get("date", ""))
            self.journals.entry.sign = attrs.get("by", "")

    def _original_info(self, attrs: Mapping[str, str], line: int) -> None:
        if self.journals.entry is not None:
            info = (parse_day(attrs.get("date", "")), attrs.get("by", ""))
            self.journals.entry.original = info

    def _row_start(self, attrs: Mapping[str, str], line: int) -> None:
        account = (self._attr(attrs, "LedgerEntry", "accountId", line) or "").strip()
        amount_text = self._attr(attrs, "LedgerEntry", "amount", line)
        amount = parse_decimal(amount_text) if amount_text is not None else None
        if amount_text is not None and amount is None:
            self._bad_amount("LedgerEntry", amount_text, line)
        day_text = attrs.get("ledgerDate", "")
        day = parse_day(day_text)
        if day_text and day is None:
            self._bad_date("LedgerEntry", "ledgerDate", day_text, line)
        quantity = attrs.get("quantity")
        self.journals.row = PendingRow(
            account,
            amount,
            line,
            day,
            attrs.get("text", ""),
            parse_decimal(quantity) if quantity is not None else None,
        )

    def _overstrike(self, attrs: Mapping[str, str], line: int) -> None:
        if self.journals.row is not None:
            self.journals.row.struck = True
