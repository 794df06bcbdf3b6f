"""The HTML page: semantic, accessible, escaped, and stable (golden snapshot)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from styra.documents.html import render_html
from styra.documents.markdown import to_blocks
from styra.documents.model import Cover, Document, Section

GOLDEN = Path(__file__).parent / "golden" / "sydnarke-it-2024.html"


def test_the_page_matches_its_golden_snapshot(html_bytes: bytes) -> None:
    """Refresh with STYRA_UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    if os.environ.get("STYRA_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(html_bytes)
    assert html_bytes.decode() == GOLDEN.read_text(encoding="utf-8")


def test_the_page_is_swedish_with_one_h1_and_headers_with_scope(html_bytes: bytes) -> None:
    page = html_bytes.decode()
    assert '<html lang="sv">' in page
    assert page.count("<h1>") == 1
    assert "<title>Årsredovisning Sydnärkes IT-nämnd</title>" in page
    assert '<th scope="col" class="number">BUDGET 2024 <span class="unit">tkr</span></th>' in page
    assert '<th scope="rowgroup" rowspan="7"' in page
    assert re.search(r"<td>|<th>", page) is None  # every cell says what it is


def test_statuses_are_shown_by_symbol_and_text_not_colour_alone(html_bytes: bytes) -> None:
    page = html_bytes.decode()
    assert (
        '<td class="status status-partially_achieved"><span class="symbol" aria-hidden="true">'
        "◐</span> Uppnås delvis</td>"
    ) in page


def test_the_chart_has_its_full_text_alternative(html_bytes: bytes) -> None:
    page = html_bytes.decode()
    assert '<svg role="img" aria-labelledby=' in page
    assert "Personalkostnader: budget 12\u202f106 tkr, utfall 11\u202f352 tkr" in page


def test_narrative_html_and_script_links_never_become_markup() -> None:
    blocks = to_blocks("<script>alert(1)</script>\n\nSe [här](javascript:alert(1)) och **fet**.")
    document = Document("T", Cover("K", "2025-01-23", "T"), (Section("1", "A", blocks),))
    page = render_html(document).decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page.replace("[här](javascript:alert(1))", "")
    assert "<strong>fet</strong>" in page
