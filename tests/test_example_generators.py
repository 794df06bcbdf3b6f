"""The example's ledger generator rebuilds ledger.se and budget.se byte for byte (issue 10,
item 14), so a change to the economy is made in generate_ledger.py and the files regenerated,
and the two never drift apart. The sources' generator has its own test beside the exports'
tests: tests/sources/test_example.py::test_the_generator_reproduces_the_committed_exports.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sydnarke-it-2024"


def test_the_ledger_generator_rebuilds_ledger_and_budget_byte_for_byte(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "styra_example_generate_ledger", EXAMPLE / "generate_ledger.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.se", "ledger.se"]
    for name in ("ledger.se", "budget.se"):
        made, committed = (tmp_path / name).read_bytes(), (EXAMPLE / name).read_bytes()
        assert made == committed, f"{name} differs: run generate_ledger.py and commit the result"
