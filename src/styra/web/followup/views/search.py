"""Search: one box that finds indicators, goals, operating lines and narrative sections in
the committees a person may read, and nowhere else.

The scope is ``access.readable_committees``, the one path that decides who reads which
committee; every query below starts from it, so another municipality's items are never
found, not even as a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.web.followup import models as m
from styra.web.followup.access import readable_committees

MIN_LENGTH = 2
MAX_HITS = 200  # a query that matches more is told to narrow down, not paged


@dataclass(frozen=True)
class Hit:
    kind: str
    text: str
    url: str
    period: m.Period


@dataclass(frozen=True)
class Group:
    """The hits of one period of one committee, under the committee's name and the year."""

    period: m.Period
    hits: tuple[Hit, ...]


def _address(name: str, period: m.Period, pk: int) -> str:
    return reverse(name, kwargs={"slug": period.committee.slug, "period": period.slug, "pk": pk})


def _periods(user_id: int) -> QuerySet[m.Period]:
    return m.Period.objects.filter(committee__in=readable_committees(user_id))


def _found(user_id: int, q: str) -> list[Hit]:
    periods = _periods(user_id)
    indicators = m.Indicator.objects.filter(goal__period__in=periods).filter(
        Q(name__icontains=q) | Q(key__iexact=q)
    )
    goals = m.Goal.objects.filter(period__in=periods).filter(
        Q(name__icontains=q) | Q(key__iexact=q)
    )
    lines = m.ReportLine.objects.filter(period__in=periods).filter(
        Q(label__icontains=q) | Q(analysis__icontains=q)
    )
    sections = m.NarrativeSection.objects.filter(period__in=periods).filter(
        Q(title__icontains=q) | Q(markdown__icontains=q)
    )
    related = ("goal__period__committee",)
    hits = [
        Hit(
            _("Indikator"),
            f"{i.key} {i.name}",
            _address("indicator", i.goal.period, i.pk),
            i.goal.period,
        )
        for i in indicators.select_related(*related)[:MAX_HITS]
    ]
    hits += [
        Hit(_("Nämndmål"), f"{g.key}. {g.name}", _address("goal", g.period, g.pk), g.period)
        for g in goals.select_related("period__committee")[:MAX_HITS]
    ]
    hits += [
        Hit(
            _("Driftredovisningens rad"),
            line.label,
            _address("line", line.period, line.pk),
            line.period,
        )
        for line in lines.select_related("period__committee")[:MAX_HITS]
    ]
    hits += [
        Hit(_("Berättelse"), s.title, _address("section", s.period, s.pk), s.period)
        for s in sections.select_related("period__committee")[:MAX_HITS]
    ]
    return hits


def _grouped(hits: list[Hit]) -> list[Group]:
    """By committee, then the latest period first; within a period in the report's order."""
    order = {kind: n for n, kind in enumerate(
        (_("Nämndmål"), _("Indikator"), _("Berättelse"), _("Driftredovisningens rad"))
    )}  # fmt: skip

    def period_key(h: Hit) -> tuple[str, int, str, int]:
        p = h.period
        return (p.committee.name, -p.year, p.slug, p.pk)

    hits = sorted(hits, key=lambda h: (period_key(h), order[h.kind], h.text))
    return [Group(found[0].period, tuple(found)) for _k, g in groupby(hits, key=period_key)
            for found in [list(g)]]  # fmt: skip


@login_required
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    context: dict[str, Any] = {"q": q, "groups": [], "too_short": False, "count": 0}
    if len(q) < MIN_LENGTH:
        context["too_short"] = bool(q)
        return render(request, "followup/search.html", context)
    hits = _found(int(request.user.pk or 0), q)
    context |= {
        "groups": _grouped(hits[:MAX_HITS]),
        "count": len(hits),
        "more": len(hits) > MAX_HITS,
    }
    return render(request, "followup/search.html", context)
