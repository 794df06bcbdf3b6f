"""Start-up: whole ``styra`` processes against ``python -c "import styra"`` in the same run.

    uv run python benchmarks/startup_benchmark.py [--repeat 15]

Targets (issue 10): ``styra --help`` at most 3 times the baseline; ``styra report
examples/sydnarke-it-2024 --format json`` at most 0,8 s. Each command runs once to warm the
bytecode cache, then ``--repeat`` times; the best and the median wall-clock time are shown,
and the ratio of each to the baseline's. Exit status 1 when a target is missed.
``--without-bytecode`` measures the same commands compiling every module in every run.

The processes keep their bytecode in a temporary ``PYTHONPYCACHEPREFIX``, so the figures
are those of an installed Styra even where ``PYTHONDONTWRITEBYTECODE`` is set, as in some
containers; without a bytecode cache every run would compile Styra and its libraries anew.
To see what a command imports: ``python -X importtime -m styra.cli --help 2>&1 | sort -t'|'
-k2 -n | tail``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/sydnarke-it-2024"
HELP_RATIO = 3.0
REPORT_SECONDS = 0.8


def styra() -> list[str]:
    """The installed ``styra`` script beside this Python, or the module when there is none."""
    script = Path(sys.executable).with_name("styra")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "styra.cli"]


def timings(
    commands: dict[str, list[str]], repeat: int, env: dict[str, str]
) -> dict[str, list[float]]:
    """Wall-clock seconds of ``repeat`` runs of each command, taken in turns so that a busy
    moment of the machine weighs on all alike, after one run each that warms the cache."""
    for command in commands.values():
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    found: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
            found[name].append(time.perf_counter() - start)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per command (15)")
    parser.add_argument(
        "--without-bytecode",
        action="store_true",
        help="compile every module in every run, as where no bytecode is written",
    )
    options = parser.parse_args()
    repeat = options.repeat
    with tempfile.TemporaryDirectory(prefix="styra-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        if options.without_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"  # and the cache folder stays empty
        commands = {
            'python -c "import styra"': [sys.executable, "-c", "import styra"],
            "styra --help": [*styra(), "--help"],
            "styra check EXEMPEL": [*styra(), "check", EXAMPLE],
            "styra report EXEMPEL --format json": [*styra(), "report", EXAMPLE, "--format", "json"],
        }
        results = timings(commands, repeat, env)
    return show(results, repeat)


def show(results: dict[str, list[float]], repeat: int) -> int:
    base = results['python -c "import styra"']
    best_base, median_base = min(base), statistics.median(base)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{repeat} runs each, {os.cpu_count()} processors, load average {load}")
    print(f"{'command':<40}{'best s':>9}{'median s':>10}{'best ×':>9}{'median ×':>10}")
    for name, found in results.items():
        best, median = min(found), statistics.median(found)
        print(
            f"{name:<40}{best:>9.3f}{median:>10.3f}"
            f"{best / best_base:>9.1f}{median / median_base:>10.1f}"
        )
    help_ratio = min(results["styra --help"]) / best_base
    report = min(results["styra report EXEMPEL --format json"])
    met_help, met_report = help_ratio <= HELP_RATIO, report <= REPORT_SECONDS
    print(f"styra --help: {help_ratio:.1f} × the baseline (target ≤ {HELP_RATIO:g} ×): "
          f"{'met' if met_help else 'MISSED'}")  # fmt: skip
    print(f"styra report --format json: {report:.3f} s (target ≤ {REPORT_SECONDS} s): "
          f"{'met' if met_report else 'MISSED'}")  # fmt: skip
    return 0 if met_help and met_report else 1


if __name__ == "__main__":
    sys.exit(main())
