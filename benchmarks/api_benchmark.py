"""API benchmark: an indicator list read through the API by 20 concurrent clients, beside a
static file served by the same server in the same run.

    uv run python benchmarks/api_benchmark.py [--seconds 30] [--clients 20]
        [--postgres postgres://styra:styra@127.0.0.1:5432/styra]

For each database (SQLite, and PostgreSQL when ``--postgres`` names a server whose role
may create databases) it seeds the web benchmark's committee (20 goals, 200 indicators,
the example's finance; ``web_benchmark.SEED``), makes one read token per client with
``styra manage api_token``, starts ``styra serve`` as a user does (gunicorn, 2 workers ×
4 threads) and runs two loads of ``--seconds`` each from ``--clients`` keep-alive clients:

- ``GET /api/v1/committees/bench/periods/<period>/indicators`` (200 indicators with
  values, assessments and lineage), each client with its own token;
- a static file served by whitenoise from the same server (the floor of the stack).

It prints p50, p95, p99 and requests per second for each, and the ratio of the p95s. The
limit per token is lifted for the run (the limit is counted all the same). Load goes to
127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_benchmark import (  # the web benchmark's seed and helpers, not a copy
    arguments,
    environment,
    load_each,
    request,
    run_all,
    seed,
    serve,
    show_table,
)


def start(
    data: Path, database_url: str, clients: int
) -> tuple[subprocess.Popen[bytes], int, str, list[str]]:
    env = environment(data, database_url) | {"STYRA_API_REQUESTS_PER_MINUTE": "1000000"}
    period = seed(env, data, secrets.token_urlsafe(16))
    tokens = [_token(env, i) for i in range(clients)]
    process, port = serve(env)
    return process, port, period, tokens


def _token(env: dict[str, str], index: int) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "styra.cli", "manage", "api_token", "create", "--user", "bench",
         "--municipality", "1814", "--scope", "read", "--name", f"benchmark-{index}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"no token:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def load(port: int, path: str, tokens: list[str], seconds: float) -> dict[str, float]:
    """One connection per token, each sending its own ("": none)."""
    headers = [{"Authorization": f"Bearer {t}"} if t else {} for t in tokens]
    return load_each(port, path, headers, seconds)


def run_one(name: str, database_url: str, clients: int, seconds: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="styra-api-bench-") as tmp:
        process, port, period, tokens = start(Path(tmp), database_url, clients)
        try:
            path = f"/api/v1/committees/bench/periods/{period}/indicators"
            headers = {"Authorization": f"Bearer {tokens[0]}"}
            began = time.perf_counter()
            first = request(port, "GET", path, headers=headers)
            assert first.status == 200, first.status
            cold_ms = 1000 * (time.perf_counter() - began)
            api = load(port, path, tokens, seconds)
            static = load(port, "/static/followup/styra.css", [""] * clients, seconds)
        finally:
            process.terminate()
            process.wait(timeout=30)
    ratio = api["p95_ms"] / static["p95_ms"]
    return {"database": name, "first_ms": cold_ms, "api": api, "static": static, "ratio": ratio}


def show(result: dict[str, object]) -> None:
    print(f"\n{result['database']}: first indicator list {result['first_ms']:.0f} ms")
    show_table(result, ("api", "static"))
    print(f"  p95 ratio, API / static file: {result['ratio']:.1f}")


def main() -> None:
    args = arguments(__doc__)
    print(f"200 indicators through the API; {args.clients} clients, {args.seconds:g} s each")
    run_all(args, run_one, show)


if __name__ == "__main__":
    main()
