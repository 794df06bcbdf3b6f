"""Follow-up periods to date: a month, a tertial, the delår or the year.

Every follow-up in the year cycle is cumulative from the start of the fiscal year to the
period's end (ackumulerat utfall), so a period is its kind, its fiscal year and its end.
Months are written as the SIE reader writes them, ``YYYYMM`` integers, and a month's place
in the fiscal year (1 to 12) is what profiles and forecasts count with, so a broken fiscal
year (July to June) works like a calendar year.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date

from styra.i18n import _

MONTHS_IN_YEAR = 12
TERTIAL_ENDS = (4, 8)  # T1 ends after four months, T2 after eight; T3 is the year
INTERIM_MONTHS = range(6, 9)  # a delårsrapport covers half to two thirds of the year


class FollowUpKind(enum.StrEnum):
    """What a follow-up to date is; the values match ``PeriodKind``'s where they overlap."""

    MONTH = "month"  # månadsuppföljning
    TERTIAL = "tertial"  # tertialrapport: T1 (January–April) or T2 (January–August)
    INTERIM = "interim"  # delårsrapport, usually per 31 August
    ANNUAL = "annual"  # helår, årsredovisning

    @property
    def label(self) -> str:
        return {
            FollowUpKind.MONTH: _("månadsuppföljning"),
            FollowUpKind.TERTIAL: _("tertialrapport"),
            FollowUpKind.INTERIM: _("delårsrapport"),
            FollowUpKind.ANNUAL: _("årsredovisning"),
        }[self]


def month_name(month: int) -> str:
    """The Swedish name of a calendar month, 1 to 12."""
    names = (
        _("januari"),
        _("februari"),
        _("mars"),
        _("april"),
        _("maj"),
        _("juni"),
        _("juli"),
        _("augusti"),
        _("september"),
        _("oktober"),
        _("november"),
        _("december"),
    )
    return names[month - 1]


def add_months(yyyymm: int, count: int) -> int:
    """The month ``count`` months after ``yyyymm`` (before it when negative)."""
    index = (yyyymm // 100) * 12 + yyyymm % 100 - 1 + count
    return (index // 12) * 100 + index % 12 + 1


def month_of(day: date) -> int:
    return day.year * 100 + day.month


def last_day(yyyymm: int) -> date:
    year, month = divmod(yyyymm, 100)
    return date(year, month, calendar.monthrange(year, month)[1])


def _fiscal_year_problem(start: date, end: date) -> str | None:
    first = month_of(start)
    if start.day != 1 or end != last_day(add_months(first, MONTHS_IN_YEAR - 1)):
        return _(
            "räkenskapsåret {start}–{end} är inte tolv hela månader; ett räkenskapsår "
            "börjar den första i en månad och slutar tolv månader senare"
        ).format(start=start.isoformat(), end=end.isoformat())
    return None


def _end_problem(kind: FollowUpKind, start: date, end: date, fiscal_end: date) -> str | None:
    if not start <= end <= fiscal_end:
        return _("periodens slut {end} ligger utanför räkenskapsåret {start}–{last}").format(
            end=end.isoformat(), start=start.isoformat(), last=fiscal_end.isoformat()
        )
    if end != last_day(month_of(end)):
        return _("periodens slut {end} är inte en månads sista dag").format(end=end.isoformat())
    return _kind_problem(kind, _elapsed(start, end), end, fiscal_end)


def _kind_problem(kind: FollowUpKind, elapsed: int, end: date, fiscal_end: date) -> str | None:
    text = end.isoformat()
    if kind is FollowUpKind.ANNUAL and end != fiscal_end:
        return _("ett helår slutar när räkenskapsåret slutar, {last}, inte {end}").format(
            last=fiscal_end.isoformat(), end=text
        )
    if kind is FollowUpKind.TERTIAL and elapsed not in TERTIAL_ENDS:
        return _(
            "ett tertial slutar efter fyra eller åtta månader av räkenskapsåret, men {end} "
            "är efter {n}"
        ).format(end=text, n=elapsed)
    if kind is FollowUpKind.INTERIM and elapsed not in INTERIM_MONTHS:
        return _(
            "en delårsrapport ska omfatta minst hälften och högst två tredjedelar av "
            "räkenskapsåret, sex till åtta månader, men slutar {end} efter {n}"
        ).format(end=text, n=elapsed)
    return None


def period_problems(
    kind: FollowUpKind, fiscal_start: date, fiscal_end: date, end: date
) -> tuple[str, ...]:
    """Why these cannot make a follow-up period, in Swedish; empty when they can.

    The one rule for every door: the folder loader reports each text at its file and
    line, and ``FollowUpPeriod`` refuses to exist with any of them.
    """
    year = _fiscal_year_problem(fiscal_start, fiscal_end)
    if year is not None:
        return (year,)
    problem = _end_problem(kind, fiscal_start, end, fiscal_end)
    return () if problem is None else (problem,)


def standard_end(kind: FollowUpKind, fiscal_start: date) -> date | None:
    """The usual end of a period of this kind; None for a month, which must be named."""
    months = {FollowUpKind.TERTIAL: 4, FollowUpKind.INTERIM: 8, FollowUpKind.ANNUAL: 12}
    if kind not in months:
        return None
    return last_day(add_months(month_of(fiscal_start), months[kind] - 1))


def _elapsed(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True, slots=True)
class FollowUpPeriod:
    """A follow-up from the start of the fiscal year to ``end`` (both inclusive)."""

    kind: FollowUpKind
    fiscal_start: date
    fiscal_end: date
    end: date

    def __post_init__(self) -> None:
        problems = period_problems(self.kind, self.fiscal_start, self.fiscal_end, self.end)
        if problems:
            raise ValueError(problems[0])

    @property
    def elapsed(self) -> int:
        """How many months of the fiscal year the period covers, 1 to 12."""
        return _elapsed(self.fiscal_start, self.end)

    @property
    def remaining(self) -> int:
        return MONTHS_IN_YEAR - self.elapsed

    @property
    def year_months(self) -> tuple[int, ...]:
        """The fiscal year's twelve months as ``YYYYMM``, in order."""
        first = month_of(self.fiscal_start)
        return tuple(add_months(first, i) for i in range(MONTHS_IN_YEAR))

    @property
    def months(self) -> tuple[int, ...]:
        """The months the period covers, from the fiscal year's first to its end."""
        return self.year_months[: self.elapsed]

    @property
    def previous_year_months(self) -> tuple[int, ...]:
        """The previous fiscal year's twelve months, for its outcome profile."""
        return tuple(add_months(m, -MONTHS_IN_YEAR) for m in self.year_months)

    @property
    def text(self) -> str:
        """The months covered in Swedish: "januari–augusti 2024", "juli 2023–april 2024"."""
        first, last = self.fiscal_start, self.end
        if (first.year, first.month) == (last.year, last.month):
            return f"{month_name(last.month)} {last.year}"
        if first.year == last.year:
            return f"{month_name(first.month)}–{month_name(last.month)} {last.year}"
        return f"{month_name(first.month)} {first.year}–{month_name(last.month)} {last.year}"
