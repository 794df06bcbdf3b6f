"""``styra example MAPP``: write the example committee's folder out, to read and change.

Registered by ``styra.cli`` through ``add_parser``. Exit 0 when written, 2 on wrong use (the
folder exists and is not empty, its parent is missing, or it cannot be written there), as
``styra.command`` sets out for every command.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from styra.command import WRONG_USE, complain, os_problem
from styra.examples import example_folder
from styra.i18n import _


def add_parser(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "example",
        help=_("skriv exemplet (Sydnärkes IT-nämnd 2024) till en mapp"),
        description=_(
            "Skriver exemplets mapp: nämnd, styrmodell, mål, konton, huvudbok och budget i "
            "SIE, berättelser och källexporter, med kommentarer i varje fil. Slutkod 0: "
            "skrivet; 2: fel användning eller gick inte att skriva där."
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
        complain("example", problem)
        return WRONG_USE
    source = example_folder()
    try:
        shutil.copytree(source, target, ignore=_UNWANTED, dirs_exist_ok=True)
    except OSError as exc:
        complain("example", os_problem(exc, exc.filename or target, writing=True))
        return WRONG_USE
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
