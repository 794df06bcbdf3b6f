"""The example's report built once per session, and rendered in each format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from styra.core.followup import FollowUp, compute
from styra.documents import render
from styra.documents.model import Document
from styra.folder import Loaded, load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"
SEED = ROOT / "tests" / "fixtures" / "model-report-sydnarke-it-2024.txt"


@pytest.fixture(scope="session")
def loaded() -> Loaded:
    result = load(EXAMPLE)
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def followup(loaded: Loaded) -> FollowUp:
    assert loaded.input is not None
    return compute(loaded.input)


@pytest.fixture(scope="session")
def document(loaded: Loaded, followup: FollowUp) -> Document:
    return render.document(loaded, followup)


@pytest.fixture(scope="session")
def pdf_bytes(loaded: Loaded, followup: FollowUp) -> bytes:
    return render.pdf(loaded, followup)


@pytest.fixture(scope="session")
def docx_bytes(loaded: Loaded, followup: FollowUp) -> bytes:
    return render.docx(loaded, followup)


@pytest.fixture(scope="session")
def html_bytes(loaded: Loaded, followup: FollowUp) -> bytes:
    return render.html(loaded, followup)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example folder that a test may change."""
    target = tmp_path / "sydnarke"
    shutil.copytree(EXAMPLE, target)
    return target
