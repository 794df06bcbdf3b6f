"""API tokens: a person's own, or a service account's, each bound to one municipality.

A token acts with the roles of its user (a person, or the service account's own user, who
is given roles in committees like anyone else), never more: the API asks the same
``access`` helpers as the web pages. The secret is shown once and only its SHA-256 is kept.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models import Municipality

PREFIX = "styra_"


class Scope(models.TextChoices):
    READ = "read", _("Läsa")
    WRITE = "write", _("Läsa och skriva värden")


def digest(secret: str) -> str:
    """The stored form of a token: its SHA-256 (the secret has 256 random bits, see
    docs/DECISIONS.md, so no salt or slow hash adds anything)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    name = models.CharField(_("namn"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("användare"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("kommun")
    )
    service = models.BooleanField(_("tjänstekonto"), default=False)
    scope = models.CharField(_("behörighet"), max_length=10, choices=Scope, default=Scope.READ)
    # The first characters of the secret, so a person recognises a token in a list.
    hint = models.CharField(_("början av nyckeln"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def may_write(self) -> bool:
        return self.scope == Scope.WRITE

    @property
    def label(self) -> str:
        """How the audit trail names the channel: "API-nyckel Ärendesystemet"."""
        return str(_("API-nyckel %(name)s")) % {"name": self.name}

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
