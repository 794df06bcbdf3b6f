"""A small but real OpenID provider for the sign-in tests, on Authlib's server side.

Authorization code flow with PKCE (S256 required) and nonce, a discovery document, a JWKS
with an RSA key, a token endpoint that authenticates the client by its secret, a userinfo
endpoint and an end-session endpoint (RP-initiated logout). ID tokens are RS256-signed
JWTs, so Styra's client cannot tell it from Keycloak. It keeps a session of its own (a
cookie), so a second sign-in skips its login form until the session is ended.

What a test needs to switch goes through ``/control`` (JSON): a user's groups, and how the
next ID tokens are made (``normal``, ``wrong_audience``, ``expired``).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

from authlib.common.security import generate_token
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import (
    ClientMixin,
    JsonPayload,
    JsonRequest,
    OAuth2Error,
    OAuth2Payload,
    OAuth2Request,
    grants,
)
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from werkzeug.wrappers import Request, Response

COOKIE = "op_session"
MODES = ("normal", "wrong_audience", "expired")


@dataclass
class User:
    username: str
    password: str
    sub: str
    name: str
    email: str
    groups: list[str] = field(default_factory=list)


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile", "email", "groups"}
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code:
    """An authorization code, with what the token endpoint must check against it."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: User
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))
    expires_at: float = field(default_factory=lambda: time.time() + 60)

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class State:
    """Everything the provider holds, in memory, behind one lock (the server is threaded)."""

    def __init__(self, issuer: str, clients: list[Client], users: list[User]) -> None:
        self.issuer = issuer
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1", "use": "sig"})
        self.clients = {c.client_id: c for c in clients}
        self.users = {u.username: u for u in users}
        self.codes: dict[str, Code] = {}
        self.nonces: set[tuple[str, str]] = set()
        self.sessions: dict[str, str] = {}  # cookie value → username
        self.access_tokens: dict[str, str] = {}  # access token → username
        self.mode = "normal"
        self.logouts: list[dict[str, str]] = []
        self.lock = threading.Lock()


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        self._request = request

    @property
    def data(self) -> Any:
        return self._request.values

    @property
    def datalist(self) -> dict[str, list[str]]:
        return {k: self._request.values.getlist(k) for k in self._request.values}


class _OAuth2Request(OAuth2Request):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        super().__init__(request.method, request.url, headers=request.headers)
        self._request = request
        self.payload = _Payload(request)

    @property
    def args(self) -> Any:
        return self._request.args

    @property
    def form(self) -> Any:
        return self._request.form


class _JsonPayload(JsonPayload):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        self._request = request

    @property
    def data(self) -> Any:
        return self._request.get_json(silent=True) or {}


class _JsonRequest(JsonRequest):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        super().__init__(request.method, request.url, request.headers)
        self.payload = _JsonPayload(request)


class Server(AuthorizationServer):  # type: ignore[misc]
    """Authlib's authorization server on werkzeug's requests and responses."""

    def __init__(self, state: State) -> None:
        super().__init__(scopes_supported=["openid", "profile", "email", "groups"])
        self.state = state
        self.register_token_generator(
            "default", BearerTokenGenerator(lambda *a, **k: generate_token(42))
        )

    def query_client(self, client_id: str) -> Client | None:
        return self.state.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        with self.state.lock:
            self.state.access_tokens[token["access_token"]] = request.user.username

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return _OAuth2Request(request)

    def create_json_request(self, request: Request) -> JsonRequest:
        return _JsonRequest(request)

    def handle_response(self, status: int, body: Any, headers: Any) -> Response:
        if isinstance(body, dict):
            body = json.dumps(body)
        return Response(body, status=status, headers=headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        state: State = self.server.state
        with state.lock:
            state.codes[code] = Code(
                code=code,
                client_id=request.client.client_id,
                redirect_uri=request.payload.redirect_uri or "",
                scope=request.client.get_allowed_scope(request.payload.scope or ""),
                user=request.user,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
            )
            if data.get("nonce"):
                state.nonces.add((request.client.client_id, data["nonce"]))

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found = self.server.state.codes.get(code)
        if found and found.client_id == client.client_id and found.expires_at > time.time():
            return found
        return None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        with self.server.state.lock:
            self.server.state.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> User:
        return authorization_code.user


class IDTokens(OpenIDCode):  # type: ignore[misc]
    """Signs the ID token with the provider's RSA key; the control's mode bends its claims."""

    def __init__(self, state: State) -> None:
        super().__init__(require_nonce=True)
        self.state = state

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.state.key

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": str(self.state.key.kid)}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {"iss": self.state.issuer, "aud": [client.client_id]}
        claims["iat"], claims["exp"] = now, now + 300
        if self.state.mode == "wrong_audience":
            # Issued to another service; azp names us, as a confused deputy's token would.
            claims["aud"], claims["azp"] = ["another-service"], client.client_id
        elif self.state.mode == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        return claims

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return (request.payload.client_id, nonce) in self.state.nonces

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        info = UserInfo(sub=user.sub, name=user.name, preferred_username=user.username)
        if "email" in scope.split():
            info["email"] = user.email
        info["groups"] = list(user.groups)
        return info


def _page(title: str, body: str, status: int = 200) -> Response:
    html = (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Response(html, status=status, mimetype="text/html")


class Provider:
    """The WSGI application: one method per endpoint."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.server = Server(state)
        self.server.register_grant(CodeGrant, [CodeChallenge(required=True), IDTokens(state)])
        self.routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/jwks": self.jwks,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
            "/logout": self.logout,
            "/control": self.control,
        }

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        handler = self.routes.get(request.path)
        response = handler(request) if handler else _page("Hittades inte", "", 404)
        return response(environ, start_response)

    def discovery(self, request: Request) -> Response:
        issuer = self.state.issuer
        document = {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "jwks_uri": f"{issuer}/jwks",
            "end_session_endpoint": f"{issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "groups"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "name", "email", "preferred_username", "groups"],
        }
        return Response(json.dumps(document), mimetype="application/json")

    def jwks(self, request: Request) -> Response:
        keys = {"keys": [self.state.key.as_dict(private=False)]}
        return Response(json.dumps(keys), mimetype="application/json")

    def _session_user(self, request: Request) -> User | None:
        username = self.state.sessions.get(request.cookies.get(COOKIE, ""))
        return self.state.users.get(username) if username else None

    def authorize(self, request: Request) -> Response:
        user = self._session_user(request)
        try:
            grant = self.server.get_consent_grant(request, end_user=user)
        except OAuth2Error as error:
            return _page(
                "Felaktig begäran", f"<p>{escape(error.description or error.error)}</p>", 400
            )
        session = None
        if user is None and request.method == "POST":
            user = self._check_password(request)
            if user is not None:
                session = secrets.token_urlsafe(24)
                with self.state.lock:
                    self.state.sessions[session] = user.username
        if user is None:
            return self._login_form(request)
        response: Response = self.server.create_authorization_response(request, user, grant)
        if session:
            response.set_cookie(COOKIE, session, httponly=True, samesite="Lax")
        return response

    def _check_password(self, request: Request) -> User | None:
        user = self.state.users.get(request.form.get("username", ""))
        given = request.form.get("password", "")
        if user and secrets.compare_digest(given, user.password):
            return user
        return None

    def _login_form(self, request: Request) -> Response:
        failed = request.method == "POST"
        error = '<p role="alert">Fel användarnamn eller lösenord.</p>' if failed else ""
        action = escape("/authorize?" + urlencode(list(request.args.items(multi=True))))
        form = (
            f'{error}<form method="post" action="{action}">'
            '<label>Användarnamn <input name="username" autocomplete="username"></label>'
            '<label>Lösenord <input name="password" type="password"></label>'
            "<button>Logga in hos testleverantören</button></form>"
        )
        return _page("Testleverantörens inloggning", form)

    def token(self, request: Request) -> Response:
        response: Response = self.server.create_token_response(request)
        return response

    def userinfo(self, request: Request) -> Response:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        username = self.state.access_tokens.get(token) if scheme.lower() == "bearer" else None
        user = self.state.users.get(username or "")
        if user is None:
            return Response('{"error": "invalid_token"}', status=401)
        info = IDTokens(self.state).generate_user_info(user, "openid profile email")
        return Response(json.dumps(dict(info)), mimetype="application/json")

    def logout(self, request: Request) -> Response:
        """RP-initiated logout: ends the session; back to a registered address only."""
        hint = request.values.get("id_token_hint", "")
        client_id = self._client_of_hint(hint)
        target = request.values.get("post_logout_redirect_uri", "")
        cookie = request.cookies.get(COOKIE, "")
        with self.state.lock:
            username = self.state.sessions.pop(cookie, "")
            self.state.logouts.append({"user": username, "client_id": client_id or ""})
        client = self.state.clients.get(client_id or "")
        if client and target in client.post_logout_redirect_uris:
            state = request.values.get("state")
            query = urlencode({"state": state}) if state else ""
            response = Response(
                status=302, headers={"Location": target + ("?" + query if query else "")}
            )
        else:
            response = _page("Utloggad", "<p>Du är utloggad från testleverantören.</p>")
        response.delete_cookie(COOKIE)
        return response

    def _client_of_hint(self, hint: str) -> str | None:
        """The client an ID token hint was issued to, when the provider signed it."""
        try:
            token = jwt.decode(hint, self.state.key, algorithms=["RS256"])
        except (JoseError, ValueError):
            return None
        if token.claims.get("iss") != self.state.issuer:
            return None
        audience = token.claims.get("azp") or token.claims.get("aud")
        return audience[0] if isinstance(audience, list) else audience

    def control(self, request: Request) -> Response:
        """For the tests: set a user (and its groups) and the mode; read what happened."""
        if request.method == "POST":
            data = request.get_json(force=True)
            with self.state.lock:
                for fields in data.get("users", []):
                    self.state.users[fields["username"]] = User(**fields)
                if "mode" in data:
                    if data["mode"] not in MODES:
                        return Response('{"error": "mode"}', status=400)
                    self.state.mode = data["mode"]
        summary = {
            "mode": self.state.mode,
            "sessions": sorted(self.state.sessions.values()),
            "logouts": self.state.logouts,
        }
        return Response(json.dumps(summary), mimetype="application/json")
