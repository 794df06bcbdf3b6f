"""``styra serve`` refuses clearly, in Swedish and before printing anything, when it cannot
start: a port that is taken, a data directory that cannot be made."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def serve(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {  # a user's shell: no settings module, as pytest-django sets one
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STYRA_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))
    }
    environment |= {"STYRA_DATA_DIR": str(tmp_path / "data")} | env
    return subprocess.run(
        [sys.executable, "-m", "styra.cli", "serve", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_port_in_use_is_refused_before_the_banner(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve(tmp_path, "--port", str(port))
    assert done.returncode == 2
    assert done.stderr.strip() == f"Porten {port} används redan; välj en annan med --port N."
    assert done.stdout == ""
    assert not (tmp_path / "data" / "demo-konton.txt").exists()


def test_a_data_directory_that_cannot_be_made_is_a_clear_message(tmp_path: Path) -> None:
    done = serve(tmp_path, "--port", "1", STYRA_DATA_DIR="/proc/styra-finns-inte")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        "Styra startar inte: Datakatalogen /proc/styra-finns-inte går inte att skapa"
    )
    assert done.stdout == ""
