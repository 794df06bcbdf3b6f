from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignInConfig(AppConfig):
    name = "styra.web.signin"
    label = "signin"
    verbose_name = _("Inloggning")

    def ready(self) -> None:
        from axes.signals import user_locked_out  # noqa: PLC0415 (needs the app registry)

        from styra.web.signin.lockout import log_lockout  # noqa: PLC0415

        user_locked_out.connect(log_lockout, dispatch_uid="styra-signin-lockout")
