"""Adoption is a real lock: saves racing an adoption against a live server.

Several people save indicator values as fast as they can while the controller adopts the
period. Whatever the order the server takes them in, the adopted version must hold exactly
the figures the database holds afterwards, and no change may land after the adoption
outside a correction. Between rounds a correction is opened, so each round races a fresh
adoption. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set (``.ci/run`` does both,
with ``STYRA_RACE_ROUNDS=20``).
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import Browser, Server, serve

PERIOD = "n/sydnarkes-it/2024-helar/"
SAVERS = 6
ROUNDS = int(os.environ.get("STYRA_RACE_ROUNDS", "3"))
VERSION = re.compile(r'name="version" value="(\d+)"')


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("styra-race"), workers=2) as found:
        yield found


def query(server: Server, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """The database as it is, read beside the server (never through it)."""
    if server.database_url:
        import psycopg

        with psycopg.connect(server.database_url) as conn:
            return list(conn.execute(sql.replace("?", "%s"), args).fetchall())
    with sqlite3.connect(server.sqlite_path, timeout=30) as conn:
        return list(conn.execute(sql, args).fetchall())


def indicator_ids(server: Server) -> list[int]:
    rows = query(
        server,
        "SELECT i.id FROM followup_indicator i JOIN followup_goal g ON i.goal_id = g.id "
        "JOIN followup_period p ON g.period_id = p.id "
        "JOIN followup_committee k ON p.committee_id = k.id "
        "WHERE p.slug = ? AND k.slug = 'sydnarkes-it' AND i.derived = '' "
        "ORDER BY i.id",
        "2024-helar",
    )
    return [r[0] for r in rows]


def saver(server: Server, ids: list[int], stop: threading.Event, log: list[Any]) -> None:
    browser = Browser(server).sign_in("ekonom")
    while not stop.is_set():
        pk = random.choice(ids)
        path = f"{PERIOD}indikator/{pk}/"
        status, page = browser.request(path)
        found = VERSION.search(page)
        if status != 200 or not found:
            log.append(("read", status))
            continue
        value = str(random.randint(1, 10_000))
        page, token = browser.form(path)
        status, _ = browser.request(
            path,
            {
                "csrfmiddlewaretoken": token,
                "value": value,
                "value_justification": "Kapplöpningstest",
                "analysis": f"Sparat {value}",
                "override_status": "",
                "override_justification": "",
                "version": found.group(1),
            },
        )
        log.append((pk, value, status, time.monotonic()))


def adopted_figures(server: Server, number: int) -> dict[str, Decimal | None]:
    [(raw,)] = query(
        server,
        "SELECT v.data FROM followup_reportversion v JOIN followup_period p "
        "ON v.period_id = p.id JOIN followup_committee k ON p.committee_id = k.id "
        "WHERE p.slug = ? AND k.slug = 'sydnarkes-it' AND v.number = ?",
        "2024-helar",
        number,
    )
    data = raw if isinstance(raw, dict) else json.loads(raw)
    return {
        ind["id"]: None if ind["value"] is None else Decimal(ind["value"])
        for goal in data["goals"]
        for ind in goal["indicators"]
    }


def database_figures(server: Server) -> dict[str, Decimal | None]:
    rows = query(
        server,
        "SELECT i.key, r.value FROM followup_result r "
        "JOIN followup_indicator i ON r.indicator_id = i.id "
        "JOIN followup_goal g ON i.goal_id = g.id JOIN followup_period p ON g.period_id = p.id "
        "JOIN followup_committee k ON p.committee_id = k.id "
        "WHERE p.slug = ? AND k.slug = 'sydnarkes-it' AND i.derived = ''",
        "2024-helar",
    )
    return {key: None if value in (None, "") else Decimal(value) for key, value in rows}


def adoption_change(server: Server, number: int) -> int:
    [(change_id,)] = query(
        server,
        "SELECT c.id FROM followup_change c JOIN followup_period p ON c.period_id = p.id "
        "JOIN followup_committee k ON p.committee_id = k.id "
        "WHERE p.slug = ? AND k.slug = 'sydnarkes-it' AND c.field = 'state' "
        "AND (c.note = ? OR c.note LIKE ?)",  # adopted with items left: "…; fastställd med …"
        "2024-helar",
        f"rapportversion {number}",
        f"rapportversion {number};%",
    )
    return int(change_id)


def changes_after(server: Server, change_id: int) -> list[tuple[Any, ...]]:
    return query(
        server,
        "SELECT id, item_kind, field, new FROM followup_change WHERE id > ? "
        "AND correction_id IS NULL",
        change_id,
    )


def test_no_save_lands_after_an_adoption(server: Server) -> None:
    ids = indicator_ids(server)
    controller = Browser(server).sign_in("ekonom")
    for number in range(1, ROUNDS + 1):
        stop = threading.Event()
        log: list[Any] = []
        threads = [
            threading.Thread(target=saver, args=(server, ids, stop, log)) for _ in range(SAVERS)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while sum(len(e) == 4 and e[2] == 302 for e in log) < SAVERS:  # all of them at work
            assert time.monotonic() < deadline, log
            time.sleep(0.05)
        time.sleep(random.uniform(0, 0.3))
        status, page = controller.post(f"{PERIOD}faststall/", {"reason": "Provkörning."})
        adopted_at = time.monotonic()
        assert status == 302, page[:2000]
        time.sleep(0.5)  # saves that started before the adoption land or are refused now
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        saved = [e for e in log if len(e) == 4 and e[2] == 302]
        refused = [e for e in log if len(e) == 4 and e[2] == 409]
        assert saved, f"round {number}: no save got through before the adoption"
        assert refused, f"round {number}: no save was tried after the adoption"
        assert not [e for e in saved if e[3] > adopted_at + 0.5]
        assert {e[2] for e in log if len(e) == 4} <= {302, 409}, log

        adopted = adopted_figures(server, number)
        now = database_figures(server)
        assert {k: adopted[k] for k in now} == now, f"round {number}"
        assert changes_after(server, adoption_change(server, number)) == [], f"round {number}"

        if number < ROUNDS:
            status, page = controller.post(
                f"{PERIOD}rattelse/", {"justification": f"Omgång {number + 1} av testet"}
            )
            assert status == 302, page[:2000]


def test_the_database_and_data_folder_are_private(server: Server) -> None:
    data: Path = server.data
    assert data.stat().st_mode & 0o777 == 0o700
    if not server.database_url:
        assert server.sqlite_path.stat().st_mode & 0o777 == 0o600
        for suffix in ("-wal", "-shm"):
            extra = server.sqlite_path.with_name(server.sqlite_path.name + suffix)
            if extra.exists():
                assert extra.stat().st_mode & 0o777 == 0o600, extra
