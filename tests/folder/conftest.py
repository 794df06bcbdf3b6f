import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example folder that a test may break."""
    target = tmp_path / "sydnarke"
    shutil.copytree(EXAMPLE, target)
    return target


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """The line number of the n-th line that contains ``text``."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return hits[occurrence - 1]
