"""Reading pages: sign-in, the start page, a committee's periods, the overview, the history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from styra.web.comments.history import history_page
from styra.web.followup import access as rules
from styra.web.followup import models as m
from styra.web.followup.overview import nav_html, overview_html
from styra.web.signin.page import sign_in_context
from styra.web.workflow.parts import due_soon, tasks_of

HISTORY_PAGE = 100


def sign_in(request: HttpRequest) -> HttpResponseBase:
    """Django's sign-in page, which in the demo says where the demo accounts are printed;
    with a provider configured it offers "Logga in med …" (signin.views), and with local
    accounts off (STYRA_LOCAL_ACCOUNTS=0) only that."""
    return LoginView.as_view(extra_context=sign_in_context())(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user_id = rules.user_id_of(request)
    assignments = m.Assignment.objects.filter(user_id=user_id).select_related("committee")
    committees = [a.committee for a in assignments]
    municipal = list(rules.municipal_roles(user_id))
    own = {c.pk for c in committees}
    # Committees read through a role in a municipality (access.readable_committees).
    read = [c for c in rules.readable_committees(user_id).order_by("name") if c.pk not in own]
    tasks = tasks_of(user_id)
    if len(committees) == 1 and not municipal and not read and not due_soon(tasks):
        return redirect("committee", slug=committees[0].slug)
    context = {
        "tasks": tasks,
        "assignments": assignments,
        "municipal": municipal,
        "read": read,
        "administered": _administered(request, committees),
    }
    return render(request, "followup/home.html", context)


def _administered(request: HttpRequest, own: list[m.Committee]) -> list[m.Committee]:
    """For an administrator without a role, the committees to give roles in, in the admin."""
    if own or not getattr(request.user, "is_staff", False):
        return []
    return list(m.Committee.objects.order_by("name"))


@login_required
def committee(request: HttpRequest, slug: str) -> HttpResponse:
    access = rules.committee_for_reader(request, slug)
    periods = list(access.committee.periods.all())
    if len(periods) == 1:
        return redirect("overview", slug=slug, period=periods[0].slug)
    return render(request, "followup/committee.html", {"access": access, "periods": periods})


@login_required
def overview(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    body = mark_safe(overview_html(access))  # our own template's output
    nav = mark_safe(nav_html(access, "overview"))
    context = {"access": access, "period": access.period, "body": body, "nav": nav}
    return render(request, "followup/overview.html", context)


@login_required
def history(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    changes = m.Change.objects.filter(period=access.period)
    page = Paginator(changes, HISTORY_PAGE).get_page(request.GET.get("sida"))
    context = {
        "access": access,
        "period": access.period,
        "page": page,
        "comments": history_page(access.the_period, request.GET.get("kommentarsida")),
        "tab": "history",
    }
    return render(request, "followup/history.html", context)


ITEM_KINDS = {
    "indikator": m.ItemKind.RESULT,
    "mal": m.ItemKind.GOAL,
    "berattelse": m.ItemKind.NARRATIVE,
    "rad": m.ItemKind.LINE,
}


@login_required
def item_history(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    if kind not in ITEM_KINDS:
        raise Http404
    item = _item(access, kind, pk)
    changes = m.Change.objects.filter(item_kind=ITEM_KINDS[kind], item_id=pk)
    context = {"access": access, "period": access.period, "item": item, "changes": changes}
    return render(request, "followup/item_history.html", context)


def _item(access: rules.Access, kind: str, pk: int) -> Model:
    finders = {
        "indikator": rules.indicator_for_reader,
        "mal": rules.goal_for_reader,
        "berattelse": rules.section_for_reader,
        "rad": rules.line_for_reader,
    }
    return finders[kind](access, pk)
