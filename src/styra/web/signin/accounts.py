"""The Styra account of a person signing in through the provider, found by (issuer, sub).

Never by user name or e-mail: a provider may reuse them, and matching on them would let
whoever gets a colliding name at the provider into someone else's account (a local demo
account, say). Name and e-mail follow the provider's claims at every sign-in.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from styra.web.signin.models import ProviderIdentity

_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


def groups_of(claims: dict[str, Any], claim: str) -> list[str]:
    """The groups the claim carries: a list of names (or ids), or one name."""
    value = claims.get(claim)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return sorted({str(v) for v in value if isinstance(v, (str, int))})
    return []


def account(issuer: str, claims: dict[str, Any], groups: list[str]) -> Any:
    """The person's Styra user, created at their first sign-in; identity and name refreshed."""
    identity = (
        ProviderIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=claims["sub"])
        .first()
    )
    if identity is None:
        user = _new_user(claims)
        identity = ProviderIdentity(user=user, issuer=issuer, subject=claims["sub"])
    user = identity.user
    _refresh(user, claims)
    identity.groups = groups
    identity.last_sign_in = timezone.now()
    identity.save()
    return user


def _new_user(claims: dict[str, Any]) -> Any:
    user = get_user_model()(username=_free_username(claims))
    user.set_unusable_password()
    user.save()
    return user


def _free_username(claims: dict[str, Any]) -> str:
    """The provider's preferred user name where no other account has it, else with -2, -3…"""
    wanted = str(claims.get("preferred_username") or claims.get("email") or "konto")
    base = _NOT_IN_USERNAME.sub("-", wanted)[:140] or "konto"
    taken = get_user_model().objects.filter(username__startswith=base)
    names = set(taken.values_list("username", flat=True))
    if base not in names:
        return base
    return next(f"{base}-{n}" for n in range(2, len(names) + 3) if f"{base}-{n}" not in names)


def _refresh(user: Any, claims: dict[str, Any]) -> None:
    """Name and e-mail from the claims, saved only when they changed."""
    first = claims.get("given_name") or claims.get("name") or ""
    last = claims.get("family_name") or "" if claims.get("given_name") else ""
    fields = {
        "first_name": str(first)[:150],
        "last_name": str(last)[:150],
        "email": str(claims.get("email") or "")[:254],
    }
    changed = [f for f, v in fields.items() if getattr(user, f) != v]
    for f in changed:
        setattr(user, f, fields[f])
    if changed or user.pk is None:
        user.save()
