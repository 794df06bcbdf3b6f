"""A Kolada indicator's earlier years and its comparison with a group and the country."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from styra.sources.kolada import (
    KoladaQuery,
    KoladaSnapshot,
    KoladaValue,
    KpiMetadata,
    snapshot_to_json,
)

D = Decimal
KPI = "U07451"
# Test data written for this test, not Kolada's: Lekeberg 2021–2024, three members of a
# group and the country (0000) for 2024, and one group member without a value.
VALUES = [
    ("1814", 2021, "68"),
    ("1814", 2022, "70"),
    ("1814", 2023, "74"),
    ("1814", 2024, "72"),
    ("1860", 2024, "65"),
    ("1882", 2024, "71"),
    ("1861", 2024, "70"),
    ("1862", 2024, None),
    ("0000", 2024, "69"),
]


def snapshot(path: Path) -> None:
    found = KoladaSnapshot(
        KoladaQuery((KPI,), tuple(sorted({m for m, _y, _v in VALUES})), (2021, 2022, 2023, 2024)),
        datetime(2025, 1, 20, 8, 30, tzinfo=UTC),
        (),
        (KpiMetadata(KPI, "Företagsklimat enligt SKR:s Insikt, NKI totalt"),),
        tuple(
            KoladaValue(KPI, m, y, "T", None if v is None else D(v), "" if v else "Missing")
            for m, y, v in VALUES
        ),
    )
    path.write_text(snapshot_to_json(snapshot=found), encoding="utf-8")


def indicator_with_kolada(folder: Path, extra: str) -> None:
    """A third indicator under goal 2, from the snapshot."""
    snapshot(folder / "sources" / "kolada-U07451.json")
    goals = folder / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    text += f"""      - id: "2.8"
        name: Företagsklimat (NKI)
        source: {{kind: kolada, metric: value, file: sources/kolada-U07451.json,
                  kpi: {KPI}, municipality: "1814", year: 2024{extra}}}
        target: {{kind: at_least, value: 70}}
"""
    goals.write_text(text, encoding="utf-8")


def result(folder: Path) -> dict:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    data = json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))
    return next(i for g in data["goals"] for i in g["indicators"] if i["id"] == "2.8")


def test_history_from_the_snapshot_and_the_comparison(example: Path) -> None:
    indicator_with_kolada(
        example,
        ', group: "1860,1882,1861,1862", group_name: "Liknande kommuner, test", national: "0000"',
    )
    found = result(example)
    assert found["value"] == "72"
    assert found["history"] == [
        {"year": 2021, "value": "68"},
        {"year": 2022, "value": "70"},
        {"year": 2023, "value": "74"},
    ]
    assert found["trend"]["direction"] == "worse"  # 74 → 72 on an "at least" target
    # (65 + 71 + 70) / 3 = 68,67; 1862 has no value and is counted as missing.
    assert found["comparison"] == {
        "year": 2024,
        "group": "Liknande kommuner, test",
        "group_mean": "68.67",
        "group_count": 3,
        "group_size": 4,
        "national": "69",
        "source": "Källa: Kolada, hämtat 2025-01-20",
    }


def test_without_a_group_there_is_history_but_no_comparison(example: Path) -> None:
    indicator_with_kolada(example, "")
    found = result(example)
    assert [h["year"] for h in found["history"]] == [2021, 2022, 2023]
    assert found["comparison"] is None
