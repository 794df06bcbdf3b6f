"""Prognosförändring: each line's forecast now beside the previous forecast of the year.

Change = previous − current (positive: better than last time, for revenue and cost lines
alike, as a deviation is), with the reason the controller gave for the new forecast, or
the method that made it where no comment is given. Used by the interim report (every
line) and the månadsuppföljning (the largest changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from styra.core.cycle.history import ForecastChange
from styra.core.cycle.interim import Interim
from styra.core.cycle.lines import LineToDate
from styra.core.money import NBSP, format_number, to_tkr
from styra.documents.model import Cell, Column, ColumnKind, Paragraph, RowKind, Table, TableRow
from styra.documents.tables import TKR
from styra.i18n import _


def _tkr(kronor: Decimal) -> str:
    return format_number(to_tkr(kronor))


def _methods(interim: Interim) -> dict[str, str]:
    """Each line's forecast method, by the line's label, for a change without a comment."""
    return {
        f.row.line.label: f.forecast.label
        for f in interim.lines
        if isinstance(f.row, LineToDate) and f.forecast is not None
    }


def _reason(change: ForecastChange, methods: dict[str, str]) -> str:
    if change.reason:
        return change.reason
    method = methods.get(change.label)
    return _("Prognosmetod: {method}.").format(method=method) if method else ""


def change_table(interim: Interim, changes: Sequence[ForecastChange], title: str) -> Table:
    """The changes given, in their order; a total among them is printed as the total."""
    assert interim.previous is not None
    group = _("HELÅRSPROGNOS")
    columns = (
        Column(_("KONTOTEXT"), width=2.6),
        Column(_("FÖRRA"), ColumnKind.NUMBER, TKR, 1.35, group),
        Column(_("NU"), ColumnKind.NUMBER, TKR, 1.35, group),
        Column(_("FÖR­ÄNDRING"), ColumnKind.NUMBER, TKR, 1.35, group),  # a soft hyphen
        Column(_("ORSAK"), width=4.6),
    )
    methods = _methods(interim)
    rows = tuple(
        TableRow(
            (
                Cell(c.label, header=True),
                Cell(_tkr(c.previous)),
                Cell(_tkr(c.current)),
                Cell(_tkr(c.change)),
                Cell("" if c.total else _reason(c, methods)),
            ),
            RowKind.TOTAL if c.total else RowKind.BODY,
        )
        for c in changes
    )
    summary = _(
        "Helårsprognosen per rad i tkr jämförd med förra prognosen ({previous}): förra "
        "prognosen, prognosen nu och förändringen (förra minus nu; positivt är bättre), med "
        "orsaken."
    ).format(previous=interim.previous.title)
    return Table(title, columns, rows, summary)


def change_lead(interim: Interim) -> Paragraph:
    """The sign of a change, and the net forecast's move (the table's title names the
    previous forecast)."""
    text = _(
        "Förändring = förra prognosen − prognosen nu; positivt betyder en bättre prognos än "
        "förra gången."
    )
    net = next((c for c in interim.changes if c.total), None)
    if net is not None:
        text += " " + _(
            "Prognosen för nettoresultatet har gått från {previous} till {current}, en "
            "förändring på {change}."
        ).format(
            previous=_tkr(net.previous) + NBSP + TKR,
            current=_tkr(net.current) + NBSP + TKR,
            change=_tkr(net.change) + NBSP + TKR,
        )
    return Paragraph.of(text)
