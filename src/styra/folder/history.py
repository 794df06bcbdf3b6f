"""``forecast-history.yaml`` (prognoshistorik): the year's earlier forecasts, as amounts.

Any period's folder may hold it. An annual folder compares each forecast with the year's
outcome (prognossäkerhet); an interim or month folder shows the change since the latest
forecast before its own end (prognosförändring)::

    forecasts:
      - end: 2024-08-31                  # the end of the period the forecast was made at
        name: Delårsrapport januari–augusti 2024    # optional
        operating:
          - {line: avgifter, amount: -1234.5, comment: ...}   # tkr, the ledger's signs
        investment:
          - {project: "9101", amount: 812}

A line is named by its ``id`` in accounts.yaml or its label, as in forecast.yaml; amounts
are in tkr with decimals allowed, so an amount kept in kronor comes back exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from styra.core.accounts import Project, ReportLine
from styra.core.cycle.history import PastForecast
from styra.core.cycle.interim import Interim, ProjectToDate
from styra.core.cycle.lines import LineToDate
from styra.folder.fields import FileReader
from styra.folder.interim import not_in_accounts
from styra.folder.yamlfile import Mapping
from styra.i18n import _

HISTORY_FILE = "forecast-history.yaml"
TKR = Decimal(1000)


def read_history(
    r: FileReader,
    doc: Mapping,
    *,
    lines: Sequence[ReportLine],
    projects: Sequence[Project],
    fiscal_start: date,
    end: date,
) -> tuple[PastForecast, ...]:
    """Each forecast of the file; every problem at its line. Only forecasts made within the
    fiscal year and before ``end`` (on it, for the year's own end) are read."""
    r.known_keys(doc, "forecasts")
    line_names = {ln.label: ln.label for ln in lines}
    line_names.update({ln.id: ln.label for ln in lines if ln.id})
    project_names = {p.label: p.object_id for p in projects}
    project_names.update({p.object_id: p.object_id for p in projects})
    found: list[PastForecast] = []
    seen: dict[date, int] = {}
    for item in r.items(doc, "forecasts"):
        r.known_keys(item, "end", "name", "operating", "investment")
        made = r.date(item, "end")
        if made is None:
            continue
        if not fiscal_start <= made <= end:
            r.fail(
                _("prognosen per {made} ligger utanför räkenskapsåret före periodens slut").format(
                    made=made.isoformat()
                ),
                item.line_of("end"),
                _("räkenskapsåret börjar {start}; perioden slutar {end}").format(
                    start=fiscal_start.isoformat(), end=end.isoformat()
                ),
            )
            continue
        if made in seen:
            r.fail(
                _("en prognos per {made} finns redan på rad {line}").format(
                    made=made.isoformat(), line=seen[made]
                ),
                item.line,
            )
            continue
        seen[made] = item.line
        amounts, comments = _amounts(
            r, item, key="operating", name="line", names=line_names, what=_("raden")
        )
        projected, _comments = _amounts(
            r, item, key="investment", name="project", names=project_names, what=_("projektet")
        )
        name = r.text(item, "name", required=False) or ""
        found.append(PastForecast(made, name, amounts, projected, comments))
    return tuple(sorted(found, key=lambda p: p.end))


def _amounts(
    r: FileReader,
    item: Mapping,
    *,
    key: str,
    name: str,
    names: dict[str, str],
    what: str,
) -> tuple[dict[str, Decimal], dict[str, str]]:
    amounts: dict[str, Decimal] = {}
    comments: dict[str, str] = {}
    for entry in r.items(item, key, required=False):
        r.known_keys(entry, name, "amount", "comment")
        given = r.text(entry, name)
        amount = r.decimal(entry, "amount")
        if given is None or amount is None:
            continue
        resolved = names.get(given)
        if resolved is None:
            not_in_accounts(r, what, given, names, entry.line)
            continue
        if resolved in amounts:
            r.fail(
                _("{what} »{key}» har redan en prognos i samma prognos").format(
                    what=what, key=given
                ),
                entry.line,
            )
            continue
        amounts[resolved] = amount * TKR
        comment = (r.text(entry, "comment", required=False) or "").strip()
        if comment:
            comments[resolved] = comment
    return amounts, comments


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _tkr(kronor: Decimal) -> str:
    value = (kronor / TKR).normalize()
    return f"{value:f}"


def history_entry(interim: Interim) -> str:
    """The interim's forecasts as one entry of forecast-history.yaml, exact to the öre.

    Lines by their id (or label), projects by object id; a line without a forecast is left
    out, as the history then has none for it.
    """
    period = interim.period
    name = f"{period.kind.label[:1].upper()}{period.kind.label[1:]} {period.text}"
    out = [f"  - end: {period.end.isoformat()}", f"    name: {_quoted(name)}", "    operating:"]
    for f in interim.lines:
        if isinstance(f.row, LineToDate) and f.forecast is not None:
            key = f.row.line.id or f.row.line.label
            item = f"line: {_quoted(key)}, amount: {_tkr(f.forecast.amount)}"
            if f.forecast.comment:
                item += f", comment: {_quoted(f.forecast.comment)}"
            out.append(f"      - {{{item}}}")
    projects = [
        f"      - {{project: {_quoted(f.row.project.object_id)}, "
        f"amount: {_tkr(f.forecast.amount)}}}"
        for f in interim.projects
        if isinstance(f.row, ProjectToDate) and f.forecast is not None
    ]
    if projects:
        out += ["    investment:", *projects]
    return "\n".join(out) + "\n"
