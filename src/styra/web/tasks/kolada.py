"""Refreshing a period's Kolada snapshot as a task: the population behind its sharing key
fetched again from Kolada and kept as the period's source file, in one transaction.

The key's weights are not changed: whether they should follow the new figures is the
controller's decision (the admin); the outcome says whether they still agree. The web has
no button for it yet; ``styra manage refresh_kolada`` queues it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from styra.sources import population_key
from styra.sources.kolada import KoladaQuery, snapshot_to_json
from styra.sources.kolada_client import KoladaClient
from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.access import PeriodLocked, lock_for_write
from styra.web.tasks.jobs import Steps, run_job
from styra.web.tasks.models import Job


class KoladaRefused(Exception):
    """The period has nothing to refresh, or may not be changed; the message is Swedish."""


def client() -> KoladaClient:
    """Kolada's API (the tests put recorded answers in its place: they run offline)."""
    return KoladaClient()


@task(takes_context=True)
def refresh_kolada(context: TaskContext) -> dict[str, Any]:
    return run_job(context, _refresh)


def _refresh(job: Job, steps: Steps) -> str:
    key = m.SharingKey.objects.filter(period_id=job.period_id or 0).first()
    spec = dict(key.kolada or {}) if key else {}
    if key is None or not spec.get("file") or not str(spec.get("year", "")).isdigit():
        raise KoladaRefused(_("perioden har ingen fördelningsnyckel från Kolada"))
    weights = {
        w.member.municipality.code: w.weight
        for w in key.weights.select_related("member__municipality")
    }
    kpi, year = str(spec.get("kpi") or "N01951"), int(spec["year"])
    steps(0.1, _("Hämtar %(kpi)s för %(n)d kommuner från Kolada") % {"kpi": kpi, "n": len(weights)})
    snapshot = client().snapshot(KoladaQuery((kpi,), tuple(weights), (year,)))
    content = snapshot_to_json(snapshot).encode("utf-8")
    steps(0.8, _("Sparar ögonblicksbilden"))
    _keep(job, str(spec["file"]), content)
    found, _problems = population_key(snapshot, list(weights), year, kpi=kpi, file=spec["file"])
    if found == weights:
        return _("Ögonblicksbilden från Kolada är hämtad; fördelningsnyckelns vikter stämmer.")
    return _(
        "Ögonblicksbilden från Kolada är hämtad, men fördelningsnyckelns vikter skiljer sig "
        "från de nya siffrorna: ändra dem i administrationen om de ska följa dem."
    )


def _keep(job: Job, path: str, content: bytes) -> None:
    """The new snapshot in place of the old, audited, all or nothing."""
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        try:
            period = lock_for_write(job.period_id or 0)
        except PeriodLocked:
            raise KoladaRefused(_("perioden är fastställd och låst")) from None
        old = m.SourceFile.objects.filter(period=period, path=path).first()
        m.SourceFile.objects.update_or_create(
            period=period, path=path, defaults={"content": content, "sha256": digest}
        )
        before = old.sha256[:12] if old else ""
        audit.record(
            period,
            job.started_by,
            m.ItemKind.PERIOD,
            period,
            {path: (before, digest[:12])},
            note="Kolada",
        )
