"""``styra sie inspect`` and ``styra sie convert`` on SIE 5 files, beside the same ledger
written as SIE 4."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from styra import sie
from styra.cli import main
from styra.sie.writer import write
from tests.sie.test_sie5 import FIXTURES, LEDGER


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    """The inline ledger as SIE 5 and, through the writer, as SIE 4."""
    sie5 = tmp_path / "bok.sie"
    sie5.write_bytes(LEDGER.encode())
    doc = sie.read(sie5).document
    assert doc is not None
    sie4 = tmp_path / "bok.se"
    sie4.write_bytes(write(doc, doc.vouchers()))
    return sie5, sie4


def inspect_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code = main(["sie", "inspect", str(path), "--json"])
    summary: dict[str, object] = json.loads(capsys.readouterr().out)
    summary["exit"] = code
    return summary


def test_inspect_json_tells_the_same_figures_as_for_sie4(
    both: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    five, four = (inspect_json(path, capsys) for path in both)
    assert (five["exit"], five["file_type"], five["encoding"]) == (0, "5", "utf-8")
    assert (four["exit"], four["file_type"]) == (0, "4E")
    assert five["problems"] == [] and five["refused"] is False
    same = (
        "company", "org_number", "years", "counts", "voucher_months", "budget_accounts",
        "outcome_total", "budget_total", "reconciliation",
    )  # fmt: skip
    for key in same:
        assert five[key] == four[key], key
    assert five["reconciliation"] == {"checked": True, "accounts": 4, "mismatches": 0}


def test_inspect_reads_sie_gruppens_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sie", "inspect", str(FIXTURES / "Sample.sie")]) == 0
    out = capsys.readouterr().out
    for text in (
        "Övningsbolaget AB (555555-5555)", "SIE 5: XML, fullständig export (Sie)",
        "UTF-8, som SIE 5 föreskriver", "91 verifikationer, 343 rader",
        "0 fel, 0 varningar",
    ):  # fmt: skip
        assert text in out
    assert "KSUMMA" not in out


def test_inspect_of_broken_xml_exits_1_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "trasig.sie"
    path.write_bytes(LEDGER.replace("</Journal>", "").encode())
    assert main(["sie", "inspect", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:68: fel: filen är inte välformad XML" in out


def test_convert_to_xlsx_writes_the_same_rows_as_from_sie4(
    both: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheets = []
    for path in both:
        output = tmp_path / (path.suffix[1:] + ".xlsx")
        assert main(["sie", "convert", str(path), "--to", "xlsx", "--output", str(output)]) == 0
        assert "Skrev 4 verifikationsrader" in capsys.readouterr().out
        rows = list(load_workbook(output, read_only=True).worksheets[0].values)
        sheets.append(rows)
    five, four = sheets
    header = five[0]
    assert header == four[0]
    # Everything but the line in the file, which differs between the formats.
    strip = header.index("rad")
    assert [r[:strip] for r in five[1:]] == [r[:strip] for r in four[1:]]
    assert sum(Decimal(str(r[header.index("belopp")])) for r in five[1:]) == 0


def test_convert_balances_of_the_sample_to_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "saldon.xlsx"
    args = ["sie", "convert", str(FIXTURES / "Sample.sie"), "--to", "xlsx"]
    assert main([*args, "--output", str(output), "--table", "balances"]) == 0
    rows = list(load_workbook(output, read_only=True).worksheets[0].values)
    header = rows[0]
    bank = next(r for r in rows if r[0] == "1940" and r[header.index("år")] == 0)
    assert bank[header.index("ib")] == 387000 and bank[header.index("ub")] == 604582.78
    assert bank[header.index("utfall")] == 217582.78
