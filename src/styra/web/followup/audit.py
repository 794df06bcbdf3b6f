"""Recording changes: who, when, old value and new value, per item, and the period's revision."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.dispatch import Signal

from styra.web.followup import models as m


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


# Sent after the Change rows of one save are written, in the same transaction, with
# ``period``, ``kind`` and ``item``: what else must follow a change (a part marked ready
# goes back to not ready) listens here, so every entry point that saves triggers it.
recorded = Signal()

# The channel a change comes through when it is not a person at a form (an API token's
# name): set with :func:`acting_through`, it follows the person's name in the trail.
_through: ContextVar[str] = ContextVar("styra_audit_through", default="")


@contextmanager
def acting_through(label: str) -> Iterator[None]:
    """Changes recorded inside are labelled "person (label)", e.g. the API token's name."""
    reset = _through.set(label)
    try:
        yield
    finally:
        _through.reset(reset)


def user_label(user: Any) -> str:
    if user is None:
        name = "system"
    else:
        full = user.get_full_name() if hasattr(user, "get_full_name") else ""
        name = full or str(user)
    through = _through.get()
    return f"{name} ({through})" if through else name


def open_correction(period: m.Period) -> m.Correction | None:
    if period.state != m.PeriodState.CORRECTING:
        return None
    return period.corrections.filter(version__isnull=True).order_by("-opened_at").first()


def record(
    period: m.Period,
    user: Any,
    kind: str,
    item: Any,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    note: str = "",
) -> None:
    """One Change row per changed field; also marks the period's cached pages stale."""
    owner = {"period": period, "correction": open_correction(period)}
    m.Change.objects.bulk_create(_rows(owner, user, kind, item, changes, note=note))
    touch(period)
    recorded.send(sender=m.Change, period=period, kind=kind, item=item)


def _rows(
    owner: dict[str, Any],
    user: Any,
    kind: str,
    item: Any,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    note: str,
) -> list[m.Change]:
    """The Change rows of one save, in the trail ``owner`` names (a period, a municipality)."""
    return [
        m.Change(
            **owner,
            by=user,
            by_name=user_label(user),
            item_kind=kind,
            item_id=item.pk,
            item_label=str(item)[:500],
            field=field,
            old=as_text(old),
            new=as_text(new),
            note=note,
        )
        for field, (old, new) in changes.items()
    ]


def record_municipal(
    municipality: m.Municipality,
    user: Any,
    kind: str,
    item: Any,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    note: str = "",
) -> None:
    """One Change row per changed field of something the whole municipality owns (its
    council's goals, its roles): in the municipality's trail, which belongs to no period."""
    owner = {"municipality": municipality}
    m.Change.objects.bulk_create(_rows(owner, user, kind, item, changes, note=note))


def touch(period: m.Period) -> None:
    m.Period.objects.filter(pk=period.pk).update(revision=F("revision") + 1)


def diff(item: Any, new: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {f: (getattr(item, f), v) for f, v in new.items() if getattr(item, f) != v}
