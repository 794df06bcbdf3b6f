"""The lineage pages of one committee's folder: the voucher rows behind each line, total and
project of the accounts, and the export rows behind each computed indicator.

The folder's committee.yaml and accounts.yaml are read again through the folder format
(the loaded record keeps no file names or account ranges), the ledger through the SIE
reader; the indicators' lineage is what the loader recorded (``extras["lineage"]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from pathlib import Path

from styra import sie
from styra.core.accounts import ReportLine
from styra.core.accounts import Section as AccountSection
from styra.core.followup import FollowUp
from styra.folder import Loaded
from styra.folder.fields import FileReader
from styra.folder.loader import read_yaml
from styra.folder.parts import AccountMapping, CommitteeSettings, read_accounts, read_committee
from styra.i18n import _
from styra.problems import Problem
from styra.publish.pages import back, export_table, facts, kronor, parts_table, tkr, voucher_table
from styra.publish.site import Lineage, LineagePage
from styra.publish.sources import (
    ExportRows,
    LedgerRows,
    Rows,
    export_csv,
    export_rows,
    ledger_rows,
    parse_lines,
)

SHOWN_ROWS = 200  # an export's rows on its page; all of them are in the CSV beside it


def committee_lineage(loaded: Loaded, followup: FollowUp) -> Lineage | None:
    """The lineage pages, or None when the folder's files cannot be read again."""
    problems: list[Problem] = []
    settings, mapping = _settings(loaded.folder, problems)
    if settings is None or mapping is None:
        return None
    read = sie.read(loaded.folder / settings.ledger, name=settings.ledger)
    if read.document is None:
        return None
    period = followup.input.period
    rows = ledger_rows(
        read.document,
        settings.ledger,
        (period.start, period.end),
        lines=mapping.lines,
        projects=mapping.projects,
        investment=(mapping.dimension, mapping.investment_accounts),
    )
    context = _Context(settings.ledger, _period_text(period.start, period.end), rows)
    lineage = Lineage(period.year)
    lineage.accounts.update(_line_pages(mapping, context))
    lineage.projects.update(_project_pages(mapping, followup, context))
    lineage.indicators.update(
        _indicator_pages(loaded, followup, lineage.accounts.get(mapping.labels.net_result))
    )
    return lineage


def _settings(
    folder: Path, problems: list[Problem]
) -> tuple[CommitteeSettings | None, AccountMapping | None]:
    committee = read_yaml(folder, "committee.yaml", problems)
    accounts = read_yaml(folder, "accounts.yaml", problems)
    if committee is None or accounts is None:
        return None, None
    settings = read_committee(FileReader("committee.yaml", problems), committee, folder)
    return settings, read_accounts(FileReader("accounts.yaml", problems), accounts)


def _period_text(start: object, end: object) -> str:
    return f"{start}–{end}"


class _Context:
    def __init__(self, file: str, period: str, rows: LedgerRows) -> None:
        self.file, self.period, self.rows = file, period, rows


def slug(text: str) -> str:
    """A file name's part from a label: lower case, å ä → a, ö → o, the rest as dashes."""
    folded = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "rad"


def _line_pages(mapping: AccountMapping, context: _Context) -> dict[str, LineagePage]:
    pages: dict[str, LineagePage] = {}
    for line in mapping.lines:
        file = f"drift-{slug(line.id or line.label)}.html"
        pages[line.label] = _rows_page(
            file, line.label, _ranges(line), context.rows.lines[line.label], context
        )
    labels = mapping.labels
    revenue = [ln for ln in mapping.lines if ln.section is AccountSection.REVENUE]
    cost = [ln for ln in mapping.lines if ln.section is AccountSection.COST]
    for label, lines in (
        (labels.total_revenue, revenue),
        (labels.total_cost, cost),
        (labels.net_result, list(mapping.lines)),
    ):
        parts = [
            (ln.label, pages[ln.label].file, context.rows.lines[ln.label].total) for ln in lines
        ]
        pages[label] = _total_page(f"drift-{slug(label)}.html", label, parts, context)
    return pages


def _ranges(line: ReportLine) -> str:
    return ", ".join(str(r) for r in line.ranges)


def _rows_page(file: str, label: str, accounts: str, rows: Rows, context: _Context) -> LineagePage:
    title = _("{label}: verifikationsraderna bakom utfallet").format(label=label)

    def body(origin: str, origin_title: str) -> str:
        lead = _(
            "Utfallet {period} är {tkr} tkr ({kronor} kr): summan av {count} verifikationsrader "
            "i huvudboken {file} på kontona {accounts}."
        ).format(
            period=context.period,
            tkr=tkr(rows.total),
            kronor=kronor(rows.total),
            count=len(rows.rows),
            file=context.file,
            accounts=accounts,
        )
        parts = [
            f"<h1>{escape(title)}</h1>",
            f"<p>{escape(lead)}</p>",
            facts(
                [
                    (_("Utfall"), _("{tkr} tkr").format(tkr=tkr(rows.total))),
                    (_("Konton"), accounts),
                    (_("Period"), context.period),
                    (_("Huvudbok"), context.file),
                ]
            ),
        ]
        if not context.rows.has_vouchers:
            parts.append(f"<p>{escape(_NO_VOUCHERS())}</p>")
        caption = _("Verifikationsrader för {label}").format(label=label)
        parts.append(voucher_table(caption, rows.rows, rows.total))
        parts.append(back(origin, _("Tillbaka till {title}").format(title=origin_title)))
        return "\n".join(parts)

    return LineagePage(file, title, body)


def _NO_VOUCHERS() -> str:
    return _(
        "Huvudboken har inga verifikationer; utfallet kommer från dess saldon (#RES, #PSALDO) "
        "och har inga rader att visa."
    )


def _total_page(
    file: str, label: str, parts: Sequence[tuple[str, str, Decimal]], context: _Context
) -> LineagePage:
    title = _("{label}: raderna bakom summan").format(label=label)
    total = sum((amount for _label, _file, amount in parts), Decimal(0))

    def body(origin: str, origin_title: str) -> str:
        lead = _(
            "{label} {period} är {tkr} tkr: summan av raderna nedan, var och en med sina "
            "verifikationsrader."
        ).format(label=label, period=context.period, tkr=tkr(total))
        return "\n".join(
            [
                f"<h1>{escape(title)}</h1>",
                f"<p>{escape(lead)}</p>",
                parts_table(_("Rader som ingår i {label}").format(label=label), parts, total),
                back(origin, _("Tillbaka till {title}").format(title=origin_title)),
            ]
        )

    return LineagePage(file, title, body)


def _project_pages(
    mapping: AccountMapping, followup: FollowUp, context: _Context
) -> dict[str, LineagePage]:
    accounts = ", ".join(str(r) for r in mapping.investment_accounts)
    pages: dict[str, LineagePage] = {}
    for project in mapping.projects:
        what = _("{accounts}, objekt {object} i dimension {dimension}").format(
            accounts=accounts, object=project.object_id, dimension=mapping.dimension
        )
        rows = context.rows.projects[project.object_id]
        file = f"investering-{slug(project.object_id)}.html"
        pages[project.label] = _rows_page(file, project.label, what, rows, context)
    total = followup.investment.total.label
    parts = [
        (p.label, pages[p.label].file, context.rows.projects[p.object_id].total)
        for p in mapping.projects
    ]
    pages[total] = _total_page(f"investering-{slug(total)}.html", total, parts, context)
    return pages


def _indicator_pages(
    loaded: Loaded, followup: FollowUp, net: LineagePage | None
) -> dict[str, LineagePage]:
    recorded = loaded.extras.get("lineage")
    if not isinstance(recorded, Mapping):
        return {}
    pages: dict[str, LineagePage] = {}
    for goal in followup.goals:
        for result in goal.indicators:
            indicator = result.indicator
            entry = recorded.get(indicator.id)
            if not isinstance(entry, Mapping):
                continue
            if entry.get("kind") == "ledger":
                if net is not None:
                    pages[indicator.name] = net
                continue
            page = _indicator_page(loaded.folder, indicator.id, indicator.name, entry)
            if page is not None:
                pages[indicator.name] = page
    return pages


def _indicator_page(
    folder: Path, ident: str, name: str, entry: Mapping[str, object]
) -> LineagePage | None:
    source = entry.get("source")
    if not isinstance(source, Mapping):
        return None
    stem = f"indikator-{slug(ident)}"
    title = _("{name}: raderna bakom värdet").format(name=name)
    value = f"{entry.get('value') or ''} {entry.get('unit') or ''}".strip()
    shown = [
        (_("Värde"), value.replace(".", ",")),
        (_("Regel"), str(entry.get("rule") or "")),
    ]
    extra: dict[str, bytes] = {}
    table = ""
    if source.get("kind") == "file":
        path = str(source.get("path") or "")
        shown += [(_("Fil"), path), (_("SHA-256"), str(source.get("sha256") or ""))]
        lines = parse_lines(str(entry.get("lines") or ""))
        if (folder / path).is_file() and lines:
            every = export_rows(folder / path, lines)
            extra[f"{stem}.csv"] = export_csv(every, _("Rad i filen"))
            table = _export_part(path, every, f"{stem}.csv")
    else:
        shown += [
            (_("Källa"), str(source.get("attribution") or "")),
            (_("Fråga"), str(source.get("query") or "")),
            (_("Hämtad"), str(source.get("fetched_at") or "")),
            (_("Fil"), str(source.get("path") or "")),
        ]

    def body(origin: str, origin_title: str) -> str:
        return "\n".join(
            [
                f"<h1>{escape(title)}</h1>",
                facts(shown),
                table,
                back(origin, _("Tillbaka till {title}").format(title=origin_title)),
            ]
        )

    return LineagePage(f"{stem}.html", title, body, extra)


def _export_part(path: str, every: ExportRows, csv_file: str) -> str:
    first = ExportRows(every.head, every.rows[:SHOWN_ROWS], every.count)
    if every.count > SHOWN_ROWS:
        note = _("Sidan visar de första {shown} av {count} raderna ur {file}.").format(
            shown=SHOWN_ROWS, count=every.count, file=path
        )
    else:
        note = _("Alla {count} rader ur {file}.").format(count=every.count, file=path)
    link = _("Alla rader som CSV")
    caption = _("Rader ur {file}").format(file=path)
    return (
        f'<p>{escape(note)} <a href="{escape(csv_file)}" download>{escape(link)}</a></p>\n'
        + export_table(caption, first)
    )
