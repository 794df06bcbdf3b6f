"""Issue, list and revoke API tokens from a script: ``styra manage api_token …``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.web.api import tokens
from styra.web.api.models import ApiToken, Scope
from styra.web.followup import models as m


class Command(BaseCommand):
    help = "API-nycklar: skapa (create), lista (list) eller återkalla (revoke)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="skapa en nyckel; hemligheten skrivs ut en gång")
        create.add_argument("--name", required=True)
        create.add_argument("--municipality", required=True, help="kommunkod, t.ex. 1814")
        who = create.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="användarnamnet nyckeln agerar som")
        who.add_argument("--service", action="store_true", help="ett tjänstekonto")
        create.add_argument("--scope", choices=Scope.values, default=Scope.READ)
        create.add_argument("--committee", help="ge tjänstekontot en roll i nämnden (kortnamn)")
        create.add_argument("--role", choices=m.Role.values, default=m.Role.READER)
        sub.add_parser("list", help="lista nycklarna")
        revoke = sub.add_parser("revoke", help="återkalla en nyckel")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options)
        elif action == "list":
            for t in ApiToken.objects.select_related("user", "municipality"):
                state = "återkallad" if t.revoked_at else "aktiv"
                used = t.last_used_at.isoformat() if t.last_used_at else "-"
                self.stdout.write(
                    f"{t.pk}\t{t.name}\t{t.user}\t{t.municipality}\t{t.scope}\t{state}\t{used}"
                )
        else:
            found = ApiToken.objects.filter(pk=options["id"]).first()
            if found is None:
                raise CommandError(f"Ingen API-nyckel med id {options['id']}.")
            found.revoke()
            self.stdout.write(f"Återkallad: {found.name}")

    def _create(self, options: dict[str, Any]) -> None:
        municipality = m.Municipality.objects.filter(code=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Ingen kommun med koden {options['municipality']}.")
        if options["service"]:
            issued = tokens.issue_service(options["name"], municipality, options["scope"])
            if options["committee"]:
                committee = m.Committee.objects.filter(slug=options["committee"]).first()
                if committee is None:
                    raise CommandError(f"Ingen nämnd med kortnamnet {options['committee']}.")
                m.Assignment.objects.update_or_create(
                    committee=committee, user=issued.token.user, defaults={"role": options["role"]}
                )
        else:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Ingen användare {options['user']}.")
            issued = tokens.issue(user, municipality, options["name"], options["scope"])
        self.stdout.write(issued.secret)
