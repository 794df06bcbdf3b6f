"""The month example (examples/sydnarke-it-2024-09): the annual example's ledger, budget and
exports followed up to 2024-09-30, with the controller's October forecasts and the delår's
forecast as the previous one; its report is the one-page månadsuppföljning."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from styra.cli import main
from styra.core.followup import compute
from styra.core.money import format_number
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import EXAMPLE, ROOT
from tests.folder.test_delar_example import COPIED

MONTH = ROOT / "examples" / "sydnarke-it-2024-09"
A4 = (595, 842)  # points, rounded


@pytest.fixture(scope="module")
def interim() -> dict:
    loaded = load(MONTH)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.input is not None
    data = followup_data(compute(loaded.input), loaded.extras)
    return json.loads(json.dumps(data))["interim"]


def history(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "forecast-history.yaml").read_text())["forecasts"]


def typed(line: str) -> Decimal:
    """The amount forecast.yaml types for a line, in tkr, as written."""
    text = (MONTH / "forecast.yaml").read_text()
    entry = next(e for e in yaml.safe_load(text)["operating"] if e["line"] == line)
    return Decimal(str(entry["amount"]))


def delar(line: str) -> Decimal:
    """The delår's forecast of a line in forecast-history.yaml, in tkr, as written there."""
    entry = next(e for e in history(MONTH)[0]["operating"] if e["line"] == line)
    return Decimal(str(entry["amount"]))


def whole(tkr: Decimal) -> str:
    return format_number(tkr.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("name", COPIED)
def test_the_ledger_budget_and_exports_are_the_annual_examples_byte_for_byte(name: str) -> None:
    assert (MONTH / name).read_bytes() == (EXAMPLE / name).read_bytes()


def test_the_previous_forecast_is_the_delar_as_the_annual_example_keeps_it() -> None:
    assert history(MONTH) == history(EXAMPLE)


def test_styra_check_passes_without_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MONTH)]) == 0
    printed = capsys.readouterr()
    assert "(0 varningar)" in printed.out + printed.err


def test_the_period_is_january_to_september(interim: dict) -> None:
    assert (interim["kind"], interim["text"]) == ("month", "januari–september 2024")
    assert (interim["months"], interim["end"]) == (9, "2024-09-30")


@pytest.mark.parametrize("line", ["licenser", "tjanstekop"])
def test_a_typed_forecasts_change_is_the_delars_minus_octobers(interim: dict, line: str) -> None:
    """By hand: the delår's amount in forecast-history.yaml minus the typed one."""
    label = {"licenser": "LICENSER & SERVICEAVTAL", "tjanstekop": "ÖVRIGT TJÄNSTEKÖP"}[line]
    [row] = [r for r in interim["forecast_changes"]["rows"] if r["label"] == label]
    change = delar(line) - typed(line)
    assert Decimal(row["kronor"]["change"]) == change * 1000
    assert row["reason"]  # the comment that explains the move


def _report(tmp_path: Path, fmt: str) -> bytes:
    output = tmp_path / f"m.{fmt}"
    assert main(["report", str(MONTH), "--format", fmt, "--output", str(output)]) == 0
    return output.read_bytes()


def test_the_pdf_is_one_a4_page_with_the_changes_by_hand(tmp_path: Path) -> None:
    reader = PdfReader(BytesIO(_report(tmp_path, "pdf")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Månadsuppföljning september 2024" in text
    for line, label in (
        ("licenser", "LICENSER & SERVICEAVTAL"),
        ("tjanstekop", "ÖVRIGT TJÄNSTEKÖP"),
    ):
        figures = [whole(delar(line)), whole(typed(line)), whole(delar(line) - typed(line))]
        row = " ".join(f"{label} {' '.join(figures)}".split())  # as the text is split
        assert row in text, label
    assert "Förändring sedan Delårsrapport januari–augusti 2024" in text


def test_the_example_is_listed_in_the_readme() -> None:
    assert "examples/sydnarke-it-2024-09/" in (ROOT / "README.md").read_text()
