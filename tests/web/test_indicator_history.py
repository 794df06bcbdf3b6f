"""An indicator's years: stored from the folder, written back, carried to the next period,
edited by the controller, and shown with the trend by word and symbol and a chart."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from styra.web.followup import models as m
from styra.web.followup.folder_export import export_folder, folder_files
from styra.web.followup.folder_import import import_folder
from styra.web.followup.next_period import open_next
from tests.web.conftest import client_for, indicator, url
from tests.web.test_folder_roundtrip import db_json, report_json

KS = "kommunstyrelsen"


def _ks() -> m.Period:
    return m.Period.objects.get(committee__slug=KS, slug="2024-helar")


def test_the_folders_history_is_stored_and_reaches_the_core(db: Any) -> None:
    ind = indicator(_ks(), "1.1")
    years = [(h.year, h.value) for h in ind.history.all()]
    assert years == [(2021, Decimal(35)), (2022, Decimal(52)), (2023, Decimal(41))]
    data = json.loads(db_json(_ks()))
    found = data["goals"][0]["indicators"][0]
    assert found["trend"]["text"] == "Bättre än 2023"  # 48 against 41, at least 60
    assert data["goals"][0]["council_goals"] == ["KF1"]


def test_export_then_import_keeps_history_and_links(db: Any, tmp_path: Path) -> None:
    export_folder(_ks(), tmp_path / "ks")
    goals = yaml.safe_load(folder_files(_ks())["goals.yaml"])
    assert goals["goals"][0]["council_goals"] == ["KF1"]
    assert goals["goals"][0]["indicators"][0]["history"] == {
        "2021": "35",
        "2022": "52",
        "2023": "41",
    }
    assert report_json(tmp_path / "ks") == db_json(_ks())
    again = import_folder(tmp_path / "ks", _ks().committee, slug="kopia")
    assert again.period is not None, [str(p) for p in again.problems]
    assert db_json(again.period) == db_json(_ks())


def test_a_link_to_a_kf_mal_the_municipality_lacks_refuses_the_import(
    db: Any, tmp_path: Path
) -> None:
    export_folder(_ks(), tmp_path / "ks")
    text = (tmp_path / "ks" / "goals.yaml").read_text(encoding="utf-8")
    (tmp_path / "ks" / "goals.yaml").write_text(text.replace("- KF1", "- KF9"), encoding="utf-8")
    before = m.Period.objects.count()
    result = import_folder(tmp_path / "ks", _ks().committee, slug="trasig")
    assert result.period is None and m.Period.objects.count() == before
    [problem] = [p for p in result.problems if "KF9" in p.message]
    assert problem.source.file == "goals.yaml" and problem.source.line is not None


def test_opening_the_next_period_carries_the_years_and_links(db: Any) -> None:
    opened = open_next(_ks(), None, kind="month", end=date(2024, 3, 31)).period
    ind = indicator(opened, "1.1")
    assert [h.year for h in ind.history.all()] == [2021, 2022, 2023]
    assert [c.key for c in m.Goal.objects.get(period=opened, key="1").council_goals.all()] == [
        "KF1"
    ]


def test_the_history_page_shows_the_trend_by_word_and_symbol_and_a_chart(db: Any) -> None:
    page = client_for("municipal").get(
        url("indicator_history", _ks(), pk=indicator(_ks(), "1.1").pk)
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "▲</span> Bättre än 2023" in html  # word and symbol, not colour alone
    assert '<svg viewBox="0 0 320 160" role="img"' in html
    assert "2021: 35\u00a0st, 2022: 52\u00a0st, 2023: 41\u00a0st, 2024: 48\u00a0st" in html
    assert "▼ sämre" in html  # 2023 against 2022 in the table
    assert "Spara året" not in html  # a reader edits nothing


def test_the_controller_edits_an_earlier_year_and_it_is_audited(period: m.Period) -> None:
    ind = indicator(period, "1.1")
    address = url("indicator_history", period, pk=ind.pk)
    client = client_for("controller")
    assert client.post(address, {"year": "2023", "value": "19,5"}).status_code == 302
    assert [(h.year, h.value) for h in ind.history.all()] == [(2023, Decimal("19.5"))]
    change = m.Change.objects.get(period=period, item_id=ind.pk, field="year:2023")
    assert (change.old, change.new) == ("", "19.5")
    html = client.get(address).content.decode()
    assert "Bättre än 2023" in html  # 18 st against 19,5, at most 15: lower is better
    refused = client.post(address, {"year": "2024", "value": "1"})
    assert refused.status_code == 400 and "före 2024" in refused.content.decode()
    assert client.post(address, {"year": "2023", "value": ""}).status_code == 302
    assert not ind.history.exists()
