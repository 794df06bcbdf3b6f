"""A real ``styra serve`` for tests that need one: started as a user starts it, in a fresh
data directory, on SQLite, or on PostgreSQL when ``DATABASE_URL`` is set (then in a fresh
database of its own, dropped afterwards, or in one that several servers share); a real
``styra worker`` beside it; and a small HTTP client that signs in, keeps its cookies, posts
forms with their CSRF token and uploads files, as a browser does."""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(address: str, process: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"styra serve stopped: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            urllib.request.urlopen(address + "konto/logga-in/", timeout=2)  # loopback only
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("styra serve did not answer in time")


def password(data: Path, username: str) -> str:
    for line in (data / "demo-konton.txt").read_text(encoding="utf-8").splitlines():
        name, secret = line.split("\t")
        if name == username:
            return secret
    raise AssertionError(f"no demo account {username}")


@dataclass(frozen=True)
class Server:
    address: str
    data: Path
    database_url: str  # "" for the embedded SQLite database in ``data``
    env: dict[str, str] = field(default_factory=dict)  # the environment it was started with

    @property
    def sqlite_path(self) -> Path:
        return self.data / "styra.sqlite3"


def query(server: Server, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """The database as it is, read beside the server (never through it); ``?`` placeholders."""
    if server.database_url:
        import psycopg

        with psycopg.connect(server.database_url) as conn:
            return list(conn.execute(sql.replace("?", "%s"), args).fetchall())
    import sqlite3

    with sqlite3.connect(server.sqlite_path, timeout=30) as conn:
        return list(conn.execute(sql, args).fetchall())


def postgres_url() -> str:
    """The PostgreSQL server to test against (``DATABASE_URL``), or ""."""
    return os.environ.get("DATABASE_URL", "")


@contextmanager
def fresh_database(base_url: str) -> Iterator[str]:
    """A PostgreSQL database of its own beside ``base_url``'s, for servers to share."""
    with _database(base_url) as url:
        yield url


@contextmanager
def _database(base_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database beside the one ``base_url`` names; dropped afterwards."""
    import psycopg

    name = f"styra_live_{uuid.uuid4().hex[:10]}"
    parts = urllib.parse.urlsplit(base_url)
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(data: Path, **env: str) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))
    }
    return environment | {"STYRA_DATA_DIR": str(data), **env}


@contextmanager
def serve(
    data: Path,
    *,
    workers: int = 2,
    postgres: bool = True,
    database_url: str | None = None,
    **env: str,
) -> Iterator[Server]:
    """``styra serve`` on a free port; on PostgreSQL when DATABASE_URL is set and
    ``postgres`` allows it, else on SQLite in ``data``. ``database_url``: a PostgreSQL
    database that already exists (``fresh_database``), shared with other servers; the
    servers then share ``data`` too (the secret key that signs sessions is kept there)."""
    port = free_port()
    environment = _environment(data, STYRA_WORKERS=str(workers), **env)
    base_url = os.environ.get("DATABASE_URL", "") if postgres else ""
    if database_url is not None:
        base_url = ""
    with _database(base_url) if base_url else _no_database(database_url or "") as url:
        if url:
            environment["DATABASE_URL"] = url
        process = subprocess.Popen(
            [sys.executable, "-m", "styra.cli", "serve", "--port", str(port)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        address = f"http://127.0.0.1:{port}/"
        try:
            wait_for(address, process)
            yield Server(address, data, url, environment)
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def _no_database(url: str = "") -> Iterator[str]:
    yield url


def start_worker(server: Server, name: str, **env: str) -> subprocess.Popen[str]:
    """``styra worker`` on the server's database, named ``name`` in the queue."""
    environment = {**server.env, **env}
    environment.pop("STYRA_WORKERS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "styra.cli", "worker", "--worker-id", name, "--interval", "0.2"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(what: str, check: Any, seconds: float = 120, every: float = 0.1) -> Any:
    """Poll ``check()`` until it gives something true, which is returned."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not within {seconds} s")


def big_ledger(rows: int) -> bytes:
    """The example's ledger (Sydnärkes IT-nämnd 2024) with ``rows`` more #TRANS rows: vouchers
    that move an amount onto an account and off it again, so the year's figures stay those
    of the example and the file imports without problems, only slower."""
    from styra.web.followup.demo import EXAMPLE

    lines = [(EXAMPLE / "ledger.se").read_bytes().rstrip(b"\r\n")]
    accounts = (b"6010", b"6350", b"6420", b"7010")
    for n in range(1, rows // 4 + 1):
        day = b"2024%02d%02d" % (n % 12 + 1, n % 28 + 1)
        lines.append(b'#VER X %d %s "Omf\x94ring"\n{' % (n, day))
        for account in (accounts[n % 4], accounts[(n + 1) % 4]):
            amount = b"%d.25" % (n % 997)
            lines.append(b'   #TRANS %s {1 "441"} %s' % (account, amount))
            lines.append(b'   #TRANS %s {1 "441"} -%s' % (account, amount))
        lines.append(b"}")
    return b"\n".join(lines) + b"\n"


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """Cookies, the CSRF token and redirects not followed, so a status says what happened."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    def __init__(self, server: Server) -> None:
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.server.address + path.lstrip("/"), data=body)
        if data is not None:
            req.add_header("Referer", self.server.address)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def form(self, path: str) -> tuple[str, str]:
        """The page and its CSRF token."""
        status, page = self.request(path)
        assert status == 200, (path, status, page[:500])
        found = CSRF.search(page)
        assert found, path
        return page, html.unescape(found.group(1))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        _, token = self.form(path)
        return self.request(path, {**data, "csrfmiddlewaretoken": token})

    def upload(
        self, path: str, fields: dict[str, str], file_field: str, name: str, content: bytes
    ) -> tuple[int, str, str]:
        """Post a form with a file, as multipart/form-data; status, page and Location."""
        _, token = self.form(path)
        boundary = uuid.uuid4().hex
        head = f"--{boundary}\r\nContent-Disposition: form-data; "
        parts = [
            f'{head}name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in {**fields, "csrfmiddlewaretoken": token}.items()
        ]
        parts.append(
            f'{head}name="{file_field}"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        req = urllib.request.Request(self.server.address + path.lstrip("/"), data=body)
        req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        req.add_header("Referer", self.server.address)
        try:
            with self.opener.open(req, timeout=120) as response:
                page = response.read().decode("utf-8", "replace")
                return response.status, page, response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), exc.headers.get("Location", "")

    def sign_in(self, username: str, secret: str | None = None) -> Browser:
        secret = secret if secret is not None else password(self.server.data, username)
        status, page = self.post(
            "konto/logga-in/", {"username": username, "password": secret, "next": "/"}
        )
        assert status == 302, (status, page[:1000])
        return self
