"""``styra manage import_folder FOLDER --committee SLUG``: a period from the folder format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.web.followup import models as m
from styra.web.followup.folder_import import import_folder


class Command(BaseCommand):
    help = "Läser in en period från mappformatet till databasen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--committee", required=True, help="nämndens kortnamn (slug)")
        parser.add_argument("--slug", default="", help="periodens kortnamn, t.ex. 2024-helar")

    def handle(self, *args: Any, **options: Any) -> None:
        committee = m.Committee.objects.filter(slug=options["committee"]).first()
        if committee is None:
            raise CommandError(
                f"nämnden {options['committee']} finns inte; lägg upp den i admin först"
            )
        result = import_folder(options["folder"], committee, slug=options["slug"])
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.period is None:
            raise CommandError("ingenting lästes in: rätta felen ovan")
        self.stdout.write(f"Inläst: {result.period} ({result.period.slug})")
