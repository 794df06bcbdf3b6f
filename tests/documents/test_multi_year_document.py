"""The multi-year table in the documents, where earlier years' ledgers are read."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from styra.core.followup import compute
from styra.documents import render
from styra.folder.loader import load
from tests.folder.conftest import ROOT
from tests.folder.test_multi_year import ks  # noqa: F401  (the fixture)

NNBSP = "\u202f"


def test_the_table_follows_the_operating_account_in_every_format(ks: Path) -> None:  # noqa: F811
    loaded = load(ks)
    assert loaded.input is not None
    followup = compute(loaded.input)
    page = render.html(loaded, followup).decode("utf-8")
    start = page.index("FLERÅRSÖVERSIKT")
    table = page[start : page.index("</table>", start)]
    cells = [htmllib.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S)]
    net = cells[cells.index("NETTORESULTAT") + 1 : cells.index("NETTORESULTAT") + 5]
    # By hand (tests/folder/test_multi_year.py): 48 400, 55 200, 62 000, 62 168 tkr.
    assert net == [f"48{NNBSP}400", f"55{NNBSP}200", f"62{NNBSP}000", f"62{NNBSP}168"]
    assert "UTFALL 2021" in table and "UTFALL 2024" in table
    assert page.index("DRIFTREDOVISNING") < start
    pdf = render.pdf(loaded, followup)
    assert pdf.startswith(b"%PDF")


def test_the_model_report_has_no_multi_year_table() -> None:
    loaded = load(ROOT / "examples" / "sydnarke-it-2024")
    assert loaded.input is not None
    assert "FLERÅRSÖVERSIKT" not in render.html(loaded, compute(loaded.input)).decode("utf-8")
