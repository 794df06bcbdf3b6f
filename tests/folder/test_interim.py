"""An interim folder (delår per 2024-08-31) made from the example: its figures to date,
checked against sums of the SIE rows computed here, and its bad input at file and line."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import line_of

FORECAST = """\
# Helårsprognos per 2024-08-31 (belopp i tkr, huvudbokens tecken)
operating:
  - {line: personal, method: run_rate}
  - {line: DRIFTBIDRAG FR KOMMUNER, method: remaining_budget}
  - {line: licenser, amount: 9000, comment: M365-licenserna ökar i höst.}
investment:
  - {project: "9101", method: remaining_budget}
indicators:
  - {id: "1.4", value: "7,6"}
  - {id: "2.1", status: partially_achieved, reason: Planerna beslutas i oktober.}
"""

VER = re.compile(r"^#VER\s+\S+\s+\S+\s+(\d{8})")
TRANS = re.compile(r"^\s*#TRANS\s+(\d+)\s+\{[^}]*\}\s+(-?[\d.]+)(?:\s+(\d{8}))?")
PBUDGET = re.compile(r"^#PBUDGET\s+0\s+(\d{6})\s+(\d+)\s+\{\}\s+(-?[\d.]+)")


@pytest.fixture
def interim(example: Path) -> Path:
    committee = example / "committee.yaml"
    text = committee.read_text()
    text = text.replace("  kind: annual", "  kind: delar").replace(
        "  end: 2024-12-31", "  end: 2024-08-31"
    )
    committee.write_text(text)
    (example / "forecast.yaml").write_text(FORECAST)
    return example


def to_date(path: Path, first: str, last: str) -> Decimal:
    """Σ #TRANS rows of accounts first..last dated January to August 2024, by hand."""
    total, month = Decimal(0), ""
    for row in path.read_bytes().decode("cp437").splitlines():
        if found := VER.match(row):
            month = found.group(1)[:6]
        elif found := TRANS.match(row):
            when = (found.group(3) or "")[:6] or month
            if first <= found.group(1)[: len(first)] <= last and "202401" <= when <= "202408":
                total += Decimal(found.group(2))
    return total


def budget_to_date(path: Path, first: str, last: str) -> tuple[Decimal, Decimal]:
    """Σ #PBUDGET months of the accounts: January to August, and the year."""
    months, year = Decimal(0), Decimal(0)
    for row in path.read_bytes().decode("cp437").splitlines():
        if (found := PBUDGET.match(row)) and first <= found.group(2)[: len(first)] <= last:
            year += Decimal(found.group(3))
            if found.group(1) <= "202408":
                months += Decimal(found.group(3))
    return months, year


def interim_json(folder: Path) -> dict:
    loaded = load(folder)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.input is not None
    data = followup_data(compute(loaded.input), loaded.extras)
    return json.loads(json.dumps(data))["interim"]


def row(section: dict, label: str) -> dict:
    return next(r for r in section["rows"] if r["label"] == label)


def test_an_interim_folder_checks_without_errors(interim: Path) -> None:
    loaded = load(interim)
    assert loaded.ok
    assert not [p for p in loaded.problems if p.severity.value == "error"]


def test_the_interim_section_gives_the_period_and_the_personnel_line_to_date(
    interim: Path,
) -> None:
    data = interim_json(interim)
    assert data["text"] == "januari–augusti 2024"
    assert (data["kind"], data["months"], data["end"]) == ("interim", 8, "2024-08-31")
    outcome = to_date(interim / "ledger.se", "5000", "5999")
    budget, annual = budget_to_date(interim / "budget.se", "5000", "5999")
    personal = row(data["operating"], "PERSONALKOSTNADER")
    kronor = personal["kronor"]
    assert Decimal(kronor["outcome_to_date"]) == outcome
    assert Decimal(kronor["budget_to_date"]) == budget
    assert Decimal(kronor["deviation_to_date"]) == budget - outcome
    assert Decimal(kronor["annual_budget"]) == annual
    run_rate = (outcome * 12 / 8).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # away from 0
    assert Decimal(kronor["forecast"]) == run_rate
    assert Decimal(kronor["forecast_deviation"]) == annual - run_rate
    assert personal["method"] == "run_rate"
    assert personal["profile"]["kind"] == "monthly_budget"  # budget.se has its months


def test_a_remaining_budget_forecast_and_a_typed_one(interim: Path) -> None:
    data = interim_json(interim)
    outcome = to_date(interim / "ledger.se", "3500", "3599")
    budget, annual = budget_to_date(interim / "budget.se", "3500", "3599")
    contributions = row(data["operating"], "DRIFTBIDRAG FR KOMMUNER")["kronor"]
    assert Decimal(contributions["forecast"]) == outcome + (annual - budget)
    licences = row(data["operating"], "LICENSER & SERVICEAVTAL")
    assert licences["kronor"]["forecast"] == "9000000"
    assert (licences["method"], licences["comment"]) == (None, "M365-licenserna ökar i höst.")
    assert data["operating"]["totals"][-1]["kronor"]["forecast"] is None  # lines left
    assert data["investment"]["total"]["label"] == "TOTALT INVESTERAT 2024"  # the year filled in


def test_goals_are_judged_by_forecast(interim: Path) -> None:
    data = interim_json(interim)
    goal = next(g for g in data["goals"] if g["id"] == "2")
    indicator = next(i for i in goal["indicators"] if i["id"] == "2.1")
    assert indicator["assessment"]["status"] == "partially_achieved"
    assert indicator["forecast"]["reason"] == "Planerna beslutas i oktober."
    nki = next(i for i in data["goals"][0]["indicators"] if i["id"] == "1.4")
    assert (nki["value"], nki["assessment"]["status"]) == ("7.6", "achieved")


def test_an_explicit_profile_spreads_a_budget_without_months(interim: Path) -> None:
    budget = interim / "budget.se"
    rows = budget.read_bytes().decode("cp437").splitlines()
    annual: dict[str, Decimal] = {}
    kept = []
    for text in rows:
        if found := PBUDGET.match(text):
            annual[found.group(2)] = annual.get(found.group(2), Decimal(0)) + Decimal(
                found.group(3)
            )
        else:
            kept.append(text)
    kept += [f"#PBUDGET 0 202401 {a} {{}} {v}" for a, v in annual.items()]
    budget.write_bytes(("\n".join(kept) + "\n").encode("cp437"))
    accounts = interim / "accounts.yaml"
    shares = "[8, 8, 8, 8, 8, 8, 4, 8, 8, 8, 8, 16]"
    accounts.write_text(
        accounts.read_text().replace(
            "      id: personal\n", f"      id: personal\n      profile: {shares}\n"
        )
    )
    _budget, year = budget_to_date(budget, "5000", "5999")
    personal = row(interim_json(interim)["operating"], "PERSONALKOSTNADER")
    assert personal["profile"]["kind"] == "explicit"
    expected = year * Decimal("0.60")  # 8 × 6 + 4 + 8 per cent by the end of August
    assert abs(Decimal(personal["kronor"]["budget_to_date"]) - expected) <= 1


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load(folder).problems if p.severity.value == "error"]


def test_a_forecast_for_a_line_that_does_not_exist_is_an_error_at_its_line(
    interim: Path,
) -> None:
    forecast = interim / "forecast.yaml"
    forecast.write_text(FORECAST.replace("{line: personal,", "{line: personalen,"))
    line = line_of(forecast, "personalen")
    assert any(
        p.startswith(f"forecast.yaml:{line}:") and "personalen" in p for p in problems_of(interim)
    )


def test_a_typed_amount_unlike_every_proposal_needs_a_comment(interim: Path) -> None:
    forecast = interim / "forecast.yaml"
    forecast.write_text(FORECAST.replace(", comment: M365-licenserna ökar i höst.", ""))
    line = line_of(forecast, "amount: 9000")
    assert any(
        p.startswith(f"forecast.yaml:{line}:") and "kommentar" in p for p in problems_of(interim)
    )


def test_a_profile_that_does_not_sum_to_100_is_an_error_at_its_line(interim: Path) -> None:
    accounts = interim / "accounts.yaml"
    accounts.write_text(
        accounts.read_text().replace(
            "      id: personal\n",
            "      id: personal\n      profile: [8, 8, 8, 8, 8, 8, 4, 8, 8, 8, 8, 8]\n",
        )
    )
    line = line_of(accounts, "profile:")
    assert any(p.startswith(f"accounts.yaml:{line}:") and "100" in p for p in problems_of(interim))


def test_a_period_end_outside_the_fiscal_year_is_an_error_at_its_line(interim: Path) -> None:
    committee = interim / "committee.yaml"
    committee.write_text(committee.read_text().replace("end: 2024-08-31", "end: 2025-02-28"))
    line = line_of(committee, "end: 2025-02-28")
    assert any(
        p.startswith(f"committee.yaml:{line}:") and "utanför räkenskapsåret" in p
        for p in problems_of(interim)
    )


def test_an_indicator_status_forecast_needs_a_reason(interim: Path) -> None:
    forecast = interim / "forecast.yaml"
    forecast.write_text(FORECAST.replace(", reason: Planerna beslutas i oktober.", ""))
    line = line_of(forecast, "status: partially_achieved")
    assert any(p.startswith(f"forecast.yaml:{line}:") for p in problems_of(interim))
