"""What the sign-in page shows besides its form, the same whichever view renders it (the
page itself, the lock-out, a refusal from the provider)."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def sign_in_context() -> dict[str, Any]:
    return {
        "demo": settings.DEMO,
        "local_accounts": settings.STYRA_LOCAL_ACCOUNTS,
        "provider": settings.STYRA_OIDC_NAME if settings.STYRA_OIDC_ISSUER else "",
    }
