"""Reads the ledger and the budget (SIE files) into the core's finance record, with checks.

Only accounts in the operating scope feed the operating account; every such account in
the ledger or budget must belong to exactly one report line, or money would vanish or
count twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from styra import sie
from styra.core.accounts import (
    AccountRange,
    build_operating_account,
    deviation_notes,
    overlapping_accounts,
    unmapped_accounts,
)
from styra.core.cycle.periods import FollowUpPeriod
from styra.core.followup import Finance, PeriodKind
from styra.core.money import format_number
from styra.folder.cycle import follow_up_period
from styra.i18n import _
from styra.problems import Problem, error, has_errors, warning

if TYPE_CHECKING:
    from styra.folder.parts import AccountMapping, CommitteeSettings

MAPPING_FILE = "accounts.yaml"


def read_sie_file(folder: Path, name: str, problems: list[Problem]) -> sie.SieDocument | None:
    path = folder / name
    if not path.is_file():
        problems.append(
            error(_("filen saknas"), file=name, hint=_("ange rätt fil i committee.yaml"))
        )
        return None
    result = sie.read(path, name=name)  # streamed from the file, a bounded line at a time
    problems.extend(result.problems)
    return result.document


@dataclass(frozen=True)
class Ledgers:
    """The SIE files a folder names, read once for the year and for the period to date."""

    ledger: sie.SieDocument
    budget: sie.SieDocument
    previous: sie.SieDocument | None = None


def read_ledgers(
    folder: Path, settings: CommitteeSettings, problems: list[Problem]
) -> Ledgers | None:
    ledger = read_sie_file(folder, settings.ledger, problems)
    budget_doc = read_sie_file(folder, settings.budget, problems)
    previous_doc = None
    if settings.previous_ledger:
        previous_doc = read_sie_file(folder, settings.previous_ledger, problems)
    if ledger is None or budget_doc is None:
        return None
    return Ledgers(ledger, budget_doc, previous_doc)


def read_finance(
    folder: Path,
    settings: CommitteeSettings,
    mapping: AccountMapping,
    problems: list[Problem],
    ledgers: Ledgers | None = None,
) -> Finance | None:
    """The year's finance; for a period that ends before the year, the outcome to date."""
    ledgers = ledgers or read_ledgers(folder, settings, problems)
    if ledgers is None or has_errors(problems):
        return None
    ledger, budget_doc, previous_doc = ledgers.ledger, ledgers.budget, ledgers.previous
    months = None
    if settings.period.kind is not PeriodKind.ANNUAL:
        months = follow_up_period(settings.period)
    outcome = _in_scope(_outcome(ledger, months, this_year=True), mapping.scope)
    budget = _in_scope(budget_doc.budget(0), mapping.scope)
    previous = None
    if previous_doc:
        previous = _in_scope(_outcome(previous_doc, months, this_year=False), mapping.scope)
    _check_unmapped(mapping, settings.ledger, outcome, ledger.accounts, problems)
    _check_unmapped(mapping, settings.budget, budget, budget_doc.accounts, problems)
    _check_overlaps(mapping, [*outcome, *budget], problems)
    if months is None:
        invested = _by_object(
            ledger.outcome_by_object(mapping.dimension, 0), mapping.investment_accounts
        )
    else:
        by_month = monthly_by_object(ledger, mapping, months.year_months, budget=False)
        invested = {obj: sum(m[: months.elapsed], Decimal(0)) for obj, m in by_month.items()}
    planned = _by_object(
        budget_doc.budget_by_object(mapping.dimension, 0), mapping.investment_accounts
    )
    for project in mapping.projects:
        if project.object_id not in invested and project.object_id not in planned:
            problems.append(
                warning(
                    _(
                        "projektet {project} (objekt {object} i dimension {dimension}) har "
                        "varken utfall i {ledger} eller budget i {budget}"
                    ).format(
                        project=project.label,
                        object=project.object_id,
                        dimension=mapping.dimension,
                        ledger=settings.ledger,
                        budget=settings.budget,
                    ),
                    file=MAPPING_FILE,
                    field="investment.projects",
                    hint=_("kontrollera objektets kod"),
                )
            )
    return Finance(
        lines=mapping.lines,
        outcome=outcome,
        budget=budget,
        previous=previous,
        projects=mapping.projects,
        investment_outcome=invested,
        investment_budget=planned,
        labels=mapping.labels,
        investment_total_label=mapping.investment_total_label.format(year=settings.period.year),
        large_deviation=mapping.large_deviation,
        analysis=mapping.analysis,
        earlier=_earlier_years(folder, settings, mapping, problems, has_previous=bool(previous)),
    )


def _earlier_years(
    folder: Path,
    settings: CommitteeSettings,
    mapping: AccountMapping,
    problems: list[Problem],
    *,
    has_previous: bool,
) -> tuple[tuple[int, Mapping[str, Decimal]], ...]:
    """Each earlier ledger's whole-year outcome in scope, by its fiscal year (#RAR 0).

    An annual period's multi-year table; a year that is not before the previous one (or
    this one, without a previous ledger), or that comes twice, is an error at its line.
    """
    if not settings.earlier_ledgers:
        return ()
    if settings.period.kind is not PeriodKind.ANNUAL:
        problems.append(
            warning(
                _("flerårsöversikten gäller helår; earlier_ledgers används inte i en delårsperiod"),
                file="committee.yaml",
                line=settings.earlier_ledgers[0][1],
            )
        )
        return ()
    latest = settings.period.year - (2 if has_previous else 1)
    found: dict[int, Mapping[str, Decimal]] = {}
    for name, line in settings.earlier_ledgers:
        doc = read_sie_file(folder, name, problems)
        fiscal = None if doc is None else doc.years.get(0)
        if doc is None or fiscal is None:
            continue
        year = fiscal.start.year
        if year > latest or year in found:
            reason = (
                _("{file} gäller {year}, som redan finns")
                if year in found
                else _("{file} gäller {year}; flerårsöversikten tar år till och med {latest}")
            )
            problems.append(
                error(
                    reason.format(file=name, year=year, latest=latest),
                    file="committee.yaml",
                    line=line,
                )
            )
            continue
        found[year] = _in_scope(doc.outcome(0), mapping.scope)
    return tuple(sorted(found.items()))


def _outcome(
    doc: sie.SieDocument, period: FollowUpPeriod | None, *, this_year: bool
) -> Mapping[str, Decimal]:
    """The year's outcome per account, or its months up to the period's end."""
    if period is None:
        return doc.outcome(0)
    wanted = period.months if this_year else period.previous_year_months[: period.elapsed]
    return sum_to_date(doc.monthly_outcome(0), wanted)


def sum_to_date(
    amounts: Mapping[tuple[str, int], Decimal], months: Iterable[int]
) -> dict[str, Decimal]:
    wanted = set(months)
    totals: dict[str, Decimal] = {}
    for (account, month), amount in amounts.items():
        if month in wanted:
            totals[account] = totals.get(account, Decimal(0)) + amount
    return totals


def monthly_by_object(
    doc: sie.SieDocument, mapping: AccountMapping, year_months: Sequence[int], *, budget: bool
) -> dict[str, list[Decimal]]:
    """Object id → its investment amounts per month of the year, in the year's order.

    The ledger's vouchers are streamed again (the totals the reader keeps have no month
    per object); without vouchers, and for the budget, the #PSALDO/#PBUDGET months.
    """
    place = {month: i for i, month in enumerate(year_months)}
    found: dict[str, list[Decimal]] = {}

    def add(
        account: str, month: int, objects: tuple[tuple[str, str], ...], amount: Decimal
    ) -> None:
        i = place.get(month)
        if i is None or not any(account in r for r in mapping.investment_accounts):
            return
        for dim, obj in objects:
            if dim == mapping.dimension:
                found.setdefault(obj, [Decimal(0)] * len(year_months))[i] += amount

    if not budget and doc.has_transactions_in(0):
        for voucher in doc.vouchers():
            for row in voucher.rows:
                day = row.date or voucher.date
                if day is not None:
                    add(row.account, day.year * 100 + day.month, row.objects, row.amount)
        return found
    table = doc.period_budgets if budget else doc.period_balances
    for (month, account, objects), amount in table.items():
        add(account, month, objects, amount)
    return found


def _in_scope(amounts: Mapping[str, Decimal], scope: Iterable[AccountRange]) -> dict[str, Decimal]:
    ranges = list(scope)
    return {a: v for a, v in amounts.items() if any(a in r for r in ranges)}


def _by_object(
    amounts: Mapping[tuple[str, str], Decimal], accounts: Iterable[AccountRange]
) -> dict[str, Decimal]:
    ranges = list(accounts)
    totals: dict[str, Decimal] = {}
    for (account, obj), value in amounts.items():
        if any(account in r for r in ranges):
            totals[obj] = totals.get(obj, Decimal(0)) + value
    return totals


def _check_unmapped(
    mapping: AccountMapping,
    source: str,
    amounts: Mapping[str, Decimal],
    chart: Mapping[str, sie.Account],
    problems: list[Problem],
) -> None:
    for account in unmapped_accounts(amounts, mapping.lines, mapping.scope):
        name = f"{account} {chart[account].name}" if account in chart else account
        problems.append(
            error(
                _("konto {account} i {source} ingår inte i någon rad i driftredovisningen").format(
                    account=name, source=source
                ),
                file=MAPPING_FILE,
                hint=_("lägg till kontot i en rads »accounts» eller ändra »scope»"),
            )
        )


def _check_overlaps(mapping: AccountMapping, accounts: list[str], problems: list[Problem]) -> None:
    for account, labels in overlapping_accounts(accounts, mapping.lines).items():
        problems.append(
            error(
                _("konto {account} ingår i flera rader: {lines}").format(
                    account=account, lines=", ".join(labels)
                ),
                file=MAPPING_FILE,
                line=mapping.line_numbers.get(labels[-1]),
                hint=_("varje konto får bara höra till en rad"),
            )
        )


def analysis_warnings(finance: Finance, mapping: AccountMapping) -> list[Problem]:
    """A warning for each line whose deviation is large but has no analysis beside it."""
    account = build_operating_account(
        finance.lines, finance.outcome, finance.budget, finance.previous, finance.labels
    )
    return [
        warning(
            _("raden {line} avviker med {deviation} tkr men saknar analys").format(
                line=n.row.label, deviation=format_number(n.row.deviation_tkr)
            ),
            file=MAPPING_FILE,
            line=mapping.line_numbers.get(n.row.label),
            hint=_("skriv varför under »analysis» på raden"),
        )
        for n in deviation_notes(account.rows, finance.large_deviation, finance.analysis)
        if not n.analysis
    ]
