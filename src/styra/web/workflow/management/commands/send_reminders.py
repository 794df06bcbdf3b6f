"""``styra manage send_reminders``: the day's e-mail reminders before the periods' deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styra.web.workflow.reminders import DEFAULT_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        "Skickar dagens påminnelser med e-post: till var och en med delar som inte är "
        "klarmarkerade i perioder med deadline inom --days dagar (eller passerad), och till "
        "controllern när alla delar är klara. Högst en påminnelse per person, del och dag."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"hur många dagar före deadline påminnelserna börjar (förval {DEFAULT_DAYS})",
        )
        parser.add_argument("--date", default="", help="dagen som ÅÅÅÅ-MM-DD (förval: i dag)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days får inte vara negativt.")
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date ska vara ÅÅÅÅ-MM-DD, inte {options['date']!r}.") from None
        sent = send_reminders(today, options["days"])
        if options["verbosity"]:
            self.stdout.write(
                f"{len(sent.digests)} påminnelser och {len(sent.all_ready)} besked om att allt "
                f"är klart skickade ({today:%Y-%m-%d})."
            )
            for name in sent.without_address:
                self.stderr.write(f"Ingen e-postadress: {name}; ingen påminnelse skickad.")
