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


def test_inspect_of_a_missing_file_is_wrong_use_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.se"  # a named file that does not exist: 2 (styra.command)
    assert main(["sie", "inspect", str(missing)]) == 2
    assert f"filen {missing} finns inte" in capsys.readouterr().err


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


# -- issue 10: SIE at its edges ----------------------------------------------------------


def test_inspect_refuses_markdown_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "README.md"
    path.write_text("# Styra\n\nText om Styra.\n\n## Kommandon\n\n    styra check\n")
    assert main(["sie", "inspect", str(path)]) == 1
    out = capsys.readouterr().out
    assert "filen kunde inte läsas in" in out and "är inte en SIE-fil" in out
    assert "SIE 1" not in out and "1 fel, 0 varningar" in out


@pytest.mark.parametrize(
    ("head", "text", "expected"),
    [
        (b"", "Övrigt", "UTF-8, avläst ur innehållet; filen anger ingen teckenkodning"),
        (b"#FORMAT PC8\n", "Övrigt", "UTF-8, avläst ur innehållet; fast filen anger PC8"),
        (b"", "Ovrigt", "bara ASCII-tecken (läses som CP437); filen anger ingen teckenkodning"),
        (b"#FORMAT PC8\n", "Ovrigt", "bara ASCII-tecken (läses som CP437); filen anger PC8"),
    ],
)
def test_inspect_says_what_the_file_declares_and_what_was_detected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], head: bytes, text: str, expected: str
) -> None:
    path = tmp_path / "k.se"
    path.write_bytes(b"#FLAGGA 0\n" + head + f'#KONTO 1930 "{text}"\n'.encode())
    main(["sie", "inspect", str(path)])
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "Teckenkodning" in line]
    assert line.split(":", 1)[1].strip().startswith(expected)


MALFORMED = GOOD.replace(
    b"#VER A 1 20240115", b"#VER A 0 20240110\n#TRANS 5010 {} 5.00\n}\n#VER A 1 20240115"
)
MALFORMED += b'#TRANS 5010 {} 7.00\n#VER A 2 20240120\n"stray"\n{\n#TRANS 5010 {} 1.00\n}\n'


def test_convert_writes_exactly_the_rows_inspect_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "trasig.se", tmp_path / "v.json"
    path.write_bytes(MALFORMED)
    assert main(["sie", "inspect", str(path), "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert main(["sie", "convert", str(path), "--to", "json", "-o", str(out)]) == 1
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert summary["counts"]["transactions"] == len(rows) == 2
    assert summary["outcome_total"] == "0.00"
    assert sorted((r["konto"], r["belopp"]) for r in rows) == [("1930", "-300.00"),
                                                               ("5010", "300.00")]  # fmt: skip
    left_out = [p["line"] for p in summary["problems"] if "lämnas utanför" in p["message"]]
    assert left_out == [13, 14, 21, 22, 25]


def test_balances_under_a_year_that_ends_before_it_starts_are_kept_without_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "bakvand.se", tmp_path / "s.json"
    path.write_bytes(
        GOOD.replace(
            b"#RAR 0 20240101 20241231", b"#RAR 0 20241231 20240101\n#RAR -1 20230101 20231231"
        )
        + b"#RES -1 5010 250.00\n"
    )
    args = ["sie", "convert", str(path), "--table", "balances", "--to", "json", "-o", str(out)]
    assert main(args) == 1
    assert "#RAR slutar före sin början" in capsys.readouterr().err
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    kept = {(r["år"], r["konto"]): (r["från"], r["till"], r["ub"], r["res"]) for r in rows}
    assert kept[(0, "5010")] == (None, None, None, "300.00")
    assert kept[(0, "1930")] == (None, None, "-300.00", None)
    assert kept[(-1, "5010")] == ("2023-01-01", "2023-12-31", None, "250.00")
