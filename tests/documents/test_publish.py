"""styra publish: the site's pages, its downloads, the lineage behind each figure, and where
it may write."""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from styra.cli import main
from styra.publish.write import MARKER
from tests.documents.conftest import EXAMPLE, ROOT

VER = re.compile(r"#VER\s+\S+\s+\S+\s+(\d{8})")
TRANS = re.compile(r"\s*#TRANS\s+(\d+)\s+\{[^}]*\}\s+(-?[\d.]+)(?:\s+(\d{8}))?")


def ledger_sum(ranges: list[tuple[str, str]], last_day: str = "20241231") -> Decimal:
    """Σ the example ledger's #TRANS rows in the ranges up to ``last_day``, read by hand."""
    total, day = Decimal(0), ""
    for text in (EXAMPLE / "ledger.se").read_bytes().decode("cp437").splitlines():
        if found := VER.match(text):
            day = found.group(1)
        elif found := TRANS.match(text):
            account = found.group(1)
            held = any(a <= account[: len(a)] <= b for a, b in ranges)
            if held and "20240101" <= (found.group(3) or day) <= last_day:
                total += Decimal(found.group(2))
    return total


class _Page(HTMLParser):
    """Links, the table rows' texts and the marks a test looks for, from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.current: list[str] = []
        self.h1 = 0
        self.rows: list[list[str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a":
            self._href, self._text = found.get("href") or "", []
            if found.get("aria-current") == "page":
                self.current.append(found.get("href") or "")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "tr":
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None
        elif tag in ("td", "th") and self._cell is not None and self._cells is not None:
            self._cells.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def amount(text: str) -> Decimal:
    return Decimal(text.replace("\u202f", "").replace("\u2212", "-").replace(",", "."))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("publish") / "site"
    assert main(["publish", str(EXAMPLE), "--output", str(output)]) == 0
    return output


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_every_page_has_one_h1_a_skip_link_and_the_navigation(site: Path) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        assert page.h1 == 1, path.name
        assert ("#innehall-start", "Hoppa till innehållet") in page.links, path.name
        assert any(href == "index.html" for href, _text in page.links), path.name
        if path.name.startswith(("index", "avsnitt")):
            assert page.current == [path.name], path.name


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_every_link_on_the_site_leads_to_a_file_of_the_site(site: Path) -> None:
    for path in site.glob("*.html"):
        for href, _text in parse(path).links:
            target = href.split("#")[0]
            if target:
                assert (site / target).is_file(), (path.name, href)


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_the_operating_accounts_figures_link_to_rows_that_add_up_to_them(site: Path) -> None:
    """LICENSER & SERVICEAVTAL: 13 065 tkr in the table; its page lists the voucher rows,
    whose sum is the ledger's own, counted here by hand from ledger.se."""
    economy = parse(site / "avsnitt-1-4.html")
    assert ("drift-licenser.html", "13\u202f065") in economy.links
    assert ("drift-licenser.html", "LICENSER & SERVICEAVTAL") in economy.links
    rows = parse(site / "drift-licenser.html").rows
    listed = [r for r in rows[1:] if len(r) == 6]
    assert listed and all(re.fullmatch(r"ledger\.se:\d+", r[5]) for r in listed)
    total = sum((amount(r[4]) for r in listed), Decimal(0))
    by_hand = ledger_sum([("6300", "6399"), ("6850", "6899")])
    assert total == by_hand == amount(rows[-1][1])
    assert round(total / 1000) == 13065
    lines = (EXAMPLE / "ledger.se").read_bytes().decode("cp437").splitlines()
    for row in listed:  # each row's file and line holds that account and amount
        number = int(row[5].split(":")[1])
        assert f"#TRANS {row[3]} " in lines[number - 1], row
        assert str(amount(row[4])) in lines[number - 1], row


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_every_operating_line_links_to_its_rows_and_a_total_to_its_lines(site: Path) -> None:
    economy = parse(site / "avsnitt-1-4.html")
    linked = {text for href, text in economy.links if href.startswith("drift-")}
    assert {"PERSONALKOSTNADER", "TOTALT KOSTNADER", "NETTORESULTAT", "44\u202f712"} <= linked
    personnel = parse(site / "drift-personal.html").rows
    assert amount(personnel[-1][1]) == ledger_sum([("5000", "5999")])
    total = parse(site / "drift-totalt-kostnader.html").rows
    assert sum(amount(r[1]) for r in total[1:-1]) == amount(total[-1][1])
    assert round(amount(total[-1][1]) / 1000) == 44712


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_the_investment_accounts_projects_link_to_their_rows(site: Path) -> None:
    economy = parse(site / "avsnitt-1-4.html")
    assert any(h == "investering-9101.html" for h, _t in economy.links)
    rows = parse(site / "investering-9101.html").rows
    assert len(rows) > 2 and all(r[3].startswith("12") for r in rows[1:-1])


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_an_indicator_computed_from_an_export_links_to_its_rows(site: Path) -> None:
    goals = parse(site / "avsnitt-1-2.html")
    assert ("indikator-1-5.html", "111\u00a0st") in goals.links
    assert ("drift-nettoresultat.html", "\u2212852\u00a0tkr") in goals.links  # from the ledger
    rows = parse(site / "indikator-1-5.html").rows
    assert len(rows) == 1 + 111  # the head and every open incident at the year's end
    export = (EXAMPLE / "sources" / "arenden-2024.csv").read_text(encoding="utf-8").splitlines()
    line, fields = int(rows[1][0]), rows[1][1:]
    assert export[line - 1].split(";") == fields
    every = (site / "indikator-1-1.csv").read_text(encoding="utf-8").splitlines()
    assert len(every) == 1 + 4812  # the page shows 200; the CSV has them all


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_the_downloads_exist_and_open(site: Path) -> None:
    from pypdf import PdfReader

    assert len(PdfReader(site / "rapport.pdf").pages) > 0
    with zipfile.ZipFile(io.BytesIO((site / "rapport.docx").read_bytes())) as docx:
        assert "word/document.xml" in docx.namelist()
    data = json.loads((site / "rapport.json").read_text(encoding="utf-8"))
    assert data
    index = parse(site / "index.html")
    assert {"rapport.pdf", "rapport.docx", "rapport.json"} <= {h for h, _t in index.links}


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_the_site_serves_the_font_the_pdf_embeds(site: Path) -> None:
    css = (site / "styra.css").read_text(encoding="utf-8")
    assert 'font-family: "Source Sans Pro"' in css and "fonts/SourceSansPro-Regular.woff2" in css
    assert (site / "fonts" / "SourceSansPro-Regular.woff2").read_bytes()[:4] == b"wOF2"
    assert (site / "fonts" / "LICENSE.txt").is_file()
    assert "@media print" in css


def test_it_refuses_a_folder_that_is_not_empty_and_not_an_earlier_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "web"
    output.mkdir()
    (output / "annat.txt").write_text("behåll mig")
    assert main(["publish", str(EXAMPLE), "--output", str(output)]) == 2
    err = capsys.readouterr().err
    assert "är inte tom" in err and str(output) in err
    assert sorted(p.name for p in output.iterdir()) == ["annat.txt"]


def test_it_refuses_a_file_as_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "site.html"
    output.write_text("x")
    assert main(["publish", str(EXAMPLE), "--output", str(output)]) == 2
    assert "är en fil" in capsys.readouterr().err


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_it_replaces_an_earlier_site_whole_and_leaves_no_temporary_folder(
    site: Path, tmp_path: Path
) -> None:
    import shutil

    output = tmp_path / "site"
    shutil.copytree(site, output)
    (output / "gammal-sida.html").write_text("från förra gången")
    assert (output / MARKER).is_file()
    assert main(["publish", str(EXAMPLE), "--output", str(output)]) == 0
    assert not (output / "gammal-sida.html").exists()
    assert (output / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_a_folder_with_errors_writes_nothing(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example / "goals.yaml").write_text("goals: [\n")
    output = tmp_path / "site"
    assert main(["publish", str(example), "--output", str(output)]) == 1
    assert not output.exists()
    assert "goals.yaml" in capsys.readouterr().err


@pytest.mark.slow  # builds the site: the PDF and DOCX take about 2 s
def test_the_interim_sites_outcome_to_date_links_to_the_rows_up_to_august(tmp_path: Path) -> None:
    output = tmp_path / "delar"
    folder = ROOT / "examples" / "sydnarke-it-2024-delar"
    assert main(["publish", str(folder), "--output", str(output)]) == 0
    rows = parse(output / "drift-personal.html").rows
    assert amount(rows[-1][1]) == ledger_sum([("5000", "5999")], last_day="20240831")
    assert all(r[0] <= "2024-08-31" for r in rows[1:-1])
