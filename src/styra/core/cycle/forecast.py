"""Full-year forecasts (helårsprognos): the proposed methods and the controller's choice.

Each method is a pure function of the outcome to date and what it needs besides. A
proposal is rounded to öre, half away from zero, computed in exact fractions. The
controller accepts a proposal or types an amount; a typed amount that matches no proposal
needs a comment. Forecast deviation is budget − forecast, and the change since the
previous forecast (prognosförändring) is previous − current: like every deviation in
Styra, positive is better (a cost line whose forecast fell, a revenue line whose forecast
grew).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from styra.core.cycle.periods import MONTHS_IN_YEAR
from styra.core.cycle.profiles import previous_year_profile_problem
from styra.core.money import format_number, to_tkr
from styra.i18n import _

ZERO = Decimal(0)
ORE = 2  # decimals kept in a proposal


class ForecastMethod(enum.StrEnum):
    RUN_RATE = "run_rate"
    REMAINING_BUDGET = "remaining_budget"
    SEASONAL = "seasonal"

    @property
    def label(self) -> str:
        return {
            ForecastMethod.RUN_RATE: _("uppräknat utfall"),
            ForecastMethod.REMAINING_BUDGET: _("utfall plus återstående budget"),
            ForecastMethod.SEASONAL: _("föregående års säsongsprofil"),
        }[self]

    @property
    def description(self) -> str:
        return {
            ForecastMethod.RUN_RATE: _(
                "Utfallet hittills räknat upp till helår: utfallet delat med antalet "
                "månader hittills, gånger tolv."
            ),
            ForecastMethod.REMAINING_BUDGET: _(
                "Utfallet hittills plus budgeten för årets återstående månader."
            ),
            ForecastMethod.SEASONAL: _(
                "Utfallet hittills delat med den andel av helåret som föregående års utfall "
                "hade nått vid samma månad."
            ),
        }[self]


def _to_ore(value: Fraction) -> Decimal:
    size = math.floor(abs(value) * 10**ORE + Fraction(1, 2))
    return Decimal(-size if value < 0 else size).scaleb(-ORE)


def run_rate(to_date: Decimal, elapsed: int) -> Decimal:
    """Outcome to date × 12 / months elapsed."""
    return _to_ore(Fraction(to_date) * MONTHS_IN_YEAR / elapsed)


def remaining_budget(to_date: Decimal, budget: Sequence[Decimal], elapsed: int) -> Decimal:
    """Outcome to date + the budget of the months after the period."""
    return to_date + sum(budget[elapsed:], ZERO)


def seasonal_problem(previous: Sequence[Decimal] | None, elapsed: int) -> str | None:
    """Why the previous year's profile cannot scale the outcome to date, or None."""
    problem = previous_year_profile_problem(previous)
    if problem is not None or previous is None:
        return problem
    share = Fraction(sum(previous[:elapsed], ZERO)) / Fraction(sum(previous, ZERO))
    if share <= 0:
        return _(
            "föregående års utfall till och med samma månad var {to_date} av helårets "
            "{total}, ingen andel att räkna upp med"
        ).format(
            to_date=format_number(sum(previous[:elapsed], ZERO)),
            total=format_number(sum(previous, ZERO)),
        )
    return None


def seasonal(to_date: Decimal, previous: Sequence[Decimal], elapsed: int) -> Decimal | None:
    """Outcome to date / the previous year's share of its year by the same month.

    None where that share is not positive (see ``seasonal_problem``).
    """
    if seasonal_problem(previous, elapsed) is not None:
        return None
    total = Fraction(sum(previous, ZERO))
    return _to_ore(Fraction(to_date) * total / Fraction(sum(previous[:elapsed], ZERO)))


@dataclass(frozen=True, slots=True)
class Proposal:
    method: ForecastMethod
    amount: Decimal | None  # None where the method has no figure for the line
    note: str = ""  # why there is none


def proposals(
    to_date: Decimal,
    elapsed: int,
    budget: Sequence[Decimal],
    previous: Sequence[Decimal] | None = None,
) -> tuple[Proposal, ...]:
    """Every method's proposal for one line, in ``ForecastMethod`` order."""
    seasonal_note = seasonal_problem(previous, elapsed)
    seasonal_amount = None
    if seasonal_note is None and previous is not None:
        seasonal_amount = seasonal(to_date, previous, elapsed)
    return (
        Proposal(ForecastMethod.RUN_RATE, run_rate(to_date, elapsed)),
        Proposal(ForecastMethod.REMAINING_BUDGET, remaining_budget(to_date, budget, elapsed)),
        Proposal(ForecastMethod.SEASONAL, seasonal_amount, seasonal_note or ""),
    )


@dataclass(frozen=True, slots=True)
class ForecastChoice:
    """What the controller chose: one method, or a typed amount (with a comment)."""

    method: ForecastMethod | None = None
    amount: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Forecast:
    amount: Decimal
    method: ForecastMethod | None  # None: typed by the controller
    comment: str = ""

    @property
    def label(self) -> str:
        return self.method.label if self.method else _("inmatad prognos")


def _matches(amount: Decimal, found: Sequence[Proposal]) -> bool:
    """A typed amount matches a proposal that shows the same in whole tkr."""
    return any(p.amount is not None and to_tkr(p.amount) == to_tkr(amount) for p in found)


def forecast_problem(choice: ForecastChoice, found: Sequence[Proposal]) -> str | None:
    """Why the choice cannot be the line's forecast, in Swedish, or None: the one rule."""
    if choice.method is None and choice.amount is None:
        return _("välj en prognosmetod eller skriv en prognos")
    if choice.method is not None and choice.amount is not None:
        return _("välj en prognosmetod eller skriv en prognos, inte båda")
    if choice.method is not None:
        proposal = next((p for p in found if p.method is choice.method), None)
        if proposal is None or proposal.amount is None:
            note = proposal.note if proposal else ""
            return _("metoden {title} ger ingen prognos för raden: {note}").format(
                title=choice.method.label, note=note or _("inget förslag beräknat")
            )
        return None
    assert choice.amount is not None
    if not choice.comment.strip() and not _matches(choice.amount, found):
        return _(
            "prognosen {amount} tkr skiljer sig från alla förslag; skriv en kommentar om varför"
        ).format(amount=format_number(to_tkr(choice.amount)))
    return None


def choose_forecast(choice: ForecastChoice, found: Sequence[Proposal]) -> Forecast:
    """The forecast the choice makes; ValueError with ``forecast_problem``'s text if none."""
    problem = forecast_problem(choice, found)
    if problem is not None:
        raise ValueError(problem)
    if choice.method is not None:
        amount = next(p.amount for p in found if p.method is choice.method)
        assert amount is not None
        return Forecast(amount, choice.method, choice.comment)
    assert choice.amount is not None
    return Forecast(choice.amount, None, choice.comment)


def forecast_deviation(annual_budget: Decimal, forecast: Decimal) -> Decimal:
    """Prognosavvikelse: budget − forecast; positive is better than budget."""
    return annual_budget - forecast


def forecast_change(previous: Decimal, current: Decimal) -> Decimal:
    """Prognosförändring: previous − current; positive is better than last time."""
    return previous - current
