"""Result sharing (resultatfördelning) of a joint committee among its member municipalities.

The key, its reference date, its source and the rounding rule belong to the members'
agreement, so they are data. Largest-remainder (Hamilton) rounding makes the parts add up
to the printed total; rounding each part half-up is available to show why it does not.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from styra.core.money import round_half_up


class Rounding(enum.StrEnum):
    LARGEST_REMAINDER = "largest_remainder"
    HALF_UP = "half_up"


@dataclass(frozen=True, slots=True)
class Member:
    code: str  # the municipality code, e.g. 1814
    name: str
    weight: Decimal  # the key's value, e.g. the population


@dataclass(frozen=True, slots=True)
class SharingKey:
    basis: str  # what the key counts, e.g. "invånarantal"
    reference_date: date
    source: str
    members: tuple[Member, ...]
    rounding: Rounding = Rounding.LARGEST_REMAINDER


@dataclass(frozen=True, slots=True)
class Share:
    member: Member
    exact: Decimal
    amount: Decimal


def share(total: Decimal, key: SharingKey) -> tuple[Share, ...]:
    """Share ``total`` (in whole units, e.g. tkr) by the key's weights."""
    weights = sum((m.weight for m in key.members), Decimal(0))
    if weights <= 0:
        raise ValueError("fördelningsnyckelns summa måste vara större än noll")
    exact = [total * m.weight / weights for m in key.members]
    if key.rounding is Rounding.HALF_UP:
        amounts = [round_half_up(e) for e in exact]
    else:
        amounts = _largest_remainder(total, exact, key.members)
    return tuple(Share(m, e, a) for m, e, a in zip(key.members, exact, amounts, strict=True))


def _largest_remainder(
    total: Decimal, exact: Sequence[Decimal], members: Sequence[Member]
) -> list[Decimal]:
    """Apportion |total| by whole units, then give the result the total's sign.

    Ties in the remainder go to the larger weight, then to the lower municipality code,
    so the result does not depend on the order the members are listed in.
    """
    sign = Decimal(-1) if total < 0 else Decimal(1)
    magnitudes = [abs(e) for e in exact]
    floors = [m.to_integral_value(rounding=ROUND_FLOOR) for m in magnitudes]
    left = int(abs(round_half_up(total)) - sum(floors, Decimal(0)))
    order = sorted(
        range(len(exact)),
        key=lambda i: (-(magnitudes[i] - floors[i]), -members[i].weight, members[i].code),
    )
    for i in order[:left]:
        floors[i] += 1
    return [sign * f if f else Decimal(0) for f in floors]
