"""argparse's own words in Swedish: the usage line, section titles, the help option, errors.

argparse marks its messages for gettext. This is their catalogue, message id to Swedish,
for Python 3.11 to 3.13; ``styra.i18n.speak_argparse`` hands it to argparse.
``tests/test_cli.py`` reads the running Python's argparse and fails, naming the message,
when a message id is missing here or a translation lost a placeholder: add it below.

An "argument" to argparse is often a value ("expected one argument"); Swedish says "värde"
there. Options are "val", positional arguments "argument".
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "val",
    "subcommands": "kommandon",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (standard: %(default)s)",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: varning: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val: %(value)r (välj bland %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "expected one argument": "ett värde väntades",
    "expected at most one argument": "högst ett värde väntades",
    "expected at least one argument": "minst ett värde väntades",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt val: %(option)s kan vara %(matches)s"
    ),
    "not allowed with argument %s": "inte tillåtet tillsammans med argumentet %s",
    "ignored explicit argument %r": "värdet %r ignorerades: valet tar inget värde",
    "unexpected option string: %s": "oväntat val: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "okänt kommando %(parser_name)r (välj bland %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    'argument "-" with mode %r': 'argumentet "-" med läget %r',
    "command '%(parser_name)s' is deprecated": "kommandot '%(parser_name)s' är föråldrat",
    "argument '%(argument_name)s' is deprecated": "argumentet '%(argument_name)s' är föråldrat",
    "option '%(option)s' is deprecated": "valet '%(option)s' är föråldrat",
    # Mistakes in a program's own parser, not in what a user typed; translated all the same.
    ".__call__() not defined": ".__call__() är inte definierad",
    "%r is not callable": "%r går inte att anropa",
    "'required' is an invalid argument for positionals": (
        "'required' är inte tillåtet för positionsargument"
    ),
    "mutually exclusive arguments must be optional": (
        "argument som utesluter varandra måste vara val"
    ),
    "cannot merge actions - two groups are named %r": (
        "kan inte slå ihop åtgärderna: två grupper heter %r"
    ),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ogiltigt val %(option)r: ska börja med tecknet %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "dest= krävs för val som %r",
    "invalid conflict_resolution value: %r": "ogiltigt värde för conflict_resolution: %r",
    "cannot have multiple subparser arguments": "kan inte ha flera kommandoargument",
    "conflicting subparser: %s": "kommandot finns redan: %s",
    "conflicting subparser alias: %s": "kommandots alias finns redan: %s",
}

PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s värde väntades", "%s värden väntades"),
    "conflicting option string: %s": ("valet finns redan: %s", "valen finns redan: %s"),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(msgid1: str, msgid2: str, n: int) -> str:
    forms = PLURALS.get(msgid1, (msgid1, msgid2))
    return forms[0] if n == 1 else forms[1]
