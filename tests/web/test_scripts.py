"""The shell scripts around the web application, run with stand-ins for the system's tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def path_without_uv(bin_dir: Path) -> str:
    """Our stand-ins first, then the system's tools, none of which is uv or python3."""
    system = bin_dir.parent / "system"
    system.mkdir()
    for tool in ("bash", "sh", "dirname", "cat", "ls", "sort", "tail", "grep", "awk", "seq",
                 "sleep", "env", "chmod", "mkdir", "touch", "test", "echo"):  # fmt: skip
        found = shutil.which(tool)
        if found:
            (system / tool).symlink_to(found)
    return f"{bin_dir}:{system}"


def run(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script],
        env={"HOME": str(tmp_path / "home"), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bootstrap_without_pip_says_how_to_get_it(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub(bin_dir, "python3", "exit 1")  # no pip, and ensurepip disabled, as on Debian
    done = run(f"source {ROOT}/scripts/_bootstrap.sh", tmp_path, PATH=path_without_uv(bin_dir))
    assert done.returncode == 1
    assert "sudo apt-get install python3-pip" in done.stderr
    assert "https://docs.astral.sh/uv/" in done.stderr


def test_bootstrap_adds_pip_with_ensurepip_then_installs_uv(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    home = tmp_path / "home"
    log = tmp_path / "log"
    stub(
        bin_dir,
        "python3",
        f"""echo "python3 $*" >> {log}
case "$*" in
  "-m ensurepip --user") touch {tmp_path}/pip ;;
  "-m pip --version") test -e {tmp_path}/pip ;;
  "-m pip install --quiet --user uv")
    mkdir -p {home}/.local/bin
    printf '#!/bin/sh\\necho "uv $*" >> {log}\\n' > {home}/.local/bin/uv
    chmod +x {home}/.local/bin/uv ;;
  *) exit 1 ;;
esac""",
    )
    done = run(f"source {ROOT}/scripts/_bootstrap.sh", tmp_path, PATH=path_without_uv(bin_dir))
    assert done.returncode == 0, done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert "python3 -m ensurepip --user" in calls
    assert calls[-1] == "uv sync --frozen --all-extras --quiet"


def test_postgres_start_moves_an_existing_cluster_to_the_port_asked_for(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    stub(bin_dir, "ls", "echo 15")
    stub(bin_dir, "pg_lsclusters", "echo '15  main    5432 online postgres /var/lib/x /var/log/x'")
    for tool in ("pg_createcluster", "pg_conftool", "pg_ctlcluster"):
        stub(bin_dir, tool, f'echo "{tool} $*" >> {log}')
    stub(bin_dir, "su", f'cat > /dev/null; echo "su $*" >> {log}')
    done = run(
        f"{ROOT}/.ci/postgres-start", tmp_path, PATH=path_without_uv(bin_dir), STYRA_PG_PORT="5433"
    )
    assert done.returncode == 0, done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert "pg_conftool 15 main set port 5433" in calls
    assert "pg_ctlcluster 15 main restart" in calls
    assert not any(c.startswith("pg_createcluster") for c in calls)
    assert "su postgres -c psql -q -p 5433" in calls
