"""Each export parsed once, and each of its problems reported once, per load of a folder.

Several indicators often use the same export (four use the ticket export in the model
report). Parsing is the slow part, so parsed rows are kept per (kind, file, SHA-256 of its
bytes, mapping) for the process: a changed file has another hash and is parsed again.

Problems are per load: a ``SourceCache`` passed to every ``compute_indicator_value`` of
one load reports each problem the first time only, so one bad row is one problem, not
one per indicator. Without it, each call reports everything it found.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from styra.problems import Problem
from styra.sources.lineage import sha256_of
from styra.sources.mapping import ExportMapping
from styra.sources.table import Table, read_table

T = TypeVar("T")
Parser = Callable[[Table, ExportMapping], tuple[tuple[T, ...], list[Problem]]]
_Key = tuple[str, str, str, str, ExportMapping]
_Parsed = tuple[tuple[Any, ...] | None, tuple[Problem, ...]]

MAX_EXPORTS = 16
"""Parsed exports kept in the process (the least recently used go first)."""

_parsed: dict[_Key, _Parsed] = {}
_lock = threading.Lock()


class SourceCache:
    """One load of a folder: pass the same instance to each ``compute_indicator_value``."""

    def __init__(self) -> None:
        self._reported: set[Problem] = set()

    def first_time(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems not reported before in this load, in their order."""
        fresh = []
        for problem in problems:
            if problem not in self._reported:
                self._reported.add(problem)
                fresh.append(problem)
        return fresh


def parsed_export(
    kind: str, parse: Parser[T], path: Path, shown_as: str, mapping: ExportMapping
) -> tuple[tuple[T, ...] | None, list[Problem]]:
    """The export's rows parsed by ``parse`` (None when the file cannot be read)."""
    key = _key(kind, path, shown_as, mapping)
    if key is not None:
        with _lock:
            found = _parsed.pop(key, None)
            if found is not None:
                _parsed[key] = found  # now the most recently used
        if found is not None:
            return found[0], list(found[1])
    rows, problems = _parse(parse, path, shown_as, mapping)
    if key is not None:
        with _lock:
            _parsed[key] = (rows, tuple(problems))
            while len(_parsed) > MAX_EXPORTS:
                del _parsed[next(iter(_parsed))]
    return rows, problems


def clear() -> None:
    """Forget every parsed export (for tests and long-running processes)."""
    with _lock:
        _parsed.clear()


def _key(kind: str, path: Path, shown_as: str, mapping: ExportMapping) -> _Key | None:
    try:
        digest = sha256_of(path)
    except OSError:
        return None  # not cached: reading reports why the file cannot be read
    return kind, str(path), shown_as, digest, mapping


def _parse(
    parse: Parser[T], path: Path, shown_as: str, mapping: ExportMapping
) -> tuple[tuple[T, ...] | None, list[Problem]]:
    table, problems = read_table(
        path,
        shown_as,
        delimiter=mapping.setting("delimiter"),
        sheet=mapping.setting("sheet"),
        encoding=mapping.setting("encoding"),
    )
    if table is None:
        return None, problems
    rows, found = parse(table, mapping)
    return rows, problems + found
