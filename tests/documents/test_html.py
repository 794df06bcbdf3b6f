"""The HTML page: semantic, accessible, escaped, and stable (golden snapshot)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from styra.documents.html import render_html
from styra.documents.markdown import to_blocks
from styra.documents.model import Cover, Document, Section
from tests.documents.conftest import SEED
from tests.documents.model_text import missing_in_order, model_pieces

GOLDEN = Path(__file__).parent / "golden" / "sydnarke-it-2024.html"


def test_the_page_matches_its_golden_snapshot(html_bytes: bytes) -> None:
    """Refresh with STYRA_UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    if os.environ.get("STYRA_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(html_bytes)
    assert html_bytes.decode() == GOLDEN.read_text(encoding="utf-8")


class _Text(HTMLParser):
    """The page's text, a line per block or cell, without style, script or the chart."""

    BLOCKS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "caption"})
    SKIPPED = frozenset({"style", "script", "svg", "head"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in self.SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in self.SKIPPED
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def test_the_golden_page_itself_holds_the_model_report_in_order() -> None:
    """The golden file against the model report's own text (written by the municipality,
    not by Styra), so that refreshing the snapshot cannot bless a wrong figure or sentence."""
    text = page_text(GOLDEN.read_text(encoding="utf-8"))
    assert missing_in_order(model_pieces(SEED), text) == []
    assert "st.." not in text  # "75 st." ends a sentence with its own point
    assert "Kostnaderna för tjänsteköp blev 1\u202f648 tkr högre än budgeterat" in text
    assert "{" not in text  # every narrative placeholder is filled in


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
