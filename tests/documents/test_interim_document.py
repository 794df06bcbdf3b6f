"""The interim report (delårsrapport per 2024-08-31) as PDF, HTML and DOCX from the command
line: the period, a line's figures to date and its forecast, and goals judged by forecast.

The figures are computed here from the SIE rows, independently of Styra's own sums."""

from __future__ import annotations

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from styra.cli import main
from styra.core.followup import PeriodKind, compute
from styra.core.money import format_number
from styra.documents import render
from styra.documents.annual import build_annual_report
from styra.documents.model import Table
from styra.documents.spec import DEFAULT_SECTIONS, ReportSpec
from styra.folder import load
from tests.documents.test_model_report_text import docx_text, pdf_text
from tests.folder.test_interim import FORECAST, budget_to_date, to_date

PERIOD = "januari–augusti 2024"
DELAR = Path(__file__).resolve().parents[2] / "examples" / "sydnarke-it-2024-delar"


def tkr(kronor: Decimal) -> str:
    """Whole tkr, half away from zero, in Swedish typography (U+202F, U+2212)."""
    return format_number((kronor / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.fixture
def interim(example: Path) -> Path:
    committee = example / "committee.yaml"
    text = committee.read_text()
    assert "  kind: annual" in text and "  end: 2024-12-31" in text
    text = text.replace("  kind: annual", "  kind: interim")
    committee.write_text(text.replace("  end: 2024-12-31", "  end: 2024-08-31"))
    (example / "forecast.yaml").write_text(FORECAST)
    return example


def personnel(folder: Path) -> list[str]:
    """PERSONALKOSTNADER's six figures, as the table prints them (forecast: run rate)."""
    outcome = to_date(folder / "ledger.se", "5000", "5999")
    budget, annual = budget_to_date(folder / "budget.se", "5000", "5999")
    forecast = (outcome * 12 / 8).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return [
        tkr(v) for v in (budget, outcome, budget - outcome, annual, forecast, annual - forecast)
    ]


def report(folder: Path, fmt: str) -> bytes:
    output = folder.parent / f"d.{fmt}"
    assert main(["report", str(folder), "--format", fmt, "--output", str(output)]) == 0
    return output.read_bytes()


def test_the_pdf_shows_the_period_a_lines_figures_to_date_and_its_forecast(
    interim: Path,
) -> None:
    text = pdf_text(report(interim, "pdf"))
    assert PERIOD in text
    assert "Delårsrapport" in text.split(PERIOD)[0]  # the front page's title
    figures = personnel(interim)
    assert "PERSONALKOSTNADER " + " ".join(figures) in text
    assert any("\u202f" in f for f in figures)  # grouped by the one formatter
    heads = " ".join(text.split())
    assert "PROGNOS 2024" in heads and "BUDGET 2024" in heads


def test_the_pdf_judges_the_goals_by_forecast(interim: Path) -> None:
    text = " ".join(pdf_text(report(interim, "pdf")).split())
    assert "Bedömning enligt prognos" in text
    assert "Alla indikatorer prognostiserade uppnådda = Nämndmål uppnås." in text
    # 2.1 has a forecast status with its reason; 1.4 (NKI) a forecast value over its target
    # the status shapes are drawn beside the word, not text (see test_pdf_structure.py)
    assert "Uppnås delvis Prognostiserad bedömning: Planerna beslutas i oktober." in text
    assert re.search(r"Nöjd Kund Index \(NKI\) 7,6 7,5 Uppnås", text)


def test_the_pdf_shows_a_typed_forecast_with_its_comment_and_a_missing_one_as_a_dash(
    interim: Path,
) -> None:
    text = pdf_text(report(interim, "pdf"))
    assert "inmatad prognos M365-licenserna ökar i höst." in " ".join(text.split())
    line = text.split("LICENSER & SERVICEAVTAL ")[1].splitlines()[0]
    row = line.split(" ")  # to date, then the annual budget, the forecast and the difference
    annual = Decimal(row[3].replace("\u202f", "").replace("\u2212", "-"))
    assert row[4:] == ["9\u202f000", format_number(annual - 9000)]  # typed in whole tkr
    assert "NETTORESULTAT" in text and "Helårsprognos saknas för 8 rader" in " ".join(text.split())


def test_the_html_shows_the_period_and_a_lines_figures(interim: Path) -> None:
    page = report(interim, "html").decode()
    assert PERIOD in page
    cells = re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", page.split("PERSONALKOSTNADER")[1])
    assert cells[:6] == personnel(interim)


def test_the_docx_shows_the_period_and_a_lines_figures(interim: Path) -> None:
    text = docx_text(report(interim, "docx"))
    assert PERIOD in text
    assert "PERSONALKOSTNADER\n" + "\n".join(personnel(interim)) in text


def test_the_annual_report_of_a_month_folder_has_a_title(example: Path) -> None:
    committee = example / "committee.yaml"
    text = committee.read_text().replace("  kind: annual", "  kind: month")
    committee.write_text(text.replace("  end: 2024-12-31", "  end: 2024-05-31"))
    (example / "forecast-history.yaml").unlink()  # its delår forecast is after May
    loaded = load(example)
    assert loaded.ok and loaded.input is not None, loaded.problems
    assert loaded.input.period.kind is PeriodKind.MONTH
    followup = compute(loaded.input)
    built = build_annual_report(followup, ReportSpec(DEFAULT_SECTIONS))
    assert built.document.title == "Månadsuppföljning Sydnärkes IT-nämnd 2024"
    document = render.document(loaded, followup)  # the one-page månadsuppföljning
    assert document.title == "Månadsuppföljning maj 2024, Sydnärkes IT-nämnd"
    assert document.cover.title == "Månadsuppföljning maj 2024" and document.compact


TERTIAL = """
forecasts:
  - end: 2024-04-30
    name: Tertialrapport januari–april 2024
    operating:
      - {line: licenser, amount: 11000, comment: Licenserna enligt avtal.}
      - {line: personal, amount: 11728.15047}
"""


def test_a_delar_with_an_earlier_forecast_shows_the_change_per_line(tmp_path: Path) -> None:
    """By hand: T1's 11 000 tkr for licences against the delår's 11 950,03431 (the delår's
    forecast as examples/sydnarke-it-2024/forecast-history.yaml keeps it): −950."""
    folder = tmp_path / "delar"
    shutil.copytree(DELAR, folder)
    (folder / "forecast-history.yaml").write_text(TERTIAL)
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, loaded.problems
    document = render.document(loaded, compute(loaded.input))
    [table] = [
        b
        for s in document.walk()
        for b in s.blocks
        if isinstance(b, Table) and b.title.startswith("Prognosförändring")
    ]
    assert table.title == "Prognosförändring sedan Tertialrapport januari–april 2024"
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert rows["LICENSER & SERVICEAVTAL"] == [
        "11\u202f000",
        "11\u202f950",
        "\u2212950",
        "Prognosmetod: utfall plus återstående budget.",
    ]
    assert rows["PERSONALKOSTNADER"][2] == "0"
    assert "NETTORESULTAT" not in rows  # T1 did not forecast every line
    text = pdf_text(render.pdf(loaded, compute(loaded.input)))
    assert "Prognosförändring sedan Tertialrapport januari–april 2024" in " ".join(text.split())


def test_the_delar_example_without_history_shows_no_change_table() -> None:
    loaded = load(DELAR)
    assert loaded.ok and loaded.input is not None
    document = render.document(loaded, compute(loaded.input))
    titles = [b.title for s in document.walk() for b in s.blocks if isinstance(b, Table)]
    assert not any(t.startswith("Prognosförändring") for t in titles)
