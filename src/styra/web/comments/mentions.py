"""Mentions: ``@username`` in a comment notifies that person by e-mail.

The syntax: ``@`` where a word does not go on (so ``eva@example.se`` is no mention), then the
username as Django allows it (letters, digits, ``_ . + -``), ending on a letter, digit or
``_`` so that the full stop of a sentence ("… fråga @ekonom.") is not part of it. Names are
matched without regard to case. Only someone who may read the committee is told; any other
name, whether it exists or not, gets the same "no access" outcome, so a mention cannot be
used to learn who has an account.
"""

from __future__ import annotations

import logging
import re
import smtplib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _

from styra.web.comments.models import Comment, Mention, Outcome
from styra.web.followup import access as rules

if TYPE_CHECKING:
    from styra.web.comments.threads import Thread

logger = logging.getLogger("styra.web")

MENTION = re.compile(r"(?<![\w.+@-])@(\w(?:[\w.+-]*\w)?)")
MAX_MENTIONS = 20  # more in one comment is not a conversation


def mentioned(text: str) -> list[str]:
    """The usernames a text mentions, each once, in the order written."""
    seen: dict[str, str] = {}
    for name in MENTION.findall(text):
        seen.setdefault(name.casefold(), name)
    return list(seen.values())[:MAX_MENTIONS]


def resolve(comment: Comment, thread: Thread) -> list[Mention]:
    """A Mention row per name in the comment, with its outcome before any mail is sent.

    The writer mentioning themself is left out: they need no mail about their own words."""
    rows = []
    for name in mentioned(comment.text):
        person = _person(name, thread)
        if person is not None and person.pk == comment.author_id:
            continue
        outcome = _first(person)
        rows.append(
            Mention.objects.create(comment=comment, username=name, user=person, outcome=outcome)
        )
    return rows


def _person(name: str, thread: Thread) -> Any:
    """The active person of that username who may read the committee, else None."""
    candidates = get_user_model().objects.filter(username__iexact=name, is_active=True)
    exact = [u for u in candidates if u.get_username() == name] or list(candidates)
    for person in exact:
        if rules.committee_role(int(person.pk), thread.committee) is not None:
            return person
    return None


def _first(person: Any) -> str:
    if person is None:
        return Outcome.NO_ACCESS
    return Outcome.PENDING if getattr(person, "email", "") else Outcome.NO_EMAIL


def notify(comment: Comment, thread: Thread, mentions: Iterable[Mention]) -> None:
    """Sends each pending mention its mail, one at a time over one connection, and records
    whether it went: a refused address does not stop the others."""
    pending = [x for x in mentions if x.outcome == Outcome.PENDING]
    if not pending:
        return
    with get_connection() as connection:
        for mention in pending:
            message = _message(comment, thread, mention)
            try:
                sent = connection.send_messages([message])
            except (smtplib.SMTPException, OSError):
                logger.exception("Mention mail to user %s failed", mention.user_id)
                sent = 0
            mention.outcome = Outcome.SENT if sent else Outcome.FAILED
            mention.save(update_fields=["outcome"])


def link(comment: Comment, thread: Thread) -> str:
    """The item's page on the site, at the comment."""
    path = reverse(thread.page_name, kwargs=thread.page_kwargs)
    return f"{settings.STYRA_SITE_URL}{path}#kommentar-{comment.pk}"


def _message(comment: Comment, thread: Thread, mention: Mention) -> EmailMessage:
    subject = _("%(author)s nämnde dig i en kommentar om %(item)s") % {
        "author": comment.author_name,
        "item": thread.label,
    }
    body = _(
        "Hej!\n\n%(author)s nämnde dig i en kommentar om %(kind)s %(item)s i %(period)s:\n\n"
        "%(text)s\n\nLäs tråden och svara här:\n%(link)s\n"
    ) % {
        "author": comment.author_name,
        "kind": thread.kind_label.lower(),
        "item": thread.label,
        "period": thread.period,
        "text": comment.text,
        "link": link(comment, thread),
    }
    to = [str(getattr(mention.user, "email", ""))]
    return EmailMessage(" ".join(subject.split()), body, to=to)
