"""The files behind computed values, kept at folder import and written back at export.

At import every file an indicator's source names (the export and its column mapping) and
the sharing key's Kolada snapshot are kept byte for byte. An export writes them back and
names them again, so the folder loads with the same values and the same lineage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from styra.folder.parts import plain
from styra.folder.yamlfile import Mapping as YamlMapping
from styra.sources import population_key, snapshot_from_json
from styra.web.followup import models as m
from styra.web.followup.lineage import entered_by_hand

FILE_KEYS = ("file", "mapping")  # the keys of an indicator's source that name a file


def referenced(specs: Iterable[Mapping[str, Any]], kolada: Mapping[str, str]) -> list[str]:
    """The files named by the indicators' sources and by the sharing key, each once."""
    names = [
        str(spec[key]) for spec in specs for key in FILE_KEYS if isinstance(spec.get(key), str)
    ]
    names += [kolada["file"]] if kolada.get("file") else []
    return sorted({n for n in names if n and inside(n)})


def inside(name: str) -> bool:
    """A path relative to the folder that stays inside it (an export writes it there)."""
    path = PurePosixPath(name)
    return "\\" not in name and not path.is_absolute() and ".." not in path.parts


def keep(period: m.Period, folder: Path, names: Iterable[str]) -> None:
    for name in names:
        path = folder / name
        if not path.is_file():
            continue  # the loader has already said so
        content = path.read_bytes()
        m.SourceFile.objects.create(
            period=period, path=name, content=content, sha256=hashlib.sha256(content).hexdigest()
        )


def kolada_spec(committee_doc: YamlMapping | None) -> dict[str, str]:
    """committee.yaml's ``sharing.kolada`` as plain text (file, kpi, year), or nothing."""
    sharing = committee_doc.get("sharing") if committee_doc else None
    found = sharing.get("kolada") if isinstance(sharing, YamlMapping) else None
    return plain(found) if found is not None else {}


def stored(period: m.Period) -> dict[str, bytes]:
    rows = m.SourceFile.objects.filter(period=period).values_list("path", "content")
    return {path: bytes(content) for path, content in rows}


def exported_source(ind: m.Indicator, kept: Mapping[str, bytes]) -> dict[str, Any] | None:
    """The source to write for an indicator instead of its value, or None to write the value.

    Only a value computed from an export at import and not replaced by hand, and only when
    every file its source names is kept: otherwise the folder would not load, or the loader
    would put the computed value back over the one a person entered.
    """
    spec = dict(ind.source or {})
    if "source" not in (ind.lineage or {}) or entered_by_hand(ind, ind.result.value):
        return None
    files = [spec[key] for key in FILE_KEYS if isinstance(spec.get(key), str)]
    return spec if files and all(f in kept for f in files) else None


def kolada_reference(key: m.SharingKey, kept: Mapping[str, bytes]) -> dict[str, str] | None:
    """The sharing key's Kolada snapshot to name again, when its weights are still the key's."""
    spec = dict(key.kolada or {})
    content = kept.get(str(spec.get("file", "")))
    if content is None or not str(spec.get("year", "")).isdigit():
        return None
    try:
        snapshot, _problems = snapshot_from_json(content.decode("utf-8"), spec["file"])
    except UnicodeDecodeError:
        return None
    if snapshot is None:
        return None
    rows = key.weights.select_related("member__municipality")
    weights = {w.member.municipality.code: w.weight for w in rows}
    kpi = spec.get("kpi") or "N01951"
    found, _problems = population_key(
        snapshot, list(weights), int(spec["year"]), kpi=kpi, file=spec["file"]
    )
    return spec if found == weights else None
