"""Tables of the municipality's compiled follow-up: the council's goals and the committee
goals behind them, every committee's verdict, the operating and investment result per
committee with the municipality's total, and the shares of joint committees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import Row
from styra.core.council import CouncilGoalResult, LinkedGoal
from styra.core.cycle.interim import Interim, InterimTotal
from styra.core.followup import FollowUp
from styra.core.money import format_number
from styra.core.municipality import JointShare, MunicipalityFollowUp
from styra.documents.history import has_history
from styra.documents.interim_tables import interim_columns, total_row
from styra.documents.model import Cell, Column, ColumnKind, RowKind, Table, TableRow
from styra.documents.tables import TKR, indicator_cells, indicator_columns, status_text
from styra.i18n import _

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class CommitteePart:
    """One committee in the compiled report: its follow-up and, at interim, its forecast."""

    followup: FollowUp
    interim: Interim | None = None

    @property
    def name(self) -> str:
        return self.followup.input.committee.name


def _status(goal: LinkedGoal | CouncilGoalResult, note: str = "") -> Cell:
    return Cell(status_text(goal.status), status=goal.status, note=note)


def council_overview(m: MunicipalityFollowUp) -> Table:
    columns = (
        Column(_("Kommunfullmäktiges mål"), width=6.0),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.4),
    )
    rows = tuple(
        TableRow((Cell(f"{g.goal.id} {g.goal.name}", header=True), _status(g)))
        for g in m.council.goals
    )
    summary = _("Kommunfullmäktiges mål och bedömningen av vart och ett.")
    return Table(_("Bedömning av kommunfullmäktiges mål"), columns, rows, summary)


def linked_goals_table(goal: CouncilGoalResult) -> Table:
    columns = (
        Column(_("Nämnd"), width=2.8),
        Column(_("Nämndmål"), width=5.0),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.4),
    )
    rows = tuple(
        TableRow(
            (
                Cell(g.committee, header=True),
                Cell(f"{g.result.goal.id} {g.result.goal.name}"),
                _status(g),
            )
        )
        for g in goal.linked
    )
    summary = _("De nämndmål som bryter ner målet {id}, med nämnd och bedömning.").format(
        id=goal.goal.id
    )
    title = _("Nämndmål som bryter ner {id}").format(id=goal.goal.id)
    return Table(title, columns, rows, summary)


def unlinked_table(goals: Sequence[LinkedGoal]) -> Table:
    columns = (
        Column(_("Nämnd"), width=2.8),
        Column(_("Nämndmål"), width=5.0),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.4),
    )
    rows = tuple(
        TableRow(
            (
                Cell(g.committee, header=True),
                Cell(f"{g.result.goal.id} {g.result.goal.name}"),
                _status(g),
            )
        )
        for g in goals
    )
    summary = _("Nämndmål som inte anger något av kommunfullmäktiges mål.")
    return Table(_("Nämndmål utan koppling"), columns, rows, summary)


def council_indicator_table(goal: CouncilGoalResult, year: int) -> Table:
    """The KF-mål's own indicators, with earlier years where they have them."""
    history = has_history(goal.indicators, year)
    columns = (
        *indicator_columns(year, history),
        Column(_("Bedömning"), ColumnKind.STATUS, width=2.6),
    )
    rows = tuple(TableRow(indicator_cells(r, year, history)) for r in goal.indicators)
    summary = _(
        "Kommunfullmäktiges egna indikatorer för målet {id}: resultat, målvärde och bedömning."
    ).format(id=goal.goal.id)
    title = _("Egna indikatorer för {id}").format(id=goal.goal.id)
    return Table(title, columns, rows, summary)


def verdict_table(parts: Sequence[CommitteePart]) -> Table:
    by_forecast = any(p.interim for p in parts)
    judged = _("Bedömning enligt prognos") if by_forecast else _("Bedömning")
    columns = (
        Column(_("Nämnd"), width=3.2),
        Column(_("Antal nämndmål"), ColumnKind.NUMBER, width=1.4),
        Column(judged, ColumnKind.STATUS, width=5.0),
    )
    rows = []
    for part in parts:
        f = part.followup
        verdict = part.interim.committee if part.interim else f.committee
        goals = part.interim.goals if part.interim else f.goals
        sentence = f.sentences.get("goal_summary", "") if part.interim is None else ""
        status = Cell(status_text(verdict.status), status=verdict.status, note=sentence)
        rows.append(TableRow((Cell(part.name, header=True), Cell(str(len(goals))), status)))
    summary = _("Varje nämnds samlade bedömning av sina nämndmål, med antalet nämndmål.")
    return Table(_("Nämndernas måluppfyllelse"), columns, tuple(rows), summary)


def _figures(row: Row) -> tuple[Cell, ...]:
    return tuple(
        Cell(format_number(v)) for v in (row.budget_tkr, row.outcome_tkr, row.deviation_tkr)
    )


def _annual_columns(year: int) -> tuple[Column, ...]:
    return (
        Column(_("NÄMND"), width=3.2),
        Column(_("BUDGET {year}").format(year=year), ColumnKind.NUMBER, TKR, 1.3),
        Column(_("UTFALL {year}").format(year=year), ColumnKind.NUMBER, TKR, 1.3),
        Column(_("AVVIKELSE"), ColumnKind.NUMBER, TKR, 1.3),
    )


def operating_table(m: MunicipalityFollowUp, parts: Sequence[CommitteePart]) -> Table:
    """Each committee's net result and the municipality's; at interim, to date and the
    full-year forecast as in the committee's own interim report."""
    title = _("DRIFTREDOVISNING PER NÄMND")
    nets = interim_nets(parts)
    if nets is not None:
        first = parts[0].interim
        assert first is not None
        return _interim_table(title, first, parts, nets, _summary_interim())
    rows = [
        TableRow((Cell(p.name, header=True), *_figures(p.followup.operating.net))) for p in parts
    ]
    total = m.operating_total
    rows.append(TableRow((Cell(total.label, header=True), *_figures(total)), RowKind.TOTAL))
    summary = _(
        "Nettokostnad per nämnd i tkr: budget, utfall och avvikelse (budget minus utfall), "
        "och kommunen totalt. En positiv avvikelse är bättre än budget."
    )
    return Table(title, _annual_columns(m.period.year), tuple(rows), summary)


def investment_table(m: MunicipalityFollowUp, parts: Sequence[CommitteePart]) -> Table:
    title = _("INVESTERINGAR PER NÄMND")
    interims = [p.interim for p in parts if p.interim is not None]
    if interims and len(interims) == len(parts):
        totals = [i.project_total for i in interims]
        summary = _(
            "Investeringar per nämnd i tkr: budget och utfall för perioden, budget för "
            "helåret, helårsprognos och prognosavvikelse, och kommunen totalt."
        )
        return _interim_table(title, interims[0], parts, totals, summary)
    rows = [
        TableRow((Cell(p.name, header=True), *_figures(p.followup.investment.total))) for p in parts
    ]
    total = m.investment_total
    rows.append(TableRow((Cell(total.label, header=True), *_figures(total)), RowKind.TOTAL))
    summary = _(
        "Investeringar per nämnd i tkr: budget, utfall och avvikelse (budget minus utfall), "
        "och kommunen totalt."
    )
    return Table(title, _annual_columns(m.period.year), tuple(rows), summary)


def _summary_interim() -> str:
    return _(
        "Nettokostnad per nämnd i tkr: budget, utfall och avvikelse för perioden, budget för "
        "helåret, helårsprognos och prognosavvikelse (budget minus prognos), och kommunen "
        "totalt. Ett streck betyder att prognos saknas."
    )


def _interim_table(
    title: str,
    interim: Interim,
    parts: Sequence[CommitteePart],
    totals: Sequence[InterimTotal],
    summary: str,
) -> Table:
    rows = [
        _relabel(total_row(t, RowKind.BODY), p.name) for p, t in zip(parts, totals, strict=True)
    ]
    rows.append(total_row(interim_sum(totals), RowKind.TOTAL))
    return Table(title, interim_columns(_("NÄMND"), interim), tuple(rows), summary)


def interim_sum(totals: Sequence[InterimTotal]) -> InterimTotal:
    """The municipality's total; its forecast only when every committee has one."""
    forecasts = [t.forecast for t in totals]
    return InterimTotal(
        _("Kommunen totalt"),
        sum((t.budget for t in totals), ZERO),
        sum((t.outcome for t in totals), ZERO),
        sum((t.annual_budget for t in totals), ZERO),
        None if None in forecasts else sum((f for f in forecasts if f is not None), ZERO),
    )


def interim_nets(parts: Sequence[CommitteePart]) -> list[InterimTotal] | None:
    """Each committee's net to date and forecast, when every committee is at interim."""
    interims = [p.interim for p in parts if p.interim is not None]
    if not interims or len(interims) != len(parts):
        return None
    return [i.totals[-1] for i in interims]


def _relabel(row: TableRow, label: str) -> TableRow:
    return TableRow((Cell(label, header=True), *row.cells[1:]), row.kind)


def joint_table(shares: Sequence[JointShare]) -> Table:
    """The member's share of each joint committee's result, with the key and its source,
    and the host's published report where the committee is hosted elsewhere."""
    elsewhere = any(s.file for s in shares)
    columns = [
        Column(_("Gemensam nämnd"), width=2.6),
        Column(_("Värdkommun"), width=2.0),
        Column(_("Medlem"), width=1.6),
        Column(_("Andel av resultatet"), ColumnKind.NUMBER, TKR, 1.5),
        Column(_("Fördelningsnyckel"), width=3.2),
    ]
    if elsewhere:
        columns.append(Column(_("Värdkommunens rapport"), width=2.2))
    rows = []
    for s in shares:
        key = _("{basis} per {date}").format(basis=s.basis, date=s.reference_date)
        cells = [
            Cell(s.committee, header=True),
            Cell(s.host),
            Cell(s.member),
            Cell(format_number(s.amount_tkr)),
            Cell(key, note=_("Källa: {source}").format(source=s.source.rstrip("."))),
        ]
        if elsewhere:
            cells.append(Cell(s.file or _("egen nämnd")))
        rows.append(TableRow(tuple(cells)))
    summary = _(
        "Kommunens andel av varje gemensam nämnds resultat i tkr, med fördelningsnyckeln "
        "och dess källa."
    )
    return Table(_("Andelar i gemensamma nämnder"), tuple(columns), tuple(rows), summary)
