"""Phone queue exports: the share of calls answered within 20 or 60 seconds.

Which calls count is the export's own definition, kept as mapping settings:
- ``values.answered`` / ``values.abandoned``: the outcome column's words for each;
- ``abandoned_counted`` (default true): abandoned calls count as offered but unanswered;
  false leaves them out of the share altogether;
- ``short_abandon_seconds`` (default 0): abandoned calls that waited less than this are
  not counted at all (the caller hung up at once, as many queue systems define it).
A call counts in the period when it started within it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import cell_error, cell_warning
from styra.sources.cells import cell_text, is_blank, parse_flag, parse_seconds, parse_timestamp
from styra.sources.mapping import ExportMapping, reverse_spellings
from styra.sources.period import PeriodLike, period_bounds
from styra.sources.table import Row, Table, locate_columns


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    ABANDONED = "abandoned"


FIELDS = ("call_id", "started", "wait", "outcome")
REQUIRED = ("started", "wait", "outcome")
DEFAULT_MAPPING = ExportMapping(
    columns=tuple((name, name) for name in FIELDS),
    values=tuple((o.value, (o.value,)) for o in Outcome),
    settings=(("abandoned_counted", "true"), ("short_abandon_seconds", "0")),
)


@dataclass(frozen=True, slots=True)
class Call:
    id: str
    started: datetime
    wait: Decimal
    outcome: Outcome
    line: int


@dataclass(frozen=True, slots=True)
class CallRules:
    """The export's definition of which calls are offered calls."""

    abandoned_counted: bool = True
    short_abandon_seconds: Decimal = Decimal(0)

    def counts(self, call: Call) -> bool:
        if call.outcome is Outcome.ANSWERED:
            return True
        return self.abandoned_counted and call.wait >= self.short_abandon_seconds


def call_rules(mapping: ExportMapping) -> CallRules:
    """The rules from the mapping's settings; raises ValueError with a Swedish message."""
    mapping = mapping.over(DEFAULT_MAPPING)
    counted = parse_flag(mapping.setting("abandoned_counted"))
    short = parse_seconds(mapping.setting("short_abandon_seconds"))
    return CallRules(counted, short)


@dataclass(frozen=True, slots=True)
class _Context:
    table: Table
    columns: dict[str, int]
    names: dict[str, str]
    outcomes: dict[str, str]
    date_format: str


def parse_calls(
    table: Table, mapping: ExportMapping = DEFAULT_MAPPING
) -> tuple[tuple[Call, ...], list[Problem]]:
    mapping = mapping.over(DEFAULT_MAPPING)
    names = mapping.column_names()
    columns, problems = locate_columns(table, names, REQUIRED)
    if problems:
        return (), problems
    outcomes = reverse_spellings(mapping)
    context = _Context(table, columns, names, outcomes, mapping.setting("date_format"))
    calls = [call for row in table.rows if (call := _parse_row(row, context, problems))]
    return tuple(calls), problems


def _parse_row(row: Row, context: _Context, problems: list[Problem]) -> Call | None:
    started = _parse(row, "started", context, problems)
    wait = _parse(row, "wait", context, problems)
    outcome = _outcome(row, context, problems)
    if not isinstance(started, datetime) or not isinstance(wait, Decimal) or outcome is None:
        return None
    call_id = cell_text(row.get(context.columns.get("call_id")))
    return Call(call_id, started, wait, outcome, row.line)


def _parse(
    row: Row, key: str, context: _Context, problems: list[Problem]
) -> datetime | Decimal | None:
    cell = row.get(context.columns[key])
    column = context.names[key]
    if is_blank(cell):
        message = _("Värde saknas i kolumnen »{column}»").format(column=column)
        problems.append(_error(context, row, key, message, "sources.missing-value"))
        return None
    try:
        if key == "started":
            return parse_timestamp(cell, context.date_format)
        return parse_seconds(cell)
    except ValueError as exc:
        code = "sources.bad-date" if key == "started" else "sources.bad-number"
        problems.append(_error(context, row, key, str(exc), code))
        return None


def _outcome(row: Row, context: _Context, problems: list[Problem]) -> Outcome | None:
    text = cell_text(row.get(context.columns["outcome"]))
    ours = context.outcomes.get(text.casefold())
    if ours is not None:
        return Outcome(ours)
    message = _("Okänt utfall »{outcome}»; samtalet räknas inte").format(outcome=text)
    hint = _("Lägg till stavningen under values.answered eller values.abandoned i mappningen")
    column = context.names["outcome"]
    file = context.table.file
    problems.append(
        cell_warning(message, file, row.line, column, code="sources.unknown-outcome", hint=hint)
    )
    return None


def _error(context: _Context, row: Row, key: str, message: str, code: str) -> Problem:
    return cell_error(message, context.table.file, row.line, context.names[key], code=code)


# --- computations over parsed calls (pure) ---


def offered_calls(calls: Iterable[Call], period: PeriodLike, rules: CallRules) -> tuple[Call, ...]:
    start, stop = period_bounds(period)
    return tuple(c for c in calls if start <= c.started < stop and rules.counts(c))


def answered_within(calls: Iterable[Call], seconds: Decimal) -> tuple[Call, ...]:
    return tuple(c for c in calls if c.outcome is Outcome.ANSWERED and c.wait <= seconds)


def share_percent(part: Sequence[Call], whole: Sequence[Call]) -> Decimal:
    return Decimal(100) * Decimal(len(part)) / Decimal(len(whole))
