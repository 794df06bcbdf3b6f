"""Every API operation × every role and every kind of token, with the expected answer.

The personas hold write tokens in the municipality where they work. Beside them: the
controller's token bound to another municipality (Örebro), the controller's read-only
token, a revoked token, and no token. Anything a token may not read is 404, the same
answer as for a committee that does not exist; a write the token or role may not make is
403 and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from styra.web.api.models import ApiToken
from styra.web.followup import cycle
from styra.web.followup import models as m
from styra.web.followup.reports import adopt, open_correction
from tests.web.conftest import MUNICIPAL_PERSONAS, indicator, user
from tests.web.test_api_support import ApiClient, base, token_for


@dataclass(frozen=True)
class Target:
    """The annual period (adopted once, now in correction: writable, with version 1) and
    the delår (with the year cycle), and an object of each kind in them."""

    annual: m.Period
    delar: m.Period
    indicator: m.Indicator
    line: m.ReportLine
    row: cycle.Row
    forecast_indicator: m.Indicator


Call = tuple[str, str, dict[str, Any] | None]


def _result(t: Target) -> Call:
    version = m.Result.objects.get(indicator=t.indicator).version
    path = f"{base(t.annual)}/indicators/{t.indicator.pk}/result"
    return "PATCH", path, {"version": version, "analysis": "Ny analys via API"}


def _analysis(t: Target) -> Call:
    version = m.ReportLine.objects.get(pk=t.line.pk).version
    path = f"{base(t.annual)}/operating/{t.line.pk}/analysis"
    return "PUT", path, {"version": version, "analysis": "Avvikelsen beror på licenser."}


def _forecast(t: Target) -> Call:
    stored = m.Forecast.objects.filter(line_id=t.row.pk).first()
    method = next(p.method.value for p in t.row.proposals if p.amount is not None)
    body = {"version": stored.version if stored else 1, "choice": method, "comment": ""}
    return "PUT", f"{base(t.delar)}/forecasts/rad/{t.row.pk}", body


def _indicator_forecast(t: Target) -> Call:
    stored = m.IndicatorForecast.objects.filter(indicator=t.forecast_indicator).first()
    body = {"version": stored.version if stored else 1, "forecast_value": "12"}
    return "PUT", f"{base(t.delar)}/forecasts/indicators/{t.forecast_indicator.pk}", body


def _get(path: Callable[[Target], str]) -> Callable[[Target], Call]:
    return lambda t: ("GET", path(t), None)


@dataclass(frozen=True)
class Case:
    operation: str  # the OpenAPI operation: method and path template
    call: Callable[[Target], Call]
    writers: tuple[str, ...] = ()  # who may write (200); every other reader gets 403
    listing: bool = False  # a list: 200 for any token, holding only what it reads

    @property
    def writes(self) -> bool:
        return not self.operation.startswith("GET")


P = "/api/v1/committees/{slug}/periods/{period}"
CASES = [
    Case("GET /api/v1/committees", _get(lambda t: "/api/v1/committees"), listing=True),
    Case(
        "GET /api/v1/committees/{slug}",
        _get(lambda t: f"/api/v1/committees/{t.annual.committee.slug}"),
    ),
    Case(f"GET {P}", _get(lambda t: base(t.annual))),
    Case(f"GET {P}/goals", _get(lambda t: f"{base(t.annual)}/goals")),
    Case(f"GET {P}/indicators", _get(lambda t: f"{base(t.annual)}/indicators")),
    Case(
        f"GET {P}/indicators/{{pk}}",
        _get(lambda t: f"{base(t.annual)}/indicators/{t.indicator.pk}"),
    ),
    Case(f"PATCH {P}/indicators/{{pk}}/result", _result, ("controller", "owner")),
    Case(f"GET {P}/operating", _get(lambda t: f"{base(t.annual)}/operating")),
    Case(f"PUT {P}/operating/{{pk}}/analysis", _analysis, ("controller",)),
    Case(f"GET {P}/investments", _get(lambda t: f"{base(t.annual)}/investments")),
    Case(f"GET {P}/forecasts", _get(lambda t: f"{base(t.delar)}/forecasts")),
    Case(f"PUT {P}/forecasts/{{kind}}/{{pk}}", _forecast, ("controller",)),
    Case(f"PUT {P}/forecasts/indicators/{{pk}}", _indicator_forecast, ("controller",)),
    Case(f"GET {P}/versions", _get(lambda t: f"{base(t.annual)}/versions")),
    Case(
        f"GET {P}/versions/{{number}}/files/{{fmt}}",
        _get(lambda t: f"{base(t.annual)}/versions/1/files/json"),
    ),
    Case(
        f"GET {P}/versions/{{number}}/archive",
        _get(lambda t: f"{base(t.annual)}/versions/1/archive"),
    ),
]

READERS = ("controller", "owner", "reader", "municipal", "council", "member")
IDENTITIES = (
    *READERS,
    "outsider",
    "other_municipal",
    "another_municipality",  # the controller's own token, bound to Örebro
    "read_only",  # the controller's token with the read scope
    "revoked",
    "no_token",
)
assert set(MUNICIPAL_PERSONAS) <= set(IDENTITIES)


def expected(case: Case, identity: str) -> int:
    if identity in ("revoked", "no_token"):
        return 401
    if case.listing:
        return 200
    if identity in ("outsider", "other_municipal", "another_municipality"):
        return 404
    if not case.writes:
        return 200
    return 200 if identity in case.writers else 403


def _secret(identity: str) -> str | None:
    if identity == "no_token":
        return None
    if identity == "another_municipality":
        return token_for("controller", code="1880")
    if identity == "read_only":
        return token_for("controller", scope="read")
    if identity == "revoked":
        secret = token_for("controller")
        ApiToken.objects.get(user=user("controller")).revoke()
        return secret
    return token_for(identity)


@pytest.fixture
def target(period: m.Period, delar: m.Period) -> Target:
    adopt(period.pk, user("controller"), reason="Fastställd i testet.", open_items=1)
    open_correction(period.pk, user("controller"), "Rättelse i testet.")
    period.refresh_from_db()
    to_date = cycle.period_to_date(delar)
    assert to_date is not None
    row = next(r for r in to_date.lines if any(p.amount is not None for p in r.proposals))
    return Target(
        annual=period,
        delar=delar,
        indicator=indicator(period, "1.7"),
        line=m.ReportLine.objects.filter(period=period).first(),  # type: ignore[arg-type]
        row=row,
        forecast_indicator=to_date.indicators[0].indicator,
    )


def _unknown(call: Call) -> Call:
    """The same call at a committee that does not exist."""
    method, path, body = call
    parts = path.split("/")
    if len(parts) > 4:
        parts[4] = "finns-inte"
    return method, "/".join(parts), body


@pytest.mark.slow  # adopts the period for each identity: 2-3 s each
@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_operation_answers_as_the_table_says(target: Target, identity: str) -> None:
    client = ApiClient(_secret(identity))
    for case in CASES:
        trail = m.Change.objects.count()
        method, path, body = case.call(target)
        response = client.call(method, path, body)
        want = expected(case, identity)
        assert response.status_code == want, (case.operation, identity, response.content[:300])
        if want != 200 and case.writes:
            assert m.Change.objects.count() == trail, (case.operation, identity)
        if want == 404:
            unknown = client.call(*_unknown(case.call(target)))
            assert response.content == unknown.content, (case.operation, identity)
        if identity in ("outsider", "other_municipal", "another_municipality"):
            assert target.annual.committee.name.encode() not in response.content


@pytest.mark.slow
def test_the_committee_list_holds_only_what_the_token_reads(target: Target) -> None:
    seen = {
        identity: [c["slug"] for c in ApiClient(_secret(identity)).get("/api/v1/committees").json()]
        for identity in ("controller", "member", "outsider", "another_municipality")
    }
    assert seen == {
        "controller": ["sydnarkes-it"],
        "member": ["annan", "sydnarkes-it"],  # Laxå hosts "annan" and is a member of IT
        "outsider": ["annan"],
        "another_municipality": [],
    }


def test_the_table_covers_every_operation_of_the_schema(db: Any) -> None:
    schema = ApiClient(None).get("/api/v1/openapi.json").json()
    documented = {
        f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item
    }
    assert documented == {c.operation for c in CASES}
