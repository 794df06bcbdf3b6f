"""Ticket-system exports: handling time per ticket type and the tickets open at period end.

Definitions (see docs/DECISIONS.md, "Indicator sources"):
- A ticket is handled when it is resolved; an export without a resolved time but with a
  closed time counts the closed time.
- Handling time counts whole days from the day opened to the day handled: calendar days,
  or working days (weekdays that are not Swedish public holidays) after the day opened up
  to and including the day handled. A ticket handled the day it was opened took 0 days.
- Handling time covers the tickets handled within the period.
- A ticket is open at period end when it was opened before the period ended and was not
  handled by then, whatever its status in the export says today.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import cell_warning
from styra.sources.cells import cell_text
from styra.sources.mapping import ExportMapping, reverse_spellings
from styra.sources.period import PeriodLike, period_bounds
from styra.sources.table import ExportRows, Row, Table, locate
from styra.sources.workdays import WorkingCalendar, swedish_calendar


class TicketType(enum.StrEnum):
    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"
    CHANGE = "change"

    @property
    def plural(self) -> str:
        return {
            TicketType.INCIDENT: _("incidenter"),
            TicketType.SERVICE_REQUEST: _("tjänsteförfrågningar"),
            TicketType.CHANGE: _("förändringsärenden"),
        }[self]


class DayCount(enum.StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"

    @property
    def words(self) -> str:
        return _("kalenderdagar") if self is DayCount.CALENDAR else _("arbetsdagar")


FIELDS = ("id", "type", "opened", "resolved", "closed", "status")
REQUIRED = ("id", "type", "opened", "resolved")
DEFAULT_MAPPING = ExportMapping(
    columns=tuple((name, name) for name in FIELDS),
    values=tuple((t.value, (t.value,)) for t in TicketType),
)


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str
    type: TicketType
    opened: datetime
    resolved: datetime | None
    closed: datetime | None
    status: str
    line: int

    @property
    def handled(self) -> datetime | None:
        return self.resolved or self.closed


@dataclass(frozen=True, slots=True)
class _Context:
    rows: ExportRows
    types: dict[str, str]


def parse_tickets(
    table: Table, mapping: ExportMapping = DEFAULT_MAPPING
) -> tuple[tuple[Ticket, ...], list[Problem]]:
    """Tickets from an export's rows; every bad cell becomes a problem and its row is left out."""
    mapping = mapping.over(DEFAULT_MAPPING)
    rows, problems = locate(table, mapping.column_names(), REQUIRED, mapping.setting("date_format"))
    if rows is None:
        return (), problems
    context = _Context(rows, reverse_spellings(mapping))
    tickets: list[Ticket] = []
    first_line: dict[str, int] = {}
    for row in table.rows:
        ticket = _parse_row(row, context, problems)
        if ticket is not None and _is_new(ticket, first_line, context, problems):
            tickets.append(ticket)
    return tuple(tickets), problems


def _is_new(
    ticket: Ticket, first_line: dict[str, int], context: _Context, problems: list[Problem]
) -> bool:
    earlier = first_line.setdefault(ticket.id, ticket.line)
    if earlier == ticket.line:
        return True
    message = _("Ärende-id »{id}» finns redan på rad {line}").format(id=ticket.id, line=earlier)
    problems.append(context.rows.error(ticket.line, "id", message, "sources.duplicate-id"))
    return False


def _parse_row(row: Row, context: _Context, problems: list[Problem]) -> Ticket | None:
    before = len(problems)
    ticket_id = _required_text(row, "id", context, problems)
    ticket_type = _ticket_type(row, context, problems)
    opened = _timestamp(row, "opened", context, problems, required=True)
    resolved = _timestamp(row, "resolved", context, problems, required=False)
    closed = _timestamp(row, "closed", context, problems, required=False)
    if opened is not None:
        _check_order(row, opened, resolved, "resolved", context=context, problems=problems)
        _check_order(row, opened, closed, "closed", context=context, problems=problems)
    if len(problems) > before or ticket_type is None or opened is None:
        return None
    status = cell_text(context.rows.cell(row, "status"))
    return Ticket(ticket_id, ticket_type, opened, resolved, closed, status, row.line)


def _required_text(row: Row, key: str, context: _Context, problems: list[Problem]) -> str:
    text = cell_text(context.rows.cell(row, key))
    if not text:
        problems.append(context.rows.missing(row, key))
    return text


def _ticket_type(row: Row, context: _Context, problems: list[Problem]) -> TicketType | None:
    text = _required_text(row, "type", context, problems)
    if not text:
        return None
    ours = context.types.get(text.casefold())
    if ours is None:
        message = _("Okänd ärendetyp »{type}»; raden räknas inte").format(type=text)
        hint = _("Lägg till stavningen under values i mappningen om typen ska räknas")
        column = context.rows.names["type"]
        problems.append(
            cell_warning(
                message,
                context.rows.table.file,
                row.line,
                column,
                code="sources.unknown-type",
                hint=hint,
            )
        )
        return None
    return TicketType(ours)


def _timestamp(
    row: Row, key: str, context: _Context, problems: list[Problem], *, required: bool
) -> datetime | None:
    hint = _("Skriv tidpunkten som ÅÅÅÅ-MM-DD TT:MM eller ange date_format i mappningen")
    return context.rows.timestamp(row, key, problems, required=required, hint=hint)


def _check_order(
    row: Row,
    opened: datetime,
    later: datetime | None,
    key: str,
    *,
    context: _Context,
    problems: list[Problem],
) -> None:
    if later is None or later >= opened:
        return
    template = (
        _("Löst {later} ligger före öppnad {opened}")
        if key == "resolved"
        else _("Stängd {later} ligger före öppnad {opened}")
    )
    message = template.format(later=_moment(later), opened=_moment(opened))
    code = f"sources.{key}-before-opened"
    problems.append(context.rows.error(row.line, key, message, code))


def _moment(value: datetime) -> str:
    return value.isoformat(sep=" ", timespec="minutes")


# --- computations over parsed tickets (pure) ---


def handled_in(
    tickets: Iterable[Ticket], ticket_type: TicketType, period: PeriodLike
) -> tuple[Ticket, ...]:
    start, stop = period_bounds(period)
    return tuple(
        t for t in tickets if t.type is ticket_type and t.handled and start <= t.handled < stop
    )


def open_at_end(
    tickets: Iterable[Ticket], ticket_type: TicketType, period: PeriodLike
) -> tuple[Ticket, ...]:
    stop = period_bounds(period)[1]
    return tuple(
        t
        for t in tickets
        if t.type is ticket_type and t.opened < stop and (t.handled is None or t.handled >= stop)
    )


def handling_days(
    tickets: Sequence[Ticket], days: DayCount, calendar: WorkingCalendar
) -> tuple[int, ...]:
    if days is DayCount.CALENDAR:
        return tuple((t.handled.date() - t.opened.date()).days for t in tickets if t.handled)
    return tuple(
        calendar.working_days_between(t.opened.date(), t.handled.date())
        for t in tickets
        if t.handled
    )


def calendar_for(tickets: Sequence[Ticket], *, with_eves: bool = False) -> WorkingCalendar:
    years = [t.opened.year for t in tickets] + [t.handled.year for t in tickets if t.handled]
    return swedish_calendar(min(years, default=2000), max(years, default=2000), with_eves=with_eves)


def mean(values: Sequence[int]) -> Decimal:
    return Decimal(sum(values)) / Decimal(len(values))


def median(values: Sequence[int]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True, slots=True)
class TypeSummary:
    """Every ticket figure for one type, as the benchmark and a detail table need them."""

    ticket_type: TicketType
    handled: int
    mean_calendar_days: Decimal | None
    median_calendar_days: Decimal | None
    mean_working_days: Decimal | None
    median_working_days: Decimal | None
    open_at_end: int


def summarize(
    tickets: Sequence[Ticket], period: PeriodLike, calendar: WorkingCalendar
) -> tuple[TypeSummary, ...]:
    return tuple(_summary(tickets, t, period, calendar) for t in TicketType)


def _summary(
    tickets: Sequence[Ticket],
    ticket_type: TicketType,
    period: PeriodLike,
    calendar: WorkingCalendar,
) -> TypeSummary:
    done = handled_in(tickets, ticket_type, period)
    cal = handling_days(done, DayCount.CALENDAR, calendar)
    work = handling_days(done, DayCount.WORKING, calendar)
    return TypeSummary(
        ticket_type,
        len(done),
        mean(cal) if cal else None,
        median(cal) if cal else None,
        mean(work) if work else None,
        median(work) if work else None,
        len(open_at_end(tickets, ticket_type, period)),
    )
