"""Tiny helpers that read settings from the environment and fail at start-up on bad values.

Each helper raises :class:`ImproperlyConfigured` naming the variable and what it accepts,
so a typo in a deployment stops the server before it answers a single request.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on", "ja"}
FALSE = {"0", "false", "no", "off", "nej", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: skriv 1 eller 0 (true/false)")


class BadValue(ValueError):
    """A value that a setting does not accept; the message shows it and says what would do."""


def parse_int(raw: str, minimum: int = 0, maximum: int | None = None) -> int:
    """``raw`` as an integer from ``minimum`` to ``maximum``, or :class:`BadValue`."""
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadValue(f"{raw!r}: ska vara ett heltal") from None
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" och högst {maximum}"
        raise BadValue(f"{value}: ska vara minst {minimum}{upper}")
    return value


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return parse_int(raw, minimum, maximum)
    except BadValue as exc:
        raise ImproperlyConfigured(f"{name}={exc}") from None


def int_argument(raw: str, minimum: int = 0, maximum: int | None = None) -> int:
    """``parse_int`` for an argparse ``type``: a flag is checked as its variable is.

    A bad value becomes argparse's error, which names the flag and exits with 2.
    """
    try:
        return parse_int(raw, minimum, maximum)
    except BadValue as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name, "").strip()
    return Path(raw).expanduser().resolve() if raw else default.resolve()
