"""``styra forecast MAPP``: a period's forecasts as an entry of forecast-history.yaml.

The year's later folders (the next month, the annual report) keep the forecasts made
before them as amounts (``styra.folder.history``). This command writes an interim or month
folder's forecasts in that form, to standard output or added to a history file with
``--into``. Exit 0: written; 1: the folder has errors or is an annual period; 2: wrong use
(the history file cannot be read or written, or already has a forecast for that date).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from styra.command import WRONG_USE, complain, os_problem
from styra.i18n import _

HEADER = "forecasts:\n"


def add_parser(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "forecast",
        help=_("skriv periodens prognoser som en post i forecast-history.yaml"),
        description=_(
            "Skriver en delårs- eller månadsmapps helårsprognoser som belopp, som en post i "
            "forecast-history.yaml, så att årets senare uppföljningar och årsredovisningen "
            "kan visa prognosförändring och prognossäkerhet. Slutkod 0: skrivet; 1: mappen "
            "har fel eller är en helårsperiod; 2: fel användning."
        ),
    )
    command.add_argument("folder", metavar=_("MAPP"), help=_("delårs- eller månadsmappen"))
    command.add_argument(
        "--into",
        metavar=_("FIL"),
        help=_("lägg posten sist i den här forecast-history.yaml (skapas om den saknas)"),
    )
    command.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from styra.core.cycle.interim import Interim  # noqa: PLC0415  (keeps --help quick)
    from styra.folder.history import history_entry  # noqa: PLC0415
    from styra.folder.loader import load  # noqa: PLC0415
    from styra.problems import has_errors  # noqa: PLC0415

    loaded = load(Path(args.folder))
    interim = loaded.extras.get("interim")
    if has_errors(loaded.problems) or not loaded.ok:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return 1
    if not isinstance(interim, Interim):
        complain(
            "forecast",
            _("{folder} är en helårsperiod; prognoser görs i delårs- och månadsmappar").format(
                folder=args.folder
            ),
        )
        return 1
    entry = history_entry(interim)
    if args.into is None:
        sys.stdout.write(HEADER + entry)
        return 0
    return _append(Path(args.into), entry, interim.period.end.isoformat())


def _append(path: Path, entry: str, end: str) -> int:
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_problem(exc, path, writing=False) if isinstance(exc, OSError) else str(exc)
        complain("forecast", reason)
        return WRONG_USE
    if f"- end: {end}\n" in text:
        complain(
            "forecast",
            _("{path} har redan en prognos per {end}; ta bort den först").format(
                path=path, end=end
            ),
        )
        return WRONG_USE
    if not text.endswith("\n"):
        text += "\n"
    try:
        path.write_text(text + entry, encoding="utf-8")
    except OSError as exc:
        complain("forecast", os_problem(exc, path, writing=True))
        return WRONG_USE
    print(_("La till prognosen per {end} i {path}.").format(end=end, path=path))
    return 0
