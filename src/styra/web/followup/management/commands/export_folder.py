"""``styra manage export_folder COMMITTEE PERIOD DEST``: a period out to the folder format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.web.followup import models as m
from styra.web.followup.folder_export import ExportError, export_folder


class Command(BaseCommand):
    help = "Skriver en period från databasen till mappformatet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committee", help="nämndens kortnamn (slug)")
        parser.add_argument("period", help="periodens kortnamn, t.ex. 2024-helar")
        parser.add_argument("dest", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        period = m.Period.objects.filter(
            committee__slug=options["committee"], slug=options["period"]
        ).first()
        if period is None:
            raise CommandError("perioden finns inte")
        try:
            export_folder(period, options["dest"])
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Skrev {options['dest']}")
