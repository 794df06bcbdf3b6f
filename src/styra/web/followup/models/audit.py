"""The audit trail: every change of a figure, an assessment or a text, with old and new."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.core.money import format_number, parse_decimal
from styra.web.followup.models.org import Municipality
from styra.web.followup.models.period import Correction, Period, StatusChoice

FIELD_LABELS = {
    "value": _("Utfall"),
    "value_justification": _("Motivering till handinmatat värde"),
    "analysis": _("Analys"),
    "override_status": _("Egen bedömning"),
    "override_justification": _("Motivering"),
    "markdown": _("Text"),
    "state": _("Läge"),
    "ledger": _("Huvudbok"),
    "budget": _("Budget"),
    "previous": _("Huvudbok föregående år"),
    "import": _("Inläsning"),
    "name": _("Namn"),
    "code": _("Kommunkod"),
    "slug": _("Kortnamn i adressen"),
    "municipality": _("Kommun"),
    "member": _("Medlemskommun"),
    "assignment": _("Roll i nämnden"),
    "method": _("Prognosmetod"),
    "amount": _("Prognos (kr)"),
    "comment": _("Kommentar"),
    "forecast_value": _("Prognostiserat värde"),
    "forecast_status": _("Prognostiserad bedömning"),
    "forecast_reason": _("Motivering till prognosen"),
    "open_next": _("Nästa period"),
    "description": _("Beskrivning"),
    "council_goals": _("Fullmäktigemål"),
    "year": _("År"),
    "municipal_assignment": _("Roll i kommunen"),
}


# Fields whose old and new values are exact decimals, stored as text ("7.5", "-0").
NUMBER_FIELDS = frozenset({"value", "target_value", "baseline", "amount", "forecast_value"})
STATUS_FIELDS = frozenset({"override_status", "forecast_status"})


class ItemKind(models.TextChoices):
    PERIOD = "period", _("Period")
    GOAL = "goal", _("Nämndmål")
    RESULT = "result", _("Indikator")
    NARRATIVE = "narrative", _("Berättelse")
    LINE = "line", _("Rad i driftredovisningen")
    LEDGER = "ledger", _("SIE-fil")
    COMMITTEE = "committee", _("Nämnd")
    MUNICIPALITY = "municipality", _("Kommun")
    FORECAST = "forecast", _("Prognos")
    INDICATOR_FORECAST = "indicator_forecast", _("Indikatorprognos")
    COUNCIL_GOAL = "council_goal", _("Fullmäktigemål")
    COUNCIL_INDICATOR = "council_indicator", _("Indikator för fullmäktigemål")
    INDICATOR_YEAR = "indicator_year", _("Värde ett tidigare år")


class Change(models.Model):
    """One changed field. A change of a period's content names the period; a change of the
    council's goals or of a municipality's roles belongs to no period and names the
    municipality instead."""

    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True)
    item_kind = models.CharField(max_length=20, choices=ItemKind)
    item_id = models.PositiveBigIntegerField()
    item_label = models.CharField(max_length=500)
    field = models.CharField(max_length=100)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    note = models.TextField(blank=True)
    correction = models.ForeignKey(
        Correction, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("ändring")
        verbose_name_plural = _("ändringar")
        indexes = [models.Index(fields=["item_kind", "item_id"])]

    @property
    def field_label(self) -> str:
        name = self.field.partition(":")[0]  # "member:12": one row of a committee's members
        return str(FIELD_LABELS.get(name, self.field))

    def _shown(self, text: str) -> str:
        if self.field in STATUS_FIELDS and text in StatusChoice.values:
            return str(StatusChoice(text).label)
        if self.field in NUMBER_FIELDS and text:
            try:
                return format_number(parse_decimal(text))
            except ValueError:
                return text
        return text

    @property
    def old_text(self) -> str:
        return self._shown(self.old)

    @property
    def new_text(self) -> str:
        return self._shown(self.new)
