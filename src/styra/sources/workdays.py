"""Working days in Sweden: weekdays that are not public holidays.

The holidays come from the maintained ``holidays`` library (its Swedish calendar), not a
hand-made list. Optionally the eves that most municipal agreements treat as days off
(midsommarafton, julafton, nyårsafton; the library's "de facto" category) count as
holidays too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

import holidays

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
    days_off = holidays.country_holidays("SE", years=years, categories=categories)
    first = date(first_year, 1, 1)
    length = (date(last_year + 1, 1, 1) - first).days
    flags = (
        int(day.weekday() < _SATURDAY and day not in days_off)
        for day in (first + timedelta(days=i) for i in range(length))
    )
    running = (0, *accumulate(flags))
    return WorkingCalendar(first_year, last_year, with_eves, tuple(running))
