"""The population key for sharing a joint committee's result, from a Kolada snapshot."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from styra.i18n import _
from styra.problems import Problem
from styra.sources._files import read_text
from styra.sources._problems import field_error
from styra.sources.kolada import POPULATION_KPI, KoladaSnapshot, snapshot_from_json


def load_kolada_snapshot(path: Path, shown_as: str) -> tuple[KoladaSnapshot | None, list[Problem]]:
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, problems
    return snapshot_from_json(text, shown_as)


def population_key(
    snapshot: KoladaSnapshot,
    municipalities: Sequence[str],
    year: int,
    *,
    kpi: str = POPULATION_KPI,
    file: str = "",
) -> tuple[dict[str, Decimal], list[Problem]]:
    """Inhabitants per member municipality (31 December of ``year``), as sharing weights.

    Every member must have a value; a missing one is a problem, never a zero weight.
    """
    weights: dict[str, Decimal] = {}
    problems: list[Problem] = []
    for municipality in municipalities:
        found = snapshot.find(kpi, municipality, year)
        if found is None or found.value is None:
            message = _missing(kpi, municipality, year, found.status if found else "")
            problems.append(field_error(message, file, "", code="sources.kolada-missing"))
            continue
        weights[municipality] = found.value
    return weights, problems


def _missing(kpi: str, municipality: str, year: int, status: str) -> str:
    if status:
        return _("Kolada saknar {kpi} för {municipality} år {year} ({status})").format(
            kpi=kpi, municipality=municipality, year=year, status=status
        )
    return _("Kolada saknar {kpi} för {municipality} år {year}").format(
        kpi=kpi, municipality=municipality, year=year
    )
