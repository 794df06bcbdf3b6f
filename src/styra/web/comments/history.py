"""The period's comments in its history page, newest first, under their own heading."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from styra.web.comments.models import Comment
from styra.web.followup import models as m

HISTORY_PAGE = 100


def history_page(period: m.Period, number: str | None) -> Page[Comment]:
    """One page of the period's comments (``?kommentarsida=N``), each with its mentions."""
    comments = (
        Comment.objects.filter(period=period)
        .order_by("-at", "-id")
        .prefetch_related("mentions__user")
    )
    return Paginator(comments, HISTORY_PAGE).get_page(number)
