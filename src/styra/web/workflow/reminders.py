"""Reminders by e-mail: a digest of each person's open parts before a deadline, and word to
the controllers when every part of a period is ready.

The window opens ``days`` days before a period's deadline and stays open until the period is
adopted (a part late on its deadline is reminded of each day). One reminder per person,
part and day: a ``Reminder`` row is claimed under its unique constraint before the mail is
sent, so a second run the same day, or one running beside it, sends nothing twice. The word
that everything is ready goes once per period and controller. Each mail sent is one row in
the period's audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.workflow.models import Deadline, Reminder
from styra.web.workflow.parts import (
    REMINDER_FIELD,
    WINDOW_DAYS,
    PartView,
    open_parts,
    parts_of,
    person_name,
)

DEFAULT_DAYS = WINDOW_DAYS


@dataclass
class Sent:
    """What a run did: the addresses written to, and the people with no address."""

    digests: list[str] = field(default_factory=list)
    all_ready: list[str] = field(default_factory=list)
    without_address: list[str] = field(default_factory=list)


def periods_in_window(today: date, days: int) -> list[tuple[m.Period, date]]:
    """Periods not adopted whose deadline is at most ``days`` days away (or passed)."""
    found = (
        Deadline.objects.filter(due__lte=today + timedelta(days=days))
        .exclude(period__state=m.PeriodState.ADOPTED)
        .select_related("period__committee")
        .order_by("due", "period_id")
    )
    return [(d.period, d.due) for d in found]


def send_reminders(today: date, days: int = DEFAULT_DAYS) -> Sent:
    sent = Sent()
    by_person: dict[int, list[tuple[PartView, date]]] = {}
    people: dict[int, Any] = {}
    for period, due in periods_in_window(today, days):
        parts = parts_of(period)
        waiting = open_parts(parts)
        for part in waiting:
            by_person.setdefault(part.assignee.pk, []).append((part, due))
            people[part.assignee.pk] = part.assignee
        if not waiting and any(p.assignee is not None for p in parts):
            _all_ready(period, due, today, sent)
    for pk, tasks in by_person.items():
        _digest(people[pk], tasks, today, sent)
    return sent


def _claim(user: Any, keys: Iterable[tuple[m.Period, str]], today: date) -> bool:
    """Claims the reminders of the day; False when one was claimed already."""
    rows = [Reminder(period=p, user=user, part_key=k, day=today) for p, k in keys]
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


def _unclaim(user: Any, keys: Iterable[tuple[m.Period, str]], today: date) -> None:
    Reminder.objects.filter(user=user, day=today, part_key__in=[k for _p, k in keys]).delete()


def _digest(user: Any, tasks: list[tuple[PartView, date]], today: date, sent: Sent) -> None:
    reminded = set(Reminder.objects.filter(user=user, day=today).values_list("part_key", flat=True))
    new = [(part, due) for part, due in tasks if part.key not in reminded]
    if not new:
        return
    if not user.email:
        sent.without_address.append(person_name(user) or user.get_username())
        return
    keys = [(part.period, part.key) for part, _due in new]
    if not _claim(user, keys, today):
        return
    subject = ngettext(
        "Styra: %(n)d del att klarmarkera", "Styra: %(n)d delar att klarmarkera", len(new)
    ) % {"n": len(new)}
    context = {"name": user.first_name or person_name(user), "groups": _by_period(new)}
    _send(user, subject, "workflow/mail/digest", context, keys=keys, today=today)
    for period in {part.period.pk: part.period for part, _due in new}.values():
        count = sum(1 for part, _due in new if part.period.pk == period.pk)
        _record(period, user, ngettext("%(n)d del", "%(n)d delar", count) % {"n": count})
    sent.digests.append(user.email)


def _by_period(tasks: list[tuple[PartView, date]]) -> list[dict[str, Any]]:
    groups: dict[int, dict[str, Any]] = {}
    for part, due in tasks:
        group = groups.setdefault(part.period.pk, {"period": part.period, "due": due, "parts": []})
        group["parts"].append({"part": part, "link": settings.STYRA_SITE_URL + part.url})
    return list(groups.values())


def _all_ready(period: m.Period, due: date, today: date, sent: Sent) -> None:
    """Each controller of the committee hears once that every part of the period is ready."""
    key = f"all-ready:{period.pk}"
    controllers = m.Assignment.objects.filter(
        committee=period.committee, role=m.Role.CONTROLLER
    ).select_related("user")
    for user in (a.user for a in controllers):
        if Reminder.objects.filter(user=user, part_key=key).exists():
            continue
        if not user.email:
            sent.without_address.append(person_name(user) or user.get_username())
            continue
        if not _claim(user, [(period, key)], today):
            continue
        subject = _("Styra: alla delar är klara i %(period)s") % {"period": period}
        context = {"name": user.first_name or person_name(user), "period": period, "due": due}
        context["link"] = settings.STYRA_SITE_URL + _overview(period)
        _send(user, subject, "workflow/mail/all_ready", context, keys=[(period, key)], today=today)
        _record(period, user, _("alla delar är klara"))
        sent.all_ready.append(user.email)


def _overview(period: m.Period) -> str:
    from django.urls import reverse  # noqa: PLC0415

    return reverse("overview", kwargs={"slug": period.committee.slug, "period": period.slug})


def _send(
    user: Any,
    subject: str,
    template: str,
    context: dict[str, Any],
    *,
    keys: list[tuple[m.Period, str]],
    today: date,
) -> None:
    """Plain text with an HTML alternative; a failed send gives the day's claim back."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        _unclaim(user, keys, today)
        raise


def _record(period: m.Period, user: Any, what: str) -> None:
    """The mail in the period's audit trail: to whom, and what it said, by the system."""
    line = _("e-post till %(who)s <%(to)s>: %(what)s") % {
        "who": person_name(user),
        "to": user.email,
        "what": what,
    }
    with transaction.atomic():
        audit.record(period, None, m.ItemKind.PERIOD, period, {REMINDER_FIELD: ("", line)})
