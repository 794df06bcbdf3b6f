"""How long Styra takes over a 100 000-ticket export, against plain csv.reader.

    uv run python benchmarks/sources_benchmark.py [--rows 100000] [--repeat 3] [--xlsx]

Generates a seeded ticket export in a temporary folder, then times, best of ``--repeat``:
- baseline: csv.reader over the same file, touching every row (the floor for any CSV work);
- read: the file into a Table (styra.sources.table.read_table);
- parse: the rows into checked tickets (parse_tickets: dates, order, duplicate ids);
- compute: every ticket figure for every type (mean and median in calendar and working days,
  open at period end);
- indicator: compute_indicator_value end to end for one indicator (hashing included).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from styra.sources import Period, cache, compute_indicator_value, parse_indicator_source
from styra.sources.table import read_table
from styra.sources.tickets import calendar_for, parse_tickets, summarize

TYPES = ("incident", "service_request", "change")
YEAR = Period.year(2024)


def write_export(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = datetime(2023, 6, 1)
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(["id", "type", "opened", "resolved", "closed", "status"])
        for number in range(rows):
            opened = start + timedelta(minutes=rng.randrange(0, 600 * 24 * 60))
            resolved = opened + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
            done = resolved < datetime(2025, 1, 15)
            out.writerow(
                [
                    f"T{number:07d}",
                    rng.choice(TYPES),
                    opened.strftime("%Y-%m-%d %H:%M"),
                    resolved.strftime("%Y-%m-%d %H:%M") if done else "",
                    "",
                    "closed" if done else "open",
                ]
            )


def write_xlsx(csv_path: Path, xlsx_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    with csv_path.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    book.save(xlsx_path)


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def baseline(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for row in csv.reader(stream) if row)


def stages(path: Path) -> None:
    table, _ = read_table(path, path.name)
    assert table is not None
    tickets, problems = parse_tickets(table)
    assert not problems
    summarize(tickets, YEAR, calendar_for(tickets))


def indicator(folder: Path, name: str) -> None:
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": name,
            "metric": "average_handling_time",
            "type": "incident",
            "days": "working",
        }
    )
    assert source is not None
    cache.clear()  # measure a first computation, not a hit in the process-wide parse cache
    value, problems = compute_indicator_value(source, folder, YEAR)
    assert value is not None and not problems


def measure(folder: Path, name: str, repeat: int) -> dict[str, float]:
    path = folder / name
    table, _ = read_table(path, name)
    assert table is not None
    tickets, _ = parse_tickets(table)
    calendar = calendar_for(tickets)
    return {
        "baseline": best(repeat, lambda: baseline(path)) if path.suffix == ".csv" else 0.0,
        "read": best(repeat, lambda: read_table(path, name)),
        "parse": best(repeat, lambda: parse_tickets(table)),
        "compute": best(repeat, lambda: summarize(tickets, YEAR, calendar)),
        "all": best(repeat, lambda: stages(path)),
        "indicator": best(repeat, lambda: indicator(folder, name)),
    }


def grouped(number: float) -> str:
    return f"{number:,.0f}".replace(",", "\u202f")


def report(label: str, rows: int, size: int, figures: dict[str, float]) -> None:
    print(f"{label}: {grouped(rows)} tickets, {size / 1e6:.1f} MB")
    for stage, seconds in figures.items():
        if seconds:
            print(f"  {stage:<10} {seconds:7.3f} s  {grouped(rows / seconds):>10} rows/s")
    if figures["baseline"]:
        ratio = figures["all"] / figures["baseline"]
        print(f"  read + parse + compute = {ratio:.1f} × plain csv.reader over the same file")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also time the same export as XLSX")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_export(folder / "tickets.csv", args.rows)
        size = (folder / "tickets.csv").stat().st_size
        report("CSV", args.rows, size, measure(folder, "tickets.csv", args.repeat))
        if args.xlsx:
            write_xlsx(folder / "tickets.csv", folder / "tickets.xlsx")
            size = (folder / "tickets.xlsx").stat().st_size
            report("XLSX", args.rows, size, measure(folder, "tickets.xlsx", 1))


if __name__ == "__main__":
    main()
