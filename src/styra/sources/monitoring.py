"""Monitoring exports: availability per service group from outage intervals.

- Outages of one group that overlap or touch are merged, so the group is down once for
  the time any of its outages lasts.
- Outages marked as planned maintenance are left out (they are neither downtime nor
  taken off the period's length).
- Outages are cut at the period's edges; an outage with no end is still going on and
  lasts to the end of the period.
- Availability = 100 × (1 − downtime / length of the period), per group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from styra.i18n import _
from styra.problems import Problem
from styra.sources.cells import (
    Cell,
    cell_text,
    parse_flag,
)
from styra.sources.mapping import ExportMapping
from styra.sources.period import PeriodLike, period_bounds
from styra.sources.table import ExportRows, Row, Table, locate

FIELDS = ("group", "service", "start", "end", "planned")
REQUIRED = ("group", "start", "end")
DEFAULT_MAPPING = ExportMapping(columns=tuple((name, name) for name in FIELDS))


@dataclass(frozen=True, slots=True)
class Outage:
    group: str
    service: str
    start: datetime
    end: datetime | None
    planned: bool
    line: int


@dataclass(frozen=True, slots=True)
class _Context:
    rows: ExportRows
    planned_words: frozenset[str] | None


def parse_outages(
    table: Table, mapping: ExportMapping = DEFAULT_MAPPING
) -> tuple[tuple[Outage, ...], list[Problem]]:
    mapping = mapping.over(DEFAULT_MAPPING)
    rows, problems = locate(table, mapping.column_names(), REQUIRED, mapping.setting("date_format"))
    if rows is None:
        return (), problems
    words = mapping.spellings().get("planned")
    planned = frozenset(w.casefold() for w in words) if words else None
    context = _Context(rows, planned)
    outages = [o for row in table.rows if (o := _parse_row(row, context, problems))]
    return tuple(outages), problems


def _parse_row(row: Row, context: _Context, problems: list[Problem]) -> Outage | None:
    before = len(problems)
    rows = context.rows
    group = cell_text(rows.cell(row, "group"))
    if not group:
        problems.append(rows.missing(row, "group"))
    start = rows.timestamp(row, "start", problems, required=True)
    end = rows.timestamp(row, "end", problems, required=False)
    planned = _planned(row, context, problems)
    if start and end and end < start:
        message = _("Slut {end} ligger före start {start}").format(
            end=_text(end), start=_text(start)
        )
        problems.append(rows.error(row.line, "end", message, "sources.end-before-start"))
    if len(problems) > before or start is None:
        return None
    service = cell_text(rows.cell(row, "service"))
    return Outage(group, service, start, end, planned, row.line)


def _planned(row: Row, context: _Context, problems: list[Problem]) -> bool:
    cell: Cell = context.rows.cell(row, "planned")
    try:
        if context.planned_words is None:
            return parse_flag(cell)
        return parse_flag(cell, context.planned_words)
    except ValueError as exc:
        problems.append(context.rows.error(row.line, "planned", str(exc), "sources.bad-flag"))
        return False


def _text(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


# --- computations over parsed outages (pure) ---

Interval = tuple[datetime, datetime]


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals become one."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class GroupAvailability:
    group: str
    downtime_seconds: Decimal
    period_seconds: Decimal
    outages: tuple[Outage, ...]
    merged_intervals: int

    @property
    def percent(self) -> Decimal:
        return Decimal(100) * (1 - self.downtime_seconds / self.period_seconds)


def group_availability(
    outages: Iterable[Outage], group: str, period: PeriodLike
) -> GroupAvailability:
    start, stop = period_bounds(period)
    used = tuple(o for o in outages if _counts(o, group, start, stop))
    clipped = ((max(o.start, start), min(o.end or stop, stop)) for o in used)
    merged = merge_intervals(clipped)
    down = sum((Decimal(int((b - a).total_seconds())) for a, b in merged), Decimal(0))
    length = Decimal(int((stop - start).total_seconds()))
    return GroupAvailability(group, down, length, used, len(merged))


def _counts(outage: Outage, group: str, start: datetime, stop: datetime) -> bool:
    return (
        not outage.planned
        and outage.group.casefold() == group.casefold()
        and outage.start < stop
        and (outage.end is None or outage.end > start)
    )


def groups_in(outages: Sequence[Outage]) -> tuple[str, ...]:
    """The export's groups in the order they first appear."""
    return tuple(dict.fromkeys(o.group for o in outages))


def planned_in(outages: Iterable[Outage], groups: Sequence[str]) -> int:
    wanted = {g.casefold() for g in groups}
    return sum(1 for o in outages if o.planned and o.group.casefold() in wanted)
