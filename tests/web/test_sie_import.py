"""SIE upload → preview → confirm: what changes is shown, problems refuse it, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styra.web.followup import audit, sie_preview
from styra.web.followup import models as m
from styra.web.followup.demo import EXAMPLE
from tests.web.conftest import client_for, url, user

BUDGET = (EXAMPLE / "budget.se").read_bytes()
MORE_FOR_COMPUTERS = BUDGET + b"#PBUDGET 0 202412 6420 {} 100000.00\n"


def upload(period: m.Period, name: str, content: bytes, kind: str = "budget") -> Any:
    data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    return client_for("controller").post(url("sie_upload", period), data)


def pending(period: m.Period) -> m.LedgerImport:
    return m.LedgerImport.objects.filter(period=period, state="pending").latest("pk")


def test_the_preview_shows_what_will_change(period: m.Period) -> None:
    response = upload(period, "budget-ny.se", MORE_FOR_COMPUTERS)
    assert response.status_code == 302
    page = client_for("controller").get(response["Location"]).content.decode()
    row = page.split("DATORER &amp; BASUTRUSTNING", 1)[1].split("</tr>", 1)[0]
    assert "200" in row and "300" in row
    assert period.budget is not None and period.budget.state == "active"  # nothing changed yet


def test_the_preview_of_an_unchanged_ledger_says_so_and_shows_no_budget(period: m.Period) -> None:
    ledger = (EXAMPLE / "ledger.se").read_bytes()
    response = upload(period, "huvudbok-igen.se", ledger, kind="ledger")
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client_for("controller").get(response["Location"]).content.decode()
    main = page.split("<main", 1)[1]
    assert "Inga ändringar" in main
    assert "Utfall" in main
    assert "Budget före" not in main and "Budget efter" not in main
    assert 'class="row-line changed"' not in main and "changed" not in main.split("<details", 1)[0]
    assert "<details><summary>" in main


def test_the_preview_of_a_changed_budget_counts_the_rows(period: m.Period) -> None:
    response = upload(period, "budget-ny.se", MORE_FOR_COMPUTERS)
    page = client_for("controller").get(response["Location"]).content.decode()
    preview = sie_preview.preview(period, pending(period))
    # The line, the cost subtotal and the net result change; 11 + 6 rows do not.
    assert (preview.changed_count, preview.unchanged_count) == (3, 17)
    assert "3 rader ändras, 17 oförändrade" in page
    assert "Inga ändringar" not in page
    assert "Utfall före" not in page and "Utfall efter" not in page
    # Only the changing rows are in the open table; the rest are folded away.
    table = page.split("Vad som ändras i driftredovisningen", 1)[1].split("<details", 1)[0]
    assert table.count("<tr class=") == len(preview.changed_operating)


def test_confirming_makes_the_new_file_count(period: m.Period) -> None:
    old_budget = period.budget_id
    response = upload(period, "budget-ny.se", MORE_FOR_COMPUTERS)
    preview_url = response["Location"]
    response = client_for("controller").post(preview_url, {"action": "confirm"})
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.budget_id != old_budget
    assert m.LedgerImport.objects.get(pk=old_budget).state == "replaced"
    change = m.Change.objects.get(period=period, item_kind="ledger")
    assert (change.field, change.old, change.new) == ("budget", "budget.se", "budget-ny.se")
    overview = client_for("reader").get(url("overview", period)).content.decode()
    assert 'DATORER &amp; BASUTRUSTNING</th><td class="num">300<' in overview


def test_a_pdf_renamed_to_se_is_refused_with_a_clear_message(period: m.Period) -> None:
    response = upload(period, "huvudbok.se", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert response.status_code == 400
    assert "är en PDF-fil, inte en SIE-fil" in response.content.decode()
    assert not m.LedgerImport.objects.filter(file_name="huvudbok.se").exists()


def test_text_that_is_not_sie_is_refused(period: m.Period) -> None:
    response = upload(period, "anteckningar.se", "Hej, detta är ingen SIE-fil".encode())
    assert response.status_code == 400
    assert "ser inte ut som en SIE-fil" in response.content.decode()


def test_an_upload_over_the_limit_is_refused(period: m.Period, settings: Any) -> None:
    settings.STYRA_MAX_UPLOAD_BYTES = 1000
    response = upload(period, "stor.se", b"#FLAGGA 0\n" + b"#PROSA x\n" * 20000)
    assert response.status_code == 413
    assert "Filen är för stor" in response.content.decode()


def test_every_problem_is_shown_and_the_file_cannot_be_confirmed(period: m.Period) -> None:
    wrong_year = BUDGET.replace(b"#RAR 0 20240101 20241231", b"#RAR 0 20230101 20231231")
    broken = wrong_year + b"#TRANS 6420 {} 1.00\n"
    preview_url = upload(period, "fel.se", broken)["Location"]
    page = client_for("controller").get(preview_url).content.decode()
    assert "avser räkenskapsåret 2023-01-01–2023-12-31" in page
    assert "#TRANS får bara stå inom en verifikation" in page
    assert "Bekräfta och läs in" not in page
    client_for("controller").post(preview_url, {"action": "confirm"})
    period.refresh_from_db()
    assert period.budget is not None and period.budget.file_name == "budget.se"


def test_a_failure_during_confirm_changes_nothing(period: m.Period, monkeypatch: Any) -> None:
    upload(period, "budget-ny.se", MORE_FOR_COMPUTERS)
    new = pending(period)
    old_budget, revision = period.budget_id, period.revision

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(RuntimeError):
        sie_preview.confirm(period.pk, new.pk, user("controller"))
    period.refresh_from_db()
    assert (period.budget_id, period.revision) == (old_budget, revision)
    assert m.LedgerImport.objects.get(pk=new.pk).state == "pending"
    assert m.LedgerImport.objects.get(pk=old_budget).state == "active"


def test_a_confirmed_file_cannot_be_confirmed_twice(period: m.Period) -> None:
    upload(period, "budget-ny.se", MORE_FOR_COMPUTERS)
    new = pending(period)
    sie_preview.confirm(period.pk, new.pk, user("controller"))
    with pytest.raises(sie_preview.ImportRefused):
        sie_preview.confirm(period.pk, new.pk, user("controller"))


HEADER_ONLY = b"""#FLAGGA 0
#PROGRAM "Ekonomisystem" 1.0
#FORMAT PC8
#GEN 20250110
#SIETYP 1
#FNAMN "Sydn\x84rkes IT-n\x84mnd"
#RAR 0 20240101 20241231
"""


def test_a_file_without_accounts_or_amounts_cannot_be_confirmed(period: m.Period) -> None:
    old_budget = period.budget_id
    preview_url = upload(period, "tom.se", HEADER_ONLY)["Location"]
    page = client_for("controller").get(preview_url).content.decode()
    assert "filen har inga konton (#KONTO)" in page
    assert "filen har inga budgetbelopp (#PBUDGET) för räkenskapsåret 2024" in page
    assert "Bekräfta och läs in" not in page
    client_for("controller").post(preview_url, {"action": "confirm"})
    period.refresh_from_db()
    assert period.budget_id == old_budget


def test_a_ledger_with_accounts_but_no_amounts_for_the_year_cannot_be_confirmed(
    period: m.Period,
) -> None:
    no_amounts = HEADER_ONLY + b'#KONTO 6420 "Datorer"\n#UB -1 6420 100.00\n'
    preview_url = upload(period, "huvudbok-tom.se", no_amounts, kind="ledger")["Location"]
    page = client_for("controller").get(preview_url).content.decode()
    assert "filen har inga konton" not in page
    assert "filen har inga belopp för räkenskapsåret 2024" in page
    assert "Bekräfta och läs in" not in page


def test_a_sie5_ledger_is_read_through_the_same_door(period: m.Period) -> None:
    """SIE 5 (XML) is uploaded, previewed and confirmed as a SIE 4 ledger is."""
    from tests.sie.test_sie5 import LEDGER  # a hand-written SIE 5 ledger for 2024

    response = upload(period, "huvudbok.sie", LEDGER.encode("utf-8"), kind="ledger")
    assert response.status_code == 302, response.content.decode()[:2000]
    imported = pending(period)
    assert imported.file_name == "huvudbok.sie"
    # Its 2024 entries: 300 on 5010 (personnel's range) and −800 on 3010 (fees).
    assert imported.accounts.get("5010") == "Lokalhyra"
    page = client_for("controller").get(response["Location"]).content.decode()
    assert "huvudbok.sie" in page
