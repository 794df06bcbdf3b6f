"""The goal hierarchy: council goals, committee goals, indicators and their results."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.fields import ExactDecimalField, OptionalDecimalField
from styra.web.followup.models.org import Municipality
from styra.web.followup.models.period import Period, StatusChoice


class CouncilGoal(models.Model):
    """A goal of the municipal council (kommunfullmäktiges mål, KF-mål) for one year.

    Committee goals of that year name the KF-mål they break down (``Goal.council_goals``);
    a KF-mål may also have indicators of its own (``CouncilIndicator``).
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="council_goals",
        verbose_name=_("kommun"),
    )
    year = models.PositiveIntegerField(_("år"))
    key = models.CharField(_("id"), max_length=50)
    name = models.CharField(_("namn"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["municipality", "year", "position", "key"]
        verbose_name = _("fullmäktigemål")
        verbose_name_plural = _("fullmäktigemål")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "key"], name="council_goal_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.name} ({self.year})"


class OverrideFields(models.Model):
    """A person's assessment beside the automatic one; the justification is required."""

    override_status = models.CharField(
        _("egen bedömning"), max_length=20, choices=StatusChoice, blank=True
    )
    override_justification = models.TextField(_("motivering"), blank=True)
    override_by = models.CharField(max_length=200, blank=True)
    override_at = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class Goal(OverrideFields):
    """A committee goal (nämndmål)."""

    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="goals", verbose_name=_("period")
    )
    key = models.CharField(_("id"), max_length=50)
    name = models.CharField(_("namn"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    # The KF-mål the goal breaks down: the committee's host municipality's, of the period's
    # year (editing.link_problem is the one rule, for the import and the admin alike).
    council_goals = models.ManyToManyField(
        CouncilGoal, blank=True, related_name="goals", verbose_name=_("fullmäktigemål")
    )
    # A goal without indicators must say why (styra.core.goals.goal_problem).
    no_indicators = models.TextField(_("varför målet saknar indikatorer"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("nämndmål")
        verbose_name_plural = _("nämndmål")
        constraints = [models.UniqueConstraint(fields=["period", "key"], name="goal_key_unique")]

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class TargetKind(models.TextChoices):
    AT_MOST = "at_most", _("högst")
    AT_LEAST = "at_least", _("minst")
    REDUCE_TO = "reduce_to", _("minska till")
    INCREASE_TO = "increase_to", _("öka till")
    EQUAL_TO = "equal_to", _("lika med")


class Derived(models.TextChoices):
    NET_RESULT_TKR = "net_result_tkr", _("Nettoresultat mot budget (tkr)")


class Indicator(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("nämndmål")
    )
    key = models.CharField(_("id"), max_length=50)
    name = models.CharField(_("namn"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=20, blank=True)
    position = models.PositiveIntegerField(default=0)
    target_kind = models.CharField(_("måltyp"), max_length=20, choices=TargetKind)
    target_value = ExactDecimalField(_("målvärde"))
    target_wording = models.CharField(_("målvärde som det skrivs"), max_length=200, blank=True)
    baseline = OptionalDecimalField(_("utgångsvärde"))
    derived = models.CharField(_("räknas fram"), max_length=30, choices=Derived, blank=True)
    source = models.JSONField(_("källa"), default=dict, blank=True)
    # The lineage of a value computed from an export at import (styra.sources'
    # ComputedValue.as_dict(): the computed value, the rule, the file and its sha256).
    lineage = models.JSONField(_("härkomst"), default=dict, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("ansvarig"),
    )

    class Meta:
        ordering = ["goal__position", "position"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return f"{self.key} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every indicator has its result row, however it was made (import or admin)."""
        super().save(*args, **kwargs)
        Result.objects.get_or_create(indicator=self)


class Result(OverrideFields):
    """An indicator's result for the period: the value, the analysis and any override."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="result")
    value = OptionalDecimalField(_("utfall"))
    # Why a value computed from an export was replaced by one entered by hand.
    value_justification = models.TextField(_("motivering till handinmatat värde"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("resultat")
        verbose_name_plural = _("resultat")

    def __str__(self) -> str:
        return str(self.indicator)


class CouncilIndicator(OverrideFields):
    """An indicator of a KF-mål's own, with its value: a lean twin of ``Indicator``.

    A council indicator has no owner, source, lineage or forecast: the municipal controller
    enters its value, and its earlier years are ``IndicatorYear`` rows like a committee's.
    """

    council_goal = models.ForeignKey(
        CouncilGoal,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("fullmäktigemål"),
    )
    key = models.CharField(_("id"), max_length=50)
    name = models.CharField(_("namn"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=20, blank=True)
    position = models.PositiveIntegerField(default=0)
    target_kind = models.CharField(_("måltyp"), max_length=20, choices=TargetKind)
    target_value = ExactDecimalField(_("målvärde"))
    target_wording = models.CharField(_("målvärde som det skrivs"), max_length=200, blank=True)
    baseline = OptionalDecimalField(_("utgångsvärde"))
    value = OptionalDecimalField(_("utfall"))
    analysis = models.TextField(_("analys"), blank=True)

    class Meta:
        ordering = ["council_goal__position", "position"]
        verbose_name = _("indikator för fullmäktigemål")
        verbose_name_plural = _("indikatorer för fullmäktigemål")
        constraints = [
            models.UniqueConstraint(
                fields=["council_goal", "key"], name="council_indicator_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class IndicatorYear(models.Model):
    """An indicator's value in an earlier year (its history), for the trend and the chart.

    Belongs to a committee's indicator or to a KF-mål's; filled from the folder's
    ``history:`` and indicator-history.yaml, by opening the next year's period, and by the
    controller on the indicator's history page.
    """

    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="history"
    )
    council_indicator = models.ForeignKey(
        CouncilIndicator, null=True, blank=True, on_delete=models.CASCADE, related_name="history"
    )
    year = models.PositiveIntegerField(_("år"))
    value = ExactDecimalField(_("värde"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("värde ett tidigare år")
        verbose_name_plural = _("värden tidigare år")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=False, council_indicator__isnull=True)
                | models.Q(indicator__isnull=True, council_indicator__isnull=False),
                name="indicator_year_of_one_indicator",
            ),
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_year_unique"),
            models.UniqueConstraint(
                fields=["council_indicator", "year"], name="council_indicator_year_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"
