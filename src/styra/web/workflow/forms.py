"""The controller's form of deadline and assignments, and the reopening comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.web.workflow.parts import PartView, person_name


def field_name(part: PartView) -> str:
    return f"{part.kind.slug}-{part.item.pk}"


class ResponsibilityForm(forms.Form):
    """The period's deadline and one choice of person per part, among ``people``."""

    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Dagen då delarna ska vara klarmarkerade. Lämna tomt för ingen deadline."),
    )

    def __init__(self, *args: Any, parts: list[PartView], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("– ingen –")), *((str(u.pk), person_name(u)) for u in people)]
        self.people = {str(u.pk): u for u in people}
        for part in parts:
            self.fields[field_name(part)] = forms.ChoiceField(
                label=part.label, choices=choices, required=False
            )

    def person(self, part: PartView) -> Any:
        return self.people.get(self.cleaned_data.get(field_name(part)) or "")


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar till den ansvariga"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Säg vad som behöver göras; kommentaren visas för den ansvariga."),
        error_messages={"required": _("Skriv en kommentar om varför delen återöppnas.")},
    )
