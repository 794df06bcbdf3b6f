"""The comment form: text only, length-limited with the limit said in Swedish at the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.web.comments.models import MAX_LENGTH


class CommentForm(forms.Form):
    # A prefix, so the field's id is unique on a page whose own form has a "text" field.
    prefix = "kommentar"

    text = forms.CharField(
        label=_("Ny kommentar"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Skriv @ och användarnamnet (till exempel @ekonom) för att meddela någon med "
            "roll i nämnden via e-post. Kommentarer hör till perioden och syns i dess "
            "historik, inte i rapporten. Högst 4 000 tecken."
        ),
        error_messages={
            "required": _("Skriv en kommentar innan du skickar."),
            "max_length": _(
                "Kommentaren får vara högst %(limit_value)d tecken lång; den är %(show_value)d."
            ),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser would cut the text silently at maxlength; the server says so instead.
        self.fields["text"].widget.attrs.pop("maxlength", None)
