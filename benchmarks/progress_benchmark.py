"""What the command line's progress bar costs the SIE reader: read time with and without it.

    uv run python benchmarks/progress_benchmark.py [--rows 1000000] [--runs 5]

Generates a SIE 4E file of N #TRANS rows (``sie_benchmark.generate``) and reads it with
``styra.sie.formats.read``, by the compiled kernel and by the pure-Python path, each time
in a fresh subprocess: plain (no one listens, as in a pipe), and with a real tqdm bar
listening (``styra.command.reading_bar``'s bar, drawn into a buffer instead of a terminal).
Prints the median of the runs and the ratio; the bar is told once per mebibyte read.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sie_benchmark import generate

READ = """
import io, sys, time
from pathlib import Path
from styra.progress import listening
from styra.sie.formats import read
path, bar = Path(sys.argv[1]), sys.argv[2] == "bar"
start = time.perf_counter()
if bar:
    from tqdm import tqdm
    sink = io.StringIO()
    with tqdm(total=path.stat().st_size, unit="B", unit_scale=True, file=sink) as t:
        with listening(t.update):
            result = read(path)
else:
    result = read(path)
assert result.document is not None
print(time.perf_counter() - start)
"""


def once(path: Path, kernel: str, bar: bool) -> float:
    env = {"STYRA_SIE_KERNEL": kernel, "PATH": "/usr/bin:/bin"}
    argv = [sys.executable, "-c", READ, str(path), "bar" if bar else "plain"]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    return float(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, _csv = generate(args.rows, Path(tmp))
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,} rows, {size:.0f} MiB; median of {args.runs} runs each")
        for kernel, name in (("1", "compiled kernel"), ("0", "pure Python")):
            times: dict[bool, list[float]] = {False: [], True: []}
            for _ in range(args.runs):  # interleaved, so drift hits both alike
                for bar in (False, True):
                    times[bar].append(once(path, kernel, bar))
            plain, shown = statistics.median(times[False]), statistics.median(times[True])
            print(
                f"  {name:16} plain {plain:6.3f} s   with bar {shown:6.3f} s   "
                f"ratio {shown / plain:5.3f}   spread plain "
                f"{min(times[False]):.3f}-{max(times[False]):.3f} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
