"""Rendering a period's report (any format) as a task: the document is kept in the job, to
be downloaded from the job's page, or handed over at once when it was quick."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from styra.report.formats import RenderError
from styra.web.followup import models as m
from styra.web.followup import reports
from styra.web.tasks.jobs import Steps, run_job
from styra.web.tasks.models import Job


class ReportProblems(Exception):
    """The folder's loader refused the period; its problems are in the job's outcome."""


@task(takes_context=True)
def render_report(context: TaskContext, fmt: str) -> dict[str, Any]:
    return run_job(context, lambda job, steps: _render(job, steps, fmt))


def _render(job: Job, steps: Steps, fmt: str) -> str:
    period = m.Period.objects.select_related("committee").get(pk=job.period_id or 0)
    name = f"rapport-{period.committee.slug}-{period.slug}.{fmt}"
    what = reports.NAMES.get(fmt, fmt.upper())
    steps(0.2, _("Räknar ut uppföljningen och skriver rapporten (%(what)s)") % {"what": what})
    try:
        content = reports.render_period(period, fmt)
    except RenderError as exc:
        problems = [
            {
                "source": str(p.source),
                "severity": p.severity.value,
                "message": p.message,
                "hint": p.hint,
            }
            for p in exc.problems
        ]
        Job.objects.filter(pk=job.pk).update(outcome={"problems": problems})
        raise ReportProblems(
            _("rapporten kunde inte skapas; rätta problemen och försök igen")
        ) from exc
    Job.objects.filter(pk=job.pk).update(result=content, result_name=name, outcome={"file": name})
    return _("Rapporten (%(what)s) är klar att ladda ner.") % {"what": what}
