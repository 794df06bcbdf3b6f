"""Prognossäkerhet in the annual report: the delår's forecasts beside the year's outcome.

The expected figures are written down by hand from the model report (the outcome) and the
delårsrapport per 2024-08-31 (examples/sydnarke-it-2024/forecast-history.yaml), not taken
from Styra's own sums.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from styra.core.followup import compute
from styra.documents import render
from styra.documents.model import Document, Paragraph, Table
from styra.folder import load
from styra.report.formats import RenderError
from tests.documents.test_html import page_text
from tests.documents.test_model_report_text import docx_text, pdf_text

M = "\u2212"  # the minus sign
G = "\u202f"  # the narrow no-break space between digit groups
S = "\u00a0"  # the no-break space between a figure and its unit
# label: outcome, delår forecast, difference (forecast − outcome), per cent of the outcome
BY_HAND = {
    "LICENSER & SERVICEAVTAL": [f"13{G}065", f"11{G}950", f"{M}1{G}115", f"{M}8,5"],
    "PERSONALKOSTNADER": [f"11{G}352", f"11{G}728", "376", "3,3"],
    "NETTORESULTAT": ["852", f"{M}464", f"{M}1{G}316", f"{M}154,5"],
}


def _accuracy_section(document: Document) -> tuple[str, tuple[Paragraph, ...], Table]:
    [section] = [s for s in document.walk() if s.title == "Prognossäkerhet"]
    *texts, table = section.blocks
    assert isinstance(table, Table) and all(isinstance(t, Paragraph) for t in texts)
    return section.heading, tuple(t for t in texts if isinstance(t, Paragraph)), table


def test_the_section_follows_the_investment_account_in_ekonomi(document: Document) -> None:
    heading, _, _ = _accuracy_section(document)
    assert heading == "1.4.1 Prognossäkerhet"
    assert [s.heading for s in document.walk()][-2:] == ["1.4 Ekonomi", heading]


def test_the_table_has_the_hand_computed_figures(document: Document) -> None:
    _, _, table = _accuracy_section(document)
    assert [c.group for c in table.columns[2:]] == ["Delårsrapport januari–augusti 2024"] * 3
    assert [(c.header, c.unit) for c in table.columns[1:]] == [
        ("UTFALL 2024", "tkr"),
        ("PROGNOS", "tkr"),
        ("AVVIKELSE", "tkr"),
        ("AVVIKELSE", "%"),
    ]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    for label, figures in BY_HAND.items():
        assert rows[label] == figures, label
    assert list(rows)[-1] == "NETTORESULTAT" and "TOTALT INTÄKTER" not in rows


def test_the_text_explains_the_sign_and_the_nets_miss(document: Document) -> None:
    _, texts, _ = _accuracy_section(document)
    said = " ".join(t.text for t in texts)
    assert (
        "Avvikelse = prognos − utfall; positivt betyder att året slutade bättre än prognosen."
        in said
    )
    assert (
        f"Delårsrapport januari–augusti 2024: prognosen för nettoresultatet var {M}464{S}tkr och "
        f"utfallet blev 852{S}tkr, så året slutade 1{G}316{S}tkr sämre än prognosen."
    ) in said


def _row_pattern(label: str) -> str:
    return r"\s+".join(re.escape(x) for x in [label, *BY_HAND[label]])


@pytest.mark.parametrize("label", list(BY_HAND))
def test_the_pdf_docx_and_html_show_the_row(
    label: str, pdf_bytes: bytes, docx_bytes: bytes, html_bytes: bytes
) -> None:
    pattern = _row_pattern(label)
    texts = {
        "pdf": pdf_text(pdf_bytes).split("PROGNOSSÄKERHET")[-1],
        "docx": docx_text(docx_bytes).split("PROGNOSSÄKERHET")[-1],
        "html": page_text(html_bytes.decode()).split("PROGNOSSÄKERHET")[-1],
    }
    for name, text in texts.items():
        assert re.search(pattern, text), (name, label)


def test_the_html_head_groups_the_forecasts_columns(html_bytes: bytes) -> None:
    page = html_bytes.decode()
    assert (
        '<th scope="colgroup" colspan="3" class="group">Delårsrapport januari–augusti 2024</th>'
    ) in page
    assert '<th scope="col" rowspan="2" class="number">UTFALL 2024' in page


def test_an_annual_folder_without_forecast_history_has_no_such_section(example: Path) -> None:
    (example / "forecast-history.yaml").unlink()
    loaded = load(example)
    assert loaded.ok and loaded.input is not None
    followup = compute(loaded.input)
    document = render.document(loaded, followup)
    assert "Prognossäkerhet" not in [s.title for s in document.walk()]
    assert "Prognossäkerhet" not in render.html(loaded, followup).decode()


def test_report_yaml_may_place_the_table_itself(example: Path) -> None:
    report = example / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("content: [introduction]", "content: [introduction, forecast_accuracy]")
    )
    loaded = load(example)
    assert loaded.ok and loaded.input is not None, loaded.problems
    document = render.document(loaded, compute(loaded.input))
    assert "Prognossäkerhet" not in [s.title for s in document.walk()]
    assert isinstance(document.sections[0].children[0].blocks[-1], Table)


def test_naming_the_table_without_forecast_history_is_a_problem(example: Path) -> None:
    (example / "forecast-history.yaml").unlink()
    report = example / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("content: [introduction]", "content: [forecast_accuracy]"))
    loaded = load(example)
    assert loaded.ok and loaded.input is not None
    with pytest.raises(RenderError) as caught:
        render.document(loaded, compute(loaded.input))
    assert "nämner »forecast_accuracy»" in str(caught.value.problems[0])
