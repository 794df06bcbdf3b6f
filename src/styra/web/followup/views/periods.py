"""Opening the committee's next follow-up period (a controller's act, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styra.core.cycle.periods import FollowUpKind, last_day, standard_end
from styra.web.followup import access as rules
from styra.web.followup.forms import NextPeriodForm
from styra.web.followup.next_period import open_next


def _suggested(access: rules.Access) -> dict[str, str]:
    """A delår per the usual end when the period is annual, else the next month's end."""
    period = access.the_period
    if period.is_annual:
        end = standard_end(FollowUpKind.INTERIM, period.start)
        return {"kind": "interim", "end": end.isoformat() if end else ""}
    year, month = (period.end.year, period.end.month + 1) if period.end.month < 12 else (0, 0)
    if not year:
        return {"kind": "annual"}
    return {"kind": "month", "end": last_day(year * 100 + month).isoformat()}


@login_required
def open_next_period(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    source = access.the_period
    form = NextPeriodForm(initial=_suggested(access), source=source)
    status = 200
    if request.method == "POST":
        form = NextPeriodForm(request.POST, source=source)
        if form.is_valid():
            data = form.cleaned_data
            try:
                opened = open_next(
                    source,
                    request.user,
                    kind=data["kind"],
                    end=data["end"],
                    report_date=data["report_date"],
                )
            except ValueError as exc:  # someone opened it between the check and now
                form.add_error("end", str(exc))
            else:
                text = _("Perioden %(p)s är öppnad. %(n)d prognoser fördes över.") % {
                    "p": opened.period,
                    "n": opened.forecasts,
                }
                messages.success(request, text)
                if opened.left:
                    left = ", ".join(opened.left)
                    messages.warning(
                        request,
                        _("Prognosen för %(rows)s gällde inte längre och behöver väljas på nytt.")
                        % {"rows": left},
                    )
                return redirect("forecast", slug=slug, period=opened.period.slug)
        status = 400
    context = {"access": access, "period": source, "form": form, "tab": "forecast"}
    return render(request, "followup/next_period.html", context, status=status)
