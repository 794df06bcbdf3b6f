"""Stateless servers: two ``styra serve`` processes and one ``styra worker`` on one
PostgreSQL database. A person signed in on one server works on the other, and a SIE file
uploaded through one is read by the worker and shown done on the other.

Needs DATABASE_URL (``.ci/run``'s PostgreSQL pass sets it); skipped without.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.web.live import (
    Browser,
    Server,
    big_ledger,
    fresh_database,
    postgres_url,
    query,
    serve,
    start_worker,
    wait_until,
)

pytestmark = [pytest.mark.postgres]

PERIOD = "n/sydnarkes-it/2024-helar/"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    base = postgres_url()
    if not base:
        pytest.skip("behöver PostgreSQL (DATABASE_URL); .ci/run sätter den")
    # One data directory: the secret key that signs sessions, and the demo accounts, are
    # kept there; in a deployment both servers get STYRA_SECRET_KEY instead.
    data = tmp_path_factory.mktemp("styra-data")
    # The first start migrates and loads the example; the second finds them done.
    with (
        fresh_database(base) as url,
        serve(data, workers=1, database_url=url, STYRA_SERVE_WORKER="0") as first,
        serve(data, workers=1, database_url=url, STYRA_SERVE_WORKER="0") as second,
    ):
        yield first, second


def on(server: Server, browser: Browser) -> Browser:
    """The same browser (its cookies) talking to another server."""
    other = Browser(server)
    for cookie in browser.jar:
        other.jar.set_cookie(cookie)
    return other


def test_a_person_signed_in_on_one_server_works_on_the_other(
    servers: tuple[Server, Server],
) -> None:
    first, second = servers
    controller = Browser(first).sign_in("ekonom")
    there = on(second, controller)
    page, token = there.form(PERIOD)
    assert "Eva Ekonom" in page  # the person, not the sign-in page
    # Signing out on the second server ends the session on the first: one session store.
    status, _ = there.request("konto/logga-ut/", {"csrfmiddlewaretoken": token})
    assert status == 302
    status, _ = controller.request(PERIOD)
    assert status == 302  # to the sign-in page


def test_a_task_started_on_one_server_is_finished_by_the_worker_and_seen_on_the_other(
    servers: tuple[Server, Server],
) -> None:
    first, second = servers
    worker = start_worker(first, "delad-arbetare")
    try:
        beat = "SELECT 1 FROM tasks_workerbeat WHERE worker_id = ?"
        wait_until("the worker beats", lambda: query(first, beat, "delad-arbetare"))
        # Signed in on the first server, the file goes up through the second.
        controller = on(second, Browser(first).sign_in("ekonom"))
        status, page, location = controller.upload(
            f"{PERIOD}sie/", {"kind": "ledger"}, "file", "huvudbok-delad.se", big_ledger(40_000)
        )
        assert status == 302, page[:2000]
        job = re.search(r"/uppgift/([0-9a-f-]{36})/", location)
        assert job, location
        there = on(first, controller)

        def done() -> str:
            status, page = there.request(f"{PERIOD}uppgift/{job.group(1)}/")
            assert status == 200, page[:500]
            return page if "Granska och bekräfta" in page else ""

        page = wait_until("the job's page on the other server says done", done, every=0.5)
        assert "huvudbok-delad.se är läst och klar att granskas" in page
        [(worker_ids,)] = query(
            first,
            "SELECT worker_ids::text FROM django_tasks_database_dbtaskresult WHERE id = ?",
            job.group(1),
        )
        assert worker_ids == '["delad-arbetare"]'
        preview = re.search(r'href="/(n/[^"]+/sie/\d+/)"', page)
        assert preview, page
        status, page = there.request(preview.group(1))
        assert status == 200 and "huvudbok-delad.se" in page
    finally:
        worker.terminate()
        worker.wait(timeout=60)
