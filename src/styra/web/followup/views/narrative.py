"""Narrative sections in Markdown: read rendered and sanitised; controllers edit them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.core.figures import render as fill_in
from styra.core.followup import FollowUp
from styra.web.followup import access as rules
from styra.web.followup import editing
from styra.web.followup.forms import LineAnalysisForm, NarrativeForm
from styra.web.followup.overview import followup_of


@login_required
def sections(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    figures = followup_of(access.the_period).figures
    context = {
        "access": access,
        "period": access.period,
        # Each section as the report prints it, placeholders filled in with the figures.
        "sections": [(s, fill_in(s.markdown, figures)) for s in access.the_period.narrative.all()],
        "tab": "narrative",
    }
    return render(request, "followup/narrative.html", context)


@login_required
def section(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    found = rules.section_for_reader(access, pk)
    form = NarrativeForm(initial={"markdown": found.markdown, "version": found.version})
    conflict, status, preview = None, 200, None
    followup = followup_of(access.the_period)
    if request.method == "POST":
        access = rules.period_for_controller(request, slug, period)
        rules.ensure_unlocked(access.the_period)
        form = NarrativeForm(request.POST)
        if PREVIEW in request.POST:
            # Förhandsgranska: the text as the report would print it, nothing saved.
            preview = _preview(form, followup)
        elif form.is_valid() and _figures_hold(request, form, followup):
            data = form.cleaned_data
            conflict = editing.save_section(
                access.the_period, request.user, found, data["version"], data["markdown"]
            )
            if conflict is None:
                messages.success(request, _("Texten »%(t)s» är sparad.") % {"t": found.title})
                anchor = f"berattelse-{found.pk}"
                return redirect(reverse("narrative", args=[slug, period]) + f"#{anchor}")
            found = conflict.current
            form = _with_current_version(NarrativeForm, request, found.version)
            status = 409
        else:
            status = 400
    context = {
        "access": access,
        "period": access.period,
        "section": found,
        "rendered": fill_in(found.markdown, followup.figures),
        "form": form,
        "preview": preview,
        "conflict": conflict,
        "editable": access.is_controller and not access.the_period.is_locked,
        "tab": "narrative",
    }
    return render(request, "followup/section.html", context, status=status)


PREVIEW = "forhandsgranska"
PREVIEW_LIMIT = 200_000  # the form field's own limit


@dataclass(frozen=True)
class Preview:
    """The posted text with its placeholders filled in, and what the check says of it."""

    markdown: str
    problems: tuple[str, ...]


def _preview(form: NarrativeForm, followup: FollowUp) -> Preview:
    text = str(form.data.get("markdown", ""))[:PREVIEW_LIMIT]
    problems = tuple(
        _("Rad %(line)s: %(message)s (%(hint)s)")
        % {"line": p.line, "message": p.message, "hint": p.hint}
        for p in followup.narrative_problems(text)
    )
    return Preview(fill_in(text, followup.figures), problems)


def _figures_hold(request: HttpRequest, form: NarrativeForm, followup: FollowUp) -> bool:
    """Placeholders must name figures of the period (an error on the field); an amount
    written as text that matches no figure is saved with a warning, as ``styra check`` does."""
    found = followup.narrative_problems(form.cleaned_data["markdown"])
    for p in found:
        text = _("Rad %(line)s: %(message)s (%(hint)s)") % {
            "line": p.line,
            "message": p.message,
            "hint": p.hint,
        }
        if p.error:
            form.add_error("markdown", text)
        else:
            messages.warning(request, text)
    return not any(p.error for p in found)


@login_required
def line(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    """The analysis beside a line of the operating account: why it deviates from budget."""
    access = rules.period_for_reader(request, slug, period)
    found = rules.line_for_reader(access, pk)
    form = LineAnalysisForm(initial={"analysis": found.analysis, "version": found.version})
    conflict, status = None, 200
    if request.method == "POST":
        access = rules.period_for_controller(request, slug, period)
        rules.ensure_unlocked(access.the_period)
        form = LineAnalysisForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            conflict = editing.save_line(
                access.the_period, request.user, found, data["version"], data["analysis"]
            )
            if conflict is None:
                messages.success(request, _("Analysen av %(l)s är sparad.") % {"l": found.label})
                return redirect(reverse("overview", args=[slug, period]) + f"#rad-{found.pk}")
            found = conflict.current
            form = _with_current_version(LineAnalysisForm, request, found.version)
            status = 409
        else:
            status = 400
    row = next(
        (r for r in followup_of(access.the_period).operating.rows if r.label == found.label), None
    )
    context = {
        "access": access,
        "period": access.period,
        "line": found,
        "row": row,
        "form": form,
        "conflict": conflict,
        "editable": access.is_controller and not access.the_period.is_locked,
        "tab": "overview",
    }
    return render(request, "followup/line.html", context, status=status)


def _with_current_version(form_class: Any, request: HttpRequest, version: int) -> Any:
    """The person's own input again, now against the version the other person saved."""
    retry = request.POST.copy()
    retry["version"] = str(version)
    form = form_class(retry)
    form.is_valid()
    return form
