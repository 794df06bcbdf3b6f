"""``styra history ÅRSMAPP... --into MAPP``: earlier years' indicator values, kept for trends.

Each earlier folder is an annual period's folder; each indicator's value that year (entered,
computed from a source or derived from the ledger) is written by its id to the target
folder's ``indicator-history.yaml``, beside what the file already holds. Exit 0: written;
1: an earlier folder has errors; 2: wrong use (a folder of the same or a later year, or the
file cannot be read or written).
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from styra.command import WRONG_USE, complain, os_problem
from styra.i18n import _


def add_parser(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "history",
        help=_("hämta indikatorernas värden från tidigare års mappar"),
        description=_(
            "Läser tidigare års mappar och skriver varje indikators värde, efter dess id, till "
            "indicator-history.yaml i mappen efter --into, så att rapporten visar historik och "
            "trend. Slutkod 0: skrivet; 1: en tidigare mapp har fel; 2: fel användning."
        ),
    )
    command.add_argument("earlier", nargs="+", metavar=_("ÅRSMAPP"), help=_("tidigare års mappar"))
    command.add_argument("--into", required=True, metavar=_("MAPP"), help=_("årets mapp"))
    command.set_defaults(func=run)


class _Stop(Exception):
    """Stop with this exit code; what went wrong has been printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _printed(problems: Any, code: int) -> _Stop:
    for problem in problems:
        print(problem, file=sys.stderr)
    return _Stop(code)


def run(args: argparse.Namespace) -> int:
    from styra.folder.indicator_history import HISTORY_FILE, history_text  # noqa: PLC0415
    from styra.folder.loader import load  # noqa: PLC0415

    target = Path(args.into)
    current = load(target)
    if current.input is None:
        return _printed(current.problems, 1).code
    year = current.input.period.year
    try:
        values = _existing(target, year)
        added = sum(_collect(Path(earlier), year, values) for earlier in args.earlier)
    except _Stop as stop:
        return stop.code
    path = target / HISTORY_FILE
    try:
        path.write_text(history_text(values), encoding="utf-8")
    except OSError as exc:
        complain("history", os_problem(exc, path, writing=True))
        return WRONG_USE
    print(_("Skrev {n} värden till {path}.").format(n=added, path=path))
    return 0


def _existing(target: Path, year: int) -> dict[str, dict[int, Decimal]]:
    """What the target's indicator-history.yaml already holds."""
    from styra.folder.fields import FileReader  # noqa: PLC0415
    from styra.folder.indicator_history import HISTORY_FILE, read_indicator_history  # noqa: PLC0415
    from styra.folder.loader import read_yaml  # noqa: PLC0415
    from styra.problems import Problem  # noqa: PLC0415

    problems: list[Problem] = []
    doc = read_yaml(target, HISTORY_FILE, problems, required=False)
    found = (
        {} if doc is None else read_indicator_history(FileReader(HISTORY_FILE, problems), doc, year)
    )
    if problems:
        raise _printed(problems, WRONG_USE)
    return {ident: {y: v for y, (v, _line) in years.items()} for ident, years in found.items()}


def _collect(earlier: Path, year: int, values: dict[str, dict[int, Decimal]]) -> int:
    """Each indicator's value in ``earlier``'s year added to ``values``; how many."""
    from styra.core.followup import compute  # noqa: PLC0415
    from styra.folder.loader import load  # noqa: PLC0415

    loaded = load(earlier)
    if not loaded.ok or loaded.input is None:
        raise _printed(loaded.problems, 1)
    that_year = loaded.input.period.year
    if that_year >= year:
        complain(
            "history",
            _("{folder} gäller {that}, inte ett år före {year}").format(
                folder=earlier, that=that_year, year=year
            ),
        )
        raise _Stop(WRONG_USE)
    added = 0
    for goal in compute(loaded.input).goals:
        for result in goal.indicators:
            if result.indicator.value is not None:
                values.setdefault(result.indicator.id, {})[that_year] = result.indicator.value
                added += 1
    return added
