"""Pure parsers for one cell of an export: timestamps, numbers and yes/no.

A cell is whatever the reader produced: text from CSV, or a typed value from XLSX. Each
parser returns the value or raises ValueError with a Swedish message; the caller turns
that into a problem that points at the cell.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from styra.core.money import parse_decimal
from styra.i18n import _

Cell = str | int | float | Decimal | datetime | date | None

LOCAL_TIME = ZoneInfo("Europe/Stockholm")
_TRUE = frozenset({"ja", "j", "yes", "y", "true", "sant", "1", "x"})
_FALSE = frozenset({"nej", "n", "no", "false", "falskt", "0", ""})


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_timestamp(cell: Cell, date_format: str = "") -> datetime:
    """A point in time, as local (Swedish) time without a zone."""
    if isinstance(cell, datetime):
        return _local(cell)
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    text = cell_text(cell)
    try:
        parsed = (
            datetime.strptime(text, date_format) if date_format else datetime.fromisoformat(text)
        )
    except ValueError:
        message = _("»{text}» är inte ett datum eller en tidpunkt").format(text=text)
        raise ValueError(message) from None
    return _local(parsed)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(LOCAL_TIME).replace(tzinfo=None)


def parse_number(cell: Cell) -> Decimal:
    """A number as exports write it: ``12``, ``12,5``, ``1 234``, ``−3``.

    Excel hands over typed ints and floats; text is read by ``core.money.parse_decimal``,
    the one parser for numbers as people write them.
    """
    if isinstance(cell, bool):
        raise ValueError(_("»{text}» är inte ett tal").format(text=cell))
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(str(cell))
    return parse_decimal(cell_text(cell))


def parse_flag(cell: Cell, true_values: frozenset[str] = _TRUE) -> bool:
    """Yes or no; ``true_values`` come from the mapping when the export has its own words."""
    if isinstance(cell, bool):
        return cell
    text = cell_text(cell).casefold()
    if text in true_values:
        return True
    if text in _FALSE or true_values is not _TRUE:
        return False
    raise ValueError(_("»{text}» är varken ja eller nej").format(text=cell_text(cell)))


def parse_seconds(cell: Cell) -> Decimal:
    """A duration in seconds: ``23``, ``23,5``, ``0:23`` or ``00:00:23``."""
    if isinstance(cell, str) and ":" in cell:
        parts = cell.strip().split(":")
        if len(parts) in (2, 3) and all(p.strip().isdigit() for p in parts[:-1]):
            total = parse_number(parts[-1])
            for factor, part in zip((60, 3600), reversed(parts[:-1]), strict=False):
                total += factor * int(part)
            return total
        raise ValueError(_("»{text}» är inte en tid i sekunder").format(text=cell.strip()))
    return parse_number(cell)
