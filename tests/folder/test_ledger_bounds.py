"""The folder loader streams the ledger and budget: an over-long line is a problem with the
file and line, never the whole file (or the whole line) in memory (issue 9, "Trust")."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from styra.folder import load
from styra.sie.lexer import MAX_FIELD_BYTES, MAX_LINE_BYTES

FIFTEEN_MB = 15_000_000


def with_long_prosa(path: Path, size: int, field: int | None = None) -> None:
    """Put a #PROSA line of ``size`` bytes after line 5, in fields of at most ``field``."""
    lines = path.read_bytes().splitlines(keepends=True)
    words = [b"#PROSA"]
    while (left := size - len(b" ".join(words)) - 1) > 0:
        words.append(b"p" * min(left, field or left))
    prosa = b" ".join(words) + b"\n"
    assert len(prosa) == size + 1
    path.write_bytes(b"".join([*lines[:5], prosa, *lines[5:]]))


def test_an_over_long_ledger_line_is_named_with_the_file_and_its_line(example: Path) -> None:
    with_long_prosa(example / "ledger.se", FIFTEEN_MB)
    loaded = load(example)
    assert loaded.input is None
    found = [str(p) for p in loaded.problems if p.code == "sie-line-too-long"]
    assert len(found) == 1
    assert found[0].startswith("ledger.se:6: raden är 15\u202f000\u202f000 byte lång, men högst ")


def test_a_budget_line_at_the_limit_is_still_read(example: Path) -> None:
    with_long_prosa(example / "budget.se", MAX_LINE_BYTES, field=MAX_FIELD_BYTES)
    loaded = load(example)
    assert loaded.ok, [str(p) for p in loaded.problems]


def test_the_loader_never_reads_a_sie_file_whole(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_bytes = Path.read_bytes

    def whole(path: Path) -> bytes:
        assert path.suffix != ".se", f"{path.name} read whole"
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", whole)
    assert load(example).ok


CHILD = """
import json, sys
from pathlib import Path
from styra.folder import load

def peak_mb():
    with open("/proc/self/status") as status:  # this process's own peak (not ru_maxrss,
        for line in status:                    # which starts at the parent's on Linux)
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM")

loaded = load(Path(sys.argv[1]))
print(json.dumps({"peak": peak_mb(), "codes": [p.code for p in loaded.problems]}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_15_mb_ledger_line_costs_no_more_memory_than_the_example(
    example: Path, tmp_path: Path
) -> None:
    def child(folder: Path) -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,  # a guard against a hang, not a timing assertion
        )
        found: dict[str, object] = json.loads(done.stdout)
        return found

    baseline = child(example)
    with_long_prosa(example / "ledger.se", FIFTEEN_MB)
    measured = child(example)
    assert measured["codes"] == ["sie-line-too-long"]
    assert isinstance(measured["peak"], float) and isinstance(baseline["peak"], float)
    assert measured["peak"] - baseline["peak"] < 100
