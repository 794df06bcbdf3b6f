"""Monthly sums kept at import, read back as the core's year cycle takes them.

``LedgerAmount`` holds the fiscal year's sums; ``MonthlyAmount`` the same per month
(``YYYYMM``), so the outcome to date of an interim period, the budget to date and the
forecast proposals come from the database, never from parsing a file on a page view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from styra.core.accounts import AccountRange
from styra.core.cycle.periods import FollowUpKind, FollowUpPeriod
from styra.folder.cycle import fiscal_end
from styra.web.followup import models as m

ZERO = Decimal(0)


def follow_up_period(period: m.Period) -> FollowUpPeriod | None:
    """The core's period to date; None for an annual period (it needs none), and for one
    whose end does not suit its kind (set up so in the admin: the export's loader then
    names the problem when the report is made)."""
    if period.is_annual:
        return None
    kind = FollowUpKind(period.kind)
    try:
        return FollowUpPeriod(kind, period.start, fiscal_end(period.start), period.end)
    except ValueError:
        return None


def by_account(ledger_id: int | None, measure: str) -> dict[tuple[str, int], Decimal]:
    """(account, month) → amount, as ``SieDocument.monthly_outcome`` gives it."""
    if ledger_id is None:
        return {}
    rows = m.MonthlyAmount.objects.filter(ledger_id=ledger_id, measure=measure, dimension="")
    return {(a, month): v for a, month, v in rows.values_list("account", "month", "amount")}


def by_object(
    ledger_id: int | None,
    measure: str,
    dimension: str,
    accounts: Iterable[AccountRange],
    year_months: Sequence[int],
) -> dict[str, list[Decimal]]:
    """Object id → its amounts on ``accounts`` per month of the year, in the year's order."""
    if ledger_id is None or not dimension:
        return {}
    ranges = list(accounts)
    place = {month: i for i, month in enumerate(year_months)}
    found: dict[str, list[Decimal]] = {}
    rows = m.MonthlyAmount.objects.filter(ledger_id=ledger_id, measure=measure, dimension=dimension)
    for account, obj, month, amount in rows.values_list("account", "object_id", "month", "amount"):
        i = place.get(month)
        if i is not None and any(account in r for r in ranges):
            found.setdefault(obj, [ZERO] * len(year_months))[i] += amount
    return found


def to_date(amounts: dict[tuple[str, int], Decimal], months: Iterable[int]) -> dict[str, Decimal]:
    """Per account, the sum of ``months``."""
    wanted = set(months)
    totals: dict[str, Decimal] = {}
    for (account, month), amount in amounts.items():
        if month in wanted:
            totals[account] = totals.get(account, ZERO) + amount
    return totals
