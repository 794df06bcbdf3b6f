"""``styra example MAPP``: write the example committee's folder out, to read and change.

Registered by ``styra.cli`` through ``add_parser``. Exit 0 when written, 1 when it could
not be written, 2 on wrong use (the folder exists and is not empty, or its parent is missing).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from styra.examples import example_folder
from styra.i18n import _


def add_parser(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "example",
        help=_("skriv exemplet (Sydnärkes IT-nämnd 2024) till en mapp"),
        description=_(
            "Skriver exemplets mapp: nämnd, styrmodell, mål, konton, huvudbok och budget i "
            "SIE, berättelser och källexporter, med kommentarer i varje fil. Slutkod 0: "
            "skrivet; 1: gick inte att skriva; 2: fel användning."
        ),
    )
    command.add_argument(
        "folder", metavar=_("MAPP"), help=_("mappen att skapa; finns den ska den vara tom")
    )
    command.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    problem = target_problem(target)
    if problem:
        _complain(problem)
        return 2
    source = example_folder()
    try:
        shutil.copytree(source, target, ignore=_UNWANTED, dirs_exist_ok=True)
    except OSError as exc:
        why = getattr(exc, "strerror", None) or exc
        _complain(_("kunde inte skriva {path}: {why}").format(path=target, why=why))
        return 1
    print(_("Skrev exemplet till {path}. Prova: styra check {path}").format(path=target))
    return 0


_UNWANTED = shutil.ignore_patterns("__pycache__", "*.pyc")


def target_problem(target: Path) -> str:
    """Why the example cannot be written to ``target``, or "" when it can."""
    if target.is_dir():
        if any(target.iterdir()):
            return _("mappen {path} finns redan och är inte tom; ange en ny mapp").format(
                path=target
            )
        return ""
    if target.exists():
        return _("{path} är en fil; ange en mapp").format(path=target)
    if not target.parent.is_dir():
        return _("mappen {folder} finns inte").format(folder=target.parent)
    return ""


def _complain(message: str) -> None:
    print(_("styra example: {problem}").format(problem=message), file=sys.stderr)
