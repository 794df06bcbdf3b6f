"""Saving what people edit: optimistic concurrency, the audit trail and the period lock.

Each editable row carries a version number. A save names the version it started from;
when someone else saved in between, nothing is written and the caller gets a
:class:`Conflict` with the other person's values, so nothing is silently overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from styra.core.cycle.forecast import (
    ForecastChoice,
    Proposal,
    choose_forecast,
    forecast_problem,
)
from styra.core.cycle.interim import ForecastRule, indicator_forecast_problem
from styra.core.goals import Status
from styra.core.money import format_with_unit
from styra.core.trend import history_problem
from styra.web.followup import audit, lineage
from styra.web.followup import models as m
from styra.web.followup.access import Access, ensure_unlocked, lock_for_write


@dataclass(frozen=True)
class Conflict:
    """Someone saved first: their current row, and who changed it last."""

    current: Any
    by: str
    at: Any


@dataclass(frozen=True)
class RuleBreak:
    """A change of a result that the rules refuse: the field it concerns and why, in Swedish.

    ``forbidden`` marks a change the person may not make at all (the form answers 403).
    """

    field: str
    message: str
    forbidden: bool = False


class RulesBroken(Exception):
    def __init__(self, breaks: list[RuleBreak]) -> None:
        super().__init__("; ".join(b.message for b in breaks))
        self.breaks = breaks


def justification_missing(computed: Decimal | None, value: Decimal | None, why: str) -> bool:
    """A value typed over one computed from an export needs a reason; the one rule for it."""
    return computed is not None and value != computed and not why.strip()


def result_rule_breaks(access: Access, ind: m.Indicator, new: dict[str, Any]) -> list[RuleBreak]:
    """Every rule a change of an indicator's result must keep, whichever way it comes in.

    The web form, the Excel sheet and any later entry point call this one function, and
    :func:`save_result` calls it again before it writes: who may change the indicator (every
    changed field counts, a justification alone too), a computed (derived) value is never
    typed, and a value typed over a computed one keeps its justification.
    """
    current = ind.result
    changed = [k for k, v in new.items() if getattr(current, k) != v]
    if not changed:
        return []
    if ind.derived and "value" in changed:
        message = _("%(id)s räknas fram ur driftredovisningen") % {"id": ind.key}
        return [RuleBreak("value", message, forbidden=True)]
    if not access.may_edit(ind):
        message = _("du får inte ändra indikatorn %(id)s") % {"id": ind.key}
        return [RuleBreak(changed[0], message, forbidden=True)]
    breaks: list[RuleBreak] = []
    value = new.get("value", current.value)
    why = str(new.get("value_justification", current.value_justification) or "")
    computed = lineage.computed_value(ind)
    if justification_missing(computed, value, why):
        assert computed is not None
        message = _(
            "%(id)s räknas fram ur källan (%(computed)s); skriv varför du ersätter värdet"
        ) % {"id": ind.key, "computed": format_with_unit(computed, ind.unit)}
        breaks.append(RuleBreak("value_justification", message))
    status = new.get("override_status", current.override_status)
    reason = str(new.get("override_justification", current.override_justification) or "")
    if status and not reason.strip():
        message = _("%(id)s: skriv varför bedömningen avviker från den automatiska") % {
            "id": ind.key
        }
        breaks.append(RuleBreak("override_justification", message))
    return breaks


def _last_change(kind: str, item_id: int) -> m.Change | None:
    return m.Change.objects.filter(item_kind=kind, item_id=item_id).order_by("-at", "-id").first()


def conflict_for(model: type[Model], pk: int, kind: str, item_id: int) -> Conflict:
    current = model._default_manager.get(pk=pk)
    last = _last_change(kind, item_id)
    return Conflict(current, last.by_name if last else "", last.at if last else None)


def save_versioned(
    *,
    period: m.Period,
    user: Any,
    row: Any,
    expected_version: int,
    new: dict[str, Any],
    kind: str,
    item: Any,
    extra: dict[str, Any] | None = None,
) -> Conflict | None:
    """Write ``new`` to ``row`` if it is still at ``expected_version``; audit every change."""
    ensure_unlocked(period)
    if row.version != expected_version:
        return conflict_for(type(row), row.pk, kind, item.pk)
    changes = audit.diff(row, new)
    if not changes:
        return None
    with transaction.atomic():
        period = lock_for_write(period)
        updated = (
            type(row)
            ._default_manager.filter(pk=row.pk, version=expected_version)
            .update(version=F("version") + 1, **new, **(extra or {}))
        )
        if updated != 1:
            return conflict_for(type(row), row.pk, kind, item.pk)
        audit.record(period, user, kind, item, changes)
    return None


def save_result(
    access: Access, user: Any, indicator: m.Indicator, version: int, new: dict[str, Any]
) -> Conflict | None:
    """Save a result's change after :func:`result_rule_breaks`; raises :class:`RulesBroken`."""
    period = access.the_period
    result = indicator.result
    if result.version != version:  # the rules below are checked against this very row
        return conflict_for(type(result), result.pk, m.ItemKind.RESULT, indicator.pk)
    breaks = result_rule_breaks(access, indicator, new)
    if breaks:
        raise RulesBroken(breaks)
    extra: dict[str, Any] = {"updated_by": user, "updated_at": timezone.now()}
    extra |= _override_stamp(result, new, user)
    return save_versioned(
        period=period,
        user=user,
        row=result,
        expected_version=version,
        new=new,
        kind=m.ItemKind.RESULT,
        item=indicator,
        extra=extra,
    )


def save_goal(
    period: m.Period, user: Any, goal: m.Goal, version: int, new: dict[str, Any]
) -> Conflict | None:
    return save_versioned(
        period=period,
        user=user,
        row=goal,
        expected_version=version,
        new=new,
        kind=m.ItemKind.GOAL,
        item=goal,
        extra=_override_stamp(goal, new, user),
    )


def save_section(
    period: m.Period, user: Any, section: m.NarrativeSection, version: int, markdown: str
) -> Conflict | None:
    return save_versioned(
        period=period,
        user=user,
        row=section,
        expected_version=version,
        new={"markdown": markdown},
        kind=m.ItemKind.NARRATIVE,
        item=section,
        extra={"updated_by": user, "updated_at": timezone.now()},
    )


def save_line(
    period: m.Period, user: Any, line: m.ReportLine, version: int, analysis: str
) -> Conflict | None:
    return save_versioned(
        period=period,
        user=user,
        row=line,
        expected_version=version,
        new={"analysis": analysis},
        kind=m.ItemKind.LINE,
        item=line,
    )


def _override_stamp(row: Any, new: dict[str, Any], user: Any) -> dict[str, Any]:
    """Who made the override and when, stamped when the override itself changes."""
    keys = ("override_status", "override_justification")
    if all(getattr(row, k) == new.get(k, getattr(row, k)) for k in keys):
        return {}
    if not new.get("override_status"):
        return {"override_by": "", "override_at": None}
    return {"override_by": audit.user_label(user), "override_at": timezone.localdate()}


def forecast_field(choice: ForecastChoice) -> str:
    """The form field a forecast problem belongs to: a typed amount's comment, or the choice."""
    return "comment" if choice.method is None and choice.amount is not None else "choice"


def forecast_breaks(choice: ForecastChoice, found: Sequence[Proposal]) -> list[RuleBreak]:
    """The core's one rule for a forecast (``forecast_problem``), as a break at its field."""
    problem = forecast_problem(choice, found)
    return [] if problem is None else [RuleBreak(forecast_field(choice), problem)]


def forecast_row(
    period: m.Period,
    *,
    line_id: int | None = None,
    project_id: int | None = None,
) -> m.Forecast:
    """The line's or project's forecast row; an empty one (version 1) until the first save."""
    ensure_unlocked(period)
    found, _created = m.Forecast.objects.get_or_create(
        period=period, line_id=line_id, project_id=project_id
    )
    return found


def save_forecast(
    access: Access,
    user: Any,
    row: m.Forecast,
    version: int,
    *,
    choice: ForecastChoice,
    found: Sequence[Proposal],
) -> Conflict | None:
    """Save a controller's forecast: the proposal's amount for a method, or the typed one.

    Raises :class:`RulesBroken` when ``forecast_problem`` refuses the choice, and for anyone
    but a controller. The amount is kept as it is now, so the history keeps it.
    """
    if not access.is_controller:
        raise RulesBroken([RuleBreak("choice", _("bara controllern väljer prognoser"), True)])
    if row.version != version:
        return conflict_for(m.Forecast, row.pk, m.ItemKind.FORECAST, row.pk)
    breaks = forecast_breaks(choice, found)
    if breaks:
        raise RulesBroken(breaks)
    chosen = choose_forecast(choice, found)
    new = {
        "method": chosen.method.value if chosen.method else None,
        "amount": chosen.amount,
        "comment": choice.comment.strip(),
    }
    return save_versioned(
        period=access.the_period,
        user=user,
        row=row,
        expected_version=version,
        new=new,
        kind=m.ItemKind.FORECAST,
        item=row,
        extra={"updated_by": user, "updated_at": timezone.now()},
    )


def indicator_forecast_breaks(
    indicator: m.Indicator, value: Decimal | None, status: str, reason: str
) -> list[RuleBreak]:
    """An indicator's forecast is a value or a status with a reason, never both; one the
    accounts derive follows the operating forecast and takes none (as forecast.yaml)."""
    if indicator.derived:
        message = _("%(id)s räknas fram ur driftredovisningens prognos") % {"id": indicator.key}
        return [RuleBreak("forecast_value", message, forbidden=True)]
    problem = indicator_forecast_problem(value, Status(status) if status else None, reason)
    if problem is None:
        return []
    field = "forecast_status" if problem is ForecastRule.BOTH else "forecast_reason"
    return [RuleBreak(field, problem.message)]


def save_indicator_forecast(
    access: Access, user: Any, indicator: m.Indicator, version: int, new: dict[str, Any]
) -> Conflict | None:
    """Save an indicator's forecast (controller only); raises :class:`RulesBroken`."""
    if not access.is_controller:
        raise RulesBroken(
            [RuleBreak("forecast_value", _("bara controllern ändrar prognoser"), True)]
        )
    ensure_unlocked(access.the_period)
    row, _created = m.IndicatorForecast.objects.get_or_create(indicator=indicator)
    if row.version != version:
        return conflict_for(m.IndicatorForecast, row.pk, m.ItemKind.INDICATOR_FORECAST, row.pk)
    breaks = indicator_forecast_breaks(
        indicator, new["forecast_value"], new["forecast_status"], new["forecast_reason"]
    )
    if breaks:
        raise RulesBroken(breaks)
    return save_versioned(
        period=access.the_period,
        user=user,
        row=row,
        expected_version=version,
        new=new,
        kind=m.ItemKind.INDICATOR_FORECAST,
        item=row,
        extra={"updated_by": user, "updated_at": timezone.now()},
    )


def save_council_row(
    *,
    municipality: m.Municipality,
    user: Any,
    row: m.CouncilGoal | m.CouncilIndicator,
    expected_version: int,
    new: dict[str, Any],
    kind: str,
) -> Conflict | None:
    """A KF-mål's or its indicator's change, versioned like a period's rows and written to
    the municipality's trail. No period lock applies: the council's goals belong to no
    committee's adopted report."""
    if row.version != expected_version:
        return conflict_for(type(row), row.pk, kind, row.pk)
    changes = audit.diff(row, new)
    if not changes:
        return None
    with transaction.atomic():
        updated = (
            type(row)
            ._default_manager.filter(pk=row.pk, version=expected_version)
            .update(version=F("version") + 1, **new)
        )
        if updated != 1:
            return conflict_for(type(row), row.pk, kind, row.pk)
        audit.record_municipal(municipality, user, kind, row, changes)
    return None


def history_break(period: m.Period, year: int) -> str | None:
    """Why ``year`` cannot hold an earlier value of an indicator of ``period``, or None:
    the core's rule, the one every door (form, folder, opening a year) keeps."""
    return history_problem([(year, Decimal(0))], period.year)


def save_history(
    access: Access, user: Any, indicator: m.Indicator, year: int, value: Decimal | None
) -> None:
    """Set (or with None remove) the indicator's value for an earlier year, audited in the
    period's trail; raises ``PeriodLocked`` for an adopted period, ``ValueError`` when the
    year is not an earlier one."""
    problem = history_break(access.the_period, year)
    if problem:
        raise ValueError(problem)
    with transaction.atomic():
        period = lock_for_write(access.the_period)
        found = m.IndicatorYear.objects.filter(indicator=indicator, year=year).first()
        old = None if found is None else found.value
        if old == value:
            return
        if value is None:
            m.IndicatorYear.objects.filter(indicator=indicator, year=year).delete()
        else:
            m.IndicatorYear.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )
        changes = {f"year:{year}": (old, value)}
        audit.record(period, user, m.ItemKind.INDICATOR_YEAR, indicator, changes)
