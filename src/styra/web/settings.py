"""Django settings, read from the environment (see README.md for every variable).

Local use needs nothing: SQLite in ``./var/`` (or ``$STYRA_DATA_DIR``). A deployment sets
``STYRA_PRODUCTION=1``, ``STYRA_SECRET_KEY``, ``STYRA_ALLOWED_HOSTS`` and usually
``DATABASE_URL=postgres://…``; ``manage.py check --deploy`` then passes.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from styra.web.env import env_bool, env_int, env_list, env_path, env_str

django_stubs_ext.monkeypatch()  # lets admin classes be written ModelAdmin[Model] at run time

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("STYRA_DATA_DIR", Path.cwd() / "var")
PRODUCTION = env_bool("STYRA_PRODUCTION", False)
# The demo: `styra serve` loads the example and prints its accounts; the sign-in page says so.
DEMO = env_bool("STYRA_DEMO", not PRODUCTION)
DEBUG = env_bool("STYRA_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("STYRA_DEBUG kan inte vara på när STYRA_PRODUCTION=1")


def _secret_key() -> str:
    key = env_str("STYRA_SECRET_KEY")
    if key:
        if len(key) < 50 or len(set(key)) < 5:
            raise ImproperlyConfigured("STYRA_SECRET_KEY ska vara minst 50 slumpmässiga tecken")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("STYRA_SECRET_KEY saknas (krävs när STYRA_PRODUCTION=1)")
    # `styra serve` keeps a key in the data directory; other local runs get a fresh one.
    return secrets.token_urlsafe(50)


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "styra.sqlite3",
            # Each worker thread keeps its connection: opening one (and its PRAGMAs) per
            # request would cost more than the page itself.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("STYRA_SQLITE_TIMEOUT", 20, minimum=1),
            },
        }
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL går inte att tolka: {exc}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL ska börja med postgres:// (eller lämnas tom)")
    # Off by default, as in Django: the check is a round trip per request (p95 105 → 70 ms in
    # the benchmark); after a server restart one request per thread fails, then reconnects.
    config["CONN_HEALTH_CHECKS"] = env_bool("STYRA_PG_HEALTH_CHECKS", False)
    return config


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "STYRA_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("STYRA_ALLOWED_HOSTS saknas (krävs när STYRA_PRODUCTION=1)")
CSRF_TRUSTED_ORIGINS = env_list("STYRA_CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "styra.web.followup",
    "styra.web.signin",
    "styra.web.workflow",
    "styra.web.comments",
    "styra.web.api",
    "django_tasks",
    "django_tasks_db",
    "styra.web.tasks",
    "styra.web.national",
]

MIDDLEWARE = [
    # First: a body over the limit is refused before anything reads it.
    "styra.web.followup.middleware.BodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "styra.web.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "styra.web.followup.middleware.PeriodLockedMiddleware",
    # Last, as axes asks: after sessions and authentication, it turns a refusal into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styra.web.urls"
WSGI_APPLICATION = "styra.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Sign-in: local accounts (a password, throttled by axes) and the municipality's OpenID
# Connect provider (styra.web.signin.oidc, README.md). Local accounts stay on for the
# embedded demo; STYRA_LOCAL_ACCOUNTS=0 turns them off where everyone signs in through the
# provider. The provider is found from the issuer's discovery document; its groups (the claim
# STYRA_OIDC_GROUPS_CLAIM names) give roles through the group mapping staff edit in the admin.
STYRA_LOCAL_ACCOUNTS = env_bool("STYRA_LOCAL_ACCOUNTS", True)
STYRA_OIDC_ISSUER = env_str("STYRA_OIDC_ISSUER")
STYRA_OIDC_CLIENT_ID = env_str("STYRA_OIDC_CLIENT_ID")
STYRA_OIDC_CLIENT_SECRET = env_str("STYRA_OIDC_CLIENT_SECRET")
STYRA_OIDC_SCOPES = env_str("STYRA_OIDC_SCOPES", "openid profile email")
STYRA_OIDC_GROUPS_CLAIM = env_str("STYRA_OIDC_GROUPS_CLAIM", "groups")
STYRA_OIDC_NAME = env_str("STYRA_OIDC_NAME", "kommunens konto")
STYRA_OIDC_TIMEOUT = env_int("STYRA_OIDC_TIMEOUT_SECONDS", 10, minimum=1, maximum=120)
if STYRA_OIDC_ISSUER and not (STYRA_OIDC_CLIENT_ID and STYRA_OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "STYRA_OIDC_ISSUER är satt men STYRA_OIDC_CLIENT_ID eller STYRA_OIDC_CLIENT_SECRET saknas"
    )
if STYRA_OIDC_ISSUER and not STYRA_OIDC_ISSUER.startswith(("https://", "http://")):
    raise ImproperlyConfigured("STYRA_OIDC_ISSUER ska vara en adress (https://…)")
if PRODUCTION and STYRA_OIDC_ISSUER.startswith("http://"):
    raise ImproperlyConfigured("STYRA_OIDC_ISSUER ska börja med https:// när STYRA_PRODUCTION=1")
if STYRA_OIDC_ISSUER and "openid" not in STYRA_OIDC_SCOPES.split():
    raise ImproperlyConfigured("STYRA_OIDC_SCOPES ska innehålla openid")
if not STYRA_LOCAL_ACCOUNTS and not STYRA_OIDC_ISSUER:
    raise ImproperlyConfigured(
        "STYRA_LOCAL_ACCOUNTS=0 kräver STYRA_OIDC_ISSUER: annars kan ingen logga in"
    )
# Axes' backend comes first: it refuses a locked sign-in before a password is checked. The
# provider's backend only restores a session it started (signin.backends): no password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if STYRA_LOCAL_ACCOUNTS else []),
    "styra.web.signin.backends.ProviderBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The cache is the database's own table (made by `migrate`, app styra.web.national), shared
# by every server process and machine: a page computed by one is reused by all, and a change
# made through one is seen by all at once, as the keys hash every input (followup/cache.py).
# No extra service; a file cache would be shared only by processes on one machine.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "styra_cache",
        "TIMEOUT": 3600,
        # Expired rows go only when the table is over MAX_ENTRIES (then a quarter goes): room
        # for a national service's pages in use (a committee's body is about 14 kB, a
        # municipality's overview 90 kB), under a gigabyte however full.
        "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
    }
}
# Sessions live in the database only (not in the cache: one place for what signs a person in).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work (docs/DECISIONS.md, issue 14): a queue kept in the database itself, SQLite
# or PostgreSQL alike (PostgreSQL claims a task with SELECT … FOR UPDATE SKIP LOCKED), worked
# by `styra worker`; on the embedded database `styra serve` starts one itself
# (STYRA_SERVE_WORKER, on by default without DATABASE_URL). A worker beats every few seconds;
# a task left running by a worker silent for STYRA_WORKER_STALE_SECONDS is taken back and
# run again, at most STYRA_TASK_ATTEMPTS times in all, then marked failed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STYRA_SERVE_WORKER = env_bool("STYRA_SERVE_WORKER", "sqlite" in DATABASES["default"]["ENGINE"])
STYRA_WORKER_STALE_SECONDS = env_int("STYRA_WORKER_STALE_SECONDS", 60, minimum=2, maximum=86_400)
STYRA_TASK_ATTEMPTS = env_int("STYRA_TASK_ATTEMPTS", 2, minimum=1, maximum=10)

# Uploads: SIE files and Excel sheets. Larger requests are refused before they are read.
STYRA_MAX_UPLOAD_BYTES = env_int("STYRA_MAX_UPLOAD_MB", 20, minimum=1, maximum=1000) * 1024**2
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024**2
# SIE uploads never confirmed (pending or discarded) are removed after this many hours, by
# `styra manage expire_imports`, which `styra serve` also runs on start.
STYRA_PENDING_IMPORT_HOURS = env_int("STYRA_PENDING_IMPORT_HOURS", 24, minimum=1)
# Every other body is a form: the longest, a narrative section of 200 000 characters, is
# under 1,2 MB URL-encoded. BodyLimitMiddleware refuses a larger declared body unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024**2
FILE_UPLOAD_HANDLERS = [
    "styra.web.followup.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# E-mail (reminders, mentions) through the municipality's SMTP relay. Without a host, mail is
# written to the log instead of sent, so the embedded default needs no mail server.
EMAIL_HOST = env_str("STYRA_SMTP_HOST")
EMAIL_PORT = env_int("STYRA_SMTP_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("STYRA_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("STYRA_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("STYRA_SMTP_STARTTLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("STYRA_MAIL_FROM", "styra@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# The site's own address, for links in e-mail (no request to take it from).
STYRA_SITE_URL = env_str("STYRA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security: secure cookies and HSTS when deployed behind HTTPS.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("STYRA_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("STYRA_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("STYRA_HSTS_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("STYRA_HSTS_PRELOAD", PRODUCTION)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("STYRA_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sign-in throttling (django-axes, docs/DECISIONS.md): after STYRA_LOGIN_FAILURES failures
# within the cool-off, an account and an address are each refused, even the right password,
# until the cool-off has passed since the last counted failure. Failures while locked are
# not counted, so trying again does not move the time the page promises.
AXES_FAILURE_LIMIT = env_int("STYRA_LOGIN_FAILURES", 10, minimum=1, maximum=1000)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int("STYRA_LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=7 * 24 * 60)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure, marked when it locked: the admin shows it
AXES_LOCKOUT_CALLABLE = "styra.web.signin.lockout.lockout_response"
# The client's address: REMOTE_ADDR, or behind the proxy the right-most X-Forwarded-For
# entry, the one the proxy appended (entries to its left come from the client and are not
# trusted). ipware counts proxies named in the header: none, ours is REMOTE_ADDR itself.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
if BEHIND_PROXY:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 0
    IPWARE_STRICT = False  # a client's own X-Forwarded-For entries must not discard the header

# A refused request (4xx: 403, 404, 400) is one line; a server error (5xx) keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_4xx": {"()": "styra.web.logs.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_4xx"]},
    },
    "loggers": {"django.request": {"filters": ["one_line_4xx"]}},
    "root": {"handlers": ["console"], "level": env_str("STYRA_LOG_LEVEL", "WARNING").upper()},
}

# The API (styra.web.api): requests per token and minute before 429 with Retry-After,
# counted in the default cache (shared by the workers when that cache is).
STYRA_API_REQUESTS_PER_MINUTE = env_int(
    "STYRA_API_REQUESTS_PER_MINUTE", 600, minimum=1, maximum=1_000_000
)
