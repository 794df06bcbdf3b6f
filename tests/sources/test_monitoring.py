from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from styra.sources import Period, compute_indicator_value, parse_indicator_source
from styra.sources.monitoring import (
    Outage,
    group_availability,
    groups_in,
    merge_intervals,
    parse_outages,
)
from styra.sources.table import parse_csv_text

YEAR = Period.year(2024)
MINUTES_2024 = Decimal(366 * 24 * 60)

EXPORT = """\
group;service;start;end;planned
Servrar;srv1;2023-12-31 23:00;2024-01-01 01:00;nej
Servrar;srv1;2024-03-01 10:00;2024-03-01 11:00;nej
Servrar;srv2;2024-03-01 10:30;2024-03-01 12:00;nej
Servrar;srv2;2024-03-01 12:00;2024-03-01 12:30;nej
Servrar;srv1;2024-04-01 22:00;2024-04-02 02:00;ja
Accesspunkter;ap1;2024-12-31 23:30;;nej
"""


def _outages():
    outages, problems = parse_outages(parse_csv_text(EXPORT, "m.csv"))
    assert problems == []
    return outages


def test_it_merges_overlapping_and_touching_outages() -> None:
    t = datetime(2024, 3, 1, 10)
    merged = merge_intervals(
        [
            (t, t + timedelta(hours=1)),
            (t + timedelta(minutes=30), t + timedelta(hours=2)),
            (t + timedelta(hours=2), t + timedelta(hours=3)),
        ]
    )
    assert merged == [(t, t + timedelta(hours=3))]


def test_it_cuts_outages_at_the_period_and_leaves_planned_maintenance_out() -> None:
    servers = group_availability(_outages(), "servrar", YEAR)
    # 60 minutes in 2024 of the new-year outage, plus 10:00-12:30 merged; not the 4 planned hours.
    assert servers.downtime_seconds == (60 + 150) * 60
    assert servers.merged_intervals == 2
    assert servers.percent == 100 * (1 - Decimal(210) / MINUTES_2024)


def test_it_lets_an_outage_without_an_end_last_to_the_end_of_the_period() -> None:
    access = group_availability(_outages(), "Accesspunkter", YEAR)
    assert access.downtime_seconds == 30 * 60


def test_it_lists_groups_in_the_order_of_the_export() -> None:
    assert groups_in(_outages()) == ("Servrar", "Accesspunkter")


def test_it_reports_an_outage_that_ends_before_it_starts() -> None:
    text = "group,start,end\nServrar,2024-03-01 10:00,2024-03-01 09:00\n"
    outages, problems = parse_outages(parse_csv_text(text, "m.csv"))
    assert outages == ()
    assert [str(p) for p in problems] == [
        "m.csv:2:end: Slut 2024-03-01 09:00 ligger före start 2024-03-01 10:00"
    ]


def test_it_computes_the_mean_availability_of_several_groups(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(EXPORT, encoding="utf-8")
    spec = {"kind": "monitoring_export", "file": "m.csv", "metric": "availability"}
    source, _ = parse_indicator_source(spec)
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, YEAR)
    assert problems == []
    assert value is not None
    expected = 100 * (1 - Decimal(120) / MINUTES_2024)  # (210 + 30) / 2 minutes a group
    assert value.exact == expected
    assert value.value == Decimal("99.98")
    assert dict(value.details) == {"Servrar": "99.96", "Accesspunkter": "99.99"}
    assert [r.line for r in value.rows] == [2, 3, 4, 5, 7]


moments = st.integers(min_value=0, max_value=400 * 24 * 60).map(
    lambda m: datetime(2023, 12, 1) + timedelta(minutes=m)
)
spans = st.tuples(moments, st.integers(min_value=0, max_value=3000))


@given(st.lists(spans, max_size=30))
def test_merged_downtime_lies_between_the_longest_outage_and_the_sum(items) -> None:
    outages = [
        Outage("G", "", start, start + timedelta(minutes=length), False, line)
        for line, (start, length) in enumerate(items, start=2)
    ]
    result = group_availability(outages, "G", YEAR)
    start, stop = datetime(2024, 1, 1), datetime(2025, 1, 1)
    clipped = [
        max(0, (min(o.end, stop) - max(o.start, start)).total_seconds())
        for o in outages
        if o.end is not None
    ]
    assert Decimal(max(clipped, default=0)) <= result.downtime_seconds <= Decimal(sum(clipped))
    assert 0 <= result.percent <= 100


def test_the_rule_sentence_rounds_half_away_from_zero_like_the_value(tmp_path: Path) -> None:
    # 5 d 11:45:36 down in 2024 (366 days) is 1,5 % exactly: 98,5 % rounds to 99, never 98.
    export = "group;start;end\nServrar;2024-03-01 00:00:00;2024-03-06 11:45:36\n"
    (tmp_path / "m.csv").write_text(export, encoding="utf-8")
    spec = {"kind": "monitoring_export", "file": "m.csv", "metric": "availability"}
    source, _ = parse_indicator_source({**spec, "decimals": "0"})
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, YEAR)
    assert problems == [] and value is not None
    assert value.exact == Decimal("98.5")
    assert value.value == Decimal(99)
    assert dict(value.details) == {"Servrar": "99"}
    assert value.rule.startswith("Tillgänglighet för Servrar 99 % 2024;")
