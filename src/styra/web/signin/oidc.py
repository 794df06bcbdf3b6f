"""Sign-in through the municipality's OpenID Connect provider, on Authlib's Django client.

The authorization code flow with PKCE (S256), state and nonce; the ID token's signature is
checked against the provider's JWKS (from its discovery document), and its issuer, audience
and expiry against this configuration. What goes wrong becomes a :class:`Refusal`: a
Swedish message for the page and a reason for the log, never a traceback.

Authlib's Django client sends its requests through ``requests``, which is imported only when
a provider is configured (``client``), so the embedded default starts without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.conf import settings
from django.utils.translation import gettext as _
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError


@dataclass(frozen=True)
class ProviderConfig:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    groups_claim: str
    name: str
    timeout: int

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


# Authlib keeps the discovery document and the JWKS on the client: one per configuration.
_clients: dict[ProviderConfig, Any] = {}


def configured() -> ProviderConfig | None:
    """The provider from the settings (STYRA_OIDC_*), or None when there is none."""
    if not settings.STYRA_OIDC_ISSUER:
        return None
    return ProviderConfig(
        issuer=settings.STYRA_OIDC_ISSUER,
        client_id=settings.STYRA_OIDC_CLIENT_ID,
        client_secret=settings.STYRA_OIDC_CLIENT_SECRET,
        scopes=settings.STYRA_OIDC_SCOPES,
        groups_claim=settings.STYRA_OIDC_GROUPS_CLAIM,
        name=settings.STYRA_OIDC_NAME,
        timeout=settings.STYRA_OIDC_TIMEOUT,
    )


def client(config: ProviderConfig) -> Any:
    """Authlib's client for the provider (a DjangoOAuth2App), made once per process."""
    if config not in _clients:
        from authlib.integrations.django_client import OAuth  # noqa: PLC0415 (needs requests)

        oauth = OAuth()
        _clients[config] = oauth.register(
            name="styra",
            client_id=config.client_id,
            client_secret=config.client_secret,
            server_metadata_url=config.discovery_url,
            client_kwargs={
                "scope": config.scopes,
                "code_challenge_method": "S256",
                "default_timeout": config.timeout,
            },
        )
    return _clients[config]


class IssuerMismatch(Exception):
    """The discovery document names another issuer than the one configured."""


def metadata(config: ProviderConfig) -> dict[str, Any]:
    """The provider's discovery document (cached by Authlib), whose issuer must be exactly
    the configured one (OpenID Connect Discovery 1.0, section 4.3)."""
    found: dict[str, Any] = client(config).load_server_metadata()
    if found.get("issuer") != config.issuer:
        raise IssuerMismatch(f"discovery names issuer {found.get('issuer')!r}")
    return found


def claims_options(config: ProviderConfig) -> dict[str, Any]:
    """What the ID token must say beside its signature, nonce and times: issued by our
    issuer to us. Authlib alone would accept another audience when ``azp`` names us."""
    return {
        "iss": {"essential": True, "value": config.issuer},
        "aud": {"essential": True, "value": config.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }


def sign_in_token(config: ProviderConfig, request: Any) -> dict[str, Any]:
    """The callback's code exchanged (with the PKCE verifier) for tokens, the state checked
    against the session and the ID token validated; its claims are ``token["userinfo"]``."""
    metadata(config)
    token: dict[str, Any] = client(config).authorize_access_token(
        request, claims_options=claims_options(config), leeway=60
    )
    if not token.get("userinfo"):
        raise MissingIdToken("the token response has no ID token")
    return token


class MissingIdToken(Exception):
    """The provider answered without an ID token: there is nobody to sign in."""


@dataclass(frozen=True)
class Refusal:
    message: str  # Swedish, for the page
    reason: str  # English, for the log
    status: int


def refusal(exc: Exception, config: ProviderConfig) -> Refusal:
    """What the person is told, and what is logged, when a sign-in through the provider
    fails; an exception that is none of these is re-raised (a fault of Styra's, a 500)."""
    found = _token_refusal(exc, config.name) or _exchange_refusal(exc, config.name)
    if found is None:
        raise exc
    return found


def _token_refusal(exc: Exception, name: str) -> Refusal | None:
    """The ID token failed its checks."""
    if isinstance(exc, ExpiredTokenError):
        return Refusal(_expired(name), "ID token expired", 400)
    if isinstance(exc, ClaimError) and exc.claim in ("aud", "azp"):
        return Refusal(_wrong_audience(name), f"ID token for another audience ({exc})", 400)
    if isinstance(exc, (JoseError, MissingIdToken)):
        return Refusal(_unverified(name), f"ID token refused: {exc}", 400)
    return None


def _exchange_refusal(exc: Exception, name: str) -> Refusal | None:
    """The exchange with the provider failed: state, an error it sent, or no answer."""
    if isinstance(exc, MismatchingStateError):
        return Refusal(_bad_state(), "state does not match a sign-in started here", 400)
    if isinstance(exc, OAuthError):
        text = _("%(provider)s avbröt inloggningen (%(error)s). Försök igen.") % {
            "provider": name,
            "error": exc.error or exc.description or "",
        }
        return Refusal(text, f"provider error: {exc.error} {exc.description}", 400)
    if isinstance(exc, IssuerMismatch):
        return Refusal(_misconfigured(name), f"issuer mismatch: {exc}", 503)
    if isinstance(exc, (OSError, ValueError)):  # requests' errors are OSErrors; bad JSON
        return Refusal(_down(name), f"provider unreachable: {type(exc).__name__}: {exc}", 503)
    return None


def _bad_state() -> str:
    return _(
        "Inloggningen kunde inte slutföras: svaret hörde inte till någon inloggning som "
        "påbörjats här (den kan ha tagit för lång tid eller startats i en annan flik). "
        "Försök igen."
    )


def _expired(name: str) -> str:
    return _(
        "Inloggningen nekades: intyget från %(provider)s hade redan gått ut. Försök igen; "
        "händer det igen, kontakta den som administrerar Styra hos er."
    ) % {"provider": name}


def _wrong_audience(name: str) -> str:
    return _(
        "Inloggningen nekades: intyget från %(provider)s var utfärdat till en annan tjänst "
        "än Styra. Kontakta den som administrerar inloggningen hos er."
    ) % {"provider": name}


def _unverified(name: str) -> str:
    return _(
        "Inloggningen nekades: intyget från %(provider)s gick inte att bekräfta (utfärdare, "
        "signatur eller engångskod stämde inte). Försök igen."
    ) % {"provider": name}


def _down(name: str) -> str:
    return _(
        "%(provider)s svarar inte just nu, så det går inte att logga in den vägen. Försök "
        "igen om en stund."
    ) % {"provider": name}


def _misconfigured(name: str) -> str:
    return _(
        "Inloggningen via %(provider)s är felaktigt inställd i Styra. Kontakta den som "
        "administrerar Styra hos er."
    ) % {"provider": name}
