"""Generate the example's source exports: synthetic, seeded, and exact where it matters.

    uv run python examples/sydnarke-it-2024/sources/generate.py

Writes the ticket, phone-queue and monitoring exports of Sydnärke IT for 2024, and the
Kolada snapshot of the member municipalities' population, so that Styra computes the
model report's values from them: average handling time for incidents 18 days, 72,25 %
of calls answered within 20 seconds, 99,58 % availability, and 111, 161 and 19 tickets
open at the end of the year. The random parts are seeded; the same run gives the same
bytes.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from styra.sources.kolada import (
    KoladaQuery,
    KoladaSnapshot,
    KoladaValue,
    KpiMetadata,
    data_urls,
    kpi_urls,
    snapshot_to_json,
)

HERE = Path(__file__).resolve().parent
SEED = 20241231
YEAR_START = datetime(2024, 1, 1)
YEAR_END = datetime(2025, 1, 1)
EXPORTED = datetime(2025, 1, 15, 10, 0)
MUNICIPALITIES = ("Lekeberg", "Laxå", "Askersund", "Hallsberg")

# Tickets: (type in the export, id prefix, handled in 2024, mean days, open at year end:
# still open when exported, resolved in January 2025).
TICKET_PLAN = (
    ("Incident", "INC", 4812, 18, 74, 37),
    ("Tjänsteförfrågan", "REQ", 6150, 11, 118, 43),
    ("Förändring", "CHG", 214, 26, 15, 4),
)
INCIDENT_MEAN_DAYS = 18

# Phone calls in 2024 that count, and how they split (see samtal-mappning.yaml).
CALLS_WITHIN_20 = 8959
CALLS_WITHIN_60 = 10850
CALLS_ANSWERED = 11470
CALLS_ABANDONED = 930
CALLS_SHORT_ABANDONED = 410

# Minutes of merged, unplanned downtime per service group in 2024.
DOWNTIME_MINUTES = {"Servrar": 1900, "Accesspunkter": 2800, "Microsoft-tjänster": 1940}
SERVICES = {
    "Servrar": ("srv-lek-fil01", "srv-hal-app03", "srv-ask-sql02", "srv-lax-dc01"),
    "Accesspunkter": ("ap-hal-skola-12", "ap-lek-kommunhus-3", "ap-ask-bibliotek-1"),
    "Microsoft-tjänster": ("Exchange Online", "Teams", "SharePoint Online", "Intune"),
}

POPULATION_2022 = {"1814": 8756, "1860": 5576, "1882": 11497, "1861": 16290}


def main(folder: Path = HERE) -> None:
    rng = random.Random(SEED)
    write_tickets(rng, folder / "arenden-2024.csv")
    write_calls(rng, folder / "samtal-2024.csv")
    write_outages(rng, folder / "overvakning-2024.csv")
    write_population(folder / "kolada-N01951-2022.json")


# --- tickets ---


@dataclass
class Ticket:
    kind: str
    prefix: str
    opened: datetime
    resolved: datetime | None


def working_moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.randint(7 * 60, 17 * 60)
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def exact_mean_durations(rng: random.Random, count: int, mean_days: int) -> list[int]:
    """Skewed handling times in whole days whose mean is exactly ``mean_days``."""
    days = [int(rng.expovariate(1 / mean_days)) for _ in range(count)]
    difference = mean_days * count - sum(days)
    while difference:
        i = rng.randrange(count)
        step = 1 if difference > 0 else -1
        if days[i] + step >= 0:
            days[i] += step
            difference -= step
    return days


def handled_tickets(
    rng: random.Random, kind: str, prefix: str, count: int, mean: int
) -> list[Ticket]:
    tickets = []
    for duration in exact_mean_durations(rng, count, mean):
        resolved = working_moment(rng, random_day(rng, date(2024, 1, 2), date(2024, 12, 30)))
        opened_day = resolved.date() - timedelta(days=duration)
        opened = working_moment(rng, opened_day)
        if duration == 0 and opened > resolved:
            opened = resolved - timedelta(minutes=rng.randint(5, 240))
        tickets.append(Ticket(kind, prefix, opened, resolved))
    return tickets


def open_tickets(
    rng: random.Random, kind: str, prefix: str, still: int, january: int
) -> list[Ticket]:
    tickets = []
    for _ in range(still):
        opened = working_moment(rng, random_day(rng, date(2023, 9, 1), date(2024, 12, 30)))
        tickets.append(Ticket(kind, prefix, opened, None))
    for _ in range(january):
        opened = working_moment(rng, random_day(rng, date(2024, 10, 1), date(2024, 12, 30)))
        resolved = working_moment(rng, random_day(rng, date(2025, 1, 2), date(2025, 1, 14)))
        tickets.append(Ticket(kind, prefix, opened, resolved))
    return tickets


def outside_tickets(rng: random.Random, kind: str, prefix: str) -> list[Ticket]:
    """Handled before 2024, or opened after it: in the export, not in the figures."""
    tickets = []
    for _ in range(rng.randint(20, 60)):
        resolved = working_moment(rng, random_day(rng, date(2023, 12, 1), date(2023, 12, 29)))
        tickets.append(
            Ticket(kind, prefix, resolved - timedelta(days=rng.randint(0, 20)), resolved)
        )
    for _ in range(rng.randint(20, 60)):
        opened = working_moment(rng, random_day(rng, date(2025, 1, 2), date(2025, 1, 14)))
        resolved = opened + timedelta(hours=rng.randint(1, 60))
        tickets.append(Ticket(kind, prefix, opened, resolved if resolved < EXPORTED else None))
    return tickets


def write_tickets(rng: random.Random, path: Path) -> None:
    tickets: list[Ticket] = []
    for kind, prefix, handled, mean, still, january in TICKET_PLAN:
        tickets += handled_tickets(rng, kind, prefix, handled, mean)
        tickets += open_tickets(rng, kind, prefix, still, january)
        tickets += outside_tickets(rng, kind, prefix)
    tickets.sort(key=lambda t: t.opened)
    numbers = {prefix: 30000 for _, prefix, *_ in TICKET_PLAN}
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";", lineterminator="\n")
        out.writerow(
            ["Ärendenummer", "Ärendetyp", "Registrerad", "Löst", "Stängd", "Status", "Kommun"]
        )
        for ticket in tickets:
            numbers[ticket.prefix] += 1
            out.writerow(ticket_row(rng, ticket, f"{ticket.prefix}{numbers[ticket.prefix]:07d}"))


def ticket_row(rng: random.Random, ticket: Ticket, ticket_id: str) -> list[str]:
    closed = ticket.resolved + timedelta(days=3) if ticket.resolved else None
    if closed and closed > EXPORTED:
        closed = None
    status = (
        "Stängd"
        if closed
        else "Löst"
        if ticket.resolved
        else rng.choice(("Pågående", "Pågående", "Väntar på användare", "Tilldelad"))
    )
    return [
        ticket_id,
        ticket.kind,
        stamp(ticket.opened),
        stamp(ticket.resolved),
        stamp(closed),
        status,
        rng.choice(MUNICIPALITIES),
    ]


def stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


# --- phone calls ---


def call_waits(rng: random.Random) -> list[tuple[int, str]]:
    """(seconds waited, outcome) for the calls of 2024, in exact proportions."""
    waits = [(rng.randint(0, 20), "Besvarat") for _ in range(CALLS_WITHIN_20)]
    waits += [(rng.randint(21, 60), "Besvarat") for _ in range(CALLS_WITHIN_60 - CALLS_WITHIN_20)]
    waits += [(rng.randint(61, 420), "Besvarat") for _ in range(CALLS_ANSWERED - CALLS_WITHIN_60)]
    waits += [(rng.randint(5, 300), "Avbrutet") for _ in range(CALLS_ABANDONED)]
    waits += [(rng.randint(0, 4), "Avbrutet") for _ in range(CALLS_SHORT_ABANDONED)]
    rng.shuffle(waits)
    return waits


def call_moment(rng: random.Random, first: date, last: date) -> datetime:
    day = random_day(rng, first, last)
    while day.weekday() >= 5:
        day = random_day(rng, first, last)
    return datetime(day.year, day.month, day.day, 8) + timedelta(seconds=rng.randint(0, 8 * 3600))


def write_calls(rng: random.Random, path: Path) -> None:
    calls = [(call_moment(rng, date(2024, 1, 1), date(2024, 12, 31)), *w) for w in call_waits(rng)]
    for first, last in (
        (date(2023, 12, 27), date(2023, 12, 29)),
        (date(2025, 1, 2), date(2025, 1, 3)),
    ):
        for _ in range(40):
            calls.append((call_moment(rng, first, last), rng.randint(0, 90), "Besvarat"))
    calls.sort()
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";", lineterminator="\n")
        out.writerow(["Samtals-ID", "Starttid", "Kö", "Väntetid", "Utfall"])
        for number, (started, wait, outcome) in enumerate(calls, start=1):
            queue = rng.choice(("Servicedesk", "Servicedesk", "Skolsupport"))
            duration = f"{wait // 3600:02d}:{wait % 3600 // 60:02d}:{wait % 60:02d}"
            out.writerow([f"S{number:06d}", stamp_seconds(started), queue, duration, outcome])


def stamp_seconds(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# --- monitoring ---

Outage = tuple[str, datetime, datetime, bool, str]


def merged_minutes(intervals: list[tuple[datetime, datetime]]) -> int:
    total, reach = 0, YEAR_START
    for start, end in sorted(intervals):
        low, high = max(start, reach), min(end, YEAR_END)
        if high > low:
            total += int((high - low).total_seconds()) // 60
        reach = max(reach, high)
    return total


def group_outages(rng: random.Random, group: str, target: int) -> list[Outage]:
    outages: list[Outage] = []
    if group == "Servrar":  # starts the year before, ends in 2024: cut at new year
        outages.append(
            (
                SERVICES[group][0],
                datetime(2023, 12, 31, 22, 30),
                datetime(2024, 1, 1, 1, 0),
                False,
                "Strömavbrott",
            )
        )
    while merged_minutes([(s, e) for _, s, e, p, _ in outages if not p]) < target * 0.7:
        start = datetime(2024, 1, 1) + timedelta(minutes=rng.randrange(0, 366 * 24 * 60 - 600))
        end = start + timedelta(minutes=rng.randint(5, 240))
        outages.append((rng.choice(SERVICES[group]), start, end, False, "Driftstörning"))
        if rng.random() < 0.3:  # a second service down at the same time: overlapping
            later = start + timedelta(minutes=(end - start).seconds // 120)
            outages.append(
                (
                    rng.choice(SERVICES[group]),
                    later,
                    end + timedelta(minutes=rng.randint(5, 60)),
                    False,
                    "Följdfel",
                )
            )
    for _ in range(rng.randint(3, 6)):
        start = datetime(2024, 1, 1, 22) + timedelta(days=rng.randint(0, 364))
        outages.append(
            (
                rng.choice(SERVICES[group]),
                start,
                start + timedelta(hours=rng.randint(1, 4)),
                True,
                "Planerat underhåll",
            )
        )
    return [*outages, filler_outage(rng, group, outages, target)]


def filler_outage(rng: random.Random, group: str, outages: list[Outage], target: int) -> Outage:
    """One more outage, clear of the others, that brings the downtime to the target."""
    missing = target - merged_minutes([(s, e) for _, s, e, p, _ in outages if not p])
    while True:
        start = datetime(2024, 2, 1) + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
        end = start + timedelta(minutes=missing)
        if all(e < start or s > end for _, s, e, _, _ in outages):
            return (rng.choice(SERVICES[group]), start, end, False, "Större störning")


def write_outages(rng: random.Random, path: Path) -> None:
    rows = []
    for group, minutes in DOWNTIME_MINUTES.items():
        rows += [
            (start, group, service, end, planned, note)
            for service, start, end, planned, note in group_outages(rng, group, minutes)
        ]
    rows.sort()
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter=";", lineterminator="\n")
        out.writerow(["Tjänstegrupp", "Tjänst", "Start", "Slut", "Planerat", "Kommentar"])
        for start, group, service, end, planned, note in rows:
            out.writerow(
                [group, service, stamp(start), stamp(end), "Ja" if planned else "Nej", note]
            )


# --- Kolada ---


def write_population(path: Path) -> None:
    """Kolada's v3 shape with SCB's figures for 31 December 2022 (see README.md)."""
    query = KoladaQuery(("N01951",), tuple(POPULATION_2022), (2022,))
    kpi = KpiMetadata(
        "N01951",
        "Invånare totalt, antal",
        "Antal invånare totalt den 31/12. Källa: SCB.",
        False,
        "K",
        (("operating_area", "Befolkning"), ("publ_period", "2022")),
    )
    values = tuple(
        KoladaValue("N01951", code, 2022, "T", Decimal(count), "", 1)
        for code, count in POPULATION_2022.items()
    )
    requests = kpi_urls(query.kpis) + data_urls(query)
    fetched = datetime(2025, 1, 20, 8, 30, tzinfo=UTC)
    snapshot = KoladaSnapshot(query, fetched, requests, (kpi,), values)
    path.write_text(snapshot_to_json(snapshot), encoding="utf-8")


if __name__ == "__main__":
    main()
