"""The files behind computed values: kept at import, written back at export, byte for byte."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from styra.folder import load
from styra.web.followup import models as m
from styra.web.followup.demo import EXAMPLE
from styra.web.followup.folder_export import export_folder, export_zip
from styra.web.followup.folder_import import import_folder
from tests.web.conftest import client_for, indicator, result_form, url

KEPT = [
    "sources/arenden-2024.csv",
    "sources/arenden-mappning.yaml",
    "sources/kolada-N01951-2022.json",
    "sources/overvakning-2024.csv",
    "sources/overvakning-mappning.yaml",
    "sources/samtal-2024.csv",
    "sources/samtal-mappning.yaml",
]


def folder(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def indicators(path: Path) -> dict[str, dict[str, Any]]:
    goals = yaml.safe_load((path / "goals.yaml").read_text(encoding="utf-8"))["goals"]
    return {i["id"]: i for g in goals for i in g["indicators"]}


def lineage(period: m.Period) -> dict[str, Any]:
    return {i.key: i.lineage for i in m.Indicator.objects.filter(goal__period=period)}


def test_import_keeps_every_file_a_source_names(period: m.Period) -> None:
    kept = list(period.source_files.all())
    assert [f.path for f in kept] == KEPT
    for f in kept:
        assert bytes(f.content) == (EXAMPLE / f.path).read_bytes()
    assert period.sharing_key.kolada == {
        "file": "sources/kolada-N01951-2022.json",
        "kpi": "N01951",
        "year": "2022",
    }


def test_export_writes_sources_back_and_names_them(period: m.Period, tmp_path: Path) -> None:
    export_folder(period, tmp_path / "ut")
    for name in KEPT:
        assert (tmp_path / "ut" / name).read_bytes() == (EXAMPLE / name).read_bytes()
    written = indicators(tmp_path / "ut")
    assert written["1.1"]["source"] == indicators(EXAMPLE)["1.1"]["source"]
    assert "value" not in written["1.1"]
    assert written["2.1"]["value"] == "2" and "source" not in written["2.1"]
    assert written["2.4"]["source"] == {"kind": "ledger", "metric": "net_result_tkr"}
    committee = yaml.safe_load((tmp_path / "ut" / "committee.yaml").read_text(encoding="utf-8"))
    assert committee["sharing"]["kolada"]["file"] == "sources/kolada-N01951-2022.json"
    with zipfile.ZipFile(io.BytesIO(export_zip(period))) as archive:
        assert archive.read("sources/samtal-2024.csv") == (EXAMPLE / KEPT[5]).read_bytes()


def test_lineage_survives_export_import_export(period: m.Period, tmp_path: Path) -> None:
    export_folder(period, tmp_path / "a")
    again = import_folder(tmp_path / "a", period.committee, slug="kopia")
    assert again.period is not None, [str(p) for p in again.problems]
    assert lineage(again.period) == lineage(period)
    assert lineage(again.period)["1.5"]["value"] == "111"
    assert lineage(again.period)["1.5"]["source"]["path"] == "sources/arenden-2024.csv"
    export_folder(again.period, tmp_path / "c")
    assert folder(tmp_path / "c") == folder(tmp_path / "a")


def test_a_value_entered_by_hand_is_exported_as_the_value(period: m.Period, tmp_path: Path) -> None:
    ind = indicator(period, "1.5")
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "95"))
    assert response.status_code == 302
    export_folder(period, tmp_path / "ut")
    written = indicators(tmp_path / "ut")
    assert written["1.5"]["value"] == "95" and "source" not in written["1.5"]
    assert "source" in written["1.6"]  # the same export still gives 1.6 its value
    loaded = load(tmp_path / "ut")
    assert loaded.ok, [str(p) for p in loaded.problems]


def test_a_weight_changed_after_import_drops_the_kolada_reference(
    period: m.Period, tmp_path: Path
) -> None:
    weight = period.sharing_key.weights.first()
    assert weight is not None
    weight.weight = Decimal("9000")
    weight.save()
    export_folder(period, tmp_path / "ut")
    committee = yaml.safe_load((tmp_path / "ut" / "committee.yaml").read_text(encoding="utf-8"))
    assert "kolada" not in committee["sharing"]
    assert committee["sharing"]["members"][0]["weight"] == "9000"
    loaded = load(tmp_path / "ut")
    assert loaded.ok, [str(p) for p in loaded.problems]
