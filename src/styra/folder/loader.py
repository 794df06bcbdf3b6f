"""Loads one committee's period from a folder, validating everything and reporting every problem.

The folder holds:

- ``committee.yaml``: the committee, the host municipality, the period, the members with
  the sharing key, and the names of the ledger and budget files;
- ``governance.yaml``: the governance model, its partial policy and roll-up rules;
- ``goals.yaml``: goals and indicators with targets, values and overrides;
- ``accounts.yaml``: operating-account lines as account ranges, and investment projects;
- ``report.yaml`` (optional): reworded sentences and the narrative sections;
- the ledger (SIE 4E) and the budget (SIE with #PBUDGET), and Markdown narrative files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from styra.core.assessment import PartialKind
from styra.core.cycle.figures import interim_figures
from styra.core.cycle.history import PastForecast
from styra.core.cycle.interim import Interim
from styra.core.followup import Finance, FollowUpInput, Governance, Narrative, PeriodKind, compute
from styra.core.goals import Goal
from styra.folder import parts
from styra.folder.cycle import follow_up_period
from styra.folder.fields import FileReader
from styra.folder.finance import Ledgers, analysis_warnings, read_finance, read_ledgers
from styra.folder.history import HISTORY_FILE, read_history
from styra.folder.indicator_history import HISTORY_FILE as INDICATOR_HISTORY_FILE
from styra.folder.indicator_history import merge_history, read_indicator_history
from styra.folder.indicator_sources import apply_sources
from styra.folder.interim import (
    FORECAST_FILE,
    ForecastFile,
    compute_interim,
    missing_forecasts,
    read_forecast_file,
)
from styra.folder.yamlfile import Mapping, NotText, YamlError, decode_text, parse
from styra.i18n import _
from styra.problems import Problem, error, has_errors, warning


@dataclass(frozen=True)
class Loaded:
    folder: Path
    input: FollowUpInput | None
    problems: tuple[Problem, ...]
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.input is not None and not has_errors(self.problems)


def read_yaml(
    folder: Path, name: str, problems: list[Problem], *, required: bool = True
) -> Mapping | None:
    path = folder / name
    if not path.is_file():
        if required:
            problems.append(
                error(_("filen saknas"), file=name, hint=_("se examples/ för ett exempel"))
            )
        return None
    try:
        document = parse(decode_text(path.read_bytes()))
    except NotText as exc:
        problems.append(error(exc.message, file=name, line=exc.line, hint=exc.hint))
        return None
    except YamlError as exc:
        problems.append(error(str(exc), file=name, line=exc.line))
        return None
    if not isinstance(document, Mapping):
        problems.append(error(_("filen ska innehålla fält på översta nivån"), file=name, line=1))
        return None
    return document


def load(folder: Path) -> Loaded:
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(error(_("mappen finns inte"), file=str(folder)))
        return Loaded(folder, None, tuple(problems))
    docs = {
        name: read_yaml(folder, name, problems, required=name != "report.yaml")
        for name in (
            "committee.yaml",
            "governance.yaml",
            "goals.yaml",
            "accounts.yaml",
            "report.yaml",
        )
    }
    readers = {name: FileReader(name, problems) for name in docs}
    committee = _get(docs, "committee.yaml")
    settings = (
        parts.read_committee(readers["committee.yaml"], committee, folder) if committee else None
    )
    governance_doc = _get(docs, "governance.yaml")
    governance = (
        parts.read_governance(readers["governance.yaml"], governance_doc)
        if governance_doc
        else None
    )
    goals_doc = _get(docs, "goals.yaml")
    goals = _read_goals(folder, readers["goals.yaml"], goals_doc, settings, problems)
    accounts_doc = _get(docs, "accounts.yaml")
    mapping = parts.read_accounts(readers["accounts.yaml"], accounts_doc) if accounts_doc else None
    report_doc = _get(docs, "report.yaml")
    report = parts.read_report(readers["report.yaml"], report_doc, folder)
    annual = settings is None or settings.period.kind is PeriodKind.ANNUAL
    finance, ledgers = None, None
    if settings and mapping:
        finance, ledgers = _finance(folder, settings, mapping, problems)
    forecast_doc = read_yaml(folder, FORECAST_FILE, problems, required=False)
    history = _history(folder, settings, mapping, problems)
    lineage: dict[str, object] = {}
    if goals and settings:
        computed, lineage = apply_sources(
            folder,
            goals.goals,
            goals.sources,
            goals.derived,
            period=settings.period,
            problems=problems,
        )
        goals = dataclasses.replace(goals, goals=computed)
    if governance and goals:
        problems.extend(_baseline_warnings(governance, goals.goals))
    interim = None
    if annual:
        problems.extend(_unused_forecasts(forecast_doc))
    elif settings and mapping and ledgers and finance and goals and governance:
        interim = _interim(
            settings,
            mapping,
            ledgers,
            goals,
            governance,
            forecast_doc=forecast_doc,
            history=history,
            problems=problems,
        )
    if has_errors(problems) or not (settings and governance and goals and mapping and finance):
        return Loaded(folder, None, tuple(problems))
    data = FollowUpInput(
        committee=settings.committee,
        period=settings.period,
        governance=governance,
        goals=goals.goals,
        finance=finance,
        sharing_key=settings.key,
        narrative=tuple(Narrative(n.key, n.title, n.markdown) for n in report.narrative),
        derived=goals.derived,
        wording=report.wording,
        figures_to_date=None if interim is None else interim_figures(interim),
    )
    problems.extend(_narrative_problems(data, report.narrative))
    if has_errors(problems):
        return Loaded(folder, None, tuple(problems))
    extras: dict[str, object] = {
        "lineage": lineage,
        "history": history,
        "council_links": goals.link_lines,
    }
    if interim is not None:
        extras["interim"] = interim
    return Loaded(folder, data, tuple(problems), extras)


def _finance(
    folder: Path,
    settings: parts.CommitteeSettings,
    mapping: parts.AccountMapping,
    problems: list[Problem],
) -> tuple[Finance | None, Ledgers | None]:
    """The finance; the large-deviation warnings are the annual report's."""
    ledgers = read_ledgers(folder, settings, problems)
    finance = read_finance(folder, settings, mapping, problems, ledgers)
    if finance and settings.period.kind is PeriodKind.ANNUAL:
        problems.extend(analysis_warnings(finance, mapping))
    return finance, ledgers


def _read_goals(
    folder: Path,
    r: FileReader,
    doc: Mapping | None,
    settings: parts.CommitteeSettings | None,
    problems: list[Problem],
) -> parts.Goals | None:
    """goals.yaml, with the years of indicator-history.yaml in each indicator's history."""
    if doc is None:
        return None
    year = settings.period.year if settings else None
    goals = parts.read_goals(r, doc, year=year)
    if goals and year is not None:
        goals = _with_history_file(folder, goals, year, problems)
    return goals


def _with_history_file(
    folder: Path, goals: parts.Goals, year: int, problems: list[Problem]
) -> parts.Goals:
    """The indicators with the years of indicator-history.yaml added, if the file exists."""
    doc = read_yaml(folder, INDICATOR_HISTORY_FILE, problems, required=False)
    if doc is None:
        return goals
    r = FileReader(INDICATOR_HISTORY_FILE, problems)
    merged = merge_history(r, goals.goals, read_indicator_history(r, doc, year))
    return dataclasses.replace(goals, goals=merged)


def _history(
    folder: Path,
    settings: parts.CommitteeSettings | None,
    mapping: parts.AccountMapping | None,
    problems: list[Problem],
) -> tuple[PastForecast, ...]:
    """The year's earlier forecasts (forecast-history.yaml), each problem at its line."""
    doc = read_yaml(folder, HISTORY_FILE, problems, required=False)
    if doc is None or settings is None or mapping is None:
        return ()
    return read_history(
        FileReader(HISTORY_FILE, problems),
        doc,
        lines=mapping.lines,
        projects=mapping.projects,
        fiscal_start=settings.period.start,
        end=settings.period.end,
    )


def _unused_forecasts(forecast_doc: Mapping | None) -> list[Problem]:
    if forecast_doc is None:
        return []
    return [
        warning(
            _("en helårsperiod har ingen prognos; filen används inte"),
            file=FORECAST_FILE,
            hint=_("ange »kind: interim», »tertial» eller »month» under »period»"),
        )
    ]


def _interim(
    settings: parts.CommitteeSettings,
    mapping: parts.AccountMapping,
    ledgers: Ledgers,
    goals: parts.Goals,
    governance: Governance,
    *,
    forecast_doc: Mapping | None,
    history: tuple[PastForecast, ...],
    problems: list[Problem],
) -> Interim:
    """The period to date with its forecasts; forecast.yaml's problems at their lines."""
    if forecast_doc is None:
        problems.append(
            warning(
                _("perioden är ingen helårsperiod men forecast.yaml saknas; inga prognoser"),
                file=FORECAST_FILE,
                hint=_("se src/styra/folder/README.md för filens fält"),
            )
        )
    reader = FileReader(FORECAST_FILE, problems)
    forecasts = read_forecast_file(reader, forecast_doc) if forecast_doc else ForecastFile()
    period = follow_up_period(settings.period)
    found = compute_interim(
        period=period,
        mapping=mapping,
        ledgers=ledgers,
        goals=goals.goals,
        governance=governance,
        derived=goals.derived,
        forecasts=forecasts,
        problems=problems,
        history=history,
    )
    problems.extend(missing_forecasts(found, goals.derived))
    return found


def _narrative_problems(
    data: FollowUpInput, files: tuple[parts.NarrativeFile, ...]
) -> list[Problem]:
    """Placeholders that name no figure, and amounts that match none, by file and line."""
    if not files:
        return []
    followup = compute(data)
    found = []
    for n in files:
        for p in followup.narrative_problems(n.markdown):
            make = error if p.error else warning
            found.append(make(p.message, file=n.file, line=p.line, hint=p.hint))
    return found


def _baseline_warnings(governance: Governance, goals: tuple[Goal, ...]) -> list[Problem]:
    """The progress policy needs a baseline: without one, a miss can never be partial."""
    if governance.partial_policy.kind is not PartialKind.PROGRESS:
        return []
    return [
        warning(
            _(
                "indikator {id} saknar utgångsvärde, så delvis-regeln »progress» kan aldrig "
                "bedöma den som delvis uppnådd"
            ).format(id=i.id),
            file="goals.yaml",
            field=_("indikator {id}: baseline").format(id=i.id),
            hint=_("ange »baseline» eller välj en annan delvis-regel i governance.yaml"),
        )
        for g in goals
        for i in g.indicators
        if i.baseline is None
    ]


def _get(docs: dict[str, Mapping | None], name: str) -> Mapping | None:
    return docs.get(name)
