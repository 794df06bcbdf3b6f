"""The authentication backend of a session started through the identity provider."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class ProviderBackend(ModelBackend):
    """Restores the user of a session that ``signin.views.callback`` started; it never
    checks a password, so with local accounts off (no ModelBackend) no password signs in.
    Permissions (staff in the admin) are ModelBackend's."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        return None
