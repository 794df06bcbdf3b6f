"""The computed follow-up as plain data (for JSON): every figure in kronor and in tkr."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from styra.core.accounts import MultiYear, Row, YearResult
from styra.core.cycle.history import Accuracy, forecast_accuracy
from styra.core.cycle.interim import Forecasted, Interim, InterimTotal, ProjectToDate
from styra.core.cycle.lines import LineToDate
from styra.core.followup import DerivedValue, FollowUp, GoalResult, IndicatorResult, PeriodKind
from styra.core.goals import Comparison, Indicator, Override
from styra.core.money import round_half_up, to_tkr
from styra.core.rollup import Rollup
from styra.core.trend import indicator_trend


def number(value: Decimal | None) -> str | None:
    """Decimals travel as strings in JSON, so no figure passes through a float."""
    return None if value is None else f"{value:f}"


# What only a year that has ended has: an interim follow-up has these to date, with its
# forecasts and goals by forecast, under "interim".
YEAR_END = (
    "goals",
    "committee_assessment",
    "operating_account",
    "deviation_analysis",
    "investment_account",
    "multi_year",
    "net_result",
    "budgeted_result",
    "budget_deviation",
    "sharing",
    "sentences",
)


def followup_data(f: FollowUp, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    found = _followup(f, extra)
    interim = (extra or {}).get("interim")
    if isinstance(interim, Interim):
        derived = {k for k, rule in f.input.derived.items() if rule is DerivedValue.NET_RESULT_TKR}
        net = interim.totals[-1]
        to_date = {
            r.indicator.id: to_tkr(net.deviation)
            if r.indicator.id in derived
            else r.indicator.value
            for g in f.goals
            for r in g.indicators
        }
        for key in YEAR_END:
            del found[key]
        found["interim"] = interim_data(interim, (extra or {}).get("lineage", {}), to_date)
    history = (extra or {}).get("history")
    if history and f.input.period.kind is PeriodKind.ANNUAL:
        found["forecast_accuracy"] = accuracy_data(forecast_accuracy(history, f.operating.rows))
    return found


def _share(value: Decimal | None) -> str | None:
    """A share as per cent with one decimal, half away from zero."""
    if value is None:
        return None
    return number(round_half_up(value * 100, 1))


def accuracy_data(a: Accuracy) -> dict[str, Any]:
    """Prognossäkerhet: each forecast of the year beside the year's outcome, per line."""
    return {
        "description": (
            "difference = forecast - outcome (positive: the year ended better than "
            "forecast); per_cent = difference / |outcome| * 100"
        ),
        "forecasts": [{"end": p.end.isoformat(), "name": p.title} for p in a.forecasts],
        "rows": [
            {
                "label": r.label,
                "id": r.key or None,
                "total": r.total,
                **both(outcome=r.outcome),
                "forecasts": [
                    {
                        "end": p.end.isoformat(),
                        **both(forecast=r.forecasts[i], difference=r.difference(i)),
                        "per_cent": _share(r.share(i)),
                    }
                    for i, p in enumerate(a.forecasts)
                ],
            }
            for r in a.rows
        ],
    }


def _changes(i: Interim) -> dict[str, Any] | None:
    if i.previous is None:
        return None
    return {
        "previous": {"end": i.previous.end.isoformat(), "name": i.previous.title},
        "description": "change = previous - current (positive: better than last time)",
        "rows": [
            {
                "label": c.label,
                "total": c.total,
                **both(previous=c.previous, current=c.current, change=c.change),
                "reason": c.reason or None,
            }
            for c in i.changes
        ],
    }


def _followup(f: FollowUp, extra: dict[str, Any] | None) -> dict[str, Any]:
    data = f.input
    return {
        "committee": data.committee.name,
        "municipality": data.committee.municipality,
        "period": {
            "year": data.period.year,
            "kind": data.period.kind.value,
            "start": data.period.start.isoformat(),
            "end": data.period.end.isoformat(),
            "report_date": data.period.report_date.isoformat(),
        },
        "governance": {
            "model": data.governance.model,
            "description": data.governance.description,
            "partial_policy": {
                "kind": data.governance.partial_policy.kind.value,
                "share": number(data.governance.partial_policy.share),
                "description": data.governance.partial_policy.describe(),
            },
            "principles": list(data.governance.rules.principles),
        },
        "goals": [_goal(g, (extra or {}).get("lineage", {}), data.period.year) for g in f.goals],
        "committee_assessment": rollup_data(f.committee),
        "operating_account": {
            "has_previous": f.operating.has_previous,
            "rows": [_row(r) for r in f.operating.rows],
        },
        "deviation_analysis": [
            {
                "label": n.row.label,
                "deviation_tkr": number(n.row.deviation_tkr),
                "analysis": n.analysis,
            }
            for n in f.deviations
        ],
        "investment_account": {"rows": [_row(r) for r in f.investment.rows]},
        "multi_year": _multi_year(f.multi_year),
        **_result(f.result),
        "sharing": _sharing(f),
        "sentences": dict(f.sentences),
        "narrative": [
            {"key": n.key, "title": n.title, "markdown": n.markdown} for n in f.narrative
        ],
    }


def _override(o: Override | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "status": o.status.value,
        "label": o.status.label,
        "justification": o.justification,
        "by": o.by,
        "date": o.at.isoformat() if o.at else None,
    }


def _trend(ind: Indicator, year: int) -> dict[str, Any] | None:
    found = indicator_trend(ind, year)
    if found is None:
        return None
    return {
        "direction": found.trend.value,
        "word": found.trend.word,
        "symbol": found.trend.symbol,
        "compared_with": {"year": found.year, "value": number(found.previous)},
        "text": found.sentence(),
    }


def indicator_data(r: IndicatorResult, lineage: dict[str, Any], year: int) -> dict[str, Any]:
    ind, a = r.indicator, r.assessment
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "value": number(ind.value),
        "value_text": ind.value_text(),
        "baseline": number(ind.baseline),
        "target": {
            "kind": ind.target.kind.value,
            "value": number(ind.target.value),
            "text": ind.target_text(),
        },
        "assessment": {
            "status": a.status.value,
            "label": a.status.label,
            "symbol": a.status.symbol,
            "automatic": a.automatic.value,
            "reason": a.reason,
            "override": _override(a.override),
        },
        "analysis": ind.analysis,
        "lineage": lineage.get(ind.id),
        "history": [{"year": y, "value": number(v)} for y, v in ind.history],
        "trend": _trend(ind, year),
        "comparison": _comparison(ind.comparison),
    }


def _multi_year(m: MultiYear | None) -> dict[str, Any] | None:
    """The operating account's outcome over the years read, oldest first."""
    if m is None:
        return None
    return {
        "years": list(m.years),
        "rows": [
            {
                "label": label,
                "kind": kind.value,
                "kronor": [number(v) for v in values],
                "tkr": [number(to_tkr(v)) for v in values],
            }
            for label, kind, values in m.rows
        ],
    }


def _comparison(c: Comparison | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "year": c.year,
        "group": c.group,
        "group_mean": number(c.group_mean),
        "group_count": c.group_count,
        "group_size": c.group_size,
        "national": number(c.national),
        "source": c.source,
    }


def rollup_data(r: Rollup) -> dict[str, Any]:
    return {
        "status": r.status.value,
        "label": r.status.label,
        "verb": r.status.verb,
        "reason": r.reason,
        "counts": {s.value: n for s, n in r.counts},
    }


def _goal(g: GoalResult, lineage: dict[str, Any], year: int) -> dict[str, Any]:
    return {
        "id": g.goal.id,
        "name": g.goal.name,
        "status": g.status.value,
        "label": g.status.label,
        "automatic": rollup_data(g.rollup),
        "override": _override(g.goal.override),
        "no_indicators": g.goal.no_indicators or None,
        "council_goals": list(g.goal.council_goals),
        "indicators": [indicator_data(r, lineage, year) for r in g.indicators],
    }


def _row(r: Row) -> dict[str, Any]:
    return {
        "label": r.label,
        "kind": r.kind.value,
        "kronor": {
            "budget": number(r.budget),
            "outcome": number(r.outcome),
            "deviation": number(r.deviation),
            "previous": number(r.previous),
        },
        "tkr": {
            "budget": number(r.budget_tkr),
            "outcome": number(r.outcome_tkr),
            "deviation": number(r.deviation_tkr),
            "previous": number(r.previous_tkr),
        },
    }


def _result(r: YearResult) -> dict[str, Any]:
    """The net result and the deviation from budget: two figures, each in kronor and tkr."""
    return {
        "net_result": {"kronor": number(r.net_result), "tkr": number(r.net_result_tkr)},
        "budgeted_result": {
            "kronor": number(r.budgeted_result),
            "tkr": number(r.budgeted_result_tkr),
        },
        "budget_deviation": {
            "kronor": number(r.budget_deviation),
            "tkr": number(r.budget_deviation_tkr),
        },
    }


def _sharing(f: FollowUp) -> dict[str, Any] | None:
    key = f.input.sharing_key
    if key is None:
        return None
    return {
        "shared": "budget_deviation",
        "total_tkr": number(f.result.budget_deviation_tkr),
        "basis": key.basis,
        "reference_date": key.reference_date.isoformat(),
        "source": key.source,
        "rounding": key.rounding.value,
        "shares": [
            {
                "code": s.member.code,
                "name": s.member.name,
                "weight": number(s.member.weight),
                "exact_tkr": number(round(s.exact, 4)),
                "tkr": number(s.amount),
            }
            for s in f.shares
        ],
    }


def both(**figures: Decimal | None) -> dict[str, Any]:
    return {
        "kronor": {k: number(v) for k, v in figures.items()},
        "tkr": {k: number(None if v is None else to_tkr(v)) for k, v in figures.items()},
    }


def _forecast(f: Forecasted) -> dict[str, Any]:
    row, chosen = f.row, f.forecast
    return {
        **both(
            budget_to_date=row.budget,
            outcome_to_date=row.outcome,
            deviation_to_date=row.deviation,
            annual_budget=row.annual_budget,
            forecast=None if chosen is None else chosen.amount,
            forecast_deviation=f.deviation,
        ),
        "profile": {
            "kind": row.budget_months.profile.kind.value,
            "label": row.budget_months.profile.kind.label,
            "shares": [number(x) for x in row.budget_months.profile.shares] or None,
            "note": row.budget_months.note or None,
        },
        "method": None if chosen is None or chosen.method is None else chosen.method.value,
        "method_label": None if chosen is None else chosen.label,
        "comment": None if chosen is None else chosen.comment,
        "proposals": [
            {
                "method": p.method.value,
                "label": p.method.label,
                "kronor": number(p.amount),
                "tkr": number(None if p.amount is None else to_tkr(p.amount)),
                "note": p.note or None,
            }
            for p in row.proposals
        ],
    }


def _line(f: Forecasted) -> dict[str, Any]:
    assert isinstance(f.row, LineToDate)
    line = f.row.line
    return {
        "label": line.label,
        "id": line.id or None,
        "section": line.section.value,
        **_forecast(f),
    }


def _project(f: Forecasted) -> dict[str, Any]:
    assert isinstance(f.row, ProjectToDate)
    project = f.row.project
    return {"label": project.label, "object": project.object_id, **_forecast(f)}


def _total(t: InterimTotal) -> dict[str, Any]:
    return {
        "label": t.label,
        **both(
            budget_to_date=t.budget,
            outcome_to_date=t.outcome,
            deviation_to_date=t.deviation,
            annual_budget=t.annual_budget,
            forecast=t.forecast,
            forecast_deviation=t.forecast_deviation,
        ),
    }


def interim_data(
    i: Interim, lineage: dict[str, Any], to_date: dict[str, Decimal | None] | None = None
) -> dict[str, Any]:
    """The period to date: lines and projects with their forecasts, goals by forecast.

    ``to_date`` gives each indicator's value to the period's end (measured, or computed
    from the exports; a derived one from the net deviation to date).
    """
    goals = []
    for g in i.goals:
        goal = _goal(g, lineage, i.period.fiscal_start.year)
        for ind in goal["indicators"]:
            ind["value_to_date"] = number((to_date or {}).get(ind["id"]))
            given = i.indicator_forecasts.get(ind["id"])
            ind["forecast"] = None
            if given is not None:
                ind["forecast"] = {
                    "value": number(given.value),
                    "status": None if given.status is None else given.status.value,
                    "reason": given.reason or None,
                }
        goals.append(goal)
    return {
        "kind": i.period.kind.value,
        "label": i.period.kind.label,
        "text": i.period.text,
        "end": i.period.end.isoformat(),
        "months": i.period.elapsed,
        "forecast_unit": "tkr",
        "operating": {
            "rows": [_line(f) for f in i.lines],
            "totals": [_total(t) for t in i.totals],
        },
        "investment": {
            "rows": [_project(f) for f in i.projects],
            "total": _total(i.project_total),
        },
        "goals": goals,
        "committee_assessment": rollup_data(i.committee),
        "forecast_changes": _changes(i),
    }
