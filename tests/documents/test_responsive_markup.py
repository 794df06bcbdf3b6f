"""The single HTML page's markup for phones, paper and the cover, without a browser."""

from __future__ import annotations

import dataclasses

from styra.documents.html import render_html
from styra.documents.model import Cover, Document, Logo, Section, Table


def test_the_page_embeds_source_sans_pro_and_carries_a_print_stylesheet(
    html_bytes: bytes,
) -> None:
    page = html_bytes.decode()
    assert page.count("@font-face") == 3  # regular, bold, italic
    assert "data:font/woff2;base64,d09GMg" in page  # "wOF2"
    assert "@media print" in page


def test_the_bar_chart_has_a_wide_and_a_narrow_drawing_named_alike(html_bytes: bytes) -> None:
    page = html_bytes.decode()
    assert page.count('class="wide"') == page.count('class="narrow"') == 1
    wide = page.index('class="wide"')
    narrow = page.index('class="narrow"')
    name = page[page.rindex("aria-labelledby=", 0, wide) :].split('"')[1]
    assert f'aria-labelledby="{name}" class="narrow"' in page[narrow - 60 : narrow + 20]


def test_a_table_note_is_shown_under_the_table_and_describes_it() -> None:
    table = Table("DRIFTREDOVISNING", (), (), note="Intäkter är negativa.")
    doc = Document("R", Cover("Kommun", "2025-01-23", "R"), (Section("1", "Ekonomi", (table,)),))
    page = render_html(doc).decode()
    assert '<table aria-describedby="avsnitt-1-0-note">' in page
    assert '</div>\n<p class="table-note" id="avsnitt-1-0-note">Intäkter är negativa.</p>' in page


def test_the_cover_shows_the_year_the_file_number_and_the_logo() -> None:
    cover = Cover("Lekebergs kommun", "2025-01-23", "Årsredovisning", year="2024")
    logo = Logo(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "svg", "Logotyp: Lekebergs kommun")
    cover = dataclasses.replace(cover, reference="KS 2025/12", logo=logo)
    page = render_html(Document("Årsredovisning", cover, (), compact=True)).decode()
    assert '<p class="year">2024</p>' in page
    assert '<p class="reference">Diarienummer: KS 2025/12</p>' in page
    assert '<img class="logo" src="data:image/svg+xml;base64,' in page
    assert 'alt="Logotyp: Lekebergs kommun"' in page
