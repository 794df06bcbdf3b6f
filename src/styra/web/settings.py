"""Django settings, read from the environment (see README.md for every variable).

Local use needs nothing: SQLite in ``./var/`` (or ``$STYRA_DATA_DIR``). A deployment sets
``STYRA_PRODUCTION=1``, ``STYRA_SECRET_KEY``, ``STYRA_ALLOWED_HOSTS`` and usually
``DATABASE_URL=postgres://…``; ``manage.py check --deploy`` then passes.
"""

from __future__ import annotations

import secrets
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
    "styra.web.followup",
]

MIDDLEWARE = [
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
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database only. The cache is per process (LocMemCache) and gunicorn
# runs several workers, so a cached session would outlive a sign-out made in another one.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Uploads: SIE files and Excel sheets. Larger requests are refused before they are read.
STYRA_MAX_UPLOAD_BYTES = env_int("STYRA_MAX_UPLOAD_MB", 20, minimum=1, maximum=1000) * 1024**2
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024**2
FILE_UPLOAD_HANDLERS = [
    "styra.web.followup.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

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
if env_bool("STYRA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("STYRA_LOG_LEVEL", "WARNING").upper()},
}
