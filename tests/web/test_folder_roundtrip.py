"""The folder format into the database and out again gives the same report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from styra.core.followup import compute
from styra.folder import load
from styra.report.data import followup_data
from styra.web.followup import models as m
from styra.web.followup.bridge import build_input
from styra.web.followup.demo import EXAMPLE, IT_SUBFOLDER, MUNICIPALITY_EXAMPLE
from styra.web.followup.folder_export import export_folder
from styra.web.followup.folder_import import import_folder


def report_json(path: Path) -> str:
    loaded = load(path)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    return json.dumps(followup_data(compute(loaded.input)), sort_keys=True, ensure_ascii=False)


def db_json(period: m.Period) -> str:
    return json.dumps(
        followup_data(compute(build_input(period))), sort_keys=True, ensure_ascii=False
    )


def test_the_database_computes_the_same_report_as_the_example_folder(period: m.Period) -> None:
    """The demo's IT committee is the committee example, linked to Lekeberg's KF-mål as
    the municipality example's sub-folder links it."""
    assert db_json(period) == report_json(MUNICIPALITY_EXAMPLE / IT_SUBFOLDER)


def test_the_two_examples_differ_only_by_the_links_to_the_council_goals() -> None:
    def without_links(path: Path) -> str:
        data = json.loads(report_json(path))
        for goal in data["goals"]:
            goal["council_goals"] = []
        return json.dumps(data, sort_keys=True)

    assert without_links(EXAMPLE) == without_links(MUNICIPALITY_EXAMPLE / IT_SUBFOLDER)


def test_export_then_import_gives_the_same_report(period: m.Period, tmp_path: Path) -> None:
    export_folder(period, tmp_path / "out")
    assert report_json(tmp_path / "out") == db_json(period)
    again = import_folder(tmp_path / "out", period.committee, slug="kopia")
    assert again.period is not None, [str(p) for p in again.problems]
    assert db_json(again.period) == db_json(period)


def test_a_broken_folder_imports_nothing(period: Any, tmp_path: Path) -> None:
    export_folder(period, tmp_path / "bad")
    (tmp_path / "bad" / "goals.yaml").write_text("goals: [", encoding="utf-8")
    before = m.Period.objects.count()
    result = import_folder(tmp_path / "bad", period.committee, slug="trasig")
    assert result.period is None
    assert any(p.source.file == "goals.yaml" for p in result.problems)
    assert m.Period.objects.count() == before
