"""A readable summary of the follow-up for the terminal."""

from __future__ import annotations

from styra.core.accounts import Row
from styra.core.followup import FollowUp
from styra.core.money import format_number
from styra.i18n import _


def _table_row(r: Row, width: int) -> str:
    cells = (format_number(v) for v in (r.budget_tkr, r.outcome_tkr, r.deviation_tkr))
    return f"  {r.label:<{width}} " + " ".join(f"{c:>10}" for c in cells)


def summary(f: FollowUp) -> str:
    data = f.input
    out = [f"{data.committee.name}, {data.period.year} ({data.committee.municipality})", ""]
    out += [_("Måluppfyllelse"), "  " + f.sentences["goal_summary"], ""]
    for g in f.goals:
        out.append(f"  {g.status.symbol} {g.goal.name}: {g.status.label}")
        for r in g.indicators:
            ind, a = r.indicator, r.assessment
            value = ind.value_text() or "–"
            out.append(
                f"      {a.status.symbol} {ind.name} — {value} / {ind.target_text()}: "
                f"{a.status.label}"
            )
    width = max(len(r.label) for r in (*f.operating.rows, *f.investment.rows))
    head = f"  {'':<{width}} " + " ".join(
        f"{h:>10}" for h in (_("Budget"), _("Utfall"), _("Avvikelse"))
    )
    out += ["", _("Driftredovisning (tkr)"), head]
    out += [_table_row(r, width) for r in f.operating.rows]
    out += ["", "  " + f.sentences["result"]]
    if "sharing" in f.sentences:
        out.append("  " + f.sentences["sharing"])
    out += ["", _("Investeringsredovisning (tkr)"), head]
    out += [_table_row(r, width) for r in f.investment.rows]
    out += ["", "  " + f.sentences["investment"]]
    return "\n".join(out) + "\n"
