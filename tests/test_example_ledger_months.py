"""The example's ledger over the months (issue 11, item 8): the same year, now spread as a
committee's ledger is, without one annual figure changing.

The annual sums were recorded from the ledger before its vouchers were spread
(tests/fixtures/sydnarke-it-2024-annual-sums.json says how); the annual report reproduces
the model report from them, so every account and object list must keep its sum to the öre.
The monthly shape is the one generate_ledger.py documents.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path

from styra.sie import SieDocument, read

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "examples" / "sydnarke-it-2024" / "ledger.se"
SUMS = ROOT / "tests" / "fixtures" / "sydnarke-it-2024-annual-sums.json"
YEAR = 2024


@functools.cache
def ledger() -> SieDocument:
    result = read(LEDGER)
    assert result.problems == ()
    return result.document


def recorded(section: str) -> dict[str, Decimal]:
    sums = json.loads(SUMS.read_text(encoding="utf-8"))[section]
    return {key: Decimal(amount) for key, amount in sums.items()}


def object_list(objects: tuple[tuple[str, str], ...]) -> str:
    return "{" + " ".join(f'{dimension} "{obj}"' for dimension, obj in objects) + "}"


def test_every_account_keeps_its_annual_sum() -> None:
    assert dict(ledger().outcome(0)) == recorded("accounts")


def test_every_account_and_object_list_keeps_its_annual_sum() -> None:
    rows = {
        f"{account} {object_list(objects)}": amount
        for (account, objects, year), amount in ledger().object_transaction_totals.items()
        if year == 0
    }
    assert rows == recorded("rows")


def test_the_balance_and_result_records_are_unchanged() -> None:
    doc = ledger()
    tables = {"IB": doc.opening_balances, "UB": doc.closing_balances, "RES": doc.results}
    balances = {
        f"#{name} {year} {account}": amount
        for name, table in tables.items()
        for (year, account), amount in table.items()
    }
    assert balances == recorded("balances")
