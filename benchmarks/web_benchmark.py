"""Web benchmark: the overview page under 20 concurrent clients, beside a static file.

    uv run python benchmarks/web_benchmark.py [--seconds 30] [--clients 20]
        [--postgres postgres://styra:styra@127.0.0.1:5432/styra]

For each database (SQLite, and PostgreSQL when ``--postgres`` names a server whose role
may create databases), it makes a fresh database with one committee of 20 goals and 200
indicators (the example's finance and narrative), starts ``styra serve`` on a free
loopback port exactly as a user does (gunicorn, 2 workers × 4 threads), signs a reader in,
and then runs two loads of ``--seconds`` each from ``--clients`` keep-alive clients:

- the overview page of the period (``/n/<committee>/<period>/``);
- a static file served by whitenoise from the same server (the floor of the stack).

It prints p50, p95, p99 and requests per second for each, and the first (uncached)
overview request. Load goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sydnarke-it-2024"
GOALS, PER_GOAL = 20, 10
PROCESSES = 4  # client processes sharing the connections
SEED = """
import django, sys
django.setup()
from pathlib import Path
from django.core.management import call_command
from django.contrib.auth import get_user_model
from styra.web.followup import models as m
from styra.web.followup.folder_import import import_folder
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
host = m.Municipality.objects.create(code="1814", name="Lekebergs kommun")
committee = m.Committee.objects.create(name="Sydnärkes IT-nämnd", slug="bench", municipality=host)
result = import_folder(Path(sys.argv[1]), committee)
assert result.period is not None, [str(p) for p in result.problems]
user = get_user_model().objects.create_user("bench", password=sys.argv[2])
m.Assignment.objects.create(committee=committee, user=user, role="reader")
print(result.period.slug)
"""


def goals_yaml() -> str:
    lines = ["goals:"]
    for g in range(1, GOALS + 1):
        lines += [f'  - id: "{g}"', f"    name: Nämndmål {g} för benchmarken", "    indicators:"]
        for i in range(1, PER_GOAL + 1):
            value = 60 + (g * 7 + i * 13) % 45
            lines += [
                f'      - id: "{g}.{i}"',
                f"        name: Indikator {g}.{i}, andel av ärenden som klaras i tid",
                '        unit: "%"',
                f"        value: {value}",
                "        target: {kind: at_least, value: 80}",
            ]
    return "\n".join(lines) + "\n"


def make_folder(where: Path) -> Path:
    folder = where / "folder"
    shutil.copytree(EXAMPLE, folder)
    (folder / "goals.yaml").write_text(goals_yaml(), encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    period: str


def environment(data: Path, database_url: str) -> dict[str, str]:
    kept = ("STYRA_WORKERS", "STYRA_THREADS", "STYRA_KEEPALIVE", "STYRA_PG_HEALTH_CHECKS")
    env = {
        k: v
        for k, v in os.environ.items()
        if k in kept or not k.startswith(("STYRA_", "DATABASE_URL"))
    }
    env |= {
        "STYRA_DATA_DIR": str(data),
        "STYRA_DEMO": "0",
        "STYRA_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SETTINGS_MODULE": "styra.web.settings",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def seed(env: dict[str, str], data: Path, password: str) -> str:
    """The benchmark's committee in a fresh database (the bench user's ``password``); returns
    the period's slug."""
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, str(make_folder(data)), password],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if seeded.returncode != 0:
        raise SystemExit(f"seeding failed:\n{seeded.stderr}")
    return seeded.stdout.strip().splitlines()[-1]


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """``styra serve`` on a free port as a user starts it, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "styra.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            request(port, "GET", "/konto/logga-in/")
            return process, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def start(data: Path, database_url: str, password: str) -> Server:
    env = environment(data, database_url)
    period = seed(env, data, password)
    process, port = serve(env)
    return Server(process, port, period)


def request(
    port: int, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body or None, headers=headers or {})
    response = connection.getresponse()
    response.read()
    return response


def sign_in(port: int, password: str) -> str:
    page = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page.request("GET", "/konto/logga-in/")
    response = page.getresponse()
    html = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert csrf and token
    form = urllib.parse.urlencode(
        {"username": "bench", "password": password, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf.group(1)}",
    }
    done = request(port, "POST", "/konto/logga-in/", form, headers)
    session = re.search(r"sessionid=([^;]+)", done.getheader("Set-Cookie") or "")
    assert session, "sign-in failed"
    return f"sessionid={session.group(1)}"


def _clients(
    port: int, path: str, headers: list[dict[str, str]], stop: float
) -> tuple[list[float], int]:
    """One client process: a keep-alive connection per entry of ``headers`` (the headers that
    client sends) until ``stop``."""
    latencies: list[list[float]] = [[] for _ in headers]
    errors = [0] * len(headers)

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers[index])
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies[index].append(time.perf_counter() - began)
            errors[index] += not ok

    running = [threading.Thread(target=client, args=(i,)) for i in range(len(headers))]
    for t in running:
        t.start()
    for t in running:
        t.join()
    return [x for per in latencies for x in per], sum(errors)


def load_each(
    port: int, path: str, headers: list[dict[str, str]], seconds: float
) -> dict[str, float]:
    """A keep-alive connection per entry of ``headers`` (the headers that client sends),
    spread over a few processes, so the client's GIL does not queue; the figures of all."""
    processes = min(PROCESSES, len(headers))
    shares = [headers[i::processes] for i in range(processes)]
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


def load(port: int, path: str, cookie: str, clients: int, seconds: float) -> dict[str, float]:
    """``clients`` connections with the same session cookie."""
    return load_each(port, path, [{"Cookie": cookie}] * clients, seconds)


def run_one(name: str, database_url: str, clients: int, seconds: float) -> dict[str, object]:
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="styra-bench-") as tmp:
        server = start(Path(tmp), database_url, password)
        try:
            cookie = sign_in(server.port, password)
            overview = f"/n/bench/{server.period}/"
            began = time.perf_counter()
            first = request(server.port, "GET", overview, headers={"Cookie": cookie})
            assert first.status == 200, first.status
            cold_ms = 1000 * (time.perf_counter() - began)
            pages = load(server.port, overview, cookie, clients, seconds)
            static = load(server.port, "/static/followup/styra.css", cookie, clients, seconds)
        finally:
            server.process.terminate()
            server.process.wait(timeout=30)
    return {"database": name, "first_overview_ms": cold_ms, "overview": pages, "static": static}


def postgres_database(url: str) -> tuple[str, str]:
    """A fresh database beside the one the URL names; returns its URL and name."""
    name = f"styra_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def show_table(result: dict[str, object], targets: tuple[str, ...]) -> None:
    """The figures of each target's load, one row each."""
    heads = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"  {'target':<10}" + "".join(f"{h:>9}" for h in heads) + f"{'errors':>8}")
    for target in targets:
        r = result[target]
        assert isinstance(r, dict)
        print(
            f"  {target:<10}{r['requests']:>9}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>8}"
        )


def show(result: dict[str, object]) -> None:
    print(f"\n{result['database']}: first overview request {result['first_overview_ms']:.0f} ms")
    show_table(result, ("overview", "static"))


def arguments(doc: str) -> argparse.Namespace:
    """The command line both benchmarks take; ``doc``: the benchmark's docstring."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (role with CREATEDB)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args()


def run_all(
    args: argparse.Namespace,
    run_one: Callable[[str, str, int, float], dict[str, object]],
    show: Callable[[dict[str, object]], None],
) -> None:
    """``run_one`` on SQLite, then on a fresh PostgreSQL database when ``--postgres`` is
    given, each shown as it ends; all written to ``--json`` when given."""
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


def main() -> None:
    args = arguments(__doc__)
    size = f"{GOALS} goals, {GOALS * PER_GOAL} indicators"
    print(f"{size}; {args.clients} clients, {args.seconds:g} s each")
    run_all(args, run_one, show)


if __name__ == "__main__":
    main()
