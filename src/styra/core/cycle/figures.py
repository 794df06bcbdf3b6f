"""The figures a narrative names at interim: to date, for the year, and forecast.

An interim report's text speaks of the period to date and of the forecast, so its
placeholders mean those (``styra.core.figures`` gives the annual report's):

- ``{drift.<rad>.budget}``, ``.utfall``, ``.avvikelse``: budget, outcome and deviation
  to the period's end (periodiserad budget, ackumulerat utfall);
- ``.helarsbudget`` (the annual budget), ``.prognos`` (the full-year forecast),
  ``.prognosavvikelse`` (annual budget − forecast) where the line has a forecast, and
  ``.prognosforandring`` (previous − current) where an earlier forecast of the year had one;
- the same for ``{invest.<objekt>.…}`` and ``{invest.totalt.…}``, and for the totals
  ``intakter``, ``kostnader`` and ``netto``;
- ``{resultat.prognos}``: the forecast result for the year as a surplus (revenue − cost),
  and ``{resultat.budget}``: the budgeted result.

Every figure is in tkr; the year-end figures (``resultat.netto``, the members' shares)
do not exist before the year has ended.
"""

from __future__ import annotations

from decimal import Decimal

from styra.core.cycle.history import ForecastChange
from styra.core.cycle.interim import Forecasted, Interim, InterimTotal, ProjectToDate
from styra.core.cycle.lines import LineToDate
from styra.core.figures import INVESTMENT, INVESTMENT_TOTAL, OPERATING, RESULT, TOTALS
from styra.core.money import to_tkr


def interim_figures(interim: Interim) -> dict[str, Decimal]:
    """Every name an interim narrative may use, with its figure in tkr."""
    changes = {c.label: c for c in interim.changes if not c.total}
    net_change = next((c for c in interim.changes if c.total), None)
    found: dict[str, Decimal] = {}
    for f in interim.lines:
        if isinstance(f.row, LineToDate) and f.row.line.id:
            found |= _row(f"{OPERATING}.{f.row.line.id}", f, changes.get(f.row.line.label))
    for key, total in zip(TOTALS, interim.totals, strict=True):
        found |= _total(f"{OPERATING}.{key}", total, net_change if key == TOTALS[-1] else None)
    for f in interim.projects:
        if isinstance(f.row, ProjectToDate):
            found |= _row(f"{INVESTMENT}.{f.row.project.object_id}", f, None)
    found |= _total(f"{INVESTMENT}.{INVESTMENT_TOTAL}", interim.project_total, None)
    net = interim.totals[-1]
    found[f"{RESULT}.budget"] = to_tkr(-net.annual_budget)
    if net.forecast is not None:
        found[f"{RESULT}.prognos"] = to_tkr(-net.forecast)
    return found


def _figures(
    prefix: str,
    *,
    budget: Decimal,
    outcome: Decimal,
    annual: Decimal,
    forecast: Decimal | None,
    change: ForecastChange | None,
) -> dict[str, Decimal]:
    found = {
        f"{prefix}.budget": to_tkr(budget),
        f"{prefix}.utfall": to_tkr(outcome),
        f"{prefix}.avvikelse": to_tkr(budget - outcome),
        f"{prefix}.helarsbudget": to_tkr(annual),
    }
    if forecast is not None:
        found[f"{prefix}.prognos"] = to_tkr(forecast)
        found[f"{prefix}.prognosavvikelse"] = to_tkr(annual - forecast)
    if change is not None:
        found[f"{prefix}.prognosforandring"] = to_tkr(change.change)
    return found


def _row(prefix: str, f: Forecasted, change: ForecastChange | None) -> dict[str, Decimal]:
    forecast = None if f.forecast is None else f.forecast.amount
    row = f.row
    return _figures(
        prefix,
        budget=row.budget,
        outcome=row.outcome,
        annual=row.annual_budget,
        forecast=forecast,
        change=change,
    )


def _total(prefix: str, t: InterimTotal, change: ForecastChange | None) -> dict[str, Decimal]:
    return _figures(
        prefix,
        budget=t.budget,
        outcome=t.outcome,
        annual=t.annual_budget,
        forecast=t.forecast,
        change=change,
    )
