"""The Kolada v3 client against recorded responses: never the network."""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.sources import (
    KoladaQuery,
    KoladaSnapshot,
    KoladaValue,
    population_key,
    snapshot_from_json,
    snapshot_to_json,
)
from styra.sources.kolada import data_urls, kpi_urls
from styra.sources.kolada_client import (
    HttpResponse,
    KoladaClient,
    KoladaError,
    ReplayTransport,
    TransportError,
)

RECORDED = Path(__file__).parent / "fixtures" / "kolada"
MEMBERS = ("1814", "1860", "1882", "1861")
POPULATION = KoladaQuery(("N01951",), MEMBERS, (2022,))
DATA_URL = (
    "https://api.kolada.se/v3/data/kpi/N01951/municipality/1814,1860,1882,1861/year/2022"
    "?per_page=5000"
)
PAGE_2 = (
    "https://api.kolada.se/v3/data/kpi/N01951/municipality/1814,1860,1882,1861/year/2022"
    "?page=2&per_page=2"
)
KPI_URL = "https://api.kolada.se/v3/kpi/N01951"
FETCHED = datetime(2025, 1, 20, 8, 30, tzinfo=UTC)


def ok(name: str) -> HttpResponse:
    return HttpResponse(200, (RECORDED / name).read_bytes())


@dataclass
class FakeTime:
    """A clock that only moves when the client sleeps."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def client(recorded: dict[str, list[HttpResponse]], time: FakeTime | None = None):
    time = time or FakeTime()
    transport = ReplayTransport(recorded)
    kolada = KoladaClient(
        transport=transport, sleep=time.sleep, clock=time.clock, now=lambda: FETCHED
    )
    return kolada, transport, time


def population_recording() -> dict[str, list[HttpResponse]]:
    return {
        KPI_URL: [ok("kpi-N01951.json")],
        DATA_URL: [ok("data-N01951-2022-page1.json")],
        PAGE_2: [ok("data-N01951-2022-page2.json")],
    }


def test_it_builds_v3_urls_with_at_most_25_ids_a_request() -> None:
    assert data_urls(POPULATION) == (DATA_URL,)
    assert kpi_urls(["N01951"]) == (KPI_URL,)
    many = KoladaQuery(("N01951",), tuple(f"{n:04d}" for n in range(1, 31)), ())
    urls = data_urls(many)
    assert len(urls) == 2
    assert urls[1] == (
        "https://api.kolada.se/v3/data/kpi/N01951/municipality/0026,0027,0028,0029,0030"
        "?per_page=5000"
    )


def test_it_fetches_the_members_population_over_two_pages() -> None:
    kolada, transport, _ = client(population_recording())
    snapshot = kolada.snapshot(POPULATION)
    assert transport.requested == [KPI_URL, DATA_URL, PAGE_2]
    assert snapshot.fetched_at == FETCHED
    assert snapshot.requests == (DATA_URL,)
    assert [(v.municipality, v.value) for v in snapshot.values] == [
        ("1814", Decimal("8756.0")),
        ("1860", Decimal("5576.0")),
        ("1882", Decimal("11497.0")),
        ("1861", Decimal("16290.0")),
    ]
    kpi = snapshot.kpi("N01951")
    assert kpi is not None and kpi.title == "Invånare totalt, antal"


def test_its_population_key_feeds_the_result_sharing() -> None:
    kolada, _, _ = client(population_recording())
    weights, problems = population_key(kolada.snapshot(POPULATION), MEMBERS, 2022)
    assert problems == []
    assert weights == {"1814": 8756, "1860": 5576, "1882": 11497, "1861": 16290}


def test_it_keeps_a_missing_value_missing_with_its_status() -> None:
    url = data_urls(KoladaQuery(("N00090",), ("1814", "1860"), (2024,)))[0]
    kolada, _, _ = client({url: [ok("data-N00090-2024-missing.json")]})
    values, _ = kolada.values(KoladaQuery(("N00090",), ("1814", "1860"), (2024,)))
    assert values == (
        KoladaValue("N00090", "1814", 2024, "T", None, "Missing", 0),
        KoladaValue("N00090", "1860", 2024, "T", Decimal("6.2"), "", 1),
    )


def test_a_missing_population_is_a_problem_never_a_zero_weight() -> None:
    snapshot = KoladaSnapshot(
        POPULATION, FETCHED, (), (), (KoladaValue("N01951", "1814", 2022, "T", None, "Missing"),)
    )
    weights, problems = population_key(snapshot, ("1814", "1860"), 2022)
    assert weights == {}
    assert [p.message for p in problems] == [
        "Kolada saknar N01951 för 1814 år 2022 (Missing)",
        "Kolada saknar N01951 för 1860 år 2022",
    ]


def test_it_waits_as_long_as_kolada_asks_after_429() -> None:
    recording = population_recording()
    recording[KPI_URL] = [HttpResponse(429, b"", retry_after=3.0), ok("kpi-N01951.json")]
    kolada, transport, time = client(recording)
    kolada.snapshot(POPULATION)
    assert transport.requested[:2] == [KPI_URL, KPI_URL]
    assert time.slept[0] == 3.0


def test_it_backs_off_exponentially_on_server_errors() -> None:
    recording = population_recording()
    recording[DATA_URL] = [
        HttpResponse(503, b""),
        HttpResponse(502, b""),
        ok("data-N01951-2022-page1.json"),
    ]
    kolada, _, time = client(recording, FakeTime())
    kolada.min_interval = 0
    kolada.snapshot(POPULATION)
    assert time.slept == [1.0, 2.0]


def test_it_retries_when_the_connection_fails() -> None:
    answers = iter([TransportError("timed out"), ok("kpi-N01951.json")])

    def flaky(url: str, timeout: float) -> HttpResponse:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    time = FakeTime()
    kolada = KoladaClient(transport=flaky, sleep=time.sleep, clock=time.clock, min_interval=0)
    assert kolada.kpis(["N01951"])[0].id == "N01951"
    assert time.slept == [1.0]


def test_it_gives_up_after_five_attempts_with_a_swedish_message() -> None:
    kolada, transport, _ = client({KPI_URL: [HttpResponse(500, b"")]})
    with pytest.raises(KoladaError) as raised:
        kolada.kpis(["N01951"])
    assert len(transport.requested) == 5
    assert str(raised.value) == f"Kolada svarade inte efter 5 försök (svar 500): {KPI_URL}"


def test_it_stops_at_once_on_a_client_error() -> None:
    kolada, transport, _ = client({})
    with pytest.raises(KoladaError, match="Kolada svarade 404"):
        kolada.kpis(["N01951"])
    assert transport.requested == [KPI_URL]


def test_it_keeps_half_a_second_between_requests() -> None:
    kolada, _, time = client(population_recording())
    kolada.snapshot(POPULATION)
    assert time.slept == [0.5, 0.5]


def test_it_follows_next_url_only_within_the_api() -> None:
    page = b'{"values": [], "next_url": "https://example.org/v3/data?page=2"}'
    kolada, _, _ = client({KPI_URL: [HttpResponse(200, page)]})
    with pytest.raises(KoladaError, match="annan adress"):
        kolada.kpis(["N01951"])


def test_it_reports_a_response_that_is_not_json_or_not_v3() -> None:
    kolada, _, _ = client({KPI_URL: [HttpResponse(200, b"<html>")]})
    with pytest.raises(KoladaError, match="inte är JSON"):
        kolada.kpis(["N01951"])
    kolada, _, _ = client({KPI_URL: [HttpResponse(200, b'{"rows": []}')]})
    with pytest.raises(KoladaError, match="saknar listan values"):
        kolada.kpis(["N01951"])


def test_a_snapshot_reads_back_what_was_fetched() -> None:
    kolada, _, _ = client(population_recording())
    snapshot = kolada.snapshot(POPULATION)
    again, problems = snapshot_from_json(snapshot_to_json(snapshot), "s.json")
    assert problems == []
    assert again == snapshot


values = st.builds(
    KoladaValue,
    kpi=st.sampled_from(["N01951", "N00090", "U00200"]),
    municipality=st.sampled_from(MEMBERS),
    period=st.integers(2015, 2025),
    gender=st.sampled_from(["T", "K", "M"]),
    value=st.none() | st.decimals(places=2, min_value=-(10**6), max_value=10**6),
    status=st.sampled_from(["", "Missing"]),
    count=st.none() | st.integers(0, 10),
)


@given(st.lists(values, max_size=20, unique_by=lambda v: v.key))
def test_a_snapshot_round_trips_any_values(items: list[KoladaValue]) -> None:
    snapshot = KoladaSnapshot(POPULATION, FETCHED, (DATA_URL,), (), tuple(items))
    again, problems = snapshot_from_json(snapshot_to_json(snapshot), "s.json")
    assert problems == []
    assert again is not None
    # A missing value without a status from Kolada reads back as "saknas".
    expected = [
        v if v.value is not None or v.status else replace(v, status="saknas") for v in items
    ]
    assert sorted(again.values, key=lambda v: v.key) == sorted(expected, key=lambda v: v.key)


def test_it_reports_a_broken_snapshot_file() -> None:
    snapshot, problems = snapshot_from_json("{", "kolada.json")
    assert snapshot is None
    assert str(problems[0]) == (
        "kolada.json: Filen är inte giltig JSON (rad 1, kolumn 2) "
        "(Hämta på nytt med: styra kolada fetch --output FIL)"
    )
