"""forecast-history.yaml: the year's earlier forecasts in a folder; the annual report's
forecast accuracy and an interim report's change since the previous forecast."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from styra.core.followup import compute
from styra.folder.history import HISTORY_FILE
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import EXAMPLE, ROOT, line_of

DELAR = ROOT / "examples" / "sydnarke-it-2024-delar"


def data(folder: Path) -> dict:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    return json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))


def problems(folder: Path) -> list[str]:
    return [str(p) for p in load(folder).problems]


def test_the_annual_example_holds_the_delar_forecasts_exactly() -> None:
    """The history in the annual example is what the delår folder computes, to the öre."""
    delar = data(DELAR)["interim"]
    accuracy = data(EXAMPLE)["forecast_accuracy"]
    assert accuracy["forecasts"] == [
        {"end": "2024-08-31", "name": "Delårsrapport januari–augusti 2024"}
    ]
    by_label = {r["label"]: r["forecasts"][0]["kronor"]["forecast"] for r in accuracy["rows"]}
    for row in delar["operating"]["rows"]:
        assert Decimal(by_label[row["label"]]) == Decimal(row["kronor"]["forecast"])
    net = delar["operating"]["totals"][-1]
    assert Decimal(by_label["NETTORESULTAT"]) == Decimal(net["kronor"]["forecast"])


def _accuracy_row(label: str) -> tuple[str, str, str, str | None]:
    row = next(r for r in data(EXAMPLE)["forecast_accuracy"]["rows"] if r["label"] == label)
    f = row["forecasts"][0]
    return row["tkr"]["outcome"], f["tkr"]["forecast"], f["tkr"]["difference"], f["per_cent"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # Outcome from the model report; forecast from the delår; difference and per cent
        # worked out by hand: 11 950 − 13 065 = −1 115; −1 115 / 13 065 = −8,5 %.
        ("LICENSER & SERVICEAVTAL", ("13065", "11950", "-1115", "-8.5")),
        # 11 728 − 11 352 = 376; 376 / 11 352 = 3,3 %.
        ("PERSONALKOSTNADER", ("11352", "11728", "376", "3.3")),
        # The delår forecast a surplus (−464 in the ledger's signs); the year ended at a
        # deficit of 852: −464 − 852 = −1 316, −154,5 % of 852.
        ("NETTORESULTAT", ("852", "-464", "-1316", "-154.5")),
    ],
)
def test_accuracy_figures_written_down_by_hand(label: str, expected: tuple) -> None:
    assert _accuracy_row(label) == expected


def test_the_model_report_figures_do_not_change_with_the_history(example: Path) -> None:
    with_history = data(example)
    (example / HISTORY_FILE).unlink()
    without = data(example)
    assert "forecast_accuracy" not in without
    del with_history["forecast_accuracy"]
    assert with_history == without


def _write(folder: Path, text: str) -> Path:
    path = folder / HISTORY_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_history_is_named_at_its_file_and_line(example: Path) -> None:
    path = _write(
        example,
        """forecasts:
  - end: 2024-04-30
    operating:
      - {line: licensr, amount: 12000}
      - {line: personal, amount: 1}
      - {line: PERSONALKOSTNADER, amount: 2}
  - end: 2024-04-30
    operating: []
  - end: 2025-02-28
    operating: []
  - end: 2024-06-30
    investment:
      - {project: "9999", amount: 1}
""",
    )
    found = problems(example)
    assert any(
        f"{HISTORY_FILE}:{line_of(path, 'licensr')}" in p
        and "»licensr» finns inte" in p
        and "licenser" in p
        for p in found
    ), found
    assert any(
        f"{HISTORY_FILE}:{line_of(path, 'PERSONALKOSTNADER')}" in p and "redan en prognos" in p
        for p in found
    ), found
    assert any(
        f"{HISTORY_FILE}:{line_of(path, '- end: 2024-04-30', 2)}" in p and "finns redan" in p
        for p in found
    ), found
    assert any(
        f"{HISTORY_FILE}:{line_of(path, '2025-02-28')}" in p and "utanför" in p for p in found
    ), found
    assert any(f"{HISTORY_FILE}:{line_of(path, '9999')}" in p for p in found), found
    assert not load(example).ok


@pytest.fixture
def delar(tmp_path: Path) -> Path:
    target = tmp_path / "delar"
    shutil.copytree(DELAR, target)
    return target


def test_an_interim_report_shows_the_change_since_the_previous_forecast(delar: Path) -> None:
    """A T1 forecast in the history: the delår shows previous − current per line."""
    _write(
        delar,
        """forecasts:
  - end: 2024-04-30
    name: Tertialrapport januari–april 2024
    operating:
      - {line: licenser, amount: 12000}
      - {line: tjanstekop, amount: "4 000"}
""",
    )
    changes = data(delar)["interim"]["forecast_changes"]
    assert changes["previous"] == {"end": "2024-04-30", "name": "Tertialrapport januari–april 2024"}
    rows = {r["label"]: r for r in changes["rows"]}
    # Licences: 12 000 tkr before, 11 950,03431 tkr now (the remaining-budget proposal):
    # 49 965,69 kronor better than last time.
    assert rows["LICENSER & SERVICEAVTAL"]["kronor"]["change"] == "49965.69"
    # Consultants: 4 000 before, 4 300 typed now with its comment as the reason: 300 worse.
    consultants = rows["ÖVRIGT TJÄNSTEKÖP"]
    assert consultants["tkr"]["change"] == "-300"
    assert consultants["reason"].startswith("Den inhyrda IT-chefens uppdrag")
    assert len(rows) == 2  # no net change: the T1 forecast did not cover every line


def test_an_interim_folder_without_history_has_no_changes() -> None:
    assert data(DELAR)["interim"]["forecast_changes"] is None
