from pathlib import Path

import pytest

from styra.sources import (
    IndicatorSource,
    Period,
    SourceKind,
    compute_indicator_value,
    parse_indicator_source,
)
from styra.sources.mapping import ExportMapping


def test_it_parses_a_flat_dict_of_strings_as_the_folder_format_gives_it() -> None:
    source, problems = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "sources/a.csv",
            "mapping": "sources/a.yaml",
            "metric": "average_handling_time",
            "type": "incident",
            "days": "working",
        }
    )
    assert problems == []
    assert source == IndicatorSource(
        SourceKind.TICKET_EXPORT,
        "sources/a.csv",
        "average_handling_time",
        (("days", "working"), ("type", "incident")),
        "sources/a.yaml",
    )


def test_it_takes_nested_parameters_and_an_inline_mapping() -> None:
    source, problems = parse_indicator_source(
        {
            "kind": "phone_export",
            "file": "s.csv",
            "metric": "share_answered_within",
            "parameters": {"seconds": 20},
            "mapping": {"columns": {"wait": "Väntetid"}, "abandoned_counted": False},
        }
    )
    assert problems == []
    assert source is not None
    assert source.param("seconds") == "20"
    assert source.mapping == ExportMapping(
        columns=(("wait", "Väntetid"),), settings=(("abandoned_counted", "false"),)
    )


def test_a_source_is_entered_by_hand_by_default() -> None:
    source, problems = parse_indicator_source({})
    assert problems == []
    assert source == IndicatorSource()


@pytest.mark.parametrize("kind", ["manual", "ledger"])
def test_it_leaves_manual_and_ledger_values_to_others(kind: str, tmp_path: Path) -> None:
    source, _ = parse_indicator_source({"kind": kind, "metric": "net_result_tkr"})
    assert source is not None
    assert compute_indicator_value(source, tmp_path, Period.year(2024)) == (None, [])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"kind": "excel"},
            "goals.yaml: source.kind: Okänd källa »excel» (Välj en av manual, ticket_export, "
            "phone_export, monitoring_export, kolada, ledger)",
        ),
        (
            {"kind": "ticket_export", "metric": "open_at_period_end", "type": "change"},
            "goals.yaml: source.file: Källan saknar file (Ange exportfilens sökväg)",
        ),
        (
            {"kind": "ticket_export", "file": "a.csv", "metric": "mean"},
            "goals.yaml: source.metric: Okänt mått »mean» för ticket_export (Välj ett av "
            "average_handling_time, median_handling_time, open_at_period_end)",
        ),
        (
            {"kind": "ticket_export", "file": "a.csv", "metric": "open_at_period_end"},
            "goals.yaml: source.type: Parametern type saknas för måttet open_at_period_end",
        ),
        (
            {
                "kind": "ticket_export",
                "file": "a.csv",
                "metric": "average_handling_time",
                "type": "problem",
            },
            "goals.yaml: source.type: »problem» ska vara en av incident, service_request, change",
        ),
        (
            {
                "kind": "phone_export",
                "file": "a.csv",
                "metric": "share_answered_within",
                "seconds": "20",
                "secs": "60",
            },
            "goals.yaml: source.secs: Okänd parameter »secs» för måttet share_answered_within "
            "(Kända: decimals, seconds)",
        ),
        (
            {
                "kind": "kolada",
                "file": "k.json",
                "metric": "value",
                "kpi": "N01951",
                "municipality": "1814",
                "year": "tjugotjugotvå",
            },
            "goals.yaml: source.year: »tjugotjugotvå» ska vara ett heltal från 1900 till 2100",
        ),
        (
            {
                "kind": "phone_export",
                "file": "a.csv",
                "metric": "share_answered_within",
                "seconds": "20",
                "mapping": {"colums": {}},
            },
            "goals.yaml: source.mapping.colums: Okänd inställning »colums» (Kända: "
            "abandoned_counted, date_format, delimiter, encoding, sheet, short_abandon_seconds)",
        ),
    ],
)
def test_it_explains_what_is_wrong_with_a_source(data: dict[str, object], expected: str) -> None:
    source, problems = parse_indicator_source(data, "goals.yaml")
    assert source is None
    assert [str(p) for p in problems] == [expected]


def test_it_reports_a_mapping_file_that_is_not_yaml(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,type,opened,resolved\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("columns: [unclosed\n", encoding="utf-8")
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "a.csv",
            "mapping": "m.yaml",
            "metric": "open_at_period_end",
            "type": "incident",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert problems[0].source.file == "m.yaml"
    assert problems[0].source.line == 2
    assert problems[0].message.startswith("Mappningen är inte giltig YAML")
