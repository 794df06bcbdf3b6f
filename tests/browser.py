"""Debian's Chromium for the browser tests, driven by Playwright (never a downloaded browser).

Locally a missing browser skips the test with the reason; in CI (``CI=true``), where
.ci/run installs Chromium, it fails instead, so a browser test can never pass unseen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling hosts this closed
# network refuses.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> Path:
    if not CHROMIUM.is_file():
        unavailable("Debians chromium saknas (apt-get install chromium); .ci/run installerar den")
    return CHROMIUM
