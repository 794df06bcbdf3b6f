"""One helper per access rule: each returns what the view may use, or raises 404 or 403.

- Someone without a role in the committee gets 404: they may not learn it exists.
- Someone with a role but not the one a change needs gets 403.
- A change to an adopted (locked) period raises :class:`PeriodLocked` (409).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from styra.web.followup import models as m


class PeriodLocked(Exception):
    """A change was tried on an adopted period; only an explicit correction opens it."""


@dataclass(frozen=True)
class Access:
    """What a signed-in person may do in one committee and (usually) one period."""

    committee: m.Committee
    role: str
    user_id: int
    period: m.Period | None = None

    @property
    def is_controller(self) -> bool:
        return self.role == m.Role.CONTROLLER

    @property
    def may_edit_results(self) -> bool:
        return self.role in (m.Role.CONTROLLER, m.Role.OWNER)

    def may_edit(self, indicator: m.Indicator) -> bool:
        if indicator.derived:
            return False
        return self.is_controller or (
            self.role == m.Role.OWNER and indicator.owner_id == self.user_id
        )

    @property
    def the_period(self) -> m.Period:
        assert self.period is not None
        return self.period


def committee_for_reader(request: HttpRequest, slug: str) -> Access:
    committee = get_object_or_404(m.Committee.objects.select_related("municipality"), slug=slug)
    role = (
        m.Assignment.objects.filter(committee=committee, user_id=int(request.user.pk or 0))
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        raise Http404
    return Access(committee, role, int(request.user.pk or 0))


def period_for_reader(request: HttpRequest, slug: str, period: str) -> Access:
    """The person's role in the committee (or 404), then the period with its committee."""
    user_id = int(request.user.pk or 0)
    roles = m.Assignment.objects.filter(user_id=user_id, committee__slug=slug)
    try:
        role = roles.values_list("role", flat=True).get()
        found = m.Period.objects.select_related("committee__municipality").get(
            committee__slug=slug, slug=period
        )
    except (m.Assignment.DoesNotExist, m.Period.DoesNotExist):
        raise Http404 from None
    return Access(found.committee, role, user_id, found)


def period_for_controller(request: HttpRequest, slug: str, period: str) -> Access:
    access = period_for_reader(request, slug, period)
    if not access.is_controller:
        raise PermissionDenied
    return access


def period_for_editor(request: HttpRequest, slug: str, period: str) -> Access:
    """Controllers and indicator owners: those who enter results."""
    access = period_for_reader(request, slug, period)
    if not access.may_edit_results:
        raise PermissionDenied
    return access


def indicator_for_reader(access: Access, pk: int) -> m.Indicator:
    return get_object_or_404(
        m.Indicator.objects.select_related("goal", "result", "owner"),
        pk=pk,
        goal__period=access.period,
    )


def indicator_for_editor(access: Access, pk: int) -> m.Indicator:
    indicator = indicator_for_reader(access, pk)
    if not access.may_edit(indicator):
        raise PermissionDenied
    return indicator


def goal_for_reader(access: Access, pk: int) -> m.Goal:
    return get_object_or_404(m.Goal, pk=pk, period=access.period)


def section_for_reader(access: Access, pk: int) -> m.NarrativeSection:
    return get_object_or_404(m.NarrativeSection, pk=pk, period=access.period)


def line_for_reader(access: Access, pk: int) -> m.ReportLine:
    return get_object_or_404(m.ReportLine, pk=pk, period=access.period)


def ensure_unlocked(period: m.Period) -> None:
    """A quick check on the period as the request read it; writes also call ``lock_for_write``."""
    if period.is_locked:
        raise PeriodLocked


def lock_for_write(period: m.Period | int) -> m.Period:
    """The period re-read inside the caller's transaction, its row locked, and open for writes.

    Every write path calls this inside its own ``transaction.atomic()`` before it writes, so an
    adoption that commits while the request runs is seen: on PostgreSQL ``select_for_update``
    waits for the adoption's transaction and then reads its state; on SQLite the immediate
    transaction already holds the database's write lock, so the re-read is current. Raises
    :class:`PeriodLocked` for an adopted period.
    """
    pk = period if isinstance(period, int) else period.pk
    fresh = m.Period.objects.select_for_update().get(pk=pk)
    ensure_unlocked(fresh)
    return fresh
