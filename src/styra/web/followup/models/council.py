"""The council's governance model per municipality and year: the rule set of the KF-mål."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.org import Municipality
from styra.web.followup.models.period import RuleSet


class CouncilGovernance(RuleSet):
    """The rule set the council's goals are judged by, for one municipality and year."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="council_governance",
        verbose_name=_("kommun"),
    )
    year = models.PositiveIntegerField(_("år"))

    class Meta:
        verbose_name = _("kommunfullmäktiges styrmodell")
        verbose_name_plural = _("kommunfullmäktiges styrmodeller")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="council_governance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.model}"
