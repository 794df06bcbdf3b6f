"""The ready panel (klarmarkering) of an indicator's, a goal's or a section's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from styra.web.workflow import parts as p

register = template.Library()


@register.inclusion_tag("workflow/_ready_panel.html", takes_context=True)
def ready_panel(context: template.Context, item: Model) -> dict[str, Any]:
    """Who answers for the part, its state and the buttons this person may use."""
    access = context["access"]
    period = access.the_period
    if getattr(item, "derived", ""):  # computed from the accounts: nobody's part
        return {"part": None}
    part = p.part_of(period, item)
    open_period = not period.is_locked
    mine = part.assignee is not None and part.assignee.pk == access.user_id
    return {
        "access": access,
        "period": period,
        "part": part,
        "deadline": p.deadline_of(period),
        "may_mark": open_period and mine and not part.is_ready,
        "may_reopen": open_period and access.is_controller and part.is_ready,
        "may_assign": open_period and access.is_controller,
        "csrf_token": context.get("csrf_token"),
    }
