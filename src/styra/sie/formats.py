"""One door for both formats: ``read`` sends SIE 5 (XML) to ``sie5`` and the rest to the
SIE 4 reader, by the file's first bytes (a SIE 4 file starts with ``#``, XML with ``<``)."""

from __future__ import annotations

from pathlib import Path

from styra.sie.reader import ReadResult
from styra.sie.reader import read as read_sie4

Source = Path | str | bytes


def read(source: Source, name: str | None = None) -> ReadResult:
    """Read a SIE 4 or SIE 5 file: a path, or its bytes (``name`` then names it)."""
    from styra.sie import sie5  # noqa: PLC0415 - the XML reader loads only for XML

    if sie5.is_sie5(source):
        return sie5.read(source, name)
    return read_sie4(source, name)
