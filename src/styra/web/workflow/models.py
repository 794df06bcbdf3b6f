"""The workflow app's tables: a period's deadline, the parts' assignees and ready-marks, and
the reminders sent.

An indicator's assignee is its owner (``Indicator.owner``), the one field the access rules
already read; a goal's or a narrative section's assignee is ``Part.assignee``. A part without
a row is not ready and (but for an indicator's owner) unassigned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup import models as m


class Deadline(models.Model):
    """The day a period's parts are to be ready; setting one starts the period's workflow."""

    period = models.OneToOneField(
        m.Period, on_delete=models.CASCADE, related_name="deadline", verbose_name=_("period")
    )
    due = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.period}: {self.due:%Y-%m-%d}"


class PartState(models.TextChoices):
    OPEN = "open", _("ej klar")
    READY = "ready", _("klar")
    REOPENED = "reopened", _("återöppnad")


class Part(models.Model):
    """One indicator, goal or narrative section of a period, as the workflow sees it."""

    period = models.ForeignKey(m.Period, on_delete=models.CASCADE, related_name="parts")
    indicator = models.OneToOneField(
        m.Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="part"
    )
    goal = models.OneToOneField(
        m.Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="part"
    )
    section = models.OneToOneField(
        m.NarrativeSection, null=True, blank=True, on_delete=models.CASCADE, related_name="part"
    )
    # A goal's or a section's person; an indicator's is its owner, never stored here.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workflow_parts",
        verbose_name=_("ansvarig"),
    )
    state = models.CharField(
        _("läge"), max_length=20, choices=PartState.choices, default=PartState.OPEN
    )
    comment = models.TextField(_("kommentar vid återöppning"), blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("del")
        verbose_name_plural = _("delar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=False, goal__isnull=True, section__isnull=True)
                | models.Q(indicator__isnull=True, goal__isnull=False, section__isnull=True)
                | models.Q(indicator__isnull=True, goal__isnull=True, section__isnull=False),
                name="part_of_one_item",
            ),
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=True) | models.Q(assignee__isnull=True),
                name="part_indicator_assignee_is_its_owner",
            ),
        ]

    def __str__(self) -> str:
        return str(self.indicator or self.goal or self.section)


class Reminder(models.Model):
    """One reminder sent: to a person, about a part (its key), on a day. The unique
    constraint is what makes ``send_reminders`` idempotent."""

    period = models.ForeignKey(m.Period, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    part_key = models.CharField(max_length=50)  # "indicator:12", "goal:3", "all-ready:5"
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["user", "part_key", "day"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.part_key} {self.day:%Y-%m-%d}"
