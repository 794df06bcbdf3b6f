"""Marks user-facing strings for translation without tying the core to Django.

The message ids are Swedish, the product's language; a translation catalogue may map
them to other languages. The web application uses Django's own gettext for its pages.

The command line speaks Swedish, argparse's own words included ("användning", the help
option, its errors; see ``styra.argparse_sv``), unless the environment asks for English the
way gettext reads it: the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``
that is set, a colon-separated list in ``LANGUAGE``. ``C`` and ``POSIX`` ask for nothing.
"""

from __future__ import annotations

import gettext as _gettext
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

_translations = _gettext.translation("styra", fallback=True)

SWEDISH = "sv"
ENGLISH = "en"
_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _(message: str) -> str:
    return _translations.gettext(message)


def language(environ: Mapping[str, str] | None = None) -> str:
    """``"en"`` when the environment prefers English to Swedish, else ``"sv"``."""
    environ = os.environ if environ is None else environ
    wanted = next((environ[v] for v in _VARIABLES if environ.get(v)), "")
    for name in wanted.split(":"):
        code = name.split(".")[0].split("@")[0].split("_")[0].lower()  # en_GB.UTF-8 → en
        if code in (SWEDISH, ENGLISH):
            return code
    return SWEDISH


def speak_argparse(chosen: str) -> None:
    """argparse's own words in ``chosen`` from now on in this process.

    argparse looks its messages up through the names ``_`` and ``ngettext`` that it imports
    from gettext; Python's gettext finds catalogues only as compiled ``.mo`` files chosen
    by the environment, which cannot say "Swedish unless English is asked for". So those
    two names are pointed at the Swedish catalogue, or back at gettext for English.
    """
    import argparse  # noqa: PLC0415 (loaded already by whoever parses)

    if chosen == SWEDISH:
        from styra import argparse_sv  # noqa: PLC0415

        catalogue = (argparse_sv.gettext, argparse_sv.ngettext)
    else:
        catalogue = (_gettext.gettext, _gettext.ngettext)
    # setattr: argparse's stubs declare neither name.
    setattr(argparse, "_", catalogue[0])  # noqa: B010
    setattr(argparse, "ngettext", catalogue[1])  # noqa: B010
