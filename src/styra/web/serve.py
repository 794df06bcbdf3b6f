"""``styra serve``: migrate, load the example on first start, print how to sign in, serve.

gunicorn serves the WSGI application (threads in a few worker processes) and whitenoise the
static files, so the same command runs a laptop demo and a deployment behind a proxy.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

from styra.web.env import env_bool, env_int, env_path

SECRET_FILE = "secret_key"
CREDENTIALS_FILE = "demo-konton.txt"


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read (0600), replacing any earlier one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)


def prepare_environment() -> Path:
    data_dir = env_path("STYRA_DATA_DIR", Path.cwd() / "var")
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["STYRA_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.web.settings")
    production = env_bool("STYRA_PRODUCTION", False)
    if not production and not os.environ.get("STYRA_SECRET_KEY"):
        secret = data_dir / SECRET_FILE
        if not secret.exists():
            write_private(secret, secrets.token_urlsafe(64))
        os.environ["STYRA_SECRET_KEY"] = secret.read_text(encoding="utf-8").strip()
    return data_dir


def setup_database() -> None:
    from django.core.management import call_command  # noqa: PLC0415 (after django.setup)

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def run(host: str, port: int, workers: int) -> int:
    import django  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    try:
        data_dir = prepare_environment()
        django.setup()
        from django.conf import settings  # noqa: PLC0415

        show_demo = env_bool("STYRA_DEMO", not settings.PRODUCTION)
        env_int("STYRA_THREADS", 4, minimum=1, maximum=64)
    except ImproperlyConfigured as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    from django.db import connections  # noqa: PLC0415

    from styra.web import demo  # noqa: PLC0415

    setup_database()
    accounts = demo.ensure(data_dir) if show_demo else []
    connections.close_all()  # the workers open their own connections after the fork
    print(demo.banner(host, port, accounts, data_dir), flush=True)
    _gunicorn(host, port, workers)
    return 0


def _gunicorn(host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication  # noqa: PLC0415

    from styra.web.wsgi import application  # noqa: PLC0415

    options: dict[str, Any] = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": env_int("STYRA_THREADS", 4, minimum=1, maximum=64),
        "worker_class": "gthread",
        "timeout": 120,
        "keepalive": env_int("STYRA_KEEPALIVE", 2, minimum=0, maximum=300),
        "accesslog": "-" if env_bool("STYRA_ACCESS_LOG", False) else None,
        "errorlog": "-",
        "loglevel": "warning",
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()
