"""The thread page of an item, and posting to it (a plain form post, then back to the item)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from styra.web.comments import threads
from styra.web.comments.forms import CommentForm


@login_required
def thread(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> HttpResponse:
    """GET: the thread on its own page. POST: a new comment, for those who may change results
    (403 for readers), in an open period (409 once adopted); back to the item's page at it."""
    found = threads.thread_for_reader(request, slug, period, kind, pk)
    if request.method != "POST":
        return _page(request, found, CommentForm())
    threads.ensure_may_post(found)  # before the form, so a locked period says so first
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, found, form, status=400)
    comment = threads.post(found, request.user, form.cleaned_data["text"])
    page = reverse(found.page_name, kwargs=found.page_kwargs)
    return redirect(f"{page}#kommentar-{comment.pk}")


def _page(
    request: HttpRequest, found: threads.Thread, form: CommentForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "access": found.access,
        "period": found.period,
        "thread": found,
        "form": form,
        "people": threads.mentionable(found) if found.may_post else [],
        "tab": "overview" if found.kind != "berattelse" else "narrative",
    }
    return render(request, "comments/thread.html", context, status=status)
