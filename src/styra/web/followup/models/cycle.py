"""The year cycle's stored choices: full-year forecasts per line, project and indicator.

A forecast keeps the amount it had when it was chosen (in kronor, the ledger's signs), so
a later period's forecast history holds what was forecast then, even after the ledger
behind a method's figure has been replaced.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.fields import OptionalDecimalField
from styra.web.followup.models.finance import InvestmentProject, ReportLine
from styra.web.followup.models.goals import Indicator
from styra.web.followup.models.period import Period


class ForecastMethodChoice(models.TextChoices):
    """The core's ``ForecastMethod`` values; the page shows the core's labels."""

    RUN_RATE = "run_rate", _("Uppräknat utfall")
    REMAINING_BUDGET = "remaining_budget", _("Utfall plus återstående budget")
    SEASONAL = "seasonal", _("Föregående års säsongsprofil")


class ForecastStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Uppnås")
    PARTIALLY_ACHIEVED = "partially_achieved", _("Uppnås delvis")
    NOT_ACHIEVED = "not_achieved", _("Uppnås ej")


class Forecast(models.Model):
    """The chosen full-year forecast (helårsprognos) of one operating line or project."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="forecasts")
    line = models.OneToOneField(
        ReportLine, null=True, blank=True, on_delete=models.CASCADE, related_name="forecast"
    )
    project = models.OneToOneField(
        InvestmentProject,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forecast",
    )
    # None: an amount typed by the controller.
    method = models.CharField(
        _("prognosmetod"), max_length=20, choices=ForecastMethodChoice, null=True, blank=True
    )
    # Kronor with the ledger's signs, as it was when chosen; None until one is chosen.
    amount = OptionalDecimalField(_("prognos"))
    comment = models.TextField(_("kommentar"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("prognos")
        verbose_name_plural = _("prognoser")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(line__isnull=False, project__isnull=True)
                    | models.Q(line__isnull=True, project__isnull=False)
                ),
                name="forecast_line_or_project",
            )
        ]

    def __str__(self) -> str:
        item = self.line if self.line_id else self.project
        return _("Prognos: %(item)s") % {"item": item}


class IndicatorForecast(models.Model):
    """An indicator's forecast at interim: a value, or a status with a short reason."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="forecast")
    forecast_value = OptionalDecimalField(_("prognostiserat värde"))
    forecast_status = models.CharField(
        _("prognostiserad bedömning"), max_length=20, choices=ForecastStatus, blank=True
    )
    forecast_reason = models.TextField(_("motivering"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("indikatorprognos")
        verbose_name_plural = _("indikatorprognoser")

    def __str__(self) -> str:
        return _("Prognos: %(item)s") % {"item": self.indicator}

    @property
    def is_set(self) -> bool:
        return self.forecast_value is not None or bool(self.forecast_status)
