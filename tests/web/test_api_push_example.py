"""examples/api-push: the nightly push of the ticket system's figures, run as documented
against a live ``styra serve`` with a service account's token made by the command."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from styra.sources import Period, compute_indicator_value, parse_indicator_source
from tests.web.live import serve
from tests.web.test_api_schemathesis import manage, read

ROOT = Path(__file__).resolve().parents[2]
PUSH = ROOT / "examples" / "api-push"
# As examples/api-push/README.md and tests/sources/test_example.py have them: the ticket
# export's figures for 2024.
EXPECTED = {"1.1": "18", "1.5": "111", "1.6": "161", "1.7": "19"}
YESTERDAY = {"1.1": "20", "1.5": "120", "1.6": "170", "1.7": "22"}
NAME = "Ärendesystemet (API-nyckel Ärendesystemet)"
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"


def test_the_figures_to_push_are_what_the_ticket_export_gives() -> None:
    """figures.json holds what the ticket system reports: the same as the example's
    export computed by goals.yaml's rules."""
    goals = yaml.safe_load((EXAMPLE / "goals.yaml").read_text(encoding="utf-8"))["goals"]
    specs = {i["id"]: i["source"] for g in goals for i in g["indicators"] if i["id"] in EXPECTED}
    computed = {}
    for key, spec in specs.items():
        assert spec["kind"] == "ticket_export"
        source, problems = parse_indicator_source(spec, "goals.yaml")
        assert source is not None, problems
        value, problems = compute_indicator_value(source, EXAMPLE, Period.year(2024))
        assert value is not None, problems
        computed[key] = str(value.value)
    figures = json.loads((PUSH / "figures.json").read_text(encoding="utf-8"))["values"]
    assert computed == figures == EXPECTED


def _push(address: str, secret: str, figures: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))}
    done = subprocess.run(
        [sys.executable, str(PUSH / "push.py"), "sydnarkes-it", "2024-helar", str(figures)],
        env=env | {"STYRA_URL": address, "STYRA_TOKEN": secret},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_nightly_push_leaves_the_figures_with_the_token_and_time(tmp_path: Path) -> None:
    assert json.loads((PUSH / "figures.json").read_text(encoding="utf-8"))["values"] == EXPECTED
    with serve(tmp_path / "data", workers=2) as server:
        secret = manage(
            server, "api_token", "create", "--service", "--name", "Ärendesystemet",
            "--municipality", "1814", "--committee", "sydnarkes-it", "--role", "controller",
            "--scope", "write",
        ).splitlines()[-1]  # fmt: skip
        earlier = tmp_path / "igar.json"
        figures = json.loads((PUSH / "figures.json").read_text(encoding="utf-8"))
        earlier.write_text(json.dumps({**figures, "values": YESTERDAY}), encoding="utf-8")
        _push(server.address, secret, earlier)
        started = dt.datetime.now(dt.UTC)
        printed = _push(server.address, secret, PUSH / "figures.json")
        ended = dt.datetime.now(dt.UTC)
        path = "/api/v1/committees/sydnarkes-it/periods/2024-helar/indicators"
        found = {i["key"]: i for i in read(server, secret, path) if i["key"] in EXPECTED}
    assert [line.split("\t")[:2] for line in printed.splitlines()] == [
        [k, v] for k, v in EXPECTED.items()
    ]
    assert {k: i["value"] for k, i in found.items()} == EXPECTED
    for key, ind in found.items():
        assert ind["lineage"]["computed"] == EXPECTED[key]  # the export's own figure
        assert ind["lineage"]["file"] == "sources/arenden-2024.csv"
        assert ind["entered"]["by"] == NAME
        at = dt.datetime.fromisoformat(ind["entered"]["at"].replace("Z", "+00:00"))
        assert started <= at <= ended, (key, at, started, ended)
