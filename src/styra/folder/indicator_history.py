"""``indicator-history.yaml``: indicators' values in earlier years, kept beside goals.yaml.

    indicators:
      "1.5": {2022: 150, 2023: 120}
      "2.3": {2023: "3,1"}

``styra history`` writes it from earlier years' folders (each indicator's value by its id);
a controller may also write it by hand. The years are merged into each indicator's
history; a year that goals.yaml's ``history`` also gives with another value is an error at
its line here, an id that no indicator has a warning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from styra.core.goals import Goal
from styra.core.trend import history_problem
from styra.folder.fields import FileReader
from styra.folder.parts import YEAR
from styra.folder.yamlfile import Mapping
from styra.i18n import _

HISTORY_FILE = "indicator-history.yaml"


def read_indicator_history(
    r: FileReader, doc: Mapping, year: int
) -> dict[str, dict[int, tuple[Decimal, int]]]:
    """Indicator id → year → (value, line)."""
    r.known_keys(doc, "indicators")
    found: dict[str, dict[int, tuple[Decimal, int]]] = {}
    indicators = r.mapping(doc, "indicators")
    if indicators is None:
        return found
    for ident in indicators.entries:
        years = r.mapping(indicators, ident)
        if years is None:
            continue
        for key in years.entries:
            line = years.line_of(key)
            if not YEAR.match(key):
                r.fail(_("»{key}» är inget årtal").format(key=key), line)
                continue
            problem = history_problem([(int(key), Decimal(0))], year)
            value = r.decimal(years, key)
            if problem:
                r.fail(problem, line)
            elif value is not None:
                found.setdefault(ident, {})[int(key)] = (value, line)
    return found


def merge_history(
    r: FileReader, goals: Sequence[Goal], given: dict[str, dict[int, tuple[Decimal, int]]]
) -> tuple[Goal, ...]:
    """Each indicator with the file's years added to its own history."""
    known = {i.id for g in goals for i in g.indicators}
    for ident, years in given.items():
        if ident not in known:
            line = min(line for _value, line in years.values())
            r.warn(_("indikatorn »{id}» finns inte i goals.yaml").format(id=ident), line)
    updated = []
    for goal in goals:
        indicators = []
        for ind in goal.indicators:
            own = dict(ind.history)
            for y, (value, line) in sorted(given.get(ind.id, {}).items()):
                if y in own and own[y] != value:
                    r.fail(
                        _(
                            "indikator {id} år {year}: goals.yaml säger {own}, här står {value}"
                        ).format(id=ind.id, year=y, own=own[y], value=value),
                        line,
                    )
                own.setdefault(y, value)
            indicators.append(dataclasses.replace(ind, history=tuple(sorted(own.items()))))
        updated.append(dataclasses.replace(goal, indicators=tuple(indicators)))
    return tuple(updated)


def history_text(values: dict[str, dict[int, Decimal]]) -> str:
    """The file's text for ``values`` (id → year → value), ids and years in order."""
    lines = ["indicators:"]
    for ident in sorted(values, key=_natural):
        years = ", ".join(f"{y}: {_plain(v)}" for y, v in sorted(values[ident].items()))
        lines.append(f'  "{ident}": {{{years}}}')
    return "\n".join(lines) + "\n"


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def _natural(ident: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in ident.replace(".", " ").split()]
