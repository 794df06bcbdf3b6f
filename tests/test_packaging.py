"""The wheel and the command line without the web application (issue 10, item 11).

scripts/check-wheel (run by .ci/run) installs the wheel into fresh virtual environments and
serves the demo from it; these tests check the parts that need no installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from styra.examples import CHECKOUT, example_folder
from styra.examples.cli import target_problem

ROOT = Path(__file__).resolve().parents[1]
WEB_ONLY = ("django", "gunicorn", "psycopg", "whitenoise", "axes", "dj_database_url", "nh3")


def styra_without_the_web_extra(*commands: list[str]) -> subprocess.CompletedProcess[str]:
    """Each ``styra`` command in turn, in one process where none of the web extra's modules
    can be imported; the exit code is the first that is not 0."""
    program = (
        "import sys\n"
        f"sys.modules.update(dict.fromkeys({WEB_ONLY!r}))\n"  # None: the import fails
        "from styra.cli import main\n"
        f"codes = [main(command) for command in {list(commands)!r}]\n"
        "sys.exit(next((code for code in codes if code), 0))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.slow
def test_the_command_line_checks_and_reports_without_the_web_extra(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    done = styra_without_the_web_extra(
        ["check", str(CHECKOUT)], ["report", str(CHECKOUT), "--output", str(out)]
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


@pytest.mark.parametrize("command", [["serve"], ["manage", "check"]])
def test_serve_without_the_web_extra_says_in_swedish_how_to_install_it(
    command: list[str],
) -> None:
    done = styra_without_the_web_extra(command)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Styra startar inte: webbapplikationen är inte installerad")
    assert 'pip install "styra[web]"' in done.stderr


@pytest.mark.slow
def test_the_example_command_writes_a_folder_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "exempel"
    done = styra_without_the_web_extra(["example", str(target)], ["check", str(target)])
    assert done.returncode == 0, done.stderr
    assert f"styra check {target}" in done.stdout
    assert "Inga fel" in done.stdout
    assert example_files(target) == example_files(example_folder())
    assert not list(target.rglob("__pycache__"))


def test_the_example_command_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    done = styra_without_the_web_extra(["example", str(tmp_path)])
    assert done.returncode == 2
    assert "finns redan och är inte tom" in done.stderr
    assert target_problem(tmp_path / "x.txt") == f"{tmp_path / 'x.txt'} är en fil; ange en mapp"
    assert target_problem(tmp_path / "saknas" / "ny") == f"mappen {tmp_path / 'saknas'} finns inte"
    assert target_problem(tmp_path / "ny") == ""


def example_files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("uv is not on PATH; scripts/test puts it there")
        pytest.skip("uv is not on PATH (scripts/test puts it there)")
    return found


@pytest.mark.slow
def test_the_wheel_carries_the_example_and_keeps_the_web_behind_its_extra(
    tmp_path: Path,
) -> None:
    built = subprocess.run(
        [uv(), "build", "--wheel", "--out-dir", str(tmp_path), "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("styra-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged = {
            name.removeprefix("styra/examples/sydnarke-it-2024/"): archive.read(name)
            for name in names
            if name.startswith("styra/examples/sydnarke-it-2024/")
        }
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    assert packaged == example_files(CHECKOUT)
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    requires = metadata.get_all("Requires-Dist") or []
    core = {r.split(";")[0] for r in requires if "extra ==" not in r}
    web = {r.split(";")[0] for r in requires if "extra == 'web'" in r}
    assert not [r for r in core if r.lower().startswith(("django", "gunicorn", "psycopg"))]
    assert {r.split("<")[0].split(">")[0].split("[")[0] for r in web} >= {
        "django",
        "gunicorn",
        "psycopg",
        "whitenoise",
    }
