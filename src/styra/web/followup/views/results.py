"""Result entry: an indicator's value, analysis and override; a goal's override.

The preview answers htmx requests with the assessment a value would get, before saving;
without JavaScript the form simply saves and the overview shows the new status.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styra.core.followup import FollowUp, FollowUpInput, GoalResult, compute
from styra.core.goals import Goal, Status
from styra.web.followup import access as rules
from styra.web.followup import editing, lineage
from styra.web.followup import models as m
from styra.web.followup.bridge import build_input
from styra.web.followup.forms import DecimalTextField, OverrideForm, ResultForm
from styra.web.followup.overview import followup_of


def _goal_result(f: FollowUp, goal_key: str) -> GoalResult:
    return next(g for g in f.goals if g.goal.id == goal_key)


def _overview_url(access: rules.Access, anchor: str) -> str:
    period = access.the_period
    url = reverse("overview", kwargs={"slug": access.committee.slug, "period": period.slug})
    return f"{url}#{anchor}"


def _result_initial(indicator: m.Indicator) -> dict[str, Any]:
    r = indicator.result
    return {
        "value": "" if r.value is None else str(r.value).replace(".", ","),
        "value_justification": r.value_justification,
        "analysis": r.analysis,
        "override_status": r.override_status,
        "override_justification": r.override_justification,
        "version": r.version,
    }


@login_required
def indicator(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    if request.method == "POST":
        return _save_indicator(request, access, rules.indicator_for_editor(access, pk))
    found = rules.indicator_for_reader(access, pk)
    return _indicator_page(request, access, found, _form(found, initial=_result_initial(found)))


def _form(found: m.Indicator, data: Any = None, **kwargs: Any) -> ResultForm:
    return ResultForm(
        data,
        derived=bool(found.derived),
        unit=found.unit,
        computed=lineage.computed_value(found),
        **kwargs,
    )


def _indicator_page(
    request: HttpRequest,
    access: rules.Access,
    found: m.Indicator,
    form: ResultForm,
    *,
    conflict: editing.Conflict | None = None,
    status: int = 200,
) -> HttpResponse:
    f = followup_of(access.the_period)
    goal = _goal_result(f, found.goal.key)
    current = next(r for r in goal.indicators if r.indicator.id == found.key)
    context = {
        "access": access,
        "period": access.period,
        "indicator": found,
        "lineage": lineage.shown(found),
        "current": current,
        "goal": goal,
        "form": form,
        "editable": access.may_edit(found) and not access.the_period.is_locked,
        "conflict": conflict,
        "tab": "overview",
    }
    return render(request, "followup/indicator.html", context, status=status)


def _save_indicator(request: HttpRequest, access: rules.Access, found: m.Indicator) -> HttpResponse:
    rules.ensure_unlocked(access.the_period)
    form = _form(found, request.POST, initial=_result_initial(found))
    if not form.is_valid():
        return _indicator_page(request, access, found, form, status=400)
    before = _goal_result(followup_of(access.the_period), found.goal.key).status
    new = {
        k: form.cleaned_data[k] for k in ("analysis", "override_status", "override_justification")
    }
    if not found.derived:
        new["value"] = form.cleaned_data["value"]
    if "value_justification" in form.cleaned_data:
        new["value_justification"] = form.cleaned_data["value_justification"]
    try:
        conflict = editing.save_result(
            access, request.user, found, form.cleaned_data["version"], new
        )
    except editing.RulesBroken as exc:
        if any(b.forbidden for b in exc.breaks):
            raise PermissionDenied from None
        for b in exc.breaks:
            form.add_error(b.field if b.field in form.fields else None, b.message)
        return _indicator_page(request, access, found, form, status=400)
    if conflict is not None:
        return _conflict_page(request, access, found, form, conflict)
    access.the_period.refresh_from_db()
    after = _goal_result(followup_of(access.the_period), found.goal.key)
    messages.success(request, _saved_message(found, before, after))
    return redirect(_overview_url(access, f"indikator-{found.pk}"))


def _saved_message(found: m.Indicator, before: Status, after: GoalResult) -> str:
    if after.status == before:
        return _("Sparat: %(ind)s. Målet bedöms fortfarande: %(status)s.") % {
            "ind": found.name,
            "status": after.status.label,
        }
    return _("Sparat: %(ind)s. Målet »%(goal)s» bedöms nu: %(now)s (förut %(before)s).") % {
        "ind": found.name,
        "goal": after.goal.name,
        "now": after.status.label,
        "before": before.label,
    }


def _conflict_page(
    request: HttpRequest,
    access: rules.Access,
    found: m.Indicator,
    form: ResultForm,
    conflict: editing.Conflict,
) -> HttpResponse:
    data = request.POST.copy()
    data["version"] = str(conflict.current.version)
    retry = _form(found, data)
    retry.is_valid()
    found.result = conflict.current
    return _indicator_page(request, access, found, retry, conflict=conflict, status=409)


@login_required
@require_POST
def indicator_preview(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    found = rules.indicator_for_editor(access, pk)
    try:
        value = DecimalTextField(required=False).clean(request.POST.get("value", ""))
    except ValidationError:
        return render(request, "followup/_preview.html", {"invalid": True})
    data = _with_value(build_input(access.the_period), found.key, value, found.derived)
    goal = _goal_result(compute(data), found.goal.key)
    current = next(r for r in goal.indicators if r.indicator.id == found.key)
    return render(request, "followup/_preview.html", {"goal": goal, "current": current})


def _with_value(
    data: FollowUpInput, key: str, value: Decimal | None, derived: str
) -> FollowUpInput:
    if derived:
        return data
    goals: list[Goal] = []
    for goal in data.goals:
        indicators = tuple(
            dataclasses.replace(i, value=value) if i.id == key else i for i in goal.indicators
        )
        goals.append(dataclasses.replace(goal, indicators=indicators))
    return dataclasses.replace(data, goals=tuple(goals))


@login_required
def goal(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    found = rules.goal_for_reader(access, pk)
    initial = {
        "override_status": found.override_status,
        "override_justification": found.override_justification,
        "version": found.version,
    }
    form = OverrideForm(initial=initial)
    conflict = None
    status = 200
    if request.method == "POST":
        access = rules.period_for_controller(request, slug, period)
        rules.ensure_unlocked(access.the_period)
        form = OverrideForm(request.POST, initial=initial)
        if form.is_valid():
            new = {k: form.cleaned_data[k] for k in ("override_status", "override_justification")}
            conflict = editing.save_goal(
                access.the_period, request.user, found, form.cleaned_data["version"], new
            )
            if conflict is None:
                messages.success(request, _("Bedömningen av målet är sparad."))
                return redirect(_overview_url(access, f"mal-{found.pk}"))
            found = conflict.current
            form = _refreshed(request, conflict)
            status = 409
        else:
            status = 400
    f = followup_of(access.the_period)
    context = {
        "access": access,
        "period": access.period,
        "goal": found,
        "result": _goal_result(f, found.key),
        "form": form,
        "conflict": conflict,
        "editable": access.is_controller and not access.the_period.is_locked,
        "tab": "overview",
    }
    return render(request, "followup/goal.html", context, status=status)


def _refreshed(request: HttpRequest, conflict: editing.Conflict) -> OverrideForm:
    data = request.POST.copy()
    data["version"] = str(conflict.current.version)
    form = OverrideForm(data)
    form.is_valid()
    return form
