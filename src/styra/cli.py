"""The ``styra`` command: check a folder, compute and write the report, and more.

Subcommands of other packages register themselves here with ``add_parser``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from styra.core.followup import compute
from styra.folder import load
from styra.i18n import _
from styra.problems import Problem, Severity
from styra.report.formats import RENDERERS, RenderError, write_atomically
from styra.report.summary import summary


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    loaded = load(Path(args.folder))
    print_problems(loaded.problems)
    errors = sum(p.severity is Severity.ERROR for p in loaded.problems)
    warnings = _count(len(loaded.problems) - errors, _("varning"), _("varningar"))
    if errors:
        print(_("{e} fel, {w}.").format(e=errors, w=warnings), file=sys.stderr)
        return 1
    print(_("Inga fel ({w}).").format(w=warnings))
    return 0


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run_report(args: argparse.Namespace) -> int:
    loaded = load(Path(args.folder))
    print_problems(loaded.problems)
    if not loaded.ok or loaded.input is None:
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    followup = compute(loaded.input)
    if args.output is None and args.format == "json" and not args.json_stdout:
        sys.stdout.write(summary(followup))
        return 0
    try:
        content = RENDERERS[args.format](loaded, followup)
    except RenderError as exc:
        print_problems(exc.problems)
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.buffer.write(content)
    else:
        write_atomically(Path(args.output), content)
        print(_("Skrev {path}").format(path=args.output))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="styra", description=_("Mål- och ekonomiuppföljning för kommuner och nämnder.")
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=_("kontrollera en mapp med uppföljningsdata"))
    check.add_argument("folder")
    check.set_defaults(func=run_check)
    report = commands.add_parser("report", help=_("beräkna uppföljningen och skriv rapporten"))
    report.add_argument("folder")
    report.add_argument("--format", choices=sorted(RENDERERS), default="json")
    report.add_argument(
        "--output", "-o", help=_("fil att skriva; utan den skrivs en sammanfattning")
    )
    report.add_argument("--json-stdout", action="store_true", help=argparse.SUPPRESS)
    report.set_defaults(func=run_report)
    for register in _extensions():
        register(commands)
    return parser


def _extensions() -> list[Callable[[Any], None]]:
    """Subcommands from other packages; each module has ``add_parser(subparsers)``."""
    found: list[Callable[[Any], None]] = []
    for module_name in ("styra.sie.cli", "styra.sources.cli", "styra.web.cli"):
        try:
            module = __import__(module_name, fromlist=["add_parser"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        found.append(module.add_parser)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
