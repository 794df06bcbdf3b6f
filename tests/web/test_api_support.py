"""Helpers of the API tests (no tests here): a token for a persona, in the municipality
where the persona works, and a client that sends it."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from styra.web.api import tokens
from styra.web.followup import models as m
from tests.web.conftest import user

# Where each persona works: a personal token is bound to one municipality.
HOME = {
    "controller": "1814",
    "owner": "1814",
    "reader": "1814",
    "municipal": "1814",
    "council": "1814",
    "outsider": "1860",
    "member": "1860",
    "other_municipal": "1880",
}


def token_for(persona: str, *, code: str | None = None, scope: str = "write") -> str:
    place = m.Municipality.objects.get(code=code or HOME[persona])
    return tokens.issue(user(persona), place, f"{persona}-nyckel", scope).secret


class ApiClient:
    """The test client with a bearer token (or none), sending and reading JSON."""

    def __init__(self, secret: str | None) -> None:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        self.client = Client(headers=headers)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        send = getattr(self.client, method.lower())
        if body is None:
            return send(path)
        return send(path, json.dumps(body), content_type="application/json")

    def get(self, path: str) -> Any:
        return self.call("GET", path)


def base(period: m.Period) -> str:
    return f"/api/v1/committees/{period.committee.slug}/periods/{period.slug}"


__all__ = ["ApiClient", "base", "token_for"]
