"""Kvar att göra: what is left before a period can be adopted, in one list.

Computed in one place from the period's data: indicator values missing, analyses missing
where the rules ask for one (an indicator that misses its target, fully or partly; in an
annual period an operating line with a large deviation by the account plan's limits), and
the problems of the folder check that adoption runs (``reports.problems_before_adopting``),
and, once the period has a deadline (its workflow has started), the assigned parts not yet
marked ready (``styra.web.workflow``). Each item links to the page where it is fixed.
Shown on the overview and on the adoption page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from styra.core.followup import FollowUp, compute
from styra.core.goals import Status
from styra.problems import Problem, Severity
from styra.web.followup import models as m
from styra.web.followup.bridge import build_input
from styra.web.followup.reports import problems_before_adopting
from styra.web.followup.templatetags.styra import num
from styra.web.workflow.parts import PartView, deadline_of, open_parts, parts_of, person_name

MISSED = (Status.NOT_ACHIEVED, Status.PARTIALLY_ACHIEVED)

# Where a problem of the folder check is fixed, by the exported file it names.
PROBLEM_PAGES = (
    ("goals", "overview"),
    ("indicator", "overview"),
    ("narrative", "narrative"),
    ("berattelse", "narrative"),
    ("forecast", "forecast"),
    ("prognos", "forecast"),
    ("ledger", "sie_upload"),
    ("budget", "sie_upload"),
    (".se", "sie_upload"),
)


@dataclass(frozen=True)
class Item:
    kind: str  # "value", "indicator_analysis", "line_analysis", "not_ready", "problem"
    label: str
    text: str
    url: str
    blocking: bool = False  # an error of the folder check: adoption is refused


def todo(period: m.Period, f: FollowUp | None = None) -> list[Item]:
    """The period's open items, in the order of the report."""
    f = f if f is not None else compute(build_input(period))
    args = {"slug": period.committee.slug, "period": period.slug}
    items: list[Item] = []
    stored = {
        (i.goal.key, i.key): i
        for i in m.Indicator.objects.filter(goal__period=period).select_related("goal")
    }
    for goal in f.goals:
        for r in goal.indicators:
            ind = stored.get((goal.goal.id, r.indicator.id))
            if ind is None:
                continue
            where = reverse("indicator", kwargs={**args, "pk": ind.pk})
            label = f"{r.indicator.id} {r.indicator.name}"
            if r.indicator.value is None:
                items.append(Item("value", label, _("Värde saknas."), where))
            elif r.assessment.status in MISSED and not r.indicator.analysis.strip():
                items.append(
                    Item(
                        "indicator_analysis",
                        label,
                        _("Målvärdet nås inte och analys saknas."),
                        where,
                    )
                )
    lines = {line.label: line for line in period.report_lines.all()}
    # The large-deviation analyses are the annual report's (as on the overview and in the
    # folder loader); an interim period's deviations to date against the year's budget are
    # no such rule.
    for note in f.deviations if period.is_annual else ():
        line = lines.get(note.row.label)
        if line is None or note.analysis.strip():
            continue
        items.append(
            Item(
                "line_analysis",
                note.row.label,
                _("Stor avvikelse (%(tkr)s tkr) och analys saknas.")
                % {"tkr": num(note.row.deviation_tkr)},
                reverse("line", kwargs={**args, "pk": line.pk}),
            )
        )
    items.extend(_not_ready(period))
    items.extend(_problem_item(p, args) for p in problems_before_adopting(period))
    return items


def _not_ready(period: m.Period) -> list[Item]:
    """The assigned parts not marked ready, once the period has a deadline."""
    due = deadline_of(period)
    if due is None:
        return []
    return [_not_ready_item(part, due.isoformat()) for part in open_parts(parts_of(period))]


def _not_ready_item(part: PartView, due: str) -> Item:
    names = {"who": person_name(part.assignee), "due": due}
    if part.state == "reopened":
        text = _("Återöppnad, väntar på %(who)s (deadline %(due)s).") % names
    else:
        text = _("Inte klarmarkerad av %(who)s (deadline %(due)s).") % names
    return Item("not_ready", f"{part.kind.noun} {part.label}", text, part.url)


def _problem_item(p: Problem, args: dict[str, str]) -> Item:
    where = str(p.source)
    name = next((page for part, page in PROBLEM_PAGES if part in where.lower()), "overview")
    text = p.message + (f" ({p.hint})" if p.hint else "")
    if p.severity is Severity.WARNING:
        text = _("Varning: %(text)s") % {"text": text}
    return Item("problem", where, text, reverse(name, kwargs=args), p.severity is Severity.ERROR)
