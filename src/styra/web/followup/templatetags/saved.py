"""What the person's save just changed, for the success message after the redirect.

The save itself is recorded once, in the audit trail (``audit.record``: one ``Change`` per
field with its old and new value), whatever the door; the page after the redirect reads
the person's latest save from there rather than each view passing it along.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils import timezone

from styra.web.followup import models as m

register = template.Library()

RECENT = timedelta(minutes=2)  # a save the redirect has just followed, not an older one
SHOWN = 6


@register.simple_tag(takes_context=True)
def last_save(context: Any, period: Any) -> list[m.Change]:
    """The fields of the person's latest save in the period, if it was just now."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(period, m.Period) or user is None or not user.is_authenticated:
        return []
    mine = m.Change.objects.filter(period=period, by=user)
    latest = mine.filter(at__gte=timezone.now() - RECENT).order_by("-at", "-id").first()
    if latest is None:
        return []
    # One save's rows share the transaction's moment, give or take a second.
    same = mine.filter(at__gte=latest.at - timedelta(seconds=1), item_id=latest.item_id)
    return list(same.filter(item_kind=latest.item_kind).order_by("id")[:SHOWN])
