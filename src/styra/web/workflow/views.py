"""The controller's page of deadline and assignments; marking a part ready and reopening it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styra.web.followup import access as rules
from styra.web.workflow import parts as p
from styra.web.workflow.forms import ReopenForm, ResponsibilityForm, field_name

FINDERS = {
    "indikator": rules.indicator_for_reader,
    "mal": rules.goal_for_reader,
    "berattelse": rules.section_for_reader,
}


@login_required
def responsibilities(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Ansvar och deadline: the controller sets the deadline and gives each part a person."""
    access = rules.period_for_controller(request, slug, period)
    the_period = access.the_period
    parts = p.parts_of(the_period)
    people = list(p.assignable(access.committee))
    initial: dict[str, Any] = {"deadline": p.deadline_of(the_period)}
    initial |= {field_name(x): str(x.assignee.pk) if x.assignee else "" for x in parts}
    form = ResponsibilityForm(initial=initial, parts=parts, people=people)
    status = 200
    if request.method == "POST":
        rules.ensure_unlocked(the_period)
        form = ResponsibilityForm(request.POST, initial=initial, parts=parts, people=people)
        if form.is_valid():
            _save(request, access, form, parts)
            messages.success(request, _("Ansvar och deadline är sparade."))
            return redirect("responsibilities", slug=slug, period=period)
        status = 400
    rows = [(x, form[field_name(x)]) for x in parts]
    context = {"access": access, "period": the_period, "form": form, "rows": rows}
    context |= {"tab": "responsibilities", "editable": not the_period.is_locked}
    return render(request, "workflow/responsibilities.html", context, status=status)


def _save(
    request: HttpRequest, access: rules.Access, form: ResponsibilityForm, parts: list[p.PartView]
) -> None:
    period = access.the_period
    p.set_deadline(period, request.user, form.cleaned_data["deadline"])
    for part in parts:
        person = form.person(part)
        if p._pk(person) != p._pk(part.assignee):
            p.assign(period, request.user, part.item, person)


def _item(access: rules.Access, kind: str, pk: int) -> Model:
    if kind not in FINDERS:
        raise Http404
    found: Model = FINDERS[kind](access, pk)
    return found


@login_required
@require_POST
def mark_ready(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> HttpResponse:
    """The part's person marks it ready (klarmarkera)."""
    access = rules.period_for_reader(request, slug, period)
    item = _item(access, kind, pk)
    rules.ensure_unlocked(access.the_period)
    p.mark_ready(access, request.user, item)
    messages.success(request, _("»%(part)s» är markerad som klar.") % {"part": item})
    return redirect(p.part_of(access.the_period, item).url)


@login_required
def reopen(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> HttpResponse:
    """The controller reopens a ready part with a comment for its person."""
    access = rules.period_for_controller(request, slug, period)
    item = _item(access, kind, pk)
    part = p.part_of(access.the_period, item)
    form, status = ReopenForm(), 200
    if request.method == "POST":
        rules.ensure_unlocked(access.the_period)
        form = ReopenForm(request.POST)
        if form.is_valid():
            if p.reopen(access, request.user, item, form.cleaned_data["comment"]):
                messages.success(request, _("»%(part)s» är återöppnad.") % {"part": item})
            else:
                messages.info(request, _("»%(part)s» var inte markerad som klar.") % {"part": item})
            return redirect(part.url)
        status = 400
    context = {"access": access, "period": access.the_period, "part": part, "form": form}
    context |= {"tab": "responsibilities"}
    return render(request, "workflow/reopen.html", context, status=status)
