"""Where an indicator's value came from: the lineage kept at import, in Swedish for people.

A value computed from an export (tickets, phone queue, monitoring, Kolada) is stored at
folder import with its lineage (``styra.sources.ComputedValue.as_dict()``). A person may
replace it by hand, with a justification; the computed value and its lineage stay beside.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from styra.core.money import format_number, format_with_unit
from styra.web.followup import models as m

SOURCE_KINDS = {
    "ticket_export": _("ärendeexport"),
    "phone_export": _("export från telefonkön"),
    "monitoring_export": _("export från driftövervakningen"),
    "kolada": _("Kolada"),
    "ledger": _("driftredovisningen"),
    "manual": _("inmatat för hand"),
}
METRICS = {
    "average_handling_time": _("medelvärde av handläggningstiden"),
    "median_handling_time": _("median av handläggningstiden"),
    "open_at_period_end": _("öppna ärenden vid periodens slut"),
    "share_answered_within": _("andel samtal besvarade inom given tid"),
    "availability": _("tillgänglighet"),
    "value": _("nyckeltalets värde"),
    "net_result_tkr": _("nettoresultatets avvikelse mot budget (tkr)"),
}


def computed_value(ind: m.Indicator) -> Decimal | None:
    """The value computed at import, or None when the indicator has no computed value."""
    raw = (ind.lineage or {}).get("value")
    if raw is None:
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def entered_by_hand(ind: m.Indicator, value: Decimal | None) -> bool:
    """True when ``value`` replaces a value computed from an export."""
    computed = computed_value(ind)
    return computed is not None and value != computed


@dataclass(frozen=True)
class Shown:
    """The lineage as the indicator page shows it."""

    kind: str
    metric: str
    rule: str
    file: str
    sha256: str
    rows: int | None
    rows_text: str
    computed: str
    by_hand: bool
    justification: str


def shown(ind: m.Indicator) -> Shown | None:
    lineage = ind.lineage or {}
    if not lineage:
        return None
    spec = ind.source or {}
    kind = str(spec.get("kind") or "")
    metric = str(spec.get("metric") or "")
    origin = lineage.get("source") or {}
    computed = computed_value(ind)
    rows = lineage.get("row_count")
    return Shown(
        kind=str(SOURCE_KINDS.get(kind, kind)),
        metric=str(METRICS.get(metric, metric)),
        rule=str(lineage.get("rule") or ""),
        file=str(origin.get("path") or spec.get("file") or ""),
        sha256=str(origin.get("sha256") or ""),
        rows=rows if isinstance(rows, int) else None,
        rows_text=format_number(Decimal(rows)) if isinstance(rows, int) else "",
        computed="" if computed is None else format_with_unit(computed, ind.unit),
        by_hand=entered_by_hand(ind, ind.result.value),
        justification=ind.result.value_justification,
    )


def period_lineage(period: m.Period) -> dict[str, Any]:
    """Indicator id → lineage, for ``report.data.followup_data``'s extras.

    A value entered by hand over the computed one keeps the lineage of the computed value
    (its ``value`` says what was computed) with ``entered_by_hand`` saying what replaced it.
    """
    found: dict[str, Any] = {}
    indicators = m.Indicator.objects.filter(goal__period=period).select_related("result")
    for ind in indicators:
        if not ind.lineage:
            continue
        entry = dict(ind.lineage)
        value = ind.result.value
        if entered_by_hand(ind, value):
            entry["entered_by_hand"] = {
                "value": None if value is None else f"{value:f}",
                "justification": ind.result.value_justification,
            }
        found[ind.key] = entry
    return found
