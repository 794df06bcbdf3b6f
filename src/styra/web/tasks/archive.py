"""Building an adopted version's archive as a task: the report rendered in every format
from the folder kept at adoption, and the manifest (``styra.archive``).

Adoption itself stays in the request, one transaction: the period is locked and the version
kept with its folder and its figures at once; only this slow part (a PDF, a DOCX) follows.
The version's folder never changes, so the archive built later is the one adoption would
have built; its figures are checked against those kept at adoption.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from styra.archive import build_archive
from styra.web.followup import models as m
from styra.web.followup import reports
from styra.web.tasks.jobs import Steps, run_job
from styra.web.tasks.models import Job


class ArchiveMismatch(Exception):
    """The archive's figures are not those kept at adoption (never expected)."""


@task(takes_context=True)
def build_version_archive(
    context: TaskContext, version_id: int, lineage: dict[str, Any], about: dict[str, Any]
) -> dict[str, Any]:
    return run_job(context, lambda job, steps: _build(job, steps, version_id, lineage, about))


def _build(
    job: Job, steps: Steps, version_id: int, lineage: dict[str, Any], about: dict[str, Any]
) -> str:
    version = m.ReportVersion.objects.get(pk=version_id)
    if not version.archive_sha256:  # a retry after the archive was saved has nothing to do
        steps(0.2, _("Skriver rapporten i alla format och arkivets innehållsförteckning"))
        archive = build_archive(reports.version_files(version), lineage, about)
        if archive.data != version.data:
            raise ArchiveMismatch(_("arkivets siffror skiljer sig från de fastställda"))
        steps(0.9, _("Sparar arkivet"))
        with transaction.atomic():
            m.ReportVersion.objects.filter(pk=version_id, archive_sha256="").update(
                archive=archive.content, archive_sha256=archive.sha256
            )
    return _("Arkivet för rapportversion %(n)d är klart.") % {"n": version.number}
