"""``styra worker``: django-tasks' database worker, with heartbeats and taking back the
tasks of workers that died (``beats``)."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from styra.web.tasks import beats

logger = logging.getLogger("styra.tasks")
PRUNE_EVERY_SECONDS = 3600


def worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]


def run(*, name: str = "", interval: float = 1.0, batch: bool = False, parent: int = 0) -> None:
    """Work the queue until stopped (SIGTERM/SIGINT finish the current task first).

    ``parent``: the process of ``styra serve`` that started this worker; when it is gone
    (killed without the chance to stop us), so is the worker.
    """
    name = name or worker_id()
    worker = Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=name,
        excluded_queue_names=[],
    )
    worker.configure_signals()

    pruned_at = [time.monotonic()]

    def chores() -> None:
        beats.take_back_stale(own=name)
        if time.monotonic() - pruned_at[0] > PRUNE_EVERY_SECONDS:
            pruned_at[0] = time.monotonic()
            beats.prune_finished()
        if parent and os.getppid() != parent:
            logger.warning("styra serve har avslutats; arbetsprocessen %s avslutas", name)
            os.kill(os.getpid(), signal.SIGTERM)

    beats.take_back_stale(own=name)
    beats.prune_finished()
    with beats.beating(name, also=chores):
        logger.info("Arbetsprocessen %s startar", name)
        worker.run()
