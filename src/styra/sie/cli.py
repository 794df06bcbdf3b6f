"""``styra sie inspect FILE [--json]`` and ``styra sie convert FILE --to … --output …``.

Exit status 0 when the file has no error (warnings allowed), 1 when it has errors or was
refused, 2 for wrong use: a file that does not exist, an output that cannot be written
(``styra.command``). Never a traceback for a bad file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from styra.command import complain, file_problem, os_problem, output_problem, reading_bar
from styra.i18n import _
from styra.sie.convert import FORMATS, TABLES, convert
from styra.sie.formats import read
from styra.sie.summary import describe, render


def add_parser(subparsers: Any) -> None:
    sie = subparsers.add_parser(
        "sie", help=_("läs, kontrollera och konvertera SIE 4- och SIE 5-filer")
    )
    commands = sie.add_subparsers(
        dest="sie_command", required=True, metavar=_("KOMMANDO"), help=_("vad som ska göras")
    )
    inspect = commands.add_parser(
        "inspect", help=_("visa vad en SIE-fil innehåller och alla problem")
    )
    inspect.add_argument("file", type=Path, metavar=_("SIE-FIL"), help=_("SIE-filen att läsa"))
    inspect.add_argument("--json", action="store_true", help=_("skriv JSON för program"))
    inspect.set_defaults(func=run)
    conv = commands.add_parser(
        "convert", help=_("skriv verifikationer eller saldon som CSV, Excel eller JSON")
    )
    conv.add_argument("file", type=Path, metavar=_("SIE-FIL"), help=_("SIE-filen att läsa"))
    conv.add_argument(
        "--to", choices=FORMATS, required=True, dest="format", help=_("formatet att skriva")
    )
    conv.add_argument(
        "--output", "-o", type=Path, required=True, metavar=_("FIL"), help=_("filen att skriva")
    )
    conv.add_argument(
        "--table",
        choices=TABLES,
        default=None,
        help=_("verifikationer eller saldon; standard: verifikationer om filen har några"),
    )
    conv.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    command = f"sie {args.sie_command}"
    wrong = file_problem(str(args.file))
    if not wrong and args.sie_command == "convert":
        wrong = output_problem(str(args.output))
    if wrong:
        complain(command, wrong)
        return 2
    if args.sie_command == "inspect":
        return _inspect(args.file, args.json)
    return _convert(args.file, args.format, args.output, args.table)


def _read(file: Path) -> Any:
    """The file read, with a progress bar where standard error is a terminal."""
    with reading_bar([file], _("Läser {file}").format(file=file.name)):
        return read(file)


def _inspect(file: Path, as_json: bool) -> int:
    result = _read(file)
    summary = describe(result, str(file))
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render(summary))
    return 0 if result.ok else 1


def _convert(file: Path, fmt: str, output: Path, table: str | None) -> int:
    result = _read(file)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    doc = result.document
    if doc is None:
        print(_("Ingenting skrevs: filen kunde inte läsas in."), file=sys.stderr)
        return 1
    table = table or ("vouchers" if doc.voucher_count else "balances")
    partial = output.with_name(output.name + ".tmp")
    try:
        count = convert(doc, fmt, table, partial)
        os.replace(partial, output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        complain("sie convert", os_problem(exc, output, writing=True))
        return 2
    what = _("verifikationsrader") if table == "vouchers" else _("saldorader")
    print(_("Skrev {0} {1} till {2}").format(count, what, output))
    return 0 if result.ok else 1
