"""The management commands that move a period between the folder format and the database."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from styra.web.followup import models as m


def test_export_then_import_by_command(period: m.Period, tmp_path: Path) -> None:
    call_command("export_folder", "sydnarkes-it", "2024-helar", str(tmp_path / "ut"))
    assert (tmp_path / "ut" / "goals.yaml").is_file()
    out = StringIO()
    call_command(
        "import_folder", str(tmp_path / "ut"), committee="sydnarkes-it", slug="igen", stdout=out
    )
    assert "Inläst" in out.getvalue()
    assert m.Period.objects.filter(committee=period.committee, slug="igen").exists()


def test_importing_into_an_unknown_committee_fails_clearly(tmp_path: Path, db: object) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_folder", str(tmp_path), committee="ingen")
