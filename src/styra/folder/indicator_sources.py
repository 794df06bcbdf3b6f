"""Indicator values computed from source data (exports, Kolada) while loading a folder.

Each computed value replaces the indicator's entered value and keeps its lineage (the
file and its hash or the Kolada query, the rows used, the rule) for the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from styra.core.followup import DerivedValue, Period
from styra.core.goals import Goal, Indicator
from styra.i18n import _
from styra.problems import Problem, warning
from styra.sources import SourceCache, compute_indicator_value, parse_indicator_source
from styra.sources.metrics import kolada_history_and_comparison
from styra.sources.spec import IndicatorSource, SourceKind


def ledger_rule() -> str:
    """The rule sentence of a value derived from the ledger, as lineage shows it."""
    return _("Nettoresultatets avvikelse mot budget i tkr, ur driftredovisningen.")


@dataclass(frozen=True)
class _Context:
    folder: Path
    period: Period
    problems: list[Problem]
    lineage: dict[str, Any]
    cache: SourceCache = dataclasses.field(default_factory=SourceCache)  # one parse per export


def apply_sources(
    folder: Path,
    goals: tuple[Goal, ...],
    specs: Mapping[str, Mapping[str, str]],
    derived: Mapping[str, DerivedValue],
    *,
    period: Period,
    problems: list[Problem],
) -> tuple[tuple[Goal, ...], dict[str, Any]]:
    lineage: dict[str, Any] = {
        ident: {"kind": "ledger", "metric": rule.value, "rule": ledger_rule()}
        for ident, rule in derived.items()
    }
    context = _Context(folder, period, problems, lineage)
    updated = []
    for goal in goals:
        indicators = tuple(_computed(context, i, specs.get(i.id)) for i in goal.indicators)
        updated.append(dataclasses.replace(goal, indicators=indicators))
    return tuple(updated), lineage


def _computed(context: _Context, indicator: Indicator, spec: Mapping[str, str] | None) -> Indicator:
    folder, period, problems, lineage = (
        context.folder,
        context.period,
        context.problems,
        context.lineage,
    )
    if spec is None or spec.get("kind", "manual") in ("manual", "ledger"):
        return indicator
    field = _("indikator {id}: source").format(id=indicator.id)
    source, found = parse_indicator_source(spec, file="goals.yaml", field=field)
    problems.extend(found)
    if source is None:
        return indicator
    value, found = compute_indicator_value(source, folder, period, context.cache)
    problems.extend(found)
    if value is None:
        return indicator
    if indicator.value is not None and indicator.value != value.value:
        problems.append(
            warning(
                _("indikator {id}: det angivna värdet ersätts av det beräknade").format(
                    id=indicator.id
                ),
                file="goals.yaml",
                field=field,
                hint=_("ta bort »value» när värdet beräknas ur en källa"),
            )
        )
    lineage[indicator.id] = value.as_dict()
    updated = dataclasses.replace(indicator, value=value.value)
    if source.kind is SourceKind.KOLADA:
        updated = _with_kolada_years(updated, source, folder / source.file)
    return updated


def _with_kolada_years(indicator: Indicator, source: IndicatorSource, path: Path) -> Indicator:
    """The snapshot's earlier years fill the history (years written in goals.yaml win), and
    the group's and the country's values give the comparison."""
    years, comparison = kolada_history_and_comparison(source, path)
    given = dict(indicator.history)
    merged = tuple(sorted({**dict(years), **given}.items()))
    return dataclasses.replace(indicator, history=merged, comparison=comparison)
