"""A folder to the site's files: load, compute, render the downloads, build the pages."""

from __future__ import annotations

from pathlib import Path

from styra.core.followup import compute
from styra.documents import render
from styra.folder import load
from styra.folder.municipality import load_municipality
from styra.i18n import _
from styra.publish.lineage import committee_lineage
from styra.publish.pages import Download
from styra.publish.site import build_site
from styra.report.formats import MUNICIPALITY_RENDERERS, RENDERERS, RenderError
from styra.report.municipality import compiled


def _downloads(pdf: bytes, docx: bytes, json: bytes) -> list[tuple[Download, bytes]]:
    return [
        (Download("rapport.pdf", _("Rapporten som PDF (tillgänglig, PDF/UA)"), len(pdf)), pdf),
        (Download("rapport.docx", _("Rapporten som Word-dokument"), len(docx)), docx),
        (Download("rapport.json", _("Siffrorna och deras källor som JSON"), len(json)), json),
    ]


def committee_site(folder: Path) -> dict[str, bytes]:
    """The site of one committee's period (annual, interim or month)."""
    loaded = load(folder)
    if not loaded.ok or loaded.input is None:
        raise RenderError(list(loaded.problems))
    followup = compute(loaded.input)
    document = render.document(loaded, followup)
    files = _downloads(
        RENDERERS["pdf"](loaded, followup),
        RENDERERS["docx"](loaded, followup),
        RENDERERS["json"](loaded, followup),
    )
    return build_site(document, files, committee_lineage(loaded, followup))


def municipality_site(folder: Path) -> dict[str, bytes]:
    """The site of a municipality's compiled follow-up (without lineage pages yet)."""
    loaded = load_municipality(folder)
    if not loaded.ok:
        raise RenderError(list(loaded.problems))
    m = compiled(loaded)
    document = render.compiled_document(loaded, m)
    files = _downloads(
        MUNICIPALITY_RENDERERS["pdf"](loaded, m),
        MUNICIPALITY_RENDERERS["docx"](loaded, m),
        MUNICIPALITY_RENDERERS["json"](loaded, m),
    )
    return build_site(document, files, None)
