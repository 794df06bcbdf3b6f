"""``styra verify ARCHIVE``: check an adopted report's archive, file by file.

Registered by ``styra.cli`` through ``add_parser``. Exit 0 when every file is identical,
1 when one differs or the archive is not one, 2 on wrong use (no such file, unreadable).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from styra import __version__
from styra.archive.build import sha256
from styra.archive.verify import ArchiveError, Finding, Verification, verify
from styra.command import file_problem, os_problem
from styra.i18n import _


def add_parser(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "verify",
        help=_("kontrollera arkivet för en fastställd rapport"),
        description=_(
            "Kontrollerar varje fil i arkivet mot manifestets SHA-256, räknar om uppföljningen "
            "ur arkivets indata och renderar rapporten på nytt. Slutkod 0: allt är identiskt; "
            "1: något skiljer sig eller filen är inget arkiv; 2: fel användning."
        ),
    )
    command.add_argument("archive", metavar=_("ARKIV"), help=_("arkivet (zip) från webben"))
    command.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.archive)
    wrong = file_problem(args.archive)
    if wrong:
        _complain(wrong)
        return 2
    try:
        content = path.read_bytes()
        result = verify(content)
    except OSError as exc:
        _complain(os_problem(exc, path, writing=False))
        return 2
    except ArchiveError as exc:
        _complain(_("{path}: {why}").format(path=path, why=exc))
        return 1
    print(_("Arkiv {path}, SHA-256 {h}").format(path=path, h=sha256(content)))
    show(result)
    return 0 if result.ok else 1


ABOUT = {
    "committee": _("nämnd"),
    "period": _("period"),
    "version": _("rapportversion"),
    "adopted_at": _("fastställd"),
}


def show(result: Verification) -> None:
    about = [f"{label}: {result.about[k]}" for k, label in ABOUT.items() if k in result.about]
    print("; ".join([*about, _("skapat av {g}").format(g=result.generator)]))
    for finding in result.findings:
        print(line(finding))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.ok:
        print(_("Arkivet stämmer: alla {n} filer är identiska.").format(n=len(result.findings) - 1))
        return
    names = ", ".join(result.different)
    print(_("Arkivet stämmer inte: {names} avviker.").format(names=names), file=sys.stderr)
    running = f"styra {__version__}"
    if result.generator != running:
        note = _(
            "Arkivet skapades med {then}, detta är {now}: en annan version kan rendera "
            "dokumenten annorlunda."
        )
        print(note.format(then=result.generator, now=running), file=sys.stderr)


def line(finding: Finding) -> str:
    if finding.same:
        return _("{name}: identisk ({why})").format(name=finding.name, why=finding.why)
    return _("{name}: AVVIKER: {why}").format(name=finding.name, why=finding.why)


def _complain(message: str) -> None:
    print(_("styra verify: {problem}").format(problem=message), file=sys.stderr)
