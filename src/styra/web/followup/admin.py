"""Staff set up municipalities, committees, people's roles and the goal structure here.

Figures, assessments and texts are edited in the app, where the lock and the audit trail
apply; here, rows of an adopted period are read-only, and every change of an indicator's
definition (target, owner) is written to the audit trail with its old and new value.
A committee's name, host municipality and members, and a municipality's name and code,
are in every period's report: their changes are written to the trail of each period they
show in (which also makes its cached pages stale), and they are read-only while any of
those periods is adopted. Roles stay editable, and audited, so access can always be taken
away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, Q
from django.forms import BaseInlineFormSet, CheckboxSelectMultiple
from django.http import HttpRequest
from django.utils.translation import gettext

from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.access import lock_for_write


class LabelledRowsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """A table of rows (a tabular inline) whose fields have no <label> of their own, only
    the column's heading: each control is named by its column and its row, "Namn – Laxå",
    so a screen reader says which cell it is in."""

    def add_fields(self, form: Any, index: Any) -> None:
        super().add_fields(form, index)
        row = str(form.instance) if form.instance.pk else gettext("ny rad")
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            widget.attrs.setdefault("aria-label", f"{field.label or name} – {row}")


def _locked_periods() -> Any:
    return m.Period.objects.filter(state=m.PeriodState.ADOPTED)


def committee_locked(committee: m.Committee | None) -> bool:
    """A committee with an adopted period is read-only: its name and members are in the report."""
    if committee is None or committee.pk is None:
        return False
    return bool(_locked_periods().filter(committee=committee).exists())


def _periods_of_municipality(municipality: m.Municipality) -> Any:
    mine = Q(committee__municipality=municipality) | Q(
        committee__members__municipality=municipality
    )
    return m.Period.objects.filter(mine).distinct()


def municipality_locked(municipality: m.Municipality | None) -> bool:
    if municipality is None or municipality.pk is None:
        return False
    return bool(_periods_of_municipality(municipality).filter(state=m.PeriodState.ADOPTED).exists())


def _record_everywhere(
    periods: Any, user: Any, kind: str, item: Any, changes: dict[str, tuple[Any, Any]]
) -> None:
    """The change in the trail of every period it shows in; each period's pages go stale."""
    for period in periods:
        if changes:
            audit.record(period, user, kind, item, changes)
        else:
            audit.touch(period)


def _changed_fields(before: Any, after: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    if before is None:
        return {}
    return {
        f: (str(getattr(before, f) or ""), str(getattr(after, f) or ""))
        for f in fields
        if getattr(before, f) != getattr(after, f)
    }


class _LockedWithCommittee:
    """An inline of a committee: read-only while a period of the committee is adopted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if committee_locked(obj):
            return False
        return bool(super().has_add_permission(request, obj))  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if committee_locked(obj):
            return False
        return bool(super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if committee_locked(obj):
            return False
        return bool(super().has_delete_permission(request, obj))  # type: ignore[misc]


class MemberInline(_LockedWithCommittee, admin.TabularInline[m.Member, m.Committee]):
    model = m.Member
    formset = LabelledRowsFormSet
    extra = 0


class AssignmentInline(admin.TabularInline[m.Assignment, m.Committee]):
    """Roles stay editable in an adopted committee (access must be given and taken away);
    they are not part of the report, and every change is in the audit trail."""

    model = m.Assignment
    formset = LabelledRowsFormSet
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(m.Municipality)
class MunicipalityAdmin(admin.ModelAdmin[m.Municipality]):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    audited_fields = ("name", "code")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if municipality_locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if municipality_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = m.Municipality.objects.filter(pk=obj.pk).first() if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changes = _changed_fields(before, obj, self.audited_fields)
            periods = _periods_of_municipality(obj)
            _record_everywhere(periods, request.user, m.ItemKind.MUNICIPALITY, obj, changes)


def _members(c: m.Committee) -> dict[int, str]:
    return {r.pk: f"{r.label} ({r.municipality})" for r in c.members.select_related("municipality")}


def _assignments(c: m.Committee) -> dict[int, str]:
    rows = c.assignments.select_related("user")
    return {r.pk: f"{r.user}: {r.get_role_display()}" for r in rows}


# The rows of a committee's inlines, as the audit trail names them.
_INLINE_ROWS: dict[str, Callable[[m.Committee], dict[int, str]]] = {
    "member": _members,
    "assignment": _assignments,
}


@admin.register(m.Committee)
class CommitteeAdmin(admin.ModelAdmin[m.Committee]):
    """Name, municipality and members are in the report: read-only while a period is adopted."""

    list_display = ["name", "municipality", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MemberInline, AssignmentInline]
    audited_fields = ("name", "slug", "municipality")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if committee_locked(obj):
            return self.audited_fields
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return {} if committee_locked(obj) else super().get_prepopulated_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if committee_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Called before the inlines are saved (save_related): keep their rows as they were.
        before = m.Committee.objects.filter(pk=obj.pk).first() if change else None
        rows = {k: found(before) for k, found in _INLINE_ROWS.items()} if before else {}
        super().save_model(request, obj, form, change)
        request._styra_audit = (  # type: ignore[attr-defined]
            _changed_fields(before, obj, self.audited_fields),
            rows,
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        committee = form.instance
        found: tuple[dict[str, Any], dict[str, dict[int, str]]] = getattr(
            request, "_styra_audit", ({}, {})
        )
        fields, before = found
        changes: dict[str, tuple[Any, Any]] = dict(fields)
        for kind, rows in _INLINE_ROWS.items():
            old, new = before.get(kind, {}), rows(committee)
            for pk in sorted(set(old) | set(new)):
                if old.get(pk) != new.get(pk):
                    changes[f"{kind}:{pk}"] = (old.get(pk, ""), new.get(pk, ""))
        periods = m.Period.objects.filter(committee=committee)
        _record_everywhere(periods, request.user, m.ItemKind.COMMITTEE, committee, changes)


class MunicipalAuditedMixin:
    """A row the whole municipality owns (its council's goals and rule set, its roles):
    each added, changed or deleted row is in the municipality's trail."""

    audited_fields: tuple[str, ...] = ()
    audit_kind = m.ItemKind.COUNCIL_GOAL

    def municipality_of(self, obj: Any) -> m.Municipality:
        return obj.municipality  # type: ignore[no-any-return]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changes = _changed_fields(before, obj, self.audited_fields) if before else {}
        if before is None:
            changes = {"created": ("", str(obj))}
        if changes:
            kind = self.audit_kind
            audit.record_municipal(self.municipality_of(obj), request.user, kind, obj, changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        changes = {"deleted": (str(obj), "")}
        kind = self.audit_kind
        audit.record_municipal(self.municipality_of(obj), request.user, kind, obj, changes)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class CouncilIndicatorInline(admin.StackedInline[m.CouncilIndicator, m.CouncilGoal]):
    model = m.CouncilIndicator
    extra = 0
    exclude = ["override_by", "override_at", "version"]


@admin.register(m.CouncilGoal)
class CouncilGoalAdmin(MunicipalAuditedMixin, admin.ModelAdmin[m.CouncilGoal]):
    """KF-mål per municipality and year; the municipal controller also edits them in the app."""

    list_display = ["key", "name", "municipality", "year"]
    list_filter = ["municipality", "year"]
    fields = ["municipality", "year", "key", "name", "description", "position"]
    inlines = [CouncilIndicatorInline]
    audited_fields = ("municipality", "year", "key", "name", "description", "position")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """The KF-mål's own indicators: each added, changed or deleted row in the trail."""
        old = {f.instance.pk: dict(f.initial) for f in formset.initial_forms}
        super().save_formset(request, form, formset, change)
        where, kind = form.instance.municipality, m.ItemKind.COUNCIL_INDICATOR
        for row in formset.new_objects:
            audit.record_municipal(where, request.user, kind, row, {"created": ("", row)})
        for row, fields in formset.changed_objects:
            was = old.get(row.pk, {})
            changes = {f: (was.get(f, ""), getattr(row, f, "")) for f in fields}
            audit.record_municipal(where, request.user, kind, row, changes)
        for row in formset.deleted_objects:
            audit.record_municipal(where, request.user, kind, row, {"deleted": (row, "")})


@admin.register(m.CouncilGovernance)
class CouncilGovernanceAdmin(MunicipalAuditedMixin, admin.ModelAdmin[m.CouncilGovernance]):
    list_display = ["municipality", "year", "model"]
    list_filter = ["municipality", "year"]
    audited_fields = (
        "municipality", "year", "model", "description", "partial_kind", "partial_share",
        "rollup_share", "rollup_empty", "rollup_all_missing", "principles",
    )  # fmt: skip


@admin.register(m.MunicipalAssignment)
class MunicipalAssignmentAdmin(MunicipalAuditedMixin, admin.ModelAdmin[m.MunicipalAssignment]):
    """Roles over a whole municipality; like a committee's roles, always editable."""

    list_display = ["user", "role", "municipality"]
    list_filter = ["municipality", "role"]
    autocomplete_fields = ["user"]
    audited_fields = ("municipality", "user", "role")
    audit_kind = m.ItemKind.MUNICIPALITY


class LockedPeriodMixin:
    """Rows of an adopted period cannot be changed here either."""

    def period_of(self, obj: Any) -> m.Period:
        raise NotImplementedError

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and self.period_of(obj).is_locked:
            return False
        return bool(super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and self.period_of(obj).is_locked:
            return False
        return bool(super().has_delete_permission(request, obj))  # type: ignore[misc]


def _open_periods() -> Any:
    return m.Period.objects.exclude(state=m.PeriodState.ADOPTED)


class AuditedMixin(LockedPeriodMixin):
    """A row of one period: held to the period's lock and audited in its trail.

    The permission checks above hide what is locked; the authoritative check is made in the
    save's own transaction (the admin wraps each save in one), where every period the row is
    in before and after the change is re-read and locked with ``lock_for_write``, the same
    check the app's editing paths make. A row added, moved between periods or deleted is
    written to the trail of every period it touches.
    """

    audited_fields: tuple[str, ...] = ()
    audit_kind = m.ItemKind.PERIOD

    def _periods(self, *rows: Any) -> list[m.Period]:
        found = {p.pk: p for p in (self.period_of(r) for r in rows if r is not None)}
        return [lock_for_write(p) for _, p in sorted(found.items())]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        periods = self._periods(before, obj)
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if before is None:
            for period in periods:
                audit.record(period, request.user, self.audit_kind, obj, {"created": ("", obj)})
            return
        changes = {
            f: (getattr(before, f), getattr(obj, f))
            for f in self.audited_fields
            if getattr(before, f) != getattr(obj, f)
        }
        for period in periods if changes else ():
            audit.record(period, request.user, self.audit_kind, obj, changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        for period in self._periods(obj):
            audit.record(period, request.user, self.audit_kind, obj, {"deleted": (obj, "")})
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        audit.touch(self.period_of(form.instance))  # cached pages of the period are stale


class IndicatorInline(admin.TabularInline[m.Indicator, m.Goal]):
    """A list only: indicators change on their own page, where every change is audited."""

    model = m.Indicator
    extra = 0
    max_num = 0
    can_delete = False
    fields = ("key", "name", "unit", "target_kind", "target_value", "target_wording", "owner")
    readonly_fields = fields
    show_change_link = True


def _links(goal: m.Goal) -> str:
    return ", ".join(sorted(c.key for c in goal.council_goals.all()))


@admin.register(m.Goal)
class GoalAdmin(AuditedMixin, admin.ModelAdmin[m.Goal]):
    list_display = ["key", "name", "period"]
    list_filter = ["period__committee", "period"]
    fields = ["period", "key", "name", "position", "council_goals", "no_indicators"]
    inlines = [IndicatorInline]
    audited_fields = ("key", "name", "no_indicators")
    audit_kind = m.ItemKind.GOAL

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A goal stays in its period; a new one is placed in an open period, and linked to
        # KF-mål once its period (hence municipality and year) is known.
        return ["period"] if obj is not None else ["council_goals"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        field: Any = form.base_fields.get("council_goals")
        if field is not None and obj is not None:
            # The one rule for links (folder_import.link_problems): the committee's host
            # municipality's KF-mål of the period's year, and no others.
            field.queryset = m.CouncilGoal.objects.filter(
                municipality_id=obj.period.committee.municipality_id, year=obj.period.year
            )
            field.widget.widget = CheckboxSelectMultiple(choices=field.choices)
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        request._styra_links = _links(obj) if change else ""  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before, after = getattr(request, "_styra_links", ""), _links(form.instance)
        if before != after:
            changes = {"council_goals": (before, after)}
            audit.record(
                form.instance.period, request.user, self.audit_kind, form.instance, changes
            )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "period":
            kwargs["queryset"] = _open_periods().select_related("committee")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def period_of(self, obj: Any) -> m.Period:
        return obj.period  # type: ignore[no-any-return]


@admin.register(m.Indicator)
class IndicatorAdmin(AuditedMixin, admin.ModelAdmin[m.Indicator]):
    list_display = ["key", "name", "goal", "owner"]
    list_filter = ["goal__period__committee", "goal__period"]
    search_fields = ["key", "name"]
    autocomplete_fields = ["owner"]
    exclude = ["source"]
    audited_fields = (
        "goal", "name", "unit", "target_kind", "target_value", "target_wording", "baseline",
        "owner",
    )  # fmt: skip
    audit_kind = m.ItemKind.RESULT

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "goal":
            kwargs["queryset"] = m.Goal.objects.filter(period__in=_open_periods()).select_related(
                "period__committee"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def period_of(self, obj: Any) -> m.Period:
        return obj.goal.period  # type: ignore[no-any-return]


class ReportLineInline(admin.TabularInline[m.ReportLine, m.Period]):
    model = m.ReportLine
    formset = LabelledRowsFormSet
    extra = 0


class ProjectInline(admin.TabularInline[m.InvestmentProject, m.Period]):
    model = m.InvestmentProject
    formset = LabelledRowsFormSet
    extra = 0


class GovernanceInline(admin.StackedInline[m.Governance, m.Period]):
    model = m.Governance
    max_num = 1


class AccountPlanInline(admin.StackedInline[m.AccountPlan, m.Period]):
    model = m.AccountPlan
    max_num = 1


@admin.register(m.Period)
class PeriodAdmin(LockedPeriodMixin, admin.ModelAdmin[m.Period]):
    list_display = ["committee", "year", "kind", "state"]
    list_filter = ["committee", "state"]
    fields = ["committee", "slug", "year", "kind", "start", "end", "report_date", "state"]
    readonly_fields = ["state"]
    inlines = [GovernanceInline, AccountPlanInline, ReportLineInline, ProjectInline]
    audited_fields = ("committee", "slug", "year", "kind", "start", "end", "report_date")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """A period's own fields: held to its lock and audited like the rows inside it."""
        before = lock_for_write(obj.pk) if change else None
        super().save_model(request, obj, form, change)
        changes = _changed_fields(before, obj, self.audited_fields)
        if changes:
            audit.record(obj, request.user, m.ItemKind.PERIOD, obj, changes)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Lines, projects, governance and account plan: each added, changed or deleted row
        in the period's trail."""
        period = lock_for_write(form.instance) if change else form.instance
        old = {f.instance.pk: dict(f.initial) for f in formset.initial_forms}
        super().save_formset(request, form, formset, change)
        for row in formset.new_objects:
            audit.record(period, request.user, m.ItemKind.PERIOD, row, {"created": ("", row)})
        for row, fields in formset.changed_objects:
            was = old.get(row.pk, {})
            changes = {f: (was.get(f, ""), getattr(row, f, "")) for f in fields}
            audit.record(period, request.user, m.ItemKind.PERIOD, row, changes)
        for row in formset.deleted_objects:
            audit.record(period, request.user, m.ItemKind.PERIOD, row, {"deleted": (row, "")})

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        audit.touch(form.instance)  # cached pages of the period are stale

    def period_of(self, obj: Any) -> m.Period:
        return obj  # type: ignore[no-any-return]


class ReadOnlyAdmin(admin.ModelAdmin[Model]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.Change)
class ChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "by_name", "item_kind", "item_label", "field", "old", "new"]
    list_filter = ["item_kind", "period"]


@admin.register(m.ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["period", "number", "created_at", "created_by", "reason"]
    exclude = ["snapshot", "data"]


@admin.register(m.LedgerImport)
class LedgerImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "kind", "state", "period", "uploaded_at", "uploaded_by"]
    exclude = ["content", "problems", "accounts"]


admin.site.site_header = "Styra – administration"
admin.site.site_title = "Styra"
admin.site.index_title = "Kommuner, nämnder, användare och roller"
