"""The catalogue of bad exports: one file per error, each with its expected problems.

Each ``fixtures/errors/NAME.csv`` is a ticket export with one kind of error; beside it,
``NAME.expected`` holds the problems exactly as the command line prints them. The value
is never computed when an export has an error, even from its good rows.
"""

from pathlib import Path

import pytest

from styra.problems import Severity
from styra.sources import Period, compute_indicator_value, parse_indicator_source

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in (FIXTURES / "errors").glob("*.csv"))


def _compute(file: str, metric: str = "average_handling_time"):
    source, problems = parse_indicator_source(
        {"kind": "ticket_export", "file": file, "metric": metric, "type": "incident"}
    )
    assert source is not None, problems
    return compute_indicator_value(source, FIXTURES, Period.year(2024))


@pytest.mark.parametrize("case", CASES)
def test_it_reports_each_bad_export_with_file_line_and_column(case: str) -> None:
    expected = (FIXTURES / "errors" / f"{case}.expected").read_text(encoding="utf-8")
    value, problems = _compute(f"errors/{case}.csv")
    assert value is None
    assert [str(p) for p in problems] == expected.splitlines()
    assert all(p.severity is Severity.ERROR and p.source.line for p in problems)
    assert all(p.source.column for p in problems)


@pytest.mark.parametrize("metric", ["average_handling_time", "open_at_period_end"])
def test_it_computes_nothing_from_an_export_with_a_failed_row(metric: str) -> None:
    value, problems = _compute("errors/resolved-before-opened.csv", metric)
    assert value is None
    assert problems[0].code == "sources.resolved-before-opened"


def test_the_catalogue_covers_the_issue_s_four_cases() -> None:
    assert {"missing-column", "bad-date", "resolved-before-opened", "duplicate-id"} <= set(CASES)


def test_it_names_the_export_s_own_column_in_a_problem(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "Nr;Typ;Registrerad;Löst\nI-1;Incident;5 mars;2024-03-06 09:00\n", encoding="utf-8"
    )
    mapping = {
        "columns": {"id": "Nr", "type": "Typ", "opened": "Registrerad", "resolved": "Löst"},
        "values": {"incident": "Incident"},
    }
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "a.csv",
            "metric": "open_at_period_end",
            "type": "incident",
            "mapping": mapping,
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert [str(p) for p in problems] == [
        "a.csv:2:Registrerad: »5 mars» är inte ett datum eller en tidpunkt "
        "(Skriv tidpunkten som ÅÅÅÅ-MM-DD TT:MM eller ange date_format i mappningen)"
    ]


def test_it_reports_a_missing_file_without_a_traceback(tmp_path: Path) -> None:
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "saknas.csv",
            "metric": "open_at_period_end",
            "type": "change",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert problems[0].message == "Filen »saknas.csv» finns inte"


def test_it_refuses_a_path_that_leads_out_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("id\n", encoding="utf-8")
    inner = tmp_path / "folder"
    inner.mkdir()
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "../secret.csv",
            "metric": "open_at_period_end",
            "type": "change",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, inner, Period.year(2024))
    assert value is None
    assert problems[0].code == "sources.outside-folder"


def test_it_reports_an_export_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(
        "id;type;opened;resolved\nÄ1;incident;2024-01-01;\n".encode("cp1252")
    )
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "a.csv",
            "metric": "open_at_period_end",
            "type": "incident",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert problems[0].message == "Filen »a.csv» är inte UTF-8-kodad"
    assert problems[0].hint == "Ange encoding i mappningen, till exempel cp1252"


def test_it_reports_a_broken_xlsx_file(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"not a zip file")
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "a.xlsx",
            "metric": "open_at_period_end",
            "type": "incident",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert problems[0].message == "Filen »a.xlsx» går inte att läsa som en Excel-fil (xlsx)"
