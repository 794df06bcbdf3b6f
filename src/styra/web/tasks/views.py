"""A job's page: its progress while it runs, then its outcome and where to go on.

With JavaScript, htmx asks for the fragment every second and swaps it in; without, the
page reloads itself (a refresh inside ``<noscript>``) until the job is done. Only those
who read the job's committee see it; another committee's job is 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.web.followup import access as rules
from styra.web.followup import reports
from styra.web.tasks.models import Job, JobKind

POLL_SECONDS = 1
REFRESH_SECONDS = 2


@login_required
def job_page(request: HttpRequest, slug: str, period: str, pk: UUID) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    found = Job.objects.select_related("task").defer("upload", "result")  # polled each second
    job = get_object_or_404(found, pk=pk, period=access.period)
    if job.kind == JobKind.SIE_IMPORT:
        access = rules.period_for_controller(request, slug, period)
    context = {
        "access": access,
        "period": access.period,
        "job": job,
        "state": state(job),
        "next": next_link(job),
        "poll": POLL_SECONDS,
        "refresh": REFRESH_SECONDS,
        "tab": "sie" if job.kind == JobKind.SIE_IMPORT else "report",
    }
    if request.headers.get("HX-Request"):
        return render(request, "tasks/_job.html", context)
    return render(request, "tasks/job.html", context)


def state(job: Job) -> str:
    """waiting, running, done or failed: what the page says and whether it polls."""
    return {"READY": "waiting", "RUNNING": "running", "SUCCESSFUL": "done"}.get(
        job.task.status, "failed"
    )


def next_link(job: Job) -> tuple[str, str] | None:
    """Where to go on from a job that is done, or back to from one that failed."""
    assert job.period is not None
    args = [job.period.committee.slug, job.period.slug]
    status = job.task.status
    if job.kind == JobKind.SIE_IMPORT and status == "SUCCESSFUL" and "import" in job.outcome:
        return reverse("sie_preview", args=[*args, job.outcome["import"]]), _(
            "Granska och bekräfta"
        )
    if job.kind == JobKind.SIE_IMPORT and status == "FAILED":
        return reverse("sie_upload", args=args), _("Tillbaka till Läs in SIE")
    if job.kind == JobKind.REPORT and status == "SUCCESSFUL":
        return reverse("job_file", args=[*args, job.pk]), _("Ladda ner rapporten")
    if job.kind == JobKind.ARCHIVE and status == "SUCCESSFUL":
        number = job.outcome["version"]
        return reverse("version_archive", args=[*args, number]), _("Ladda ner arkivet")
    return None


@login_required
def job_file(request: HttpRequest, slug: str, period: str, pk: UUID) -> HttpResponse:
    """What a finished job made (a report), as a download."""
    access = rules.period_for_reader(request, slug, period)
    job = get_object_or_404(
        Job.objects.select_related("task").defer("upload"),
        pk=pk,
        period=access.period,
        kind=JobKind.REPORT,
        task__status="SUCCESSFUL",
    )
    return file_response(job)


def file_response(job: Job) -> HttpResponse:
    fmt = job.result_name.rsplit(".", 1)[-1]
    response = HttpResponse(bytes(job.result), content_type=reports.content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    return response
