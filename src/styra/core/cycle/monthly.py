"""Monthly amounts per account, summed to the operating account's lines month by month.

The input is what the SIE reader gives (``SieDocument.monthly_outcome`` and
``monthly_budget``): (account, ``YYYYMM``) → amount in kronor with the ledger's signs.
A line sums the accounts its ranges hold, as ``accounts.sum_accounts`` does for the year,
so an account that two lines hold counts in both (``overlapping_accounts`` finds those).
Months outside the fiscal year are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import ReportLine

ZERO = Decimal(0)

MonthlyAmounts = Mapping[tuple[str, int], Decimal]
"""(account, month as ``YYYYMM``) → amount, as ``SieDocument.monthly_outcome`` gives it."""


@dataclass(frozen=True, slots=True)
class MonthlyLine:
    """One report line's amounts per month of the fiscal year, in the year's order."""

    line: ReportLine
    months: tuple[Decimal, ...]

    def to_date(self, elapsed: int) -> Decimal:
        """The sum of the first ``elapsed`` months: the amount to date (ackumulerat)."""
        return sum(self.months[:elapsed], ZERO)

    @property
    def total(self) -> Decimal:
        return sum(self.months, ZERO)


def monthly_by_line(
    lines: Iterable[ReportLine], amounts: MonthlyAmounts, year_months: Sequence[int]
) -> tuple[MonthlyLine, ...]:
    """Each line's sums per month of ``year_months`` (a ``FollowUpPeriod.year_months``).

    Which lines hold an account is worked out once per account, not once per month, so
    the cost is accounts × lines plus one addition per (account, month) total.
    """
    all_lines = tuple(lines)
    place = {month: i for i, month in enumerate(year_months)}
    sums = [[ZERO] * len(year_months) for _ in all_lines]
    holders: dict[str, list[int]] = {}
    for (account, month), amount in amounts.items():
        i = place.get(month)
        if i is None:
            continue
        found = holders.get(account)
        if found is None:
            found = holders[account] = [n for n, ln in enumerate(all_lines) if ln.holds(account)]
        for n in found:
            sums[n][i] += amount
    return tuple(MonthlyLine(ln, tuple(s)) for ln, s in zip(all_lines, sums, strict=True))


def has_months(amounts: MonthlyAmounts, year_months: Sequence[int]) -> bool:
    """Whether the amounts fall in more than one month of the year.

    A budget file that writes each account's annual budget in one #PBUDGET month has no
    periodisation of its own; one that spreads it over months has.
    """
    wanted = set(year_months)
    seen = {month for (_account, month), amount in amounts.items() if amount and month in wanted}
    return len(seen) > 1
