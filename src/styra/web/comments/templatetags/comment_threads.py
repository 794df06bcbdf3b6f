"""``{% comment_thread "indikator" indicator %}``: an item's thread at the foot of its page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from styra.web.comments.forms import CommentForm
from styra.web.comments.models import Comment
from styra.web.comments.threads import KINDS, SLUGS, Thread, mentionable
from styra.web.followup.access import Access

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context: template.Context, kind: str, item: Any) -> dict[str, Any]:
    """The thread of ``item`` (a kind as in the address: indikator, mal, rad, berattelse)
    in the page's period, read with the page's own ``access``."""
    thread = Thread(context["access"], kind, item)
    return {
        "thread": thread,
        "comments": list(thread.comments()),
        "form": CommentForm(),
        "people": mentionable(thread) if thread.may_post else [],
    }


@register.filter
def comment_link(comment: Comment, access: Access) -> str:
    """The address of the comment on its item's page, for the period's history."""
    slug = SLUGS.get(comment.item_kind)
    if slug is None:
        return ""
    kwargs = {"slug": access.committee.slug, "period": access.the_period.slug}
    path = reverse(KINDS[slug].page_name, kwargs={**kwargs, "pk": comment.item_id})
    return f"{path}#kommentar-{comment.pk}"
