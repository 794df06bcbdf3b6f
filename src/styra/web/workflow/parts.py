"""A period's parts (indicators, goals, narrative sections): who answers for each, whether it
is ready, and the one path for every change of that: deadline, assignment, ready, reopen.

Every write here checks the period lock (``ensure_unlocked``, then ``lock_for_write`` inside
the transaction) and is recorded in the period's audit trail (``audit.record``), like any
other change of the period. A part changed after it was marked ready goes back to not ready:
:func:`back_to_not_ready` listens to ``audit.recorded``, which every save sends, whatever
the door (form, Excel, admin, API).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.access import Access, ensure_unlocked, lock_for_write
from styra.web.workflow.models import Deadline, Part, PartState

# The audit trail's field names of the workflow's changes, in Swedish: the history shows
# an unknown field by its name (followup's FIELD_LABELS names only its own fields).
READY_FIELD = "Klarmarkering"
ASSIGNEE_FIELD = "Ansvarig"
DEADLINE_FIELD = "Deadline"
REMINDER_FIELD = "Påminnelse"

# Reminders begin this many days before a deadline (``send_reminders --days``); from then on
# a person's start page is their list of tasks rather than their committee.
WINDOW_DAYS = 7


@dataclass(frozen=True)
class PartKind:
    slug: str  # in the address: .../klar/indikator/12/
    field: str  # Part's foreign key
    item_kind: str  # the audit trail's kind of the item
    page: str  # the follow-up page where the part is done
    noun: Promise


KINDS = {
    k.slug: k
    for k in (
        PartKind(
            "indikator", "indicator", m.ItemKind.RESULT, "indicator", gettext_lazy("Indikator")
        ),
        PartKind("mal", "goal", m.ItemKind.GOAL, "goal", gettext_lazy("Nämndmål")),
        PartKind(
            "berattelse", "section", m.ItemKind.NARRATIVE, "section", gettext_lazy("Berättelse")
        ),
    )
}
# What a recorded change of each audit kind is a change of (an indicator's earlier years
# are part of the indicator; its forecast is the controller's, not the owner's part).
CHANGED_PART: dict[str, str] = {
    m.ItemKind.RESULT: "indicator",
    m.ItemKind.INDICATOR_YEAR: "indicator",
    m.ItemKind.GOAL: "goal",
    m.ItemKind.NARRATIVE: "section",
}


@dataclass(frozen=True)
class PartView:
    """One part as the pages and the mails show it."""

    kind: PartKind
    item: Any
    period: m.Period
    assignee: Any
    state: str
    comment: str

    @property
    def key(self) -> str:
        return f"{self.kind.field}:{self.item.pk}"

    @property
    def label(self) -> str:
        return (
            f"{self.item.key} {self.item.name}" if self.kind.field != "section" else str(self.item)
        )

    @property
    def state_label(self) -> str:
        return str(PartState(self.state).label)

    @property
    def is_ready(self) -> bool:
        return self.state == PartState.READY

    @property
    def url(self) -> str:
        args = {"slug": self.period.committee.slug, "period": self.period.slug, "pk": self.item.pk}
        return reverse(self.kind.page, kwargs=args)


def kind_of(item: Model) -> PartKind:
    fields = {m.Indicator: "indicator", m.Goal: "goal", m.NarrativeSection: "section"}
    field = fields[type(item)]
    return next(k for k in KINDS.values() if k.field == field)


def parts_of(period: m.Period) -> list[PartView]:
    """Every part of the period in the report's order: each goal, then its indicators (those
    entered, not derived), then the narrative sections."""
    rows = {
        (field, getattr(p, f"{field}_id")): p
        for p in Part.objects.filter(period=period).select_related("assignee")
        for field in ("indicator", "goal", "section")
        if getattr(p, f"{field}_id") is not None
    }
    indicators = m.Indicator.objects.filter(goal__period=period, derived="").select_related("owner")
    by_goal: dict[int, list[m.Indicator]] = {}
    for ind in indicators:
        by_goal.setdefault(ind.goal_id, []).append(ind)
    found: list[PartView] = []
    for goal in period.goals.all():
        found.append(_view(period, KINDS["mal"], goal, rows))
        found.extend(_view(period, KINDS["indikator"], i, rows) for i in by_goal.get(goal.pk, []))
    found.extend(_view(period, KINDS["berattelse"], s, rows) for s in period.narrative.all())
    return found


def _view(
    period: m.Period, kind: PartKind, item: Any, rows: dict[tuple[str, int], Part]
) -> PartView:
    row = rows.get((kind.field, item.pk))
    assignee = item.owner if kind.field == "indicator" else (row.assignee if row else None)
    state = row.state if row else PartState.OPEN
    return PartView(kind, item, period, assignee, state, row.comment if row else "")


def part_of(period: m.Period, item: Model) -> PartView:
    kind = kind_of(item)
    row = Part.objects.filter(**{kind.field: item}).select_related("assignee").first()
    rows = {} if row is None else {(kind.field, item.pk): row}
    return _view(period, kind, item, rows)


def deadline_of(period: m.Period) -> date | None:
    found = Deadline.objects.filter(period=period).values_list("due", flat=True).first()
    return found


def assignable(committee: m.Committee) -> QuerySet[Any]:
    """Those who may answer for a part: the committee's controllers and indicator owners
    (a reader changes nothing, so cannot make a part ready)."""
    roles = (m.Role.CONTROLLER, m.Role.OWNER)
    return (
        get_user_model()
        .objects.filter(assignments__committee=committee, assignments__role__in=roles)
        .order_by("first_name", "last_name", "username")
    )


def person_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


# Set while this module records its own changes, so they do not count as a change of the part.
_own_change: ContextVar[bool] = ContextVar("styra_workflow_own_change", default=False)


@contextmanager
def _recording_own() -> Iterator[None]:
    reset = _own_change.set(True)
    try:
        yield
    finally:
        _own_change.reset(reset)


def set_deadline(period: m.Period, user: Any, due: date | None) -> None:
    """Set (or with None remove) the period's deadline."""
    ensure_unlocked(period)
    with transaction.atomic():
        period = lock_for_write(period)
        old = deadline_of(period)
        if old == due:
            return
        if due is None:
            Deadline.objects.filter(period=period).delete()
        else:
            Deadline.objects.update_or_create(period=period, defaults={"due": due})
        changes = {DEADLINE_FIELD: (old, due)}
        audit.record(period, user, m.ItemKind.PERIOD, period, changes)


def assign(period: m.Period, user: Any, item: Model, person: Any) -> None:
    """Give the part to ``person`` (None: to nobody). An indicator's person is its owner.

    The change is recorded as a change of the part, so a part marked ready by someone else
    goes back to not ready (:func:`back_to_not_ready`).
    """
    ensure_unlocked(period)
    kind = kind_of(item)
    with transaction.atomic():
        period = lock_for_write(period)
        if kind.field == "indicator":
            old = m.Indicator.objects.get(pk=item.pk).owner
            m.Indicator.objects.filter(pk=item.pk).update(owner=person)
        else:
            row, _created = Part.objects.get_or_create(period=period, **_of(kind, item))
            old = row.assignee
            Part.objects.filter(pk=row.pk).update(assignee=person)
        if _pk(old) == _pk(person):
            return
        changes = {ASSIGNEE_FIELD: (person_name(old), person_name(person))}
        audit.record(period, user, kind.item_kind, item, changes)


def _of(kind: PartKind, item: Model) -> dict[str, Any]:
    return {kind.field: item}


def _pk(user: Any) -> int | None:
    return None if user is None else int(user.pk)


def mark_ready(access: Access, user: Any, item: Model) -> None:
    """The part's person marks it ready; anyone else gets 403."""
    period = access.the_period
    part = part_of(period, item)
    if part.assignee is None or part.assignee.pk != access.user_id:
        raise PermissionDenied
    _set_state(period, user, item, PartState.READY, "")


def reopen(access: Access, user: Any, item: Model, comment: str) -> bool:
    """The controller reopens a ready part with a comment the person sees; False when the
    part is not marked ready (nothing to reopen)."""
    if not access.is_controller:
        raise PermissionDenied
    if not part_of(access.the_period, item).is_ready:
        return False
    _set_state(access.the_period, user, item, PartState.REOPENED, comment.strip())
    return True


def _set_state(period: m.Period, user: Any, item: Model, state: str, comment: str) -> None:
    ensure_unlocked(period)
    kind = kind_of(item)
    with transaction.atomic():
        period = lock_for_write(period)
        row, _created = Part.objects.select_for_update().get_or_create(
            period=period, **_of(kind, item)
        )
        if row.state == state:
            return
        old = row.state
        fields: dict[str, Any] = {"state": state, "changed_at": timezone.now()}
        fields["changed_by"] = audit.user_label(user)
        if state == PartState.REOPENED:
            fields["comment"] = comment
        Part.objects.filter(pk=row.pk).update(**fields)
        changes = {READY_FIELD: (PartState(old).label, PartState(state).label)}
        with _recording_own():
            audit.record(period, user, kind.item_kind, item, changes, note=comment)


def back_to_not_ready(sender: Any, period: m.Period, kind: str, item: Any, **kwargs: Any) -> None:
    """A part marked ready that is changed again is no longer ready (``audit.recorded``)."""
    field = CHANGED_PART.get(kind)
    if field is None or _own_change.get():
        return
    row = Part.objects.filter(**{field: item.pk}, state=PartState.READY).first()
    if row is None:
        return
    last = m.Change.objects.filter(period=period, item_kind=kind, item_id=item.pk).first()
    by = last.by if last else None
    Part.objects.filter(pk=row.pk).update(
        state=PartState.OPEN, changed_at=timezone.now(), changed_by=audit.user_label(by)
    )
    changes = {READY_FIELD: (PartState.READY.label, PartState.OPEN.label)}
    with _recording_own():
        audit.record(period, by, kind, item, changes, note=_("Ändrad efter klarmarkeringen."))


def open_parts(parts: list[PartView]) -> list[PartView]:
    """The assigned parts not marked ready."""
    return [p for p in parts if p.assignee is not None and not p.is_ready]


def tasks_of(user_id: int) -> list[tuple[PartView, date | None]]:
    """The person's parts, each with its period's deadline, in every period not adopted of
    the committees where they work (controller or indicator owner), the earliest first."""
    roles = (m.Role.CONTROLLER, m.Role.OWNER)
    periods = (
        m.Period.objects.filter(
            committee__assignments__user_id=user_id, committee__assignments__role__in=roles
        )
        .exclude(state=m.PeriodState.ADOPTED)
        .select_related("committee")
        .distinct()
    )
    found = [p for period in periods for p in parts_of(period) if _pk(p.assignee) == user_id]
    deadlines = dict(Deadline.objects.filter(period__in=periods).values_list("period_id", "due"))
    tasks = [(p, deadlines.get(p.period.pk)) for p in found]
    return sorted(tasks, key=lambda t: (t[1] or date.max, t[0].period.pk))


def due_soon(tasks: list[tuple[PartView, date | None]], today: date | None = None) -> bool:
    """An open part whose deadline is within the reminders' window, or passed."""
    limit = (today or timezone.localdate()) + timedelta(days=WINDOW_DAYS)
    return any(due is not None and due <= limit and not part.is_ready for part, due in tasks)
