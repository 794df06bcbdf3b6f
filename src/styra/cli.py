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
    warnings = _count(len(loaded.problems) - errors, _("{n} varning"), _("{n} varningar"))
    if errors:
        print(_("{e} fel, {w}.").format(e=errors, w=warnings), file=sys.stderr)
        return 1
    print(_("Inga fel ({w}).").format(w=warnings))
    return 0


def _count(n: int, one: str, many: str) -> str:
    """``one`` or ``many``, each a marked template with ``{n}``, filled in with ``n``."""
    return (one if n == 1 else many).format(n=n)


SUFFIXES = {".json": "json", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


def output_problem(output: str | None, chosen: str | None) -> str | None:
    """Why the report cannot be written where and as asked, before any work is done."""
    if output is None:
        return None
    path = Path(output)
    implied = SUFFIXES.get(path.suffix.lower())
    if chosen and implied and implied != chosen:
        return _("filen {path} ser ut som {implied}, men --format är {chosen}").format(
            path=output, implied=implied, chosen=chosen
        )
    if path.is_dir():
        return _("{path} är en mapp; ange en fil, t.ex. {path}/rapport.pdf").format(path=output)
    if not path.parent.is_dir():
        return _("mappen {folder} finns inte").format(folder=path.parent)
    return None


def report_format(args: argparse.Namespace) -> str:
    """The format asked for, or the one the output file's suffix implies, or JSON."""
    implied = SUFFIXES.get(Path(args.output).suffix.lower()) if args.output else None
    return str(args.format or implied or "json")


def run_report(args: argparse.Namespace) -> int:
    problem = output_problem(args.output, args.format)
    if problem:
        print(_("styra report: {problem}").format(problem=problem), file=sys.stderr)
        return 2
    loaded = load(Path(args.folder))
    print_problems(loaded.problems)
    if not loaded.ok or loaded.input is None:
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    followup = compute(loaded.input)
    chosen = report_format(args)
    if args.output is None and args.format is None and not args.json_stdout:
        sys.stdout.write(summary(followup))
        return 0
    try:
        content = RENDERERS[chosen](loaded, followup)
    except RenderError as exc:
        print_problems(exc.problems)
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    return deliver(args.output, content)


def deliver(output: str | None, content: bytes) -> int:
    """Write the report to the output file (atomically) or to standard output."""
    if output is None:
        sys.stdout.buffer.write(content)
        return 0
    try:
        write_atomically(Path(output), content)
    except OSError as exc:
        message = _("Kunde inte skriva {path}: {why}").format(path=output, why=exc.strerror)
        print(message, file=sys.stderr)
        return 1
    print(_("Skrev {path}").format(path=output))
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
    report.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        help=_("json, pdf, docx eller html; utan den avgör filändelsen"),
    )
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
    for module_name in (
        "styra.sie.cli",
        "styra.sources.cli",
        "styra.archive.cli",
        "styra.examples.cli",
        "styra.web.cli",
    ):
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
