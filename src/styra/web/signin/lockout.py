"""The lock-out page (the sign-in page with a Swedish message, 429) and its log line."""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from styra.web.signin.page import sign_in_context

logger = logging.getLogger("styra.signin")


def locked_until(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime:
    """When the lock-out ends: a cool-off after the latest failure that counts against it.

    Failures during a lock-out are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
    is off), so the time does not move while someone keeps trying.
    """
    now = timezone.now()
    attempts = AxesDatabaseHandler().get_user_attempts(request, credentials)
    latest: list[datetime | None] = [q.aggregate(at=Max("attempt_time"))["at"] for q in attempts]
    last: datetime = max((at for at in latest if at is not None), default=now)
    return last + (get_cool_off(request) or timedelta(0))


def when_text(until: datetime, now: datetime) -> str:
    """ "kl. 14:32", or "2026-12-03 kl. 14:32" on another day, in the site's time zone."""
    until, now = timezone.localtime(until), timezone.localtime(now)
    time = formats.time_format(until, "H:i")
    if until.date() == now.date():
        return _("kl. %(time)s") % {"time": time}
    return _("%(date)s kl. %(time)s") % {"date": formats.date_format(until, "Y-m-d"), "time": time}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the sign-in page again, saying until when it is locked."""
    now = timezone.now()
    until = locked_until(request, credentials)
    username = get_client_username(request, credentials) or ""
    context = sign_in_context() | {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_until": when_text(until, now),
    }
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(max(1, math.ceil((until - now).total_seconds())))
    return response


def log_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    """Axes' user_locked_out: one line when an account or address is locked, and one for
    each sign-in refused while it is (axes then leaves the failure uncounted)."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        logger.info("Inloggning nekad under spärr: användarnamn %r från %s", username, ip_address)
        return
    until = locked_until(request, getattr(request, "axes_credentials", None))
    logger.warning(
        "Inloggningen spärrad efter %d misslyckade försök: användarnamn %r från %s, till %s",
        failures,
        username,
        ip_address,
        timezone.localtime(until).isoformat(timespec="minutes"),
    )
