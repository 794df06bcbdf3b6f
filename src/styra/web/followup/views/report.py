"""Report preview and downloads, adoption (fastställ) and correction after adoption."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from styra.report.formats import RENDERERS, RenderError
from styra.web.followup import access as rules
from styra.web.followup import models as m
from styra.web.followup import reports
from styra.web.followup.folder_export import ExportError, export_zip
from styra.web.followup.forms import AdoptForm, JustificationForm
from styra.web.followup.overview import followup_of
from styra.web.followup.todo import todo
from styra.web.tasks import jobs
from styra.web.tasks.models import Job, JobKind
from styra.web.tasks.reports import render_report
from styra.web.tasks.views import file_response


@login_required
def preview(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    context = {
        "access": access,
        "period": access.period,
        "f": followup_of(access.the_period),
        "formats": reports.formats(),
        "versions": access.the_period.versions.defer("snapshot", "data", "archive").select_related(
            "created_by", "correction"
        ),
        "tab": "report",
    }
    return render(request, "followup/report.html", context)


def _file_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=reports.content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _render_failed(request: HttpRequest, access: rules.Access, exc: RenderError) -> HttpResponse:
    context = {"access": access, "period": access.period, "problems": exc.problems}
    return render(request, "followup/render_failed.html", context, status=422)


# How long a download waits for its report before showing the job's progress instead.
REPORT_WAIT_SECONDS = 8


@login_required
def download(request: HttpRequest, slug: str, period: str, fmt: str) -> HttpResponse:
    """The report rendered by a worker; handed over here when it is done within a few
    seconds, else the job's page shows its progress and then the download."""
    access = rules.period_for_reader(request, slug, period)
    if fmt not in RENDERERS:
        raise Http404
    job = jobs.start(
        render_report,
        fmt,
        kind=JobKind.REPORT,
        title=_("Rapporten som %(what)s") % {"what": reports.NAMES.get(fmt, fmt.upper())},
        committee=access.committee,
        period=access.the_period,
        started_by=request.user,
    )
    job = jobs.wait(job, REPORT_WAIT_SECONDS)
    if job.task.status == "SUCCESSFUL":
        return file_response(job)
    if job.task.status == "FAILED" and "problems" in job.outcome:
        context = {"access": access, "period": access.period, "problems": job.outcome["problems"]}
        return render(request, "followup/render_failed.html", context, status=422)
    return redirect("job", slug=slug, period=period, pk=job.pk)


@login_required
def version_download(
    request: HttpRequest, slug: str, period: str, number: int, fmt: str
) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    version = get_object_or_404(m.ReportVersion, period=access.period, number=number)
    if fmt not in RENDERERS:
        raise Http404
    try:
        content = reports.render_version(version, fmt)
    except RenderError as exc:
        return _render_failed(request, access, exc)
    return _file_response(content, fmt, f"rapport-{slug}-{period}-v{number}")


@login_required
def version_archive(request: HttpRequest, slug: str, period: str, number: int) -> HttpResponse:
    """The archive ``styra verify`` checks: inputs, rendered report and manifest (zip); while
    a worker still builds it, the job's page."""
    access = rules.period_for_reader(request, slug, period)
    versions = m.ReportVersion.objects.defer("snapshot", "data")
    version = get_object_or_404(versions, period=access.period, number=number)
    if not version.archive_sha256:
        building = Job.objects.filter(
            kind=JobKind.ARCHIVE,
            period=access.period,
            outcome__version=number,
            task__status__in=("READY", "RUNNING"),
        ).first()
        if building is None:
            raise Http404
        return redirect("job", slug=slug, period=period, pk=building.pk)
    response = HttpResponse(bytes(version.archive), content_type="application/zip")
    name = f"arkiv-{slug}-{period}-v{number}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    try:
        content = export_zip(access.the_period)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("report", slug=slug, period=period)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{period}.zip"'
    return response


@login_required
def adopt(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """The confirmation step, with Kvar att göra; open items need a written reason."""
    access = rules.period_for_controller(request, slug, period)
    items = [] if access.the_period.is_locked else todo(access.the_period)
    form, status = AdoptForm(open_items=len(items)), 200
    if request.method == "POST":
        rules.ensure_unlocked(access.the_period)
        form = AdoptForm(request.POST, open_items=len(items))
        if form.is_valid():
            try:
                version = reports.adopt(
                    access.the_period.pk,
                    request.user,
                    reason=form.cleaned_data["reason"],
                    open_items=len(items),
                )
            except RenderError as exc:
                return _render_failed(request, access, exc)
            messages.success(
                request,
                _("Perioden är fastställd och låst. Rapportversion %(n)d är sparad.")
                % {"n": version.number},
            )
            return redirect("report", slug=slug, period=period)
        status = 400
    context = {
        "access": access,
        "period": access.period,
        "items": items,
        "form": form,
        "blocked": any(item.blocking for item in items),
        "tab": "adopt",
    }
    return render(request, "followup/adopt.html", context, status=status)


@login_required
def correction(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    form = JustificationForm()
    status = 200
    if request.method == "POST":
        form = JustificationForm(request.POST)
        if not access.the_period.is_locked:
            form.add_error(None, _("Perioden är inte fastställd, så den kan ändras direkt."))
            status = 400
        elif form.is_valid():
            reports.open_correction(
                access.the_period.pk, request.user, form.cleaned_data["justification"]
            )
            messages.warning(
                request,
                _(
                    "Rättelsen är öppnad. Varje ändring loggas med motiveringen; fastställ "
                    "igen för att spara en ny rapportversion."
                ),
            )
            return redirect("overview", slug=slug, period=period)
        else:
            status = 400
    context = {"access": access, "period": access.period, "form": form, "tab": "adopt"}
    return render(request, "followup/correction.html", context, status=status)
