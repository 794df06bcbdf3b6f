"""An indicator's history page: its value year by year, the trend and a small chart.

Everyone who reads the period sees it; the committee's controller adds, changes or
removes an earlier year's value (an empty value removes it), held to the period's lock
and written to its trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.core.goals import Indicator
from styra.core.money import format_with_unit
from styra.core.trend import IndicatorTrend, indicator_trend, trend
from styra.web.followup import access as rules
from styra.web.followup import editing
from styra.web.followup import models as m
from styra.web.followup.bridge import indicator_record
from styra.web.followup.chart import Chart, history_chart
from styra.web.followup.forms import HistoryForm
from styra.web.followup.overview import followup_of


@dataclass(frozen=True)
class YearRow:
    year: int
    value: Decimal
    text: str
    trend: str  # against the year before, as word and symbol; empty for the first
    current: bool = False


def _rows(record: Indicator, year: int) -> list[YearRow]:
    """Every year with a value, oldest first, each with its trend against the one before."""
    values = [*record.history]
    if record.value is not None:
        values.append((year, record.value))
    rows, before = [], None
    for y, v in values:
        told = ""
        if before is not None:
            t = trend(record.target, before, v)
            told = f"{t.symbol} {t.word}"
        rows.append(YearRow(y, v, format_with_unit(v, record.unit), told, y == year))
        before = v
    return rows


def _assessed(period: m.Period, found: m.Indicator) -> Indicator:
    """The indicator as the period's follow-up assesses it (a derived value filled in)."""
    for goal in followup_of(period).goals:
        for r in goal.indicators:
            if r.indicator.id == found.key:
                return r.indicator
    return indicator_record(found)


@login_required
def page(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    found = rules.indicator_for_reader(access, pk)
    form = HistoryForm()
    if request.method == "POST":
        if not access.is_controller:
            raise PermissionDenied
        rules.ensure_unlocked(access.the_period)
        form = HistoryForm(request.POST)
        if form.is_valid():
            year, value = form.cleaned_data["year"], form.cleaned_data["value"]
            problem = editing.history_break(access.the_period, year)
            if problem is None:
                editing.save_history(access, request.user, found, year, value)
                messages.success(request, _("Historiken är sparad."))
                return redirect(reverse("indicator_history", args=[slug, period, pk]))
            form.add_error("year", problem)
    record = _assessed(access.the_period, found)
    year = access.the_period.year
    rows = _rows(record, year)
    context = {
        "access": access,
        "period": access.the_period,
        "indicator": found,
        "record": record,
        "rows": rows,
        "trend": indicator_trend(record, year),
        "chart": history_chart(record, rows_values(rows)),
        "form": form,
        "editable": access.is_controller and not access.the_period.is_locked,
    }
    return render(
        request, "followup/indicator_history.html", context, status=400 if form.errors else 200
    )


def rows_values(rows: list[YearRow]) -> list[tuple[int, Decimal]]:
    return [(r.year, r.value) for r in rows]


__all__ = ["Chart", "IndicatorTrend", "page"]
