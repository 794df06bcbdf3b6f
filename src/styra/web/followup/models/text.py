"""Narrative sections (verksamhetsberättelse and analyses), written in Markdown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.period import Period


class NarrativeSection(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="narrative")
    key = models.SlugField(_("id"), max_length=100)
    title = models.CharField(_("rubrik"), max_length=200)
    markdown = models.TextField(_("text (Markdown)"), blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("berättelseavsnitt")
        verbose_name_plural = _("berättelseavsnitt")
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="narrative_key_unique")
        ]

    def __str__(self) -> str:
        return self.title
