"""Cache keys for computed follow-ups: a hash of every input the computation reads.

The cache is shared by every server process (the database's cache table, see settings), so
a key must change whenever anything the page shows may have changed, whichever server or
worker changed it. Each key hashes:

- the period's revision, which ``audit.record`` bumps on every change of the period, its
  committee or the committee's municipality (the admin records those in every period);
- the municipality's trail mark, the newest row of its own audit trail (``audit.record_municipal``:
  its KF-mål, their indicators and the council's rule set), which the committee's goals link to;
- the code's fingerprint, so an upgrade never serves a page the old code rendered.

A key is one lookup of the municipality's trail mark on top of what the request already read;
the computation and the rendering only run on a miss.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache as once
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

import styra
from styra.core.followup import FollowUp, compute
from styra.web.followup import models as m
from styra.web.followup.bridge import build_input

SECONDS = 3600
PACKAGE = Path(styra.__file__).resolve().parent


@once
def code_fingerprint() -> str:
    """The version and the content of every source and template file, read once a process:
    a checkout changed without a version bump still gets fresh keys, and servers installed
    from the same wheel on different machines (other file times) still share them."""
    digest = hashlib.sha256(styra.__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html") and path.is_file():
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def municipal_mark(municipality_ids: Iterable[int]) -> tuple[int, ...]:
    """The newest row of each municipality's own trail (0 without one), in the order given."""
    wanted = list(dict.fromkeys(municipality_ids))
    newest = dict(
        m.Change.objects.filter(municipality_id__in=wanted)
        .order_by()
        .values("municipality_id")
        .annotate(last=Max("pk"))
        .values_list("municipality_id", "last")
    )
    return tuple(int(newest.get(pk, 0)) for pk in wanted)


def period_inputs(period: m.Period) -> tuple[Any, ...]:
    """What a period's follow-up reads, as versions: its own revision and its municipality's
    trail mark."""
    municipality = period.committee.municipality_id
    return (period.pk, period.revision, municipal_mark([municipality]))


def municipal_inputs(municipality_id: int) -> tuple[Any, ...]:
    """What a municipality's overview reads, as versions: its committees and the joint ones
    it is a member of, every period of theirs (how many, the newest, and the sum of their
    revisions, which grows with any change of any of them) and the trail marks of the
    municipality and of the joint committees' hosts."""
    mine = Q(municipality_id=municipality_id) | Q(members__municipality_id=municipality_id)
    committees = sorted(set(m.Committee.objects.filter(mine).values_list("pk", "municipality_id")))
    periods = m.Period.objects.filter(committee_id__in=[pk for pk, _ in committees]).aggregate(
        n=Count("pk"), newest=Max("pk"), revisions=Sum("revision")
    )
    hosts = [municipality_id, *sorted({host for _, host in committees})]
    return (tuple(committees), tuple(periods.values()), municipal_mark(hosts))


def key(kind: str, *inputs: Any) -> str:
    """``styra:<kind>:<hash of the inputs and the code>``; short enough for any backend."""
    text = repr((code_fingerprint(), inputs))
    return f"styra:{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def followup(period: m.Period) -> FollowUp:
    """The period's computed follow-up, from the shared cache when its inputs are unchanged."""
    found_key = key("followup", *period_inputs(period))
    found: FollowUp | None = cache.get(found_key)
    if found is None:
        found = compute(build_input(period))
        cache.set(found_key, found, SECONDS)
    return found
