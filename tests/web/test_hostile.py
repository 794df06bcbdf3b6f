"""Styra tried as a hostile user would (issue 9): each case failed before its fix.

The admin held to the period lock, the Excel sheet held to the form's rules, formulas kept
as text, bounded workbooks and request bodies, and no leftovers. The race of saves against
an adoption is in ``test_race.py``, sign-in throttling and error pages in
``test_hostile_signin.py``, the bounded SIE lexer in ``tests/sie/test_bounds.py``.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from styra.web.followup import models as m
from styra.web.followup.reports import adopt
from styra.web.followup.uploads import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from tests.web.conftest import HAND_REASON, client_for, indicator, result_form, url, user
from tests.web.test_excel import REASON, row_of, sheet, upload


@pytest.fixture
def adopted(period: m.Period) -> m.Period:
    adopt(period.pk, user("controller"))
    period.refresh_from_db()
    return period


@pytest.fixture
def open_period(db: Any) -> m.Period:
    """A draft period of another committee, with one goal and one indicator."""
    committee = m.Committee.objects.get(slug="annan")
    period = m.Period.objects.create(
        committee=committee, slug="2025-helar", year=2025, kind="annual",
        start="2025-01-01", end="2025-12-31", report_date="2026-02-15",
    )  # fmt: skip
    goal = m.Goal.objects.create(period=period, key="1", name="Nöjda invånare")
    m.Indicator.objects.create(
        goal=goal, key="1.1", name="Nöjdhet", unit="%", target_kind="at_least", target_value="80"
    )
    return period


def indicator_form(goal: m.Goal, key: str = "9.1", **changes: str) -> dict[str, str]:
    return {
        "goal": str(goal.pk), "key": key, "name": "Smugglad indikator", "unit": "st",
        "position": "0", "target_kind": "at_most", "target_value": "5", "target_wording": "",
        "baseline": "", "derived": "", "owner": "", "_save": "Spara", **changes,
    }  # fmt: skip


# 2. The admin reaches into a locked period.


def test_the_admin_cannot_add_an_indicator_to_a_goal_of_an_adopted_period(
    adopted: m.Period,
) -> None:
    goal = adopted.goals.first()
    assert goal is not None
    before = m.Indicator.objects.count()
    response = client_for("admin").post("/admin/followup/indicator/add/", indicator_form(goal))
    assert response.status_code == 200  # the form again, with the choice refused
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert m.Indicator.objects.count() == before


def test_the_admin_cannot_move_an_indicator_into_an_adopted_period(
    adopted: m.Period, open_period: m.Period
) -> None:
    moved = m.Indicator.objects.get(goal__period=open_period)
    target = adopted.goals.first()
    assert target is not None
    path = f"/admin/followup/indicator/{moved.pk}/change/"
    response = client_for("admin").post(path, indicator_form(target, key="1.1"))
    assert response.status_code == 200
    moved.refresh_from_db()
    assert moved.goal.period_id == open_period.pk
    assert not m.Change.objects.filter(period=adopted, item_id=moved.pk).exists()


def test_the_admin_cannot_change_or_delete_an_indicator_of_an_adopted_period(
    adopted: m.Period, open_period: m.Period
) -> None:
    ind = indicator(adopted, "1.5")
    other_goal = open_period.goals.get()
    admin = client_for("admin")
    path = f"/admin/followup/indicator/{ind.pk}/change/"
    assert admin.post(path, indicator_form(other_goal, key="1.5")).status_code == 403
    assert (
        admin.post(f"/admin/followup/indicator/{ind.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = {"action": "delete_selected", "_selected_action": [str(ind.pk)], "post": "yes"}
    admin.post("/admin/followup/indicator/", bulk)
    assert m.Indicator.objects.filter(pk=ind.pk, goal__period=adopted).exists()


def test_a_move_between_open_periods_is_in_the_trail_of_both(
    period: m.Period, open_period: m.Period
) -> None:
    moved = m.Indicator.objects.get(goal__period=open_period)
    target = period.goals.get(key="1")
    path = f"/admin/followup/indicator/{moved.pk}/change/"
    response = client_for("admin").post(path, indicator_form(target, key="1.99"))
    assert response.status_code == 302, response.content.decode()[:3000]
    for trail in (period, open_period):
        change = m.Change.objects.get(period=trail, item_id=moved.pk, field="goal")
        assert change.by_name == "Ada Administratör"
        assert "Nöjda invånare" in change.old and change.new.startswith("1 ")


def test_adding_a_goal_in_the_admin_works_and_is_audited(open_period: m.Period) -> None:
    data = {"period": str(open_period.pk), "key": "2", "name": "Trygg kommun", "position": "1",
            "_save": "Spara"}  # fmt: skip
    for prefix in ("indicators",):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client_for("admin").post("/admin/followup/goal/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    goal = m.Goal.objects.get(period=open_period, key="2")
    change = m.Change.objects.get(period=open_period, item_id=goal.pk, field="created")
    assert change.new == "2 Trygg kommun"


def test_an_adopted_period_is_not_offered_for_a_new_goal(
    adopted: m.Period, open_period: m.Period
) -> None:
    page = client_for("admin").get("/admin/followup/goal/add/").content.decode()
    assert f'value="{open_period.pk}"' in page
    assert f'value="{adopted.pk}"' not in page


def test_deleting_an_indicator_of_an_open_period_is_audited(open_period: m.Period) -> None:
    ind = m.Indicator.objects.get(goal__period=open_period)
    path = f"/admin/followup/indicator/{ind.pk}/delete/"
    assert client_for("admin").post(path, {"post": "yes"}).status_code == 302
    change = m.Change.objects.get(period=open_period, item_id=ind.pk, field="deleted")
    assert change.old == "1.1 Nöjdhet"


# 3. Excel bypassed the form's rules.


def test_the_sheet_cannot_replace_another_persons_justification(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    controller = user("controller")
    m.Indicator.objects.filter(pk=ind.pk).update(owner=controller)  # no longer the owner's
    saved = client_for("controller").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "95")
    )
    assert saved.status_code == 302
    assert (
        client_for("owner")
        .post(url("indicator", period, pk=ind.pk), result_form(indicator(period, "1.5"), "95"))
        .status_code
        == 403
    )  # the form
    book = sheet(period)
    book["Indikatorer"].cell(row_of(book, "1.5"), REASON).value = "Min egen förklaring"
    response = upload(period, book)  # the sheet
    assert response.status_code == 400
    assert "du får inte ändra indikatorn 1.5" in response.content.decode()
    assert indicator(period, "1.5").result.value_justification == HAND_REASON


def test_the_sheet_cannot_empty_a_required_justification(period: m.Period) -> None:
    ind = indicator(period, "1.5")
    client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "95"))
    book = sheet(period)
    book["Indikatorer"].cell(row_of(book, "1.5"), REASON).value = None
    response = upload(period, book)
    assert response.status_code == 400
    page = response.content.decode()
    assert "1.5 räknas fram ur källan (111\u00a0st); skriv varför du ersätter värdet" in page
    assert f"ifyllt.xlsx:{row_of(book, '1.5')}:I" in page  # the justification's column
    assert indicator(period, "1.5").result.value_justification == HAND_REASON


# 4. Formulas.


def test_a_formula_like_text_goes_out_as_text_and_comes_back_unchanged(period: m.Period) -> None:
    texts = {"1.4": "=1+1", "1.6": '=HYPERLINK("http://example.invalid","klicka")',
             "1.1": "+46 19 000 00", "1.2": "-ingen förändring", "1.3": "@summa"}  # fmt: skip
    for key, text in texts.items():
        m.Result.objects.filter(indicator=indicator(period, key)).update(analysis=text)
    content = client_for("owner").get(url("excel_download", period)).content
    formulas = load_workbook(io.BytesIO(content))["Indikatorer"]  # not data_only: formulas show
    for key, text in texts.items():
        cell = formulas.cell(row_of(load_workbook(io.BytesIO(content)), key), 7)
        assert (cell.value, cell.data_type) == (text, "s"), key
    response = client_for("owner").post(
        url("excel_upload", period), {"file": SimpleUploadedFile("blad.xlsx", content)}
    )
    assert response.status_code == 302
    for key, text in texts.items():
        assert indicator(period, key).result.analysis == text, key


# 5. Unbounded work: workbooks and request bodies.


def _workbook_with_sheet(period: m.Period, sheet_xml: Any) -> bytes:
    """The downloaded workbook with its sheet replaced by ``sheet_xml`` (chunks of bytes)."""
    original = client_for("owner").get(url("excel_download", period)).content
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                    for chunk in sheet_xml:
                        part.write(chunk)
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
        b'formats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip
TAIL = b"</sheetData></worksheet>"


def _rows(count: int, columns: int = 9) -> Any:
    """``count`` rows of ``columns`` cells, written without references (as Excel may), so
    that they pack to almost nothing."""
    yield HEAD
    row = b"<row>%s</row>" % (b"<c><v>1</v></c>" * columns)
    for start in range(0, count, 1000):
        yield row * min(1000, count - start)
    yield TAIL


def _post_sheet(period: m.Period, content: bytes) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        response = client_for("owner").post(
            url("excel_upload", period), {"file": SimpleUploadedFile("stort.xlsx", content)}
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak


def test_a_small_workbook_that_unpacks_to_95_mb_of_cells_is_refused(period: m.Period) -> None:
    content = _workbook_with_sheet(period, _rows(650_000))  # 95 MB of cells unpacked
    assert len(content) < 1024**2
    response, peak = _post_sheet(period, content)
    assert response.status_code == 400
    assert "Excelbladet är för stort när det packas upp: högst 50 MB." in response.content.decode()
    assert peak < 100 * 1024**2


def test_a_sheet_over_the_row_limit_is_refused_while_it_streams(period: m.Period) -> None:
    content = _workbook_with_sheet(period, _rows(MAX_SHEET_ROWS + 1, columns=1))
    response, peak = _post_sheet(period, content)
    assert response.status_code == 400
    assert f"högst {MAX_SHEET_ROWS:d} rader" in response.content.decode()
    assert peak < 100 * 1024**2


def test_a_cell_beyond_the_column_limit_is_refused(period: m.Period) -> None:
    far = b'%s<row r="1"><c r="BZ1"><v>1</v></c></row>%s' % (HEAD, TAIL)
    response, _ = _post_sheet(period, _workbook_with_sheet(period, [far]))
    assert response.status_code == 400
    assert f"{MAX_SHEET_COLUMNS} kolumner" in response.content.decode()


class _Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readinto = readline = read  # type: ignore[assignment]


@pytest.mark.parametrize("path", ["/konto/logga-in/", "/n/sydnarkes-it/2024-helar/sie/"])
def test_a_body_over_the_limit_is_refused_unread(path: str, period: m.Period) -> None:
    response = Client().generic(
        "POST", path, b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(200 * 1024**2), **{"wsgi.input": _Unreadable()},
    )  # fmt: skip
    assert response.status_code == 413
    assert "För stor förfrågan" in response.content.decode()


# 7. Leftovers.


def test_unconfirmed_imports_expire_and_refused_ones_keep_no_file(period: m.Period) -> None:
    controller = client_for("controller")
    bad = b"#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#KONTO 5010 Lokalhyra\n"
    bad += b'#VER A 1 20240105 ""\n{\n#TRANS 5010 {} 100.00\n}\n'  # unbalanced voucher
    response = controller.post(
        url("sie_upload", period), {"kind": "ledger", "file": SimpleUploadedFile("fel.se", bad)}
    )
    assert response.status_code == 302
    refused = m.LedgerImport.objects.get(period=period, file_name="fel.se")
    assert refused.state == m.ImportState.PENDING and bytes(refused.content) == b""
    m.LedgerImport.objects.filter(pk=refused.pk).update(
        uploaded_at=timezone.now() - timedelta(hours=25)
    )
    active = {period.ledger_id, period.budget_id}
    call_command("expire_imports", verbosity=0)
    assert not m.LedgerImport.objects.filter(pk=refused.pk).exists()
    assert set(m.LedgerImport.objects.filter(pk__in=active).values_list("pk", flat=True)) == active
