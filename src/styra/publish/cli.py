"""``styra publish MAPP --output WEBBPLATS/``: the report as a static site.

Exit status as every command: 0 written; 1 problems in the folder (or in rendering it),
nothing written; 2 wrong use (no such folder, an output that is a file or a folder with
other things in it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from styra.i18n import _


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = commands.add_parser(
        "publish",
        help=_("skriv rapporten som en webbplats med källorna"),
        description=_(
            "Skriver rapporten som en statisk webbplats: en sida per avsnitt med navigering, "
            "tabeller och diagram, rapporten som PDF, Word och JSON att ladda ned, och för varje "
            "belopp i drift- och investeringsredovisningen verifikationsraderna bakom det. "
            "Skriver bara i en ny eller tom mapp eller över en tidigare publicering. Slutkod 0: "
            "skriven; 1: mappen har fel; 2: fel användning."
        ),
    )
    publish.add_argument(
        "folder", metavar=_("MAPP"), help=_("nämndens eller kommunens mapp med uppföljningsdata")
    )
    publish.add_argument(
        "--output",
        "-o",
        required=True,
        metavar=_("WEBBPLATS"),
        help=_("mappen att skriva webbplatsen i"),
    )
    publish.set_defaults(func=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    from styra.command import complain, folder_problem, os_problem  # noqa: PLC0415
    from styra.publish.write import refusal, write_site  # noqa: PLC0415

    output = Path(args.output)
    wrong = folder_problem(args.folder) or refusal(output)
    if wrong:
        complain("publish", wrong)
        return 2
    files = _site(Path(args.folder))
    if files is None:
        print(_("Webbplatsen skrevs inte: rätta felen ovan."), file=sys.stderr)
        return 1
    try:
        write_site(output, files)
    except OSError as exc:
        complain("publish", os_problem(exc, output, writing=True))
        return 2
    pages = sum(name.endswith(".html") for name in files)
    print(_("Skrev {path} ({pages} sidor)").format(path=output, pages=pages))
    return 0


def _site(folder: Path) -> dict[str, bytes] | None:
    """The site's files, or None after printing the folder's or the renderers' problems."""
    from styra.cli import print_problems  # noqa: PLC0415
    from styra.folder.municipality import is_municipality  # noqa: PLC0415
    from styra.publish.build import committee_site, municipality_site  # noqa: PLC0415
    from styra.report.formats import RenderError  # noqa: PLC0415

    try:
        return municipality_site(folder) if is_municipality(folder) else committee_site(folder)
    except RenderError as exc:
        print_problems(exc.problems)
        return None
