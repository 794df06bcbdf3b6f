from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from styra.sources import Period, compute_indicator_value, parse_indicator_source
from styra.sources.table import guess_delimiter, parse_csv_text, read_table


def test_it_numbers_rows_by_their_first_line_even_after_a_multi_line_cell() -> None:
    text = 'id,note\nA,"two\nlines"\nB,plain\n\nC,after a blank line\n'
    table = parse_csv_text(text, "a.csv")
    assert [(r.line, r.cells[0]) for r in table.rows] == [(2, "A"), (4, "B"), (6, "C")]


def test_it_guesses_the_delimiter_from_the_header() -> None:
    assert guess_delimiter("id;type;opened") == ";"
    assert guess_delimiter("id,type,opened") == ","
    assert guess_delimiter("id\ttype") == "\t"


def test_it_reads_a_utf8_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffÄrende;Typ\n1;Incident\n".encode())
    table, problems = read_table(path, "a.csv")
    assert problems == []
    assert table is not None and table.header == ("Ärende", "Typ")


def _workbook(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ärenden"
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_it_computes_from_an_xlsx_export_with_typed_date_cells(tmp_path: Path) -> None:
    _workbook(
        tmp_path / "a.xlsx",
        [
            ["Ärendenummer", "Ärendetyp", "Registrerad", "Löst"],
            ["I1", "Incident", datetime(2024, 3, 1, 8), datetime(2024, 3, 11, 8)],
            ["I2", "Incident", "2024-03-01 08:00", datetime(2024, 3, 5, 8)],
            [None, None, None, None],
            ["I3", "Incident", datetime(2024, 12, 1, 8), None],
        ],
    )
    mapping = {
        "columns": {
            "id": "Ärendenummer",
            "type": "Ärendetyp",
            "opened": "Registrerad",
            "resolved": "Löst",
        },
        "values": {"incident": "Incident"},
        "sheet": "Ärenden",
    }
    spec = {"kind": "ticket_export", "file": "a.xlsx", "mapping": mapping, "type": "incident"}
    source, problems = parse_indicator_source({**spec, "metric": "average_handling_time"})
    assert source is not None, problems
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert problems == []
    assert value is not None and value.value == 7
    assert [r.line for r in value.rows] == [2, 3]


def test_it_points_at_the_xlsx_row_of_a_bad_cell(tmp_path: Path) -> None:
    _workbook(
        tmp_path / "a.xlsx",
        [
            ["id", "type", "opened", "resolved"],
            ["I1", "incident", "första mars", datetime(2024, 3, 11, 8)],
        ],
    )
    source, _ = parse_indicator_source(
        {
            "kind": "ticket_export",
            "file": "a.xlsx",
            "metric": "open_at_period_end",
            "type": "incident",
        }
    )
    assert source is not None
    value, problems = compute_indicator_value(source, tmp_path, Period.year(2024))
    assert value is None
    assert (problems[0].source.file, problems[0].source.line, problems[0].source.column) == (
        "a.xlsx",
        2,
        "opened",
    )


def test_it_reports_a_missing_sheet(tmp_path: Path) -> None:
    _workbook(tmp_path / "a.xlsx", [["id"]])
    table, problems = read_table(tmp_path / "a.xlsx", "a.xlsx", sheet="Saknas")
    assert table is None
    assert problems[0].message == "Bladet »Saknas» finns inte i »a.xlsx»"
