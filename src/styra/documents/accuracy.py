"""Prognossäkerhet in the annual report: each forecast of the year beside the year's outcome.

Per operating line and the net total: the outcome, and per forecast (a column group titled
by the forecast) the forecast, the difference forecast − outcome in tkr and that difference
as a share of the outcome in per cent, as ``styra report --format json`` gives them under
``forecast_accuracy``. Amounts keep the ledger's signs, as the operating account has them.
"""

from __future__ import annotations

from decimal import Decimal

from styra.core.cycle.history import Accuracy, AccuracyRow
from styra.core.money import NBSP, format_number, format_with_unit, round_half_up, to_tkr
from styra.documents.model import (
    Block,
    Cell,
    Column,
    ColumnKind,
    Paragraph,
    RowKind,
    Table,
    TableRow,
)
from styra.documents.tables import TKR
from styra.i18n import _

NONE = "–"  # no forecast of the line, or no share of an outcome of 0


def _tkr(kronor: Decimal | None) -> str:
    return NONE if kronor is None else format_number(to_tkr(kronor))


def per_cent(share: Decimal | None) -> str:
    """A share as per cent with one decimal, half away from zero: "−8,5"."""
    return NONE if share is None else format_number(round_half_up(share * 100, 1))


def _columns(accuracy: Accuracy, year: int) -> tuple[Column, ...]:
    columns = [
        Column(_("KONTOTEXT"), width=2.9),
        Column(_("UTFALL {year}").format(year=year), ColumnKind.NUMBER, TKR, 1.2),
    ]
    for forecast in accuracy.forecasts:
        title = forecast.title
        columns += [
            Column(_("PROGNOS"), ColumnKind.NUMBER, TKR, 1.2, title),
            Column(_("AVVIKELSE"), ColumnKind.NUMBER, TKR, 1.25, title),
            Column(_("AVVIKELSE"), ColumnKind.NUMBER, "%", 1.25, title),
        ]
    return tuple(columns)


def _row(row: AccuracyRow, count: int) -> TableRow:
    cells = [Cell(row.label, header=True), Cell(_tkr(row.outcome))]
    for i in range(count):
        forecast = row.forecasts[i]
        cells += [Cell(_tkr(forecast)), Cell(_tkr(row.difference(i))), Cell(per_cent(row.share(i)))]
    return TableRow(tuple(cells), RowKind.TOTAL if row.total else RowKind.BODY)


def accuracy_table(accuracy: Accuracy, year: int) -> Table:
    summary = _(
        "Prognossäkerhet i tkr: per rad i driftredovisningen och för nettoresultatet årets "
        "utfall och, för varje prognos under året, prognosen, avvikelsen (prognos minus "
        "utfall) och avvikelsen i procent av utfallet. Ett streck betyder att prognos saknas."
    )
    count = len(accuracy.forecasts)
    rows = tuple(_row(r, count) for r in accuracy.rows)
    return Table(_("PROGNOSSÄKERHET"), _columns(accuracy, year), rows, summary)


def _net_sentence(accuracy: Accuracy) -> str | None:
    """The latest forecast's net total against the outcome, in words."""
    net, last = accuracy.total, len(accuracy.forecasts) - 1
    difference = net.difference(last)
    if difference is None:
        return None
    shown = to_tkr(difference)
    if shown == 0:
        verdict = _("så året slutade som prognosen")
    else:
        verdict = _("så året slutade {amount} {direction} än prognosen").format(
            amount=format_with_unit(abs(shown), TKR),
            direction=_("bättre") if shown > 0 else _("sämre"),
        )
    return _(
        "{title}: prognosen för nettoresultatet var {forecast} och utfallet blev {outcome}, "
        "{verdict}."
    ).format(
        title=accuracy.forecasts[last].title,
        forecast=_tkr(net.forecasts[last]) + NBSP + TKR,
        outcome=_tkr(net.outcome) + NBSP + TKR,
        verdict=verdict,
    )


def accuracy_blocks(accuracy: Accuracy, year: int) -> tuple[Block, ...]:
    lead = _(
        "Tabellen jämför årets prognoser med utfallet per rad, i tkr med bokföringens tecken "
        "(intäkter negativa). Avvikelse = prognos − utfall; positivt betyder att året slutade "
        "bättre än prognosen. Procenten är avvikelsen i förhållande till utfallets belopp."
    )
    net = _net_sentence(accuracy)
    texts = (lead,) if net is None else (lead, net)
    return (*(Paragraph.of(t) for t in texts), accuracy_table(accuracy, year))
