"""Checks over a whole SIE 5 document, the invariants of SIE 4's (SIE.md §4) in SIE 5's words.

The codes are SIE 4's where the rule is the same (``sie-balance-mismatch``,
``sie-undefined-account`` …), so a program that reads problems by code, and ``inspect``'s
reconciliation line, treat both formats alike; the messages name SIE 5's elements.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from styra.i18n import _
from styra.sie.amounts import shown
from styra.sie.model import SieDocument
from styra.sie.report import Reporter
from styra.sie.sie5.balances import Tables
from styra.sie.sie5.content import Found
from styra.sie.sie5.journals import Totals

ZERO = Decimal(0)


def check_document(
    document: SieDocument,
    *,
    found: Found,
    tables: Tables,
    totals: Totals,
    year_lines: dict[int, int],
    report: Reporter,
) -> None:
    _check_header(document, found, report)
    _check_years(document, year_lines, report)
    _check_accounts(document, found, tables, totals, report)
    _check_objects(document, tables, totals, report)
    if document.file_type == "5" and document.has_transactions_in(0):
        _check_reconciliation(document, tables, report)
    _check_year_to_year(document, tables, report)


def _check_header(document: SieDocument, found: Found, report: Reporter) -> None:
    if found.root != "Sie":
        return
    if not document.company:
        report.warning(1, _("företagsnamn (Company name) saknas"), "sie-company")
    if not found.has_fiscal_years:
        report.warning(1, _("räkenskapsår (FiscalYears) saknas"), "sie-year")
    if not found.signed:
        report.warning(
            found.last_line,
            _("filen saknar signatur (Signature), som SIE 5 kräver i en fullständig fil"),
            "sie5-signature",
            hint=_("siffrorna läses ändå; signaturen kontrolleras inte av Styra"),
        )


def _check_years(document: SieDocument, lines: dict[int, int], report: Reporter) -> None:
    for index, year in document.years.items():
        later = document.years.get(index + 1)
        if later is not None and year.end + timedelta(days=1) != later.start:
            report.warning(
                lines.get(index, 1),
                _("räkenskapsår {0} slutar inte dagen före år {1} börjar").format(index, index + 1),
                "sie-year-gap",
            )


def _check_accounts(
    document: SieDocument, found: Found, tables: Tables, totals: Totals, report: Reporter
) -> None:
    if not found.has_accounts and found.root == "SieEntry":
        return
    used = dict(tables.account_lines)
    for account, line in totals.account_lines.items():
        used[account] = min(line, used.get(account, line))
    for account, line in sorted(used.items(), key=lambda item: (item[1], item[0])):
        if account not in document.accounts:
            report.warning(
                line,
                _("konto {0} används men finns inte i kontoplanen (Accounts)").format(account),
                "sie-undefined-account",
                hint=_("kontot läggs upp utan namn"),
            )


def _check_objects(document: SieDocument, tables: Tables, totals: Totals, report: Reporter) -> None:
    used = dict(tables.object_lines)
    for pair, line in totals.object_lines.items():
        used[pair] = min(line, used.get(pair, line))
    for (dimension, obj), line in sorted(used.items(), key=lambda item: (item[1], item[0])):
        if dimension not in document.dimensions:
            report.warning(
                line,
                _("dimension {0} används men finns inte under Dimensions").format(dimension),
                "sie-undefined-dimension",
            )
        elif (dimension, obj) not in document.objects:
            report.warning(
                line,
                _("objekt {1} i dimension {0} används men finns inte under Dimensions").format(
                    dimension, obj
                ),
                "sie-undefined-object",
            )


def _check_reconciliation(document: SieDocument, tables: Tables, report: Reporter) -> None:
    sums: dict[str, Decimal] = {}
    for (account, _month), amount in document.monthly_outcome(0).items():
        sums[account] = sums.get(account, ZERO) + amount
    for (year, account), closing in sorted(document.closing_balances.items()):
        if year != 0:
            continue
        opening = document.opening_balances.get((0, account), ZERO)
        moved = sums.get(account, ZERO)
        if opening + moved != closing:
            report.warning(
                tables.lines.get(("UB", 0, account), 1),
                _("konto {0}: ingående saldo {1} + verifikationer {2} = {3}, men utgående "
                  "saldo (ClosingBalance) är {4}").format(
                    account, shown(opening), shown(moved), shown(opening + moved), shown(closing)
                ),
                "sie-balance-mismatch",
            )  # fmt: skip
    _check_results(document, tables, sums, report)


def _check_results(
    document: SieDocument, tables: Tables, sums: dict[str, Decimal], report: Reporter
) -> None:
    balance_accounts = {a for (y, a) in document.closing_balances if y == 0}
    balance_accounts |= {a for (y, a) in document.opening_balances if y == 0}
    results = {a: amount for (y, a), amount in document.results.items() if y == 0}
    for account in sorted(set(sums) | set(results)):
        if account in balance_accounts:
            continue
        moved, result = sums.get(account, ZERO), results.get(account)
        if (result or ZERO) == moved or (result is None and account not in document.accounts):
            continue
        report.warning(
            tables.lines.get(("RES", 0, account), 1),
            _("konto {0}: verifikationerna summerar till {1}, men årets utgående saldo "
              "(ClosingBalance) är {2}").format(
                account, shown(moved), shown(result) if result is not None else _("(saknas)")
            ),
            "sie-result-mismatch",
        )  # fmt: skip


def _check_year_to_year(document: SieDocument, tables: Tables, report: Reporter) -> None:
    for (year, account), opening in sorted(document.opening_balances.items()):
        previous = document.closing_balances.get((year - 1, account))
        if previous is not None and previous != opening:
            report.warning(
                tables.lines.get(("IB", year, account), 1),
                _("konto {0}: ingående saldo år {1} är {2}, men utgående saldo året före är "
                  "{3}").format(account, year, shown(opening), shown(previous)),
                "sie-opening-mismatch",
            )  # fmt: skip
