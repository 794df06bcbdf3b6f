from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SignInConfig(AppConfig):
    name = "styra.web.signin"
    label = "signin"
    verbose_name = _("Inloggning")

    def ready(self) -> None:
        from axes.signals import user_locked_out  # noqa: PLC0415 (needs the app registry)

        from styra.web.signin.lockout import log_lockout  # noqa: PLC0415

        user_locked_out.connect(log_lockout, dispatch_uid="styra-signin-lockout")
        checks.register(provider_client_installed)


def provider_client_installed(**kwargs: Any) -> list[checks.CheckMessage]:
    """With a provider configured, Authlib's Django client needs ``requests``."""
    if not settings.STYRA_OIDC_ISSUER:
        return []
    try:
        import requests  # noqa: F401, PLC0415
    except ImportError:
        return [
            checks.Error(
                "STYRA_OIDC_ISSUER är satt men paketet requests saknas",
                hint="Installera requests (Authlibs Django-klient skickar sina anrop med det).",
                id="signin.E001",
            )
        ]
    return []
