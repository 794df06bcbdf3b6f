"""From parsed rows to a ``ComputedValue`` per metric, with its rule sentence in Swedish."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from styra.core.money import format_number, round_half_up
from styra.problems import Problem, warning
from styra.sources import monitoring, phone, tickets
from styra.sources._files import read_text
from styra.sources._problems import field_error
from styra.sources.cells import parse_flag, parse_number
from styra.sources.kolada import ATTRIBUTION, snapshot_from_json
from styra.sources.lineage import ComputedValue, KoladaOrigin, RowRef, file_origin, sha256_of
from styra.sources.mapping import ExportMapping
from styra.sources.period import PeriodLike, describe_period
from styra.sources.spec import IndicatorSource

Result = tuple[ComputedValue | None, list[Problem]]


def _decimals(source: IndicatorSource, default: int) -> int:
    return int(source.param("decimals", str(default)))


def _rounding(decimals: int) -> str:
    if decimals == 0:
        return "avrundat till heltal"
    return "avrundat till 1 decimal" if decimals == 1 else f"avrundat till {decimals} decimaler"


def _count(number: int) -> str:
    return format_number(Decimal(number))


# --- tickets ---


def ticket_value(
    source: IndicatorSource, parsed: tuple[tickets.Ticket, ...], period: PeriodLike, path: Path
) -> Result:
    """The metric over tickets parsed without errors (``tickets.parse_tickets``)."""
    ticket_type = tickets.TicketType(source.param("type"))
    if source.metric == "open_at_period_end":
        return _open_tickets(source, parsed, ticket_type, period, path), []
    return _handling_time(source, parsed, ticket_type, period, path)


def _open_tickets(
    source: IndicatorSource,
    parsed: tuple[tickets.Ticket, ...],
    ticket_type: tickets.TicketType,
    period: PeriodLike,
    path: Path,
) -> ComputedValue:
    still_open = tickets.open_at_end(parsed, ticket_type, period)
    rule = (
        f"Antal {ticket_type.plural} som var registrerade men inte lösta vid periodens "
        f"slut {period.end.isoformat()}"
    )
    count = Decimal(len(still_open))
    return ComputedValue(
        count, "st", file_origin(path, source.file), _refs(still_open), rule, count
    )


def _handling_time(
    source: IndicatorSource,
    parsed: tuple[tickets.Ticket, ...],
    ticket_type: tickets.TicketType,
    period: PeriodLike,
    path: Path,
) -> Result:
    days = tickets.DayCount(source.param("days", "calendar"))
    done = tickets.handled_in(parsed, ticket_type, period)
    if not done:
        message = f"Inga {ticket_type.plural} lösta {describe_period(period)} i exporten"
        return None, [field_error(message, source.file, "", code="sources.no-rows")]
    calendar = tickets.calendar_for(done, with_eves=parse_flag(source.param("eves", "nej")))
    values = tickets.handling_days(done, days, calendar)
    median = source.metric == "median_handling_time"
    exact = tickets.median(values) if median else tickets.mean(values)
    decimals = _decimals(source, 0)
    what = "Median" if median else "Medelvärde"
    rule = (
        f"{what} av handläggningstid i {days.words} för {_count(len(done))} "
        f"{ticket_type.plural} lösta {describe_period(period)}, {_rounding(decimals)}"
    )
    origin = file_origin(path, source.file)
    value = ComputedValue(round_half_up(exact, decimals), "dagar", origin, _refs(done), rule, exact)
    return value, []


def _refs(rows: tuple[tickets.Ticket, ...] | tuple[phone.Call, ...]) -> tuple[RowRef, ...]:
    return tuple(RowRef(r.line, r.id) for r in rows)


# --- phone queue ---


def phone_value(
    source: IndicatorSource,
    calls: tuple[phone.Call, ...],
    mapping: ExportMapping,
    period: PeriodLike,
    path: Path,
) -> Result:
    """The metric over calls parsed without errors (``phone.parse_calls``)."""
    try:
        rules = phone.call_rules(mapping)
    except ValueError as exc:
        return None, [field_error(str(exc), source.file, "mapping", code="sources.bad-mapping")]
    offered = phone.offered_calls(calls, period, rules)
    if not offered:
        message = f"Inga samtal {describe_period(period)} i exporten"
        return None, [field_error(message, source.file, "", code="sources.no-rows")]
    seconds = parse_number(source.param("seconds"))
    within = phone.answered_within(offered, seconds)
    exact = phone.share_percent(within, offered)
    decimals = _decimals(source, 2)
    rule = (
        f"Andel av {_count(len(offered))} samtal {describe_period(period)} som besvarades "
        f"inom {format_number(seconds)} sekunder ({_count(len(within))} samtal); "
        f"{_abandon_words(rules)}, {_rounding(decimals)}"
    )
    details = (("answered_within", str(len(within))), ("offered", str(len(offered))))
    origin = file_origin(path, source.file)
    value = ComputedValue(
        round_half_up(exact, decimals), "%", origin, _refs(offered), rule, exact, "", details
    )
    return value, []


def _abandon_words(rules: phone.CallRules) -> str:
    if not rules.abandoned_counted:
        return "avbrutna samtal räknas inte"
    if rules.short_abandon_seconds > 0:
        return (
            "avbrutna samtal räknas som obesvarade utom de som avbröts inom "
            f"{format_number(rules.short_abandon_seconds)} sekunder"
        )
    return "avbrutna samtal räknas som obesvarade"


# --- monitoring ---


def monitoring_value(
    source: IndicatorSource, outages: tuple[monitoring.Outage, ...], period: PeriodLike, path: Path
) -> Result:
    """The metric over outages parsed without errors (``monitoring.parse_outages``)."""
    wanted = [g.strip() for g in source.param("groups").split(",") if g.strip()]
    groups = wanted or list(monitoring.groups_in(outages))
    if not groups:
        message = "Exporten har inga tjänstegrupper; ange groups"
        return None, [field_error(message, source.file, "", code="sources.no-rows")]
    results = [monitoring.group_availability(outages, g, period) for g in groups]
    # The mean of the groups' availabilities, with one division so no rounding piles up.
    downtime = sum((r.downtime_seconds for r in results), Decimal(0))
    exact = 100 * (1 - downtime / (len(results) * results[0].period_seconds))
    decimals = _decimals(source, 2)
    rule = _availability_rule(results, outages, groups, period, decimals)
    used = tuple(RowRef(o.line) for r in results for o in r.outages)
    details = tuple((r.group, format(round_half_up(r.percent, decimals), "f")) for r in results)
    origin = file_origin(path, source.file)
    value = ComputedValue(
        round_half_up(exact, decimals), "%", origin, used, rule, exact, "", details
    )
    return value, []


def _availability_rule(
    results: list[monitoring.GroupAvailability],
    outages: tuple[monitoring.Outage, ...],
    groups: list[str],
    period: PeriodLike,
    decimals: int,
) -> str:
    parts = ", ".join(f"{r.group} {format_number(r.percent, decimals)} %" for r in results)
    count = sum(len(r.outages) for r in results)
    planned = monitoring.planned_in(outages, groups)
    head = (
        f"Medelvärde av tillgängligheten {describe_period(period)} för {len(results)} "
        f"tjänstegrupper ({parts})"
        if len(results) > 1
        else f"Tillgänglighet för {parts} {describe_period(period)}"
    )
    return (
        f"{head}; {_count(count)} avbrott, överlappande avbrott sammanslagna, "
        f"{_count(planned)} planerade underhåll undantagna, {_rounding(decimals)}"
    )


# --- Kolada ---


def kolada_value(source: IndicatorSource, path: Path, period: PeriodLike) -> Result:
    """A value from a stored Kolada snapshot; the period is the snapshot's own year."""
    text, problems = read_text(path, source.file)
    if text is None:
        return None, problems
    snapshot, problems = snapshot_from_json(text, source.file)
    if snapshot is None:
        return None, problems
    kpi, municipality = source.param("kpi"), source.param("municipality")
    year, gender = int(source.param("year")), source.param("gender", "T")
    found = snapshot.find(kpi, municipality, year, gender)
    if found is None:
        message = f"Ögonblicksbilden saknar {kpi} för {municipality} år {year} ({gender})"
        hint = "Hämta på nytt med styra kolada fetch"
        return None, [
            field_error(message, source.file, "", code="sources.kolada-missing", hint=hint)
        ]
    meta = snapshot.kpi(kpi)
    title = f" ({meta.title})" if meta and meta.title else ""
    fetched = snapshot.fetched_at.date().isoformat()
    rule = (
        f"{kpi}{title} för kommun {municipality} år {year} enligt Kolada, "
        f"hämtat {fetched}. {ATTRIBUTION}"
    )
    origin = KoladaOrigin(
        snapshot.query.describe(), snapshot.fetched_at.isoformat(), source.file, sha256_of(path)
    )
    value = ComputedValue(
        found.value, "", origin, (RowRef(None, found.key),), rule, found.value, found.status
    )
    if found.value is None:
        message = f"Kolada har inget värde för {kpi}, {municipality} år {year} ({found.status})"
        problems.append(warning(message, file=source.file, code="sources.kolada-no-value"))
    return value, problems
