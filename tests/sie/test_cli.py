"""``styra sie inspect`` and ``styra sie convert`` as a controller runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from styra.cli import main

GOOD = b"""#FLAGGA 0
#PROGRAM "Test" 1.0
#FORMAT PC8
#GEN 20250101
#SIETYP 4
#FNAMN "Testkommunen"
#ORGNR 212000-0000
#RAR 0 20240101 20241231
#KONTO 1930 "Bank"
#KONTO 5010 "Lokalhyra"
#UB 0 1930 -300.00
#RES 0 5010 300.00
#VER A 1 20240115 "Hyra"
{
#TRANS 5010 {} 300.00
#TRANS 1930 {} -300.00
}
"""


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "bok.se"
    path.write_bytes(GOOD)
    return path


def test_inspect_shows_what_a_controller_wants_first(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sie", "inspect", str(good)]) == 0
    out = capsys.readouterr().out
    expected = [
        "Testkommunen (212000-0000)", "SIE 4E", "CP437", "2024-01-01 – 2024-12-31",
        "1 verifikationer", "IB + verifikationer = UB", "0 fel, 0 varningar",
    ]  # fmt: skip
    for text in expected:
        assert text in out


def test_inspect_groups_counts_with_a_narrow_no_break_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    voucher = b"#VER A %d 20240115\n{\n#TRANS 5010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n"
    body = b"".join(voucher % n for n in range(1, 1001))
    head = GOOD.split(b"#UB 0")[0]
    path = tmp_path / "stor.se"
    path.write_bytes(head + b"#UB 0 1930 -1000.00\n#RES 0 5010 1000.00\n" + body)
    assert main(["sie", "inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1\u202f000 verifikationer, 2\u202f000 rader" in out
    assert "\u00a0" not in out


def test_inspect_json_is_for_machines(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sie", "inspect", str(good), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["transactions"] == 2 and data["errors"] == 0
    assert data["reconciliation"] == {"checked": True, "accounts": 2, "mismatches": 0}


def test_inspect_exits_1_on_errors_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fel.se"
    path.write_bytes(GOOD.replace(b"-300.00\n}", b"-299.00\n}"))
    assert main(["sie", "inspect", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:13: fel: verifikation A 1 är inte balanserad" in out


def test_inspect_of_a_missing_file_exits_1_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sie", "inspect", str(tmp_path / "saknas.se")]) == 1
    assert "filen finns inte" in capsys.readouterr().out


def test_convert_vouchers_to_csv(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.csv"
    assert main(["sie", "convert", str(good), "--to", "csv", "--output", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:8] == ["serie", "nummer", "datum", "verifikationstext", "konto",
                           "kontonamn", "objekt", "belopp"]  # fmt: skip
    assert rows[1][:8] == ["A", "1", "2024-01-15", "Hyra", "5010", "Lokalhyra", "", "300,00"]


def test_convert_balances_to_xlsx_and_json(good: Path, tmp_path: Path) -> None:
    xlsx, js = tmp_path / "s.xlsx", tmp_path / "s.json"
    args = ["sie", "convert", str(good), "--table", "balances", "--to"]
    assert main([*args, "xlsx", "-o", str(xlsx)]) == 0
    assert main([*args, "json", "-o", str(js)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet["A1"].value == "konto"
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["table"] == "balances"
    assert {row["konto"]: row["utfall"] for row in data["rows"]} == {"1930": "-300.00",
                                                                      "5010": "300.00"}  # fmt: skip


def test_convert_of_a_refused_file_writes_nothing(tmp_path: Path) -> None:
    path, out = tmp_path / "trasig.se", tmp_path / "ut.csv"
    path.write_bytes(b"#FLAGGA 0\n#KSUMMA\n#FNAMN x\n")
    assert main(["sie", "convert", str(path), "--to", "csv", "-o", str(out)]) == 1
    assert not out.exists()
