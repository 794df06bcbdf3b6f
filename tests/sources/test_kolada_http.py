"""The real urllib transport against a local server on the loopback address (no network)."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from styra.sources import KoladaQuery
from styra.sources.kolada_client import KoladaClient, KoladaError, urllib_transport

RECORDED = Path(__file__).parent / "fixtures" / "kolada"


class Kolada(BaseHTTPRequestHandler):
    """Answers like Kolada v3: one 429 first, then the recorded pages."""

    throttled: bool = False

    def do_GET(self) -> None:
        if not Kolada.throttled:
            Kolada.throttled = True
            self._send(429, b"", {"Retry-After": "0"})
        elif self.path.startswith("/v3/kpi/N01951"):
            self._send(200, (RECORDED / "kpi-N01951.json").read_bytes())
        elif self.path.startswith("/v3/data/kpi/N01951/"):
            page = (RECORDED / "data-N01951-2022-page2.json").read_bytes()
            self._send(200, page.replace(b'"previous_url": "https:', b'"previous_url": "x:'))
        else:
            self._send(404, b'{"error": "not found"}')

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def base_url() -> Iterator[str]:
    Kolada.throttled = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), Kolada)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v3/"
    finally:
        server.shutdown()
        server.server_close()


def test_urllib_transport_retries_429_and_reads_the_pages(base_url: str) -> None:
    client = KoladaClient(transport=urllib_transport, base_url=base_url, min_interval=0, timeout=5)
    snapshot = client.snapshot(KoladaQuery(("N01951",), ("1882", "1861"), (2022,)))
    assert [v.value for v in snapshot.values] == [11497, 16290]
    assert snapshot.kpis[0].title == "Invånare totalt, antal"


def test_urllib_transport_turns_http_errors_into_a_swedish_message(base_url: str) -> None:
    Kolada.throttled = True
    client = KoladaClient(transport=urllib_transport, base_url=base_url, min_interval=0, timeout=5)
    with pytest.raises(KoladaError, match="Kolada svarade 404"):
        client.kpis(["X"])


def test_urllib_transport_retries_a_refused_connection_then_gives_up() -> None:
    slept: list[float] = []
    client = KoladaClient(
        transport=urllib_transport,
        base_url="http://127.0.0.1:9/v3/",
        min_interval=0,
        max_attempts=2,
        timeout=2,
        sleep=slept.append,
    )
    with pytest.raises(KoladaError, match="Kolada svarade inte efter 2 försök"):
        client.kpis(["N01951"])
    assert slept == [1.0]
