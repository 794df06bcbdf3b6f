"""Issuing, finding and rate-limiting API tokens: the one place each rule about tokens lives.

The admin, the person's own page (API-nycklar) and the management command all issue and
revoke through :func:`issue` and ``ApiToken.revoke``; the API authenticates through
:func:`authenticate` and counts through :func:`over_limit`.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify

from styra.web.api.models import PREFIX, ApiToken, Scope, digest, new_secret
from styra.web.followup import access
from styra.web.followup import models as m

# last_used_at is written at most this often per token, so reading does not mean writing.
LAST_USE_PRECISION = timedelta(minutes=1)
WINDOW_SECONDS = 60
SHAPE = re.compile(rf"^{PREFIX}[A-Za-z0-9_-]{{20,100}}$")


@dataclass(frozen=True)
class Issued:
    """A new token and its secret, which is shown this once and never stored."""

    token: ApiToken
    secret: str


def municipalities_of(user: Any) -> list[m.Municipality]:
    """The municipalities where the person reads at least one committee: a personal token
    may be bound to one of them."""
    committees = access.readable_committees(int(user.pk))
    ids = set(committees.values_list("municipality_id", flat=True))
    return list(m.Municipality.objects.filter(pk__in=ids).order_by("name"))


def issue(
    user: Any,
    municipality: m.Municipality,
    name: str,
    scope: str = Scope.READ,
    *,
    service: bool = False,
) -> Issued:
    secret = new_secret()
    token = ApiToken.objects.create(
        name=name.strip(),
        user=user,
        municipality=municipality,
        scope=scope,
        service=service,
        hint=secret[: len(PREFIX) + 4],
        digest=digest(secret),
    )
    return Issued(token, secret)


def service_user(name: str, municipality: m.Municipality) -> Any:
    """The user a service account acts as: no password, never signs in; staff give it
    roles in committees like anyone else, and the trail names it."""
    username = f"api-{municipality.code or municipality.pk}-{slugify(name)}"[:150]
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": name[:150]}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def issue_service(name: str, municipality: m.Municipality, scope: str = Scope.READ) -> Issued:
    return issue(service_user(name, municipality), municipality, name, scope, service=True)


def authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret, its last use recorded; None for anything else."""
    if not SHAPE.match(secret):
        return None
    token = (
        ApiToken.objects.select_related("user", "municipality")
        .filter(digest=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        _record_use(token)
    return token


def _record_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def limit() -> int:
    return int(getattr(settings, "STYRA_API_REQUESTS_PER_MINUTE", 600))


def over_limit(token: ApiToken) -> int | None:
    """Counts one request in the token's current minute; the seconds to wait when the
    token is over :func:`limit`, else None. Kept in the site's cache (django.core.cache),
    so the count is shared by the workers when that cache is."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"styra-api-rate:{token.pk}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 5)
        count = 1
    if count <= limit():
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
