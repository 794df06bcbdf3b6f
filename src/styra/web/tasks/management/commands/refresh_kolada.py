"""``styra manage refresh_kolada NÄMND PERIOD``: fetch the period's Kolada snapshot again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.web.followup import models as m
from styra.web.tasks import jobs
from styra.web.tasks.kolada import refresh_kolada
from styra.web.tasks.models import JobKind


class Command(BaseCommand):
    help = "Hämtar periodens Kolada-ögonblicksbild på nytt, som en uppgift i kön."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committee", help="nämndens kortnamn, t.ex. sydnarkes-it")
        parser.add_argument("period", help="periodens kortnamn, t.ex. 2024-helar")

    def handle(self, *args: Any, **options: Any) -> None:
        period = m.Period.objects.filter(
            committee__slug=options["committee"], slug=options["period"]
        ).first()
        if period is None:
            raise CommandError("Ingen sådan period.")
        job = jobs.start(
            refresh_kolada,
            kind=JobKind.KOLADA,
            title=f"Kolada för {period}",
            committee=period.committee,
            period=period,
            started_by=None,
        )
        job = jobs.wait(job, 0)
        if job.task.status == "SUCCESSFUL":
            self.stdout.write(job.message)
        elif job.task.status == "FAILED":
            raise CommandError(job.message)
        else:
            self.stdout.write(f"Uppgiften {job.pk} ligger i kön; en arbetsprocess gör den.")
