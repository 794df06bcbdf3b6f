"""The månadsuppföljning: one page for the committee's meeting, built from the folder's
interim follow-up (:class:`styra.core.cycle.interim.Interim`) of a month period.

It says where the year stands (the result to date against the budget to date, per section
total and net), where it is heading (the full-year forecast and its deviation, per line),
what moved since the previous forecast (the largest changes with their reasons), and shows
the costs month by month in a chart. The same document model as the other reports, marked
compact: the title heads the page and there is no cover or contents.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal

from styra.core.accounts import Section as AccountSection
from styra.core.cycle.history import largest_changes
from styra.core.cycle.interim import Interim
from styra.core.cycle.lines import LineToDate
from styra.core.cycle.periods import month_name
from styra.core.followup import FollowUp
from styra.core.goals import Status
from styra.core.money import NBSP, format_number, to_tkr
from styra.documents.annual import Built
from styra.documents.forecast_changes import change_lead, change_table
from styra.documents.interim_tables import interim_operating_table
from styra.documents.model import (
    Block,
    Column,
    ColumnKind,
    Cover,
    Document,
    LineChart,
    LineSeries,
    LineStyle,
    Marker,
    Paragraph,
    Section,
    Table,
)
from styra.documents.tables import TKR
from styra.i18n import _

LARGEST = 5  # the changes a one-page follow-up has room for


def month_title(interim: Interim) -> str:
    """ "Månadsuppföljning september 2024"."""
    end = interim.period.end
    return _("Månadsuppföljning {month} {year}").format(month=month_name(end.month), year=end.year)


def build_month_report(followup: FollowUp, interim: Interim) -> Built:
    committee = followup.input.committee
    title = month_title(interim)
    cover = Cover(
        _("{committee}, {municipality}").format(
            committee=committee.name, municipality=committee.municipality
        ),
        followup.input.period.report_date.isoformat(),
        title,
    )
    sections = (
        Section("1", _("Resultat och helårsprognos"), _result(interim)),
        Section("2", _("Största förändringar sedan förra prognosen"), _changes(interim)),
        Section("3", _("Kostnader över året"), (cost_chart(interim),)),
    )
    full_title = _("{title}, {committee}").format(title=title, committee=committee.name)
    document = Document(full_title, cover, sections, author=committee.municipality, compact=True)
    return Built(document, ())


def _tkr(kronor: Decimal | None) -> str:
    return "–" if kronor is None else format_number(to_tkr(kronor)) + NBSP + TKR


def _result(interim: Interim) -> tuple[Block, ...]:
    net = interim.totals[-1]
    text = _(
        "{committee_period}: nettoresultatet är {outcome} mot en periodiserad budget på "
        "{budget}, en avvikelse på {deviation}."
    ).format(
        committee_period=interim.period.text[:1].upper() + interim.period.text[1:],
        outcome=_tkr(net.outcome),
        budget=_tkr(net.budget),
        deviation=_tkr(net.deviation),
    )
    if net.forecast is None:
        missing = sum(1 for f in interim.lines if f.forecast is None)
        text += " " + _("Helårsprognos saknas för {count} rader.").format(count=missing)
    else:
        text += " " + _(
            "Helårsprognosen är ett nettoresultat på {forecast}, en avvikelse mot årets "
            "budget på {deviation}."
        ).format(forecast=_tkr(net.forecast), deviation=_tkr(net.forecast_deviation))
    blocks: list[Block] = [Paragraph.of(text)]
    goals = _goal_line(interim)
    if goals:
        blocks.append(Paragraph.of(goals))
    blocks.append(month_table(interim))
    return tuple(blocks)


def _goal_line(interim: Interim) -> str:
    """ "Nämndmålen enligt helårsprognosen: 2 av 2 uppnås delvis." """
    if not interim.goals:
        return ""
    counts = Counter(g.status for g in interim.goals)
    total = len(interim.goals)
    parts = [
        _("{count} av {total} {verb}").format(count=counts[s], total=total, verb=s.judged)
        for s in Status
        if counts[s]
    ]
    return _("Nämndmålen enligt helårsprognosen: {parts}.").format(parts=", ".join(parts))


def month_table(interim: Interim) -> Table:
    """Every line, the section totals and the net: to date, and for the whole year."""
    table = interim_operating_table(interim)
    to_date = interim.period.text.rsplit(" ", 1)[0].upper()  # "JANUARI–SEPTEMBER"
    year = _("HELÅR {year}").format(year=interim.period.fiscal_end.year)

    def figure(header: str, group: str) -> Column:
        return Column(header, ColumnKind.NUMBER, TKR, 1.1, group)

    columns = (
        dataclasses.replace(table.columns[0], width=3.0),
        figure(_("BUDGET"), to_date),
        figure(_("UTFALL"), to_date),
        figure(_("AVVIKELSE"), to_date),
        figure(_("BUDGET"), year),
        figure(_("PROGNOS"), year),
        figure(_("AVVIKELSE"), year),
    )
    return dataclasses.replace(table, title=_("DRIFTREDOVISNING"), columns=columns)


def _changes(interim: Interim) -> tuple[Block, ...]:
    if interim.previous is None:
        return (Paragraph.of(_("Det finns ingen tidigare prognos för året att jämföra med.")),)
    largest = largest_changes(interim.changes, LARGEST)
    if not largest:
        return (change_lead(interim), Paragraph.of(_("Ingen rads prognos har ändrats.")))
    title = _("Förändring sedan {previous}").format(previous=interim.previous.title)
    return (change_lead(interim), change_table(interim, largest, title))


def _accumulated(months: list[Decimal]) -> list[Decimal]:
    found, total = [], Decimal(0)
    for amount in months:
        total += amount
        found.append(total)
    return found


def cost_chart(interim: Interim) -> LineChart:
    """The costs accumulated month by month: the budget over the year, the outcome to
    date, and the full-year forecast continuing from the outcome to the year's end."""
    costs = [
        f.row
        for f in interim.lines
        if isinstance(f.row, LineToDate) and f.row.line.section is AccountSection.COST
    ]
    elapsed, count = interim.period.elapsed, len(interim.period.year_months)
    budget = _accumulated(
        [sum((r.budget_months.months[i] for r in costs), Decimal(0)) for i in range(count)]
    )
    outcome = _accumulated(
        [sum((r.outcome_months.months[i] for r in costs), Decimal(0)) for i in range(elapsed)]
    )
    forecast = interim.totals[1].forecast
    year = interim.period.fiscal_end.year
    months = [month_name(m % 100) for m in interim.period.year_months]

    def tkr(kronor: Decimal) -> float:
        return float(to_tkr(kronor))

    series = [
        LineSeries(
            _("Budget"),
            tuple(tkr(v) for v in budget),
            format_number(to_tkr(budget[-1])),
            LineStyle.DASHED,
            Marker.SQUARE,
        ),
        LineSeries(
            _("Utfall"),
            tuple([tkr(v) for v in outcome] + [None] * (count - elapsed)),
            format_number(to_tkr(outcome[-1])),
        ),
    ]
    if forecast is not None and elapsed < count:
        series.append(
            LineSeries(
                _("Helårsprognos"),
                (None,) * (count - 1) + (tkr(forecast),),
                format_number(to_tkr(forecast)),
                LineStyle.DOTTED,
                Marker.DIAMOND,
                continues=True,
            )
        )
    title = _("Kostnader ackumulerat per månad {year}, tkr").format(year=year)
    parts = [
        _("Budget: {values}").format(values=_by_month(months, budget)),
        _("Utfall: {values}").format(values=_by_month(months, outcome)),
    ]
    if forecast is not None:
        parts.append(_("Helårsprognos: {value} tkr").format(value=format_number(to_tkr(forecast))))
    description = _("Linjediagram. {title}. {parts}.").format(title=title, parts="; ".join(parts))
    categories = tuple(m[:3] for m in months)
    return LineChart(title, TKR, categories, tuple(series), description)


def _by_month(months: list[str], values: list[Decimal]) -> str:
    return ", ".join(
        f"{month} {format_number(to_tkr(v))}" for month, v in zip(months, values, strict=False)
    )
