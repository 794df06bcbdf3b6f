"""``styra manage generate_national``: fill the database with an invented national data set."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from styra.web.followup import models as m
from styra.web.followup.demo import create_example
from styra.web.national.generate import TEMPLATE_CODE, generate, summary


class Command(BaseCommand):
    help = "Fyll PostgreSQL med påhittade kommuner, nämnder och år (för prestandamätningar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=int, default=290)
        parser.add_argument("--committees", type=int, default=12)
        parser.add_argument("--years", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("generate_national kräver PostgreSQL (DATABASE_URL).")
        if not m.Municipality.objects.filter(code=TEMPLATE_CODE).exists():
            self.stdout.write("Läser in exempelkommunen, som varje nämnd kopieras från …")
            found = create_example()
            if found.period is None:
                raise CommandError("; ".join(str(p) for p in found.problems))
        counts = generate(
            options["municipalities"],
            options["committees"],
            options["years"],
            say=self.stdout.write,
        )
        for line in summary(counts):
            self.stdout.write(line)
