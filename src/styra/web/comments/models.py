"""A comment on one item of a period, and the people it mentions.

Comments are their own record, not rows of the audit trail (:class:`Change`): a comment
changes neither a figure nor a text of the report, so it must not count as a change of the
item (which would, for instance, send a part marked ready back to not ready), and it has no
old and new value. It is kept with its period (deleted only with it) and shown in the
period's history beside the changes. Comments are never edited or deleted in the web.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models import ItemKind, Period

MAX_LENGTH = 4000


class Comment(models.Model):
    """One comment in the thread of an item (indicator, goal, operating line, section)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="comments")
    item_kind = models.CharField(max_length=20, choices=ItemKind)
    item_id = models.PositiveBigIntegerField()
    # The item's name when the comment was written: the history still reads if it goes.
    item_label = models.CharField(max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    text = models.TextField(_("kommentar"), max_length=MAX_LENGTH)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        indexes = [models.Index(fields=["period", "item_kind", "item_id"])]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"


class Outcome(models.TextChoices):
    """What became of a mention; shown under the comment, so the writer sees it said."""

    PENDING = "pending", _("e-post ska skickas")
    SENT = "sent", _("e-post skickad")
    FAILED = "failed", _("e-posten kunde inte skickas")
    NO_EMAIL = "no_email", _("har ingen e-postadress, inget skickat")
    NO_ACCESS = "no_access", _("ingen med det namnet har åtkomst till nämnden, inget skickat")


class Mention(models.Model):
    """An ``@username`` in a comment: the person (if they may read the committee) and
    whether the e-mail went."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="mentions")
    username = models.CharField(max_length=150)  # as written, for a name that matched no one
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome)

    class Meta:
        ordering = ["id"]
        verbose_name = _("omnämnande")
        verbose_name_plural = _("omnämnanden")
