"""From parsed rows to a ``ComputedValue`` per metric, with its rule sentence in Swedish."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from styra.core.goals import Comparison
from styra.core.money import format_number, round_half_up
from styra.i18n import _
from styra.problems import Problem, warning
from styra.sources import monitoring, phone, tickets
from styra.sources._files import read_text
from styra.sources._problems import field_error
from styra.sources.cells import parse_flag, parse_number
from styra.sources.kolada import attribution, snapshot_from_json
from styra.sources.lineage import ComputedValue, KoladaOrigin, RowRef, file_origin, sha256_of
from styra.sources.mapping import ExportMapping
from styra.sources.period import PeriodLike, describe_period
from styra.sources.spec import IndicatorSource

Result = tuple[ComputedValue | None, list[Problem]]


def _decimals(source: IndicatorSource, default: int) -> int:
    return int(source.param("decimals", str(default)))


def _rounding(decimals: int) -> str:
    if decimals == 0:
        return _("avrundat till heltal")
    if decimals == 1:
        return _("avrundat till 1 decimal")
    return _("avrundat till {n} decimaler").format(n=decimals)


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
    rule = _("Antal {tickets} som var registrerade men inte lösta vid periodens slut {end}").format(
        tickets=ticket_type.plural, end=period.end.isoformat()
    )
    count = Decimal(len(still_open))
    return ComputedValue(
        count, _("st"), file_origin(path, source.file), _refs(still_open), rule, count
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
        message = _("Inga {tickets} lösta {period} i exporten").format(
            tickets=ticket_type.plural, period=describe_period(period)
        )
        return None, [field_error(message, source.file, "", code="sources.no-rows")]
    calendar = tickets.calendar_for(done, with_eves=parse_flag(source.param("eves", "nej")))
    values = tickets.handling_days(done, days, calendar)
    median = source.metric == "median_handling_time"
    exact = tickets.median(values) if median else tickets.mean(values)
    decimals = _decimals(source, 0)
    template = (
        _("Median av handläggningstid i {days} för {count} {tickets} lösta {period}, {rounding}")
        if median
        else _(
            "Medelvärde av handläggningstid i {days} för {count} {tickets} lösta {period}, "
            "{rounding}"
        )
    )
    rule = template.format(
        days=days.words,
        count=_count(len(done)),
        tickets=ticket_type.plural,
        period=describe_period(period),
        rounding=_rounding(decimals),
    )
    origin = file_origin(path, source.file)
    value = ComputedValue(
        round_half_up(exact, decimals), _("dagar"), origin, _refs(done), rule, exact
    )
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
        message = _("Inga samtal {period} i exporten").format(period=describe_period(period))
        return None, [field_error(message, source.file, "", code="sources.no-rows")]
    seconds = parse_number(source.param("seconds"))
    within = phone.answered_within(offered, seconds)
    exact = phone.share_percent(within, offered)
    decimals = _decimals(source, 2)
    rule = _(
        "Andel av {offered} samtal {period} som besvarades inom {seconds} sekunder "
        "({within} samtal); {abandoned}, {rounding}"
    ).format(
        offered=_count(len(offered)),
        period=describe_period(period),
        seconds=format_number(seconds),
        within=_count(len(within)),
        abandoned=_abandon_words(rules),
        rounding=_rounding(decimals),
    )
    details = (("answered_within", str(len(within))), ("offered", str(len(offered))))
    origin = file_origin(path, source.file)
    value = ComputedValue(
        round_half_up(exact, decimals), "%", origin, _refs(offered), rule, exact, "", details
    )
    return value, []


def _abandon_words(rules: phone.CallRules) -> str:
    if not rules.abandoned_counted:
        return _("avbrutna samtal räknas inte")
    if rules.short_abandon_seconds > 0:
        return _(
            "avbrutna samtal räknas som obesvarade utom de som avbröts inom {seconds} sekunder"
        ).format(seconds=format_number(rules.short_abandon_seconds))
    return _("avbrutna samtal räknas som obesvarade")


# --- monitoring ---


def monitoring_value(
    source: IndicatorSource, outages: tuple[monitoring.Outage, ...], period: PeriodLike, path: Path
) -> Result:
    """The metric over outages parsed without errors (``monitoring.parse_outages``)."""
    wanted = [g.strip() for g in source.param("groups").split(",") if g.strip()]
    groups = wanted or list(monitoring.groups_in(outages))
    if not groups:
        message = _("Exporten har inga tjänstegrupper; ange groups")
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
        _("Medelvärde av tillgängligheten {period} för {count} tjänstegrupper ({groups})")
        if len(results) > 1
        else _("Tillgänglighet för {groups} {period}")
    ).format(period=describe_period(period), count=len(results), groups=parts)
    return _(
        "{head}; {outages} avbrott, överlappande avbrott sammanslagna, "
        "{planned} planerade underhåll undantagna, {rounding}"
    ).format(
        head=head, outages=_count(count), planned=_count(planned), rounding=_rounding(decimals)
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
        message = _("Ögonblicksbilden saknar {kpi} för {municipality} år {year} ({gender})").format(
            kpi=kpi, municipality=municipality, year=year, gender=gender
        )
        hint = _("Hämta på nytt med styra kolada fetch")
        return None, [
            field_error(message, source.file, "", code="sources.kolada-missing", hint=hint)
        ]
    meta = snapshot.kpi(kpi)
    title = f" ({meta.title})" if meta and meta.title else ""
    fetched = snapshot.fetched_at.date().isoformat()
    rule = _(
        "{kpi}{title} för kommun {municipality} år {year} enligt Kolada, "
        "hämtat {fetched}. {attribution}"
    ).format(
        kpi=kpi,
        title=title,
        municipality=municipality,
        year=year,
        fetched=fetched,
        attribution=attribution(),
    )
    origin = KoladaOrigin(
        snapshot.query.describe(), snapshot.fetched_at.isoformat(), source.file, sha256_of(path)
    )
    value = ComputedValue(
        found.value, "", origin, (RowRef(None, found.key),), rule, found.value, found.status
    )
    if found.value is None:
        message = _("Kolada har inget värde för {kpi}, {municipality} år {year} ({status})").format(
            kpi=kpi, municipality=municipality, year=year, status=found.status
        )
        problems.append(warning(message, file=source.file, code="sources.kolada-no-value"))
    return value, problems


def kolada_history_and_comparison(
    source: IndicatorSource, path: Path
) -> tuple[tuple[tuple[int, Decimal], ...], Comparison | None]:
    """From a Kolada source's snapshot: the years before the source's year, and the group's
    mean and the country's value for that year where the source names them.

    A snapshot that cannot be read gives neither (``kolada_value`` reports why).
    """
    text, _problems = read_text(path, source.file)
    snapshot = None if text is None else snapshot_from_json(text, source.file)[0]
    if snapshot is None:
        return (), None
    kpi, municipality = source.param("kpi"), source.param("municipality")
    year, gender = int(source.param("year")), source.param("gender", "T")
    history = tuple(
        sorted(
            (v.period, v.value)
            for v in snapshot.values
            if (v.kpi, v.municipality, v.gender) == (kpi, municipality, gender)
            and v.period < year
            and v.value is not None
        )
    )
    group = [c.strip() for c in source.param("group").split(",") if c.strip()]
    national_code = source.param("national")
    if not group and not national_code:
        return history, None
    found = [snapshot.find(kpi, code, year, gender) for code in group]
    values = [v.value for v in found if v is not None and v.value is not None]
    mean = round_half_up(sum(values, Decimal(0)) / len(values), 2) if values else None
    national = snapshot.find(kpi, national_code, year, gender) if national_code else None
    fetched = snapshot.fetched_at.date().isoformat()
    comparison = Comparison(
        year,
        source.param("group_name") or _("jämförelsegruppen"),
        mean,
        len(values),
        len(group),
        None if national is None else national.value,
        _("{attribution}, hämtat {fetched}").format(attribution=attribution(), fetched=fetched),
    )
    return history, comparison
