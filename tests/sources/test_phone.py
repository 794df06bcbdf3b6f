from decimal import Decimal
from pathlib import Path

import pytest

from styra.sources import Period, compute_indicator_value, parse_indicator_source
from styra.sources.mapping import ExportMapping
from styra.sources.phone import (
    CallRules,
    Outcome,
    answered_within,
    call_rules,
    offered_calls,
    parse_calls,
    share_percent,
)
from styra.sources.table import parse_csv_text

YEAR = Period.year(2024)

CALLS = """\
call_id,started,wait,outcome
1,2024-02-01 09:00:00,12,answered
2,2024-02-01 09:01:00,20,answered
3,2024-02-01 09:02:00,00:00:45,answered
4,2024-02-01 09:03:00,0:95,answered
5,2024-02-01 09:04:00,30,abandoned
6,2024-02-01 09:05:00,3,abandoned
7,2023-12-31 09:05:00,3,answered
"""


def _calls(text: str = CALLS):
    calls, problems = parse_calls(parse_csv_text(text, "s.csv"))
    assert problems == []
    return calls


def test_it_reads_waiting_times_in_seconds_or_as_clock_times() -> None:
    calls = _calls()
    assert [c.wait for c in calls[:4]] == [12, 20, 45, 95]


def test_it_counts_a_call_answered_at_exactly_the_limit_as_within_it() -> None:
    offered = offered_calls(_calls(), YEAR, CallRules())
    within = answered_within(offered, Decimal(20))
    assert [c.id for c in within] == ["1", "2"]
    assert share_percent(within, offered) == Decimal(100) * 2 / 6


@pytest.mark.parametrize(
    ("rules", "offered"),
    [
        (CallRules(), 6),
        (CallRules(short_abandon_seconds=Decimal(5)), 5),
        (CallRules(abandoned_counted=False), 4),
    ],
)
def test_it_counts_abandoned_calls_as_the_export_defines_them(
    rules: CallRules, offered: int
) -> None:
    assert len(offered_calls(_calls(), YEAR, rules)) == offered


def test_it_reads_the_rules_from_the_mapping() -> None:
    mapping = ExportMapping(settings=(("abandoned_counted", "ja"), ("short_abandon_seconds", "5")))
    assert call_rules(mapping) == CallRules(True, Decimal(5))
    assert call_rules(ExportMapping()) == CallRules(True, Decimal(0))


def test_it_reports_a_bad_waiting_time_and_warns_about_an_unknown_outcome() -> None:
    text = (
        "call_id,started,wait,outcome\n"
        "1,2024-02-01 09:00,tolv,answered\n"
        "2,2024-02-01 09:00,1,callback\n"
    )
    calls, problems = parse_calls(parse_csv_text(text, "s.csv"))
    assert calls == ()
    assert [str(p) for p in problems] == [
        "s.csv:2:wait: »tolv» är inte ett tal",
        "s.csv:3:outcome: varning: Okänt utfall »callback»; samtalet räknas inte "
        "(Lägg till stavningen under values.answered eller values.abandoned i mappningen)",
    ]


def test_it_computes_the_share_with_its_rule(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(CALLS, encoding="utf-8")
    spec = {
        "kind": "phone_export",
        "file": "s.csv",
        "metric": "share_answered_within",
        "seconds": "60",
        "mapping": {"short_abandon_seconds": "5", "values": {"abandoned": "abandoned"}},
    }
    source, problems = parse_indicator_source(spec)
    assert source is not None, problems
    value, problems = compute_indicator_value(source, tmp_path, YEAR)
    assert problems == []
    assert value is not None
    assert value.value == Decimal("60.00")
    assert value.rule == (
        "Andel av 5 samtal 2024 som besvarades inom 60 sekunder (3 samtal); avbrutna samtal "
        "räknas som obesvarade utom de som avbröts inom 5 sekunder, avrundat till 2 decimaler"
    )
    assert [r.id for r in value.rows] == ["1", "2", "3", "4", "5"]
    assert Outcome("answered") is Outcome.ANSWERED
