"""The database out to the folder format: the same files a person would write by hand.

Every scalar is written as text, since the folder loader reads every scalar as text; SIE
files and the source exports (``sources/``) are written back byte for byte as they were
imported, and a value computed from an export is written as its source, so the folder
loads with the same values and the same lineage.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _

from styra.folder.history import HISTORY_FILE
from styra.folder.interim import FORECAST_FILE
from styra.web.followup import models as m
from styra.web.followup import source_files
from styra.web.followup.folder_import import tkr_text
from styra.web.followup.monthly import follow_up_period

MISSING_LEDGER = _("perioden saknar huvudbok eller budget (läs in SIE-filerna först)")
LEDGER_FILES = {"ledger": "ledger.se", "budget": "budget.se", "previous": "previous.se"}


class ExportError(Exception):
    """The period lacks something the folder format requires (a ledger or a budget)."""


def text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def export_folder(period: m.Period, dest: Path) -> None:
    if period.ledger_id is None or period.budget_id is None:
        raise ExportError(str(MISSING_LEDGER))
    dest.mkdir(parents=True, exist_ok=True)
    files = folder_files(period)
    for name, content in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def export_zip(period: m.Period) -> bytes:
    if period.ledger_id is None or period.budget_id is None:
        raise ExportError(str(MISSING_LEDGER))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in folder_files(period).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def folder_files(period: m.Period) -> dict[str, bytes]:
    kept = source_files.stored(period)
    files = {
        "committee.yaml": dump(_committee(period, kept)),
        "governance.yaml": dump(_governance(period.governance)),
        "goals.yaml": dump(_goals(period, kept)),
        "accounts.yaml": dump(_accounts(period)),
        "report.yaml": dump(_report(period)),
    }
    if not period.is_annual:
        files[FORECAST_FILE] = dump(forecast_file(period))
    history = history_file(period)
    if history["forecasts"]:
        files[HISTORY_FILE] = dump(history)
    out = {name: content.encode("utf-8") for name, content in files.items()}
    for section in period.narrative.all():
        out[f"narrative/{section.key}.md"] = section.markdown.encode("utf-8")
    for kind, name in LEDGER_FILES.items():
        imp_id = getattr(period, f"{kind}_id")
        if imp_id is not None:
            content = m.LedgerImport.objects.values_list("content", flat=True).get(pk=imp_id)
            out[name] = bytes(content)
    return kept | out  # a generated file wins over a source of the same name


def _committee(period: m.Period, kept: dict[str, bytes]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "committee": period.committee.name,
        "municipality": period.committee.municipality.name,
        "period": {
            "year": str(period.year),
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "report_date": period.report_date.isoformat(),
        },
        "ledger": LEDGER_FILES["ledger"],
        "budget": LEDGER_FILES["budget"],
    }
    if period.previous_id is not None:
        data["previous_ledger"] = LEDGER_FILES["previous"]
    key = getattr(period, "sharing_key", None)
    if key is not None:
        kolada = source_files.kolada_reference(key, kept)
        data["sharing"] = {
            "basis": key.basis,
            "reference_date": key.reference_date.isoformat(),
            "source": key.source,
            "rounding": key.rounding,
            **({"kolada": kolada} if kolada else {}),
            "members": [
                {
                    "code": w.member.municipality.code,
                    "name": w.member.label,
                    "weight": text(w.weight),
                }
                for w in key.weights.select_related("member__municipality")
            ],
        }
    return data


def _governance(g: m.Governance) -> dict[str, Any]:
    policy: dict[str, Any] = {"kind": g.partial_kind}
    if g.partial_kind != m.PartialKind.NONE:
        policy["share"] = text(g.partial_share)
    head: dict[str, Any] = {"model": g.model}
    if g.description:
        head["description"] = g.description
    return head | {
        "partial_policy": policy,
        "rules": {
            "partial_share": text(g.rollup_share),
            "empty": g.rollup_empty,
            "all_missing": g.rollup_all_missing,
            "principles": list(g.principles),
        },
    }


def _override(item: m.Goal | m.Result) -> dict[str, Any] | None:
    if not item.override_status:
        return None
    found: dict[str, Any] = {
        "status": item.override_status,
        "justification": item.override_justification,
    }
    if item.override_by:
        found["by"] = item.override_by
    if item.override_at:
        found["date"] = item.override_at.isoformat()
    return found


def _indicator(ind: m.Indicator, kept: dict[str, bytes]) -> dict[str, Any]:
    result = ind.result
    target = {"kind": ind.target_kind, "value": text(ind.target_value)}
    if ind.target_wording:
        target["wording"] = ind.target_wording
    # A value computed from an export at import is written as its source, whose files are
    # kept; one replaced by hand is written as the value, since the loader would put the
    # computed value back (see DECISIONS.md).
    computed = source_files.exported_source(ind, kept)
    source = {"kind": "ledger", "metric": ind.derived} if ind.derived else computed or {}
    optional = {
        "unit": ind.unit or None,
        "value": None if computed else text(result.value),
        "history": history_map(ind),
        "baseline": text(ind.baseline),
        "target": target,
        "override": _override(result),
        "analysis": result.analysis or None,
        "source": source or None,
    }
    return {"id": ind.key, "name": ind.name} | {k: v for k, v in optional.items() if v is not None}


def history_map(ind: m.Indicator) -> dict[str, str] | None:
    """``history: {"2022": "13.5"}``, every earlier year the database holds, or None."""
    years = {str(h.year): f"{h.value:f}" for h in ind.history.all()}
    return dict(sorted(years.items())) or None


def _goals(period: m.Period, kept: dict[str, bytes]) -> dict[str, Any]:
    goals = []
    found = period.goals.prefetch_related(
        "indicators__result", "indicators__history", "council_goals"
    )
    for goal in found:
        item: dict[str, Any] = {"id": goal.key, "name": goal.name}
        links = sorted(goal.council_goals.all(), key=lambda c: (c.position, c.key))
        if links:
            item["council_goals"] = [c.key for c in links]
        override = _override(goal)
        if override:
            item["override"] = override
        if goal.no_indicators:
            item["no_indicators"] = goal.no_indicators
        item["indicators"] = [_indicator(i, kept) for i in goal.indicators.all()]
        goals.append(item)
    return {"goals": goals}


def _ranges(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _line(line: m.ReportLine) -> dict[str, Any]:
    found: dict[str, Any] = {"id": line.key} if line.key else {}
    found |= {"label": line.label, "section": line.section, "accounts": _ranges(line.accounts)}
    if line.profile not in (None, ""):
        found["profile"] = line.profile
    return found | ({"analysis": line.analysis} if line.analysis else {})


def _choice(name: str, key: str, f: m.Forecast) -> dict[str, Any]:
    """A method as its name (the loader computes its figure), a typed amount in tkr."""
    item: dict[str, Any] = {name: key}
    if f.method:
        item["method"] = f.method
    else:
        assert f.amount is not None
        item["amount"] = tkr_text(f.amount)
    return item | ({"comment": f.comment} if f.comment else {})


def forecast_file(period: m.Period) -> dict[str, Any]:
    """forecast.yaml: the stored choices per line, project and indicator."""
    stored = m.Forecast.objects.filter(period=period, amount__isnull=False)
    by_line = {f.line_id: f for f in stored if f.line_id}
    by_project = {f.project_id: f for f in stored if f.project_id}
    operating = [
        _choice("line", line.key or line.label, by_line[line.pk])
        for line in period.report_lines.all()
        if line.pk in by_line
    ]
    investment = [
        _choice("project", p.object_id, by_project[p.pk])
        for p in period.projects.all()
        if p.pk in by_project
    ]
    indicators = []
    for f in m.IndicatorForecast.objects.filter(indicator__goal__period=period).select_related(
        "indicator"
    ):
        if f.forecast_status:
            status = {"status": f.forecast_status, "reason": f.forecast_reason}
            indicators.append({"id": f.indicator.key} | status)
        elif f.forecast_value is not None:
            indicators.append({"id": f.indicator.key, "value": f"{f.forecast_value:f}"})
    return {"operating": operating, "investment": investment, "indicators": indicators}


def earlier_periods(period: m.Period) -> list[m.Period]:
    """The committee's periods of the same fiscal year that end before this one, oldest first."""
    found = m.Period.objects.filter(
        committee_id=period.committee_id, start=period.start, end__lt=period.end
    ).exclude(pk=period.pk)
    return list(found.order_by("end", "pk"))


def forecast_name(period: m.Period) -> str:
    """ "Delårsrapport januari–augusti 2024": the kind and the months covered."""
    to_date = follow_up_period(period)
    if to_date is None:
        return str(period)
    return f"{to_date.kind.label.capitalize()} {to_date.text}"


def _history_entry(earlier: m.Period) -> dict[str, Any] | None:
    stored = m.Forecast.objects.filter(period=earlier, amount__isnull=False).select_related(
        "line", "project"
    )
    operating, investment = [], []
    for f in sorted(stored, key=lambda f: (f.line is None, _position(f))):
        assert f.amount is not None
        comment = {"comment": f.comment} if f.comment else {}
        if f.line is not None:
            key = f.line.key or f.line.label
            operating.append({"line": key, "amount": tkr_text(f.amount)} | comment)
        elif f.project is not None:
            investment.append({"project": f.project.object_id, "amount": tkr_text(f.amount)})
    if not operating and not investment:
        return None
    entry: dict[str, Any] = {"end": earlier.end.isoformat(), "name": forecast_name(earlier)}
    return entry | {"operating": operating, "investment": investment}


def _position(f: m.Forecast) -> int:
    item = f.line if f.line is not None else f.project
    return item.position if item is not None else 0


def history_file(period: m.Period) -> dict[str, Any]:
    """forecast-history.yaml: the forecasts of the committee's earlier periods of the same
    fiscal year (end before this period's), oldest first, with their stored amounts; and
    those an imported history file gave for periods this database does not hold."""
    entries = {}
    for earlier in earlier_periods(period):
        entry = _history_entry(earlier)
        if entry is not None:
            entries[entry["end"]] = entry
    for entry in period.imported_history or []:
        if isinstance(entry, dict) and entry.get("end") and entry["end"] < period.end.isoformat():
            entries.setdefault(str(entry["end"]), _in_order(entry))
    return {"forecasts": [entries[end] for end in sorted(entries)]}


def _ordered(item: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: item[k] for k in keys if k in item}


def _in_order(entry: dict[str, Any]) -> dict[str, Any]:
    """An imported entry with its keys in the file's order (PostgreSQL's JSONB sorts them)."""
    found = _ordered(entry, ("end", "name"))
    found["operating"] = [
        _ordered(i, ("line", "amount", "comment")) for i in entry.get("operating", [])
    ]
    found["investment"] = [_ordered(i, ("project", "amount")) for i in entry.get("investment", [])]
    return found


def _accounts(period: m.Period) -> dict[str, Any]:
    plan = period.account_plan
    data: dict[str, Any] = {
        "operating": {
            "scope": _ranges(plan.scope),
            "totals": {
                "revenue": plan.total_revenue,
                "cost": plan.total_cost,
                "net": plan.net_result,
            },
            "lines": [_line(line) for line in period.report_lines.all()],
        }
    }
    limit = {
        "tkr": text(plan.large_deviation_tkr),
        "share": text(plan.large_deviation_share),
    }
    if any(limit.values()):
        data["operating"]["large_deviation"] = {k: v for k, v in limit.items() if v}
    projects = list(period.projects.all())
    if projects:
        data["investment"] = {
            "dimension": plan.investment_dimension,
            "accounts": _ranges(plan.investment_accounts),
            "total_label": plan.investment_total_label,
            "projects": [{"label": p.label, "object": p.object_id} for p in projects],
        }
    return data


def _report(period: m.Period) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if period.wording:
        data["wording"] = dict(sorted(period.wording.items()))  # JSONB keeps its own order
    sections = [
        {"key": s.key, "title": s.title, "file": f"narrative/{s.key}.md"}
        for s in period.narrative.all()
    ]
    if sections:
        data["narrative"] = sections
    return data
