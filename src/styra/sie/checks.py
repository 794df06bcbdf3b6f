"""Checks over the whole document once it is read (SIE.md §4, invariants).

Every finding is a warning with the line of the record it concerns, except where the
figures cannot be trusted at all (those are reported as errors while reading).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from styra.i18n import _
from styra.sie.amounts import shown
from styra.sie.ledger import Ledger
from styra.sie.model import SieDocument
from styra.sie.records import EXPECTED_LABELS, RecordReader
from styra.sie.report import Reporter

ZERO = Decimal(0)
_RESERVED_DIMENSIONS = frozenset(str(n) for n in range(1, 20))


def check_document(
    document: SieDocument, records: RecordReader, ledger: Ledger, report: Reporter
) -> None:
    _check_header(document, records, report)
    _check_years(document, records, report)
    _check_accounts(document, records, ledger, report)
    _check_objects(document, records, ledger, report)
    if document.file_type == "4E" and document.has_transactions_in(0):
        _check_reconciliation(document, records, report)
    _check_year_to_year(document, records, report)
    _check_periods(document, records, report)


def _check_header(document: SieDocument, records: RecordReader, report: Reporter) -> None:
    seen = records.header.labels_seen
    for label in EXPECTED_LABELS:
        if label not in seen:
            report.warning(
                1,
                _("identifikationsposten {0} saknas").format(label),
                "sie-identification-missing",
                hint=_("standarden kräver posten; filen läses ändå, men andra program kan vägra"),
            )
    if "#FNAMN" not in seen or not document.company.strip():
        report.warning(1, _("företagsnamn (#FNAMN) saknas"), "sie-company")
    if document.file_type in ("2", "3") and "#OMFATTN" not in seen:
        report.warning(
            1, _("#OMFATTN saknas i en fil av typ {0}").format(document.file_type), "sie-covered"
        )
    if document.file_type in ("1", "2", "3") and document.voucher_count:
        report.warning(
            1,
            _("en fil av typ {0} ska inte innehålla verifikationer").format(document.file_type),
            "sie-type-vouchers",
        )
    if document.file_type != "4I" and not document.years:
        report.warning(1, _("räkenskapsår (#RAR 0) saknas"), "sie-year")


def _check_years(document: SieDocument, records: RecordReader, report: Reporter) -> None:
    years = records.header.years
    for index, year in years.items():
        later = years.get(index + 1)
        if later is not None and year.end + timedelta(days=1) != later.start:
            report.warning(
                records.header.year_lines.get(index, 1),
                _("räkenskapsår {0} slutar inte dagen före år {1} börjar").format(index, index + 1),
                "sie-year-gap",
            )


def _check_accounts(
    document: SieDocument, records: RecordReader, ledger: Ledger, report: Reporter
) -> None:
    if not document.accounts and document.file_type == "4I":
        return
    used = dict(records.balances.account_lines)
    for account, line in ledger.totals().account_lines.items():
        used.setdefault(account, line)
    for account, line in sorted(used.items(), key=lambda item: (item[1], item[0])):
        if account not in document.accounts:
            report.warning(
                line,
                _("konto {0} används men finns inte i kontoplanen (#KONTO)").format(account),
                "sie-undefined-account",
                hint=_("kontot läggs upp utan namn"),
            )


def _check_objects(
    document: SieDocument, records: RecordReader, ledger: Ledger, report: Reporter
) -> None:
    used = dict(records.balances.object_lines)
    for pair, line in ledger.totals().object_lines.items():
        used.setdefault(pair, line)
    declared_dimensions = {dim for dim, _obj in document.objects}
    for (dimension, obj), line in sorted(used.items(), key=lambda item: (item[1], item[0])):
        if dimension not in document.dimensions and dimension not in _RESERVED_DIMENSIONS:
            report.warning(
                line,
                _("dimension {0} används men är inte deklarerad (#DIM)").format(dimension),
                "sie-undefined-dimension",
            )
        elif (dimension, obj) not in document.objects and dimension in declared_dimensions:
            report.warning(
                line,
                _("objekt {1} i dimension {0} används men finns inte i #OBJEKT").format(
                    dimension, obj
                ),
                "sie-undefined-object",
            )


def _check_reconciliation(document: SieDocument, records: RecordReader, report: Reporter) -> None:
    transactions = document.monthly_outcome(0)
    sums: dict[str, Decimal] = {}
    for (account, _month), amount in transactions.items():
        sums[account] = sums.get(account, ZERO) + amount
    lines = records.balances.lines
    for (year, account), closing in document.closing_balances.items():
        if year != 0:
            continue
        opening = document.opening_balances.get((0, account), ZERO)
        moved = sums.get(account, ZERO)
        if opening + moved != closing:
            report.warning(
                lines.get(("#UB", 0, account), 1),
                _("konto {0}: IB {1} + verifikationer {2} = {3}, men UB är {4}").format(
                    account, shown(opening), shown(moved), shown(opening + moved), shown(closing)
                ),
                "sie-balance-mismatch",
            )
    _check_results(document, sums, lines, report)


def _check_results(
    document: SieDocument,
    sums: dict[str, Decimal],
    lines: dict[tuple[str, int, str], int],
    report: Reporter,
) -> None:
    balance_accounts = {a for (y, a) in document.closing_balances if y == 0}
    balance_accounts |= {a for (y, a) in document.opening_balances if y == 0}
    if not any(year == 0 for year, _account in document.results):
        if any(a not in balance_accounts and moved for a, moved in sums.items()):
            report.warning(
                1,
                _("filen saknar #RES för år 0; resultatkontonas utfall kan inte stämmas av"),
                "sie-result-missing",
            )
        return

    def res_line(item: tuple[str, Decimal]) -> tuple[int, str]:
        return lines.get(("#RES", 0, item[0]), 1), item[0]

    for account, moved in sorted(sums.items(), key=res_line):  # file order, whichever path
        result = document.results.get((0, account))
        if account in balance_accounts or (result is None and not moved):
            continue
        if result is None or result != moved:
            line = lines.get(("#RES", 0, account), 1)
            report.warning(
                line,
                _("konto {0}: verifikationerna summerar till {1}, men #RES är {2}").format(
                    account, shown(moved), shown(result) if result is not None else _("(saknas)")
                ),
                "sie-result-mismatch",
            )
    for (year, account), result in document.results.items():
        if year == 0 and account not in sums and result:
            report.warning(
                lines.get(("#RES", 0, account), 1),
                _("konto {0}: #RES är {1}, men verifikationerna summerar till 0").format(
                    account, shown(result)
                ),
                "sie-result-mismatch",
            )


def _check_year_to_year(document: SieDocument, records: RecordReader, report: Reporter) -> None:
    lines = records.balances.lines
    for (year, account), opening in document.opening_balances.items():
        previous = document.closing_balances.get((year - 1, account))
        if previous is not None and previous != opening:
            report.warning(
                lines.get(("#IB", year, account), 1),
                _("konto {0}: IB år {1} är {2}, men UB året före är {3}").format(
                    account, year, shown(opening), shown(previous)
                ),
                "sie-opening-mismatch",
            )


def _check_periods(document: SieDocument, records: RecordReader, report: Reporter) -> None:
    """Σ #PSALDO {} over the year = RES, or UB − IB (the months hold changes, §11)."""
    months: dict[str, Decimal] = {}
    for (month, account, objects), amount in document.period_balances.items():
        if not objects and document.year_of_month(month) == 0:
            months[account] = months.get(account, ZERO) + amount
    lines = records.balances.lines
    for account, total in months.items():
        expected, label = _year_figure(document, account)
        if expected is not None and expected != total:
            report.warning(
                lines.get((label, 0, account), 1),
                _("konto {0}: periodsaldona (#PSALDO) summerar till {1}, men {2} ger {3}").format(
                    account, shown(total), label if label == "#RES" else "UB − IB", shown(expected)
                ),
                "sie-period-mismatch",
            )


def _year_figure(document: SieDocument, account: str) -> tuple[Decimal | None, str]:
    result = document.results.get((0, account))
    if result is not None:
        return result, "#RES"
    closing = document.closing_balances.get((0, account))
    opening = document.opening_balances.get((0, account))
    if closing is None and opening is None:
        return None, "#UB"
    return (closing or ZERO) - (opening or ZERO), "#UB"
