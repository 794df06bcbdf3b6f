"""One load of a folder parses each export once and reports each of its problems once."""

import shutil
from pathlib import Path

import pytest

from styra.sources import (
    Period,
    SourceCache,
    compute_indicator_value,
    parse_indicator_source,
)
from styra.sources import tickets as tickets_module

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parents[2] / "examples" / "sydnarke-it-2024"
YEAR = Period.year(2024)
FOUR = [
    {"metric": "average_handling_time", "type": "incident"},
    {"metric": "open_at_period_end", "type": "incident"},
    {"metric": "open_at_period_end", "type": "service_request"},
    {"metric": "open_at_period_end", "type": "change"},
]


def _source(file: str, **spec: str):
    source, problems = parse_indicator_source({"kind": "ticket_export", "file": file, **spec})
    assert source is not None, problems
    return source


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = tickets_module.parse_tickets

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tickets_module, "parse_tickets", counting)
    return calls


def test_a_bad_row_is_reported_once_when_four_indicators_use_the_export(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "bad-date.csv", tmp_path / "a.csv")
    cache = SourceCache()
    found = []
    for spec in FOUR:
        value, problems = compute_indicator_value(_source("a.csv", **spec), tmp_path, YEAR, cache)
        assert value is None
        found += problems
    assert [p.code for p in found] == ["sources.bad-date"]
    assert found[0].source.line == 3


def test_each_load_reports_the_problems_again(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "bad-date.csv", tmp_path / "a.csv")
    source = _source("a.csv", **FOUR[0])
    for _load in range(2):
        _, problems = compute_indicator_value(source, tmp_path, YEAR, SourceCache())
        assert len(problems) == 1
    for _call in range(2):  # without a cache, every call reports what it found
        _, problems = compute_indicator_value(source, tmp_path, YEAR)
        assert len(problems) == 1


def test_a_missing_export_or_mapping_is_reported_once_per_load(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id;type;opened;resolved\n", encoding="utf-8")
    cache = SourceCache()
    found = []
    for spec in FOUR:
        _, problems = compute_indicator_value(_source("saknas.csv", **spec), tmp_path, YEAR, cache)
        found += problems
        source = _source("a.csv", mapping="m.yaml", **spec)
        _, problems = compute_indicator_value(source, tmp_path, YEAR, cache)
        found += problems
    assert [p.message for p in found] == [
        "Filen »saknas.csv» finns inte",
        "Filen »m.yaml» finns inte",
    ]


def test_the_example_s_ticket_export_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    mapping = {"mapping": "sources/arenden-mappning.yaml"}
    values = []
    for spec in FOUR:
        source = _source("sources/arenden-2024.csv", **mapping, **spec)
        value, problems = compute_indicator_value(source, EXAMPLE, YEAR)
        assert problems == [] and value is not None
        values.append(value.value)
    assert len(calls) <= 1  # once in this run (or already parsed by an earlier test)
    assert values[1:] == [111, 161, 19]


def test_a_changed_export_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    header = "id;type;opened;resolved\n"
    path = tmp_path / "a.csv"
    source = _source("a.csv", **FOUR[1])
    path.write_text(header + "I-1;incident;2024-03-01 08:00;\n", encoding="utf-8")
    first, _ = compute_indicator_value(source, tmp_path, YEAR)
    path.write_text(header + "I-2;incident;2024-03-01 08:00;\n", encoding="utf-8")  # same size
    second, _ = compute_indicator_value(source, tmp_path, YEAR)
    assert first is not None and second is not None
    assert [r.id for r in first.rows] == ["I-1"] and [r.id for r in second.rows] == ["I-2"]
    assert len(calls) == 2
