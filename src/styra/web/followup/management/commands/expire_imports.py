"""``styra manage expire_imports``: remove SIE uploads that were never confirmed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from styra.web.followup.ledgers import expire_pending


class Command(BaseCommand):
    help = (
        "Tar bort SIE-filer som laddats upp men aldrig lästs in (väntande eller avbrutna) "
        "och som är äldre än STYRA_PENDING_IMPORT_HOURS timmar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=int,
            default=None,
            help=f"ålder i timmar (förval: {settings.STYRA_PENDING_IMPORT_HOURS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = expire_pending(options["hours"])
        if options["verbosity"]:
            self.stdout.write(f"{removed} oanvända SIE-filer borttagna.")
