"""The REST API under /api/v1/ (django-ninja): the operations, the token check, and the
answers for each way a request can fail, in Swedish.

Every operation answers 404 for anything outside what the token reads (its user's roles in
its municipality), as the web does. Writes go through ``writing``: the web form's checks
and ``editing``'s saves, so the API is another door to the same rules, not a copy.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer

from styra.report.formats import RenderError
from styra.web.api import reading, scope, tokens, writing
from styra.web.api.models import ApiToken
from styra.web.api.schemas import (
    AccountRowOut,
    AnalysisIn,
    CommitteeOut,
    ConflictOut,
    ErrorOut,
    ForecastIn,
    ForecastRowOut,
    ForecastsOut,
    GoalOut,
    Id,
    IndicatorForecastIn,
    IndicatorForecastOut,
    IndicatorOut,
    InvalidOut,
    PeriodOut,
    ResultIn,
    Slug,
    VersionOut,
)
from styra.web.api.swedish import validation_errors
from styra.web.followup import access as rules
from styra.web.followup import models as m
from styra.web.followup import reports


class RateLimited(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate(token)
        if found is None:
            return None
        wait = tokens.over_limit(found)
        if wait is not None:
            raise RateLimited(wait)
        return found


DESCRIPTION = """Styras API för system runt omkring: läs nämnder, perioder, mål, indikatorer med
värden, bedömningar och härkomst, driftredovisning, investeringar, prognoser och
rapportversioner; skriv indikatorvärden, prognoser och analyser.

Autentisering: `Authorization: Bearer styra_…` med en API-nyckel (skapas under API-nycklar
eller av administratören). Varje nyckel hör till en kommun och har sin användares roller.

Svar: 401 utan giltig nyckel, 403 när nyckeln eller rollen inte får skriva, 404 för allt
nyckeln inte når, 409 när någon annan har sparat sedan du läste (skicka den `version` du
läste), 422 med fältets namn när värdet bryter mot en regel, 423 när perioden är fastställd
och låst, 429 med `Retry-After` över gränsen för anrop per minut och nyckel."""

api = NinjaAPI(
    title="Styra API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    auth=TokenAuth(),
)

READ: dict[int, Any] = {
    401: ErrorOut,
    404: ErrorOut,
    422: InvalidOut,
    429: ErrorOut,
}
WRITE: dict[int, Any] = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ConflictOut, 423: ErrorOut}
P = "/committees/{slug}/periods/{period}"
FORMATS = Literal["docx", "html", "json", "pdf"]


def _error(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, 401, _("Ange en giltig API-nyckel: Authorization: Bearer styra_…"))
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals; the one a client meets is a body that is not JSON (400)."""
    if exc.status_code == 400:
        return _error(request, 400, _("Innehållet går inte att läsa som JSON."))
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    detail = _("För många anrop med den här nyckeln (högst %(n)d i minuten); vänta %(s)d s.")
    response = _error(request, 429, detail % {"n": tokens.limit(), "s": exc.seconds})
    response["Retry-After"] = str(exc.seconds)
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, _("Finns inte, eller så når nyckeln det inte."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, _("Nyckeln eller din roll får inte ändra det här."))


@api.exception_handler(rules.PeriodLocked)
def _locked(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = _("Perioden är fastställd och låst; bara en rättelse öppnar den för ändringar.")
    return _error(request, 423, detail)


@api.exception_handler(writing.Conflicted)
def _conflict(request: HttpRequest, exc: writing.Conflicted) -> HttpResponse:
    c = exc.conflict
    detail = _("%(by)s har sparat en ändring sedan du läste; läs om och försök igen.") % {
        "by": c.by or _("Någon annan")
    }
    return _error(request, 409, detail, version=c.current.version, by=c.by, at=c.at)


@api.exception_handler(writing.Invalid)
def _invalid(request: HttpRequest, exc: writing.Invalid) -> HttpResponse:
    errors = [{"field": f, "message": msg} for f, msg in exc.errors]
    return _error(request, 422, str(exc), errors=errors)


@api.exception_handler(NinjaValidationError)
def _malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = validation_errors(exc.errors)
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return _error(request, 422, detail, errors=errors)


def _token(request: HttpRequest) -> ApiToken:
    found = request.auth  # type: ignore[attr-defined]
    assert isinstance(found, ApiToken)
    return found


@api.get("/committees", response={200: list[CommitteeOut], **READ}, tags=["läsa"])
def committees(request: HttpRequest) -> Any:
    """Nämnderna som nyckeln läser, med perioderna."""
    token = _token(request)
    return [
        reading.committee(scope.committee_access(token, c.slug)) for c in scope.committees(token)
    ]


@api.get("/committees/{slug}", response={200: CommitteeOut, **READ}, tags=["läsa"])
def committee(request: HttpRequest, slug: Path[Slug]) -> Any:
    """En nämnd med dess perioder."""
    return reading.committee(scope.committee_access(_token(request), slug))


@api.get(P, response={200: PeriodOut, **READ}, tags=["läsa"])
def period(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """En period: läge (utkast, fastställd), revision och nämndens samlade bedömning."""
    return reading.period(scope.period_access(_token(request), slug, period))


@api.get(P + "/goals", response={200: list[GoalOut], **READ}, tags=["läsa"])
def goals(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """Nämndmålen med bedömning och deras indikatorer."""
    return reading.goals(scope.period_access(_token(request), slug, period))


@api.get(P + "/indicators", response={200: list[IndicatorOut], **READ}, tags=["läsa"])
def indicators(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """Indikatorerna med värde, målvärde, bedömning, härkomst och senaste ändring."""
    rows = reading.indicators(scope.period_access(_token(request), slug, period))
    # The rows were built to IndicatorOut's shape (test_api_schemathesis checks every answer
    # against it); encoding them directly spares validating 200 nested objects a request.
    return HttpResponse(json.dumps(rows, cls=NinjaJSONEncoder), content_type="application/json")


@api.get(P + "/indicators/{pk}", response={200: IndicatorOut, **READ}, tags=["läsa"])
def indicator(request: HttpRequest, slug: Path[Slug], period: Path[Slug], pk: Path[Id]) -> Any:
    """En indikator med värde, bedömning och härkomst."""
    access = scope.period_access(_token(request), slug, period)
    return reading.one_indicator(access, rules.indicator_for_reader(access, pk))


@api.patch(P + "/indicators/{pk}/result", response={200: IndicatorOut, **WRITE}, tags=["skriva"])
def save_result(
    request: HttpRequest, slug: Path[Slug], period: Path[Slug], pk: Path[Id], body: ResultIn
) -> Any:
    """Skriv en indikators värde (med motivering där formuläret kräver en) eller analys.

    Bara fälten som skickas ändras. Samma regler som formuläret på webben."""
    token = _token(request)
    return writing.result(token, scope.for_writing(token, slug, period), pk, body)


@api.get(P + "/operating", response={200: list[AccountRowOut], **READ}, tags=["läsa"])
def operating(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """Driftredovisningen: budget, utfall, avvikelse och analys per rad."""
    return reading.operating(scope.period_access(_token(request), slug, period))


@api.put(P + "/operating/{pk}/analysis", response={200: AccountRowOut, **WRITE}, tags=["skriva"])
def save_analysis(
    request: HttpRequest, slug: Path[Slug], period: Path[Slug], pk: Path[Id], body: AnalysisIn
) -> Any:
    """Skriv analysen av en rads avvikelse (controller)."""
    token = _token(request)
    return writing.analysis(token, scope.for_writing(token, slug, period), pk, body)


@api.get(P + "/investments", response={200: list[AccountRowOut], **READ}, tags=["läsa"])
def investments(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """Investeringsredovisningen per projekt."""
    return reading.investment(scope.period_access(_token(request), slug, period))


@api.get(P + "/forecasts", response={200: ForecastsOut, **READ}, tags=["läsa"])
def forecasts(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """Prognoserna per rad, projekt och indikator, med förslagen (där årscykeln finns)."""
    return reading.forecasts(scope.period_access(_token(request), slug, period))


@api.put(
    P + "/forecasts/indicators/{pk}",
    response={200: IndicatorForecastOut, **WRITE},
    tags=["skriva"],
)
def save_indicator_forecast(
    request: HttpRequest,
    slug: Path[Slug],
    period: Path[Slug],
    pk: Path[Id],
    body: IndicatorForecastIn,
) -> Any:
    """Skriv en indikators prognos: ett värde, eller en bedömning med motivering (controller)."""
    token = _token(request)
    return writing.indicator_forecast(token, scope.for_writing(token, slug, period), pk, body)


@api.put(P + "/forecasts/{kind}/{pk}", response={200: ForecastRowOut, **WRITE}, tags=["skriva"])
def save_forecast(
    request: HttpRequest,
    *,
    slug: Path[Slug],
    period: Path[Slug],
    kind: Path[Literal["rad", "projekt"]],
    pk: Path[Id],
    body: ForecastIn,
) -> Any:
    """Välj en rads eller ett projekts prognos: ett förslag, eller eget belopp i tkr."""
    token = _token(request)
    return writing.forecast(token, scope.for_writing(token, slug, period), kind, pk, body)


@api.get(P + "/versions", response={200: list[VersionOut], **READ}, tags=["läsa"])
def versions(request: HttpRequest, slug: Path[Slug], period: Path[Slug]) -> Any:
    """De fastställda rapportversionerna med länkar att ladda ner dem."""
    return reading.versions(scope.period_access(_token(request), slug, period))


BINARY = {"type": "string", "format": "binary"}
DOWNLOADS = {
    "content": {
        reports.content_type(fmt): {"schema": {"type": "object"} if fmt == "json" else BINARY}
        for fmt in ("docx", "html", "json", "pdf")
    }
}


@api.get(
    P + "/versions/{number}/files/{fmt}",
    response={200: None, **READ},
    url_name="version_download",
    tags=["läsa"],
    openapi_extra={"responses": {200: {"description": "Rapporten", **DOWNLOADS}}},
)
def version_download(
    request: HttpRequest, slug: Path[Slug], period: Path[Slug], number: Path[Id], fmt: Path[FORMATS]
) -> Any:
    """En fastställd rapportversion som fil (json, html, pdf, docx)."""
    access = scope.period_access(_token(request), slug, period)
    version = get_object_or_404(m.ReportVersion, period=access.period, number=number)
    try:
        content = reports.render_version(version, fmt)
    except RenderError as exc:
        raise writing.Invalid([("", str(p)) for p in exc.problems]) from None
    return _file(content, reports.content_type(fmt), f"rapport-{slug}-{period}-v{number}.{fmt}")


ZIP = {"content": {"application/zip": {"schema": BINARY}}}


@api.get(
    P + "/versions/{number}/archive",
    response={200: None, **READ},
    url_name="version_archive",
    tags=["läsa"],
    openapi_extra={"responses": {200: {"description": "Arkivet", **ZIP}}},
)
def version_archive(
    request: HttpRequest, slug: Path[Slug], period: Path[Slug], number: Path[Id]
) -> Any:
    """Arkivet som `styra verify` kontrollerar: indata, rapport och manifest (zip)."""
    access = scope.period_access(_token(request), slug, period)
    version = get_object_or_404(
        m.ReportVersion, period=access.period, number=number, archive_sha256__gt=""
    )
    return _file(bytes(version.archive), "application/zip", f"arkiv-{slug}-{period}-v{number}.zip")


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
