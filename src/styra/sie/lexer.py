"""Cutting a SIE file into bounded lines, a record into its label and fields, and reading
amounts and dates.

Tolerant by design (SIE.md §2, §8): fields are separated by runs of spaces or tabs, any
field may be quoted, ``\\"`` is the only escape, a quote closes a field only before
whitespace, a brace or the end of the line (SoftOne writes raw quotes inside names), and an
object list ``{dim obj …}`` becomes a tuple of strings.

Bounded by design: a line is read with at most ``MAX_LINE_BYTES`` in memory and a field
may hold at most ``MAX_FIELD_BYTES``; a line over either limit is told to the caller and
read as an empty line. Splitting a line takes time linear in its length (no backtracking
regular expression over a field).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import BinaryIO, NamedTuple

from styra.sie.amounts import EXACT

Field = str | tuple[str, ...]

MAX_LINE_BYTES = 64 << 10
"""The longest line read (64 KiB, its line break not counted). Real records are short: the
longest line of the 119 sample files has 140 bytes, so this leaves a margin of 450 times
while keeping what one line can cost in memory and time small and fixed."""
MAX_FIELD_BYTES = 4 << 10
"""The longest field (4 KiB in the file, so 4,096 characters in CP437 and Latin-9, fewer
in UTF-8): an account or object name, a voucher text or #PROSA is a few dozen characters
(at most 103 in the samples), and every name kept in the document is bounded by this."""
_SKIP_BYTES = 64 << 10
"""The piece size in which the rest of an over-long line is read and dropped."""

_TOKEN = re.compile(
    r"""[ \t]*(?:
        "(?P<plain>(?:[^"]*[^"\\])?)"(?=[ \t}]|$)
      | (?P<open>\{)
      | (?P<close>\})
      | (?P<quote>")
      | (?P<bare>[^ \t{}]+)
    )""",
    re.VERBOSE,
)
"""One field: ``plain`` is the common quoted field (no inner quote, the quote after it
closes, no backslash before that); any other quoted field starts with ``quote`` and is
read by ``_quoted``. No repeated group: a backtracking one was exponential in ``\\"``."""
_BARE = re.compile(r"[^ \t{}]+")
_BARE_BYTES = re.compile(rb"[^ \t{}]+")
_AMOUNT = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_WHITESPACE = " \t\r\n"
_WHITESPACE_BYTES = b" \t\r\n"
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
    pos = 0
    while (match := _TOKEN.match(text, pos)) is not None:
        kind, pos = match.lastgroup, match.end()
        if kind == "open":
            if current is not None:
                fields.append(tuple(current))
            current = []
        elif kind == "close":
            if current is not None:
                fields.append(tuple(current))
            current = None
        else:
            value = match.group(kind or "bare")
            if kind == "quote":
                value, pos = _quoted(text, pos)
            (fields if current is None else current).append(value)
    if current is not None:
        fields.append(tuple(current))
    return fields


def _quoted(text: str, start: int) -> tuple[str, int]:
    """The field whose opening quote ends at ``start``, and where reading goes on.

    Unterminated, it runs to the end of the line (the text before a final line break)."""
    end = _closing_quote(text, start)
    if end is not None:
        return text[start:end].replace('\\"', '"'), end + 1
    stop = len(text) - (text[-1:] == "\n")
    if "\n" not in text[start:stop]:
        return text[start:stop], stop
    bare = _BARE.match(text, start - 1)  # a line break inside: only the fast path's pieces
    assert bare is not None  # the quote itself matches
    return bare.group(), bare.end()


def _closing_quote(text: str, start: int) -> int | None:
    """The closing quote of a field whose text starts at ``start``, or None; one pass.

    A quote closes only before a space, a tab, ``}`` or the end of the line; ``\\"`` is a
    quote inside the field, unless nothing later closes it: then the backslash is the last
    character and its quote the closing one (``"C:\\"`` is ``C:\\``)."""
    fallback = None
    at = start
    while (quote := text.find('"', at)) >= 0:
        at = quote + 1
        closes = at == len(text) or text[at] in " \t}" or text[at:] == "\n"
        if quote > start and text[quote - 1] == "\\":
            fallback = quote if closes else fallback
        elif closes:
            return quote
    return fallback


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


def iso_form(text: str) -> bool:
    """True for a date written YYYY-MM-DD, which SIE does not allow but exporters write."""
    text = text.strip()
    return len(text) == 10 and text[4] == "-" and text[7] == "-"


def parse_date(text: str) -> date | None:
    """A YYYYMMDD date (§5.10); also the ISO form some exporters write. None if invalid."""
    digits = text.strip()
    if iso_form(digits):
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


# -- lines -------------------------------------------------------------------------------


class Oversized(NamedTuple):
    """A line skipped for its length: ``what`` is "line" or "field", ``found`` in bytes."""

    line: int
    what: str
    found: int
    limit: int


def bounded_lines(
    handle: BinaryIO, refused: Callable[[Oversized], None] | None = None
) -> Iterator[tuple[int, bytes]]:
    """Numbered lines (from 1) with their line breaks, never more than ``MAX_LINE_BYTES``
    in memory; a line over a limit is told to ``refused`` and read as an empty line."""
    lines = iter(partial(handle.readline, MAX_LINE_BYTES + 2), b"")
    for lineno, line in enumerate(lines, 1):
        # Only a line longer than a field can be over either limit: one comparison a line.
        yield (
            lineno,
            line if len(line) <= MAX_FIELD_BYTES else _checked(lineno, line, handle, refused),
        )


def _checked(
    lineno: int, line: bytes, handle: BinaryIO, refused: Callable[[Oversized], None] | None
) -> bytes:
    oversized = _oversized(lineno, line, handle)
    if oversized is None:
        return line
    if refused is not None:
        refused(oversized)
    return b"\n"


def _oversized(lineno: int, line: bytes, handle: BinaryIO) -> Oversized | None:
    """What is too long on a line (the rest of an over-long line is read and dropped)."""
    size, ending = len(line), line[-2:]
    while ending[-1:] != b"\n" and size > MAX_LINE_BYTES:
        piece = handle.readline(_SKIP_BYTES)
        if not piece:
            break
        size, ending = size + len(piece), (ending + piece)[-2:]
    size -= 2 if ending == b"\r\n" else ending[-1:] == b"\n"
    if size > MAX_LINE_BYTES:
        return Oversized(lineno, "line", size, MAX_LINE_BYTES)
    longest = longest_field(line)
    if longest > MAX_FIELD_BYTES:
        return Oversized(lineno, "field", longest, MAX_FIELD_BYTES)
    return None


def longest_field(line: bytes) -> int:
    """The length in bytes of the longest field or object on a raw line."""
    stripped = line.strip(_WHITESPACE_BYTES)
    if b'"' not in stripped:  # every field is bare: a run of bytes between separators
        return max(map(len, _BARE_BYTES.findall(stripped)), default=0)
    # Latin-1 keeps one character per byte, and every separator is ASCII in all encodings.
    fields = split_fields(stripped.decode("latin-1"))
    return max(
        (
            len(value)
            for field in fields
            for value in (field if isinstance(field, tuple) else (field,))
        ),
        default=0,
    )
