"""Budget to date (periodiserad budget): the annual budget spread over the months.

A budget file that has months (#PBUDGET per month) is its own periodisation. Otherwise
each operating line's annual budget is spread by a distribution profile: even twelfths,
the previous year's monthly outcome, or twelve shares given in per cent (personnel costs
with holiday pay in July, say). The profile used stays with the months, so a report can
say how the budget to date was worked out.

Spreading rounds each month to whole kronor (or a coarser unit such as tkr) by the
largest remainder, as the result sharing does, so the months always add up to the annual
budget exactly. Ties go to the earlier month. An annual budget that is no whole number of
units is spread in its own last digit (kronor, or öre where it has öre), since whole units
could not add up to it. The arithmetic is done in exact fractions.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from styra.core.cycle.periods import MONTHS_IN_YEAR
from styra.core.money import format_with_unit
from styra.i18n import _

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
EVEN_WEIGHTS = (ONE,) * MONTHS_IN_YEAR


class ProfileKind(enum.StrEnum):
    MONTHLY_BUDGET = "monthly_budget"  # the budget file's own months (#PBUDGET)
    EVEN = "even"
    PREVIOUS_YEAR = "previous_year"
    EXPLICIT = "explicit"

    @property
    def label(self) -> str:
        """How a report names the profile beside the budget to date."""
        return {
            ProfileKind.MONTHLY_BUDGET: _("budgetens månadsbelopp"),
            ProfileKind.EVEN: _("jämna tolftedelar"),
            ProfileKind.PREVIOUS_YEAR: _("föregående års utfallsprofil"),
            ProfileKind.EXPLICIT: _("angiven fördelningsprofil"),
        }[self]


def explicit_profile_problem(shares: Sequence[Decimal]) -> str | None:
    """Why twelve shares in per cent cannot be a profile, in Swedish, or None."""
    if len(shares) != MONTHS_IN_YEAR:
        return _("en fördelningsprofil ska ha tolv andelar, en per månad, men har {n}").format(
            n=len(shares)
        )
    for month, share in enumerate(shares, start=1):
        if share < 0:
            return _("andelen för månad {month} är negativ ({share})").format(
                month=month, share=format_with_unit(share, "%")
            )
    total = sum(shares, ZERO)
    if total != HUNDRED:
        return _("fördelningsprofilens andelar summerar till {total}, inte 100\u00a0%").format(
            total=format_with_unit(total, "%")
        )
    return None


def previous_year_profile_problem(previous: Sequence[Decimal] | None) -> str | None:
    """Why the previous year's monthly outcome gives a line no profile, or None.

    The same rule holds the previous-year budget profile and the seasonal forecast.
    """
    if not previous:
        return _("föregående års utfall per månad saknas för raden")
    if len(previous) != MONTHS_IN_YEAR:
        return _("föregående års utfall ska ha tolv månader, men har {n}").format(n=len(previous))
    if sum(previous, ZERO) == 0:
        return _("radens utfall föregående år summerar till noll")
    return None


@dataclass(frozen=True, slots=True)
class Profile:
    """How a line's annual budget is spread; ``shares`` (per cent) for an explicit one."""

    kind: ProfileKind
    shares: tuple[Decimal, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is ProfileKind.EXPLICIT:
            problem = explicit_profile_problem(self.shares)
            if problem is not None:
                raise ValueError(problem)
        elif self.shares:
            raise ValueError(_("bara en angiven fördelningsprofil har andelar"))


def spread(annual: Decimal, weights: Sequence[Decimal], unit: Decimal = ONE) -> tuple[Decimal, ...]:
    """``annual`` shared by ``weights`` in whole ``unit``s, adding up to it exactly.

    Largest remainder on the magnitude, then the sign, so a revenue line is spread as
    the mirror of a cost line of the same size.
    """
    weight = sum((Fraction(w) for w in weights), Fraction(0))
    if weight == 0:
        raise ValueError(_("fördelningsprofilens vikter summerar till noll"))
    if unit <= 0:
        raise ValueError(_("avrundningsenheten måste vara större än noll"))
    quantum = _quantum(annual, unit)
    units = Fraction(annual) / Fraction(quantum)
    size, sign = abs(units), (-1 if units < 0 else 1)
    exact = [size * Fraction(w) / weight for w in weights]
    floors = [math.floor(e) for e in exact]
    left = int(size) - sum(floors)
    for i in sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))[:left]:
        floors[i] += 1
    return tuple(Decimal(sign * f) * quantum for f in floors)


def _quantum(annual: Decimal, unit: Decimal) -> Decimal:
    if annual % unit == 0:
        return unit
    exponent = annual.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite amount
    return ONE.scaleb(min(exponent, 0))


@dataclass(frozen=True, slots=True)
class BudgetMonths:
    """A line's budget per month of the fiscal year, with the profile that made it."""

    months: tuple[Decimal, ...]
    profile: Profile
    note: str = ""  # why the profile asked for could not be used

    @property
    def annual(self) -> Decimal:
        return sum(self.months, ZERO)

    def to_date(self, elapsed: int) -> Decimal:
        return sum(self.months[:elapsed], ZERO)


def budget_profile(budget_has_months: bool, configured: Profile | None) -> Profile:
    """The profile a line's budget uses: the file's months where it has them.

    Otherwise the line's profile from the accounts file, and even twelfths without one.
    """
    if budget_has_months:
        return Profile(ProfileKind.MONTHLY_BUDGET)
    return configured if configured is not None else Profile(ProfileKind.EVEN)


def budget_months(
    given: Sequence[Decimal],
    profile: Profile,
    previous: Sequence[Decimal] | None = None,
    unit: Decimal = ONE,
) -> BudgetMonths:
    """A line's budget months: ``given`` (the budget file's) as they are, or respread.

    A previous-year profile without a previous year to follow falls back to even
    twelfths, and the note says why, so the report shows the profile really used.
    """
    if len(given) != MONTHS_IN_YEAR:
        raise ValueError(f"{len(given)} budget months given, expected {MONTHS_IN_YEAR}")
    annual = sum(given, ZERO)
    if profile.kind is ProfileKind.MONTHLY_BUDGET:
        return BudgetMonths(tuple(given), profile)
    if profile.kind is ProfileKind.PREVIOUS_YEAR:
        problem = previous_year_profile_problem(previous)
        if problem is not None:
            note = _("{problem}; jämna tolftedelar används").format(problem=problem)
            return BudgetMonths(spread(annual, EVEN_WEIGHTS, unit), Profile(ProfileKind.EVEN), note)
        assert previous is not None
        return BudgetMonths(spread(annual, previous, unit), profile)
    weights = profile.shares if profile.kind is ProfileKind.EXPLICIT else EVEN_WEIGHTS
    return BudgetMonths(spread(annual, weights, unit), profile)
