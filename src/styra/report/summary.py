"""A readable summary of the follow-up for the terminal."""

from __future__ import annotations

from styra.core.accounts import Row
from styra.core.followup import FollowUp
from styra.core.money import format_number
from styra.core.municipality import MunicipalityFollowUp
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


def municipality_summary(m: MunicipalityFollowUp) -> str:
    """The compiled follow-up: the council's goals, then each committee's verdict and result."""
    out = [f"{m.name}, {m.period.year}", ""]
    if m.example_data:
        out += [_("Exempeldata: nämnder, mål och belopp är påhittade."), ""]
    out += [_("Kommunfullmäktiges mål"), "  " + m.council.sentence]
    for g in m.council.goals:
        out.append(f"  {g.status.symbol} {g.goal.id} {g.goal.name}: {g.status.label}")
        out += [
            f"      {c.status.symbol} {c.committee}, {c.result.goal.id} {c.result.goal.name}"
            for c in g.linked
        ]
    rows = [
        Row(
            f.input.committee.name,
            f.operating.net.kind,
            f.operating.net.budget,
            f.operating.net.outcome,
        )
        for f in m.committees
    ]
    width = max(len(r.label) for r in (*rows, m.operating_total))
    head = f"  {'':<{width}} " + " ".join(
        f"{h:>10}" for h in (_("Budget"), _("Utfall"), _("Avvikelse"))
    )
    out += ["", _("Nämndernas bedömning")]
    out += [
        f"  {f.committee.status.symbol} {f.input.committee.name}: {f.committee.status.label}"
        for f in m.committees
    ]
    out += ["", _("Driftredovisning per nämnd, nettokostnad (tkr)"), head]
    out += [_table_row(r, width) for r in (*rows, m.operating_total)]
    return "\n".join(out) + "\n"
