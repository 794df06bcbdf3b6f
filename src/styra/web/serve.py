"""``styra serve``: migrate, load the example on first start, print how to sign in, serve.

gunicorn serves the WSGI application (threads in a few worker processes) and whitenoise the
static files, so the same command runs a laptop demo and a deployment behind a proxy.
"""

from __future__ import annotations

import errno
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from styra.command import os_reason
from styra.i18n import _ as _before_django
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
    """The data directory (made if need be) and the settings' environment.

    Raises DataDirError, with a message for people, when the directory cannot be used.
    """
    data_dir = env_path("STYRA_DATA_DIR", Path.cwd() / "var")
    try:
        if not data_dir.exists():
            data_dir.mkdir(parents=True, mode=0o700)  # the database holds password hashes
            data_dir.chmod(0o700)  # whatever the umask
        if not os.access(data_dir, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(data_dir))
    except OSError as exc:
        raise data_dir_problem(data_dir, exc) from None
    os.environ["STYRA_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.web.settings")
    production = env_bool("STYRA_PRODUCTION", False)
    if not production and not os.environ.get("STYRA_SECRET_KEY"):
        secret = data_dir / SECRET_FILE
        try:
            if not secret.exists():
                write_private(secret, secrets.token_urlsafe(64))
            os.environ["STYRA_SECRET_KEY"] = secret.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise data_dir_problem(data_dir, exc) from None
    return data_dir


class DataDirError(Exception):
    """The data directory cannot be made or written to; the message is for people."""


def data_dir_problem(data_dir: Path, exc: OSError) -> DataDirError:
    # Printed before Django's settings exist, when Django's own gettext cannot run yet.
    text = _before_django(
        "Datakatalogen %(dir)s går inte att skapa eller skriva i (%(why)s). Ange en annan "
        "med STYRA_DATA_DIR, eller ge användaren rätt att skriva där."
    )
    return DataDirError(text % {"dir": data_dir, "why": os_reason(exc)})


def port_problem(host: str, port: int) -> str:
    """Why the server could not listen on host:port, or "" when it can (tried, then freed).

    Called after ``django.setup()``, so the message is translated.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            text = _("Porten %(port)d används redan; välj en annan med --port N.")
        elif exc.errno == errno.EACCES:
            text = _(
                "Porten %(port)d får bara öppnas av administratören; välj en port över 1023 "
                "med --port N."
            )
        else:
            text = _(
                "Det går inte att lyssna på %(host)s port %(port)d (%(why)s); välj en annan "
                "adress med --host eller en annan port med --port N."
            )
        return text % {"host": host, "port": port, "why": os_reason(exc)}
    return ""


def private_database_file() -> None:
    """The embedded database (password hashes, sessions) readable by its owner only (0600);
    SQLite gives its WAL and shared-memory files the database file's mode."""
    from django.conf import settings  # noqa: PLC0415 (after django.setup)

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return
    path = Path(db["NAME"])
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for found in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if found.exists():
            found.chmod(0o600)


def setup_database() -> None:
    from django.core.management import call_command  # noqa: PLC0415 (after django.setup)

    private_database_file()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("expire_imports", verbosity=0)


def run(host: str, port: int, workers: int) -> int:
    import django  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    try:
        data_dir = prepare_environment()
        django.setup()
        from django.conf import settings  # noqa: PLC0415

        show_demo: bool = settings.DEMO
        env_int("STYRA_THREADS", 4, minimum=1, maximum=64)
    except ImproperlyConfigured as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    except DataDirError as exc:
        print(f"Styra startar inte: {exc}", file=sys.stderr)
        return 2
    busy = port_problem(host, port)
    if busy:  # before anything is printed: gunicorn would only retry, in English
        print(busy, file=sys.stderr)
        return 2
    from django.db import connections  # noqa: PLC0415

    from styra.web import demo  # noqa: PLC0415

    setup_database()
    accounts = demo.ensure(data_dir) if show_demo else []
    connections.close_all()  # the workers open their own connections after the fork
    print(demo.banner(host, port, accounts, data_dir), flush=True)
    worker = start_task_worker() if settings.STYRA_SERVE_WORKER else None
    try:
        _gunicorn(host, port, workers)
    finally:
        stop_task_worker(worker)
    return 0


def start_task_worker() -> subprocess.Popen[bytes]:
    """The embedded default's background worker (``styra worker``), so that it needs no
    service of its own: a child process rather than a thread, since gunicorn forks its
    workers from this process (a thread and an open SQLite connection must not cross a
    fork), and a process can be stopped, or killed, alone. It stops when serve does."""
    command = [sys.executable, "-m", "styra.cli", "worker", "--parent", str(os.getpid())]
    return subprocess.Popen(command, env=os.environ.copy())


def stop_task_worker(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()  # the current task is finished first, as on Ctrl+C
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()  # its task goes back to the queue (styra.web.tasks.beats)


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
