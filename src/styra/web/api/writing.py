"""What the API writes, through the web form's own door: the same Django form checks the
input (so the messages and the field names are the form's), then the same ``editing``
function saves it (rules, version, lock, audit), inside ``audit.acting_through`` so the
trail names the token beside its user.

Each function returns the saved row as the API shows it, or raises: ``PermissionDenied``
(403), ``PeriodLocked`` (423), :class:`Invalid` (422) or :class:`Conflicted` (409).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

from styra.web.api import reading
from styra.web.api.models import ApiToken
from styra.web.api.schemas import AnalysisIn, ForecastIn, IndicatorForecastIn, ResultIn
from styra.web.followup import access as rules
from styra.web.followup import audit, cycle, editing, lineage
from styra.web.followup import models as m
from styra.web.followup.forms import (
    ForecastForm,
    IndicatorForecastForm,
    LineAnalysisForm,
    ResultForm,
)

T = TypeVar("T")


class Invalid(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in errors))
        self.errors = errors


class Conflicted(Exception):
    def __init__(self, conflict: editing.Conflict) -> None:
        super().__init__("conflict")
        self.conflict = conflict


def _text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _form_errors(form: Any) -> Invalid:
    return Invalid(
        [
            (field if field != "__all__" else "", str(message))
            for field, messages in form.errors.items()
            for message in messages
        ]
    )


def _broken(exc: editing.RulesBroken) -> Exception:
    if any(b.forbidden for b in exc.breaks):
        return PermissionDenied()
    return Invalid([(b.field, b.message) for b in exc.breaks])


def _saving(token: ApiToken, save: Callable[[], editing.Conflict | None]) -> None:
    """Runs one save as the token's user, named through the token; maps its outcomes."""
    with audit.acting_through(token.label):
        try:
            conflict = save()
        except editing.RulesBroken as exc:
            raise _broken(exc) from None
    if conflict is not None:
        raise Conflicted(conflict)


def result(token: ApiToken, access: rules.Access, pk: int, body: ResultIn) -> dict[str, Any]:
    """As the indicator form: the stored values, with the fields the client sent over them."""
    found = rules.indicator_for_editor(access, pk)
    rules.ensure_unlocked(access.the_period)
    r = found.result
    data = {
        "value": _text(r.value),
        "value_justification": r.value_justification,
        "analysis": r.analysis,
        "override_status": r.override_status,
        "override_justification": r.override_justification,
        "version": str(body.version),
    }
    sent = body.model_fields_set
    data |= {
        k: str(getattr(body, k) or "") for k in ("value_justification", "analysis") if k in sent
    }
    if "value" in sent:
        data["value"] = _text(body.value)
    form = ResultForm(
        data,
        derived=bool(found.derived),
        unit=found.unit,
        computed=lineage.computed_value(found),
        initial={**data, "version": r.version},
    )
    if not form.is_valid():
        raise _form_errors(form)
    cleaned = form.cleaned_data
    new = {k: cleaned[k] for k in ("analysis", "override_status", "override_justification")}
    if not found.derived:
        new["value"] = cleaned["value"]
    if "value_justification" in cleaned:
        new["value_justification"] = cleaned["value_justification"]
    _saving(token, lambda: editing.save_result(access, token.user, found, cleaned["version"], new))
    return reading.one_indicator(access, rules.indicator_for_reader(access, pk))


def _controller(access: rules.Access) -> None:
    if not access.is_controller:
        raise PermissionDenied


def analysis(token: ApiToken, access: rules.Access, pk: int, body: AnalysisIn) -> dict[str, Any]:
    """As the line's analysis form (controller only)."""
    found = rules.line_for_reader(access, pk)
    _controller(access)
    rules.ensure_unlocked(access.the_period)
    form = LineAnalysisForm({"analysis": body.analysis, "version": str(body.version)})
    if not form.is_valid():
        raise _form_errors(form)
    data = form.cleaned_data
    _saving(
        token,
        lambda: editing.save_line(
            access.the_period, token.user, found, data["version"], data["analysis"]
        ),
    )
    fresh = m.ReportLine.objects.get(pk=pk)
    row = next(r for r in reading.operating(access) if r["id"] == fresh.pk)
    return row


def _to_date(access: rules.Access) -> cycle.PeriodToDate:
    found = cycle.period_to_date(access.the_period)
    if found is None:
        raise Http404
    return found


def forecast(
    token: ApiToken, access: rules.Access, kind: str, pk: int, body: ForecastIn
) -> dict[str, Any]:
    """As a row of the forecast page (controller only)."""
    _controller(access)
    row = cycle.row_to_date(_to_date(access), kind, pk)
    if row is None:
        raise Http404
    rules.ensure_unlocked(access.the_period)
    data = {
        "choice": body.choice,
        "amount": _text(body.amount),
        "comment": body.comment,
        "version": str(body.version),
    }
    form = ForecastForm(data, proposals=row.proposals)
    if not form.is_valid():
        raise _form_errors(form)
    item = {"line_id": pk} if kind == "rad" else {"project_id": pk}
    stored = editing.forecast_row(access.the_period, **item)
    _saving(
        token,
        lambda: editing.save_forecast(
            access,
            token.user,
            stored,
            form.cleaned_data["version"],
            choice=form.forecast_choice(),
            found=row.proposals,
        ),
    )
    fresh = cycle.row_to_date(_to_date(access), kind, pk)
    assert fresh is not None
    return reading.forecast_row(fresh)


def indicator_forecast(
    token: ApiToken, access: rules.Access, pk: int, body: IndicatorForecastIn
) -> dict[str, Any]:
    """As an indicator's row of the forecast page (controller only)."""
    _controller(access)
    found = _indicator_row(access, pk)
    rules.ensure_unlocked(access.the_period)
    data = {
        "forecast_value": _text(body.forecast_value),
        "forecast_status": body.forecast_status,
        "forecast_reason": body.forecast_reason,
        "version": str(body.version),
    }
    form = IndicatorForecastForm(data, indicator=found.indicator)
    if not form.is_valid():
        raise _form_errors(form)
    cleaned = form.cleaned_data
    new = {k: cleaned[k] for k in ("forecast_value", "forecast_status", "forecast_reason")}
    _saving(
        token,
        lambda: editing.save_indicator_forecast(
            access, token.user, found.indicator, cleaned["version"], new
        ),
    )
    return reading.indicator_forecast(_indicator_row(access, pk))


def _indicator_row(access: rules.Access, pk: int) -> cycle.IndicatorRow:
    _to_date(access)
    found = next((r for r in cycle.indicator_rows(access.the_period) if r.indicator.pk == pk), None)
    if found is None:
        raise Http404
    return found
