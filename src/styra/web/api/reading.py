"""What the API reads: the stored rows beside the core's computed follow-up, as the web
pages show them (``overview.followup_of``, ``lineage.shown``, ``cycle.period_to_date``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.urls import reverse

from styra.core.accounts import Row
from styra.core.followup import FollowUp
from styra.report.formats import RENDERERS
from styra.web.followup import cache as keys
from styra.web.followup import cycle, lineage
from styra.web.followup import models as m
from styra.web.followup.access import Access
from styra.web.followup.overview import followup_of


def number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def period_ref(p: m.Period) -> dict[str, Any]:
    return {"slug": p.slug, "year": p.year, "kind": p.kind, "state": p.state, "locked": p.is_locked}


def committee(access: Access) -> dict[str, Any]:
    c = access.committee
    return {
        "slug": c.slug,
        "name": c.name,
        "municipality": c.municipality.name,
        "municipality_code": c.municipality.code,
        "role": access.role,
        "periods": [period_ref(p) for p in c.periods.all()],
    }


def period(access: Access) -> dict[str, Any]:
    p = access.the_period
    f = followup_of(p)
    return {
        **period_ref(p),
        "committee": access.committee.slug,
        "start": p.start,
        "end": p.end,
        "report_date": p.report_date,
        "revision": p.revision,
        "status": f.committee.status.value,
    }


def _entered(p: m.Period) -> dict[int, dict[str, Any]]:
    """Indicator pk → who last changed its value, and when (the trail's newest row)."""
    rows = (
        m.Change.objects.filter(period=p, item_kind=m.ItemKind.RESULT, field="value")
        .order_by("item_id", "-at", "-id")
        .values("item_id", "by_name", "at")
    )
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        found.setdefault(row["item_id"], {"by": row["by_name"], "at": row["at"]})
    return found


def _lineage(ind: m.Indicator) -> dict[str, Any] | None:
    shown = lineage.shown(ind)
    if shown is None:
        return None
    return {
        "source": shown.kind,
        "metric": shown.metric,
        "rule": shown.rule,
        "file": shown.file,
        "sha256": shown.sha256,
        "rows": shown.rows,
        "computed": number(lineage.computed_value(ind)),
        "entered_by_hand": shown.by_hand,
        "justification": shown.justification,
    }


def indicator(
    access: Access, ind: m.Indicator, f: FollowUp, entered: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    computed = next(
        r for g in f.goals for r in g.indicators if r.indicator.id == ind.key
    ).assessment
    r = ind.result
    return {
        "id": ind.pk,
        "key": ind.key,
        "name": ind.name,
        "goal": ind.goal.key,
        "unit": ind.unit,
        "target_kind": ind.target_kind,
        "target_value": number(ind.target_value),
        "target_wording": ind.target_wording,
        "baseline": number(ind.baseline),
        "derived": bool(ind.derived),
        "value": number(r.value),
        "value_justification": r.value_justification,
        "analysis": r.analysis,
        "version": r.version,
        "status": computed.status.value,
        "automatic_status": computed.automatic.value,
        "reason": computed.reason,
        "editable": access.may_edit(ind) and not access.the_period.is_locked,
        "lineage": _lineage(ind),
        "entered": entered.get(ind.pk),
    }


def _stored_indicators(p: m.Period) -> list[m.Indicator]:
    return list(
        m.Indicator.objects.filter(goal__period=p).select_related("goal", "result", "owner")
    )


def indicators(access: Access) -> list[dict[str, Any]]:
    """Every indicator of the period. The rows are kept in the shared cache under the keys
    the overview uses (``followup.cache``: the period's revision, its municipality's trail
    mark, the code), so a read costs a lookup; only ``editable`` is the token's own."""
    p = access.the_period
    found_key = keys.key("api-indicators", *keys.period_inputs(p))
    rows: list[dict[str, Any]] | None = cache.get(found_key)
    if rows is None:
        f, entered = keys.followup(p), _entered(p)
        rows = [indicator(access, ind, f, entered) for ind in _stored_indicators(p)]
        cache.set(found_key, rows, keys.SECONDS)
    light = m.Indicator.objects.filter(goal__period=p).only("pk", "derived", "owner_id")
    mine = {ind.pk for ind in light if access.may_edit(ind)}
    return [{**row, "editable": row["id"] in mine and not p.is_locked} for row in rows]


def one_indicator(access: Access, ind: m.Indicator) -> dict[str, Any]:
    p = access.the_period
    return indicator(access, ind, followup_of(p), _entered(p))


def goals(access: Access) -> list[dict[str, Any]]:
    p = access.the_period
    f, entered = followup_of(p), _entered(p)
    by_goal: dict[int, list[dict[str, Any]]] = {}
    for ind in _stored_indicators(p):
        by_goal.setdefault(ind.goal_id, []).append(indicator(access, ind, f, entered))
    status = {g.goal.id: g.status.value for g in f.goals}
    return [
        {
            "id": g.pk,
            "key": g.key,
            "name": g.name,
            "status": status.get(g.key, ""),
            "override_status": g.override_status,
            "indicators": by_goal.get(g.pk, []),
        }
        for g in p.goals.all()
    ]


def _row(row: Row, stored: Any) -> dict[str, Any]:
    return {
        "id": None if stored is None else stored.pk,
        "key": row.key,
        "label": row.label,
        "kind": row.kind.value,
        "budget": number(row.budget),
        "outcome": number(row.outcome),
        "deviation": number(row.deviation),
        "previous": number(row.previous),
        "analysis": None if stored is None else stored.analysis,
        "version": None if stored is None else stored.version,
    }


def operating(access: Access) -> list[dict[str, Any]]:
    p = access.the_period
    lines = {ln.label: ln for ln in p.report_lines.all()}
    rows = followup_of(p).operating.rows
    return [_row(r, lines.get(r.label) if r.kind.value == "line" else None) for r in rows]


def investment(access: Access) -> list[dict[str, Any]]:
    return [_row(r, None) for r in followup_of(access.the_period).investment.rows]


def forecast_row(row: cycle.Row) -> dict[str, Any]:
    f = row.forecast
    return {
        "kind": row.kind,
        "id": row.pk,
        "label": row.label,
        "method": None if f is None else f.method,
        "amount": None if f is None else number(f.amount),
        "comment": "" if f is None else f.comment,
        "version": 1 if f is None else f.version,
        "proposals": [
            {"method": x.method.value, "amount": number(x.amount), "note": x.note}
            for x in row.proposals
        ],
    }


def indicator_forecast(row: cycle.IndicatorRow) -> dict[str, Any]:
    f = row.forecast
    return {
        "id": row.indicator.pk,
        "key": row.indicator.key,
        "forecast_value": None if f is None else number(f.forecast_value),
        "forecast_status": "" if f is None else f.forecast_status,
        "forecast_reason": "" if f is None else f.forecast_reason,
        "version": 1 if f is None else f.version,
    }


def forecasts(access: Access) -> dict[str, Any]:
    found = cycle.period_to_date(access.the_period)
    if found is None:
        return {"available": False, "lines": [], "projects": [], "indicators": []}
    return {
        "available": True,
        "lines": [forecast_row(r) for r in found.lines],
        "projects": [forecast_row(r) for r in found.projects],
        "indicators": [indicator_forecast(r) for r in found.indicators],
    }


def version(access: Access, v: m.ReportVersion) -> dict[str, Any]:
    base = {"slug": access.committee.slug, "period": access.the_period.slug, "number": v.number}
    downloads = {
        fmt: reverse("api-v1:version_download", kwargs={**base, "fmt": fmt})
        for fmt in sorted(RENDERERS)
    }
    archive = reverse("api-v1:version_archive", kwargs=base) if v.archive_sha256 else None
    return {
        "number": v.number,
        "created_at": v.created_at,
        "reason": v.reason,
        "downloads": downloads,
        "archive": archive,
    }


def versions(access: Access) -> list[dict[str, Any]]:
    found = access.the_period.versions.defer("snapshot", "data", "archive")
    return [version(access, v) for v in found]
