"""API tokens in the admin: staff issue personal tokens and service accounts (the secret
shown once, in a message) and revoke them; the secret itself is never stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styra.web.api import tokens
from styra.web.api.models import ApiToken


class IssueForm(forms.ModelForm[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["name", "service", "user", "municipality", "scope"]
        help_texts = {
            "service": gettext_lazy(
                "Ett tjänstekonto får en egen användare (utan lösenord); ge den roller i "
                "nämnder som en person. Lämna då användaren tom."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("service") and not data.get("user"):
            self.add_error("user", _("Välj användaren nyckeln hör till, eller tjänstekonto."))
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = (
        "name",
        "user",
        "municipality",
        "scope",
        "service",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("service", "scope", "municipality")
    search_fields = ("name", "user__username")
    readonly_fields = ("hint", "created_at", "last_used_at")
    actions = ["revoke"]

    def get_form(
        self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = IssueForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return IssueForm.Meta.fields
        return [
            "name",
            "user",
            "municipality",
            "scope",
            "service",
            "hint",
            "created_at",
            "last_used_at",
            "revoked_at",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("user", "municipality", "service", "hint", "created_at", "last_used_at")

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        if data["service"]:
            issued = tokens.issue_service(data["name"], data["municipality"], data["scope"])
        else:
            issued = tokens.issue(data["user"], data["municipality"], data["name"], data["scope"])
        obj.pk = issued.token.pk
        obj.__dict__.update({k: v for k, v in issued.token.__dict__.items() if k != "_state"})
        obj._state.adding = False
        message = _("Nyckeln »%(name)s»: %(secret)s (kopiera den nu; den visas bara nu).")
        self.message_user(
            request, message % {"name": obj.name, "secret": issued.secret}, messages.WARNING
        )

    @admin.action(description=gettext_lazy("Återkalla valda nycklar"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            token.revoke()
