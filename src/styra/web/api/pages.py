"""Pages of the api app: the API's documentation, and API-nycklar, where a signed-in
person creates (the secret shown once) and revokes their own tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from styra.web.api import tokens
from styra.web.api.api import api
from styra.web.api.models import ApiToken, Scope
from styra.web.followup.access import user_id_of

METHODS = ("get", "put", "patch", "post", "delete")


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": op.get("parameters", []),
                    "body": body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1],
                    "codes": sorted(op.get("responses", {})),
                }
            )
    return found


def docs(request: HttpRequest) -> HttpResponse:
    """The operations, their parameters and answers, rendered on the server from the same
    OpenAPI schema as /api/v1/openapi.json: no script, nothing loaded from elsewhere."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    context = {
        "info": schema["info"],
        "operations": _operations(schema),
        "schemas": schema.get("components", {}).get("schemas", {}),
        "limit": tokens.limit(),
    }
    return render(request, "api/docs.html", context)


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100)
    municipality = forms.ChoiceField(label=gettext_lazy("Kommun"))
    scope = forms.ChoiceField(label=gettext_lazy("Behörighet"), choices=Scope.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {str(x.pk): x for x in tokens.municipalities_of(user)}
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k, str(v)) for k, v in self.places.items()]


@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            issued = tokens.issue(
                request.user, form.places[data["municipality"]], data["name"], data["scope"]
            )
            secret = issued.secret
            form = TokenForm(user=request.user)
        else:
            status = 400
    context = {
        "form": form,
        "secret": secret,
        "tokens": ApiToken.objects.filter(user_id=user_id_of(request)).select_related(
            "municipality"
        ),
        "limit": tokens.limit(),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ApiToken, pk=pk, user=request.user)
    found.revoke()
    messages.success(request, _("API-nyckeln »%(name)s» är återkallad.") % {"name": found.name})
    return redirect("api_tokens")
