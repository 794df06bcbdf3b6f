"""Reads the ledger and the budget (SIE files) into the core's finance record, with checks.

Only accounts in the operating scope feed the operating account; every such account in
the ledger or budget must belong to exactly one report line, or money would vanish or
count twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
from styra.core.followup import Finance
from styra.core.money import format_number
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


def read_finance(
    folder: Path, settings: CommitteeSettings, mapping: AccountMapping, problems: list[Problem]
) -> Finance | None:
    ledger = read_sie_file(folder, settings.ledger, problems)
    budget_doc = read_sie_file(folder, settings.budget, problems)
    previous_doc = None
    if settings.previous_ledger:
        previous_doc = read_sie_file(folder, settings.previous_ledger, problems)
    if ledger is None or budget_doc is None or has_errors(problems):
        return None
    outcome = _in_scope(ledger.outcome(0), mapping.scope)
    budget = _in_scope(budget_doc.budget(0), mapping.scope)
    previous = _in_scope(previous_doc.outcome(0), mapping.scope) if previous_doc else None
    _check_unmapped(mapping, settings.ledger, outcome, ledger.accounts, problems)
    _check_unmapped(mapping, settings.budget, budget, budget_doc.accounts, problems)
    _check_overlaps(mapping, [*outcome, *budget], problems)
    invested = _by_object(
        ledger.outcome_by_object(mapping.dimension, 0), mapping.investment_accounts
    )
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
    )


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
