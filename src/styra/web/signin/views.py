"""Signing in through the provider (start, callback) and signing out of both.

The sign-in page links to ``start``; the provider sends the browser back to ``callback``.
Signing out ends Styra's session and, where the provider has an end_session_endpoint,
sends the browser there with the ID token as a hint (RP-initiated logout).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from styra.web.signin import accounts, mapping
from styra.web.signin.page import sign_in_context

logger = logging.getLogger("styra.signin")
BACKEND = "styra.web.signin.backends.ProviderBackend"
NEXT = "styra_signin_next"
ID_TOKEN = "styra_signin_id_token"


def _oidc() -> Any:
    # Imported here: Authlib's client needs ``requests``, wanted only with a provider.
    from styra.web.signin import oidc  # noqa: PLC0415

    return oidc


@require_GET
def start(request: HttpRequest) -> HttpResponseBase:
    """To the provider's sign-in, with state, nonce and the PKCE challenge kept in the session."""
    oidc = _oidc()
    config = oidc.configured()
    if config is None:
        return redirect("login")
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    request.session[NEXT] = wanted if safe else ""
    try:
        oidc.metadata(config)
        callback = request.build_absolute_uri(reverse("oidc-callback"))
        response: HttpResponseBase = oidc.client(config).authorize_redirect(request, callback)
    except Exception as exc:  # each known failure is a Refusal; others are re-raised
        return _refused(request, oidc.refusal(exc, config))
    return response


@require_GET
def callback(request: HttpRequest) -> HttpResponseBase:
    oidc = _oidc()
    config = oidc.configured()
    if config is None:
        return redirect("login")
    try:
        token = oidc.sign_in_token(config, request)
    except Exception as exc:  # each known failure is a Refusal; others are re-raised
        return _refused(request, oidc.refusal(exc, config))
    claims = dict(token["userinfo"])
    user = _sign_in(request, config, claims)
    if user is None:
        return _refused(request, oidc.Refusal(_inactive(), "account is inactive", 403))
    request.session[ID_TOKEN] = token.get("id_token", "")
    return redirect(request.session.pop(NEXT, "") or settings.LOGIN_REDIRECT_URL)


def _sign_in(request: HttpRequest, config: Any, claims: dict[str, Any]) -> Any:
    """The account found or made, its roles brought in line with its groups, signed in."""
    groups = accounts.groups_of(claims, config.groups_claim)
    if config.groups_claim not in claims:
        logger.warning(
            "No %r claim for %s: no roles from groups", config.groups_claim, claims["sub"]
        )
    with transaction.atomic():
        user = accounts.account(config.issuer, claims, groups)
        if not user.is_active:
            return None
        changes = mapping.apply(user, groups, config.name)
    for change in changes:
        logger.info("Role from the provider's groups for %s: %s", user, change)
    next_url = request.session.get(NEXT, "")
    login(request, user, backend=BACKEND)  # a new session key; what it held is kept
    request.session[NEXT] = next_url
    return user


def _inactive() -> str:
    return _("Ditt konto i Styra är avstängt. Kontakta den som administrerar Styra hos er.")


def _refused(request: HttpRequest, refusal: Any) -> HttpResponse:
    """The sign-in page with the message; the reason on one line in the log."""
    logger.warning(
        "Sign-in through the provider refused (%s) from %s",
        refusal.reason,
        request.META.get("REMOTE_ADDR"),
    )
    context = sign_in_context() | {
        "form": AuthenticationForm(request),
        "next": request.session.pop(NEXT, ""),
        "provider_error": refusal.message,
    }
    return render(request, "registration/login.html", context, status=refusal.status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponseBase:
    """Out of Styra; then out of the provider where it offers that (RP-initiated logout).

    The provider is reached through a page that forwards the browser (a meta refresh), not a
    redirect: the site's Content-Security-Policy (form-action 'self') would stop a form's
    post from being redirected to another origin.
    """
    id_token = request.session.get(ID_TOKEN, "")
    logout(request)
    end = _end_session_url(request, id_token) if id_token else ""
    if not end:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    context = {"end_session_url": end, "provider": settings.STYRA_OIDC_NAME}
    return render(request, "registration/signed_out.html", context)


def _end_session_url(request: HttpRequest, id_token: str) -> str:
    oidc = _oidc()
    config = oidc.configured()
    if config is None:
        return ""
    try:
        end = oidc.metadata(config).get("end_session_endpoint")
        if not end:
            return ""
        back = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
        found: dict[str, str] = oidc.client(config).create_logout_url(
            post_logout_redirect_uri=back, id_token_hint=id_token, client_id=config.client_id
        )
    except Exception as exc:  # signed out of Styra, whatever the provider says
        logger.warning("Signing out at the provider failed: %s: %s", type(exc).__name__, exc)
        return ""
    return found["url"]
