"""What a token reaches: its user's roles (``access``), only inside its own municipality.

Everything outside answers 404, as the web does for someone without a role: a token of
another municipality may not learn that a committee or a period exists. Writes need the
write scope (403), then the same role checks as the web form (403), then an open period.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from styra.web.api.models import ApiToken
from styra.web.followup import access as rules
from styra.web.followup import models as m


def committees(token: ApiToken) -> QuerySet[m.Committee]:
    """The committees the token reads: its user's (``access.readable_committees``) that its
    municipality hosts or is a member of."""
    ours = Q(municipality_id=token.municipality_id) | Q(
        members__municipality_id=token.municipality_id
    )
    ids = rules.readable_committees(int(token.user_id)).filter(ours).values("pk")
    return m.Committee.objects.filter(pk__in=ids).select_related("municipality")


def committee_access(token: ApiToken, slug: str) -> rules.Access:
    found = committees(token).filter(slug=slug).first()
    role = None if found is None else rules.committee_role(int(token.user_id), found)
    if found is None or role is None:
        raise Http404
    return rules.Access(found, role, int(token.user_id))


def period_access(token: ApiToken, slug: str, period: str) -> rules.Access:
    """The period with its committee and the token's role there (or 404)."""
    base = committee_access(token, slug)
    found = m.Period.objects.filter(committee=base.committee, slug=period).first()
    if found is None:
        raise Http404
    return rules.Access(base.committee, base.role, base.user_id, found)


def for_writing(token: ApiToken, slug: str, period: str) -> rules.Access:
    """As :func:`period_access`, for a token that may write (else 403, once the period is
    known to be readable)."""
    found = period_access(token, slug, period)
    if not token.may_write:
        raise PermissionDenied
    return found
