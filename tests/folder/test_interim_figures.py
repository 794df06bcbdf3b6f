"""An interim narrative's placeholders mean the period to date and the forecast."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import ROOT, line_of

DELAR = ROOT / "examples" / "sydnarke-it-2024-delar"


@pytest.fixture
def delar(tmp_path: Path) -> Path:
    target = tmp_path / "delar"
    shutil.copytree(DELAR, target)
    return target


def narrative_with(folder: Path, text: str) -> Path:
    path = folder / "narrative" / "driftanalys.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def rendered(folder: Path) -> str:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    data = json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))
    return next(n["markdown"].strip() for n in data["narrative"] if n["key"] == "driftanalys")


def test_to_date_annual_budget_and_forecast_figures(delar: Path) -> None:
    narrative_with(
        delar,
        "Personal {drift.personal.utfall} av {drift.personal.budget}, avvikelse "
        "{drift.personal.avvikelse}; helår {drift.personal.helarsbudget}, prognos "
        "{drift.personal.prognos}, prognosavvikelse {drift.personal.prognosavvikelse}. "
        "Resultat {resultat.prognos} mot budget {resultat.budget}.",
    )
    # The delår's JSON (interim.operating): personnel to date 7 693 of 8 071 (378 better),
    # annual budget 12 106, forecast 11 728 (remaining budget), 378 under the budget. The
    # net forecast is −464 in the ledger's signs: a surplus of 464; the budget plans 0.
    assert rendered(delar) == (
        "Personal 7\u202f693 av 8\u202f071, avvikelse 378; helår 12\u202f106, prognos "
        "11\u202f728, prognosavvikelse 378. Resultat 464 mot budget 0."
    )


def test_a_year_end_figure_is_unknown_at_interim(delar: Path) -> None:
    path = narrative_with(delar, "Resultatet {resultat.netto} fördelas, Laxå {fordelning.1860}.")
    found = [str(p) for p in load(delar).problems]
    where = f"narrative/driftanalys.md:{line_of(path, 'resultat.netto')}"
    assert any(where in p and "resultat.netto" in p for p in found), found
    assert any(where in p and "fordelning.1860" in p for p in found), found


def test_a_stated_figure_is_checked_against_the_figures_to_date(delar: Path) -> None:
    narrative_with(delar, "Personalkostnaderna är 7 693 tkr och 4 413 tkr under budget.")
    found = [str(p) for p in load(delar).problems]
    # 7 693 is the outcome to date; 4 413 (annual budget − outcome to date) is no figure.
    assert not any("7 693" in p for p in found), found
    assert any("4 413" in p for p in found), found


def test_the_interim_json_has_no_year_end_blocks() -> None:
    loaded = load(DELAR)
    assert loaded.input is not None
    data = followup_data(compute(loaded.input), loaded.extras)
    for key in ("operating_account", "sharing", "net_result", "budget_deviation", "goals"):
        assert key not in data
    assert data["interim"]["operating"]["rows"]


def test_each_indicator_keeps_its_value_to_date_beside_its_forecast() -> None:
    loaded = load(DELAR)
    assert loaded.input is not None
    data = json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))
    interim = data["interim"]
    found = {i["id"]: i for g in interim["goals"] for i in g["indicators"]}
    # 1.5 counts the incidents open on 2024-08-31 in the ticket export (its lineage row
    # count); the forecast for the year's end is 120.
    assert (found["1.5"]["value_to_date"], found["1.5"]["value"]) == ("292", "120")
    assert found["1.5"]["lineage"]["row_count"] == 292
    # 2.4 (the budget frame) is derived: to date from the net deviation to date, forecast
    # from the net forecast deviation.
    net = interim["operating"]["totals"][-1]["tkr"]
    assert found["2.4"]["value_to_date"] == net["deviation_to_date"]
    assert found["2.4"]["value"] == net["forecast_deviation"]
