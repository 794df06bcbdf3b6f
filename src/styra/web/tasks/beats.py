"""Workers' heartbeats, and taking back a task whose worker died in the middle of it.

django-tasks' database backend marks a task RUNNING when a worker claims it and never
looks at it again: a worker killed mid-task leaves it RUNNING for ever. Each worker
therefore beats (a ``WorkerBeat`` row, every few seconds, from a thread of its own); a
worker that finds a RUNNING task whose worker has been silent for
``STYRA_WORKER_STALE_SECONDS`` puts it back in the queue, or, after
``STYRA_TASK_ATTEMPTS`` attempts, marks it failed with a Swedish message. The work of a
task is one transaction, so the killed attempt left nothing behind.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from styra.web.tasks.models import Job, WorkerBeat

logger = logging.getLogger("styra.tasks")


class WorkerLost(Exception):
    """The worker running a task stopped beating (killed, or its machine gone)."""


def stale_after() -> timedelta:
    return timedelta(seconds=settings.STYRA_WORKER_STALE_SECONDS)


def interval() -> float:
    return min(5.0, settings.STYRA_WORKER_STALE_SECONDS / 4)


def any_alive() -> bool:
    return WorkerBeat.objects.filter(beat_at__gte=timezone.now() - stale_after()).exists()


def beat(worker_id: str) -> None:
    """The database's own clock, read when the write gets through: on SQLite a beat may
    wait for another transaction's lock, and must not arrive already old."""
    if not WorkerBeat.objects.filter(worker_id=worker_id).update(beat_at=Now()):
        WorkerBeat.objects.create(
            worker_id=worker_id, host=socket.gethostname(), pid=os.getpid(), beat_at=Now()
        )


@contextmanager
def beating(worker_id: str, *, also: Callable[[], None] | None = None) -> Iterator[threading.Event]:
    """Beat for ``worker_id`` from a thread while the block runs (and run ``also`` after
    each beat); the beat row goes when it ends. Yields the event that stops the thread."""
    stop = threading.Event()
    beat(worker_id)
    thread = threading.Thread(
        target=_beat_loop, args=(worker_id, stop, also), name="styra-beat", daemon=True
    )
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=30)
        WorkerBeat.objects.filter(worker_id=worker_id).delete()


def _beat_loop(worker_id: str, stop: threading.Event, also: Callable[[], None] | None) -> None:
    try:
        while not stop.wait(interval()):
            try:
                beat(worker_id)
                if also is not None:
                    also()
            except Exception:  # a lost connection: beat again next time
                logger.exception("Arbetsprocessen kunde inte rapportera att den lever")
                connection.close()
    finally:
        connection.close()  # this thread's own connection


def take_back_stale(own: str = "") -> int:
    """Requeue, or fail, the RUNNING tasks whose worker has stopped beating; how many.
    ``own``: the asking worker, alive whatever its last beat says."""
    cutoff = timezone.now() - stale_after()
    alive = set(WorkerBeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))
    alive.add(own)
    taken = 0
    with exclusive_transaction():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for found in running:
            if found.worker_ids and found.worker_ids[-1] in alive:
                continue
            if found.started_at and found.started_at >= cutoff:
                continue  # claimed just now, its worker's beat not yet seen
            _take_back(found)
            taken += 1
    return taken


def _take_back(found: DBTaskResult[..., Any]) -> None:
    job = Job.objects.defer("upload", "result").filter(pk=found.pk).first()
    step = job.step if job else ""
    if len(found.worker_ids) < settings.STYRA_TASK_ATTEMPTS:
        found.status = "READY"
        found.save(update_fields=["status"])
        if job is not None:
            retry = _("Arbetsprocessen avbröts; uppgiften görs om från början.")
            Job.objects.filter(pk=job.pk).update(fraction=0.0, step=retry)
        logger.warning("Uppgift %s körs om: arbetsprocessen slutade svara", found.pk)
        return
    message = _(
        "Det gick inte: arbetsprocessen avbröts mitt i steget ”%(step)s”, %(n)d gånger. "
        "Ingenting sparades; försök igen."
    ) % {"step": step or _("början"), "n": len(found.worker_ids)}
    with transaction.atomic():
        found.set_failed(WorkerLost(message))
        if job is not None:
            Job.objects.filter(pk=job.pk).update(message=message)
    logger.warning("Uppgift %s misslyckades: %s", found.pk, message)


def prune_finished(hours: int | None = None) -> int:
    """Delete tasks finished more than ``hours`` ago (STYRA_PENDING_IMPORT_HOURS, as for
    unconfirmed imports) with their jobs: a rendered report is kept for a day, not for
    ever. Returns how many."""
    hours = settings.STYRA_PENDING_IMPORT_HOURS if hours is None else hours
    cutoff = timezone.now() - timedelta(hours=hours)
    old = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    deleted, by_model = DBTaskResult.objects.filter(pk__in=old.values("pk")).delete()
    return int(by_model.get(DBTaskResult._meta.label, 0)) if deleted else 0
