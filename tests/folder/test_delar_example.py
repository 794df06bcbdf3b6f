"""The delår example (examples/sydnarke-it-2024-delar): the annual example's ledger, budget
and exports followed up to 2024-08-31, with the forecasts a controller made in September."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
import yaml

from styra.cli import main
from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import EXAMPLE, ROOT

DELAR = ROOT / "examples" / "sydnarke-it-2024-delar"
COPIED = (
    "ledger.se",
    "budget.se",
    "sources/arenden-2024.csv",
    "sources/arenden-mappning.yaml",
    "sources/samtal-2024.csv",
    "sources/samtal-mappning.yaml",
    "sources/overvakning-2024.csv",
    "sources/overvakning-mappning.yaml",
    "sources/kolada-N01951-2022.json",
)
VER = re.compile(r"^#VER\s+\S+\s+\S+\s+(\d{8})")
TRANS = re.compile(r"^\s*#TRANS\s+(\d+)\s+\{[^}]*\}\s+(-?[\d.]+)(?:\s+(\d{8}))?")


@pytest.fixture(scope="module")
def interim() -> dict:
    loaded = load(DELAR)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.input is not None
    data = followup_data(compute(loaded.input), loaded.extras)
    return json.loads(json.dumps(data))["interim"]


def to_august(first: str, last: str) -> Decimal:
    """Σ the ledger's #TRANS rows of accounts first..last dated up to 2024-08-31, by hand."""
    total, day = Decimal(0), ""
    for text in (DELAR / "ledger.se").read_bytes().decode("cp437").splitlines():
        if found := VER.match(text):
            day = found.group(1)
        elif (found := TRANS.match(text)) and first <= found.group(1)[: len(first)] <= last:
            in_period = "20240101" <= (found.group(3) or day) <= "20240831"
            total += Decimal(found.group(2)) if in_period else 0
    return total


def row(data: dict, section: str, label: str) -> dict:
    return next(r for r in data[section]["rows"] if r["label"] == label)


@pytest.mark.parametrize("name", COPIED)
def test_the_ledger_budget_and_exports_are_the_annual_examples_byte_for_byte(name: str) -> None:
    assert (DELAR / name).read_bytes() == (EXAMPLE / name).read_bytes()


def test_styra_check_passes_without_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DELAR)]) == 0
    printed = capsys.readouterr()
    assert "(0 varningar)" in printed.out + printed.err


def test_the_period_is_january_to_august(interim: dict) -> None:
    assert interim["text"] == "januari–augusti 2024"
    assert (interim["months"], interim["end"]) == (8, "2024-08-31")


@pytest.mark.parametrize(
    ("label", "first", "last"),
    [("PERSONALKOSTNADER", "5000", "5999"), ("DRIFTBIDRAG FR KOMMUNER", "3500", "3599")],
)
def test_the_outcome_to_date_is_the_sum_of_the_vouchers_up_to_august(
    interim: dict, label: str, first: str, last: str
) -> None:
    outcome = Decimal(row(interim, "operating", label)["kronor"]["outcome_to_date"])
    assert outcome == to_august(first, last)


def test_every_forecast_has_the_method_forecast_yaml_gives_it(interim: dict) -> None:
    chosen = yaml.safe_load((DELAR / "forecast.yaml").read_text())
    lines = {r.get("id") or r["label"]: r for r in interim["operating"]["rows"]}
    for entry in chosen["operating"]:
        found = lines[entry["line"]]
        assert found["method"] == entry.get("method"), entry
        assert found["kronor"]["forecast"] is not None
        if "amount" in entry:
            assert Decimal(found["kronor"]["forecast"]) == Decimal(entry["amount"]) * 1000
            assert found["comment"] == entry["comment"]
    projects = {r["object"]: r for r in interim["investment"]["rows"]}
    assert len(chosen["investment"]) == len(projects) == 5
    for entry in chosen["investment"]:
        assert projects[entry["project"]]["method"] == entry["method"], entry
    assert interim["operating"]["totals"][-1]["kronor"]["forecast"] is not None  # all lines


def test_the_goals_are_judged_by_forecast(interim: dict) -> None:
    goals = {g["id"]: g for g in interim["goals"]}
    indicators = {i["id"]: i for g in goals.values() for i in g["indicators"]}
    assert indicators["1.5"]["value"] == "120"  # the forecast, not the 292 open in August
    assert indicators["1.5"]["assessment"]["status"] == "not_achieved"
    assert indicators["2.1"]["forecast"]["reason"].startswith("Arbetet med förvaltningsobjekten")
    assert [g["status"] for g in goals.values()] == ["partially_achieved"] * 2
    assert interim["committee_assessment"]["status"] == "partially_achieved"
