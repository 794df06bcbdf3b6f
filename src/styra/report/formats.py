"""Report formats: each renders a computed follow-up to bytes.

A renderer raises :class:`RenderError` with problems for what it cannot render (a broken
template, a missing font); the command line then writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

# Only types at the top: ``styra report`` imports the registry before it loads a folder, and
# the renderers import what they need when they run.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from styra.core.followup import FollowUp
    from styra.core.municipality import MunicipalityFollowUp
    from styra.folder import Loaded
    from styra.folder.municipality import LoadedMunicipality
    from styra.problems import Problem

Renderer = Callable[["Loaded", "FollowUp"], bytes]
MunicipalityRenderer = Callable[["LoadedMunicipality", "MunicipalityFollowUp"], bytes]


class RenderError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def render_json(loaded: Loaded, followup: FollowUp) -> bytes:
    import json  # noqa: PLC0415 (see the imports)

    from styra.report.data import followup_data  # noqa: PLC0415

    data = followup_data(followup, loaded.extras)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _document(name: str) -> Renderer:
    """A document format, imported on first use: python-docx and Typst load only when needed."""

    def render(loaded: Loaded, followup: FollowUp) -> bytes:
        from styra.documents import render as documents  # noqa: PLC0415

        function: Renderer = getattr(documents, name)
        return function(loaded, followup)

    return render


RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "docx": _document("docx"),
    "pdf": _document("pdf"),
    "html": _document("html"),
}


def render_municipality_json(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> bytes:
    import json  # noqa: PLC0415 (see the imports)

    from styra.report.municipality import municipality_data  # noqa: PLC0415

    data = municipality_data(m, loaded)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _municipality_document(name: str) -> MunicipalityRenderer:
    """A compiled document format, imported on first use, as :func:`_document`."""

    def render(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> bytes:
        from styra.documents import render as documents  # noqa: PLC0415

        function: MunicipalityRenderer = getattr(documents, f"municipality_{name}")
        return function(loaded, m)

    return render


# The compiled report of a municipality's folder (kommunens sammanställda uppföljning).
MUNICIPALITY_RENDERERS: dict[str, MunicipalityRenderer] = {
    "json": render_municipality_json,
    "docx": _municipality_document("docx"),
    "pdf": _municipality_document("pdf"),
    "html": _municipality_document("html"),
}


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target and rename, so no half-written file remains."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(content)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
