"""Progress bars on long command-line work: shown on a terminal, never in a pipe.

``styra sie inspect``, ``styra sie convert`` and ``styra report`` draw a bar on standard
error over the bytes of SIE read, where standard error is a terminal; where it is not (a
pipe, a log, a script), the output is byte for byte what it was without bars.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from styra.progress import listening
from styra.sie.formats import read

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sydnarke-it-2024"
LEDGER = EXAMPLE / "ledger.se"


def _styra(*args: str, terminal: bool) -> tuple[str, str]:
    """The command's standard output, and its standard error as a terminal or a pipe shows it."""
    env = {**os.environ, "TQDM_MININTERVAL": "0"}
    env.pop("TQDM_DISABLE", None)
    command = [sys.executable, "-m", "styra.cli", *args]
    if not terminal:
        done = subprocess.run(
            command, check=False, capture_output=True, text=True, env=env, timeout=120
        )
        return done.stdout, done.stderr
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real size
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=side, env=env) as process:
        os.close(side)
        out = process.stdout.read() if process.stdout else b""
        process.wait(timeout=120)
    return out.decode(), _drain(main).decode("utf-8", "replace")


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


COMMANDS = [
    ("sie", "inspect", str(LEDGER)),
    ("report", str(EXAMPLE)),
]


@pytest.mark.slow  # styra in a subprocess, with and without a terminal
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_terminal_shows_a_bar_and_the_output_is_the_same(args: tuple[str, ...]) -> None:
    piped_out, piped_err = _styra(*args, terminal=False)
    shown_out, shown_err = _styra(*args, terminal=True)
    assert shown_out == piped_out
    assert "Läser" in shown_err and "\r" in shown_err and "B/s" in shown_err, shown_err
    assert "Läser" not in piped_err and "\r" not in piped_err


@pytest.mark.slow  # styra in a subprocess, with and without a terminal
def test_convert_writes_the_same_file_and_lines_with_and_without_a_terminal(
    tmp_path: Path,
) -> None:
    one, two = tmp_path / "a.csv", tmp_path / "b.csv"
    piped_out, piped_err = _styra(
        "sie", "convert", str(LEDGER), "--to", "csv", "-o", str(one), terminal=False
    )
    shown_out, shown_err = _styra(
        "sie", "convert", str(LEDGER), "--to", "csv", "-o", str(two), terminal=True
    )
    assert one.read_bytes() == two.read_bytes()
    assert shown_out.replace(str(two), str(one)) == piped_out
    assert piped_err == "" and "Läser ledger.se" in shown_err


@pytest.mark.slow  # styra in a subprocess, with and without a terminal
def test_a_pipe_gets_exactly_the_summary_and_nothing_on_standard_error() -> None:
    from styra.sie.summary import describe, render

    out, err = _styra("sie", "inspect", str(LEDGER), terminal=False)
    assert out == render(describe(read(LEDGER), str(LEDGER)))
    assert err == ""


@pytest.mark.parametrize("kernel", ["1", "0"])
def test_the_reader_tells_every_byte_once_on_either_path(
    kernel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRA_SIE_KERNEL", kernel)
    told: list[int] = []
    with listening(told.append):
        counted = read(LEDGER)
    plain = read(LEDGER)
    assert sum(told) == LEDGER.stat().st_size
    assert counted == plain
