"""The ``styra`` command: check a folder, compute and write the report, and more.

Other packages add commands: ``EXTENSIONS`` names each one's module, whose
``add_parser(subparsers)`` adds it in full, and its one-line help. A module is imported only
when its command runs, and the core only when ``check`` or ``report`` does, so ``styra
--help`` loads nothing else (benchmarks/startup_benchmark.py keeps it fast).

Exit status, the same for every command: 0 done, 1 problems in the input, 2 wrong use (see
``styra.command``). A command whose output is closed early (``styra … | head``) stops
quietly with 1, as the Python documentation recommends.
"""

from __future__ import annotations

import argparse
import os
import sys

from styra.i18n import _, language, speak_argparse
from styra.report.formats import RENDERERS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager
    from pathlib import Path

    from styra.problems import Problem

EXTENSIONS: dict[str, tuple[str, str]] = {
    "sie": ("styra.sie.cli", _("läs, kontrollera och konvertera SIE 4- och SIE 5-filer")),
    "kolada": ("styra.sources.cli", _("hämta nyckeltal från Kolada")),
    "forecast": (
        "styra.folder.forecast_cli",
        _("skriv periodens prognoser som en post i forecast-history.yaml"),
    ),
    "history": (
        "styra.folder.history_cli",
        _("hämta indikatorernas värden från tidigare års mappar"),
    ),
    "verify": ("styra.archive.cli", _("kontrollera arkivet för en fastställd rapport")),
    "publish": ("styra.publish.cli", _("skriv rapporten som en webbplats med källorna")),
    "example": (
        "styra.examples.cli",
        _("skriv exemplet (Sydnärkes IT-nämnd 2024) till en mapp"),
    ),
    "serve": (
        "styra.web.cli",
        _("starta webbapplikationen (http://127.0.0.1:8000 som standard)"),
    ),
    "worker": (
        "styra.web.cli",
        _("kör bakgrundsarbete: SIE-inläsningar, rapporter (en eller flera per databas)"),
    ),
    "manage": (
        "styra.web.cli",
        _("Djangos hanteringskommandon, t.ex. createsuperuser eller import_folder"),
    ),
}
"""command: (the module whose ``add_parser`` adds it, its help in ``styra --help``)"""

SUFFIXES = {".json": "json", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    from styra.command import complain, folder_problem  # noqa: PLC0415 (see the docstring)

    wrong = folder_problem(args.folder)
    if wrong:
        complain("check", wrong)
        return 2
    from pathlib import Path  # noqa: PLC0415

    from styra.folder import load  # noqa: PLC0415
    from styra.folder.municipality import is_municipality, load_municipality  # noqa: PLC0415
    from styra.problems import Severity  # noqa: PLC0415

    folder = Path(args.folder)
    loaded = load_municipality(folder) if is_municipality(folder) else load(folder)
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


def _suffix(output: str) -> str:
    return os.path.splitext(output)[1].lower()


def output_problem(output: str | None, chosen: str | None) -> str:
    """Why the report cannot be written where and as asked, before any work is done."""
    if output is None:
        return ""
    from styra.command import output_problem as unwritable  # noqa: PLC0415

    implied = SUFFIXES.get(_suffix(output))
    if chosen and implied and implied != chosen:
        return _("filen {path} ser ut som {implied}, men --format är {chosen}").format(
            path=output, implied=implied, chosen=chosen
        )
    if not (chosen or implied or os.path.isdir(output)):
        return _(
            "filändelsen på {path} säger inte vilket format rapporten ska ha; ange --format "
            "(json, pdf, docx eller html) eller en fil som slutar på .json, .pdf, .docx eller "
            ".html"
        ).format(path=output)
    return unwritable(output)


def report_format(args: argparse.Namespace) -> str:
    """The format asked for, or the one the output file's suffix implies, or JSON."""
    implied = SUFFIXES.get(_suffix(args.output)) if args.output else None
    return str(args.format or implied or "json")


def run_report(args: argparse.Namespace) -> int:
    from styra.command import complain, folder_problem  # noqa: PLC0415

    wrong = folder_problem(args.folder) or output_problem(args.output, args.format)
    if wrong:
        complain("report", wrong)
        return 2
    from pathlib import Path  # noqa: PLC0415

    from styra.core.followup import compute  # noqa: PLC0415
    from styra.folder import load  # noqa: PLC0415
    from styra.folder.municipality import is_municipality  # noqa: PLC0415
    from styra.report.formats import RenderError  # noqa: PLC0415

    if is_municipality(Path(args.folder)):
        return _run_municipality_report(args)
    with _reading_ledgers(Path(args.folder)):
        loaded = load(Path(args.folder))
    print_problems(loaded.problems)
    if not loaded.ok or loaded.input is None:
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    followup = compute(loaded.input)
    if args.output is None and args.format is None and not args.json_stdout:
        from styra.report.summary import summary  # noqa: PLC0415

        sys.stdout.write(summary(followup))
        return 0
    try:
        content = RENDERERS[report_format(args)](loaded, followup)
    except RenderError as exc:
        print_problems(exc.problems)
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    return deliver(args.output, content)


def _run_municipality_report(args: argparse.Namespace) -> int:
    """``styra report`` on a municipality's folder: the compiled follow-up."""
    from pathlib import Path  # noqa: PLC0415

    from styra.folder.municipality import load_municipality  # noqa: PLC0415
    from styra.report.formats import MUNICIPALITY_RENDERERS, RenderError  # noqa: PLC0415
    from styra.report.municipality import compiled  # noqa: PLC0415

    with _reading_ledgers(Path(args.folder)):
        loaded = load_municipality(Path(args.folder))
    print_problems(loaded.problems)
    if not loaded.ok:
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    municipality = compiled(loaded)
    if args.output is None and args.format is None and not args.json_stdout:
        from styra.report.summary import municipality_summary  # noqa: PLC0415

        sys.stdout.write(municipality_summary(municipality))
        return 0
    fmt = report_format(args)
    render = MUNICIPALITY_RENDERERS.get(fmt)
    if render is None:
        from styra.command import complain  # noqa: PLC0415

        complain(
            "report",
            _("kommunens sammanställda rapport finns ännu inte som {format}; välj json").format(
                format=fmt
            ),
        )
        return 2
    try:
        content = render(loaded, municipality)
    except RenderError as exc:
        print_problems(exc.problems)
        print(_("Rapporten skapades inte: rätta felen ovan."), file=sys.stderr)
        return 1
    return deliver(args.output, content)


def _reading_ledgers(folder: Path) -> AbstractContextManager[None]:
    """A progress bar over the folder's SIE files (the long part of reading a large folder)."""
    from styra.command import reading_bar  # noqa: PLC0415

    files = [p for p in folder.rglob("*") if p.suffix.lower() in (".se", ".si", ".sie")]
    return reading_bar(files, _("Läser bokföringen"))


def deliver(output: str | None, content: bytes) -> int:
    """Write the report to the output file (atomically) or to standard output."""
    if output is None:
        sys.stdout.buffer.write(content)
        return 0
    from pathlib import Path  # noqa: PLC0415

    from styra.command import complain, os_problem  # noqa: PLC0415
    from styra.report.formats import write_atomically  # noqa: PLC0415

    try:
        write_atomically(Path(output), content)
    except OSError as exc:
        complain("report", os_problem(exc, output, writing=True))
        return 2
    print(_("Skrev {path}").format(path=output))
    return 0


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help=_("kontrollera en mapp med uppföljningsdata"),
        description=_(
            "Läser mappen och skriver varje problem som fil:rad: meddelande. Slutkod 0: inga "
            "fel (varningar får finnas); 1: mappen har fel; 2: fel användning."
        ),
    )
    check.add_argument(
        "folder", metavar=_("MAPP"), help=_("mappen med committee.yaml, goals.yaml och de andra")
    )
    check.set_defaults(func=run_check)


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help=_("beräkna uppföljningen och skriv rapporten"),
        description=_(
            "Beräknar uppföljningen ur mappen och skriver rapporten: utan --output och --format "
            "en sammanfattning i terminalen. Slutkod 0: skriven; 1: mappen har fel; 2: fel "
            "användning."
        ),
    )
    report.add_argument(
        "folder", metavar=_("MAPP"), help=_("mappen med committee.yaml, goals.yaml och de andra")
    )
    report.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        help=_("rapportens format; utan det avgör filändelsen"),
    )
    report.add_argument(
        "--output",
        "-o",
        metavar=_("FIL"),
        help=_("fil att skriva (.json, .pdf, .docx, .html); utan den skrivs en sammanfattning"),
    )
    report.add_argument("--json-stdout", action="store_true", help=argparse.SUPPRESS)
    report.set_defaults(func=run_report)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command in full, or only ``command`` in full when given.

    The other commands are then listed by name and help alone: their modules stay unloaded.
    argparse's own words follow the environment's language (``styra.i18n``).
    """
    speak_argparse(language())
    parser = argparse.ArgumentParser(
        prog="styra", description=_("Mål- och ekonomiuppföljning för kommuner och nämnder.")
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=_("KOMMANDO"),
        help=_("vad styra ska göra; styra KOMMANDO --help visar kommandots val"),
    )
    _add_check(commands)
    _add_report(commands)
    in_full = {module for name, (module, _help) in EXTENSIONS.items() if command in (None, name)}
    for name, (module_name, text) in EXTENSIONS.items():
        if name in commands.choices:
            continue  # added with another command of its module
        if module_name in in_full:
            _add_extension(module_name, commands)
        if name not in commands.choices:
            commands.add_parser(name, help=text, add_help=False)
    return parser


def _add_extension(
    module_name: str, commands: argparse._SubParsersAction[argparse.ArgumentParser]
) -> None:
    from importlib import import_module  # noqa: PLC0415

    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return  # not part of this installation; listed, and refused when run
        raise
    module.add_parser(commands)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``styra`` command and return its exit status."""
    try:
        try:
            return _run(sys.argv[1:] if argv is None else list(argv))
        finally:
            sys.stdout.flush()  # a closed output shows up here, not as a traceback at exit
    except BrokenPipeError:
        _discard_stdout()
        return 1


def _run(argv: list[str]) -> int:
    command = next((word for word in argv if not word.startswith("-")), "")
    args = build_parser(command).parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        print(
            _("styra: kommandot {command} finns inte i den här installationen").format(
                command=args.command
            ),
            file=sys.stderr,
        )
        return 2
    code: int = func(args)
    return code


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush succeeds."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's capture): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
