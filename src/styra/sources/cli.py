"""``styra kolada fetch``: fetch KPI values from Kolada for real, when a user asks.

Registered by ``styra.cli`` through ``add_parser``. Without ``--output`` it prints the
values; with it, it writes a snapshot that indicators and the sharing key can read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from styra.command import output_problem
from styra.core.money import format_number
from styra.i18n import _
from styra.sources._files import os_reason
from styra.sources.kolada import KoladaQuery, KoladaSnapshot, attribution, snapshot_to_json
from styra.sources.kolada_client import KoladaClient, KoladaError


def add_parser(subparsers: Any) -> None:
    kolada = subparsers.add_parser("kolada", help=_("hämta nyckeltal från Kolada"))
    actions = kolada.add_subparsers(
        dest="kolada_command", required=True, metavar=_("KOMMANDO"), help=_("vad som ska göras")
    )
    fetch = actions.add_parser(
        "fetch",
        help=_("hämta värden per kommun och år (går ut på nätet)"),
        description=_("Hämtar nyckeltal från Koladas API v3 och sparar en ögonblicksbild."),
    )
    fetch.add_argument(
        "--kpi",
        required=True,
        metavar=_("NYCKELTAL"),
        help=_("nyckeltal, t.ex. N01951 (kommaseparerat)"),
    )
    fetch.add_argument(
        "--municipality",
        required=True,
        metavar=_("KOMMUNER"),
        help=_("kommunkoder, t.ex. 1814,1860 (kommaseparerat)"),
    )
    fetch.add_argument(
        "--year", required=True, metavar=_("ÅR"), help=_("år, t.ex. 2022 (kommaseparerat)")
    )
    fetch.add_argument(
        "--output", "-o", metavar=_("FIL"), help=_("fil att spara ögonblicksbilden i (JSON)")
    )
    fetch.set_defaults(func=run)


def run(args: argparse.Namespace, client: KoladaClient | None = None) -> int:
    query, complaint = parse_query(args.kpi, args.municipality, args.year)
    if query is not None and args.output:
        complaint = output_problem(args.output)  # before Kolada is asked
    if query is None or complaint:
        _complain(complaint)
        return 2
    try:
        snapshot = (client or KoladaClient()).snapshot(query)
    except KoladaError as exc:
        _complain(str(exc))
        return 1
    print(describe(snapshot))
    if args.output:
        try:
            _write(Path(args.output), snapshot_to_json(snapshot))
        except OSError as exc:
            why = os_reason(exc)
            _complain(_("kunde inte skriva {path}: {why}").format(path=args.output, why=why))
            return 2
        print(_("Skrev {path}").format(path=args.output))
    return 0


def _complain(message: str) -> None:
    print(_("styra kolada fetch: {problem}").format(problem=message), file=sys.stderr)


def parse_query(kpis: str, municipalities: str, years: str) -> tuple[KoladaQuery | None, str]:
    kpi_ids = _split(kpis)
    codes = _split(municipalities)
    year_texts = _split(years)
    if not kpi_ids or not codes or not year_texts:
        return None, _("ange minst ett nyckeltal, en kommun och ett år")
    if bad := [c for c in codes if not (c.isdigit() and len(c) == 4)]:
        return None, _("kommunkoder har fyra siffror: {codes}").format(codes=", ".join(bad))
    if bad := [y for y in year_texts if not (y.isdigit() and len(y) == 4)]:
        return None, _("år skrivs med fyra siffror: {years}").format(years=", ".join(bad))
    return KoladaQuery(tuple(kpi_ids), tuple(codes), tuple(int(y) for y in year_texts)), ""


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def describe(snapshot: KoladaSnapshot) -> str:
    lines = []
    for value in snapshot.values:
        meta = snapshot.kpi(value.kpi)
        title = meta.title if meta else value.kpi
        shown = (
            format_number(value.value)
            if value.value is not None
            else _("saknas ({status})").format(status=value.status)
        )
        lines.append(
            f"{value.kpi} {title}, {value.municipality}, {value.period}, {value.gender}: {shown}"
        )
    if not lines:
        lines.append(_("Kolada gav inga värden för frågan."))
    when = snapshot.fetched_at.isoformat(timespec="seconds")
    lines.append(_("Hämtat {when}. {attribution}").format(when=when, attribution=attribution()))
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a failed write leaves the old snapshot intact."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
