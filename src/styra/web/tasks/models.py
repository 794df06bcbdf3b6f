"""A job's progress and outcome beside django-tasks' own row, and the workers' heartbeats."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from styra.web.followup.models import Committee, Period


class JobKind(models.TextChoices):
    SIE_IMPORT = "sie_import", _("Inläsning av SIE-fil")
    REPORT = "report", _("Rapport")
    ARCHIVE = "archive", _("Arkiv för en fastställd rapport")
    KOLADA = "kolada", _("Hämtning från Kolada")


class Job(models.Model):
    """What the person who started a task sees: how far it has come and how it ended.

    One row per queued task (the same id as django-tasks' row, deleted with it). Progress
    is written outside the task's own transaction, so it shows while the work runs; the
    outcome (``outcome``) is written in the same transaction as the work, so a retried task
    sees that the work is already done.
    """

    task = models.OneToOneField(
        DBTaskResult, primary_key=True, on_delete=models.CASCADE, related_name="job"
    )
    kind = models.CharField(_("slag"), max_length=20, choices=JobKind)
    committee = models.ForeignKey(Committee, null=True, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, null=True, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("vad"), max_length=300)
    fraction = models.FloatField(_("andel klar"), default=0.0)
    step = models.CharField(_("steg"), max_length=300, blank=True)
    message = models.TextField(_("meddelande"), blank=True)  # the outcome, or why it failed
    outcome = models.JSONField(default=dict, blank=True)  # e.g. {"import": 12}
    # The uploaded file until the task has read it: in the database, so any worker on any
    # machine can read it, never in one server's memory or disk.
    upload = models.BinaryField(default=b"")
    upload_name = models.CharField(max_length=255, blank=True)
    # What the task made for the person to download (a rendered report), with its name.
    result = models.BinaryField(default=b"")
    result_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")

    def __str__(self) -> str:
        return str(self.title)


class WorkerBeat(models.Model):
    """A worker process says it is alive every few seconds. A task left RUNNING by a worker
    whose beats stopped (killed, or its machine gone) is taken back by another worker."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.IntegerField()
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("arbetsprocess")
        verbose_name_plural = _("arbetsprocesser")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
