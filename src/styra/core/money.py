"""Amounts and Swedish number typography, in one place.

Amounts are exact decimals in kronor, signed as in the ledger (revenue negative, cost
positive). Reports show them in tkr, each row rounded from kronor on its own.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
THOUSAND = Decimal(1000)

_SPACES = (" ", "\u00a0", NARROW_NBSP, "\u2009")
_MINUSES = (MINUS, "\u2011", "\u2013")


def parse_decimal(text: str) -> Decimal:
    """Parse a number as people write it: ``1 234,5``, ``-852``, ``−852``, ``72.25``.

    Raises ValueError with a Swedish message when the text is not a number.
    """
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    for minus in _MINUSES:
        cleaned = cleaned.replace(minus, "-")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"»{text}» är inte ett tal") from None
    if not value.is_finite() or cleaned.lower() in {"nan", "inf", "infinity"}:
        raise ValueError(f"»{text}» är inte ett tal")
    return value


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Commercial rounding (half away from zero), as Swedish reports round.

    A value that rounds to zero is zero, never "−0".
    """
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def to_tkr(kronor: Decimal) -> Decimal:
    """Kronor to whole tkr, rounded half away from zero."""
    return round_half_up(kronor / THOUSAND)


def format_number(value: Decimal, places: int | None = None) -> str:
    """Swedish typography: groups of three by a narrow no-break space, decimal comma, U+2212.

    ``places`` fixes the number of decimals; by default the value keeps the decimals it
    was written with (``Decimal("72.25")`` prints ``72,25``, ``Decimal("7.5")`` ``7,5``).
    """
    if places is not None:
        value = round_half_up(value, places)
    sign = MINUS if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NARROW_NBSP.join(groups)
    if fraction:
        result += "," + fraction
    if result == "0" or set(result) <= {"0", ",", NARROW_NBSP}:
        sign = ""
    return sign + result


def format_share(share: Decimal) -> str:
    """A share as a percentage figure without trailing zeros: ``0.20`` prints ``20``."""
    return format_number((share * 100).normalize())


def format_with_unit(value: Decimal, unit: str) -> str:
    """A number followed by its unit after a no-break space: ``72,25 %``, ``18 st``."""
    number = format_number(value)
    return f"{number}{NBSP}{unit}" if unit else number


def format_tkr(kronor: Decimal) -> str:
    return format_number(to_tkr(kronor))


def end_sentence(text: str) -> str:
    """The text with one full stop at its end.

    A sentence that ends in an abbreviation takes no second stop: "75 st. når målvärdet
    75 st." (a unit written "st." ends the sentence with its own point).
    """
    return text if text.endswith((".", "!", "?", "…")) else text + "."
