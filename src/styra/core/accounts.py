"""Operating account (driftredovisning) and investment account (investeringsredovisning).

Report lines are defined by account ranges as data, since every municipality subdivides
Kommun-Bas its own way. Amounts are in kronor with the ledger's signs; the deviation is
budget − outcome, so a positive deviation is better than budget for revenue and cost
lines alike. Each row's tkr figures are rounded from its own kronor, which is why a
printed row need not add up (RESOR & KURSER: 100, 48 and 53).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.money import to_tkr

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class AccountRange:
    """Accounts from ``first`` to ``last`` inclusive, compared on their leading digits.

    ``5000``–``5999`` holds 5011 and also a six-digit sub-account 501100, so a range
    written in Kommun-Bas's four digits covers the municipality's deeper accounts.
    """

    first: str
    last: str

    def __contains__(self, account: object) -> bool:
        if not isinstance(account, str):
            return False
        head = account[: len(self.first)]
        return len(head) == len(self.first) and self.first <= head <= self.last

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}–{self.last}"


class Section(enum.StrEnum):
    REVENUE = "revenue"
    COST = "cost"


class RowKind(enum.StrEnum):
    LINE = "line"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class ReportLine:
    label: str
    section: Section
    ranges: tuple[AccountRange, ...]
    id: str = ""  # stable name for narrative placeholders ({drift.<id>.avvikelse}); optional

    def holds(self, account: str) -> bool:
        return any(account in r for r in self.ranges)


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    kind: RowKind
    budget: Decimal
    outcome: Decimal
    previous: Decimal | None = None
    key: str = ""  # the report line's id or the project's object id; empty for totals

    @property
    def deviation(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def budget_tkr(self) -> Decimal:
        return to_tkr(self.budget)

    @property
    def outcome_tkr(self) -> Decimal:
        return to_tkr(self.outcome)

    @property
    def deviation_tkr(self) -> Decimal:
        return to_tkr(self.deviation)

    @property
    def previous_tkr(self) -> Decimal | None:
        return None if self.previous is None else to_tkr(self.previous)


@dataclass(frozen=True, slots=True)
class YearResult:
    """The year's result (årets resultat) beside the result the budget planned, in kronor.

    Both are revenue minus cost, so a surplus is positive (the ledger's net row has the
    opposite sign). They are two figures: a budget that plans a surplus of 1 000 tkr and
    a year that ends at −852 tkr give a net result of −852 and a deviation from budget of
    −1 852. A joint committee shares the deviation among its members (see
    docs/DECISIONS.md), since the members already paid the budgeted contributions.
    """

    net_result: Decimal
    budgeted_result: Decimal

    @property
    def budget_deviation(self) -> Decimal:
        return self.net_result - self.budgeted_result

    @property
    def net_result_tkr(self) -> Decimal:
        return to_tkr(self.net_result)

    @property
    def budgeted_result_tkr(self) -> Decimal:
        return to_tkr(self.budgeted_result)

    @property
    def budget_deviation_tkr(self) -> Decimal:
        return to_tkr(self.budget_deviation)


@dataclass(frozen=True, slots=True)
class OperatingAccount:
    rows: tuple[Row, ...]
    has_previous: bool

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)

    @property
    def net(self) -> Row:
        return self.rows[-1]

    @property
    def result(self) -> YearResult:
        """The net row read as a result: cost minus revenue turned round to a surplus."""
        return YearResult(-self.net.outcome, -self.net.budget)


@dataclass(frozen=True, slots=True)
class Labels:
    total_revenue: str = "TOTALT INTÄKTER"
    total_cost: str = "TOTALT KOSTNADER"
    net_result: str = "NETTORESULTAT"


def sum_accounts(amounts: Mapping[str, Decimal], line: ReportLine) -> Decimal:
    return sum((v for a, v in amounts.items() if line.holds(a)), ZERO)


def build_operating_account(
    lines: Iterable[ReportLine],
    outcome: Mapping[str, Decimal],
    budget: Mapping[str, Decimal],
    previous: Mapping[str, Decimal] | None = None,
    labels: Labels = Labels(),
) -> OperatingAccount:
    rows: list[Row] = []
    totals: dict[Section, Row] = {}
    for section, total_label in (
        (Section.REVENUE, labels.total_revenue),
        (Section.COST, labels.total_cost),
    ):
        section_rows = [
            Row(
                line.label,
                RowKind.LINE,
                sum_accounts(budget, line),
                sum_accounts(outcome, line),
                None if previous is None else sum_accounts(previous, line),
                line.id,
            )
            for line in lines
            if line.section is section
        ]
        totals[section] = _total(total_label, RowKind.SUBTOTAL, section_rows)
        rows += [*section_rows, totals[section]]
    rows.append(_total(labels.net_result, RowKind.TOTAL, list(totals.values())))
    return OperatingAccount(tuple(rows), previous is not None)


def _total(label: str, kind: RowKind, rows: list[Row]) -> Row:
    previous = None
    if rows and all(r.previous is not None for r in rows):
        previous = sum((r.previous for r in rows if r.previous is not None), ZERO)
    return Row(
        label,
        kind,
        sum((r.budget for r in rows), ZERO),
        sum((r.outcome for r in rows), ZERO),
        previous,
    )


@dataclass(frozen=True, slots=True)
class MultiYear:
    """The operating account's outcome over several years (flerårsöversikt), oldest first.

    Each row is a line, a section total or the net, as the operating account lays them
    out; ``outcomes`` has one amount per year of ``years``.
    """

    years: tuple[int, ...]
    rows: tuple[tuple[str, RowKind, tuple[Decimal, ...]], ...]


def multi_year_account(
    lines: Sequence[ReportLine],
    outcomes: Sequence[tuple[int, Mapping[str, Decimal]]],
    labels: Labels = Labels(),
) -> MultiYear:
    """Each year's outcome through the same lines and totals as the operating account."""
    ordered = sorted(outcomes, key=lambda pair: pair[0])
    accounts = [
        build_operating_account(lines, outcome, {}, None, labels) for _y, outcome in ordered
    ]
    rows = tuple(
        (row.label, row.kind, tuple(a.rows[i].outcome for a in accounts))
        for i, row in enumerate(accounts[0].rows)
    )
    return MultiYear(tuple(y for y, _o in ordered), rows)


def unmapped_accounts(
    accounts: Iterable[str], lines: Iterable[ReportLine], scope: Iterable[AccountRange]
) -> list[str]:
    """Operating accounts (in ``scope``) that no report line holds: money that would vanish."""
    all_lines, ranges = list(lines), list(scope)
    return sorted(
        a
        for a in set(accounts)
        if any(a in r for r in ranges) and not any(ln.holds(a) for ln in all_lines)
    )


def overlapping_accounts(
    accounts: Iterable[str], lines: Iterable[ReportLine]
) -> dict[str, list[str]]:
    """Accounts that more than one report line holds: money that would count twice."""
    all_lines = list(lines)
    found: dict[str, list[str]] = {}
    for account in sorted(set(accounts)):
        holders = [ln.label for ln in all_lines if ln.holds(account)]
        if len(holders) > 1:
            found[account] = holders
    return found


@dataclass(frozen=True, slots=True)
class LargeDeviation:
    """When a line's deviation is large enough to need an analysis beside it.

    A line's deviation is large when it is at least ``tkr`` in either direction, or at
    least ``share`` of the budget (``0.10`` = 10 %); a limit left as None does not apply.
    """

    tkr: Decimal | None = None
    share: Decimal | None = None

    def holds(self, row: Row) -> bool:
        size = abs(row.deviation_tkr)
        if size == 0:
            return False
        if self.tkr is not None and size >= self.tkr:
            return True
        if self.share is None or row.budget == 0:
            return False
        return abs(row.deviation) / abs(row.budget) >= self.share


@dataclass(frozen=True, slots=True)
class DeviationNote:
    row: Row
    analysis: str  # empty when nobody has written one yet


def deviation_notes(
    rows: Iterable[Row], limit: LargeDeviation, analysis: Mapping[str, str]
) -> tuple[DeviationNote, ...]:
    """The report lines whose deviation is large, in table order, with their analyses."""
    return tuple(
        DeviationNote(r, analysis.get(r.label, ""))
        for r in rows
        if r.kind is RowKind.LINE and limit.holds(r)
    )


@dataclass(frozen=True, slots=True)
class Project:
    label: str
    object_id: str


@dataclass(frozen=True, slots=True)
class InvestmentAccount:
    rows: tuple[Row, ...]

    @property
    def total(self) -> Row:
        return self.rows[-1]


def build_investment_account(
    projects: Iterable[Project],
    outcome_by_object: Mapping[str, Decimal],
    budget_by_object: Mapping[str, Decimal],
    total_label: str,
) -> InvestmentAccount:
    rows = [
        Row(
            p.label,
            RowKind.LINE,
            budget_by_object.get(p.object_id, ZERO),
            outcome_by_object.get(p.object_id, ZERO),
            key=p.object_id,
        )
        for p in projects
    ]
    return InvestmentAccount((*rows, _total(total_label, RowKind.TOTAL, rows)))
