"""The period a value covers: any object with a first and a last day (both inclusive)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol


class PeriodLike(Protocol):
    """What the sources need of the core's period: its first and last day."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))


def period_bounds(period: PeriodLike) -> tuple[datetime, datetime]:
    """The period as a half-open interval of moments: [first day 00:00, day after end 00:00)."""
    return datetime.combine(period.start, time()), datetime.combine(
        period.end + timedelta(days=1), time()
    )


def describe_period(period: PeriodLike) -> str:
    """How a rule sentence names the period: ``2024`` for a whole year, else the dates."""
    whole_year = (period.start.month, period.start.day, period.end.month, period.end.day) == (
        1,
        1,
        12,
        31,
    )
    if whole_year and period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.isoformat()}–{period.end.isoformat()}"


def period_end_text(period: PeriodLike) -> str:
    return period.end.isoformat()
