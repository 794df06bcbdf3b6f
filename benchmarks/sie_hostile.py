"""Hostile SIE files: time and peak memory of ``read`` against reading the example ledger.

    uv run python benchmarks/sie_hostile.py [--repeat 3] [--big]

Writes, in a temporary folder, files that try to make the reader hold or scan too much:
one quoted field of 15 MB (issue 9: it cost a worker 1.9 GB), the same unquoted, a line of
30,000 escaped quotes with no closing one (exponential for the tokenizer before the
bounds), and 200 lines just under the line limit with fields just under the field limit
(the most memory a line may legally hold), and 300 such lines of one-letter fields (the
most tokens). ``--big`` adds one line of 200 MB. Each case runs
in its own subprocess, which reports its wall and CPU time and its peak resident memory
(``VmHWM``, else ``ru_maxrss``); the best of ``--repeat`` runs is shown, with the ratio of
its time to the baseline's (the example ledger read the same way: from the path, from
bytes in memory, or by the pure-Python path), that ratio per MB of file, and its peak and
extra peak memory over the baseline's, in MB.
The issue's bound for the 15 MB field is under 2 s and under 100 MB extra.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024" / "ledger.se"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.sie.peak import PEAK_MB  # noqa: E402

from styra.sie.lexer import MAX_FIELD_BYTES, MAX_LINE_BYTES  # noqa: E402

HEAD = (
    b"#FLAGGA 0\n#PROGRAM Bench 1\n#FORMAT PC8\n#GEN 20250101\n#SIETYP 4\n#FNAMN Bench\n"
    b"#RAR 0 20240101 20241231\n"
)
CHILD = (
    """
import json, resource, sys, time
from pathlib import Path
from typing import Any
from styra.sie.reader import read_with
"""
    + PEAK_MB
    + """
path, kind = Path(sys.argv[1]), sys.argv[2]
source = path.read_bytes() if kind == "bytes" else path
before = peak_mb()
wall, cpu = time.perf_counter(), time.process_time()
result = read_with(source, name=path.name, kernel=kind != "pure")
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
    "before": before, "peak": peak_mb(), "problems": len(result.problems),
    "codes": sorted({p.code for p in result.problems})}))
"""
)


def _quoted_field(folder: Path) -> Path:
    return _write(folder / "quoted-15mb.se", b'#KONTO 1910 "' + b"a" * 15_000_000 + b'"\n')


def _bare_line(folder: Path) -> Path:
    return _write(folder / "bare-15mb.se", b"#KONTO 1910 " + b"a" * 15_000_000 + b"\n")


def _escaped_quotes(folder: Path) -> Path:
    return _write(folder / "escaped-quotes.se", b'#PROSA "' + b'\\"' * 30_000 + b"x\n")


def _near_limits(folder: Path) -> Path:
    field = b'"' + b"f" * (MAX_FIELD_BYTES - 8) + b'"'
    line = b"#PROSA"
    while len(line) + len(field) + 1 <= MAX_LINE_BYTES:
        line += b" " + field
    return _write(folder / "near-limits.se", (line + b"\n") * 200)


def _many_fields(folder: Path) -> Path:
    line = b"#PROSA" + b" a" * ((MAX_LINE_BYTES - 6) // 2)
    return _write(folder / "many-fields.se", (line + b"\n") * 300)


def _big_line(folder: Path) -> Path:
    path = folder / "one-line-200mb.se"
    with path.open("wb") as handle:
        handle.write(HEAD + b"#PROSA ")
        for _ in range(200):
            handle.write(b"x" * 1_000_000)
        handle.write(b"\n")
    return path


def _write(path: Path, record: bytes) -> Path:
    path.write_bytes(HEAD + record + b'#KONTO 1930 "Bank"\n')
    return path


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("15 MB quoted field (path)", _quoted_field, "path"),
    ("15 MB quoted field (bytes, as uploaded)", _quoted_field, "bytes"),
    ("15 MB quoted field (pure-Python path)", _quoted_field, "pure"),
    ("15 MB unquoted line", _bare_line, "path"),
    ("30,000 escaped quotes, no closing one", _escaped_quotes, "path"),
    ("200 lines at the limits", _near_limits, "path"),
    ("300 lines at the limit of 1-byte fields", _many_fields, "path"),
]


def measure(path: Path, kind: str, repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), kind],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(ROOT / "src")},
        )
        runs.append(json.loads(done.stdout))
    return min(runs, key=lambda run: run["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big", action="store_true", help="also one line of 200 MB")
    args = parser.parse_args()
    cases = CASES + ([("200 MB single line", _big_line, "path")] if args.big else [])
    print(f"limits: line {MAX_LINE_BYTES:,} bytes, field {MAX_FIELD_BYTES:,} bytes")
    print(f"{'case':<42}{'MB':>6}{'wall s':>8}{'cpu s':>7}{'× base':>9}{'per MB':>9}", end="")
    print(f"{'peak':>6}{'extra':>7}")
    bases = {}
    for kind in dict.fromkeys(kind for _label, _make, kind in cases):
        bases[kind] = base = measure(EXAMPLE, kind, args.repeat)
        _row(f"baseline: example ledger.se ({kind})", EXAMPLE, base, base)
    with tempfile.TemporaryDirectory(prefix="sie-hostile-") as tmp:
        for label, make, kind in cases:
            path = make(Path(tmp))
            found = measure(path, kind, args.repeat)
            _row(label, path, found, bases[kind])
            print(f"{'':<42}problems: {', '.join(found['codes']) or 'none'}")
            path.unlink()
    return 0


def _row(label: str, path: Path, found: dict[str, Any], base: dict[str, Any]) -> None:
    size = path.stat().st_size / 1e6
    ratio = found["seconds"] / base["seconds"]
    per_mb = ratio * EXAMPLE.stat().st_size / 1e6 / size
    extra = found["peak"] - base["peak"]
    print(
        f"{label:<42}{size:>6.1f}{found['seconds']:>8.3f}{found['cpu']:>7.3f}"
        f"{ratio:>8.1f}×{per_mb:>8.2f}×{found['peak']:>6.0f}{extra:>+7.0f}"
    )


if __name__ == "__main__":
    sys.exit(main())
