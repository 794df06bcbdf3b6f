"""Staff set up municipalities, committees, people's roles and the goal structure here.

Figures, assessments and texts are edited in the app, where the lock and the audit trail
apply; here, rows of an adopted period are read-only, and every change of an indicator's
definition (target, owner) is written to the audit trail with its old and new value.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from styra.web.followup import audit
from styra.web.followup import models as m


class MemberInline(admin.TabularInline[m.Member, m.Committee]):
    model = m.Member
    extra = 0


class AssignmentInline(admin.TabularInline[m.Assignment, m.Committee]):
    model = m.Assignment
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(m.Municipality)
class MunicipalityAdmin(admin.ModelAdmin[m.Municipality]):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(m.Committee)
class CommitteeAdmin(admin.ModelAdmin[m.Committee]):
    list_display = ["name", "municipality", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MemberInline, AssignmentInline]


@admin.register(m.CouncilGoal)
class CouncilGoalAdmin(admin.ModelAdmin[m.CouncilGoal]):
    list_display = ["name", "municipality"]


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


class AuditedMixin(LockedPeriodMixin):
    audited_fields: tuple[str, ...] = ()
    audit_kind = m.ItemKind.PERIOD

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if before is not None:
            changes = {
                f: (getattr(before, f), getattr(obj, f))
                for f in self.audited_fields
                if getattr(before, f) != getattr(obj, f)
            }
            if changes:
                audit.record(self.period_of(obj), request.user, self.audit_kind, obj, changes)

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


@admin.register(m.Goal)
class GoalAdmin(AuditedMixin, admin.ModelAdmin[m.Goal]):
    list_display = ["key", "name", "period"]
    list_filter = ["period__committee", "period"]
    fields = ["period", "key", "name", "position", "council_goal"]
    readonly_fields = ["period"]
    inlines = [IndicatorInline]
    audited_fields = ("key", "name", "council_goal")
    audit_kind = m.ItemKind.GOAL

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
        "name", "unit", "target_kind", "target_value", "target_wording", "baseline", "owner",
    )  # fmt: skip
    audit_kind = m.ItemKind.RESULT

    def period_of(self, obj: Any) -> m.Period:
        return obj.goal.period  # type: ignore[no-any-return]


class ReportLineInline(admin.TabularInline[m.ReportLine, m.Period]):
    model = m.ReportLine
    extra = 0


class ProjectInline(admin.TabularInline[m.InvestmentProject, m.Period]):
    model = m.InvestmentProject
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
