"""The SIE import as a task: read and check the uploaded file and prepare its preview.

The pending import (the file, its amounts and problems) is written in one transaction with
the job's outcome, so a failure or a killed worker leaves nothing; a retry that finds the
outcome already written does not import twice. The confirm stays a request of its own (one
transaction, ``sie_preview.confirm``) after the person has seen the preview.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from styra.web.followup import ledgers, sie_preview
from styra.web.followup import models as m
from styra.web.tasks.jobs import Steps, run_job
from styra.web.tasks.models import Job


@task(takes_context=True)
def import_sie(context: TaskContext, kind: str) -> dict[str, Any]:
    return run_job(context, lambda job, steps: _import(job, steps, kind))


def _import(job: Job, steps: Steps, kind: str) -> str:
    assert job.period_id is not None
    if "import" not in job.outcome:
        steps(0.1, _("Läser och kontrollerar %(f)s") % {"f": job.upload_name})
        _read(job, kind)
    steps(0.8, _("Förbereder förhandsgranskningen"))
    job.refresh_from_db(fields=["outcome"])
    period = m.Period.objects.get(pk=job.period_id)
    pending = m.LedgerImport.objects.defer("content").get(pk=job.outcome["import"])
    preview = sie_preview.preview(period, pending)
    if not preview.can_confirm:
        return _("%(f)s är läst, men har fel: se dem i förhandsgranskningen.") % {
            "f": pending.file_name
        }
    return _("%(f)s är läst och klar att granskas: %(what)s.") % {
        "f": pending.file_name,
        "what": preview.summary,
    }


def _read(job: Job, kind: str) -> None:
    """The pending import and the job's outcome, all or nothing."""
    assert job.period_id is not None
    user = get_user_model().objects.filter(pk=job.started_by_id or 0).first()
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        period = m.Period.objects.get(pk=job.period_id)
        content = bytes(locked.upload)
        imp = ledgers.create_import(
            period, kind, locked.upload_name, content, user, state=m.ImportState.PENDING
        )
        Job.objects.filter(pk=job.pk).update(outcome={"import": imp.pk}, upload=b"")
