"""The demo's workflow: a deadline a month ahead and a few parts given to people, so a new
user finds Ansvar och deadline, the ready panels and the not-ready parts in Kvar att göra.

Called once by the demo's first start (``styra.web.demo.ensure``) after the accounts exist.
Goal 1's indicators are already the demo indicator owner's (``Indicator.owner``); the goals
and the narrative sections go to the demo controller. Demo accounts get an address at
example.org (a domain reserved for examples), so ``styra manage send_reminders`` has
someone to write to (without STYRA_SMTP_HOST the mail is printed).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from styra.web.followup import models as m
from styra.web.workflow.models import Deadline, Part

DEMO_DEADLINE_DAYS = 30


def set_up(committee_slug: str, controller: str, usernames: list[str]) -> None:
    """Without audit rows: the demo's starting point, like the example's imported data."""
    users = get_user_model().objects.filter(username__in=usernames, email="")
    for person in users:
        person.email = f"{person.get_username()}@example.org"
        person.save(update_fields=["email"])
    the_controller = get_user_model().objects.filter(username=controller).first()
    due = timezone.localdate() + timedelta(days=DEMO_DEADLINE_DAYS)
    for period in m.Period.objects.filter(committee__slug=committee_slug):
        Deadline.objects.get_or_create(period=period, defaults={"due": due})
        given: list[dict[str, Any]] = [{"goal": g} for g in period.goals.all()]
        given += [{"section": s} for s in period.narrative.all()]
        for item in given:
            Part.objects.get_or_create(period=period, **item, defaults={"assignee": the_controller})
