"""Attribute values of SIE 5 as the schema types them: decimals, dates and months.

XML Schema's lexical forms (``xsd:decimal``, ``xsd:date``, ``xsd:gYearMonth``), read
exactly; a value that does not fit is None and the reader says so at its line.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from styra.sie.amounts import EXACT

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_TIMEZONE = re.compile(r"(?:Z|[+-]\d\d:\d\d)?")
_CENT = Decimal("0.01")


def parse_decimal(text: str) -> Decimal | None:
    """An ``xsd:decimal`` (no exponent, no comma); two places at least, as SIE 4 shows them."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        return value.quantize(_CENT, context=EXACT)
    return value


def parse_day(text: str) -> date | None:
    """An ``xsd:date`` (YYYY-MM-DD, maybe with a time zone) or the date of an
    ``xsd:dateTime``; None when it is neither."""
    text = text.strip()
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    rest = text[10:]
    if rest and not (rest[0] == "T" or _TIMEZONE.fullmatch(rest)):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def parse_month(text: str) -> int | None:
    """An ``xsd:gYearMonth`` (YYYY-MM, maybe with a time zone) as the integer YYYYMM."""
    text = text.strip()
    if len(text) < 7 or text[4] != "-" or not _TIMEZONE.fullmatch(text[7:]):
        return None
    year, month = text[:4], text[5:7]
    if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit()):
        return None
    return int(year) * 100 + int(month) if 1 <= int(month) <= 12 else None


def first_day(period: int) -> date:
    return date(period // 100, period % 100, 1)


def last_day(period: int) -> date:
    year, month = divmod(period, 100)
    return date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: date) -> int:
    return day.year * 100 + day.month


def months_between(first: int, last: int) -> list[int]:
    """The YYYYMM months from ``first`` to ``last``, both included."""
    months, current = [], first
    while current <= last:
        months.append(current)
        year, month = divmod(current, 100)
        current = (year + 1) * 100 + 1 if month == 12 else current + 1
    return months
