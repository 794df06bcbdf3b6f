"""The chart of budget against outcome per line of the operating account."""

from __future__ import annotations

from styra.core.accounts import OperatingAccount, Row, RowKind
from styra.core.money import format_number
from styra.documents.model import BarChart, Series
from styra.i18n import _


def cost_lines(account: OperatingAccount) -> list[Row]:
    """The cost lines: revenue carries the ledger's negative sign and one dominant line,
    so drawn beside the costs it would hide them; its figures stay in the table."""
    rows = list(account.rows)
    first_cost = next((i + 1 for i, r in enumerate(rows) if r.kind is RowKind.SUBTOTAL), 0)
    return [r for r in rows[first_cost:] if r.kind is RowKind.LINE]


def budget_chart(account: OperatingAccount, year: int) -> BarChart:
    rows = cost_lines(account)
    budget = Series(
        _("Budget {year}").format(year=year),
        tuple(float(r.budget_tkr) for r in rows),
        tuple(format_number(r.budget_tkr) for r in rows),
        filled=False,
    )
    outcome = Series(
        _("Utfall {year}").format(year=year),
        tuple(float(r.outcome_tkr) for r in rows),
        tuple(format_number(r.outcome_tkr) for r in rows),
        filled=True,
    )
    title = _("Kostnader per rad: budget och utfall {year}, tkr").format(year=year)
    parts = [
        _("{label}: budget {budget} tkr, utfall {outcome} tkr").format(
            label=r.label.capitalize(),
            budget=format_number(r.budget_tkr),
            outcome=format_number(r.outcome_tkr),
        )
        for r in rows
    ]
    description = _("Stapeldiagram. {title}. {parts}.").format(title=title, parts="; ".join(parts))
    return BarChart(title, "tkr", tuple(r.label for r in rows), (budget, outcome), description)
