"""The computed follow-up as plain data (for JSON): every figure in kronor and in tkr."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from styra.core.accounts import Row, YearResult
from styra.core.followup import FollowUp, GoalResult, IndicatorResult
from styra.core.goals import Override
from styra.core.rollup import Rollup


def number(value: Decimal | None) -> str | None:
    """Decimals travel as strings in JSON, so no figure passes through a float."""
    return None if value is None else f"{value:f}"


def followup_data(f: FollowUp, extra: dict[str, Any] | None = None) -> dict[str, Any]:
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
        "goals": [_goal(g, (extra or {}).get("lineage", {})) for g in f.goals],
        "committee_assessment": _rollup(f.committee),
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


def _indicator(r: IndicatorResult, lineage: dict[str, Any]) -> dict[str, Any]:
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
    }


def _rollup(r: Rollup) -> dict[str, Any]:
    return {
        "status": r.status.value,
        "label": r.status.label,
        "verb": r.status.verb,
        "reason": r.reason,
        "counts": {s.value: n for s, n in r.counts},
    }


def _goal(g: GoalResult, lineage: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": g.goal.id,
        "name": g.goal.name,
        "status": g.status.value,
        "label": g.status.label,
        "automatic": _rollup(g.rollup),
        "override": _override(g.goal.override),
        "no_indicators": g.goal.no_indicators or None,
        "indicators": [_indicator(r, lineage) for r in g.indicators],
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
