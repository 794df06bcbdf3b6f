"""Reading aids a sighted reader sees (issue 13, item 4): the guide to signs and deviation
beside the operating account, the note under it that says what NETTORESULTAT means, the
result's sharing as a table, and the overview of the committee goals at the head of 1.2.

They add to the model report's text and change none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from styra.core.accounts import OperatingAccount, Row, RowKind
from styra.core.followup import GoalResult
from styra.core.goals import Status
from styra.core.money import format_number
from styra.core.sharing import Share, SharingKey
from styra.documents.model import Cell, Column, ColumnKind, Paragraph, Table, TableRow
from styra.documents.model import RowKind as TableRowKind
from styra.documents.tables import TKR, status_text
from styra.i18n import _


def reading_guide() -> Paragraph:
    """One short paragraph on the signs and the deviation, before the operating account."""
    return Paragraph.of(
        _(
            "Så läser du tabellerna: beloppen är i tusental kronor (tkr). Intäkter står med "
            "minustecken och kostnader utan, som i bokföringen. Avvikelse är budget minus "
            "utfall, så en positiv avvikelse är bättre än budget och en negativ sämre, för "
            "intäkter och kostnader lika."
        )
    )


def net_row(account: OperatingAccount) -> Row | None:
    totals = [r for r in account.rows if r.kind is RowKind.TOTAL]
    return totals[-1] if totals else None


def operating_note(account: OperatingAccount) -> str:
    """The note under the operating account: what its last total (NETTORESULTAT) means."""
    row = net_row(account)
    if row is None:
        return ""
    outcome = row.outcome_tkr
    if outcome > 0:
        what = _("kostnaderna var {amount} tkr större än intäkterna")
    elif outcome < 0:
        what = _("intäkterna var {amount} tkr större än kostnaderna")
    else:
        what = _("intäkter och kostnader var lika stora")
    deviation = row.deviation_tkr
    verdict = (
        _("ett underskott")
        if deviation < 0
        else _("ett överskott")
        if deviation > 0
        else _("ingen avvikelse")
    )
    return _(
        "{label} {outcome} tkr betyder att {what}. Mot budgeten {budget} tkr är avvikelsen "
        "{deviation} tkr: {verdict}."
    ).format(
        label=row.label,
        outcome=format_number(outcome),
        what=what.format(amount=format_number(abs(outcome))),
        budget=format_number(row.budget_tkr),
        deviation=format_number(deviation),
        verdict=verdict,
    )


def sharing_table(key: SharingKey, shares: Sequence[Share], total: Decimal) -> Table:
    """Each member's part of the result: the key's figure, its share and the amount."""
    weights = sum((s.member.weight for s in shares), Decimal(0))
    basis = key.basis[:1].upper() + key.basis[1:]
    columns = (
        Column(_("Kommun"), width=3.0),
        Column(basis, ColumnKind.NUMBER, key.reference_date.isoformat(), 2.0),
        Column(_("Andel"), ColumnKind.NUMBER, "%", 1.4),
        Column(_("Del av resultatet"), ColumnKind.NUMBER, TKR, 2.0),
    )
    rows = [
        TableRow(
            (
                Cell(s.member.name, header=True),
                Cell(format_number(s.member.weight)),
                Cell(format_number(_percent(s.member.weight, weights), 1)),
                Cell(format_number(s.amount)),
            )
        )
        for s in shares
    ]
    rows.append(
        TableRow(
            (
                Cell(_("Totalt"), header=True),
                Cell(format_number(weights)),
                Cell(format_number(Decimal(100), 1)),
                Cell(format_number(total)),
            ),
            kind=TableRowKind.TOTAL,
        )
    )
    word = _("underskott") if total < 0 else _("överskott")
    title = _("Fördelning av {word} per medlemskommun").format(word=word)
    summary = _(
        "Resultatets fördelning mellan medlemskommunerna: nyckelns värde per kommun, "
        "andelen i procent och delen av resultatet i tkr."
    )
    return Table(title, columns, tuple(rows), summary)


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


def goal_overview(goals: Sequence[GoalResult]) -> Table:
    """Per goal: its verdict and how many indicators have each status (the counts behind
    the verdict)."""
    counted = (Status.ACHIEVED, Status.PARTIALLY_ACHIEVED, Status.NOT_ACHIEVED, Status.NO_VALUE)
    columns = (
        Column(_("Nämndmål"), width=3.4),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.3),
        *(Column(s.label, ColumnKind.NUMBER, _("antal"), 1.3) for s in counted),
        Column(_("Totalt"), ColumnKind.NUMBER, _("indikatorer"), 1.8),
    )
    rows = []
    for goal in goals:
        counts = {s: 0 for s in counted}
        for result in goal.indicators:
            counts[result.assessment.status] += 1
        cells = (
            Cell(goal.goal.name, header=True),
            Cell(status_text(goal.status), status=goal.status),
            *(Cell(str(counts[s])) for s in counted),
            Cell(str(len(goal.indicators))),
        )
        rows.append(TableRow(cells))
    summary = _(
        "Översikt per nämndmål: den samlade bedömningen och hur många av målets indikatorer "
        "som uppnås, uppnås delvis, uppnås ej eller saknar värde."
    )
    return Table(_("Översikt av nämndmålen"), columns, tuple(rows), summary)
