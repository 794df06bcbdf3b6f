"""SIE reader benchmark: read + aggregate time and peak memory, against two baselines.

    uv run python benchmarks/sie_benchmark.py [--sizes 100000,1000000,3000000] [--no-pysie]

Generates, in a temporary folder, 4E files with N #TRANS rows (vouchers of four rows) over
2,000 accounts and 200 objects of dimension 1, and the same rows as CSV. Each measurement
runs in its own subprocess, which reports its wall time and peak resident memory
(``ru_maxrss``):

- styra: ``read(path)`` and then ``outcome(0)`` and ``outcome_by_object("1", 0)``, once by
  the default path (the compiled kernel, where it was built) and once by the pure-Python
  path (``STYRA_SIE_KERNEL=0``); the peak is the process's own (``VmHWM``);
- polars: ``read_csv`` of the same rows (read only, and read + group-by sums);
- pysie-accounting 0.0.2 (PyPI): ``PySIE.open`` on the same file plus summing its parsed
  rows per account (it keeps vouchers as lists and does not aggregate).

The baselines live in a throwaway virtual environment made with uv under the user cache
(``~/.cache/styra-benchmarks``), not in the project: they are measurements, not
dependencies.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ACCOUNTS = 2000
OBJECTS = 200
ROWS_PER_VOUCHER = 4
BASELINE_VENV = Path.home() / ".cache" / "styra-benchmarks" / "venv"
BASELINE_PACKAGES = ("polars", "pandas", "pysie-accounting==0.0.2")

CPU = "def cpu():\n    return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])\n"
PEAK = """
def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss may start at the parent's on Linux).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
STYRA = """
import os, resource, sys, time
from pathlib import Path
from styra.sie import kernel
from styra.sie.reader import read
start, cpu0 = time.perf_counter(), cpu()
result = read(Path(sys.argv[1]))
doc = result.document
outcome, by_object = doc.outcome(0), doc.outcome_by_object("1", 0)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": cpu() - cpu0, "kernel": kernel.enabled(),
    "rows": doc.transaction_count, "accounts": len(outcome), "pairs": len(by_object),
    "problems": len(result.problems), "rss_mb": peak_mb()}))
"""
POLARS = """
import resource, sys, time
import polars as pl
schema = {"object": pl.Utf8, "amount": pl.Decimal(20, 2)}
start, cpu0 = time.perf_counter(), cpu()
frame = pl.read_csv(sys.argv[1], schema_overrides=schema)
read_seconds = time.perf_counter() - start
by_account = frame.group_by("account").agg(pl.col("amount").sum())
by_object = frame.group_by(["account", "object"]).agg(pl.col("amount").sum())
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": cpu() - cpu0,
    "read_seconds": read_seconds, "rows": frame.height,
    "accounts": by_account.height, "pairs": by_object.height,
    "rss_mb": peak_mb()}))
"""
PYSIE = """
import resource, sys, time
import pysie_accounting.pysie as pysie
start, cpu0 = time.perf_counter(), cpu()
sie = pysie.PySIE()
sie.open_trans(sys.argv[2])
sie.open(sys.argv[1])
totals = {}
rows = 0
for _date, _text, _reg, trans in sie.verifikat.values():
    for account, _objects, amount in trans:
        totals[account] = totals.get(account, 0.0) + float(amount)
        rows += 1
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": cpu() - cpu0,
    "rows": rows, "accounts": len(totals), "rss_mb": peak_mb()}))
"""


def generate(rows: int, folder: Path) -> tuple[Path, Path]:
    """A 4E file and a CSV with the same #TRANS rows; ASCII, so every reader can open it."""
    rng = random.Random(rows)
    sie, csv = folder / f"ledger-{rows}.se", folder / f"ledger-{rows}.csv"
    with sie.open("w", encoding="ascii") as out, csv.open("w", encoding="ascii") as table:
        out.write(_header())
        table.write("series,number,date,account,object,amount\n")
        for number in range(1, rows // ROWS_PER_VOUCHER + 1):
            day = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            out.write(f'#VER "A" "{number}" {day} "Verifikation {number}" {day}\n{{\n')
            for account, obj, amount in _voucher_rows(rng):
                text = _amount(amount)
                out.write(f'   #TRANS {account} {{1 "{obj}"}} {text}\n')
                table.write(f"A,{number},{day},{account},{obj},{text}\n")
            out.write("}\n")
    return sie, csv


def _header() -> str:
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "styra-benchmark" 1.0',
        "#FORMAT PC8",
        "#GEN 20261127",
        "#SIETYP 4",
        '#FNAMN "Benchmarks kommun"',
        "#ORGNR 212000-0000",
        "#RAR 0 20240101 20241231",
        "#RAR -1 20230101 20231231",
        '#DIM 1 "Ansvar"',
    ]
    for index in range(ACCOUNTS):
        account = 3000 + index
        lines += [f'#KONTO {account} "Konto {account}"', f"#SRU {account} 7000"]
    lines += [f'#OBJEKT 1 "{obj:04d}" "Ansvar {obj}"' for obj in range(OBJECTS)]
    return "\n".join(lines) + "\n"


def _voucher_rows(rng: random.Random) -> list[tuple[int, str, int]]:
    amounts = [rng.randint(-10_000_000, 10_000_000) for _ in range(ROWS_PER_VOUCHER - 1)]
    amounts.append(-sum(amounts))
    return [
        (3000 + rng.randrange(ACCOUNTS), f"{rng.randrange(OBJECTS):04d}", amount)
        for amount in amounts
    ]


def _amount(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def measure(
    python: str, script: str, *args: Path | str, env: dict[str, str] | None = None
) -> dict[str, float]:
    code = "import json, resource\n" + CPU + PEAK + script
    done = subprocess.run(
        [python, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}  # type: ignore[dict-item]
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def baseline_python(with_pysie: bool) -> str | None:
    python = BASELINE_VENV / "bin" / "python"
    if python.exists():
        return str(python)
    uv = shutil.which("uv")
    if uv is None:
        print("uv saknas: baslinjerna (polars, pysie-accounting) hoppas över")
        return None
    subprocess.run([uv, "venv", "-q", str(BASELINE_VENV)], check=True)
    packages = BASELINE_PACKAGES if with_pysie else BASELINE_PACKAGES[:1]
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), *packages], check=True)
    return str(python)


def _sru_table(folder: Path) -> Path:
    path = folder / "sru.csv"
    path.write_text("SRU,Ink2\n7000,3.1\n", encoding="ascii")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,3000000")
    parser.add_argument("--no-pysie", action="store_true")
    parser.add_argument(
        "--pysie-max",
        type=int,
        default=1_000_000,
        help="largest size to give pysie-accounting (it keeps every line in memory)",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    baseline = baseline_python(not args.no_pysie)
    with tempfile.TemporaryDirectory(prefix="sie-bench-") as tmp:
        folder = Path(tmp)
        sru = _sru_table(folder)
        for size in sizes:
            sie, csv = generate(size, folder)
            with_pysie = not args.no_pysie and size <= args.pysie_max
            _report(Files(size, sie, csv, sru), baseline, with_pysie)
            sie.unlink()
            csv.unlink()
    return 0


@dataclass(frozen=True)
class Files:
    size: int
    sie: Path
    csv: Path
    sru: Path


def _report(files: Files, baseline: str | None, pysie: bool) -> None:
    size, sie, csv, sru = files.size, files.sie, files.csv, files.sru
    mb = sie.stat().st_size / 1e6
    print(f"\n== {size:,} #TRANS rows ({mb:.0f} MB SIE, {csv.stat().st_size / 1e6:.0f} MB CSV)")
    ours = measure(sys.executable, STYRA, sie)
    lines = measure(sys.executable, STYRA, sie, env={"STYRA_SIE_KERNEL": "0"})
    if "error" in ours or "error" in lines:
        print(f"styra: {ours.get('error') or lines.get('error')}")
        return
    which = "kernel" if ours["kernel"] else "pure Python: no kernel built"
    print(f"styra default    {_time(ours)}  {ours['rss_mb']:6.0f} MB peak  ({which})")
    print(f"styra pure path  {_time(lines)}  {lines['rss_mb']:6.0f} MB peak")
    print(f"  pure path / default = {lines['seconds'] / ours['seconds']:.1f}×")
    _verdict("peak ≤ 200 MB", ours["rss_mb"] <= PEAK_TARGET_MB)
    if baseline is None:
        return
    polars = measure(baseline, POLARS, csv)
    if "error" in polars:
        print(f"polars: {polars['error']}")
    else:
        print(f"polars read      {polars['read_seconds']:7.2f} s wall")
        print(f"polars read+agg  {_time(polars)}  {polars['rss_mb']:6.0f} MB peak")
        print(f"  styra / polars read     = {ours['seconds'] / polars['read_seconds']:.1f}×")
        ratio = ours["seconds"] / polars["seconds"]
        print(f"  styra / polars read+agg = {ratio:.1f}×")
        _verdict(f"≤ {POLARS_TARGET:g}× polars read+agg", ratio <= POLARS_TARGET)
    if pysie:
        other = measure(baseline, PYSIE, sie, sru)
        if "error" in other:
            print(f"pysie-accounting: {other['error']}")
            return
        print(f"pysie-accounting {_time(other)}  {other['rss_mb']:6.0f} MB peak")
        faster = other["seconds"] / ours["seconds"]
        print(f"  pysie-accounting / styra = {faster:.1f}× slower")
        print(f"  pysie-accounting / styra pure path = {other['seconds'] / lines['seconds']:.1f}×")
        _verdict(f"≥ {PYSIE_TARGET:g}× faster than pysie-accounting", faster >= PYSIE_TARGET)


POLARS_TARGET, PYSIE_TARGET, PEAK_TARGET_MB = 2.0, 5.0, 200
"""Issue 16's targets for the default path."""


def _verdict(target: str, met: bool) -> None:
    print(f"  target {target}: {'met' if met else 'MISSED'}")


def _time(figures: dict[str, float]) -> str:
    return f"{figures['seconds']:7.2f} s wall {figures['cpu']:7.2f} s CPU"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
