"""Saving what people edit: optimistic concurrency, the audit trail and the period lock.

Each editable row carries a version number. A save names the version it started from;
when someone else saved in between, nothing is written and the caller gets a
:class:`Conflict` with the other person's values, so nothing is silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.access import ensure_unlocked


@dataclass(frozen=True)
class Conflict:
    """Someone saved first: their current row, and who changed it last."""

    current: Any
    by: str
    at: Any


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
    period: m.Period, user: Any, indicator: m.Indicator, version: int, new: dict[str, Any]
) -> Conflict | None:
    result = indicator.result
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
