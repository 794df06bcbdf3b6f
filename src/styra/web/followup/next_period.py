"""Opening the committee's next follow-up period: the year cycle moves on a month, a tertial
or to the delår, carrying the period's set-up and its latest forecasts forward.

What is copied and why (see DECISIONS.md): the definitions (governance, sharing key,
account plan and lines with their profiles, projects, goals with their links to KF-mål,
indicators with targets, owners, sources and earlier years' values, narrative texts,
source files) are copied, since the next period is
the same committee's; what belongs to a period's judgement (indicator values and their
justifications, overrides, line analyses) starts empty; the active ledger, budget and
previous year's ledger are the same imports, referenced, not copied (a new upload to the
new period replaces them there only); the latest forecasts of the fiscal year are the
starting choices, each held to the core's ``forecast_problem`` against the new period's
proposals, so a choice that no longer holds is left for the controller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styra.core.cycle.forecast import ForecastChoice, ForecastMethod, forecast_problem
from styra.core.cycle.periods import FollowUpKind, period_problems
from styra.folder.cycle import fiscal_end
from styra.web.followup import audit, cycle
from styra.web.followup import models as m
from styra.web.followup.folder_import import slug_for


def next_period_problem(source: m.Period, kind: str, end: date) -> str | None:
    """Why a period of ``kind`` ending ``end`` cannot follow ``source``, in Swedish, or None.

    Its end must suit its kind inside the fiscal year (the core's ``period_problems``) and
    come after the source's; an annual period is the year's set-up, so any follow-up of its
    fiscal year may be opened from it. The address must be free.
    """
    last = fiscal_end(source.start)
    problems = period_problems(FollowUpKind(kind), source.start, last, end)
    if problems:
        return problems[0]
    if not source.is_annual and end <= source.end:
        return _("perioden ska sluta efter %(end)s, då den här perioden slutar") % {
            "end": source.end.isoformat()
        }
    slug = slug_for(source.year, kind, end)
    if m.Period.objects.filter(committee_id=source.committee_id, slug=slug).exists():
        return _("perioden %(slug)s finns redan för %(c)s") % {"slug": slug, "c": source.committee}
    return None


@dataclass(frozen=True)
class Opened:
    period: m.Period
    forecasts: int  # starting choices carried forward
    left: tuple[str, ...]  # lines and projects whose earlier choice no longer holds


def open_next(
    source: m.Period, user: Any, *, kind: str, end: date, report_date: date | None = None
) -> Opened:
    """Create the next period in one transaction, audited; ValueError with the Swedish
    reason when ``next_period_problem`` refuses it."""
    with transaction.atomic():
        source = m.Period.objects.select_for_update().get(pk=source.pk)
        problem = next_period_problem(source, kind, end)
        if problem:
            raise ValueError(problem)
        new = _period(source, kind, end, report_date or timezone.localdate())
        _setup(source, new)
        lines, projects = _accounts(source, new)
        _goals(source, new)
        for f in source.source_files.all():
            m.SourceFile.objects.create(period=new, path=f.path, content=f.content, sha256=f.sha256)
        carried, left = _forecasts(new, lines, projects)
        m.Change.objects.create(
            period=new,
            by=user,
            by_name=audit.user_label(user),
            item_kind=m.ItemKind.PERIOD,
            item_id=new.pk,
            item_label=str(new)[:500],
            field="open_next",
            old=source.slug,
            new=new.slug,
            note=_("öppnad från %(p)s") % {"p": source.slug},
        )
    return Opened(new, carried, left)


def _period(source: m.Period, kind: str, end: date, report_date: date) -> m.Period:
    return m.Period.objects.create(
        committee=source.committee,
        slug=slug_for(source.year, kind, end),
        year=source.year,
        kind=kind,
        start=source.start,
        end=end,
        report_date=report_date,
        wording=source.wording,
        ledger_id=source.ledger_id,
        budget_id=source.budget_id,
        previous_id=source.previous_id,
        imported_history=source.imported_history,
    )


def _copy(row: Any, **changes: Any) -> Any:
    """A copy of a model row with ``changes``, saved as a new row."""
    row.pk = None
    row.id = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def _setup(source: m.Period, new: m.Period) -> None:
    governance = getattr(source, "governance", None)
    if governance is not None:
        _copy(governance, period=new)
    key = getattr(source, "sharing_key", None)
    if key is not None:
        weights = list(key.weights.all())
        copied = _copy(key, period=new)
        for w in weights:
            _copy(w, key=copied)
    plan = getattr(source, "account_plan", None)
    if plan is not None:
        _copy(plan, period=new)
    for section in source.narrative.all():
        _copy(section, period=new, version=1, updated_by=None)


def _accounts(
    source: m.Period, new: m.Period
) -> tuple[dict[str, m.ReportLine], dict[str, m.InvestmentProject]]:
    lines = {
        line.key or line.label: _copy(line, period=new, analysis="", version=1)
        for line in source.report_lines.all()
    }
    projects = {p.object_id: _copy(p, period=new) for p in source.projects.all()}
    return lines, projects


def _goals(source: m.Period, new: m.Period) -> None:
    """Goals and indicators as definitions: targets, owners and sources; no values."""
    empty = {"override_status": "", "override_justification": "", "override_by": ""}
    for goal in source.goals.prefetch_related(
        "indicators__forecast", "indicators__history", "council_goals"
    ):
        indicators = list(goal.indicators.all())
        links = list(goal.council_goals.all())
        copied = _copy(goal, period=new, override_at=None, version=1, **empty)
        copied.council_goals.add(*links)  # the same fiscal year: the same KF-mål
        for ind in indicators:
            earlier = getattr(ind, "forecast", None)
            history = list(ind.history.all())
            made = _copy(ind, goal=copied, lineage={})  # its empty result comes with save()
            m.IndicatorYear.objects.bulk_create(
                m.IndicatorYear(indicator=made, year=h.year, value=h.value) for h in history
            )
            if earlier is not None and earlier.is_set:
                m.IndicatorForecast.objects.create(
                    indicator=made,
                    forecast_value=earlier.forecast_value,
                    forecast_status=earlier.forecast_status,
                    forecast_reason=earlier.forecast_reason,
                )


def latest_with_forecasts(period: m.Period) -> m.Period | None:
    """The committee's latest earlier period of the fiscal year that has forecasts."""
    return (
        m.Period.objects.filter(
            committee_id=period.committee_id,
            start=period.start,
            end__lt=period.end,
            forecasts__amount__isnull=False,
        )
        .exclude(pk=period.pk)
        .order_by("-end", "-pk")
        .first()
    )


def _forecasts(
    new: m.Period, lines: dict[str, m.ReportLine], projects: dict[str, m.InvestmentProject]
) -> tuple[int, tuple[str, ...]]:
    """The latest forecasts as starting choices, where they hold for the new period."""
    earlier = latest_with_forecasts(new)
    found = cycle.period_to_date(new)
    if earlier is None or found is None:
        return 0, ()
    rows = {(r.kind, r.pk): r for r in (*found.lines, *found.projects)}
    carried, left = 0, []
    for f in m.Forecast.objects.filter(period=earlier, amount__isnull=False).select_related(
        "line", "project"
    ):
        target: dict[str, Any] = {}
        if f.line is not None and (f.line.key or f.line.label) in lines:
            target["line"] = lines[f.line.key or f.line.label]
            row = rows.get(("rad", target["line"].pk))
        elif f.project is not None and f.project.object_id in projects:
            target["project"] = projects[f.project.object_id]
            row = rows.get(("projekt", target["project"].pk))
        else:
            continue
        method = ForecastMethod(f.method) if f.method else None
        choice = ForecastChoice(method, None if method else f.amount, f.comment)
        if row is None or forecast_problem(choice, row.proposals) is not None:
            left.append(str(target.get("line") or target.get("project")))
            continue
        amount = next(p.amount for p in row.proposals if p.method is method) if method else f.amount
        m.Forecast.objects.create(
            period=new, method=f.method, amount=amount, comment=f.comment, **target
        )
        carried += 1
    return carried, tuple(left)
