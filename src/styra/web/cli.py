"""``styra serve``, ``styra worker`` and ``styra manage``: the web application on the
command line."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Callable
from typing import Any

from styra.i18n import _

# The modules of the extra styra[web] (pyproject.toml), by import name. Without them the
# command line still works; serve and manage say how to add them.
WEB_EXTRA = (
    "django",
    "dj_database_url",
    "axes",
    "django_stubs_ext",
    "gunicorn",
    "nh3",
    "whitenoise",
    "authlib",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "requests",
)


def missing_web_extra() -> str:
    """How to install the web application when a module of its extra is missing, or ""."""
    missing = [name for name in WEB_EXTRA if importlib.util.find_spec(name) is None]
    if not missing:
        return ""
    return _(
        "Styra startar inte: webbapplikationen är inte installerad ({names} saknas). "
        'Installera den med: pip install "styra[web]" (i en utcheckning: uv sync --all-extras).'
    ).format(names=", ".join(missing))


def run_serve(args: argparse.Namespace) -> int:
    missing = missing_web_extra()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    # Django loads only for these commands, and only when the extra is installed.
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    from styra.web.env import env_int, env_str  # noqa: PLC0415
    from styra.web.serve import run  # noqa: PLC0415

    try:
        host = args.host or env_str("STYRA_HOST", "127.0.0.1")
        port = args.port if args.port is not None else env_int(*PORT)
        workers = args.workers if args.workers is not None else env_int(*WORKERS)
    except ImproperlyConfigured as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    return run(host, port, workers)


def run_worker(args: argparse.Namespace) -> int:
    """Work the queue of background tasks (SIE imports, reports) until stopped."""
    missing = missing_web_extra()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    import django  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    from styra.web.serve import DataDirError, prepare_environment  # noqa: PLC0415

    try:
        prepare_environment()
        django.setup()
    except (DataDirError, ImproperlyConfigured) as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    from styra.web.tasks.worker import run  # noqa: PLC0415

    run(name=args.worker_id or "", interval=args.interval, batch=args.batch, parent=args.parent)
    return 0


def run_manage(args: argparse.Namespace) -> int:
    missing = missing_web_extra()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    from styra.web.serve import DataDirError, prepare_environment  # noqa: PLC0415

    try:
        prepare_environment()
    except DataDirError as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.web.settings")
    problem = settings_problem()
    if problem:
        print(f"Styra startar inte: {problem}", file=sys.stderr)
        return 2
    execute_from_command_line(["styra manage", *args.rest])
    return 0


def settings_problem() -> str:
    """Why the settings cannot be read from the environment, or "" when they can.

    Django would report a bad value as a traceback from inside the first command that reads
    the settings; ``styra manage`` says it in one line instead, as ``styra serve`` does.
    """
    from django.conf import settings  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading it imports the settings module)
    except ImproperlyConfigured as exc:
        return str(exc)
    return ""


# A setting that a flag can give too: (variable, default, least, most). The flag and the
# variable go through the same check, styra.web.env.parse_int.
PORT = ("STYRA_PORT", 8000, 1, 65535)
WORKERS = ("STYRA_WORKERS", 2, 1, 64)


def _checked(setting: tuple[str, int, int, int]) -> Callable[[str], int]:
    """An argparse ``type`` that checks a flag as ``env_int`` checks the setting's variable."""

    def number(raw: str) -> int:
        from styra.web.env import int_argument  # noqa: PLC0415 (Django loads only when used)

        return int_argument(raw, minimum=setting[2], maximum=setting[3])

    return number


def add_parser(subparsers: Any) -> None:
    serve = subparsers.add_parser(
        "serve",
        help=_("starta webbapplikationen (http://127.0.0.1:8000 som standard)"),
        description=_(
            "Startar webbapplikationen; första gången skapas databasen och exemplet med "
            "demokonton. Slutkod 2: fel användning eller inställning, upptagen port."
        ),
    )
    serve.add_argument(
        "--host", metavar=_("ADRESS"), help=_("adress att lyssna på (STYRA_HOST, 127.0.0.1)")
    )
    serve.add_argument(
        "--port", type=_checked(PORT), metavar=_("PORT"), help=_("port, 1–65535 (STYRA_PORT, 8000)")
    )
    serve.add_argument(
        "--workers",
        type=_checked(WORKERS),
        metavar=_("ANTAL"),
        help=_("antal processer, 1–64 (STYRA_WORKERS, 2)"),
    )
    serve.set_defaults(func=run_serve)
    _add_worker(subparsers)
    manage = subparsers.add_parser(
        "manage", help=_("Djangos hanteringskommandon, t.ex. createsuperuser eller import_folder")
    )
    manage.add_argument(
        "rest",
        nargs=argparse.REMAINDER,
        metavar=_("KOMMANDO"),
        help=_("Djangos kommando med sina argument; styra manage help listar dem"),
    )
    manage.set_defaults(func=run_manage)


def _add_worker(subparsers: Any) -> None:
    worker = subparsers.add_parser(
        "worker",
        help=_("kör bakgrundsarbete: SIE-inläsningar, rapporter (en eller flera per databas)"),
        description=_(
            "Tar uppgifter ur kön i databasen och kör dem, tills processen stoppas (SIGTERM "
            "eller Ctrl+C avslutar pågående uppgift först). Kör så många som behövs mot samma "
            "databas; styra serve startar en själv på den inbyggda databasen."
        ),
    )
    worker.add_argument(
        "--interval",
        type=float,
        default=1.0,
        metavar=_("SEKUNDER"),
        help=_("hur ofta en tom kö ses efter (1)"),
    )
    worker.add_argument(
        "--batch", action="store_true", help=_("kör det som väntar i kön och avsluta sedan")
    )
    worker.add_argument("--worker-id", metavar=_("NAMN"), help=_("processens namn i kön"))
    # Set by styra serve for the worker it starts: the worker stops when serve is gone.
    worker.add_argument("--parent", type=int, default=0, help=argparse.SUPPRESS)
    worker.set_defaults(func=run_worker)
