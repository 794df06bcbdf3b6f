"""Forms: every field validated on the server, with its message beside the field."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.core.cycle.forecast import ForecastChoice, ForecastMethod, Proposal
from styra.core.money import parse_decimal
from styra.web.followup import models as m
from styra.web.followup.editing import (
    forecast_breaks,
    indicator_forecast_breaks,
    justification_missing,
)
from styra.web.followup.next_period import next_period_problem

NO_OVERRIDE = [("", _("Ingen – den automatiska bedömningen gäller"))]


class DecimalTextField(forms.CharField):
    """A number as people write it: ``72,25``, ``1 234``, ``−852``; empty means no value."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(_("Talet är för långt."), code="too_long")
        try:
            number = parse_decimal(text)
        except ValueError:
            raise forms.ValidationError(
                _("Skriv ett tal, till exempel 72,25 eller 18."), code="invalid"
            ) from None
        if abs(number) >= Decimal("1e15"):
            raise forms.ValidationError(_("Talet är för stort."), code="too_large")
        return number


class OverrideForm(forms.Form):
    override_status = forms.ChoiceField(
        label=_("Egen bedömning"),
        choices=NO_OVERRIDE + list(m.StatusChoice.choices),
        required=False,
    )
    override_justification = forms.CharField(
        label=_("Motivering till egen bedömning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("override_status")
        justification = (data.get("override_justification") or "").strip()
        if status and not justification:
            self.add_error(
                "override_justification",
                forms.ValidationError(
                    _("Skriv varför bedömningen avviker från den automatiska."), code="required"
                ),
            )
        data["override_justification"] = justification if status else ""
        return data


class ResultForm(OverrideForm):
    value = DecimalTextField(label=_("Utfall"), required=False)
    analysis = forms.CharField(
        label=_("Analys"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    value_justification = forms.CharField(
        label=_("Motivering till handinmatat värde"),
        help_text=_("Krävs när du ersätter det värde som räknats fram ur källan."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    field_order = [
        "value",
        "value_justification",
        "analysis",
        "override_status",
        "override_justification",
        "version",
    ]

    def __init__(
        self,
        *args: Any,
        derived: bool = False,
        unit: str = "",
        computed: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.computed = computed
        if computed is None:
            del self.fields["value_justification"]
        self.fields["value"].help_text = (
            _("I %(unit)s. Decimalkomma går bra, till exempel 72,25.") % {"unit": unit}
            if unit
            else _("Decimalkomma går bra, till exempel 7,5. Tomt betyder att värde saknas.")
        )
        if derived:
            self.fields["value"].disabled = True
            self.fields["value"].help_text = _("Värdet räknas fram ur driftredovisningen.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.computed is None or "value" not in data:
            return data
        justification = (data.get("value_justification") or "").strip()
        if data["value"] == self.computed:
            data["value_justification"] = ""
        elif justification_missing(self.computed, data["value"], justification):
            self.add_error(
                "value_justification",
                forms.ValidationError(
                    _("Skriv varför du ersätter det värde som räknats fram ur källan."),
                    code="required",
                ),
            )
        else:
            data["value_justification"] = justification
        return data


class NarrativeForm(forms.Form):
    markdown = forms.CharField(
        label=_("Text (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
        max_length=200_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LineAnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=_("Varför avviker raden?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SieUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slag av fil"), choices=m.LedgerKind.choices)
    file = forms.FileField(label=_("SIE-fil"), help_text=_("SIE 4 (.se, .si, .sie)"))


class ExcelUploadForm(forms.Form):
    file = forms.FileField(label=_("Ifyllt Excelblad (.xlsx)"))


class JustificationForm(forms.Form):
    justification = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Skriv varför perioden behöver rättas.")},
    )

    def clean_justification(self) -> str:
        text = str(self.cleaned_data["justification"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv varför perioden behöver rättas."), code="required")
        return text


class AdoptForm(forms.Form):
    """Adopting with items left (Kvar att göra) needs a reason; the view says when."""

    reason = forms.CharField(
        label=_("Motivering till att fastställa trots det som är kvar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, open_items: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_items = open_items

    def clean_reason(self) -> str:
        text = str(self.cleaned_data.get("reason") or "").strip()
        if self.open_items and not text:
            raise forms.ValidationError(
                _("Skriv varför perioden fastställs trots att saker är kvar att göra."),
                code="required",
            )
        return text


TYPED = "amount"  # the choice of a typed amount beside the methods
TKR = Decimal(1000)


class ForecastForm(forms.Form):
    """A line's or project's forecast: one of the proposals, or an amount in tkr.

    The choice is checked by the core's ``forecast_problem`` (through
    ``editing.forecast_breaks``), the rule forecast.yaml is held to as well.
    """

    choice = forms.ChoiceField(
        label=_("Prognos"),
        choices=[*m.ForecastMethodChoice.choices, (TYPED, _("Eget belopp"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett förslag eller skriv ett eget belopp.")},
    )
    amount = DecimalTextField(
        label=_("Eget belopp, tkr"),
        required=False,
        help_text=_("Helårsprognos i tkr med huvudbokens tecken: intäkter negativa."),
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Krävs när beloppet skiljer sig från alla förslag."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, proposals: Sequence[Proposal] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = tuple(proposals)

    def forecast_choice(self) -> ForecastChoice:
        data = self.cleaned_data
        comment = (data.get("comment") or "").strip()
        if data.get("choice") == TYPED:
            amount = data.get("amount")
            return ForecastChoice(None, None if amount is None else amount * TKR, comment)
        return ForecastChoice(ForecastMethod(data["choice"]), None, comment)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "choice" not in data:
            return data
        if data["choice"] == TYPED and data.get("amount") is None:
            message = _("Skriv prognosen i tkr, till exempel −43 752.")
            self.add_error("amount", forms.ValidationError(message, code="required"))
            return data
        for b in forecast_breaks(self.forecast_choice(), self.proposals):
            self.add_error(b.field, forms.ValidationError(b.message, code="forecast"))
        return data


class IndicatorForecastForm(forms.Form):
    forecast_value = DecimalTextField(label=_("Prognostiserat värde"), required=False)
    forecast_status = forms.ChoiceField(
        label=_("eller prognostiserad bedömning"),
        choices=[("", _("Ingen – värdet bedöms")), *m.ForecastStatus.choices],
        required=False,
    )
    forecast_reason = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Krävs med en bedömning."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, indicator: m.Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not {"forecast_value", "forecast_status", "forecast_reason"} <= data.keys():
            return data
        data["forecast_reason"] = (data["forecast_reason"] or "").strip()
        breaks = indicator_forecast_breaks(
            self.indicator, data["forecast_value"], data["forecast_status"], data["forecast_reason"]
        )
        for b in breaks:
            self.add_error(b.field, forms.ValidationError(b.message, code="forecast"))
        return data


class NextPeriodForm(forms.Form):
    """The next follow-up period of the committee: its kind and last day."""

    kind = forms.ChoiceField(
        label=_("Slag av uppföljning"),
        choices=[
            (m.PeriodKind.MONTH, m.PeriodKind.MONTH.label),
            (m.PeriodKind.TERTIAL, m.PeriodKind.TERTIAL.label),
            (m.PeriodKind.INTERIM, m.PeriodKind.INTERIM.label),
            (m.PeriodKind.ANNUAL, m.PeriodKind.ANNUAL.label),
        ],
    )
    end = forms.DateField(
        label=_("Periodens sista dag"),
        help_text=_("Till exempel 2024-08-31: den sista dagen i periodens sista månad."),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-08-31.")},
    )
    report_date = forms.DateField(
        label=_("Rapportdatum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=_("Tomt: i dag."),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-09-26.")},
    )

    def __init__(self, *args: Any, source: m.Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "kind" in data and "end" in data:
            problem = next_period_problem(self.source, data["kind"], data["end"])
            if problem:
                self.add_error("end", forms.ValidationError(problem, code="invalid"))
        return data


class CouncilGoalForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=500)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CouncilIndicatorForm(forms.Form):
    value = DecimalTextField(label=_("Utfall"), required=False)
    analysis = forms.CharField(label=_("Analys"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class HistoryForm(forms.Form):
    """One earlier year's value; an empty value removes the year."""

    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2999)
    value = DecimalTextField(label=_("Värde"), required=False)
