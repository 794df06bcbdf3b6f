"""Turns a change tried on an adopted period into a clear page (409 Conflict), and refuses
bodies over the limit before they are read (413)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from styra.web.followup import uploads
from styra.web.followup.access import PeriodLocked

logger = logging.getLogger("styra.web")


class PeriodLockedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PeriodLocked):
            return render(request, "followup/locked.html", status=409)
        return None


# Views that take a file; every other request body is a form, held to Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE.
UPLOAD_VIEWS = frozenset({"sie_upload", "excel_upload"})


def body_limit(request: HttpRequest) -> tuple[int, str]:
    """The largest body the addressed view takes, and what to say when it is passed."""
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        name = None
    if name in UPLOAD_VIEWS:
        room = 64 * 1024  # the form's other fields
        return int(settings.STYRA_MAX_UPLOAD_BYTES) + room, uploads.too_large_message()
    limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    message = _("Det som skickades är större än tillåtet (%(mb)d MB) och har inte lästs.") % {
        "mb": max(1, limit // 1024**2)
    }
    return limit, message


class BodyLimitMiddleware:
    """Refuses a request whose declared body is over the limit before any of it is read (413).

    First in the chain, so no middleware or view touches the body. A body with no declared
    length (chunked) is never read by Django (its stream is limited to CONTENT_LENGTH, 0).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0:
            return HttpResponse(_("Ogiltig längd på förfrågan."), status=400)
        limit, message = body_limit(request)
        if length > limit:
            logger.info("413 %s %s: %d bytes declared, limit %d", request.method,
                        request.path, length, limit)  # fmt: skip
            return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
        return self.get_response(request)
