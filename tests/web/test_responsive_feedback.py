"""How the pages answer a person's action: after a save the page opens at the changed row
(an anchor the row carries) with the message kept in view and saying what changed, old →
new; the narrative editor previews the text as the report prints it, without saving."""

from __future__ import annotations

import re
from html import unescape

from styra.web.followup import models as m
from tests.web.conftest import client_for, indicator, result_form, url


def _message(page: str) -> str:
    found = re.search(r'<div class="messages-box".*?</div>', page, re.S)
    assert found, page[:3000]
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(found.group(0))).split())


def test_an_indicator_save_opens_at_its_row_and_says_old_and_new(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    client = client_for("controller")
    response = client.post(url("indicator", period, pk=ind.pk), result_form(ind, "50"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indikator-{ind.pk}")
    page = client.get(response["Location"]).content.decode()
    assert f'<tr id="indikator-{ind.pk}">' in page
    message = _message(page)
    # The example's 1.7 (pågående förändringsärenden) was 19.
    assert "Utfall: 19 → 50" in message, message


def test_a_line_analysis_save_opens_at_the_line_in_the_operating_account(
    period: m.Period,
) -> None:
    line = m.ReportLine.objects.get(period=period, label="LOKALHYROR")
    client = client_for("controller")
    data = {"analysis": "Nya lokaler från mars.", "version": str(line.version)}
    response = client.post(url("line", period, pk=line.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#rad-{line.pk}")
    page = client.get(response["Location"]).content.decode()
    assert re.search(rf'<tr class="row-[a-z]+" id="rad-{line.pk}">', page)
    assert "Analys: – → Nya lokaler från mars." in _message(page)


def test_a_section_save_opens_at_the_section(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    client = client_for("controller")
    data = {"markdown": "Kort.", "version": str(section.version)}
    response = client.post(url("section", period, pk=section.pk), data)
    assert response["Location"].endswith(f"#berattelse-{section.pk}")
    page = client.get(response["Location"]).content.decode()
    assert f'id="berattelse-{section.pk}"' in page
    assert "→ Kort." in _message(page)


def test_a_message_with_nothing_saved_by_the_person_lists_no_change(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    client_for("controller").post(url("indicator", period, pk=ind.pk), result_form(ind, "50"))
    # Another person's page after their own message-free visit shows no one else's change.
    page = client_for("reader").get(url("overview", period)).content.decode()
    assert "changed-fields" not in page


def test_the_preview_shows_the_text_as_printed_and_saves_nothing(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    before = (section.markdown, section.version, m.Change.objects.count())
    data = {
        "markdown": "Resultatet blev **{resultat.netto}** tkr.<script>alert(1)</script>",
        "version": str(section.version),
        "forhandsgranska": "1",
    }
    response = client_for("controller").post(url("section", period, pk=section.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    preview = page.split('id="forhandsgranskning"')[1].split("</section>")[0]
    assert "Förhandsgranskning (inte sparad)" in preview
    # The example's net result, as the report prints it (−852 tkr).
    assert "Resultatet blev <strong>−852</strong> tkr." in preview.replace("\u2212", "−")
    assert "<script>alert" not in page
    section.refresh_from_db()
    assert (section.markdown, section.version, m.Change.objects.count()) == before
    # The person's text stays in the editor.
    assert "Resultatet blev **{resultat.netto}** tkr." in unescape(page)


def test_the_preview_names_an_unknown_placeholder(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    data = {"markdown": "Se {drift.finns_inte}.", "version": "1", "forhandsgranska": "1"}
    page = client_for("controller").post(url("section", period, pk=section.pk), data)
    preview = page.content.decode().split('id="forhandsgranskning"')[1].split("</section>")[0]
    assert "Rad 1:" in unescape(preview)


def test_a_reader_may_not_preview(period: m.Period) -> None:
    section = m.NarrativeSection.objects.get(period=period, key="resultat")
    data = {"markdown": "x", "version": "1", "forhandsgranska": "1"}
    response = client_for("reader").post(url("section", period, pk=section.pk), data)
    assert response.status_code == 403


def test_staff_find_the_admin_in_the_header_and_the_admin_links_back(period: m.Period) -> None:
    admin = client_for("admin")
    page = admin.get("/", follow=True).content.decode()
    assert re.search(r'<a class="admin-link" href="/admin/">Administration</a>', page)
    assert 'href="/admin/"' not in client_for("controller").get("/", follow=True).content.decode()
    index = admin.get("/admin/").content.decode()
    assert re.search(r'<a href="/">Till Styra: uppföljningen</a>', index)
