"""An indicator's earlier years in goals.yaml, and its trend in the report."""

from __future__ import annotations

import json
from pathlib import Path

from styra.core.followup import compute
from styra.folder.loader import load
from styra.report.data import followup_data
from tests.folder.conftest import line_of


def with_history(folder: Path, text: str) -> Path:
    """Adds ``text`` (history lines) to indicator 1.5 (minska till 90 incidenter)."""
    path = folder / "goals.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if 'id: "1.5"' in line or "id: '1.5'" in line)
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()) + 2)  # under "- "
    block = "".join(f"{indent}{line}\n" for line in text.splitlines())
    lines.insert(at + 1, block)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def indicator(folder: Path, ident: str) -> dict:
    loaded = load(folder)
    assert loaded.ok and loaded.input is not None, [str(p) for p in loaded.problems]
    data = json.loads(json.dumps(followup_data(compute(loaded.input), loaded.extras)))
    return next(i for g in data["goals"] for i in g["indicators"] if i["id"] == ident)


def test_history_gives_a_trend_by_the_targets_direction(example: Path) -> None:
    with_history(example, 'history:\n  2022: 150\n  2023: "120,5"')
    found = indicator(example, "1.5")
    assert found["history"] == [{"year": 2022, "value": "150"}, {"year": 2023, "value": "120.5"}]
    # 1.5 is "minska till 90": 2024's value 111 (the model report's) is lower than
    # 2023's 120,5, so better.
    assert found["value"] == "111"
    assert found["trend"] == {
        "direction": "better",
        "word": "bättre",
        "symbol": "▲",
        "compared_with": {"year": 2023, "value": "120.5"},
        "text": "Bättre än 2023",
    }


def test_an_indicator_without_history_has_no_trend(example: Path) -> None:
    found = indicator(example, "1.5")
    assert (found["history"], found["trend"]) == ([], None)


def test_bad_history_is_named_at_its_line(example: Path) -> None:
    path = with_history(example, "history:\n  tjugo: 1\n  2024: 3\n  2023: mycket")
    found = [str(p) for p in load(example).problems]
    assert any(f"goals.yaml:{line_of(path, 'tjugo')}" in p and "inget årtal" in p for p in found)
    assert any(f"goals.yaml:{line_of(path, '2024: 3')}" in p and "före 2024" in p for p in found)
    assert any(f"goals.yaml:{line_of(path, 'mycket')}" in p for p in found), found
