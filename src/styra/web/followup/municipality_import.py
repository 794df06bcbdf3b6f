"""A municipality's folder into the database: the council's governance and goals for the
year, then each committee's sub-folder through the committee import (``import_folder``),
all in one transaction, or nothing and the problems."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from styra.core.council import CouncilGoal
from styra.core.followup import Governance
from styra.folder.municipality import CommitteeFolder, load_municipality
from styra.problems import Problem, Severity, error, warning
from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.folder_import import (
    governance_fields,
    import_folder,
    link_goals,
    link_problems,
    override_fields,
    period_slug,
    store_history,
)


@dataclass(frozen=True)
class MunicipalityImport:
    municipality: m.Municipality | None
    periods: tuple[m.Period, ...]
    problems: tuple[Problem, ...]


class _Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


def import_municipality(
    folder: Path, *, user: Any = None, slugs: Mapping[str, str] | None = None
) -> MunicipalityImport:
    """``slugs`` names the committee of a sub-folder (by default the sub-folder's name). A
    committee that already holds the period (imported alone before) keeps it; only its
    goals' links to the KF-mål are taken from the sub-folder, and a warning says so."""
    loaded = load_municipality(folder)
    if not loaded.ok or loaded.period is None or loaded.governance is None:
        return MunicipalityImport(None, (), loaded.problems)
    problems = list(loaded.problems)
    try:
        with transaction.atomic():
            municipality = _municipality(loaded.code, loaded.name)
            year = loaded.period.year
            _council(municipality, year, loaded.governance, loaded.council_goals, folder)
            periods = [
                _committee(
                    sub,
                    folder,
                    municipality,
                    (slugs or {}).get(sub.name, sub.name),
                    user=user,
                    problems=problems,
                )
                for sub in loaded.committees
            ]
            audit.record_municipal(
                municipality, user, m.ItemKind.COUNCIL_GOAL, municipality,
                {"import": ("", folder.name)}, note=_("inläst från kommunens mapp"),
            )  # fmt: skip
    except _Refused as refused:
        return MunicipalityImport(None, (), (*problems, *refused.problems))
    return MunicipalityImport(municipality, tuple(periods), tuple(problems))


def _municipality(code: str, name: str) -> m.Municipality:
    found = m.Municipality.objects.filter(code=code).first() if code else None
    if found is None:
        found = m.Municipality.objects.filter(code="", name=name).first()
    return found or m.Municipality.objects.create(code=code, name=name)


def _council(
    municipality: m.Municipality,
    year: int,
    governance: Governance,
    goals: tuple[CouncilGoal, ...],
    folder: Path,
) -> None:
    if m.CouncilGovernance.objects.filter(municipality=municipality, year=year).exists():
        message = _("%(m)s har redan kommunfullmäktiges mål för %(year)s") % {
            "m": municipality.name,
            "year": year,
        }
        raise _Refused([error(message, file=str(folder / "council-goals.yaml"))])
    m.CouncilGovernance.objects.create(
        municipality=municipality, year=year, **governance_fields(governance)
    )
    for position, goal in enumerate(goals):
        stored = m.CouncilGoal.objects.create(
            municipality=municipality,
            year=year,
            key=goal.id,
            name=goal.name,
            description=goal.description,
            position=position,
        )
        for index, ind in enumerate(goal.indicators):
            row = m.CouncilIndicator.objects.create(
                council_goal=stored,
                key=ind.id,
                name=ind.name,
                unit=ind.unit,
                position=index,
                target_kind=ind.target.kind.value,
                target_value=ind.target.value,
                target_wording=ind.target.wording,
                baseline=ind.baseline,
                value=ind.value,
                analysis=ind.analysis,
                **override_fields(ind.override),
            )
            store_history(row, ind.history)


def _committee(
    sub: CommitteeFolder,
    folder: Path,
    municipality: m.Municipality,
    slug: str,
    *,
    user: Any,
    problems: list[Problem],
) -> m.Period:
    data = sub.loaded.input
    assert data is not None  # the municipality's folder loaded without errors
    committee, _made = m.Committee.objects.get_or_create(
        slug=slug, defaults={"name": data.committee.name, "municipality": municipality}
    )
    if committee.municipality_id != municipality.pk:
        message = _("nämnden %(c)s hör till en annan kommun") % {"c": committee}
        raise _Refused([error(message, file=f"{sub.name}/committee.yaml")])
    existing = m.Period.objects.filter(committee=committee, slug=period_slug(data.period)).first()
    if existing is None:
        result = import_folder(folder / sub.name, committee, user=user)
        if result.period is None:
            raise _Refused(
                [_inside(sub.name, p) for p in result.problems if p.severity is Severity.ERROR]
            )
        return result.period
    found = link_problems(committee, existing.year, data.goals, {})
    if found:
        raise _Refused([_inside(sub.name, p) for p in found])
    link_goals(existing, data.goals)
    audit.touch(existing)
    note = _("perioden %(p)s fanns redan i %(c)s: bara målens kopplingar till KF-mål lästes in") % {
        "p": existing.slug,
        "c": committee,
    }
    problems.append(warning(note, file=f"{sub.name}/goals.yaml"))
    return existing


def _inside(sub: str, p: Problem) -> Problem:
    """The problem with its file named inside the municipality's folder."""
    file = f"{sub}/{p.source.file}" if p.source.file else sub
    return dataclasses.replace(p, source=dataclasses.replace(p.source, file=file))
