"""The compiled report of a large municipality against one committee's, in one run.

    uv run python benchmarks/municipality_benchmark.py [--committees 12] [--goals 20]
        [--indicators 200] [--repeat 3]

Issue 12: "A benchmark builds the compiled report for a municipality with 12 committees of
20 goals and 200 indicators each: report its time against one committee's, in one run."

A municipality folder is written under a temporary folder: ``--committees`` sub-folders,
each a copy of the Kommunstyrelsen folder of examples/lekeberg-2024 (its small ledger and
budget) with a goals.yaml of ``--goals`` goals sharing ``--indicators`` indicators (ten
per goal by default), each with a value, a target and three years of history, and each
goal linked to one of eight council goals. In one process, best of ``--repeat`` runs each:

- (a) one committee: ``styra.folder.load``, ``compute`` and the JSON data
  (``followup_data``), the baseline;
- (b) the municipality: ``load_municipality``, the compiled follow-up (every committee
  computed, the council's goals rolled up across them) and its JSON data.

It prints (a), (b), the ratio (b)/(a) and (b) per committee against (a). A measurement,
not a test: nothing is asserted about the times.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from styra.core.followup import compute  # noqa: E402
from styra.folder.loader import load  # noqa: E402
from styra.folder.municipality import load_municipality  # noqa: E402
from styra.report.data import followup_data  # noqa: E402
from styra.report.municipality import compiled, municipality_data  # noqa: E402

TEMPLATE = ROOT / "examples" / "lekeberg-2024"
COUNCIL_GOALS = 8
KINDS = ("at_least", "at_most", "increase_to", "reduce_to")


def goals_yaml(goals: int, indicators: int) -> str:
    per_goal = max(1, indicators // goals)
    out = ["goals:"]
    number = 0
    for g in range(1, goals + 1):
        out += [
            f'  - id: "{g}"',
            f"    name: Nämndmål {g}",
            f"    council_goals: [KF{(g % COUNCIL_GOALS) + 1}]",
            "    indicators:",
        ]
        for i in range(1, per_goal + 1):
            number += 1
            kind = KINDS[number % len(KINDS)]
            out += [
                f'      - id: "{g}.{i}"',
                f"        name: Indikator {g}.{i}",
                '        unit: "%"',
                f"        value: {50 + number % 40}",
                f"        history: {{2021: {40 + number % 30}, 2022: {45 + number % 30},"
                f" 2023: {48 + number % 35}}}",
                f"        target: {{kind: {kind}, value: 70}}",
            ]
    return "\n".join(out) + "\n"


def write_municipality(target: Path, committees: int, goals: int, indicators: int) -> Path:
    names = [f"namnd-{n:02d}" for n in range(1, committees + 1)]
    for name in names:
        folder = target / name
        shutil.copytree(TEMPLATE / "kommunstyrelsen", folder)
        text = (folder / "committee.yaml").read_text(encoding="utf-8")
        text = text.replace("committee: Kommunstyrelsen", f"committee: Nämnd {name[-2:]}")
        (folder / "committee.yaml").write_text(text, encoding="utf-8")
        (folder / "goals.yaml").write_text(goals_yaml(goals, indicators), encoding="utf-8")
    shutil.copy(TEMPLATE / "governance.yaml", target / "governance.yaml")
    council = ["goals:"] + [
        f"  - id: KF{k}\n    name: Kommunfullmäktiges mål {k}" for k in range(1, COUNCIL_GOALS + 1)
    ]
    (target / "council-goals.yaml").write_text("\n".join(council) + "\n", encoding="utf-8")
    municipality = [
        "municipality: Benchmarks kommun",
        'code: "9999"',
        "period: {year: 2024, kind: annual, start: 2024-01-01, end: 2024-12-31, "
        "report_date: 2025-04-24}",
        "committees:",
        *(f"  - {name}" for name in names),
    ]
    (target / "municipality.yaml").write_text("\n".join(municipality) + "\n", encoding="utf-8")
    return target / names[0]


def one_committee(folder: Path) -> Callable[[], object]:
    def run() -> object:
        loaded = load(folder)
        assert loaded.ok and loaded.input is not None, loaded.problems
        return followup_data(compute(loaded.input), loaded.extras)

    return run


def whole_municipality(folder: Path) -> Callable[[], object]:
    def run() -> object:
        loaded = load_municipality(folder)
        assert loaded.ok, [str(p) for p in loaded.problems][:5]
        return municipality_data(compiled(loaded), loaded)

    return run


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--committees", type=int, default=12)
    parser.add_argument("--goals", type=int, default=20)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "kommun"
        first = write_municipality(folder, args.committees, args.goals, args.indicators)
        single = best(one_committee(first), args.repeat)
        whole = best(whole_municipality(folder), args.repeat)
    print(
        f"{args.committees} nämnder × {args.goals} mål × {args.indicators} indikatorer, "
        f"bäst av {args.repeat}"
    )
    print(f"(a) en nämnd:              {single:8.3f} s")
    print(f"(b) hela kommunen:         {whole:8.3f} s")
    print(f"(b)/(a):                   {whole / single:8.2f}")
    print(f"(b) per nämnd / (a):       {whole / args.committees / single:8.2f}")


if __name__ == "__main__":
    main()
