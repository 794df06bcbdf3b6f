"""Schemathesis against a live ``styra serve``: every operation of /api/v1/openapi.json,
with valid and invalid input, every check (server errors, status codes, content types,
response schemas, headers, refused invalid data, auth ignored or not) and the stateful
phase over the links it infers, with 0 failures.

The generated slugs and ids would nearly always miss, so a hook (below, loaded by the
schemathesis process through SCHEMATHESIS_HOOKS) swaps in, some of the time, the real
committee, periods (the annual one and an imported delår with its forecasts) and ids.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import Server, serve

ROOT = Path(__file__).resolve().parents[2]
DELAR = ROOT / "examples" / "sydnarke-it-2024-delar"
ANNUAL = ROOT / "examples" / "sydnarke-it-2024"
ADOPT = (
    "from styra.web.followup import models as m; from styra.web.followup.reports import adopt; "
    "adopt(m.Period.objects.get(slug='fast').pk, None, reason='Schemathesis', open_items=1)"
)
REAL = "STYRA_SCHEMATHESIS_REAL"
EXAMPLES = os.environ.get("STYRA_SCHEMATHESIS_EXAMPLES", "15")
CONFIG = """
[checks.positive_data_acceptance]
# Valid by the schema, yet refused by the rules: a stale version (409), a rule the form
# keeps (422), an adopted period (423), what the token may not reach (403, 404).
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "423"]
"""


def manage(server: Server, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "styra.cli", "manage", *args],
        env=server.env | ({"DATABASE_URL": server.database_url} if server.database_url else {}),
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr[-3000:])
    return done.stdout.strip()


def read(server: Server, secret: str, path: str) -> Any:
    request = urllib.request.Request(
        server.address + path.lstrip("/"), headers={"Authorization": f"Bearer {secret}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # loopback only
        return json.loads(response.read())


def real_values(server: Server, secret: str) -> dict[str, list[dict[str, Any]]]:
    """Path parameters that exist, per kind of operation, for the hook to use."""
    slug = "sydnarkes-it"
    committees = read(server, secret, "/api/v1/committees")
    periods = [p["slug"] for c in committees if c["slug"] == slug for p in c["periods"]]
    found: dict[str, list[dict[str, Any]]] = {"committee": [{"slug": slug}], "period": []}
    for period in periods:
        at = {"slug": slug, "period": period}
        base = f"/api/v1/committees/{slug}/periods/{period}"
        found["period"].append(at)
        for i in read(server, secret, f"{base}/indicators"):
            found.setdefault("indicator", []).append({**at, "pk": i["id"]})
        for r in read(server, secret, f"{base}/operating"):
            if r["id"]:
                found.setdefault("line", []).append({**at, "pk": r["id"]})
        forecasts = read(server, secret, f"{base}/forecasts")
        for r in forecasts["lines"] + forecasts["projects"]:
            found.setdefault("forecast", []).append({**at, "kind": r["kind"], "pk": r["id"]})
        for r in forecasts["indicators"]:
            found.setdefault("forecast_indicator", []).append({**at, "pk": r["id"]})
        for v in read(server, secret, f"{base}/versions"):
            found.setdefault("version", []).append({**at, "number": v["number"]})
    return found


def kind_of(path: str) -> str:
    """Which real parameters fit an operation's path."""
    for marker, kind in (
        ("/forecasts/indicators/{pk}", "forecast_indicator"),
        ("/forecasts/{kind}/{pk}", "forecast"),
        ("/operating/{pk}", "line"),
        ("/indicators/{pk}", "indicator"),
        ("/versions/{number}", "version"),
        ("{period}", "period"),
    ):
        if marker in path:
            return kind
    return "committee"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # The limit per token is the documented one's business elsewhere (test_api_tokens);
    # here it would only make most answers 429.
    data = tmp_path_factory.mktemp("styra-api")
    with serve(data, workers=2, STYRA_API_REQUESTS_PER_MINUTE="1000000") as found:
        yield found


@pytest.mark.slow
def test_schemathesis_finds_no_failure_in_any_operation(server: Server, tmp_path: Path) -> None:
    manage(server, "import_folder", str(DELAR), "--committee", "sydnarkes-it")
    # A third period, adopted: report versions to download, and 423 for every write.
    manage(server, "import_folder", str(ANNUAL), "--committee", "sydnarkes-it", "--slug", "fast")
    manage(server, "shell", "-c", ADOPT)
    secret = manage(
        server, "api_token", "create", "--user", "ekonom", "--municipality", "1814",
        "--scope", "write", "--name", "schemathesis",
    ).splitlines()[-1]  # fmt: skip
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STYRA_", "DATABASE_URL"))}
    env |= {
        "SCHEMATHESIS_HOOKS": "tests.web.test_api_schemathesis",
        REAL: json.dumps(real_values(server, secret)),
        "PYTHONPATH": str(ROOT),
    }
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color",
            "run",
            server.address + "api/v1/openapi.json",
            "--header", f"Authorization: Bearer {secret}",
            "--checks", "all", "--max-examples", EXAMPLES, "--seed", "15", "--workers", "2",
            "--report", "junit", "--report-dir", str(tmp_path / "report"),
        ],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=1500, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    print(output[-6000:])
    print(f"schemathesis: {time.monotonic() - started:.0f} s")
    assert done.returncode == 0, output[-20000:]
    operations = sum(
        len(item) for item in read(server, secret, "/api/v1/openapi.json")["paths"].values()
    )
    assert f"Tested: {operations}" in output
    assert re.search(r"(\d+) generated, \1 passed", output), output[-3000:]
    assert "❌" not in output


def test_the_hook_swaps_in_parameters_that_fit_the_operation() -> None:
    found = {
        path: kind_of("/api/v1/committees/{slug}/periods/{period}" + path)
        for path in (
            "", "/goals", "/indicators/{pk}", "/indicators/{pk}/result",
            "/operating/{pk}/analysis", "/forecasts/{kind}/{pk}", "/forecasts/indicators/{pk}",
            "/versions/{number}/files/{fmt}",
        )
    }  # fmt: skip
    assert found == {
        "": "period",
        "/goals": "period",
        "/indicators/{pk}": "indicator",
        "/indicators/{pk}/result": "indicator",
        "/operating/{pk}/analysis": "line",
        "/forecasts/{kind}/{pk}": "forecast",
        "/forecasts/indicators/{pk}": "forecast_indicator",
        "/versions/{number}/files/{fmt}": "version",
    }
    assert kind_of("/api/v1/committees/{slug}") == "committee"


def _register_hooks() -> None:
    """Run in the schemathesis process only: swap real slugs and ids into some cases."""
    import schemathesis
    from hypothesis import strategies as st

    real: dict[str, list[dict[str, Any]]] = json.loads(os.environ[REAL])

    @schemathesis.hook
    def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
        if not path_parameters:
            return st.just(path_parameters)
        keep = st.just(dict(path_parameters))
        fitting = real.get(kind_of(context.operation.path), [])
        if not fitting:
            return keep
        swapped = st.sampled_from(fitting).map(lambda found: {**path_parameters, **found})
        return st.one_of(keep, swapped, swapped, swapped)

    @schemathesis.hook
    def flatmap_body(context: Any, body: Any) -> Any:
        if not isinstance(body, dict) or not isinstance(body.get("version"), int):
            return st.just(body)
        return st.one_of(st.just(body), st.integers(1, 3).map(lambda v: {**body, "version": v}))


if REAL in os.environ:
    _register_hooks()
