"""The whole municipality: its overview per year and the council's goals (KF-mål).

Readers are those with a municipal role (access.municipality_for_reader); the municipal
controller also edits a KF-mål's name and description and its own indicators' values.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.web.followup import access as rules
from styra.web.followup import editing, municipal
from styra.web.followup import models as m
from styra.web.followup.forms import CouncilGoalForm, CouncilIndicatorForm


@login_required
def municipality(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest year's overview."""
    access = rules.municipality_for_reader(request, pk)
    found = municipal.years(access.municipality)
    if not found:
        context = {"access": access, "years": []}
        return render(request, "followup/municipality_empty.html", context)
    return redirect("municipality_year", pk=pk, year=found[0])


@login_required
def overview(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    access = rules.municipality_for_reader(request, pk)
    years = municipal.years(access.municipality)
    if year not in years:
        raise Http404
    context = {
        "access": access,
        "o": municipal.overview(access, year),
        "years": years,
    }
    return render(request, "followup/municipality.html", context)


def _goal_url(goal: m.CouncilGoal) -> str:
    kwargs = {"pk": goal.municipality_id, "year": goal.year, "goal": goal.pk}
    return reverse("council_goal", kwargs=kwargs)


@login_required
def council_goal(request: HttpRequest, pk: int, year: int, goal: int) -> HttpResponse:
    access = rules.municipality_for_reader(request, pk)
    found = rules.council_goal_for_reader(access, year, goal)
    form = CouncilGoalForm(
        initial={"name": found.name, "description": found.description, "version": found.version}
    )
    conflict = None
    if request.method == "POST":
        access = rules.municipality_for_controller(request, pk)
        form = CouncilGoalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            conflict = editing.save_council_row(
                municipality=access.municipality,
                user=request.user,
                row=found,
                expected_version=data["version"],
                new={"name": data["name"], "description": data["description"]},
                kind=m.ItemKind.COUNCIL_GOAL,
            )
            if conflict is None:
                messages.success(request, _("Fullmäktigemålet är sparat."))
                return redirect(_goal_url(found))
    status = 409 if conflict else (400 if form.errors else 200)
    return _goal_page(request, access, found, form, conflict=conflict, status=status)


def _goal_page(
    request: HttpRequest,
    access: rules.MunicipalAccess,
    goal: m.CouncilGoal,
    form: CouncilGoalForm,
    *,
    conflict: editing.Conflict | None = None,
    forms: dict[int, CouncilIndicatorForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    indicators = list(goal.indicators.prefetch_related("history"))
    given = forms or {}
    rows = [
        (
            ind,
            given.get(ind.pk)
            or CouncilIndicatorForm(
                initial={
                    "value": "" if ind.value is None else str(ind.value).replace(".", ","),
                    "analysis": ind.analysis,
                    "version": ind.version,
                },
                prefix=f"ind-{ind.pk}",
            ),
        )
        for ind in indicators
    ]
    changes = m.Change.objects.filter(
        municipality=access.municipality,
        item_kind__in=[m.ItemKind.COUNCIL_GOAL, m.ItemKind.COUNCIL_INDICATOR],
        item_id__in=[goal.pk, *(i.pk for i in indicators)],
    ).exclude(field="import")[:50]
    context: dict[str, Any] = {
        "access": access,
        "goal": goal,
        "form": form,
        "rows": rows,
        "conflict": conflict,
        "changes": changes,
    }
    return render(request, "followup/council_goal.html", context, status=status)


@login_required
def council_indicator(request: HttpRequest, pk: int, year: int, indicator: int) -> HttpResponse:
    """A KF-mål's own indicator: its value and analysis (POST only; the goal page shows it)."""
    access = rules.municipality_for_reader(request, pk)
    found = rules.council_indicator_for_controller(access, indicator)
    goal = found.council_goal
    if goal.year != year or request.method != "POST":
        raise Http404
    form = CouncilIndicatorForm(request.POST, prefix=f"ind-{found.pk}")
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        conflict = editing.save_council_row(
            municipality=access.municipality,
            user=request.user,
            row=found,
            expected_version=data["version"],
            new={"value": data["value"], "analysis": data["analysis"]},
            kind=m.ItemKind.COUNCIL_INDICATOR,
        )
        if conflict is None:
            messages.success(request, _("Indikatorn är sparad."))
            return redirect(_goal_url(goal) + f"#kf-indikator-{found.pk}")
    initial = {"name": goal.name, "description": goal.description, "version": goal.version}
    return _goal_page(
        request,
        access,
        goal,
        CouncilGoalForm(initial=initial),
        conflict=conflict,
        forms={found.pk: form},
        status=409 if conflict else 400,
    )
