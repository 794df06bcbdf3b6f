"""Roles from the provider's groups, applied at each sign-in.

``plan`` is the rule, pure: the roles the person's groups give now against the roles they
hold. A role the mapping gave earlier and no group gives now is taken away; a role given by
hand (no record of the mapping, or changed by staff since) is never touched, and where it
exists the mapping adds nothing beside it. Where several groups give roles in one place the
strongest wins (Assignment and MunicipalAssignment hold one role per place).

``apply`` carries a plan out and writes each change to the audit trail where the admin
writes the same change: a committee's roles in the trail of each of its periods, a
municipality's roles in the municipality's trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.signin.models import GroupRole, MappedCommitteeRole, MappedMunicipalRole

COMMITTEE_STRENGTH: dict[str, int] = {m.Role.READER: 1, m.Role.OWNER: 2, m.Role.CONTROLLER: 3}
MUNICIPAL_STRENGTH: dict[str, int] = {
    m.MunicipalRole.COUNCIL_READER: 1,
    m.MunicipalRole.CONTROLLER: 2,
}


@dataclass(frozen=True)
class Grant:
    """A role a group gives in one place (a committee or a municipality, by id)."""

    place: int
    role: str
    group: str


@dataclass(frozen=True)
class Held:
    """A role the person holds in one place; ``mapped`` is the role the mapping gave, or
    "" for a role given by hand."""

    place: int
    role: str
    mapped: str

    @property
    def by_hand(self) -> bool:
        return self.mapped != self.role


@dataclass(frozen=True)
class Plan:
    add: tuple[Grant, ...]
    change: tuple[tuple[Held, Grant], ...]
    remove: tuple[Held, ...]


def wanted(grants: Iterable[Grant], strength: dict[str, int]) -> dict[int, Grant]:
    """Per place, the strongest role the groups give (ties: the first group by name)."""
    best: dict[int, Grant] = {}
    for grant in sorted(grants, key=lambda g: g.group):
        current = best.get(grant.place)
        if current is None or strength[grant.role] > strength[current.role]:
            best[grant.place] = grant
    return best


def plan(want: dict[int, Grant], held: dict[int, Held]) -> Plan:
    add = tuple(g for place, g in sorted(want.items()) if place not in held)
    change: list[tuple[Held, Grant]] = []
    remove: list[Held] = []
    for place, role in sorted(held.items()):
        if role.by_hand:
            continue
        grant = want.get(place)
        if grant is None:
            remove.append(role)
        elif grant.role != role.role:
            change.append((role, grant))
    return Plan(add, tuple(change), tuple(remove))


def apply(user: Any, groups: list[str], provider: str) -> list[str]:
    """The person's roles brought in line with their groups; the changes, described."""
    with audit.acting_through(_("grupper hos %(provider)s") % {"provider": provider}):
        return _apply_committees(user, groups, provider) + _apply_municipalities(
            user, groups, provider
        )


def note(group: str, provider: str, *, removed: bool = False) -> str:
    """The audit note: which group gave, or no longer gives, the role."""
    names = {"group": group, "provider": provider}
    if removed:
        return _("Gruppen %(group)s hos %(provider)s ger inte längre rollen (inloggning)") % names
    return _("Rollen ges av gruppen %(group)s hos %(provider)s (inloggning)") % names


def _committee_label(a: m.Assignment) -> str:
    """As the admin's trail names a committee's role (followup.admin._assignments)."""
    return f"{a.user}: {a.get_role_display()}"


def _apply_committees(user: Any, groups: list[str], provider: str) -> list[str]:
    rows = GroupRole.objects.filter(group__in=groups, committee__isnull=False)
    want = wanted((Grant(r.committee_id or 0, r.committee_role, r.group) for r in rows),
                  COMMITTEE_STRENGTH)  # fmt: skip
    found = m.Assignment.objects.filter(user=user).select_related("from_group", "committee")
    assignments = {a.committee_id: a for a in found}
    held = {p: Held(p, a.role, _mapped(a)) for p, a in assignments.items()}
    steps = plan(want, held)
    done: list[str] = []
    for grant in steps.add:
        a = m.Assignment.objects.create(user=user, committee_id=grant.place, role=grant.role)
        MappedCommitteeRole.objects.create(assignment=a, role=grant.role, group=grant.group)
        done.append(_record_committee(a, "", _committee_label(a), note(grant.group, provider)))
    for role, grant in steps.change:
        a = assignments[role.place]
        before = _committee_label(a)
        a.role = grant.role
        a.save(update_fields=["role"])
        MappedCommitteeRole.objects.filter(assignment=a).update(role=grant.role, group=grant.group)
        done.append(_record_committee(a, before, _committee_label(a), note(grant.group, provider)))
    for role in steps.remove:
        a = assignments[role.place]
        before = _committee_label(a)
        group = a.from_group.group  # type: ignore[attr-defined, unused-ignore]
        done.append(_record_committee(a, before, "", note(group, provider, removed=True)))
        a.delete()
    return done


def _mapped(assignment: Any) -> str:
    record = getattr(assignment, "from_group", None)  # none for a role given by hand
    return record.role if record is not None else ""


def _record_committee(a: m.Assignment, old: str, new: str, why: str) -> str:
    """As the admin records a committee's roles: in the trail of each of its periods (a
    committee without periods has no trail yet, in the admin either)."""
    changes = {f"assignment:{a.pk}": (old, new)}
    for period in m.Period.objects.filter(committee_id=a.committee_id):
        audit.record(period, None, m.ItemKind.COMMITTEE, a.committee, changes, note=why)
    return f"{a.committee}: {old or '–'} → {new or '–'}: {why}"


def _apply_municipalities(user: Any, groups: list[str], provider: str) -> list[str]:
    rows = GroupRole.objects.filter(group__in=groups, municipality__isnull=False)
    want = wanted((Grant(r.municipality_id or 0, r.municipal_role, r.group) for r in rows),
                  MUNICIPAL_STRENGTH)  # fmt: skip
    found = m.MunicipalAssignment.objects.filter(user=user).select_related(
        "from_group", "municipality"
    )
    assignments = {a.municipality_id: a for a in found}
    held = {p: Held(p, a.role, _mapped(a)) for p, a in assignments.items()}
    steps = plan(want, held)
    done: list[str] = []
    for grant in steps.add:
        a = m.MunicipalAssignment.objects.create(
            user=user, municipality_id=grant.place, role=grant.role
        )
        MappedMunicipalRole.objects.create(assignment=a, role=grant.role, group=grant.group)
        done.append(_record_municipal(a, {"created": ("", str(a))}, note(grant.group, provider)))
    for role, grant in steps.change:
        a = assignments[role.place]
        changes = {"role": (a.role, grant.role)}
        a.role = grant.role
        a.save(update_fields=["role"])
        MappedMunicipalRole.objects.filter(assignment=a).update(role=grant.role, group=grant.group)
        done.append(_record_municipal(a, changes, note(grant.group, provider)))
    for role in steps.remove:
        a = assignments[role.place]
        group = a.from_group.group  # type: ignore[attr-defined, unused-ignore]
        why = note(group, provider, removed=True)
        done.append(_record_municipal(a, {"deleted": (str(a), "")}, why))
        a.delete()
    return done


def _record_municipal(
    a: m.MunicipalAssignment, changes: dict[str, tuple[str, str]], why: str
) -> str:
    """As the admin records a municipal role (MunicipalAuditedMixin), in the same trail."""
    audit.record_municipal(a.municipality, None, m.ItemKind.MUNICIPALITY, a, changes, note=why)
    old, new = next(iter(changes.values()))
    return f"{a.municipality}: {old or '–'} → {new or '–'}: {why}"
