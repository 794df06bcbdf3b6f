"""Tables of an interim follow-up: goals by forecast, and lines and projects to date with
their full-year forecasts (helårsprognos)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from styra.core.accounts import Section as AccountSection
from styra.core.cycle.interim import (
    Forecasted,
    IndicatorForecast,
    Interim,
    InterimTotal,
    ProjectToDate,
)
from styra.core.cycle.lines import LineToDate
from styra.core.cycle.periods import month_name
from styra.core.followup import GoalResult, IndicatorResult
from styra.core.goals import Indicator
from styra.core.money import format_number, to_tkr
from styra.documents.model import Cell, Column, ColumnKind, RowKind, Table, TableRow
from styra.documents.tables import TKR, status_text
from styra.i18n import _

NONE = "–"  # a figure that is not there: no forecast for the line, or not for every line


def span(interim: Interim) -> str:
    """The months to date in a table head: "JAN–AUG" (one month: "AUG")."""
    first, last = interim.period.fiscal_start.month, interim.period.end.month
    short = [month_name(m)[:3].upper() for m in (first, last)]
    return short[1] if interim.period.elapsed == 1 else "–".join(short)


def _tkr(value: Decimal | None) -> str:
    return NONE if value is None else format_number(to_tkr(value))


def interim_columns(first: str, interim: Interim) -> tuple[Column, ...]:
    months, year = span(interim), interim.period.fiscal_end.year

    def figure(header: str) -> Column:
        return Column(header, ColumnKind.NUMBER, TKR, 1.25)

    return (
        Column(first, width=2.8),
        figure(_("BUDGET {months}").format(months=months)),
        figure(_("UTFALL {months}").format(months=months)),
        figure(_("AVVIKELSE {months}").format(months=months)),
        figure(_("BUDGET {year}").format(year=year)),
        figure(_("PROGNOS {year}").format(year=year)),
        figure(_("PROGNOS­AVVIKELSE")),  # a soft hyphen: the head may break there
    )


def _figures(
    budget: Decimal,
    outcome: Decimal,
    annual: Decimal,
    forecast: Decimal | None,
    deviation: Decimal | None,
) -> tuple[Cell, ...]:
    shown = (budget, outcome, budget - outcome, annual, forecast, deviation)
    return tuple(Cell(_tkr(v)) for v in shown)


def _row(f: Forecasted, label: str) -> TableRow:
    row = f.row
    amount = None if f.forecast is None else f.forecast.amount
    cells = _figures(row.budget, row.outcome, row.annual_budget, amount, f.deviation)
    return TableRow((Cell(label, header=True), *cells))


def total_row(t: InterimTotal, kind: RowKind) -> TableRow:
    cells = _figures(t.budget, t.outcome, t.annual_budget, t.forecast, t.forecast_deviation)
    return TableRow((Cell(t.label, header=True), *cells), kind)


def _line_label(f: Forecasted) -> str:
    assert isinstance(f.row, LineToDate)
    return f.row.line.label


def _project_label(f: Forecasted) -> str:
    assert isinstance(f.row, ProjectToDate)
    return f.row.project.label


def _section(f: Forecasted) -> AccountSection | None:
    return f.row.line.section if isinstance(f.row, LineToDate) else None


def _operating_rows(interim: Interim) -> Iterable[TableRow]:
    revenue, cost, net = interim.totals
    for section, total in ((AccountSection.REVENUE, revenue), (AccountSection.COST, cost)):
        yield from (_row(f, _line_label(f)) for f in interim.lines if _section(f) is section)
        yield total_row(total, RowKind.SUBTOTAL)
    yield total_row(net, RowKind.TOTAL)


def interim_operating_table(interim: Interim) -> Table:
    summary = _(
        "Driftredovisning i tkr: budget, utfall och avvikelse för perioden {period}, "
        "budget för helåret, helårsprognos och prognosavvikelse (budget minus prognos) per "
        "rad. Intäkter är negativa, som i bokföringen. Ett streck betyder att prognos saknas."
    ).format(period=interim.period.text)
    rows = tuple(_operating_rows(interim))
    title = _("DRIFTREDOVISNING {period}").format(period=interim.period.text.upper())
    return Table(title, interim_columns(_("KONTOTEXT"), interim), rows, summary)


def interim_investment_table(interim: Interim, total_label: str) -> Table:
    summary = _(
        "Investeringsredovisning i tkr per projekt: budget och utfall för perioden {period}, "
        "budget för helåret, helårsprognos och prognosavvikelse."
    ).format(period=interim.period.text)
    rows = [_row(f, _project_label(f)) for f in interim.projects]
    total = dataclasses.replace(interim.project_total, label=total_label)
    rows.append(total_row(total, RowKind.TOTAL))
    title = _("INVESTERINGSPROGNOS {period}").format(period=interim.period.text.upper())
    return Table(title, interim_columns(_("PROJEKT"), interim), tuple(rows), summary)


def _method_row(f: Forecasted, label: str) -> TableRow:
    chosen = f.forecast
    method = NONE if chosen is None else chosen.label
    comment = "" if chosen is None else chosen.comment
    profile = f.row.budget_months.profile.kind.label
    return TableRow((Cell(label, header=True), Cell(profile), Cell(method), Cell(comment)))


def forecast_method_table(interim: Interim) -> Table:
    """How each line's budget to date is spread and how its forecast was made."""
    columns = (
        Column(_("KONTOTEXT"), width=2.8),
        Column(_("PERIODISERING AV BUDGET"), width=2.6),
        Column(_("PROGNOSMETOD"), width=2.6),
        Column(_("KOMMENTAR"), width=4.0),
    )
    rows = tuple(_method_row(f, _line_label(f)) for f in interim.lines)
    summary = _(
        "Per rad i driftredovisningen: hur budgeten fördelas över månaderna och hur "
        "helårsprognosen är gjord, med controllerns kommentar."
    )
    return Table(_("Periodisering och prognosmetod"), columns, rows, summary)


def goal_forecast_table(
    interim: Interim, to_date: Mapping[str, Indicator], forecasts: Mapping[str, IndicatorForecast]
) -> Table:
    """Goals judged by forecast: each indicator's value to date, its forecast, its target."""
    year = interim.period.fiscal_end.year
    columns = (
        Column(_("Nämndmål"), width=2.8),
        Column(_("Indikator"), width=3.8),
        Column(_("Utfall {months}").format(months=span(interim).lower()), ColumnKind.NUMBER),
        Column(_("Prognos år {year}").format(year=year), ColumnKind.NUMBER, width=1.6),
        Column(_("Målvärde år {year}").format(year=year), ColumnKind.NUMBER, width=1.7),
        Column(_("Bedömning enligt prognos"), ColumnKind.STATUS, width=2.4),
    )
    rows = [r for g in interim.goals for r in _goal_rows(g, to_date, forecasts)]
    summary = _(
        "Nämndmålen bedömda efter prognosen för helåret: per indikator utfallet hittills, "
        "prognosen, målvärdet och bedömningen. Första kolumnen anger nämndmålet och dess "
        "samlade bedömning."
    )
    return Table(_("Nämndmål och indikatorer enligt prognos"), columns, tuple(rows), summary)


def _goal_rows(
    goal: GoalResult, to_date: Mapping[str, Indicator], forecasts: Mapping[str, IndicatorForecast]
) -> list[TableRow]:
    note = status_text(goal.status)
    head = Cell(goal.goal.name, note=note, rowspan=max(1, len(goal.indicators)), header=True)
    if not goal.indicators:
        status = Cell(note, status=goal.status)
        return [TableRow((head, Cell(_("Inga indikatorer")), Cell(""), Cell(""), Cell(""), status))]
    rows = [_indicator_cells(r, to_date, forecasts) for r in goal.indicators]
    rows[0] = (head, *rows[0])
    return [TableRow(cells) for cells in rows]


def _indicator_cells(
    result: IndicatorResult,
    to_date: Mapping[str, Indicator],
    forecasts: Mapping[str, IndicatorForecast],
) -> tuple[Cell, ...]:
    indicator, status = result.indicator, result.assessment.status
    given = to_date.get(indicator.id)
    forecast = forecasts.get(indicator.id)
    note = ""
    if forecast is not None and forecast.status is not None:
        note = _("Prognostiserad bedömning: {why}").format(why=forecast.reason)
    elif forecast is None and indicator.value is None:
        note = _("Prognos saknas.")
    return (
        Cell(indicator.name),
        Cell("" if given is None else given.value_text()),
        Cell(indicator.value_text()),
        Cell(indicator.target_text()),
        Cell(status_text(status), status=status, note=note),
    )


def indicators_by_id(goals: Sequence[GoalResult]) -> dict[str, Indicator]:
    return {r.indicator.id: r.indicator for g in goals for r in g.indicators}
