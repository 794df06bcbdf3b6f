"""One helper per access rule: each returns what the view may use, or raises 404 or 403.

- Someone without a role in the committee gets 404: they may not learn it exists.
- Someone with a role but not the one a change needs gets 403.
- A change to an adopted (locked) period raises :class:`PeriodLocked` (409).

Who reads a committee is decided in one place, :func:`readable_committees`: those with a
role in it, those with a role in its host municipality (municipal controller, council
reader), and the municipal controllers of its member municipalities (a joint committee
hosted elsewhere). Roles through a municipality read and never change a committee.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
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


def user_id_of(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def readable_committees(user_id: int) -> QuerySet[m.Committee]:
    """Every committee the person may read: the one scoping path for committees."""
    through_members = Q(
        members__municipality__assignments__user_id=user_id,
        members__municipality__assignments__role=m.MunicipalRole.CONTROLLER,
    )
    mine = (
        Q(assignments__user_id=user_id)
        | Q(municipality__assignments__user_id=user_id)
        | through_members
    )
    ids = m.Committee.objects.filter(mine).values("pk")
    return m.Committee.objects.filter(pk__in=ids).select_related("municipality")


def committee_role(user_id: int, committee: m.Committee) -> str | None:
    """The person's own role in the committee; else reader, where a municipal role lets
    them read it (:func:`readable_committees`); else None."""
    own = (
        m.Assignment.objects.filter(committee=committee, user_id=user_id)
        .values_list("role", flat=True)
        .first()
    )
    if own is not None:
        return own
    if readable_committees(user_id).filter(pk=committee.pk).exists():
        return m.Role.READER
    return None


def committee_for_reader(request: HttpRequest, slug: str) -> Access:
    committee = get_object_or_404(m.Committee.objects.select_related("municipality"), slug=slug)
    role = committee_role(user_id_of(request), committee)
    if role is None:
        raise Http404
    return Access(committee, role, user_id_of(request))


def period_for_reader(request: HttpRequest, slug: str, period: str) -> Access:
    """The period with its committee, and the person's role in the committee (or 404)."""
    user_id = user_id_of(request)
    found = (
        m.Period.objects.select_related("committee__municipality")
        .filter(committee__slug=slug, slug=period)
        .first()
    )
    role = None if found is None else committee_role(user_id, found.committee)
    if found is None or role is None:
        raise Http404
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


@dataclass(frozen=True)
class MunicipalAccess:
    """What a signed-in person may do in a whole municipality."""

    municipality: m.Municipality
    role: str
    user_id: int

    @property
    def may_edit_council(self) -> bool:
        return self.role == m.MunicipalRole.CONTROLLER


def municipal_roles(user_id: int) -> QuerySet[m.MunicipalAssignment]:
    return m.MunicipalAssignment.objects.filter(user_id=user_id).select_related("municipality")


def municipality_for_reader(request: HttpRequest, pk: int) -> MunicipalAccess:
    """The person's role in the municipality (or 404: they may not learn it is here)."""
    found = municipal_roles(user_id_of(request)).filter(municipality_id=pk).first()
    if found is None:
        raise Http404
    return MunicipalAccess(found.municipality, found.role, user_id_of(request))


def municipality_for_controller(request: HttpRequest, pk: int) -> MunicipalAccess:
    access = municipality_for_reader(request, pk)
    if not access.may_edit_council:
        raise PermissionDenied
    return access


def council_goal_for_reader(access: MunicipalAccess, year: int, pk: int) -> m.CouncilGoal:
    return get_object_or_404(m.CouncilGoal, pk=pk, municipality=access.municipality, year=year)


def council_indicator_for_controller(access: MunicipalAccess, pk: int) -> m.CouncilIndicator:
    """Another municipality's indicator is 404 for everyone; one's own is 403 but for the
    municipal controller."""
    found = get_object_or_404(
        m.CouncilIndicator.objects.select_related("council_goal"),
        pk=pk,
        council_goal__municipality=access.municipality,
    )
    if not access.may_edit_council:
        raise PermissionDenied
    return found
