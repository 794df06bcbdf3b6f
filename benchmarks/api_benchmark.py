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

import argparse
import http.client
import json
import multiprocessing
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_benchmark import (  # the web benchmark's seed and helpers, not a copy
    PROCESSES,
    SEED,
    drop_postgres,
    environment,
    free_port,
    make_folder,
    postgres_database,
    request,
)


def start(
    data: Path, database_url: str, clients: int
) -> tuple[subprocess.Popen[bytes], int, str, list[str]]:
    env = environment(data, database_url) | {"STYRA_API_REQUESTS_PER_MINUTE": "1000000"}
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, str(make_folder(data)), secrets.token_urlsafe(16)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if seeded.returncode != 0:
        raise SystemExit(f"seeding failed:\n{seeded.stderr}")
    period = seeded.stdout.strip().splitlines()[-1]
    tokens = [_token(env, i) for i in range(clients)]
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "styra.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            request(port, "GET", "/konto/logga-in/")
            return process, port, period, tokens
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _token(env: dict[str, str], index: int) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "styra.cli", "manage", "api_token", "create", "--user", "bench",
         "--municipality", "1814", "--scope", "read", "--name", f"benchmark-{index}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"no token:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def _clients(port: int, path: str, tokens: list[str], stop: float) -> tuple[list[float], int]:
    """One client process: a keep-alive connection per token until ``stop``."""
    latencies: list[list[float]] = [[] for _ in tokens]
    errors = [0] * len(tokens)

    def client(index: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[index]}"} if tokens[index] else {}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies[index].append(time.perf_counter() - began)
            errors[index] += not ok

    running = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    for t in running:
        t.start()
    for t in running:
        t.join()
    return [x for per in latencies for x in per], sum(errors)


def load(port: int, path: str, tokens: list[str], seconds: float) -> dict[str, float]:
    """One connection per token, spread over a few processes (the client's GIL)."""
    processes = min(PROCESSES, len(tokens))
    shares = [tokens[i::processes] for i in range(processes)]
    began = time.monotonic()
    stop = began + seconds
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.starmap(_clients, [(port, path, share, stop) for share in shares])
    elapsed = time.monotonic() - began
    found = sorted(x for latencies, _ in parts for x in latencies)
    return {
        "requests": len(found),
        "errors": sum(e for _, e in parts),
        "rps": len(found) / elapsed,
        "p50_ms": 1000 * found[len(found) // 2],
        "p95_ms": 1000 * found[int(len(found) * 0.95)],
        "p99_ms": 1000 * found[int(len(found) * 0.99)],
    }


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
    heads = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"  {'target':<10}" + "".join(f"{h:>9}" for h in heads) + f"{'errors':>8}")
    for target in ("api", "static"):
        r = result[target]
        assert isinstance(r, dict)
        print(
            f"  {target:<10}{r['requests']:>9}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>8}"
        )
    print(f"  p95 ratio, API / static file: {result['ratio']:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (role with CREATEDB)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    print(f"200 indicators through the API; {args.clients} clients, {args.seconds:g} s each")
    results = [run_one("SQLite", "", args.clients, args.seconds)]
    show(results[-1])
    if args.postgres:
        url, name = postgres_database(args.postgres)
        try:
            results.append(run_one("PostgreSQL", url, args.clients, args.seconds))
            show(results[-1])
        finally:
            drop_postgres(args.postgres, name)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
