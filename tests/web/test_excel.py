"""Excel round-trip: download the sheet, fill it in, upload it; every row is checked."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styra.web.followup import models as m
from tests.web.conftest import HAND_REASON, client_for, indicator, url

REASON = 9  # the column "Motivering till handinmatat värde"


def sheet(period: m.Period) -> Any:
    content = client_for("owner").get(url("excel_download", period)).content
    return load_workbook(io.BytesIO(content))


def upload(period: m.Period, book: Any, persona: str = "owner") -> Any:
    out = io.BytesIO()
    book.save(out)
    data = {"file": SimpleUploadedFile("ifyllt.xlsx", out.getvalue())}
    return client_for(persona).post(url("excel_upload", period), data)


def row_of(book: Any, key: str) -> int:
    ws = book["Indikatorer"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == key)


def test_a_filled_in_sheet_saves_the_values(period: m.Period) -> None:
    book = sheet(period)
    ws = book["Indikatorer"]
    ws.cell(row_of(book, "1.4"), 6).value = 7.9
    ws.cell(row_of(book, "1.5"), 6).value = "95"
    ws.cell(row_of(book, "1.5"), 7).value = "Backloggen minskade under hösten."
    ws.cell(row_of(book, "1.5"), REASON).value = HAND_REASON  # computed from the ticket export
    response = upload(period, book)
    assert response.status_code == 302
    assert str(indicator(period, "1.4").result.value) == "7.9"
    result = indicator(period, "1.5").result
    assert (result.value, result.analysis) == (95, "Backloggen minskade under hösten.")
    assert result.value_justification == HAND_REASON
    fields = m.Change.objects.filter(period=period, item_kind="result").values_list("field")
    assert sorted(f for (f,) in fields) == sorted(
        ["value", "value", "value_justification", "analysis"]
    )


def test_every_bad_row_is_reported_and_nothing_is_saved(period: m.Period) -> None:
    book = sheet(period)
    ws = book["Indikatorer"]
    ws.cell(row_of(book, "1.4"), 6).value = "mycket"
    ws.cell(row_of(book, "2.1"), 6).value = 3  # not the owner's indicator
    ws.cell(row_of(book, "1.5"), 6).value = 80  # a good row, not saved either
    ws.append(["9.9", "", "", "", "", 1, "", 1])
    response = upload(period, book)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"ifyllt.xlsx:{row_of(book, '1.4')}:F</span>: »mycket» är inte ett tal" in page
    assert "du får inte ändra indikatorn 2.1" in page
    assert "okänd indikator »9.9»" in page
    assert indicator(period, "1.5").result.value == 111


def test_a_row_changed_since_the_download_is_a_conflict(period: m.Period) -> None:
    book = sheet(period)
    ind = indicator(period, "1.6")
    client_for("controller").post(
        url("indicator", period, pk=ind.pk),
        {"value": "150", "value_justification": HAND_REASON, "version": "1"},
    )
    book["Indikatorer"].cell(row_of(book, "1.6"), 6).value = 140
    book["Indikatorer"].cell(row_of(book, "1.6"), REASON).value = HAND_REASON
    response = upload(period, book)
    assert response.status_code == 400
    assert "1.6 har ändrats av någon annan" in response.content.decode()
    assert indicator(period, "1.6").result.value == 150


def test_a_file_that_is_not_a_workbook_is_refused(period: m.Period) -> None:
    data = {"file": SimpleUploadedFile("blad.xlsx", b"%PDF-1.4 nope")}
    response = client_for("owner").post(url("excel_upload", period), data)
    assert response.status_code == 400
    assert "är en PDF-fil" in response.content.decode()


def test_a_percentage_cell_is_saved_as_per_cent_for_a_percent_indicator(period: m.Period) -> None:
    assert indicator(period, "1.2").unit == "%"
    book = sheet(period)
    cell = book["Indikatorer"].cell(row_of(book, "1.2"), 6)
    cell.value = 0.7225  # what Excel stores for "72,25 %"
    cell.number_format = "0.00%"
    response = upload(period, book)
    assert response.status_code == 302
    assert str(indicator(period, "1.2").result.value) == "72.25"


def test_a_percentage_cell_for_an_indicator_not_in_per_cent_is_refused(period: m.Period) -> None:
    assert indicator(period, "1.4").unit != "%"
    book = sheet(period)
    cell = book["Indikatorer"].cell(row_of(book, "1.4"), 6)
    cell.value = 0.079
    cell.number_format = "0.0%"
    response = upload(period, book)
    assert response.status_code == 400
    assert "men cellen är ett procenttal" in response.content.decode()
    assert str(indicator(period, "1.4").result.value) != "7.9"


def test_text_in_the_value_column_is_read_as_people_write_numbers(period: m.Period) -> None:
    book = sheet(period)
    ws = book["Indikatorer"]
    ws.cell(row_of(book, "1.2"), 6).value = "72,25 %"
    ws.cell(row_of(book, "1.6"), 6).value = "1\u202f234,5"
    ws.cell(row_of(book, "1.2"), REASON).value = HAND_REASON
    ws.cell(row_of(book, "1.6"), REASON).value = HAND_REASON
    assert upload(period, book).status_code == 302
    assert str(indicator(period, "1.2").result.value) == "72.25"
    assert str(indicator(period, "1.6").result.value) == "1234.5"


def test_the_downloaded_value_column_holds_numbers_shown_as_typed(period: m.Period) -> None:
    book = sheet(period)
    ws = book["Indikatorer"]
    cell = ws.cell(row_of(book, "1.6"), 6)
    assert cell.data_type == "n" and cell.number_format == "General"
    assert not ws.protection.sheet  # nothing pretends to be locked


def test_a_readers_excel_tab_is_a_page_with_the_download_on_it(period: m.Period) -> None:
    reader = client_for("reader")
    overview = reader.get(url("overview", period)).content.decode()
    assert f'href="{url("excel_page", period)}"' in overview
    assert f'href="{url("excel_download", period)}"' not in overview
    response = reader.get(url("excel_page", period))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'aria-current="page"' in page.split(url("excel_page", period), 1)[1][:40]
    assert f'href="{url("excel_download", period)}"' in page
    assert "Ladda upp" not in page.split("<main", 1)[1]
    # The owner, who may upload, still gets the upload page with the download on it.
    owner = client_for("owner").get(url("overview", period)).content.decode()
    assert f'href="{url("excel_upload", period)}"' in owner
