"""Start-up: a command loads what it uses, and ``styra --help`` nothing but argparse.

The time is measured by ``benchmarks/startup_benchmark.py``; these tests keep the imports
that made it slow (python-docx, Typst, openpyxl with Pillow, Django, 250 countries of
holidays) from creeping back in where they are not used.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"
DOCUMENTS = ("docx", "typst", "PIL", "openpyxl", "django", "markdown_it")


def loaded_by(*argv: str) -> set[str]:
    """The modules a fresh process has loaded after running ``styra ARGV``."""
    code = (
        "import sys\nfrom styra.cli import main\n"
        f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return set(done.stderr.splitlines()[-1].split())


def among(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages or m.startswith(packages))


def test_help_loads_no_command_and_no_library() -> None:
    modules = loaded_by("--help")
    assert among(modules, "styra.core", "styra.folder", "styra.sie", "styra.sources",
                 "styra.web", "styra.archive", "styra.problems", "holidays", "yaml",
                 "dataclasses", "typing", "pathlib", *DOCUMENTS) == []  # fmt: skip


def test_a_json_report_loads_no_document_library_and_one_country(tmp_path: Path) -> None:
    modules = loaded_by("report", str(EXAMPLE), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert (tmp_path / "r.json").exists()
    assert among(modules, *DOCUMENTS) == []
    assert "holidays.countries.sweden" in modules
    assert among(modules, "holidays.countries") == ["holidays.countries.sweden"]


@pytest.mark.parametrize(
    ("argv", "unused"),
    [
        (("sie", "--help"), ("styra.web", "styra.folder", "django")),
        (("serve", "--help"), ("styra.sie", "styra.folder", "django")),
        (("verify", "--help"), ("styra.web", "django")),
    ],
)
def test_a_commands_help_loads_neither_django_nor_another_command(
    argv: tuple[str, ...], unused: tuple[str, ...]
) -> None:
    modules = loaded_by(*argv)
    assert among(modules, *unused, *DOCUMENTS) == []
