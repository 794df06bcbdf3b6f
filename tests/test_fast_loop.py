"""The fast loop (``scripts/test --fast``) and the suite's demand for the SIE sample corpus.

The slow list is checked statically (by reading the test modules), so these checks hold
whatever part of the suite a run collects.
"""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import slow_tests

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def _marked_slow(decorators: list[ast.expr]) -> bool:
    return any("mark.slow" in ast.unparse(d) for d in decorators)


@functools.cache
def module_tests(path: Path) -> dict[str, bool]:
    """Each test in a module, as its id after ``::``, and whether a decorator marks it slow."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, bool] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            found[node.name] = _marked_slow(node.decorator_list)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for method in node.body:
                if isinstance(method, ast.FunctionDef) and method.name.startswith("test"):
                    slow = _marked_slow(node.decorator_list + method.decorator_list)
                    found[f"{node.name}::{method.name}"] = slow
    return found


def module_marked_slow(path: Path) -> bool:
    """Whether ``pytestmark`` marks the whole module slow."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Assign)
        and "pytestmark" in ast.unparse(node.targets[0])
        and "mark.slow" in ast.unparse(node.value)
        for node in tree.body
    )


MODULES = sorted(TESTS.rglob("test_*.py"))


def test_every_entry_of_the_slow_list_names_a_test_or_module_that_exists() -> None:
    unknown = []
    for entry in sorted(slow_tests()):
        file, _, name = entry.partition("::")
        path = ROOT / file
        if not path.is_file() or (name and name not in module_tests(path)):
            unknown.append(entry)
    assert unknown == [], "tests/slow.txt names tests that do not exist (renamed?)"


def test_every_test_module_keeps_a_fast_test_unless_listed_whole() -> None:
    slow = slow_tests()
    without = []
    for path in MODULES:
        file = path.relative_to(ROOT).as_posix()
        if file in slow:  # listed whole, with its reason
            continue
        if module_marked_slow(path):
            without.append(file)
            continue
        tests = module_tests(path)
        fast = [n for n, marked in tests.items() if not marked and f"{file}::{n}" not in slow]
        if tests and not fast:
            without.append(file)
    assert without == [], (
        "the fast loop would leave these modules out entirely: keep one fast test in each, "
        "or list the module whole in tests/slow.txt with the reason"
    )


CORPUS_TESTS = """
import pytest
from tests.sie.conftest import SKIP_REASON

def test_a_sample_skipped_at_run_time():
    pytest.skip(SKIP_REASON)

@pytest.mark.skipif(True, reason=SKIP_REASON)
def test_a_sample_skipped_by_its_mark():
    pass

def test_something_else_skipped():
    pytest.skip("inte här")
"""


def run_with_the_root_conftest(
    tmp_path: Path, ci: str | None, *, absent: bool = False
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_corpus.py").write_text(CORPUS_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "STYRA_SIE_SAMPLES_ABSENT")}
    env["PYTHONPATH"] = str(ROOT)
    if ci is not None:
        env["CI"] = ci
    if absent:
        env["STYRA_SIE_SAMPLES_ABSENT"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:django",
         "-p", "no:cacheprovider", "-q", "-rfs", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ci", "outcome"),
    [
        ("true", "1 failed, 1 skipped, 1 error"),
        (None, "3 skipped"),
    ],
)
def test_a_missing_sample_corpus_fails_under_ci_and_skips_elsewhere(
    tmp_path: Path, ci: str | None, outcome: str
) -> None:
    done = run_with_the_root_conftest(tmp_path, ci)
    assert done.stdout.splitlines()[-1].startswith(outcome), done.stdout
    assert done.returncode == (1 if ci else 0)


@pytest.mark.slow
def test_a_machine_found_without_the_corpus_skips_it_loudly_under_ci(tmp_path: Path) -> None:
    """.ci/run sets STYRA_SIE_SAMPLES_ABSENT only after looking everywhere; then the skips
    stand, and the summary counts them."""
    done = run_with_the_root_conftest(tmp_path, "true", absent=True)
    assert done.stdout.splitlines()[-1].startswith("3 skipped"), done.stdout
    assert "2 tests did not read the SIE sample corpus" in done.stdout
    assert done.returncode == 0
