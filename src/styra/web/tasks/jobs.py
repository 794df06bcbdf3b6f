"""Starting a job, reporting its steps, and running it here when no worker is alive.

Every task in Styra runs through :func:`run_job`: it finds the task's :class:`Job`, lets the
work report its steps, and on an error writes a Swedish message saying in which step and
what went wrong, then lets django-tasks mark the task failed. The work itself writes in one
transaction, so a failure, or a worker killed in the middle, changes nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tasks import TaskContext
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from styra.web.tasks import beats
from styra.web.tasks.models import Job

logger = logging.getLogger("styra.tasks")

Work = Callable[[Job, "Steps"], str]
"""The work of a task: given its job and its steps, does the work and returns what to tell
the person (in Swedish) when it is done."""


class Steps:
    """Reports a job's progress: the fraction done and the step it is in, in Swedish.

    Written at once and outside the work's transaction, so another server shows it while
    the work runs. Never call it inside ``transaction.atomic``: it would show only at the
    end (PostgreSQL) or hold the write lock (SQLite).
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self.current = job.step

    def __call__(self, fraction: float, step: str) -> None:
        self.current = step
        Job.objects.filter(pk=self.job.pk).update(fraction=max(0.0, min(fraction, 1.0)), step=step)


def run_job(context: TaskContext, work: Work) -> dict[str, Any]:
    """Run ``work`` for the task in ``context``; the return value is django-tasks' result."""
    job = Job.objects.defer("upload", "result").get(pk=UUID(context.task_result.id))
    steps = Steps(job)
    try:
        told = work(job, steps)
    except Exception as exc:
        message = failure_message(steps.current, exc)
        Job.objects.filter(pk=job.pk).update(message=message)
        logger.warning("%s: %s", job.title, message)
        raise
    Job.objects.filter(pk=job.pk).update(fraction=1.0, step=_("Klart"), message=told)
    return {"message": told}


def failure_message(step: str, exc: BaseException) -> str:
    """Where and what: the step that failed and the error, and that nothing was saved."""
    what = str(exc) or exc.__class__.__name__
    if step:
        text = _("Det gick inte: steget ”%(step)s” misslyckades (%(what)s). Ingenting sparades.")
        return text % {"step": step, "what": what}
    return _("Det gick inte (%(what)s). Ingenting sparades.") % {"what": what}


def start(task: Task[..., Any], *args: Any, **fields: Any) -> Job:
    """Queue ``task`` with ``args`` and its job (``fields``: kind, title, committee, period,
    started_by, upload…), in one transaction: a worker sees both or neither.

    Without a live worker (none has beaten lately: a test, or a server whose workers are
    down) the task runs here and now, the same code a worker runs, rather than waiting for
    ever.
    """
    with transaction.atomic():
        result = task.enqueue(*args)
        job = Job.objects.create(task_id=result.id, **fields)
    if not beats.any_alive():
        run_here(job.pk)
        job.refresh_from_db()
    return job


def wait(job: Job, seconds: float) -> Job:
    """The job after at most ``seconds``: done, so the request can hand over the result
    itself, or still under way, and its page shows the rest. For work that is usually quick
    (a report), where a page of progress for two seconds would only be in the way."""
    deadline = time.monotonic() + seconds
    status = job.task.status
    while status in ("READY", "RUNNING") and time.monotonic() < deadline:
        time.sleep(0.2)
        status = DBTaskResult.objects.values_list("status", flat=True).get(pk=job.pk)
    return Job.objects.select_related("task").defer("upload").get(pk=job.pk)


def run_here(task_id: UUID) -> None:
    """Claim the queued task and run it in this process, as a worker would."""
    from django_tasks_db.management.commands.db_worker import Worker  # noqa: PLC0415
    from django_tasks_db.utils import exclusive_transaction  # noqa: PLC0415

    worker_id = f"inline-{socket.gethostname()}-{os.getpid()}"[:64]
    with exclusive_transaction():
        found = DBTaskResult.objects.ready().filter(pk=task_id).select_for_update().first()
        if found is None:
            return  # a worker has taken it after all
        found.claim(worker_id)
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=found.backend_name,
        startup_delay=False,
        max_tasks=1,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    # Inside a transaction (an adoption queuing its archive, or a test) no other process
    # sees the task before it is done, so nobody could take it back: no beats needed, and a
    # beat from another connection would only wait for this transaction's locks.
    with nullcontext() if connection.in_atomic_block else beats.beating(worker_id):
        worker.run_task(found)
