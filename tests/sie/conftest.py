"""Shared fixtures: the sample corpus in ../shared/sie-samples, read where it lies."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Beside the checkout, or where STYRA_SIE_SAMPLES says (.ci/run looks for it and sets it).
SAMPLES = Path(os.environ.get("STYRA_SIE_SAMPLES") or ROOT.parent / "shared" / "sie-samples")
SKIP_REASON = f"the SIE sample corpus is not present at {SAMPLES} (it is never copied here)"


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(
        p for p in SAMPLES.glob("*/*") if p.is_file() and p.suffix.lower() in (".se", ".si")
    )


def sample(folder: str, name: str) -> Path:
    path = SAMPLES / folder / name
    if not path.exists():
        pytest.skip(SKIP_REASON)
    return path


@dataclass(frozen=True)
class TableRow:
    """One row of a SOURCES.md file table (computed when the samples were collected)."""

    folder: str
    file: str
    encoding: str
    konto: int
    dims: int
    objects: int
    vouchers: int
    transactions: int
    psaldo: int
    pbudget: int
    ksumma: str


_ROW = re.compile(r"^\| (?P<file>[^|]+?) \| \d+ \| [0-9a-f]{12} \| (?P<rest>.*)\|$")


def table_rows() -> list[TableRow]:
    rows: list[TableRow] = []
    for sources in sorted(SAMPLES.glob("*/SOURCES.md")) if SAMPLES.is_dir() else []:
        for line in sources.read_text(encoding="utf-8").splitlines():
            match = _ROW.match(line)
            if match:
                rows.append(_table_row(sources.parent.name, match["file"], match["rest"]))
    return rows


def _table_row(folder: str, file: str, rest: str) -> TableRow:
    cells = [c.strip() for c in rest.split(" | ")]
    # encoding | EOL | SIETYP | PROGRAM | KONTO | DIM/OBJEKT | VER | TRANS | R/B | PSALDO |
    # PBUDGET | KSUMMA
    dims, objects = cells[5].split("/")
    return TableRow(
        folder, file, cells[0], int(cells[4]), int(dims), int(objects), int(cells[6]),
        int(cells[7]), int(cells[9]), int(cells[10]), cells[11],
    )  # fmt: skip
