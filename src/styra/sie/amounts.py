"""Exact totals kept small: öre as int, shown as Decimal kronor.

A document can hold hundreds of thousands of totals (accounts × objects); a Decimal costs
three times an int. Values are stored as ``int`` öre, or — for the rare amount with more
than two decimals, which the standard does not allow but files contain — as ``Decimal``
kronor. ``Amounts`` shows both as Decimal kronor.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from typing import ParamSpec, TypeVar

from styra.core.money import format_number

K = TypeVar("K")
P = ParamSpec("P")
R = TypeVar("R")

EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Sums of amounts never round: the standard sets no upper bound on an amount (§5.9)."""


def exact(function: Callable[P, R]) -> Callable[P, R]:
    """Run with the EXACT decimal context (not for generators: their context would leak)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(EXACT):
            return function(*args, **kwargs)

    return wrapper


Raw = int | Decimal
"""int: öre; Decimal: kronor."""
_HUNDRED = Decimal(100)


def to_raw(amount: Decimal) -> Raw:
    cents = EXACT.multiply(amount, _HUNDRED)
    return int(cents) if cents == cents.to_integral_value() else amount


def to_decimal(value: Raw) -> Decimal:
    return Decimal(value).scaleb(-2, context=EXACT) if isinstance(value, int) else value


def plus(a: Raw, b: Raw) -> Raw:
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return EXACT.add(to_decimal(a), to_decimal(b))


def add(table: dict[K, Raw], key: K, value: Raw) -> None:
    old = table.get(key)
    table[key] = value if old is None else plus(old, value)


class Amounts(Mapping[K, Decimal]):
    """A read-only mapping over raw totals that yields Decimal kronor."""

    __slots__ = ("_raw",)

    def __init__(self, raw: Mapping[K, Raw]) -> None:
        self._raw = raw

    def __getitem__(self, key: K) -> Decimal:
        return to_decimal(self._raw[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def raw_items(self) -> Iterator[tuple[K, Raw]]:
        return iter(self._raw.items())

    def raw_table(self) -> Mapping[K, Raw]:
        """The raw totals themselves (read-only by convention), for the kernel's loops."""
        return self._raw

    def __repr__(self) -> str:
        return f"Amounts({dict(self.items())!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def raw_items(table: Mapping[K, Decimal]) -> Iterator[tuple[K, Raw]]:
    """Raw values of an Amounts, or the Decimals of any other mapping."""
    if isinstance(table, Amounts):
        return table.raw_items()
    return iter(table.items())


def shown(amount: Decimal) -> str:
    """An amount in a message for people: ``−12 771,00`` (U+202F, decimal comma, U+2212).

    Öre are always shown; an amount with more decimals (which files contain although the
    standard forbids them) keeps them, so a difference of 0.001 is never shown as 0,00.
    """
    exponent = amount.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    with localcontext(EXACT):
        return format_number(amount, places)
