"""A real OpenID provider for the tests, run as its own process on the loopback.

:func:`running` starts it (``python -m tests.oidc_provider``) and yields a handle that
changes its users and its mode through the control endpoint. See ``server.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    client_id: str
    client_secret: str

    def control(self, **data: Any) -> dict[str, Any]:
        body = json.dumps(data).encode() if data else None
        method = "POST" if body else "GET"
        request = urllib.request.Request(f"{self.issuer}/control", data=body, method=method)
        with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
            return json.loads(response.read())  # type: ignore[no-any-return]

    def set_user(self, username: str, password: str, groups: list[str], **more: str) -> None:
        fields = {
            "username": username,
            "password": password,
            "sub": more.get("sub", f"sub-{username}"),
            "name": more.get("name", username.title()),
            "email": more.get("email", f"{username}@kommun.example"),
            "groups": groups,
        }
        self.control(users=[fields])

    def mode(self, mode: str) -> None:
        self.control(mode=mode)


@contextmanager
def running(
    port: int,
    redirect_uris: list[str],
    post_logout_uris: list[str],
    client_id: str = "styra",
    client_secret: str = "styra-hemlighet-for-testerna",
) -> Iterator[RunningProvider]:
    command = [sys.executable, "-m", "tests.oidc_provider", "--port", str(port)]
    command += ["--client-id", client_id, "--client-secret", client_secret]
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    for uri in post_logout_uris:
        command += ["--post-logout-uri", uri]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait(issuer, process)
        yield RunningProvider(issuer, client_id, client_secret)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait(issuer: str, process: subprocess.Popen[str], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the OIDC test provider stopped: {out}")
        try:
            urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the OIDC test provider did not answer in time")
