"""The forecast page (prognos) of a follow-up period: lines, projects and indicators.

Each row is a form of its own: htmx posts it and swaps the row in place; without
JavaScript the form posts, the page redirects back with a message, and errors come back
on the whole page beside their fields. Only the controller chooses; the others read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styra.core.money import format_number, to_tkr
from styra.web.followup import access as rules
from styra.web.followup import cycle, editing
from styra.web.followup.forms import TKR, TYPED, ForecastForm, IndicatorForecastForm
from styra.web.followup.next_period import latest_with_forecasts


@dataclass(frozen=True)
class Option:
    """One radio button: a method's proposal (or the typed amount)."""

    value: str
    label: str
    description: str
    amount: Decimal | None
    note: str
    checked: bool
    id: str


@dataclass(frozen=True)
class RowView:
    row: cycle.Row
    form: ForecastForm
    options: tuple[Option, ...]
    editable: bool
    conflict: editing.Conflict | None = None
    saved: bool = False
    locked: bool = False

    @property
    def anchor(self) -> str:
        return f"{self.row.kind}-{self.row.pk}"


@dataclass(frozen=True)
class IndicatorView:
    row: cycle.IndicatorRow
    form: IndicatorForecastForm
    editable: bool
    conflict: editing.Conflict | None = None
    saved: bool = False
    locked: bool = False

    @property
    def anchor(self) -> str:
        return f"indikator-{self.row.indicator.pk}"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _editable(access: rules.Access) -> bool:
    return access.is_controller and not access.the_period.is_locked


def _typed_text(amount: Decimal | None) -> str:
    """A stored amount in kronor as the typed tkr field shows it: ``-43752``, ``4300,5``."""
    if amount is None:
        return ""
    text = f"{amount / TKR:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _initial(row: cycle.Row) -> dict[str, Any]:
    f = row.forecast
    if f is None or f.amount is None:
        return {"version": f.version if f else 1}
    choice = f.method or TYPED
    amount = "" if f.method else _typed_text(f.amount)
    return {"choice": choice, "amount": amount, "comment": f.comment, "version": f.version}


def _form(row: cycle.Row, data: Any = None) -> ForecastForm:
    prefix = f"{row.kind}-{row.pk}"
    return ForecastForm(data, prefix=prefix, initial=_initial(row), proposals=row.proposals)


def _options(form: ForecastForm) -> tuple[Option, ...]:
    chosen = form["choice"].value()
    base = form["choice"].auto_id
    found = [
        Option(
            p.method.value,
            p.method.label,
            p.method.description,
            p.amount,
            p.note,
            chosen == p.method.value,
            f"{base}_{p.method.value}",
        )
        for p in form.proposals
    ]
    typed = Option(TYPED, _("eget belopp"), "", None, "", chosen == TYPED, f"{base}_{TYPED}")
    return (*found, typed)


def row_view(
    access: rules.Access, row: cycle.Row, form: ForecastForm | None = None, **kw: Any
) -> RowView:
    form = form or _form(row)
    return RowView(row, form, _options(form), _editable(access), **kw)


def _indicator_form(row: cycle.IndicatorRow, data: Any = None) -> IndicatorForecastForm:
    f = row.forecast
    value = None if f is None else f.forecast_value
    initial = {
        "forecast_value": "" if value is None else str(value).replace(".", ","),
        "forecast_status": f.forecast_status if f else "",
        "forecast_reason": f.forecast_reason if f else "",
        "version": f.version if f else 1,
    }
    prefix = f"indikator-{row.indicator.pk}"
    return IndicatorForecastForm(data, prefix=prefix, initial=initial, indicator=row.indicator)


def indicator_view(
    access: rules.Access,
    row: cycle.IndicatorRow,
    form: IndicatorForecastForm | None = None,
    **kw: Any,
) -> IndicatorView:
    return IndicatorView(row, form or _indicator_form(row), _editable(access), **kw)


def _to_date(access: rules.Access) -> cycle.PeriodToDate:
    found = cycle.period_to_date(access.the_period)
    if found is None:
        raise Http404
    return found


def _page(
    request: HttpRequest,
    access: rules.Access,
    replaced: RowView | IndicatorView | None = None,
    status: int = 200,
) -> HttpResponse:
    found = cycle.period_to_date(access.the_period)
    context: dict[str, Any] = {"access": access, "period": access.period, "tab": "forecast"}
    if found is None:
        context["later"] = latest_with_forecasts(access.the_period)
        return render(request, "followup/forecast.html", context, status=status)

    def shown(view: RowView | IndicatorView) -> RowView | IndicatorView:
        return replaced if replaced is not None and replaced.anchor == view.anchor else view

    context |= {
        "to_date": found,
        "lines": [shown(row_view(access, r)) for r in found.lines],
        "projects": [shown(row_view(access, r)) for r in found.projects],
        "indicators": [shown(indicator_view(access, r)) for r in found.indicators],
        "editable": _editable(access),
    }
    return render(request, "followup/forecast.html", context, status=status)


@login_required
def page(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    return _page(request, rules.period_for_reader(request, slug, period))


def _page_url(access: rules.Access, anchor: str) -> str:
    period = access.the_period
    url = reverse("forecast", kwargs={"slug": access.committee.slug, "period": period.slug})
    return f"{url}#{anchor}"


def _answer(
    request: HttpRequest, access: rules.Access, view: RowView | IndicatorView, status: int
) -> HttpResponse:
    """The row alone for htmx, else the whole page with the row as it was posted."""
    if _is_htmx(request):
        template = "_forecast_row.html" if isinstance(view, RowView) else "_forecast_indicator.html"
        context = {"access": access, "period": access.period, "v": view}
        return render(request, f"followup/{template}", context, status=status)
    return _page(request, access, view, status)


def _locked(
    request: HttpRequest, access: rules.Access, view: RowView | IndicatorView
) -> HttpResponse:
    if not _is_htmx(request):
        raise rules.PeriodLocked
    return _answer(request, access, view, 409)


def _broken(form: Any, exc: editing.RulesBroken) -> None:
    """Each broken rule beside its field; a forbidden change is a 403."""
    if any(b.forbidden for b in exc.breaks):
        raise PermissionDenied from None
    for b in exc.breaks:
        form.add_error(b.field if b.field in form.fields else None, b.message)


def _retry(request: HttpRequest, prefix: str, conflict: editing.Conflict) -> Any:
    """The person's own input again, now against the version the other person saved."""
    retry = request.POST.copy()
    retry[f"{prefix}-version"] = str(conflict.current.version)
    return retry


def _fresh_row(access: rules.Access, kind: str, pk: int) -> cycle.Row:
    row = cycle.row_to_date(_to_date(access), kind, pk)
    if row is None:
        raise Http404
    return row


@login_required
@require_POST
def save_row(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    row = _fresh_row(access, kind, pk)
    form = _form(row, request.POST)
    try:
        rules.ensure_unlocked(access.the_period)
        if not form.is_valid():
            return _answer(request, access, row_view(access, row, form), 400)
        item = {"line_id": pk} if kind == "rad" else {"project_id": pk}
        stored = editing.forecast_row(access.the_period, **item)
        conflict = editing.save_forecast(
            access,
            request.user,
            stored,
            form.cleaned_data["version"],
            choice=form.forecast_choice(),
            found=row.proposals,
        )
    except rules.PeriodLocked:
        return _locked(request, access, row_view(access, row, form, locked=True))
    except editing.RulesBroken as exc:
        _broken(form, exc)
        return _answer(request, access, row_view(access, row, form), 400)
    fresh = _fresh_row(access, kind, pk)
    if conflict is not None:
        again = _form(fresh, _retry(request, str(form.prefix), conflict))
        again.is_valid()
        return _answer(request, access, row_view(access, fresh, again, conflict=conflict), 409)
    if _is_htmx(request):
        return _answer(request, access, row_view(access, fresh, saved=True), 200)
    messages.success(request, _saved(fresh))
    return redirect(_page_url(access, f"{kind}-{pk}"))


def _saved(row: cycle.Row) -> str:
    chosen = row.chosen
    shown = "–" if chosen is None else format_number(to_tkr(chosen))
    return _("Prognosen för %(label)s är sparad: %(amount)s tkr.") % {
        "label": row.label,
        "amount": shown,
    }


def _indicator_row(access: rules.Access, pk: int) -> cycle.IndicatorRow:
    found = next((r for r in cycle.indicator_rows(access.the_period) if r.indicator.pk == pk), None)
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def save_indicator(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    found = _indicator_row(access, pk)
    form = _indicator_form(found, request.POST)
    try:
        rules.ensure_unlocked(access.the_period)
        if not form.is_valid():
            return _answer(request, access, indicator_view(access, found, form), 400)
        data = form.cleaned_data
        new = {k: data[k] for k in ("forecast_value", "forecast_status", "forecast_reason")}
        conflict = editing.save_indicator_forecast(
            access, request.user, found.indicator, data["version"], new
        )
    except rules.PeriodLocked:
        return _locked(request, access, indicator_view(access, found, form, locked=True))
    except editing.RulesBroken as exc:
        _broken(form, exc)
        return _answer(request, access, indicator_view(access, found, form), 400)
    fresh = _indicator_row(access, pk)
    if conflict is not None:
        again = _indicator_form(fresh, _retry(request, str(form.prefix), conflict))
        again.is_valid()
        return _answer(
            request, access, indicator_view(access, fresh, again, conflict=conflict), 409
        )
    if _is_htmx(request):
        return _answer(request, access, indicator_view(access, fresh, saved=True), 200)
    messages.success(request, _("Prognosen för %(ind)s är sparad.") % {"ind": found.indicator})
    return redirect(_page_url(access, f"indikator-{pk}"))
