"""First start: the example committee, demo accounts with generated passwords, the banner.

Passwords are generated on first start and stored hashed in the database; the plain text is
kept only in a file that only its owner may read (0600) in the data directory, so the banner
can show them again on the next start.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from styra.web.followup import demo as example
from styra.web.followup import models as m
from styra.web.serve import CREDENTIALS_FILE, write_private
from styra.web.workflow import demo as workflow_demo

ROLE_NAMES = {
    m.Role.CONTROLLER: "controller: allt i nämnden, SIE-import, fastställ",
    m.Role.OWNER: "indikatoransvarig: resultat och analys för mål 1:s indikatorer",
    m.Role.READER: "läsare: ser allt, ändrar inget",
    "": "administratör: kommuner, nämnder, användare och roller i /admin/",
}
# Municipal roles, by the municipality's code: the member's controller reads only the
# joint committee and its share.
MUNICIPAL_ROLE_NAMES: dict[tuple[str, str], str] = {
    (m.MunicipalRole.CONTROLLER, "1814"): (
        "kommuncontroller i Lekeberg: läser alla nämnder, ändrar fullmäktiges mål"
    ),
    (m.MunicipalRole.COUNCIL_READER, "1814"): "läsare för hela Lekeberg: ser allt, ändrar inget",
    (m.MunicipalRole.CONTROLLER, "1860"): (
        "kommuncontroller i Laxå (medlem): läser IT-nämnden och Laxås andel"
    ),
}


def role_name(demo: example.DemoUser) -> str:
    if demo.municipality:
        return MUNICIPAL_ROLE_NAMES.get((demo.role, demo.municipality), demo.role)
    return ROLE_NAMES[demo.role]


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def ensure(data_dir: Path) -> list[tuple[str, str, str | None]]:
    """Load the example and create the demo accounts when the database is new."""
    path = data_dir / CREDENTIALS_FILE
    stored = _read(path)
    if not m.Committee.objects.exists():
        with transaction.atomic():
            result = example.create_example()
            if result.period is None:
                for problem in result.problems:
                    print(problem)
                raise SystemExit("Exemplet gick inte att läsa in.")
            stored = {}
            for demo in example.DEMO_USERS:
                stored[demo.username] = secrets.token_urlsafe(12)
                example.create_user(demo, stored[demo.username])
            controller = next(d for d in example.DEMO_USERS if d.role == m.Role.CONTROLLER)
            workflow_demo.set_up(example.COMMITTEE_SLUG, controller.username, list(stored))
        write_private(path, "".join(f"{u}\t{p}\n" for u, p in stored.items()))
    existing = set(
        get_user_model()
        .objects.filter(username__in=[d.username for d in example.DEMO_USERS])
        .values_list("username", flat=True)
    )
    return [
        (d.username, role_name(d), stored.get(d.username))
        for d in example.DEMO_USERS
        if d.username in existing
    ]


def banner(
    host: str, port: int, accounts: list[tuple[str, str, str | None]], data_dir: Path
) -> str:
    shown = f"[{host}]" if ":" in host else host
    lines = [
        "",
        f"Styra körs på http://{shown}:{port}/  (avsluta med Ctrl+C)",
        f"Data: {data_dir}",
    ]
    if accounts:
        lines += ["", "Logga in med ett demokonto (lösenorden skapades vid första starten):"]
        for username, role, password in accounts:
            secret = (
                password
                or "(visades vid första starten; byt med: uv run styra manage changepassword "
                + username
                + ")"
            )
            lines.append(f"  {username:<18} {secret:<18}  {role}")
        lines.append(f"Lösenorden finns i {data_dir / CREDENTIALS_FILE} (bara du kan läsa filen).")
    return "\n".join(lines) + "\n"
