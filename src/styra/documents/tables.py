"""Tables of the follow-up: the goal table and the operating and investment accounts."""

from __future__ import annotations

from collections.abc import Sequence

from styra.core.accounts import (
    DeviationNote,
    InvestmentAccount,
    MultiYear,
    OperatingAccount,
    Row,
)
from styra.core.accounts import RowKind as AccountRowKind
from styra.core.followup import FollowUp, GoalResult, IndicatorResult
from styra.core.goals import Override, Status
from styra.core.money import format_number, to_tkr
from styra.documents.history import has_history, indicators_of, previous_text, trend_text
from styra.documents.model import Cell, Column, ColumnKind, RowKind, Table, TableRow
from styra.i18n import _

TKR = "tkr"
_ROW_KINDS = {
    AccountRowKind.LINE: RowKind.BODY,
    AccountRowKind.SUBTOTAL: RowKind.SUBTOTAL,
    AccountRowKind.TOTAL: RowKind.TOTAL,
}


def status_text(status: Status) -> str:
    return f"{status.symbol} {status.label}"


def override_note(override: Override | None) -> str:
    if override is None:
        return ""
    note = _("Ändrad bedömning: {why}").format(why=override.justification)
    if override.by:
        note += f" ({override.by}"
        note += f", {override.at.isoformat()})" if override.at else ")"
    return note


def goal_table(followup: FollowUp) -> Table:
    """The goals with their indicators; where an indicator has earlier years, the previous
    year's value and the trend too (columns that are left out where none has)."""
    year = followup.input.period.year
    history = has_history(indicators_of(followup.goals), year)
    columns = (
        Column(_("Nämndmål"), width=3.2),
        *indicator_columns(year, history),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.6),
    )
    rows = [row for goal in followup.goals for row in _goal_rows(goal, year, history)]
    summary = _(
        "Nämndmålen med sina indikatorer: resultat, målvärde och bedömning. "
        "Första kolumnen anger nämndmålet och dess samlade bedömning."
    )
    if history:
        summary = _(
            "Nämndmålen med sina indikatorer: föregående års resultat, årets resultat, "
            "trenden jämfört med året före, målvärde och bedömning. "
            "Första kolumnen anger nämndmålet och dess samlade bedömning."
        )
    return Table(_("Nämndmål och indikatorer"), columns, tuple(rows), summary)


def indicator_columns(year: int, history: bool) -> tuple[Column, ...]:
    """Indikator, (resultat föregående år,) resultat, (trend,) målvärde."""
    result = Column(_("Resultat år {year}").format(year=year), ColumnKind.NUMBER, width=1.9)
    target = Column(_("Målvärde år {year}").format(year=year), ColumnKind.NUMBER, width=2.0)
    if not history:
        return (Column(_("Indikator"), width=4.6), result, target)
    previous = Column(_("Resultat år {year}").format(year=year - 1), ColumnKind.NUMBER, width=1.9)
    trend = Column(_("Trend"), width=2.1)
    return (Column(_("Indikator"), width=4.0), previous, result, trend, target)


def _goal_rows(goal: GoalResult, year: int, history: bool) -> list[TableRow]:
    status = goal.status
    note = status_text(status)
    if goal.goal.override:
        note += ". " + override_note(goal.goal.override)
    head = Cell(goal.goal.name, note=note, rowspan=max(1, len(goal.indicators)), header=True)
    if not goal.indicators:
        why = goal.goal.no_indicators.strip()
        text = _("Inga indikatorer: {why}").format(why=why) if why else _("Inga indikatorer")
        empty = (Cell(""),) * (4 if history else 2)
        return [TableRow((head, Cell(text), *empty, _status(status)))]
    rows = [indicator_cells(r, year, history) for r in goal.indicators]
    rows[0] = (head, *rows[0])
    return [TableRow(cells) for cells in rows]


def indicator_cells(result: IndicatorResult, year: int, history: bool) -> tuple[Cell, ...]:
    """The cells of :func:`indicator_columns` and the assessment."""
    indicator, assessment = result.indicator, result.assessment
    notes = [override_note(assessment.override), indicator.analysis]
    status = _status(assessment.status, " ".join(n for n in notes if n))
    value, target = Cell(indicator.value_text()), Cell(indicator.target_text())
    name = Cell(indicator.name, header=True)  # names its row, under its goal's group
    if not history:
        return (name, value, target, status)
    previous = Cell(previous_text(indicator, year))
    trend = Cell(trend_text(indicator, year))
    return (name, previous, value, trend, target, status)


def _status(status: Status, note: str = "") -> Cell:
    return Cell(status_text(status), status=status, note=note)


def _account_columns(first: str, year: int, previous: bool) -> tuple[Column, ...]:
    columns = [
        Column(first, width=3.2),
        Column(_("BUDGET {year}").format(year=year), ColumnKind.NUMBER, TKR, 1.3),
        Column(_("UTFALL {year}").format(year=year), ColumnKind.NUMBER, TKR, 1.3),
        Column(_("AVVIKELSE"), ColumnKind.NUMBER, TKR, 1.3),
    ]
    if previous:
        previous_year = _("UTFALL {year}").format(year=year - 1)
        columns.append(Column(previous_year, ColumnKind.NUMBER, TKR, 1.3))
    return tuple(columns)


def _account_row(row: Row, previous: bool) -> TableRow:
    figures = [row.budget_tkr, row.outcome_tkr, row.deviation_tkr]
    cells = [Cell(row.label, header=True), *(Cell(format_number(f)) for f in figures)]
    if previous:
        shown = row.previous_tkr
        cells.append(Cell("" if shown is None else format_number(shown)))
    return TableRow(tuple(cells), _ROW_KINDS[row.kind])


def _account_table(
    title: str, first: str, rows: Sequence[Row], year: int, *, previous: bool, summary: str
) -> Table:
    columns = _account_columns(first, year, previous)
    return Table(title, columns, tuple(_account_row(r, previous) for r in rows), summary)


def operating_table(account: OperatingAccount, year: int) -> Table:
    summary = _(
        "Driftredovisning i tkr: budget, utfall och avvikelse (budget minus utfall) per rad. "
        "Intäkter är negativa, som i bokföringen; en positiv avvikelse är bättre än budget."
    )
    return _account_table(
        _("DRIFTREDOVISNING"),
        _("KONTOTEXT"),
        account.rows,
        year,
        previous=account.has_previous,
        summary=summary,
    )


def investment_table(account: InvestmentAccount, year: int) -> Table:
    summary = _("Investeringsredovisning i tkr: budget, utfall och avvikelse per projekt.")
    return _account_table(
        _("INVESTERINGSREDOVISNING"),
        _("PROJEKT"),
        account.rows,
        year,
        previous=False,
        summary=summary,
    )


def deviation_table(notes: Sequence[DeviationNote]) -> Table:
    """The lines whose deviation is large, each with the analysis of why."""
    columns = (
        Column(_("KONTOTEXT"), width=3.2),
        Column(_("AVVIKELSE"), ColumnKind.NUMBER, TKR, 1.7),
        Column(_("ANALYS"), width=5.6),
    )
    rows = tuple(
        TableRow(
            (
                Cell(n.row.label, header=True),
                Cell(format_number(n.row.deviation_tkr)),
                Cell(n.analysis or _("Analys saknas.")),
            )
        )
        for n in notes
    )
    summary = _("Rader i driftredovisningen med stor avvikelse mot budget, med analys av orsaken.")
    return Table(_("Analys av större avvikelser"), columns, rows, summary)


def multi_year_table(years: MultiYear) -> Table:
    """The operating account's outcome over the years read (flerårsöversikt), oldest first."""
    columns = (
        Column(_("KONTOTEXT"), width=3.2),
        *(
            Column(_("UTFALL {year}").format(year=y), ColumnKind.NUMBER, TKR, 1.3)
            for y in years.years
        ),
    )
    rows = tuple(
        TableRow(
            (Cell(label, header=True), *(Cell(format_number(to_tkr(v))) for v in values)),
            _ROW_KINDS[kind],
        )
        for label, kind, values in years.rows
    )
    summary = _(
        "Flerårsöversikt i tkr: utfallet per rad och år, äldst först, med bokföringens "
        "tecken (intäkter negativa)."
    )
    return Table(_("FLERÅRSÖVERSIKT"), columns, rows, summary)
