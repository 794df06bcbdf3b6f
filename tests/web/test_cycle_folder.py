"""The year cycle through the folder format: an interim period in and out of the database."""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from pathlib import Path

import yaml

from styra.core.cycle.interim import Interim
from styra.folder import load
from styra.report.data import interim_data
from styra.web.followup import models as m
from styra.web.followup.folder_export import export_folder, folder_files
from styra.web.followup.folder_import import import_folder, tkr_text
from tests.web.conftest import DELAR
from tests.web.test_folder_roundtrip import db_json, report_json


def interim_json(path: Path) -> str:
    loaded = load(path)
    assert loaded.ok, [str(p) for p in loaded.problems if p.severity.value == "error"]
    interim = loaded.extras["interim"]
    assert isinstance(interim, Interim)
    data = interim_data(interim, {})
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def test_an_interim_folder_imports_with_its_kind_end_and_forecasts(delar: m.Period) -> None:
    assert (delar.slug, delar.kind, delar.end.isoformat()) == (
        "2024-delar-0831",
        "interim",
        "2024-08-31",
    )
    line = m.ReportLine.objects.get(period=delar, key="driftbidrag")
    assert line.forecast.method is None
    assert line.forecast.amount == Decimal("-43752000")
    assert "kvartalsbidrag" in line.forecast.comment
    assert m.ReportLine.objects.get(period=delar, key="avgifter").forecast.method == "run_rate"
    assert m.Forecast.objects.filter(period=delar, project__isnull=False).count() == 5
    nki = m.IndicatorForecast.objects.get(indicator__goal__period=delar, indicator__key="1.4")
    assert (nki.forecast_status, nki.forecast_value) == ("not_achieved", None)


def test_the_database_computes_the_interim_outcome_to_date_as_the_folder(delar: m.Period) -> None:
    assert db_json(delar) == report_json(DELAR)


def test_export_then_import_keeps_the_interim_report(delar: m.Period, tmp_path: Path) -> None:
    export_folder(delar, tmp_path / "out")
    exported = yaml.safe_load((tmp_path / "out" / "forecast.yaml").read_text(encoding="utf-8"))
    assert {
        "line": "driftbidrag",
        "amount": "-43752",
        "comment": exported["operating"][1]["comment"],
    } == exported["operating"][1]
    committee = yaml.safe_load((tmp_path / "out" / "committee.yaml").read_text(encoding="utf-8"))
    assert committee["period"]["kind"] == "interim"
    assert committee["period"]["end"] == "2024-08-31"
    assert interim_json(tmp_path / "out") == interim_json(DELAR)
    again = import_folder(tmp_path / "out", delar.committee, slug="kopia")
    assert again.period is not None, [str(p) for p in again.problems]
    assert db_json(again.period) == db_json(delar)


def test_a_month_period_round_trips_its_kind_and_end(delar: m.Period, tmp_path: Path) -> None:
    export_folder(delar, tmp_path / "out")
    path = tmp_path / "out" / "committee.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("kind: interim", "kind: month")
        .replace("2024-08-31", "2024-09-30"),
        encoding="utf-8",
    )
    month = import_folder(tmp_path / "out", delar.committee)
    assert month.period is not None, [str(p) for p in month.problems]
    assert (month.period.slug, month.period.kind) == ("2024-manad-0930", "month")
    files = folder_files(month.period)
    period = yaml.safe_load(files["committee.yaml"])["period"]
    assert (period["kind"], period["end"]) == ("month", "2024-09-30")


def test_the_history_holds_the_earlier_forecasts_exactly(delar: m.Period, tmp_path: Path) -> None:
    odd = m.Forecast.objects.get(period=delar, line__key="avgifter")
    odd.amount = Decimal("-109771.14")
    odd.save()
    annual = m.Period.objects.get(committee=delar.committee, slug="2024-helar")
    history = yaml.safe_load(folder_files(annual)["forecast-history.yaml"])
    (entry,) = history["forecasts"]
    assert entry["end"] == "2024-08-31"
    assert entry["name"] == "Delårsrapport januari–augusti 2024"
    assert entry["operating"][0] == {"line": "avgifter", "amount": "-109.77114"}
    assert entry["operating"][1]["amount"] == "-43752"
    assert {
        "project": "9101",
        "amount": tkr_text(m.Forecast.objects.get(period=delar, project__object_id="9101").amount),
    } in entry["investment"]  # type: ignore[arg-type]
    assert "forecast-history.yaml" not in folder_files(delar)  # nothing earlier than the delår


def test_an_imported_history_is_written_back(delar: m.Period, tmp_path: Path) -> None:
    annual = m.Period.objects.get(committee=delar.committee, slug="2024-helar")
    export_folder(annual, tmp_path / "out")
    first = (tmp_path / "out" / "forecast-history.yaml").read_bytes()
    elsewhere = m.Committee.objects.create(
        name="Kopia", slug="kopia", municipality=delar.committee.municipality
    )
    again = import_folder(tmp_path / "out", elsewhere)
    assert again.period is not None, [str(p) for p in again.problems]
    assert folder_files(again.period)["forecast-history.yaml"] == first


def test_tkr_text_is_exact() -> None:
    assert tkr_text(Decimal("-109771.14")) == "-109.77114"
    assert tkr_text(Decimal("43752000")) == "43752"
    assert tkr_text(Decimal("0")) == "0"
    assert tkr_text(Decimal("500")) == "0.5"


def test_the_migration_fills_in_the_months_of_earlier_imports(period: m.Period) -> None:
    from django.apps import apps

    migration = importlib.import_module(
        "styra.web.followup.migrations.0007_monthly_amounts_of_earlier_imports"
    )
    kept = sorted(
        m.MonthlyAmount.objects.filter(ledger_id=period.ledger_id).values_list(
            "measure", "account", "dimension", "object_id", "month", "amount"
        )
    )
    assert kept
    m.MonthlyAmount.objects.filter(ledger_id=period.ledger_id).delete()
    migration.fill_in(apps, None)
    again = m.MonthlyAmount.objects.filter(ledger_id=period.ledger_id)
    rows = again.values_list("measure", "account", "dimension", "object_id", "month", "amount")
    assert sorted(rows) == kept
