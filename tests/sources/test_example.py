"""The example's exports give the model report's values, with lineage."""

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from styra.sources import Period, compute_indicator_value, parse_indicator_source
from styra.sources.lineage import ComputedValue

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sydnarke-it-2024"
SOURCES = EXAMPLE / "sources"
YEAR = Period.year(2024)

TICKETS = {
    "kind": "ticket_export",
    "file": "sources/arenden-2024.csv",
    "mapping": "sources/arenden-mappning.yaml",
}
CALLS = {
    "kind": "phone_export",
    "file": "sources/samtal-2024.csv",
    "mapping": "sources/samtal-mappning.yaml",
}
OUTAGES = {
    "kind": "monitoring_export",
    "file": "sources/overvakning-2024.csv",
    "mapping": "sources/overvakning-mappning.yaml",
}

# The model report's indicator values, and the sources that give them.
MODEL_REPORT = [
    ("1.1", {**TICKETS, "metric": "average_handling_time", "type": "incident"}, "18"),
    ("1.2", {**CALLS, "metric": "share_answered_within", "seconds": "20"}, "72.25"),
    (
        "1.3",
        {
            **OUTAGES,
            "metric": "availability",
            "groups": "Servrar, Accesspunkter, Microsoft-tjänster",
        },
        "99.58",
    ),
    ("1.5", {**TICKETS, "metric": "open_at_period_end", "type": "incident"}, "111"),
    ("1.6", {**TICKETS, "metric": "open_at_period_end", "type": "service_request"}, "161"),
    ("1.7", {**TICKETS, "metric": "open_at_period_end", "type": "change"}, "19"),
]


def compute(spec: dict[str, str]) -> ComputedValue:
    source, problems = parse_indicator_source(spec, "goals.yaml")
    assert source is not None, problems
    value, problems = compute_indicator_value(source, EXAMPLE, YEAR)
    assert problems == []
    assert value is not None
    return value


@pytest.mark.parametrize(("indicator", "spec", "expected"), MODEL_REPORT)
def test_the_example_exports_give_the_model_report_s_values(
    indicator: str, spec: dict[str, str], expected: str
) -> None:
    assert str(compute(spec).value) == expected, indicator


def test_each_value_keeps_its_file_hash_rows_and_rule() -> None:
    value = compute(MODEL_REPORT[0][1])
    data = (SOURCES / "arenden-2024.csv").read_bytes()
    assert value.origin.as_dict() == {
        "kind": "file",
        "path": "sources/arenden-2024.csv",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert len(value.rows) == 4812
    assert value.rows[0].id.startswith("INC")
    assert value.rule == (
        "Medelvärde av handläggningstid i kalenderdagar för 4\u202f812 incidenter lösta 2024, "
        "avrundat till heltal"
    )
    report = value.as_dict()
    assert report["value"] == "18"
    assert report["row_count"] == 4812


def test_the_other_figures_of_the_example_are_what_its_readme_says() -> None:
    working = compute(
        {
            **TICKETS,
            "metric": "average_handling_time",
            "type": "incident",
            "days": "working",
            "decimals": "1",
        }
    )
    median = compute({**TICKETS, "metric": "median_handling_time", "type": "incident"})
    within_60 = compute({**CALLS, "metric": "share_answered_within", "seconds": "60"})
    assert (working.value, median.value, within_60.value) == (12.5, 12, 87.5)


def test_the_kolada_snapshot_holds_the_members_population_on_31_december_2022() -> None:
    spec = {"kind": "kolada", "file": "sources/kolada-N01951-2022.json", "metric": "value"}
    found = {
        code: compute({**spec, "kpi": "N01951", "municipality": code, "year": "2022"}).value
        for code in ("1814", "1860", "1882", "1861")
    }
    assert found == {"1814": 8756, "1860": 5576, "1882": 11497, "1861": 16290}
    value = compute({**spec, "kpi": "N01951", "municipality": "1814", "year": "2022"})
    assert value.origin.as_dict()["fetched_at"] == "2025-01-20T08:30:00+00:00"
    assert value.rule.endswith("hämtat 2025-01-20. Källa: Kolada")


def test_the_generator_reproduces_the_committed_exports(tmp_path: Path) -> None:
    name = "styra_example_sources_generate"
    spec = importlib.util.spec_from_file_location(name, SOURCES / "generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules[name] = generator  # dataclasses look their module up there
    spec.loader.exec_module(generator)
    generator.main(tmp_path)
    for made in sorted(tmp_path.iterdir()):
        assert made.read_bytes() == (SOURCES / made.name).read_bytes(), made.name
