"""Turns a change tried on an adopted period into a clear page (409 Conflict)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styra.web.followup.access import PeriodLocked


class PeriodLockedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PeriodLocked):
            return render(request, "followup/locked.html", status=409)
        return None
