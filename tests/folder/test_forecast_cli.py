"""``styra forecast``: an interim folder's forecasts as a forecast-history.yaml entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from styra.cli import main
from styra.folder.history import HISTORY_FILE
from tests.folder.conftest import EXAMPLE, ROOT

DELAR = ROOT / "examples" / "sydnarke-it-2024-delar"


def accuracy(folder: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"{folder.name}.json"
    assert main(["report", str(folder), "--format", "json", "--output", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))["forecast_accuracy"]


def test_the_entry_it_writes_gives_the_annual_example_its_accuracy(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The committed history was written by hand; the command's gives the same table."""
    expected = accuracy(EXAMPLE, tmp_path)
    (example / HISTORY_FILE).unlink()
    assert main(["forecast", str(DELAR), "--into", str(example / HISTORY_FILE)]) == 0
    assert "2024-08-31" in capsys.readouterr().out
    assert accuracy(example, tmp_path) == expected


def test_a_second_entry_for_one_date_is_refused_and_the_file_kept(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = example / HISTORY_FILE
    before = history.read_bytes()
    assert main(["forecast", str(DELAR), "--into", str(history)]) == 2
    assert "har redan en prognos per 2024-08-31" in capsys.readouterr().err
    assert history.read_bytes() == before


def test_standard_output_holds_a_whole_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", str(DELAR)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("forecasts:\n  - end: 2024-08-31\n")
    assert '{line: "tjanstekop", amount: 4300, comment: "Den inhyrda IT-chefens' in text
    assert '{project: "9101", amount: 1514.85692}' in text


def test_an_annual_folder_has_no_forecasts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", str(EXAMPLE)]) == 1
    assert "helårsperiod" in capsys.readouterr().err
