"""The ``styra`` command at its edges: bad flags, a closed output, paths of the wrong kind,
exit statuses, and argparse speaking Swedish (English when asked)."""

from __future__ import annotations

import argparse
import ast
import errno
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from styra.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What argparse says when it refuses ``argv``, which it must, with exit status 2."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


# -- 6. one check for a flag and its variable ------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--port", "99999"], "argumentet --port: 99999: ska vara minst 1 och högst 65535"),
        (["--port", "-5"], "argumentet --port: -5: ska vara minst 1 och högst 65535"),
        (["--port", "0"], "argumentet --port: 0: ska vara minst 1 och högst 65535"),
        (["--port", "åtta"], "argumentet --port: 'åtta': ska vara ett heltal"),
        (["--workers", "0"], "argumentet --workers: 0: ska vara minst 1 och högst 64"),
    ],
)
def test_serve_refuses_a_port_or_worker_count_out_of_range_before_starting(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["serve", *argv], capsys)
    assert err.splitlines()[-1] == f"styra serve: fel: {message}"
    assert "Traceback" not in err


def test_the_variable_is_checked_by_the_same_rule_as_the_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STYRA_PORT", "99999")
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "Styra startar inte: STYRA_PORT=99999: ska vara minst 1 och högst 65535\n"
    )


# -- 7. a closed output ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "unbuffered"),
    [
        (["sie", "inspect", str(EXAMPLE / "ledger.se"), "--json"], ""),
        (["sie", "inspect", str(EXAMPLE / "ledger.se"), "--json"], "1"),
        (["report", str(EXAMPLE)], ""),
        (["--help"], ""),
    ],
    ids=["sie-inspect-json", "sie-inspect-json-unbuffered", "report-summary", "help"],
)
def test_a_command_whose_output_is_closed_ends_quietly(argv: list[str], unbuffered: str) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        environment["PYTHONUNBUFFERED"] = unbuffered
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -1` does once it has its line, here before the first
    try:
        done = subprocess.run(
            [sys.executable, "-m", "styra.cli", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=environment,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 1


# -- 8. one convention for exit statuses, Swedish messages ------------------------------------


@pytest.mark.parametrize("name", ["r.txt", "rapport"])
def test_report_refuses_an_output_whose_name_says_no_format(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(EXAMPLE), "--output", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"styra report: filändelsen på {tmp_path / name} säger inte vilket")
    assert "ange --format (json, pdf, docx eller html)" in err
    assert list(tmp_path.iterdir()) == []


def test_report_writes_any_name_when_the_format_is_given(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    assert main(["report", str(EXAMPLE), "--format", "json", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_file_where_a_folder_belongs_is_wrong_use(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = EXAMPLE / "ledger.se"
    assert main([command, str(ledger)]) == 2
    assert (
        capsys.readouterr().err
        == f"styra {command}: {ledger} är en fil, inte en mapp; ange mappen\n"
    )


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_missing_folder_is_wrong_use(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas"
    assert main([command, str(missing)]) == 2
    assert capsys.readouterr().err == f"styra {command}: mappen {missing} finns inte\n"


def test_sie_convert_into_a_missing_folder_is_wrong_use_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "saknas" / "v.csv"
    assert main(["sie", "convert", str(EXAMPLE / "ledger.se"), "--to", "csv", "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"styra sie convert: mappen {out.parent} finns inte\n"


def test_a_failed_write_is_a_swedish_sentence_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(path: Path, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("styra.report.formats.write_atomically", full)
    out = tmp_path / "r.json"
    assert main(["report", str(EXAMPLE), "--output", str(out)]) == 2
    assert capsys.readouterr().err == f"styra report: kunde inte skriva {out}: disken är full\n"


WHERE = "/ut/r.json"


@pytest.mark.parametrize(
    ("error", "writing", "sentence"),
    [
        (FileNotFoundError(errno.ENOENT, "x"), True, "mappen /ut finns inte"),
        (FileNotFoundError(errno.ENOENT, "x"), False, f"filen {WHERE} finns inte"),
        (PermissionError(errno.EACCES, "x"), True, f"kunde inte skriva {WHERE}: behörighet saknas"),
        (IsADirectoryError(errno.EISDIR, "x"), False, f"kunde inte läsa {WHERE}: det är en mapp"),
        (OSError(errno.EROFS, "x"), True, f"kunde inte skriva {WHERE}: filsystemet är "
                                         "skrivskyddat"),
        (OSError(errno.EIO, "x"), False, f"kunde inte läsa {WHERE}: operativsystemet svarade med "
                                         f"felkod {errno.EIO}"),
    ],
)  # fmt: skip
def test_operating_system_errors_read_as_swedish(
    error: OSError, writing: bool, sentence: str
) -> None:
    from styra.command import os_problem

    assert os_problem(error, WHERE, writing=writing) == sentence


def test_sie_inspect_of_a_missing_file_is_wrong_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.se"
    assert main(["sie", "inspect", str(missing)]) == 2
    assert capsys.readouterr().err == f"styra sie inspect: filen {missing} finns inte\n"


# -- 9. argparse in Swedish, every argument with help ----------------------------------------


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from parsers(sub)


ENGLISH = ("usage:", "positional arguments", "options:", "show this help message",
           "FOLDER", "OUTPUT", "FILE", "HOST", "WORKERS", "REST", "KPI", "MUNICIPALITY",
           "YEAR", "ARCHIVE")  # fmt: skip


def test_every_help_page_is_swedish() -> None:
    found = list(parsers(build_parser()))
    assert len(found) >= 10
    for parser in found:
        text = parser.format_help()
        assert text.startswith("användning: "), parser.prog
        assert [w for w in ENGLISH if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)] == []


def test_every_argument_and_command_has_help() -> None:
    missing = []
    for parser in parsers(build_parser()):
        for action in parser._actions:
            if not action.help:
                missing.append(f"{parser.prog} {action.dest}")
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{parser.prog} {c.dest}" for c in action._choices_actions if not c.help
                ]
    assert missing == []


def test_styra_help_lists_each_command_as_its_module_describes_it() -> None:
    assert build_parser("").format_help() == build_parser().format_help()


def test_argparse_errors_are_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(["report"], capsys).endswith(
        "styra report: fel: följande argument krävs: MAPP\n"
    )
    err = refused(["report", str(EXAMPLE), "--format", "txt"], capsys)
    assert "argumentet --format: ogiltigt val: 'txt' (välj bland 'docx', 'html'" in err
    assert "okända argument: --snabbt" in refused(["check", str(EXAMPLE), "--snabbt"], capsys)


def test_english_when_the_environment_asks_for_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    err = refused(["report"], capsys)
    assert err.startswith("usage: styra report")
    assert "styra report: error: the following arguments are required: MAPP" in err
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert refused(["report"], capsys).startswith("användning: styra report")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "sv"),
        ({"LANG": "C.UTF-8"}, "sv"),
        ({"LANG": "de_DE.UTF-8"}, "sv"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "en_GB"}, "en"),
        ({"LANG": "sv_SE.UTF-8", "LANGUAGE": "de:en"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "sv:en"}, "sv"),
        ({"LC_MESSAGES": "en_IE@euro"}, "en"),
    ],
)
def test_the_language_is_read_as_gettext_reads_it(
    environment: dict[str, str], expected: str
) -> None:
    from styra.i18n import language

    assert language(environment) == expected


def argparse_messages() -> list[str]:
    """Every message id that this Python's argparse hands to gettext."""
    found = []
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def test_the_catalogue_has_every_message_of_this_pythons_argparse() -> None:
    from styra import argparse_sv

    messages = argparse_messages()
    assert "usage: " in messages and "expected %s argument" in messages
    known = argparse_sv.MESSAGES.keys() | argparse_sv.PLURALS.keys()
    assert sorted(set(messages) - known) == []


PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sdr]")


def test_each_translation_keeps_its_placeholders() -> None:
    from styra import argparse_sv

    pairs = [*argparse_sv.MESSAGES.items()]
    pairs += [(k, form) for k, forms in argparse_sv.PLURALS.items() for form in forms]
    for message, translation in pairs:
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(message))
