"""An interim folder's follow-up to date: ``forecast.yaml`` read and checked, and the lines,
projects and goals of the period computed by ``styra.core.cycle``.

``forecast.yaml`` (prognos) holds the controller's choices, each at its line:

- ``operating``: per report line (``line``: the line's ``id`` in accounts.yaml, or its
  ``label``), a ``method`` (run_rate, remaining_budget, seasonal) or an ``amount`` in tkr
  with the ledger's signs, as the report's tables print them, and a ``comment``;
- ``investment``: per project (``project``: its object id or label), the same;
- ``indicators``: per indicator (``id``), a forecast ``value`` or a forecast ``status``
  (achieved, partially_achieved, not_achieved), with a short ``reason`` (required with a
  status).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import ReportLine
from styra.core.cycle.forecast import (
    ForecastChoice,
    ForecastMethod,
    choose_forecast,
    forecast_problem,
)
from styra.core.cycle.history import PastForecast, forecast_changes, previous_forecast
from styra.core.cycle.interim import (
    Forecasted,
    ForecastRule,
    IndicatorForecast,
    Interim,
    ProjectToDate,
    derived_forecasts,
    goals_by_forecast,
    indicator_forecast_problem,
    interim_total,
    operating_totals,
    project_to_date,
)
from styra.core.cycle.lines import LineToDate, lines_to_date
from styra.core.cycle.periods import FollowUpPeriod
from styra.core.cycle.profiles import ProfileKind, budget_months, budget_profile
from styra.core.followup import DerivedValue, Governance
from styra.core.goals import Goal, Status
from styra.folder.fields import FileReader
from styra.folder.finance import MAPPING_FILE, Ledgers, monthly_by_object
from styra.folder.parts import AccountMapping
from styra.folder.yamlfile import Mapping
from styra.i18n import _
from styra.problems import Problem, warning

FORECAST_FILE = "forecast.yaml"
TKR = Decimal(1000)


@dataclass(frozen=True)
class Choice:
    """One entry of ``forecast.yaml``: what it names, the choice, and its line."""

    key: str
    choice: ForecastChoice
    line: int


@dataclass(frozen=True)
class ForecastFile:
    operating: tuple[Choice, ...] = ()
    investment: tuple[Choice, ...] = ()
    indicators: tuple[tuple[IndicatorForecast, int], ...] = ()


def read_forecast_file(r: FileReader, doc: Mapping) -> ForecastFile:
    r.known_keys(doc, "operating", "investment", "indicators")
    operating = tuple(
        c for i in r.items(doc, "operating", required=False) if (c := _choice(r, i, "line"))
    )
    investment = tuple(
        c for i in r.items(doc, "investment", required=False) if (c := _choice(r, i, "project"))
    )
    indicators = tuple(
        (f, i.line) for i in r.items(doc, "indicators", required=False) if (f := _indicator(r, i))
    )
    return ForecastFile(operating, investment, indicators)


def _choice(r: FileReader, item: Mapping, name: str) -> Choice | None:
    r.known_keys(item, name, "method", "amount", "comment")
    key = r.text(item, name)
    raw = r.text(item, "method", required=False)
    method = None
    if raw is not None:
        try:
            method = ForecastMethod(raw)
        except ValueError:
            allowed = ", ".join(m.value for m in ForecastMethod)
            r.fail(
                _("»method»: okänt värde »{text}»").format(text=raw),
                item.line_of("method"),
                _("tillåtna: {allowed}").format(allowed=allowed),
            )
            return None
    amount = r.decimal(item, "amount", required=False)
    if key is None or (amount is None and "amount" in item.entries):
        return None
    comment = r.text(item, "comment", required=False) or ""
    kronor = None if amount is None else amount * TKR
    return Choice(key, ForecastChoice(method, kronor, comment), item.line)


def _indicator(r: FileReader, item: Mapping) -> IndicatorForecast | None:
    r.known_keys(item, "id", "value", "status", "reason")
    ident = r.text(item, "id")
    value = r.decimal(item, "value", required=False)
    status = r.choice(item, "status", Status, default=Status.NO_VALUE)
    reason = (r.text(item, "reason", required=False) or "").strip()
    if ident is None or status is None:
        return None
    given = None if "status" not in item.entries else status
    if value is None and given is None:
        r.fail(
            _("indikator {id}: ange en prognos (»value») eller en status").format(id=ident),
            item.line,
        )
        return None
    problem = indicator_forecast_problem(value, given, reason)
    if problem is not None:
        hint = _("skriv varför under »reason»") if problem is ForecastRule.NO_REASON else ""
        r.fail(
            _("indikator {id}: {problem}").format(id=ident, problem=problem.message),
            item.line,
            hint,
        )
        return None
    return IndicatorForecast(ident, value, given, reason)


def compute_interim(
    *,
    period: FollowUpPeriod,
    mapping: AccountMapping,
    ledgers: Ledgers,
    goals: Sequence[Goal],
    governance: Governance,
    derived: dict[str, DerivedValue],
    forecasts: ForecastFile,
    problems: list[Problem],
    history: Sequence[PastForecast] = (),
) -> Interim:
    r = FileReader(FORECAST_FILE, problems)
    rows = _lines(period, mapping, ledgers, problems)
    lines = _forecasted(r, rows, forecasts.operating, _line_names(mapping.lines), _("raden"))
    totals = operating_totals(lines, mapping.labels)
    project_rows = _projects(period, mapping, ledgers)
    names = {p.object_id: i for i, p in enumerate(mapping.projects)}
    names.update({p.label: i for i, p in enumerate(mapping.projects)})
    projects = _forecasted(r, project_rows, forecasts.investment, names, _("projektet"))
    label = mapping.investment_total_label.format(year=period.fiscal_start.year)
    project_total = interim_total(label, projects)
    found = _indicator_forecasts(r, forecasts, goals)
    goal_results, committee = goals_by_forecast(
        goals,
        found,
        governance.partial_policy,
        governance.rules,
        derived_forecasts(derived, totals[-1]),
    )
    previous = previous_forecast(history, period.end)
    changes = () if previous is None else forecast_changes(previous, lines, totals[-1])
    return Interim(
        period,
        lines,
        totals,
        projects,
        project_total,
        goal_results,
        committee,
        found,
        previous,
        changes,
    )


def _line_names(lines: Sequence[ReportLine]) -> dict[str, int]:
    """A line by its id, or by its label where no line has that id."""
    names = {ln.label: i for i, ln in enumerate(lines)}
    names.update({ln.id: i for i, ln in enumerate(lines) if ln.id})
    return names


def _lines(
    period: FollowUpPeriod, mapping: AccountMapping, ledgers: Ledgers, problems: list[Problem]
) -> tuple[LineToDate, ...]:
    profiles = {
        ln: mapping.profiles[ln.label] for ln in mapping.lines if ln.label in mapping.profiles
    }
    previous = ledgers.previous.monthly_outcome(0) if ledgers.previous else None
    rows = lines_to_date(
        period,
        mapping.lines,
        ledgers.ledger.monthly_outcome(0),
        ledgers.budget.monthly_budget(0),
        previous=previous,
        profiles=profiles,
    )
    for row in rows:
        where = mapping.line_numbers.get(row.line.label)
        if row.budget_months.note:
            problems.append(warning(row.budget_months.note, file=MAPPING_FILE, line=where))
        elif row.line in profiles and row.profile.kind is ProfileKind.MONTHLY_BUDGET:
            problems.append(
                warning(
                    _("budgetfilen har egna månadsbelopp, så radens »profile» används inte"),
                    file=MAPPING_FILE,
                    line=where,
                )
            )
    return rows


def _projects(
    period: FollowUpPeriod, mapping: AccountMapping, ledgers: Ledgers
) -> tuple[ProjectToDate, ...]:
    months = period.year_months
    done = monthly_by_object(ledgers.ledger, mapping, months, budget=False)
    planned = monthly_by_object(ledgers.budget, mapping, months, budget=True)
    zero = [Decimal(0)] * len(months)
    has_months = sum(1 for m in zip(*planned.values(), strict=True) if any(m)) > 1
    rows = []
    for project in mapping.projects:
        spread = budget_months(
            planned.get(project.object_id, zero), budget_profile(has_months, None)
        )
        outcome = done.get(project.object_id, zero)
        rows.append(project_to_date(project, outcome, spread, period.elapsed))
    return tuple(rows)


def _forecasted(
    r: FileReader,
    rows: Sequence[LineToDate | ProjectToDate],
    choices: Sequence[Choice],
    names: dict[str, int],
    what: str,
) -> tuple[Forecasted, ...]:
    chosen: dict[int, Forecasted] = {}
    seen: dict[int, int] = {}
    for c in choices:
        index = names.get(c.key)
        if index is None:
            not_in_accounts(r, what, c.key, names, c.line)
            continue
        if index in seen:
            r.fail(
                _("{what} »{key}» har redan en prognos på rad {line}").format(
                    what=what, key=c.key, line=seen[index]
                ),
                c.line,
            )
            continue
        seen[index] = c.line
        row = rows[index]
        problem = forecast_problem(c.choice, row.proposals)
        if problem is not None:
            r.fail(problem, c.line)
            continue
        chosen[index] = Forecasted(row, choose_forecast(c.choice, row.proposals))
    return tuple(chosen.get(i, Forecasted(row, None)) for i, row in enumerate(rows))


def not_in_accounts(
    r: FileReader, what: str, key: str, names: Iterable[str], line: int | None
) -> None:
    """ "raden »x» finns inte i accounts.yaml", with the nearest name that does."""
    near = difflib.get_close_matches(key, list(names), n=1)
    r.fail(
        _("{what} »{key}» finns inte i accounts.yaml").format(what=what, key=key),
        line,
        _("menade du »{near}»?").format(near=near[0]) if near else "",
    )


def _indicator_forecasts(
    r: FileReader, forecasts: ForecastFile, goals: Sequence[Goal]
) -> dict[str, IndicatorForecast]:
    known = {i.id for g in goals for i in g.indicators}
    found: dict[str, IndicatorForecast] = {}
    for forecast, line in forecasts.indicators:
        if forecast.indicator_id not in known:
            r.fail(
                _("indikatorn »{id}» finns inte i goals.yaml").format(id=forecast.indicator_id),
                line,
            )
        elif forecast.indicator_id in found:
            r.fail(_("indikator {id} har redan en prognos").format(id=forecast.indicator_id), line)
        else:
            found[forecast.indicator_id] = forecast
    return found


def missing_forecasts(interim: Interim, derived: dict[str, DerivedValue]) -> list[Problem]:
    """Warnings for each line, project and indicator that has no forecast."""
    found = [
        warning(
            _("{what} {label} saknar prognos").format(what=what, label=label),
            file=FORECAST_FILE,
            hint=_("välj en metod eller skriv ett belopp i forecast.yaml"),
        )
        for what, label, forecast in [
            *(
                (_("raden"), f.row.line.label, f.forecast)
                for f in interim.lines
                if isinstance(f.row, LineToDate)
            ),
            *(
                (_("projektet"), f.row.project.label, f.forecast)
                for f in interim.projects
                if isinstance(f.row, ProjectToDate)
            ),
        ]
        if forecast is None
    ]
    for goal in interim.goals:
        for result in goal.indicators:
            ident = result.indicator.id
            if ident not in interim.indicator_forecasts and ident not in derived:
                found.append(
                    warning(
                        _("indikator {id} saknar prognos").format(id=ident),
                        file=FORECAST_FILE,
                        hint=_("ange »value» eller »status» under »indicators»"),
                    )
                )
    return found
