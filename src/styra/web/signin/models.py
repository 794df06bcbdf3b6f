"""Who a person is at the identity provider, and which of their roles its groups give.

A person is matched by (issuer, subject), never by name or e-mail, which a provider may
reuse or let people change. The group mapping is data staff edit in the admin; a role it
gave is remembered (``MappedCommitteeRole``, ``MappedMunicipalRole``) so that the next
sign-in takes it away when the group is gone, while roles given by hand stay untouched.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup import models as m


class ProviderIdentity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_identities",
        verbose_name=_("användare"),
    )
    issuer = models.CharField(_("utfärdare"), max_length=500)
    subject = models.CharField(_("id hos utfärdaren (sub)"), max_length=255)
    groups = models.JSONField(_("grupper vid senaste inloggningen"), default=list, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_sign_in = models.DateTimeField(_("senaste inloggning"), null=True, blank=True)

    class Meta:
        verbose_name = _("konto hos identitetsleverantören")
        verbose_name_plural = _("konton hos identitetsleverantören")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="provider_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"


class GroupRole(models.Model):
    """A group at the provider gives a role: in one committee, or over one municipality."""

    group = models.CharField(
        _("grupp hos identitetsleverantören"),
        max_length=255,
        db_index=True,
        help_text=_("Gruppens namn eller id som den står i inloggningens gruppanspråk."),
    )
    committee = models.ForeignKey(
        m.Committee,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_roles",
        verbose_name=_("nämnd"),
    )
    committee_role = models.CharField(
        _("roll i nämnden"), max_length=20, choices=m.Role.choices, blank=True
    )
    municipality = models.ForeignKey(
        m.Municipality,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_roles",
        verbose_name=_("kommun"),
    )
    municipal_role = models.CharField(
        _("roll i kommunen"), max_length=30, choices=m.MunicipalRole.choices, blank=True
    )

    class Meta:
        verbose_name = _("roll från grupp")
        verbose_name_plural = _("roller från grupper")
        ordering = ["group"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(committee__isnull=False, municipality__isnull=True)
                    & ~models.Q(committee_role="")
                    & models.Q(municipal_role="")
                )
                | (
                    models.Q(committee__isnull=True, municipality__isnull=False)
                    & ~models.Q(municipal_role="")
                    & models.Q(committee_role="")
                ),
                name="group_role_one_target",
            )
        ]

    def clean(self) -> None:
        """One target with its own kind of role: a committee and a role in it, or a
        municipality and a role over it (the database's constraint says the same)."""
        committee_side = self.committee_id is not None or bool(self.committee_role)
        municipal_side = self.municipality_id is not None or bool(self.municipal_role)
        in_committee = self.committee_id is not None and bool(self.committee_role)
        in_municipality = self.municipality_id is not None and bool(self.municipal_role)
        if not ((in_committee and not municipal_side) or (in_municipality and not committee_side)):
            raise ValidationError(
                _(
                    "Välj antingen en nämnd och en roll i nämnden, eller en kommun och en "
                    "roll i kommunen."
                ),
                code="group_role_one_target",
            )

    def __str__(self) -> str:
        if self.committee_id is not None:
            return f"{self.group} → {self.get_committee_role_display()} i {self.committee}"
        return f"{self.group} → {self.get_municipal_role_display()} i {self.municipality}"


class MappedCommitteeRole(models.Model):
    """A committee role the group mapping gave, and the role it gave: if staff change the
    role by hand it no longer matches, and the mapping leaves it alone from then on."""

    assignment = models.OneToOneField(
        m.Assignment, on_delete=models.CASCADE, related_name="from_group"
    )
    role = models.CharField(max_length=20, choices=m.Role.choices)
    group = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("roll i nämnd från grupp")
        verbose_name_plural = _("roller i nämnder från grupper")


class MappedMunicipalRole(models.Model):
    """A municipal role the group mapping gave (see MappedCommitteeRole)."""

    assignment = models.OneToOneField(
        m.MunicipalAssignment, on_delete=models.CASCADE, related_name="from_group"
    )
    role = models.CharField(max_length=30, choices=m.MunicipalRole.choices)
    group = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("roll i kommun från grupp")
        verbose_name_plural = _("roller i kommuner från grupper")
