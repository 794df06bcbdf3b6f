"""Working days in Sweden: weekdays that are not public holidays.

The holidays come from the maintained ``holidays`` library (its Swedish calendar), not a
hand-made list. Optionally the eves that most municipal agreements treat as days off
(midsommarafton, julafton, nyårsafton; the library's "de facto" category) count as
holidays too.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path

from styra.i18n import _

_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Counts working days fast: a running total per day over the years it covers."""

    first_year: int
    last_year: int
    with_eves: bool
    _running: tuple[int, ...]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 on the same day)."""
        return self._count_through(end) - self._count_through(start)

    def is_working_day(self, day: date) -> bool:
        return self._count_through(day) - self._count_through(day - timedelta(days=1)) == 1

    def _count_through(self, day: date) -> int:
        index = day.toordinal() - date(self.first_year, 1, 1).toordinal() + 1
        if not 0 <= index < len(self._running):
            raise ValueError(_("{day} ligger utanför kalenderns år").format(day=day.isoformat()))
        return self._running[index]


def swedish_calendar(
    first_year: int, last_year: int, *, with_eves: bool = False
) -> WorkingCalendar:
    categories: tuple[str, ...] = ("public", "de_facto") if with_eves else ("public",)
    years = range(first_year, last_year + 1)
    days_off = sweden()(years=years, categories=categories)
    first = date(first_year, 1, 1)
    length = (date(last_year + 1, 1, 1) - first).days
    flags = (
        int(day.weekday() < _SATURDAY and day not in days_off)
        for day in (first + timedelta(days=i) for i in range(length))
    )
    running = (0, *accumulate(flags))
    return WorkingCalendar(first_year, last_year, with_eves, tuple(running))


Holidays = Callable[..., Container[date]]
_loading = threading.Lock()


@cache
def sweden() -> Holidays:
    """The ``holidays`` library's Swedish calendar, loaded without its 249 other countries.

    Importing any country's module first imports the package ``holidays.countries``, whose
    ``__init__`` imports all 250 (0,05 s with bytecode, 0,3 s without; Sweden's module needs
    none of them). So while Sweden's module loads, an empty stand-in for that package finds
    modules in the same folder; afterwards the real package loads in full whenever something
    imports it. Should a release of the library change its layout, the documented
    ``holidays.country_holidays`` serves instead (``docs/DECISIONS.md``, 2026-12-02).
    """
    import holidays  # noqa: PLC0415 (only where working days are counted)

    try:
        return _sweden_alone(Path(holidays.__file__).parent)
    except (ImportError, AttributeError):
        return _country_holidays


def _country_holidays(years: Iterable[int], categories: tuple[str, ...]) -> Container[date]:
    import holidays  # noqa: PLC0415

    found: Container[date] = holidays.country_holidays("SE", years=years, categories=categories)
    return found


def _sweden_alone(library: Path) -> Holidays:
    package = "holidays.countries"
    with _loading:
        if package in sys.modules:
            module = importlib.import_module(f"{package}.sweden")
        else:
            stand_in = types.ModuleType(package)
            stand_in.__path__ = [str(library / "countries")]
            sys.modules[package] = stand_in
            try:
                module = importlib.import_module(f"{package}.sweden")
            finally:
                del sys.modules[package]
    calendar: Holidays = module.Sweden
    return calendar
