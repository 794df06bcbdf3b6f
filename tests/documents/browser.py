"""Debian's Chromium driven by Playwright, and axe-core from npm in a cache directory.

Playwright never downloads a browser here (no ``playwright install``): it drives
/usr/bin/chromium. axe-core is installed once with npm into ``~/.cache/styra/axe`` (or
``STYRA_AXE_DIR``). Locally a missing piece skips the test with the reason; in CI
(``CI=true``), where .ci/run installs Chromium, it fails instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.browser import ARGS, CHROMIUM, chromium, unavailable

__all__ = ["ARGS", "CHROMIUM", "axe_script", "chromium"]

AXE_VERSION = "4.14.1"
AXE_DIR = Path(os.environ.get("STYRA_AXE_DIR", Path.home() / ".cache" / "styra" / "axe"))


def axe_script() -> Path:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        unavailable("npm saknas: axe-core kan inte installeras")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(npm), "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund",
         f"axe-core@{AXE_VERSION}"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0 or not script.is_file():
        unavailable(f"axe-core kunde inte installeras: {result.stderr[-300:]}")
    return script
