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
MONTHS = range(1, 13)


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


# -- the monthly shape -------------------------------------------------------------------


def months(*accounts: str) -> list[Decimal]:
    """The outcome of the accounts together, January to December."""
    monthly, zero = ledger().monthly_outcome(0), Decimal(0)
    return [sum((monthly.get((a, YEAR * 100 + m), zero) for a in accounts), zero) for m in MONTHS]


def months_with_outcome(*accounts: str) -> list[int]:
    return [month for month, amount in enumerate(months(*accounts), start=1) if amount]


def test_the_members_contributions_are_invoiced_each_quarter() -> None:
    contributions = months("3540")
    assert months_with_outcome("3540") == [1, 4, 7, 10]
    assert len(set(amount for amount in contributions if amount)) == 1  # a quarter each


def test_personnel_costs_come_every_month_with_holiday_pay_in_july() -> None:
    personnel = months("5011", "5610", "5710")
    july = personnel[6]
    others = personnel[:6] + personnel[7:]
    assert all(others)
    assert july > max(others) * Decimal("1.3")
    assert max(others) < min(others) * Decimal("1.1")  # otherwise a steady payroll


def test_licences_are_paid_in_a_few_large_lumps() -> None:
    licences = months("6860")
    assert 2 <= len(months_with_outcome("6860")) <= 6
    assert max(licences) > sum(licences) / 4


def test_capital_costs_are_booked_every_month_alike() -> None:
    capital = months("7810", "8530")
    assert all(capital)
    assert max(capital) - min(capital) < Decimal(1)


def test_other_costs_vary_over_the_months() -> None:
    other = months("6410", "6420", "7010", "7110", "7460", "7610")
    assert all(other)
    assert max(other) > min(other) * Decimal("1.5")
    assert other[6] == min(other)  # July, the holiday month, is the quietest


def test_the_delar_sees_part_of_the_year_and_not_a_flat_eight_twelfths() -> None:
    """The outcome to 31 August, the delår's period, differs from 8/12 of the year."""
    for accounts in (("5011", "5610", "5710"), ("6860",), ("3540",)):
        year = months(*accounts)
        to_august = sum(year[:8], Decimal(0))
        assert 0 < to_august / sum(year, Decimal(0)) < 1
        assert to_august != sum(year, Decimal(0)) * 8 / 12
