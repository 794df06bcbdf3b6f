"""``styra serve`` on the embedded database starts its own worker (so the default needs no
extra service), and the worker does not outlive it, even when serve is killed."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tests.web.live import query, serve, wait_until


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (ProcessLookupError, FileNotFoundError):
        return False
    return state != "Z"  # a zombie has stopped, waiting for its parent to notice


def workers_of(data: Path) -> list[int]:
    """The ``styra worker`` processes running on the data directory ``data``. serve starts
    its worker before it listens, so once it answers, the worker is there."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            environment = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"worker" in command and f"STYRA_DATA_DIR={data}".encode() in environment:
            found.append(int(proc.name))
    return found


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[1])


def test_serve_starts_a_worker_that_stops_when_serve_is_killed(tmp_path: Path) -> None:
    env = {"STYRA_WORKER_STALE_SECONDS": "4"}
    with serve(tmp_path / "data", workers=1, postgres=False, **env) as server:
        [pid] = workers_of(server.data)
        beat = "SELECT pid FROM tasks_workerbeat"
        assert wait_until("serve's worker beats", lambda: query(server, beat)) == [(pid,)]
        serve_pid = parent_of(pid)
        assert "serve" in Path(f"/proc/{serve_pid}/cmdline").read_text()
        os.kill(serve_pid, signal.SIGKILL)  # no chance to stop its worker itself
        wait_until("the worker notices and stops", lambda: not alive(pid), seconds=30)


def test_serve_told_not_to_starts_no_worker(tmp_path: Path) -> None:
    with serve(tmp_path / "data", workers=1, postgres=False, STYRA_SERVE_WORKER="0") as server:
        assert workers_of(server.data) == []
