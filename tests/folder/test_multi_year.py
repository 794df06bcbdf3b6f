"""The multi-year table: earlier years' ledgers through the operating account's lines."""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import ROOT, line_of

LEKEBERG = ROOT / "examples" / "lekeberg-2024"


def _generator():  # the example's own generator, so the earlier years are built alike
    spec = importlib.util.spec_from_file_location("gen", LEKEBERG / "generate_committees.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def earlier_ledger(year: int, cost_share: str) -> bytes:
    """Kommunstyrelsen's ledger with every outcome = budget × ``cost_share`` for costs and
    exactly the budget for revenue, dated ``year``."""
    gen = _generator()
    committee = copy.deepcopy(gen.COMMITTEES["kommunstyrelsen"])
    for account, (name, budget, _share, pattern) in committee["accounts"].items():
        share = Decimal(1) if budget < 0 else Decimal(cost_share)
        committee["accounts"][account] = (name, budget, share, pattern)
    text = gen.ledger(committee).replace("2024", str(year)).replace("2025", str(year + 1))
    return text.encode("cp437")


@pytest.fixture
def ks(tmp_path: Path) -> Path:
    folder = tmp_path / "ks"
    shutil.copytree(LEKEBERG / "kommunstyrelsen", folder)
    (folder / "ledger-2023.se").write_bytes(earlier_ledger(2023, "1"))
    (folder / "ledger-2022.se").write_bytes(earlier_ledger(2022, "0.9"))
    (folder / "ledger-2021.se").write_bytes(earlier_ledger(2021, "0.8"))
    committee = folder / "committee.yaml"
    committee.write_text(
        committee.read_text(encoding="utf-8")
        + "previous_ledger: ledger-2023.se\nearlier_ledgers: [ledger-2022.se, ledger-2021.se]\n",
        encoding="utf-8",
    )
    return folder


def data(folder: Path) -> dict:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    return json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))


def test_the_net_over_four_years_by_hand(ks: Path) -> None:
    table = data(ks)["multi_year"]
    assert table["years"] == [2021, 2022, 2023, 2024]
    net = table["rows"][-1]
    # Budget: revenue −6 000, costs 68 000 tkr. 2021: 68 000 × 0,8 − 6 000 = 48 400;
    # 2022: × 0,9 = 55 200; 2023: the budget, 62 000; 2024: the example's 62 168.
    assert (net["label"], net["tkr"]) == ("NETTORESULTAT", ["48400", "55200", "62000", "62168"])
    personnel = next(r for r in table["rows"] if r["label"] == "PERSONALKOSTNADER")
    # Salaries and social fees, 38 500 + 12 100 = 50 600 budget; 2024 at 98,5 %: 49 841.
    assert personnel["tkr"] == ["40480", "45540", "50600", "49841"]


def test_a_year_that_is_not_earlier_is_an_error_at_its_line(ks: Path) -> None:
    (ks / "ledger-2023b.se").write_bytes(earlier_ledger(2023, "1"))
    committee = ks / "committee.yaml"
    text = committee.read_text(encoding="utf-8").replace(
        "[ledger-2022.se, ledger-2021.se]", "[ledger-2022.se, ledger-2023b.se, ledger-2021.se]"
    )
    committee.write_text(text, encoding="utf-8")
    found = [str(p) for p in load(ks).problems]
    where = f"committee.yaml:{line_of(committee, 'earlier_ledgers')}"
    assert any(where in p and "ledger-2023b.se gäller 2023" in p for p in found), found


def test_without_earlier_ledgers_there_is_no_table() -> None:
    assert data(LEKEBERG / "kommunstyrelsen")["multi_year"] is None
