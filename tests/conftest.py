"""For the whole suite: the fast loop's slow tests, and CI's demand for the SIE sample corpus.

- ``tests/slow.txt`` lists the tests that the fast loop (``scripts/test --fast``, that is
  ``-m "not slow"``) leaves out; they are marked ``slow`` here, before pytest selects by
  marker. A list rather than decorators in each module: one place to read, to measure against
  and to check (tests/test_fast_loop.py).
- Under ``CI=true`` a test skipped because the SIE sample corpus (../shared/sie-samples) is
  missing fails instead, as a browser test does without Chromium (tests/browser.py): CI has
  the corpus, and hundreds of quiet skips would hide that the reader never met a real export.
  The one exception is a machine that ``.ci/run`` has found without the corpus anywhere: it
  says so on its first line and sets ``STYRA_SIE_SAMPLES_ABSENT=1``, since the corpus cannot
  be fetched from the package registries; the skips are then counted in the summary.
- Corpus skips are never quiet: the summary ends with how many there were and why.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from tests.sie.conftest import SAMPLES

SLOW_LIST = Path(__file__).with_name("slow.txt")
_CORPUS_SKIPS: set[str] = set()


def slow_tests(path: Path = SLOW_LIST) -> set[str]:
    """The listed test ids (``tests/x.py::test_y``) and whole modules (``tests/x.py``),
    without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {entry for entry in (line.split("#", 1)[0].strip() for line in lines) if entry}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slow = slow_tests()
    for item in items:
        test = item.nodeid.split("[", 1)[0]
        if test in slow or test.split("::", 1)[0] in slow:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not (report.skipped and str(SAMPLES) in str(report.longrepr)):
        return report
    _CORPUS_SKIPS.add(item.nodeid)
    if os.environ.get("CI") and not os.environ.get("STYRA_SIE_SAMPLES_ABSENT"):
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true and the SIE sample corpus is missing at {SAMPLES}: the full suite "
            "reads every sample there, so CI must have it (see README.md)."
        )
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _CORPUS_SKIPS:
        terminalreporter.write_line(
            f"{len(_CORPUS_SKIPS)} tests did not read the SIE sample corpus: it is missing at "
            f"{SAMPLES} (see README.md)",
            yellow=True,
            bold=True,
        )
