"""A thread: the comments on one item of a period, found through the follow-up's access rules.

Items are named in addresses as the item history names them (``indikator``, ``mal``,
``rad``, ``berattelse``) and found only within the person's period, so another committee's
or municipality's item is 404 like the committee itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from styra.web.comments import mentions
from styra.web.comments.forms import CommentForm
from styra.web.comments.models import Comment
from styra.web.followup import access as rules
from styra.web.followup import audit
from styra.web.followup import models as m


@dataclass(frozen=True)
class Kind:
    item_kind: str  # the audit trail's ItemKind
    find: Callable[[rules.Access, int], Model]
    page_name: str  # the item's own page


KINDS: dict[str, Kind] = {
    "indikator": Kind(m.ItemKind.RESULT, rules.indicator_for_reader, "indicator"),
    "mal": Kind(m.ItemKind.GOAL, rules.goal_for_reader, "goal"),
    "rad": Kind(m.ItemKind.LINE, rules.line_for_reader, "line"),
    "berattelse": Kind(m.ItemKind.NARRATIVE, rules.section_for_reader, "section"),
}
SLUGS = {k.item_kind: slug for slug, k in KINDS.items()}


@dataclass(frozen=True)
class Thread:
    access: rules.Access
    kind: str  # a key of KINDS
    item: Any

    @property
    def committee(self) -> m.Committee:
        return self.access.committee

    @property
    def period(self) -> m.Period:
        return self.access.the_period

    @property
    def item_kind(self) -> str:
        return KINDS[self.kind].item_kind

    @property
    def kind_label(self) -> str:
        return str(m.ItemKind(self.item_kind).label)

    @property
    def label(self) -> str:
        return str(self.item)[:500]

    @property
    def page_name(self) -> str:
        return KINDS[self.kind].page_name

    @property
    def page_kwargs(self) -> dict[str, Any]:
        return {"slug": self.committee.slug, "period": self.period.slug, "pk": self.item.pk}

    @property
    def may_post(self) -> bool:
        """Those who may change results talk in the thread (controller, indicator owners)."""
        return self.access.may_edit_results and not self.period.is_locked

    def comments(self) -> QuerySet[Comment]:
        return Comment.objects.filter(
            period=self.period, item_kind=self.item_kind, item_id=self.item.pk
        ).prefetch_related("mentions__user")


def thread_for_reader(request: HttpRequest, slug: str, period: str, kind: str, pk: int) -> Thread:
    """The thread of an item the person may read (404 for an outsider or an unknown item)."""
    if kind not in KINDS:
        raise Http404
    access = rules.period_for_reader(request, slug, period)
    return Thread(access, kind, KINDS[kind].find(access, pk))


def ensure_may_post(thread: Thread) -> None:
    """Readers may not post (403); nor may anyone once the period is adopted (409)."""
    if not thread.access.may_edit_results:
        raise PermissionDenied
    rules.ensure_unlocked(thread.period)


def post(thread: Thread, user: Any, text: str) -> Comment:
    """Saves a comment and mails those it mentions: the one path for every door.

    The text is checked by the form's own field (empty or too long raises ValidationError
    with the field's Swedish message), whichever door it came through. The period must be
    open (else :class:`PeriodLocked`, 409), checked again under the period's lock as every
    write does. The mail goes after the comment is committed, so a
    slow or refusing mail server never loses a comment; what became of each mention is kept
    on it. The period's revision is not bumped: a comment changes nothing the report shows.
    """
    ensure_may_post(thread)
    text = CommentForm.base_fields["text"].clean(text)
    with transaction.atomic():
        rules.lock_for_write(thread.period)
        comment = Comment.objects.create(
            period=thread.period,
            item_kind=thread.item_kind,
            item_id=thread.item.pk,
            item_label=thread.label,
            author=user,
            author_name=audit.user_label(user),
            text=text,
        )
        found = mentions.resolve(comment, thread)
    mentions.notify(comment, thread, found)
    return comment


def mentionable(thread: Thread) -> list[Any]:
    """The people with a role in the committee, listed under the form as names to mention.
    (Those reading through a municipal role may be mentioned too, but are not listed.)"""
    return list(
        get_user_model()
        .objects.filter(assignments__committee=thread.committee, is_active=True)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )
