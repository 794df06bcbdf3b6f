"""The folder format into the database: a whole period, atomically, or nothing and problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from styra.core import followup as core
from styra.core.cycle.forecast import Forecast
from styra.core.cycle.history import PastForecast
from styra.core.cycle.interim import Interim
from styra.core.goals import Goal, Indicator, Override
from styra.core.wording import Wording
from styra.folder import load, parts
from styra.folder.fields import FileReader
from styra.folder.loader import read_yaml
from styra.problems import Problem, error, has_errors
from styra.web.followup import ledgers, source_files
from styra.web.followup import models as m
from styra.web.followup.cycle import stored_profile

KIND_SLUGS = {"annual": "helar", "interim": "delar", "tertial": "tertial", "month": "manad"}


@dataclass(frozen=True)
class FolderImport:
    period: m.Period | None
    problems: tuple[Problem, ...]


def period_slug(p: core.Period) -> str:
    return slug_for(p.year, p.kind.value, p.end)


def slug_for(year: int, kind: str, end: date) -> str:
    """``2024-helar``, ``2024-delar-0831``, ``2024-manad-0930``: one slug per kind and end."""
    base = f"{year}-{KIND_SLUGS[kind]}"
    return base if kind == core.PeriodKind.ANNUAL.value else f"{base}-{end:%m%d}"


def import_folder(
    folder: Path, committee: m.Committee, *, user: Any = None, slug: str = ""
) -> FolderImport:
    loaded = load(folder)
    if not loaded.ok or loaded.input is None:
        return FolderImport(None, loaded.problems)
    settings, mapping, kolada = _settings(folder)
    data = loaded.input
    slug = slug or period_slug(data.period)
    if m.Period.objects.filter(committee=committee, slug=slug).exists():
        message = _("perioden %(p)s finns redan för %(c)s") % {"p": slug, "c": committee}
        problem = error(message, file=str(folder))
        return FolderImport(None, (*loaded.problems, problem))
    sources, link_lines = _sources(folder)
    unknown = link_problems(committee, data.period.year, data.goals, link_lines)
    if unknown:
        return FolderImport(None, (*loaded.problems, *unknown))
    lineage = loaded.extras.get("lineage")
    computed = {
        k: v
        for k, v in (lineage if isinstance(lineage, dict) else {}).items()
        if isinstance(v, dict) and "source" in v  # from an export; the ledger's is recomputed
    }
    with transaction.atomic():
        period = _period(committee, data, slug)
        _governance(period, data.governance)
        _sharing(period, committee, data.sharing_key, kolada)
        for position, goal in enumerate(data.goals):
            _goal(period, goal, position, data.derived, sources, lineage=computed)
        link_goals(period, data.goals)
        lines, projects = _accounts(period, mapping)
        _narrative(period, data.narrative)
        interim = loaded.extras.get("interim")
        if isinstance(interim, Interim):
            _forecasts(period, interim, lines, projects)
        period.imported_history = history_entries(loaded.extras.get("history"), mapping)
        period.save(update_fields=["imported_history"])
        problems = _ledgers(period, folder, settings, user)
        if has_errors(problems):
            transaction.set_rollback(True)
            return FolderImport(None, (*loaded.problems, *problems))
        source_files.keep(period, folder, source_files.referenced(sources.values(), kolada))
        m.Change.objects.create(
            period=period,
            by=user,
            by_name=str(user or "system"),
            item_kind=m.ItemKind.PERIOD,
            item_id=period.pk,
            item_label=str(period),
            field="import",
            new=folder.name,
            note="inläst från mappformatet",
        )
    return FolderImport(period, loaded.problems)


def _settings(
    folder: Path,
) -> tuple[parts.CommitteeSettings, parts.AccountMapping, dict[str, str]]:
    """The file names, account settings and Kolada snapshot the core's input does not carry."""
    scratch: list[Problem] = []
    committee_doc = read_yaml(folder, "committee.yaml", scratch)
    accounts_doc = read_yaml(folder, "accounts.yaml", scratch)
    assert committee_doc is not None and accounts_doc is not None  # load() read them already
    settings = parts.read_committee(FileReader("committee.yaml", scratch), committee_doc)
    mapping = parts.read_accounts(FileReader("accounts.yaml", scratch), accounts_doc)
    assert settings is not None and mapping is not None
    return settings, mapping, source_files.kolada_spec(committee_doc)


def _sources(folder: Path) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """Each indicator's source as written (the values computed from them come with load()),
    and the line of each goal's ``council_goals``."""
    scratch: list[Problem] = []
    doc = read_yaml(folder, "goals.yaml", scratch)
    goals = parts.read_goals(FileReader("goals.yaml", scratch), doc) if doc else None
    return (goals.sources, goals.link_lines) if goals else ({}, {})


def council_goals_of(committee: m.Committee, year: int) -> dict[str, m.CouncilGoal]:
    """The KF-mål a goal of the committee may name: its host municipality's, of the year."""
    found = m.CouncilGoal.objects.filter(municipality_id=committee.municipality_id, year=year)
    return {c.key: c for c in found}


def link_problems(
    committee: m.Committee, year: int, goals: Sequence[Goal], lines: Mapping[str, int]
) -> list[Problem]:
    """A goal may name only a KF-mål that its municipality has for the year: the one rule
    for links, whichever way they come in (a folder, the demo, the admin's choices)."""
    known = council_goals_of(committee, year)
    problems = []
    for goal in goals:
        for key in goal.council_goals:
            if key in known:
                continue
            message = _(
                "nämndmålet »%(goal)s» bryter ner KF-mål »%(key)s», som %(m)s inte har för %(year)s"
            ) % {"goal": goal.id, "key": key, "m": committee.municipality.name, "year": year}
            hint = _("lägg in kommunfullmäktiges mål först (kommunens mapp eller administrationen)")
            problems.append(error(message, file="goals.yaml", line=lines.get(goal.id), hint=hint))
    return problems


def link_goals(period: m.Period, goals: Sequence[Goal]) -> None:
    """Each stored goal of the period linked to the KF-mål its record names (checked first
    with ``link_problems``)."""
    known = council_goals_of(period.committee, period.year)
    for stored in m.Goal.objects.filter(period=period):
        named = next((g.council_goals for g in goals if g.id == stored.key), ())
        stored.council_goals.set([known[k] for k in named if k in known])


def store_history(
    ind: m.Indicator | m.CouncilIndicator, history: Sequence[tuple[int, Decimal]]
) -> None:
    field = "indicator" if isinstance(ind, m.Indicator) else "council_indicator"
    m.IndicatorYear.objects.bulk_create(
        [m.IndicatorYear(**{field: ind}, year=year, value=value) for year, value in history]
    )


def _period(committee: m.Committee, data: core.FollowUpInput, slug: str) -> m.Period:
    default = Wording()
    wording = {
        f.name: getattr(data.wording, f.name)
        for f in fields(Wording)
        if getattr(data.wording, f.name) != getattr(default, f.name)
    }
    p = data.period
    return m.Period.objects.create(
        committee=committee,
        slug=slug,
        year=p.year,
        kind=p.kind.value,
        start=p.start,
        end=p.end,
        report_date=p.report_date,
        wording=wording,
    )


def governance_fields(g: core.Governance) -> dict[str, Any]:
    """A rule set's stored fields (``RuleSet``), the committee's or the council's."""
    return {
        "model": g.model,
        "description": g.description,
        "partial_kind": g.partial_policy.kind.value,
        "partial_share": g.partial_policy.share,
        "rollup_share": g.rules.partial_share,
        "rollup_empty": g.rules.empty.value,
        "rollup_all_missing": g.rules.all_missing.value,
        "principles": list(g.rules.principles),
    }


def _governance(period: m.Period, g: core.Governance) -> None:
    m.Governance.objects.create(period=period, **governance_fields(g))


def _sharing(period: m.Period, committee: m.Committee, key: Any, kolada: dict[str, str]) -> None:
    if key is None:
        return
    stored = m.SharingKey.objects.create(
        period=period,
        basis=key.basis,
        reference_date=key.reference_date,
        source=key.source,
        rounding=key.rounding.value,
        kolada=kolada,
    )
    for position, member in enumerate(key.members):
        municipality = _municipality(member.code, member.name)
        row, _ = m.Member.objects.get_or_create(
            committee=committee, municipality=municipality, defaults={"label": member.name}
        )
        if row.label != member.name:
            row.label = member.name
            row.save(update_fields=["label"])
        m.KeyWeight.objects.create(key=stored, member=row, weight=member.weight, position=position)


def _municipality(code: str, name: str) -> m.Municipality:
    found = m.Municipality.objects.filter(code=code).first()
    return found or m.Municipality.objects.create(code=code, name=name)


def override_fields(o: Override | None) -> dict[str, Any]:
    if o is None:
        return {}
    return {
        "override_status": o.status.value,
        "override_justification": o.justification,
        "override_by": o.by,
        "override_at": o.at,
    }


def _goal(
    period: m.Period,
    goal: Goal,
    position: int,
    derived: Any,
    sources: dict[str, dict[str, str]],
    *,
    lineage: dict[str, Any],
) -> None:
    stored = m.Goal.objects.create(
        period=period,
        key=goal.id,
        name=goal.name,
        position=position,
        no_indicators=goal.no_indicators,
        **override_fields(goal.override),
    )
    for index, ind in enumerate(goal.indicators):
        source = sources.get(ind.id, {})
        _indicator(
            stored, ind, index, derived.get(ind.id), source=source, lineage=lineage.get(ind.id, {})
        )


def _indicator(
    goal: m.Goal,
    ind: Indicator,
    position: int,
    derived: Any,
    *,
    source: dict[str, str],
    lineage: dict[str, Any],
) -> None:
    stored = m.Indicator.objects.create(
        goal=goal,
        key=ind.id,
        name=ind.name,
        unit=ind.unit,
        position=position,
        target_kind=ind.target.kind.value,
        target_value=ind.target.value,
        target_wording=ind.target.wording,
        baseline=ind.baseline,
        derived=derived.value if derived else "",
        source=source,
        lineage=lineage,
    )
    m.Result.objects.filter(indicator=stored).update(
        value=ind.value, analysis=ind.analysis, **override_fields(ind.override)
    )
    store_history(stored, ind.history)


def _accounts(
    period: m.Period, mapping: parts.AccountMapping
) -> tuple[list[m.ReportLine], list[m.InvestmentProject]]:
    m.AccountPlan.objects.create(
        period=period,
        scope=", ".join(str(r).replace("–", "-") for r in mapping.scope),
        total_revenue=mapping.labels.total_revenue,
        total_cost=mapping.labels.total_cost,
        net_result=mapping.labels.net_result,
        investment_dimension=mapping.dimension,
        investment_accounts=", ".join(
            str(r).replace("–", "-") for r in mapping.investment_accounts
        ),
        investment_total_label=mapping.investment_total_label,
        large_deviation_tkr=mapping.large_deviation.tkr,
        large_deviation_share=mapping.large_deviation.share,
    )
    lines = [
        m.ReportLine.objects.create(
            period=period,
            key=line.id,
            label=line.label,
            section=line.section.value,
            accounts=", ".join(str(r).replace("–", "-") for r in line.ranges),
            position=position,
            analysis=mapping.analysis.get(line.label, ""),
            profile=stored_profile(mapping.profiles.get(line.label)),
        )
        for position, line in enumerate(mapping.lines)
    ]
    projects = [
        m.InvestmentProject.objects.create(
            period=period, label=project.label, object_id=project.object_id, position=position
        )
        for position, project in enumerate(mapping.projects)
    ]
    return lines, projects


def _forecasts(
    period: m.Period,
    interim: Interim,
    lines: list[m.ReportLine],
    projects: list[m.InvestmentProject],
) -> None:
    """forecast.yaml's choices, as the loader checked them with ``forecast_problem``."""
    for line, found in zip(lines, interim.lines, strict=True):
        _forecast(period, found.forecast, line=line)
    for project, found in zip(projects, interim.projects, strict=True):
        _forecast(period, found.forecast, project=project)
    for ind in m.Indicator.objects.filter(goal__period=period):
        given = interim.indicator_forecasts.get(ind.key)
        if given is not None:
            m.IndicatorForecast.objects.create(
                indicator=ind,
                forecast_value=given.value,
                forecast_status=given.status.value if given.status else "",
                forecast_reason=given.reason,
            )


def _forecast(period: m.Period, forecast: Forecast | None, **item: Any) -> None:
    if forecast is None:
        return
    m.Forecast.objects.create(
        period=period,
        method=forecast.method.value if forecast.method else None,
        amount=forecast.amount,
        comment=forecast.comment,
        **item,
    )


def history_entries(history: object, mapping: parts.AccountMapping) -> list[dict[str, Any]]:
    """forecast-history.yaml as read (``PastForecast``s), kept as the file's entries."""
    if not isinstance(history, tuple | list):
        return []
    names = {ln.label: ln.id or ln.label for ln in mapping.lines}
    entries = []
    for past in history:
        if not isinstance(past, PastForecast):
            continue
        entry: dict[str, Any] = {"end": past.end.isoformat()}
        if past.name:
            entry["name"] = past.name
        entry["operating"] = [
            {"line": names.get(label, label), "amount": tkr_text(amount)}
            | ({"comment": past.comments[label]} if past.comments.get(label) else {})
            for label, amount in past.lines.items()
        ]
        entry["investment"] = [
            {"project": obj, "amount": tkr_text(amount)} for obj, amount in past.projects.items()
        ]
        entries.append(entry)
    return entries


def tkr_text(kronor: Decimal) -> str:
    """Kronor as tkr, exactly, as plain text: 1234567.89 kr is ``1234.56789``."""
    value = kronor.scaleb(-3)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _narrative(period: m.Period, sections: tuple[core.Narrative, ...]) -> None:
    for position, section in enumerate(sections):
        m.NarrativeSection.objects.create(
            period=period,
            key=section.key,
            title=section.title,
            markdown=section.markdown,
            position=position,
        )


def _ledgers(
    period: m.Period, folder: Path, settings: parts.CommitteeSettings, user: Any
) -> list[Problem]:
    problems: list[Problem] = []
    files = {
        m.LedgerKind.LEDGER: settings.ledger,
        m.LedgerKind.BUDGET: settings.budget,
        m.LedgerKind.PREVIOUS: settings.previous_ledger,
    }
    for kind, name in files.items():
        if not name:
            continue
        imp = ledgers.create_import(
            period, kind, name, (folder / name).read_bytes(), user, state=m.ImportState.ACTIVE
        )
        problems += ledgers.problems_of(imp)
        setattr(period, kind.value, imp)
    period.save(update_fields=["ledger", "budget", "previous"])
    return problems
