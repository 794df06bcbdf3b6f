from datetime import date
from decimal import Decimal

from styra.sources.mapping import ExportMapping
from styra.sources.period import Period
from styra.sources.table import parse_csv_text
from styra.sources.tickets import (
    DayCount,
    TicketType,
    calendar_for,
    handled_in,
    handling_days,
    mean,
    median,
    open_at_end,
    parse_tickets,
    summarize,
)
from styra.sources.workdays import swedish_calendar

YEAR = Period.year(2024)

EXPORT = """\
id;type;opened;resolved;closed;status
I1;incident;2024-03-28 09:00;2024-04-02 10:00;;closed
I2;incident;2024-05-06 08:00;2024-05-06 15:00;;closed
I3;incident;2024-12-20 08:00;2025-01-08 10:00;;resolved
I4;incident;2024-11-01 08:00;;;in progress
I5;incident;2023-12-01 08:00;2023-12-05 08:00;;closed
I6;incident;2025-01-02 08:00;;;in progress
S1;service_request;2024-06-03 08:00;;2024-06-10 08:00;closed
S2;service_request;2024-12-31 23:59;;;new
C1;change;2024-01-10 08:00;2024-02-09 08:00;2024-02-12 08:00;closed
"""


def _tickets(text: str = EXPORT):
    tickets, problems = parse_tickets(parse_csv_text(text, "t.csv"))
    assert problems == []
    return tickets


def test_it_counts_handling_time_over_easter_in_working_days() -> None:
    tickets = _tickets()
    done = handled_in(tickets, TicketType.INCIDENT, YEAR)
    assert [t.id for t in done] == ["I1", "I2"]
    calendar = calendar_for(done)
    # 28 March 2024 (Thursday) to 2 April: Good Friday and Easter Monday are holidays.
    assert handling_days(done, DayCount.CALENDAR, calendar) == (5, 0)
    assert handling_days(done, DayCount.WORKING, calendar) == (1, 0)


def test_it_counts_tickets_open_at_period_end_from_timestamps_not_status() -> None:
    tickets = _tickets()
    # I3 was resolved in January 2025, so it was open on 31 December; I6 opened after.
    assert [t.id for t in open_at_end(tickets, TicketType.INCIDENT, YEAR)] == ["I3", "I4"]
    assert [t.id for t in open_at_end(tickets, TicketType.SERVICE_REQUEST, YEAR)] == ["S2"]
    assert open_at_end(tickets, TicketType.CHANGE, YEAR) == ()


def test_it_takes_the_closed_time_when_an_export_has_no_resolved_time() -> None:
    tickets = _tickets()
    done = handled_in(tickets, TicketType.SERVICE_REQUEST, YEAR)
    assert [t.id for t in done] == ["S1"]
    assert handling_days(done, DayCount.CALENDAR, calendar_for(done)) == (7,)


def test_it_gives_mean_and_median_as_exact_decimals() -> None:
    assert mean([1, 2, 4]) == Decimal(7) / Decimal(3)
    assert median([5, 1, 3]) == Decimal(3)
    assert median([1, 2, 3, 10]) == Decimal("2.5")


def test_it_summarizes_every_type_at_once() -> None:
    tickets = _tickets()
    summary = {s.ticket_type: s for s in summarize(tickets, YEAR, calendar_for(tickets))}
    incident = summary[TicketType.INCIDENT]
    assert (incident.handled, incident.open_at_end) == (2, 2)
    assert incident.mean_calendar_days == Decimal("2.5")
    assert incident.median_working_days == Decimal("0.5")
    change = summary[TicketType.CHANGE]
    # 10 January to 9 February 2024: 30 calendar days, 22 working days.
    assert (change.mean_calendar_days, change.mean_working_days) == (30, 22)


def test_it_maps_another_system_s_columns_and_spellings() -> None:
    text = "Nr,Kategori,Skapad,Åtgärdad\nA-1,Störning,2024-02-01 08:00,2024-02-02 08:00\n"
    mapping = ExportMapping(
        columns=(
            ("id", "Nr"),
            ("type", "Kategori"),
            ("opened", "Skapad"),
            ("resolved", "Åtgärdad"),
        ),
        values=(("incident", ("Störning", "Fel")),),
    )
    tickets, problems = parse_tickets(parse_csv_text(text, "t.csv"), mapping)
    assert problems == []
    assert tickets[0].type is TicketType.INCIDENT
    assert tickets[0].status == ""


def test_it_warns_about_an_unknown_type_and_leaves_the_row_out() -> None:
    text = "id,type,opened,resolved\nP1,problem,2024-02-01,2024-02-02\nI1,incident,2024-02-01,\n"
    tickets, problems = parse_tickets(parse_csv_text(text, "t.csv"))
    assert [t.id for t in tickets] == ["I1"]
    assert [str(p) for p in problems] == [
        "t.csv:2:type: varning: Okänd ärendetyp »problem»; raden räknas inte "
        "(Lägg till stavningen under values i mappningen om typen ska räknas)"
    ]


def test_it_reads_dates_in_the_export_s_own_format() -> None:
    text = "id,type,opened,resolved\nI1,incident,05.03.2024 08:00,06.03.2024 09:30\n"
    mapping = ExportMapping(settings=(("date_format", "%d.%m.%Y %H:%M"),))
    tickets, problems = parse_tickets(parse_csv_text(text, "t.csv"), mapping)
    assert problems == []
    assert tickets[0].opened.date() == date(2024, 3, 5)


def test_it_counts_the_eves_as_days_off_when_asked() -> None:
    plain = swedish_calendar(2024, 2024)
    with_eves = swedish_calendar(2024, 2024, with_eves=True)
    # 23 December (Monday) to 27 December: 24th is julafton, 25th and 26th are holidays.
    assert plain.working_days_between(date(2024, 12, 23), date(2024, 12, 27)) == 2
    assert with_eves.working_days_between(date(2024, 12, 23), date(2024, 12, 27)) == 1
    assert not with_eves.is_working_day(date(2024, 6, 21))
    assert plain.is_working_day(date(2024, 6, 21))


def test_it_works_for_an_interim_period_as_well_as_a_year() -> None:
    tertial = Period(date(2024, 1, 1), date(2024, 4, 30))
    tickets = _tickets()
    assert [t.id for t in handled_in(tickets, TicketType.INCIDENT, tertial)] == ["I1"]
    # C1 was handled in February; S1 was opened after the tertial.
    assert [t.id for t in handled_in(tickets, TicketType.CHANGE, tertial)] == ["C1"]
    assert open_at_end(tickets, TicketType.SERVICE_REQUEST, tertial) == ()
