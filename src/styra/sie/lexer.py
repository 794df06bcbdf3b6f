"""Splitting one SIE record into its label and fields, and reading amounts and dates.

Tolerant by design (SIE.md §2, §8): fields are separated by runs of spaces or tabs, any
field may be quoted, ``\\"`` is the only escape, a quote closes a field only before
whitespace, a brace or the end of the line (SoftOne writes raw quotes inside names), and an
object list ``{dim obj …}`` becomes a tuple of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from styra.sie.amounts import EXACT

Field = str | tuple[str, ...]

_FIELD = re.compile(
    r"""[ \t]*(?:
        "(?P<quoted>(?:\\"|[^"]|"(?![ \t}]|$))*)"(?=[ \t}]|$)
      | (?P<open>\{)
      | (?P<close>\})
      | "(?P<unterminated>.*)$
      | (?P<bare>[^ \t{}]+)
    )""",
    re.VERBOSE,
)
_AMOUNT = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_WHITESPACE = " \t\r\n"
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Record:
    """One record: its label (``#TRANS``) and fields; object lists are tuples."""

    label: str
    fields: tuple[Field, ...]
    line: int

    def text(self, index: int) -> str:
        """The field as text; '' when absent or when it is an object list."""
        if index < len(self.fields):
            value = self.fields[index]
            return value if isinstance(value, str) else ""
        return ""

    def has(self, index: int) -> bool:
        return index < len(self.fields)

    def objects(self, index: int) -> tuple[str, ...] | None:
        if index < len(self.fields):
            value = self.fields[index]
            return value if isinstance(value, tuple) else None
        return None


def split_fields(text: str) -> list[Field]:
    """Split the text of a record (label included) into fields and object lists."""
    fields: list[Field] = []
    current: list[str] | None = None
    for match in _FIELD.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            if current is not None:
                fields.append(tuple(current))
            current = []
            continue
        if kind == "close":
            if current is not None:
                fields.append(tuple(current))
            current = None
            continue
        value = match.group(kind or "bare")
        if kind == "quoted":
            value = value.replace('\\"', '"')
        (fields if current is None else current).append(value)
    if current is not None:
        fields.append(tuple(current))
    return fields


def parse_record(text: str, line: int) -> Record | None:
    """The record on a line, or None for a line that holds no label (blank, braces)."""
    stripped = text.strip(_WHITESPACE)
    if not stripped.startswith("#"):
        return None
    fields = split_fields(stripped)
    label = fields[0]
    if not isinstance(label, str):
        return None
    return Record(label.upper(), tuple(fields[1:]), line)


def pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
    """Object-list values as (dimension, object) pairs; None when the count is odd."""
    if len(values) % 2:
        return None
    return tuple((values[i], values[i + 1]) for i in range(0, len(values), 2))


def parse_amount(text: str) -> Decimal | None:
    """An amount (§5.9), exact; None when the text is not a number."""
    text = text.strip()
    if not _AMOUNT.fullmatch(text):
        text = text.replace(",", ".")
        if not _AMOUNT.fullmatch(text):
            return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    # Öre always shown: 100 and 100.00 are the same amount and should look the same.
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        return value.quantize(_CENT, context=EXACT)
    return value


def parse_date(text: str) -> date | None:
    """A YYYYMMDD date (§5.10); also the ISO form some exporters write. None if invalid."""
    digits = text.strip()
    if len(digits) == 10 and digits[4] == "-" and digits[7] == "-":
        digits = digits.replace("-", "")
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def parse_period(text: str) -> int | None:
    """A YYYYMM period as the integer YYYYMM, or None."""
    digits = text.strip()
    if len(digits) != 6 or not digits.isascii() or not digits.isdigit():
        return None
    month = int(digits[4:])
    return int(digits) if 1 <= month <= 12 else None


def parse_int(text: str) -> int | None:
    text = text.strip()
    try:
        return int(text) if text.isascii() else None
    except ValueError:
        return None
