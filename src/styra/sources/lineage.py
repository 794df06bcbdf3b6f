"""Lineage: every computed value keeps where it came from, which rows it used and why.

The JSON report and the web application show these records beside the value, so a
reader can follow a figure back to the rows of the export or the Kolada query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from styra.i18n import _


@dataclass(frozen=True, slots=True)
class FileOrigin:
    """An export file: its path as the indicator names it, and the SHA-256 of its bytes."""

    path: str
    sha256: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": "file", "path": self.path, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class KoladaOrigin:
    """A Kolada query and when it was fetched, kept in a snapshot file."""

    query: str
    fetched_at: str
    path: str = ""
    sha256: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": "kolada",
            "query": self.query,
            "fetched_at": self.fetched_at,
            "path": self.path,
            "sha256": self.sha256,
            "attribution": _("Källa: Kolada"),
        }


Origin = FileOrigin | KoladaOrigin


@dataclass(frozen=True, slots=True)
class RowRef:
    """One source row: its line in the file and/or its id (a Kolada value has no line)."""

    line: int | None
    id: str = ""


@dataclass(frozen=True, slots=True)
class ComputedValue:
    """A value computed from source data, with its lineage.

    ``value`` is what the report shows (rounded as the rule says), ``exact`` the value
    before rounding. ``value`` is None only when the source itself has no value (a Kolada
    value that is missing); ``status`` then says why.
    """

    value: Decimal | None
    unit: str
    origin: Origin
    rows: tuple[RowRef, ...]
    rule: str
    exact: Decimal | None = None
    status: str = ""
    details: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "value": _number(self.value),
            "exact": _number(self.exact),
            "unit": self.unit,
            "status": self.status,
            "rule": self.rule,
            "source": self.origin.as_dict(),
            "row_count": len(self.rows),
            "lines": line_ranges(r.line for r in self.rows if r.line is not None),
            "row_ids": [r.id for r in self.rows if r.id],
            "details": dict(self.details),
        }


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def line_ranges(lines: Iterable[int]) -> str:
    """``2-5,9,12-13``: the lines used, compact enough for 100 000 rows."""
    parts: list[str] = []
    start = previous = None
    for line in sorted(set(lines)):
        if previous is not None and line == previous + 1:
            previous = line
            continue
        if start is not None:
            parts.append(_span(start, previous))
        start = previous = line
    if start is not None:
        parts.append(_span(start, previous))
    return ",".join(parts)


def _span(start: int, end: int | None) -> str:
    return str(start) if end in (None, start) else f"{start}-{end}"


def file_origin(path: Path, shown_as: str) -> FileOrigin:
    return FileOrigin(shown_as, sha256_of(path))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
