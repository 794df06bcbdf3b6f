"""An adopted report as one zip: its inputs, the report as rendered, and a manifest of hashes.

The zip holds (see ``docs/DECISIONS.md``, 2026-12-02)::

    manifest.json         the SHA-256 and size of every other file, and of the canonical JSON
    folder/…              the period in the folder format, with the source exports (sources/…)
    lineage.json          lineage the folder cannot recompute (a value replaced by hand)
    report/report.json    the report as adopted: JSON, PDF, DOCX and HTML
    report/report.pdf, report/report.docx, report/report.html

``styra verify`` reads the folder back with ``styra.folder.load``, computes the follow-up
and renders it again, so anyone can check the report against its inputs.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from styra import __version__
from styra.core.followup import FollowUp, compute
from styra.folder import Loaded, load
from styra.report.data import followup_data
from styra.report.formats import RENDERERS, RenderError

FORMAT = "styra-arkiv"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FOLDER = "folder/"
LINEAGE = "lineage.json"
REPORT = "report/report."
FORMATS = ("json", "pdf", "docx", "html")
CANONICAL_RULE = (
    "JSON med nycklarna sorterade, UTF-8 utan \\u-escapes och utan blanksteg mellan "
    "element (separatorerna , och :)"
)
# A fixed time stamp inside the zip, so the same contents always give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Archive:
    content: bytes  # the zip
    sha256: str  # of the zip
    data: dict[str, Any]  # the follow-up as JSON data (``report.data.followup_data``)


@dataclass(frozen=True)
class Recomputed:
    """The follow-up computed from an archive's inputs, and the report rendered from it."""

    data: dict[str, Any]
    rendered: dict[str, bytes]  # archive name (``report/report.pdf``) → bytes
    kept: dict[str, Any]  # the lineage.json part: lineage the folder cannot recompute


def canonical_json(data: Any) -> bytes:
    """Sorted keys, UTF-8 (no \\u escapes), no whitespace between elements."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def report_name(fmt: str) -> str:
    return REPORT + fmt


def recompute(files: Mapping[str, bytes], lineage: Mapping[str, Any]) -> Recomputed:
    """Load the folder's files, compute and render; ``lineage`` fills in what they cannot say.

    Raises :class:`RenderError` with the folder's problems when it does not load.
    """
    with tempfile.TemporaryDirectory(prefix="styra-arkiv-") as tmp:
        loaded = load_files(files, Path(tmp))
        found = loaded.extras.get("lineage")
        recomputed = found if isinstance(found, dict) else {}
        kept = {k: v for k, v in lineage.items() if k not in recomputed}
        loaded.extras["lineage"] = {**kept, **recomputed}
        assert loaded.input is not None
        followup = compute(loaded.input)
        rendered = {report_name(fmt): _render(fmt, loaded, followup) for fmt in FORMATS}
    return Recomputed(followup_data(followup, loaded.extras), rendered, kept)


def load_files(files: Mapping[str, bytes], folder: Path) -> Loaded:
    """Write ``files`` (folder-relative names) into ``folder`` and load it; problems raise."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    loaded = load(folder)
    if not loaded.ok or loaded.input is None:
        raise RenderError(list(loaded.problems))
    return loaded


def _render(fmt: str, loaded: Loaded, followup: FollowUp) -> bytes:
    return RENDERERS[fmt](loaded, followup)


def lineage_file(kept: Mapping[str, Any]) -> bytes:
    # Keys in the order given, not sorted: the JSON report keeps that order, and a
    # rendering from this file must give the same bytes.
    return (json.dumps(kept, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_archive(
    files: Mapping[str, bytes], lineage: Mapping[str, Any], about: Mapping[str, Any]
) -> Archive:
    """The archive of a report: ``files`` is the period in the folder format, ``lineage``
    the lineage kept with the data (only what the folder cannot recompute is archived),
    ``about`` says which committee, period and version it is."""
    result = recompute(files, lineage)
    members = {FOLDER + name: content for name, content in files.items()}
    members[LINEAGE] = lineage_file(result.kept)
    members.update(result.rendered)
    content = zip_members(manifest(members, result.data, about), members)
    return Archive(content, sha256(content), result.data)


def manifest(members: Mapping[str, bytes], data: Any, about: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"styra {__version__}",
        "about": dict(about),
        "canonical_json": {"sha256": sha256(canonical_json(data)), "rule": CANONICAL_RULE},
        "files": {
            name: {"sha256": sha256(content), "size": len(content)}
            for name, content in sorted(members.items())
        },
    }


def zip_members(head: Mapping[str, Any], members: Mapping[str, bytes]) -> bytes:
    text = json.dumps(head, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, MANIFEST, text.encode("utf-8"))
        for name, content in sorted(members.items()):
            _write(archive, name, content)
    return out.getvalue()


def _write(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)
