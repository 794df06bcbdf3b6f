"""SIE upload → reading in the background (a job with its progress) → preview (what changes,
every problem) → confirm, atomically."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from styra.web.followup import access as rules
from styra.web.followup import models as m
from styra.web.followup import sie_preview, uploads
from styra.web.followup.forms import SieUploadForm
from styra.web.tasks import jobs
from styra.web.tasks.models import Job, JobKind
from styra.web.tasks.sie import import_sie


@login_required
def upload(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    form: forms.Form = SieUploadForm()
    status = 200
    if request.method == "POST":
        rules.ensure_unlocked(access.the_period)
        form = SieUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = _start(request, access, form)
            if job is not None:
                return _after_start(job, slug, period)
        status = 400
    return _page(request, access, form, status)


def _start(request: HttpRequest, access: rules.Access, form: SieUploadForm) -> Job | None:
    """The quick checks here; reading the file, which may take minutes, as a job."""
    upload_file = form.cleaned_data["file"]
    name = upload_file.name or "fil.se"
    try:
        content = uploads.read(upload_file)
        uploads.check_sie(name, content)
    except uploads.UploadProblem as exc:
        form.add_error("file", str(exc))
        return None
    return jobs.start(
        import_sie,
        form.cleaned_data["kind"],
        kind=JobKind.SIE_IMPORT,
        title=_("Läser in %(f)s") % {"f": name},
        committee=access.committee,
        period=access.the_period,
        started_by=request.user,
        upload=content,
        upload_name=name,
    )


def _after_start(job: Job, slug: str, period: str) -> HttpResponse:
    """Straight to the preview when the job is already done (no worker was alive, so it
    ran here), else to the job's page, which shows its progress."""
    job.task.refresh_from_db(fields=["status"])
    if job.task.status == "SUCCESSFUL" and "import" in job.outcome:
        return redirect("sie_preview", slug=slug, period=period, pk=job.outcome["import"])
    return redirect("job", slug=slug, period=period, pk=job.pk)


def _page(
    request: HttpRequest, access: rules.Access, form: forms.Form, status: int
) -> HttpResponse:
    recent = access.the_period.imports.defer("content").select_related("uploaded_by")[:20]
    running = Job.objects.filter(
        period=access.the_period, kind=JobKind.SIE_IMPORT, task__status__in=("READY", "RUNNING")
    ).defer("upload")
    context = {
        "jobs": running,
        "access": access,
        "period": access.period,
        "form": form,
        "imports": recent,
        "tab": "sie",
    }
    return render(request, "followup/sie_upload.html", context, status=status)


@login_required
def preview(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    pending = get_object_or_404(
        m.LedgerImport.objects.defer("content"), pk=pk, period=access.period
    )
    if request.method == "POST":
        return _decide(request, access, pending)
    context = {
        "access": access,
        "period": access.period,
        "preview": sie_preview.preview(access.the_period, pending),
        "tab": "sie",
    }
    return render(request, "followup/sie_preview.html", context)


def _decide(request: HttpRequest, access: rules.Access, pending: m.LedgerImport) -> HttpResponse:
    rules.ensure_unlocked(access.the_period)
    slug, period = access.committee.slug, access.the_period.slug
    if request.POST.get("action") == "discard":
        if pending.state == m.ImportState.PENDING:
            m.LedgerImport.objects.filter(pk=pending.pk).update(
                state=m.ImportState.DISCARDED, content=b""
            )
            m.LedgerAmount.objects.filter(ledger=pending.pk).delete()
        messages.info(request, _("Inläsningen av %(f)s avbröts.") % {"f": pending.file_name})
        return redirect("sie_upload", slug=slug, period=period)
    try:
        sie_preview.confirm(access.the_period.pk, pending.pk, request.user)
    except sie_preview.ImportRefused as exc:
        messages.error(request, _("Filen lästes inte in: %(why)s.") % {"why": exc})
        return redirect("sie_preview", slug=slug, period=period, pk=pending.pk)
    messages.success(
        request, _("%(f)s är inläst och gäller nu för perioden.") % {"f": pending.file_name}
    )
    return redirect("overview", slug=slug, period=period)
