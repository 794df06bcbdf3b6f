"""Municipalities, committees, their member municipalities, and people's roles per committee."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    code = models.CharField(_("kommunkod"), max_length=4, blank=True)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="municipality_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Committee(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i adressen"), unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("värdkommun"),
    )

    class Meta:
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A member municipality of a (joint) committee, named as the members' agreement names it."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("nämnd")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, verbose_name=_("kommun")
    )
    label = models.CharField(_("namn i fördelningsnyckeln"), max_length=200)

    class Meta:
        verbose_name = _("medlemskommun")
        verbose_name_plural = _("medlemskommuner")
        constraints = [
            models.UniqueConstraint(fields=["committee", "municipality"], name="member_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Role(models.TextChoices):
    CONTROLLER = "controller", _("Controller")
    OWNER = "owner", _("Indikatoransvarig")
    READER = "reader", _("Läsare")


class Assignment(models.Model):
    """A person's role in one committee; staff give roles in the admin."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("nämnd")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("användare"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("roll i nämnd")
        verbose_name_plural = _("roller i nämnder")
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} i {self.committee}"


class MunicipalRole(models.TextChoices):
    """Roles over a whole municipality, beside the committees' own roles."""

    CONTROLLER = "municipal_controller", _("Kommuncontroller")
    COUNCIL_READER = "council_reader", _("Läsare för hela kommunen")


class MunicipalAssignment(models.Model):
    """A person's role in a whole municipality: reads each of its committees (access.py).

    A municipal controller also edits the council's goals, and reads each joint committee
    hosted elsewhere that the municipality is a member of.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("kommun"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipal_assignments",
        verbose_name=_("användare"),
    )
    role = models.CharField(_("roll"), max_length=30, choices=MunicipalRole.choices)

    class Meta:
        verbose_name = _("roll i kommun")
        verbose_name_plural = _("roller i kommuner")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="municipal_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} i {self.municipality}"
