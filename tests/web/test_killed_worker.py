"""A worker killed in the middle of a SIE import leaves nothing half-written, and the task
is finished by another worker (or, when no attempts are left, marked failed in Swedish).

Against a real ``styra serve`` without its own worker and real ``styra worker`` processes,
on SQLite, and on PostgreSQL when DATABASE_URL is set (``.ci/run`` does both).
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import (
    Browser,
    Server,
    big_ledger,
    query,
    serve,
    start_worker,
    wait_until,
)

PERIOD = "n/sydnarkes-it/2024-helar/"
ROWS = 300_000  # about 6 s of reading: time to kill the worker in the middle
STALE = "3"  # seconds without a beat before a worker counts as dead


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    env = {"STYRA_SERVE_WORKER": "0", "STYRA_WORKER_STALE_SECONDS": STALE}
    with serve(tmp_path / "data", workers=1, **env) as found:
        yield found


def data_state(server: Server) -> dict[str, Any]:
    """What the import could have changed: the period's files, every import and amount."""
    [(ledger, budget)] = query(
        server,
        "SELECT p.ledger_id, p.budget_id FROM followup_period p JOIN followup_committee k "
        "ON p.committee_id = k.id WHERE k.slug = 'sydnarkes-it' AND p.slug = '2024-helar'",
    )
    return {
        "ledger": ledger,
        "budget": budget,
        "imports": query(server, "SELECT id, state FROM followup_ledgerimport ORDER BY id"),
        "amounts": query(server, "SELECT COUNT(*) FROM followup_ledgeramount"),
        "months": query(server, "SELECT COUNT(*) FROM followup_monthlyamount"),
    }


def task(server: Server) -> tuple[str, str, str, float, str]:
    [row] = query(
        server,
        "SELECT r.status, r.worker_ids, j.step, j.fraction, j.message "
        "FROM tasks_job j JOIN django_tasks_database_dbtaskresult r ON j.task_id = r.id",
    )
    return row


def beating(server: Server, name: str) -> bool:
    return bool(query(server, "SELECT 1 FROM tasks_workerbeat WHERE worker_id = ?", name))


def start_import(server: Server, name: str) -> tuple[Browser, subprocess.Popen[str]]:
    """A worker, then the controller's upload of a large ledger: queued, then running."""
    worker = start_worker(server, name, STYRA_WORKER_STALE_SECONDS=STALE)
    wait_until("the first worker beats", lambda: beating(server, name))
    controller = Browser(server).sign_in("ekonom")
    status, page, location = controller.upload(
        f"{PERIOD}sie/", {"kind": "ledger"}, "file", "huvudbok-stor.se", big_ledger(ROWS)
    )
    assert status == 302, page[:2000]
    assert "/uppgift/" in location  # to the job's page: a worker does it, not the request
    wait_until("the import runs", lambda: task(server)[2].startswith("Läser och kontrollerar"))
    return controller, worker


def kill(worker: subprocess.Popen[str]) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)


def test_a_killed_import_leaves_nothing_and_another_worker_finishes_it(server: Server) -> None:
    before = data_state(server)
    controller, first = start_import(server, "forsta")
    kill(first)
    assert task(server)[0] == "RUNNING"  # as the killed worker left it
    assert data_state(server) == before  # its transaction never committed

    second = start_worker(server, "andra", STYRA_WORKER_STALE_SECONDS=STALE)
    try:
        status, worker_ids, step, fraction, message = wait_until(
            "the second worker finishes the task",
            lambda: (found := task(server))[0] in ("SUCCESSFUL", "FAILED") and found,
        )
    finally:
        second.terminate()
        second.wait(timeout=60)
    assert status == "SUCCESSFUL", message
    assert "forsta" in worker_ids and "andra" in worker_ids
    assert (step, fraction) == ("Klart", 1.0)
    assert "huvudbok-stor.se är läst och klar att granskas" in message
    after = data_state(server)
    new = [row for row in after["imports"] if row not in before["imports"]]
    assert [state for _pk, state in new] == ["pending"]  # exactly one, whole
    assert (after["ledger"], after["budget"]) == (before["ledger"], before["budget"])
    job_page = controller.request(f"{PERIOD}uppgift/{job_id(server)}/")[1]
    assert f"{PERIOD}sie/{new[0][0]}/" in job_page  # on to the preview, to confirm there


def job_id(server: Server) -> str:
    [(pk,)] = query(server, "SELECT task_id FROM tasks_job")
    return str(pk) if "-" in str(pk) else _dashed(str(pk))


def _dashed(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def test_a_task_killed_with_no_attempts_left_is_marked_failed_in_swedish(
    tmp_path: Path,
) -> None:
    env = {
        "STYRA_SERVE_WORKER": "0",
        "STYRA_WORKER_STALE_SECONDS": STALE,
        "STYRA_TASK_ATTEMPTS": "1",
    }
    with serve(tmp_path / "data", workers=1, **env) as server:
        before = data_state(server)
        controller, first = start_import(server, "forsta")
        kill(first)
        second = start_worker(server, "andra", **env)
        try:
            status, _ids, _step, _fraction, message = wait_until(
                "the second worker gives the task up",
                lambda: (found := task(server))[0] in ("SUCCESSFUL", "FAILED") and found,
            )
        finally:
            second.terminate()
            second.wait(timeout=60)
        assert status == "FAILED"
        assert message.startswith("Det gick inte: arbetsprocessen avbröts mitt i steget")
        assert "Läser och kontrollerar huvudbok-stor.se" in message
        assert "Ingenting sparades" in message
        assert data_state(server) == before
        page = controller.request(f"{PERIOD}uppgift/{job_id(server)}/")[1]
        assert "Ingenting sparades" in page and f"{PERIOD}sie/" in page
