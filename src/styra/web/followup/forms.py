"""Forms: every field validated on the server, with its message beside the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.core.money import parse_decimal
from styra.web.followup import models as m
from styra.web.followup.editing import justification_missing

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
