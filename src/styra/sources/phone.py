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
from styra.sources._problems import cell_warning
from styra.sources.cells import cell_text, is_blank, parse_flag, parse_seconds
from styra.sources.mapping import ExportMapping, reverse_spellings
from styra.sources.period import PeriodLike, period_bounds
from styra.sources.table import ExportRows, Row, Table, locate


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
    rows: ExportRows
    outcomes: dict[str, str]


def parse_calls(
    table: Table, mapping: ExportMapping = DEFAULT_MAPPING
) -> tuple[tuple[Call, ...], list[Problem]]:
    mapping = mapping.over(DEFAULT_MAPPING)
    rows, problems = locate(table, mapping.column_names(), REQUIRED, mapping.setting("date_format"))
    if rows is None:
        return (), problems
    context = _Context(rows, reverse_spellings(mapping))
    calls = [call for row in table.rows if (call := _parse_row(row, context, problems))]
    return tuple(calls), problems


def _parse_row(row: Row, context: _Context, problems: list[Problem]) -> Call | None:
    started = context.rows.timestamp(row, "started", problems, required=True)
    wait = _wait(row, context.rows, problems)
    outcome = _outcome(row, context, problems)
    if started is None or wait is None or outcome is None:
        return None
    call_id = cell_text(context.rows.cell(row, "call_id"))
    return Call(call_id, started, wait, outcome, row.line)


def _wait(row: Row, rows: ExportRows, problems: list[Problem]) -> Decimal | None:
    cell = rows.cell(row, "wait")
    if is_blank(cell):
        problems.append(rows.missing(row, "wait"))
        return None
    try:
        return parse_seconds(cell)
    except ValueError as exc:
        problems.append(rows.error(row.line, "wait", str(exc), "sources.bad-number"))
        return None


def _outcome(row: Row, context: _Context, problems: list[Problem]) -> Outcome | None:
    text = cell_text(context.rows.cell(row, "outcome"))
    ours = context.outcomes.get(text.casefold())
    if ours is not None:
        return Outcome(ours)
    message = _("Okänt utfall »{outcome}»; samtalet räknas inte").format(outcome=text)
    hint = _("Lägg till stavningen under values.answered eller values.abandoned i mappningen")
    column = context.rows.names["outcome"]
    file = context.rows.table.file
    problems.append(
        cell_warning(message, file, row.line, column, code="sources.unknown-outcome", hint=hint)
    )
    return None


# --- computations over parsed calls (pure) ---


def offered_calls(calls: Iterable[Call], period: PeriodLike, rules: CallRules) -> tuple[Call, ...]:
    start, stop = period_bounds(period)
    return tuple(c for c in calls if start <= c.started < stop and rules.counts(c))


def answered_within(calls: Iterable[Call], seconds: Decimal) -> tuple[Call, ...]:
    return tuple(c for c in calls if c.outcome is Outcome.ANSWERED and c.wait <= seconds)


def share_percent(part: Sequence[Call], whole: Sequence[Call]) -> Decimal:
    return Decimal(100) * Decimal(len(part)) / Decimal(len(whole))
