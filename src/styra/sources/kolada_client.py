"""The Kolada v3 client: the network edge. Polite, patient and replaceable in tests.

- One request at a time, at least ``min_interval`` seconds apart (default 0.5 s).
- HTTP 429 and 5xx, timeouts and dropped connections are retried with exponential
  backoff (1, 2, 4, 8 s), honouring Retry-After; other errors stop at once.
- Pages are followed by ``next_url``, only within the API's own address.
- The HTTP call is an injected ``Transport``: the standard library's urllib by default,
  recorded responses in tests, so tests never touch the network.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from styra.i18n import _
from styra.sources.kolada import (
    BASE_URL,
    KoladaFormatError,
    KoladaQuery,
    KoladaSnapshot,
    KoladaValue,
    KpiMetadata,
    data_urls,
    kpi_urls,
    page_parts,
    parse_json,
    parse_kpi_rows,
    parse_value_rows,
)

USER_AGENT = "styra (open-source goal and financial follow-up; Kolada v3 client)"
MAX_PAGES = 500
MAX_WAIT_SECONDS = 120.0


class KoladaError(Exception):
    """Kolada could not give an answer; the message is Swedish and meant for the user."""


class TransportError(Exception):
    """The request never got an HTTP answer (no network, timeout, refused)."""


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    body: bytes
    retry_after: float | None = None


class Transport(Protocol):
    def __call__(self, url: str, timeout: float) -> HttpResponse: ...


def urllib_transport(url: str, timeout: float) -> HttpResponse:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HttpResponse(response.status, response.read())
    except urllib.error.HTTPError as exc:
        return HttpResponse(exc.code, exc.read(), _seconds(exc.headers.get("Retry-After")))
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TransportError(str(exc)) from exc


def _seconds(header: str | None) -> float | None:
    try:
        return float(header) if header else None
    except ValueError:
        return None


@dataclass
class ReplayTransport:
    """Recorded responses by URL, answered in order; for tests and offline examples."""

    recorded: Mapping[str, Sequence[HttpResponse]]
    requested: list[str] = field(default_factory=list)

    def __call__(self, url: str, timeout: float) -> HttpResponse:
        answers = self.recorded.get(url, ())
        seen = self.requested.count(url)
        self.requested.append(url)
        if not answers:
            return HttpResponse(404, b'{"error": "not recorded"}')
        return answers[min(seen, len(answers) - 1)]


@dataclass
class KoladaClient:
    transport: Transport = urllib_transport
    base_url: str = BASE_URL
    min_interval: float = 0.5
    max_attempts: int = 5
    backoff: float = 1.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _last_request: float | None = field(default=None, init=False)
    _retry_after: float | None = field(default=None, init=False)

    def snapshot(self, query: KoladaQuery) -> KoladaSnapshot:
        """KPI metadata and values for the query, stamped with when they were fetched."""
        fetched_at = self.now()
        kpis = self.kpis(query.kpis)
        values, urls = self.values(query)
        return KoladaSnapshot(query, fetched_at, urls, kpis, values, self.base_url)

    def kpis(self, ids: Sequence[str]) -> tuple[KpiMetadata, ...]:
        return tuple(
            kpi for url in kpi_urls(ids, self.base_url) for kpi in parse_kpi_rows(self._rows(url))
        )

    def values(self, query: KoladaQuery) -> tuple[tuple[KoladaValue, ...], tuple[str, ...]]:
        urls = data_urls(query, self.base_url)
        values = tuple(v for url in urls for v in parse_value_rows(self._rows(url)))
        return values, urls

    def _rows(self, url: str) -> list[Mapping[str, object]]:
        return [row for page in self._pages(url) for row in page]

    def _pages(self, url: str) -> Iterator[list[Mapping[str, object]]]:
        seen: set[str] = set()
        next_url: str | None = url
        while next_url is not None:
            self._check_next(next_url, seen)
            seen.add(next_url)
            try:
                rows, next_url = page_parts(self._get(next_url))
            except KoladaFormatError as exc:
                raise KoladaError(_("Oväntat svar från Kolada: {why}").format(why=exc)) from exc
            yield rows

    def _check_next(self, url: str, seen: set[str]) -> None:
        if not url.startswith(self.base_url):
            raise KoladaError(_("Kolada hänvisade till en annan adress: {url}").format(url=url))
        if url in seen or len(seen) >= MAX_PAGES:
            message = _("Kolada gav samma sida två gånger eller för många sidor: {url}")
            raise KoladaError(message.format(url=url))

    def _get(self, url: str) -> object:
        reason = ""
        for attempt in range(self.max_attempts):
            if attempt:
                self.sleep(self._wait(attempt))
            self._throttle()
            try:
                response = self.transport(url, self.timeout)
            except TransportError as exc:
                reason = _("inget svar ({why})").format(why=exc)
                continue
            if response.status == 200:
                return self._decode(response, url)
            if not _retryable(response.status):
                message = _("Kolada svarade {status} på {url}")
                raise KoladaError(message.format(status=response.status, url=url))
            reason = _("svar {status}").format(status=response.status)
            self._retry_after = response.retry_after
        message = _("Kolada svarade inte efter {attempts} försök ({why}): {url}")
        raise KoladaError(message.format(attempts=self.max_attempts, why=reason, url=url))

    def _wait(self, attempt: int) -> float:
        asked = self._retry_after
        wait = asked if asked is not None else self.backoff * 2 ** (attempt - 1)
        self._retry_after = None
        return min(wait, MAX_WAIT_SECONDS)

    def _throttle(self) -> None:
        now = self.clock()
        if self._last_request is not None and now - self._last_request < self.min_interval:
            self.sleep(self.min_interval - (now - self._last_request))
            now = self.clock()
        self._last_request = now

    @staticmethod
    def _decode(response: HttpResponse, url: str) -> object:
        try:
            return parse_json(response.body)
        except ValueError as exc:
            message = _("Kolada gav ett svar som inte är JSON på {url}").format(url=url)
            raise KoladaError(message) from exc


def _retryable(status: int) -> bool:
    return status == 429 or 500 <= status < 600
