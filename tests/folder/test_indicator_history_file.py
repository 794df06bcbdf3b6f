"""indicator-history.yaml and ``styra history``: earlier years' values from their folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from styra.cli import main
from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import ROOT, line_of

KS = ROOT / "examples" / "lekeberg-2024" / "kommunstyrelsen"


def without_inline_history(folder: Path) -> None:
    goals = folder / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    goals.write_text(re.sub(r"(?m)^ +history: .*\n", "", text), encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """This year's Kommunstyrelsen (2024) and the same committee a year before (2023)."""
    now, before = tmp_path / "ks-2024", tmp_path / "ks-2023"
    shutil.copytree(KS, now)
    shutil.copytree(KS, before)
    without_inline_history(now)
    without_inline_history(before)
    for name in ("ledger.se", "budget.se", "committee.yaml"):
        path = before / name
        path.write_bytes(path.read_bytes().replace(b"2024", b"2023").replace(b"2025", b"2024"))
    goals = before / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("value: 48", "value: 41"))
    return now, before


def indicators(folder: Path) -> dict:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    data = json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))
    return {i["id"]: i for g in data["goals"] for i in g["indicators"]}


def test_history_collects_last_years_values(folders: tuple[Path, Path], capsys) -> None:
    now, before = folders
    assert main(["history", str(before), "--into", str(now)]) == 0
    assert "Skrev 3 värden" in capsys.readouterr().out
    assert (now / "indicator-history.yaml").read_text(encoding="utf-8") == (
        'indicators:\n  "1.1": {2023: 41}\n  "1.2": {2023: 72}\n  "2.1": {2023: 50}\n'
    )
    found = indicators(now)
    assert found["1.1"]["history"] == [{"year": 2023, "value": "41"}]
    assert found["1.1"]["trend"]["direction"] == "better"  # 41 → 48 bostäder, "minst 60"
    assert found["1.2"]["trend"]["direction"] == "unchanged"


def test_a_folder_of_the_same_year_is_refused(folders: tuple[Path, Path], capsys) -> None:
    now, _before = folders
    assert main(["history", str(KS), "--into", str(now)]) == 2
    assert "inte ett år före 2024" in capsys.readouterr().err
    assert not (now / "indicator-history.yaml").exists()


def test_a_year_that_goals_yaml_gives_otherwise_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "ks"
    shutil.copytree(KS, folder)  # goals.yaml says 1.1 was 41 in 2023
    path = folder / "indicator-history.yaml"
    path.write_text('indicators:\n  "1.1": {2022: 52, 2023: 40}\n  "9.9": {2023: 1}\n')
    found = [str(p) for p in load(folder).problems]
    where = f"indicator-history.yaml:{line_of(path, '1.1')}"
    assert any(where in p and "goals.yaml säger 41, här står 40" in p for p in found), found
    assert any("»9.9» finns inte" in p and "varning" in p for p in found), found
