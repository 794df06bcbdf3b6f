"""A real ``styra serve`` for tests that need one: started as a user starts it, in a fresh
data directory, on SQLite, or on PostgreSQL when ``DATABASE_URL`` is set (then in a fresh
database of its own, dropped afterwards); and a small HTTP client that signs in, keeps its
cookies and posts forms with their CSRF token, as a browser does."""

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
from dataclasses import dataclass
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

    @property
    def sqlite_path(self) -> Path:
        return self.data / "styra.sqlite3"


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


@contextmanager
def serve(data: Path, *, workers: int = 2, postgres: bool = True, **env: str) -> Iterator[Server]:
    """``styra serve`` on a free port; on PostgreSQL when DATABASE_URL is set and
    ``postgres`` allows it, else on SQLite in ``data``."""
    port = free_port()
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))
    }
    environment |= {"STYRA_DATA_DIR": str(data), "STYRA_WORKERS": str(workers), **env}
    base_url = os.environ.get("DATABASE_URL", "") if postgres else ""
    with _database(base_url) if base_url else _no_database() as url:
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
            yield Server(address, data, url)
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def _no_database() -> Iterator[str]:
    yield ""


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

    def sign_in(self, username: str, secret: str | None = None) -> Browser:
        secret = secret if secret is not None else password(self.server.data, username)
        status, page = self.post(
            "konto/logga-in/", {"username": username, "password": secret, "next": "/"}
        )
        assert status == 302, (status, page[:1000])
        return self
